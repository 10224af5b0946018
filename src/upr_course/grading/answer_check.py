"""Check a participant's answers in a clean process: the trainer's notebook, the participant's values.

Started by the grader (``preprocessors.WriteOutsideGrades``) as::

    python -I -m upr_course.grading.answer_check < job.json

where the job is ``{"source": "<the trainer's source notebook>", "answers": {grade_id: {name: value}}}``.
It runs the code cells of the TRAINER's notebook (``solutions/``: setup cells, worked
examples, and the test cells with their hidden tests) in order, in a fresh interpreter,
except that each answer cell is replaced by the participant's answers, as plain data. No
line the participant wrote is run here; what a test compares is data, not an object they
made. It prints one JSON object: for each test cell, what it printed, the value of its last
line (its score), or its error.

``-I`` (isolated mode) ignores ``PYTHON*`` variables, the user's site-packages and the
current folder. Only the trainer's code and the course's package run.
"""

from __future__ import annotations

import ast
import contextlib
import copy
import io
import json
import sys
import warnings

SKIP_TAG = "skip-when-grading"


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    text = "".join(source) if isinstance(source, list) else str(source)
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in text.split("\n"))


def run_cell(source: str, namespace: dict) -> dict:
    """Run one cell as IPython would (statements, then the value of a final expression)."""
    out = io.StringIO()
    result: dict = {"stdout": "", "value": None, "error": None}
    try:
        tree = ast.parse(source)
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        with contextlib.redirect_stdout(out), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            exec(compile(tree, "<cell>", "exec"), namespace)
            if last is not None:
                value = eval(compile(ast.Expression(last.value), "<cell>", "eval"), namespace)
                if value is not None:
                    result["value"] = repr(value)
    except (Exception, SystemExit) as error:  # noqa: BLE001 - a failed check is a result, like in a notebook
        result["error"] = {"ename": type(error).__name__, "evalue": str(error)[:500]}
    result["stdout"] = out.getvalue()[-20_000:]
    return result


def answer_names(grade_id, cell: dict) -> set[str]:
    """The names an answer cell of the trainer's notebook sets (its answers), as the grader reads them."""
    from .answers import read_cell_answers

    found = read_cell_answers(grade_id, _source(cell), cell.get("metadata"))
    return set(found.values) | set(found.computed)


def check(job: dict) -> dict:
    with open(job["source"], encoding="utf-8") as handle:
        notebook = json.load(handle)
    answers = job.get("answers", {})
    namespace: dict = {"__name__": "__main__"}
    tests: dict[str, dict] = {}
    setup_errors: list[str] = []
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        meta = cell.get("metadata", {}).get("nbgrader", {})
        grade_id = meta.get("grade_id")
        if meta.get("solution"):
            # Only the names the trainer's own answer cell sets: an answer cell that also sets a
            # name of the exercise's setup (exercise 04's list CHOSEN) must not change the test.
            allowed = answer_names(grade_id, cell)
            given = answers.get(grade_id, {})
            namespace.update(copy.deepcopy({name: value for name, value in given.items() if name in allowed}))
            continue
        if SKIP_TAG in cell.get("metadata", {}).get("tags", []) and not meta.get("grade"):
            continue
        result = run_cell(_source(cell), namespace)
        if meta.get("grade"):
            tests[grade_id] = result
        elif result["error"]:
            setup_errors.append(f"{result['error']['ename']}: {result['error']['evalue']}")
    return {"tests": tests, "setup_errors": setup_errors}


def main() -> int:
    job = json.loads(sys.stdin.read())
    sys.stdout.write(json.dumps(check(job), ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
