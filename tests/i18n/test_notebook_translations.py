"""Translated notebooks are the English ones with their passages replaced, and nothing else."""

from __future__ import annotations

import ast
import json

import pytest
from babel.messages.catalog import Catalog

from upr_course.i18n import notebooks


def test_markdown_blocks_keep_fenced_code_whole():
    text = "# Title\n\nFirst paragraph\non two lines.\n\n```yaml\na: 1\n\nb: 2\n```\n\n- one\n- two\n"
    assert notebooks.markdown_blocks(text) == ["# Title", "First paragraph\non two lines.", "```yaml\na: 1\n\nb: 2\n```", "- one\n- two"]


def _translator(pairs: dict, fuzzy: set = frozenset()) -> notebooks.Translator:
    catalog = Catalog(locale="es")
    for (text, context), translation in pairs.items():
        catalog.add(text, translation, context=context, flags=("fuzzy",) if text in fuzzy else ())
    return notebooks.Translator(catalog)


def test_markdown_is_translated_block_by_block_and_fuzzy_blocks_stay_english():
    translate = _translator({("# Title", None): "# Título", ("A changed paragraph.", None): "Un párrafo."}, fuzzy={"A changed paragraph."})
    assert notebooks.translate_markdown("# Title\n\nA changed paragraph.\n", translate) == "# Título\n\nA changed paragraph.\n"


QUIZ_CELL = '''quiz.ask(
    "Which tactic fits?",  # the question
    {"Expose the refusal": "Yes.", "Ask for implementation": "Not quite: there is no promise."},
    correct="Expose the refusal",
)
finder = match_explorer("Kenya", f"{goal} in custody", 'kenya_torture_custody')
'''


def test_code_strings_and_comments_are_translated_and_the_code_still_runs_the_same_way():
    translate = _translator({
        ("Which tactic fits?", "code"): "¿Qué táctica \"conviene\"?",
        ("Expose the refusal", "code"): "Denunciar el rechazo",
        ("Not quite: there is no promise.", "code"): "No del todo: no hay promesa.",
        ("the question", "code comment"): "la pregunta",
    })
    passages = notebooks.code_passages(QUIZ_CELL)
    assert [p.text for p in passages] == [
        "Which tactic fits?", "the question", "Expose the refusal", "Ask for implementation",
        "Not quite: there is no promise.", "Expose the refusal",
    ]
    translated = notebooks.translate_code(QUIZ_CELL, translate)
    tree = ast.parse(translated)
    strings = [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)]
    assert '¿Qué táctica "conviene"?' in strings
    assert strings.count("Denunciar el rechazo") == 2, "an answer and its correct= must stay the same text"
    assert "Ask for implementation" in strings, "a passage with no translation stays English"
    assert "# la pregunta" in translated
    assert 'f"{goal} in custody"' in translated and "'kenya_torture_custody'" in translated and '"Kenya"' in translated


def test_a_cell_python_cannot_read_is_left_alone():
    magic = "%matplotlib inline\nprint('hello there')\n"
    assert notebooks.translate_code(magic, _translator({("hello there", "code"): "hola"})) in (magic, "%matplotlib inline\nprint(\"hola\")\n")


def test_triple_quoted_strings_stay_triple_quoted():
    cell = 'text = """A plan\nwith lines"""\n'
    out = notebooks.translate_code(cell, _translator({("A plan\nwith lines", "code"): 'Un plan\ncon "líneas"'}))
    assert ast.literal_eval(out.split("=", 1)[1].strip()) == 'Un plan\ncon "líneas"'
    assert out.count("\n") == 2


def test_an_exercise_links_to_the_lesson_in_its_own_language(tmp_path):
    solutions, release = tmp_path / "solutions" / "04-x", tmp_path / "exercises" / "es" / "04-x"
    lesson = tmp_path / "course" / "05-supported.ipynb"
    translated = {lesson.resolve(): (tmp_path / "course" / "es" / "05-supported.ipynb").resolve()}
    out = notebooks.relink("[lesson 05](../../course/05-supported.ipynb)", solutions, release, translated)
    assert out == "[lesson 05](../../../course/es/05-supported.ipynb)"


def test_links_reach_their_file_from_the_translated_folder(tmp_path):
    source_dir = tmp_path / "course"
    output_dir = source_dir / "es"
    text = "[lesson 05](05-supported.ipynb), [the README](../datasets/README.md#licence), [site](https://upr-info.org), [up](#top)"
    translated = {(source_dir / "05-supported.ipynb").resolve(): (output_dir / "05-supported.ipynb").resolve()}
    out = notebooks.relink(text, source_dir, output_dir, translated)
    assert out == "[lesson 05](05-supported.ipynb), [the README](../../datasets/README.md#licence), [site](https://upr-info.org), [up](#top)"


