"""Which submission an nbgrader preprocessor is working on, and where its files are.

nbgrader hands each preprocessor the notebook and ``resources['nbgrader']`` (participant,
assignment, notebook); the folders come from the course's configuration. Kept in one place
so that every preprocessor names a submission, and finds the trainer's source notebook,
the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Submission:
    root: Path
    participant: str
    assignment: str
    notebook: str
    source_folder: Path
    submitted_folder: Path

    @property
    def source_notebook(self) -> Path:
        """The trainer's version (``solutions/``), with answers and hidden tests."""
        return self.source_folder / f"{self.notebook}.ipynb"

    @property
    def submitted_notebook(self) -> Path:
        return self.submitted_folder / f"{self.notebook}.ipynb"

    def describe(self) -> str:
        return f"{self.participant}, {self.assignment}/{self.notebook}.ipynb"


def submission_of(preprocessor, resources: dict) -> Submission | None:
    """The submission being graded, or None outside nbgrader (a notebook run by hand)."""
    info = resources.get("nbgrader") if isinstance(resources, dict) else None
    if not isinstance(info, dict) or not all(info.get(k) for k in ("student", "assignment", "notebook")):
        return None
    from nbgrader.coursedir import CourseDirectory

    coursedir = CourseDirectory(config=preprocessor.config)
    root = Path(coursedir.root).resolve()
    return Submission(
        root=root,
        participant=str(info["student"]),
        assignment=str(info["assignment"]),
        notebook=str(info["notebook"]),
        source_folder=Path(coursedir.format_path(coursedir.source_directory, ".", info["assignment"])).resolve(),
        submitted_folder=Path(coursedir.format_path(coursedir.submitted_directory, info["student"], info["assignment"])).resolve(),
    )
