"""Language detection, offline: a cheap English check first, then langdetect."""

from __future__ import annotations

import re
from functools import lru_cache

FUNCTION_WORD_SHARE = 0.25
VOCABULARY_SHARE = 0.3
DETECT_TRIALS = 3  # langdetect's default is 7; 3 agrees on review-length text at half the cost
DETECT_CHARS = 600
MIN_CHARS = 20  # shorter texts are too short to call; they are taken as English
SAMPLE_CHARS = 2_000  # detection reads a bounded sample, so it stays fast on long posts
_WORD = re.compile(r"[^\W\d_]+")
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


@lru_cache(maxsize=1)
def _detector_factory():
    from langdetect import DetectorFactory

    DetectorFactory.seed = 0  # langdetect is random by default; a triage must be repeatable
    from langdetect.detector_factory import init_factory

    init_factory()
    from langdetect import detector_factory

    return detector_factory._factory


@lru_cache(maxsize=1)
def _english_vocabulary() -> frozenset[str]:
    """English words we already ship: VADER's lexicon, and the triage's own word lists."""
    from reviewwatch.triage import _STOPWORDS, _THINGS
    from reviewwatch.triage.aspects import PLAIN_COMPLAINTS
    from reviewwatch.triage.vader import lexicons

    return frozenset(lexicons()[0]) | _ENGLISH | _STOPWORDS | _THINGS | PLAIN_COMPLAINTS


def detect(text: str) -> str:
    """An ISO 639-1 code for the text's language; 'en' when too short to tell."""
    sample = text[:SAMPLE_CHARS]
    words = _WORD.findall(sample.lower())
    if len(sample.strip()) < MIN_CHARS or len(words) < 4:
        return "en"
    if sum(w in _ENGLISH for w in words) / len(words) >= FUNCTION_WORD_SHARE:
        return "en"
    if sample.isascii():
        english = sum(w in _english_vocabulary() for w in words) / len(words)
        foreign = sum(w in _FOREIGN for w in words) / len(words)
        if english >= VOCABULARY_SHARE or (english >= LOOSE_VOCABULARY_SHARE and
                                           foreign < FOREIGN_SHARE):
            return "en"  # terse English ("room tiny staff rude") has few function words
    try:
        from langdetect.lang_detect_exception import LangDetectException

        detector = _detector_factory().create()
        detector.n_trial = DETECT_TRIALS
        detector.append(sample[:DETECT_CHARS])
        return detector.detect().split("-")[0]
    except LangDetectException:
        return "en"
