"""``upr-course data``: build the datasets, describe them, import newer recommendations."""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import UserError
from ..i18n import gettext as _
from ..paths import REPO_ROOT, datasets_dir


def register(subparsers) -> None:
    data = subparsers.add_parser("data", help=_("build, describe or extend the datasets"))
    data_commands = data.add_subparsers(dest="data_command", metavar=_("ACTION"))
    data_commands.required = True

    build = data_commands.add_parser("build", help=_("rebuild datasets/ from the raw sources (developers)"))
    build.add_argument("--shared", type=Path, default=REPO_ROOT.parent / "shared", help=_("the shared/ folder with data-sources/ (default: ../shared)"))
    build.add_argument("--out", type=Path, default=None, help=_("where to write (default: the course's datasets/ folder)"))
    build.set_defaults(handler=run_build)

    info = data_commands.add_parser("info", help=_("what the datasets hold"))
    info.add_argument("--json", action="store_true", help=_("print one JSON object"))
    info.set_defaults(handler=run_info)

    coverage = data_commands.add_parser(
        "coverage",
        help=_("a country's reviews: which the data holds, which are missing"),
        description=_(
            "List a country's reviews from the UPR calendar, say which of them the data holds "
            "(shipped or imported) and which have taken place but are missing."
        ),
    )
    coverage.add_argument("--country", required=True, help=_("the State under Review (name or ISO3 code)"))
    coverage.add_argument("--json", action="store_true", help=_("print one JSON object"))
    coverage.add_argument("--as-of", metavar="YYYY-MM-DD", help=_("as if today were this date (default: UPR_COURSE_AS_OF, else today)"))
    coverage.set_defaults(handler=run_coverage)

    imported = data_commands.add_parser("imported", help=_("list the recommendations you imported"))
    imported.add_argument("--json", action="store_true", help=_("print one JSON object"))
    imported.set_defaults(handler=run_imported)

    remove = data_commands.add_parser("remove", help=_("take one import out (its name from 'upr-course data imported')"))
    remove.add_argument("name", help=_("the import's name, as 'upr-course data imported' lists it"))
    remove.set_defaults(handler=run_remove)

    try:
        from .import_cmd import register_import
    except ImportError:  # the importer is optional for the other commands
        return
    register_import(data_commands)


def run_coverage(args) -> int:
    from ..coverage import coverage, describe

    as_of = None
    if args.as_of:
        from datetime import date

        try:
            as_of = date.fromisoformat(args.as_of.strip())
        except ValueError:
            raise UserError(_("--as-of '{text}' is not a date: write it as YYYY-MM-DD, for example 2026-12-01.").format(text=args.as_of)) from None
    result = coverage(args.country, as_of)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(describe(result))
    return 0


def run_imported(args) -> int:
    from ..user_data import imports_dir, list_imports

    entries = list_imports()
    if args.json:
        print(json.dumps({"folder": str(imports_dir()), "imports": entries}, indent=2, ensure_ascii=False))
        return 0
    if not entries:
        print(_("No imports yet (folder: {folder}). Bring your country's newest report in with 'upr-course data import FILE'.").format(
            folder=imports_dir()
        ))
        return 0
    print(_("Your imports (folder: {folder}):").format(folder=imports_dir()))
    for entry in entries:
        sessions = ", ".join(str(s) for s in entry.get("sessions", []))
        print("  " + _(
            "{name}: {countries}, session {sessions}, from {file}; {added} rows added, {completed} completed; imported {date}"
        ).format(
            name=entry["name"], countries=", ".join(entry.get("country", [])), sessions=sessions, file=entry.get("original_file"),
            added=f"{entry.get('added', 0):,}", completed=f"{entry.get('completed', 0):,}", date=entry.get("imported_at"),
        ))
    return 0


def run_remove(args) -> int:
    from .. import data
    from ..user_data import list_imports, remove_import

    removed = remove_import(args.name)
    if removed is None:
        names = ", ".join(entry["name"] for entry in list_imports()) or _("none")
        raise UserError(_("There is no import named '{name}'. Your imports: {names}. See 'upr-course data imported'.").format(name=args.name, names=names))
    data.clear_cache()
    print(_("Removed {name} ({file}); the course's own datasets are unchanged.").format(name=removed["name"], file=removed.get("original_file")))
    return 0


def run_build(args) -> int:
    from ..build.datasets import build_all

    sources = args.shared / "data-sources"
    if not sources.is_dir():
        raise UserError(_("The raw sources were not found in {folder}. Give the folder that holds data-sources/ with --shared.").format(folder=sources))
    out_dir = args.out or REPO_ROOT / "datasets"
    summary = build_all(args.shared, out_dir)
    print(_("Built {count} recommendations for {states} States into {folder}.").format(
        count=f"{summary['recommendations']:,}", states=summary["countries"], folder=out_dir
    ))
    return 0


def load_summary() -> dict:
    """The counts of the datasets in use (written by the build and by imports)."""
    from ..build.datasets import SUMMARY_FILE

    path = datasets_dir() / SUMMARY_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise UserError(
            _("The dataset summary {path} could not be read ({reason}). Rebuild it with 'upr-course data build'.").format(path=path, reason=error)
        ) from None


def run_info(args) -> int:
    summary = load_summary()
    if args.json:
        print(json.dumps(summary, indent=2))
        return 0
    sessions = summary["sessions"]
    print(_("Recommendations: {count} (one row per recommending State)").format(count=f"{summary['recommendations']:,}"))
    print(_("States under Review: {states}; recommending States: {recommending}").format(
        states=summary["countries"], recommending=summary["recommending_states"]
    ))
    print(_("Sessions: {first}-{last} ({count} sessions with recommendations)").format(first=sessions[0], last=sessions[-1], count=len(sessions)))
    print(_("By cycle: {cycles}").format(
        cycles=", ".join(_("cycle {cycle}: {count}").format(cycle=cycle, count=f"{count:,}") for cycle, count in summary["cycles"].items())
    ))
    responses = summary["responses"]
    if summary.get("pending_responses"):
        print(_(
            "Responses: Supported {supported}, Noted {noted}, pending {pending} (not answered yet, or the answer is not in the sources)"
        ).format(supported=f"{responses['Supported']:,}", noted=f"{responses['Noted']:,}", pending=f"{summary['pending_responses']:,}"))
    else:
        print(_("Responses: Supported {supported}, Noted {noted}").format(supported=f"{responses['Supported']:,}", noted=f"{responses['Noted']:,}"))
    recent = summary.get("cycles_3_4")
    if recent:
        print(_(
            "Cycles 3-4: {rows} rows, {reviews} reviews of {states} States; "
            "'upr-course data coverage --country NAME' shows which reviews of a country are in the data"
        ).format(rows=f"{recent['rows']:,}", reviews=recent["reviews"], states=recent["states_under_review"]))
    print(_("Sources: {sources}").format(sources="; ".join(f"{name} ({count:,})" for name, count in summary["sources"].items())))
    from ..issue_names import labelled_issues
    from ..summaries import issue_names

    # The names --issue takes (an error about a wrong issue name sends the reader here).
    print(_("UPR Info's issues (for --issue): {issues}").format(issues="; ".join(label for label, _name in labelled_issues(issue_names()))))
    print(_("Data folder: {folder}").format(folder=datasets_dir()))
    from ..user_data import imports_dir, list_imports

    entries = list_imports()
    if entries:
        print(_("Your imports: {count} (in {folder}; 'upr-course data imported' lists them)").format(count=len(entries), folder=imports_dir()))
    return 0
