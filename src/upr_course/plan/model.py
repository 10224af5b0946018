"""The action plan as values: its fields, its dates, its limits, and the problems that stop reading it.

See the package docstring (``upr_course.plan``) for which problems make a plan unreadable.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from upr_course.errors import UserError

from ..i18n import N_, current_language
from ..i18n import gettext as _

from ..stages import STAGES  # the shared list, part of the format

FORMAT = "upr-action-plan/1"


#: What an international step can add, with the spec's plain meaning (marked for translation;
#: translate the meaning where it is shown).
ADDS: dict[str, str] = {
    "leverage": N_("a commitment the Government made in public that can be pushed"),
    "visibility": N_('the profile and the "UN stamp" an issue gains'),
    "access": N_("meetings with officials, embassies or missions that were closed before"),
    "legitimacy": N_("international endorsement of a demand"),
    "accountability": N_('a public record, including of rejected or "noted" recommendations'),
    "media": N_("a news hook"),
    "coalition": N_("alliances formed around a joint report or consultation"),
    "information": N_("knowing what the Government says abroad, to compare with what it says at home"),
}

#: Longest plan accepted, in UTF-8 bytes. A real plan is a few kilobytes; 1 MB leaves room for
#: hundreds of activities and keeps parsing well under a second.
MAX_BYTES = 1_000_000
#: Deepest nesting accepted. A plan needs 4 levels; the margin is for extension fields.
MAX_DEPTH = 64
#: Most values (scalars, lists, mappings) accepted; a 500-activity plan has about 15,000.
MAX_NODES = 200_000
#: Most items in one list (objectives, activities, media moments, risks). A real plan has a
#: handful; a trainer cannot read hundreds, and comparing every UN step with every other (to
#: find copied texts) grows with the square of their number.
MAX_ITEMS = 500
#: At most this many "bad character" problems are listed one by one.
_MAX_CHAR_PROBLEMS = 20


# --------------------------------------------------------------------------------------------
# Public value types


@dataclass(frozen=True)
class Problem:
    """One reason why a plan cannot be read (or, in ``Plan.notes``, a field that is ignored).

    ``line`` is 1-based, ``None`` when no line applies (an empty text); ``field`` is a path such
    as ``international_activities[1].stage`` (indexes from 0, for programs); ``message`` is one
    plain sentence for the participant, starting with "Line N:" when the line is known.
    """

    line: int | None
    field: str
    message: str


class PlanError(UserError):
    """The plan cannot be read; ``problems`` lists every reason, sorted by line."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=_problem_order)
        super().__init__("\n".join(p.message for p in self.problems))


def _problem_order(problem: Problem) -> tuple[int, int]:
    # A stable sort on the line alone keeps problems of one line in the order found (spec order).
    return (0, 0) if problem.line is None else (1, problem.line)


@dataclass(frozen=True)
class PlanDate:
    """A plan date: a month (``2027-06``) or a day (``2027-06-15``).

    Plans mostly name months, so a plain ``datetime.date`` would invent a day; the rubric
    instead asks for ``first_day()`` or ``last_day()`` as its comparison needs.
    """

    year: int
    month: int
    day: int | None = None

    def __post_init__(self) -> None:
        # Raises ValueError for a date that does not exist, so no PlanDate is ever invalid.
        _dt.date(self.year, self.month, self.day or 1)

    @classmethod
    def parse(cls, value: str | _dt.date) -> PlanDate:
        """Read ``YYYY-MM``, ``YYYY-MM-DD`` or a ``date``; ValueError with a plain reason."""
        if isinstance(value, _dt.datetime):
            value = value.date()
        if isinstance(value, _dt.date):
            return cls(value.year, value.month, value.day)
        if not isinstance(value, str):
            raise ValueError(_("it is not a date"))
        match = _DATE_RE.fullmatch(value.strip())
        if not match:
            raise ValueError(_(_NOT_A_DATE_FORM))
        year, month = int(match["year"]), int(match["month"])
        day = int(match["day"]) if match["day"] else None
        if not 1 <= month <= 12:
            raise ValueError(_("there is no month {month}").format(month=month))
        if year < 1:
            raise ValueError(_("there is no year {year}").format(year=year))
        if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise ValueError(_("{month} {year} has no day {day}").format(month=_month_name(month), year=year, day=day))
        return cls(year, month, day)

    def first_day(self) -> _dt.date:
        return _dt.date(self.year, self.month, self.day or 1)

    def last_day(self) -> _dt.date:
        day = self.day or calendar.monthrange(self.year, self.month)[1]
        return _dt.date(self.year, self.month, day)

    def __str__(self) -> str:
        text = f"{self.year:04d}-{self.month:02d}"
        return text if self.day is None else f"{text}-{self.day:02d}"


