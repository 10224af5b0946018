"""Lesson 09's guided builder as a participant uses it: typing, clicking, checking, saving.

No browser and no kernel: widgets keep their values, so the tests "type" by setting
``.value``, "click" with ``.click()``, and read back the YAML preview, the status line,
the grader's report and the files written into a temporary folder.
"""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from upr_course import plan_draft, plan_files
from upr_course.plan import ADDS, STAGES, parse_plan
from upr_course.widgets import plan_builder as w

TODAY = dt.date(2026, 11, 29)
AS_OF = "2026-11-29"


@pytest.fixture()
def box(tmp_path):
    return w.plan_builder(folder=tmp_path / "my-plans", as_of=AS_OF, today=TODAY)


def preview_text(box) -> str:
    """The plan's text as the preview shows it (the second <pre>, unescaped)."""
    pres = re.findall(r"<pre[^>]*>(.*?)</pre>", box.builder.preview.value, re.S)
    assert len(pres) == 2, "the preview has a column of line numbers and a column of text"
    return html.unescape(pres[1])


def fill_minimum(builder) -> None:
    builder.top["country"].value = "Kenya"
    builder.top["issue"].value = "Torture in police custody"
    builder.top["goal"].value = "By June 2029 Parliament adopts a law creating a national preventive mechanism."


# -- what shows at once ------------------------------------------------------------------


def test_the_builder_shows_a_useful_plan_before_any_click(box):
    builder = box.builder
    text = preview_text(box)
    assert text == builder.plan_text().rstrip("\n")
    assert text.startswith("format: upr-action-plan/1") and "stage: stakeholder_report" in text
    assert [len(builder.editors[name]) for name in plan_draft.LIST_NAMES] == [1, 1, 1, 1, 1]
    # The one thing missing is said plainly, with the tab to look at.
    assert "Not ready to check yet" in builder.status.value
    assert "[tab 1 Goal] Line 2: &#x27;country&#x27; is empty" in builder.status.value
    assert builder.start_from.value == w.NEW and builder.tabs.titles[0] == "1 Goal"
    # The preview numbers the lines, as the grader's messages do.
    numbers = re.findall(r"<pre[^>]*>(.*?)</pre>", builder.preview.value, re.S)[0].split("\n")
    assert numbers == [str(n) for n in range(1, len(text.split("\n")) + 1)]


def test_main_controls_are_addressable(box):
    builder = box.builder
    assert "upr-plan-builder" in box._dom_classes
    controls = [builder.start_from, builder.start_button, builder.check_button, builder.file_name,
                *builder.top.values(), *builder.add_buttons.values(), *builder.save_buttons.values()]
    for control in controls:
        assert control.description, control
        assert any(c.startswith("upr-") for c in control._dom_classes), control
    classes = {c for control in controls for c in control._dom_classes}
    assert {"upr-check", "upr-save-yaml", "upr-export-md", "upr-export-html", "upr-export-docx", "upr-start-from",
            "upr-add-objectives", "upr-add-international-activities", "upr-field-goal"} <= classes
    assert "upr-plan-preview" in builder.preview._dom_classes and "upr-report" in builder.report._dom_classes
    editor = builder.editors["international_activities"][0]
    assert "upr-item-international-activities" in editor.box._dom_classes
    assert {name for name in editor.controls} == {f.name for f in w.ITEM_FIELDS["international_activities"]}
    assert set(editor.controls["adds"].checkboxes) == set(ADDS)


# -- typing --------------------------------------------------------------------------------


def test_typing_updates_the_preview_and_the_status(box):
    builder = box.builder
    fill_minimum(builder)
    text = preview_text(box)
    assert "country: Kenya" in text and "issue: Torture in police custody" in text
    assert "goal: By June 2029 Parliament adopts" in text
    assert "The plan can be read" in builder.status.value
    builder.top["organisation"].value = "Lawyers' Network <b>North</b>"
    assert "organisation: Lawyers' Network <b>North</b>" in preview_text(box)
    assert "<b>North</b>" not in builder.preview.value  # shown, never run as HTML
    assert parse_plan(builder.plan_text()).organisation == "Lawyers' Network <b>North</b>"


def test_an_international_activity_is_filled_field_by_field(box):
    builder = box.builder
    fill_minimum(builder)
    editor = builder.editors["international_activities"][0]
    editor.controls["stage"].value = "implementation"
    editor.controls["text"].value = "Track the supported recommendation on a preventive mechanism."
    editor.controls["adds"].checkboxes["accountability"].value = True
    editor.controls["adds"].checkboxes["leverage"].value = True
    editor.controls["added_value"].value = "The Government promised this in public, so delay has a diplomatic cost."
    editor.controls["brought_home"].value = "Six-monthly scorecard sent to the Ministry and the press."
    editor.controls["recommendations"].value = "KEN-S21-064; KEN-S21-099"
    editor.controls["when"].value = "2028-01"
    activity = parse_plan(builder.plan_text()).international_activities[0]
    assert activity.stage == "implementation" and activity.adds == ("leverage", "accountability")  # the format's order
    assert activity.recommendations == ("KEN-S21-064", "KEN-S21-099") and str(activity.when) == "2028-01"
    assert "adds: [leverage, accountability]" in preview_text(box)
    editor.controls["adds"].checkboxes["leverage"].value = False
    assert parse_plan(builder.plan_text()).international_activities[0].adds == ("accountability",)


