"""Coverage (which reviews the data holds), find_by_reference, and the sources' known problems fixed in the build."""

from __future__ import annotations

import json

import pytest

from upr_course import coverage, data
from upr_course.cli import main

AS_OF = "2026-12-01"


@pytest.fixture(scope="module")
def recs():
    return data.recommendations()


def test_kenya_holds_2010_and_2015_and_lacks_2020_and_2025():
    result = coverage.coverage("Kenya", AS_OF)
    assert result["country"] == "Kenya"
    assert [review["session"] for review in result["reviews"]] == [8, 21, 35, 49]
    assert result["latest_in_data"]["session"] == 21 and result["latest_in_data"]["year"] == 2015
    assert [(m["cycle"], m["session"], m["year"]) for m in result["missing"]] == [(3, 35, 2020), (4, 49, 2025)]
    assert result["missing"][0]["dates"] == "2020-01-20 to 2020-01-31"
    assert coverage.missing_reviews_note("KEN", AS_OF) == (
        "The data holds Kenya's reviews up to 2015; the reviews of 2020 and 2025 are missing: "
        "see `upr-course data import` to bring them in."
    )


def test_an_upcoming_review_is_not_missing():
    result = coverage.coverage("Uganda", AS_OF)
    assert [m["session"] for m in result["missing"]] == [40]
    assert [u["session"] for u in result["upcoming"]] == [54]
    assert "the review of 2022 is missing" in result["note"]


def test_a_country_with_its_latest_review_in_the_data_has_no_note():
    assert coverage.missing_reviews_note("SVN", AS_OF) is None
    result = coverage.coverage("Spain", AS_OF)
    assert result["latest_in_data"]["session"] == 49 and result["latest_in_data"]["document"] == "A/HRC/60/8"
    assert result["latest_in_data"]["pending"] == 40  # answers the source lacks are Pending, not Noted
    assert coverage.missing_reviews_note("ESP", AS_OF) is None


def test_a_draft_latest_review_is_said_to_be_a_draft():
    assert "draft report" in coverage.missing_reviews_note("NAM", AS_OF)


def test_unknown_country_gives_no_note():
    assert coverage.missing_reviews_note("XXX") is None


def test_cli_coverage_json_and_text(capsys):
    assert main(["data", "coverage", "--country", "Kenya", "--json", "--as-of", AS_OF]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) >= {"country", "reviews", "latest_in_data", "missing"}
    assert {"cycle", "session", "dates"} <= set(result["missing"][0])
    assert main(["data", "coverage", "--country", "Kenya", "--as-of", AS_OF]) == 0
    out = capsys.readouterr().out
    assert "MISSING" in out and "2020 and 2025 are missing" in out
    assert main(["data", "coverage", "--country", "Kenia"]) == 2
    assert "Kenya" in capsys.readouterr().err


@pytest.mark.parametrize(
    "reference",
    ["A/HRC/62/13 para 36.1", "a/hrc/62/13, para. 36.1", "A/HRC/62/13 § 36.1", "A / HRC / 62 / 13 paragraph 36.1", " A/HRC/62/13  para.36.1 "],
)
def test_find_by_reference_is_tolerant(reference):
    assert data.find_by_reference(reference) == "AUS-S51-001"


def test_find_by_reference_unknown_or_not_a_reference():
    assert data.find_by_reference("A/HRC/57/5 para 114.101") is None
    assert data.find_by_reference("KEN-S21-042") is None
    assert data.find_by_reference("") is None


# --- the sources' known problems, fixed in the build (see build/newer.py) ------------------------


def _paragraph(recs, country, paragraph):
    return recs.loc[(recs["sur"] == country) & (recs["paragraph"] == paragraph)]


def test_joint_recommendations_keep_every_state_not_only_the_last(recs):
    australia = _paragraph(recs, "Australia", "36.1")
    assert australia["recommending_state"].astype(str).tolist() == ["Chile", "France", "Japan", "Malta", "Niger"]
    assert australia["joint_group"].nunique() == 1


def test_a_year_is_never_a_recommending_state(recs):
    namibia = recs.loc[(recs["sur"] == "Namibia") & (recs["session"] == 52) & recs["text"].str.contains("Mental Health Bill")]
    assert "Ireland" in set(namibia["recommending_state"].astype(str))
    assert not recs["recommending_state"].astype(str).str.fullmatch(r"\d{4}").any()
    assert recs.loc[recs["source"] != "UPR Info database export 2018-07-25", "rs_known"].all()


def test_merged_paragraphs_are_split_again(recs):
    assert _paragraph(recs, "Eswatini", "118.17")["recommending_state"].astype(str).tolist() == ["Chile"]
    assert _paragraph(recs, "Eswatini", "118.131")["recommending_state"].astype(str).tolist() == ["Zimbabwe"]
    assert not _paragraph(recs, "Eswatini", "118.16")["text"].str.contains("118.17").any()


def test_pending_answers_are_pending_and_spanish_stray_number_removed(recs):
    myanmar = recs.loc[(recs["sur"] == "Myanmar") & (recs["session"] == 37)].drop_duplicates("joint_group")
    assert myanmar["response"].astype(str).value_counts().to_dict() == {"Pending": 182, "Supported": 119, "Noted": 46}
    korea = recs.loc[recs["document"] == "A/HRC/53/11"].drop_duplicates("paragraph")
    assert korea["response"].astype(str).value_counts().to_dict() == {"Pending": 165, "Supported": 97, "Noted": 1}
    assert not _paragraph(recs, "Spain", "50.224")["text"].str.startswith("4.").any()


def test_reviews_upr_info_holds_are_only_completed(recs):
    slovenia_2014 = recs.loc[(recs["sur"] == "Slovenia") & (recs["session"] == 20)]
    assert (slovenia_2014["source"] == "UPR Info database export 2018-07-25").all()
    assert slovenia_2014["document"].eq("A/HRC/28/15").sum() > 150
