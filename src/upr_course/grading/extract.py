"""Read an answer's TEXT from a notebook file, without running any of the notebook's code.

The capstone's grade must come from what the participant wrote, not from objects in a
kernel that their own code could have changed. So the grader opens the ``.ipynb`` file,
finds the answer cell by its nbgrader ``grade_id``, and reads the string literal assigned
to a variable (``PLAN = \"\"\"...\"\"\"``) with :mod:`ast`. Nothing is executed: a ``PLAN``
that is not plain text written in the cell (a function call, an object, a name, an
f-string with ``{...}``) is refused with a plain explanation.

A plan chosen with the capstone's plan picker is saved as text in the answer cell's metadata
(``upr_course.answers.PLAN``). It is read only while the cell is still the picker's own cell, as
the course wrote it (:data:`FORM_CELLS`); any other cell is graded on the plan it shows, or refused
(:func:`cell_text`), never on the saved plan nobody sees.

Only the standard library is used, so this module is cheap to import in a fresh process.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path


class AnswerNotFound(Exception):
    """The answer could not be read from the notebook; the message says why, in plain words.

    ``kind`` is one of ``missing_notebook``, ``unreadable``, ``invalid_json``, ``missing_cell``,
    ``not_code``, ``not_text`` and ``changed_form`` (a form's answer cell changed into code the grader
    cannot read, while its metadata keeps the form's answer: :func:`cell_text`).
    """

    def __init__(self, message: str, kind: str = "not_text"):
        super().__init__(message)
        self.kind = kind


def read_notebook_json(path: str | Path) -> dict:
    """The notebook as plain JSON; AnswerNotFound for a missing file or invalid JSON."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AnswerNotFound(f"The notebook {path.name} was not found.", "missing_notebook") from None
    except (OSError, UnicodeDecodeError) as error:
        raise AnswerNotFound(f"The notebook {path.name} could not be read ({error}).", "unreadable") from None
    try:
        notebook = json.loads(text)
    except json.JSONDecodeError as error:
        raise AnswerNotFound(f"The notebook {path.name} is not valid notebook JSON (line {error.lineno}: {error.msg}).", "invalid_json") from None
    except (RecursionError, MemoryError, ValueError) as error:
        raise AnswerNotFound(f"The notebook {path.name} could not be read as JSON ({type(error).__name__}).", "invalid_json") from None
    if isinstance(notebook, dict) and isinstance(notebook.get("nbformat"), int) and notebook["nbformat"] < 4 and "cells" not in notebook:
        notebook = _upgrade(notebook, path)
    if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list):
        raise AnswerNotFound(f"The notebook {path.name} is not a notebook: it has no list of cells.", "invalid_json")
    return notebook


def _upgrade(notebook: dict, path: Path) -> dict:
    """An older notebook (nbformat 3, which nbgrader reads too) in today's form (nbformat 4)."""
    try:
        import nbformat

        return json.loads(nbformat.writes(nbformat.convert(nbformat.from_dict(notebook), 4)))
    except Exception as error:  # noqa: BLE001 - any failure is a damaged file, said plainly
        raise AnswerNotFound(f"The notebook {path.name} is an old notebook (nbformat {notebook.get('nbformat')}) that could "
            f"not be converted ({type(error).__name__}).", "invalid_json") from None


def cell_source(cell: dict) -> str:
    """A cell's source as one string (nbformat stores it as a string or a list of lines)."""
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def grade_id_of(cell: dict) -> str | None:
    """The nbgrader ``grade_id`` of a cell, or None."""
    metadata = cell.get("metadata")
    nbgrader = metadata.get("nbgrader") if isinstance(metadata, dict) else None
    if isinstance(nbgrader, dict) and isinstance(nbgrader.get("grade_id"), str):
        return nbgrader["grade_id"]
    return None


def find_cell(notebook: dict, grade_id: str) -> dict:
    """The first code cell with this nbgrader ``grade_id``; AnswerNotFound if there is none."""
    for cell in notebook["cells"]:
        if isinstance(cell, dict) and grade_id_of(cell) == grade_id:
            if cell.get("cell_type") != "code":
                raise AnswerNotFound(f"The answer cell '{grade_id}' is no longer a code cell.", "not_code")
            return cell
    raise AnswerNotFound(
        f"The answer cell '{grade_id}' is not in the notebook: it was deleted, or the notebook lost its "
        "grading information (for example when cells are copied into a new notebook).",
        "missing_cell",
    )


def literal_text(source: str, variable: str) -> str:
    """The string literal last assigned to ``variable`` at the top level of ``source``.

    Accepts ``NAME = "..."``, ``NAME: str = "..."`` and f-strings without ``{...}``.
    Raises AnswerNotFound, with a sentence a participant understands, for anything else.
    """
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        raise AnswerNotFound(
            f"The answer cell is not valid Python (line {error.lineno}: {error.msg}). "
            "Check that the triple quotes around your text are still there."
        ) from None
    except (RecursionError, MemoryError, ValueError) as error:
        raise AnswerNotFound(f"The answer cell could not be read ({type(error).__name__}: it is too deeply nested or too large).") from None
    found: ast.expr | None = None
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == variable for t in node.targets):
            found = node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == variable and node.value is not None:
            found = node.value
    if found is None:
        raise AnswerNotFound(f"The answer cell does not assign {variable} = \"\"\"...\"\"\".")
    if isinstance(found, ast.Constant) and isinstance(found.value, str):
        return found.value
    if isinstance(found, ast.JoinedStr) and all(isinstance(part, ast.Constant) for part in found.values):
        return "".join(part.value for part in found.values)
    try:
        shown = ast.unparse(found)[:60]
    except (RecursionError, MemoryError, ValueError):
        shown = type(found).__name__
    raise AnswerNotFound(
        f"{variable} must be text written in the answer cell, between triple quotes. "
        f"Here it is computed ({shown}), and the grader does not run code."
    )


