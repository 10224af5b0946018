"""Misspelt words of English goals are read as the recommendations' words; real words, names
and short words are left alone (``upr_course.match.spelling``)."""

from __future__ import annotations

import pytest

from upr_course.match import match, read_as_message
from upr_course.match.model import corpus_model
from upr_course.match.rank import Query
from upr_course.match.spelling import corrected, correction, corrections, word_counts


def used(word: str) -> bool:
    return word in corpus_model().words.column_of


@pytest.mark.parametrize("typed, meant", [
    ("disabilty", "disability"),   # a letter missing
    ("violense", "violence"),      # a letter wrong
    ("witchraft", "witchcraft"),
    ("evicitons", "evictions"),    # two letters swapped count as one
    ("discrimnation", "discrimination"),
    ("convension", "convention"),
])
def test_a_misspelt_word_is_read_as_the_recommendations_word(typed, meant):
    assert not used(typed) and used(meant)
    assert correction(typed) == meant


def test_of_several_near_words_the_commonest_english_one_is_taken():
    # "kiled" is one letter from "killed" and from "filed"; English speakers mean "killed".
    assert used("killed") and used("filed")
    assert correction("kiled") == "killed"


@pytest.mark.parametrize("word", ["tents", "hungry", "blankets", "cooking"])
def test_a_real_english_word_is_never_changed(word):
    # Only words no recommendation uses are candidates: the test means something only then.
    assert word in word_counts("en")
    if used(word):
        pytest.skip(f"recommendations use {word!r}: nothing to show")
    assert correction(word) is None


def test_short_words_names_and_far_words_are_kept():
    assert correction("polce") == "police"  # five letters: long enough
    assert correction("rpae") is None  # four letters: too many real words are one letter apart
    assert corrections("families of Disabilty Street") == {}  # a name inside the text
    assert correction("xqzvbnmwk") is None  # nothing near


def test_an_accent_typed_as_its_own_character_stays_in_its_word():
    assert corrections("dis\u0301abilty of people") == {"disabilty": "disability"}


def test_corrected_changes_only_the_misspelt_words():
    assert corrected("People with disabilty can't find work") == "People with disability can't find work"
    assert corrected("end torture in police custody") == "end torture in police custody"


def test_an_english_goal_is_read_corrected_and_a_spanish_one_through_its_glossary():
    assert "disability" in Query.parse("people with disabilty can't find work").english.split()
    assert "disability" in Query.parse("personas con discapasidad sin trabajo", "es").english


def test_the_matcher_finds_the_subject_of_a_misspelt_goal_and_says_how_it_read_it(capsys):
    result = match("Paraguay", "people with disabilty can't find work", top=10)
    assert sum("disab" in text.lower() for text in result["text"]) >= 8
    assert result.attrs["read_as"] == {"disabilty": "disability"}
    assert result.attrs["unread_words"] == []
    assert "'disabilty' -> 'disability'" in read_as_message(result)
    assert read_as_message(match("Paraguay", "people with disabilities", top=10)) == ""
    # Spanish and French goals are corrected by their glossary and lexicon, and said so too.
    assert match("Paraguay", "personas con discapasidad", top=10).attrs["read_as"] == {"discapasidad": "discapacidad"}
    assert match("Nicaragua", "espulsan a los curas", top=10).attrs["read_as"] == {"espulsan": "expulsan"}
    assert match("Paraguay", "personas con discapacidad", top=10).attrs["read_as"] == {}


def test_the_command_line_and_the_explorer_say_it_in_the_participants_language(capsys):
    from upr_course.cli import main
    from upr_course.i18n import messages
    from upr_course.widgets.match_explorer import results_html

    assert main(["match", "--country", "Paraguay", "--goal", "people with disabilty can't find work"]) == 0
    assert "was read as another: 'disabilty' -> 'disability'" in capsys.readouterr().out
    assert main(["--lang", "fr", "match", "--country", "Paraguay", "--goal", "people with disabilty can't find work"]) == 0
    assert "semblait mal orthographié" in capsys.readouterr().out
    with messages.language("es"):
        page = results_html(match("Paraguay", "kiled by the polise"), "kiled by the polise")
    assert "parecían mal escritas" in page


