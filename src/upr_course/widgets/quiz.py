"""A clickable multiple-choice question: radio buttons, a Check button and feedback.

The answer is checked by :func:`upr_course.quiz.check`; this module only draws it::

    from upr_course.widgets import quiz
    quiz.ask("Engage or not?", {"Engage": "...", "Not now": "..."}, correct="Not now")

Nothing is stored or sent: the choice lives in the widget until the notebook closes.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping

import ipywidgets as widgets

from ..i18n import gettext as _
from ..quiz import Feedback, Question, check, question

# A coloured bar beside the feedback; the text itself always says "Yes." or "Not quite.".
_COLOURS = {True: "#1a7f37", False: "#b35900", None: "#6e7781"}


def feedback_html(feedback: Feedback) -> str:
    """The feedback as a small HTML block (escaped), for the widget's output area."""
    colour = _COLOURS[feedback.correct if feedback.answered else None]
    return (
        f'<div style="border-left: 4px solid {colour}; padding: 0.3em 0.8em; line-height: 1.4">'
        f"{html.escape(feedback.text)}</div>"
    )


def quiz_widget(q: Question) -> widgets.VBox:
    """Radio buttons for the options, a Check button and the feedback under them."""
    prompt = widgets.HTML(f'<p style="line-height: 1.4"><b>{html.escape(q.prompt)}</b></p>')
    choices = widgets.RadioButtons(options=list(q.labels), value=None, layout=widgets.Layout(width="auto"))
    button = widgets.Button(description=_("Check"), button_style="primary", tooltip=_("Check your answer"))
    result = widgets.HTML()

    def on_check(_button=None) -> None:
        result.value = feedback_html(check(q, choices.value))

    def on_change(_change=None) -> None:
        result.value = ""

    button.on_click(on_check)
    choices.observe(on_change, names="value")
    box = widgets.VBox([prompt, choices, button, result])
    box.add_class("upr-quiz")
    # Kept for tests and for trainers who want to inspect a question.
    box.question, box.choices, box.button, box.result = q, choices, button, result
    return box


def ask(prompt: str, options: Mapping[str, str], correct: str | Iterable[str]) -> widgets.VBox:
    """A clickable question from ``{label: feedback}``; see :func:`upr_course.quiz.question`."""
    return quiz_widget(question(prompt, options, correct))
