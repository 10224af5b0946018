"""A participant's answers as plain data: read from the notebook's answer cells, never trusted from a kernel.

An exercise's answer cells (nbgrader's "solution" cells) assign answers to names:
``DECISIONS = {"story_a": "engage", ...}``, ``COUNTRY = "Nepal"``, ``N_RECS = len(mine)``.
The grader needs their VALUES, as plain data (text, numbers, True/False, lists, dicts),
which it checks in a clean process (``answer_check.py``) where no participant code runs.
So objects that pretend to equal anything, a rebound ``float`` or replaced helpers in the
participant's kernel cannot change a grade.

Where each value comes from, in this order:

1. a saved answers structure in the cell's metadata, ``upr_course.answers`` (``{name: value}``):
   for exercises answered with the course's forms, with no code at all; used only while the cell is
   still the form's own line (``extract.is_form_line``), since that line shows nothing but the form.
   Any other cell shows its own answers (or none) to the trainer, so those are graded, and the saved
   ones, not graded, are kept in ``unused_saved`` for the grader to name (FINDINGS2.md, R13);
2. the cell's text, when the name gets a literal there (``NAME = <literal>``) and the cell does
   nothing else with it: read with :mod:`ast`, nothing is run;
3. otherwise the answer is computed by code (``len(mine)``): the participant's notebook runs in
   the sandbox (``kernel_sandbox.py``) and a last cell, added by the grader, prints the values as
   JSON (:func:`recorder_source`). The kernel can only lie about its own answers, which the
   participant could have typed anyway; it never sees how they are checked.

Only the standard library is used.
"""

from __future__ import annotations

import ast
import json
import re
import secrets
from dataclasses import dataclass, field
from typing import Any

from .extract import is_form_line

METADATA_KEY = "upr_course"
#: Beyond these sizes an answer is not plain data that a course exercise asks for.
MAX_ANSWER_CHARS = 100_000
MAX_DEPTH = 6
_MAGIC = re.compile(r"^\s*[%!]")


@dataclass
class CellAnswers:
    """What one answer cell gives: values read without running anything, names that need the kernel."""

    grade_id: str
    values: dict[str, Any] = field(default_factory=dict)
    computed: list[str] = field(default_factory=list)
    problem: str = ""
    #: Answers a form saved in the cell's metadata that are not graded: the cell is not the form's own line.
    unused_saved: dict[str, Any] = field(default_factory=dict)


def is_plain(value: Any, depth: int = 0) -> bool:
    """Text, numbers, booleans, None, and lists or dicts (text keys) of them."""
    if depth > MAX_DEPTH:
        return False
    if value is None or type(value) in (bool, int, float, str):
        return True
    if type(value) in (list, tuple):
        return all(is_plain(v, depth + 1) for v in value)
    if type(value) is dict:
        return all(type(k) is str and is_plain(v, depth + 1) for k, v in value.items())
    return False


def _strip_magics(source: str) -> str:
    return "\n".join("" if _MAGIC.match(line) else line for line in source.split("\n"))


def _bound_names(node: ast.stmt) -> list[str]:
    """The names a top-level statement binds."""
    targets: list[ast.AST] = []
    if isinstance(node, ast.Assign):
        targets = list(node.targets)
    elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
        targets = [node.target]
    elif isinstance(node, (ast.For, ast.AsyncFor)):
        targets = [node.target]
    elif isinstance(node, (ast.With, ast.AsyncWith)):
        targets = [item.optional_vars for item in node.items if item.optional_vars is not None]
    elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    elif isinstance(node, (ast.Import, ast.ImportFrom)):
        return [(alias.asname or alias.name).split(".")[0] for alias in node.names if alias.name != "*"]
    names = [leaf.id for target in targets for leaf in ast.walk(target) if isinstance(leaf, ast.Name) and isinstance(leaf.ctx, ast.Store)]
    names += [leaf.target.id for leaf in ast.walk(node) if isinstance(leaf, ast.NamedExpr) and isinstance(leaf.target, ast.Name)]
    return names