#: Every form of the course, by its name (the answer cell's ``upr_course.form``, the exercise's folder):
#: the one line the course writes in its answer cell (the source notebook's ``upr_course.student_source``).
#: That line shows only the form, so what the form saved in the cell's metadata (``upr_course.answers``)
#: is what the cell holds; a cell whose code is anything else shows its own answers, or none, and the
#: saved ones are not graded (FINDINGS2.md, R13, for the capstone; the same rule for every exercise).
#: ``tests/grading/test_form_answers.py`` checks it against the released exercises (en, es, fr) and the solutions.
FORM_LINES = {
    "01-should-we-engage": "exercises.engage_form()",
    "02-timeline": "exercises.timeline_form()",
    "03-reading-recommendations": "exercises.recommendations_form()",
    "04-supported-or-noted": "exercises.tactics_form(CHOSEN)",
    "05-capstone-action-plan": "exercises.plan_picker()",
    "06-draft-a-recommendation": "exercises.recommendation_form()",
    "07-embassy-factsheet": "exercises.factsheet_form()",
    "assessment-pre": 'exercises.assessment_form("pre")',
    "assessment-post": 'exercises.assessment_form("post")',
}

#: The answer cells whose answer is one text a form saves, by the variable they answer (the capstone's plan).
FORM_CELLS = {"PLAN": FORM_LINES["05-capstone-action-plan"]}


def _bare(source: str) -> str:
    return source.replace("\r\n", "\n").strip()


def is_form_line(source: str, metadata: object) -> bool:
    """Whether the cell's code is still, character for character, the line of the form its metadata names.

    Only the whitespace around it may differ. A cell whose metadata names no form of the course, or
    whose code is another form's line, is not a form cell: its saved answers are not graded."""
    own = metadata.get("upr_course") if isinstance(metadata, dict) else None
    form = own.get("form") if isinstance(own, dict) else None
    line = FORM_LINES.get(form) if isinstance(form, str) else None
    return line is not None and _bare(source) == line


def saved_text(metadata: object, variable: str) -> str | None:
    """The text saved for ``variable`` by a form in the cell's metadata (``upr_course.answers``), or None.

    The capstone's plan picker saves the chosen plan there (``widgets/exercises.py``)."""
    own = metadata.get("upr_course") if isinstance(metadata, dict) else None
    answers = own.get("answers") if isinstance(own, dict) else None
    value = answers.get(variable) if isinstance(answers, dict) else None
    return value if isinstance(value, str) and value.strip() else None


def is_form_cell(source: str, variable: str) -> bool:
    """Whether the cell's code is still, character for character, the form's own cell for ``variable``.

    Only the whitespace around it may differ: a comment or a string added to it would be text the
    trainer reads and the grader does not, so any change makes it an ordinary answer cell."""
    form = FORM_CELLS.get(variable)
    return form is not None and _bare(source) == form


def cell_text(source: str, metadata: object, variable: str) -> str:
    """The answer's text: the one the cell shows, or the one its form saved while the cell is the form's own.

    What the cell shows is what the trainer reads in formgrader, so it is the only thing graded:

    - the cell is still the form's own cell (:func:`is_form_cell`): the text the form saved;
    - the cell assigns the text as a literal (:func:`literal_text`): that text, even when the
      metadata keeps another one (``two_texts`` lets the report say so);
    - anything else (a plan computed, ``\"\"\"...\"\"\".strip()``, inside an ``if``, a changed picker
      cell) while the metadata keeps a saved text: refused (``AnswerNotFound`` of kind
      ``changed_form``), with a sentence; the saved text is never put in its place.
    """
    saved = saved_text(metadata, variable)
    if saved is not None and is_form_cell(source, variable):
        return saved
    try:
        return literal_text(source, variable)
    except AnswerNotFound as problem:
        if saved is None:
            raise
        form = FORM_CELLS.get(variable, "")
        raise AnswerNotFound(
            f"{problem} This cell also keeps a {variable} saved by its form ({form}), but the cell no longer holds only "
            f"that line, so the saved {variable} is not graded either: the grader grades only what the cell shows. "
            f"Put the cell back to {form} alone, or write your text as {variable} = \"\"\"...\"\"\" with nothing around it.",
            "changed_form",
        ) from None


def two_texts(source: str, metadata: object, variable: str) -> bool:
    """Whether the cell's metadata keeps a text for ``variable`` other than the one the cell shows.

    False for the form's own cell (it shows no other text) and for a cell that writes the same
    text; True when the cell writes another text, or writes none the grader can read."""
    saved = saved_text(metadata, variable)
    if saved is None or is_form_cell(source, variable):
        return False
    try:
        written = literal_text(source, variable)
    except AnswerNotFound:
        return True
    return written.strip() != saved.strip()


def answer_text(path: str | Path, grade_id: str, variable: str) -> str:
    """The text of ``variable`` in the cell ``grade_id`` of the notebook at ``path`` (saved by a form, or written)."""
    notebook = read_notebook_json(path)
    cell = find_cell(notebook, grade_id)
    return cell_text(cell_source(cell), cell.get("metadata"), variable)


def shows_two_texts(path: str | Path, grade_id: str, variable: str) -> bool:
    """Whether the answer cell of the notebook at ``path`` shows one text and keeps another (``two_texts``)."""
    cell = find_cell(read_notebook_json(path), grade_id)
    return two_texts(cell_source(cell), cell.get("metadata"), variable)
