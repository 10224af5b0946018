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
  the autograder, which saves seconds per participant. Graded, answer, task and locked cells,
  and any cell whose grade id is one of the trainer's source notebook's, are never skipped,
  whatever their tags or their (forgeable) flags say.
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

import base64
import binascii
import math
import re

from nbconvert.preprocessors import Preprocessor
from nbformat import from_dict
from nbformat.v4 import new_code_cell, new_output
from traitlets import Bool, Integer, Unicode

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
    from .extract import AnswerNotFound, cell_text

    groups = spec["groups"]
    cells = [c for c in nb.cells if _nbgrader(c).get("grade_id") == spec["cell"]]
    try:
        if not cells or cells[0].cell_type != "code":
            raise AnswerNotFound(f"The answer cell '{spec['cell']}' is not in the notebook, or is not a code cell.", "missing_cell")
        as_of = parse_as_of(os.environ.get("UPR_COURSE_AS_OF") or None)
        _, scores = grade_groups(cell_text(cells[0].source, dict(cells[0].metadata), spec["variable"]), groups, as_of, context=_context(as_of))
    except AnswerNotFound as problem:
        scores = not_graded(groups, f"Your plan was not graded: {problem}")
    except Exception as error:  # noqa: BLE001 - one participant's plan must never stop the batch
        log.error("The clean grader failed: %s: %s", type(error).__name__, error)
        scores = not_graded(groups, f"The grader could not run ({type(error).__name__}: {error}). Your trainer will look at it.")
    return {score.id: score for score in scores}


class GradeOutsideKernel(_Enabled):
    """Before the kernel runs: read the answers from the notebook's text, and hide the tests from the kernel.

    - The capstone (test cells that call ``clean_grade``): its plan is graded here, now.
    - Other exercises: each answer cell's values are read without running anything
      (``answers.py``); the test cells are checked after the kernel, in a clean process
      (``answer_check.py``), with those values.
    In both, the test cells the kernel runs are placeholders: hidden tests never reach the
    participant's kernel. The participant's code runs (sandboxed, ``execute.py``) only when
    some answer can only be computed by it.
    """

    def preprocess(self, nb, resources):
        import os

        from . import grading_log
        from .execute import KERNEL_KEY
        from .report import capstone_spec
        from .submission import submission_of

        submission = submission_of(self, resources)
        if submission:
            grading_log.append(submission.root, "start", submission.participant, submission.assignment, submission.notebook,
                               sha256=grading_log.file_digest(submission.submitted_notebook))
        forged = drop_forged_recorders(nb)
        if forged and submission:
            grading_log.append(submission.root, "problem", submission.participant, submission.assignment, submission.notebook,
                               kind="tampering", message=f"{forged} cell(s) of the notebook claimed to be the grader's recording cell "
                               "(metadata upr_course.recorder): the claim was removed, and they ran as ordinary cells. Look at the notebook.")
        if os.environ.get("UPR_COURSE_GRADE_IN_KERNEL") == "1":
            resources[KERNEL_KEY] = {"needed": True, "why": "UPR_COURSE_GRADE_IN_KERNEL=1"}
            return nb, resources
        tests = [c for c in nb.cells if is_test_cell(c)]
        if not tests:
            resources[KERNEL_KEY] = {"needed": False, "why": "nothing is autograded"}
            return nb, resources
        spec = next((s for s in (capstone_spec(c.source) for c in tests) if s), None)
        originals = {}
        for cell in tests:
            originals[_nbgrader(cell).get("grade_id")] = cell.source
            cell.source = PLACEHOLDER
        if spec is not None:
            scores = _outside_scores(nb, spec, self.log)
            resources[OUTSIDE_KEY] = {"mode": "capstone", "scores": scores, "sources": originals}
            resources[KERNEL_KEY] = {"needed": False, "why": "the plan is graded from its text"}
            return nb, resources
        from .answers import read_cell_answers, recorder_source

        cells = [read_cell_answers(_nbgrader(c).get("grade_id"), c.source, dict(c.metadata)) for c in nb.cells
                 if c.cell_type == "code" and _nbgrader(c).get("solution") and not _nbgrader(c).get("grade")]
        computed = sorted({name for answers in cells for name in answers.computed})
        outside = {"mode": "answers", "cells": cells, "sources": originals, "mark": None}
        if computed:
            source, mark = recorder_source(sorted({*computed, *(name for answers in cells for name in answers.values)}))
            recorder = new_code_cell(source)
            recorder.metadata[METADATA_KEY] = {"recorder": True}
            nb.cells.append(recorder)
            outside["mark"] = mark
        resources[OUTSIDE_KEY] = outside
        resources[KERNEL_KEY] = {
            "needed": bool(computed),
            "why": "answers computed by code: " + ", ".join(computed) if computed else "every answer is written as a value",
        }
        return nb, resources


