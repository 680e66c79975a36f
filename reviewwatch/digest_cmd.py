"""`reviewwatch digest`: build a business's daily digest, then send it or write its HTML."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from sqlite_utils import Database

from reviewwatch import db as store
from reviewwatch.config import Business, Settings
from reviewwatch.errors import ReviewwatchError


def local_today(business: Business) -> date:
    """Today in the business's timezone."""
    return datetime.now(business.tz).date()


def run(db: Database, settings: Settings, businesses: list[Business], day: date | None, *,
        send: bool, preview: Path | None) -> Iterator[str]:
    """Build each business's digest; yield one line per thing done."""
    from reviewwatch.notify.digest import build_digest

    for business in businesses:
        when = day or local_today(business)
        built = build_digest(db, settings, business.id, when)
        if preview:
            target = preview if len(businesses) == 1 else \
                preview.with_name(f"{preview.stem}-{business.id}{preview.suffix}")
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(built.html, "utf-8")
            except OSError as e:
                raise ReviewwatchError(f"{target}: cannot write the preview ({e.strerror})") \
                    from None
            yield f"wrote {target}; open {target.resolve().as_uri()} in a browser"
        if send:
            if not settings.digest.to:
                raise ReviewwatchError("digest.to is empty: name who receives the digest")
            if not settings.smtp.host:
                raise ReviewwatchError("smtp.host is not set: configure [smtp] to send e-mail")
            key = f"digest:{business.id}:{when.isoformat()}:manual:{store.utcnow()}"
            store.enqueue(db, "digest", key, {"business_id": business.id,
                                              "date": when.isoformat()}, business.id)
            yield f"queued the {when} digest for {business.id}"
    if send:
        from reviewwatch.http import make_client
        from reviewwatch.notify.outbox import deliver

        async def go() -> dict:
            async with make_client(settings.user_agent) as client:
                return await deliver(db, settings, client)

        result = asyncio.run(go())
        yield f"sent {result.get('sent', 0)}, failed {result.get('failed', 0)}, " \
              f"retrying {result.get('retrying', 0)}"
