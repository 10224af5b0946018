"""Checks of submitted notebooks: what nbgrader would grade silently as 0, or not at all.

nbgrader's own behaviour (``shared/research/nbgrader-findings.md``): a notebook that is not
valid JSON fails only that participant and shows 0.0 in the exported CSV; a renamed
notebook is skipped; a notebook without its grading metadata waits for manual grading
forever; a deleted test cell scores nothing. Each check here returns plain sentences that
name the notebook and say what to do, so a trainer's report never shows a silent zero.

:func:`suspicious_code` is a static scan (with :mod:`ast`, nothing is run) of the code a
participant wrote, for the ways of changing a grade from inside the kernel: rebinding
built-in names (``float = ...``), changing modules' attributes (``upr_course.rubric.grade_text
= ...``), objects with their own comparison (``__eq__``), and tools that reach into the
kernel or the process (``get_ipython``, ``sys.modules``, ``os.environ``, ``subprocess``).
A hit is not proof of cheating: the trainer looks at the cell.
"""

from __future__ import annotations

import ast
import builtins
import re
from dataclasses import dataclass
from pathlib import Path

from .extract import AnswerNotFound, cell_source, grade_id_of, read_notebook_json

#: Built-in names whose rebinding changes how tests compute or show a score.
WATCHED_BUILTINS = frozenset(
    name
    for name in dir(builtins)
    if not name.startswith("_") and not name[0].isupper() and name not in {"copyright", "credits", "license", "exit", "quit", "help"}
) | {"__import__", "__builtins__"}
#: Dunder methods that let an object pretend to be equal to, or convert to, anything.
WATCHED_DUNDERS = frozenset(
    {"__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__", "__float__", "__int__", "__index__", "__bool__", "__class__", "__instancecheck__"}
)
#: Names and attributes that reach into the kernel, the interpreter or the process.
WATCHED_CALLS = {
    "get_ipython": "uses get_ipython(), which can change how results are shown",
    "setattr": "uses setattr(), which can replace functions",
    "delattr": "uses delattr(), which can remove functions",
    "exec": "runs code from text with exec()",
    "eval": "runs code from text with eval()",
    "compile": "compiles code from text with compile()",
    "__import__": "imports modules with __import__()",
    "globals": "uses globals(), which can rebind any name (globals().update(...))",
    "vars": "uses vars(), which can rebind any name",
    "locals": "uses locals()",
}
WATCHED_MODULES = {
    "builtins": "imports builtins, which can replace Python's own functions",
    "subprocess": "starts other programs (subprocess)",
    "ctypes": "uses ctypes, which can change the interpreter's memory",
    "importlib": "reloads or replaces modules (importlib)",
    "gc": "uses gc, which can reach any object",
    "inspect": "uses inspect",
    "IPython": "imports IPython, which can change how results are shown",
    "signal": "sends or catches signals (signal)",
    "sqlite3": "opens databases (sqlite3), such as a gradebook",
    "socket": "opens network connections (socket)",
    "multiprocessing": "starts other processes (multiprocessing)",
    "shutil": "copies or deletes files (shutil)",
    "pty": "opens terminals (pty)",
    "resource": "changes resource limits (resource)",
}
WATCHED_ATTRIBUTES = {
    ("sys", "modules"): "changes sys.modules, which can replace modules",
    ("sys", "executable"): "changes sys.executable",
    ("os", "environ"): "changes environment variables (os.environ)",
    ("os", "chdir"): "changes the working folder (os.chdir)",
    ("os", "putenv"): "changes environment variables (os.putenv)",
    ("os", "system"): "starts other programs (os.system)",
    ("os", "popen"): "starts other programs (os.popen)",
    ("os", "fork"): "starts other processes (os.fork)",
    ("os", "kill"): "sends signals to processes (os.kill)",
    ("os", "killpg"): "sends signals to processes (os.killpg)",
    ("os", "setsid"): "detaches processes (os.setsid)",
    ("os", "remove"): "deletes files (os.remove)",
    ("os", "unlink"): "deletes files (os.unlink)",
    ("os", "rename"): "moves files (os.rename)",
    ("os", "replace"): "moves files (os.replace)",
    ("os", "getppid"): "looks for the grader's process (os.getppid)",
}
#: A text that names a place outside the notebook's own folder.
_OUTSIDE_PATH = re.compile(r"^(/[^\s/]|\.\.[/\\]|~|[A-Za-z]:[/\\])")
_MAGIC = re.compile(r"^\s*[%!]")


@dataclass(frozen=True)
class Problem:
    """Something wrong with one notebook of one submission, in a sentence."""

    kind: str  # invalid_json, missing_notebook, renamed_notebook, no_grading_metadata, deleted_cells, changed_cells, tampering, two_plans...
    notebook: str
    message: str


