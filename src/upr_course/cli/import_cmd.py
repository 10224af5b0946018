"""``upr-course data import FILE...``: add newer recommendations to the datasets in use.

Writes into the datasets folder the course reads (``paths.datasets_dir()``, so
``UPR_COURSE_DATA`` points it at a copy), then refreshes ``summary.json`` and forgets
cached data. Each file is read and merged on its own: a broken or missing file is
reported in one plain sentence and the other files are still imported; the command then
exits with 2 so that a script notices. ``--dry-run`` reads and compares everything but
writes nothing, to see first what an import would do.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..errors import UnknownCountryError, UserError

EXIT_OK = 0
EXIT_USER_ERROR = 2


def register_import(data_subparsers) -> None:
    """Add ``import`` under ``upr-course data``."""
    from ..importers import FORMATS

    command = data_subparsers.add_parser(
        "import",
        help="add recommendations from OHCHR thematic lists, UHRI or UPR Info exports",
        description="Add recommendations from OHCHR thematic lists (.docx), UHRI exports (.xlsx/.csv) "
        "or UPR Info exports (.csv) to the datasets in use. Rows the datasets already have are not added again.",
    )
    command.add_argument("files", nargs="+", type=Path, metavar="FILE", help="the files to import")
    command.add_argument("--format", choices=("auto", *FORMATS), default="auto", help="the files' layout (default: recognise it)")
    command.add_argument("--country", help="the State under Review, when a file does not say (or to import only this State)")
    command.add_argument("--session", type=int, help="the UPR Working Group session, when a file does not say (or to import only this session)")
    command.add_argument("--dry-run", action="store_true", help="show what would be added, write nothing")
    command.add_argument("--json", action="store_true", help="print the report as one JSON object")
    command.set_defaults(handler=run_import)


def _country_iso3(name: str | None, resolver) -> str | None:
    if not name:
        return None
    iso3 = resolver.resolve(name)
    if iso3 is None:
        raise UnknownCountryError(name, resolver.suggest(name))
    return iso3


def _calendar(out_dir: Path):
    """The reviews calendar of the datasets in use, or None when there is none."""
    from .. import data

    if not (out_dir / data.REVIEWS_FILE).is_file():
        return None
    return data.reviews()


def import_files(files: list[Path], format: str = "auto", country: str | None = None, session: int | None = None, dry_run: bool = False) -> dict:
    """Import ``files`` into the datasets in use; returns the report (see ``run_import``)."""
    import pandas as pd

    from .. import data
    from ..build.countries import CountryResolver
    from ..build.datasets import SUMMARY_FILE, read_published, summarise, write_recommendations
    from ..importers import ImportContext, read_file
    from ..importers.merge import merge_recommendations
    from ..paths import datasets_dir

    out_dir = datasets_dir()
    resolver = CountryResolver()
    if session is not None and session < 1:
        raise UserError(f"--session must be a Working Group session number from 1, not {session}")
    reviews = _calendar(out_dir)
    context = ImportContext(resolver=resolver, reviews=reviews, country=_country_iso3(country, resolver), session=session)
    table = read_published(out_dir)
    reports, changed = [], False
    for path in files:
        report = {"file": str(path), "format": None, "error": None}
        try:
            imported = read_file(path, context, format)
        except UserError as error:
            report["error"] = str(error)
            reports.append(report)
            continue
        result = merge_recommendations(table, imported.rows)
        table, changed = result.table, changed or result.changed
        rows = imported.rows
        report.update(
            format=imported.format,
            states_under_review=sorted(rows["sur"].dropna().unique().tolist()),
            sessions=sorted(int(s) for s in rows["session"].dropna().unique()),
            recommendations_read=imported.records_read,
            rows=len(rows),
            added=result.added,
            already_present=result.already_present,
            completed=result.completed,
            rows_with_unknown_state=imported.rows_with_unknown_state,
            unknown_states=imported.unknown_states,
            notes=imported.notes,
        )
        reports.append(report)
    written = bool(changed and not dry_run and table is not None)
    if written:
        write_recommendations(table, out_dir)
        calendar = reviews if reviews is not None else pd.DataFrame({"session": []})
        summary = summarise(table, calendar)
        (out_dir / SUMMARY_FILE).write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
        data.clear_cache()
    return {
        "data_folder": str(out_dir),
        "dry_run": dry_run,
        "written": written,
        "recommendations": int(len(table)) if table is not None else 0,
        "files": reports,
    }


def _describe(report: dict) -> str:
    from ..importers import FORMAT_LABELS

    name = Path(report["file"]).name
    states = ", ".join(report["states_under_review"]) or "?"
    sessions = ", ".join(str(s) for s in report["sessions"]) or "?"
    lines = [
        f"{name} ({FORMAT_LABELS.get(report['format'], report['format'])}; {states}, session {sessions}): {report['recommendations_read']:,} recommendations read, "
        f"{report['rows']:,} rows (one per recommending State).",
        f"  added {report['added']:,}, already present {report['already_present']:,}"
        + (f" ({report['completed']:,} of them completed with symbol, paragraph, themes or response)" if report["completed"] else "")
        + ".",
    ]
    if report["rows_with_unknown_state"]:
        lines.append(
            f"  {report['rows_with_unknown_state']:,} rows with an unknown recommending State (kept as '(Unknown)'): "
            + "; ".join(report["unknown_states"])
        )
    lines.extend(f"  note: {note}" for note in report["notes"])
    return "\n".join(lines)


def run_import(args) -> int:
    """Import, print the report, and exit 2 when any file could not be imported."""
    report = import_files(args.files, args.format, args.country, args.session, args.dry_run)
    failed = [entry for entry in report["files"] if entry["error"]]
    for entry in failed:
        print(f"upr-course: {entry['error']}", file=sys.stderr)
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        for entry in report["files"]:
            if not entry["error"]:
                print(_describe(entry))
        if report["dry_run"]:
            print("Dry run: nothing was written.")
        elif report["written"]:
            print(f"Datasets updated in {report['data_folder']}: {report['recommendations']:,} recommendations in all.")
        else:
            print(f"Nothing new: the datasets in {report['data_folder']} were not changed.")
    return EXIT_USER_ERROR if failed else EXIT_OK