_NOT_A_DATE_FORM = N_("it is not written as YYYY-MM or YYYY-MM-DD")
_DATE_RE = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?")
# English names, not calendar.month_name, which follows the computer's locale.
_MONTHS = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")  # fmt: skip


def _month_name(month: int) -> str:
    """The month's name in the participant's language (English names need no locale data)."""
    code = current_language()
    if code == "en":
        return _MONTHS[month]
    from babel.dates import get_month_names

    return get_month_names("wide", locale=code)[month]


@dataclass(frozen=True)
class Objective:
    id: str
    text: str
    target: str
    indicator: str
    due: PlanDate
    line: int | None = None


@dataclass(frozen=True)
class DomesticActivity:
    id: str
    text: str
    objective: str
    when: PlanDate
    line: int | None = None


@dataclass(frozen=True)
class InternationalActivity:
    id: str
    stage: str
    text: str
    objective: str
    adds: tuple[str, ...]
    added_value: str
    brought_home: str
    when: PlanDate
    recommendations: tuple[str, ...] = ()
    line: int | None = None

    @property
    def phase(self) -> str:
        """``before``, ``review`` or ``after``: what ``cycle_coverage`` counts."""
        return STAGES[self.stage]


@dataclass(frozen=True)
class MediaMoment:
    moment: str
    text: str
    line: int | None = None


@dataclass(frozen=True)
class Risk:
    risk: str
    mitigation: str
    line: int | None = None


#: How much a plan engages with the UN this cycle (the spec's "Engaging is a choice").
DECISIONS: dict[str, str] = {
    "full": "UN steps before, during and after the review (the default)",
    "light": "a deliberately small UN part, or follow-up only",
    "none": "no UN engagement this cycle",
}


@dataclass(frozen=True)
class Engagement:
    """The plan's ``engagement`` block: a decision and, for ``light`` and ``none``, its reasons.

    ``stated`` is False when the plan has no block: the decision is then ``full``, or ``none``
    without reasons when the plan has no UN steps (the spec reads it so).
    """

    decision: str = "full"
    reasons: str = ""
    stated: bool = False
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Plan:
    """A plan that can be read. It may still be weak: that is the rubric's to judge.

    ``lines`` maps field paths (``goal``, ``objectives[0]``, ``objectives[0].due``,
    ``international_activities[1].adds[0]``) to 1-based line numbers, so feedback can say
    where to look. ``notes`` lists ignored (unknown) fields, for a friendly mention.
    """

    format: str
    country: str
    country_iso3: str
    country_name: str
    organisation: str | None
    issue: str
    goal: str
    objectives: tuple[Objective, ...]
    domestic_activities: tuple[DomesticActivity, ...]
    international_activities: tuple[InternationalActivity, ...]
    media: tuple[MediaMoment, ...]
    risks: tuple[Risk, ...]
    engagement: Engagement = field(default_factory=Engagement)
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, hash=False, repr=False)
    notes: tuple[Problem, ...] = field(default=(), compare=False, hash=False, repr=False)

    def line(self, path: str) -> int | None:
        """The line of ``path``, or of its closest enclosing field, or None."""
        while path:
            if path in self.lines:
                return self.lines[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return None

    @property
    def objective_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.objectives)

    @property
    def decision(self) -> str:
        """``full``, ``light`` or ``none``: a plan with no UN steps and no block has decided ``none``."""
        if not self.engagement.stated and not self.international_activities:
            return "none"
        return self.engagement.decision

    @property
    def unknown_fields(self) -> tuple[Problem, ...]:
        """Fields the format does not know (listed in feedback, never dropped silently)."""
        return self.notes


