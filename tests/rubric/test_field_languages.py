"""Each free text is read in its own language (``rubric.reading.own_language``): participants
often fill an English template in Spanish or French, field by field (red team, finding R5)."""

from __future__ import annotations

import pytest

from upr_course.rubric.reading import own_language, read


@pytest.mark.parametrize(
    "text, plan_language, expected",
    [
        ("Citamos los párrafos del resumen sobre muertes bajo custodia en el memorando que presentamos al Fiscal General.", "en", "es"),
        ("Nous citons la recommandation dans notre lettre au ministre de la Justice avant le vote de la commission.", "en", "fr"),
        ("We quote the recommendation in our letter to the Minister before the committee votes.", "es", "en"),
        ("Nous citons la recommandation dans notre lettre au ministre avant le vote de la commission.", "es", "fr"),
        # The plan's own language stays: a plain text, a short note, names and acronyms.
        ("We quote the recommendation in our letter to the Minister before the committee votes.", "en", "en"),
        ("Carta al Ministro (D1).", "en", "en"),
        ("KNCHR, IPOA, LSK, Amnesty Kenya, Haki Africa, Mombasa.", "en", "en"),
        ("We meet the Comisión de Derechos Humanos del Distrito Federal and the Fiscalía in Ciudad de México.", "en", "en"),
    ],
)
def test_a_text_is_read_in_its_own_language(text, plan_language, expected):
    assert own_language(text, plan_language) == expected
    assert read(text, plan_language).language == expected


def test_a_spanish_field_of_an_english_plan_finds_what_it_says():
    """Read as English, the Spanish sentence shows no product and no one at home; read as Spanish it does."""
    text = "Enviamos la carta con la recomendación al Ministro de Justicia antes del voto de la comisión."
    assert read(text, "en").has("output") and read(text, "en").language == "es"


def test_a_sentence_that_could_be_spanish_or_french_stays_in_the_plans_language():
    text = "Le plan de la commission de la justice est la base de la loi."
    assert own_language(text, "es") == "es" and own_language(text, "fr") == "fr"
