"""A goal written in a language the matcher does not read is named as such, never silently
matched as if it were English (tests/data/goals_es_fr.yaml holds the goals it must never name)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from upr_course.i18n import language
from upr_course.language import other_language
from upr_course.match import match, other_language_message

GOALS = Path(__file__).resolve().parents[1] / "data" / "goals_es_fr.yaml"


@pytest.mark.parametrize(
    ("goal", "code"),
    [("Folter in Polizeigewahrsam beenden", "de"), ("kukomesha ndoa za utotoni", "sw"), ("porre fine alla tortura nelle carceri", "it")],
)
def test_a_goal_plainly_in_another_language_is_named(goal, code):
    assert other_language(goal) == code


def test_no_goal_in_english_spanish_or_french_and_no_short_name_is_taken_for_another_language():
    goals = [g["goal"] for g in yaml.safe_load(GOALS.read_text(encoding="utf-8"))["goals"]]
    assert len(goals) >= 700
    named = [(goal, other_language(goal)) for goal in goals if other_language(goal)]
    assert not named, named
    for short in ("LGBT", "Dalits", "end FGM", "torture", ""):
        assert other_language(short) is None


@pytest.mark.parametrize(("code", "name"), [("en", "German"), ("es", "alemán"), ("fr", "allemand")])
def test_the_match_says_so_in_the_readers_language(code, name):
    with language(code):
        result = match("Brazil", "Folter in Polizeigewahrsam beenden", top=3)
        message = other_language_message(result)
    assert name in message and ("English" in message or "inglés" in message or "anglais" in message), message


def test_a_goal_the_matcher_reads_gets_no_such_message():
    for goal in ("end torture in police custody", "poner fin a la tortura", "mettre fin à la torture en garde à vue"):
        assert other_language_message(match("Brazil", goal, top=3)) == ""
    # A language forced by the caller is taken at its word.
    assert other_language_message(match("Brazil", "Folter in Polizeigewahrsam beenden", top=3, lang="en")) == ""


def test_the_command_line_and_the_match_explorer_show_it(capsys):
    from upr_course.cli import main
    from upr_course.widgets.match_explorer import results_html

    assert main(["--lang", "en", "match", "--country", "Brazil", "--goal", "kukomesha ndoa za utotoni", "--top", "2"]) == 0
    assert "seems to be written in Swahili" in capsys.readouterr().out
    with language("en"):
        result = match("Brazil", "kukomesha ndoa za utotoni", top=2)
        page = results_html(result, "kukomesha ndoa za utotoni")
    assert "seems to be written in Swahili" in page
