"""What participants get holds no solutions, hidden tests or mark schemes: searched line by line."""

from __future__ import annotations

import json
import re
from pathlib import Path

from upr_course.participant_kit import build_kit

REPO = Path(__file__).resolve().parents[2]
#: Lines of hidden tests that are the package's public plumbing, not answers: an option of the clean grader.
PUBLIC = {'"--trust-parent-environment",'}
BLOCKS = {
    "hidden test": re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.S),
    "mark scheme": re.compile(r"### BEGIN MARK SCHEME\n(.*?)### END MARK SCHEME", re.S),
    "solution": re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.S),
}


def secret_lines() -> set[tuple[str, str]]:
    """Every distinctive line of the hidden tests, mark schemes and answer cells of solutions/."""
    return secret_lines_of(REPO / "solutions")


def secret_lines_of(folder: Path) -> set[tuple[str, str]]:
    found = set()
    for path in sorted(folder.rglob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            source = "".join(cell["source"])
            blocks = [(kind, m.group(1)) for kind, pattern in BLOCKS.items() for m in pattern.finditer(source)
                      if kind != "solution" or "capstone" not in path.parent.name]
            meta = cell["metadata"].get("nbgrader", {})
            # The capstone's answer is a plan like the public example plans: its hidden tests and mark scheme are the secrets.
            if (
                "capstone" not in path.parent.name
                and meta.get("solution")
                and cell["cell_type"] == "code"
                and "student_source" in cell["metadata"].get("upr_course", {})
            ):
                template = set(cell["metadata"]["upr_course"]["student_source"].splitlines())
                blocks.append(("solution", "\n".join(line for line in source.splitlines() if line not in template)))
            for kind, block in blocks:
                for line in block.splitlines():
                    line = line.strip()
                    if len(line) >= 24 and not line.startswith("#") and line not in PUBLIC:
                        found.add((kind, line))
    return found


MARKERS = ("### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS", "### BEGIN MARK SCHEME", "### END MARK SCHEME", "### BEGIN SOLUTION")


def leaks_in(folder: Path, secrets: set[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """Every secret line found in a text file under ``folder``, and every nbgrader marker in a notebook."""
    leaks = []
    for path in folder.rglob("*"):
        if not path.is_file() or path.suffix in {".parquet", ".pickle", ".whl", ".png", ".gz"}:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        text = text.replace('\\"', '"').replace("\\n", "\n")
        leaks += [(str(path.relative_to(folder)), kind, line) for kind, line in secrets if line in text]
        if path.suffix == ".ipynb":  # the package's code may name the markers (it builds notebooks); a notebook may not
            leaks += [(str(path.relative_to(folder)), "marker", marker) for marker in MARKERS if marker in text]
    return leaks


def test_the_search_has_lines_of_every_kind_from_every_exercise():
    secrets = secret_lines()
    kinds = {kind for kind, _ in secrets}
    assert len([s for s in secrets if s[0] == "hidden test"]) > 20, "the search must have lines to look for"
    # Exercises are answered with forms now: their model answers are data in the source
    # notebooks' metadata (checked below), so hidden tests and mark schemes are the lines to find.
    assert "hidden test" in kinds, kinds
    sources = "".join(p.read_text(encoding="utf-8") for p in (REPO / "solutions").rglob("*.ipynb"))
    if "### BEGIN MARK SCHEME" in sources:
        assert "mark scheme" in kinds
    # exercises 01-04 each give solution lines to look for (the capstone's plan is a public example)
    for number in ("01", "02", "03", "04"):
        folder = next((REPO / "solutions").glob(f"{number}-*"))
        assert secret_lines_of(folder), f"no solution or hidden-test lines found in {folder.name}"


def test_the_released_exercises_hold_no_model_answers_in_their_metadata():
    """The forms' model answers live in solutions/ (cell metadata ``upr_course.answers``); nbgrader's release drops them."""
    import json

    sources = [p for p in (REPO / "solutions").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts]
    assert any(
        (cell.get("metadata", {}).get("upr_course") or {}).get("answers")
        for path in sources
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]
    ), "the search needs model answers to look for"
    for path in (REPO / "exercises").rglob("*.ipynb"):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            assert not (cell.get("metadata", {}).get("upr_course") or {}).get("answers"), path


def test_the_released_exercises_hold_no_hidden_test_mark_scheme_or_solution():
    """exercises/ is what nbgrader generate_assignment releases (committed, opened by participants learning alone)."""
    leaks = leaks_in(REPO / "exercises", secret_lines())
    assert not leaks, leaks[:10]


def test_the_participant_kit_holds_no_hidden_test_mark_scheme_or_solution(tmp_path):
    kit = build_kit(tmp_path / "kit")
    assert (kit / "exercises" / "01-should-we-engage" / "should-we-engage.ipynb").is_file()
    assert (kit / "course").is_dir() and (kit / "src" / "upr_course").is_dir() and (kit / "datasets").is_dir()
    assert not (kit / "solutions").exists() and not (kit / "tests").exists() and not (kit / "nbgrader_config.py").exists()
    leaks = leaks_in(kit, secret_lines())
    assert not leaks, leaks[:10]
