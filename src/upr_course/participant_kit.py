"""``make participant-kit``: the course folder that participants get, without anything that gives answers away.

The repository is the trainers' and developers' copy: ``solutions/`` holds the exercises'
answers, hidden tests and mark schemes, and ``tests/`` holds answers too. Participants
(the "no server" mode, the offline USB kit, a hub's shared files) get this kit instead:
the lessons, the released exercises, the data, the package and what installs it. Only the
entries in :data:`INCLUDED` are copied, so a file added to the repository later stays out
until someone decides it belongs to participants. ``tests/kit/test_participant_kit.py`` searches
the kit for every line of the hidden tests, mark schemes and solutions.

    python -m upr_course.participant_kit FOLDER
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from .paths import REPO_ROOT

#: What participants need to install and follow the course (and nothing else).
INCLUDED = ("README.md", "LICENSE", "LICENSES", "Makefile", "pyproject.toml", "requirements.in", "requirements.lock", "environment.yml",
            "jupyter", "course", "exercises", "datasets", "src", "wheelhouse")
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints", "*.egg-info", "my-plans", "my-scorecards",
                                 ".upr-course-answers.json", "my-factsheet.html")


def build_kit(destination: Path, source: Path = REPO_ROOT) -> Path:
    """Copy the participants' part of ``source`` into ``destination`` (which must not exist yet)."""
    destination = Path(destination)
    if destination.exists():
        from .errors import UserError

        raise UserError(f"{destination} already exists: delete it first, or choose another folder.")
    destination.mkdir(parents=True)
    for name in INCLUDED:
        path = source / name
        if path.is_dir():
            shutil.copytree(path, destination / name, ignore=IGNORED)
        elif path.is_file():
            shutil.copy2(path, destination / name)
    return destination


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m upr_course.participant_kit", description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path, help="where to make the kit (a new folder)")
    args = parser.parse_args(argv)
    from .errors import UserError

    try:
        kit = build_kit(args.folder)
    except UserError as error:
        print(error, file=sys.stderr)
        return 2
    print(f"The participant kit is in {kit}: give participants this folder, never the repository.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
