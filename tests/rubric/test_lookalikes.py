"""Look-alike letters of another alphabet cannot hide a repeated text (red team, finding 4)."""

from __future__ import annotations

from upr_course.lookalikes import as_latin, mixed_words
from upr_course.rubric.reading import words


def test_a_word_that_mixes_alphabets_is_read_as_the_latin_word_it_imitates():
    disguised = "Thе sаmе sеntеncе рut undеr еvеry stеp"  # Cyrillic е, а, р
    assert as_latin(disguised) == "The same sentence put under every step"
    assert words(disguised) == words("The same sentence put under every step")
    assert mixed_words(disguised)[:2] == ["Thе", "sаmе"]


def test_words_of_one_alphabet_are_left_as_written():
    for text in ("Москва и Санкт-Петербург", "Réponse à l'État, año, ça", "plain English", "Ελλάδα"):
        assert as_latin(text) == text and mixed_words(text) == []
