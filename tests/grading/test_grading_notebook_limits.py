"""Limits for a whole notebook in the grading sandbox: a time budget and a size-limited working folder.

Red-team findings 11 and 12: a cell timeout alone lets many cells that each stay just under it
hold the class's grading, and a file-size limit alone lets many files fill the trainer's disk.
These run a notebook through :class:`SandboxedExecute` as nbgrader does, with small limits so
that they stay quick. The first tests run everywhere; the others need bubblewrap.
"""

from __future__ import annotations

import atexit
import json
import time
from pathlib import Path

import nbformat
import pytest
from traitlets import TraitError
from traitlets.config import Config

from upr_course.grading import grading_log, kernel_sandbox
from upr_course.grading.execute import NOT_RUN_KEY, SandboxedExecute

needs_sandbox = pytest.mark.skipif(not kernel_sandbox.sandbox_status().available,
                                   reason=f"no sandbox here: {kernel_sandbox.sandbox_status().reason}")
PARTICIPANT, ASSIGNMENT, NOTEBOOK = "p1", "01-test", "test"


def test_the_notebook_budget_is_twice_the_cell_timeout_unless_set():
    assert SandboxedExecute().notebook_budget() == 60
    assert SandboxedExecute(timeout=10).notebook_budget() == 20
    assert SandboxedExecute(timeout=10, notebook_timeout=45).notebook_budget() == 45
    assert SandboxedExecute(timeout=10, notebook_timeout=0).notebook_budget() is None


def test_wrong_limits_are_refused_with_a_message_that_says_what_to_give():
    with pytest.raises(TraitError, match="number of seconds"):
        SandboxedExecute(notebook_timeout=-1)
    with pytest.raises(TraitError, match="at least 16"):
        SandboxedExecute(work_mb=1)


def test_the_kernels_folder_is_a_size_limited_tmpfs_not_a_folder_of_the_host(tmp_path):
    sandbox = kernel_sandbox.Sandbox(tmp_path / "box", kernel_sandbox.Limits(work_bytes=32 * 1024**2))
    command = sandbox.command(["python", "-m", "ipykernel"])
    at = command.index(kernel_sandbox.WORKDIR)
    assert command[at - 3:at + 1] == ["--size", str(32 * 1024**2), "--tmpfs", kernel_sandbox.WORKDIR]
    assert [command[i - 1] for i, arg in enumerate(command) if arg == str(sandbox.work)] == ["--ro-bind"]


def run(tmp_path: Path, sources: list[str], extra_files: dict[str, str] | None = None, **options):
    """Run a notebook of these code cells as participant p1's submission; its resources and the grading log's problems."""
    submitted = tmp_path / "submitted" / PARTICIPANT / ASSIGNMENT
    submitted.mkdir(parents=True)
    nb = nbformat.v4.new_notebook()
    nb.metadata.kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    nbformat.write(nb, submitted / f"{NOTEBOOK}.ipynb")
    build = tmp_path / "autograded" / PARTICIPANT / ASSIGNMENT
    build.mkdir(parents=True)
    for name, text in (extra_files or {}).items():
        (build / name).write_text(text, encoding="utf-8")
    config = Config()
    config.CourseDirectory.root = str(tmp_path)
    resources = {"nbgrader": {"student": PARTICIPANT, "assignment": ASSIGNMENT, "notebook": NOTEBOOK}, "metadata": {"path": str(build)}}
    start = time.monotonic()
    nb, resources = SandboxedExecute(config=config, **options).preprocess(nb, resources)
    seconds = time.monotonic() - start
    log = grading_log.log_path(tmp_path)
    events = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()] if log.exists() else []
    problems = {e["kind"]: e["message"] for e in events if e["event"] == "problem"}
    return nb, resources, problems, seconds


def text_of(cell) -> str:
    return "".join(o.get("text", "") for o in cell.outputs)


