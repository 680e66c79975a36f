"""Aspect taxonomies per business category (`taxonomy.toml`), extensible per business.

A clause's aspect is the aspect of the longest term found in it, the business category's own
aspects before the common ones. Matching is one compiled alternation per taxonomy, so a
clause is read once whatever the number of terms.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

TAXONOMY_FILE = Path(__file__).with_name("taxonomy.toml")
CATEGORIES = ("restaurant", "hotel", "product", "app", "airline", "clinic", "service")
_SUFFIXES = ("s", "es", "ed", "ing", "")  # not a bare "d": "fee" + "d" is "feed"
_SUFFIX = r"(?:s|es|ed|ing)?"  # the same endings, for the pattern
_ENDINGS = _SUFFIXES[:-1]  # the non-empty ones


@lru_cache(maxsize=4096)
def complaint_word(term: str) -> bool:
    """A term that is a complaint in itself: a plain complaint word, or negative to VADER."""
    from reviewwatch.triage.aspects import PLAIN_COMPLAINTS
    from reviewwatch.triage.vader import lexicons

    return term in PLAIN_COMPLAINTS or term in _COMPLAINT_TERMS or \
        lexicons()[0].get(term, 0.0) <= -1.1  # not "cancelled" (-1.0): a subscription is too


@lru_cache(maxsize=4096)
def _praise_word(term: str) -> bool:
    """A term that is praise in itself ("clean"): it names a clause only when nothing else
    does ("clean room, but the breakfast prices are ridiculous" is about the price)."""
    from reviewwatch.triage.vader import lexicons

    return lexicons()[0].get(term, 0.0) >= 1.0


# Terms that name the product itself, not a part of how it does: a clause names them when
# nothing else does ("Ordered the speaker on the 3rd, told delivery in 2 days" is about the
# delivery; "the speaker is too quiet" is still how it performs)
_THE_PRODUCT = frozenset({"speaker", "earbuds", "ear buds", "earbud", "headset", "headphones"})


# Taxonomy terms that are complaints whatever they are said of (not in VADER's lexicon)
_COMPLAINT_TERMS = frozenset(
    "sticky greasy soggy burnt overcooked undercooked waited waiting smelly smell moldy mouldy "
    "crumbs cockroach roach bugs stained dusty cramped overbooked overcharged "
    "crashes crashed freezes laggy stranded yelled shouted".split()) | {
    "took forever", "took ages", "forever to", "forever for", "still waiting", "not being seated",
    "waiting to be seated", "weren't seated", "hour and a half", "overbooked", "bumped",
    "driver was rude", "rude driver", "threw the box", "threw my order", "hasn't arrived",
    "has not arrived", "never arrived", "still hasn't arrived", "had to pay", "have to pay",
    "change fee", "bag fee", "baggage fee", "pay for a carry on", "pay for a carry-on",
    "jiggle", "wiggle", "frayed", "walked away", "walked off", "hours late", "hours delay",
    "hour delay", "hrs delayed", "hours delayed", "was missing", "were missing", "is missing",
    "are missing", "arrived opened",
    # (what the complaint is, ahead of the delay or the return told of beside it: "the miles
    # you promised for the delay never showed up", "Warranty claim rejected because ...")
    "never credited", "not credited", "never showed up in my account", "claim rejected",
    "hung up", "been opened", "already opened", "was opened", "fare difference"}


def _wordish(ch: str) -> bool:
    """A character that continues a word for the term boundaries (regex [\\w-])."""
    return ch.isalnum() or ch in "_-"



# "can't wait to": eagerness (or its sarcasm), not a wait
_NOT_WAITING = ("can't ", "cannot ", "can not ", "can\u2019t ", "cant ", "couldn't ")
# A term after "like" is a likeness ("too sweet, like dessert", "tasted like cardboard")
_LIKENED = ("like ", "like a ", "like an ", "tasted like ", "as if it was ")
_ADS = frozenset({"ads", "adverts", "advertising", "advertisements", "commercials"})
_REASONS = frozenset({"delay", "delayed", "cancellation", "cancelled", "canceled", "diverted"})
_FOR_THE = ("for the ", "for my ", "for our ", "for that ")
_GIVEN_FOR = re.compile(r"\b(?:miles|points|voucher|vouchers|compensation|credit|refund|"
                        r"promised|offered)\b")
_ADVERTISED = ("after all the ", "after all those ", "after the ", "based on the ", "from the ",
               "in the ", "in your ", "saw the ", "seen the ", "your tv ", "the tv ")
# A container or a measure followed by "of" ("a bag of pretzels", "a glass of wine") names
# what is in it, not the thing of its own aspect (your bag, the glassware)
_MEASURES = frozenset({"bag", "bags", "box", "boxes", "bottle", "bottles", "cup", "cups",
                       "glass", "glasses", "plate", "plates", "bowl", "bowls", "packet",
                       "packets", "pack", "piece", "pieces", "slice", "slices", "bunch",
                       "pile", "lot"})


@dataclass(frozen=True)
class Aspect:
    id: str
    name: str
    terms: tuple[str, ...]
    team: str
    about: str = ""  # the issue as a noun phrase a reply can say: "the wait", "your room"
    things: frozenset[str] = frozenset()  # terms a reply may name as "the X": "the coffee"


@dataclass(frozen=True)
class Taxonomy:
    aspects: dict[str, Aspect]
    pattern: re.Pattern[str] | None
    owner: dict[str, str]  # lower-cased term -> aspect id (category before common)
    priority: frozenset[str] = frozenset()  # aspects that win wherever they appear
    common: frozenset[str] = frozenset()  # aspects every category shares
    general: bool = False  # no category known: the common aspects come first
    automaton: Any = None  # over the terms: a clause with none of them skips the pattern

    def aspect_of(self, clause: str) -> tuple[str, str] | None:
        """(aspect id, the term that showed it) for a clause, or None.

        A safety-type aspect (`priority = true`) wins wherever it is; then the business's and
        its category's own aspects before the common ones; then the earliest term, which is
        usually the clause's subject ("the doctor rushed through my appointment").
        """
        return self.aspect_among(self.terms_in(clause.lower()))

    def aspect_among(self, found: list[tuple[int, int, str, str]], start: int = 0,
                     end: int | None = None) -> tuple[str, str] | None:
        """The aspect of the terms found (by `terms_in`) that lie within [start, end)."""
        best: tuple[tuple[int, ...], str, str] | None = None
        ranks, general = self._ranks, self.general  # type: ignore[attr-defined]
        for at, stop, term, shown in found:
            if at < start or (end is not None and stop > end):
                continue
            aspect, static = ranks[term]
            rank = static if general else (static[0], static[1], at, static[2])
            if best is None or rank < best[0]:
                best = (rank, aspect, shown)
        return (best[1], best[2]) if best else None

    def __post_init__(self) -> None:
        # Each term's rank for aspect_among, but for where it is, worked out once:
        # a priority aspect first; a term that is itself the complaint ("sticky", "rude")
        # says what the clause is about more than the thing it is said of ("tables were
        # sticky"); then with no category the common aspects first and the longest
        # (most specific) term, and with one the earliest term (the clause's subject), its
        # own aspects breaking a tie.
        ranks: dict[str, tuple[str, tuple[int, ...]]] = {}
        for term, aspect in self.owner.items():
            in_common = aspect in self.common
            first = (0 if aspect in self.priority else 1,
                     0 if complaint_word(term) else 2 if _praise_word(term) or
                     term in _THE_PRODUCT else 1)
            ranks[term] = (aspect, (*first, 0 if in_common else 1, -len(term)) if self.general
                           else (*first, 1 if in_common else 0))
        object.__setattr__(self, "_ranks", ranks)

    def terms_in(self, text: str) -> list[tuple[int, int, str, str]]:
        """(start, end, term, the words as written) of each whole-word term in a lower-cased
        text, as `pattern` finds them: leftmost, the longest term at a position, an optional
        plural or verb ending, no overlaps. One Aho-Corasick pass finds every occurrence;
        only those get the boundary checks, so the work is linear in the text."""
        if self.automaton is None:
            return [(m.start(), m.end(), m.group(1), m.group(0))
                    for m in self.pattern.finditer(text) if not (
                        m.group(1) in _MEASURES and text.startswith(" of ", m.end())) and
                    not (text.endswith(_LIKENED, 0, m.start()) and not complaint_word(m.group(1)))
                    ] if self.pattern else []
        candidates = []
        n = len(text)
        for last, (term, size) in self.automaton.iter(text):
            start = last + 1 - size
            if start > 0 and ((ch := text[start - 1]).isalnum() or ch in "_-"):
                continue  # (_wordish, inline: it ran for every occurrence)
            stop = last + 1
            if stop >= n or not ((ch := text[stop]).isalnum() or ch in "_-"):
                end = stop  # the bare term: no ending can follow a non-word character
            else:  # a word character follows: one of the endings, then a boundary
                for suffix in _ENDINGS:
                    end = stop + len(suffix)
                    if text.startswith(suffix, stop) and (end >= n or not _wordish(text[end])):
                        break
                else:
                    continue
            if term in _MEASURES and text.startswith(" of ", end):
                continue  # "one bag of pretzels" is a measure of food, not your bag
            if term.startswith("wait") and text.endswith(_NOT_WAITING, 0, start):
                continue  # "Can't wait to never do it again" is no wait
            if term in _ADS and text.endswith(_ADVERTISED, 0, start):
                continue  # "Expected more after all the ads": its advertising, not ads in it
            if term in _REASONS and text.endswith(_FOR_THE, 0, start) and _GIVEN_FOR.search(
                    text, max(0, start - 60), start):
                continue  # "the miles you promised for the delay never showed up": the delay
                # is what they were for, not the complaint
            if text.endswith(_LIKENED, 0, start) and not complaint_word(term):
                continue  # "too sweet, like dessert": a likeness, not the dessert (but "looked
                # like dirty sand" is dirty)
            candidates.append((start, -size, end, term))
        candidates.sort()
        out: list[tuple[int, int, str, str]] = []
        reached = -1
        for start, _, end, term in candidates:
            if start >= reached:
                out.append((start, end, term, text[start:end]))
                reached = end
        return out

    def name(self, aspect_id: str) -> str:
        a = self.aspects.get(aspect_id)
        return a.name if a else aspect_id.replace("_", " ").capitalize()

    def about(self, aspect_id: str) -> str | None:
        a = self.aspects.get(aspect_id)
        return a.about if a else None

    def about_term(self, aspect_id: str | None, thing: str | None) -> str | None:
        """The issue as a reply names it: "the steak" when the clause names a thing of its
        aspect (`thing_among`), else the aspect's own phrase ("the food")."""
        a = self.aspects.get(aspect_id or "")
        if a is None:
            return None
        if thing and thing.lower() in a.things:
            return f"the {thing.lower()}"
        return a.about

    def thing_among(self, found: list[tuple[int, int, str, str]], aspect_id: str | None,
                    start: int = 0, end: int | None = None) -> str | None:
        """The first term within [start, end) that is a thing of this aspect ("steak" in
        "my steak was overcooked", whose aspect the complaint word "overcooked" chose)."""
        a = self.aspects.get(aspect_id or "")
        if a is None or not a.things:
            return None
        for at, stop, _, shown in found:
            if at >= start and (end is None or stop <= end) and shown in a.things:
                return shown
        return None

    def team(self, aspect_id: str) -> str | None:
        a = self.aspects.get(aspect_id)
        return a.team if a else None


