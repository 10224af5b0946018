"""A country's UPR timeline: its past reviews, its next review and the milestones around it.

Why this module exists: advocacy around the UPR is a matter of timing. A stakeholder
report handed in after the deadline is lost, lobbying for "supported" only works between
the review and the plenary, and an action plan's stages have to fall where the country's
calendar puts them. Lessons, the command line (``upr-course timeline``) and the plan
grader all ask this module, so they all give the same dates.

The core functions are pure: :func:`build_timeline` and :func:`build_stage_windows` take
the ``sessions`` and ``reviews`` tables (as ``upr_course.data`` loads them, or as
``upr_course.build.calendar`` builds them) and a date, so tests need no built files.
:func:`country_timeline` and :func:`stage_windows` look the country up and load the
tables for you. Nothing here prints.

How the next review is found
----------------------------
* A review listed in the calendar whose session has not ended by ``today`` is the next
  review (``projected=False``).
* Otherwise the next review is projected: 14 sessions after the State's latest listed
  review, 4.5 years (54 months) after that session's start. Since cycle 2 each cycle has
  4.5 years and 14 sessions and the States keep their order (fact sheet, "The cycle";
  ``cycles.py``), so a State keeps its place in the rotation. The projection is marked
  ``projected=True`` and approximate, and repeated until it lies after ``today``.
* Postponements break the rotation (Ukraine and Myanmar in cycle 4; the USA is listed
  twice in cycle 4). The projection still starts from the latest listed review, so the
  next review is never put too early, and the review carries a note naming the usual
  place in the rotation, which OHCHR may return the State to.

Dates of a session whose dates are not all known
------------------------------------------------
The calendar gives dates only where a dated source does (see ``build/calendar.py``).
Where a date is needed and missing it is estimated and flagged approximate:

* only one end known: the other is the typical length of a session away (the median
  span of the sessions with both dates: 11 days, Monday to Friday of the next week);
* only a month known (``month:YYYY-MM``): the 1st of that month;
* only the year known: the 1st of the typical month of the session's slot in its year.
  Three sessions a year fill three slots: the first session of a year, the last one
  (when the year has two or more) and any in between. The slot's typical month is the
  median start month of the dated sessions in that slot (January, May and November with
  the course's calendar); with no dated session to learn from, January, May and
  November are used.

Milestones and their approximate offsets (R = the first day of the review's session)
-------------------------------------------------------------------------------------
Each offset's basis is in the fact sheet (``shared/research/upr-fact-sheet.md``, "The
cycle") unless it says "course choice"; see ``MILESTONE_RULES``.

* stakeholder_report: about 7-8 months before: R - 8 months (the earlier end, so that
  nobody plans for a date that turns out too late);
* national_report: about 12 weeks before (R - 84 days);
* documents_online: about 6 weeks before (R - 42 days);
* pre_session: about one month before (R - 1 month);
* advance_questions: 10 working days before, counted from R (the day of the State's own
  dialogue within the two-week session is not in the calendar, so this is the earliest
  it can be);
* review: R;
* outcome_adoption: a few days after the review in the same session: the session's last day;
* responses: before the plenary: R + 3 months (the plenary's earliest);
* plenary: about 3-4 months after: R + 3.5 months;
* implementation: from the plenary to the next review;
* mid_term_report: the fact sheet says mid-term reports are voluntary (resolution 16/21)
  and gives no timing, so the course uses the middle of the 4.5-year cycle, R + 27 months,
  and calls it "about".

Stage windows (for the plan grader)
-----------------------------------
:func:`build_stage_windows` gives, for each of the 11 stages of the action-plan format,
the dates between which a plan activity of that stage makes sense (``STAGE_WINDOW_RULES``
says why). Stages after a review can still be open for the *latest past* review (a State
reviewed last month is now between its review and its plenary): for those stages the
window of the latest past review is used while it has not closed by ``today``, otherwise
the next review's. ``implementation`` runs without a gap from the plenary of the latest
past review to the review that follows the next one.
"""

