"""Every data file the package reads is declared as package data, so a built wheel has it.

The course installs the package in editable mode, where a forgotten pattern goes unnoticed:
the files are read from the work tree. A wheel (a JupyterHub image, ``pip install .``) would
lack them, and the matcher or the translations would fail only there.
"""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "src" / "upr_course"


def _matches(name: str, pattern: str) -> bool:
    """As setuptools reads a package-data pattern: folder by folder ("*" never crosses a "/")."""
    parts, wanted = name.split("/"), pattern.split("/")
    return len(parts) == len(wanted) and all(fnmatch.fnmatchcase(p, w) for p, w in zip(parts, wanted))


def test_a_pattern_does_not_reach_into_a_sub_folder():
    assert _matches("match/glossaries/es.yaml", "match/glossaries/*.yaml")
    assert not _matches("match/glossaries/old/es.yaml", "match/glossaries/*.yaml")


def test_every_data_file_of_the_package_is_declared_as_package_data():
    patterns = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]["upr_course"]
    tracked = [p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*")
               if p.is_file() and p.suffix not in {".py", ".pyc"} and "__pycache__" not in p.parts]
    undeclared = [name for name in tracked if not any(_matches(name, pattern) for pattern in patterns)]
    assert tracked and not undeclared, f"add these to [tool.setuptools.package-data] in pyproject.toml: {undeclared}"
