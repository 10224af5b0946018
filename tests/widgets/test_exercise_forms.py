"""The exercises' forms: their answers as data, kept next to the notebook and saved into it, and the fair checks."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from upr_course import exercise_forms as forms
from upr_course.grading.answers import read_cell_answers
from upr_course.grading.extract import AnswerNotFound, answer_text
from upr_course.jupyter_hooks import pre_save
from upr_course.widgets import exercises

REPO = Path(__file__).resolve().parents[2]


def form_cell(form: str, grade_id: str = "decisions", answers: dict | None = None) -> dict:
    own = {"form": form, **({"answers": answers} if answers is not None else {})}
    return {"cell_type": "code", "source": "exercises.engage_form()", "outputs": [], "execution_count": None,
            "metadata": {"nbgrader": {"grade_id": grade_id, "solution": True, "grade": False}, "upr_course": own}}


# -- where the answers are kept --------------------------------------------------------------


def test_answers_are_kept_next_to_the_notebook_and_read_back(tmp_path):
    forms.save_answers("01-should-we-engage", {"DECISIONS": {"situation_a": "now"}}, tmp_path)
    forms.save_answers("02-timeline", {"COUNTRY": "Nepal"}, tmp_path)
    assert forms.read_store(tmp_path) == {"01-should-we-engage": {"DECISIONS": {"situation_a": "now"}}, "02-timeline": {"COUNTRY": "Nepal"}}
    assert forms.answers_saved_nearby("02-timeline", tmp_path) == {"COUNTRY": "Nepal"}


def test_a_broken_store_is_an_empty_one(tmp_path):
    (tmp_path / forms.STORE_NAME).write_text("{not json", encoding="utf-8")
    assert forms.read_store(tmp_path) == {}
    assert forms.answers_saved_nearby("01-should-we-engage", tmp_path) is None


def test_saving_the_notebook_puts_the_answers_into_the_answer_cell(tmp_path):
    forms.save_answers("01-should-we-engage", {"DECISIONS": {"situation_a": "now"}, "WHY_A": "A promise."}, tmp_path)
    notebook = {"cells": [form_cell("01-should-we-engage"), form_cell("other", "x")], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    model = {"type": "notebook", "content": notebook}

    class Manager:
        root_dir = str(tmp_path)

    pre_save(model, path="ex.ipynb", contents_manager=Manager())
    cell = notebook["cells"][0]
    assert cell["metadata"]["upr_course"]["answers"] == {"DECISIONS": {"situation_a": "now"}, "WHY_A": "A promise."}
    assert "answers" not in notebook["cells"][1]["metadata"]["upr_course"]  # no answers kept for that form: left alone
    # ... and the grader reads them from the saved cell, with nothing run
    read = read_cell_answers("decisions", cell["source"], cell["metadata"])
    assert read.values == {"DECISIONS": {"situation_a": "now"}, "WHY_A": "A promise."} and not read.computed


def test_answers_saved_in_a_notebook_are_found_when_nothing_is_kept(tmp_path):
    notebook = {"cells": [form_cell("01-should-we-engage", answers={"WHY_A": "saved"})]}
    (tmp_path / "should-we-engage.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    assert forms.answers_saved_nearby("01-should-we-engage", tmp_path) == {"WHY_A": "saved"}


def test_the_capstone_plan_is_read_from_the_saved_metadata_first(tmp_path):
    cell = form_cell("05-capstone-action-plan", "action_plan", {"PLAN": "format: upr-action-plan/1\n"})
    cell["source"] = "exercises.plan_picker()"  # the capstone's own cell: only it is graded on the saved plan (R13)
    path = tmp_path / "action-plan.ipynb"
    path.write_text(json.dumps({"cells": [cell]}), encoding="utf-8")
    assert answer_text(path, "action_plan", "PLAN") == "format: upr-action-plan/1\n"
    cell["metadata"]["upr_course"]["answers"] = {}
    path.write_text(json.dumps({"cells": [cell]}), encoding="utf-8")
    with pytest.raises(AnswerNotFound):
        answer_text(path, "action_plan", "PLAN")


# -- the fair checks ------------------------------------------------------------------------


def test_exercise_01_grades_only_the_choices_every_trainer_accepts():
    assert forms.engage_score({"situation_a": "now", "situation_b": "differently", "situation_c": "later"}) == 3
    assert forms.engage_score({"situation_a": "now", "situation_b": "not at all", "situation_c": "not at all"}) == 3
    assert forms.engage_score({"situation_a": "later", "situation_b": "now", "situation_c": "now"}) == 0
    assert forms.engage_score("now") == 0


@pytest.mark.parametrize(("choice", "ok"), [("2028-11", True), ("2029-02", True), ("2026-02", True), ("2029-03", False), ("passed", False),
                                           ("soon", False), (None, False), ("0000-00", False), ("2028-13", False), ("2026-01", False),
                                           ("1999-05", False)])
def test_exercise_02_a_month_to_act_is_no_later_than_the_stage(choice, ok):
    """A real month, in the few years up to the stage: "0000-00" is before every stage and means nothing (red team)."""
    assert forms.act_month_ok(choice, dt.date(2029, 2, 28), dt.date(2026, 12, 1)) is ok


def test_exercise_02_passed_is_right_only_for_a_stage_that_has_passed():
    assert forms.act_month_ok("passed", dt.date(2025, 2, 1), dt.date(2026, 12, 1))
    assert not forms.act_month_ok("passed", dt.date(2027, 2, 1), dt.date(2026, 12, 1))


def test_exercise_03_three_to_five_recommendations_all_made_to_your_country():
    mine = {"KEN-S21-001", "KEN-S21-002", "KEN-S21-003", "KEN-S21-004"}
    assert forms.chosen_ok(["KEN-S21-001", "KEN-S21-002", "KEN-S21-003"], mine) == (True, True)
    assert forms.chosen_ok(["KEN-S21-001", "NPL-S23-004", "KEN-S21-003"], mine) == (True, False)
    assert forms.chosen_ok(["KEN-S21-001"], mine) == (False, True)
    assert forms.chosen_ok("KEN-S21-001", mine) == (False, False)


def test_exercise_04_push_the_supported_expose_the_noted():
    assert forms.tactic_fits("push", "Supported") and forms.tactic_fits("expose", "Noted")
    assert not forms.tactic_fits("push", "Noted") and not forms.tactic_fits("expose", None)


def test_exercise_06_a_strong_recommendation_passes_every_check():
    text = ("Adopt, by the end of 2028, a law that allows the national human rights commission to make unannounced "
            "visits to every place of detention, and publish its reports.")
    assert forms.recommendation_score(text) == 5


@pytest.mark.parametrize(
    ("text", "failing"),
    [
        (
            "Continue efforts to improve conditions in prisons and consider new measures for detainees in all regions of the country.",
            {"action", "firm", "measurable"},
        ),
        ("We will ask the UN to adopt a resolution by 2028 on the prisons of this country and on the detainees in them.", {"action", "to_the_state"}),
        ("Adopt a law.", {"length", "measurable"}),
        ("", {"length", "action", "measurable"}),
    ],
)
def test_exercise_06_each_weakness_is_named_with_advice(text, failing):
    checks = forms.recommendation_checks(text)
    assert {c.name for c in checks if not c.ok} == failing
    assert all(c.advice for c in checks)


def test_exercise_07_a_factsheet_is_complete_fits_a_page_cites_the_record_and_asks_once():
    sheet = {"TITLE": "Kenya: custody deaths", "WHO_WE_ARE": "A coalition.", "PROBLEM": "Three facts.",
             "PROMISES": "Kenya supported KEN-S21-064.", "ASK": "Recommend that Kenya ratify OPCAT within two years of its review.",
             "CONTACT": "Through our partner."}
    assert forms.factsheet_score(sheet) == 4
    too_long = {**sheet, "PROBLEM": "word " * 500, "PROMISES": "It promised things.", "ASK": "Help."}
    assert {c.name for c in forms.factsheet_checks(too_long) if not c.ok} == {"one_page", "cites_record", "one_ask"}
    assert forms.factsheet_score({}) == 0


def test_written_answers_read_as_plain_lines():
    assert forms.written([("Situation A", "now"), ("Why", ""), ("Chosen", ["A", "B"])]) == "Situation A: now\nWhy: (no answer yet)\nChosen: A; B"


# -- the widgets ------------------------------------------------------------------------------


def test_the_engage_form_keeps_each_change_and_starts_from_what_was_kept(tmp_path):
    box = exercises.engage_form(tmp_path)
    radios = [w for w in _walk(box) if w.__class__.__name__ == "RadioButtons"]
    texts = [w for w in _walk(box) if w.__class__.__name__ == "Textarea"]
    assert len(radios) == 3 and len(texts) == 3
    radios[0].value = "now"
    texts[0].value = "The promise is there."
    kept = forms.read_store(tmp_path)["01-should-we-engage"]
    assert kept["DECISIONS"]["situation_a"] == "now" and kept["WHY_A"] == "The promise is there."
    again = exercises.engage_form(tmp_path)
    assert [w for w in _walk(again) if w.__class__.__name__ == "RadioButtons"][0].value == "now"


def test_the_recommendation_form_gives_feedback_as_you_type(tmp_path):
    box = exercises.recommendation_form(tmp_path)
    draft = [w for w in _walk(box) if w.__class__.__name__ == "Textarea"][1]
    draft.value = "Consider improving prisons."
    feedback = [w for w in _walk(box) if w.__class__.__name__ == "HTML" and "checks pass" in w.value]
    assert feedback and "weak words" in feedback[0].value


def test_the_factsheet_saves_a_page_without_scripts_or_links_to_the_internet(tmp_path):
    box = exercises.factsheet_form(tmp_path)
    [w for w in _walk(box) if w.__class__.__name__ == "Textarea"][0].value = "Kenya <b>custody</b>"
    [w for w in _walk(box) if w.__class__.__name__ == "Button"][0].click()
    page = (tmp_path / "my-factsheet.html").read_text(encoding="utf-8")
    assert "Kenya &lt;b&gt;custody&lt;/b&gt;" in page and "<script" not in page and "http" not in page


def test_the_plan_picker_lists_lesson_09s_saved_plans_keeps_the_choice_and_exports(tmp_path):
    from upr_course.plan_files import example_text

    (tmp_path / "my-plans").mkdir()
    (tmp_path / "my-plans" / "kenya.yaml").write_text(example_text("kenya_torture_custody"), encoding="utf-8")
    box = exercises.plan_picker(tmp_path, as_of="2026-11-29")
    choice = next(value for label, value in box.picker.options if value.endswith("kenya.yaml"))
    box.picker.value = choice
    assert forms.read_store(tmp_path)["05-capstone-action-plan"]["PLAN"] == example_text("kenya_torture_custody")
    [w for w in _walk(box) if w.__class__.__name__ == "Button" and "Web page" in w.description][0].click()
    assert (tmp_path / "my-plans" / "kenya.html").is_file()


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def test_the_timeline_form_offers_months_up_to_each_stage_and_keeps_the_choices(tmp_path):
    box = exercises.timeline_form(tmp_path, as_of="2026-11-29", countries=["Kenya", "Nepal"])
    country = next(w for w in _walk(box) if w.__class__.__name__ == "Dropdown")
    country.value = "Kenya"
    stages = [w for w in _walk(box) if w.__class__.__name__ == "Dropdown"][1:]
    assert len(stages) == len(forms.TIMELINE_STAGES)
    stages[0].value = stages[0].options[2][1]
    kept = forms.read_store(tmp_path)["02-timeline"]
    assert kept["COUNTRY"] == "Kenya" and kept["WHEN"]["stakeholder_report"] == stages[0].options[2][1]
    assert "Kenya" in box.children[1].value and "stakeholder report" in box.children[1].value


def test_the_recommendations_form_searches_your_country_and_keeps_the_ticks(tmp_path):
    box = exercises.recommendations_form(tmp_path)
    [w for w in _walk(box) if w.__class__.__name__ == "Dropdown"][0].value = "Kenya"
    next(w for w in _walk(box) if w.__class__.__name__ == "Text").value = "torture"
    ticks = [w for w in _walk(box) if w.__class__.__name__ == "Checkbox"]
    assert ticks and all(t.upr_value.startswith("KEN-") for t in ticks)
    ticks[0].value = True
    assert forms.read_store(tmp_path)["03-reading-recommendations"]["CHOSEN"] == [ticks[0].upr_value]


def test_the_tactics_form_hides_the_responses(tmp_path):
    box = exercises.tactics_form(["KEN-S21-064", "KEN-S21-194"], tmp_path)
    shown = " ".join(w.value for w in _walk(box) if w.__class__.__name__ == "HTML")
    assert "KEN-S21-064" in shown and "Supported" not in shown.replace("(it was supported)", "") and "SUPPORTED" not in shown
    lookup = exercises.response_lookup()
    lookup.children[0].value = "ken-s21-194"
    assert "Noted" in lookup.children[1].value


def test_exercise_06_a_draft_that_repeats_a_word_to_reach_the_length_is_not_a_recommendation():
    """Red team: "Adopt banana banana ... by 2028." passed every check on the shape of its words."""
    padded = "Adopt " + "banana " * 14 + "by 2028."
    checks = {c.name: c for c in forms.recommendation_checks(padded)}
    assert not checks["length"].ok and "repeated" in checks["length"].advice
    real = "Adopt by 2028 a law that defines torture in line with the Convention against Torture and punishes officers who use it."
    assert forms.recommendation_score(real) == 5.0


def test_exercise_07_an_id_shaped_string_that_is_no_recommendation_cites_nothing():
    values = {name: "lorem ipsum" for name, _label in forms.FACTSHEET_FIELDS}
    values["ASK"] = "lorem ipsum dolor sit amet consectetur adipiscing elit"
    values["PROMISES"] = "XYZ-S99-999 (supported)"
    checks = {c.name: c for c in forms.factsheet_checks(values)}
    assert not checks["cites_record"].ok and "not in the course's data" in checks["cites_record"].advice
    values["PROMISES"] = "KEN-S21-064 (supported)"
    assert {c.name: c for c in forms.factsheet_checks(values)}["cites_record"].ok