from __future__ import annotations

import calendar
import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import pandas as pd

from . import data
from .i18n import N_, gettext
from .cycles import SESSIONS_PER_CYCLE, cycle_of_session, sessions_of_cycle
from .errors import UserError
from .stages import STAGES as _STAGE_PHASES

#: Since cycle 2 a cycle lasts 4.5 years (fact sheet, "The cycle").
CYCLE_MONTHS = 54
#: Used when the sessions table has no session with both dates to measure.
DEFAULT_SESSION_SPAN_DAYS = 11
#: Typical start month of a session by its slot in its year, when no dated session shows it.
DEFAULT_SLOT_MONTHS = {"first": 1, "middle": 5, "last": 11}

#: The stages of the action-plan format, in cycle order (one list for the course: ``stages.py``).
STAGES = tuple(_STAGE_PHASES)

BASIS_PROJECTED = "projected_from_rotation"


class NoReviewError(UserError, LookupError):
    """A known country that has no review in the calendar (not a State under Review).

    A LookupError too, like ``UnknownCountryError``, so callers that treat "no calendar
    for this country" as one case (the plan grader) can catch both the same way.
    """


# -- results -----------------------------------------------------------------------------


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass(frozen=True)
class Review:
    """One review of a State: listed in the calendar, or projected.

    ``start_date``/``end_date`` are the first and last day of the Working Group session
    (the State's own dialogue is on one day in between). For past reviews they are what
    the calendar gives (``None`` when it gives only the year); for the next review they
    are always filled, and ``start_approximate``/``end_approximate`` say which are
    estimates.
    """

    session: int
    cycle: int
    year: int | None
    start_date: date | None
    end_date: date | None
    start_approximate: bool
    end_approximate: bool
    date_precision: str
    inferred: bool
    projected: bool
    basis: str
    source: str | None
    notes: tuple[str, ...] = ()

    @property
    def approximate(self) -> bool:
        """True when any of the review's dates is an estimate."""
        return self.start_approximate or self.end_approximate

    def to_dict(self) -> dict:
        return {
            "session": self.session,
            "cycle": self.cycle,
            "year": self.year,
            "start_date": _iso(self.start_date),
            "end_date": _iso(self.end_date),
            "approximate": self.approximate,
            "start_approximate": self.start_approximate,
            "end_approximate": self.end_approximate,
            "date_precision": self.date_precision,
            "inferred": self.inferred,
            "projected": self.projected,
            "basis": self.basis,
            "source": self.source,
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class Milestone:
    """A dated moment around a review; ``name`` is an action-plan stage name where one fits."""

    name: str
    date: date
    description: str
    approximate: bool
    basis: str

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "date": self.date.isoformat(),
            "approximate": self.approximate,
            "description": self.description,
            "basis": self.basis,
        }


@dataclass(frozen=True)
class Timeline:
    """A country's reviews and the milestones of its next review, as seen on ``as_of``."""

    country: str
    iso3: str
    as_of: date
    past_reviews: tuple[Review, ...]
    next_review: Review
    milestones: tuple[Milestone, ...] = field(default=())

    def milestone(self, name: str) -> Milestone:
        """The milestone with this name (KeyError if there is none)."""
        for milestone in self.milestones:
            if milestone.name == name:
                return milestone
        raise KeyError(name)

    def to_dict(self) -> dict:
        """Plain JSON-ready values; dates as YYYY-MM-DD strings."""
        return {
            "country": self.country,
            "iso3": self.iso3,
            "as_of": self.as_of.isoformat(),
            "past_reviews": [review.to_dict() for review in self.past_reviews],
            "next_review": self.next_review.to_dict(),
            "milestones": [milestone.to_dict() for milestone in self.milestones],
        }


# -- date helpers ------------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier), moved back to the month's last day if needed."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def working_days_before(day: date, count: int) -> date:
    """The day ``count`` working days (Monday-Friday) before ``day``; public holidays are not known."""
    current = day
    while count > 0:
        current -= timedelta(days=1)
        if current.weekday() < 5:
            count -= 1
    return current