def _source_cells(submission) -> list[dict] | None:
    """The cells of the trainer's source notebook of this submission (None when unknown or unreadable)."""
    import json

    try:
        return [c for c in json.loads(submission.source_notebook.read_text(encoding="utf-8")).get("cells", []) if isinstance(c, dict)]
    except (AttributeError, OSError, ValueError):
        return None


def drop_forged_recorders(nb) -> int:
    """Remove the claim of cells that say they are the grader's recording cell; how many did.

    The grader's recording cell is the one ``GradeOutsideKernel`` adds; a cell of the submitted
    notebook that claims to be one (its metadata says so) would escape the output limit and be
    removed from what the trainer reads (red team, finding 14).
    """
    count = 0
    for cell in nb.cells:
        own = cell.metadata.get(METADATA_KEY) if hasattr(cell, "metadata") else None
        if isinstance(own, dict) and "recorder" in own:
            del own["recorder"]
            count += 1
    return count


class WriteOutsideGrades(_Enabled):
    """After the kernel has run: give the test cells their source back, with the clean grades as output."""

    check_timeout = Integer(300, help="seconds the clean check of one notebook may take").tag(config=True)

    def preprocess(self, nb, resources):
        from . import grading_log
        from .submission import submission_of

        submission = submission_of(self, resources)
        outside = resources.pop(OUTSIDE_KEY, None)
        if outside and outside["mode"] == "capstone":
            self._write_capstone(nb, outside)
        elif outside:
            self._write_answers(nb, resources, outside, submission)
        if submission:
            grading_log.append(submission.root, "end", submission.participant, submission.assignment, submission.notebook)
        return nb, resources

    def _write_capstone(self, nb, outside):
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

    def _write_answers(self, nb, resources, outside, submission):
        import json

        from . import grading_log
        from .answers import parse_record
        from .execute import NOT_RUN_KEY

        def problem(kind, message):
            self.log.warning("%s: %s", submission.describe() if submission else "notebook", message)
            if submission:
                grading_log.append(submission.root, "problem", submission.participant, submission.assignment, submission.notebook, kind=kind, message=message)

        record = None
        recorders = [c for c in nb.cells if isinstance(c.metadata.get(METADATA_KEY), dict) and c.metadata[METADATA_KEY].get("recorder")]
        for cell in recorders:
            text = "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")
            record = parse_record(text, outside["mark"]) if outside["mark"] else None
            nb.cells.remove(cell)
        recorded = record["values"] if record else {}
        answers, missing, changed = {}, [], []
        for cell_answers in outside["cells"]:
            values = dict(cell_answers.values)
            if cell_answers.problem:
                problem("unreadable_answer", f"answer cell {cell_answers.grade_id}: {cell_answers.problem}; it scores 0.")
            for name in cell_answers.computed:
                if name in recorded:
                    values[name] = recorded[name]
                else:
                    missing.append(name)
            for name, value in cell_answers.values.items():
                if name in recorded and json.dumps(recorded[name], sort_keys=True) != json.dumps(value, sort_keys=True):
                    changed.append(name)
            answers[cell_answers.grade_id] = values
            hidden = sorted(name for name, value in cell_answers.unused_saved.items()
                            if name not in values or json.dumps(values[name], sort_keys=True) != json.dumps(value, sort_keys=True))
            if hidden:
                problem("two_answers", f"answer cell {cell_answers.grade_id} keeps answers saved by the exercise's form ({', '.join(hidden)}) "
                        "that differ from what the cell shows, and its code is no longer the form's own line: the answers the cell "
                        "shows were graded (those you read in formgrader), not the saved ones. Read the notebook, and ask the "
                        "participant which answers are theirs.")
        not_run = resources.get(NOT_RUN_KEY)
        expected = self._expected_names(submission)
        missing = [name for name in missing if expected is None or name in expected]
        setup = self._setup_names(submission)
        rebound = sorted({name for values in answers.values() for name in values if name in setup and (expected is None or name not in expected)})
        if rebound:
            problem("tampering", f"an answer cell sets {', '.join(rebound)}, which the exercise itself sets: that was ignored "
                    "(only the answers were graded). Look at the notebook.")
        if missing:
            why = not_run or ("the grader's recording cell printed nothing it could read: the notebook's code may have "
                              "changed how results are printed" if outside["mark"] else "")
            skipped = (record or {}).get("skipped", {})
            plain = [n for n in missing if n not in skipped]
            if plain or not_run:
                problem("answers_not_computed", f"answers computed by code could not be graded ({', '.join(plain or missing)}): {why}")
        if changed:
            problem("tampering", f"the notebook's code changed answers after their answer cell ({', '.join(sorted(changed))}): "
                    "the values written in the answer cells were graded. Look at the notebook.")
        result = self._check(submission, answers)
        for cell in nb.cells:
            grade_id = _nbgrader(cell).get("grade_id")
            if not (is_test_cell(cell) and grade_id in outside["sources"]):
                continue
            cell.source = outside["sources"][grade_id]
            outcome = result.get("tests", {}).get(grade_id) if result else None
            if outcome is None:
                reason = result.get("error", "the clean check did not run") if result else "the clean check did not run"
                cell.outputs = [error_output("GradingError", f"This check could not run outside the kernel ({reason}). Your trainer will look at it.")]
                continue
            outputs = []
            if outcome.get("stdout"):
                outputs.append(new_output("stream", name="stdout", text=outcome["stdout"]))
            if outcome.get("error"):
                error = outcome["error"]
                outputs.append(error_output(str(error.get("ename", "Error")), str(error.get("evalue", ""))))
            elif outcome.get("value") is not None:
                outputs.append(new_output("execute_result", data={"text/plain": str(outcome["value"])}, execution_count=cell.get("execution_count")))
            cell.outputs = outputs
        if result and result.get("error"):
            problem("check_failed", f"the clean check failed: {result['error']}")

    def _expected_names(self, submission) -> set[str] | None:
        """The names the trainer's answer cells assign (the answers a test can need), or None if unknown."""
        from .answer_check import answer_names

        cells = _source_cells(submission)
        if cells is None:
            return None
        names: set[str] = set()
        for cell in cells:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if cell.get("cell_type") == "code" and meta.get("solution"):
                names |= answer_names(meta.get("grade_id"), cell)
        return names

    def _setup_names(self, submission) -> set[str]:
        """Names the trainer's notebook sets outside its answer cells (setup, hidden tests)."""
        import ast

        from .answer_check import _source

        names: set[str] = set()
        for cell in _source_cells(submission) or []:
            if cell.get("cell_type") != "code" or cell.get("metadata", {}).get("nbgrader", {}).get("solution"):
                continue
            try:
                tree = ast.parse(_source(cell))
            except (SyntaxError, ValueError):
                continue
            names |= {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        return names

    def _check(self, submission, answers) -> dict:
        """Run answer_check in a fresh interpreter on the trainer's source notebook; {"tests": ...} or {"error": ...}."""
        import json
        import os
        import subprocess
        import sys
        import tempfile

        if submission is None or not submission.source_notebook.is_file():
            return {"error": "the trainer's source notebook was not found"}
        job = json.dumps({"source": str(submission.source_notebook), "answers": answers})
        with tempfile.TemporaryDirectory(prefix="upr-check-") as folder:
            try:
                done = subprocess.run([sys.executable, "-I", "-m", "upr_course.grading.answer_check"], input=job, capture_output=True,
                                      text=True, cwd=folder, timeout=self.check_timeout, env=dict(os.environ))
            except subprocess.TimeoutExpired:
                return {"error": f"it took longer than {self.check_timeout} s"}
        try:
            return json.loads(done.stdout.strip().splitlines()[-1])
        except (ValueError, IndexError):
            return {"error": (done.stderr.strip().splitlines() or ["no output"])[-1][:300]}


class StudentSource(_Enabled):
    """Give a solution cell the student version stored in its metadata (``upr_course.student_source``).

    The model answers saved in a solution cell's metadata (``upr_course.answers``, for exercises
    answered with forms) never reach the student version."""

    def preprocess_cell(self, cell, resources, index):
        own = cell.metadata.get(METADATA_KEY)
        if isinstance(own, dict) and _nbgrader(cell).get("solution"):
            own.pop("answers", None)
        if isinstance(own, dict) and "student_source" in own:
            cell.source = own["student_source"]
            del own["student_source"]
            if not own:
                del cell.metadata[METADATA_KEY]
        return cell, resources


class SkipWhenGrading(_Enabled):
    """Replace the source of cells tagged ``skip-when-grading`` with a comment, except the trainer's cells.

    A cell is run whatever its tags say when it is graded, an answer, a task or locked
    (nbgrader's metadata, which ``OverwriteCells`` has just restored from the gradebook for
    the cells it knows), or when its grade id is one of the trainer's source notebook's
    cells: tags are not part of nbgrader's checksum, so a participant can tag the locked setup
    cell, and can forge its ``locked`` flag as well; the trainer's notebook decides, not
    the participant's copy. Only a cell with none of these (a self-check that shows a
    report, say) is skipped.
    """

    tag = Unicode("skip-when-grading").tag(config=True)
    note = Unicode("# (Not run by the grader: this cell only shows a report to you.)").tag(config=True)

    def preprocess(self, nb, resources):
        from .submission import submission_of

        submission = submission_of(self, resources)
        cells = _source_cells(submission) if submission else None
        self._trainers_ids = {
            str(grade_id) for cell in cells or []
            if isinstance(meta := cell.get("metadata", {}).get("nbgrader"), dict) and (grade_id := meta.get("grade_id"))
        }
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):
        meta = _nbgrader(cell)
        meta = meta if isinstance(meta, dict) else {}
        trainers = (meta.get("grade") or meta.get("solution") or meta.get("task") or meta.get("locked")
                    or str(meta.get("grade_id")) in getattr(self, "_trainers_ids", set()))
        tags = cell.metadata.get("tags", [])
        if cell.cell_type == "code" and isinstance(tags, list) and self.tag in tags and not trainers:
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


