"""When a trainer should read a plan: the grader says where its own judgement is not enough.

The spec ("A trainer's read") lists the cases: a decision not to engage or to engage lightly;
fields the format does not know; text mostly in a language the grader does not read (English,
Spanish and French it reads with their own vocabularies, ``lexicon/*.yaml``); a close copy of a course example
or of another plan; a cited UN document reference the data cannot confirm; free texts that read as words in no
order (``word_order.py``). Each gives one
plain sentence. Ordinary good plans meet none of them, so the flag stays rare.
"""

from __future__ import annotations

from ..i18n import gettext, ngettext
from ..lookalikes import mixed_words, styled_words
from .citations import citations
from .free_text import not_sentences
from .plan_reading import free_texts, read_in_its_language

LANGUAGE_NAMES = {"en": "English", "es": "Spanish", "fr": "French"}


def reasons_for(plan, context, language: str, copied: tuple[str, bool] | None) -> list[str]:
    """Why a trainer should read the plan (one sentence each, in the feedback's language), or nothing."""
    reasons = []
    if plan.decision == "none":
        reasons.append(gettext("The plan decides not to engage with the UN this cycle: a trainer should read its reasons."))
    elif plan.decision == "light":
        reasons.append(gettext("The plan chooses a light UN engagement: a trainer should read its reasons."))
    if plan.unknown_fields:
        names = ", ".join(
            f"'{p.field}'" + (" " + gettext("(line {line})").format(line=p.line) if p.line else "") for p in plan.unknown_fields[:6]
        )
        extra = len(plan.unknown_fields) - 6
        if extra > 0:
            text = ngettext(
                "The plan has fields the format does not know, which the grader did not read: {names} and {count} more.",
                "The plan has fields the format does not know, which the grader did not read: {names} and {count} more.",
                extra,
            )
        else:
            text = gettext("The plan has fields the format does not know, which the grader did not read: {names}.")
        reasons.append(text.format(names=names, count=extra))
    mixed = [word for text in free_texts(plan) for word in mixed_words(text)]
    if mixed:
        examples = _examples(mixed)
        reasons.append(gettext(
            "Some words mix letters of two alphabets that look alike ({words}), which can hide a repeated or copied text: "
            "the grader read them as Latin letters, and a trainer should read the plan."
        ).format(words=examples))
    styled = [word for text in free_texts(plan) for word in styled_words(text)]
    if styled:
        examples = _examples(styled)
        reasons.append(gettext(
            "Some words are written with full-width or mathematical letters ({words}), which look like plain ones and can hide "
            "a repeated or copied text: the grader read them as plain letters, and a trainer should read the plan."
        ).format(words=examples))
    if not read_in_its_language(plan, context):
        reasons.append(gettext(
            "Most of the plan is in a language the grader does not read (it reads English, Spanish and French): a trainer should read it."
        ))
    if copied and not copied[1]:
        reasons.append(gettext(
            "Most of the plan's sentences are those of the course example {example}, with names changed: "
            "a trainer should talk with the participant."
        ).format(example=copied[0]))
    elif copied:
        reasons.append(gettext(
            "Most of the plan's sentences are those of the course example {example} for the same country: "
            "a trainer should check that the plan is the participant's own."
        ).format(example=copied[0]))
    unverified = [c.cited for c in citations(plan, context) if c.unverified]
    if unverified:
        extra = len(unverified) - 4
        if extra > 0:
            text = ngettext(
                "It cites UN document references that the course's data cannot confirm: {references} and {count} more. A trainer should check them.",
                "It cites UN document references that the course's data cannot confirm: {references} and {count} more. A trainer should check them.",
                extra,
            )
        else:
            text = gettext("It cites UN document references that the course's data cannot confirm: {references}. A trainer should check them.")
        reasons.append(text.format(references=", ".join(unverified[:4]), count=extra))
    unordered = not_sentences(plan, context)
    if any(unordered.values()):
        # The grader gave these texts nothing (``word_order.py``): a trainer checks that they are not sentences.
        reasons.append(gettext(
            "Some 'added_value' or 'brought_home' texts read as words in no order, not sentences, and earned nothing: "
            "a trainer should read them."
        ))
    return reasons


def _examples(words: list[str]) -> str:
    """The first three different words, quoted, for a reason that names what it saw."""
    return ", ".join(f"'{word}'" for word in list(dict.fromkeys(words))[:3])
