"""Words to index terms: lower case, no stop words, English Snowball stems (cached).

Every part of the matcher (index, query, evaluation) turns text into terms here, so a
recommendation and a goal meet on the same stems: "disappeared" and "disappearances"
both become ``disappear``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

from .vectorize import ENGLISH_STOP_WORDS

#: Words that say nothing about a recommendation's subject: English function words and
#: the boilerplate of UPR recommendations ("continue its efforts to ensure ...").
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | frozenset(
    """ensure ensuring continue continuing efforts effort take taking measures measure necessary
    steps step further strengthen strengthening adopt adopting implement implementing implementation
    promote promoting state states government country national effective effectively including
    consider redouble intensify enhance increase improve guarantee provide providing make
    appropriate relevant particular particularly especially concrete specific additional
    also ongoing existing new current need needed full fully end stop its their
    """.split()
)

_WORD = re.compile(r"[a-z][a-z0-9'\-]*[a-z0-9]|[a-z]")
_stemmer = snowballstemmer.stemmer("english")


def fold(text: str) -> str:
    """Lower case without accents: "Discriminación" -> "discriminacion"."""
    text = text.lower()
    if text.isascii():  # most texts: nothing to drop, and this is on every text's path
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _stemmer.stemWord(word)


def words(text: str) -> list[str]:
    """The words of a text, lower case and without accents, hyphens and apostrophes split."""
    return [w for token in _WORD.findall(fold(text)) for w in re.split(r"['\-]", token) if w]


def terms(text: str) -> list[str]:
    """Index terms: stems of the content words (stop words and one-letter words dropped)."""
    return [stem(w) for w in words(text) if len(w) > 1 and w not in STOP_WORDS]
