"""Nothing a participant wrote runs as a script in the trainer's formgrader page, and the
capstone is graded on the plan its answer cell shows (red team, findings 1 and 3)."""

from __future__ import annotations

import json
from types import SimpleNamespace

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from upr_course.grading.extract import cell_text, two_texts
from upr_course.grading.preprocessors import NoParticipantScript

TRAINERS = "## Situation A\n\n<b>Read</b> the case first."
SCRIPTED = '<img src=x onerror="steal()"> <script>steal()</script> & more'


def _graded(nb, trusted=frozenset()):
    step = NoParticipantScript()
    step._trainers_markdown = lambda submission: set(trusted)  # noqa: SLF001 - the source notebook's markdown
    return step.preprocess(nb, {})[0]


def test_a_participants_markdown_is_shown_as_text_and_the_trainers_stays_as_written():
    nb = new_notebook(cells=[new_markdown_cell(TRAINERS), new_markdown_cell(SCRIPTED)])
    graded = _graded(nb, {TRAINERS})
    assert graded.cells[0].source == TRAINERS
    shown = graded.cells[1].source
    assert "<" not in shown and "&lt;script>steal()" in shown and "&amp; more" in shown


def test_outputs_keep_only_text_and_pictures():
    cell = new_code_cell("display(...)")
    cell.outputs = [
        new_output("display_data", data={"text/html": '<img src=x onerror="steal()">', "text/plain": "<HTML object>"}),
        new_output("display_data", data={"application/javascript": "steal()"}),
        new_output("display_data", data={"image/svg+xml": "<svg onload='steal()'/>", "image/png": "iVBOR"}),
        new_output("stream", name="stdout", text="<b>printed</b>"),
    ]
    graded = _graded(new_notebook(cells=[cell]))
    kinds = [sorted(o.get("data", {})) for o in graded.cells[0].outputs]
    assert kinds == [["text/plain"], ["text/plain"], ["image/png"], []]
    assert "could run a script" in graded.cells[0].outputs[1].data["text/plain"]
    assert "steal" not in json.dumps(graded.cells[0].outputs)


def test_the_trainers_markdown_is_read_from_the_source_notebook(tmp_path):
    source = tmp_path / "source.ipynb"
    nbformat.write(new_notebook(cells=[new_markdown_cell(TRAINERS), new_code_cell("x = 1")]), source)
    assert NoParticipantScript._trainers_markdown(SimpleNamespace(source_notebook=source)) == {TRAINERS}
    assert NoParticipantScript._trainers_markdown(None) == set()


def test_the_capstone_is_graded_on_the_plan_its_cell_shows():
    saved = {"upr_course": {"answers": {"PLAN": "format: upr-action-plan/1\ncountry: Kenya\n# the strong plan\n"}}}
    shown = 'PLAN = """format: upr-action-plan/1\ncountry: Kenya\n# the weak plan\n"""\n'
    assert "weak plan" in cell_text(shown, saved, "PLAN") and two_texts(shown, saved, "PLAN")
    # The plan picker's cell shows no plan: the saved one is graded, and nothing is said.
    assert "strong plan" in cell_text("exercises.plan_picker()", saved, "PLAN") and not two_texts("exercises.plan_picker()", saved, "PLAN")
    same = 'PLAN = """format: upr-action-plan/1\ncountry: Kenya\n# the strong plan\n"""\n'
    assert not two_texts(same, saved, "PLAN")