#: Output formats the trainer's formgrader page may show from a participant's notebook: text
#: and raster images. HTML, JavaScript, SVG and the other rich formats can carry a script.
SAFE_OUTPUT_FORMATS = ("text/plain", "image/png", "image/jpeg", "image/gif")

#: How each raster format's data starts, once decoded from base64 (its file signature).
PICTURE_SIGNATURES = {"image/png": (b"\x89PNG\r\n\x1a\n",), "image/jpeg": (b"\xff\xd8\xff",), "image/gif": (b"GIF87a", b"GIF89a")}

#: Where a link or picture in a participant's markdown may lead, besides an address on the same
#: site (relative, or ``#`` a place on the page): a web page or an e-mail address. A picture may
#: also be the data of an image (nbconvert shows a cell's attachments that way).
LINK_SCHEMES = frozenset({"http", "https", "mailto"})

#: Attributes whose value is an address (html5lib's list, which bleach checks, and ``srcset``).
ADDRESS_ATTRIBUTES = frozenset({"action", "background", "base", "cite", "datasrc", "dynsrc", "formaction", "href", "longdesc",
                                "lowsrc", "ping", "poster", "src", "srcset", "xlink:href"})

UNSAFE_LINK_NOTE = ("(A link or picture in this cell leads somewhere other than a web page or an e-mail address, "
                    "so the cell is shown as the participant wrote it, with no live link.)")


