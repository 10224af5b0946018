"""Read an OHCHR "Thematic list of recommendations": the original .docx or its parsed CSV.

OHCHR publishes, per State and cycle, a Word document generated from the Universal Human
Rights Index: one table, "Theme: ..." header rows, and per recommendation the cell
"121.2 <text> (Ukraine); <text> (Slovakia);" + "Source of position: A/HRC/43/15/Add.1 -
Para. 3", the position, and the themes (followed by SDGs and affected persons). This is
what human rights defenders are handed, so it is imported as it is, from the document.
The course's sources folder also holds CSVs parsed from such documents (Slovenia cycles
2-4, China cycle 3); they have the same cells in named columns and are read the same way.

Decisions, and why:

* Session and State come from the document header ("UPR of Slovenia (3rd Cycle - 34th
  Session)"), else from the file name ("UPR34_..."); ``--session`` and ``--country`` fill
  them in when the document does not say, and a contradiction is an error.
* Cells that bundle several recommendations under one paragraph number ("121.2 ...
  (Ukraine); Increase efforts ... (Slovakia);") are split: each recommending State gets
  its own words and the shared paragraph number. UPR Info records them the same way (one
  row per State with its own text), which is what lets the import recognise rows the
  dataset already has. A text with several States ("(Portugal, Slovakia)", "(France)
  (Lithuania)") gives one row per State with the same text, tied by ``joint_group``.
* States come from the attribution brackets of the text, not from the CSV's
  ``recommending_states_parsed`` column (a heuristic made for a different purpose), so the
  document and its CSV give the same rows.
* ``document_symbol`` is the Working Group report that holds the paragraph: the "Source of
  position" symbol without its "/Add.1" (the addendum only carries the State's answer).
* ``themes`` keeps the list's own theme labels; SDG labels and affected persons are left
  out (the table has no column for them).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ..build.recommendations import repair_text
from ..errors import UserError
from ..i18n import N_
from ..i18n import gettext as _
from ..i18n import ngettext
from .common import ImportContext, ImportedFile, SourceRecord, records_to_rows
from .tables import keyed_columns, read_table

FORMAT = "ohchr-thematic"
LABEL = N_("OHCHR thematic list")  # the data's "source" column keeps the English; the import report translates it

_TITLE = re.compile(
    r"UPR of (?P<country>.+?)\s*\(\s*(?P<cycle>\d+)\s*\w*\s+Cycle\s*[-\u2013\u2014]\s*(?P<session>\d+)\s*\w*\s+session\s*\)",
    re.IGNORECASE,
)
_FILE_SESSION = re.compile(r"(?:^|[^a-z])upr[\s_-]*(\d{1,2})(?!\d)", re.IGNORECASE)
_SOURCE_OF_POSITION = re.compile(r"^\s*Source of position\s*:\s*(?P<reference>.*)$", re.IGNORECASE)
_SYMBOL = re.compile(r"A/HRC/[\w./-]*\w")
_ADDENDUM = re.compile(r"/Add\.\d+$", re.IGNORECASE)
_THEME_ROW = re.compile(r"^\s*Theme\s*:", re.IGNORECASE)
_THEMES_END = re.compile(r"^(?:Affected persons|Groups of persons|SDGs?)\s*:", re.IGNORECASE)
_SDG_LABEL = re.compile(r"^S\d*\s")
#: The parsed-CSV layout of the course's sources (header keys).
CSV_REQUIRED = ("state_under_review", "session", "recommendation", "position")


def matches_csv(keys: set[str]) -> bool:
    """True when a table header is the parsed thematic-list layout."""
    return all(key in keys for key in CSV_REQUIRED)


def report_symbol(reference: str) -> str | None:
    """"A/HRC/28/15/Add.1 - Para. 3" -> "A/HRC/28/15" (the report that holds the paragraph)."""
    match = _SYMBOL.search(reference or "")
    return _ADDENDUM.sub("", match.group(0)) if match else None


def split_theme_cell(value: str) -> list[str]:
    """The theme labels of a "Full list of themes" cell, without SDGs and affected persons."""
    themes = []
    for line in value.replace("|", "\n").split("\n"):
        line = line.strip()
        if not line:
            continue
        if _THEMES_END.match(line):
            break
        label = repair_text(line.lstrip("-\u2013 "))
        if label and not _SDG_LABEL.match(label):
            themes.append(label)
    return themes


def _checked_session(found: int | None, context: ImportContext, where: str) -> int | None:
    if found is not None and context.session is not None and found != context.session:
        raise UserError(_("the {where} gives session {found}, not {given} as --session says").format(where=where, found=found, given=context.session))
    return found if found is not None else context.session


# --- the original Word document ------------------------------------------------------


def _document_title(document) -> str:
    texts = []
    for section in document.sections:
        for part in (section.header, section.first_page_header):
            texts.extend(paragraph.text for paragraph in part.paragraphs)
    texts.extend(paragraph.text for paragraph in document.paragraphs[:20])
    texts.append(document.core_properties.title or "")
    return "\n".join(texts)


def recommendations_table(document):
    """The first table whose header starts with "Recommendation", or None."""
    for table in document.tables:
        if table.rows and table.rows[0].cells and table.rows[0].cells[0].text.strip().lower().startswith("recommendation"):
            return table
    return None


def _column(header: list[str], word: str) -> int | None:
    for index, name in enumerate(header):
        if word in name.lower():
            return index
    return None


def read_docx(path: Path, context: ImportContext) -> ImportedFile:
    """The recommendations of an OHCHR thematic list in its original Word layout."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise UserError(_("{file} could not be opened as a Word document ({error})").format(file=path.name, error=error)) from None
    table = recommendations_table(document)
    if table is None:
        raise UserError(_("{file} has no table that starts with a 'Recommendation' column").format(file=path.name))
    title = _TITLE.search(_document_title(document))
    file_session = _FILE_SESSION.search(path.stem)
    found = int(title["session"]) if title else (int(file_session.group(1)) if file_session else None)
    session = _checked_session(found, context, _("document"))
    if session is None:
        raise UserError(_("{file} does not say which Working Group session it is from; give it with --session").format(file=path.name))
    country = title["country"].strip() if title else ""

    header = [cell.text.strip() for cell in table.rows[0].cells]
    position_column = _column(header, "position")
    themes_column = _column(header, "theme")
    if position_column is None:
        raise UserError(_("{file}: the table has no 'Position' column").format(file=path.name))
    records = []
    for number, row in enumerate(table.rows[1:], start=2):
        cells = [cell.text for cell in row.cells]
        if not cells[0].strip() or _THEME_ROW.match(cells[0]):
            continue
        lines = cells[0].split("\n")
        text_lines, reference = [], ""
        for line in lines:
            source = _SOURCE_OF_POSITION.match(line)
            if source:
                reference = source["reference"]
            elif not reference:
                text_lines.append(line)
        records.append(
            SourceRecord(
                sur=country,
                text=repair_text(" ".join(text_lines)),
                position=cells[position_column].strip(),
                source_ref=f"{path.name}: table row {number}",
                session=session,
                themes=split_theme_cell(cells[themes_column]) if themes_column is not None else [],
                document_symbol=report_symbol(reference),
            )
        )
    if not records:
        raise UserError(_("{file}: the recommendations table is empty").format(file=path.name))
    rows, unknown, notes = records_to_rows(records, context, f"{LABEL}: {path.name}")
    _label_refs(rows)
    return ImportedFile(path, FORMAT, rows, len(records), unknown, notes)


