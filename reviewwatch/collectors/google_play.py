"""Google Play reviews from the Play Developer API `reviews.list`.

A service-account JSON key (inline from `env:`, or a file) is exchanged for an access token
through a JWT signed with that key (RS256). `reviews.list` pages with
`tokenPagination.nextPageToken`. Google only returns reviews created or changed in the
last week, so poll at least daily; older reviews come from a `csv` export.

Play joins a review's title and body with a TAB: they are split. `reviewerLanguage` is the
device's setting, not the text's language, so the language is detected from the text
(by triage). The `developerComment` is stored as the owner's reply.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx

from reviewwatch.collectors._paging import page_limit
from reviewwatch.collectors._util import iso_from_epoch
from reviewwatch.config import Source
from reviewwatch.errors import ParseError
from reviewwatch.http import dig, get_json
from reviewwatch.models import Item, Kind, State
from reviewwatch.publishers.google_auth import forget_on_refusal, service_account_token

KIND = "google_play"
ITEM_KIND = Kind.REVIEW
HOST = "https://androidpublisher.googleapis.com"
REQUIRED = ("package_name",)
OPTIONAL = ("service_account_json", "service_account_file")
DEFAULT_BACKFILL = 10
SCOPE = "https://www.googleapis.com/auth/androidpublisher"


def check_options(options: dict[str, Any], business: Any) -> list[tuple[str, str]]:
    """A service-account key is needed, inline or as a file."""
    if not options.get("service_account_json") and not options.get("service_account_file"):
        return [("service_account_json", "or service_account_file is required for google_play")]
    return []


async def _fetch(client: httpx.AsyncClient, source: Source, state: State) -> AsyncIterator[dict]:
    """Yield reviews newest first until one already stored is unchanged."""
    token = await service_account_token(client, source, SCOPE)
    url = f"{HOST}/androidpublisher/v3/applications/{source.option('package_name')}/reviews"
    page_token = None
    for _ in range(page_limit(source, state, DEFAULT_BACKFILL)):
        body = await get_json(client, source, url, state=state, secrets=(token,),
                              headers={"Authorization": f"Bearer {token}"},
                              params={"maxResults": 100, "token": page_token})
        reviews = body.get("reviews", [])
        if not isinstance(reviews, list):
            raise ParseError(f"{source.name}: 'reviews' is not a list")
        seen = False
        for review in reviews:
            seen = seen or state.seen(str(review.get("reviewId")))
            yield review
        page_token = dig(body, "tokenPagination", "nextPageToken")
        if seen or not page_token:
            break




def fetch(client: httpx.AsyncClient, source: Source, state: State) -> AsyncIterator[dict]:
    """The pages, newest first; a refused token is forgotten so the next poll gets a new one."""
    return forget_on_refusal(source, _fetch(client, source, state))


def split_title(text: str) -> tuple[str | None, str]:
    """(title, body) from Play's "title<TAB>body"; a text without a TAB is all body."""
    if "\t" not in text:
        return None, text.strip()
    title, body = text.split("\t", 1)
    return title.strip() or None, body.strip()


def normalize(raw: dict[str, Any], source: Source) -> Item:
    """One Play review: the user's latest comment, and the developer's reply if any."""
    comments = [c for c in raw.get("comments", []) if isinstance(c, dict)]
    comment = next((c["userComment"] for c in comments if "userComment" in c), {})
    reply = next((c["developerComment"] for c in comments if "developerComment" in c), {})
    title, body = split_title(comment.get("text") or "")
    changed = iso_from_epoch(dig(comment, "lastModified", "seconds"))
    return Item(source=source.name, external_id=str(raw["reviewId"]), kind=ITEM_KIND,
                author=raw.get("authorName"), rating=comment.get("starRating"),
                title=title, text=body,
                url=f"https://play.google.com/store/apps/details?id="
                    f"{source.option('package_name')}&reviewId={raw['reviewId']}",
                published_at=changed, updated_at=changed, language=None,
                reply_text=reply.get("text"),
                reply_at=iso_from_epoch(dig(reply, "lastModified", "seconds")), raw=raw,
                reply_known=True)
