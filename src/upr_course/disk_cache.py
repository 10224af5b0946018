"""The course's cache folder on disk, and saving into it safely.

What the course computes from its data (the matcher's model, a country's index, the language
identifier cut down to three languages) is kept between runs in one folder, so later calls
start fast. ``UPR_COURSE_CACHE`` names it (default ``~/.cache/upr-course``; "off" turns it
off). Nothing from plans is kept there, and deleting it is always safe: everything in it is
built again.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path


def package_version(name: str) -> str | None:
    """An installed package's version, to name what is cached from it (so an upgrade never
    meets an old file), or None when the package is not installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return None


def folder() -> Path | None:
    """The cache folder, or None when the cache is turned off."""
    setting = os.environ.get("UPR_COURSE_CACHE", "")
    if setting.lower() in ("off", "0", "no", "none"):
        return None
    return Path(setting) if setting else Path.home() / ".cache" / "upr-course"


def read_pickle(path: Path | None):
    """The object saved at ``path``, or None when there is none or it cannot be read."""
    if path is None or not path.is_file():
        return None
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except Exception:  # noqa: BLE001 - a broken or foreign file: the caller builds it again
        return None


def write_pickle(path: Path | None, value) -> bool:
    """Save atomically (a reader never sees half a file); False when it could not be saved.

    A read-only home or a full disk costs only time: the object is built again next run.
    """
    if path is None:
        return False
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False, suffix=".tmp") as handle:
            temporary = handle.name
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except Exception:  # noqa: BLE001 - see the docstring
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        return False
    return True
