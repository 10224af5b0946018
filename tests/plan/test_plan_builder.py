"""The plan builder's core (``upr_course.plan_draft``): what the builder writes is what the
grader reads.

The contract is the action plan format, read by ``parse_plan``: every example plan loaded
into the builder and written out again reads back as the same plan; any text a participant
types reads back as that text; an unfinished plan gives the grader's plain messages, never
a traceback. No widgets here: ``tests/widgets/test_plan_builder_widget.py`` tests the form.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from upr_course import plan_draft, plan_files
from upr_course.plan import writer
from upr_course.errors import UserError
from upr_course.plan import ADDS, STAGES, Plan, PlanError, parse_plan
from upr_course.plan_draft import PlanDraft

EXAMPLES = plan_files.example_names()
MALFORMED = sorted((plan_files.EXAMPLES_DIR.parent / "malformed").glob("*.yaml"))
AS_OF = dt.date(2026, 11, 29)  # the date the example plans were written for


def without_lines(plan: Plan) -> Plan:
    """A plan with its line numbers removed: the builder writes no comments, so lines move."""
    lists = ("objectives", "domestic_activities", "international_activities", "media", "risks")
    return dataclasses.replace(plan, **{name: tuple(dataclasses.replace(item, line=None) for item in getattr(plan, name)) for name in lists})


def filled(**changes) -> PlanDraft:
    """A small complete plan, readable by the grader, with ``changes`` applied to its top fields."""
    draft = PlanDraft.starter(today=AS_OF)
    draft.country, draft.issue = "Kenya", "Torture in police custody"
    draft.goal = "By June 2029 Parliament adopts a law creating a national preventive mechanism."
    for name, value in changes.items():
        setattr(draft, name, value)
    return draft


# -- round trips ------------------------------------------------------------------------


def test_there_are_example_plans_of_every_band():
    assert len(EXAMPLES) >= 10
    assert {plan_files.example_band(name) for name in EXAMPLES} == {"strong", "middling", "weak"}


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_example_plan_round_trips_through_the_builder(name):
    text = plan_files.example_text(name)
    draft = PlanDraft.from_yaml(text)
    written = draft.to_yaml()
    assert without_lines(parse_plan(written)) == without_lines(parse_plan(text))
    # Written once, the text is stable: loading and writing again changes nothing.
    assert PlanDraft.from_yaml(written).to_yaml() == written


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_written_plan_is_tidy_yaml(name):
    written = PlanDraft.from_yaml(plan_files.example_text(name)).to_yaml()
    assert written.startswith("format: upr-action-plan/1\n")
    assert all(len(line) <= writer.WIDTH for line in written.splitlines() if " " in line.strip()), "long texts are wrapped"
    assert "\t" not in written and "\r" not in written
    # The same keys, in the spec's order, as safe_load sees them.
    assert list(yaml.safe_load(written)) == ["format", "country", *(["organisation"] if "organisation:" in written else []),
                                             "issue", "goal", *(["engagement"] if "engagement:" in written else []),
                                             "objectives", "domestic_activities",
                                             "international_activities", "media", "risks"]


def test_the_example_grades_the_same_after_the_round_trip():
    from upr_course.rubric import grade_text

    text = plan_files.example_text("kenya_torture_custody")
    written = PlanDraft.from_yaml(text).to_yaml()
    before, after = grade_text(text, as_of=AS_OF), grade_text(written, as_of=AS_OF)
    assert before.total == after.total > 90
    assert [c.score for c in before.criteria] == [c.score for c in after.criteria]


@pytest.mark.parametrize("path", MALFORMED, ids=lambda p: p.name)
def test_a_plan_that_cannot_be_read_is_not_loaded_and_says_why(path):
    with pytest.raises(PlanError) as raised:
        PlanDraft.from_yaml(path.read_text(encoding="utf-8"))
    assert raised.value.problems and all(p.message.startswith("Line ") for p in raised.value.problems if p.line)


def test_loading_keeps_weak_parts_as_they_are():
    draft = PlanDraft.from_yaml(plan_files.example_text("egypt_human_rights_defenders"))
    assert draft.objectives[0].target == "" and draft.media == [] and draft.risks == []
    written = draft.to_yaml()
    assert "media: []" in written and "risks: []" in written and "target: ''" in written


# -- empty and unfinished plans -------------------------------------------------------


def test_an_empty_builder_gives_text_with_a_clear_message():
    draft = PlanDraft()
    text = draft.to_yaml()
    assert yaml.safe_load(text)["format"] == "upr-action-plan/1"
    problems = draft.problems()
    assert problems == ["Line 2: 'country' is empty; write the State under Review, for example 'country: Kenya' or 'country: KEN'."]
    with pytest.raises(PlanError):
        draft.parse()


def test_the_starter_links_its_parts_and_is_readable_once_the_country_is_named():
    draft = PlanDraft.starter(today=AS_OF)
    assert [o.id for o in draft.objectives] == ["O1"]
    assert draft.domestic_activities[0].objective == "O1" == draft.international_activities[0].objective
    assert draft.objectives[0].due == "2028-11" and draft.domestic_activities[0].when == "2027-01"
    assert len(draft.problems()) == 1  # only the country is missing
    draft.country = "KEN"
    plan = draft.parse()
    assert plan.country_name == "Kenya" and plan.international_activities[0].stage == "stakeholder_report"


def test_every_empty_date_is_named_with_its_line():
    draft = filled()
    draft.objectives[0].due = ""
    draft.international_activities[0].when = "  "
    problems = draft.problems()
    assert len(problems) == 2
    assert "'due' of objective O1 is empty" in problems[0] and "'when' of international activity I1 is empty" in problems[1]
    lines = draft.to_yaml().splitlines()
    for problem in problems:
        number = int(problem.split(":")[0].removeprefix("Line "))
        assert lines[number - 1].strip().startswith(("due:", "when:"))


def test_a_filled_starter_is_graded():
    from upr_course.rubric import grade_text

    result = grade_text(filled().to_yaml(), as_of=AS_OF)
    assert result.graded and 0 < result.total < 75  # empty texts: readable, but weak


# -- special characters, long texts -----------------------------------------------------


TRICKY = [
    "NO", "yes", "off", "null", "~", "", "123", "01", "1e3", "0x1F", "2027-06", "2027-06-15", "12:30", "true",
    "a: b", "key:value", "# not a comment", "text # with a hash", "- a dash", "? question", "[not a list]",
    "{not: a map}", "&anchor", "*alias", "!tag", "%percent", "@at", "`backtick", "'single'", '"double"',
    "it's", "50% of 'noted' recommendations: \"exposed\"", "|", ">", "...", "---", "a\\b", "<script>alert(1)</script>",
    "Ministère de la Justice – Côte d'Ivoire", "وزارة العدل", "司法部", "Права человека", "emoji 🙂 ok",
    "non\u00a0breaking space", "tab\tinside", "line one\nline two", "para one\n\npara two", "  padded  ",
    "windows\r\nline ends", "indented\n    second line", "ends with colon:", "x\n- looks like a list",
    "\u2028separator", "next\x85line", "bell\x07gone", "zero\x00byte",
]  # fmt: skip


@pytest.mark.parametrize("value", TRICKY)
def test_any_text_reads_back_as_typed(value):
    draft = filled(organisation=value, goal=value or "x")
    draft.objectives[0].text = value
    draft.international_activities[0].added_value = value
    draft.risks[0].mitigation = value
    plan = draft.parse()
    expected = writer.clean_text(value)
    assert plan.objectives[0].text == expected
    assert plan.international_activities[0].added_value == expected
    assert plan.risks[0].mitigation == expected
    assert plan.organisation == (expected or None)


def test_cleaning_keeps_what_matters():
    assert writer.clean_text("  a\r\nb\rc  ") == "a\nb\nc"
    assert writer.clean_text("bell\x07 and nul\x00") == "bell and nul"
    assert writer.clean_text(None) == ""
    assert writer.clean_text("\t tabs and spaces \t") == "tabs and spaces"


def test_long_texts_are_wrapped_and_read_back():
    sentence = "The Ministry of Justice tables a prevention-of-torture bill after consultation with families. "
    long_text = (sentence * 60).strip()
    word = "https://example.org/" + "x" * 300  # cannot be wrapped
    draft = filled(goal=long_text)
    draft.objectives[0].text = word + " " + long_text
    draft.risks[0].risk = "\n".join([sentence] * 40)
    text = draft.to_yaml()
    assert "goal: >" in text and "  - risk: |" in text
    plan = parse_plan(text)
    assert plan.goal == long_text
    assert plan.objectives[0].text == word + " " + long_text
    assert plan.risks[0].risk == "\n".join([sentence] * 40).strip()  # spaces at line ends kept, as typed


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_any_typed_text_reads_back(value):
    draft = filled()
    draft.objectives[0].indicator = value
    draft.international_activities[0].brought_home = value
    plan = draft.parse()
    assert plan.objectives[0].indicator == writer.clean_text(value)
    assert plan.international_activities[0].brought_home == writer.clean_text(value)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(st.characters(whitelist_categories=("Lu", "Ll", "Nd", "Pd", "Po")), min_size=1, max_size=20), max_size=5))
def test_any_recommendation_ids_read_back(ids):
    draft = filled()
    draft.international_activities[0].recommendations = list(ids)
    plan = draft.parse()
    assert plan.international_activities[0].recommendations == tuple(writer.clean_text(i) for i in ids if writer.clean_text(i))


# -- dates ------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["2027-06", "2027-06-15", "2028-02-29", " 2027-06 "])
def test_valid_dates_read_back(value):
    draft = filled()
    draft.objectives[0].due = value
    assert str(draft.parse().objectives[0].due) == value.strip()


@pytest.mark.parametrize(("value", "words"), [
    ("2028-02-30", "February 2028 has no day 30"),
    ("2031-13", "there is no month 13"),
    ("June 2027", "YYYY-MM"),
    ("2027/06", "YYYY-MM"),
])  # fmt: skip
def test_invalid_dates_give_the_graders_message_with_its_line(value, words):
    draft = filled()
    draft.domestic_activities[0].when = value
    problems = draft.problems()
    assert len(problems) == 1 and words in problems[0] and "domestic activity D1" in problems[0]
    line = int(problems[0].split(":")[0].removeprefix("Line "))
    assert draft.to_yaml().splitlines()[line - 1].strip().startswith("when:")


def test_the_starter_dates_follow_today():
    draft = PlanDraft.starter(today=dt.date(2026, 12, 31))
    assert draft.domestic_activities[0].when == "2027-02"
    assert draft.international_activities[0].when == "2027-06"
    assert draft.objectives[0].due == "2028-12"


# -- ids and objectives -----------------------------------------------------------------


def test_new_ids_never_take_over_an_old_one():
    draft = PlanDraft.starter(today=AS_OF)
    second = draft.add("objectives")
    third = draft.add("objectives")
    assert (second.id, third.id) == ("O2", "O3")
    draft.domestic_activities[0].objective = "O3"
    draft.remove(third)
    assert draft.add("objectives").id == "O4"  # D1 still points at O3
    assert draft.add("domestic_activities").id == "D2"
    assert draft.add("international_activities", stage="review").id == "I2"
    assert draft.add("media").moment == "review" and draft.add("risks").risk == ""


def test_removing_an_objective_leaves_a_visible_dangling_link():
    draft = filled()
    draft.remove(draft.objectives[0])
    assert draft.domestic_activities[0].objective == "O1"
    plan = draft.parse()  # weak, not malformed: the grader's domestic_link takes points
    assert plan.objectives == ()
    assert draft.objective_choices("O1")[0] == ("O1 (no such objective in this plan)", "O1")


def test_removing_something_not_in_the_plan_says_so():
    draft = filled()
    with pytest.raises(UserError):
        draft.remove(plan_draft.RiskDraft())
    with pytest.raises(UserError):
        draft.add("diary")


def test_objective_choices_show_ids_and_text():
    draft = filled()
    draft.objectives[0].text = "The Ministry of Justice tables a prevention-of-torture bill by June 2027, after consulting families."
    choices = draft.objective_choices("O1")
    assert choices == [("O1: The Ministry of Justice tables a prevention-of-torture...", "O1")]
    assert draft.objective_choices("")[0] == ("(choose an objective)", "")


def test_a_duplicated_id_is_the_graders_to_report():
    draft = filled()
    draft.add("objectives", id="O1")
    assert any("already used" in p for p in draft.problems())


def test_split_ids():
    assert plan_draft.split_ids("KEN-S21-064, KEN-S21-099;KEN-S21-194\nKEN-S08-001  ") == ["KEN-S21-064", "KEN-S21-099", "KEN-S21-194", "KEN-S08-001"]
    assert plan_draft.split_ids("") == [] and plan_draft.split_ids(None) == []


def test_adds_and_stages_come_from_the_format():
    draft = filled()
    draft.international_activities[0].adds = list(ADDS)
    for stage in STAGES:
        draft.international_activities[0].stage = stage
        draft.media[0].moment = stage
        plan = draft.parse()
        assert plan.international_activities[0].stage == stage and plan.media[0].moment == stage
    assert plan.international_activities[0].adds == tuple(ADDS)


# -- examples, comparison, files ---------------------------------------------------------


def test_example_labels_and_an_unknown_example():
    assert plan_files.example_label("kenya_torture_custody") == "Kenya: Torture and deaths in police custody (strong)"
    with pytest.raises(UserError, match="kenya_torture_custody"):
        plan_files.example_text("kenya")


def test_comparison_rows_show_the_difference():
    strong = parse_plan(plan_files.example_text("kenya_torture_custody"))
    weak = parse_plan(plan_files.example_text("egypt_human_rights_defenders"))
    rows = {what: (left, right) for what, left, right in plan_files.comparison_rows(strong, weak)}
    assert rows["Goal (the change at home)"] == (" ".join(strong.goal.split()), "Improve the situation of human rights defenders in Egypt.")
    assert rows["A UN step"][1] == "stakeholder report: Submit a report to the UN on human rights defenders."
    assert rows["How its result comes home"][1] == "We will share the results with our partners."
    assert "Decision-maker: (empty)" in rows["First objective"][1]
    assert rows["Risks"][1] == "(no risks)" and "reprisals" in rows["Risks"][0]
    assert rows["Activities"] == ("5 at home, 5 at the UN", "1 at home, 5 at the UN")


def test_file_stems_are_safe():
    assert plan_files.file_stem("Kenya: torture / custody!") == "kenya-torture-custody"
    assert plan_files.file_stem("../../etc/passwd") == "etc-passwd"
    assert plan_files.file_stem("وزارة") == "my-plan" and plan_files.file_stem("") == "my-plan"
    assert len(plan_files.file_stem("x" * 500)) == 60


def test_saving_and_exporting_write_only_into_the_folder(tmp_path):
    folder = tmp_path / "my-plans"
    text = plan_files.example_text("kenya_torture_custody")
    saved = plan_files.save_yaml(text, folder, "Kenya plan")
    assert saved == folder / "kenya-plan.yaml" and saved.read_text(encoding="utf-8") == text
    assert plan_files.saved_plans(folder) == [saved] and plan_files.saved_plans(tmp_path / "nowhere") == []
    paths = {to: plan_files.export_plan(text, folder, "Kenya plan", to) for to in plan_files.EXPORT_FORMATS}
    assert {p.name for p in folder.iterdir()} == {"kenya-plan.yaml", "kenya-plan.md", "kenya-plan.html", "kenya-plan.docx"}
    markdown = paths["md"].read_text(encoding="utf-8")
    assert markdown.startswith("# UPR action plan: Torture and deaths in police custody")
    assert "Recommendation KEN-S21-194:" in markdown and "(not found in the dataset)" not in markdown
    assert "<h1>UPR action plan" in paths["html"].read_text(encoding="utf-8")
    from docx import Document

    document = Document(str(paths["docx"]))
    assert any("Torture and deaths in police custody" in p.text for p in document.paragraphs)


def test_an_unfinished_plan_is_saved_but_not_exported(tmp_path):
    text = PlanDraft().to_yaml()
    assert plan_files.save_yaml(text, tmp_path, "draft").exists()
    with pytest.raises(PlanError):
        plan_files.export_plan(text, tmp_path, "draft", "docx")
    with pytest.raises(UserError, match="md, html, docx"):
        plan_files.export_plan(plan_files.example_text("kenya_torture_custody"), tmp_path, "x", "pdf")
    assert [p.name for p in tmp_path.iterdir()] == ["draft.yaml"]


def test_the_core_needs_no_widgets():
    import subprocess
    import sys

    code = ("import sys; import upr_course.plan_draft as pb; pb.PlanDraft.starter().to_yaml(); "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('ipywidgets', 'IPython')]; "
            "assert not bad, bad")  # fmt: skip
    subprocess.run([sys.executable, "-c", code], check=True)


def test_long_texts_with_odd_spacing_stay_readable_blocks():
    """Folding breaks only at single spaces, so double spaces and tabs survive in a block
    (not in escaped double quotes, which people find hard to read)."""
    for text in ["Two  spaces here,\tand a tab. " * 8 + "End  of the text.", "a" * 86 + "  " + "b" * 10 + " " + "c" * 20]:
        draft = filled(goal=text)
        written = draft.to_yaml()
        assert "goal: >" in written and '"' not in written.split("goal:")[1].split("objectives:")[0]
        assert draft.parse().goal == text


def test_suggested_values_keep_a_plan_readable():
    draft = filled()
    draft.objectives[0].due = "2029-03"
    draft.international_activities[0].when = "2027-09"
    assert draft.suggested("objectives", AS_OF) == {"due": "2029-03"}
    assert draft.suggested("domestic_activities", AS_OF) == {"objective": "O1", "when": "2027-01"}
    assert draft.suggested("international_activities", AS_OF) == {"objective": "O1", "when": "2027-09"}
    assert draft.suggested("media", AS_OF) == {} and draft.suggested("risks", AS_OF) == {}
    for list_name in plan_draft.LIST_NAMES:
        draft.add(list_name, **draft.suggested(list_name, AS_OF))
    assert draft.problems() == []
    empty = PlanDraft()
    assert empty.suggested("objectives", AS_OF) == {"due": "2028-11"}
    assert empty.suggested("domestic_activities", AS_OF) == {"objective": "", "when": "2027-01"}
