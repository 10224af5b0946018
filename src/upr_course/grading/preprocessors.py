"""nbgrader preprocessors that make grades and feedback trustworthy (see ``nbgrader_config.py``).

* :class:`GradeOutsideKernel` and :class:`WriteOutsideGrades` (autograde, around ``Execute``):
  a notebook whose test cells call ``upr_course.grading.clean_grade`` (the capstone) is graded
  here, in nbgrader's own process, from the answer cell's TEXT; the kernel runs placeholders
  instead of those test cells, and their outputs (the rubric's feedback and the points) are
  written after it has finished. Nothing the participant's code does in the kernel can reach
  the score, and a class's plans are graded with the data loaded once. Without these two
  (or with ``UPR_COURSE_GRADE_IN_KERNEL=1``), the test cells grade in a clean child process
  started from the kernel, as they do anywhere else.
* :class:`StudentSource` (``generate_assignment``): a solution cell may carry the source its
  student version starts with, in its metadata (``upr_course.student_source``), instead of
  the placeholder that nbgrader writes by default (an error to replace): a plan template, for example.
* :class:`SkipWhenGrading` (autograde, sanitizing step): cells tagged ``skip-when-grading``
  that grade nothing (a self-check that shows a long report, say) are not run again by
  the autograder, which saves seconds per participant. Graded, answer and locked cells
  are never skipped, whatever their tags.
* :class:`RequireScore` (autograde, after executing): nbgrader gives FULL marks to a test
  cell that shows no result, or a result it cannot read as a number (``utils.determine_grade``),
  and crashes a participant's whole assignment on a number above the cell's points. Code
  in the participant's kernel can cause all three (for example by switching off the
  display of results). This preprocessor turns each of them into an error output, so the
  cell scores 0 and the trainer sees why.
* :class:`PrivateFeedback` (``generate_feedback``): error outputs of test cells keep only
  their last line (``NameError: name 'PLAN' is not defined``), never the traceback, which
  shows the hidden tests' code; stderr of test cells is dropped. Used together with
  nbgrader's ``ClearHiddenTests`` and ``ClearMarkScheme``. What a test cell prints on
  stdout (the rubric's feedback per criterion) stays.

They know nothing of the course's lessons.
"""

from __future__ import annotations

import math
import re

from nbconvert.preprocessors import Preprocessor
from nbformat.v4 import new_output
from traitlets import Bool, Unicode

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
METADATA_KEY = "upr_course"


class _Enabled(Preprocessor):
    """nbconvert's preprocessors are off unless enabled; these are on once they are listed."""

    enabled = Bool(True).tag(config=True)


def _nbgrader(cell) -> dict:
    return cell.metadata.get("nbgrader", {}) if hasattr(cell, "metadata") else {}


def is_test_cell(cell) -> bool:
    """An autograder test cell: graded, not an answer, code."""
    meta = _nbgrader(cell)
    return cell.cell_type == "code" and bool(meta.get("grade")) and not meta.get("solution")


