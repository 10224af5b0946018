"""Issue 17: the trainer's formgrader fits a laptop screen (1366x768) in JupyterLab.

nbgrader's "Manage Assignments" table has eleven columns; in JupyterLab's main area, next to
the file browser, its last ones ("Generate Feedback", "Release Feedback") were cut off or
needed a sideways scroll that trainers did not find. The course's server extension
(``upr_course.formgrader_layout``) adds a narrower layout to nbgrader's pages. This test opens
the formgrader as a trainer does, with one participant's submission (so that the feedback
buttons are there), and checks that the Release Feedback button is inside the panel and the
viewport with no sideways scrolling. Screenshots: e2e-screenshots/<test name>/.
"""

from __future__ import annotations

import shutil

import pytest

pytestmark = pytest.mark.e2e

ASSIGNMENT = "01-should-we-engage"
PARTICIPANT = "e2e-amina"

#: JS, run in the formgrader's page: how much wider than the page its content is (0 when it
#: fits), and every element that scrolls sideways (its content wider than its box).
SIDEWAYS = """() => {
  const page = document.scrollingElement;
  const scrollers = [...document.querySelectorAll('*')].filter(e => {
    const x = getComputedStyle(e).overflowX;
    return (x === 'auto' || x === 'scroll') && e.scrollWidth > e.clientWidth + 1;
  }).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : ''));
  return {overflow: Math.max(0, page.scrollWidth - page.clientWidth), scrollers};
}"""


def _inside(inner: dict, outer: dict) -> bool:
    """Whether the box ``inner`` lies wholly within ``outer`` (Playwright's x, y, width, height)."""
    return (inner["x"] >= outer["x"] - 0.5 and inner["y"] >= outer["y"] - 0.5
            and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 0.5
            and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + 0.5)


def test_release_feedback_is_inside_the_formgrader_panel_at_laptop_size(trainer_lab, page, shots):
    lab = trainer_lab
    # One participant has handed in exercise 01 (as `nbgrader zip_collect` leaves it): the
    # formgrader then shows the Generate Feedback and Release Feedback buttons on its row.
    handed_in = lab.root / "submitted" / PARTICIPANT / ASSIGNMENT
    if not handed_in.exists():
        shutil.copytree(lab.root / "exercises" / ASSIGNMENT, handed_in)

    page.goto(lab.workspace_url())
    page.wait_for_selector(".lm-MenuBar-itemLabel >> text=Nbgrader", timeout=60_000)
    # The trainer's JupyterLab as it opens: the file browser is shown on the left.
    assert page.locator("#jp-left-stack").is_visible()
    lab.menu(page, "Nbgrader", "nbgrader:open-formgrader")
    iframe = page.locator("#formgrader-iframe iframe")
    frame = page.frame_locator("#formgrader-iframe iframe")
    row = frame.locator("#main-table tr", has=frame.get_by_text(ASSIGNMENT, exact=True))
    button = row.locator("td.release-feedback a")
    button.wait_for(timeout=60_000)
    page.wait_for_timeout(500)  # DataTables draws the table once more when its data is in
    shots(page, "top-of-the-page")
    # Down to the row, as a trainer scrolls (up and down only: the page must not move sideways).
    row.evaluate("r => window.scrollTo(0, r.getBoundingClientRect().top + window.scrollY - 200)")
    page.wait_for_timeout(300)
    shots(page, "manage-assignments")

    # What the trainer sees of the panel: the iframe, less its vertical scroll bar.
    panel = {**iframe.bounding_box(), "width": frame.locator("html").evaluate("html => html.clientWidth")}
    screen = {"x": 0, "y": 0, **page.viewport_size}
    header = frame.locator("th", has_text="Release Feedback")
    for name, control in (("the Release Feedback heading", header), ("the Release Feedback button", button)):
        box = control.bounding_box()
        assert _inside(box, panel), f"{name} is outside the formgrader's panel: {box} not within {panel}"
        assert _inside(box, screen), f"{name} is off the screen: {box}"
    sideways = frame.locator("body").evaluate(f"body => ({SIDEWAYS})()")
    assert sideways == {"overflow": 0, "scrollers": []}, f"the formgrader scrolls sideways: {sideways}"
