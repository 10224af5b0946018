"""The lessons' multiple-choice helper: the pure core, and the widget drawn around it."""

from __future__ import annotations

import pytest

from upr_course.errors import UserError
from upr_course.quiz import NO_ANSWER, RIGHT, WRONG, Option, Question, check, question


@pytest.fixture
def engage():
    return question(
        "Engage now?",
        {"Engage": "It serves your domestic goal.", "Not now": "Nothing here distracts you."},
        correct="Engage",
    )


def test_a_correct_answer_says_yes_and_gives_its_own_feedback(engage):
    feedback = check(engage, "Engage")
    assert feedback.answered and feedback.correct
    assert feedback.text == f"{RIGHT} It serves your domestic goal."


def test_a_wrong_answer_says_not_quite_and_explains(engage):
    feedback = check(engage, "Not now")
    assert feedback.answered and not feedback.correct
    assert feedback.text.startswith(WRONG)
    assert "Nothing here distracts you." in feedback.text


@pytest.mark.parametrize("answer", [None, "", "   "])
def test_no_answer_asks_for_one_and_is_not_correct(engage, answer):
    feedback = check(engage, answer)
    assert not feedback.answered and not feedback.correct
    assert feedback.text == NO_ANSWER


def test_an_answer_can_be_given_by_position(engage):
    assert check(engage, 0).correct
    assert not check(engage, 1).correct


def test_labels_are_matched_after_trimming_spaces(engage):
    assert check(engage, "  Engage ").correct


@pytest.mark.parametrize("answer", ["engage", "Maybe", 2, -1, True])
def test_an_answer_that_is_not_an_option_is_a_user_error_naming_the_options(engage, answer):
    with pytest.raises(UserError) as raised:
        check(engage, answer)
    assert "Engage" in str(raised.value) and "Not now" in str(raised.value)


def test_several_options_can_be_correct():
    q = question("Which are UPR documents?", {"National report": "", "UN compilation": "", "Court ruling": ""},
                 correct=["National report", "UN compilation"])
    assert check(q, "National report").correct and check(q, "UN compilation").correct
    assert not check(q, "Court ruling").correct


def test_feedback_without_text_is_just_the_verdict():
    q = question("2 + 2?", {"4": "", "5": ""}, correct="4")
    assert check(q, "4").text == RIGHT
    assert check(q, "5").text == WRONG


def test_options_keep_their_order():
    q = question("?", {"b": "", "a": "", "c": ""}, correct="a")
    assert q.labels == ("b", "a", "c")


@pytest.mark.parametrize(
    "build",
    [
        lambda: question("?", {"Only": ""}, correct="Only"),
        lambda: question("?", {"A": "", "B": ""}, correct="C"),
        lambda: question("", {"A": "", "B": ""}, correct="A"),
        lambda: question("?", {"A": "", " ": ""}, correct="A"),
        lambda: Question("?", (Option("A"), Option("B"))),
        lambda: Question("?", (Option("A", correct=True), Option("A"))),
    ],
    ids=["one option", "unknown correct", "no prompt", "blank label", "none correct", "same label twice"],
)
def test_malformed_questions_are_refused_when_written(build):
    with pytest.raises(ValueError):
        build()


def test_the_core_does_not_import_ipywidgets():
    import ast
    import inspect

    import upr_course.quiz as core

    tree = ast.parse(inspect.getsource(core))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not any(name.startswith(("ipywidgets", "IPython")) for name in imported)


def test_the_widget_shows_the_cores_feedback_when_check_is_clicked():
    from upr_course.widgets import quiz as quiz_widgets

    box = quiz_widgets.ask("Engage <now>?", {"Engage": "Good & timely.", "Not now": "Wait."}, correct="Engage")
    assert "Engage &lt;now&gt;?" in box.children[0].value  # the prompt is escaped
    assert box.choices.value is None  # nothing is chosen for the participant
    box.button.click()
    assert NO_ANSWER in box.result.value
    box.choices.value = "Not now"
    box.button.click()
    assert WRONG in box.result.value and "Wait." in box.result.value
    box.choices.value = "Engage"
    assert box.result.value == ""  # a new choice clears the old feedback
    box.button.click()
    assert f"{RIGHT} Good &amp; timely." in box.result.value
