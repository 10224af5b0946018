"""Bring newer UPR recommendations into the course's datasets (``upr-course data import``).

The shipped dataset is UPR Info's export of sessions 1-27; trainers need their country's
third- and fourth-cycle recommendations, which reach them as OHCHR documents or exports.
One module per job:

* ``detect``: which layout a file is in;
* ``uhri``, ``ohchr_thematic``, ``upr_info``: read one layout each into source records;
* ``attributions``, ``responses``, ``common``: split texts per recommending State, map
  responses, and build rows of the recommendations table, the same way for every layout;
* ``merge``: add the rows the dataset does not have yet, with stable ids, never twice.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import UserError
from ..i18n import gettext as _
from . import ohchr_thematic, uhri, upr_info, wg_report
from .common import ImportContext, ImportedFile
from .detect import FORMAT_LABELS, FORMATS, detect_format

__all__ = ["FORMAT_LABELS", "FORMATS", "ImportContext", "ImportedFile", "detect_format", "read_file"]


def read_file(path: Path, context: ImportContext, format: str = "auto", recommendations=None) -> ImportedFile:
    """Read one file in ``format`` (or the detected one); every error names the file.

    An addendum (``wg-addendum``) answers rows the data holds: give them as
    ``recommendations``; its ``rows`` are those rows with their new answers.
    """
    path = Path(path)
    try:
        if not path.is_file():
            raise UserError(_("The file {path} was not found.").format(path=path))
        chosen = detect_format(path) if format == "auto" else format
        if chosen == wg_report.FORMAT:
            return wg_report.read(path, context)
        if chosen == wg_report.ADDENDUM_FORMAT:
            if recommendations is None:
                raise UserError(_("an addendum answers recommendations already in the data; import it with 'upr-course data import'"))
            rows, notes = wg_report.read_addendum(path, context, recommendations)
            return ImportedFile(path, chosen, rows, len(rows), [], notes)
        if chosen == uhri.FORMAT:
            return uhri.read(path, context)
        if chosen == upr_info.FORMAT:
            return upr_info.read(path, context)
        if chosen == ohchr_thematic.FORMAT:
            if path.suffix.lower() == ".docx":
                return ohchr_thematic.read_docx(path, context)
            return ohchr_thematic.read_csv(path, context)
        raise UserError(_("unknown format '{format}'; use one of auto, {formats}").format(format=format, formats=", ".join(FORMATS)))
    except UserError as error:
        message = str(error)
        if path.name not in message:
            message = f"{path.name}: {message}"
        if not message.endswith((".", "?")):
            message += "."
        raise UserError(message) from None
