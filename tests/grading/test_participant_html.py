"""Nothing a participant wrote runs as a script in the trainer's formgrader page, and the
capstone is graded on the plan its answer cell shows (red team, findings 1 and 3)."""

from __future__ import annotations

import json
import re
from types import SimpleNamespace

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from upr_course.grading.extract import cell_text, two_texts
from upr_course.grading.preprocessors import NoParticipantScript

TRAINERS = "## Situation A\n\n<b>Read</b> the case first."
SCRIPTED = '<img src=x onerror="steal()"> <script>steal()</script> & more'
PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="  # 1 x 1 pixel


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
        new_output("display_data", data={"image/svg+xml": "<svg onload='steal()'/>", "image/png": PNG}),
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


def test_a_pictures_metadata_keeps_only_its_size_as_numbers_and_its_data_must_be_a_picture():
    """Red team, second round, R8: nbconvert writes width and height into the <img> tag unquoted."""
    cell = new_code_cell("display(...)")
    cell.outputs = [
        new_output("display_data", data={"image/png": PNG, "text/plain": "chart"},
                   metadata={"image/png": {"width": "1 onerror=steal()", "height": 40, "alt": "a chart", "filenames": {"image/png": "x"}},
                             "width": "2 onmouseover=steal()", "height": "30", "unconfined": True, "anything": "<script>"}),
        new_output("display_data", data={"image/jpeg": "x' onerror='steal()", "text/plain": "not a picture"}),
        new_output("execute_result", data={"image/gif": PNG}, execution_count=1),  # a PNG said to be a GIF
    ]
    graded = _graded(new_notebook(cells=[cell])).cells[0].outputs
    assert graded[0].metadata == {"height": 30, "unconfined": True, "image/png": {"height": 40, "alt": "a chart"}}
    assert sorted(graded[0].data) == ["image/png", "text/plain"]
    assert dict(graded[1].data) == {"text/plain": "not a picture"} and "image/gif" not in graded[2].data
    assert "steal" not in json.dumps(graded)


SCRIPT_LINKS = [
    "See [my annex](javascript:window.XSS_LINK=1) for the sources.",
    "[a](javascript&colon;steal())", "[b](JaVaScRiPt:steal())", "[c]( javascript:steal())", "[d](&#106;avascript:steal())",
    "[e][ref] and more\n\n[ref]: javascript:steal()", "![f](javascript:steal())", "[g](data:text/html;base64,PHNjcmlwdD4=)",
    "[h](vbscript:steal())", "![missing](attachment:nothing.png)",
]


def _page(nb) -> str:
    from nbconvert.exporters import HTMLExporter

    return HTMLExporter(template_name="classic").from_notebook_node(nb)[0]


def test_a_participants_link_to_a_script_is_shown_as_text_not_as_a_live_link():
    """Red team, second round, R9: the cell becomes a code block under a note; the trainer still reads it."""
    cells = [new_markdown_cell(source) for source in SCRIPT_LINKS]
    cells.append(new_markdown_cell("Two ``` and ```` backticks, then [x](javascript:steal())\n````\n[y](javascript:steal())"))
    sources = [cell.source for cell in cells]
    graded = _graded(new_notebook(cells=cells))
    for cell, source in zip(graded.cells, sources):
        assert cell.source.startswith("(A link or picture in this cell") and source in cell.source
    body = _page(graded).split("<body", 1)[1]
    assert re.findall(r"<(?:a|img)\b[^>]*>", body) == []  # no link, no picture: all shown as text
    assert "[my annex](javascript:window.XSS_LINK=1)" in body


def test_a_participants_links_to_web_pages_mail_and_pictures_stay_live():
    attachment = new_markdown_cell("![c](attachment:c.png)")
    attachment["attachments"] = {"c.png": {"image/png": PNG}}
    cells = [new_markdown_cell("# Sources\n\n[OHCHR](https://www.ohchr.org), [annex](annex.pdf), [top](#Sources), "
                               "[write](mailto:a@example.org) and *more* $x^2$"), attachment]
    graded = _graded(new_notebook(cells=cells))
    assert [cell.source for cell in graded.cells] == [cells[0].source, "![c](attachment:c.png)"]
    page = _page(graded)
    assert '<a href="https://www.ohchr.org">' in page and '<a href="mailto:a@example.org">' in page and f'src="data:image/png;base64,{PNG}"' in page
