"""The participant's own recommendations: what ``upr-course data import`` brought in.

Imports never go into the shipped ``datasets/`` folder: a course update replaces that
folder, and a participant's newest report must survive it. They go to the user's own
folder, ``UPR_COURSE_HOME`` (default: the platform's user data folder, through
platformdirs, for example ``~/.local/share/upr-course`` on Linux):

    UPR_COURSE_HOME/
        imports/
            index.json                 the list of imports (name, file, State, sessions, counts, date)
            <name>.parquet             the rows of one import

Each import's parquet holds rows with an ``action``: ``add`` (a recommendation the data
did not have: a full row with its own id) or ``update`` (a row the data has, identified by
id, whose pending answer, document symbol, paragraph or themes the import filled in).
``upr_course.data.recommendations()`` reads the shipped rows and applies every import in
the order they were made. Everything is written to a temporary file first and then
renamed, so an interrupted import leaves nothing half-written.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

HOME_ENV_VAR = "UPR_COURSE_HOME"
IMPORTS = "imports"
INDEX = "index.json"
#: Columns an ``update`` row may change on a row the data already has.
UPDATABLE = ("response", "document_symbol", "document", "paragraph", "themes")


def home_dir() -> Path:
    """The participant's folder for the course (imports); not created here."""
    override = os.environ.get(HOME_ENV_VAR)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("upr-course", appauthor=False))


def imports_dir() -> Path:
    return home_dir() / IMPORTS


def _index_path() -> Path:
    return imports_dir() / INDEX


def list_imports() -> list[dict]:
    """The imports made, oldest first (an empty list when there are none)."""
    path = _index_path()
    if not path.is_file():
        return []
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [entry for entry in entries if isinstance(entry, dict) and (imports_dir() / entry.get("file", "")).is_file()]


def stamp() -> tuple:
    """What changes when imports change: loaders cache on it."""
    path = _index_path()
    try:
        info = path.stat()
    except OSError:
        return (str(path), None)
    return (str(path), info.st_mtime_ns, info.st_size)


def _atomic_write(path: Path, write) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    os.close(handle)
    try:
        write(Path(temporary))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _write_index(entries: list[dict]) -> None:
    _atomic_write(_index_path(), lambda tmp: tmp.write_text(json.dumps(entries, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"))


def import_name(iso3: str, sessions: list[int], filename: str) -> str:
    """A short, readable name for an import: ``KEN-S49-a-hrc-57-5``."""
    stem = re.sub(r"[^a-z0-9]+", "-", Path(filename).stem.lower()).strip("-")[:40] or "file"
    session = "-".join(f"S{s:02d}" for s in sessions[:2])
    return f"{iso3}-{session}-{stem}"


def save_import(name: str, rows: pd.DataFrame, entry: dict) -> dict:
    """Store one import (rows with an ``action`` column) and list it; replaces one of the same name."""
    file = f"{name}.parquet"
    _atomic_write(imports_dir() / file, lambda tmp: rows.to_parquet(tmp, index=False))
    entry = {
        "name": name,
        "file": file,
        "imported_at": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        **entry,
    }
    entries = [other for other in list_imports() if other["name"] != name] + [entry]
    _write_index(entries)
    return entry


def remove_import(name: str) -> dict | None:
    """Take one import out (by its name); returns its entry, or None when there is none."""
    entries = list_imports()
    found = next((entry for entry in entries if entry["name"] == name), None)
    if found is None:
        return None
    _write_index([entry for entry in entries if entry["name"] != name])
    (imports_dir() / found["file"]).unlink(missing_ok=True)
    return found


def read_imports() -> list[pd.DataFrame]:
    """The rows of every import, oldest first."""
    frames = []
    for entry in list_imports():
        try:
            frames.append(pd.read_parquet(imports_dir() / entry["file"]))
        except (OSError, ValueError):
            continue  # a damaged file is skipped; `upr-course data imported` still lists it
    return frames


def apply_imports(shipped: pd.DataFrame, imports: list[pd.DataFrame]) -> pd.DataFrame:
    """The shipped rows with every import applied: updates first fill what they fill, then new rows.

    A new row is left out when the shipped data now holds the same id (a course update
    brought that review in): the shipped row wins, so an id always means one row.
    """
    if not imports:
        return shipped
    added = []
    ids = pd.Index(shipped["id"])
    for frame in imports:
        new = frame.loc[frame["action"] == "add"].drop(columns=["action"])
        new = new.loc[~new["id"].isin(ids)]
        if len(new):
            added.append(new[shipped.columns])
            ids = ids.append(pd.Index(new["id"]))
    table = pd.concat([shipped, *added], ignore_index=True) if added else shipped.copy()
    ids = pd.Index(table["id"])
    for frame in imports:
        updates = frame.loc[frame["action"] == "update"]
        if not len(updates):
            continue
        positions = ids.get_indexer(updates["id"])
        for column in UPDATABLE:
            if column not in updates.columns:
                continue
            where = table.columns.get_loc(column)
            for position, value in zip(positions, updates[column].to_numpy()):
                if position < 0 or pd.isna(value):
                    continue
                current = table.iat[position, where]
                if (column == "response" and current == "Pending") or (column != "response" and pd.isna(current)):
                    table.iat[position, where] = value
    return table
