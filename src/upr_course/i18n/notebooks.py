"""Translated lessons, glossary and exercises, built from the English source and a catalogue.

The English notebook stays the one source. Its text is cut into passages, each a gettext
message, and each language keeps one catalogue per source file:
``translations/<lang>/<path of the source>.po`` (for example
``translations/es/course/04-reading-recommendations.ipynb.po``). A translated notebook is
the English one with every passage replaced by its translation; its code, metadata and
nbgrader cells are the English ones, so a translated exercise keeps the same ids, points and
hidden tests.

What is a passage, and why:

- in Markdown, a block between blank lines (a paragraph, a list, a table, a fenced code
  block): small enough that one changed sentence leaves one passage to check, large enough
  that a translator sees whole sentences;
- in code, every string literal that holds words (a quiz's question and answers, a goal
  given to the matcher, a message printed) and every comment, with the context ``code`` so
  that they never share a translation with prose. Names and ids (``"Kenya"``,
  ``"kenya_torture_custody"``) have no space and are not passages. f-strings and bytes are
  left alone: their braces are code.

In nbgrader's test cells (graded cells that are not answers) only what the participant sees
is translated: the strings and comments outside ``### BEGIN HIDDEN TESTS`` ...
``### END HIDDEN TESTS``. The hidden tests, their points and every line of code are the same
in every language. nbgrader's marker lines (``### BEGIN MARK SCHEME`` and the like) must be
kept as they are in a translation; :func:`problems` says so when one is not.

A passage without a translation, or whose translation is marked fuzzy because the English
changed, is shown in English in the built notebook and reported by :func:`problems`, which
``tests/i18n`` turns into a failing test that names the file and the passage.
"""

from __future__ import annotations

import ast
import io
import json
import os
import re
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog

from .catalogues import CatalogueProblem, catalogue_problems, read_catalogue, translated_languages, write_catalogue

REPO = Path(__file__).resolve().parents[3]
TRANSLATIONS = REPO / "translations"
#: Message contexts: a string in code and a comment in code are never prose.
CODE = "code"
CODE_COMMENT = "code comment"
_FENCE = re.compile(r"^\s*(```|~~~)")
#: nbgrader's marker lines: a translation keeps them exactly, or nbgrader cannot find what they mark.
NBGRADER_MARKER = re.compile(r"^\s*(?:###|#)\s*(?:BEGIN|END) (?:SOLUTION|HIDDEN TESTS|MARK SCHEME)\b.*$", re.M)
_WORDS = re.compile(r"[^\W\d_]{2,}\s+\S")
_LETTER = re.compile(r"[^\W\d_]")
#: A relative link or image in Markdown or HTML: ](target), href="target", src="target".
_LINK = re.compile(r"(\]\(|href=\"|src=\")([^)\"\s#][^)\"\s]*)")


@dataclass(frozen=True)
class Passage:
    """One translatable text of a source file, with the context that keeps it apart."""

    text: str
    context: str | None = None


# ---------------------------------------------------------------------------- passages


def markdown_blocks(text: str) -> list[str]:
    """``text`` cut at blank lines, a fenced code block kept whole. Joined by blank lines again."""
    blocks: list[list[str]] = [[]]
    fenced = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        if not fenced and not line.strip():
            if blocks[-1]:
                blocks.append([])
            continue
        blocks[-1].append(line)
    return ["\n".join(block) for block in blocks if block]


def _translatable_prose(block: str) -> bool:
    return bool(_LETTER.search(block))


def _code_tokens(source: str) -> list[tokenize.TokenInfo] | None:
    """The tokens of a code cell, or None for cells Python cannot read (IPython magics)."""
    try:
        return list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return None


def _string_value(token: tokenize.TokenInfo) -> str | None:
    """The words in a plain string literal, or None for f-strings, bytes and names."""
    prefix = re.match(r"[A-Za-z]*", token.string).group().lower()
    if "f" in prefix or "b" in prefix:
        return None
    try:
        value = ast.literal_eval(token.string)
    except (ValueError, SyntaxError):
        return None
    return value if isinstance(value, str) and _WORDS.search(value) else None


def _comment_text(token: tokenize.TokenInfo) -> str | None:
    if NBGRADER_MARKER.match(token.string):
        return None
    text = token.string.lstrip("#").strip()
    return text if _WORDS.search(text) and not text.startswith(("noqa", "type:")) else None


