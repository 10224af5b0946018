"""nbgrader's ``Execute``, with the participant's kernel in a sandbox, and only when a grade needs it.

:class:`SandboxedExecute` replaces nbgrader's ``Execute`` in ``nbgrader_config.py``:

- **Not at all** when no grade needs the participant's code: the capstone is graded from
  its text, and exercises whose answers are all written as literals (or saved by widgets)
  are checked from the notebook's text (``GradeOutsideKernel`` decides, ``answers.py``).
- **In the sandbox** otherwise (``kernel_sandbox.py``): a temporary folder holding only this
  submission's files, no view of the course, a cleaned environment, no network, limits.
- **Never without it**, unless the trainer sets ``UPR_COURSE_SANDBOX=off``: where bubblewrap
  is missing (macOS, Windows), answers that only code can compute are not graded, and the
  report says so and why.

A cell that runs longer than ``timeout`` (30 s) stops the kernel: its later cells are not run,
the grading goes on with what the notebook's text gives, and the report names the cell.
The whole notebook has a budget too (``notebook_timeout``, by default twice ``timeout``):
many cells that each stay just under the cell limit would otherwise hold the class's
grading for as long as they like (sleeping uses no CPU time, so the CPU limit does not
stop them). When the budget runs out the kernel is stopped the same way, and the report
says so (``notebook_timeout``).
A kernel killed by a limit (CPU time, memory, processes) is named with its cause too, and
output beyond ``output_limit`` bytes is dropped. Each of these is written to the grader's
log (``grading_log.py``), which only the trainer's process can write.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import tempfile
import time
from pathlib import Path

from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat.v4 import new_output
from nbgrader.preprocessors import Execute
from traitlets import Bool, Integer, TraitError, validate

from . import grading_log
from .kernel_sandbox import COPY_FAILED_STATUS, SANDBOX_SETTING, CleanKernelManager, Limits, Sandbox, SandboxedKernelManager, sandbox_status
from .submission import submission_of

#: Set by GradeOutsideKernel: {"needed": bool, "why": str}.
KERNEL_KEY = "upr_course_kernel"
#: Set here when the participant's code was not run (the reason, for the report and the feedback).
NOT_RUN_KEY = "upr_course_not_run"
MAX_COPIED_BYTES = 50 * 1024**2


class NotebookTimeoutError(CellTimeoutError):
    """The whole notebook used up its time budget (``SandboxedExecute.notebook_timeout``)."""


def _problem(submission, kind: str, message: str, log) -> None:
    log.warning("%s: %s", submission.describe() if submission else "notebook", message)
    if submission:
        grading_log.append(submission.root, "problem", submission.participant, submission.assignment, submission.notebook, kind=kind, message=message)


def _copy_submission(submission, build_folder: Path | None, work: Path, limit: int = MAX_COPIED_BYTES) -> None:
    """This submission's own files (and the assignment's extra files) into the kernel's empty folder, ``limit`` bytes at most."""
    total = 0
    sources = []
    if build_folder and build_folder.is_dir():  # the autograded copy: extra files, but its notebooks hold restored hidden tests
        sources += [(p, p.relative_to(build_folder)) for p in build_folder.rglob("*") if p.is_file() and p.suffix != ".ipynb"]
    if submission and submission.submitted_folder.is_dir():
        sources += [(p, p.relative_to(submission.submitted_folder)) for p in submission.submitted_folder.glob("*.ipynb") if p.is_file()]
    for path, relative in sources:
        if path.is_symlink() or ".ipynb_checkpoints" in relative.parts:
            continue
        size = path.stat().st_size
        if total + size > limit:
            continue
        total += size
        (work / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, work / relative)


def _exit_cause(status: int | None) -> str:
    if status is None:
        return "the kernel stopped"
    if status == COPY_FAILED_STATUS:
        return "the kernel did not start: the submission's files could not be copied into its folder (larger than work_mb?)"
    code = -status if status < 0 else (status - 128 if status > 128 else 0)
    causes = {signal.SIGXCPU: "it used up its CPU time limit", signal.SIGKILL: "it was killed (by a limit, or by its own code)",
              signal.SIGSEGV: "it crashed (segmentation fault)", signal.SIGXFSZ: "it wrote a file beyond the size limit"}
    if code in causes:
        return f"the kernel stopped: {causes[code]}"
    return f"the kernel stopped (exit status {status})"


