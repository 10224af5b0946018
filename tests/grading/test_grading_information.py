"""A notebook nbgrader cannot grade because of its cells' grading information is named, with the
cell and what to do (red team, finding 9: a copied answer cell made nbgrader stop silently)."""

from __future__ import annotations

import copy
import json

from upr_course.grading.submissions import check_notebook

EXPECTED = {"decisions": "answer", "decisions_check": "test"}


def _cell(grade_id, solution, grade):
    return {"cell_type": "code", "id": f"c-{grade_id}-{solution}", "metadata": {"nbgrader": {
        "grade_id": grade_id, "solution": solution, "grade": grade, "locked": not solution, "schema_version": 3}},
        "source": "x = 1", "outputs": [], "execution_count": None}


def _kinds(tmp_path, cells):
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}), encoding="utf-8")
    return {p.kind: p.message for p in check_notebook(path, EXPECTED)}


def test_an_honest_notebook_has_no_such_problem(tmp_path):
    assert _kinds(tmp_path, [_cell("decisions", True, False), _cell("decisions_check", False, True)]) == {}


def test_a_copied_answer_cell_is_named_with_what_to_do(tmp_path):
    answer = _cell("decisions", True, False)
    found = _kinds(tmp_path, [answer, copy.deepcopy(answer), _cell("decisions_check", False, True)])
    assert "decisions" in found["copied_cells"] and "delete the copy" in found["copied_cells"]


def test_a_forged_grade_cell_and_a_test_made_an_answer_are_named(tmp_path):
    found = _kinds(tmp_path, [_cell("decisions", True, False), _cell("decisions_check", True, True), _cell("bonus", False, True)])
    assert "changed_cells" in found
    messages = " ".join(p.message for p in check_notebook(tmp_path / "nb.ipynb", EXPECTED))
    assert "bonus" in messages and "decisions_check" in messages


def test_a_read_only_cell_of_the_exercise_is_not_an_unknown_cell(tmp_path):
    path = tmp_path / "nb.ipynb"
    readonly = _cell("intro", False, False)
    readonly["cell_type"] = "markdown"
    cells = [readonly, _cell("decisions", True, False), _cell("decisions_check", False, True)]
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}), encoding="utf-8")
    assert not check_notebook(path, EXPECTED, locked={"intro"})
