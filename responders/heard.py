"""The HEARD composer: Hear, Empathize, Apologize, Resolve, Diagnose.

A negative or mixed item gets the five moves in that order, each a labelled part. Praise
gets thanks that echo what the customer liked, and an invitation back. A question in a
mention gets a short pointer to the contact. Wording comes from a validated phrase bank,
chosen deterministically per review; what the customer complained about comes from the
triage's aspects and evidence, so the reply says back their specific complaint.
"""

from __future__ import annotations

import re
from typing import Any

from responders import banks
from responders.names import first_name

NEGATIVE_LABELS = ("negative", "mixed")
GENERIC_COMPLAINT = "the problems you ran into"
MAX_LIKED_CHARS = 60

# How each aspect is said back when the evidence cannot be used as it stands.
COMPLAINT = {
    "wait_time": "the long wait", "staff_attitude": "the way you were treated",
    "food_quality": "the quality of your food", "cleanliness": "the cleanliness problems",
    "noise": "the noise", "room_quality": "the state of your room",
    "price_value": "feeling you didn't get value for your money",
    "billing": "the problem with your bill", "refund": "the trouble getting your refund",
    "delivery": "the problem with your delivery", "product_defect": "the product failing you",
    "app_crash": "the app crashing", "app_bug": "the bugs you ran into",
    "app_login": "not being able to log in", "app_performance": "the app being slow",
    "ads": "the ads getting in your way", "subscription": "the trouble with your subscription",
    "support_unresponsive": "not getting an answer from us",
    "booking": "the problem with your booking",
    "privacy": "how your personal data was handled", "safety": "the safety problem you describe",
    "discrimination": "the way you were treated", "legal": "the problem you describe",
    "food_poisoning": "falling ill after your meal",
}
# Where the cause is looked for, per aspect (Diagnose). It names a process, never a person.
FIX_AREA = {
    "wait_time": "how we schedule and pace orders at busy times",
    "staff_attitude": "how we train and support our team on welcoming every guest",
    "food_quality": "our kitchen's preparation and quality checks",
    "cleanliness": "our cleaning schedule and checks",
    "noise": "how we handle noise and room placement",
    "room_quality": "our room maintenance checks",
    "price_value": "our pricing and what it includes", "billing": "our billing system",
    "refund": "our refund process", "delivery": "our dispatch and delivery process",
    "product_defect": "our quality control", "app_crash": "the crash reports from this release",
    "app_bug": "the bug reports for this release", "app_login": "our sign-in system",
    "app_performance": "the app's performance", "ads": "how and where we show ads",
    "subscription": "how our subscriptions and renewals work",
    "support_unresponsive": "how our support team's queue is handled",
    "booking": "our reservation system", "safety": "our safety procedures",
    "privacy": "how we share and protect customers' personal data",
    "discrimination": "our standards of conduct and training",
    "legal": "what happened, with the care it deserves",
    "food_poisoning": "our food safety procedures from delivery to plate",
}
EMPATHY_GROUP = {
    "wait_time": "waiting", "support_unresponsive": "waiting", "delivery": "waiting",
    "billing": "money", "refund": "money", "price_value": "money", "subscription": "money",
    "product_defect": "broken", "app_crash": "broken", "app_bug": "broken",
    "app_login": "broken", "app_performance": "broken", "room_quality": "broken",
    "staff_attitude": "people", "booking": "people", "privacy": "people",
}
SEVERE = ("safety", "discrimination", "legal", "food_poisoning")
_PASSIVE = re.compile(r"^(?:charged|double[- ]charged|billed|overcharged|over charged|ignored|"
                      r"yelled at|locked out|treated)\b")
_WAITED = re.compile(r"^(?:waited|waiting|wait|sat(?: there)?|held|queued)\b(?: for)?(.*)$")
_LIKED = re.compile(
    r"\b(?:love|loved|loving|enjoy|enjoyed|great|amazing|excellent|fantastic|friendly|"
    r"delicious|helpful|beautiful|perfect|wonderful|awesome|best|lovely|superb)\s+"
    r"(?:the |your |this |their |how |all the )?([a-z][a-z-]+(?: [a-z][a-z-]+)?)", re.I)
_STOP_LIKED = frozenset({"and", "but", "it", "to", "so", "a", "an", "is", "was", "of", "for",
                         "app", "place", "time", "experience", "job", "thing", "one", "i",
                         "we", "very", "really", "too", "just"})


def complaint_phrase(aspect: str | None, evidence: str | None,
                     generic: str = GENERIC_COMPLAINT) -> str:
    """The customer's complaint in plain words: 'waiting 45 minutes', 'being charged twice'."""
    ev = " ".join((evidence or "").lower().split())
    if ev:
        waited = _WAITED.match(ev)
        if waited and re.search(r"\d|hour|minute|forever|ages", waited.group(1)):
            return "waiting" + waited.group(1).rstrip(" .,")
        if _PASSIVE.match(ev):
            return "being " + ev
    if aspect is None and ev and len(ev.split()) <= 6:
        return f"what you described as \u201c{ev}\u201d"
    return COMPLAINT.get(aspect or "", generic)


def liked_phrase(text: str) -> str | None:
    """What a happy customer praised, e.g. 'the habit streaks', or None."""
    for m in _LIKED.finditer(text[:5000]):
        words = [w for w in m.group(1).split() if w.lower() not in _STOP_LIKED]
        if words:
            phrase = " ".join(m.group(1).split()[:len(words) + 1])
            phrase = " ".join(w for w in phrase.split() if w.lower() not in _STOP_LIKED)
            if phrase:
                return ("the " + phrase.lower())[:MAX_LIKED_CHARS]
    return None


