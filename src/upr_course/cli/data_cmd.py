"""``upr-course data``: build the datasets, describe them, import newer recommendations."""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import UserError
from ..paths import REPO_ROOT, datasets_dir


def register(subparsers) -> None:
    data = subparsers.add_parser("data", help="build, describe or extend the datasets")
    data_commands = data.add_subparsers(dest="data_command", metavar="ACTION")
    data_commands.required = True

    build = data_commands.add_parser("build", help="rebuild datasets/ from the raw sources (developers)")
    build.add_argument("--shared", type=Path, default=REPO_ROOT.parent / "shared", help="the shared/ folder with data-sources/ (default: ../shared)")
    build.add_argument("--out", type=Path, default=None, help="where to write (default: the course's datasets/ folder)")
    build.set_defaults(handler=run_build)

    info = data_commands.add_parser("info", help="what the datasets hold")
    info.add_argument("--json", action="store_true", help="print one JSON object")
    info.set_defaults(handler=run_info)

    coverage = data_commands.add_parser(
        "coverage",
        help="a country's reviews: which the data holds, which are missing",
        description="List a country's reviews from the UPR calendar, say which of them the data holds "
        "(shipped or imported) and which have taken place but are missing.",
    )
    coverage.add_argument("--country", required=True, help="the State under Review (name or ISO3 code)")
    coverage.add_argument("--json", action="store_true", help="print one JSON object")
    coverage.add_argument("--as-of", metavar="YYYY-MM-DD", help="as if today were this date (default: UPR_COURSE_AS_OF, else today)")
    coverage.set_defaults(handler=run_coverage)

    imported = data_commands.add_parser("imported", help="list the recommendations you imported")
    imported.add_argument("--json", action="store_true", help="print one JSON object")
    imported.set_defaults(handler=run_imported)

    remove = data_commands.add_parser("remove", help="take one import out (its name from 'upr-course data imported')")
    remove.add_argument("name", help="the import's name, as 'upr-course data imported' lists it")
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
            raise UserError(f"--as-of '{args.as_of}' is not a date: write it as YYYY-MM-DD, for example 2026-12-01.") from None
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
        print(f"No imports yet (folder: {imports_dir()}). Bring your country's newest report in with 'upr-course data import FILE'.")
        return 0
    print(f"Your imports (folder: {imports_dir()}):")
    for entry in entries:
        sessions = ", ".join(str(s) for s in entry.get("sessions", []))
        print(f"  {entry['name']}: {', '.join(entry.get('country', []))}, session {sessions}, from {entry.get('original_file')}; "
              f"{entry.get('added', 0):,} rows added, {entry.get('completed', 0):,} completed; imported {entry.get('imported_at')}")
    return 0


def run_remove(args) -> int:
    from .. import data
    from ..user_data import list_imports, remove_import

    removed = remove_import(args.name)
    if removed is None:
        names = ", ".join(entry["name"] for entry in list_imports()) or "none"
        raise UserError(f"There is no import named '{args.name}'. Your imports: {names}. See 'upr-course data imported'.")
    data.clear_cache()
    print(f"Removed {removed['name']} ({removed.get('original_file')}); the course's own datasets are unchanged.")
    return 0


def run_build(args) -> int:
    from ..build.datasets import build_all

    sources = args.shared / "data-sources"
    if not sources.is_dir():
        raise UserError(f"The raw sources were not found in {sources}. Give the folder that holds data-sources/ with --shared.")
    out_dir = args.out or REPO_ROOT / "datasets"
    summary = build_all(args.shared, out_dir)
    print(f"Built {summary['recommendations']:,} recommendations for {summary['countries']} States into {out_dir}.")
    return 0


def load_summary() -> dict:
    """The counts of the datasets in use (written by the build and by imports)."""
    from ..build.datasets import SUMMARY_FILE

    path = datasets_dir() / SUMMARY_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise UserError(f"The dataset summary {path} could not be read ({error}). Rebuild it with 'upr-course data build'.") from None


def run_info(args) -> int:
    summary = load_summary()
    if args.json:
        print(json.dumps(summary, indent=2))
        return 0
    sessions = summary["sessions"]
    print(f"Recommendations: {summary['recommendations']:,} (one row per recommending State)")
    print(f"States under Review: {summary['countries']}; recommending States: {summary['recommending_states']}")
    print(f"Sessions: {sessions[0]}-{sessions[-1]} ({len(sessions)} sessions with recommendations)")
    print("By cycle: " + ", ".join(f"cycle {cycle}: {count:,}" for cycle, count in summary["cycles"].items()))
    responses = summary["responses"]
    print(
        f"Responses: Supported {responses['Supported']:,}, Noted {responses['Noted']:,}"
        + (
            f", pending {summary['pending_responses']:,} (not answered yet, or the answer is not in the sources)"
            if summary.get("pending_responses")
            else ""
        )
    )
    recent = summary.get("cycles_3_4")
    if recent:
        print(f"Cycles 3-4: {recent['rows']:,} rows, {recent['reviews']} reviews of {recent['states_under_review']} States; "
              "'upr-course data coverage --country NAME' shows which reviews of a country are in the data")
    print("Sources: " + "; ".join(f"{name} ({count:,})" for name, count in summary["sources"].items()))
    print(f"Data folder: {datasets_dir()}")
    from ..user_data import imports_dir, list_imports

    entries = list_imports()
    if entries:
        print(f"Your imports: {len(entries)} (in {imports_dir()}; 'upr-course data imported' lists them)")
    return 0
