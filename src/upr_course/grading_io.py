"""Grade plan files: read each file safely and grade it, so one broken file never stops a batch.

Used by the command line and by the nbgrader glue; the grading itself is the rubric's.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .errors import UserError
from .rubric import MAX_POINTS, GradeResult, default_context, grade_text
from .rubric.result import problem_dict

MAX_PLAN_BYTES = 1_000_000


def parse_as_of(text: str | None) -> dt.date | None:
    """``--as-of YYYY-MM-DD`` as a date; a plain error for anything else."""
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(f"'{text}' is not a date. Write it as YYYY-MM-DD, for example 2027-03-15.") from None


def read_plan_file(path: Path) -> tuple[str | None, str | None]:
    """The file's text, or a plain sentence on why it could not be read."""
    try:
        if path.is_dir():
            return None, f"{path} is a folder, not a plan file. Give the path of a .yaml file."
        if path.stat().st_size > MAX_PLAN_BYTES:
            return None, f"{path} is larger than 1 MB; a plan is a few kilobytes. Check that this is the right file."
        return path.read_bytes().decode("utf-8-sig"), None
    except FileNotFoundError:
        return None, f"The file {path} was not found. Check the name and the folder."
    except PermissionError:
        return None, f"The file {path} could not be opened (no permission to read it)."
    except UnicodeDecodeError:
        return None, f"{path} is not a text file in UTF-8. Save the plan as plain text (UTF-8) and try again."
    except OSError as error:
        return None, f"The file {path} could not be read ({error.strerror or error})."


def grade_files(paths: list[Path], as_of: dt.date | None = None, progress: bool = False) -> list[GradeResult]:
    """Grade every file; unreadable files become results with errors, in the same order."""
    context = default_context(as_of)
    iterator = paths
    if progress:
        from tqdm import tqdm

        iterator = tqdm(paths, desc="Grading plans", unit="plan", leave=False)
    results = []
    for path in iterator:
        text, problem = read_plan_file(path)
        if problem:
            results.append(GradeResult(plan=str(path), total=0.0, max=MAX_POINTS, errors=(problem_dict(None, "", problem),), as_of=context.as_of.isoformat()))
            continue
        results.append(grade_text(text, name=str(path), context=context))
    return results