def _label_refs(rows) -> None:
    """Add the paragraph to each row's source reference: people look recommendations up by it."""
    has_paragraph = rows["paragraph"].notna()
    rows.loc[has_paragraph, "source_ref"] = rows.loc[has_paragraph, "source_ref"] + ", para. " + rows.loc[has_paragraph, "paragraph"]


# --- the parsed CSV (or XLSX) layout -----------------------------------------------------


def read_csv(path: Path, context: ImportContext) -> ImportedFile:
    """The parsed-CSV layout of thematic lists (Slovenia cycles 2-4, China cycle 3)."""
    table = read_table(path)
    keyed = keyed_columns(table)
    missing = [key for key in CSV_REQUIRED if key not in keyed]
    if missing:
        raise UserError(_("{file} lacks the thematic-list column(s) {columns}").format(file=path.name, columns=", ".join(missing)))

    def column(key: str) -> str | None:
        return keyed.get(key)

    records, other_sessions = [], 0
    for number, row in enumerate(table.to_dict("records"), start=2):
        text = repair_text(row[column("recommendation")])
        if not text:
            continue
        stated = row[column("session")].strip()
        if stated and context.session is not None and int(stated) != context.session:
            other_sessions += 1  # a file with several sessions: --session picks one
            continue
        session = int(stated) if stated else context.session
        reference = row[column("source_of_position")] if column("source_of_position") else ""
        symbol = report_symbol(reference) or (report_symbol(row[column("document_symbol")]) if column("document_symbol") else None)
        records.append(
            SourceRecord(
                sur=row[column("state_under_review")].strip(),
                text=text,
                position=row[column("position")].strip(),
                source_ref=f"{path.name}:{number}",
                session=session,
                paragraph=(row[column("paragraph")].strip() or None) if column("paragraph") else None,
                themes=split_theme_cell(row[column("themes")]) if column("themes") else [],
                document_symbol=symbol,
            )
        )
    if not records:
        if context.session:
            raise UserError(_("{file} holds no recommendations of session {session}").format(file=path.name, session=context.session))
        raise UserError(_("{file} holds no recommendations").format(file=path.name))
    rows, unknown, notes = records_to_rows(records, context, f"{LABEL}: {path.name}")
    if other_sessions:
        notes.insert(
            0,
            ngettext(
                "{count} row of another session than --session was left out", "{count} rows of other sessions than --session were left out", other_sessions
            ).format(count=other_sessions),
        )
    _label_refs(rows)
    return ImportedFile(path, FORMAT, rows, len(records), unknown, notes)
