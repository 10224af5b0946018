"""What participants get holds no solutions, hidden tests or mark schemes: searched line by line."""

from __future__ import annotations

import json
import re
from pathlib import Path

from upr_course.participant_kit import build_kit

REPO = Path(__file__).resolve().parents[1]
#: Lines of hidden tests that are the package's public plumbing, not answers: an option of the clean grader.
PUBLIC = {'"--trust-parent-environment",'}
BLOCKS = {
    "hidden test": re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.S),
    "mark scheme": re.compile(r"### BEGIN MARK SCHEME\n(.*?)### END MARK SCHEME", re.S),
    "solution": re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.S),
}


def secret_lines() -> set[tuple[str, str]]:
    """Every distinctive line of the hidden tests, mark schemes and answer cells of solutions/."""
    found = set()
    for path in sorted((REPO / "solutions").rglob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            source = "".join(cell["source"])
            blocks = [(kind, m.group(1)) for kind, pattern in BLOCKS.items() for m in pattern.finditer(source)
                      if kind != "solution" or "capstone" not in path.parent.name]
            meta = cell["metadata"].get("nbgrader", {})
            # The capstone's answer is a plan like the public example plans: its hidden tests and mark scheme are the secrets.
            if "capstone" not in path.parent.name and meta.get("solution") and cell["cell_type"] == "code" and "student_source" in cell["metadata"].get("upr_course", {}):
                template = set(cell["metadata"]["upr_course"]["student_source"].splitlines())
                blocks.append(("solution", "\n".join(line for line in source.splitlines() if line not in template)))
            for kind, block in blocks:
                for line in block.splitlines():
                    line = line.strip()
                    if len(line) >= 24 and not line.startswith("#") and line not in PUBLIC:
                        found.add((kind, line))
    return found


def test_the_participant_kit_holds_no_hidden_test_mark_scheme_or_solution(tmp_path):
    kit = build_kit(tmp_path / "kit")
    assert (kit / "exercises" / "01-should-we-engage" / "should-we-engage.ipynb").is_file()
    assert (kit / "course").is_dir() and (kit / "src" / "upr_course").is_dir() and (kit / "datasets").is_dir()
    assert not (kit / "solutions").exists() and not (kit / "tests").exists() and not (kit / "nbgrader_config.py").exists()
    secrets = secret_lines()
    assert len([s for s in secrets if s[0] == "hidden test"]) > 20, "the search must have lines to look for"
    leaks = []
    for path in kit.rglob("*"):
        if not path.is_file() or path.suffix in {".parquet", ".pickle", ".whl", ".png", ".gz"}:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        text = text.replace('\\"', '"')
        leaks += [(str(path.relative_to(kit)), kind, line) for kind, line in secrets if line in text]
    assert not leaks, leaks[:10]
