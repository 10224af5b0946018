"""The action plan rubric: does each plan show clearly what international engagement adds?

``grade_text(text)`` reads a plan (``upr_course.plan``), runs one scorer per criterion of the
registry (``registry.py``) and returns a :class:`GradeResult` with a trainer's read
(``review``). A plan that cannot be read is not graded: its result carries the problems, each
with its line, and a total of 0.

The path of one plan: ``plan.parse_plan`` -> ``grade_plan``: for each criterion of
``registry.CRITERIA``, ``engagement.applies`` (does it apply to this plan's decision?) and the
scorer (``criteria.py``, which reads free text with ``free_text.py``/``reading.py`` and
citations with ``citations.py``/``tactic.py``) -> a copy check (``copying.py``) -> the total,
scaled over the criteria that apply -> ``review.py``.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from ..i18n import chosen_language, current_language
from ..i18n import language as in_language
from ..plan import Plan, PlanError, parse_plan
from . import copying
from .context import GradingContext, RecommendationFacts
from .engagement import applies
from .feedback import say
from .plan_reading import language_of
from .registry import CRITERIA, MAX_POINTS, TITLES, WEIGHTS
from .relevance import best_matches, recommendation_relevance
from .result import BANDS, CriterionResult, GradeResult, Review, band_of
from .review import reasons_for

__all__ = [
    "BANDS",
    "CRITERIA",
    "CriterionResult",
    "GradeResult",
    "GradingContext",
    "MAX_POINTS",
    "RecommendationFacts",
    "Review",
    "TITLES",
    "WEIGHTS",
    "band_of",
    "default_context",
    "feedback_language_for",
    "grade_plan",
    "grade_text",
]

#: Criteria that a close copy of a course example cannot earn: they carry the participant's
#: own strategy, which a copy does not have.
OWN_STRATEGY = ("goal", "added_value", "brought_home", "balance")


@lru_cache(maxsize=1)
def _recommendation_columns() -> tuple[dict[str, int], dict[str, list]]:
    """Row positions by id, and the few columns grading reads, as plain lists.

    Facts are made only for the ids a plan cites: building all of them up front would cost
    half a second on every command-line call.
    """
    from .. import data

    table = data.recommendations()
    columns = {name: table[name].astype(object).where(table[name].notna(), None).tolist() for name in ("sur_iso3", "sur", "response", "text", "issues")}
    return {rec_id: position for position, rec_id in enumerate(table["id"].tolist())}, columns


def _find_recommendation(rec_id: str) -> RecommendationFacts | None:
    positions, columns = _recommendation_columns()
    position = positions.get(rec_id)
    if position is None:
        return None
    issues = columns["issues"][position]
    return RecommendationFacts(
        id=rec_id,
        sur_iso3=columns["sur_iso3"][position],
        sur=columns["sur"][position],
        response=columns["response"][position],
        text=columns["text"][position],
        issues=tuple(issues.split("|")) if issues else (),
    )


def _find_reference(reference: str) -> str | None:
    """The dataset id of a UN document reference, where the data knows such references."""
    from .. import data

    finder = getattr(data, "find_by_reference", None)
    return finder(reference) if finder is not None else None


def _coverage_note(iso3: str) -> str | None:
    """One sentence on the country's reviews that the data lacks, where the data can tell."""
    return _coverage_note_in(iso3, current_language())


@lru_cache(maxsize=256)
def _coverage_note_in(iso3: str, code: str) -> str | None:
    try:
        from ..coverage import missing_reviews_note
    except ImportError:
        return None
    return missing_reviews_note(iso3)


@lru_cache(maxsize=512)
def _stage_windows(iso3: str, as_of: dt.date):
    from ..timeline import stage_windows

    try:
        return stage_windows(iso3, as_of)
    except LookupError:
        return None


def default_context(as_of: dt.date | None = None) -> GradingContext:
    """The context of real grading: the course's datasets, calendar and today's date."""
    return GradingContext(
        as_of=as_of or dt.date.today(),
        find_recommendation=_find_recommendation,
        relevance=recommendation_relevance,
        stage_windows=_stage_windows,
        suggest=best_matches,
        find_reference=_find_reference,
        coverage_note=_coverage_note,
        examples=copying.course_examples,
    )


