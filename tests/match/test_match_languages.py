"""Goals in Spanish and French: the language identifier, the glossaries, and the held-out
figures on judged goals (tests/data/goals_es_fr.yaml; docs/matcher-languages.md)."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
import yaml

from upr_course.language import detect_language
from upr_course.match.glossary import glossary, tokens, translate
from upr_course.match import few_message, match, meaning
from upr_course.match.goal_eval import load_goals, run_goal, summary
from upr_course.match.rank import TOPIC_GATE_KEEP, Query, topic_gate

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
    targets = {w for value in (*table.words.values(), *table.phrases.values(), *table.lexicon.values()) for w in value.split()}
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


def test_everyday_words_the_glossary_lacks_come_from_the_general_lexicon():
    # Words of goals written by others, none in the hand-written glossaries.
    assert translate("desahucio", "es") == "eviction"
    assert translate("les quartiers", "fr") == "neighbourhoods"
    assert translate("prier librement", "fr").split()[-1] == "freely"
    assert "barrio" not in glossary("es").words and translate("el barrio", "es") == "neighbourhood"


def test_the_glossary_comes_first_and_keeps_the_un_terms():
    # "pueblos indígenas" are indigenous peoples in the UN's words, not "villages" and "natives".
    table = glossary("es")
    assert (table.lexicon["pueblos"], table.lexicon["indigenas"]) == ("villages", "natives")
    assert translate("pueblos indígenas", "es") == "indigenous peoples" and translate("pueblos", "es") == "peoples"


@pytest.mark.parametrize("text, language, meant, wrong", [
    ("los jornaleros explotados", "es", "exploit", "explode"),  # people are exploited, not exploded
    ("los temporeros del campo", "es", "seasonal workers", None),
    ("discriminación contra los afroecuatorianos", "es", "african descent", None),
    ("des femmes meurent en accouchant", "fr", "childbirth", None),
    ("trop de femmes meurent en acouchant", "fr", "childbirth", "bed"),  # misspelt, not "couchant"
    ("les couples pas mariés", "fr", "unmarried", None),  # the negation is kept
    ("les femmes voilées", "fr", "headscarf", "watched"),  # "voilées" is not "watched"
    ("une femme avec un foulard", "fr", "religious symbols", None),
    ("hijos nacidos fuera del matrimonio", "es", "outside marriage", None),
])
def test_words_of_the_field_are_read_in_their_field(text, language, meant, wrong):
    english = translate(text, language)
    assert meant in english and (wrong is None or wrong not in english), english


def test_an_inflection_that_is_another_word_is_not_read_as_the_base_word():
    # "casa" ends like a feminine of "caso" (a case); the lexicon knows it is a house.
    table = glossary("es")
    assert "caso" in table.words and not table.same_word("casa", "caso")
    assert "house" in translate("familias sin casa", "es").split() and "case" not in translate("familias sin casa", "es")
    # A real inflection is still read through the glossary, in its sense: "presupuestos" is
    # the plural of "presupuesto", a budget (the lexicon alone would say "estimates").
    assert table.same_word("presupuestos", "presupuesto") and table.lexicon["presupuestos"] == "estimates"
    assert translate("presupuestos", "es") == table.words["presupuesto"] == "budget"


@pytest.mark.parametrize("text, language, wrong, right", [
    # Words that share a stem or a spelling with a glossary word, but not its meaning.
    ("los hospitales traten a las personas migrantes", "es", "trafficking", "treat"),
    ("accélérer le traitement des demandes d'asile", "fr", "trafficking", "treatment"),
    ("toutes les formes de discrimination", "fr", "train", "forms"),
    ("la detección temprana del cáncer", "es", "detention", "detection"),
    # A word spelt like an English word of the recommendations is kept as it is.
    ("des sanctions contre les juges", "fr", "punish", "sanctions"),
])
def test_a_real_word_is_read_as_itself_not_as_a_glossary_word_that_looks_like_it(text, language, wrong, right):
    english = translate(text, language).split()
    assert wrong not in english and right in english, english


def test_names_written_with_a_capital_letter_are_kept():
    assert translate("desalojos en Buenos Aires y Mar del Plata", "es").split()[-4:] == ["buenos", "aires", "mar", "plata"]
    assert translate("les déplacés de Pointe-Noire", "fr").split()[-2:] == ["pointe", "noire"]
    assert "house" in translate("familias sin casa", "es").split()  # the same word in lower case is translated
    # A goal typed in capitals, or With Every Word Capitalised, is read like one in lower case.
    for typed in ("DESALOJOS DE FAMILIAS SIN CASA", "Desalojos De Familias Sin Casa"):
        assert translate(typed, "es") == translate(typed.lower(), "es") == "evictions families house"


def test_misspelt_words_the_lexicon_does_not_know_are_still_corrected():
    assert translate("las carseles", "es") == "prisons"


def test_lexicon_files_say_where_they_come_from_and_hold_folded_words():
    for language in ("es", "fr"):
        text = (Path(__file__).parents[2] / "src" / "upr_course" / "match" / "glossaries" / f"lexicon-{language}.tsv").read_text(encoding="utf-8")
        header = [line for line in text.splitlines() if line.startswith("#")]
        assert any("apertium" in line for line in header) and any("Licence: GNU GPL" in line for line in header)
        rows = [line.split("\t") for line in text.splitlines() if not line.startswith("#")]
        assert len(rows) > 5000 and all(len(row) == 2 and row[0] == tokens(row[0])[0] for row in rows)


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


#: Floors under the measured figures (docs/matcher-languages.md), per part and language:
#: (precision over the results shown, most goals with nothing relevant, most judged-relevant
#: results the cut-off may hide). Third round, with the general lexicon, the UN's
#: abbreviations and the review's fixes: held-out Spanish 0.59 with two goals finding nothing
#: (es02 and es26: the data holds nothing on child marriage in Guatemala or young people's
#: mental health in Chile), French 0.83; held-out-2 Spanish 0.71, French 0.54; held-out-3
#: Spanish 0.72, French 0.76. Held-out-4 (written before the last changes by a helper who
#: never saw the matcher, judged blind with its English twins): Spanish 0.71, French 0.58,
#: and the same goals in plain English 0.61. A change that loses relevant results on several
#: goals, leaves one more goal with nothing, or hides relevant results behind the cut-off
#: fails here. The floors were last set after the sentence model (eighth round), 0.03 under
#: each part's figure then.
FLOORS = {
    ("held-out", "es"): (0.61, 2, 1),
    ("held-out", "fr"): (0.82, 0, 5),
    ("held-out-2", "es"): (0.76, 0, 0),
    ("held-out-2", "fr"): (0.48, 0, 0),
    ("held-out-3", "es"): (0.78, 0, 4),
    ("held-out-3", "fr"): (0.80, 0, 0),
    ("held-out-4", "es"): (0.75, 0, 0),
    ("held-out-4", "fr"): (0.61, 0, 0),
    ("held-out-4-en", "en"): (0.66, 1, 1),
    # Written and judged blind on 2026-12-07 (fifth round, docs/matcher-languages.md).
    ("held-out-5", "es"): (0.59, 0, 3),
    ("held-out-5", "fr"): (0.65, 0, 6),
    ("held-out-5-en", "en"): (0.55, 0, 6),
    ("held-out-6", "es"): (0.52, 0, 3),
    ("held-out-6", "fr"): (0.76, 0, 1),
    ("held-out-6-en", "en"): (0.69, 2, 2),
    ("held-out-7", "es"): (0.38, 2, 4),
    ("held-out-7", "fr"): (0.67, 0, 4),
    ("held-out-7-en", "en"): (0.51, 3, 1),
    # Written blind before the meaning signal, judged blind with the results before and after it.
    ("held-out-8", "es"): (0.65, 0, 2),
    ("held-out-8", "fr"): (0.68, 0, 1),
    ("held-out-8-en", "en"): (0.67, 0, 2),
    # Written blind after the meaning signal; judged blind (results of both matchers), then
    # read: the glossary words for farm workers, Afro-descendants and childbirth came after.
    ("held-out-9", "es"): (0.66, 0, 0),
    ("held-out-9", "fr"): (0.61, 1, 0),
    ("held-out-9-en", "en"): (0.57, 2, 1),
    # Written blind before the glossaries' everyday words (slang, idioms, participles), judged
    # blind with the results before and after them.
    ("held-out-10", "es"): (0.72, 1, 3),
    ("held-out-10", "fr"): (0.71, 0, 0),
    ("held-out-10-en", "en"): (0.67, 2, 5),
    # Written blind before the glossaries' second round of everyday words; judged blind with
    # the results before and after it.
    ("held-out-11", "es"): (0.53, 1, 2),
    ("held-out-11", "fr"): (0.56, 1, 6),
    ("held-out-11-en", "en"): (0.64, 0, 3),
    # Written blind on 2026-12-07 before the sentence model (eighth round); the matcher's top 20
    # and the sentence model's top 20 judged blind for each goal and its twin, before the change.
    ("held-out-12", "es"): (0.58, 1, 3),
    ("held-out-12", "fr"): (0.69, 2, 1),
    ("held-out-12-en", "en"): (0.62, 2, 5),
    # Written blind after the sentence model (eighth round); the new matcher's top 20 and its
    # word-only top 15 judged blind for each goal and its twin, then measured once.
    ("held-out-13", "es"): (0.59, 1, 1),
    ("held-out-13", "fr"): (0.59, 2, 2),
    ("held-out-13-en", "en"): (0.64, 0, 3),
}
@pytest.mark.slow
@pytest.mark.skipif(not meaning.available(), reason="the floors were measured with the meaning signal (the sentence model)")
@pytest.mark.parametrize("part, language", sorted(FLOORS))
def test_judged_goals_keep_their_precision(part, language):
    results = [run_goal(g) for g in load_goals(GOALS) if g.language == language and g.split == part]
    assert len(results) >= 10
    figures = summary(results)
    floor, most_with_nothing, most_hidden = FLOORS[(part, language)]
    assert figures["unjudged"] == 0, "new results in the top 10: read and judge them in the goals file"
    assert figures["precision@10"] >= floor, figures
    assert len(figures["nothing_relevant"]) <= most_with_nothing, figures
    assert figures["relevant_left_out"] <= most_hidden, figures


@pytest.mark.parametrize("part, least", [("held-out-2", 10), ("held-out-3", 15), ("held-out-4", 15), ("held-out-5", 15),
                                         ("held-out-6", 15), ("held-out-7", 15), ("held-out-8", 15),
                                         ("held-out-9", 15), ("held-out-10", 15),
                                         ("held-out-11", 15), ("held-out-12", 15),
                                         ("held-out-13", 15)])
def test_every_goal_has_its_judging_rule_written_in_the_new_parts(part, least):
    new = [g for g in load_goals(GOALS) if g.split == part]
    assert len([g for g in new if g.language == "es"]) >= least and len([g for g in new if g.language == "fr"]) >= least
    assert all(len(g.rule) > 40 for g in new)


@pytest.mark.parametrize("part", ["held-out-4", "held-out-5", "held-out-6", "held-out-7", "held-out-8", "held-out-9", "held-out-10",
                                  "held-out-11", "held-out-12", "held-out-13"])
def test_the_english_twins_keep_their_sources_country_and_rule(part):
    # held-out-N-en: the same 30 goals as an English speaker would type them, judged by the same
    # rules, so that the languages can be compared on the same subjects.
    raw = {g["id"]: g for g in yaml.safe_load(GOALS.read_text(encoding="utf-8"))["goals"]}
    twins = [g for g in raw.values() if g.get("split") == f"{part}-en"]
    assert len(twins) == 30 and {raw[g["source"]]["split"] for g in twins} == {part}
    for twin in twins:
        source = raw[twin["source"]]
        assert (twin["language"], twin["country"], twin["rule"]) == ("en", source["country"], source["rule"])
        assert detect_language(twin["goal"]) == "en" and detect_language(source["goal"]) == source["language"], twin


# --- the cut-off: fewer than ten when fewer are about the subject -----------------------


def test_few_relevant_gives_a_short_list_and_says_so():
    # Madagascar received two recommendations on corruption; the next score under a tenth of them.
    short = match("Madagascar", "lutter contre la coruption", top=10)
    assert len(short) == 2 and all("corruption" in t.lower() for t in short["text"])
    assert short.attrs["left_out"] == 8
    assert few_message(short).startswith("Only 2 recommendations to Madagascar are clearly about this subject")
    assert len(match("Madagascar", "lutter contre la coruption", top=10, cut=False)) == 10


def test_the_cut_off_never_touches_a_full_ranking_or_a_clear_list():
    assert len(match("Madagascar", "corruption", top=None)) == len(match("Madagascar", "anything", top=None))
    full = match("Mexico", "find the disappeared", top=10)
    assert len(full) == 10 and full.attrs["left_out"] == 0 and few_message(full) == ""


def test_command_line_says_plainly_that_the_list_is_short(capsys):
    from upr_course.cli import main

    assert main(["match", "--country", "Madagascar", "--goal", "lutter contre la coruption"]) == 0
    out = capsys.readouterr().out
    assert "Only 2 recommendations to Madagascar" in out and "--show-all" in out
    assert main(["match", "--country", "Madagascar", "--goal", "lutter contre la coruption", "--show-all", "--json"]) == 0
    assert capsys.readouterr().out.count('"rank"') == 10


# --- subjects of their own: general recommendations no longer come first ---------------


def test_slavery_and_albinism_are_not_filed_under_other_issues():
    slavery = Query.parse("mettre fin à l'esclavage")
    assert "slavery" in slavery.english and "Trafficking" not in slavery.expansion.issues
    albinism = Query.parse("protéger les albinos contre les attaques")
    assert "Disabilities" not in albinism.expansion.issues
    assert "Trafficking" in Query.parse("end human trafficking").expansion.issues


def test_recommendations_on_the_subject_come_before_general_ones_on_the_issue():
    # Burundi: two recommendations name albinism; dozens are on disabilities or minorities.
    top = match("Burundi", "protéger les albinos contre les attaques", top=2)
    assert all("albin" in text.lower() for text in top["text"]), top["text"].tolist()


def test_topic_gate_keeps_half_for_a_text_sharing_no_word():
    gate = topic_gate(np.array([0.0, 0.05, 0.1, 0.5], np.float32))
    assert gate[0] == pytest.approx(TOPIC_GATE_KEEP)
    assert gate[2] == pytest.approx(1.0) and gate[3] == pytest.approx(1.0)
    assert TOPIC_GATE_KEEP < gate[1] < 1.0
    assert (topic_gate(np.zeros(3, np.float32)) == 1.0).all()  # no shared word anywhere: nothing gated


def test_the_notebook_explorer_says_it_too():
    from upr_course.widgets.match_explorer import results_html

    page = results_html(match("Madagascar", "lutter contre la coruption", top=10), "lutter contre la coruption")
    assert "Only 2 recommendations to Madagascar" in page


# --- words of a goal that no recommendation uses -------------------------------------------


@pytest.mark.parametrize("goal, unread", [
    ("end torture in police custody", []),
    ("stop xyzzy in police custody", ["xyzzy"]),
    ("children are hungry in the south", []),  # no recommendation says "hungry", but "hunger"
    ("que la policía deje de torturar a los plimbos", ["plimbos"]),
    ("arrêter la torture des plimbos par la police", ["plimbos"]),
    # Slang read as a phrase: "pacos" alone is unknown, "los pacos" is the police, and
    # "le pegaron" is not a misspelt "negaron" (they denied).
    ("los pacos le pegaron a los estudiantes", []),
])
def test_the_words_no_recommendation_uses_are_named(goal, unread):
    from upr_course.match.search import read_goal

    assert read_goal(goal)[0] == unread


def test_what_the_participant_is_told_is_what_the_matcher_read():
    # The message walks the goal as the translation does, phrases first: a word inside a
    # phrase is neither "unread" nor "misspelt" ("le pegaron", beaten, is not "negaron").
    from upr_course.match.search import read_goal

    assert translate("los pacos le pegaron a los estudiantes", "es").startswith("police beaten")
    assert read_goal("los pacos le pegaron a los estudiantes", "es") == ([], {})
    assert read_goal("espulsan a los plimbos", "es") == (["plimbos"], {"espulsan": "expulsan"})


def test_the_command_line_and_the_explorer_name_them_in_the_participants_language(capsys):
    from upr_course.cli import main
    from upr_course.i18n import messages
    from upr_course.widgets.match_explorer import results_html

    assert main(["match", "--country", "Honduras", "--goal", "que la policía deje de torturar a los plimbos"]) == 0
    assert "No recommendation in the data uses the word 'plimbos' of your goal" in capsys.readouterr().out
    assert main(["--lang", "es", "match", "--country", "Honduras", "--goal", "que la policía deje de torturar a los plimbos"]) == 0
    assert "Ninguna recomendación de los datos usa la palabra 'plimbos'" in capsys.readouterr().out
    with messages.language("fr"):
        page = results_html(match("Honduras", "arrêter la torture des plimbos"), "arrêter la torture des plimbos")
    assert "Aucune recommandation des données n&#x27;utilise le mot &#x27;plimbos&#x27;" in page
    assert main(["match", "--country", "Honduras", "--goal", "end torture in police custody"]) == 0
    assert "No recommendation in the data uses" not in capsys.readouterr().out


@pytest.mark.parametrize("goal", ["لا للتعذيب", "пытки в полиции"])
def test_a_goal_in_a_language_the_matcher_cannot_read_gets_a_plain_message(goal, capsys):
    from upr_course.cli import main
    from upr_course.errors import UserError

    with pytest.raises(UserError, match="English, Spanish or French"):
        match("Kenya", goal)
    assert main(["--lang", "fr", "match", "--country", "Kenya", "--goal", goal]) == 2
    assert "L'outil de recherche lit les objectifs en français, en anglais ou en espagnol" in capsys.readouterr().err


@pytest.mark.parametrize("language", ["es", "fr"])
def test_no_glossary_key_is_written_twice(language):
    # YAML keeps the last of two equal keys and says nothing, and keys are read folded
    # ("menacé" and "menace" are one key): a second entry silently replaces the first.
    path = Path(__file__).parents[2] / "src" / "upr_course" / "match" / "glossaries" / f"{language}.yaml"
    root = yaml.compose(path.read_text(encoding="utf-8"))
    seen: dict[tuple[str, ...], int] = {}
    twice = []
    for section, entries in root.value:
        if section.value not in ("phrases", "words"):
            continue
        for key, _value in entries.value:
            folded = tuple(tokens(key.value))
            if folded in seen:
                twice.append(f"{key.value!r} (line {key.start_mark.line + 1}, first at line {seen[folded]})")
            seen.setdefault(folded, key.start_mark.line + 1)
    assert not twice, twice
