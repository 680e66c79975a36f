"""Human names for the triage's complaint aspect ids, for pages, digests and alerts.

The ids (`food_quality`) are the triage's stable contract; people read "Food quality".
An id this table does not know yet still reads well: underscores become spaces and the
first letter is capitalised.
"""

from __future__ import annotations

NAMES = {
    "wait_time": "Waiting",
    "staff_attitude": "Staff attitude",
    "food_quality": "Food quality",
    "cleanliness": "Cleanliness",
    "noise": "Noise",
    "room_quality": "Room quality",
    "price_value": "Price and value",
    "billing": "Billing",
    "refund": "Refunds",
    "delivery": "Delivery",
    "product_defect": "Defective product",
    "app_crash": "App crashes",
    "app_bug": "App bugs",
    "app_login": "Logging in",
    "app_performance": "App speed and battery",
    "ads": "Ads",
    "subscription": "Subscriptions",
    "support_unresponsive": "Unanswered support",
    "booking": "Bookings",
    "privacy": "Privacy",
    "safety": "Safety",
    "discrimination": "Discrimination",
    "legal": "Legal threats",
    "food_poisoning": "Food poisoning",
}


def _taxonomy_names() -> dict[str, str]:
    """The names the triage taxonomies give their aspects (every category)."""
    from reviewwatch.triage.taxonomy import build

    return {a.id: a.name for a in build(None).aspects.values()}


def aspect_name(aspect_id: str | None) -> str:
    """'food_quality' -> 'Food quality'; an unknown id is made readable the same way."""
    if not aspect_id:
        return ""
    known = NAMES.get(aspect_id) or _taxonomy_names().get(aspect_id)
    if known:
        return known
    words = " ".join(str(aspect_id).replace("_", " ").split())
    return words[:1].upper() + words[1:]
