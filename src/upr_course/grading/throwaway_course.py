"""A throw-away copy of the course for nbgrader: used by the end-to-end tests and ``make bench``.

``make_course(folder)`` copies ``nbgrader_config.py`` and the source notebooks
(``solutions/``) into ``folder``; :func:`api` gives nbgrader's Python API for it (no
3-second start-up per command); :func:`submit` places a participant's notebook where
``nbgrader collect`` would. Nothing here touches the real course folder.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from ..paths import REPO_ROOT
from .extract import grade_id_of


def make_course(folder: Path, assignments: list[str] | None = None, source: Path = REPO_ROOT, solutions: Path | None = None) -> Path:
    """A course folder with the config and the chosen assignments' source notebooks
    (from ``solutions``: the repository's ``solutions/`` unless a translated copy is given)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(source / "nbgrader_config.py", folder / "nbgrader_config.py")
    solutions = Path(solutions) if solutions is not None else source / "solutions"
    names = assignments or sorted(p.name for p in solutions.iterdir() if p.is_dir() and not p.name.startswith("."))
    for name in names:
        shutil.copytree(solutions / name, folder / "solutions" / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    return folder


def load_config(course: Path):
    """The course's nbgrader configuration, with its root set to ``course``."""
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    config.CourseDirectory.root = str(Path(course).resolve())
    return config


def api(course: Path):
    """nbgrader's Python API for this course folder (puts the venv's scripts on PATH: nbgrader runs ``alembic``)."""
    from nbgrader.apps import NbGraderAPI

    os.environ["PATH"] = nbgrader_env()["PATH"]
    return NbGraderAPI(config=load_config(course))


def nbgrader_env() -> dict[str, str]:
    """The environment for nbgrader's command line: the venv's scripts first (nbgrader calls ``alembic``)."""
    scripts = str(Path(sys.executable).parent)
    env = dict(os.environ)
    paths = env.get("PATH", "").split(os.pathsep)
    if not paths or paths[0] != scripts:
        env["PATH"] = os.pathsep.join([scripts, *paths])
    return env


def run_nbgrader(course: Path, *args: str, check: bool = False) -> subprocess.CompletedProcess:
    """Run the ``nbgrader`` command in ``course``, as a trainer would."""
    command = [str(Path(sys.executable).parent / "nbgrader"), *args]
    return subprocess.run(command, cwd=course, env=nbgrader_env(), capture_output=True, text=True, check=check)


def read(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def with_answers(release: dict, answers: dict[str, str]) -> dict:
    """A copy of a student version whose answer cells (by grade_id) hold new sources."""
    notebook = copy.deepcopy(release)
    for cell in notebook["cells"]:
        grade_id = grade_id_of(cell)
        if grade_id in answers:
            cell["source"] = answers[grade_id]
    return notebook


def solution_answers(source_notebook: dict) -> dict[str, str]:
    """The sources of a source notebook's answer cells, by grade_id."""
    answers = {}
    for cell in source_notebook["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("solution") and cell.get("cell_type") == "code":
            source = cell["source"]
            answers[meta["grade_id"]] = "".join(source) if isinstance(source, list) else source
    return answers


def saved_answers(source_notebook: dict) -> dict[str, dict]:
    """The answers that forms saved in a notebook's answer cells (``upr_course.answers``), by grade_id."""
    saved = {}
    for cell in source_notebook["cells"]:
        own = cell.get("metadata", {}).get("upr_course", {})
        if isinstance(own, dict) and isinstance(own.get("answers"), dict):
            saved[grade_id_of(cell)] = own["answers"]
    return saved


def with_saved_answers(release: dict, saved: dict[str, dict]) -> dict:
    """A copy of a student version whose answer cells (by grade_id) hold answers saved by their forms."""
    notebook = copy.deepcopy(release)
    for cell in notebook["cells"]:
        grade_id = grade_id_of(cell)
        if grade_id in saved:
            cell["metadata"].setdefault("upr_course", {})["answers"] = copy.deepcopy(saved[grade_id])
    return notebook


def submit(course: Path, participant: str, assignment: str, filename: str, content: dict | str) -> Path:
    """Put a handed-in notebook (JSON, or raw text for broken files) into ``submitted/``."""
    folder = Path(course) / "submitted" / participant / assignment
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / filename
    path.write_text(content if isinstance(content, str) else json.dumps(content, indent=1), encoding="utf-8")
    return path
