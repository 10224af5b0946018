"""The capstone's plan picker saves the plan in the answer cell's metadata: it is graded only while the
cell is still the picker's own cell (FINDINGS2.md, R13). Fast: no nbgrader run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from upr_course.grading.extract import FORM_CELLS, AnswerNotFound, cell_text, grade_id_of, is_form_cell, two_texts
from upr_course.grading.report import Entry, _cross_check

REPO = Path(__file__).resolve().parents[2]
SAVED = {"upr_course": {"form": "05-capstone-action-plan", "answers": {"PLAN": "format: upr-action-plan/1\n# the saved plan\n"}}}
PICKER = FORM_CELLS["PLAN"]


def _answer_cell(path: Path) -> dict:
    return next(c for c in json.loads(path.read_text(encoding="utf-8"))["cells"] if grade_id_of(c) == "action_plan")


@pytest.mark.parametrize("folder", ["exercises", "exercises/es", "exercises/fr"])
def test_the_picker_cell_is_the_one_the_course_releases(folder):
    cell = _answer_cell(REPO / folder / "05-capstone-action-plan" / "action-plan.ipynb")
    assert is_form_cell("".join(cell["source"]), "PLAN")
    solution = _answer_cell(REPO / "solutions" / "05-capstone-action-plan" / "action-plan.ipynb")
    assert solution["metadata"]["upr_course"]["student_source"].strip() == PICKER


@pytest.mark.parametrize("source", [PICKER, f"\n{PICKER}\r\n", f"  {PICKER}\n\n"])
def test_the_picker_cell_is_graded_on_the_plan_it_saved(source):
    assert "saved plan" in cell_text(source, SAVED, "PLAN") and not two_texts(source, SAVED, "PLAN")


@pytest.mark.parametrize("source", [
    f"{PICKER}  # PLAN: a plan written here, for the trainer's eyes only",
    f'{PICKER}\n"""a plan as a bare string"""',
    f'print("""another plan""")\n{PICKER}',
    "exercises.plan_picker(folder='..')",
    "PLAN = make_plan()",
    'PLAN = textwrap.dedent("""another plan""")',
    'for _ in [1]:\n    PLAN = """another plan"""',
    'exec("PLAN = 1")',
    "",
])
def test_any_other_cell_is_refused_not_graded_on_the_saved_plan(source):
    with pytest.raises(AnswerNotFound) as refused:
        cell_text(source, SAVED, "PLAN")
    assert refused.value.kind == "changed_form" and PICKER in str(refused.value) and "saved plan" not in str(refused.value)
    assert two_texts(source, SAVED, "PLAN")


def test_a_plain_plan_in_the_cell_is_graded_and_a_different_saved_one_is_named():
    written = 'PLAN = """format: upr-action-plan/1\n# the written plan\n"""\n'
    assert "written plan" in cell_text(written, SAVED, "PLAN") and two_texts(written, SAVED, "PLAN")
    same = 'PLAN = """format: upr-action-plan/1\n# the saved plan\n"""\n'
    assert not two_texts(same, SAVED, "PLAN")


def test_without_a_saved_plan_nothing_changes():
    with pytest.raises(AnswerNotFound) as refused:
        cell_text('PLAN = """x""".strip()', {}, "PLAN")
    assert refused.value.kind == "not_text" and not two_texts('PLAN = """x""".strip()', {}, "PLAN")
    with pytest.raises(AnswerNotFound):
        cell_text(PICKER, {}, "PLAN")  # the picker's cell with nothing chosen: no plan


def test_the_report_names_a_changed_picker_cell_for_the_trainer(tmp_path):
    cell = {"cell_type": "code", "source": 'PLAN = """format: upr-action-plan/1\n# weak\n""".strip()\n', "outputs": [],
            "execution_count": None, "metadata": {"nbgrader": {"grade_id": "action_plan", "solution": True}, **SAVED}}
    path = tmp_path / "action-plan.ipynb"
    path.write_text(json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}), encoding="utf-8")
    entry = Entry("c_strip", "05-capstone-action-plan", "graded")
    spec = {"cell": "action_plan", "variable": "PLAN", "groups": [("plan", ("goal",), None)]}
    _cross_check(entry, "action-plan", path, spec, {}, None, None)
    assert [p.kind for p in entry.problems] == ["two_plans"] and "no plan was graded" in entry.problems[0].message
    assert [(i.name, i.status) for i in entry.items] == [("(plan)", "not graded")]
