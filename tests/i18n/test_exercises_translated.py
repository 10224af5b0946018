"""The exercises in Spanish and French: the same cells, points and hidden tests as in English,
released and graded by nbgrader in the same way (upr_course/i18n/exercises.py)."""

from __future__ import annotations

import io
import json
import shutil
import tokenize
from pathlib import Path

import pytest

from upr_course.grading import throwaway_course as course_copy
from upr_course.i18n import exercises, notebooks

REPO = notebooks.REPO
LANGUAGES = ("es", "fr")
SOURCES = sorted((REPO / "solutions").glob("*/*.ipynb"))


def _code_shape(source: str) -> list[tuple[int, str]]:
    """The tokens of a cell with the words of its strings and comments left out."""
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return [(t.type, "" if t.type in (tokenize.STRING, tokenize.COMMENT) else t.string) for t in tokens]


@pytest.fixture(scope="module")
def translated_sources(tmp_path_factory) -> dict[str, Path]:
    folders = {}
    for code in LANGUAGES:
        folder = tmp_path_factory.mktemp(f"sources-{code}")
        notebooks.write_outputs(notebooks.build_exercise_sources(code, folder))
        folders[code] = folder
    return folders


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.parent.name)
def test_a_translated_exercise_has_the_same_cells_points_and_hidden_tests(translated_sources, code, source):
    english = json.loads(source.read_text(encoding="utf-8"))
    translated = json.loads((translated_sources[code] / source.parent.name / source.name).read_text(encoding="utf-8"))
    assert len(translated["cells"]) == len(english["cells"])
    for before, after in zip(english["cells"], translated["cells"], strict=True):
        assert after["cell_type"] == before["cell_type"]
        assert after["metadata"].get("nbgrader") == before["metadata"].get("nbgrader"), "ids, points and locks are the same"
        if not notebooks.is_nbgrader_test(before):
            continue
        old, new = notebooks.cell_source(before), notebooks.cell_source(after)
        hidden_before = [p for p, visible in notebooks.visible_parts(old) if not visible]
        hidden_after = [p for p, visible in notebooks.visible_parts(new) if not visible]
        assert hidden_after == hidden_before, "hidden tests are copied unchanged"
        assert _code_shape(new) == _code_shape(old), "only strings and comments differ"


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_committed_exercises_are_what_nbgrader_releases_from_the_translations(code):
    fresh = exercises.released(code)
    committed_dir = notebooks.exercise_release_dir(code)
    committed = {p for p in committed_dir.rglob("*") if p.is_file() and ".ipynb_checkpoints" not in p.parts}
    assert committed == set(fresh), f"run make translations and commit exercises/{code}/"
    stale = [p.relative_to(REPO).as_posix() for p, content in fresh.items() if p.read_bytes() != content]
    assert not stale, f"out of date: {stale}; run make translations and commit them"


def test_nbgrader_uses_the_translated_exercises_in_a_spanish_workshop(tmp_path, monkeypatch):
    course = tmp_path / "course"
    course.mkdir()
    shutil.copy(REPO / "nbgrader_config.py", course / "nbgrader_config.py")
    monkeypatch.setenv("UPR_COURSE_LANG", "es")
    assert course_copy.load_config(course).CourseDirectory.source_directory == "solutions", (
        "without built translated sources, nbgrader keeps the English ones"
    )
    (course / "translations" / "build" / "es" / "solutions").mkdir(parents=True)
    config = course_copy.load_config(course)
    assert config.CourseDirectory.source_directory == "translations/build/es/solutions"
    assert config.CourseDirectory.release_directory == "exercises/es"
    monkeypatch.setenv("UPR_COURSE_LANG", "en")
    assert course_copy.load_config(course).CourseDirectory.release_directory == "exercises"


@pytest.mark.slow
@pytest.mark.parametrize("code", LANGUAGES)
def test_a_translated_exercise_is_graded_as_the_english_one(tmp_path, monkeypatch, translated_sources, code):
    """Release, submit the model answers and a blank notebook, autograde: the same scores in both languages."""
    assignment, name = "04-supported-or-noted", "supported-or-noted"
    monkeypatch.setenv("UPR_COURSE_LANG", "en")
    scores = {}
    for language, solutions in (("en", REPO / "solutions"), (code, translated_sources[code])):
        course = course_copy.make_course(tmp_path / language, [assignment], solutions=solutions)
        assert course_copy.api(course).generate_assignment(assignment, force=True)["success"]
        release = course_copy.read(course / "exercises" / assignment / f"{name}.ipynb")
        source = course_copy.read(course / "solutions" / assignment / f"{name}.ipynb")
        solved = course_copy.with_saved_answers(course_copy.with_answers(release, course_copy.solution_answers(source)),
                                                course_copy.saved_answers(source))
        course_copy.submit(course, "solution", assignment, f"{name}.ipynb", solved)
        course_copy.submit(course, "blank", assignment, f"{name}.ipynb", release)
        graded = course_copy.run_nbgrader(course, "autograde", assignment)
        assert graded.returncode == 0, graded.stderr[-3000:]
        course_copy.run_nbgrader(course, "export", "--to", "grades.csv", check=True)
        import csv

        with (course / "grades.csv").open(encoding="utf-8") as handle:
            scores[language] = {row["student_id"]: float(row["raw_score"]) for row in csv.DictReader(handle)}
    assert scores[code] == scores["en"]
    assert scores["en"]["solution"] > scores["en"]["blank"]
