"""``upr-course data import FILE...``: bring a country's newer recommendations in.

Writes into the participant's own folder (``UPR_COURSE_HOME``, see ``user_data``), never
into the shipped ``datasets/``; every tool reads the imports through ``data.recommendations()``.
Each file is read and merged on its own: a broken or missing file is
reported in one plain sentence and the other files are still imported; the command then
exits with 2 so that a script notices. ``--dry-run`` reads and compares everything but
writes nothing, to see first what an import would do.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..errors import UnknownCountryError, UserError
from ..i18n import gettext as _

EXIT_OK = 0
EXIT_USER_ERROR = 2
ADDENDUM_FORMAT = "wg-addendum"


def register_import(data_subparsers) -> None:
    """Add ``import`` under ``upr-course data``."""
    from ..importers import FORMATS

    command = data_subparsers.add_parser(
        "import",
        help=_("bring in a country's newer recommendations (Working Group report, addendum, thematic list, UHRI or UPR Info export)"),
        description=_(
            "Bring in recommendations from a Working Group report (.docx, .pdf or .txt: its recommendations "
            "section or the whole report), its addendum with the State's answers, an OHCHR thematic list (.docx), "
            "a UHRI export (.xlsx/.csv) or a UPR Info export (.csv). They are kept in your own folder "
            "(UPR_COURSE_HOME), never in the course's datasets/, and every tool uses them. Rows the data already has "
            "are not added again."
        ),
    )
    command.add_argument("files", nargs="+", type=Path, metavar="FILE", help=_("the files to import"))
    command.add_argument("--format", choices=("auto", *FORMATS), default="auto", help=_("the files' layout (default: recognise it)"))
    command.add_argument("--country", help=_("the State under Review, when a file does not say (or to import only this State)"))
    command.add_argument(
        "--session", type=int, help=_("the UPR Working Group session, when a file does not say (or to import only this session)")
    )
    command.add_argument("--dry-run", action="store_true", help=_("show what would be added, write nothing"))
    command.add_argument("--json", action="store_true", help=_("print the report as one JSON object"))
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
    """Import ``files`` into the participant's folder (``UPR_COURSE_HOME``); returns the report.

    The shipped ``datasets/`` are never changed. Each file becomes one import: the rows the
    data did not have (with new, stable ids) and the answers, symbols or paragraphs it
    filled in on rows the data has (an addendum turns ``Pending`` into ``Supported`` or
    ``Noted``). A file that cannot be read writes nothing.
    """
    import pandas as pd

    from .. import data, user_data
    from ..build.countries import CountryResolver
    from ..importers import ImportContext, read_file
    from ..importers.merge import merge_recommendations
    from ..schema import conform_recommendations

    resolver = CountryResolver()
    if session is not None and session < 1:
        raise UserError(_("--session must be a Working Group session number from 1, not {session}").format(session=session))
    reviews = _calendar(data.datasets_dir())
    context = ImportContext(resolver=resolver, reviews=reviews, country=_country_iso3(country, resolver), session=session)
    table = conform_recommendations(data.recommendations())
    reports, written = [], False
    for path in files:
        report = {"file": str(path), "format": None, "error": None}
        try:
            imported = read_file(path, context, format, recommendations=table)
        except UserError as error:
            report["error"] = str(error)
            reports.append(report)
            continue
        if imported.format == ADDENDUM_FORMAT:
            table = _import_addendum(imported, table, report, dry_run)
            written = written or bool(report.get("name"))
            reports.append(report)
            continue
        result = merge_recommendations(table, imported.rows)
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
            name=None,
        )
        if result.changed and not dry_run:
            merged = result.table.set_index("id", drop=False)
            added = merged.loc[result.added_ids].assign(action="add")
            updated = merged.loc[result.completed_ids].assign(action="update")
            stored = pd.concat([added, updated], ignore_index=True)
            iso3 = str(rows["sur_iso3"].iloc[0]) if len(rows) else "unknown"  # the name of an import with no country
            name = user_data.import_name(iso3, report["sessions"], Path(path).name)
            user_data.save_import(
                name,
                stored,
                {
                    "original_file": Path(path).name,
                    "format": imported.format,
                    "country": report["states_under_review"],
                    "sessions": report["sessions"],
                    "added": result.added,
                    "completed": result.completed,
                },
            )
            report["name"] = name
            written = True
        table = result.table
        reports.append(report)
    if written:
        data.clear_cache()
    return {
        "data_folder": str(user_data.imports_dir()),
        "dry_run": dry_run,
        "written": written,
        "recommendations": int(len(table)),
        "files": reports,
    }


def _import_addendum(imported, table, report: dict, dry_run: bool):
    """Store an addendum's answers as updates of the rows they answer; returns the updated table."""
    from .. import user_data

    rows = imported.rows
    report.update(
        format=imported.format,
        states_under_review=sorted(rows["sur"].astype(str).unique().tolist()),
        sessions=sorted(int(s) for s in rows["session"].dropna().unique()),
        recommendations_read=int(rows["joint_group"].nunique()) if len(rows) else 0,
        rows=len(rows),
        added=0,
        already_present=len(rows),
        completed=len(rows),
        rows_with_unknown_state=0,
        unknown_states=[],
        notes=imported.notes,
        name=None,
    )
    if len(rows) and not dry_run:
        iso3 = str(rows["sur_iso3"].iloc[0])
        name = user_data.import_name(iso3, report["sessions"], Path(report["file"]).name)
        user_data.save_import(
            name,
            rows.assign(action="update"),
            {"original_file": Path(report["file"]).name, "format": imported.format, "country": report["states_under_review"],
             "sessions": report["sessions"], "added": 0, "completed": len(rows)},
        )
        report["name"] = name
    if len(rows):
        table = table.copy()
        answers = dict(zip(rows["id"].astype(str), rows["response"].astype(str)))
        mask = table["id"].isin(list(answers))
        table.loc[mask, "response"] = table.loc[mask, "id"].map(answers)
    return table