class NoParticipantScript(_Enabled):
    """Nothing a participant wrote runs as a script in the trainer's formgrader page.

    formgrader shows the autograded notebook inside the trainer's own Jupyter server, so a
    script there could use the trainer's Jupyter (run code outside the sandbox, change grades).
    A participant can put one in a markdown cell (raw HTML, ``<img onerror=...>``, or a link to
    ``javascript:``: no code needed) or in an output of their code (``display(HTML(...))``,
    ``Javascript``, or an image whose metadata nbconvert writes into the ``<img>`` tag). So, in
    the autograded notebook, a markdown cell that is not one of the trainer's own (the source
    notebook's, word for word):

    * has its HTML shown as text (``<`` written ``&lt;``);
    * is rendered as formgrader will render it (nbconvert's own markdown renderer), and when a
      link or picture there leads anywhere but a web page, an e-mail address or an address on
      the same site, the whole cell is shown as its text (a code block) under a note;

    and outputs keep only text and raster images whose data is one, with no metadata but the
    picture's size (whole numbers), its alt text and nbconvert's ``unconfined``. The trainer
    still reads everything the participant wrote.
    """

    def preprocess(self, nb, resources):
        from .submission import submission_of

        trusted = self._trainers_markdown(submission_of(self, resources))
        for cell in nb.cells:
            if cell.cell_type == "markdown" and cell.source not in trusted:
                cell.source = self._participants_markdown(cell.source, cell.get("attachments"))
            elif cell.cell_type == "code":
                for output in cell.get("outputs", []):
                    self._keep_safe_formats(output)
        return nb, resources

    @staticmethod
    def _participants_markdown(source: str, attachments=None) -> str:
        escaped = source.replace("&", "&amp;").replace("<", "&lt;")
        if all(_safe_address(tag, value) for tag, value in _addresses(_markdown_as_html(escaped, attachments))):
            return escaped
        longest = max((len(run) for run in re.findall(r"`+", source)), default=0)
        fence = "`" * max(3, longest + 1)
        return f"{UNSAFE_LINK_NOTE}\n\n{fence}\n{source}\n{fence}\n"

    @staticmethod
    def _keep_safe_formats(output) -> None:
        data = output.get("data")
        if not isinstance(data, dict):
            return
        dropped = [kind for kind in data if kind not in SAFE_OUTPUT_FORMATS or not _is_picture_or_text(kind, data[kind])]
        for kind in dropped:
            del data[kind]
        if dropped and not data:
            data["text/plain"] = f"(an output in {', '.join(sorted(dropped))} is not shown here: it could run a script)"
        if "metadata" in output:
            output["metadata"] = from_dict(_picture_metadata(output.get("metadata")))

    @staticmethod
    def _trainers_markdown(submission) -> set[str]:
        from .extract import cell_source

        return {cell_source(cell) for cell in _source_cells(submission) or [] if cell.get("cell_type") == "markdown"}


