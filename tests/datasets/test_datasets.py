"""The committed datasets: schema, counts, ids and the promises datasets/README.md makes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest

from upr_course import data
from upr_course.cycles import cycle_of_session
from upr_course.ids import parse_id
from upr_course.schema import RECOMMENDATION_COLUMNS

# Rows of UPR Info's export (61,014) minus 3 duplicates: one identical in every field and two
# that differ only by a trailing space in the text (see datasets/README.md).
EXPECTED_ROWS = 61_011
BASE_SOURCE = "UPR Info database export 2018-07-25"
#: id and a hash of (State under Review, session, recommending State, text) of every row
#: published before cycles 3-4 were built in (commit 1fa9ae8): published ids never move.
PUBLISHED_IDS = Path(__file__).resolve().parents[1] / "data" / "published_ids_2018.csv.gz"


@pytest.fixture(scope="module")
def recs() -> pd.DataFrame:
    return data.recommendations()


def test_columns_and_dtypes_are_the_published_schema(recs):
    assert list(recs.columns) == list(RECOMMENDATION_COLUMNS)
    assert recs["cycle"].dtype == "Int8"
    assert recs["session"].dtype == "Int16"
    assert isinstance(recs["response"].dtype, pd.CategoricalDtype)
    assert recs["text"].dtype == "string"


def test_every_row_of_the_export_is_there_once(recs):
    base = recs.loc[recs["source"] == BASE_SOURCE]
    assert len(base) == EXPECTED_ROWS
    assert not recs.duplicated(subset=["sur_iso3", "session", "recommending_state", "text", "response", "issues"]).any()


def _key(row) -> str:
    return hashlib.sha1("\x1f".join([row.sur_iso3, str(row.session), row.recommending_state, row.text]).encode()).hexdigest()[:12]


def test_every_published_id_keeps_its_row(recs):
    published = pd.read_csv(PUBLISHED_IDS, dtype=str)
    now = recs.set_index("id").loc[published["id"]].reset_index()
    keys = [_key(row) for row in now[["sur_iso3", "session", "recommending_state", "text"]].astype(str).itertuples()]
    assert keys == published["key"].tolist()


def test_cycles_3_and_4_hold_at_least_8000_rows_for_33_states(recs):
    recent = recs.loc[recs["cycle"] >= 3]
    assert len(recent) >= 8000
    assert recent["sur_iso3"].nunique() >= 33
    assert set(recent["cycle"].unique()) == {3, 4}


def test_every_newer_row_names_its_source_document_and_paragraph(recs):
    newer = recs.loc[recs["source"] != BASE_SOURCE]
    assert newer["source"].notna().all() and newer["source_ref"].notna().all()
    assert newer["paragraph"].notna().all()
    assert newer["paragraph"].str.fullmatch(r"\d{1,3}(\.\d{1,3})+").all()
    with_document = newer.loc[newer["document"].notna()]
    assert with_document["document"].str.fullmatch(r"A/HRC/\d+/\d+").all()
    # drafts have no final symbol yet; every other newer row has one except Eswatini (not named by its source)
    assert newer.loc[newer["draft"], "document"].isna().all()
    assert set(newer.loc[~newer["draft"] & newer["document"].isna(), "sur"]) == {"Eswatini"}


def test_draft_rows_are_the_session_52_drafts_and_sierra_leone_is_final(recs):
    drafts = recs.loc[recs["draft"]]
    assert set(drafts["session"].unique()) == {52}
    assert set(drafts["sur"]) == {"Belgium", "Denmark", "Estonia", "Latvia", "Mozambique", "Namibia", "Niger", "Paraguay", "Somalia"}
    sierra_leone = recs.loc[(recs["sur"] == "Sierra Leone") & (recs["session"] == 52)]
    assert not sierra_leone["draft"].any() and (sierra_leone["document"] == "A/HRC/63/16").all()
    assert sierra_leone["paragraph"].str.startswith("44.").all()


def test_ids_are_unique_well_formed_and_match_their_row(recs):
    assert recs["id"].is_unique
    parsed = recs["id"].map(parse_id)
    assert parsed.notna().all()
    assert (parsed.str[0] == recs["sur_iso3"]).all()
    assert (parsed.str[1] == recs["session"].astype(int)).all()


def test_responses_are_supported_noted_or_pending_never_blank(recs):
    assert set(recs["response"].unique()) == {"Supported", "Noted", "Pending"}
    assert recs["response"].notna().all()
    assert (recs.loc[recs["source"] == BASE_SOURCE, "response"] != "Pending").all()


def test_every_state_under_review_has_an_iso3_code_and_a_country_row(recs):
    countries = data.countries()
    assert recs["sur_iso3"].notna().all()
    assert recs["sur_iso3"].str.fullmatch(r"[A-Z]{3}").all()
    assert set(recs["sur_iso3"]) <= set(countries["iso3"])
    assert recs["sur_iso3"].nunique() == 193


def test_unknown_recommending_states_are_kept_and_marked(recs):
    unknown = recs.loc[~recs["rs_known"]]
    assert len(unknown) == 9
    assert (unknown["recommending_state"] == "(Unknown)").all()
    assert unknown["rs_iso3"].isna().all()
    assert recs.loc[recs["rs_known"], "rs_iso3"].notna().all()


def test_cycle_follows_from_session(recs):
    assert (recs["cycle"].astype(int) == recs["session"].astype(int).map(cycle_of_session)).all()
    assert recs.groupby("cycle")["session"].agg(["min", "max"]).to_dict("index") == {
        1: {"min": 1, "max": 12},
        2: {"min": 13, "max": 26},
        3: {"min": 27, "max": 39},
        4: {"min": 42, "max": 52},
    }


def test_the_one_row_without_a_session_is_inferred_and_flagged(recs):
    inferred = recs.loc[recs["session_inferred"]]
    assert len(inferred) == 1
    assert inferred.iloc[0]["sur"] == "Afghanistan" and inferred.iloc[0]["session"] == 5


def test_text_is_clean(recs):
    text = recs["text"]
    assert not text.str.contains(r"\s{2,}|^\s|\s$|&#\d+;", regex=True).any()
    assert not text.str.contains("Ã").any(), "double-encoded UTF-8 left in the text"
    assert text.str.contains("vis-à-vis").any()


def test_issue_tags_are_the_published_list_and_session_27_has_none(recs):
    tags = set(data.explode_issues(recs)["issue"].dropna())
    assert tags == set(data.issues()["issue"])
    assert len(tags) == 56
    assert recs.loc[recs["session"] == 27, "issues"].isna().all()
    assert recs.loc[(recs["session"] < 27) & (recs["source"] == BASE_SOURCE), "issues"].notna().mean() > 0.99


def test_joint_recommendations_share_a_group(recs):
    group_sizes = recs.groupby("joint_group").size()
    assert (group_sizes > 1).sum() > 1000
    first = recs.set_index("id").loc[group_sizes.index]
    assert first.index.equals(group_sizes.index), "a joint group is named after one of its rows"


def test_summary_json_matches_the_data(recs, repo_root):
    summary = json.loads((repo_root / "datasets" / "summary.json").read_text())
    assert summary["recommendations"] == len(recs)
    assert summary["countries"] == recs["sur_iso3"].nunique()
    assert summary["responses"] == recs["response"].value_counts().to_dict()
    assert summary["cycles"] == {str(k): int(v) for k, v in recs["cycle"].value_counts().sort_index().items()}


def test_loaders_return_copies(recs):
    recs.loc[:, "text"] = "changed"
    assert (data.recommendations()["text"] != "changed").all()


def test_repository_data_stays_lean(repo_root):
    total = sum(path.stat().st_size for path in (repo_root / "datasets").rglob("*") if path.is_file())
    assert total < 15 * 1024 * 1024, f"datasets/ holds {total / 1e6:.1f} MB; keep it under 15 MB"
