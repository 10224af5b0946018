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

    try:
        from .import_cmd import register_import
    except ImportError:  # the importer is optional for the other commands
        return
    register_import(data_commands)


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
    print(f"Responses: Supported {responses['Supported']:,}, Noted {responses['Noted']:,}" + (f", pending {summary['pending_responses']:,}" if summary.get("pending_responses") else ""))
    print("Sources: " + "; ".join(f"{name} ({count:,})" for name, count in summary["sources"].items()))
    print(f"Data folder: {datasets_dir()}")
    return 0
