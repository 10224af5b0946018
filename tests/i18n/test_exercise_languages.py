"""Exercises 03 and 06 check Spanish and French answers as fairly as English ones."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from upr_course import exercise_forms
from upr_course.exercise_forms import TIMELINE_STAGES, recommendation_checks, recommendation_score, written
from upr_course.i18n import messages
from upr_course.widgets.exercises import search_pattern, search_words

STRONG = {
    "en": "Amend article 5 of the Penal Code by 2028 to define torture in line with the Convention against Torture, and publish the amended text.",
    "es": ("Modificar el artículo 5 del Código Penal antes de 2028 para definir la tortura conforme a la Convención contra la Tortura,"
           " y publicar el texto modificado."),
    "fr": ("Modifier l'article 5 du Code pénal d'ici 2028 afin de définir la torture conformément à la Convention contre la torture,"
           " et publier le texte modifié."),
}
WEAK = {
    "en": "Continue to consider taking steps to improve the situation of people held in detention in the country in general terms.",
    "es": "Considerar la posibilidad de seguir tomando medidas para mejorar la situación de las personas detenidas en el país en general.",
    "fr": "Poursuivre ses efforts pour améliorer la situation des personnes détenues et envisager de prendre des mesures dans ce domaine.",
}
REPO = Path(__file__).resolve().parents[2]
ADDRESSED_TO_US = {
    "en": "Adopt a law against torture; we will follow it up with our partners before the next review of the country.",
    "es": "Adoptar una ley contra la tortura; nosotros haremos seguimiento con nuestras organizaciones antes del próximo examen del país.",
    "fr": "Adopter une loi contre la torture ; nous en assurerons le suivi avec nos partenaires avant le prochain examen du pays.",
}


@pytest.mark.parametrize("language", STRONG)
def test_a_strong_draft_passes_every_check_in_its_language(language):
    assert recommendation_score(STRONG[language]) == 5.0, [c for c in recommendation_checks(STRONG[language]) if not c.ok]


@pytest.mark.parametrize("language", WEAK)
def test_weak_words_no_action_verb_and_no_deadline_are_caught_in_every_language(language):
    failed = {c.name for c in recommendation_checks(WEAK[language]) if not c.ok}
    assert {"action", "firm", "measurable"} <= failed


@pytest.mark.parametrize("language", ADDRESSED_TO_US)
def test_a_draft_addressed_to_ourselves_is_caught_in_every_language(language):
    failed = {c.name for c in recommendation_checks(ADDRESSED_TO_US[language]) if not c.ok}
    assert failed == {"to_the_state"}


def test_the_same_draft_scores_the_same_in_each_language():
    assert len({recommendation_score(text) for text in STRONG.values()}) == 1
    assert len({recommendation_score(text) for text in WEAK.values()}) == 1


def test_exercise_03_looks_for_spanish_and_french_words_in_english_too():
    assert {"torture", "police"} <= set(search_words("tortura policía"))
    assert {"death", "penalty"} <= set(search_words("peine de mort"))
    import re

    assert re.search(search_pattern("matrimonio infantil"), "Prohibit child marriage by law")
    assert not re.search(search_pattern("matrimonio infantil"), "Ratify the Convention against Torture")
    assert not re.search(search_pattern("  "), "anything")


# --- the labels the exercises' checks print -------------------------------------------------

def _labels_of(argument: ast.expr) -> list[str] | None:
    """The labels a ``written([...])`` argument prints, or None for a form this reader does not know.

    Two forms are used: a list of (label, answer) pairs with the labels written out (or held
    in a variable), and a list comprehension over a table of ``exercise_forms`` (exercise 07's
    factsheet fields).
    """
    if isinstance(argument, ast.List) and all(isinstance(p, ast.Tuple) and isinstance(p.elts[0], (ast.Constant, ast.Name)) for p in argument.elts):
        # A label held in a variable is data (exercise 04 labels each answer with its
        # recommendation id), not words to translate.
        return [p.elts[0].value.strip() for p in argument.elts if isinstance(p.elts[0], ast.Constant)]
    if isinstance(argument, ast.ListComp) and len(argument.generators) == 1 and isinstance(argument.elt, ast.Tuple):
        loop = argument.generators[0]
        table = getattr(exercise_forms, getattr(loop.iter, "attr", ""), None)
        if isinstance(loop.target, ast.Tuple) and table is not None:
            names = [n.id for n in loop.target.elts]
            label = compile(ast.Expression(argument.elt.elts[0]), "<label>", "eval")
            return [eval(label, {}, dict(zip(names, row))) for row in table]  # noqa: S307 - our own notebooks
    return None


def _written_labels(folder: Path) -> list[str]:
    """The labels every ``exercise_forms.written(...)`` call of a folder's notebooks prints.

    Read from the released notebooks' code, and the timeline stages that exercise 02 prints
    as labels. A call this reader cannot follow fails the test, so that none is skipped.
    """
    labels: list[str] = []
    for path in sorted(folder.glob("*/*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            source = "".join(cell["source"])
            if cell["cell_type"] != "code" or "written(" not in source:
                continue
            lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
            for node in ast.walk(ast.parse("\n".join(lines))):
                if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "written":
                    argument = node.args[0]
                    if isinstance(argument, ast.BinOp):  # [pairs] + [stage pairs] (exercise 02)
                        argument = argument.left
                    found = _labels_of(argument)
                    assert found is not None, f"{path.name}: a written() call this test cannot read: {ast.unparse(node)}"
                    labels += found
            if "TIMELINE_STAGES" in source:
                labels += [stage.replace("_", " ") for stage in TIMELINE_STAGES]
    return labels


@pytest.mark.parametrize("language", ["es", "fr"])
def test_what_the_exercises_checks_print_has_no_english_label(language):
    english = set(_written_labels(REPO / "exercises"))
    translated = _written_labels(REPO / "exercises" / language)
    assert {"Why", "Country", "Goal", "Chosen", "stakeholder report", "Title", "Our ask"} <= english  # the reader finds them
    assert len(translated) == len(english_labels := _written_labels(REPO / "exercises")) and english_labels  # the same checks
    with messages.language(language):
        shown = [line.split(":")[0] for line in written([(label, "x") for label in translated]).splitlines()]
    same_in_both = {"fr": {"Situation A", "Situation B", "Situation C"}}.get(language, set())  # French spells these alike
    assert not [label for label in shown if label in english - same_in_both], shown
