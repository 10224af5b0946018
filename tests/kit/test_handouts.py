"""Handouts: self-contained pages, with static copies of what widgets show, quizzes without answers, no code, no CDN."""

from __future__ import annotations

import re

import nbformat
import pytest

from upr_course import handouts

pytestmark = pytest.mark.slow

SOURCE = '''
import io
import ipywidgets as widgets
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
from upr_course.widgets import quiz
from IPython.display import display
figure, axes = plt.subplots(figsize=(2, 1))
axes.plot([1, 2], [1, 2])
buffer = io.BytesIO()
figure.savefig(buffer, format="png")
display(widgets.VBox([widgets.HTML("<p>Widget text here</p>"), widgets.Image(value=buffer.getvalue(), format="png"),
                      widgets.Dropdown(options=["Kenya", "Nepal"], value="Nepal", description="Country:")]))
display(pd.DataFrame({"State": ["Kenya"], "reviews": [4]}))
quiz.ask("Where does the UPR happen?", {"At home": "SECRET-FEEDBACK-RIGHT", "In Geneva": "SECRET-FEEDBACK-WRONG"}, correct="At home")
'''


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("handout")
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# A lesson\n\nSome text."), nbformat.v4.new_code_cell(SOURCE)])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "lesson.ipynb"
    nbformat.write(notebook, path)
    [written] = handouts.build([path], folder / "out")
    return written.read_text(encoding="utf-8")


def test_widgets_become_static_text_pictures_and_choices(page):
    assert "Widget text here" in page
    assert re.search(r'<img alt="picture" src="data:image/png;base64,iVBOR', page)
    assert "Nepal" in page and "<table" in page and "Kenya" in page


def test_quizzes_show_the_question_and_options_but_never_the_answers_or_feedback(page):
    assert "Where does the UPR happen?" in page and "In Geneva" in page
    assert "SECRET-FEEDBACK" not in page and "correct=" not in page


def test_no_code_no_script_and_nothing_from_the_internet(page):
    assert "quiz.ask" not in page and "import pandas" not in page
    assert "<script" not in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)


def test_make_static_replaces_an_unknown_widget_by_nothing_rather_than_a_blank_frame():
    notebook = {"metadata": {}, "cells": [{"cell_type": "code", "outputs": [
        {"output_type": "display_data", "data": {handouts.WIDGET_VIEW: {"model_id": "gone"}}}]}]}
    assert handouts.make_static(notebook) == 1
    assert notebook["cells"][0]["outputs"][0]["data"] == {"text/html": ""}


def test_slides_cut_a_lesson_at_its_headings_and_load_nothing_from_the_internet(tmp_path):
    from upr_course import slides

    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Lesson\n\nShort opening.\n\n## Part one\n\n- a point\n- another point"),
        nbformat.v4.new_markdown_cell("## Part two\n\n" + "A long paragraph for the facilitator to say. " * 12),
        nbformat.v4.new_code_cell(SOURCE),
    ])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "lesson.ipynb"
    nbformat.write(notebook, path)
    [deck] = slides.build([path], tmp_path / "slides")
    text = deck.read_text(encoding="utf-8")
    assert text.count('class="slide"') == 3
    assert "a point" in text and "A long paragraph" not in text  # said by the facilitator, not read from the wall
    assert "data:image/png;base64" in text and "SECRET-FEEDBACK" not in text and "quiz.ask" not in text
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text)


def test_the_kit_notes_become_pages_to_print():
    from upr_course.workshop_kit import NOTES, note_page

    names = {p.name for p in NOTES.glob("*.md")}
    assert {"README.md", "facilitator-notes.md", "role-plays.md", "evaluation-form.md"} <= names
    page = note_page((NOTES / "README.md").read_text(encoding="utf-8"), "README")
    assert 'href="facilitator-notes.html"' in page and "<script" not in page