def _to_date(value: object) -> date | None:
    """A date from a table cell: ISO string, Timestamp, datetime, date; None for a missing value."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, str):
        return date.fromisoformat(value) if value.strip() else None
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date()
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raise ValueError(f"not a date: {value!r}")


def _as_day(today: date | datetime | None) -> date:
    if today is None:
        return date.today()
    if isinstance(today, datetime):
        return today.date()
    if isinstance(today, date):
        return today
    raise TypeError(f"today must be a date, got {type(today).__name__}")


# -- sessions ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionDates:
    """A session's dates: as the calendar gives them, and filled in where missing."""

    session: int
    cycle: int
    year: int | None
    known_start: date | None
    known_end: date | None
    precision: str
    start: date
    end: date

    @property
    def start_estimated(self) -> bool:
        return self.known_start is None

    @property
    def end_estimated(self) -> bool:
        return self.known_end is None


def _slots(years: dict[int, int | None]) -> dict[int, str]:
    """Each session's slot in its year: first, middle or last (see the module docstring)."""
    by_year: dict[int, list[int]] = {}
    for session, year in years.items():
        if year is not None:
            by_year.setdefault(year, []).append(session)
    slots = {}
    for members in by_year.values():
        members.sort()
        for position, session in enumerate(members):
            if position == 0:
                slots[session] = "first"
            elif position == len(members) - 1:
                slots[session] = "last"
            else:
                slots[session] = "middle"
    return slots


def _month_of_precision(precision: str) -> date | None:
    if precision.startswith("month:"):
        year, month = precision[len("month:") :].split("-")[:2]
        return date(int(year), int(month), 1)
    return None


def session_dates(sessions: pd.DataFrame) -> dict[int, SessionDates]:
    """Every session's dates, estimated where the calendar has none (see the module docstring).

    Raises ValueError for a session with neither a date nor a year.
    """
    rows = []
    for row in sessions.itertuples(index=False):
        year = None if pd.isna(row.year) else int(row.year)
        precision = "" if pd.isna(row.date_precision) else str(row.date_precision)
        rows.append((int(row.session), int(row.cycle), year, _to_date(row.start_date), _to_date(row.end_date), precision))

    spans = [(end - start).days for _, _, _, start, end, _ in rows if start and end]
    span = timedelta(days=round(statistics.median(spans)) if spans else DEFAULT_SESSION_SPAN_DAYS)
    slots = _slots({session: year for session, _, year, *_ in rows})
    months_seen: dict[str, list[int]] = {}
    for session, _, _, start, end, precision in rows:
        known = start or end or _month_of_precision(precision)
        if known and session in slots:
            months_seen.setdefault(slots[session], []).append(known.month)
    slot_months = {
        slot: round(statistics.median(months_seen[slot])) if months_seen.get(slot) else default
        for slot, default in DEFAULT_SLOT_MONTHS.items()
    }

    table = {}
    for session, cycle, year, start, end, precision in rows:
        if start and end:
            filled_start, filled_end = start, end
        elif start:
            filled_start, filled_end = start, start + span
        elif end:
            filled_start, filled_end = end - span, end
        else:
            month_start = _month_of_precision(precision)
            if month_start is None:
                if year is None:
                    raise ValueError(f"session {session} has neither dates nor a year")
                month_start = date(year, slot_months[slots[session]], 1)
            filled_start, filled_end = month_start, month_start + span
        table[session] = SessionDates(session, cycle, year, start, end, precision, filled_start, filled_end)
    return table


# -- milestones and stage windows --------------------------------------------------------

_FACT_SHEET = "Fact sheet, 'The cycle'"