def _parse(source: str) -> ast.Module | None:
    cleaned = "\n".join("" if _MAGIC.match(line) else line for line in source.split("\n"))
    try:
        return ast.parse(cleaned)
    except SyntaxError:
        return None


def suspicious_code(source: str) -> list[str]:
    """Plain descriptions of what in ``source`` could change a grade from inside the kernel (never raises)."""
    try:
        tree = _parse(source)
    except (RecursionError, MemoryError, ValueError):
        return ["is too deeply nested or too large to read (for example a very long expression): look at it"]
    if tree is None:
        return []
    try:
        return _scan(tree)
    except (RecursionError, MemoryError):
        return ["is too deeply nested to scan (for example a very long expression): look at it"]


def _scan(tree: ast.Module) -> list[str]:
    found: list[str] = []
    modules: set[str] = set()

    def note(text: str) -> None:
        if text not in found:
            found.append(text)

    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            for alias in node.names:
                modules.add((alias.asname or alias.name).split(".")[0])
                bound = alias.asname or alias.name.split(".")[0]
                if bound in WATCHED_BUILTINS:
                    note(f"rebinds Python's built-in name '{bound}' (import)")
            for name in names:
                top = name.split(".")[0]
                if top in WATCHED_MODULES:
                    note(WATCHED_MODULES[top])
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if node.name in WATCHED_BUILTINS:
                note(f"rebinds Python's built-in name '{node.name}' (def or class)")
            if isinstance(node, ast.ClassDef):
                for item in node.body:
                    names = [item.name] if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) else [
                        t.id for t in getattr(item, "targets", []) if isinstance(t, ast.Name)
                    ]
                    for name in names:
                        if name in WATCHED_DUNDERS:
                            note(f"defines a class with its own {name} (an object that can pretend to equal anything)")
        elif isinstance(node, ast.Name):
            if node.id in WATCHED_BUILTINS and isinstance(node.ctx, (ast.Store, ast.Del)):
                note(f"rebinds Python's built-in name '{node.id}'")  # =, :=, for, with, except, del, comprehensions
            if node.id == "__builtins__":
                note("uses __builtins__, which can replace Python's own functions")
        elif isinstance(node, ast.ExceptHandler) and node.name in WATCHED_BUILTINS:
            note(f"rebinds Python's built-in name '{node.name}'")
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            for name in node.names:
                if name in WATCHED_BUILTINS:
                    note(f"rebinds Python's built-in name '{name}' (global)")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in WATCHED_CALLS:
            note(WATCHED_CALLS[node.func.id])
        elif isinstance(node, ast.Attribute):
            if isinstance(node.value, ast.Name) and (node.value.id, node.attr) in WATCHED_ATTRIBUTES:
                note(WATCHED_ATTRIBUTES[(node.value.id, node.attr)])
            if (
                node.attr.startswith("__")
                and node.attr.endswith("__")
                and node.attr in {"__builtins__", "__globals__", "__dict__", "__subclasses__", "__code__"}
            ):
                note(f"reaches into Python's internals ({node.attr})")
            if isinstance(node.ctx, (ast.Store, ast.Del)):
                root = node
                while isinstance(root, (ast.Attribute, ast.Subscript)):
                    root = root.value
                if isinstance(root, ast.Name) and (root.id in modules or root.id in {"builtins", "__builtins__"}):
                    note(f"changes {ast.unparse(node)[:60]} (a module's attribute)")
        elif isinstance(node, ast.Subscript) and isinstance(node.ctx, (ast.Store, ast.Del)):
            root = node.value
            if isinstance(root, ast.Call) and isinstance(root.func, ast.Name) and root.func.id in {"globals", "vars", "locals"}:
                note(f"rebinds names through {root.func.id}()")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and "\n" not in node.value and len(node.value) < 300:
            if _OUTSIDE_PATH.match(node.value):
                note(f"names a file or folder outside its own folder ({node.value[:60]!r})")
    return found


def expected_cells(notebook) -> dict[str, str]:
    """``{grade_id: kind}`` of a gradebook ``Notebook``: its test, answer and task cells."""
    cells = {cell.name: "answer" for cell in notebook.solution_cells}
    cells.update({cell.name: "test" if cell.cell_type == "code" else "manual" for cell in notebook.grade_cells if cell.name not in cells})
    cells.update({cell.name: "task" for cell in notebook.task_cells})
    return cells


