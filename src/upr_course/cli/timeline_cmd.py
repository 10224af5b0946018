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

from ..errors import UserError
from ..timeline import Review, Timeline, country_timeline

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

_BASIS_LABELS = {
    "recommendations_in_export": "recommendations in UPR Info's data",
    "listed_in_dated_source": "listed in a dated source",
    "inferred_from_rotation": "INFERRED from the review order",
    "projected_from_rotation": "PROJECTED from the review order",
}


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "timeline",
        help="a country's UPR reviews and the dates to plan for",
        description="Past UPR reviews of a country, its next review (scheduled or projected) and the "
        "milestones around it: deadlines, pre-session, review, plenary, mid-term.",
    )
    parser.add_argument("--country", required=True, metavar="NAME", help="a name, common alias or ISO3 code, e.g. Kenya or KEN")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    parser.add_argument(
        "--as-of", dest="as_of", metavar="YYYY-MM-DD", default=None, help="see the timeline as on this day (default: today)"
    )
    parser.set_defaults(handler=run_timeline)


def parse_as_of(text: str | None) -> date:
    """The ``--as-of`` date; today when it is not given. UserError for anything but a real YYYY-MM-DD date."""
    if text is None:
        return date.today()
    text = text.strip()
    hint = "Write --as-of as YYYY-MM-DD, for example --as-of 2026-11-29."
    if not _ISO_DATE.fullmatch(text):
        raise UserError(f"'{text}' is not a date. {hint}")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UserError(f"'{text}' is not a real date. {hint}") from None


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
    return f"about {value.isoformat()}" if approximate else value.isoformat()


def _when(review: Review) -> str:
    """A review's dates as known: both days, one of them, or only the year."""
    start = _day(review.start_date, review.start_approximate)
    end = _day(review.end_date, review.end_approximate)
    if start and end:
        return f"{start} to {end}"
    if start:
        return f"from {start}"
    if end:
        return f"until {end}"
    return str(review.year) if review.year is not None else "date unknown"


def _table(rows: list[list[str]], indent: str = "  ") -> list[str]:
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    return [indent + "  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]


def format_timeline(timeline: Timeline) -> str:
    """The plain-text report: past reviews, the next review, milestones ("about" = approximate)."""
    lines = [f"UPR timeline for {timeline.country} ({timeline.iso3}), as of {timeline.as_of.isoformat()}", ""]

    lines.append("Past reviews")
    if timeline.past_reviews:
        rows = [["cycle", "session", "when", "basis"]]
        notes = []
        for review in timeline.past_reviews:
            rows.append([str(review.cycle), str(review.session), _when(review), _BASIS_LABELS.get(review.basis, review.basis)])
            notes += [f"  session {review.session}: {note}" for note in review.notes]
        lines += _table(rows) + notes
    else:
        lines.append("  none before this date")
    lines.append("")

    upcoming = timeline.next_review
    status = "PROJECTED" if upcoming.projected else "scheduled"
    lines.append(f"Next review ({status})")
    lines.append(f"  cycle {upcoming.cycle}, session {upcoming.session}: {_when(upcoming)}")
    lines.append(f"  basis: {_BASIS_LABELS.get(upcoming.basis, upcoming.basis)}" + (f" ({upcoming.source})" if upcoming.source else ""))
    lines += [f"  note: {note}" for note in upcoming.notes]
    lines.append("")

    lines.append('Milestones ("about" = approximate; * = before the as-of date)')
    rows = []
    for milestone in timeline.milestones:
        passed = "*" if milestone.date < timeline.as_of else ""
        rows.append([passed + _day(milestone.date, milestone.approximate), milestone.name, milestone.description])
    lines += _table(rows)
    return "\n".join(lines)
