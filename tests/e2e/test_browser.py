"""The course in a real browser: JupyterLab in Chromium, driven as a participant and a trainer would.

- lesson 00 and lesson 02 run top to bottom (Run > Run All Cells) with no error, except the
  cell tagged ``raises-exception``, and lesson 02's widgets show as controls that answer a click;
- in lesson 09, a plan typed into the guided builder is graded ("/ 100") and saved, and the
  score on the page is the grader's score of the saved file;
- the trainer's formgrader (nbgrader's JupyterLab extension) lists the course's assignments.

Screenshots: e2e-screenshots/<test name>/. See conftest.py for the set-up.
"""

from __future__ import annotations

import re

import pytest
import yaml

from upr_course.rubric import grade_text

pytestmark = pytest.mark.e2e

ASSIGNMENTS = ["01-should-we-engage", "02-timeline", "03-reading-recommendations", "04-supported-or-noted",
               "05-capstone-action-plan"]
ACTIVE = ".jp-NotebookPanel:not(.lm-mod-hidden)"


def _cell_output(page, text: str):
    """The output area of the code cell whose source contains ``text``."""
    cell = page.locator(f"{ACTIVE} .jp-CodeCell").filter(has=page.locator(".jp-InputArea", has_text=text)).first
    cell.scroll_into_view_if_needed()
    return cell.locator(".jp-OutputArea")


def test_start_here_runs_in_the_browser(lab, page, shots):
    notebook = "course/00-start-here.ipynb"
    lab.open(page, notebook)
    shots(page, "opened")
    lab.run_all(page)
    saved = lab.save(page, notebook)
    assert lab.problems(page, saved) == []
    # The cell tagged raises-exception shows its error on purpose, and the cells after it ran.
    tagged = [cell for cell in saved.cells if "raises-exception" in cell.metadata.get("tags", [])]
    assert tagged and all(any(o.output_type == "error" for o in cell.outputs) for cell in tagged)
    assert "UPR recommendations" in _cell_output(page, "data.recommendations()").text_content()
    shots(page, "ran")
    _cell_output(page, 'find_country("Kenia")')
    shots(page, "the-error-on-purpose")


def test_lesson_02_widgets_render_as_controls(lab, page, shots):
    notebook = "course/02-the-upr-cycle.ipynb"
    lab.open(page, notebook)
    lab.run_all(page)
    saved = lab.save(page, notebook)
    assert lab.problems(page, saved) == []
    panel = page.locator(ACTIVE)
    assert panel.locator(".jupyter-widgets").count() > 5
    assert panel.locator("img.widget-image").count() >= 2  # the cycle picture, the timeline
    assert panel.locator(".upr-quiz .widget-radio-box input[type=radio]").count() >= 4

    # The cycle picture is a real image, not a broken one.
    picture = _cell_output(page, "cycle_picture()").locator("img.widget-image").first
    assert picture.evaluate("img => img.naturalWidth") > 200
    shots(page, "cycle-picture")

    # A quiz answers a click.
    quiz = panel.locator(".upr-quiz").first
    quiz.scroll_into_view_if_needed()
    quiz.locator(".widget-radio-box label").first.click()
    quiz.locator("button", has_text="Check").click()
    page.wait_for_function("q => q.textContent.includes('Yes.') || q.textContent.includes('Not quite.')",
                           arg=quiz.element_handle(), timeout=15_000)
    shots(page, "quiz-answered")

    # The timeline explorer redraws for another country chosen in its dropdown.
    explorer = panel.locator(".upr-explorer").first
    explorer.scroll_into_view_if_needed()
    select = explorer.locator(".widget-dropdown select")
    assert select.count() == 1 and "Kenya" in explorer.text_content()
    shots(page, "timeline-kenya")
    select.select_option(label="Brazil")
    page.wait_for_function("e => e.textContent.includes('Brazil.')", arg=explorer.element_handle(), timeout=20_000)
    shots(page, "timeline-brazil")


