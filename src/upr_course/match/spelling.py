"""Misspelt words of an English goal, read as the recommendations' words: "disabilty" ->
"disability", "violense" -> "violence", "witchraft" -> "witchcraft".

Why: the word signal of the matcher (``rank.py``) meets only words that recommendations use.
A goal typed fast, or by someone whose first language is not English, loses its key word
to one wrong letter, and the results then rest on its other words: "people with disabilty
can't find work" found nothing on disability. Spanish and French goals already have this
(``glossary.Glossary.spelling``); English goals had not.

A word is corrected only when all of these hold, so that a real word is never changed:

- no recommendation uses it, it is not a stop word, and it is at least ``MIN_LENGTH``
  letters;
- it is not a name (written with a capital letter inside the goal: "Baka", "Rohingya");
- it is not an English word: pyspellchecker's English word list (about 160,000 words, a
  well-kept library) does not know it ("tents" and "hungry" are kept as they are);
- a word that recommendations use is one letter away (two for words of ``LONG`` letters or
  more); two letters swapped count as one ("evicitons" -> "evictions"). Of several, the one English speakers use most is taken (pyspellchecker's word
  frequencies), as a speller would: "kiled" is "killed", not "filed".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .text import STOP_WORDS, fold

#: Shorter words are never corrected: too many real words are one letter apart.
MIN_LENGTH = 5
#: From this length, two letters may be wrong.
LONG = 10
#: Only a text's first words are tried for spelling (here and in ``glossary.translate``). A
#: goal has far fewer; looking every word of a long text up among 20,000 is slow (a plan
#: stuffed with 20,000 made-up words took 15-30 s to grade instead of 4), and a slip in a long
#: text hardly moves its ranking.
MAX_WORDS_SPELLED = 100
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=None)
def word_counts(language: str) -> dict[str, int]:
    """pyspellchecker's words of ``language`` ("en", "es", "fr": 90,000 to 160,000) with how
    often they are used, folded as the matcher folds words (words that fold alike add up).
    Read on first need only (about 0.2 s): most goals need no spelling correction."""
    from spellchecker import SpellChecker

    counts: dict[str, int] = {}
    for word, count in SpellChecker(language=language, distance=1).word_frequency.dictionary.items():
        key = fold(word)
        counts[key] = counts.get(key, 0) + count
    return counts


def nearest(word: str, candidates, language: str) -> str | None:
    """The candidate a misspelt ``word`` stands for: one letter away (two from ``LONG``
    letters; two swapped letters count as one), the commonest in ``language`` first. None
    when no candidate is that near, or when ``word`` is itself a word of the language.

    The one rule for English goals (``correction``) and for the Spanish and French glossaries
    (``glossary.Glossary.spelling``)."""
    limit = 1 if len(word) < LONG else 2
    found = process.extract(word, candidates, scorer=OSA.distance, score_cutoff=limit, limit=None)
    if not found:
        return None
    counts = word_counts(language)  # read only now: most words have no near candidate
    if word in counts:
        return None
    return min(found, key=lambda hit: (hit[1], -counts.get(hit[0], 0), hit[0]))[0]


@lru_cache(maxsize=1)
def _candidates() -> tuple[str, ...]:
    """The recommendations' words long enough to be a correction."""
    from .model import corpus_model

    return tuple(sorted(w for w in corpus_model().words.column_of if len(w) >= MIN_LENGTH - 1 and w.isalpha()))


@lru_cache(maxsize=10_000)
def correction(word: str) -> str | None:
    """The recommendations' word that a misspelt ``word`` (folded, lower case) stands for, or None."""
    from .model import corpus_model

    # The exact word, not its stem: the corpus holds Spain's recommendations in Spanish, whose
    # stems would pass a misspelt English word for known ("comunities": "común").
    if len(word) < MIN_LENGTH or word in STOP_WORDS or not word.isalpha() or word in corpus_model().words.column_of:
        return None
    return nearest(word, _candidates(), "en")


def corrections(text: str) -> dict[str, str]:
    """The misspelt words of an English ``text`` and what they are read as (folded words)."""
    from .glossary import names_in

    text = unicodedata.normalize("NFC", text)  # an accent typed as its own character stays in its word
    names = names_in(text)
    found: dict[str, str] = {}
    for position, match in enumerate(_WORD.finditer(text)):
        if position >= MAX_WORDS_SPELLED:
            break
        word = fold(match.group())
        if word in names or word in found:
            continue
        corrected = correction(word)
        if corrected is not None:
            found[word] = corrected
    return found


def corrected(text: str) -> str:
    """``text`` with its misspelt words replaced (see ``corrections``), other words as they are."""
    found = corrections(text)
    if not found:
        return text
    return _WORD.sub(lambda m: found.get(fold(m.group()), m.group()), unicodedata.normalize("NFC", text))
