"""Shared fixtures. Tests that need the raw sources in ../shared are marked ``shared``
and skipped (with a reason) on a machine that does not have them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# The suite checks English texts unless a test chooses a language itself: a developer whose
# computer is set up in Spanish or French must get the same results (upr_course/i18n).
os.environ["UPR_COURSE_LANG"] = "en"

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = REPO_ROOT.parent / "shared"


def pytest_collection_modifyitems(config, items):
    if (SHARED_DIR / "data-sources").is_dir():
        return
    skip = pytest.mark.skip(reason=f"needs the raw sources in {SHARED_DIR}")
    for item in items:
        if "shared" in item.keywords:
            item.add_marker(skip)


def pytest_sessionfinish(session, exitstatus):
    if exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED:
        print("\n\nERROR: no tests were collected. The test suite is broken: look at tests/ and pytest's arguments.\n")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED_DIR / "data-sources").is_dir():
        pytest.skip(f"needs the raw sources in {SHARED_DIR}")
    return SHARED_DIR


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


# Tests never read or write the participant's own imports folder: a fresh, empty one for the
# whole run (set before anything starts a kernel or a subprocess, which inherit it).
import os as _os
import tempfile as _tempfile

_os.environ["UPR_COURSE_HOME"] = _tempfile.mkdtemp(prefix="upr-course-home-")


# --- for the tests that import files (tests/importers/, tests/i18n/) ---------------------


@pytest.fixture(scope="module")
def context():
    """What every importer needs: the country resolver and the calendar of reviews."""
    from upr_course import data
    from upr_course.build.countries import CountryResolver
    from upr_course.importers import ImportContext

    return ImportContext(CountryResolver(), data.reviews())


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """An empty imports folder (UPR_COURSE_HOME): nothing is written into the shipped datasets."""
    from upr_course import data

    monkeypatch.setenv("UPR_COURSE_HOME", str(tmp_path / "home"))
    data.clear_cache()
    yield tmp_path / "home"
    data.clear_cache()