def code_passages(source: str) -> list[Passage]:
    tokens = _code_tokens(source)
    if tokens is None:
        return []
    passages = []
    for token in tokens:
        if token.type == tokenize.STRING and (value := _string_value(token)) is not None:
            passages.append(Passage(value, CODE))
        elif token.type == tokenize.COMMENT and (text := _comment_text(token)) is not None:
            passages.append(Passage(text, CODE_COMMENT))
    return passages


def is_nbgrader_test(cell: dict) -> bool:
    """A graded cell that is not an answer: nbgrader's tests, copied unchanged."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return cell.get("cell_type") == "code" and bool(meta.get("grade")) and not meta.get("solution")


def cell_source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


_HIDDEN_TESTS = re.compile(r"(^[ \t]*### BEGIN HIDDEN TESTS.*?^[ \t]*### END HIDDEN TESTS[^\n]*\n?)", re.M | re.S)


def visible_parts(source: str) -> list[tuple[str, bool]]:
    """A test cell cut into (text, visible) pieces: the hidden tests are the invisible ones."""
    return [(piece, not _HIDDEN_TESTS.fullmatch(piece)) for piece in _HIDDEN_TESTS.split(source) if piece]


def notebook_passages(notebook: dict) -> Iterator[Passage]:
    for cell in notebook["cells"]:
        source = cell_source(cell)
        if cell["cell_type"] == "markdown":
            yield from (Passage(b) for b in markdown_blocks(source) if _translatable_prose(b))
        elif cell["cell_type"] == "code" and is_nbgrader_test(cell):
            for piece, visible in visible_parts(source):
                if visible:
                    yield from code_passages(piece)
        elif cell["cell_type"] == "code":
            yield from code_passages(source)


def file_passages(path: Path) -> list[Passage]:
    """The passages of a notebook or a Markdown file, in order, each once."""
    if path.suffix == ".ipynb":
        found = notebook_passages(json.loads(path.read_text(encoding="utf-8")))
    else:
        found = (Passage(b) for b in markdown_blocks(path.read_text(encoding="utf-8")) if _translatable_prose(b))
    seen: dict[Passage, None] = {}
    for passage in found:
        seen.setdefault(passage, None)
    return list(seen)


def repo_path(path: Path) -> str:
    """The path as the repository names it (the file's name for a file outside it)."""
    resolved = path.resolve()
    return resolved.relative_to(REPO).as_posix() if resolved.is_relative_to(REPO) else path.name


def template_for(path: Path) -> Catalog:
    """The English passages of one source file as a gettext template."""
    catalog = Catalog(project="upr-course", domain=path.name, charset="utf-8", fuzzy=False)
    relative = repo_path(path)
    for passage in file_passages(path):
        catalog.add(passage.text, locations=[(relative, 0)], context=passage.context)
    return catalog


# ---------------------------------------------------------------------------- files


def source_files() -> list[Path]:
    """Every English file that has translations: the lessons, the glossary, the exercises."""
    lessons = sorted((REPO / "course").glob("*.ipynb")) + [REPO / "course" / "glossary.md"]
    exercises = sorted((REPO / "solutions").glob("*/*.ipynb"))
    return lessons + exercises


def catalogue_for(source: Path, code: str) -> Path:
    """``translations/<code>/<the source's path in the repository>.po``."""
    return TRANSLATIONS / code / (source.resolve().relative_to(REPO).as_posix() + ".po")


def update_catalogues(sources: list[Path] | None = None, languages: tuple[str, ...] | None = None) -> list[Path]:
    """Bring every catalogue up to its English source: new passages empty, changed ones fuzzy."""
    from .catalogues import update_catalogue

    written = []
    for source in sources if sources is not None else source_files():
        template = template_for(source)
        for code in languages or translated_languages():
            path = catalogue_for(source, code)
            if write_catalogue(path, update_catalogue(template, path, code)):
                written.append(path)
    return written


def problems(source: Path, code: str) -> list[CatalogueProblem]:
    """The passages of ``source`` with no current translation in ``code``, or whose
    translation lost one of nbgrader's marker lines."""
    path = catalogue_for(source, code)
    if not path.exists():
        return [CatalogueProblem(path, "(the whole file)", "no translation yet: run make translations")]
    catalog = read_catalogue(path, locale=code)
    found = catalogue_problems(template_for(source), catalog, path)
    for message in catalog:
        if message.id and isinstance(message.string, str) and message.string.strip():
            wanted = [m.strip() for m in NBGRADER_MARKER.findall(message.id)]
            if wanted != [m.strip() for m in NBGRADER_MARKER.findall(message.string)]:
                found.append(CatalogueProblem(path, message.id, f"keep nbgrader's marker lines exactly: {wanted}"))
    return found


# ---------------------------------------------------------------------------- building


class Translator:
    """Looks passages up in one catalogue; fuzzy and empty entries count as missing."""

    def __init__(self, catalog: Catalog | None):
        self.catalog = catalog

    def __call__(self, text: str, context: str | None = None) -> str:
        if self.catalog is None:
            return text
        found = self.catalog.get(text, context=context)
        if found is None or found.fuzzy or not isinstance(found.string, str) or not found.string.strip():
            return text
        return found.string

    @classmethod
    def for_source(cls, source: Path, code: str) -> Translator:
        path = catalogue_for(source, code)
        return cls(read_catalogue(path, locale=code) if path.exists() else None)


def translate_markdown(text: str, translate: Translator) -> str:
    """Each block replaced by its translation; the blank lines between blocks kept as one."""
    if not text.strip():
        return text
    blocks = [translate(b) if _translatable_prose(b) else b for b in markdown_blocks(text)]
    return "\n\n".join(blocks) + ("\n" if text.endswith("\n") else "")


def python_literal(value: str, like: str) -> str:
    """``value`` as a literal written the way the English one was (single line or triple quotes)."""
    body = like.lstrip("rRuU")
    if body.startswith(('"""', "'''")):
        escaped = value.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
        if escaped.endswith('"'):
            escaped = escaped[:-1] + '\\"'
        return '"""' + escaped + '"""'
    return json.dumps(value, ensure_ascii=False)


def translate_code(source: str, translate: Translator) -> str:
    """The code with its strings and comments translated; anything else exactly as it was."""
    tokens = _code_tokens(source)
    if tokens is None:
        return source
    lines = source.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))

    def position(row_col: tuple[int, int]) -> int:
        return offsets[row_col[0] - 1] + row_col[1]

    pieces = []
    cursor = 0
    for token in tokens:
        replacement = None
        if token.type == tokenize.STRING and (value := _string_value(token)) is not None:
            translated = translate(value, CODE)
            if translated != value:
                replacement = python_literal(translated, token.string)
        elif token.type == tokenize.COMMENT and (text := _comment_text(token)) is not None:
            translated = translate(text, CODE_COMMENT)
            if translated != text:
                replacement = "# " + translated
        if replacement is not None:
            start, end = position(token.start), position(token.end)
            pieces.append(source[cursor:start])
            pieces.append(replacement)
            cursor = end
    pieces.append(source[cursor:])
    return "".join(pieces)


