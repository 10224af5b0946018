"""Multiple-choice questions for the lessons: check an answer and say why.

A lesson asks a question ("Engage or not?"), the participant picks one option and gets
feedback written for that option. The logic is here and pure (no ipywidgets, no
printing), so it is tested without a notebook; ``upr_course.widgets.quiz`` builds the
clickable version around it. A quiz in a lesson is for self-checking only: nothing is
graded or stored.

Example::

    q = question(
        "Your country's review is next month and your report is ready. Send it?",
        {"Yes": "Good: the timing works.", "No": "Why wait? The deadline is now."},
        correct="Yes",
    )
    check(q, "No").text   # 'Not quite. Why wait? The deadline is now.'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .errors import UserError
from .i18n import N_
from .i18n import gettext as _

#: The first words of the feedback, so that the result never depends on colour alone.
RIGHT = N_("Yes.")
WRONG = N_("Not quite.")
NO_ANSWER = N_("Choose an answer first, then press Check.")


@dataclass(frozen=True)
class Option:
    """One answer a participant can choose, with the feedback it gets."""

    label: str
    feedback: str = ""
    correct: bool = False


@dataclass(frozen=True)
class Question:
    """A prompt and two or more options; at least one option is correct."""

    prompt: str
    options: tuple[Option, ...]

    def __post_init__(self) -> None:
        if not isinstance(self.prompt, str) or not self.prompt.strip():
            raise ValueError("a question needs a prompt")
        options = tuple(self.options)
        object.__setattr__(self, "options", options)
        if len(options) < 2:
            raise ValueError(f"a question needs at least two options, got {len(options)}")
        labels = [option.label for option in options]
        if any(not isinstance(label, str) or not label.strip() for label in labels):
            raise ValueError("every option needs a label")
        if len(set(labels)) != len(labels):
            raise ValueError(f"option labels must differ: {labels}")
        if not any(option.correct for option in options):
            raise ValueError("at least one option must be correct")

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(option.label for option in self.options)

    def option(self, answer: str | int) -> Option:
        """The option an answer stands for: its label, or its position counted from 0."""
        if isinstance(answer, bool):
            raise UserError(_("Answer with one of the options: {options}.").format(options=", ".join(self.labels)))
        if isinstance(answer, int):
            if 0 <= answer < len(self.options):
                return self.options[answer]
        elif isinstance(answer, str):
            wanted = answer.strip()
            for option in self.options:
                if option.label == wanted:
                    return option
        raise UserError(_("'{answer}' is not one of the options. Choose one of: {options}.").format(
            answer=answer, options=", ".join(self.labels)))


@dataclass(frozen=True)
class Feedback:
    """What to show after a check. ``correct`` is False when nothing was chosen."""

    answered: bool
    correct: bool
    text: str


def question(prompt: str, options: Mapping[str, str], correct: str | Iterable[str]) -> Question:
    """A question from ``{label: feedback}`` and the label (or labels) that are correct."""
    right = {correct} if isinstance(correct, str) else set(correct)
    unknown = right - set(options)
    if unknown:
        raise ValueError(f"correct answers that are not options: {sorted(unknown)}")
    return Question(prompt, tuple(Option(label, feedback, label in right) for label, feedback in options.items()))


def check(q: Question, answer: str | int | None) -> Feedback:
    """Whether ``answer`` is correct, and the feedback text to show for it."""
    if answer is None or (isinstance(answer, str) and not answer.strip()):
        return Feedback(answered=False, correct=False, text=_(NO_ANSWER))
    option = q.option(answer)
    opening = _(RIGHT) if option.correct else _(WRONG)
    text = f"{opening} {option.feedback.strip()}".strip()
    return Feedback(answered=True, correct=option.correct, text=text)
