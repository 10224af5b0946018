"""Everything a participant reads in the lessons' and exercises' widgets is in their language.

With Spanish, then French, each widget the lessons and exercises use is built as a lesson
builds it, and every text it shows is collected (``shown_text``): a piece still in English
fails the test, named. The same for the pictures (titles, axes, legends) and the sentences
the lessons print. ``test_the_check_finds_an_unwrapped_message`` shows that the check fails
when one message loses its gettext call.
"""

from __future__ import annotations

import datetime as dt

import matplotlib
import pytest

from upr_course import plots, sentences, summaries
from upr_course.i18n import language
from upr_course.timeline import country_timeline, stage_windows

from shown_text import figure_texts, untranslated, widget_texts

matplotlib.use("Agg")

LANGUAGES = ("es", "fr")
TODAY = dt.date(2027, 1, 15)


@pytest.fixture(params=LANGUAGES)
def code(request):
    with language(request.param):
        yield request.param


def _explorers():
    from upr_course.widgets import explorers

    return {
        "cycle picture": lambda: explorers.cycle_picture(),
        "timeline explorer": lambda: explorers.timeline_explorer("Kenya", TODAY),
        "preparation explorer": lambda: explorers.preparation_explorer("Kenya", TODAY),
        "review explorer": lambda: explorers.review_explorer("Kenya"),
        "shares explorer": lambda: explorers.shares_explorer("Kenya", issue="Detention"),
        "states explorer": lambda: explorers.states_explorer("Kenya"),
        "scorecard explorer": lambda: explorers.scorecard_explorer("Kenya", 1),
    }


def _forms(folder):
    from upr_course.widgets import exercises, importer
    from upr_course.widgets import quiz as quiz_widget

    return {
        "quiz": lambda: quiz_widget.ask("?", {"A": "", "B": ""}, correct="A"),
        "importer": lambda: importer.import_widget(),
        "exercise 01": lambda: exercises.engage_form(folder),
        "exercise 02": lambda: exercises.timeline_form(folder, as_of=TODAY, countries=["Kenya"]),
        "exercise 03": lambda: exercises.recommendations_form(folder),
        "exercise 04": lambda: exercises.tactics_form(["KEN-S21-064"], folder),
        "exercise 04 lookup": lambda: exercises.response_lookup(),
        "exercise 06": lambda: exercises.recommendation_form(folder),
        "exercise 07": lambda: exercises.factsheet_form(folder),
        "assessment": lambda: exercises.assessment_form("pre", folder),
        "capstone": lambda: exercises.plan_picker(folder, as_of=TODAY),
    }


def _plan_texts(value) -> set[str]:
    """Every text in a parsed plan (the example plans are written in English: data here)."""
    if isinstance(value, str):
        return {value, " ".join(value.split())}
    if isinstance(value, (list, tuple)):
        return set().union(*(_plan_texts(item) for item in value)) if value else set()
    if hasattr(value, "__dataclass_fields__"):
        return set().union(*(_plan_texts(getattr(value, name)) for name in value.__dataclass_fields__))
    return set()


def _plan_builder(folder):
    from upr_course import plan_files
    from upr_course.plan import ADDS, PlanError, parse_plan
    from upr_course.widgets.plan_builder import compare_examples, plan_builder

    box = plan_builder(folder=folder, today=TODAY)
    # Not this part of the package's words, so data here: what the plan checker says and what
    # the words under "It adds" mean (both plan/'s), and the example plans' own texts.
    data = set(ADDS.values())
    try:
        parse_plan(box.builder.plan_text())
    except PlanError as error:
        data |= {p.message for p in error.problems}
    for name in plan_files.example_names():
        data |= _plan_texts(parse_plan(plan_files.example_text(name)))
    return [box, compare_examples()], data


def test_explorers_speak_the_language(code):
    wrong = {name: untranslated(widget_texts(make())) for name, make in _explorers().items()}
    assert not {name: texts for name, texts in wrong.items() if texts}, f"English left in {code}: {wrong}"