def relink(text: str, source_dir: Path, output_dir: Path, translated: dict[Path, Path]) -> str:
    """Relative links still reach their file from the translated copy's folder.

    A link to a file that has a translation in this language (a lesson, the glossary) opens
    the translation (``translated`` maps the English file to it); any other relative link is
    rewritten from the new folder to the English file.
    """

    def fix(match: re.Match) -> str:
        lead, target = match.groups()
        if re.match(r"[a-z][a-z0-9+.-]*:", target) or target.startswith("/"):
            return match.group(0)
        path_part, _, anchor = target.partition("#")
        resolved = (source_dir / path_part).resolve()
        resolved = translated.get(resolved, resolved)
        new = Path(os.path.relpath(resolved, output_dir.resolve())).as_posix()
        return lead + new + (f"#{anchor}" if anchor else "")

    return _LINK.sub(fix, text)


def language_line(code: str) -> str:
    """The line a translated notebook starts its code with: the package speaks its language
    even in a JupyterLab opened without ``make lab LANG=...``."""
    return f'from upr_course.i18n import set_language; set_language("{code}")  # {LANGUAGE_NAMES[code]}\n'


LANGUAGE_NAMES = {"es": "español", "fr": "français", "en": "English"}


def build_notebook(source: Path, code: str, output_dir: Path, translated: dict[Path, Path], *, announce_language: bool = True) -> dict:
    """The notebook of ``source`` in ``code``, ready to be written into ``output_dir``.

    With ``announce_language``, the first code cell that is not a test starts with
    :func:`language_line` (in an exercise, its locked set-up cell).
    """
    notebook = json.loads(source.read_text(encoding="utf-8"))
    translate = Translator.for_source(source, code)
    announced = not announce_language
    for cell in notebook["cells"]:
        if not announced and cell["cell_type"] == "code" and not is_nbgrader_test(cell):
            cell["source"] = language_line(code) + cell_source(cell)
            announced = True
        text = cell_source(cell)
        if cell["cell_type"] == "markdown":
            new = relink(translate_markdown(text, translate), source.parent, output_dir, translated)
        elif cell["cell_type"] == "code" and is_nbgrader_test(cell):
            new = "".join(translate_code(piece, translate) if visible else piece for piece, visible in visible_parts(text))
        elif cell["cell_type"] == "code":
            new = translate_code(text, translate)
        else:
            continue
        cell["source"] = new.splitlines(keepends=True)
    notebook["metadata"]["upr_course"] = {
        "language": code,
        "translated_from": repo_path(source),
    }
    return notebook


