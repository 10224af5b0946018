"""Names a participant chose are shown to the trainer, never run by a spreadsheet or a terminal."""

from __future__ import annotations

import csv
import io

from upr_course.safe_text import printable, spreadsheet_cell, spreadsheet_row


def test_a_cell_that_would_start_a_formula_is_written_as_text():
    for text in ('=HYPERLINK("evil.example","open")', "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"):
        assert spreadsheet_cell(text) == "'" + text
    assert spreadsheet_cell("plan.yaml") == "plan.yaml" and spreadsheet_cell(-3.5) == -3.5 and spreadsheet_cell(None) is None
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["plan", "total"])
    writer.writerow(spreadsheet_row({"plan": "=cmd|' /C calc'!A0", "total": 40.5}))
    cells = next(csv.reader(io.StringIO(out.getvalue())))
    assert cells == ["'=cmd|' /C calc'!A0", "40.5"]


def test_terminal_codes_are_shown_not_obeyed():
    shown = printable("\x1b[2J\x1b[1;1HAll collected\x1b]0;owned\x07.ipynb\nnext line")
    assert "\x1b" not in shown and "\x07" not in shown and "\\x1b[2J" in shown and "\nnext line" in shown
    assert printable("mañana, «plan» 😀\u200d") == "mañana, «plan» 😀\u200d"
    assert printable("a\u202eb") == "a\\u202eb"  # a right-to-left override cannot reverse what the trainer reads
