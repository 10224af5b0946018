"""English words no recommendation uses, joined by words of their family that they do use:
"hungry" -> "hunger", "beaten" -> "beat beating", "jihadists" -> "jihad".

Why: the word signal (``rank.py``) meets only the stems recommendations use, and the Snowball
stemmer cuts endings without knowing word families: "hungry" and "hunger" have different
stems, so "children are hungry" met "children" only. The list (``glossaries/families-en.tsv``)
is built from WordNet by ``scripts/build_word_families.py``; it holds only words of the same
family, never synonyms, which carry other senses. It serves English goals and the English
that the glossaries give Spanish and French ones ("hambrientos" -> "hungry").
"""

from __future__ import annotations

import re
from functools import lru_cache

from .glossary import read_word_list

_WORD = re.compile(r"[a-z]+")


@lru_cache(maxsize=1)
def families() -> dict[str, str]:
    """word -> its family's words (space-separated), read once from the package's list."""
    return read_word_list("families-en.tsv")


def family_words(english: str) -> str:
    """The family words of the listed words of ``english`` (space-separated; '' when none)."""
    table = families()
    return " ".join(table[w] for w in _WORD.findall(english.lower()) if w in table)