def test_every_stage_is_offered_in_order_with_its_phase(box):
    editor = box.builder.editors["international_activities"][0]
    assert [value for _label, value in editor.controls["stage"].options] == list(STAGES)
    assert dict(editor.controls["stage"].options)["Before the review: stakeholder report"] == "stakeholder_report"
    moment = box.builder.editors["media"][0].controls["moment"]
    assert moment.value == "review" and len(moment.options) == len(STAGES)


def test_a_bad_date_is_reported_with_its_tab(box):
    builder = box.builder
    fill_minimum(builder)
    builder.editors["domestic_activities"][0].controls["when"].value = "2028-02-30"
    assert "[tab 3 At home]" in builder.status.value and "February 2028 has no day 30" in builder.status.value


# -- adding and removing -----------------------------------------------------------------


def test_adding_objectives_and_activities(box):
    builder = box.builder
    fill_minimum(builder)
    builder.add_buttons["objectives"].click()
    assert [e.item.id for e in builder.editors["objectives"]] == ["O1", "O2"]
    assert "id: O2" in preview_text(box) and "The plan can be read" in builder.status.value  # the date is suggested
    builder.editors["objectives"][1].controls["text"].value = "Parliament passes the bill"
    serves = builder.editors["domestic_activities"][0].controls["objective"]
    assert ("O2: Parliament passes the bill", "O2") in serves.options and serves.value == "O1"
    serves.value = "O2"
    assert parse_plan(builder.plan_text()).domestic_activities[0].objective == "O2"
    builder.add_buttons["international_activities"].click()
    builder.add_buttons["domestic_activities"].click()
    builder.add_buttons["media"].click()
    builder.add_buttons["risks"].click()
    plan = parse_plan(builder.plan_text())
    assert [a.id for a in plan.international_activities] == ["I1", "I2"] and len(plan.domestic_activities) == 2
    assert len(plan.media) == 2 and len(plan.risks) == 2
    assert plan.international_activities[1].objective == "O1"


def test_removing_an_objective_shows_the_broken_link(box):
    builder = box.builder
    fill_minimum(builder)
    builder.editors["objectives"][0].remove.click()
    assert builder.editors["objectives"] == [] and "objectives: []" in preview_text(box)
    serves = builder.editors["domestic_activities"][0].controls["objective"]
    assert serves.options == (("O1 (no such objective in this plan)", "O1"),) and serves.value == "O1"
    builder.add_buttons["objectives"].click()
    assert builder.editors["objectives"][0].item.id == "O2"  # not O1: D1 and I1 still name O1
    builder.editors["risks"][0].remove.click()
    assert "risks: []" in preview_text(box)


# -- checking -----------------------------------------------------------------------------


def test_checking_an_unreadable_plan_says_what_to_fix(box):
    result = box.builder.check()
    assert not result.graded
    assert "could not be read yet" in box.builder.report.value and "country" in box.builder.report.value
    assert "click <b>Check my plan</b> again" in box.builder.report.value and "run the cell" not in box.builder.report.value


def test_checking_shows_a_score_and_goes_stale_after_a_change(box):
    builder = box.builder
    fill_minimum(builder)
    builder.check_button.click()
    result = builder.last_result
    assert result.graded and 0 < result.total < 75
    assert re.search(r"<strong>[\d.]+ / 100</strong> \(weak\) for Kenya, graded as of 2026-11-29", builder.report.value)
    assert builder.report_note.value == ""
    builder.top["goal"].value += " By 2029."
    assert "You changed the plan after this check" in builder.report_note.value
    builder.check_button.click()
    assert builder.report_note.value == ""


def test_a_strong_example_checks_strong(tmp_path):
    box = w.plan_builder(start="kenya_torture_custody", folder=tmp_path, as_of=AS_OF, today=TODAY)
    assert box.builder.start_from.value == "example:kenya_torture_custody"
    assert box.builder.check().band == "strong"
    assert "(strong) for Kenya" in box.builder.report.value


# -- starting from an example or a saved plan ---------------------------------------------


