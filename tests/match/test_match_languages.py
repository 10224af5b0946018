"""Goals in Spanish and French: the language identifier, the glossaries, and the held-out
figures on judged goals (tests/data/goals_es_fr.yaml; docs/matcher-languages.md)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from upr_course.language import detect_language
from upr_course.match.glossary import glossary, tokens, translate
from upr_course.match.goal_eval import load_goals, run_goal, summary
from upr_course.match.rank import Query

GOALS = Path(__file__).resolve().parents[1] / "data" / "goals_es_fr.yaml"

# --- language -------------------------------------------------------------------------


@pytest.mark.parametrize("text, language", [
    ("Encontrar a las personas desaparecidas", "es"),  # a tie for the old word count: "a" vs "las"
    ("poner fin al matrimonio infantil", "es"),
    ("quitar la pena de muerte", "es"),
    ("abolir la peine de mort", "fr"),
    ("le trafic d'enfants", "fr"),
    ("mettre fin au mariage des filles mineures", "fr"),
    ("find the disappeared", "en"),
    ("stop executions", "en"),
    ("end discrimination against Dalits", "en"),
    ("LGBT", "en"),  # unsure: read as English
    ("torture", "en"),
    ("", "en"),
    ("1234 !!", "en"),
])
def test_language_of_short_goals(text, language):
    assert detect_language(text) == language


def test_a_spanish_tie_is_read_as_spanish_and_finds_disappearances():
    query = Query.parse("Encontrar a las personas desaparecidas")
    assert query.language == "es" and "missing persons" in query.english
    assert "Enforced disappearances" in query.expansion.issues


# --- glossaries -----------------------------------------------------------------------


@pytest.mark.parametrize("text, language, english", [
    ("poner fin al matrimonio infantil", "es", "end child marriage"),
    ("defensores de derechos humanos", "es", "human rights defenders"),
    ("desaparición forzada", "es", "enforced disappearance"),
    ("défenseurs des droits de l'homme", "fr", "human rights defenders"),  # not "defenders" + "human rights"
    ("mariage d'enfants", "fr", "child marriage"),
    ("disparition forcée", "fr", "enforced disappearance"),
    ("abolir la peine de mort", "fr", "abolish death penalty"),
])
def test_longest_phrase_first_on_whole_words(text, language, english):
    assert translate(text, language) == english


@pytest.mark.parametrize("language", ["es", "fr"])
def test_no_partial_words_and_unknown_words_kept(language):
    table = glossary(language)
    targets = {w for value in (*table.words.values(), *table.phrases.values()) for w in value.split()}
    texts = [g.goal for g in load_goals(GOALS) if g.language == language] + ["Xyzzy Ouagadougou ONG"]
    for text in texts:
        source = set(tokens(text))
        for word in translate(text, language).split():
            # every output word is a glossary word, a whole input word, or an input word
            # with a cognate ending rewritten: never a piece cut out of a longer word
            assert word in targets or word in source or any(word.startswith(s[:4]) for s in source), (text, word)
    assert "xyzzy" in translate("Xyzzy", language).split()


def test_a_phrase_key_inside_a_longer_word_is_not_replaced():
    # "trata" is a glossary word; "tratamiento" must not become "trafficking miento"
    assert "trafficking" not in translate("tratamiento", "es")
    assert translate("en particular", "es") == "in particular"


def test_misspelt_words_are_read_as_the_glossary_word():
    assert translate("las carseles", "es") == "prisons"
    assert translate("lutter contre la coruption", "fr") == "corruption"


# --- held-out figures -----------------------------------------------------------------


def test_split_is_the_seeded_one():
    goals = load_goals(GOALS)
    for language in ("es", "fr"):
        ids = sorted(g.id for g in goals if g.language == language and g.split in ("tune", "held-out"))
        assert len(ids) >= 30
        random.Random(19).shuffle(ids)
        expected_tune = set(ids[:15])
        assert {g.id for g in goals if g.language == language and g.split == "tune"} == expected_tune


#: Floors under the measured held-out figures (docs/matcher-languages.md): Spanish 0.51 with
#: two goals finding nothing relevant, French 0.75 with none. A change that loses a relevant
#: result on several goals, or leaves a French goal with nothing, fails here.
FLOORS = {"es": (0.45, 2), "fr": (0.70, 0)}


@pytest.mark.slow
@pytest.mark.parametrize("language", ["es", "fr"])
def test_held_out_goals_keep_their_precision(language):
    results = [run_goal(g) for g in load_goals(GOALS) if g.language == language and g.split == "held-out"]
    figures = summary(results)
    floor, most_with_nothing = FLOORS[language]
    assert figures["unjudged"] == 0, "new results in the top 10: read and judge them in the goals file"
    assert figures["precision@10"] >= floor, figures
    assert len(figures["nothing_relevant"]) <= most_with_nothing, figures