def _is_picture_or_text(kind: str, value) -> bool:
    """Text is text; a picture's data must be base64 of that format (its signature), nothing else."""
    if kind not in PICTURE_SIGNATURES:
        return True
    text = "".join(value) if isinstance(value, list) else value
    if not isinstance(text, str):
        return False
    try:
        decoded = base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        return False
    return decoded.startswith(PICTURE_SIGNATURES[kind])


def _picture_metadata(metadata) -> dict:
    """Of an output's metadata, only what nbconvert's templates read of a picture, made harmless.

    nbconvert writes ``width`` and ``height`` into the ``<img>`` tag without quotes, so they stay
    only as whole numbers; ``alt`` (quoted and escaped) as text, ``unconfined`` as true or false.
    The same keys may sit at the top (nbconvert falls back to them) or under a picture's format.
    """
    if not isinstance(metadata, dict):
        return {}
    kept = _size_and_alt(metadata)
    for kind in PICTURE_SIGNATURES:
        if isinstance(metadata.get(kind), dict) and (inner := _size_and_alt(metadata[kind])):
            kept[kind] = inner
    return kept


def _size_and_alt(metadata: dict) -> dict:
    kept = {}
    for key in ("width", "height"):
        value = metadata.get(key)
        if isinstance(value, str) and value.isascii() and value.isdigit():
            value = int(value)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and value >= 0:
            kept[key] = int(value)
    if isinstance(metadata.get("alt"), str):
        kept["alt"] = metadata["alt"]
    if isinstance(metadata.get("unconfined"), bool):
        kept["unconfined"] = metadata["unconfined"]
    return kept


def _markdown_as_html(source: str, attachments) -> str | None:
    """``source`` as formgrader's page shows it (nbconvert's HTMLExporter.markdown2html); None if it cannot."""
    from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath

    try:
        renderer = IPythonRenderer(escape=False, attachments=attachments if isinstance(attachments, dict) else {})
        return MarkdownWithMath(renderer=renderer).render(source)
    except Exception:  # noqa: BLE001 - a cell nbconvert cannot render (a missing attachment) is shown as text
        return None


def _addresses(page: str | None) -> list[tuple[str, str]]:
    """(tag, address) of every attribute of ``page`` that holds an address; one unsafe pair when there is no page."""
    from html.parser import HTMLParser

    if page is None:
        return [("", "unreadable:")]
    found: list[tuple[str, str]] = []

    class Addresses(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.extend((tag, value or "") for name, value in attrs if name in ADDRESS_ATTRIBUTES)

    parser = Addresses(convert_charrefs=True)
    parser.feed(page)
    parser.close()
    return found


def _safe_address(tag: str, address: str) -> bool:
    """An address on the same site, a web page, an e-mail address, or (a picture's) image data.

    Read as a browser reads it: entities are already decoded; spaces and control characters,
    which browsers skip in a scheme, are removed before the scheme is read.
    """
    from urllib.parse import urlsplit

    normal = re.sub(r"[\x00-\x20\x7f-\xa0\s]+", "", address).lower()
    try:
        scheme = urlsplit(normal).scheme
    except ValueError:
        return False
    if not scheme:
        return True
    if tag == "img" and scheme == "data":
        return normal.startswith("data:image/")
    return scheme in LINK_SCHEMES
