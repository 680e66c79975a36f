"""TOML configuration -> validated settings.

Every problem is reported with the key's full path and what is wrong, for example
`businesses[0].sources[2].every: "5x" is not a duration like 30m or 2h`.
Values written `env:NAME` are read from the environment and held as `Secret`, whose
repr never shows the value, so a secret cannot leak through a log line or an error.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field, fields
from datetime import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reviewwatch import logsafe
from reviewwatch.errors import AuthFailed, ConfigError, SecretMissing  # noqa: F401 (re-exported)

DEFAULT_CONFIG_PATH = "config/reviewwatch.toml"
CONFIG_ENV = "REVIEWWATCH_CONFIG"
DEFAULT_EVERY = 3600
MIN_EVERY = 60
DEFAULT_UNHEALTHY_AFTER = 3
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_PAGES = 10
MAX_TRUSTED_PROXIES = 5
MAX_LLM_TIMEOUT = 600
MAX_LLM_TOKENS = 8192
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
DEFAULT_USER_AGENT = "reviewwatch/0.1 (+https://github.com/reviewwatch/reviewwatch)"

SOURCE_KINDS = (
    "appstore", "appstore_connect", "google_places", "google_business", "google_play", "yelp",
    "trustpilot", "schema_org", "rss", "hackernews", "reddit", "mastodon", "bluesky", "csv",
)
# Keys every source understands; anything else is the collector's own (checked by its spec).
COMMON_SOURCE_KEYS = {
    "name", "kind", "every", "base_url", "backfill_pages", "max_pages", "timeout",
    "max_bytes", "reply_limit", "unhealthy_after", "enabled",
}
_DURATION = re.compile(r"^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_ENV = re.compile(r"^env:([A-Za-z_][A-Za-z0-9_]*)$")
_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+$")


class Secret:
    """A value read from the environment; shown as *** everywhere but `.reveal()`.

    An `env:NAME` whose variable is not set is held as a missing Secret rather than refused
    when the config is read: only the command that uses it fails (`reveal()` raises
    SecretMissing naming the key and the variable), so `drafts list` works without the SMTP
    password. `config check` still lists every missing one."""

    __slots__ = ("name", "_value", "where")

    def __init__(self, name: str, value: str | None, where: str = ""):
        self.name = name
        self._value = value
        self.where = where
        logsafe.register(value)  # so that no log line can show it

    @property
    def present(self) -> bool:
        return self._value is not None

    def reveal(self) -> str:
        if self._value is None:
            raise SecretMissing(f"{self.where or 'a setting'}: environment variable "
                                f"{self.name} is not set")
        return self._value

    def __repr__(self) -> str:
        return f"Secret(env:{self.name})"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


def reveal(value: Any) -> Any:
    """The plain value of a Secret, or the value itself; SecretMissing if it is unset."""
    return value.reveal() if isinstance(value, Secret) else value


def available(value: Any) -> bool:
    """Whether a setting has a usable value (set, and not a missing env: secret)."""
    return bool(value) and not (isinstance(value, Secret) and not value.present)


@dataclass
class Source:
    name: str
    kind: str
    business_id: str
    every: int = DEFAULT_EVERY
    base_url: str | None = None
    backfill_pages: int | None = None
    max_pages: int = DEFAULT_MAX_PAGES
    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    reply_limit: int | None = None
    unhealthy_after: int = DEFAULT_UNHEALTHY_AFTER
    enabled: bool = True
    options: dict[str, Any] = field(default_factory=dict)
    keywords: list[str] = field(default_factory=list)  # the business's, for mention searches

    def option(self, key: str, default: Any = None) -> Any:
        """A collector-specific option, with Secrets revealed.

        A missing env: secret fails this source alone (auth_failed), not the whole cycle."""
        try:
            return reveal(self.options.get(key, default))
        except SecretMissing as e:
            raise AuthFailed(f"{self.name}: {e}") from None


@dataclass
class Business:
    id: str
    name: str
    timezone: str = "UTC"
    signature: str = ""
    contact: str = ""
    compensation: str | None = None
    keywords: list[str] = field(default_factory=list)
    language: str = "en"
    sources: list[Source] = field(default_factory=list)
    category: str | None = None
    competitors: list[str] = field(default_factory=list)
    aspects: dict[str, Any] = field(default_factory=dict)  # the business's own aspects
    profile: Any = None  # reviewwatch.profile.Profile

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass
class WebSettings:
    host: str = "127.0.0.1"
    port: int = 8765
    public_url: str = "http://127.0.0.1:8765"
    secret_key: Secret | str | None = None
    trusted_proxies: int = 0  # reverse proxies in front whose X-Forwarded-* headers count


@dataclass
class AlertSettings:
    slack_webhook_url: Secret | str | None = None
    quiet_hours: tuple[time, time] | None = None
    max_attempts: int = 8


@dataclass
class DigestSettings:
    send_at: time = time(8, 0)
    to: list[str] = field(default_factory=list)
    sender: str = "reviewwatch@localhost"


@dataclass
class SmtpSettings:
    host: str | None = None
    port: int = 587
    starttls: bool = True
    ssl: bool = False
    username: str | None = None
    password: Secret | str | None = None
    timeout: float = 30.0


@dataclass
class RetentionSettings:
    """How long history is kept; the scheduler prunes older rows once a day (0 keeps all)."""

    runs_days: int = 30  # per-poll run records
    outbox_days: int = 30  # delivered (sent or failed) alerts, digests and publish messages
    item_versions_days: int = 365  # earlier versions of edited reviews
    audit_days: int = 730  # who approved, rejected and logged in


@dataclass
class LlmSettings:
    endpoint: str | None = None  # unset: no LLM drafting
    model: str = "llama3"
    api_key: Secret | str | None = None
    timeout: float = 30.0  # seconds for one answer, in the worker; never in a collection
    max_tokens: int = 600  # bounds how long a local model writes
    json_mode: bool = True  # ask for response_format json_object

    @property
    def enabled(self) -> bool:
        """An endpoint is set, and its key (when it has one) is in the environment."""
        return available(self.endpoint) and (self.api_key is None or available(self.api_key))


@dataclass
class Settings:
    path: Path | None
    storage_path: Path
    web: WebSettings
    businesses: list[Business]
    alerts: AlertSettings
    digest: DigestSettings
    smtp: SmtpSettings
    llm: LlmSettings
    phrase_bank: Path | None = None
    user_agent: str = DEFAULT_USER_AGENT
    retention: RetentionSettings = field(default_factory=RetentionSettings)
    missing_secrets: list[str] = field(default_factory=list)  # "key: environment variable X..."
    triage_workers: int | None = None  # processes for a large backlog; None: one per core

    @property
    def sources(self) -> list[Source]:
        return [s for b in self.businesses for s in b.sources]

    def business(self, business_id: str) -> Business:
        for b in self.businesses:
            if b.id == business_id:
                return b
        raise ConfigError(f"unknown business {business_id!r}; the config has "
                          f"{', '.join(b.id for b in self.businesses) or 'none'}")

    def source(self, name: str) -> Source:
        for s in self.sources:
            if s.name == name:
                return s
        raise ConfigError(f"unknown source {name!r}; the config has "
                          f"{', '.join(s.name for s in self.sources) or 'none'}")


def parse_duration(text: str) -> int | None:
    """'30m' -> 1800; '1h30m' -> 5400; None when it is not a duration."""
    m = _DURATION.match(text.strip()) if isinstance(text, str) else None
    if not m or not any(m.groups()):
        return None
    d, h, mi, s = (int(g or 0) for g in m.groups())
    return ((d * 24 + h) * 60 + mi) * 60 + s


def parse_clock(text: str) -> time | None:
    m = re.fullmatch(r"(\d{1,2}):(\d{2})", text.strip()) if isinstance(text, str) else None
    if not m or int(m[1]) > 23 or int(m[2]) > 59:
        return None
    return time(int(m[1]), int(m[2]))


class _Checker:
    """Collects every problem, each with the path of its key."""

    def __init__(self, environ: dict[str, str]):
        self.problems: list[str] = []
        self.missing: list[str] = []  # env: secrets not set; only the command using one fails
        self.environ = environ

    def bad(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def table(self, data: dict, key: str, where: str) -> dict:
        value = data.get(key, {})
        if not isinstance(value, dict):
            self.bad(where, "must be a table")
            return {}
        return value

    def value(self, data: dict, key: str, where: str, kind: type | tuple, default: Any = None,
              required: bool = False) -> Any:
        if key not in data:
            if required:
                self.bad(where, "is required")
            return default
        value = data[key]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if isinstance(value, str) and str in kinds:
            m = _ENV.match(value)
            if m:
                name = m[1]
                if name not in self.environ:
                    self.missing.append(f"{where}: environment variable {name} is not set")
                    return Secret(name, None, where)
                return Secret(name, self.environ[name], where)
        ok = isinstance(value, kinds) and not (isinstance(value, bool) and bool not in kinds)
        if not ok:
            names = " or ".join(k.__name__ for k in kinds)
            self.bad(where, f"{_show(value)} is not a {_type_word(names)}")
            return default
        return value

    def unknown(self, data: dict, allowed: set[str], where: str) -> None:
        for key in data:
            if key not in allowed:
                self.bad(f"{where}.{key}" if where else key, "is not a known key")


def _type_word(names: str) -> str:
    return {"str": "string", "int": "whole number", "float": "number", "bool": "true or false",
            "list": "list", "int or float": "number"}.get(names, names)


def _show(value: Any) -> str:
    text = f'"{value}"' if isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def load(path: str | Path | None = None, environ: dict[str, str] | None = None) -> Settings:
    """Read and validate a config file; raises ConfigError naming every bad key."""
    path = Path(path or os.environ.get(CONFIG_ENV) or DEFAULT_CONFIG_PATH)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such config file (create one with `reviewwatch init`)") \
            from None
    except OSError as e:
        raise ConfigError(f"{path}: cannot read it ({e.strerror})") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: not valid TOML ({e})") from None
    return from_dict(data, path=path, environ=environ)


def from_dict(data: dict, path: Path | None = None,
              environ: dict[str, str] | None = None) -> Settings:
    """Validate a parsed config; raises ConfigError listing every problem."""
    c = _Checker(dict(os.environ) if environ is None else environ)
    base = path.parent if path else Path.cwd()
    if base.name == "config":  # relative paths are relative to the project, not config/
        base = base.parent
    c.unknown(data, {"storage", "web", "businesses", "alerts", "digest", "smtp", "llm",
                     "responders", "http", "retention"}, "")

    storage = c.table(data, "storage", "storage")
    c.unknown(storage, {"path", "triage_workers"}, "storage")
    workers_raw = storage.get("triage_workers", "auto") if isinstance(storage, dict) else "auto"
    triage_workers: int | None = None
    if workers_raw != "auto":
        if isinstance(workers_raw, bool) or not isinstance(workers_raw, int) or \
                not 0 <= workers_raw <= 64:
            c.bad("storage.triage_workers", "must be \"auto\" or a number of worker "
                  "processes from 0 (triage in the collecting process) to 64")
        else:
            triage_workers = workers_raw
    storage_path = Path(c.value(storage, "path", "storage.path", str, "reviewwatch.db"))
    if not storage_path.is_absolute():
        storage_path = base / storage_path

    web_t = c.table(data, "web", "web")
    c.unknown(web_t, {"host", "port", "public_url", "secret_key", "trusted_proxies"}, "web")
    web = WebSettings(
        host=c.value(web_t, "host", "web.host", str, "127.0.0.1"),
        port=c.value(web_t, "port", "web.port", int, 8765),
        secret_key=c.value(web_t, "secret_key", "web.secret_key", str, None),
        trusted_proxies=c.value(web_t, "trusted_proxies", "web.trusted_proxies", int, 0),
    )
    if not 0 <= web.trusted_proxies <= MAX_TRUSTED_PROXIES:
        c.bad("web.trusted_proxies", f"{web.trusted_proxies} must be 0 (no proxy) to "
                                     f"{MAX_TRUSTED_PROXIES}: how many proxies are in front")
        web.trusted_proxies = 0
    if not 0 <= web.port < 65536:
        c.bad("web.port", f"{web.port} is not a port number (1-65535, or 0 for any free port)")
    web.public_url = c.value(web_t, "public_url", "web.public_url", str,
                             f"http://{web.host}:{web.port}").rstrip("/")

    businesses = _businesses(c, data.get("businesses", []))
    alerts = _alerts(c, c.table(data, "alerts", "alerts"))
    digest = _digest(c, c.table(data, "digest", "digest"))
    smtp = _smtp(c, c.table(data, "smtp", "smtp"))
    retention = _retention(c, c.table(data, "retention", "retention"))
    llm = _llm(c, c.table(data, "llm", "llm"))
    resp_t = c.table(data, "responders", "responders")
    c.unknown(resp_t, {"phrase_bank"}, "responders")
    bank = c.value(resp_t, "phrase_bank", "responders.phrase_bank", str, None)
    phrase_bank = None
    if bank:
        phrase_bank = Path(bank) if Path(bank).is_absolute() else base / bank
        if not phrase_bank.exists():
            c.bad("responders.phrase_bank", f'"{bank}" does not exist')
        else:
            for problem in _bank_problems(phrase_bank):
                c.bad("responders.phrase_bank", f'"{bank}": {problem}')

    http_t = c.table(data, "http", "http")
    c.unknown(http_t, {"user_agent"}, "http")
    user_agent = c.value(http_t, "user_agent", "http.user_agent", str, DEFAULT_USER_AGENT)
    if isinstance(user_agent, str) and (not user_agent.strip() or "\n" in user_agent):
        c.bad("http.user_agent", "must be one non-empty line")

    if c.problems:
        error = ConfigError(_summary(path, c.problems))
        error.problems = c.problems  # type: ignore[attr-defined]
        raise error
    settings = Settings(path=path, storage_path=storage_path, web=web, businesses=businesses,
                        alerts=alerts, digest=digest, smtp=smtp, llm=llm,
                        phrase_bank=phrase_bank, user_agent=user_agent,
                        missing_secrets=c.missing, retention=retention,
                        triage_workers=triage_workers)
    return settings


def _llm(c: _Checker, t: dict[str, Any]) -> LlmSettings:
    """[llm]: an OpenAI-compatible chat endpoint, checked so a key never goes out in clear."""
    c.unknown(t, {"endpoint", "model", "api_key", "timeout", "max_tokens", "json_mode"}, "llm")
    llm = LlmSettings(
        endpoint=c.value(t, "endpoint", "llm.endpoint", str, None),
        model=c.value(t, "model", "llm.model", str, "llama3"),
        api_key=c.value(t, "api_key", "llm.api_key", str, None),
        timeout=float(c.value(t, "timeout", "llm.timeout", (int, float), 30.0)),
        max_tokens=c.value(t, "max_tokens", "llm.max_tokens", int, 600),
        json_mode=c.value(t, "json_mode", "llm.json_mode", bool, True),
    )
    endpoint = llm.endpoint.reveal() if isinstance(llm.endpoint, Secret) and \
        llm.endpoint.present else llm.endpoint
    if isinstance(endpoint, str):
        url = urlsplit(endpoint)
        if url.scheme not in ("http", "https") or not url.hostname:
            c.bad("llm.endpoint", "must be an http(s) URL such as http://127.0.0.1:11434/v1")
        elif url.username or url.password or url.query:
            c.bad("llm.endpoint", "must not hold credentials or a query; put the key in "
                                  "api_key = \"env:NAME\"")
        elif llm.api_key is not None and url.scheme == "http" and \
                url.hostname not in LOOPBACK_HOSTS:
            c.bad("llm.endpoint", "an api_key would go out unencrypted: use https, or a "
                                  "server on this machine")
    if not 0 < llm.timeout <= MAX_LLM_TIMEOUT:
        c.bad("llm.timeout", f"{llm.timeout:g} must be more than 0 and at most "
                             f"{MAX_LLM_TIMEOUT} seconds")
        llm.timeout = 30.0
    if not 16 <= llm.max_tokens <= MAX_LLM_TOKENS:
        c.bad("llm.max_tokens", f"{llm.max_tokens} must be 16 to {MAX_LLM_TOKENS}")
        llm.max_tokens = 600
    return llm


def _bank_problems(path: Path) -> list[str]:
    """What is wrong with a phrase bank file, so `config check` reports it up front."""
    import tomllib

    from responders.banks import validate

    try:
        return validate(tomllib.loads(path.read_text("utf-8")))
    except (OSError, UnicodeDecodeError) as e:
        return [f"cannot read it ({e})"]
    except tomllib.TOMLDecodeError as e:
        return [f"not valid TOML ({e})"]


def _summary(path: Path | None, problems: list[str]) -> str:
    head = f"{path}: " if path else ""
    more = f" (and {len(problems) - 1} more problem{'s' if len(problems) > 2 else ''})" \
        if len(problems) > 1 else ""
    return head + problems[0] + more


def problems_of(error: ConfigError) -> list[str]:
    """Every problem a ConfigError found, for `config check`."""
    return list(getattr(error, "problems", None) or [str(error)])


def _businesses(c: _Checker, raw: Any) -> list[Business]:
    out: list[Business] = []
    if not isinstance(raw, list):
        c.bad("businesses", "must be an array of tables ([[businesses]])")
        return out
    seen_ids: set[str] = set()
    seen_sources: set[str] = set()
    for i, b in enumerate(raw):
        where = f"businesses[{i}]"
        if not isinstance(b, dict):
            c.bad(where, "must be a table")
            continue
        c.unknown(b, {"id", "name", "timezone", "signature", "contact", "compensation",
                      "keywords", "language", "sources", "category", "competitors", "aspects",
                      "profile"}, where)
        bid = c.value(b, "id", f"{where}.id", str, f"business{i}", required=True)
        if isinstance(bid, str) and not _ID.match(bid):
            c.bad(f"{where}.id", f"{_show(bid)} must be letters, digits, '-', '_' or '.'")
        if bid in seen_ids:
            c.bad(f"{where}.id", f"{_show(bid)} is used by another business")
        seen_ids.add(bid)
        tz = c.value(b, "timezone", f"{where}.timezone", str, "UTC")
        try:
            ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            c.bad(f"{where}.timezone", f"{_show(tz)} is not a time zone like America/New_York")
            tz = "UTC"
        keywords = c.value(b, "keywords", f"{where}.keywords", list, [])
        if any(not isinstance(k, str) or not k.strip() for k in keywords):
            c.bad(f"{where}.keywords", "must be a list of non-empty strings")
            keywords = []
        business = Business(
            id=bid,
            name=c.value(b, "name", f"{where}.name", str, bid, required=True),
            timezone=tz,
            signature=c.value(b, "signature", f"{where}.signature", str, ""),
            contact=c.value(b, "contact", f"{where}.contact", str, ""),
            compensation=c.value(b, "compensation", f"{where}.compensation", str, None) or None,
            keywords=keywords,
            language=c.value(b, "language", f"{where}.language", str, "en"),
        )
        _understanding(c, b, business, where)
        sources = b.get("sources", [])
        if not isinstance(sources, list):
            c.bad(f"{where}.sources", "must be an array of tables ([[businesses.sources]])")
            sources = []
        for j, s in enumerate(sources):
            src = _source(c, s, f"{where}.sources[{j}]", business)
            if src is None:
                continue
            if src.name in seen_sources:
                c.bad(f"{where}.sources[{j}].name", f"{_show(src.name)} is used by another source")
            seen_sources.add(src.name)
            business.sources.append(src)
        out.append(business)
    return out


def _understanding(c: _Checker, b: dict, business: Business, where: str) -> None:
    """The category, competitors, own aspects and reply profile of a business."""
    from reviewwatch import profile
    from reviewwatch.triage.taxonomy import validate_extension

    category = c.value(b, "category", f"{where}.category", str, None)
    if category is not None and category not in profile.CATEGORIES:
        c.bad(f"{where}.category", f"{_show(category)} must be one of "
              f"{', '.join(profile.CATEGORIES)}")
        category = None
    business.category = category
    competitors = c.value(b, "competitors", f"{where}.competitors", list, [])
    if any(not isinstance(k, str) or not k.strip() for k in competitors):
        c.bad(f"{where}.competitors", "must be a list of company names")
        competitors = []
    business.competitors = competitors
    aspects = c.value(b, "aspects", f"{where}.aspects", dict, {})
    problems = validate_extension(aspects, f"{where}.aspects")
    for problem in problems:
        c.problems.append(problem)
    business.aspects = {} if problems else aspects
    business.profile = profile.parse(c, b.get("profile"), category, f"{where}.profile")


def _source(c: _Checker, s: Any, where: str, business: Business) -> Source | None:
    if not isinstance(s, dict):
        c.bad(where, "must be a table")
        return None
    name = c.value(s, "name", f"{where}.name", str, None, required=True)
    if isinstance(name, str) and not _ID.match(name):
        c.bad(f"{where}.name", f"{_show(name)} must be letters, digits, '-', '_' or '.'")
    kind = c.value(s, "kind", f"{where}.kind", str, None, required=True)
    if kind is not None and kind not in SOURCE_KINDS:
        c.bad(f"{where}.kind", f"{_show(kind)} is not a source kind; use one of "
                               f"{', '.join(SOURCE_KINDS)}")
        kind = None
    every_text = c.value(s, "every", f"{where}.every", str, "1h")
    every = parse_duration(every_text)
    if every is None:
        c.bad(f"{where}.every", f"{_show(every_text)} is not a duration like 30m or 2h")
        every = DEFAULT_EVERY
    elif every < MIN_EVERY:
        c.bad(f"{where}.every", f"{_show(every_text)} is too often; poll at most once a minute")
    base_url = c.value(s, "base_url", f"{where}.base_url", str, None)
    if base_url and not re.match(r"^https?://[^/\s]+/?$", base_url):
        c.bad(f"{where}.base_url", f"{_show(base_url)} must be a scheme and host such as "
                                   "http://127.0.0.1:9000, with no path")
    positive = {}
    for key, default in (("backfill_pages", None), ("max_pages", DEFAULT_MAX_PAGES),
                         ("max_bytes", DEFAULT_MAX_BYTES), ("reply_limit", None),
                         ("unhealthy_after", DEFAULT_UNHEALTHY_AFTER)):
        v = c.value(s, key, f"{where}.{key}", int, default)
        if v is not None and v < 1:
            c.bad(f"{where}.{key}", f"{v} must be 1 or more")
            v = default
        positive[key] = v
    timeout = float(c.value(s, "timeout", f"{where}.timeout", (int, float), DEFAULT_TIMEOUT))
    if timeout <= 0:
        c.bad(f"{where}.timeout", "must be more than 0 seconds")
    options: dict[str, Any] = {}
    for key in s:
        if key not in COMMON_SOURCE_KEYS:
            options[key] = c.value(s, key, f"{where}.{key}", (str, int, float, bool, list, dict))
    if kind:
        from reviewwatch.collectors import option_problems

        for key, message in option_problems(kind, options, business):
            c.bad(f"{where}.{key}" if key else where, message)
    return Source(
        name=name or "", kind=kind or "", business_id=business.id, every=every,
        base_url=base_url.rstrip("/") if base_url else None,
        timeout=timeout, enabled=bool(c.value(s, "enabled", f"{where}.enabled", bool, True)),
        options=options, keywords=list(business.keywords), **positive,
    )


def _retention(c: _Checker, t: dict) -> RetentionSettings:
    names = [f.name for f in fields(RetentionSettings)]
    c.unknown(t, set(names), "retention")
    r = RetentionSettings()
    for name in names:
        days = c.value(t, name, f"retention.{name}", int, getattr(r, name))
        if isinstance(days, int) and days < 0:
            c.bad(f"retention.{name}", f"{days} is negative; give days to keep, or 0 to keep all")
        else:
            setattr(r, name, days)
    return r


def _alerts(c: _Checker, t: dict) -> AlertSettings:
    c.unknown(t, {"slack_webhook_url", "quiet_hours", "max_attempts"}, "alerts")
    a = AlertSettings(
        slack_webhook_url=c.value(t, "slack_webhook_url", "alerts.slack_webhook_url", str, None),
        max_attempts=c.value(t, "max_attempts", "alerts.max_attempts", int, 8),
    )
    url = reveal(a.slack_webhook_url) if available(a.slack_webhook_url) else None
    if url and not re.match(r"^https?://", url):
        c.bad("alerts.slack_webhook_url", "is not an http(s) URL")  # never echo the value
    qh = c.value(t, "quiet_hours", "alerts.quiet_hours", str, None)
    if qh:
        parts = qh.split("-")
        times = [parse_clock(p) for p in parts] if len(parts) == 2 else [None]
        if None in times:
            c.bad("alerts.quiet_hours", f"{_show(qh)} is not a range like 22:00-07:00")
        else:
            a.quiet_hours = (times[0], times[1])  # type: ignore[assignment]
    return a


def _digest(c: _Checker, t: dict) -> DigestSettings:
    c.unknown(t, {"send_at", "to", "sender"}, "digest")
    send_at_text = c.value(t, "send_at", "digest.send_at", str, "08:00")
    send_at = parse_clock(send_at_text)
    if send_at is None:
        c.bad("digest.send_at", f"{_show(send_at_text)} is not a time like 08:00")
        send_at = time(8, 0)
    to = c.value(t, "to", "digest.to", list, [])
    for k, addr in enumerate(to):
        if not isinstance(addr, str) or not _EMAIL.match(addr):
            c.bad(f"digest.to[{k}]", f"{_show(addr)} is not an e-mail address")
    sender = c.value(t, "sender", "digest.sender", str, "reviewwatch@localhost")
    if not _EMAIL.match(sender):
        c.bad("digest.sender", f"{_show(sender)} is not an e-mail address")
    return DigestSettings(send_at=send_at, to=[a for a in to if isinstance(a, str)], sender=sender)


def _smtp(c: _Checker, t: dict) -> SmtpSettings:
    c.unknown(t, {"host", "port", "starttls", "ssl", "username", "password", "timeout"}, "smtp")
    s = SmtpSettings(
        host=c.value(t, "host", "smtp.host", str, None),
        port=c.value(t, "port", "smtp.port", int, 587),
        starttls=c.value(t, "starttls", "smtp.starttls", bool, True),
        ssl=c.value(t, "ssl", "smtp.ssl", bool, False),
        username=c.value(t, "username", "smtp.username", str, None),
        password=c.value(t, "password", "smtp.password", str, None),
        timeout=float(c.value(t, "timeout", "smtp.timeout", (int, float), 30.0)),
    )
    if not 0 < s.port < 65536:
        c.bad("smtp.port", f"{s.port} is not a port number (1-65535)")
    if s.ssl and s.starttls and "starttls" in t:
        c.bad("smtp.starttls", "cannot be used together with smtp.ssl")
    return s
