"""Letters of another alphabet that look like Latin ones ("а" Cyrillic for "a" Latin).

A plan can hide the same sentence under every UN step, which the grader marks down, by
swapping a few letters of each copy for look-alikes of another alphabet: to a reader the
copies are the same, to a program they are different words (red team, finding 4). So a word
that mixes the Latin alphabet with another one is read with its look-alikes turned into the
Latin letters they imitate (Unicode's confusables data, through ``confusable-homoglyphs``),
and the plan is shown to a trainer. A word written wholly in another alphabet ("Москва") is
left as it is: that is a language, not a disguise.

Latin letters can also be disguised as their own styled forms: full-width letters ("ｒ",
U+FF52) and mathematical letters ("𝗋", U+1D5CB), which many fonts draw like plain ones (red
team, second round, R6). Unicode's compatibility normalisation (NFKC) turns them into the plain
letters, so a text is read through ``plain``: NFKC first, then the look-alikes. A word with such
a styled letter is also shown to a trainer (``styled_words``). Typographic forms that NFKC also
changes but nobody uses as a disguise (ligatures such as "ﬁ", superscripts such as the Spanish
"º", non-breaking spaces) are read through NFKC but raise no flag.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"[^\W\d_]+")


_BEYOND_LATIN = re.compile("[^\u0000-\u024f]")


def _has_non_latin_letter(text: str) -> bool:
    # Most texts have no character beyond the Latin blocks: one search in C decides for them.
    return bool(_BEYOND_LATIN.search(text)) and any(ord(ch) > 0x24F and ch.isalpha() for ch in text)


@lru_cache(maxsize=65536)
def _mixes_alphabets(word: str) -> bool:
    from confusable_homoglyphs import categories

    aliases = categories.unique_aliases(word) - {"COMMON", "INHERITED"}
    return "LATIN" in aliases and len(aliases) > 1


@lru_cache(maxsize=65536)
def _as_latin(word: str) -> str:
    from confusable_homoglyphs import confusables

    found = confusables.is_confusable(word, greedy=True, preferred_aliases=["latin"]) or []
    swaps = {}
    for entry in found:
        latin = [h["c"] for h in entry["homoglyphs"] if h["n"].startswith("LATIN") and len(h["c"]) == 1]
        if latin:
            swaps[entry["character"]] = latin[0]
    return "".join(swaps.get(ch, ch) for ch in word)


def mixed_words(text: str) -> list[str]:
    """The words of ``text`` that mix the Latin alphabet with another one, as written."""
    if not text or not _has_non_latin_letter(text):
        return []
    return [word for word in _WORD.findall(text) if _mixes_alphabets(word)]


def as_latin(text: str) -> str:
    """``text`` with the look-alike letters of its mixed words turned into Latin ones."""
    if not text or not _has_non_latin_letter(text):
        return text
    return _WORD.sub(lambda m: _as_latin(m.group(0)) if _mixes_alphabets(m.group(0)) else m.group(0), text)


#: Unicode's decomposition tags of letters that are the same letter in another style: full-width
#: (``<wide>``), mathematical and other font variants (``<font>``), circled (``<circle>``).
_STYLES = ("<wide>", "<font>", "<circle>")


@lru_cache(maxsize=4096)
def _styled(character: str) -> bool:
    return unicodedata.decomposition(character).startswith(_STYLES)


def styled_words(text: str) -> list[str]:
    """The words of ``text`` with a full-width, mathematical or circled letter, as written."""
    if not text or text.isascii():
        return []
    return [word for word in _WORD.findall(text) if any(ord(ch) > 0x24F and _styled(ch) for ch in word)]


def plain(text: str) -> str:
    """``text`` as plain letters: NFKC (styled and compatibility forms), then look-alikes as Latin."""
    if not text or text.isascii():
        return text
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return as_latin(text)
