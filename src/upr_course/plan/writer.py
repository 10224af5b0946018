"""Writing plan values as YAML that reads back exactly what was typed.

Each value is written so that ``parse_plan`` reads back exactly the text that was typed
(without spaces at its ends, which the format ignores):

* short texts on one line, quoted only when YAML needs it (``'NO'``, ``'a: b'``, ``'null'``);
* long texts as a folded block (``>``), wrapped at spaces for people to read;
* texts of several lines as a literal block (``|``), so the lines are kept;
* and every one of these is read back once before it is used: if YAML would read it
  differently (an odd character, a tab in an odd place), the value is written in double
  quotes with escapes instead. So the round trip holds for any text, not only for the
  texts the tests thought of.

Characters that YAML does not allow in a document (control characters pasted from a word
processor) are removed, and Windows line ends become plain ones.
"""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

#: Longest line the writer makes (folded texts are wrapped to it when they can be).
WIDTH = 88

# Characters YAML does not accept in a document (the set PyYAML's reader refuses), minus tab and
# line feed, which are allowed.
_NOT_ALLOWED = re.compile("[^\x09\x0a\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean_text(value: object) -> str:
    """The text as the plan keeps it: line ends made plain, characters YAML refuses removed,
    spaces at both ends removed (the format ignores them)."""
    text = "" if value is None else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _NOT_ALLOWED.sub("", text).strip()


def _reads_back(fragment: str, text: str) -> bool:
    """Does ``key: <fragment>`` read back as ``text``? (Every scalar as a string, like parse_plan.)"""
    try:
        loaded = yaml.load("k: " + fragment, Loader=yaml.BaseLoader)  # noqa: S506 - BaseLoader builds only strings
    except yaml.YAMLError:
        return False
    return isinstance(loaded, dict) and isinstance(loaded.get("k"), str) and loaded["k"].strip() == text


@lru_cache(maxsize=4096)
def _inline(text: str) -> str | None:
    """The text on one line, quoted only if YAML needs it; None if that does not read back."""
    dumped = yaml.safe_dump({"k": text}, width=float("inf"), allow_unicode=True)
    fragment = dumped[3:].rstrip("\n")
    return fragment if "\n" not in fragment and _reads_back(fragment, text) else None


@lru_cache(maxsize=4096)
def _quoted(text: str) -> str:
    """The text in double quotes, with escapes for anything unusual: always reads back."""
    fragment = yaml.safe_dump(text, width=float("inf"), allow_unicode=False, default_style='"').rstrip("\n")
    if "\n" in fragment or not _reads_back(fragment, text):  # pragma: no cover - PyYAML's escapes are exact
        raise ValueError(f"cannot write this text in YAML: {text[:40]!r}")
    return fragment


def _fold(text: str, width: int) -> list[str]:
    """Wrap one line of text at single spaces between two visible characters (where a folded
    block puts the space back), greedily, to lines of at most ``width`` where possible."""
    breaks = [
        i for i in range(1, len(text) - 1)
        if text[i] == " " and text[i - 1] not in " \t" and text[i + 1] not in " \t"
    ]  # fmt: skip
    lines, start = [], 0
    while len(text) - start > width:
        fitting = [i for i in breaks if start < i <= start + width]
        later = [i for i in breaks if i > start]
        cut = fitting[-1] if fitting else (later[0] if later else None)
        if cut is None:
            break
        lines.append(text[start:cut])
        start = cut + 1
    lines.append(text[start:])
    return lines


@lru_cache(maxsize=4096)
def _block(text: str, width: int) -> tuple[str, ...] | None:
    """A folded (one line of text) or literal (several lines) block: the indicator, then the
    content lines without indentation; None if it would not read back."""
    if "\n" in text:
        indicator, content = "|", text.split("\n")
    else:
        indicator, content = ">", _fold(text, width)
    probe = indicator + "\n" + "\n".join(f"  {line}" if line else "" for line in content) + "\n"
    return (indicator, *content) if _reads_back(probe, text) else None


def scalar_lines(key: str, value: object, indent: int, first_prefix: str | None = None) -> list[str]:
    """``key: value`` at ``indent`` spaces (``first_prefix`` replaces the indent, for ``- ``)."""
    text = clean_text(value)
    lead = first_prefix if first_prefix is not None else " " * indent
    if "\n" not in text:
        fragment = _inline(text)
        if fragment is not None and len(lead) + len(key) + 2 + len(fragment) <= WIDTH:
            return [f"{lead}{key}: {fragment}"]
    block = _block(text, max(20, WIDTH - indent - 2))
    if block is not None:
        pad = " " * (indent + 2)
        return [f"{lead}{key}: {block[0]}", *(f"{pad}{line}" if line else "" for line in block[1:])]
    return [f"{lead}{key}: {_quoted(text)}"]


def list_lines(key: str, values: list[str], indent: int) -> list[str]:
    cleaned = [clean_text(v) for v in values if clean_text(v)]
    flow = yaml.safe_dump({"k": cleaned}, default_flow_style=True, width=float("inf"), allow_unicode=True)
    fragment = flow.strip()[4:-1] if flow.strip().startswith("{k: ") else None
    if fragment is not None:
        try:
            ok = yaml.load("k: " + fragment, Loader=yaml.BaseLoader) == {"k": cleaned}  # noqa: S506
        except yaml.YAMLError:
            ok = False
        if ok:
            return [f"{' ' * indent}{key}: {fragment}"]
    lines = [f"{' ' * indent}{key}:"]  # pragma: no cover - a flow list of strings always reads back
    lines += [f"{' ' * indent}  - {_quoted(value)}" for value in cleaned]  # pragma: no cover
    return lines  # pragma: no cover