#: name -> (one-line description, basis). Dates are computed in ``_milestones``.
MILESTONE_RULES = {
    "stakeholder_report": (
        N_(
            "Deadline for stakeholder submissions (NGO, coalition or NHRI reports to the UN): "
            "about 7-8 months before the review; OHCHR announces the exact date, so plan for this earlier end."),
        f"{_FACT_SHEET}: stakeholder submissions are due about 7-8 months before the review "
        "(4th cycle: 21 Feb-31 Mar 2022 for the November 2022 reviews).",
    ),
    "national_report": (
        N_(
            "The Government's national report is due, about 12 weeks before the review; "
            "its consultations with civil society come before this."),
        f"{_FACT_SHEET}: the national report is due about 12 weeks before the review.",
    ),
    "documents_online": (
        N_(
            "The national report, the UN compilation and the summary of stakeholders' information "
            "are online, about 6 weeks before the review."),
        f"{_FACT_SHEET}: all three documents are online about 6 weeks before the review.",
    ),
    "pre_session": (
        N_(
            "UPR Info pre-session in Geneva, about one month before the review: a few minutes to brief "
            "States' missions (check UPR Info's dates: recent pre-sessions were held earlier)."),
        f"{_FACT_SHEET}: pre-sessions about one month before the review. CeHDI's timeline for "
        "sessions 52-54 has them about three months before.",
    ),
    "advance_questions": (
        N_(
            "Last day for States to send written questions in advance: 10 working days before the review "
            "(counted from the session's first day, so the earliest it can be)."),
        f"{_FACT_SHEET}: advance questions 10 working days before the review.",
    ),
    "review": (
        N_(
            "The Working Group session that holds the review opens; the 3.5-hour dialogue is on one day "
            "of the two-week session (OHCHR publishes the programme)."),
        "The session's first day, from the calendar (datasets/sessions.csv) or projected.",
    ),
    "outcome_adoption": (
        N_(
            "The Working Group adopts its report with the recommendations, a few days after the review "
            "and before the session ends."),
        f"{_FACT_SHEET}: the report is adopted a few days after the review in the same session; "
        "the date shown is the session's last day.",
    ),
    "responses": (
        N_(
            "The State says which recommendations it supports or notes, in an addendum, before the "
            "plenary: the time to lobby for 'supported'."),
        f"{_FACT_SHEET}: responses come in an addendum; the plenary is about 3-4 months after the "
        "review, so the date shown is 3 months after it.",
    ),
    "plenary": (
        N_(
            "The Human Rights Council adopts the review's outcome in plenary, about 3-4 months after the "
            "review; accredited NGOs may speak."),
        f"{_FACT_SHEET}: plenary adoption about 3-4 months later (date shown: 3.5 months).",
    ),
    "implementation": (
        N_(
            "Implementation starts: push the supported recommendations and expose the noted ones, "
            "until the next review about 4.5 years later."),
        f"{_FACT_SHEET}: 4.5 years per cycle; implementation runs from the plenary to the next review.",
    ),
    "mid_term_report": (
        N_(
            "Mid-term report (voluntary): the State may report on progress about half-way to its next "
            "review; NGOs can publish their own mid-term assessment."),
        f"{_FACT_SHEET}: mid-term reports are voluntary (resolution 16/21) and no date is given; "
        "the course uses the middle of the 4.5-year cycle (27 months after the review).",
    ),
}

#: stage -> why its window is what it is (R = the review session's first day, E = its last day).
STAGE_WINDOW_RULES = {
    "national_consultation": "from about 12 months before the review (course choice) until the national "
    "report is due, about 12 weeks before (fact sheet)",
    "stakeholder_report": "from about 12 months before the review (course choice: time to draft) until the "
    "deadline, about 7 months before (fact sheet: about 7-8 months)",
    "pre_session": "from 4 months before the review (CeHDI's timeline: cycle-4 pre-sessions about three months "
    "before) until 2 weeks before (fact sheet: about one month before)",
    "embassy_briefing": "from the stakeholder deadline (about 8 months before) until the day before the review "
    "(course choice: while recommending States prepare)",
    "advance_questions": "from 8 weeks before the review (documents online about 6 weeks before, fact sheet) "
    "until 10 working days before (fact sheet)",
    "review": "the Working Group session that holds the review",
    "outcome_adoption": "the same session: the report is adopted a few days after the review (fact sheet)",
    "responses": "from the end of the session until the plenary, at the latest 4 months after the review",
    "plenary": "3 to 4 months after the review (fact sheet: about 3-4 months)",
    "implementation": "from the plenary of the latest past review to the review after the next one "
    "(implementation never stops)",
    "mid_term_report": "2 to 2.5 years after the review: the middle of the cycle (27 months) give or take "
    "3 months (course choice; the fact sheet gives no date)",
}


