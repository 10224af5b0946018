"""Telling sentences from words in no order (``rubric/word_order.py``, red team 2's R11)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from upr_course.rubric import word_order
from upr_course.rubric.word_order import evidence, unordered

REPO = Path(__file__).resolve().parents[2]
PLANS = sorted((REPO / "tests" / "calibration" / "plans").glob("*.yaml")) + sorted((REPO / "datasets" / "examples" / "plans").glob("*.yaml"))

SENTENCES = {
    "en": [
        "We send the assessment to the board of the oversight authority and publish it in a newspaper in July.",
        "The delegation will have to explain why it has not yet applied the recommendations it accepted.",
        "We tell the committee members which States will raise the question, and we ask them to follow it.",
        "Government promised this to other States, not only to us; check every six month make it harder to forget.",
    ],
    "es": [
        "Enviamos el informe a la comisión del Congreso y lo publicamos en la prensa antes de la sesión.",
        "La delegación tendrá que explicar por qué no ha aplicado las recomendaciones que aceptó.",
        "Decimos a los diputados qué Estados van a plantear la cuestión, y les pedimos que la sigan.",
    ],
    "fr": [
        "Nous envoyons le rapport à la commission de l'Assemblée et nous le publions dans la presse avant la session.",
        "La délégation devra expliquer pourquoi elle n'a pas encore appliqué les recommandations qu'elle a acceptées.",
        "Nous disons aux députés quels États vont soulever la question, et nous leur demandons de la suivre.",
    ],
}


def _shuffled(text: str, seed: int) -> str:
    words = text.replace(".", "").replace(",", "").replace(";", "").lower().split()
    random.Random(seed).shuffle(words)
    return " ".join(words).capitalize() + "."


@pytest.mark.parametrize("language", sorted(SENTENCES))
def test_sentences_stand_above_their_words_shuffled(language):
    for text in SENTENCES[language]:
        written = evidence(text, language)
        assert written.judged and written.z > word_order.TEXT_Z, (text, written)
        shuffled = [evidence(_shuffled(text, seed), language).z for seed in range(5)]
        assert sum(shuffled) / len(shuffled) < word_order.PLAN_Z, (text, shuffled)
    # A plan of such texts shuffled is words in no order, every one of them.
    texts = [_shuffled(t, 1) for t in SENTENCES[language]] * 2
    assert unordered(texts, language) == set(range(len(texts)))
    assert unordered(SENTENCES[language], language) == set()


def test_the_same_text_always_gets_the_same_answer():
    text = _shuffled(SENTENCES["en"][0], 3)
    evidence.cache_clear()
    first = evidence(text, "en")
    evidence.cache_clear()
    assert evidence(text, "en") == first


def test_terse_notes_are_not_judged():
    # Few small words: too little order to judge, so the benefit of the doubt.
    note = "Letter + recs handed over again at meeting (D1)."
    assert not evidence(note, "en").judged
    assert unordered([note, _shuffled(note, 0)], "en") == set()


def test_a_long_word_salad_is_judged_quickly():
    words = " ".join(SENTENCES["en"]).lower().replace(".", "").split()
    salad = " ".join(random.Random(0).choice(words) for _ in range(30_000)) + "."
    found = evidence(salad, "en")
    assert found.judged and found.z < word_order.TEXT_Z


def test_no_plan_of_the_course_is_marked_as_words_in_no_order():
    """The calibration plans (plain, terse, non-native, in three languages) and the examples keep their sentences."""
    from upr_course.language import detect_language

    for path in PLANS:
        plan = yaml.safe_load(path.read_text(encoding="utf-8"))
        texts = [a.get(f) or "" for f in ("added_value", "brought_home") for a in plan.get("international_activities") or []]
        language = detect_language(" ".join(texts))
        assert unordered(texts, language) == set(), path.name
