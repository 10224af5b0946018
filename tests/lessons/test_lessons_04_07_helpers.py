"""The tables and pictures that lessons 04 (reading recommendations) and 07 (what the
government says abroad) add to ``summaries`` and ``plots``.

Real data where a property must hold on it (a latest review is one session, the five
categories add up), small hand-made frames where an exact count is the point (a joint
recommendation counts once).
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import pandas as pd
import pytest
from matplotlib.figure import Figure

from fake_recommendations import recommendations_frame
from upr_course import data, plots, summaries
from upr_course.errors import UserError
from upr_course.match import allies, match, mirror

SOGI = "Sexual Orientation and Gender Identity"


def _frame(rows: list[dict]) -> pd.DataFrame:
    """A small recommendations frame with the columns the new summaries read."""
    return recommendations_frame(rows, cycle=2, session=21)


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=60)
    return buffer.getvalue()


def _texts(fig: Figure) -> str:
    fig.canvas.draw()
    return "\n".join(t.get_text() for t in fig.findobj(lambda artist: hasattr(artist, "get_text")))


# -- lesson 04: a review ----------------------------------------------------------------------


def test_the_latest_review_is_one_session_the_countrys_last():
    recs = data.recommendations()
    kenya = recs[recs["sur_iso3"].astype(str) == "KEN"]
    assert summaries.latest_session("Kenya") == (2, int(kenya["session"].max()))
    latest = summaries.review_scope("Kenya", summaries.LATEST)
    assert set(latest["session"]) == {int(kenya["session"].max())}
    assert summaries.review_label("Kenya") == f"Kenya, session {int(kenya['session'].max())} (2015)"
    assert summaries.review_label("Kenya", 1) == "Kenya, cycle 1"
    assert summaries.review_label("Kenya", "ALL") == "Kenya, all cycles"


def test_filters_narrow_and_no_filter_words_mean_all():
    everything = summaries.review_scope("Kenya", None)
    assert len(summaries.review_scope("Kenya", "ALL", "ALL", "any")) == len(everything)
    noted = summaries.review_scope("Kenya", None, response="noted")
    assert 0 < len(noted) < len(everything) and set(noted["response"].astype(str)) == {"Noted"}
    torture = summaries.review_scope("Kenya", 1, issue="Torture and other CID treatment")
    assert 0 < len(torture) and set(torture["cycle"]) == {1}
    with pytest.raises(UserError, match="not a response"):
        summaries.review_scope("Kenya", response="maybe")


def test_review_list_has_one_row_per_recommendation_with_its_category():
    table = summaries.review_recommendations("Kenya")
    assert list(table.columns) == ["id", "session", "from", "response", "category", "recommendation"]
    assert table["id"].is_unique and table["id"].str.startswith("KEN-S21-").all()
    assert set(table["category"]) <= {summaries.category_label(n) for n in range(1, 6)}
    assert summaries.category_label(5) == "5 Specific action"
    assert summaries.category_label(pd.NA) == "not coded"


def test_a_joint_recommendation_counts_once_in_the_categories():
    frame = _frame([
        {"joint_group": "J", "recommending_state": "Norway", "action_category": 5},
        {"joint_group": "J", "recommending_state": "Chile", "action_category": 5},
        {"action_category": 2, "response": "Noted"},
    ])
    table = summaries.action_category_table("Kenya", None, recs=frame)
    assert list(table["category"]) == [1, 2, 3, 4, 5]
    assert table.set_index("category").loc[5, "supported"] == 1
    assert table.set_index("category").loc[2, "noted"] == 1
    assert table["total"].sum() == 2 and table["share"].sum() == pytest.approx(1)
    listed = summaries.review_recommendations("Kenya", None, recs=frame)
    assert len(listed) == 2 and "Chile, Norway" in set(listed["from"])


def test_categories_add_up_to_the_review_on_real_data():
    table = summaries.action_category_table("Kenya")
    listed = summaries.review_recommendations("Kenya")
    assert table["total"].sum() == (listed["category"] != "not coded").sum()
    assert table["share"].sum() == pytest.approx(1)
    empty = summaries.action_category_table("Kenya", 3)  # Kenya was not reviewed in session 27
    assert len(empty) == 5 and empty["total"].sum() == 0 and (empty["share"] == 0).all()


def test_review_sentence_counts_and_explains_an_empty_choice():
    sentence = summaries.review_sentence("Kenya")
    listed = summaries.review_recommendations("Kenya")
    assert sentence.startswith("Kenya, session 21 (2015): ")
    assert f"{len(listed):,} recommendations" in sentence and "category 5" in sentence
    untagged = summaries.review_sentence("South Africa", issue="Death penalty")  # its latest review is session 27
    assert "no recommendations" in untagged and "no issue labels" in untagged


def test_specific_recommendations_are_noted_far_more_often_than_calls_to_continue():
    shares = summaries.specific_noted_shares()
    coded = data.recommendations()
    coded = coded[coded["action_category"].notna()]  # UPR Info's coding: the 2018 export only
    assert shares["total"].sum() == len(coded)
    by = shares.set_index("category")["noted_share"]
    assert by[5] > 0.4 > 0.1 > by[2]


# -- lesson 04: the matcher's ids and allies --------------------------------------------------


def test_match_query_turns_any_into_no_filter():
    values = {"country": "Nepal", "goal": "end discrimination against Dalits", "response": "any", "cycle": "any",
              "issue": "any", "recommending_state": " ", "top": 10}
    query = summaries.match_query(values)
    assert query == {"country": "Nepal", "goal": "end discrimination against Dalits", "response": None,
                     "cycle": None, "issue": None, "recommending_state": None, "top": 10}
    assert summaries.match_query({"country": "Nepal", "goal": "x", "cycle": 2})["cycle"] == 2


def test_ids_to_copy_lists_real_ids_of_the_country_best_first():
    found = match("Nepal", "end discrimination against Dalits", top=5)
    table = summaries.ids_to_copy(found)
    assert list(table["rank"]) == [1, 2, 3, 4, 5]
    known = set(data.recommendations()["id"].astype(str))
    assert set(table["id"]) <= known and table["id"].str.startswith("NPL-").all()
    for other in table["other_ids"]:
        assert all(i in known for i in other.split(", ") if i)
    assert summaries.ids_to_copy(found.iloc[:0]).empty


def test_ids_to_copy_names_the_other_rows_of_a_joint_recommendation():
    found = pd.DataFrame({"rank": [1], "id": ["KEN-S21-001"], "response": ["Noted"], "recommending_state": ["A, B"],
                          "action_category": [5], "text": ["Ratify"], "ids": [["KEN-S21-001", "KEN-S21-002"]]})
    row = summaries.ids_to_copy(found).iloc[0]
    assert row["other_ids"] == "KEN-S21-002" and row["category"] == "5 Specific action"


def test_allies_table_reads_like_the_recommending_states_table():
    table = summaries.allies_table(allies("Nepal", goal="end discrimination against Dalits"))
    assert {"state", "regional_group", "recommendations", "supported", "noted"} <= set(table.columns)
    assert (table["supported"] + table["noted"] == table["recommendations"]).all()
    assert set(table["regional_group"]) <= set(summaries.REGIONS.values()) | {"unknown"}
    assert table["last_answer"].str.match(r"^(Supported|Noted) in cycle \d$").all()
    sentence = summaries.states_sentence(table, "Nepal")
    assert sentence.startswith(f"Nepal: {int(table['recommendations'].sum())} recommendations from {len(table)} States")
    assert summaries.allies_table(pd.DataFrame(columns=["recommending_state"])).empty


# -- lesson 07: the mirror --------------------------------------------------------------------


def test_south_africa_mirror_by_cycle():
    seen = mirror("South Africa", SOGI)
    table = summaries.mirror_by_cycle(seen).set_index("cycle")
    summary = seen.summary()
    assert table["made_abroad"].sum() == summary["made_abroad"]
    assert table["received"].sum() == summary["received_at_home"]
    assert table["supported"].sum() == summary["supported_at_home"]
    # the lesson's reading: in cycle 1 nothing abroad, and both recommendations at home noted
    assert table.loc[1, "made_abroad"] == 0 and table.loc[1, "received"] == table.loc[1, "noted"] == 2
    assert table.loc[2, "made_abroad"] > 0 and table.loc[2, "supported"] > table.loc[2, "noted"]


def test_mirror_sentence_and_tables():
    seen = mirror("South Africa", SOGI)
    sentence = summaries.mirror_sentence(seen)
    assert f"made {len(seen.abroad)} recommendations" in sentence and "it supported 0 of 2 received" in sentence
    abroad, home = summaries.mirror_tables(seen)
    assert list(abroad.columns) == ["id", "to", "cycle", "their_answer", "recommendation"]
    assert list(home.columns) == ["id", "from", "cycle", "answer", "recommendation"]
    assert len(abroad) == len(seen.abroad) and len(home) == len(seen.at_home)
    assert list(home["cycle"]) == sorted(home["cycle"], reverse=True)
    assert "South Africa" not in set(abroad["to"]) and home["id"].str.startswith("ZAF-").all()


# -- the pictures -----------------------------------------------------------------------------


def test_action_categories_figure_names_every_category_and_the_source():
    fig = plots.action_categories_figure(summaries.action_category_table("Kenya"), "Kenya: how strong?")
    text = _texts(fig)
    for number, (name, _words) in summaries.ACTION_CATEGORIES.items():
        assert f"{number} {name}" in text
    assert "UPR Info" in text and "Kenya: how strong?" in text
    assert _png(fig).startswith(b"\x89PNG")
    empty = plots.action_categories_figure(summaries.action_category_table("Kenya", 3))
    assert "No recommendations" in _texts(empty)


def test_noted_by_category_figure_writes_the_shares():
    fig = plots.noted_by_category_figure(summaries.specific_noted_shares())
    assert "46% noted" in _texts(fig) and _png(fig).startswith(b"\x89PNG")


def test_mirror_figure_draws_both_sides_or_says_there_is_nothing():
    seen = mirror("South Africa", SOGI)
    fig = plots.mirror_figure(summaries.mirror_by_cycle(seen), seen.country, seen.issue)
    text = _texts(fig)
    assert "South Africa recommended to other States" in text and "Received: South Africa noted" in text
    assert "Cycle 1" in text and fig.axes[0].get_xlabel()
    assert _png(fig).startswith(b"\x89PNG")
    nothing = plots.mirror_figure(summaries.mirror_by_cycle(seen).iloc[:0], "Kenya", "Death penalty")
    assert "No recommendations" in _texts(nothing)
