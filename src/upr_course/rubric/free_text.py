"""What each UN step adds, and how its result is brought home: judged on what the text says.

A trainer rewards a specific mechanism of effect: the step *produces* something (a
recommendation, a question on the record, a promise, a meeting), that product *moves* a
decision-maker (best one of the plan's own targets), for a *reason* that holds here, and the
text is about *this* plan (its issue, its objectives, its domestic work). So an
``added_value`` earns credit for four kinds of evidence, each found by meaning, not by
spelling (``reading.py``):

- ``output``: what the UN step produces;
- ``actor``: whom it moves (a decision-maker, or one of the plan's own targets);
- ``mechanism``: why that matters (a cause, a cost, an obligation, a deadline);
- ``specific``: something of this plan (its issue and objectives, a target, an item id, a
  number, a date, a name).

A ``brought_home`` earns credit for what is done at home (``home_action``), for whom
(``actor``), with what product or at what moment (``product``), and ``specific``.

What a trainer marks down costs the text its credit, whatever words it uses: a text that
restates the activity or goes round in a circle (little in it is new beside the activity
and the UPR's own process words), generic phrases with nothing specific beside them, the
same text (or the same sentence with names swapped) under several steps, lists of cue
words instead of sentences, and words put in no order (``word_order.py``: a shuffled answer
holds the same words as the answer, but a trainer cannot read it). Generic phrases next to specific content cost nothing: plain
and non-native writing is not penalised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy
from rapidfuzz import fuzz, process

from . import tactic
from .calendar import WRONG_SIDE_OF_THE_REVIEW, stage_date_problem
from .citations import citations
from .context import GradingContext
from .feedback import say
from .notes import Notes, quote, quote_list
from .plan_reading import item_ids, language_of, mentions_item, plan_topic, target_stems
from .reading import overlap, read, topical_stems, words
from .word_order import unordered

#: Credit by the number of kinds of evidence found (of four).
CREDIT = {0: 0.0, 1: 0.15, 2: 0.4, 3: 0.75, 4: 1.0}
#: Without the kind of evidence a field is about (a mechanism for added_value, an action at
#: home for brought_home), a text earns at most this; with generic phrases too, ``CAP_GENERIC``.
CAP_WITHOUT_CORE = 0.4
CORE = {"added_value": "mechanism", "brought_home": "home_action"}
#: A text with fewer new meaning-carrying words than this, beside the activity's own words and
#: the UPR's process words, restates the activity or goes round in a circle.
MIN_NEW_CONTENT = 2
#: The most a text can earn when it is generic, circular, or not about this plan.
CAP_GENERIC = 0.2
CAP_NOT_THIS_PLAN = 0.4
CAP_TEMPLATE = 0.25
CAP_WITHOUT_ACTOR = 0.5
CAP_OWN_CIRCLE = 0.4
#: A step dated on the wrong side of the review (``calendar.stage_date_problem``) cannot happen
#: as planned; under ``SUBSTANCE_FLOOR``, so it covers no part of the cycle either.
CAP_CANNOT_HAPPEN = 0.2
#: Two texts at least this similar (rapidfuzz ratio, 0-100) are the same text.
SAME_TEXT = 88
#: Two texts whose words, without ids and numbers, overlap this much follow one template.
SAME_TEMPLATE = 80
#: An activity whose added_value earns less than this adds nothing that counts elsewhere
#: (cycle coverage, response tactic): busy work in Geneva is not a strategy.
SUBSTANCE_FLOOR = 0.4

#: A text with fewer function words than this share, or more cue words than that, is a list of
#: keywords, not a sentence.
STUFFED_FUNCTION_SHARE = 0.15
STUFFED_CUE_SHARE = 0.7
#: Notes with few small words are read as sentences when they speak of the plan with at most
#: this share of cue words (``_stuffed``).
NOTES_CUE_SHARE = 0.5

_IDS_AND_NUMBERS = re.compile(r"\b[doi]\d+\b|\b\d+\b")


@dataclass(frozen=True)
class Assessment:
    """One activity's text: the share of the criterion it earns, and its problems."""

    share: float
    problems: tuple[tuple[str, str], ...] = ()  # (kind, advice)


FIELDS = {
    "added_value": ("output", "actor", "mechanism", "specific"),
    "brought_home": ("home_action", "actor", "product", "specific"),
}
#: The advice for each kind of evidence a text lacks is the criterion's ``missing_<kind>`` text
#: (``feedback.py``); "specific" has its own sentence (``not_this_plan``).


def assessments(plan, context: GradingContext, field_name: str) -> list[Assessment]:
    """Per international activity, the share its ``field_name`` earns (cached per plan)."""
    return context.memo(("free_text", field_name), lambda: _assess_all(plan, context, field_name))


def substance(plan, context: GradingContext) -> list[float]:
    """How much each international activity adds, as ``added_value`` judges it."""
    return [a.share for a in assessments(plan, context, "added_value")]