def _describe(report: dict) -> str:
    from ..importers import FORMAT_LABELS

    name = Path(report["file"]).name
    states = ", ".join(report["states_under_review"]) or "?"
    sessions = ", ".join(str(s) for s in report["sessions"]) or "?"
    lines = [
        _("{file} ({format}; {states}, session {sessions}): {read} recommendations read, {rows} rows (one per recommending State).").format(
            file=name, format=_(FORMAT_LABELS.get(report["format"], report["format"])), states=states, sessions=sessions,
            read=f"{report['recommendations_read']:,}", rows=f"{report['rows']:,}",
        ),
        "  " + (
            _("added {added}, already present {present} ({completed} of them completed with symbol, paragraph, themes or response).")
            if report["completed"]
            else _("added {added}, already present {present}.")
        ).format(added=f"{report['added']:,}", present=f"{report['already_present']:,}", completed=f"{report['completed']:,}"),
    ]
    if report["rows_with_unknown_state"]:
        lines.append("  " + _("{count} rows with an unknown recommending State (kept as '(Unknown)'): {states}").format(
            count=f"{report['rows_with_unknown_state']:,}", states="; ".join(report["unknown_states"])
        ))
    lines.extend("  " + _("note: {note}").format(note=note) for note in report["notes"])
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
            print(_("Dry run: nothing was written."))
        elif report["written"]:
            names = ", ".join(entry["name"] for entry in report["files"] if entry.get("name"))
            print(_(
                "Imported as {names}, kept in {folder}: every tool of the course now uses it ({count} recommendations in all). "
                "'upr-course data imported' lists imports; 'upr-course data remove NAME' takes one out."
            ).format(names=names, folder=report["data_folder"], count=f"{report['recommendations']:,}"))
        else:
            print(_("Nothing new: the data already holds everything in the file(s); nothing was written."))
    return EXIT_USER_ERROR if failed else EXIT_OK