def test_exercise_forms_quiz_and_importer_speak_the_language(code, tmp_path):
    wrong = {name: untranslated(widget_texts(make())) for name, make in _forms(tmp_path).items()}
    assert not {name: texts for name, texts in wrong.items() if texts}, f"English left in {code}: {wrong}"


def test_plan_builder_speaks_the_language(code, tmp_path):
    shown, problems = _plan_builder(tmp_path)
    wrong = [text for widget in shown for text in untranslated(widget_texts(widget), problems)]
    assert not wrong, f"English left in {code}: {wrong}"


@pytest.mark.slow
def test_match_explorer_and_mirror_speak_the_language(code):
    from upr_course.widgets import explorers
    from upr_course.widgets.match_explorer import allies_view, ids_view, match_explorer

    goal = "end torture in police custody"  # the participant's own words
    finder = match_explorer("Kenya", goal)
    shown = [finder, ids_view(finder), allies_view(finder), explorers.mirror_explorer("Kenya", "Detention")]
    wrong = [text for widget in shown for text in untranslated(widget_texts(widget), {goal})]
    assert not wrong, f"English left in {code}: {wrong}"


def _figures():
    tl = country_timeline("Kenya", TODAY)
    prep = summaries.preparation_table(tl, stage_windows("Kenya", TODAY), TODAY)
    from upr_course.match import mirror

    yield "timeline", plots.timeline_figure(tl)
    yield "preparation", plots.preparation_figure(prep, tl)
    yield "cycle", plots.cycle_at_home_figure()
    yield "shares", plots.shares_by_issue_figure(summaries.response_shares_by_issue("Kenya", top=6),
                                                 summaries.response_totals("Kenya"))
    yield "studies", plots.implementation_studies_figure()
    yield "states", plots.recommending_states_figure(summaries.recommending_states("Kenya", "Detention"))
    yield "scorecard", plots.scorecard_figure(summaries.implementation_scorecard("Kenya", 1))
    yield "categories", plots.action_categories_figure(summaries.action_category_table("Kenya"))
    yield "noted by category", plots.noted_by_category_figure(summaries.specific_noted_shares())
    seen = mirror("Kenya", "Detention")
    yield "mirror", plots.mirror_figure(summaries.mirror_by_cycle(seen), seen.country, seen.issue)
    yield "empty", plots.shares_by_issue_figure(summaries.response_shares_by_issue("Kenya").iloc[:0])


@pytest.mark.slow
def test_pictures_speak_the_language(code):
    titles = {study for _label, _share, study in plots.IMPLEMENTATION_STUDIES} | {"On the road to implementation",
                                                                               "Beyond Promises"}  # publications
    wrong = {name: untranslated(figure_texts(fig), titles) for name, fig in _figures()}
    assert not {name: texts for name, texts in wrong.items() if texts}, f"English left in {code}: {wrong}"


def test_the_lessons_printed_sentences_speak_the_language(code):
    texts = [sentences.course_size(), *sentences.country_answers("Kenya").splitlines(), sentences.noted_share(),
             summaries.review_sentence("Kenya"), summaries.review_sentence("Kenya", issue="Detention", response="noted")]
    assert not untranslated(texts), f"English left in {code}: {untranslated(texts)}"


def test_the_check_finds_an_unwrapped_message(monkeypatch):
    """Unwrap the quiz's and the preparation explorer's messages (gettext becomes a no-op in
    those modules, as if the calls were removed): the check names the English they show."""
    from upr_course.widgets import explorers
    from upr_course.widgets import quiz as quiz_widget

    with language("es"):
        assert not untranslated(widget_texts(quiz_widget.ask("?", {"A": "", "B": ""}, correct="A")))
        monkeypatch.setattr(quiz_widget, "_", lambda message: message)
        found = untranslated(widget_texts(quiz_widget.ask("?", {"A": "", "B": ""}, correct="A")))
        assert "Check" in found and "Check your answer" in found
        monkeypatch.setattr(explorers, "_", lambda message: message)
        monkeypatch.setattr(explorers, "ngettext", lambda one, many, n: one if n == 1 else many)
        found = untranslated(widget_texts(explorers.preparation_explorer("Kenya", TODAY)))
        assert {"Country:", "Step", "When (estimated)"} <= set(found)  # short labels: by the English messages
        assert any("Stakeholder reports are due" in text for text in found)  # a sentence: by its language


