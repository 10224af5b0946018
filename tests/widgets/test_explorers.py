"""The lessons' explorers: they build with useful defaults and redraw when a dropdown changes.

No browser and no kernel: an explorer keeps its picture (PNG bytes) and its text (HTML)
as widget values, so the tests read them back after changing a dropdown.
"""

from __future__ import annotations

import csv
from datetime import date

import pytest

from upr_course import summaries
from upr_course.errors import UnknownCountryError, UserError
from upr_course.widgets import explorers

TODAY = date(2026, 11, 29)

BUILDERS = {
    "timeline": lambda: explorers.timeline_explorer("Kenya", today=TODAY),
    "preparation": lambda: explorers.preparation_explorer("Kenya", today=TODAY),
    "shares": lambda: explorers.shares_explorer("Kenya"),
    "states": lambda: explorers.states_explorer("Kenya"),
    "scorecard": lambda: explorers.scorecard_explorer("Kenya"),
}


@pytest.mark.parametrize("name", BUILDERS)
def test_an_explorer_shows_a_picture_and_text_before_any_click(name):
    box = BUILDERS[name]()
    assert bytes(box.image.value).startswith(b"\x89PNG")
    assert box.image.layout.display != "none"
    assert "Kenya" in box.text.value
    assert box.controls["country"].value == "Kenya"


@pytest.mark.parametrize("name", BUILDERS)
def test_changing_the_country_redraws_picture_and_text(name):
    box = BUILDERS[name]()
    before_image, before_text = bytes(box.image.value), box.text.value
    box.controls["country"].value = "Egypt"
    assert bytes(box.image.value) != before_image
    assert box.text.value != before_text
    assert "Egypt" in box.text.value and "Kenya" not in box.text.value


def test_the_timeline_lists_the_milestones_and_says_when_dates_are_projected():
    box = explorers.timeline_explorer("Kenya", today=TODAY)
    assert "No official date yet" in box.text.value and "about 28 Feb 2029" in box.text.value
    box.controls["country"].value = "Ukraine"  # listed in session 54 (January 2027): not projected
    assert "No official date yet" not in box.text.value and "session 54" in box.text.value


def test_the_shares_explorer_offers_all_states_and_every_cycle():
    box = explorers.shares_explorer("Kenya")
    assert box.controls["country"].options[0] == ("All States", explorers.ALL)
    box.controls["country"].value = explorers.ALL
    assert "All States, all cycles: 67,397 recommendations" in box.text.value
    box.controls["cycle"].value = 3
    assert "4,720 recommendations" in box.text.value and "some States only" in box.text.value
    box.controls["cycle"].value = 4
    assert "4,994 recommendations" in box.text.value
    box.controls["cycle"].value = 1
    assert "cycle 1" in box.text.value


def test_the_states_explorer_follows_the_issue_and_quotes_the_recommendations():
    box = explorers.states_explorer("Kenya", "Torture and other CID treatment")
    torture = box.text.value
    assert "Torture and other CID treatment" in torture and "KEN-S" in torture
    box.controls["issue"].value = "Death penalty"
    assert box.text.value != torture and "Death penalty" in box.text.value
    box.controls["issue"].value = explorers.ALL
    total = summaries.response_totals("Kenya")["total"].iloc[0]
    assert f"{total:,} recommendations" in box.text.value


def test_the_states_explorer_text_is_escaped():
    box = explorers.states_explorer("Kenya")
    assert "<script" not in box.text.value
    assert "Kenya&#x27;s" in explorers.note_html("Kenya's") and "&lt;b&gt;" in explorers.note_html("<b>")


def test_the_scorecard_explorer_saves_the_checklist_where_it_says(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    box = explorers.scorecard_explorer("Kenya", 2, "Torture and other CID treatment")
    assert "Checklist" in box.text.value
    box.save.click()
    path = tmp_path / explorers.SAVE_FOLDER / "kenya-cycle-2-torture-and-other-cid-treatment.csv"
    assert path.exists() and str(path.relative_to(tmp_path)) in box.saved.value
    with path.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    expected = summaries.supported_checklist("Kenya", 2, "Torture and other CID treatment")
    assert [row["id"] for row in rows] == expected["id"].tolist()
    assert {row["status"] for row in rows} == {"not checked yet"}
    box.controls["cycle"].value = 1  # a new choice clears the old "Saved" message
    assert box.saved.value == ""


def test_a_bad_default_is_a_plain_error_before_anything_is_drawn():
    with pytest.raises(UnknownCountryError, match="Kenya"):
        explorers.timeline_explorer("Kenia")
    with pytest.raises(UserError, match="Death penalty"):
        explorers.states_explorer("Kenya", issue="Death penalti")
    with pytest.raises(UserError):
        explorers.scorecard_explorer("Kenya", cycle=3)  # cycle 3 has no issue labels: not a choice


def test_a_choice_the_data_cannot_answer_shows_a_message_not_a_traceback(monkeypatch):
    box = explorers.shares_explorer("Kenya")

    def refuse(*_args, **_kwargs):
        raise UserError("Nothing to show for this choice.")

    monkeypatch.setattr(summaries, "response_shares_by_issue", refuse)
    box.controls["country"].value = "Egypt"
    assert box.image.layout.display == "none"
    assert "Nothing to show for this choice." in box.text.value


def test_the_shares_explorer_always_shows_the_chosen_issue():
    box = explorers.shares_explorer("Seychelles")
    assert "Your issue" not in box.text.value
    box.controls["issue"].value = "Sexual Orientation and Gender Identity"
    assert "Your issue, Sexual Orientation and Gender Identity: 13 supported and 1 noted of 14." in box.text.value


def test_an_unexpected_error_is_shown_in_the_explorer_not_hidden_in_a_log(monkeypatch):
    box = explorers.states_explorer("Kenya")

    def broken(*_args, **_kwargs):
        raise KeyError("recommending_state")

    monkeypatch.setattr(summaries, "recommending_states", broken)
    box.controls["country"].value = "Egypt"
    assert box.image.layout.display == "none"
    assert "Something went wrong" in box.text.value and "KeyError" in box.text.value


def test_explorers_say_when_the_latest_reviews_are_missing():
    box = explorers.states_explorer("Kenya")
    assert "the reviews of 2020 and 2025 are missing" in box.text.value
    box.controls["country"].value = "Slovenia"
    assert "are missing" not in box.text.value
