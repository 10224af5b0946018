"""``upr-course timeline``: a country's past reviews, its next review and the milestones around it.

A thin face over ``upr_course.timeline``: it parses the arguments, asks the core and
formats the answer (a plain-text table, or one JSON object with ``--json``). Bad input
(an unknown country, a date that is not a date) is a ``UserError``: one line on stderr
and exit code 2, via ``upr_course.cli.main``.
"""

from __future__ import annotations

import json
import re
from datetime import date

from ..data import local_state_names
from ..errors import UserError
from ..i18n import N_, pgettext
from ..i18n import gettext as _
from ..timeline import Review, Timeline, country_timeline

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

#: How a review's date is known (translated where shown; the JSON keeps the key).
_BASIS_LABELS = {
    "recommendations_in_export": N_("recommendations in UPR Info's data"),
    "listed_in_dated_source": N_("listed in a dated source"),
    "inferred_from_rotation": N_("INFERRED from the review order"),
    "projected_from_rotation": N_("PROJECTED from the review order"),
}


def _basis(key: str) -> str:
    return _(_BASIS_LABELS[key]) if key in _BASIS_LABELS else key


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "timeline",
        help=_("a country's UPR reviews and the dates to plan for"),
        description=_(
            "Past UPR reviews of a country, its next review (scheduled or projected) and the "
            "milestones around it: deadlines, pre-session, review, plenary, mid-term."
        ),
    )
    parser.add_argument("--country", required=True, metavar="NAME", help=_("a name, common alias or ISO3 code, e.g. Kenya or KEN"))
    parser.add_argument("--json", action="store_true", help=_("print one JSON object instead of a table"))
    parser.add_argument(
        "--as-of", dest="as_of", metavar="YYYY-MM-DD", default=None, help=_("see the timeline as on this day (default: today)")
    )
    parser.set_defaults(handler=run_timeline)


def parse_as_of(text: str | None) -> date:
    """The ``--as-of`` date; today when it is not given. UserError for anything but a real YYYY-MM-DD date."""
    if text is None:
        return date.today()
    text = text.strip()
    if not _ISO_DATE.fullmatch(text):
        raise UserError(_("'{text}' is not a date. Write --as-of as YYYY-MM-DD, for example --as-of 2026-11-29.").format(text=text))
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UserError(_("'{text}' is not a real date. Write --as-of as YYYY-MM-DD, for example --as-of 2026-11-29.").format(text=text)) from None


def run_timeline(args) -> int:
    as_of = parse_as_of(args.as_of)
    timeline = country_timeline(args.country, as_of)
    if args.json:
        print(json.dumps(timeline.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(format_timeline(timeline))
    return 0


def _day(value: date | None, approximate: bool) -> str:
    if value is None:
        return ""
    return _("about {date}").format(date=value.isoformat()) if approximate else value.isoformat()


def _when(review: Review) -> str:
    """A review's dates as known: both days, one of them, or only the year."""
    start = _day(review.start_date, review.start_approximate)
    end = _day(review.end_date, review.end_approximate)
    if start and end:
        return _("{start} to {end}").format(start=start, end=end)
    if start:
        return _("from {start}").format(start=start)
    if end:
        return _("until {end}").format(end=end)
    return str(review.year) if review.year is not None else _("date unknown")


def _table(rows: list[list[str]], indent: str = "  ") -> list[str]:
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    return [indent + "  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]


def format_timeline(timeline: Timeline) -> str:
    """The plain-text report: past reviews, the next review, milestones ("about" = approximate)."""
    lines = [_("UPR timeline for {country} ({iso3}), as of {date}").format(
        country=local_state_names(timeline.country), iso3=timeline.iso3, date=timeline.as_of.isoformat()
    ), ""]

    lines.append(_("Past reviews"))
    if timeline.past_reviews:
        rows = [[pgettext("table heading", "cycle"), pgettext("table heading", "session"), pgettext("table heading", "when"),
                 pgettext("table heading", "basis")]]
        notes = []
        for review in timeline.past_reviews:
            rows.append([str(review.cycle), str(review.session), _when(review), _basis(review.basis)])
            notes += ["  " + _("session {session}: {note}").format(session=review.session, note=note) for note in review.notes]
        lines += _table(rows) + notes
    else:
        lines.append("  " + _("none before this date"))
    lines.append("")

    upcoming = timeline.next_review
    lines.append(_("Next review (PROJECTED)") if upcoming.projected else _("Next review (scheduled)"))
    lines.append("  " + _("cycle {cycle}, session {session}: {when}").format(cycle=upcoming.cycle, session=upcoming.session, when=_when(upcoming)))
    lines.append("  " + _("basis: {basis}").format(basis=_basis(upcoming.basis)) + (f" ({upcoming.source})" if upcoming.source else ""))
    lines += ["  " + _("note: {note}").format(note=note) for note in upcoming.notes]
    lines.append("")

    lines.append(_('Milestones ("about" = approximate; * = before the as-of date)'))
    rows = []
    for milestone in timeline.milestones:
        passed = "*" if milestone.date < timeline.as_of else ""
        rows.append([passed + _day(milestone.date, milestone.approximate), milestone.name, milestone.description])
    lines += _table(rows)
    return "\n".join(lines)
