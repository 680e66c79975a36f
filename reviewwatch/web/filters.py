"""Template filters shared by the pages: times in the business's own time zone."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import current_app

from reviewwatch.web.views import web


def parse_utc(text: str | None) -> datetime | None:
    """A stored ISO 8601 UTC timestamp as an aware datetime, or None when it is not one."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def zone_of(business_id: str | None) -> ZoneInfo | None:
    """The configured business's time zone, or None for an unknown business."""
    for b in current_app.settings.businesses:
        if b.id == business_id:
            return b.tz
    return None


@web.app_template_filter("localtime")
def localtime(text: str | None, business_id: str | None = None) -> str:
    """'2026-11-22T08:00:00Z' for a New York business -> '2026-11-22 03:00 EST'."""
    moment = parse_utc(text)
    if moment is None:
        return str(text or "")
    tz = zone_of(business_id) or UTC
    local = moment.astimezone(tz)
    return local.strftime("%Y-%m-%d %H:%M ") + (local.tzname() or "UTC")