def _automaton(terms: Any) -> Any:
    """An Aho-Corasick automaton over a taxonomy's terms (built with the taxonomy)."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for term in terms:
        automaton.add_word(term, (term, len(term)))
    automaton.make_automaton()
    return automaton


@lru_cache(maxsize=1)
def _raw() -> dict[str, Any]:
    with TAXONOMY_FILE.open("rb") as f:
        return tomllib.load(f)


def validate_extension(extra: Any, where: str) -> list[str]:
    """Problems in a business's `aspects` table, each naming its key path."""
    problems: list[str] = []
    if not isinstance(extra, Mapping):
        return [f"{where}: must be a table of aspects"]
    for key, spec in extra.items():
        at = f"{where}.{key}"
        if not re.fullmatch(r"[a-z][a-z0-9_]{0,40}", str(key)):
            problems.append(f"{at}: an aspect id is lower-case letters, digits and _")
        if not isinstance(spec, Mapping):
            problems.append(f"{at}: must be a table with name, terms and team")
            continue
        terms = spec.get("terms")
        if not isinstance(terms, list) or not terms or not all(
                isinstance(t, str) and t.strip() for t in terms):
            problems.append(f"{at}.terms: a list of one or more words or phrases")
        for k in ("name", "team"):
            if k in spec and not isinstance(spec[k], str):
                problems.append(f"{at}.{k}: must be text")
        unknown = set(spec) - {"name", "terms", "team", "about"}
        if unknown:
            problems.append(f"{at}: unknown keys {', '.join(sorted(unknown))}")
    return problems


