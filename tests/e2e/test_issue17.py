"""Issue 17: what a participant and a trainer meet in the browser, at 1366x768 (a laptop).

Each test acts as a person would (opens, runs, reopens, clicks, types) and checks what the
screen shows. ``test_every_lesson_at_laptop_size`` keeps screenshots of every lesson in
e2e-screenshots/ (the other tests keep theirs too).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

ACTIVE = ".jp-NotebookPanel:not(.lm-mod-hidden)"
LESSONS = sorted(p.name for p in (Path(__file__).resolve().parents[2] / "course").glob("*.ipynb"))

#: JS: every dropdown whose chosen text is wider than the box that shows it (cut off), and
#: table cells of the course whose text is not left-aligned or whose id wraps.
LAYOUT_PROBLEMS = """() => {
  const found = [];
  const canvas = document.createElement('canvas').getContext('2d');
  for (const select of document.querySelectorAll('%(active)s .widget-dropdown select')) {
    if (select.offsetParent === null || select.clientWidth === 0) continue;  // in a tab not shown
    const style = getComputedStyle(select);
    canvas.font = `${style.fontSize} ${style.fontFamily}`;
    const text = select.options[select.selectedIndex]?.text || '';
    const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 16;
    if (canvas.measureText(text).width > room + 1) found.push(`dropdown cut: ${text}`);
    for (const option of select.options) {
      if (canvas.measureText(option.text).width > room + 1) { found.push(`choice cut: ${option.text}`); break; }
    }
  }
  for (const cell of document.querySelectorAll('%(active)s .upr-table td')) {
    const align = getComputedStyle(cell).textAlign;
    if (!cell.classList.contains('upr-col-number') && align !== 'left' && align !== 'start')
      found.push(`cell aligned ${align}: ${cell.textContent.slice(0, 40)}`);
  }
  for (const cell of document.querySelectorAll('%(active)s .upr-table td.upr-col-id')) {
    const text = cell.textContent.trim();
    if (!text || text.includes(',')) continue;  // one id per cell: it must stay on one line
    const range = document.createRange(); range.selectNodeContents(cell);
    const height = range.getBoundingClientRect().height;
    if (height > 1.8 * parseFloat(getComputedStyle(cell).fontSize)) found.push(`id wraps: ${text}`);
  }
  return [...new Set(found)];
}""" % {"active": ACTIVE}


def _cell(page, text: str):
    cell = page.locator(f"{ACTIVE} .jp-CodeCell").filter(has=page.locator(".jp-InputArea", has_text=text)).first
    cell.scroll_into_view_if_needed()
    return cell


def _run_cell(page, cell) -> None:
    cell.locator(".jp-InputArea-editor").click()
    page.keyboard.press("Shift+Enter")


def _shoot_outputs(page, shots, name: str) -> None:
    """Screenshots down the lesson: each widget and picture output at the top of the screen."""
    outputs = page.locator(f"{ACTIVE} .jp-OutputArea-output:has(.jupyter-widgets), "
                           f"{ACTIVE} .jp-OutputArea-output:has(img)")
    for index in range(min(outputs.count(), 8)):
        shots(page, f"{name}-output-{index + 1}", top=outputs.nth(index))


@pytest.mark.parametrize("notebook", LESSONS)
def test_every_lesson_at_laptop_size(lab, page, shots, notebook):
    """Run All in each lesson: no error, widgets as controls, dropdowns not cut, tables that
    read from the left with ids on one line; screenshots of the lesson at 1366x768."""
    path = f"course/{notebook}"
    lab.open(page, path)
    shots(page, "opened")
    saved = lab.run_all_and_save(page, path)
    assert lab.problems(page, saved) == []
    _shoot_outputs(page, shots, notebook[:2])
    assert page.evaluate(LAYOUT_PROBLEMS) == []


def test_a_reopened_lesson_says_run_the_cell_not_model_not_found(lab, page, shots):
    notebook = "course/02-the-upr-cycle.ipynb"
    lab.open(page, notebook)
    lab.run_all(page)
    lab.save(page, notebook)
    lab.shut_down_kernels()
    # The participant comes back the next day: the notebook opens from the saved file.
    lab.open(page, notebook)
    page.wait_for_timeout(3000)  # time for the widget manager to give up on missing models
    panel = page.locator(ACTIVE)
    notes = panel.locator(".upr-rerun")
    assert notes.count() >= 3
    shots(page, "reopened", top=notes.first)
    assert "model not found" not in panel.text_content()
    assert "Shift+Enter" in notes.first.text_content()
    # Running the cells again (Run All, as the note says) brings the widgets back.
    lab.run_all(page)
    cell = _cell(page, "timeline_explorer")
    cell.locator(".upr-explorer select").wait_for(timeout=30_000)
    assert cell.locator(".upr-rerun").count() == 0
    shots(page, "run-again", top=cell)


def test_lesson_04_views_follow_a_new_search(lab, page, shots):
    notebook = "course/04-reading-recommendations.ipynb"
    lab.open(page, notebook)
    lab.run_all(page, timeout=240)
    panel = page.locator(ACTIVE)
    assert "does not show ids" not in panel.locator(".jp-MarkdownCell").all_text_contents().__str__()
    finder = panel.locator(".upr-match-explorer")
    assert "NPL-" in finder.text_content()  # the explorer itself shows ids
    finder.locator(".widget-text input").first.fill("Kenya")
    finder.locator("textarea").first.fill("end torture in police custody")
    finder.locator("button", has_text="Find").click()
    ids = panel.locator(".upr-ids-to-copy")
    allies = panel.locator(".upr-allies")
    page.wait_for_function("e => e.textContent.includes('KEN-')", arg=ids.element_handle(), timeout=60_000)
    page.wait_for_function("e => e.textContent.includes('Kenya')", arg=allies.element_handle(), timeout=60_000)
    assert "NPL-" not in ids.text_content()
    assert "Nepal" not in allies.text_content()
    shots(page, "ids-after-new-search", top=ids)
    shots(page, "allies-after-new-search", top=allies)
    # The review explorer is a widget of the course (no @interact): it answers its dropdowns.
    review = panel.locator(".upr-explorer").first
    review.locator("select").first.select_option(label="Uganda")
    page.wait_for_function("e => e.textContent.includes('Uganda')", arg=review.element_handle(), timeout=60_000)
    shots(page, "review-uganda", top=review)


def test_lesson_02_marks_passed_dates(lab, page, shots):
    notebook = "course/02-the-upr-cycle.ipynb"
    lab.open(page, notebook)
    lab.run_all(page)
    explorer = page.locator(f"{ACTIVE} .upr-explorer").first
    explorer.locator("select").select_option(label="Uganda")
    page.wait_for_function("e => e.textContent.includes('Uganda.')", arg=explorer.element_handle(), timeout=30_000)
    rows = explorer.locator(".upr-table tr", has_text="Stakeholder")
    shots(page, "uganda-timeline", top=explorer.locator(".upr-table").last)
    # Uganda's stakeholder deadline (about May 2026) is before today (the machine's date).
    import datetime as dt

    if dt.date.today() > dt.date(2026, 6, 30):
        assert "passed" in rows.first.text_content()


def test_lesson_09_builder_dates_empty_form_and_status(lab, page, shots):
    notebook = "course/09-your-action-plan.ipynb"
    lab.open(page, notebook)
    lab.run_all(page)
    panel = page.locator(ACTIVE)
    # Run All on the empty form: no red "could not be read" under the check cell.
    output = _cell(page, "my_plan.check_here()").locator(".jp-OutputArea")
    assert "could not be read" not in output.text_content()
    assert "Nothing to check yet" in output.text_content()
    shots(page, "empty-form-checked", top=output)
    builder = panel.locator(".upr-plan-builder")
    builder.locator(".upr-field-country input").fill("Uganda")
    builder.locator(".upr-field-country input").press("Tab")
    builder.locator(".upr-plan-tabs .lm-TabBar-tab", has_text="4 At the UN").click()
    preview = builder.locator(".upr-plan-preview")
    page.wait_for_function("e => /country: '?Uganda/.test(e.textContent)", arg=preview.element_handle(), timeout=20_000)
    text = preview.text_content()
    when = re.search(r"stage: (\w+)[\s\S]*?when: '?(\d{4}-\d{2})", text[text.index("international_activities"):])
    assert when and when[2] <= "2027-01", f"a step at the UN after Uganda's review: {when and when.groups()}"
    shots(page, "uganda-step-at-the-un", top=builder)
    # Check: the line under the form gives the score, not "Click Check my plan" any more.
    builder.locator(".upr-plan-tabs .lm-TabBar-tab", has_text="6 Check").click()
    builder.locator("button.upr-check").click()
    status = builder.locator(".upr-plan-status")
    page.wait_for_function("e => e.textContent.includes('Checked')", arg=status.element_handle(), timeout=30_000)
    assert "to see its score" not in status.text_content()


def test_lesson_00_mistake_shows_a_short_message(lab, page, shots):
    notebook = "course/00-start-here.ipynb"
    lab.open(page, notebook)
    lab.run_all(page)
    output = _cell(page, 'find_country("Kenia")').locator(".jp-OutputArea")
    text = output.text_content()
    shots(page, "the-mistake", top=output)
    assert "Did you mean 'Kenya'" in text
    assert "Traceback" not in text and "site-packages" not in text and ".py" not in text


def test_participant_does_not_see_the_trainers_tools(lab, page, shots):
    page.goto(lab.workspace_url("course/00-start-here.ipynb"))
    page.wait_for_selector(f"{ACTIVE} .jp-Notebook .jp-Cell", timeout=60_000)
    page.wait_for_timeout(2000)
    menus = page.locator(".lm-MenuBar-itemLabel").all_text_contents()
    shots(page, "participant")
    assert "Nbgrader" not in menus
    assert page.get_by_text("Error fetching courses").count() == 0
    assert page.locator(".jp-Toolbar [data-jp-item-name*='create-assignment'], .nbgrader-CellToolbar").count() == 0
    # The formgrader's page is not served to participants.
    response = page.request.get(lab.url("formgrader"))
    assert response.status == 404


def test_trainer_sees_release_feedback_with_the_sidebar_hidden(trainer_lab, page, shots):
    lab = trainer_lab
    page.goto(lab.workspace_url())
    page.wait_for_selector(".lm-MenuBar-itemLabel >> text=Nbgrader", timeout=60_000)
    lab.menu(page, "Nbgrader", "nbgrader:open-formgrader")
    frame = page.frame_locator("iframe").first
    frame.get_by_text("05-capstone-action-plan", exact=True).first.wait_for(timeout=60_000)
    assert frame.get_by_text("Manual Grading").count() >= 1  # the name the trainer guide uses
    shots(page, "formgrader")