def test_the_start_menu_offers_every_example_strong_first(box):
    options = box.builder.start_from.options
    assert options[0] == ("A new plan", w.NEW)
    examples = [label for label, value in options if value.startswith("example:")]
    assert len(examples) == len(plan_files.example_names())
    bands = [re.search(r"\((\w+)\)$", label)[1] for label in examples]
    assert bands == sorted(bands, key=["strong", "middling", "weak"].index)


def test_starting_from_an_example_asks_before_replacing_typed_work(box):
    builder = box.builder
    builder.top["issue"].value = "My own work"
    builder.start_from.value = "example:egypt_human_rights_defenders"
    builder.start_button.click()
    assert "This replaces the plan in the form" in builder.start_message.value
    assert "issue: My own work" in preview_text(box)
    builder.start_button.click()
    assert "Started from: Example: Egypt" in builder.start_message.value
    expected = parse_plan(plan_files.example_text("egypt_human_rights_defenders"))
    shown = parse_plan(builder.plan_text())
    assert shown.goal == expected.goal
    assert [a.added_value for a in shown.international_activities] == [a.added_value for a in expected.international_activities]
    assert builder.top["country"].value == "Egypt" and len(builder.editors["international_activities"]) == 5
    assert builder.editors["objectives"][0].controls["target"].value == ""
    # Nothing typed since: the next start does not ask again.
    builder.start_from.value = w.NEW
    builder.start_button.click()
    assert "Started from: A new plan" in builder.start_message.value
    assert builder.top["country"].value == ""


def test_the_example_in_the_form_is_the_example(tmp_path):
    box = w.plan_builder(start="mexico_enforced_disappearances", folder=tmp_path, today=TODAY)
    original = parse_plan(plan_files.example_text("mexico_enforced_disappearances"))
    shown = parse_plan(box.builder.plan_text())
    for name in ("goal", "issue", "country_name"):
        assert getattr(shown, name) == getattr(original, name)
    assert [(a.id, a.stage, a.adds, a.added_value, a.brought_home, a.recommendations) for a in shown.international_activities] == [
        (a.id, a.stage, a.adds, a.added_value, a.brought_home, a.recommendations) for a in original.international_activities]
    first = box.builder.editors["international_activities"][0]
    assert [n for n, c in first.controls["adds"].checkboxes.items() if c.value] == [
        n for n in ADDS if n in original.international_activities[0].adds]


# -- saving -----------------------------------------------------------------------------


def test_saving_writes_the_plan_and_documents_into_the_folder(box, tmp_path):
    builder = box.builder
    builder.start_from.value = "example:kenya_torture_custody"
    builder.start_button.click()
    builder.file_name.value = "Coalition plan, draft 1"
    for to in ("yaml", "md", "html", "docx"):
        builder.save_buttons[to].click()
        assert "Saved:" in builder.saved.value and "on this computer only" in builder.saved.value
    folder = tmp_path / "my-plans"
    assert sorted(p.name for p in folder.iterdir()) == [
        "coalition-plan-draft-1.docx", "coalition-plan-draft-1.html", "coalition-plan-draft-1.md", "coalition-plan-draft-1.yaml"]
    saved = (folder / "coalition-plan-draft-1.yaml").read_text(encoding="utf-8")
    assert saved == builder.plan_text()
    assert "Joint stakeholder report" in (folder / "coalition-plan-draft-1.md").read_text(encoding="utf-8")
    from docx import Document

    assert any("OPCAT" in p.text for p in Document(str(folder / "coalition-plan-draft-1.docx")).paragraphs)
    assert list(tmp_path.iterdir()) == [folder], "nothing is written outside the folder"


def test_an_unreadable_plan_is_saved_but_not_exported(box, tmp_path):
    builder = box.builder
    builder.save_buttons["docx"].click()
    assert "Not exported" in builder.saved.value and "country" in builder.saved.value
    assert not (tmp_path / "my-plans").exists()
    builder.save_buttons["yaml"].click()
    assert [p.name for p in (tmp_path / "my-plans").iterdir()] == ["my-plan.yaml"]


def test_a_saved_plan_can_be_opened_again(box):
    builder = box.builder
    fill_minimum(builder)
    builder.top["issue"].value = "Custody deaths, saved"
    builder.save_buttons["yaml"].click()
    assert ("Saved: my-plans/my-plan.yaml", "saved:my-plan.yaml") in builder.start_from.options
    builder.start_from.value = w.NEW
    assert builder.start() is True  # saved just now: no question asked
    assert builder.top["issue"].value == ""
    builder.start_from.value = "saved:my-plan.yaml"
    assert builder.start() is True
    assert builder.top["issue"].value == "Custody deaths, saved" and builder.top["country"].value == "Kenya"


def test_a_broken_saved_plan_is_explained_not_loaded(box, tmp_path):
    folder = tmp_path / "my-plans"
    folder.mkdir()
    (folder / "broken.yaml").write_text("format: upr-action-plan/1\ncountry: [Kenya\n", encoding="utf-8")
    other = w.plan_builder(folder=folder, today=TODAY).builder
    other.start_from.value = "saved:broken.yaml"
    assert other.start() is False
    assert "cannot be opened in the form" in other.start_message.value and "Line" in other.start_message.value
    assert other.top["country"].value == ""