def _milestones(start: date, end: date, start_approximate: bool, end_approximate: bool) -> list[Milestone]:
    plenary_earliest = add_months(start, 3)
    plenary = plenary_earliest + (add_months(start, 4) - plenary_earliest) / 2
    dates = {
        "stakeholder_report": (add_months(start, -8), True),
        "national_report": (start - timedelta(weeks=12), True),
        "documents_online": (start - timedelta(weeks=6), True),
        "pre_session": (add_months(start, -1), True),
        "advance_questions": (working_days_before(start, 10), True),
        "review": (start, start_approximate),
        "outcome_adoption": (end, True),
        "responses": (plenary_earliest, True),
        "plenary": (plenary, True),
        "implementation": (plenary, True),
        "mid_term_report": (add_months(start, CYCLE_MONTHS // 2), True),
    }
    milestones = [
        Milestone(name, day, MILESTONE_RULES[name][0], approximate, MILESTONE_RULES[name][1])
        for name, (day, approximate) in dates.items()
    ]
    return sorted(milestones, key=lambda milestone: milestone.date)


def _windows(start: date, end: date, following: date) -> dict[str, tuple[date, date]]:
    """The stage windows around one review (``following``: the first day of the review after it)."""
    return {
        "national_consultation": (add_months(start, -12), start - timedelta(weeks=12)),
        "stakeholder_report": (add_months(start, -12), add_months(start, -7)),
        "pre_session": (add_months(start, -4), start - timedelta(weeks=2)),
        "embassy_briefing": (add_months(start, -8), start - timedelta(days=1)),
        "advance_questions": (start - timedelta(weeks=8), working_days_before(start, 10)),
        "review": (start, end),
        "outcome_adoption": (start, end),
        "responses": (end, add_months(start, 4)),
        "plenary": (add_months(start, 3), add_months(start, 4)),
        "implementation": (add_months(start, 3), following),
        "mid_term_report": (add_months(start, 24), add_months(start, 30)),
    }


# -- the timeline ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Listed:
    session: SessionDates
    inferred: bool
    basis: str
    source: str | None


@dataclass(frozen=True)
class _Located:
    """What both the timeline and the stage windows need: reviews split around ``today``."""

    past: list[_Listed]
    upcoming: list[_Listed]
    next_review: Review
    following_start: date  # first day of the review after the next one
    span: timedelta
    notes: dict[int, tuple[str, ...]]


def _listed_reviews(sessions: pd.DataFrame, reviews: pd.DataFrame, iso3: str) -> tuple[list[_Listed], timedelta]:
    table = session_dates(sessions)
    spans = [dates.end - dates.start for dates in table.values()]
    span = statistics.median(spans) if spans else timedelta(days=DEFAULT_SESSION_SPAN_DAYS)
    own = reviews.loc[reviews["iso3"].astype("string") == iso3.upper()]
    listed = []
    for row in own.itertuples(index=False):
        session = int(row.session)
        if session not in table:
            raise ValueError(f"{iso3} is listed in session {session}, which the sessions table does not have")
        source = None if pd.isna(row.source) else str(row.source)
        listed.append(_Listed(table[session], bool(row.inferred), str(row.basis), source))
    listed.sort(key=lambda item: item.session.session)
    return listed, span


def _offset(session: int) -> int:
    """A session's place within its cycle (0 for the cycle's first session)."""
    return session - sessions_of_cycle(cycle_of_session(session)).start


def _usual_offset(listed: list[_Listed]) -> int | None:
    """The State's usual place within a cycle: its most common place since cycle 2.

    Cycle 1 had 12 sessions of 16 States, so its order says nothing about later cycles.
    None when no place is more common than another (a tie, or no review since cycle 2).
    """
    counts = Counter(_offset(item.session.session) for item in listed if item.session.cycle >= 2)
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _review_notes(listed: list[_Listed]) -> dict[int, tuple[str, ...]]:
    """Notes on doubtful reviews: inferred, listed twice in one cycle, later than usual (postponed)."""
    by_cycle: dict[int, list[int]] = {}
    for item in listed:
        by_cycle.setdefault(item.session.cycle, []).append(item.session.session)
    usual_offset = _usual_offset(listed)
    notes: dict[int, list[str]] = {}
    for item in listed:
        session, cycle = item.session.session, item.session.cycle
        found = notes.setdefault(session, [])
        if item.inferred:
            found.append(gettext("Inferred from the review order (same place as 14 sessions earlier); not verified."))
        others = [other for other in by_cycle[cycle] if other != session]
        if others:
            listed_in = ", ".join(str(other) for other in others)
            found.append(gettext("Also listed in session {sessions} of cycle {cycle} by another source: possibly "
                           "rescheduled; verify with OHCHR's calendar.").format(sessions=listed_in, cycle=cycle))
        if cycle >= 2 and usual_offset is not None and _offset(session) > usual_offset:
            usual = sessions_of_cycle(cycle).start + usual_offset
            if usual not in by_cycle[cycle]:
                found.append(gettext("Later than this State's usual place in the review order (session {session}): a "
                               "postponement.").format(session=usual))
    return {session: tuple(found) for session, found in notes.items()}


def _review(item: _Listed, notes: tuple[str, ...], fill_dates: bool) -> Review:
    dates = item.session
    if fill_dates:
        start, end = dates.start, dates.end
        start_approximate, end_approximate = dates.start_estimated, dates.end_estimated
    else:
        start, end = dates.known_start, dates.known_end
        start_approximate = end_approximate = False
    return Review(
        session=dates.session,
        cycle=dates.cycle,
        year=dates.year if dates.year is not None else dates.start.year,
        start_date=start,
        end_date=end,
        start_approximate=start_approximate,
        end_approximate=end_approximate,
        date_precision=dates.precision,
        inferred=item.inferred,
        projected=False,
        basis=item.basis,
        source=item.source,
        notes=notes,
    )


def _project(latest: _Listed, listed: list[_Listed], today: date, span: timedelta) -> Review:
    """The review 14 sessions (4.5 years) after the latest listed one, moved on until after today."""
    session, start = latest.session.session, latest.session.start
    steps = 0
    while True:
        session += SESSIONS_PER_CYCLE
        start = add_months(start, CYCLE_MONTHS)
        steps += 1
        if start + span >= today:
            break
    notes = [
        gettext("Projected: {sessions} sessions ({years} years) after session {session}, the State's latest listed review, "
          "keeping its place in the review order. No calendar after cycle 4 is known: check OHCHR's calendar.").format(
            sessions=steps * SESSIONS_PER_CYCLE, years=f"{steps * 4.5:g}", session=latest.session.session)
    ]
    usual_offset = _usual_offset(listed)
    if usual_offset is not None and latest.session.cycle >= 2 and _offset(latest.session.session) != usual_offset:
        usual = sessions_of_cycle(cycle_of_session(session)).start + usual_offset
        notes.append(gettext("Session {session} was not the State's usual place in the review order; OHCHR may return it to "
                       "that place, which would be session {usual}.").format(session=latest.session.session, usual=usual))
    return Review(
        session=session,
        cycle=cycle_of_session(session),
        year=start.year,
        start_date=start,
        end_date=start + span,
        start_approximate=True,
        end_approximate=True,
        date_precision="projected",
        inferred=False,
        projected=True,
        basis=BASIS_PROJECTED,
        source=None,
        notes=tuple(notes),
    )


def _locate(sessions: pd.DataFrame, reviews: pd.DataFrame, iso3: str, country: str, today: date) -> _Located:
    listed, span = _listed_reviews(sessions, reviews, iso3)
    if not listed:
        raise NoReviewError(f"{country} has no review in the course's UPR calendar: it is not a State under Review.")
    notes = _review_notes(listed)
    past = [item for item in listed if item.session.end < today]
    upcoming = [item for item in listed if item.session.end >= today]
    if upcoming:
        nearest = upcoming[0]
        next_review = _review(nearest, notes.get(nearest.session.session, ()), fill_dates=True)
        if len(upcoming) > 1:
            following_start = upcoming[1].session.start
        else:
            following_start = add_months(next_review.start_date, CYCLE_MONTHS)
    else:
        next_review = _project(listed[-1], listed, today, span)
        following_start = add_months(next_review.start_date, CYCLE_MONTHS)
    return _Located(past, upcoming, next_review, following_start, span, notes)


def build_timeline(
    sessions: pd.DataFrame, reviews: pd.DataFrame, iso3: str, country: str, today: date | datetime | None = None
) -> Timeline:
    """The timeline of the State ``iso3`` (named ``country``) as seen on ``today``.

    ``sessions`` and ``reviews`` are the calendar tables (see ``upr_course.data``).
    Raises UserError when the State has no review in the calendar.
    """
    today = _as_day(today)
    located = _locate(sessions, reviews, iso3, country, today)
    past = tuple(
        _review(item, located.notes.get(item.session.session, ()), fill_dates=False) for item in located.past
    )
    upcoming = located.next_review
    milestones = _milestones(
        upcoming.start_date, upcoming.end_date, upcoming.start_approximate, upcoming.end_approximate
    )
    return Timeline(
        country=country,
        iso3=iso3.upper(),
        as_of=today,
        past_reviews=past,
        next_review=upcoming,
        milestones=tuple(milestones),
    )


def build_stage_windows(
    sessions: pd.DataFrame,
    reviews: pd.DataFrame,
    iso3: str,
    today: date | datetime | None = None,
    country: str | None = None,
) -> dict[str, tuple[date, date]]:
    """For every action-plan stage, the (earliest, latest) dates that fit the State's calendar.

    See the module docstring and ``STAGE_WINDOW_RULES``. Every stage in ``STAGES`` is
    present; earliest <= latest.
    """
    today = _as_day(today)
    located = _locate(sessions, reviews, iso3, country or iso3, today)
    upcoming = located.next_review
    next_windows = _windows(upcoming.start_date, upcoming.end_date, located.following_start)
    if not located.past:
        return {stage: next_windows[stage] for stage in STAGES}
    latest = located.past[-1].session
    past_windows = _windows(latest.start, latest.end, upcoming.start_date)
    windows = {}
    for stage in STAGES:
        if stage == "implementation":
            windows[stage] = (past_windows[stage][0], next_windows[stage][1])
        elif past_windows[stage][1] >= today:
            windows[stage] = past_windows[stage]
        else:
            windows[stage] = next_windows[stage]
    return windows


# -- with the course's datasets -----------------------------------------------------------


def country_timeline(country: str, today: date | datetime | None = None) -> Timeline:
    """The timeline of a country named as the datasets spell it, by an alias or by ISO3 code.

    Raises UnknownCountryError (with suggestions) for a name that matches no State.
    """
    found = data.find_country(country)
    return build_timeline(data.sessions(), data.reviews(), found.iso3, found.name, today)


def stage_windows(country: str, today: date | datetime | None = None) -> dict[str, tuple[date, date]]:
    """For every action-plan stage, the (earliest, latest) dates that fit the country's calendar."""
    found = data.find_country(country)
    return build_stage_windows(data.sessions(), data.reviews(), found.iso3, today, found.name)