def error_output(ename: str, evalue: str):
    return new_output("error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])


OUTSIDE_KEY = "upr_course_outside_grades"
PLACEHOLDER = "# Graded outside the participant's kernel by upr_course.grading (nbgrader's process); see the output."
_contexts: dict = {}


def _context(as_of):
    """One grading context per date for the whole autograde run: data loaded once."""
    from .clean_grade import fast_context

    if as_of not in _contexts:
        _contexts[as_of] = fast_context(as_of)
    return _contexts[as_of]


def _outside_scores(nb, spec, log):
    """The clean grader's GroupScores for the answer cell's text in ``nb`` (never raises)."""
    import os

    from ..grading_io import parse_as_of
    from .clean_grade import grade_groups, not_graded
    from .extract import AnswerNotFound, literal_text

    groups = spec["groups"]
    cells = [c for c in nb.cells if _nbgrader(c).get("grade_id") == spec["cell"]]
    try:
        if not cells or cells[0].cell_type != "code":
            raise AnswerNotFound(f"The answer cell '{spec['cell']}' is not in the notebook, or is not a code cell.", "missing_cell")
        as_of = parse_as_of(os.environ.get("UPR_COURSE_AS_OF") or None)
        _, scores = grade_groups(literal_text(cells[0].source, spec["variable"]), groups, as_of, context=_context(as_of))
    except AnswerNotFound as problem:
        scores = not_graded(groups, f"Your plan was not graded: {problem}")
    except Exception as error:  # noqa: BLE001 - one participant's plan must never stop the batch
        log.error("The clean grader failed: %s: %s", type(error).__name__, error)
        scores = not_graded(groups, f"The grader could not run ({type(error).__name__}: {error}). Your trainer will look at it.")
    return {score.id: score for score in scores}


class GradeOutsideKernel(_Enabled):
    """Before the kernel runs: grade the capstone's plan here and put placeholders in its test cells."""

    def preprocess(self, nb, resources):
        import os

        from .report import capstone_spec

        if os.environ.get("UPR_COURSE_GRADE_IN_KERNEL") == "1":
            return nb, resources
        spec = next((s for s in (capstone_spec(c.source) for c in nb.cells if is_test_cell(c)) if s), None)
        if spec is None:
            return nb, resources
        scores = _outside_scores(nb, spec, self.log)
        originals = {}
        for cell in nb.cells:
            grade_id = _nbgrader(cell).get("grade_id")
            if is_test_cell(cell) and grade_id in scores:
                originals[grade_id] = cell.source
                cell.source = PLACEHOLDER
        resources[OUTSIDE_KEY] = {"scores": scores, "sources": originals}
        return nb, resources


class WriteOutsideGrades(_Enabled):
    """After the kernel has run: give the capstone's test cells their source back, with the clean grades as output."""

    def preprocess(self, nb, resources):
        outside = resources.pop(OUTSIDE_KEY, None)
        if not outside:
            return nb, resources
        for cell in nb.cells:
            grade_id = _nbgrader(cell).get("grade_id")
            if is_test_cell(cell) and grade_id in outside["scores"]:
                score = outside["scores"][grade_id]
                cell.source = outside["sources"][grade_id]
                feedback = "".join(line.replace("\n", " ") + "\n" for line in score.feedback)
                cell.outputs = [
                    new_output("stream", name="stdout", text=feedback),
                    new_output("execute_result", data={"text/plain": repr(float(score.points))}, execution_count=cell.get("execution_count")),
                ]
        return nb, resources


class StudentSource(_Enabled):
    """Give a solution cell the student version stored in its metadata (``upr_course.student_source``)."""

    def preprocess_cell(self, cell, resources, index):
        own = cell.metadata.get(METADATA_KEY)
        if isinstance(own, dict) and "student_source" in own:
            cell.source = own["student_source"]
            del own["student_source"]
            if not own:
                del cell.metadata[METADATA_KEY]
        return cell, resources


class SkipWhenGrading(_Enabled):
    """Replace the source of ungraded cells tagged ``skip-when-grading`` with a comment."""

    tag = Unicode("skip-when-grading").tag(config=True)
    note = Unicode("# (Not run by the grader: this cell only shows a report to you.)").tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        meta = _nbgrader(cell)
        graded = meta.get("grade") or meta.get("solution") or meta.get("task")
        if cell.cell_type == "code" and self.tag in cell.metadata.get("tags", []) and not graded:
            cell.source = self.note
            cell.outputs = []
        return cell, resources


class RequireScore(_Enabled):
    """A test cell must end by showing one number between 0 and its points; anything else scores 0."""

    def preprocess_cell(self, cell, resources, index):
        if not is_test_cell(cell):
            return cell, resources
        outputs = cell.get("outputs", [])
        if any(o.output_type == "error" or (o.output_type == "stream" and o.name == "stderr") for o in outputs):
            return cell, resources
        results = [o for o in outputs if o.output_type == "execute_result"]
        points = float(_nbgrader(cell).get("points", 0))
        problem = None
        if not results:
            problem = "This test cell showed no score (the grader needs its last line to show a number), so it scores 0."
        else:
            text = str(results[0].get("data", {}).get("text/plain", "")).strip()
            try:
                value = float(text)
            except ValueError:
                value = None
            if value is None or math.isnan(value):
                problem = f"This test cell showed {text[:40]!r} instead of a number of points, so it scores 0."
            elif not 0.0 <= value <= points:
                problem = f"This test cell showed {value:g} points, outside 0-{points:g}, so it scores 0."
        if problem:
            self.log.warning("%s: cell %s: %s", resources.get("unique_key", "notebook"), meta_id(cell), problem)
            cell.outputs = [o for o in outputs if o.output_type != "execute_result"] + [error_output("GradingError", problem)]
        return cell, resources


def meta_id(cell) -> str:
    return str(_nbgrader(cell).get("grade_id", "?"))


class PrivateFeedback(_Enabled):
    """Keep test cells' internals out of feedback: no tracebacks, no stderr."""

    def preprocess_cell(self, cell, resources, index):
        if not is_test_cell(cell):
            return cell, resources
        kept = []
        for output in cell.get("outputs", []):
            if output.output_type == "stream" and output.name == "stderr":
                continue
            if output.output_type == "error":
                line = ANSI.sub("", f"{output.get('ename', 'Error')}: {output.get('evalue', '')}").strip()
                kept.append(new_output("stream", name="stdout", text=f"This check did not pass. {line}\n"))
                continue
            kept.append(output)
        cell.outputs = kept
        return cell, resources
