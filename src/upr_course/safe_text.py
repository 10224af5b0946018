"""Untrusted names (file names, participant ids, zip entries) made safe to show a trainer.

A participant chooses the names of the files they hand in. Two places would run what a name
says instead of showing it:

- a spreadsheet opens a CSV cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula
  (``=HYPERLINK(...)``), so such a cell is written with a leading apostrophe, which
  spreadsheets show as text (OWASP's advice on CSV injection);
- a terminal obeys control characters (``ESC[2J`` clears the screen, ``ESC]0;`` sets the
  window's title), so they are shown escaped (``\\x1b``), as Python's ``repr`` does.
"""

from __future__ import annotations

import unicodedata

#: What a spreadsheet reads as the start of a formula (tab and carriage return too).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value):
    """``value`` unchanged, unless it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def spreadsheet_row(row: dict) -> dict:
    return {key: spreadsheet_cell(value) for key, value in row.items()}


def printable(text: str, keep_newlines: bool = True) -> str:
    """``text`` with its control characters shown escaped ("\\x1b") instead of obeyed."""
    out = []
    for char in str(text):
        if char == "\n" and keep_newlines:
            out.append(char)
        elif unicodedata.category(char) in ("Cc", "Cf") and char not in "\u200d":
            out.append(repr(char)[1:-1] if unicodedata.category(char) == "Cc" else f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return "".join(out)