# -- reading examples -------------------------------------------------------------------


def test_compare_examples_puts_the_two_plans_side_by_side():
    value = w.compare_examples("kenya_torture_custody", "egypt_human_rights_defenders").value
    assert "Kenya: Torture and deaths in police custody (strong)" in value and "Egypt: Human rights defenders (weak)" in value
    assert "We will share the results with our partners." in value and value.count("<tr>") == 10


def test_export_preview_shows_the_document_without_the_page_style():
    value = w.export_preview(plan_files.example_text("kenya_torture_custody")).value
    assert "<h1>UPR action plan: Torture and deaths in police custody</h1>" in value
    assert "Recommendation KEN-S21-194:" in value and "body{" not in value
    assert "cannot be exported" in w.export_preview("format: upr-action-plan/1\n").value


def test_item_titles_keep_the_capital_letters_of_un(box):
    """'Activity at the UN I1', not 'Activity at the un I1' (str.capitalize lowercases the rest)."""
    fill_minimum(box.builder)
    editor = box.builder.editors["international_activities"][0]
    assert "Activity at the UN" in editor.title.value


def test_the_engagement_choice_on_the_first_tab_goes_into_the_plan_and_back():
    from upr_course.plan_draft import PlanDraft
    from upr_course.widgets.plan_builder import PlanBuilder

    builder = PlanBuilder(PlanDraft.starter())
    builder.top["engagement_decision"].value = "light"
    builder.top["engagement_reasons"].value = "One report is all our two staff can do before the vote."
    text = builder.plan_text()
    assert "engagement:\n  decision: light\n  reasons: One report" in text
    again = PlanDraft.from_yaml(text.replace("country: ''", "country: Kenya"))
    assert again.engagement_decision == "light" and again.engagement_reasons.startswith("One report")


def test_feedback_in_the_builder_names_tabs_and_fields_not_yaml_keys_or_lines():
    from upr_course.widgets.plan_builder import in_form_words

    shown = in_form_words("Activities I1 and I3 (lines 30, 52): 'added_value' is empty. Risk 1 (line 88): the mitigation 'We are careful.' says nothing.")
    assert "line" not in shown and "added_value" not in shown
    assert "Activities I1 and I3 (tab 4 At the UN): 'What it adds' is empty" in shown
    assert "Risk 1 (tab 5 Media, risks)" in shown

# -- issue 17: dates from the country's calendar, an empty form, the line after a check ----------


def test_a_blank_step_at_the_un_takes_its_date_from_the_countrys_calendar(tmp_path):
    from upr_course.timeline import country_timeline

    today = dt.date(2026, 12, 6)
    box = w.plan_builder(folder=tmp_path, today=today)
    builder = box.builder
    assert builder.draft.international_activities[0].when == "2027-06"  # six months from today, any country
    builder.top["country"].value = "Uganda"  # reviewed in January 2027: its stakeholder deadline has passed
    step = builder.draft.international_activities[0]
    review = country_timeline("Uganda", today).next_review.start_date
    assert step.when <= f"{review.year:04d}-{review.month:02d}", step
    assert step.stage != "stakeholder_report"
    assert f"when: '{step.when}'" in box.plan_text() or f"when: {step.when}" in box.plan_text()


def test_a_step_with_text_keeps_its_date(tmp_path):
    box = w.plan_builder(folder=tmp_path, today=dt.date(2026, 12, 6))
    step = box.builder.draft.international_activities[0]
    step.text = "Send a stakeholder report with our coalition."
    box.builder.top["country"].value = "Uganda"
    assert (step.stage, step.when) == ("stakeholder_report", "2027-06")


def test_the_cell_under_an_empty_form_says_what_to_do_not_could_not_be_read(tmp_path, capsys):
    box = w.plan_builder(folder=tmp_path, today=TODAY)
    assert box.builder.draft.is_blank()
    assert box.check_here() is None
    box.builder.top["country"].value = "Kenya"
    assert not box.builder.draft.is_blank()


def test_after_a_check_the_line_under_the_form_gives_the_score(tmp_path):
    box = w.plan_builder(start="kenya_torture_custody", folder=tmp_path, as_of=AS_OF, today=TODAY)
    builder = box.builder
    assert "Click <b>Check my plan</b>" in builder.status.value
    result = builder.check()
    assert "Click <b>Check my plan</b> (tab 6) to see" not in builder.status.value
    assert f"{result.total:.1f} / 100" in builder.status.value
    builder.top["goal"].value = builder.top["goal"].value + " More."
    assert "to see its score" in builder.status.value
