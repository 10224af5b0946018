"""exercises/ is exactly what ``nbgrader generate_assignment`` makes of solutions/, and the
source notebooks follow the grading rules (cleared outputs, a clamped float at the end of
every test cell, hidden tests and mark schemes only where nbgrader removes them)."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from upr_course.grading import throwaway_course as course_copy

REPO = Path(__file__).resolve().parents[2]
ASSIGNMENTS = sorted(p.name for p in (REPO / "solutions").iterdir() if p.is_dir() and not p.name.startswith("."))
#: Cell metadata that Jupyter changes by itself when a notebook is opened or run.
VOLATILE_CELL_METADATA = {"collapsed", "scrolled", "execution", "jp-MarkdownHeadingCollapsed", "editable_state"}


def normalised(path: Path) -> dict:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    cells = []
    for cell in notebook["cells"]:
        cell = dict(cell)
        cell["metadata"] = {k: v for k, v in cell.get("metadata", {}).items() if k not in VOLATILE_CELL_METADATA}
        cell["source"] = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        cells.append(cell)
    return {"nbformat": notebook["nbformat"], "kernelspec": notebook["metadata"].get("kernelspec"), "cells": cells}


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    course = course_copy.make_course(tmp_path_factory.mktemp("course"))
    api = course_copy.api(course)
    for name in ASSIGNMENTS:
        result = api.generate_assignment(name, force=True)
        assert result["success"], f"generate_assignment {name} failed:\n{result.get('error')}\n{result.get('log')}"
    return course / "exercises"


def test_the_course_has_its_seven_exercises_in_order():
    assert ASSIGNMENTS[:7] == ["01-should-we-engage", "02-timeline", "03-reading-recommendations", "04-supported-or-noted",
                               "05-capstone-action-plan", "06-draft-a-recommendation", "07-embassy-factsheet"]


@pytest.mark.parametrize("path", sorted((REPO / "exercises").glob("*/*.ipynb")), ids=lambda p: p.parent.name)
def test_released_exercises_ask_for_no_code_and_hold_no_model_answers(path):
    """Participants answer with forms: no answer cell asks them to write code, and no model answer is released."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        own = cell["metadata"].get("upr_course", {})
        assert "answers" not in own, f"{path.name}: a model answer is in the released notebook"
        if cell["metadata"].get("nbgrader", {}).get("solution"):
            source = "".join(cell["source"])
            assert own.get("form") and source.startswith("exercises.") and "=" not in source, (path.name, source)
    text = json.dumps(notebook)
    for code_word in ("pandas", "YAML", "upr-course export", "dtype", "np.float64"):
        assert code_word not in text, f"{path.name} mentions {code_word}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_exercises_equal_a_fresh_generate_assignment(generated, assignment):
    fresh = generated / assignment
    committed = REPO / "exercises" / assignment
    fresh_files = sorted(p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file())
    committed_files = sorted(p.relative_to(committed) for p in committed.rglob("*") if p.is_file() and ".ipynb_checkpoints" not in p.parts)
    assert committed_files == fresh_files, f"run: nbgrader generate_assignment {assignment} --force (from the course folder) and commit exercises/"
    for relative in fresh_files:
        if relative.suffix == ".ipynb":
            assert normalised(committed / relative) == normalised(fresh / relative), (
                f"exercises/{assignment}/{relative} is out of date: run nbgrader generate_assignment {assignment} --force and commit it"
            )
        else:
            assert (committed / relative).read_bytes() == (fresh / relative).read_bytes()


def source_notebooks():
    return sorted((REPO / "solutions").glob("*/*.ipynb"))


@pytest.mark.parametrize("path", source_notebooks(), ids=lambda p: p.parent.name)
def test_source_notebooks_are_cleared_and_test_cells_end_with_a_clamped_float(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, "clear the outputs of solutions/ notebooks"
        meta = cell["metadata"].get("nbgrader", {})
        source = "".join(cell["source"])
        if "BEGIN HIDDEN TESTS" in source or "BEGIN MARK SCHEME" in source:
            assert meta.get("grade") or meta.get("task"), f"{meta.get('grade_id')}: hidden tests and mark schemes only in test or task cells"
        if not (meta.get("grade") and not meta.get("solution") and cell["cell_type"] == "code"):
            continue
        points = float(meta["points"])
        last = ast.parse(source).body[-1]
        assert isinstance(last, ast.Expr), f"{meta['grade_id']}: a test cell must end with its score"
        text = ast.unparse(last.value)
        clamped = {f"min(max(float(int(_score)), 0.0), {points})", f"min(max(float(_score), 0.0), {points})",
                   f"min(max(float(int(_ok_n) + int(_ok_share)), 0.0), {points})",
                   f"min(max(float(int(_ok_supported) + int(_ok_noted)), 0.0), {points})",
                   f"_x if 0.0 <= _x <= {points} else 0.0"}
        assert text in clamped, f"{meta['grade_id']}: ends with {text!r}, not a float clamped to its {points:g} points"
