"""Language detection, offline: a cheap English check first, then lingua.

lingua-language-detector (low-accuracy mode, a fixed set of the languages reviews come in)
is deterministic, ~0.1 ms on a short text (~2 ms on 1 KB), and says "unknown" instead of
guessing when no language is reliable; langdetect was random unless seeded and doubled the
triage's cost.
"""

from __future__ import annotations

import re
from functools import lru_cache

FUNCTION_WORD_SHARE = 0.25
VOCABULARY_SHARE = 0.3
DETECT_CHARS = 240  # lingua's time grows with the sample; a few sentences decide
MIN_CHARS = 20  # shorter texts are too short to call; they are taken as English
SAMPLE_CHARS = 600  # detection reads a bounded sample (~100 words), so it stays fast on long posts
_WORD = re.compile(r"[^\W\d_]+")
_ASCII_WORD = re.compile(r"[a-z]+")  # the same letters in lower-cased ASCII, twice as fast
_ENGLISH_WORDS = (
    "the and to of a i it is was in for that this you my with on not but have had we they "
    "are at be so very no were just our me all there would an or from can out get when if "
    "what one about great good app service food staff room time again will did place")
_ENGLISH = frozenset(_ENGLISH_WORDS.split())
# Function words of the languages reviews most often come in besides English; none is an
# English word. An ASCII text with none of them and some English vocabulary is English.
_FOREIGN_WORDS = (
    "der die das und ist nicht ich wir sie mit ein eine sehr auch aber "  # German
    "le les est et pas je nous vous avec tres une des du pour mais "  # French
    "el los las es y que muy pero por con para una del lo "  # Spanish
    "il di che non per con sono molto della questo gli "  # Italian
    "os um uma nao com muito mas para foi "  # Portuguese
    "het een niet ik zijn wij maar heel van voor "  # Dutch
    "och att det som jag inte med har till mycket")  # Swedish
_FOREIGN = frozenset(_FOREIGN_WORDS.split()) - _ENGLISH
FOREIGN_SHARE = 0.04
LOOSE_VOCABULARY_SHARE = 0.2
LOOSE_MIN_WORDS = 12  # a short text with a few English words may be another language


LANGUAGES = ("ENGLISH", "SPANISH", "FRENCH", "GERMAN", "ITALIAN", "PORTUGUESE", "DUTCH",
             "SWEDISH", "DANISH", "BOKMAL", "FINNISH", "POLISH", "CZECH", "ROMANIAN",
             "HUNGARIAN", "GREEK", "TURKISH", "RUSSIAN", "UKRAINIAN", "ARABIC", "HEBREW",
             "PERSIAN", "HINDI", "BENGALI", "URDU", "JAPANESE", "CHINESE", "KOREAN", "THAI",
             "VIETNAMESE", "INDONESIAN", "MALAY", "TAGALOG")
UNKNOWN = "und"  # ISO 639-2 "undetermined": no language was reliable


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(
        *(getattr(Language, name) for name in LANGUAGES)).with_low_accuracy_mode(
    ).with_preloaded_language_models().build()  # lazy loading made early calls 5 ms each


@lru_cache(maxsize=1)
def english_vocabulary() -> frozenset[str]:
    """English words we already ship: VADER's lexicon, and the triage's own word lists."""
    from reviewwatch.triage.aspects import PLAIN_COMPLAINTS
    from reviewwatch.triage.taxonomy import all_terms
    from reviewwatch.triage.vader import lexicons

    return frozenset(lexicons()[0]) | _ENGLISH | all_terms() | PLAIN_COMPLAINTS


_CHUNK = 16


def _count_until(vocabulary: frozenset[str], words: list[str], share: float) -> int:
    """How many of `words` are in `vocabulary`, counted a chunk at a time and stopping once
    the count is `share` of them: the vocabulary is large, each look-up a cache miss, and
    most English texts reach the share well before their last word. A count that stopped
    early is at least the share, as the whole count would be (it only grows, and
    count / n is monotone in it); otherwise it is the whole count."""
    n = len(words)
    found = 0
    for i in range(0, n, _CHUNK):
        found += sum(map(vocabulary.__contains__, words[i:i + _CHUNK]))
        if found / n >= share:
            break
    return found


def detect(text: str) -> str:
    """An ISO 639-1 code for the text's language; 'en' when too short to tell."""
    sample = text[:SAMPLE_CHARS]
    lowered = sample.lower()
    words = (_ASCII_WORD if lowered.isascii() else _WORD).findall(lowered)
    if len(sample.strip()) < MIN_CHARS or len(words) < 4:
        return "en"
    if sum(map(_ENGLISH.__contains__, words)) / len(words) >= FUNCTION_WORD_SHARE:
        return "en"  # (map over a set's __contains__: the count runs in C)
    if sample.isascii():
        english = _count_until(english_vocabulary(), words, VOCABULARY_SHARE) / len(words)
        if english >= VOCABULARY_SHARE or (
                english >= LOOSE_VOCABULARY_SHARE and len(words) >= LOOSE_MIN_WORDS and
                sum(map(_FOREIGN.__contains__, words)) / len(words) < FOREIGN_SHARE):
            return "en"  # terse English ("room tiny staff rude") has few function words
    found = _detector().detect_language_of(sample[:DETECT_CHARS])
    return found.iso_code_639_1.name.lower() if found is not None else UNKNOWN
