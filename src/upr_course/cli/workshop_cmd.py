"""``upr-course workshop report``: what a trainer needs after ``nbgrader autograde``."""

from __future__ import annotations


def register(subparsers) -> None:
    workshop = subparsers.add_parser("workshop", help="trainer tools for a workshop graded with nbgrader")
    actions = workshop.add_subparsers(dest="workshop_command", metavar="ACTION")
    actions.required = True
    report = actions.add_parser("report", help="per participant: score per criterion, what failed, what needs manual grading")
    report.set_defaults(handler=lambda args: 0)