@pytest.mark.parametrize("typed, language, meant", [
    ("espulsan", "es", "expel"),        # a common word of the lexicon, one letter off
    ("carseles", "es", "prisons"),      # a glossary word, one letter off
    ("violecnia", "es", "violence"),    # two letters swapped
])
def test_a_misspelt_spanish_or_french_word_is_read_as_the_word_it_misses(typed, language, meant):
    from upr_course.match.glossary import glossary, translate

    assert typed not in glossary(language).lexicon and typed not in glossary(language).words
    assert translate(typed, language) == meant


@pytest.mark.parametrize("word, language, near", [
    ("cancion", "es", "sancion"),    # a song is not a sanction
    ("perdido", "es", "pedido"),     # lost is not requested
    ("infierno", "es", "invierno"),
])
def test_a_real_word_the_lists_lack_is_never_corrected_into_another(word, language, near):
    from upr_course.match.glossary import glossary, translate

    table = glossary(language)
    assert word not in table.lexicon and word not in table.words and near in table.lexicon
    assert word in word_counts(language)  # pyspellchecker knows it: a real word
    assert translate(word, language) != table.lexicon[near]


def test_of_two_near_words_the_commoner_in_the_language_is_taken():
    from upr_course.match.glossary import glossary, translate

    table = glossary("es")
    assert {"forzado", "forjado"} <= set(table.lexicon) and "forsado" not in table.lexicon
    assert word_counts("es")["forzado"] > word_counts("es")["forjado"]
    assert translate("forsado", "es") == table.lexicon["forzado"]


@pytest.mark.parametrize("joined, verb", [("deportarlos", "deportar"), ("protegerlas", "proteger"), ("liberarlos", "liberar")])
def test_a_spanish_verb_with_a_pronoun_joined_to_it_is_read_as_the_verb(joined, verb):
    from upr_course.match.glossary import glossary, translate

    table = glossary("es")
    assert joined not in table.lexicon and joined not in table.words and verb in table.lexicon
    assert translate(joined, "es") == table.lexicon[verb]
    assert glossary("fr").enclitics == ()  # French writes its pronouns apart: nothing to strip


@pytest.mark.parametrize("word", ["canales", "confiese"])
def test_only_a_verb_form_loses_a_joined_pronoun(word):
    # "canales" ends in "les" and "confiese" in "se", but "cana" and "confie" are no
    # infinitive or gerund: read as before, never as "cane" or "trust".
    from upr_course.match.glossary import glossary

    table = glossary("es")
    verbs = [word[: -len(p)] for p in table.enclitics if word.endswith(p)]
    assert any(v in table.lexicon for v in verbs)  # the trap is there
    assert all(table.word(word) != table.lexicon[v] for v in verbs if v in table.lexicon)


def test_only_a_texts_first_words_are_tried_for_spelling():
    # A goal is short; a long text (a plan stuffed with made-up words) must not cost a lookup
    # among 20,000 words for every word, so words past the first MAX_WORDS_SPELLED keep as typed.
    from upr_course.match.glossary import translate
    from upr_course.match.spelling import MAX_WORDS_SPELLED

    filler = " ".join(["police"] * MAX_WORDS_SPELLED)
    assert corrections("disabilty " + filler) == {"disabilty": "disability"}
    assert corrections(filler + " disabilty") == {}
    spanish_filler = " ".join(["policia"] * MAX_WORDS_SPELLED)
    assert translate("carseles " + spanish_filler, "es").split()[0] == "prisons"
    assert translate(spanish_filler + " carseles", "es").split()[-1] == "carseles"