def not_sentences(plan, context: GradingContext) -> dict[str, set[int]]:
    """Per field, the activities whose text is words in no order, not sentences (``word_order.py``).

    Judged on the plan's added_value and brought_home texts together, so that a plan whose
    texts show no order as a whole is seen as such (cached per plan)."""

    def compute() -> dict[str, set[int]]:
        activities = plan.international_activities
        texts = [getattr(a, name) or "" for name in FIELDS for a in activities]
        found = unordered(texts, language_of(plan, context))
        return {name: {i - k * len(activities) for i in found if k * len(activities) <= i < (k + 1) * len(activities)}
                for k, name in enumerate(FIELDS)}

    return context.memo(("free_text", "not_sentences"), compute)


def _assess_all(plan, context: GradingContext, field_name: str) -> list[Assessment]:
    activities = plan.international_activities
    texts = [getattr(a, field_name) or "" for a in activities]
    repeated, templated = same_texts(texts)
    unreadable = not_sentences(plan, context)[field_name]
    language = language_of(plan, context)
    topic = plan_topic(plan, context)
    targets = target_stems(plan, context)
    ids = item_ids(plan)
    issue_stems = read(f"{plan.issue} {plan.country_name}", language).content
    windows = context.stage_windows(plan.country_iso3, context.as_of) if field_name == "added_value" else None
    cited_by_activity: dict[int, list] = {}
    for citation in citations(plan, context):
        cited_by_activity.setdefault(citation.activity_index, []).append(citation)
    result = []
    for index, activity in enumerate(activities):
        own = [c for c in cited_by_activity.get(index, []) if c.facts is not None and c.facts.sur_iso3 == plan.country_iso3]
        cited_topic = topical_stems([c.facts.text for c in own], language)
        assessment = _assess(
            field_name, texts[index], activity, language, topic | cited_topic, targets, ids,
            cites=bool(own) or any(c.unverified for c in cited_by_activity.get(index, [])),
            repeated=index in repeated, templated=index in templated, plan_issue=plan.issue, issue_stems=issue_stems,
            unordered=index in unreadable,
        )
        if field_name == "added_value":
            wrong = [claim for c in own for claim in tactic.false_claims(plan, context, c, activity)]
            if wrong:
                assessment = Assessment(0.0, (("false_claim", say("added_value", "false_claim", sentence=quote(wrong[0], 100))),))
        if field_name == "added_value" and stage_date_problem(activity, windows) in WRONG_SIDE_OF_THE_REVIEW:
            # A plenary statement before the review: as planned, nothing comes of it.
            assessment = Assessment(
                min(assessment.share, CAP_CANNOT_HAPPEN),
                (("wrong_side", say("added_value", "wrong_side", stage=activity.stage.replace("_", " "))),),
            )
        if field_name == "added_value" and not activity.adds:
            assessment = Assessment(
                assessment.share * 0.5,
                (*assessment.problems, ("no_adds", say("added_value", "no_adds"))),
            )
        result.append(assessment)
    return result


def _assess(field_name, text, activity, language, topic, targets, ids, *, cites, repeated, templated, plan_issue="", issue_stems=frozenset(),
            unordered=False) -> Assessment:
    reading = read(text, language)
    if reading.empty or len(reading.words) < 2:
        return Assessment(0.0, (("empty", say(field_name, "empty")),))
    if len(reading.words) >= 8 and _stuffed(reading, text, topic | targets, ids):
        return Assessment(0.0, (("stuffed", say(field_name, "stuffed", text=quote(text))),))
    if unordered:
        # Words in no order: a trainer cannot read them, so they earn nothing.
        return Assessment(0.0, (("not_sentences", say(field_name, "not_sentences", text=quote(text))),))
    if repeated:
        return Assessment(0.0, (("repeated", say(field_name, "repeated")),))
    activity_content = read(activity.text or "", language).content
    # New beside the activity, and beside the plan's issue and country: "adds our attention to
    # the review of Haiti's record on detention" says no more than the step itself.
    new = reading.content - activity_content - issue_stems
    if field_name == "added_value" and (len(new) < MIN_NEW_CONTENT or _restates(text, activity.text)):
        return Assessment(0.1, (("circular", say(field_name, "circular", text=quote(text))),))
    names_an_item = mentions_item(text, ids)
    # Naming one of the plan's own items ("at the meeting (D1)") ties the text to this plan, as
    # the advice for a text that is not asks.
    specific = bool(overlap(reading.topical, topic)) or names_an_item or (field_name == "added_value" and (cites or reading.named))
    found = {
        "output": reading.has("output"),
        "actor": reading.has("actor") or bool(overlap(reading.topical, targets)),
        "mechanism": reading.has("mechanism"),
        "home_action": reading.has("home_action"),
        "product": reading.concrete or names_an_item or reading.has("output"),
        "specific": specific,
    }
    needed = FIELDS[field_name]
    share = CREDIT[sum(found[n] for n in needed)]
    problems: list[tuple[str, str]] = []
    generic = reading.found("generic")
    core = found[CORE[field_name]]
    if not core:
        share = min(share, CAP_WITHOUT_CORE)
    if field_name == "added_value" and not found["actor"]:
        # A trainer rewards a product that moves someone: without anyone moved, half at most.
        share = min(share, CAP_WITHOUT_ACTOR)
    # Pressure and attention ("the world is watching", "diplomatic pressure") are a mechanism only
    # through something the UN produces: without a recommendation, a question or an answer named,
    # such a text says what every step of every plan could say.
    if generic and (len(new) < 3 or not core or (field_name == "added_value" and not found["output"])):
        share = min(share, CAP_GENERIC)
        problems.append(("generic", say(field_name, "generic", phrases=quote_list(generic))))
    elif not specific:
        # brought_home with no one to receive it ("share with our network") earns little; one
        # that says who receives what is only asked to tie it to the plan.
        cap = (CAP_GENERIC if not found["actor"] else 1.0) if field_name == "brought_home" else CAP_NOT_THIS_PLAN
        share = min(share, cap)
        problems.append(("not_this_plan", say(field_name, "not_this_plan")))
    if field_name == "added_value" and len(reading.topical) <= 1 and len(reading.words) >= 8:
        # Every word is one of the grader's cue words: a template, not a thought about this plan.
        share = min(share, CAP_TEMPLATE)
        problems.append(("cue_words_only", say(field_name, "cue_words_only", text=quote(text), issue=plan_issue)))
    if field_name == "brought_home" and reading.has("own_circle") and not reading.has("actor"):
        share = min(share, CAP_OWN_CIRCLE)
        problems.append(("own_circle", say(field_name, "own_circle", phrases=quote_list(reading.found("own_circle")))))
    if templated:
        share *= 0.6
        problems.append(("templated", say(field_name, "templated")))
    missing = [say(field_name, f"missing_{n}") for n in needed if not found[n] and n != "specific"]
    if missing and share < 1:
        advice = say(field_name, "missing_one", advice=missing[0]) if len(missing) == 1 else say(field_name, "missing_two", first=missing[0], second=missing[1])
        problems.append(("missing", advice))
    return Assessment(round(min(1.0, share), 4), tuple(problems))


