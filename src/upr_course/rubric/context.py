"""What grading needs from outside the plan, injected so that tests can fake it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from ..plan import Plan


@dataclass(frozen=True)
class RecommendationFacts:
    """What the rubric needs to know about one cited recommendation.

    ``response`` is ``Supported``, ``Noted``, ``Pending`` (not yet known) or None (the data
    does not say).
    """

    id: str
    sur_iso3: str
    sur: str
    response: str | None
    text: str
    issues: tuple[str, ...] = ()


@dataclass
class GradingContext:
    """Everything outside the plan that grading needs.

    ``find_recommendation(id)`` gives facts or None; ``relevance(plan, facts)`` a number
    in [0, 1]; ``stage_windows(iso3, as_of)`` the calendar windows per stage (or None
    when the country's calendar is unknown); ``suggest(plan, k)``, when given, the ids of
    the k recommendations that fit the plan's goal best, offered in feedback as examples;
    ``find_reference(reference)``, when given, the dataset id of a UN document reference
    ("A/HRC/57/5 para 114.101") or None; ``coverage_note(iso3)``, when given, one sentence on
    the country's reviews the data lacks; ``examples``, when given, the course's example
    plans as (name, country iso3, text), to recognise a copy; ``own_work`` says the plan is
    handed in as the participant's own (the capstone), where even an unchanged example is a copy.
    """

    as_of: dt.date
    find_recommendation: Callable[[str], RecommendationFacts | None]
    relevance: Callable[[Plan, RecommendationFacts], float]
    stage_windows: Callable[[str, dt.date], dict[str, tuple[dt.date, dt.date]] | None]
    suggest: Callable[[Plan, int], list[str]] | None = None
    find_reference: Callable[[str], str | None] | None = None
    coverage_note: Callable[[str], str | None] | None = None
    examples: Callable[[], tuple[tuple[str, str, str], ...]] | None = None
    #: The plan is handed in as the participant's own work (the capstone): a course example
    #: handed in unchanged is then a copy too, not the example graded as itself.
    own_work: bool = False
    _cache: dict = field(default_factory=dict, repr=False)
    #: Work shared by the criteria of the plan being graded (cleared between plans).
    _plan_cache: dict = field(default_factory=dict, repr=False)

    def recommendation(self, rec_id: str) -> RecommendationFacts | None:
        key = rec_id.strip().upper()
        if key not in self._cache:
            self._cache[key] = self.find_recommendation(key)
        return self._cache[key]

    def memo(self, key, compute):
        """A value computed once for the plan being graded."""
        if key not in self._plan_cache:
            self._plan_cache[key] = compute()
        return self._plan_cache[key]
