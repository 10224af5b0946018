"""Read a spreadsheet-like file (CSV or XLSX) as text cells, whatever its dialect.

Exports reach trainers in several shapes: UPR Info's ';'-separated CSV with a byte-order
mark, OHCHR's XLSX, a CSV re-saved by Excel in Windows-1252. Reading all of them here, as
plain strings with empty cells as "", lets each format module deal only with its columns.
"""

from __future__ import annotations

import csv
import re
import zipfile
from pathlib import Path

import pandas as pd

from ..errors import UserError
from ..i18n import gettext as _

TABLE_EXTENSIONS = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")
_HEADER_NOISE = re.compile(r"[^0-9a-z]+")


def header_key(name: object) -> str:
    """A column name reduced to lower-case words joined by "_": "UPR Position" -> "upr_position"."""
    return _HEADER_NOISE.sub("_", str(name).strip().casefold()).strip("_")


def _decode(path: Path) -> str:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UserError(_("{file} is not a text file in UTF-8 or Windows-1252").format(file=path.name))


def _delimiter(first_line: str) -> str:
    counts = {sep: first_line.count(sep) for sep in (",", ";", "\t")}
    return max(counts, key=counts.get)


def read_table(path: Path, nrows: int | None = None) -> pd.DataFrame:
    """All cells of the file's first sheet as strings ("" for empty), header as in the file."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        try:
            frame = pd.read_excel(path, sheet_name=0, dtype=str, engine="openpyxl", nrows=nrows)
        except (zipfile.BadZipFile, ValueError, KeyError, OSError) as error:
            raise UserError(_("{file} could not be read as an Excel workbook ({error})").format(file=path.name, error=error)) from None
        return frame.fillna("")
    text = _decode(path)
    first_line = text.split("\n", 1)[0]
    try:
        from io import StringIO

        return pd.read_csv(
            StringIO(text), sep=_delimiter(first_line), dtype=str, keep_default_na=False, nrows=nrows, quoting=csv.QUOTE_MINIMAL
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise UserError(_("{file} could not be read as a table ({error})").format(file=path.name, error=error)) from None


def keyed_columns(frame: pd.DataFrame) -> dict[str, str]:
    """header_key -> the column's name as written (the first column wins on a clash)."""
    keyed: dict[str, str] = {}
    for column in frame.columns:
        keyed.setdefault(header_key(column), column)
    return keyed
