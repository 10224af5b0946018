"""The offline workshop kit: `make wheelhouse` once with a network, then `make setup OFFLINE=1`
in a fresh copy of the course with no network at all, and the course works.

The wheelhouse is the repository's own ``wheelhouse/`` (git-ignored): built by ``make wheelhouse``
when a pinned package has no wheel there for this Python, reused otherwise. The install runs in
a new network namespace (``unshare -n``, when this machine allows it: as root on Linux), so a
download would fail; everywhere, pip is also given no configuration and a dead index address.
Takes one to two minutes (a fresh virtual environment and 130-odd wheels).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.tags import sys_tags
from packaging.utils import canonicalize_name, parse_wheel_filename

pytestmark = pytest.mark.slow

REPO_ROOT = Path(__file__).resolve().parents[2]
WHEELHOUSE = REPO_ROOT / "wheelhouse"
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;#]+)")
#: What `make setup` needs from the repository (the rest of the course is not installed).
SETUP_FILES = ("Makefile", "requirements.lock", "pyproject.toml", "README.md", "LICENSE", "LICENSES", "jupyter", "src", "datasets")


def _pins() -> dict[str, str]:
    lines = (REPO_ROOT / "requirements.lock").read_text().splitlines()
    return {canonicalize_name(m[1]): m[2] for m in map(PIN.match, lines) if m}


def missing_wheels(folder: Path) -> list[str]:
    """The pins with no wheel in ``folder`` that this Python can install."""
    here = set(sys_tags())
    found = set()
    for path in folder.glob("*.whl") if folder.is_dir() else ():
        name, version, _build, tags = parse_wheel_filename(path.name)
        if tags & here:
            found.add((name, str(version)))
    return [f"{name}=={version}" for name, version in _pins().items() if (name, version) not in found]


def _offline_env(home: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PIP_", "VIRTUAL_ENV"))}
    env.update(
        PIP_CONFIG_FILE=os.devnull,  # no index, mirror or find-links from this machine's pip set-up
        PIP_INDEX_URL="http://127.0.0.1:9/simple",  # nothing listens there: any download fails at once
        PIP_NO_CACHE_DIR="1",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        HOME=str(home),
    )
    return env


def _no_network_prefix() -> list[str]:
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-n", "true"], capture_output=True).returncode == 0:
        return [unshare, "-n"]
    return []


@pytest.fixture(scope="module")
def wheelhouse() -> Path:
    if missing_wheels(WHEELHOUSE):
        subprocess.run(["make", "-s", "wheelhouse", f"PYTHON={sys.executable}"], cwd=REPO_ROOT, check=True,
                       capture_output=True, text=True, timeout=1200)
    missing = missing_wheels(WHEELHOUSE)
    assert not missing, f"make wheelhouse left out: {missing}"
    return WHEELHOUSE


def test_make_setup_offline_installs_a_working_course_from_the_wheelhouse(wheelhouse, tmp_path):
    course = tmp_path / "upr-course"
    course.mkdir()
    for name in SETUP_FILES:
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(source, course / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(source, course / name)
    env = _offline_env(tmp_path)
    offline = _no_network_prefix()

    setup = subprocess.run(
        [*offline, "make", "setup", "OFFLINE=1", f"WHEELHOUSE={wheelhouse}", f"PYTHON={sys.executable}"],
        cwd=course, env=env, capture_output=True, text=True, timeout=900,
    )
    assert setup.returncode == 0, f"make setup OFFLINE=1 failed:\n{setup.stdout[-3000:]}\n{setup.stderr[-3000:]}"
    assert "Set-up complete" in setup.stdout

    python = course / ".venv" / "bin" / "python"
    check = subprocess.run([*offline, str(python), "-m", "pip", "check"], cwd=course, env=env,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    imported = subprocess.run(
        [*offline, str(python), "-c", "import upr_course, upr_course.paths as p; print(p.REPO_ROOT)"],
        cwd=course, env=env, capture_output=True, text=True,
    )
    assert imported.returncode == 0, imported.stderr
    assert Path(imported.stdout.strip()) == course  # the copy's own package, not this repository's
    info = subprocess.run([*offline, str(course / ".venv" / "bin" / "upr-course"), "data", "info"],
                          cwd=course, env=env, capture_output=True, text=True)
    assert info.returncode == 0, info.stdout + info.stderr
    assert re.search(r"recommendations", info.stdout, re.I), info.stdout