def read_cell_answers(grade_id: str, source: str, metadata: dict | None = None) -> CellAnswers:
    """The answers of one answer cell: literal values, and the names computed by code. Never raises."""
    answers = CellAnswers(grade_id)
    saved = (metadata or {}).get(METADATA_KEY, {}) if isinstance(metadata, dict) else {}
    saved = saved.get("answers") if isinstance(saved, dict) else None
    saved = _as_json(saved)
    if isinstance(saved, dict) and is_plain(saved):
        kept = {k: v for k, v in saved.items() if not k.startswith("_")}
        if is_form_line(source, metadata):
            answers.values.update(kept)
        else:
            answers.unused_saved.update(kept)
    try:
        tree = ast.parse(_strip_magics(source))
    except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
        answers.problem = f"the answer cell is not valid Python ({type(error).__name__})"
        return answers
    try:
        uses: dict[str, int] = {}
        for leaf in ast.walk(tree):
            if isinstance(leaf, ast.Name):
                uses[leaf.id] = uses.get(leaf.id, 0) + 1
        bound: dict[str, list[ast.stmt]] = {}
        for node in tree.body:
            for name in _bound_names(node):
                bound.setdefault(name, []).append(node)
        for name, nodes in bound.items():
            if name.startswith("_") or name in answers.values:
                continue
            node = nodes[0]
            targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
            literal = (
                len(nodes) == 1 and uses.get(name) == 1 and isinstance(node, (ast.Assign, ast.AnnAssign))
                and node.value is not None and len(targets) == 1 and isinstance(targets[0], ast.Name)
            )
            value = _literal(node.value) if literal else _NOT_LITERAL
            if value is _NOT_LITERAL:
                answers.computed.append(name)
            else:
                answers.values[name] = value
    except (RecursionError, MemoryError) as error:
        answers.problem = f"the answer cell is too deeply nested to read ({type(error).__name__})"
    return answers


_NOT_LITERAL = object()


def _as_json(value: Any) -> Any:
    """Saved answers as plain dicts and lists (nbformat gives them as its own dict subclass)."""
    try:
        return json.loads(json.dumps(value)) if value is not None else None
    except (TypeError, ValueError, RecursionError):
        return None


def _literal(node: ast.expr) -> Any:
    try:
        if len(ast.unparse(node)) > MAX_ANSWER_CHARS:
            return _NOT_LITERAL
        value = ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, RecursionError, MemoryError):
        return _NOT_LITERAL
    return value if is_plain(value) else _NOT_LITERAL


RECORD_MARK = "@@upr-course-answers@@"


def recorder_source(names: list[str]) -> tuple[str, str]:
    """A cell that prints the values of ``names`` as JSON after a one-time mark; returns (source, mark)."""
    mark = f"{RECORD_MARK}{secrets.token_hex(8)}@@"
    source = f'''# Added by the course's grader: records the answers computed by code (checked outside this kernel).
def _upr_record(names, mark):
    import json
    def plain(value, depth=0):
        if depth > {MAX_DEPTH}:
            raise ValueError("too deep")
        if type(value).__module__ == "numpy" and hasattr(value, "item"):
            value = value.item()
        if value is None or type(value) in (bool, int, float, str):
            return value
        if type(value) in (list, tuple):
            return [plain(v, depth + 1) for v in value]
        if type(value) is dict and all(type(k) is str for k in value):
            return {{k: plain(v, depth + 1) for k, v in value.items()}}
        raise ValueError(type(value).__name__)
    found, skipped = {{}}, {{}}
    for name in names:
        if name in globals():
            try:
                found[name] = plain(globals()[name])
            except Exception as error:
                skipped[name] = str(error)[:80]
    text = json.dumps({{"values": found, "skipped": skipped}})
    print(mark + (text if len(text) <= {MAX_ANSWER_CHARS * 4} else json.dumps({{"values": {{}}, "skipped": {{"*": "too large"}}}})))
_upr_record({json.dumps(sorted(names))}, {json.dumps(mark)})
'''
    return source, mark


def parse_record(text: str, mark: str) -> dict | None:
    """The recorded ``{"values": ..., "skipped": ...}`` after ``mark`` in a cell's printed text, or None."""
    _, found, rest = text.rpartition(mark)
    if not found:
        return None
    try:
        record = json.loads(rest.strip().splitlines()[0] if rest.strip() else "")
    except (ValueError, IndexError, RecursionError):
        return None
    if not isinstance(record, dict) or not isinstance(record.get("values"), dict) or not is_plain(record["values"]):
        return None
    return record
