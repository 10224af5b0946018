"""The set-up files agree with each other: one set of pins, everywhere."""

from __future__ import annotations

import re

import pytest
import yaml

PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;#]+)")


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(lines) -> dict[str, str]:
    pins = {}
    for line in lines:
        match = PIN.match(line.strip())
        if match:
            pins[_canonical(match[1])] = match[2]
    return pins


def test_environment_yml_lists_the_same_pins_as_requirements_in(repo_root):
    wanted = _pins((repo_root / "requirements.in").read_text().splitlines())
    environment = yaml.safe_load((repo_root / "environment.yml").read_text())
    pip_section = next(item["pip"] for item in environment["dependencies"] if isinstance(item, dict))
    assert _pins(pip_section) == wanted


def test_every_top_level_pin_is_in_the_lock_at_the_same_version(repo_root):
    wanted = _pins((repo_root / "requirements.in").read_text().splitlines())
    locked = _pins((repo_root / "requirements.lock").read_text().splitlines())
    mismatched = {name: (version, locked.get(name)) for name, version in wanted.items() if locked.get(name) != version}
    assert not mismatched, f"requirements.lock disagrees with requirements.in: {mismatched}"


def test_lock_pins_every_package_exactly(repo_root):
    lines = [line for line in (repo_root / "requirements.lock").read_text().splitlines() if line and not line.startswith("#")]
    loose = [line for line in lines if not PIN.match(line)]
    assert not loose, f"unpinned lines in requirements.lock: {loose}"
    assert any(line.lower().startswith("sqlalchemy==2.0.") for line in lines), "nbgrader needs SQLAlchemy 2.0.x"


def test_ci_runs_the_readme_test_command(repo_root):
    assert "make test" in (repo_root / ".ci" / "run").read_text()
    readme = (repo_root / "README.md").read_text()
    assert "make lab" in readme and "make test" in readme


def test_jupyterlab_settings_open_markdown_as_a_page_and_never_call_home(repo_root):
    """The glossary opens as a page; JupyterLab neither checks for updates nor fetches news."""
    import json

    settings = json.loads((repo_root / "jupyter" / "overrides.json").read_text())
    assert settings["@jupyterlab/docmanager-extension:plugin"]["defaultViewers"]["markdown"] == "Markdown Preview"
    notifications = settings["@jupyterlab/apputils-extension:notification"]
    assert notifications["checkForUpdates"] is False and notifications["fetchNews"] == "false"
    assert "jupyter/overrides.json" in (repo_root / "Makefile").read_text()


def test_a_run_that_collects_no_tests_fails_loudly(repo_root):
    """pytest exits 5 when nothing is collected; .ci/run must stop on it (set -e), never pass."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/datasets/test_ids.py", "-k", "no_such_test_anywhere"],
        capture_output=True,
        text=True,
        cwd=repo_root,
    )
    assert result.returncode == 5
    assert "no tests were collected" in result.stdout
    ci = (repo_root / ".ci" / "run").read_text()
    assert "set -euo pipefail" in ci


def test_make_handouts_writes_a_printable_lesson(repo_root, tmp_path):
    """`make handouts LESSONS=...` runs a lesson and writes it as one HTML page."""
    import subprocess

    out = tmp_path / "handouts"
    result = subprocess.run(
        ["make", "-s", "handouts", "LESSONS=course/00-start-here.ipynb", f"HANDOUTS_DIR={out}"],
        cwd=repo_root,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    page = (out / "00-start-here.html").read_text(encoding="utf-8")
    assert "Start here" in page and "Summary" in page
    assert "61,011" in page, "the lesson was run: its cells' output is in the page"


def test_the_readme_names_every_module_of_the_package():
    """The README's module table names every module (or its package): a new module needs a line there."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    readme = (root / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`(upr_course(?:\.[a-z0-9_]+)*)`", readme))
    package = root / "src" / "upr_course"
    missing = []
    for path in package.rglob("*.py"):
        if "__pycache__" in path.parts or path.name == "__main__.py":
            continue
        parts = ["upr_course", *path.relative_to(package).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if len(parts) == 1:
            continue  # the package itself
        if ".".join(parts) not in named and f"`{parts[-1]}`" not in readme:
            missing.append(".".join(parts))
    assert not missing, missing


@pytest.mark.parametrize("package", ["onnxruntime", "tokenizers"])
def test_the_sentence_models_runtime_is_asked_for_only_where_it_has_wheels(repo_root, package):
    # ONNX Runtime 1.32.0 has wheels for CPython 3.11-3.14 on Windows (AMD64), Linux (x86_64 and
    # aarch64, glibc 2.28+) and macOS 14+ on Apple silicon only, and no source package: elsewhere
    # the course must still install (the matcher then ranks on words alone).
    from packaging.requirements import Requirement

    line = next(line for line in (repo_root / "requirements.lock").read_text().splitlines() if line.startswith(f"{package}=="))
    marker = Requirement(line).marker
    linux = {"sys_platform": "linux", "platform_release": "6.1", "platform_machine": "x86_64", "python_version": "3.11"}
    has_wheels = [linux, {**linux, "python_version": "3.14"}, {**linux, "platform_machine": "aarch64"},
                  {**linux, "sys_platform": "win32", "platform_machine": "AMD64", "platform_release": "10"},
                  {**linux, "sys_platform": "darwin", "platform_machine": "arm64", "platform_release": "23.4.0"}]
    no_wheels = [{**linux, "python_version": "3.15"}, {**linux, "platform_machine": "i686"},
                 {**linux, "sys_platform": "win32", "platform_machine": "ARM64", "platform_release": "10"},
                 {**linux, "sys_platform": "darwin", "platform_machine": "x86_64", "platform_release": "23.4.0"},
                 {**linux, "sys_platform": "darwin", "platform_machine": "arm64", "platform_release": "22.6.0"}]
    assert marker is not None
    assert all(marker.evaluate(env) for env in has_wheels)
    assert not any(marker.evaluate(env) for env in no_wheels)
    pins = [line for line in (repo_root / "requirements.in").read_text().splitlines() if line.startswith(f"{package}==")]
    assert pins == [line], "requirements.in and requirements.lock must carry the same marker"
