"""The matcher's on-disk cache: the fitted corpus model and each country's index.

Why: fitting the model takes about 2 s and getting a country ready about 0.1 s. Both are
the same every time for the same dataset and code, and a command-line call (``upr-course
match``, or ``upr-course grade`` on a workshop's plans, which asks the matcher whether each
cited recommendation is on the plan's issue) would otherwise pay them again every time.

``UPR_COURSE_CACHE`` names the folder (default ``~/.cache/upr-course``; "off" turns the
cache off). Every file name carries one key: a hash of the matcher's code and of the
dataset files' paths, sizes and times. A rebuilt dataset or an edited matcher therefore
never meets an old file, and saving a file removes the files of other keys.
Nothing here is needed for correctness: a missing, broken or unwritable cache only costs
time.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from .. import disk_cache

#: Bump when what is cached changes shape in a way the code hash would not show.
CACHE_VERSION = 3
_PREFIX = "match-"
#: The modules whose code shapes the cached objects.
_MODULES = ("model", "text", "vectorize", "rank", "joint", "search", "vocabulary", "glossary", "meaning")


def key_files() -> list[Path]:
    """The files whose content shapes what is cached: the matcher's code, and its glossaries
    and lexicons (Spain's recommendations are read through them)."""
    here = Path(__file__).parent
    return [here / f"{name}.py" for name in _MODULES] + sorted((here / "glossaries").glob("*.*"))


def cache_key() -> str | None:
    """The key of the current code and dataset, or None when there is no dataset to key on."""
    from ..paths import datasets_dir

    # The sentence model and the runtime that reads it: their vectors are kept in each
    # country's index. ("None" where the runtime is not installed: see meaning.py.)
    from .meaning import MODEL_SHA256, available

    parts = [f"v{CACHE_VERSION}", np.__version__, str(disk_cache.package_version("onnxruntime")), MODEL_SHA256 if available() else "no model"]
    parts += [hashlib.sha256(path.read_bytes()).hexdigest() for path in key_files()]
    for name in ("recommendations.parquet", "issues.csv"):
        path = datasets_dir() / name
        if not path.is_file():
            return None
        stat = path.stat()
        parts.append(f"{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}")
    from ..user_data import stamp

    parts.append(repr(stamp()))  # the participant's imports change the data too
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:20]


def cache_file(kind: str, name: str = "") -> Path | None:
    """Where an object of ``kind`` ("model", "country") is kept, or None (cache off)."""
    folder = disk_cache.folder()
    key = cache_key() if folder is not None else None
    if folder is None or key is None:
        return None
    suffix = f"-{name}" if name else ""
    return folder / f"{_PREFIX}{kind}-{key}{suffix}.pickle"


def load(path: Path | None, expected: type):
    """The object saved at ``path`` if it is an ``expected``, else None."""
    value = disk_cache.read_pickle(path)
    return value if isinstance(value, expected) else None


def save(path: Path | None, value) -> None:
    """Save atomically (``disk_cache.write_pickle``), then drop other keys' files."""
    if disk_cache.write_pickle(path, value):
        _remove_other_keys(path)


def _key_of(path: Path) -> str | None:
    """"match-country-<key>-KEN.pickle" -> "<key>" (None for other files)."""
    parts = path.name[len(_PREFIX):].removesuffix(".pickle").split("-")
    return parts[1] if path.name.startswith(_PREFIX) and len(parts) >= 2 else None


def _remove_other_keys(current: Path) -> None:
    key = _key_of(current)
    for old in current.parent.glob(f"{_PREFIX}*.pickle"):
        if _key_of(old) not in (None, key):
            try:
                old.unlink()
            except OSError:
                pass