def _stuffed(reading, text: str, plan_words: frozenset[str], ids: set[str]) -> bool:
    """A list of cue words instead of sentences.

    Few small words alone do not make a list: notes written in a hurry ("Letter + recs handed
    over again at meeting (D1).") drop them too, and a trainer reads them as sentences. Such
    notes speak of this plan (one of its items, targets or subjects) with few of the grader's
    cue words; a list written to collect credit is mostly cue words.
    """
    if reading.cue_share > STUFFED_CUE_SHARE:
        return True
    if reading.function_share >= STUFFED_FUNCTION_SHARE:
        return False
    of_this_plan = mentions_item(text, ids) or bool(overlap(reading.topical, plan_words))
    return not (of_this_plan and reading.cue_share <= NOTES_CUE_SHARE)


def _restates(answer: str, activity_text: str) -> bool:
    """True when ``answer`` is a copy or near-copy of the activity's own text."""
    a, b = " ".join(words(answer)), " ".join(words(activity_text))
    return bool(a and b) and fuzz.ratio(a, b) >= 80


def same_texts(texts: list[str]) -> tuple[set[int], set[int]]:
    """Indexes of texts (nearly) the same as another, and of texts on one template with another.

    Compared all against all in rapidfuzz's compiled code, so a plan with a thousand activities
    takes a fraction of a second.
    """
    normalised = [" ".join(words(t)) for t in texts]
    skeletons = [_IDS_AND_NUMBERS.sub(" ", n) for n in normalised]
    if len(texts) < 2:
        return set(), set()
    found = []
    for source, scorer, cutoff in ((normalised, fuzz.ratio, SAME_TEXT), (skeletons, fuzz.token_set_ratio, SAME_TEMPLATE)):
        matrix = process.cdist(source, source, scorer=scorer, score_cutoff=cutoff, dtype=numpy.uint8) >= cutoff
        numpy.fill_diagonal(matrix, False)
        blank = numpy.array([not text.strip() for text in source])
        matrix[blank, :] = False
        matrix[:, blank] = False
        found.append(set(numpy.flatnonzero(matrix.any(axis=1)).tolist()))
    repeated, templated = found
    return repeated, templated - repeated


def score(plan, context: GradingContext, field_name: str) -> tuple[float, list[str], list[int]]:
    """The criterion's share, its feedback and lines: one message per problem."""
    found = assessments(plan, context, field_name)
    notes = Notes()
    for index, (activity, assessment) in enumerate(zip(plan.international_activities, found)):
        if assessment.share >= 1:
            continue
        line = plan.line(f"international_activities[{index}].{field_name}")
        for kind, advice in assessment.problems:
            notes.add(kind, ("activity", activity.id), line, advice)
    share = sum(a.share for a in found) / len(found) if found else 0.0
    messages = notes.messages()
    messages.append(say(field_name, "strong_example") if messages else say(field_name, "ok"))
    return share, messages, notes.lines
