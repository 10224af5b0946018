"""Rewrite the criteria table in docs/grader.md from the registry (the one place a criterion is declared).

Run after changing a criterion's weight or wording: ``.venv/bin/python scripts/update_grader_docs.py``.
A test fails until the docs match.
"""

from __future__ import annotations

import re
from pathlib import Path

from upr_course.rubric.registry import weights_table

DOC = Path(__file__).resolve().parents[1] / "docs" / "grader.md"
TABLE = re.compile(r"(<!-- criteria table:[^\n]*-->\n).*?(\n<!-- end of criteria table -->)", re.S)


def main() -> None:
    text = DOC.read_text(encoding="utf-8")
    DOC.write_text(TABLE.sub(lambda m: m.group(1) + weights_table() + m.group(2), text), encoding="utf-8")


if __name__ == "__main__":
    main()
