"""The exceptions reviewwatch raises.

    ReviewwatchError              anything reviewwatch reports to a person
    ├── ConfigError               the configuration is missing, malformed or invalid
    │   └── SecretMissing         an env: secret is used but its variable is not set
    ├── InputError                a file or a JSON Lines row given by the user is unusable
    ├── CollectorError            a source could not be polled
    │   ├── SourceUnavailable     timeouts, connection errors, 5xx after the retries ran out
    │   ├── RateLimited           429 / 503 that outlasted the retries (carries retry_after)
    │   ├── AuthFailed            401: the credentials are wrong or expired
    │   ├── Blocked               403: the platform refuses this client
    │   └── ParseError            the payload is not what the platform sends
    ├── NotFound                  an id (draft, source, business, user) that does not exist
    ├── SchemaTooNew              the database was migrated by a newer reviewwatch
    ├── DraftBlocked              approval refused: the reply linter found errors
    ├── ReplaceUnconfirmed        approval refused: it would replace a reply, unconfirmed
    └── PublishError              the platform refused or failed to take an approved reply

A collector raises; the pipeline records the error on the source and goes on with the others.
The CLI turns any ReviewwatchError into one line on stderr.
"""

from __future__ import annotations


class ReviewwatchError(Exception):
    """Base of every error reviewwatch reports to a person."""


class ConfigError(ReviewwatchError):
    """The configuration is missing, malformed or invalid."""


class SecretMissing(ConfigError):
    """A command needs an `env:NAME` secret whose environment variable is not set."""


class InputError(ReviewwatchError):
    """A file or row given by the user cannot be used."""


class CollectorError(ReviewwatchError):
    """A source could not be polled. `state` is what the source's health shows."""

    state = "failing"


class SourceUnavailable(CollectorError):
    """Timeouts, connection errors or server errors that outlasted the retries."""


class RateLimited(CollectorError):
    """The platform asked us to slow down and the retries ran out."""

    state = "rate_limited"

    def __init__(self, message: str, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


class AuthFailed(CollectorError):
    """The platform rejected the credentials (401)."""

    state = "auth_failed"


class Blocked(CollectorError):
    """The platform refuses this client (403)."""

    state = "blocked"


class ParseError(CollectorError):
    """The payload is not what the platform sends."""

    state = "parse_error"


class NotFound(ReviewwatchError):
    """An id that does not exist."""


class SchemaTooNew(ReviewwatchError):
    """The database holds migrations this code does not know: a newer version made it."""


class DraftBlocked(ReviewwatchError):
    """Approval refused because the reply linter reported errors."""


class ReplaceUnconfirmed(ReviewwatchError):
    """The review already has an owner reply; approving would replace it without a yes."""


class PublishError(ReviewwatchError):
    """The platform refused or failed to take an approved reply.

    `permanent` is False for a failure worth retrying (a timeout, a 5xx, a 429);
    `retry_after` is the platform's Retry-After in seconds, when it gave one."""

    def __init__(self, message: str, permanent: bool = True, retry_after: float | None = None):
        super().__init__(message)
        self.permanent = permanent
        self.retry_after = retry_after
