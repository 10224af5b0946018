"""The action plan rubric: does each plan show clearly what international engagement adds?

``grade_text(text)`` reads a plan (``upr_course.plan``), runs one scorer per criterion of
the spec (``criteria.py``) and returns a :class:`GradeResult`. A plan that cannot be read
is not graded: its result carries the problems, each with its line, and a total of 0.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from ..plan import Plan, PlanError, parse_plan
from .criteria import SCORERS, WEIGHTS, GradingContext, RecommendationFacts
from .relevance import best_matches, recommendation_relevance
from .result import BANDS, CriterionResult, GradeResult, band_of

__all__ = [
    "BANDS",
    "CriterionResult",
    "GradeResult",
    "GradingContext",
    "MAX_POINTS",
    "WEIGHTS",
    "band_of",
    "default_context",
    "grade_plan",
    "grade_text",
]

MAX_POINTS = float(sum(WEIGHTS.values()))


@lru_cache(maxsize=1)
def _recommendation_columns() -> tuple[dict[str, int], dict[str, list]]:
    """Row positions by id, and the few columns grading reads, as plain lists.

    Facts are made only for the ids a plan cites: building all 61,000 up front would cost
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
    )


def grade_plan(plan: Plan, context: GradingContext, name: str = "plan") -> GradeResult:
    """Score a parsed plan on every criterion."""
    context._plan_cache.clear()
    criteria = tuple(SCORERS[criterion_id](plan, context) for criterion_id in WEIGHTS)
    context._plan_cache.clear()
    total = round(sum(c.score for c in criteria), 2)
    return GradeResult(
        plan=name,
        total=total,
        max=MAX_POINTS,
        criteria=criteria,
        as_of=context.as_of.isoformat(),
        country=plan.country_name,
    )


def grade_text(text: str, *, name: str = "plan", as_of: dt.date | None = None, context: GradingContext | None = None, country_lookup=None) -> GradeResult:
    """Read and grade one plan's YAML text; never raises for a bad plan."""
    context = context or default_context(as_of)
    try:
        plan = parse_plan(text, country_lookup=country_lookup)
    except PlanError as error:
        problems = tuple({"line": p.line, "field": p.field, "message": p.message} for p in error.problems)
        return GradeResult(plan=name, total=0.0, max=MAX_POINTS, errors=problems, as_of=context.as_of.isoformat())
    return grade_plan(plan, context, name)
