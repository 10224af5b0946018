"""Exercises 01-04 (and every form of the course): answers saved by the form in the answer cell's metadata are
graded only while the cell is still the form's own line; a cell that shows its own answers is graded on them,
and saved answers that differ are named for the trainer (the capstone's rule, FINDINGS2.md R13). Fast: the
clean check (``answer_check``) on the trainer's notebook, no nbgrader run."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from upr_course.grading import answer_check
from upr_course.grading.answers import read_cell_answers
from upr_course.grading.extract import FORM_LINES, grade_id_of

REPO = Path(__file__).resolve().parents[2]
EXERCISES = {
    "01-should-we-engage": ("should-we-engage", "decisions", "decisions_check"),
    "02-timeline": ("timeline", "answers", "when_check"),
    "03-reading-recommendations": ("reading-recommendations", "choice", "choice_check"),
    "04-supported-or-noted": ("supported-or-noted", "tactics", "tactics_check"),
}


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _answer_cell(path: Path, grade_id: str) -> dict:
    return next(c for c in _cells(path) if grade_id_of(c) == grade_id and c["metadata"]["nbgrader"].get("solution"))


def _weak(value):
    """An answer of the same kind that says nothing: what the cell shows to the trainer."""
    return {str: "", dict: {}, list: []}.get(type(value), None)


def _strong(exercise: str) -> dict:
    name, grade_id, _check = EXERCISES[exercise]
    return _answer_cell(REPO / "solutions" / exercise / f"{name}.ipynb", grade_id)["metadata"]["upr_course"]["answers"]


def _hand_in(exercise: str, source: str | None, answers: dict | None) -> dict:
    """The released exercise's answer cell, with this source (None: the form's own line) and these saved answers."""
    name, grade_id, _check = EXERCISES[exercise]
    cell = copy.deepcopy(_answer_cell(REPO / "exercises" / exercise / f"{name}.ipynb", grade_id))
    if source is not None:
        cell["source"] = source
    if answers is not None:
        cell["metadata"]["upr_course"]["answers"] = answers
    return cell


def _score(exercise: str, cell: dict) -> float:
    """The score of the exercise's check in the clean check, on what the grader reads from this answer cell."""
    name, grade_id, check = EXERCISES[exercise]
    values = read_cell_answers(grade_id, "".join(cell["source"]), cell["metadata"]).values
    result = answer_check.check({"source": str(REPO / "solutions" / exercise / f"{name}.ipynb"), "answers": {grade_id: values}})
    value = result["tests"][check]["value"]
    return float(value) if value is not None else 0.0


def _weak_source(strong: dict) -> str:
    return "".join(f"{name} = {_weak(value)!r}\n" for name, value in strong.items())


@pytest.mark.parametrize("exercise", sorted(EXERCISES))
def test_weak_answers_shown_in_the_cell_are_graded_not_strong_ones_hidden_in_the_metadata(exercise):
    strong = _strong(exercise)
    full = _score(exercise, _hand_in(exercise, None, strong))  # the form's own line: the saved answers are the answers
    assert full > 0
    shown = _weak_source(strong)
    hidden = _hand_in(exercise, shown, strong)
    assert _score(exercise, hidden) == _score(exercise, _hand_in(exercise, shown, {})) < full
    read = read_cell_answers(EXERCISES[exercise][1], shown, hidden["metadata"])
    assert read.values == {name: _weak(value) for name, value in strong.items()}
    assert set(read.unused_saved) == set(strong)  # kept to name it in the report


@pytest.mark.parametrize("exercise", sorted(EXERCISES))
@pytest.mark.parametrize("around", [
    "{line}  # my real answers are in the form",
    '{line}\n"""a note"""',
    "if True:\n    {line}",
    "",
])
def test_a_changed_form_line_is_not_graded_on_the_saved_answers(exercise, around):
    strong = _strong(exercise)
    line = FORM_LINES[exercise]
    cell = _hand_in(exercise, around.format(line=line), strong)
    read = read_cell_answers(EXERCISES[exercise][1], "".join(cell["source"]), cell["metadata"])
    assert not (set(read.values) & set(strong)) and set(read.unused_saved) == set(strong)


@pytest.mark.parametrize("exercise", sorted(EXERCISES))
@pytest.mark.parametrize("source", ["{line}", "\n{line}\r\n", "  {line}\n\n"])
def test_the_forms_own_line_is_graded_on_what_the_form_saved(exercise, source):
    strong = _strong(exercise)
    cell = _hand_in(exercise, source.format(line=FORM_LINES[exercise]), strong)
    read = read_cell_answers(EXERCISES[exercise][1], "".join(cell["source"]), cell["metadata"])
    assert read.values == strong and not read.computed and not read.unused_saved


def test_a_form_line_of_another_exercise_does_not_open_the_metadata():
    strong = _strong("01-should-we-engage")
    cell = _hand_in("01-should-we-engage", FORM_LINES["02-timeline"], strong)
    assert not read_cell_answers("decisions", "".join(cell["source"]), cell["metadata"]).values


def test_answers_written_as_values_in_the_cell_still_count_without_a_form():
    strong = _strong("01-should-we-engage")
    cell = _hand_in("01-should-we-engage", f"DECISIONS = {strong['DECISIONS']!r}\n", None)
    cell["metadata"]["upr_course"].pop("answers", None)
    assert _score("01-should-we-engage", cell) == 3.0


FOLDERS = ["exercises", "exercises/es", "exercises/fr", "solutions"]


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_form_cell_the_course_releases_is_declared_once(folder):
    """Each answer cell with a form is, in every language and in the solutions, exactly the declared form line."""
    found = {}
    for path in sorted((REPO / folder).glob("*/*.ipynb")):
        for cell in _cells(path):
            own = cell.get("metadata", {}).get("upr_course")
            if isinstance(own, dict) and "form" in own:
                form = own["form"]
                assert form == path.parent.name, path
                assert "".join(cell["source"]).strip() == FORM_LINES[form], (path, form)
                if folder == "solutions":
                    assert own["student_source"].strip() == FORM_LINES[form]
                found[form] = True
    assert set(found) == set(FORM_LINES)
