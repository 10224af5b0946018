"""Split a recommendation as the UN prints it into its text, paragraph number and States.

OHCHR documents print a recommendation as ``121.2 Complete the ratification of ...
(Ukraine); Increase efforts towards ratification of ... (Slovakia);``: the paragraph
number first, then one or more texts, each closed by the recommending State(s) in
brackets. UPR Info and the course's table keep one row per recommending State with that
State's own words, so this module cuts such a cell into *segments* (a text and the States
that made it).

Why not a simple "last brackets" regular expression: texts contain brackets of their own
("(ICPPED)", "(2009-2014)", "(the Paris Principles)"), State names contain brackets
("Venezuela (Bolivarian Republic of)"), and the attribution may be written "(Chile);
(Estonia);", "(France) (Lithuania)" or "(Portugal, Slovakia)". So brackets are matched
with their nesting, and a bracket counts as an attribution only when every name in it is
a known State and it closes a text (it is followed by ";", "." or the end). The last
bracket of a cell is the attribution even when its name is unknown, because the OHCHR
layout always ends with one; such names come back as they are written, to be reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

#: "166.6." / "121.2" / "28.346" at the start of a cell (the WG report's paragraph number).
_PARAGRAPH = re.compile(r"^\s*(?P<number>\d{1,3}(?:\.\d{1,3})+)\.?(?=\s|$)\s*")
#: What may sit between two attribution brackets of one text: "(Chile); (Estonia)".
_BETWEEN_BRACKETS = re.compile(r"^[\s;,]*$")
#: What must follow an attribution: the end, or a ";" or "." that closes the text.
_CLOSES_TEXT = re.compile(r"^\s*(?:[;.]|$)")
_SEPARATOR_AFTER = re.compile(r"^\s*[;.]?\s*")
_EDGE = " \t\n;,"
#: ISO codes resolve to States but never stand for an attribution in a UN text.
_CODE = re.compile(r"^[A-Z]{2,3}$")


@dataclass(frozen=True)
class Segment:
    """One recommendation text and the recommending States named after it (as written)."""

    text: str
    states: tuple[str, ...]


def split_paragraph(text: str) -> tuple[str | None, str]:
    """``"166.6. Ratify ..."`` -> ``("166.6", "Ratify ...")``; no number -> ``(None, text)``."""
    match = _PARAGRAPH.match(text)
    if not match:
        return None, text.strip()
    return match["number"], text[match.end() :].strip()


def _brackets(text: str) -> list[tuple[int, int]]:
    """Top-level bracket spans (start, end-exclusive); an unbalanced tail is ignored."""
    spans, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char == "(":
            if depth == 0:
                start = index
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, index + 1))
    return spans


def bracket_names(content: str, is_state: Callable[[str], bool]) -> list[str]:
    """The names in one attribution bracket: split on commas outside inner brackets.

    "Senegal, Venezuela (Bolivarian Republic of),Peru" gives three names. A part that is
    not a State but whose halves around " and " both are ("Slovakia and Spain") is split.
    """
    parts, depth, current = [], 0, []
    for char in content:
        if char == "," and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        depth += char == "("
        depth -= char == ")" and depth > 0
        current.append(char)
    parts.append("".join(current))
    names = []
    for part in (part.strip() for part in parts):
        if not part:
            continue
        halves = [half.strip() for half in part.split(" and ")]
        if not is_state(part) and len(halves) == 2 and all(is_state(half) for half in halves):
            names.extend(halves)
        else:
            names.append(part)
    return names


def split_attributions(text: str, resolves: Callable[[str], bool], last_is_attribution: bool = True) -> list[Segment]:
    """Cut a recommendation cell (paragraph number already removed) into segments.

    ``resolves(name)`` says whether a name is a known State. With
    ``last_is_attribution`` the final bracket of the cell is taken as an attribution even
    when its names are unknown (the OHCHR layout); otherwise such a cell keeps its text
    and gets no States. A text with no attribution at all comes back as one segment with
    no States.
    """

    def is_state(name: str) -> bool:
        return bool(name) and not _CODE.match(name) and resolves(name)

    spans = _brackets(text)
    names_of = [bracket_names(text[start + 1 : end - 1], is_state) for start, end in spans]
    known = [bool(names) and all(is_state(name) for name in names) for names in names_of]

    runs: list[tuple[int, int, list[str]]] = []  # (start, end, names) of attribution runs
    index = 0
    while index < len(spans):
        if not known[index]:
            index += 1
            continue
        first = last = index
        while last + 1 < len(spans) and known[last + 1] and _BETWEEN_BRACKETS.match(text[spans[last][1] : spans[last + 1][0]]):
            last += 1
        if _CLOSES_TEXT.match(text[spans[last][1] :]):
            runs.append((spans[first][0], spans[last][1], [name for i in range(first, last + 1) for name in names_of[i]]))
        index = last + 1
    if last_is_attribution and spans:
        start, end = spans[-1]
        closes_cell = not text[end:].strip(" \t\n;.,")
        if closes_cell and (not runs or runs[-1][1] != end):
            runs.append((start, end, names_of[-1] or [text[start + 1 : end - 1].strip()]))

    segments: list[Segment] = []
    position = 0
    for start, end, names in runs:
        piece = text[position:start].strip(_EDGE)
        if piece:
            segments.append(Segment(piece, tuple(names)))
        elif segments:  # "(Chile); (Estonia)" written as separate brackets after one text
            segments[-1] = Segment(segments[-1].text, segments[-1].states + tuple(names))
        position = end + _SEPARATOR_AFTER.match(text[end:]).end()
    rest = text[position:].strip(_EDGE + ".")
    if rest:
        segments.append(Segment(text[position:].strip(_EDGE), ()))
    return segments
