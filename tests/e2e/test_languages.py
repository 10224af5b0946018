"""The course in Spanish and French in the browser (issue 19): ``make lab LANG=es`` opens
JupyterLab with its menus in Spanish and the lessons built in Spanish; a French lesson run in
any JupyterLab speaks French, because its first code cell chooses the language."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e

ACTIVE = ".jp-NotebookPanel:not(.lm-mod-hidden)"


def _menu_labels(page) -> list[str]:
    page.wait_for_selector(".lm-MenuBar-itemLabel", timeout=60_000)
    return [label.strip() for label in page.locator(".lm-MenuBar-itemLabel").all_text_contents()]


@pytest.mark.parametrize("notebook", ["course/es/00-start-here.ipynb", "course/es/04-reading-recommendations.ipynb",
                                      "course/fr/00-start-here.ipynb", "course/fr/09-your-action-plan.ipynb"])
def test_a_translated_lesson_runs_in_its_language(spanish_lab, page, shots, notebook):
    spanish_lab.open(page, notebook)
    assert "Archivo" in _menu_labels(page), "JupyterLab's own menus come from its Spanish language pack"
    shots(page, "opened")
    first = page.locator(f"{ACTIVE} .jp-MarkdownCell").first.text_content()
    expected = {"es": "Objetivos de aprendizaje", "fr": "Objectifs d'apprentissage"}[notebook.split("/")[1]]
    assert expected in first
    saved = spanish_lab.run_all_and_save(page, notebook)
    assert spanish_lab.problems(page, saved) == []
    outputs = " ".join(page.locator(f"{ACTIVE} .jp-OutputArea-output").all_text_contents())
    # The first cell prints that the tools are ready, in the lesson's language.
    ready = {"es": "herramientas", "fr": "outils"}[notebook.split("/")[1]]
    assert ready in outputs.lower(), outputs[:400]
    shots(page, "ran")
