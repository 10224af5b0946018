"""Every notebook in course/ and solutions/ has the course's shape, and every lesson runs.

Structure (fast): valid nbformat 4, outputs and execution counts cleared, kernel python3,
an opening markdown cell with a title and learning goals (lessons also: prerequisites and
a time estimate), a closing markdown cell with a summary and what comes next, short code
cells (logic lives in the package), one import cell per lesson, local links that work.

Execution (slow, marked ``slow``): each lesson in course/ runs top to bottom in a fresh
kernel through nbval (``pytest --nbval-lax``) in a child process, so a lesson is tested
exactly as a participant's "Run All" would run it. Cells tagged ``raises-exception`` may
raise (lesson 00 shows an error on purpose).
"""

from __future__ import annotations

import ast
import io
import re
import subprocess
import sys
import time
import tokenize
from pathlib import Path

import nbformat
import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
COURSE = REPO_ROOT / "course"
SOLUTIONS = REPO_ROOT / "solutions"
GLOSSARY = COURSE / "glossary.md"

MAX_CODE_LINES = 15
LESSON_TIMEOUT = 300  # seconds for one lesson in CI; a lesson should take well under 30


def _notebooks(folder: Path, recursive: bool = False) -> list[Path]:
    found = folder.rglob("*.ipynb") if recursive else folder.glob("*.ipynb")
    return sorted(path for path in found if ".ipynb_checkpoints" not in path.parts)


ENGLISH_LESSONS = _notebooks(COURSE)
#: The lessons built in Spanish and French (course/es/, course/fr/: upr_course/i18n/notebooks.py).
TRANSLATED_LESSONS = _notebooks(COURSE / "es") + _notebooks(COURSE / "fr")
LESSONS = ENGLISH_LESSONS + TRANSLATED_LESSONS
#: The exercises as participants get them in Spanish and French (exercises/es/, exercises/fr/).
TRANSLATED_EXERCISES = _notebooks(REPO_ROOT / "exercises" / "es", recursive=True) + _notebooks(REPO_ROOT / "exercises" / "fr", recursive=True)
ALL_NOTEBOOKS = LESSONS + _notebooks(SOLUTIONS, recursive=True) + TRANSLATED_EXERCISES

#: The headings every notebook has, in each language the course speaks (the words of translations/README.md).
HEADINGS = {
    "learning goals": {"en": "Learning goals", "es": "Objetivos de aprendizaje", "fr": "Objectifs d'apprentissage"},
    "prerequisites": {"en": "Prerequisites", "es": "Requisitos previos", "fr": "Prérequis"},
    "summary": {"en": "Summary", "es": "Resumen", "fr": "Résumé"},
    "what comes next": {"en": r"What comes next|What's next|What’s next", "es": "Qué sigue", "fr": "Pour la suite"},
}
TIME_WORDS = {"en": r"\btime\b", "es": r"\btiempo\b", "fr": r"\bdurée\b"}
UNITS = r"(?:min|minutes|minutos|hours?|horas?|heures?)\b"


def _language(path: Path) -> str:
    return _read(path).metadata.get("upr_course", {}).get("language", "en")


def heading(path: Path, name: str) -> str:
    return HEADINGS[name][_language(path)]


def _id(path: Path) -> str:
    return path.relative_to(REPO_ROOT).as_posix()


def _read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=nbformat.NO_CONVERT)


def _markdown_cells(nb) -> list[str]:
    return [cell.source for cell in nb.cells if cell.cell_type == "markdown"]


def _heading(text: str, pattern: str) -> bool:
    """A markdown heading line (any level) that contains ``pattern``."""
    return re.search(rf"(?im)^#+\s.*(?:{pattern})", text) is not None