TEST_CELL = """# Check: your answer as your trainer reads it.
print("Your tactic:", ANSWER)
### BEGIN HIDDEN TESTS
assert ANSWER == "Expose the refusal", "Not quite: read the response again"
_score = 2.0
### END HIDDEN TESTS
min(max(float(_score), 0.0), 2.0)
"""
SOLUTION_CELL = """### BEGIN SOLUTION
ANSWER = "Expose the refusal"
### END SOLUTION
"""


def test_in_nbgrader_cells_only_what_the_participant_sees_is_translated(tmp_path, monkeypatch):
    source = tmp_path / "exercise.ipynb"
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": "# Exercise\n\nChoose a tactic."},
        {"cell_type": "code", "metadata": {"nbgrader": {"grade": False, "solution": True, "grade_id": "a1"}},
         "source": SOLUTION_CELL, "outputs": [], "execution_count": None},
        {"cell_type": "code", "metadata": {"nbgrader": {"grade": True, "solution": False, "grade_id": "t1", "points": 2}},
         "source": TEST_CELL, "outputs": [], "execution_count": None},
    ]
    source.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    passages = notebooks.file_passages(source)
    texts = {p.text for p in passages}
    assert "Not quite: read the response again" not in texts, "hidden tests are never translated"
    assert not any("BEGIN" in t for t in texts), "nbgrader's marker lines are never passages"
    assert {"Check: your answer as your trainer reads it.", "Your tactic:"} <= texts
    catalogue = Catalog(locale="es")
    for passage in passages:
        catalogue.add(passage.text, passage.text.upper(), context=passage.context)
    monkeypatch.setattr(notebooks.Translator, "for_source", classmethod(lambda cls, s, c: cls(catalogue)))
    built = notebooks.build_notebook(source, "es", tmp_path / "es", {})
    test_source = "".join(built["cells"][2]["source"])
    hidden = TEST_CELL[TEST_CELL.index("### BEGIN HIDDEN TESTS"):TEST_CELL.index("### END HIDDEN TESTS")]
    assert hidden in test_source
    assert '"YOUR TACTIC:"' in test_source and "# CHECK: YOUR ANSWER" in test_source
    assert "### BEGIN SOLUTION" in "".join(built["cells"][1]["source"])
    assert "".join(built["cells"][0]["source"]) == "# EXERCISE\n\nCHOOSE A TACTIC."
    assert built["metadata"]["upr_course"]["language"] == "es"


def test_a_translation_that_loses_an_nbgrader_marker_is_reported(tmp_path, monkeypatch):
    source = tmp_path / "exercise.ipynb"
    cell = {"cell_type": "markdown", "metadata": {}, "source": "### BEGIN MARK SCHEME\nGive 2 points for a named minister.\n### END MARK SCHEME"}
    source.write_text(json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    monkeypatch.setattr(notebooks, "catalogue_for", lambda s, c: tmp_path / "es.po")
    from upr_course.i18n.catalogues import write_catalogue

    catalog = Catalog(locale="es")
    catalog.add(cell["source"], "### COMIENZO DEL ESQUEMA\nDos puntos si nombra a un ministro.\n### END MARK SCHEME")
    write_catalogue(tmp_path / "es.po", catalog)
    found = notebooks.problems(source, "es")
    assert any("marker" in p.problem for p in found)


@pytest.mark.parametrize("code", ["es", "fr"])
def test_every_source_has_a_current_catalogue(code):
    """``make translations`` has been run: each source's passages are all in its catalogue."""
    for source in notebooks.source_files():
        path = notebooks.catalogue_for(source, code)
        assert path.exists(), f"{path} is missing: run make translations"
        from upr_course.i18n.catalogues import read_catalogue

        catalog = read_catalogue(path, locale=code)
        missing = [p.text for p in notebooks.file_passages(source) if catalog.get(p.text, context=p.context) is None]
        assert not missing, f"{path}: the English changed; run make translations, then translate: {missing[:3]}"


@pytest.mark.parametrize("code", ["es", "fr"])
@pytest.mark.parametrize("source", notebooks.source_files(), ids=notebooks.repo_path)
def test_every_passage_has_a_current_translation(code, source):
    """A changed English passage leaves its translation fuzzy or missing: translate it again."""
    found = notebooks.problems(source, code)
    assert not found, (
        f"{len(found)} passages of {notebooks.repo_path(source)} need a translator "
        f"(run make translations, edit {notebooks.repo_path(notebooks.catalogue_for(source, code))}):\n"
        + "\n".join(str(p) for p in found[:10])
    )


@pytest.mark.parametrize("code", ["es", "fr"])
def test_the_committed_translated_lessons_are_built_from_the_catalogues(code):
    stale = [notebooks.repo_path(path) for path, text in notebooks.build_lessons(code).items()
             if not path.exists() or path.read_text(encoding="utf-8") != text]
    assert not stale, f"run make translations and commit: {stale}"
