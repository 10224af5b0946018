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


def test_full_width_and_mathematical_letters_are_read_as_plain_ones():
    """Red team, second round, R6: Unicode's compatibility forms of Latin letters (NFKC)."""
    from upr_course.lookalikes import plain, styled_words

    full_width = "ｒecomｍending Stateｓ"
    math_sans = "𝗈ur eviden𝖼e i𝗇to"
    assert plain(full_width) == "recommending States" and words(full_width) == ["recommending", "states"]
    assert plain(math_sans) == "our evidence into" and words(math_sans) == ["our", "evidence", "into"]
    assert styled_words(full_width + " " + math_sans) == ["ｒecomｍending", "Stateｓ", "𝗈ur", "eviden𝖼e", "i𝗇to"]
    # Typographic forms that NFKC also changes are read through it, but are no disguise.
    for ordinary in ("la 3.ª sesión, el 1.º de mayo", "the ﬁnal report", "Réponse\u00a0: l'État", "plain English"):
        assert styled_words(ordinary) == []
    assert plain("plain English") == "plain English"


def test_a_repeated_text_in_full_width_letters_is_caught_and_shown_to_a_trainer():
    import datetime as dt

    from upr_course.paths import REPO_ROOT
    from upr_course.rubric import default_context, grade_text

    folder = REPO_ROOT / "tests" / "grading" / "attack_repros" / "redteam2"
    context = default_context(dt.date(2026, 12, 7))
    plain_result = grade_text((folder / "r6_repeated_plain.yaml").read_text(encoding="utf-8"), context=context)
    disguised = grade_text((folder / "r6_repeated_full_width.yaml").read_text(encoding="utf-8"), context=context)
    assert disguised.total == plain_result.total
    assert any("full-width or mathematical letters" in reason for reason in disguised.review.reasons)
    assert not plain_result.review.needed
