"""``upr-course workshop report``: what a trainer needs after ``nbgrader autograde``.

Run it from the course folder (where ``nbgrader_config.py`` and ``gradebook.db`` are).
It prints, per participant, the score of each assignment, what failed, what still needs
manual grading and the capstone's score per rubric criterion; then every submission that
needs attention (broken, not autograded, a score that a clean re-grade does not confirm).
``--csv FILE`` writes the same as one row per participant, assignment and item.

Exit code: 0 when nothing needs attention, 1 when something does (so a script notices),
2 when the command cannot run (no gradebook, an unknown assignment).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import UserError
from ..i18n import gettext as _


def register(subparsers) -> None:
    workshop = subparsers.add_parser("workshop", help=_("trainer tools for a workshop graded with nbgrader"))
    actions = workshop.add_subparsers(dest="workshop_command", metavar=_("ACTION"))
    actions.required = True
    report = actions.add_parser(
        "report",
        help=_("after nbgrader autograde: per participant, score per criterion, what failed, what needs manual grading"),
        description=_(
            "Run it from the course folder (where nbgrader_config.py and gradebook.db are). It prints, per participant, the score "
            "of each assignment, what failed, what still needs manual grading and the capstone's score per rubric criterion; then "
            "every submission that needs attention (broken, not autograded, a score that a clean re-grade does not confirm). "
            "--csv FILE writes the same as one row per participant, assignment and item."
        ),
    )
    report.add_argument("--course", type=Path, default=Path("."), metavar="FOLDER", help=_("the course folder (default: the current folder)"))
    report.add_argument("--assignment", action="append", metavar="NAME", help=_("only this assignment (repeat for several)"))
    report.add_argument("--csv", type=Path, metavar="FILE", help=_("also write the report as CSV, one row per participant, assignment and item"))
    report.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        help=_("re-grade plans as if today were this date (default: UPR_COURSE_AS_OF, else today); use the date autograde used"),
    )
    report.add_argument("--db", metavar="URL", help=_("the gradebook's database URL (default: nbgrader's, in the course folder)"))
    report.set_defaults(handler=run_report)


def run_report(args) -> int:
    from ..grading.report import build_report
    from ..notebook import grading_date

    course = args.course.resolve()
    if not args.db and not (course / "gradebook.db").is_file():
        raise UserError(
            _("No gradebook in {folder}. Run this command in the course folder, after nbgrader autograde (or give --course FOLDER).").format(folder=course)
        )
    report = build_report(course, db_url=args.db, assignments=args.assignment, as_of=grading_date(args.as_of))
    print(report.to_text())
    if args.csv:
        try:
            report.write_csv(args.csv)
        except OSError as error:
            raise UserError(
                _("The report {path} could not be written ({reason}). Check the folder exists and you may write there.").format(
                    path=args.csv, reason=error.strerror or error
                )
            ) from None
        print("\n" + _("Wrote {path}.").format(path=args.csv))
    return 1 if report.problems() or report.refused() else 0