def feedback_language_for(plan_language: str | None) -> str:
    """The language of a plan's feedback: the one asked for (``--lang``, ``set_language``,
    ``UPR_COURSE_LANG``); otherwise the plan's own, when it is Spanish or French; otherwise
    the computer's (its locale). A participant who writes in Spanish reads the feedback in
    Spanish without setting anything."""
    chosen = chosen_language()
    if chosen:
        return chosen
    if plan_language in ("es", "fr"):
        return plan_language
    return current_language()


def grade_plan(plan: Plan, context: GradingContext, name: str = "plan") -> GradeResult:
    """Score a parsed plan on every criterion that applies to it (feedback in ``feedback_language_for``)."""
    context._plan_cache.clear()
    try:
        language = language_of(plan, context)
        feedback_language = feedback_language_for(language)
        with in_language(feedback_language):
            return _grade_plan(plan, context, name, language, feedback_language)
    finally:
        context._plan_cache.clear()


def _grade_plan(plan: Plan, context: GradingContext, name: str, language: str, feedback_language: str) -> GradeResult:
    copied = _copied_example(plan, context)
    copied_from = copied[0] if copied and not copied[1] else None
    results = []
    for criterion in CRITERIA:
        if not applies(criterion.id, plan):
            results.append(CriterionResult(criterion.id, 0.0, criterion.weight, _not_applicable(criterion.id), (), applicable=False))
            continue
        judgement = criterion.scorer(plan, context)
        share, feedback = judgement.share, judgement.feedback
        if copied_from and criterion.id in OWN_STRATEGY:
            share = 0.0
            feedback = say(criterion.id, "copied_example", example=copied_from)
        results.append(CriterionResult(criterion.id, round(criterion.weight * share, 2), criterion.weight, feedback, judgement.lines))
    review = Review.of(reasons_for(plan, context, language, copied))
    applicable_max = sum(c.max for c in results if c.applicable)
    earned = sum(c.score for c in results if c.applicable)
    total = round(MAX_POINTS * earned / applicable_max, 2) if applicable_max else 0.0
    return GradeResult(
        plan=name,
        total=total,
        max=MAX_POINTS,
        criteria=tuple(results),
        as_of=context.as_of.isoformat(),
        country=plan.country_name,
        review=review,
        decision=plan.decision,
        language=language,
        unknown_fields=tuple({"line": p.line, "field": p.field, "message": p.message} for p in plan.unknown_fields),
        feedback_language=feedback_language,
    )


def _not_applicable(criterion_id: str) -> str:
    return say(criterion_id, "not_applicable", criterion=criterion_id)


def _copied_example(plan: Plan, context: GradingContext) -> tuple[str, bool] | None:
    if context.examples is None:
        return None
    examples = context.examples()
    return copying.copied_example(copying.plan_signature(plan), examples, own_work=context.own_work) if examples else None


def grade_text(text: str, *, name: str = "plan", as_of: dt.date | None = None, context: GradingContext | None = None, country_lookup=None) -> GradeResult:
    """Read and grade one plan's YAML text; never raises for a bad plan."""
    context = context or default_context(as_of)
    try:
        plan = parse_plan(text, country_lookup=country_lookup)
    except PlanError as error:
        problems = tuple({"line": p.line, "field": p.field, "message": p.message} for p in error.problems)
        return GradeResult(
            plan=name, total=0.0, max=MAX_POINTS, errors=problems, as_of=context.as_of.isoformat(), feedback_language=current_language()
        )
    if plan.notes and chosen_language() is None:
        # The notes on unknown fields were written in the computer's language; a plan in
        # Spanish or French gets them, like the rest of its feedback, in its own.
        from .plan_reading import detect_language, free_texts

        code = feedback_language_for(detect_language(" ".join(free_texts(plan))))
        if code != current_language():
            with in_language(code):
                plan = parse_plan(text, country_lookup=country_lookup)
    return grade_plan(plan, context, name)
