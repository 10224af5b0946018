"""Grade plan files: read each file safely and grade it, so one broken file never stops a batch.

Used by the command line and by the nbgrader glue; the grading itself is the rubric's.
"""

from __future__ import annotations

import datetime as dt
import stat
from dataclasses import asdict
from pathlib import Path

from .errors import UserError
from .i18n import current_language, gettext, language
from .rubric import MAX_POINTS, GradeResult, default_context, grade_text
from .plan import MAX_BYTES, Problem

#: The longest plan file read: the plan format's own limit.
MAX_PLAN_BYTES = MAX_BYTES


def parse_as_of(text: str | None) -> dt.date | None:
    """``--as-of YYYY-MM-DD`` as a date; a plain error for anything else."""
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(gettext("'{text}' is not a date. Write it as YYYY-MM-DD, for example 2027-03-15.").format(text=text)) from None


def read_plan_file(path: Path) -> tuple[str | None, str | None]:
    """The file's text, or a plain sentence on why it could not be read."""
    try:
        if path.is_dir():
            return None, gettext("{path} is a folder, not a plan file. Give the path of a .yaml file.").format(path=path)
        if not stat.S_ISREG(path.stat().st_mode):
            # A pipe would be waited on for ever, a device (a link to /dev/zero) read until memory runs out.
            return None, gettext("{path} is not an ordinary file (it is a device, a pipe or a socket). Give the path of a .yaml file.").format(
                path=path)
        if path.stat().st_size > MAX_PLAN_BYTES:
            return None, gettext("{path} is larger than 1 MB; a plan is a few kilobytes. Check that this is the right file.").format(path=path)
        with path.open("rb") as handle:
            content = handle.read(MAX_PLAN_BYTES + 1)  # the file may grow after stat()
        if len(content) > MAX_PLAN_BYTES:
            return None, gettext("{path} is larger than 1 MB; a plan is a few kilobytes. Check that this is the right file.").format(path=path)
        return content.decode("utf-8-sig"), None
    except FileNotFoundError:
        return None, gettext("The file {path} was not found. Check the name and the folder.").format(path=path)
    except PermissionError:
        return None, gettext("The file {path} could not be opened (no permission to read it).").format(path=path)
    except UnicodeDecodeError:
        return None, gettext("{path} is not a text file in UTF-8. Save the plan as plain text (UTF-8) and try again.").format(path=path)
    except OSError as error:
        return None, gettext("The file {path} could not be read ({reason}).").format(path=path, reason=error.strerror or error)


def grade_files(paths: list[Path], as_of: dt.date | None = None, progress: bool = False) -> list[GradeResult]:
    """Grade every file; unreadable files become results with errors, in the same order."""
    context = default_context(as_of)
    iterator = paths
    if progress:
        from tqdm import tqdm

        iterator = tqdm(paths, desc=gettext("Grading plans"), unit="plan", leave=False)
    results, texts = [], {}
    for path in iterator:
        text, problem = read_plan_file(path)
        if problem:
            results.append(GradeResult(
                plan=str(path),
                total=0.0,
                max=MAX_POINTS,
                errors=(asdict(Problem(None, "", problem)),),
                as_of=context.as_of.isoformat(),
                feedback_language=current_language(),
            ))
            continue
        texts[str(path)] = text
        results.append(grade_text(text, name=str(path), context=context))
    return flag_copies_in_batch(results, texts)


def flag_copies_in_batch(results: list[GradeResult], texts: dict[str, str]) -> list[GradeResult]:
    """Ask for a trainer's read of plans in one batch that share most of their sentences.

    Scores are not changed: the grader cannot tell who copied whom; the trainer can.
    """
    from dataclasses import replace

    from .plan import PlanError, parse_plan
    from .rubric.copying import batch_copies, plan_signature

    signatures = []
    for result in results:
        if result.graded and result.plan in texts:
            try:
                signatures.append(plan_signature(parse_plan(texts[result.plan]), result.plan))
            except PlanError:
                continue
    copies = batch_copies(signatures)
    if not copies:
        return results
    return [
        replace(r, review=r.review.with_reasons([
            _in_language(r, lambda r=r: gettext("Most of its sentences are also in {plans} of the same batch: a trainer should read both.").format(
                plans=", ".join(copies[r.plan])
            ))
        ]))
        if r.plan in copies
        else r
        for r in results
    ]


def _in_language(result: GradeResult, say):
    """``say()`` in the language of ``result``'s feedback, so that a note added to a plan's
    review reads in the same language as the rest of it."""
    with language(result.feedback_language or None):
        return say()