@needs_sandbox
def test_many_cells_under_the_cell_timeout_are_stopped_by_the_notebooks_budget(tmp_path):
    sources = ["X = 1  # a value, graded from the text"] + ["import time\ntime.sleep(1.5)\nprint('slept')"] * 8 + ["print('LAST CELL')"]
    nb, resources, problems, seconds = run(tmp_path, sources, timeout=3, notebook_timeout=5)
    assert seconds < 5 + 15, f"{seconds:.1f} s"  # 8 x 1.5 = 12 s of sleeping; the budget is 5 s (plus the kernel's start and stop)
    assert "notebook_timeout" in problems and "timeout" not in problems, problems
    assert "5 s together" in problems["notebook_timeout"] and "the cells after it were not run" in problems["notebook_timeout"]
    assert resources[NOT_RUN_KEY] == problems["notebook_timeout"]
    slept = sum("slept" in text_of(cell) for cell in nb.cells)
    assert 2 <= slept <= 4, slept
    assert "LAST CELL" not in text_of(nb.cells[-1])
    stopped = [cell for cell in nb.cells if any(o.get("ename") == "GradingStopped" for o in cell.outputs)]
    assert len(stopped) == 1 and "slept" not in text_of(stopped[0])


@needs_sandbox
def test_one_long_cell_gets_only_what_is_left_of_the_budget_and_is_named_by_the_limit_it_hit(tmp_path):
    long_cell = ["import time\ntime.sleep(20)"]
    nb, resources, problems, seconds = run(tmp_path / "budget", long_cell, timeout=30, notebook_timeout=3)
    assert "notebook_timeout" in problems and "cell 1" in problems["notebook_timeout"], problems
    assert seconds < 3 + 15, f"{seconds:.1f} s"
    nb, resources, problems, seconds = run(tmp_path / "cell", long_cell, timeout=2, notebook_timeout=30)
    assert "timeout" in problems and "notebook_timeout" not in problems, problems
    nb, resources, problems, seconds = run(tmp_path / "honest", ["import time\ntime.sleep(0.5)\nprint('one')", "print('two')"], timeout=1)
    assert problems == {} and NOT_RUN_KEY not in resources, problems  # 2 s in all for 0.5 s of work: the budget does not stop it
    assert [text_of(cell).strip() for cell in nb.cells] == ["one", "two"]


FILL = """
import errno, os
written, error = 0, None
try:
    for i in range(100):
        with open(f"fill-{i}.bin", "wb") as handle:
            for _ in range(8):
                handle.write(b"x" * (1 << 20))
                handle.flush()
                written += 1
except OSError as caught:
    error = errno.errorcode.get(caught.errno)
print("WRITTEN", written, error)
"""


@needs_sandbox
def test_files_written_in_the_kernels_folder_stop_at_its_size_with_no_space_left(tmp_path):
    sources = [
        "import os\nprint(sorted(os.listdir('.')), os.getcwd())\nprint(open('data.csv').read())",
        FILL,
        "import os\nst = os.statvfs('.')\nprint('SIZE_MB', st.f_blocks * st.f_frsize // 2**20)",
        "try:\n    open('/run/upr-submission/x', 'w')\nexcept OSError as error:\n    print('READ-ONLY', type(error).__name__)",
    ]
    nb, resources, problems, seconds = run(tmp_path, sources, {"data.csv": "a,b\n1,2\n"}, timeout=30, work_mb=32)
    listing = text_of(nb.cells[0])
    assert "'data.csv'" in listing and f"'{NOTEBOOK}.ipynb'" in listing and "/home/participant" in listing and "a,b" in listing
    written = text_of(nb.cells[1]).split()
    assert written[0] == "WRITTEN" and int(written[1]) <= 32 and written[2] == "ENOSPC", written
    assert text_of(nb.cells[2]).split() == ["SIZE_MB", "32"]
    assert "READ-ONLY" in text_of(nb.cells[3])
    assert problems == {}, problems


@needs_sandbox
def test_a_submission_larger_than_the_folder_is_named_not_started(tmp_path):
    from nbclient import NotebookClient

    from upr_course.grading.execute import _exit_cause

    sandbox = kernel_sandbox.Sandbox(tmp_path / "box", kernel_sandbox.Limits(work_bytes=1024**2))
    sandbox.work.mkdir(parents=True)
    (sandbox.work / "big.csv").write_bytes(b"x" * 2 * 1024**2)
    sandbox.prepare()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("print('ran')")]
    manager = kernel_sandbox.SandboxedKernelManager(kernel_name="python3", sandbox=sandbox)
    client = NotebookClient(nb, km=manager, timeout=30, startup_timeout=30)
    try:
        with pytest.raises(RuntimeError):
            client.execute()
    finally:
        atexit.unregister(client._cleanup_kernel)  # nbclient's own clean-up at exit fails once a start has failed
    assert manager.exit_status() == kernel_sandbox.COPY_FAILED_STATUS
    assert "could not be copied" in _exit_cause(manager.exit_status())