def code_lines(source: str) -> int:
    """Lines of a code cell that hold code: blank lines, comments and the inside of
    multi-line strings (prose, a YAML plan) do not count."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return sum(1 for line in source.splitlines() if line.strip() and not line.strip().startswith("#"))
    skip = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER}
    lines = set()
    for token in tokens:
        if token.type not in skip:
            lines.add(token.start[0])  # a string counts on the line where it starts
    return len(lines)


def _imports(source: str) -> bool:
    try:
        tree = ast.parse(source)
    except SyntaxError:  # IPython magics: not plain Python
        return False
    return any(isinstance(node, ast.Import | ast.ImportFrom) for node in ast.walk(tree))


# -- structure -----------------------------------------------------------------------


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=_id)
def test_notebook_is_valid_nbformat_4(path):
    nb = _read(path)
    assert nb.nbformat == 4, f"{_id(path)} is nbformat {nb.nbformat}; save it with JupyterLab 4"
    nbformat.validate(nb)


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=_id)
def test_outputs_and_execution_counts_are_cleared(path):
    nb = _read(path)
    dirty = [i for i, cell in enumerate(nb.cells) if cell.cell_type == "code" and (cell.outputs or cell.execution_count)]
    assert not dirty, (
        f"{_id(path)}: cells {dirty} have outputs or execution counts. "
        f"Run: .venv/bin/jupyter nbconvert --clear-output --inplace {_id(path)}"
    )


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=_id)
def test_kernel_is_python3(path):
    assert _read(path).metadata.get("kernelspec", {}).get("name") == "python3"


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=_id)
def test_opens_with_title_and_learning_goals(path):
    nb = _read(path)
    assert nb.cells and nb.cells[0].cell_type == "markdown", "the first cell must be markdown"
    first = nb.cells[0].source
    assert re.search(r"(?m)^#\s+\S", first), "the first cell must start with a title (# ...)"
    assert _heading(first, heading(path, "learning goals")), f"the first cell needs a '{heading(path, 'learning goals')}' heading"


@pytest.mark.parametrize("path", LESSONS, ids=_id)
def test_lesson_opening_has_prerequisites_and_time(path):
    first = _read(path).cells[0].source
    assert _heading(first, heading(path, "prerequisites")), f"a lesson's first cell needs a '{heading(path, 'prerequisites')}' heading"
    assert re.search(rf"(?i){TIME_WORDS[_language(path)]}[^\n]*?\b\d+(?:\s*-\s*\d+)?\s*{UNITS}", first), (
        "a lesson's first cell needs an estimated time, e.g. 'Time: about 30 minutes'"
    )


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=_id)
def test_closes_with_summary_and_what_comes_next(path):
    markdown = _markdown_cells(_read(path))
    assert markdown, "no markdown cells"
    last = markdown[-1]
    assert _heading(last, heading(path, "summary")), f"the last markdown cell needs a '{heading(path, 'summary')}' heading"
    assert _heading(last, heading(path, "what comes next")), (
        f"the last markdown cell needs a '{heading(path, 'what comes next')}' heading"
    )


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=_id)
def test_code_cells_are_short(path):
    """Thin notebooks: more than a few lines of code belongs in the package.

    Participants' answer cells (nbgrader ``solution`` cells) are theirs and not counted."""
    long_cells = {
        i: code_lines(cell.source)
        for i, cell in enumerate(_read(path).cells)
        if cell.cell_type == "code"
        and not cell.metadata.get("nbgrader", {}).get("solution", False)
        and code_lines(cell.source) > MAX_CODE_LINES
    }
    assert not long_cells, f"cells with more than {MAX_CODE_LINES} lines of code (cell: lines): {long_cells}"


@pytest.mark.parametrize("path", LESSONS, ids=_id)
def test_lesson_has_one_import_cell(path):
    importing = [i for i, cell in enumerate(_read(path).cells) if cell.cell_type == "code" and _imports(cell.source)]
    assert len(importing) <= 1, f"imports in cells {importing}: put them all in the first code cell"


