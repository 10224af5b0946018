"""Runs when a user's server starts on the course's JupyterHub, as that user, in their home.

- Copies the course's lessons into ~/upr-course (only files that are not there yet: a
  lesson the user changed is never overwritten; a lesson added to the course later arrives
  at the next start). The exercises are not copied: participants fetch them from the
  Assignment List, so that their submissions reach the trainers.
- For trainers: makes the grading folder ~/upr-grading, either a link to the folder all
  trainers share (UPR_COURSE_SHARED_GRADING_DIR) or a folder of their own, and puts the
  course's source notebooks (solutions/) in it if they are missing.

Works the same with every spawner (local processes, systemd, Kubernetes), because it runs
inside the user's server. A failure here is logged and never stops the server.
"""

import logging
import os
import shutil
from pathlib import Path

log = logging.getLogger("upr-course")
SKIP = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "my-plans", "my-scorecards")


def copy_missing(source: Path, target: Path) -> int:
    """Copy the files of source that target lacks; return how many were copied."""
    copied = 0
    for folder, dirs, files in os.walk(source):
        rel = Path(folder).relative_to(source)
        ignored = SKIP(folder, dirs + files)
        dirs[:] = [d for d in dirs if d not in ignored]
        for name in files:
            if name in ignored:
                continue
            destination = target / rel / name
            if not destination.exists():
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(Path(folder) / name, destination)
                copied += 1
    return copied


def prepare_home() -> None:
    repo = Path(os.environ.get("UPR_COURSE_REPO", "/srv/upr-course/repo"))
    home = Path(os.path.expanduser("~"))
    if (repo / "course").is_dir():
        copied = copy_missing(repo / "course", home / "upr-course")
        if copied:
            log.info("upr-course: copied %d course files into %s", copied, home / "upr-course")
    if os.environ.get("UPR_COURSE_ROLE") != "trainer":
        return
    grading = home / "upr-grading"
    shared = os.environ.get("UPR_COURSE_SHARED_GRADING_DIR")
    if shared and not grading.exists() and not grading.is_symlink():
        Path(shared).mkdir(parents=True, exist_ok=True)
        grading.symlink_to(shared, target_is_directory=True)
    grading.mkdir(parents=True, exist_ok=True)
    if (repo / "solutions").is_dir():
        copy_missing(repo / "solutions", grading / "solutions")
    # A workshop in Spanish or French: nbgrader_config.py grades the translated exercises when
    # their sources are in the grading folder (upr_course/i18n/exercises.py).
    language = os.environ.get("UPR_COURSE_LANG", "en")
    translated = repo / "translations" / "build" / language / "solutions"
    if language in ("es", "fr") and translated.is_dir():
        copy_missing(translated, grading / "translations" / "build" / language / "solutions")


try:
    prepare_home()
except Exception:  # never keep a participant out of their server
    log.exception("upr-course: could not prepare the home folder")

# A saved notebook says "run this cell" where a widget was, instead of "model not found" when it
# is opened again (src/upr_course/jupyter_hooks.py; the same as make lab's jupyter/common/).
try:
    import upr_course.jupyter_hooks  # noqa: F401

    c.FileContentsManager.pre_save_hook = "upr_course.jupyter_hooks.pre_save"  # noqa: F821
except ImportError:  # the course's package is not installed in this server's environment
    log.warning("upr-course: the package is not installed; widgets in saved notebooks show 'model not found'")
