"""A business's profile: what its customers had, who handles what, how to reach it, and what
its replies may promise. Every category has defaults, so a profile needs only what differs.

    [[businesses]]
    category = "airline"            # restaurant, hotel, product, app, airline, clinic, service
    competitors = ["Skyways"]       # a text about one of these is flagged for a person
      [businesses.profile]
      experience = "flight"         # what the customer had: visit, stay, order, flight, ...
      voice = "warm"                # or "formal"
      sign_off = "Sam, Bluejet Social Care"
      refund = false                # may a reply offer a refund? a replacement? a callback?
      replacement = false
      callback = true
      [businesses.profile.contact]  # the contact as a phrase per channel; {contact} is filled in
      review = "email {contact}"
      social = "DM us your booking code"
      [businesses.profile.teams]    # who a complaint about an aspect goes to
      baggage = "baggage services team"
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

CATEGORIES = ("restaurant", "hotel", "product", "app", "airline", "clinic", "service")
VOICES = ("warm", "formal")
SOCIAL_PLATFORMS = frozenset({"mastodon", "bluesky", "reddit", "hackernews", "rss"})
MANUAL_SOCIAL = frozenset({"reddit", "hackernews", "rss"})
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_PHONE = re.compile(r"\+?\d[\d ()-]{6,}\d")

# experience: the noun for what the customer had; the team a complaint with no aspect goes to.
DEFAULTS: dict[str, dict[str, Any]] = {
    "restaurant": {"experience": "visit", "default_team": "team", "refund": False,
                   "replacement": False, "callback": True,
                   # the people who serve and seat guests own rudeness and waits there
                   "teams": {"staff": "floor team", "wait_time": "floor team",
                             "cleanliness": "floor team"}},  # housekeeping is a hotel's
    "hotel": {"experience": "stay", "default_team": "hotel team", "refund": False,
              "replacement": False, "callback": True,
              "teams": {"staff": "front desk team", "wait_time": "front desk team"}},
    "product": {"experience": "purchase", "default_team": "product team", "refund": False,
                "replacement": True, "callback": True,
                "teams": {"cleanliness": "quality team"}},  # a stain or a smell on arrival
    "app": {"experience": "the app", "default_team": "app team",
            "refund": False, "replacement": False, "callback": False},
    "airline": {"experience": "trip", "default_team": "customer care team", "refund": False,
                "replacement": False, "callback": False,
                # (not the crew a post about a dirty cabin may praise)
                "teams": {"cleanliness": "cabin cleaning team"}},
    "clinic": {"experience": "appointment", "default_team": "practice team", "refund": False,
               "replacement": False, "callback": True,
               "teams": {"cleanliness": "practice team"}},
    "service": {"experience": "job", "default_team": "service team", "refund": False,
                "replacement": False, "callback": True,
                "teams": {"cleanliness": "service team"}},
}
GENERIC = {"experience": "experience", "default_team": "team", "refund": False,
           "replacement": False, "callback": True}


@dataclass
class Profile:
    category: str | None = None
    experience: str = "experience"
    voice: str = "warm"
    sign_off: str = ""
    refund: bool = False
    replacement: bool = False
    callback: bool = True
    contact: dict[str, str] = field(default_factory=dict)  # channel kind -> phrase template
    teams: dict[str, str] = field(default_factory=dict)
    default_team: str = "team"

    def contact_phrase(self, contact: str, platform: str | None) -> str:
        """How to reach the business, as a verb phrase ("email care@x.example")."""
        # Hacker News has no private messages: a reply there points to the e-mail contact
        channel = "social" if platform in SOCIAL_PLATFORMS and platform != "hackernews" \
            else "review"
        template = self.contact.get(platform or "") or self.contact.get(channel)
        if template:
            return template.replace("{contact}", contact).strip()
        if channel == "social":
            return "send us a direct message"
        email = _EMAIL.search(contact or "")
        if email:
            return f"email {email.group(0)}"
        phone = _PHONE.search(contact or "")
        if phone:
            return f"call us on {phone.group(0).strip()}"
        return f"contact us at {contact}" if contact else "contact us"

    def team_for(self, aspect: str | None, taxonomy_team: str | None) -> str:
        if aspect and aspect in self.teams:
            return self.teams[aspect]
        return taxonomy_team or self.default_team


def parse(c: Any, raw: Any, category: str | None, where: str) -> Profile:
    """The profile of one business from its `profile` table, validated through the checker."""
    base = {**(DEFAULTS.get(category or "") or GENERIC)}
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        c.bad(where, "must be a table")
        raw = {}
    c.unknown(raw, {"experience", "voice", "sign_off", "refund", "replacement", "callback",
                    "contact", "teams"}, where)
    voice = c.value(raw, "voice", f"{where}.voice", str, "warm")
    if voice not in VOICES:
        c.bad(f"{where}.voice", f"must be one of {', '.join(VOICES)}")
        voice = "warm"
    contact = c.value(raw, "contact", f"{where}.contact", dict, {})
    for key, phrase in list(contact.items()):
        if not isinstance(phrase, str) or not phrase.strip():
            c.bad(f"{where}.contact.{key}", "must be a phrase such as \"email {contact}\"")
            contact.pop(key)
        elif _sentence_like(phrase):
            c.bad(f"{where}.contact.{key}", "must be a verb phrase that fits after 'Please': "
                  "\"email {contact}\", \"DM us your booking code\", not a sentence")
    teams = c.value(raw, "teams", f"{where}.teams", dict, {})
    for key, team in list(teams.items()):
        if not isinstance(team, str) or not team.strip():
            c.bad(f"{where}.teams.{key}", "must be a team's name such as \"kitchen team\"")
            teams.pop(key)
    return Profile(
        category=category,
        experience=c.value(raw, "experience", f"{where}.experience", str, base["experience"]),
        voice=voice,
        sign_off=c.value(raw, "sign_off", f"{where}.sign_off", str, ""),
        refund=c.value(raw, "refund", f"{where}.refund", bool, base["refund"]),
        replacement=c.value(raw, "replacement", f"{where}.replacement", bool,
                            base["replacement"]),
        callback=c.value(raw, "callback", f"{where}.callback", bool, base["callback"]),
        contact={str(k): v for k, v in contact.items()},
        teams={**base.get("teams", {}), **{str(k): v for k, v in teams.items()}},
        default_team=base["default_team"],
    )


def _sentence_like(phrase: str) -> bool:
    """A contact phrase that is a whole sentence ('Please DM us.') cannot follow 'Please'."""
    p = phrase.strip()
    return p.endswith((".", "!", "?")) or p.lower().startswith(("please", "you can", "contact "
                                                                 "me at dm"))