def person_of(signature: str) -> str:
    """The person in a signature such as 'Maria Lopez, General Manager'."""
    return signature.split(",")[0].strip() or signature


def _formal(item: dict[str, Any], triage: dict[str, Any]) -> bool:
    text = (item.get("text") or "")[:2000]
    return triage.get("priority") == "urgent" or bool(re.match(r"\s*(?:dear|to whom)\b", text,
                                                               re.I))


def compose(item: dict[str, Any], triage: dict[str, Any], business: Any, *,
            bank: dict[str, Any], short: bool = False) -> list[dict[str, str]]:
    """The labelled parts of a reply (empty when the item warrants none)."""
    seed = str(item.get("external_id") or item.get("id") or "") + "|" + \
        (item.get("text") or "")[:500]
    signature = (getattr(business, "signature", "") or "").strip() or \
        banks.pick(bank["words"]["team"], "", "team")
    contact = (getattr(business, "contact", "") or "").strip()
    values = {
        "business": getattr(business, "name", None) or "us",
        "signature": signature, "person": person_of(signature),
        "contact": contact or banks.pick(bank["words"]["contact_fallback"], "", "contact"),
        "compensation": getattr(business, "compensation", None) or "",
    }
    formal = _formal(item, triage)
    name = first_name(item.get("author"))
    english = bank.get("language", "en") == "en"

    def choose(section: str, key: str, slot: str | None = None) -> str:
        return banks.fill(banks.pick(bank[section][key], seed, slot or f"{section}.{key}"),
                          values)

    label = triage.get("label")
    kind = item.get("kind") or "review"
    parts: list[dict[str, str]] = []
    if label in NEGATIVE_LABELS:
        aspects = list(triage.get("aspects") or [])
        evidence = list(triage.get("evidence") or [])
        main = aspects[0] if aspects else None
        generic = choose("words", "complaint")
        if not english:  # the aspect wording is English; another bank speaks for itself
            aspects, evidence, main = [], [], None
        values["complaint"] = complaint_phrase(main, evidence[0] if evidence else None, generic)
        first_complaint = values["complaint"]
        if len(aspects) > 1 and not short:
            second = complaint_phrase(aspects[1], evidence[1] if len(evidence) > 1 else None,
                                      generic)
            if second != values["complaint"]:
                values["complaint"] += " and " + second
        values["fix_area"] = FIX_AREA.get(main or "") or choose("words", "fix_area")
        if short:
            hear = choose("hear", "short")
        else:
            hear = banks.fill(banks.pick(bank["hear"]["lead"], seed, "hear.lead"), values) + \
                choose("hear", "ending")
        liked = liked_phrase(item.get("text") or "") \
            if label == "mixed" and not short and english else None
        if liked:  # a mixed review: acknowledge what they liked before the complaint
            values["liked"] = liked
            hear = choose("hear", "praise") + " " + hear
        greet = _greeting(bank, name, formal, seed, values)
        parts.append({"move": "hear", "text": _greeted(greet, hear)})
        values["complaint"] = first_complaint  # the apology names the main complaint only
        severe = any(a in SEVERE for a in aspects)
        group = "severe" if severe else EMPATHY_GROUP.get(main or "", "default")
        parts.append({"move": "empathize",
                      "text": choose("empathize", "short" if short else group)})
        parts.append({"move": "apologize", "text": choose(
            "apologize", "short" if short else "formal" if formal else "default")})
        if short:
            resolve = choose("resolve", "short")
        else:
            resolve = choose("resolve", "contact")
            if values["compensation"] and not severe:  # no gift for an injury or a lawsuit
                resolve += " " + choose("resolve", "compensation")
            resolve += " " + choose("resolve", "invite")
        parts.append({"move": "resolve", "text": resolve})
        parts.append({"move": "diagnose", "text": choose("diagnose",
                                                         "short" if short else "default")})
    elif label == "positive" and kind == "review":
        liked = liked_phrase(item.get("text") or "") if english else None
        greet = _greeting(bank, name, False, seed, values)
        thank = choose("praise", "thank")
        parts.append({"move": "thank", "text": _greeted(greet, thank)})
        if liked:
            values["liked"] = liked
            parts.append({"move": "hear", "text": choose("praise", "echo")})
        parts.append({"move": "invite", "text": choose("praise", "invite")})
    elif triage.get("question") or (kind == "mention" and triage.get("needs_reply")):
        greet = _greeting(bank, name, False, seed, values)
        answer = choose("mention", "question")
        parts.append({"move": "answer", "text": _greeted(greet, answer)})
    else:
        return []
    parts.append({"move": "sign", "text": choose("sign", "formal" if formal else "default")})
    return parts


def _greeted(greeting: str, sentence: str) -> str:
    return f"{greeting}\n\n{sentence}" if greeting else sentence


def _greeting(bank: dict[str, Any], name: str | None, formal: bool, seed: str,
              values: dict[str, str]) -> str:
    key = ("formal_" if formal else "") + ("named" if name else "anonymous")
    return banks.fill(banks.pick(bank["greeting"][key], seed, "greeting"),
                      {**values, "name": name or ""})


def join(parts: list[dict[str, str]]) -> str:
    """The reply text: the body's moves as one paragraph, the signature on its own line."""
    body = " ".join(p["text"] for p in parts if p["move"] != "sign")
    sign = next((p["text"] for p in parts if p["move"] == "sign"), "")
    return f"{body}\n\n{sign}" if sign else body