def build(category: str | None, extra: Mapping[str, Any] | None = None) -> Taxonomy:
    """The taxonomy for a category (None: every category), with a business's own aspects."""
    return _build(category, _freeze(extra) if extra else ())


def _freeze(extra: Mapping[str, Any]) -> tuple:
    return tuple(sorted((k, v.get("name", ""), tuple(v.get("terms", ())), v.get("team", ""),
                         v.get("about", "")) for k, v in extra.items()))


@lru_cache(maxsize=64)
def _build(category: str | None, extra: tuple) -> Taxonomy:
    raw = _raw()
    order = [category] if category in CATEGORIES else list(CATEGORIES)
    sections: list[dict[str, Any]] = []
    if extra:  # a business's own aspects come first: it named them because they matter
        sections.append({k: {"name": n or k.replace("_", " ").capitalize(), "terms": list(t),
                             "team": team or "team", "about": about or ""}
                         for k, n, t, team, about in extra})
    if category in CATEGORIES:
        sections += [raw.get(category, {}), raw.get("common", {})]
    else:  # no category: the aspects every business has own the terms they share
        sections += [raw.get("common", {})] + [raw.get(c, {}) for c in order]
    aspects: dict[str, Aspect] = {}
    owner: dict[str, str] = {}
    for section in sections:
        for aspect_id, spec in section.items():
            if aspect_id in aspects or category in spec.get("not_for", ()):
                continue  # (an app has no cleanliness: "a clean interface" is praise of design)
            terms = tuple(t.lower().strip() for t in spec["terms"])
            aspects[aspect_id] = Aspect(aspect_id, spec["name"], terms, spec.get("team", "team"),
                                        spec.get("about") or spec["name"].lower(),
                                        frozenset(t.lower() for t in spec.get("things", ())))
            for t in terms:
                owner.setdefault(t, aspect_id)
    priority = frozenset(a for section in sections for a, spec in section.items()
                         if spec.get("priority"))
    common = frozenset(raw.get("common", {}))
    if not owner:
        return Taxonomy(aspects, None, owner, priority, common, category not in CATEGORIES)
    alternation = "|".join(re.escape(t) for t in sorted(owner, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])({alternation}){_SUFFIX}(?![\w-])")
    return Taxonomy(aspects, pattern, owner, priority, common, category not in CATEGORIES,
                    _automaton(owner))


@lru_cache(maxsize=1)
def all_terms() -> frozenset[str]:
    """Every one-word term of every taxonomy (English vocabulary for language detection)."""
    return frozenset(t for section in _raw().values() for spec in section.values()
                     for t in spec["terms"] if " " not in t)


@lru_cache(maxsize=1)
def all_phrases() -> frozenset[str]:
    """Every term of every taxonomy, phrases too ("customer service")."""
    return frozenset(t for section in _raw().values() for spec in section.values()
                     for t in spec["terms"])


def category_for(platform: str | None) -> str | None:
    """A category guess from the platform, for items scored without a business."""
    if platform in ("google_play", "appstore", "appstore_connect"):
        return "app"
    return None
