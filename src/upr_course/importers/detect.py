"""Recognise which export layout a file is in, from its extension and its header.

Trainers will not know the name of the layout they downloaded, so ``--format auto`` (the
default) looks: a Word file must hold the OHCHR thematic-list table; a CSV or Excel file
is told apart by its column names. Anything else is refused with a message that names the
layouts the importer reads, rather than guessed.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import UserError
from ..i18n import N_
from ..i18n import gettext as _
from . import ohchr_thematic, uhri, upr_info, wg_report
from .tables import TABLE_EXTENSIONS, header_key, read_table

FORMATS = (wg_report.FORMAT, wg_report.ADDENDUM_FORMAT, uhri.FORMAT, ohchr_thematic.FORMAT, upr_info.FORMAT)
#: How the import report names each format.
FORMAT_LABELS = {
    wg_report.FORMAT: wg_report.LABEL,
    wg_report.ADDENDUM_FORMAT: wg_report.ADDENDUM_LABEL,
    uhri.FORMAT: uhri.LABEL,
    ohchr_thematic.FORMAT: ohchr_thematic.LABEL,
    upr_info.FORMAT: upr_info.LABEL,
}
#: Said after "The importer reads": translated where it is shown.
ACCEPTED = N_(
    "a UPR Working Group report or its recommendations section (.docx, .pdf or .txt), its addendum with the answers, "
    "an OHCHR thematic list of recommendations (.docx, or its CSV), "
    "an export of OHCHR's Universal Human Rights Index (UHRI, .xlsx or .csv), "
    "or a UPR Info database export (.csv)"
)


def detect_format(path: Path) -> str:
    """``"uhri"``, ``"ohchr-thematic"`` or ``"upr-info"``; a UserError naming the accepted formats otherwise."""
    if not path.is_file():
        raise UserError(_("The file {path} was not found.").format(path=path))
    suffix = path.suffix.lower()
    if suffix == ".docx":
        import zipfile

        import docx
        from docx.opc.exceptions import PackageNotFoundError

        try:
            document = docx.Document(str(path))
        except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError):
            raise UserError(_("{file} could not be opened as a Word document.").format(file=path.name)) from None
        if ohchr_thematic.recommendations_table(document) is not None:
            return ohchr_thematic.FORMAT
        return _report_or_addendum(path)
    if suffix == ".pdf":
        return _report_or_addendum(path)
    if suffix == ".txt":
        text = wg_report.file_text(path)
        if wg_report.looks_like_addendum(text):
            return wg_report.ADDENDUM_FORMAT
        if wg_report.looks_like_report(text):
            return wg_report.FORMAT
    if suffix in TABLE_EXTENSIONS:
        keys = {header_key(column) for column in read_table(path, nrows=1).columns}
        if upr_info.matches(keys):
            return upr_info.FORMAT
        if uhri.matches(keys):
            return uhri.FORMAT
        if ohchr_thematic.matches_csv(keys):
            return ohchr_thematic.FORMAT
        raise UserError(
            _("{file}: its columns are not a layout the importer knows. The importer reads {accepted}.").format(file=path.name, accepted=_(ACCEPTED))
        )
    raise UserError(
        _("{file}: files ending in '{extension}' cannot be imported. The importer reads {accepted}.").format(
            file=path.name, extension=path.suffix or _("(no extension)"), accepted=_(ACCEPTED)
        )
    )


def _report_or_addendum(path: Path) -> str:
    text = wg_report.file_text(path)
    if wg_report.looks_like_addendum(text):
        return wg_report.ADDENDUM_FORMAT
    if wg_report.looks_like_report(text):
        return wg_report.FORMAT
    raise UserError(
        _(
            "{file} holds neither numbered recommendations ('6.12 Ratify ... (State);') nor a recommendations table. "
            "The importer reads {accepted}."
        ).format(file=path.name, accepted=_(ACCEPTED))
    )
