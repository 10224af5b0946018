"""The lessons' tables: shares, recommending States, the scorecard and the calendar tables.

Real data where a property must hold on it (shares add up to 1, a country's rows are its
own), small hand-made frames where an exact count is the point (a joint recommendation is
one thing to track, a recommendation with two issues counts under both).
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from fake_recommendations import recommendations_frame
from upr_course import data, summaries
from upr_course.errors import UnknownCountryError, UserError
from upr_course.timeline import country_timeline, stage_windows


def _frame(rows: list[dict]) -> pd.DataFrame:
    """A small recommendations frame with the columns the summaries read."""
    return recommendations_frame(rows)


# -- scoping -----------------------------------------------------------------------------


def test_a_country_scope_holds_only_that_countrys_recommendations():
    recs = data.recommendations()
    kenya = summaries.scope(recs, country="Kenya")
    assert len(kenya) == (recs["sur_iso3"].astype(str) == "KEN").sum() > 0
    assert set(kenya["sur"].astype(str)) == {"Kenya"}
    # the same country by ISO code or in another case
    assert len(summaries.scope(recs, country="ken")) == len(kenya)


def test_cycle_and_issue_scopes_narrow_the_rows():
    recs = data.recommendations()
    kenya = summaries.scope(recs, country="Kenya")
    cycle2 = summaries.scope(recs, country="Kenya", cycle=2)
    assert 0 < len(cycle2) < len(kenya) and set(cycle2["cycle"]) == {2}
    torture = summaries.scope(recs, country="Kenya", issue="Torture and other CID treatment")
    assert 0 < len(torture) < len(kenya)
    assert torture["issues"].str.split("|").apply(lambda tags: "Torture and other CID treatment" in tags).all()


def test_an_issue_matches_whole_tags_only():
    frame = _frame([
        {"issues": "Detention|Justice"},
        {"issues": "Justice"},
        {"issues": "Detention"},
        {"issues": None},
        {"issues": "Pre-trial Detention|Justice system"},  # longer tags that contain the names
    ])
    assert summaries.has_issue(frame, "Detention").tolist() == [True, False, True, False, False]
    assert summaries.has_issue(frame, "Justice").tolist() == [True, True, False, False, False]


def test_an_unknown_issue_or_country_is_a_plain_error_with_suggestions():
    with pytest.raises(UserError, match="Death penalty"):
        summaries.scope(country="Kenya", issue="Death penalti")
    assert summaries.check_issue("death penalty") == "Death penalty"
    with pytest.raises(UnknownCountryError, match="Kenya"):
        summaries.scope(country="Kenia")


# -- supported and noted -----------------------------------------------------------------


@pytest.mark.parametrize("country, cycle", [("Kenya", 2), ("Egypt", None), (None, None), (None, 1)])
def test_shares_add_up_to_one_on_every_row(country, cycle):
    by_issue = summaries.response_shares_by_issue(country, cycle)
    assert not by_issue.empty
    shares = by_issue["supported_share"] + by_issue["noted_share"] + by_issue["pending_share"]
    assert (shares - 1).abs().max() < 1e-12
    assert (by_issue["supported"] + by_issue["noted"] + by_issue["pending"] == by_issue["total"]).all()
    totals = summaries.response_totals(country, cycle).iloc[0]
    assert totals["supported_share"] + totals["noted_share"] + totals["pending_share"] == pytest.approx(1)


def test_totals_match_the_data_for_a_country():
    recs = data.recommendations()
    kenya = recs[recs["sur_iso3"].astype(str) == "KEN"]
    totals = summaries.response_totals("Kenya", recs=recs).iloc[0]
    assert totals["total"] == len(kenya)
    assert totals["supported"] == (kenya["response"].astype(str) == "Supported").sum()


def test_overall_totals_are_the_courses_published_counts():
    totals = summaries.response_totals().iloc[0]
    assert (totals["supported"], totals["noted"], totals["pending"], totals["total"]) == (46_060, 16_674, 4_663, 67_397)  # datasets/README.md
    assert totals["supported_share"] + totals["noted_share"] + totals["pending_share"] == pytest.approx(1)


def test_a_recommendation_with_two_issues_counts_under_both_and_once_in_the_totals():
    frame = _frame([
        {"issues": "Detention|Justice", "response": "Noted"},
        {"issues": "Justice", "response": "Supported"},
    ])
    by_issue = summaries.response_shares_by_issue("Kenya", recs=frame).set_index("issue")
    assert by_issue.loc["Justice", "total"] == 2 and by_issue.loc["Justice", "noted_share"] == 0.5
    assert by_issue.loc["Detention", "noted"] == 1
    assert summaries.response_totals("Kenya", recs=frame)["total"].iloc[0] == 2


def test_issues_are_ordered_by_frequency_and_top_keeps_the_most_frequent():
    by_issue = summaries.response_shares_by_issue(None, None, top=5)
    assert len(by_issue) == 5
    assert by_issue["total"].is_monotonic_decreasing
    assert by_issue["issue"].iloc[0] == "International instruments"  # the most frequent tag (datasets/issues.csv)


def test_unlabelled_session_27_counts_in_totals_but_under_no_issue():
    recs = data.recommendations()
    assert summaries.response_shares_by_issue(None, 3).empty  # cycle 3-4 sources carry no UPR Info issue tags
    assert summaries.response_totals(None, 3)["total"].iloc[0] == (recs["cycle"] == 3).sum() > 0


def test_the_shares_sentence_names_the_most_noted_issue():
    by_issue = summaries.response_shares_by_issue(None, None)
    sentence = summaries.shares_sentence(by_issue, summaries.response_totals(), "All States")
    assert "67,397 recommendations" in sentence and "68% supported" in sentence and "7% with no answer yet (pending)" in sentence
    assert "Freedom of movement" in sentence  # 97 of 118 noted: the highest share among frequent issues
    assert "No recommendations" in summaries.shares_sentence(by_issue.iloc[:0], by_issue.iloc[:0], "Nowhere")


# -- recommending States -------------------------------------------------------------------


def test_recommending_states_add_up_to_the_scope_and_are_sorted():
    issue = "Torture and other CID treatment"
    states = summaries.recommending_states("Kenya", issue)
    scoped = summaries.scope(country="Kenya", issue=issue)
    assert states["recommendations"].sum() == len(scoped)
    assert set(states["state"]) == set(scoped["recommending_state"].astype(str))
    assert states["recommendations"].is_monotonic_decreasing
    assert (states["supported"] + states["noted"] == states["recommendations"]).all()
    assert set(states["regional_group"]) <= set(summaries.REGIONS.values()) | {"unknown"}


def test_recommending_states_list_the_cycles_each_state_spoke_in():
    frame = _frame([
        {"recommending_state": "Chile", "cycle": 1},
        {"recommending_state": "Chile", "cycle": 2},
        {"recommending_state": "Ghana", "cycle": 2, "rs_regional_group": "Africa"},
    ])
    states = summaries.recommending_states("Kenya", recs=frame).set_index("state")
    assert states.loc["Chile", "cycles"] == "1, 2" and states.loc["Chile", "recommendations"] == 2
    assert states.loc["Ghana", "regional_group"] == "African States"


def test_the_states_sentence_counts_regional_groups():
    states = summaries.recommending_states("Kenya")
    sentence = summaries.states_sentence(states, "Kenya")
    assert "all 5 regional groups" in sentence
    few = summaries.states_sentence(states[states["regional_group"] == "African States"].head(2), "Kenya")
    assert "from 1 of the UN's 5 regional groups (African States)" in few


def test_the_recommendation_list_merges_joint_recommendations_and_puts_the_newest_first():
    frame = _frame([
        {"id": "KEN-S08-001", "joint_group": "KEN-S08-001", "recommending_state": "Chile"},
        {"id": "KEN-S08-002", "joint_group": "KEN-S08-001", "recommending_state": "Brazil"},
        {"id": "KEN-S21-001", "joint_group": "KEN-S21-001", "cycle": 2},
    ])
    words = summaries.recommendation_list("Kenya", recs=frame)
    assert words["id"].tolist() == ["KEN-S21-001", "KEN-S08-001"]
    assert words["from"].iloc[1] == "Brazil, Chile"


# -- the scorecard --------------------------------------------------------------------------


def test_the_scorecard_counts_a_joint_recommendation_once_and_only_supported_specific_ones():
    frame = _frame([
        {"id": "KEN-S08-001", "joint_group": "KEN-S08-001", "action_category": 5, "recommending_state": "Chile"},
        {"id": "KEN-S08-002", "joint_group": "KEN-S08-001", "action_category": 5, "recommending_state": "Brazil"},
        {"id": "KEN-S08-003", "action_category": 5, "response": "Noted"},
        {"id": "KEN-S08-004", "action_category": 2},
        {"id": "KEN-S21-001", "cycle": 2},
        {"id": "KEN-S21-002", "cycle": 2, "issues": "Justice"},
    ])
    card = summaries.implementation_scorecard("Kenya", 1, recs=frame).set_index("issue")
    assert card.loc["Detention", "supported"] == 2  # the joint one once, plus KEN-S08-004
    assert card.loc["Detention", "specific"] == 1
    assert card.loc["Detention", "noted"] == 1
    assert card.loc["Detention", "raised_next_cycle"] == 1  # KEN-S21-001; the Justice one is another issue


def test_raised_next_cycle_is_missing_when_the_next_review_has_no_labels():
    card = summaries.implementation_scorecard("Kenya", 2)  # cycle 3: Kenya is not in session 27
    assert not card.empty and card["raised_next_cycle"].isna().all()
    earlier = summaries.implementation_scorecard("Kenya", 1)
    assert earlier["raised_next_cycle"].notna().all() and earlier["raised_next_cycle"].sum() > 0
    all_supported = summaries.supported_checklist("Kenya", 2)
    sentence = summaries.scorecard_sentence(card, all_supported, "Kenya", 2)
    assert "no labelled recommendations from the next review" in sentence
    assert f"supported {len(all_supported)} recommendations" in sentence
    assert len(all_supported) < card["supported"].sum()  # a recommendation with two issues is on two rows
    first = summaries.scorecard_sentence(earlier, summaries.supported_checklist("Kenya", 1), "Kenya", 1)
    assert "States made recommendations again at the next review" in first


def test_the_checklist_lists_each_supported_recommendation_once_to_be_checked():
    checklist = summaries.supported_checklist("Kenya", 2, "Torture and other CID treatment")
    scoped = summaries.scope(country="Kenya", cycle=2, issue="Torture and other CID treatment")
    supported = scoped[scoped["response"].astype(str) == "Supported"]
    assert len(checklist) == supported["joint_group"].nunique() > 0
    assert checklist["id"].is_unique
    assert set(checklist["status"]) == {"not checked yet"}
    assert checklist["specific"].tolist() == sorted(checklist["specific"], reverse=True)  # "yes" first
    assert set(checklist["id"]) <= set(supported["id"])


# -- the calendar ----------------------------------------------------------------------------


def test_format_day_has_no_leading_zero_and_says_about_for_estimates():
    assert summaries.format_day(date(2029, 3, 5)) == "5 Mar 2029"
    assert summaries.format_day(date(2029, 3, 5), approximate=True) == "about 5 Mar 2029"
    assert summaries.format_month(date(2029, 10, 28), True) == "about Oct 2029"


def test_the_milestone_table_is_in_date_order_with_plain_steps_and_places():
    tl = country_timeline("Kenya", date(2026, 11, 29))
    table = summaries.milestone_table(tl)
    assert len(table) == len(tl.milestones)
    assert table["date"].tolist() == sorted(table["date"])
    assert set(table["where"]) <= {"At home", "Geneva", "Online"}
    projected = table[table["approximate"]]
    assert projected["when"].str.startswith("about ").all()
    assert "The review (Working Group session opens)" in set(table["step"])


def test_the_reviews_table_marks_a_projected_next_review():
    tl = country_timeline("Kenya", date(2026, 11, 29))
    table = summaries.reviews_table(tl)
    assert table["status"].iloc[:-1].eq("past review").all()
    assert "projected" in table["status"].iloc[-1] and table["when"].iloc[-1].startswith("about ")


@pytest.mark.parametrize(
    "today, expected",
    [
        (date(2026, 11, 29), "opens in about"),  # years before Kenya's projected 2029 review
        (date(2029, 1, 15), "open now"),
        (date(2029, 6, 1), "closed"),
    ],
)
def test_the_preparation_table_says_what_is_open(today, expected):
    tl = country_timeline("Kenya", today)
    prep = summaries.preparation_table(tl, stage_windows("Kenya", today), today).set_index("name")
    assert list(prep.index) == list(summaries.PREPARATION_STAGES)
    assert prep.loc["stakeholder_report", "status"].startswith(expected)
    assert (prep["opens"] <= prep["closes"]).all()
    # the stakeholder report closes on the timeline's (safe, earlier) deadline
    assert prep.loc["stakeholder_report", "closes"] == tl.milestone("stakeholder_report").date


def test_top_keeps_the_participants_own_issue_even_when_it_is_rare():
    issue = "Sexual Orientation and Gender Identity"
    plain = summaries.response_shares_by_issue("Kenya", top=5)
    assert issue not in set(plain["issue"])
    kept = summaries.response_shares_by_issue("Kenya", top=5, keep=issue)
    assert kept["issue"].tolist()[:5] == plain["issue"].tolist() and kept["issue"].iloc[-1] == issue
    assert len(summaries.response_shares_by_issue("Kenya", top=5, keep=plain["issue"].iloc[0])) == 5