# -- find_country in the participant's language ---------------------------------------------------


@pytest.mark.parametrize("code, name, iso3", [
    ("es", "Kenia", "KEN"), ("es", "Alemania", "DEU"), ("es", "Marruecos", "MAR"), ("es", "Estados Unidos", "USA"),
    ("es", "méxico", "MEX"), ("fr", "Maroc", "MAR"), ("fr", "Allemagne", "DEU"), ("fr", "Royaume-Uni", "GBR"),
    ("fr", "Etats-Unis", "USA"), ("fr", "Égypte", "EGY"), ("en", "Kenya", "KEN"), ("es", "Kenya", "KEN"),
])
def test_find_country_accepts_the_participants_language(code, name, iso3):
    from upr_course import data

    with language(code):
        assert data.find_country(name).iso3 == iso3


def test_find_country_keeps_english_typos_typos():
    """In English, "Kenia" stays a typo (lesson 00 shows its message on purpose); in French too."""
    from upr_course import data
    from upr_course.errors import UnknownCountryError

    for code in ("en", "fr"):
        with language(code), pytest.raises(UnknownCountryError) as raised:
            data.find_country("Kenia")
        assert "Kenya" in raised.value.suggestions


def test_local_name_is_for_sentences():
    from upr_course import data

    with language("es"):
        assert data.local_name("KEN") == "Kenia"
    with language("fr"):
        assert data.local_name("Germany") == "Allemagne"
    with language("en"):
        assert data.local_name("Kenia".replace("i", "y")) == "Kenya"


# -- placeholders and plurals ------------------------------------------------------------------------


def test_placeholders_are_filled_and_plurals_follow_the_language():
    from upr_course import exercise_forms

    with language("es"):
        assert exercise_forms.answered_text({"q1": "a"}) == "Respondió 1 de 10 preguntas."
        assert sentences.course_size(sentences.data.recommendations().head(1)) == "El curso contiene 1 recomendación del EPU."
    with language("fr"):
        # French uses the singular for 0 and 1
        assert sentences.course_size(sentences.data.recommendations().head(1)) == "Le cours contient 1 recommandation de l'EPU."
        assert sentences.course_size(sentences.data.recommendations().head(0)) == "Le cours contient 0 recommandation de l'EPU."
        assert "{" not in summaries.review_sentence("Kenya") and "}" not in summaries.review_sentence("Kenya")
    with language("en"):
        assert sentences.course_size(sentences.data.recommendations().head(0)) == "The course holds 0 UPR recommendations."


def test_numbers_and_dates_are_written_the_languages_way():
    with language("es"):
        assert sentences.course_size().startswith("El curso contiene 67.397 ")
        assert summaries.format_day(dt.date(2029, 2, 8), True) == "hacia el 8 feb 2029"
    with language("fr"):
        assert "67\u202f397" in sentences.course_size()
        assert summaries.format_month(dt.date(2029, 2, 8)) == "févr. 2029"
    with language("en"):
        assert sentences.course_size() == "The course holds 67,397 UPR recommendations."
        assert summaries.format_day(dt.date(2029, 2, 8), True) == "about 8 Feb 2029"


def test_the_widgets_name_the_country_as_the_reader_does():
    """The match explorer's list and the mirror explorer's headings say "Marruecos" and
    "Maroc", as the UN's Spanish and French documents do; in English, "Morocco"."""
    from upr_course.match import match
    from upr_course.widgets import explorers
    from upr_course.widgets.match_explorer import results_html

    shown = {}
    for code in ("en", "es", "fr"):
        with language(code):
            shown[code] = (results_html(match("Morocco", "death penalty", top=3), "death penalty")
                           + " ".join(widget_texts(explorers.mirror_explorer("Morocco", "Death penalty"))))
    assert "Marruecos" in shown["es"] and "Morocco" not in shown["es"]
    assert "Maroc" in shown["fr"] and "Morocco" not in shown["fr"]
    assert "Morocco" in shown["en"]
