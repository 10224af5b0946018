"""``upr-course grade`` and ``upr-course export``: grade plan files; print a plan for a meeting."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from ..errors import UserError
from ..safe_text import printable, spreadsheet_row
from ..i18n import gettext as _
from ..i18n import ngettext
from ..grading_io import grade_files, parse_as_of, read_plan_file
from ..rubric import WEIGHTS

#: Show a progress bar on stderr from this many plans on.
PROGRESS_FROM = 20


def register(subparsers) -> None:
    grade = subparsers.add_parser("grade", help=_("grade action plans (YAML files)"))
    grade.add_argument("plans", nargs="+", type=Path, metavar="PLAN", help=_("plan files to grade"))
    grade.add_argument("--json", action="store_true", help=_("print JSON: one object for one plan, a list for several"))
    grade.add_argument("--csv", type=Path, metavar="FILE", help=_("also write a gradebook: one row per plan, a column per criterion"))
    grade.add_argument("--as-of", metavar="YYYY-MM-DD", help=_("grade as if today were this date (default: today)"))
    grade.set_defaults(handler=run_grade)

    export = subparsers.add_parser("export", help=_("a printable plan for a coalition meeting"))
    export.add_argument("plan", type=Path, metavar="PLAN", help=_("the plan file"))
    export.add_argument("--to", choices=("html", "md", "docx"), required=True, help=_("the document format"))
    export.add_argument("--out", type=Path, metavar="FILE", help=_("where to write (default: next to the plan)"))
    export.set_defaults(handler=run_export)


def run_grade(args) -> int:
    from ..render.report import to_text

    as_of = parse_as_of(args.as_of)
    results = grade_files(args.plans, as_of, progress=len(args.plans) >= PROGRESS_FROM)
    if args.csv:
        write_gradebook(results, args.csv)
    if args.json:
        payload = [r.to_dict() for r in results]
        print(json.dumps(payload[0] if len(payload) == 1 else payload, indent=2, ensure_ascii=False))
    else:
        print(printable("\n\n".join(to_text(r) for r in results)))  # a file name may hold terminal codes
    failed = [r.plan for r in results if not r.graded]
    if failed:
        message = ngettext(
            "{failed} of {total} plans could not be read and was not graded: {plans}.",
            "{failed} of {total} plans could not be read and were not graded: {plans}.",
            len(failed),
        ).format(failed=len(failed), total=len(results), plans=", ".join(failed))
        print(f"upr-course: {printable(message)}", file=sys.stderr)
        return 2
    return 0


def write_gradebook(results, path: Path) -> None:
    """One row per plan: total, band, each criterion's score, and why a plan was not graded."""
    fields = ["plan", "graded", "total", "max", "band", *WEIGHTS, "review_needed", "review_reasons", "errors"]
    try:
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields)
            writer.writeheader()
            for result in results:
                row = {"plan": result.plan, "graded": result.graded, "total": result.total, "max": result.max, "band": result.band}
                row.update({c.id: c.score if c.applicable else "n/a" for c in result.criteria})
                row["review_needed"] = result.review.needed if result.graded else ""
                row["review_reasons"] = " | ".join(result.review.reasons)
                row["errors"] = " | ".join(e["message"] for e in result.errors)
                writer.writerow(spreadsheet_row(row))  # a file name may start like a formula
    except OSError as error:
        raise UserError(
            _("The gradebook {path} could not be written ({reason}). Check the folder exists and you may write there.").format(
                path=path, reason=error.strerror or error
            )
        ) from None


def run_export(args) -> int:
    from ..plan import PlanError, parse_plan
    from ..render import plan_export
    from ..rubric import default_context

    text, problem = read_plan_file(args.plan)
    if problem:
        raise UserError(problem)
    try:
        plan = parse_plan(text)
    except PlanError as error:
        raise UserError(_("{plan} cannot be exported until it can be read:").format(plan=args.plan) + f"\n{error}") from None
    context = default_context()

    def describe(rec_id: str) -> str | None:
        from ..data import local_state_names

        facts = context.recommendation(rec_id)
        if not facts:
            return None
        response = facts.response or _("no response yet")
        return _("{text} ({response}; made to {country})").format(text=facts.text, response=response, country=local_state_names(facts.sur))

    blocks = plan_export.outline(plan, describe)
    suffix = {"html": ".html", "md": ".md", "docx": ".docx"}[args.to]
    out = args.out or args.plan.with_suffix(suffix)
    try:
        if args.to == "docx":
            plan_export.write_docx(blocks, out)
        elif args.to == "html":
            out.write_text(plan_export.to_html(blocks), encoding="utf-8")
        else:
            out.write_text(plan_export.to_markdown(blocks), encoding="utf-8")
    except OSError as error:
        raise UserError(_("{path} could not be written ({reason}).").format(path=out, reason=error.strerror or error)) from None
    print(_("Wrote {path}").format(path=out))
    return 0