def check_notebook(path: Path, expected: dict[str, str], locked: set[str] = frozenset()) -> list[Problem]:
    """Problems of one submitted notebook file that should hold the cells ``expected``."""
    name = path.name
    try:
        notebook = read_notebook_json(path)
    except AnswerNotFound as error:
        return [Problem(error.kind, name, f"{error} nbgrader cannot grade it: ask the participant for the notebook again (File > Download), or repair "
            f"the JSON.")]
    cells = [c for c in notebook["cells"] if isinstance(c, dict)]
    present = {grade_id_of(c) for c in cells} - {None}
    problems = []
    if expected and not present:
        problems.append(Problem(
            "no_grading_metadata", name,
            f"{name} has lost its grading information (no cell has nbgrader metadata), probably because its cells were "
            "copied into a new notebook. Nothing in it can be autograded: copy the participant's answers into a fresh "
            "copy of the exercise, or grade it by hand.",
        ))
        return problems
    missing = [grade_id for grade_id in expected if grade_id not in present]
    if missing:
        kinds = ", ".join(f"{g} ({expected[g]})" for g in missing)
        problems.append(Problem(
            "deleted_cells", name,
            f"{name}: cells were deleted: {kinds}. Test and task cells are put back by the autograder; a deleted answer "
            "cell scores 0: look at the notebook to see whether the answer is elsewhere.",
        ))
    problems.extend(_grading_information_problems(name, cells, expected, locked))
    for cell in cells:
        if grade_id_of(cell) in locked or cell.get("cell_type") != "code":
            continue
        findings = suspicious_code(cell_source(cell))
        if findings:
            where = f"cell {grade_id_of(cell)}" if grade_id_of(cell) else "a cell the participant added"
            problems.append(Problem("tampering", name, f"{name}, {where}: {'; '.join(findings)}. Look at this cell before you trust the grade."))
    return problems


def _flags(cell: dict) -> dict:
    meta = cell.get("metadata")
    nbgrader = meta.get("nbgrader") if isinstance(meta, dict) else None
    return nbgrader if isinstance(nbgrader, dict) else {}


def _grading_information_problems(name: str, cells: list[dict], expected: dict[str, str], locked=frozenset()) -> list[Problem]:
    """Cells whose nbgrader information nbgrader cannot grade: copies, unknown ids, changed kinds.

    A cell copied with JupyterLab's copy and paste keeps its grading id, and nbgrader stops on
    the notebook (``KeyError: 'grade_id'``) without saying why; so do forged or changed flags
    (red team, finding 9). The report names the cell and what to do.
    """
    problems = []
    counts: dict[str, int] = {}
    for cell in cells:
        grade_id = grade_id_of(cell)
        if grade_id:
            counts[grade_id] = counts.get(grade_id, 0) + 1
    doubled = sorted(g for g, n in counts.items() if n > 1)
    if doubled:
        problems.append(Problem(
            "copied_cells", name,
            f"{name}: several cells carry the same grading id ({', '.join(doubled)}), usually because a cell was copied "
            "(copy and paste keeps it). nbgrader cannot grade the notebook: delete the copy (keep the cell with the answer), "
            "then run autograde again.",
        ))
    if expected:
        unknown = sorted(g for g in counts if g not in expected and g not in locked)  # read-only cells have ids too
        if unknown:
            problems.append(Problem(
                "changed_cells", name,
                f"{name}: cells carry grading ids the exercise does not have ({', '.join(unknown)}): they were added, or their "
                "grading information was changed. Delete those cells (or their nbgrader metadata), then run autograde again.",
            ))
        wrong = sorted(
            grade_id for cell in cells if (grade_id := grade_id_of(cell)) in expected
            and (expected[grade_id] == "answer") != bool(_flags(cell).get("solution"))
        )
        if wrong:
            problems.append(Problem(
                "changed_cells", name,
                f"{name}: the grading information of {', '.join(dict.fromkeys(wrong))} was changed (an answer cell made a test, or "
                "the reverse). Ask the participant for the notebook again, or copy their answers into a fresh copy, then autograde again.",
            ))
    return problems


def check_submission_folder(folder: Path, notebooks: dict[str, dict[str, str]], locked: dict[str, set[str]] | None = None) -> list[Problem]:
    """Problems of one participant's submitted assignment folder.

    ``notebooks`` maps each expected notebook name (without ``.ipynb``) to its expected
    cells (:func:`expected_cells`); ``locked`` to the grade ids nbgrader restores anyway.
    """
    locked = locked or {}
    found = sorted(p for p in folder.glob("*.ipynb")) if folder.is_dir() else []
    problems = []
    for name, cells in notebooks.items():
        path = folder / f"{name}.ipynb"
        if path.is_file():
            problems.extend(check_notebook(path, cells, locked.get(name, set())))
            continue
        others = [p.name for p in found if p.stem not in notebooks]
        if others:
            problems.append(Problem(
                "renamed_notebook", f"{name}.ipynb",
                f"{name}.ipynb is missing, but {', '.join(others)} {'was' if len(others) == 1 else 'were'} handed in: "
                f"a renamed notebook is not graded. Rename it to {name}.ipynb and run autograde again.",
            ))
        else:
            problems.append(Problem("missing_notebook", f"{name}.ipynb", f"{name}.ipynb was not handed in with this assignment."))
    return problems
