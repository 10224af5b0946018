"""Which language a short text is written in: English, Spanish or French.

Why a library and not a word list: the matcher used to count small words ("la", "de" for
Spanish; "the", "a" for English) and read a tie as English, so "Encontrar a las personas
desaparecidas" was read as English and matched nothing. py3langid (a maintained port of
langid.py, trained on many languages) scores character n-grams of the whole text, so one
word it has seen in Spanish texts outweighs a shared "a".

Two choices keep it right on goals of two or three words and keep it fast:

- The identifier is restricted to the languages the course reads (``LANGUAGES``), as the
  grader does (``rubric/plan_reading.py``).
- When it is unsure (``MIN_CONFIDENCE``), the text is read as English. Such texts are mostly
  one name or acronym ("LGBT", "Dalits", "torture") that the English recommendations use
  too, and English is the language of almost all recommendations.

Loading py3langid's full model (97 languages) takes about 0.7 s. The model restricted to
our three languages is kept in the matcher's cache folder (``UPR_COURSE_CACHE``), from where
it loads in well under 0.1 s; without a cache it is built from the package's model.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

from . import disk_cache

#: The languages the course reads, the default first.
LANGUAGES = ("en", "es", "fr")
DEFAULT = "en"
#: Below this probability (among LANGUAGES) the text is read as the default language.
MIN_CONFIDENCE = 0.5

_lock = threading.Lock()


#: Small words common in English and never Spanish or French words, and the reverse: a text
#: with at least two of the first and none of the second is plainly English, and the model
#: (a load of up to a second in a fresh process) is not needed for it.
_ENGLISH_ONLY = frozenset("the of and to for with on by is are was were be this that from at our their its will".split())
_NOT_ENGLISH = frozenset("el la los las del y por para con que les des du et une est dans pour au aux le un una".split())


def plainly_english(text: str) -> bool:
    """True for text that is obviously English by its small words (a shortcut, never a "no")."""
    words = [w.strip(".,;:!?()'\"").lower() for w in (text or "").split()]
    return sum(w in _ENGLISH_ONLY for w in words) >= 2 and not any(w in _NOT_ENGLISH for w in words)


def detect_language(text: str) -> str:
    """``"en"``, ``"es"`` or ``"fr"``: the language of a goal or any other short text."""
    if not text or not any(ch.isalpha() for ch in text):
        return DEFAULT
    if plainly_english(text):
        return DEFAULT
    language, confidence = identifier().classify(text)
    if language not in LANGUAGES or confidence < MIN_CONFIDENCE:
        return DEFAULT
    return language


def language_probabilities(text: str) -> dict[str, float]:
    """Each language's probability for the text (they add up to 1): for explaining a guess."""
    return {language: float(p) for language, p in identifier().rank(text)}


def written_in(text: str, language: str) -> bool:
    """Whether ``text`` is in ``language`` rather than any of the 97 languages py3langid knows.

    For a plan that has few of its language's small words (notes written in a hurry: "Letter +
    recs handed over at meeting (D1)"), to tell terse English from German or Latvian, which
    the identifier restricted to ``LANGUAGES`` cannot say. It loads the full model (about
    0.7 s, once per process), so it is asked only where the small words leave a doubt.
    """
    if not text or not any(ch.isalpha() for ch in text):
        return False
    with _lock:
        found, _score = _full_identifier().classify(text)
    return found == language


#: A text is said to be in another language only when py3langid's full model gives that
#: language at least this probability and the course's languages together less than
#: ``OTHER_COURSE_SHARE``, and the text has at least ``OTHER_MIN_WORDS`` words: a name or an
#: acronym ("LGBT", "Dalits") is never taken for another language. On the 710 goals of
#: tests/data/goals_es_fr.yaml (English, Spanish, French) no goal is.
OTHER_MIN_PROBABILITY = 0.8
OTHER_COURSE_SHARE = 0.1
OTHER_MIN_WORDS = 3


def other_language(text: str) -> str | None:
    """The language a text is plainly written in when it is none the course reads ("pt", "de",
    "sw"), else None: the matcher reads a German goal as English and finds nothing, and the
    participant should be told why rather than shown unrelated results as if they fit."""
    if not text or sum(any(ch.isalpha() for ch in word) for word in text.split()) < OTHER_MIN_WORDS:
        return None
    with _lock:
        ranked = _full_identifier().rank(text)
    best, probability = ranked[0]
    course = sum(p for language, p in ranked if language in LANGUAGES)
    if best in LANGUAGES or probability < OTHER_MIN_PROBABILITY or course >= OTHER_COURSE_SHARE:
        return None
    return str(best)


@lru_cache(maxsize=1)
def _full_identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identifier():
    """py3langid's identifier restricted to ``LANGUAGES``, loaded once per process."""
    with _lock:
        return _identifier()


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import LanguageIdentifier

    path = _cache_path()
    parts = _load(path)
    if parts is None:
        parts = _restricted_model()
        _save(path, parts)
    return LanguageIdentifier(
        parts["nb_ptc"], parts["nb_pc"], parts["nb_classes"], parts["tk_nextmove"], parts["tk_output"],
        norm_probs=True, tk_row=parts["tk_row"],
    )


def _restricted_model() -> dict:
    """The arrays of py3langid's model, its class columns cut down to ``LANGUAGES``."""
    import numpy as np
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    full = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    full.set_languages(list(LANGUAGES))
    return {
        "nb_ptc": np.ascontiguousarray(full.nb_ptc), "nb_pc": full.nb_pc, "nb_classes": list(full.nb_classes),
        "tk_nextmove": full.tk_nextmove, "tk_output": full.tk_output, "tk_row": full.tk_row,
    }


def _cache_path() -> Path | None:
    """Named after py3langid's version and the languages, so an upgrade never meets an old file."""
    folder = disk_cache.folder()
    release = disk_cache.package_version("py3langid")
    if folder is None or release is None:
        return None
    return folder / f"langid-{release}-{'-'.join(LANGUAGES)}.pickle"


def _load(path: Path | None) -> dict | None:
    parts = disk_cache.read_pickle(path)
    return parts if isinstance(parts, dict) and parts.get("nb_classes") == list(LANGUAGES) else None


def _save(path: Path | None, parts: dict) -> None:
    """Atomically; a read-only home or a full disk only costs time next run."""
    disk_cache.write_pickle(path, parts)
