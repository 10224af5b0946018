"""make lab LANG=es|fr opens the course in that language (Makefile, upr_course/i18n/lab.py)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import pytest

from upr_course.i18n import lab
from upr_course.i18n.notebooks import REPO


def test_each_language_gets_the_courses_settings_and_its_language_pack(tmp_path):
    base = tmp_path / "overrides.json"
    base.write_text(json.dumps({"@jupyterlab/apputils-extension:notification": {"fetchNews": "false"}}))
    written = lab.write_language_settings(base, tmp_path / "lab")
    assert {p.parent.name for p in written} == {"settings-es", "settings-fr"}
    spanish = json.loads((tmp_path / "lab" / "settings-es" / "overrides.json").read_text())
    assert spanish[lab.TRANSLATION_PLUGIN]["locale"] == "es_ES"
    assert spanish["@jupyterlab/apputils-extension:notification"] == {"fetchNews": "false"}


def test_the_language_packs_are_installed():
    from importlib.metadata import version

    for code, locale in lab.LAB_LOCALES.items():
        assert version(f"jupyterlab-language-pack-{locale.replace('_', '-')}"), code


def _lab_command(**variables) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "UPR_COURSE_LANG", "MAKEFLAGS")}
    env.update(variables.pop("env", {}))
    arguments = [f"{name}={value}" for name, value in variables.items()]
    run = subprocess.run(["make", "-n", "lab", *arguments], cwd=REPO, env=env, capture_output=True, text=True, check=True)
    return next(line for line in run.stdout.splitlines() if "jupyter lab" in line)


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
@pytest.mark.parametrize(
    "variables, language",
    [
        ({}, "en"),
        ({"LANG": "es"}, "es"),
        ({"LANG": "fr"}, "fr"),
        ({"env": {"LANG": "es_MX.UTF-8"}}, "es"),
        ({"env": {"LANG": "fr_CA.UTF-8"}}, "fr"),
        ({"env": {"LANG": "C.UTF-8"}}, "en"),
        ({"env": {"LANG": "es_ES.UTF-8", "UPR_COURSE_LANG": "en"}}, "en"),
    ],
    ids=str,
)
def test_make_lab_opens_the_course_in_the_language_asked_for(variables, language):
    command = _lab_command(**variables)
    assert f"UPR_COURSE_LANG={language}" in command
    lessons = "course/00-start-here.ipynb" if language == "en" else f"course/{language}/00-start-here.ipynb"
    assert command.rstrip().endswith(lessons)
    settings = re.search(r"--LabApp.app_settings_dir=(\S+)", command)
    assert (settings is None) == (language == "en")
    if settings:
        assert settings.group(1).endswith(f"settings-{language}")


def test_a_translated_lesson_becomes_a_handout_that_says_its_language():
    import nbformat

    from upr_course.handouts import to_page

    for code in ("es", "fr"):
        notebook = nbformat.read(REPO / "course" / code / "05-supported-and-noted.ipynb", as_version=4)
        assert f'<html lang="{code}">' in to_page(notebook, "05")


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_handouts_lang_es_writes_the_spanish_lessons_apart():
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "UPR_COURSE_LANG", "MAKEFLAGS")}
    run = subprocess.run(["make", "-n", "handouts", "LANG=es"], cwd=REPO, env=env, capture_output=True, text=True, check=True)
    command = next(line for line in run.stdout.splitlines() if "upr_course.handouts" in line)
    assert " handouts-es course/es/00-start-here.ipynb" in command and "course/0" not in command.replace("course/es/0", "")


def test_the_matcher_names_the_response_in_the_readers_language(capsys):
    """The data keeps "Noted"; a Spanish reader of ``upr-course match`` reads the UN's Spanish word."""
    from upr_course.cli import main
    from upr_course.i18n import set_language

    try:
        main(["--lang", "es", "match", "--country", "Kenia", "--goal", "acabar con la tortura", "--top", "3", "--response", "noted"])
    except SystemExit as done:
        assert done.code in (0, None)
    finally:
        set_language(None)
    shown = capsys.readouterr().out
    assert "Se tomó nota" in shown and "  Noted  " not in shown


def _match_output(capsys, *argv):
    from upr_course.cli import main
    from upr_course.i18n import set_language

    try:
        code = main(list(argv))
    except SystemExit as done:
        code = done.code
    finally:
        set_language(None)
    assert code in (0, None)
    return capsys.readouterr().out


def test_the_matcher_names_the_states_in_the_readers_language(capsys):
    """A French reader reads "Belgique" and "par Albanie", as the UN's French documents name them,
    not the data's English names; an English reader's output keeps the English ones."""
    french = _match_output(capsys, "--lang", "fr", "match", "--country", "Belgium", "--goal", "violence contre les femmes migrantes",
                           "--top", "10", "--show-all")
    assert "Belgique : recommandations reçues" in french and "Belgium" not in french
    assert re.search(r"recommandée par : (Albanie|Colombie|Sri Lanka)\b", french) and not re.search(r"\bpar (Albanie|Colombie)\b", french)
    assert "par Albania\n" not in french and "par Colombia\n" not in french
    english = _match_output(capsys, "--lang", "en", "match", "--country", "Belgium", "--goal", "violence against migrant women", "--top", "3")
    assert "Recommendations to Belgium" in english


def test_a_list_of_states_and_an_unknown_name_are_read_safely():
    from upr_course import data
    from upr_course.i18n import set_language

    set_language("es")
    try:
        assert data.local_state_names("Kenya, Morocco, Germany") == "Kenia, Marruecos, Alemania"
        assert data.local_state_names("European Union") == "European Union"  # no State: kept as written
        assert data.local_state_names("") == ""
        assert data.local_state_names("Kenya, , Morocco") == "Kenia, , Marruecos"  # odd data never stops a print-out
    finally:
        set_language(None)
    assert data.local_state_names("Kenya, Morocco") == "Kenya, Morocco"  # English: unchanged


@pytest.mark.parametrize("code, names", [
    ("es", ["Estado de Palestina", "Santa Sede", "República de Corea", "República Popular Democrática de Corea"]),
    ("fr", ["État de Palestine", "Saint-Siège", "République de Corée", "République populaire démocratique de Corée"]),
])
def test_states_whose_everyday_name_is_not_the_uns_get_the_uns(code, names):
    """CLDR says "Territorios Palestinos" and "Ciudad del Vaticano": another status and another
    entity than the UN's "Estado de Palestina" and "Santa Sede". The course writes the UN's, and
    reads them back as input."""
    from upr_course import data
    from upr_course.i18n import set_language

    set_language(code)
    try:
        shown = data.local_state_names("State of Palestine, Holy See, Republic of Korea, Democratic People's Republic of Korea")
        assert shown.split(", ") == names
        assert data.find_country(names[0]).iso3 == "PSE"
    finally:
        set_language(None)