class SandboxedExecute(Execute):
    """Run the participant's notebook only if needed, and then only inside the sandbox."""

    timeout = Integer(30, allow_none=True, help="seconds one cell may run; then the kernel is stopped").tag(config=True)
    interrupt_on_timeout = Bool(False).tag(config=True)
    output_limit = Integer(2_000_000, help="bytes of output kept from one notebook").tag(config=True)
    notebook_timeout = Integer(
        None, allow_none=True,
        help="seconds all the cells of one notebook may run together (not counting the kernel's start); then the kernel is "
        "stopped. Default (None): twice `timeout`, because many cells that each stay just under `timeout` (sleeping, "
        "which the CPU limit does not count) would otherwise hold the whole class's grading. 0: no limit.",
    ).tag(config=True)
    cpu_seconds = Integer(Limits.cpu_seconds).tag(config=True)
    memory_mb = Integer(Limits.memory_bytes // 1024**2).tag(config=True)
    work_mb = Integer(
        Limits.work_bytes // 1024**2,
        help="megabytes the kernel may write in its working folder, all files together (a tmpfs: it uses memory while "
        "that notebook runs, never the disk); past it, the participant's code gets 'No space left on device'.",
    ).tag(config=True)

    @validate("work_mb")
    def _check_work_mb(self, proposal):
        if proposal["value"] < 16:
            raise TraitError(f"SandboxedExecute.work_mb is {proposal['value']}: give at least 16 (megabytes); the default is "
                             f"{Limits.work_bytes // 1024**2}.")
        return proposal["value"]

    @validate("notebook_timeout")
    def _check_notebook_timeout(self, proposal):
        if proposal["value"] is not None and proposal["value"] < 0:
            raise TraitError(f"SandboxedExecute.notebook_timeout is {proposal['value']}: give a number of seconds, 0 for no "
                             "limit, or leave it out (twice `timeout`).")
        return proposal["value"]

    def notebook_budget(self) -> float | None:
        """Seconds the notebook's cells may run together; None: no limit."""
        if self.notebook_timeout is not None:
            return float(self.notebook_timeout) or None
        return 2.0 * self.timeout if self.timeout and self.timeout > 0 else None

    def preprocess(self, nb, resources=None, km=None):
        resources = resources if resources is not None else {}
        submission = submission_of(self, resources)
        decision = resources.get(KERNEL_KEY)
        if decision is not None and not decision.get("needed", True):
            self._log_mode(submission, "not needed")
            return nb, resources
        mode = os.environ.get(SANDBOX_SETTING, "bwrap").strip().lower()
        status = sandbox_status()
        if mode != "off" and not status.available:
            reason = (f"The participant's code was not run, because this computer has no sandbox: {status.reason}. "
                      f"Answers that only code computes were not graded. Grade on Linux with bubblewrap, or set {SANDBOX_SETTING}=off "
                      "only on a computer where nothing must stay hidden from participants (see the trainer guide).")
            resources[NOT_RUN_KEY] = reason
            self._log_mode(submission, "unavailable")
            _problem(submission, "no_sandbox", reason, self.log)
            return nb, resources
        with tempfile.TemporaryDirectory(prefix="upr-sandbox-") as folder:
            limits = Limits(cpu_seconds=self.cpu_seconds, memory_bytes=self.memory_mb * 1024**2, work_bytes=self.work_mb * 1024**2)
            sandbox = Sandbox(Path(folder), limits, status.bwrap or "bwrap")
            sandbox.work.mkdir(parents=True)
            build = resources.get("metadata", {}).get("path")
            # At most half the working folder, so that the copy always fits and the notebook can still write.
            _copy_submission(submission, Path(build) if build else None, sandbox.work, min(MAX_COPIED_BYTES, limits.work_bytes // 2))
            sandbox.prepare()
            kernel_name = nb.metadata.get("kernelspec", {}).get("name") or "python3"
            if mode == "off":
                self._log_mode(submission, "off")
                _problem(submission, "sandbox_off", f"The participant's code ran WITHOUT a sandbox ({SANDBOX_SETTING}=off), with your rights.", self.log)
                manager = CleanKernelManager(kernel_name=kernel_name, workdir=sandbox.work)
            else:
                self._log_mode(submission, "bwrap")
                manager = SandboxedKernelManager(kernel_name=kernel_name, sandbox=sandbox)
            self._output_bytes, self._output_capped, self._upr_current_index = 0, False, None
            self._upr_deadline, self._upr_cut_by_budget = None, False
            try:
                super().preprocess(nb, resources, km=manager)
            except CellTimeoutError as error:
                cell = self._current_cell_label(nb)
                if isinstance(error, NotebookTimeoutError) or self._upr_cut_by_budget:
                    kind = "notebook_timeout"
                    message = (f"The notebook's cells ran longer than {self.notebook_budget():g} s together (the limit for a whole notebook; "
                               f"{cell} was running): the kernel was stopped and the cells after it were not run.")
                else:
                    kind = "timeout"
                    message = f"{cell} ran longer than {self.timeout} s (an endless loop?): the kernel was stopped and the cells after it were not run."
                self._mark_not_run(nb, resources, message)
                _problem(submission, kind, message, self.log)
            except (DeadKernelError, RuntimeError) as error:
                status_code = manager.exit_status() if hasattr(manager, "exit_status") else None
                cause = _exit_cause(status_code)
                cell = self._current_cell_label(nb)
                message = f"{cause} while running {cell}; the cells after it were not run ({type(error).__name__})."
                self._mark_not_run(nb, resources, message)
                _problem(submission, "kernel_died", message, self.log)
            for index, cell in enumerate(nb.cells):
                if any(o.get("output_type") == "error" and o.get("ename") == "MemoryError" for o in cell.get("outputs", [])):
                    _problem(
                        submission, "memory_limit", f"cell {index + 1} ran out of memory (the limit is {self.memory_mb:,} MB); the notebook went on.", self.log
                    )
            if self._output_capped:
                _problem(submission, "output_limit", f"The notebook printed more than {self.output_limit:,} bytes: the rest was dropped.", self.log)
        return nb, resources

    def _log_mode(self, submission, mode: str) -> None:
        if submission:
            grading_log.append(submission.root, "sandbox", submission.participant, submission.assignment, submission.notebook, mode=mode)

    def _current_cell_label(self, nb) -> str:
        index = getattr(self, "_upr_current_index", None)
        if index is None or index >= len(nb.cells):
            return "the kernel's start"
        cell = nb.cells[index]
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        first = next((line for line in cell.source.splitlines() if line.strip()), "")[:60]
        return f"cell {index + 1}" + (f" ({grade_id})" if grade_id else f" ({first!r})")

    def _mark_not_run(self, nb, resources, message: str) -> None:
        resources[NOT_RUN_KEY] = message
        index = getattr(self, "_upr_current_index", None)
        if index is not None and index < len(nb.cells):
            nb.cells[index].outputs.append(new_output("error", ename="GradingStopped", evalue=message, traceback=[f"GradingStopped: {message}"]))

    def preprocess_cell(self, cell, resources, index):
        self._upr_current_index = index
        budget = self.notebook_budget()
        if budget is not None and cell.cell_type == "code" and cell.source.strip():
            if getattr(self, "_upr_deadline", None) is None:  # the clock starts with the first cell, once the kernel is ready
                self._upr_deadline = time.monotonic() + budget
            elif time.monotonic() >= self._upr_deadline:
                raise NotebookTimeoutError(f"the notebook used up its {budget:g} s")
        return super().preprocess_cell(cell, resources, index)

    def _get_timeout(self, cell):
        """The cell's own limit, or what is left of the notebook's budget if that is less (nbclient asks before each cell)."""
        timeout = super()._get_timeout(cell)
        deadline = getattr(self, "_upr_deadline", None)
        if cell is None or deadline is None:
            return timeout
        left = max(deadline - time.monotonic(), 0.1)
        self._upr_cut_by_budget = timeout is None or left < timeout
        return left if self._upr_cut_by_budget else timeout

    def output(self, outs, msg, display_id, cell_index):
        cell = self.nb.cells[cell_index] if cell_index < len(self.nb.cells) else None
        if cell is not None and isinstance(cell.metadata.get("upr_course"), dict) and cell.metadata["upr_course"].get("recorder"):
            return super().output(outs, msg, display_id, cell_index)  # the grader's own record is never dropped
        size = len(json.dumps(msg.get("content", {}), default=str))
        self._output_bytes = getattr(self, "_output_bytes", 0) + size
        if self._output_bytes > self.output_limit:
            if not getattr(self, "_output_capped", False):
                self._output_capped = True
                outs.append(
                    new_output("stream", name="stdout", text=f"\n[The grader dropped the rest of the output: more than {self.output_limit:,} bytes.]\n")
                )
            return None
        return super().output(outs, msg, display_id, cell_index)