PLAN = {
    "country": "Kenya",
    "organisation": "Coalition against Torture in Custody (pseudonym)",
    "issue": "Torture and deaths in police custody",
    "goal": ("By March 2030 the Cabinet approves ratification of the Optional Protocol to the Convention against "
             "Torture (OPCAT) and tables it in the National Assembly."),
    "objective": ("The Independent Policing Oversight Authority (IPOA) publishes every quarter the outcome of its "
                  "investigations into deaths and injuries in police custody."),
    "target": "Chairperson and board of IPOA",
    "indicator": "Quarterly outcome tables on the IPOA website, with case numbers",
    "domestic": ("Paralegals in Nairobi, Mombasa and Kisumu record every death and torture complaint from police "
                 "custody in a case database shared with the Law Society of Kenya."),
    "stage": "mid_term_report",
    "international": ("Send OHCHR a civil-society mid-term assessment of Kenya's supported recommendations on "
                      "investigating torture and publishing IPOA's findings."),
    "adds": ["leverage", "accountability"],
    "added_value": ("Kenya supported both recommendations before the Human Rights Council, so a mid-term assessment "
                    "on the UN record tells the Government that its promise is being measured by name, a diplomatic "
                    "cost that our complaints to IPOA alone cannot impose."),
    "brought_home": ("We send the assessment's scorecard with our case list to the IPOA board and the Justice and "
                     "Legal Affairs Committee, and ask for a meeting within a month to agree dates for publication."),
    "recommendations": "KEN-S21-064, KEN-S21-099",
    "media": "A press release on the day of the mid-term report, with the families' statements and the scorecard.",
    "risk": "Police harass paralegals and families who speak about cases in public or at the UN.",
    "mitigation": ("Families speak only with their consent and under pseudonyms; we agree an emergency contact list "
                   "with KNCHR and the Law Society, and report any reprisal to OHCHR's reprisals focal point."),
}


def test_lesson_09_builder_makes_a_graded_plan(lab, page, shots):
    notebook = "course/09-your-action-plan.ipynb"
    lab.open(page, notebook)
    lab.run_all(page)
    saved = lab.save(page, notebook)
    assert lab.problems(page, saved) == []

    page.set_viewport_size({"width": 1366, "height": 1400})  # the whole form in one screenshot
    builder = page.locator(f"{ACTIVE} .upr-plan-builder")
    shots(page, "builder-new", top=builder)

    def tab(title: str):
        builder.locator(".upr-plan-tabs .lm-TabBar-tab", has_text=title).click()

    def item(list_class: str):
        return builder.locator(f".upr-item-{list_class}").first

    # 1 Goal
    builder.locator(".upr-field-country input").fill(PLAN["country"])
    builder.locator(".upr-field-organisation input").fill(PLAN["organisation"])
    builder.locator(".upr-field-issue input").fill(PLAN["issue"])
    builder.locator(".upr-field-goal textarea").fill(PLAN["goal"])
    shots(page, "tab-1-goal", top=builder)
    # 2 Objectives (the starter plan has one of each item, already linked to objective O1)
    tab("2 Objectives")
    objective = item("objectives")
    objective.locator(".upr-field-text textarea").fill(PLAN["objective"])
    objective.locator(".upr-field-target input").fill(PLAN["target"])
    objective.locator(".upr-field-indicator input").fill(PLAN["indicator"])
    # 3 At home
    tab("3 At home")
    item("domestic-activities").locator(".upr-field-text textarea").fill(PLAN["domestic"])
    # 4 At the UN
    tab("4 At the UN")
    step = item("international-activities")
    step.locator(".upr-field-stage select").select_option(label="After the review: mid-term report")
    step.locator(".upr-field-text textarea").fill(PLAN["international"])
    for word in PLAN["adds"]:
        step.locator(f".upr-adds-{word} input[type=checkbox]").check()
    step.locator(".upr-field-added-value textarea").fill(PLAN["added_value"])
    step.locator(".upr-field-brought-home textarea").fill(PLAN["brought_home"])
    step.locator(".upr-field-recommendations input").fill(PLAN["recommendations"])
    shots(page, "tab-4-at-the-un", top=builder)
    # 5 Media, risks
    tab("5 Media, risks")
    media = item("media")
    media.locator(".upr-field-moment select").select_option(label="After the review: mid-term report")
    media.locator(".upr-field-text textarea").fill(PLAN["media"])
    risk = item("risks")
    risk.locator(".upr-field-risk textarea").fill(PLAN["risk"])
    risk.locator(".upr-field-mitigation textarea").fill(PLAN["mitigation"])

    # The live text under the form follows the typing (the kernel got every field).
    preview = builder.locator(".upr-plan-preview")
    page.wait_for_function("e => e.textContent.includes('reprisals focal point')", arg=preview.element_handle(),
                           timeout=20_000)
    assert "The plan can be read" in builder.locator(".upr-plan-status").text_content()

    # 6 Check, save
    tab("6 Check, save")
    builder.locator("button.upr-check").click()
    report = builder.locator(".widget-html.upr-report")
    page.wait_for_function("e => /\\d+(\\.\\d)? \\/ 100/.test(e.textContent)", arg=report.element_handle(),
                           timeout=30_000)
    shots(page, "tab-6-graded", top=builder.locator(".upr-plan-tabs"))
    score = float(re.search(r"(\d+(?:\.\d)?) / 100", report.text_content())[1])

    builder.locator(".upr-file-name input").fill("e2e-plan")
    builder.locator("button.upr-save-yaml").click()
    page.wait_for_function("e => e.textContent.includes('Saved:')", arg=builder.locator(".upr-saved").element_handle(),
                           timeout=15_000)
    shots(page, "saved", top=builder.locator(".upr-saved"))

    # The lesson's other way: run the cell under the form (Shift+Enter), which grades the plan in the form.
    cell = page.locator(f"{ACTIVE} .jp-CodeCell").filter(
        has=page.locator(".jp-InputArea", has_text="my_plan.check_here()")).first
    cell.locator(".jp-InputArea-editor").click()
    page.keyboard.press("Shift+Enter")
    output = cell.locator(".jp-OutputArea")
    page.wait_for_function("e => /\\d+(\\.\\d)? \\/ 100/.test(e.textContent)", arg=output.element_handle(),
                           timeout=30_000)
    shots(page, "graded-by-the-cell", top=cell)
    assert float(re.search(r"(\d+(?:\.\d)?) / 100", output.text_content())[1]) == score

    plan_file = lab.root / "course" / "my-plans" / "e2e-plan.yaml"
    text = plan_file.read_text(encoding="utf-8")
    plan = yaml.safe_load(text)
    assert plan["country"] == "Kenya" and plan["goal"].strip() == PLAN["goal"]
    assert plan["international_activities"][0]["stage"] == "mid_term_report"
    assert sorted(plan["international_activities"][0]["adds"]) == sorted(PLAN["adds"])
    assert plan["international_activities"][0]["recommendations"] == ["KEN-S21-064", "KEN-S21-099"]
    # The page shows the grader's own score of the plan that was typed.
    result = grade_text(text)
    assert not result.errors
    assert score == pytest.approx(round(result.total, 1), abs=0.051)
    assert score >= 50, f"a plan with every part filled in should not score {score}"