def build_markdown(source: Path, code: str, output_dir: Path, translated: dict[Path, Path]) -> str:
    translate = Translator.for_source(source, code)
    return relink(translate_markdown(source.read_text(encoding="utf-8"), translate), source.parent, output_dir, translated)


def notebook_text(notebook: dict) -> str:
    """A notebook written as Jupyter writes it (one-space indent, a final newline)."""
    return json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"


def lesson_output_dir(code: str) -> Path:
    return REPO / "course" / code


def lesson_sources() -> list[Path]:
    return [p for p in source_files() if p.parent == REPO / "course"]


def translated_lessons(code: str) -> dict[Path, Path]:
    """Each English lesson and the glossary, and where its translation into ``code`` is."""
    return {source.resolve(): (lesson_output_dir(code) / source.name).resolve() for source in lesson_sources()}


def build_lessons(code: str) -> dict[Path, str]:
    """Every translated lesson and the glossary: {output path: text}, not yet written."""
    output_dir = lesson_output_dir(code)
    translated = translated_lessons(code)
    outputs = {}
    for source in lesson_sources():
        target = output_dir / source.name
        if source.suffix == ".ipynb":
            outputs[target] = notebook_text(build_notebook(source, code, output_dir, translated))
        else:
            outputs[target] = build_markdown(source, code, output_dir, translated)
    return outputs


#: Where nbgrader finds the translated source notebooks (built, never committed: they hold the
#: hidden tests and model answers, like solutions/), and where it releases the participants' version.
def exercise_sources_dir(code: str) -> Path:
    return TRANSLATIONS / "build" / code / "solutions"


def exercise_release_dir(code: str) -> Path:
    return REPO / "exercises" / code


def build_exercise_sources(code: str, destination: Path | None = None) -> dict[Path, bytes]:
    """The exercises' source notebooks in ``code``: {output path: content}, not yet written.

    Links are made for the released copy (``exercises/<code>/<exercise>/``), where participants
    read them: a link to a lesson opens the lesson in the same language.
    """
    destination = destination or exercise_sources_dir(code)
    translated = translated_lessons(code)
    outputs: dict[Path, bytes] = {}
    for folder in sorted(p for p in (REPO / "solutions").iterdir() if p.is_dir() and not p.name.startswith(".")):
        released_as = exercise_release_dir(code) / folder.name
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or ".ipynb_checkpoints" in path.parts or "__pycache__" in path.parts:
                continue
            target = destination / folder.name / path.relative_to(folder)
            if path.suffix == ".ipynb":
                outputs[target] = notebook_text(build_notebook(path, code, released_as, translated)).encode("utf-8")
            else:
                outputs[target] = path.read_bytes()
    return outputs


def write_outputs(outputs: dict[Path, str | bytes]) -> list[Path]:
    """Write what changed; return the files written."""
    written = []
    for path, content in outputs.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        if path.exists() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written