LINK = re.compile(r"\]\(([^)\s]+)\)")


@pytest.mark.parametrize("path", LESSONS, ids=_id)
def test_local_links_and_glossary_anchors_exist(path):
    glossary = path.parent / "glossary.md"
    anchors = set(re.findall(r'<a id="([^"]+)"', glossary.read_text(encoding="utf-8"))) if glossary.exists() else set()
    broken = []
    for text in _markdown_cells(_read(path)):
        for target in LINK.findall(text):
            if re.match(r"^[a-z][a-z0-9+.-]*:|^#", target):  # web links and links inside the page
                continue
            file_part, _, fragment = target.partition("#")
            if not (path.parent / file_part).exists():
                broken.append(target)
            elif fragment and (path.parent / file_part).resolve() == glossary.resolve() and fragment not in anchors:
                broken.append(target)
    assert not broken, f"links to missing files or glossary entries: {broken}"


GLOSSARIES = [GLOSSARY] + [p for p in (COURSE / "es" / "glossary.md", COURSE / "fr" / "glossary.md") if p.exists()]


@pytest.mark.parametrize("glossary", GLOSSARIES, ids=_id)
def test_glossary_anchors_are_unique_and_internal_links_resolve(glossary):
    text = glossary.read_text(encoding="utf-8")
    anchors = re.findall(r'<a id="([^"]+)"', text)
    assert len(anchors) == len(set(anchors)), "an anchor id is used twice in glossary.md"
    missing = {target for target in re.findall(r"\]\(#([^)\s]+)\)", text) if target not in anchors}
    assert not missing, f"glossary links to entries it does not have: {sorted(missing)}"


def test_code_lines_ignore_blank_lines_comments_and_long_strings():
    source = 'plan = """\nformat: x\ncountry: Kenya\n"""\n\n# a comment\nprint(plan)\n'
    assert code_lines(source) == 2
    assert code_lines("x = (\n    1,\n    2,\n)\n") == 4
    assert code_lines("%%time\nx = 1\n") == 2  # not Python: every non-blank line counts


# -- execution -----------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("path", ENGLISH_LESSONS, ids=_id)
def test_lesson_runs_top_to_bottom(path):
    command = [
        sys.executable, "-m", "pytest", "--nbval-lax", "--nbval-current-env",
        "--nbval-cell-timeout=120", "-p", "no:cacheprovider", "-q", str(path),
    ]  # fmt: skip
    started = time.monotonic()
    run = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=LESSON_TIMEOUT)
    seconds = time.monotonic() - started
    has_code = any(cell.cell_type == "code" for cell in _read(path).cells)
    allowed = {0} if has_code else {0, 5}  # 5: nothing to run in a notebook without code
    assert run.returncode in allowed, (
        f"{_id(path)} failed under nbval after {seconds:.0f} s (exit {run.returncode}):\n{run.stdout[-4000:]}\n{run.stderr[-2000:]}"
    )


@pytest.mark.slow
@pytest.mark.parametrize("language", ["es", "fr"])
def test_translated_lessons_run_top_to_bottom(language):
    """The lessons of one language in one nbval run (each in its own fresh kernel): most of a
    run is starting pytest and loading the data, so one run per language keeps the suite quick."""
    lessons = [path for path in TRANSLATED_LESSONS if path.parent.name == language]
    assert len(lessons) == len(ENGLISH_LESSONS), f"course/{language}/ lacks lessons: run make translations"
    command = [
        sys.executable, "-m", "pytest", "--nbval-lax", "--nbval-current-env",
        "--nbval-cell-timeout=120", "-p", "no:cacheprovider", "-q", *map(str, lessons),
    ]  # fmt: skip
    run = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=LESSON_TIMEOUT * 3)
    assert run.returncode == 0, f"course/{language}/ failed under nbval (exit {run.returncode}):\n{run.stdout[-4000:]}\n{run.stderr[-2000:]}"