def test_trainer_sees_the_assignments_in_the_formgrader(trainer_lab, page, shots):
    lab = trainer_lab
    page.goto(lab.workspace_url())
    page.wait_for_selector(".lm-MenuBar-itemLabel >> text=Nbgrader", timeout=60_000)
    lab.menu(page, "Nbgrader", "nbgrader:open-formgrader")
    frame = page.frame_locator("iframe").first
    table = frame.locator("body")
    for name in ASSIGNMENTS:
        frame.get_by_text(name, exact=True).first.wait_for(timeout=60_000)
    assert "Manage Assignments" in table.text_content()
    shots(page, "formgrader-assignments")


def test_exercise_01_is_answered_in_its_form_and_the_answers_are_saved_in_the_notebook(lab, page, shots):
    """No code: click a choice and type a reason; after Ctrl+S the notebook file holds them (the grader reads them there)."""
    notebook = "exercises/01-should-we-engage/should-we-engage.ipynb"
    lab.open(page, notebook)
    lab.run_all(page)
    form = page.locator(f"{ACTIVE} .upr-exercise-form").first
    form.scroll_into_view_if_needed()
    form.locator(".widget-radio-box label", has_text="Now:").first.click()
    form.locator("textarea").first.fill("The Government promised the law; the deadline is in two months.")
    page.wait_for_timeout(1500)
    shots(page, "exercise-01-answered")
    saved = lab.save(page, notebook)
    cell = next(c for c in saved.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "decisions")
    answers = cell.metadata["upr_course"]["answers"]
    assert answers["DECISIONS"]["situation_a"] == "now"
    assert answers["WHY_A"].startswith("The Government promised")


def test_the_capstone_takes_the_plan_saved_in_lesson_09_and_keeps_it_in_the_notebook(lab, page, shots):
    """No YAML typed: the plan picker lists lesson 09's saved plans; the chosen plan is saved in the notebook."""
    from upr_course.plan_files import example_text

    plans = lab.root / "course" / "my-plans"
    plans.mkdir(parents=True, exist_ok=True)
    (plans / "my-custody-plan.yaml").write_text(example_text("kenya_torture_custody"), encoding="utf-8")
    notebook = "exercises/05-capstone-action-plan/action-plan.ipynb"
    lab.open(page, notebook)
    lab.run_all(page)
    picker = page.locator(f"{ACTIVE} .upr-exercise-form").first
    picker.scroll_into_view_if_needed()
    select = picker.locator(".widget-dropdown select").first
    value = next(o for o in select.locator("option").all_text_contents() if "my-custody-plan.yaml" in o)
    select.select_option(label=value)
    page.wait_for_function("e => e.textContent.includes('Points') || e.textContent.includes('points')",
                           arg=picker.element_handle(), timeout=60_000)
    shots(page, "capstone-plan-chosen")
    saved = lab.save(page, notebook)
    cell = next(c for c in saved.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "action_plan")
    assert cell.metadata["upr_course"]["answers"]["PLAN"] == example_text("kenya_torture_custody")
    assert "GradeResult(" not in page.locator(ACTIVE).text_content()
