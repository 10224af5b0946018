"""The calendar build (sessions and reviews) on the real raw sources in ../shared.

Every test here is marked ``shared`` and skipped on a machine without the sources.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from upr_course import data
from upr_course.build.calendar import (
    CALENDAR_DATES,
    CALENDAR_STATES,
    REVIEW_COLUMNS,
    SESSION_YEARS,
    SESSION_COLUMNS,
    build_calendar,
    build_reviews,
)
from upr_course.build.countries import CountryResolver
from upr_course.cycles import cycle_of_session

SHARED = Path(__file__).resolve().parents[3] / "shared"
SOURCES = SHARED / "data-sources"

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not SOURCES.is_dir(), reason=f"needs the raw sources in {SHARED}"),
]


@pytest.fixture(scope="module")
def calendar() -> tuple[pd.DataFrame, pd.DataFrame]:
    return build_calendar(SHARED)


@pytest.fixture(scope="module")
def sessions(calendar) -> pd.DataFrame:
    return calendar[0].set_index("session", drop=False)


@pytest.fixture(scope="module")
def reviews(calendar) -> pd.DataFrame:
    return calendar[1]


def _sessions_of(reviews: pd.DataFrame, iso3: str) -> list[int]:
    return sorted(int(session) for session in reviews.loc[reviews["iso3"] == iso3, "session"])


# -- sessions ----------------------------------------------------------------------------


def test_sessions_has_the_agreed_columns_and_dtypes(calendar):
    sessions = calendar[0]
    assert list(sessions.columns) == SESSION_COLUMNS
    for column, dtype in data.SESSION_DTYPES.items():
        assert str(sessions[column].dtype) == dtype, column


def test_sessions_1_to_54_each_in_its_cycle(sessions):
    assert list(sessions["session"]) == list(range(1, 55))
    assert all(int(row.cycle) == cycle_of_session(int(row.session)) for row in sessions.itertuples())
    assert sessions.groupby("cycle").size().to_dict() == {1: 12, 2: 14, 3: 14, 4: 14}


def test_every_session_has_a_year_from_cehdi_or_its_dated_source(sessions):
    assert sessions["year"].notna().all()
    assert sessions.loc[1, "year"] == 2008
    assert sessions.loc[27, "year"] == 2017
    assert sessions.loc[53, "year"] == 2026
    assert sessions.loc[54, "year"] == 2027  # CeHDI stops at 53: from the dated source
    assert sessions["year"].is_monotonic_increasing


def test_known_dates(sessions):
    assert (sessions.loc[41, "start_date"], sessions.loc[41, "end_date"]) == ("2022-11-07", "2022-11-18")
    assert (sessions.loc[49, "start_date"], sessions.loc[49, "end_date"]) == ("2025-04-28", "2025-05-09")
    assert sessions.loc[4, "start_date"] == "2009-02-02"
    assert sessions.loc[54, "start_date"] == "2027-01-19"
    assert pd.isna(sessions.loc[54, "end_date"])
    assert sessions.loc[54, "date_precision"] == "day_start_only_planned"
    assert pd.isna(sessions.loc[50, "start_date"]) and sessions.loc[50, "end_date"] == "2025-11-14"


def test_sessions_without_a_dated_source_have_no_dates(sessions):
    undated = [1, 2, 3, 6, 8, 10, 11, 12, 13, 14, 15, 16, 18, 19, 21, 24, 25, 39]
    for session in undated:
        row = sessions.loc[session]
        assert pd.isna(row["start_date"]) and pd.isna(row["end_date"]), session
        assert row["date_precision"] == "year"
        assert pd.isna(row["dates_source"])
    assert sessions["dates_source"].notna().sum() == 54 - len(undated)


def test_dates_are_iso_strings_in_order_and_in_their_year(sessions):
    for row in sessions.itertuples():
        for value in (row.start_date, row.end_date):
            if not pd.isna(value):
                assert len(value) == 10 and value[4] == "-" and value[7] == "-"
                assert int(value[:4]) == row.year, row.session
        if not pd.isna(row.start_date) and not pd.isna(row.end_date):
            assert row.start_date <= row.end_date


def test_the_sources_discrepancy_notes_are_kept(sessions):
    assert "9 Feb 2022" in sessions.loc[40, "notes"]  # OHCHR 3 Feb vs UPR Info 9 Feb
    assert sessions.loc[40, "end_date"] == "2022-02-03"
    assert "1 to 15 May" in sessions.loc[5, "notes"]
    assert "lists 13" in sessions.loc[47, "notes"]
    assert "United States of America" in sessions.loc[50, "notes"]
    assert "United States of America" in sessions.loc[53, "notes"]
    assert "Ukraine" in sessions.loc[42, "notes"] and "Myanmar" in sessions.loc[51, "notes"]
    assert "Ukraine" in sessions.loc[54, "notes"] and "Myanmar" in sessions.loc[54, "notes"]
    assert "inferred" in sessions.loc[33, "notes"]


# -- reviews -----------------------------------------------------------------------------


def test_reviews_has_the_agreed_columns_and_dtypes(reviews):
    assert list(reviews.columns) == REVIEW_COLUMNS
    for column, dtype in data.REVIEW_DTYPES.items():
        assert str(reviews[column].dtype) == dtype, column
    assert set(reviews["basis"].cat.categories) == {
        "recommendations_in_export",
        "listed_in_dated_source",
        "inferred_from_rotation",
    }
    assert reviews.notna().all().all()


def test_every_row_of_the_compiled_file_is_kept(reviews):
    compiled = pd.read_csv(SOURCES / CALENDAR_STATES, dtype=str, keep_default_na=False)
    assert len(compiled) == 772
    resolver = CountryResolver()
    wanted = {(int(row.session), resolver.resolve(row.state_upr_info_name)) for row in compiled.itertuples()}
    have = {(int(row.session), row.iso3) for row in reviews.itertuples()}
    assert wanted <= have
    assert have - wanted == {(47, "CIV")}  # the one row the build adds
    assert len(reviews) == 773


def test_basis_counts_and_inferred_flag(reviews):
    assert reviews["basis"].value_counts().to_dict() == {
        "recommendations_in_export": 400,
        "listed_in_dated_source": 328,
        "inferred_from_rotation": 45,
    }
    assert (reviews["inferred"] == (reviews["basis"] == "inferred_from_rotation")).all()
    inferred = reviews.loc[reviews["inferred"]]
    assert inferred["session"].astype(int).value_counts().to_dict() == {28: 3, 33: 14, 37: 14, 39: 13, 47: 1}
    assert set(inferred.loc[inferred["session"] == 28, "iso3"]) == {"PAK", "PER", "LKA"}
    assert not reviews.loc[(reviews["session"] <= 27), "inferred"].any()


def test_every_state_once_per_cycle_in_cycles_1_to_3(reviews):
    for cycle in (1, 2, 3):
        in_cycle = reviews.loc[reviews["cycle"] == cycle, "iso3"]
        assert len(in_cycle) == 193, cycle
        assert in_cycle.is_unique, cycle


def test_cycle_4_covers_every_state_and_keeps_the_usa_twice(reviews):
    cycle4 = reviews.loc[reviews["cycle"] == 4]
    assert cycle4["iso3"].nunique() == 193
    assert set(cycle4["iso3"]) == set(reviews.loc[reviews["cycle"] == 1, "iso3"])
    twice = cycle4["iso3"].value_counts()
    assert twice[twice > 1].to_dict() == {"USA": 2}
    assert _sessions_of(cycle4, "USA") == [50, 53]


def test_postponements_stay_where_the_source_lists_them(reviews):
    assert _sessions_of(reviews, "UKR") == [2, 14, 28, 54]
    assert _sessions_of(reviews, "MMR") == [10, 23, 37, 54]
    assert _sessions_of(reviews, "ISR") == [3, 17, 29, 43]
    assert _sessions_of(reviews, "CIV")[-2:] == [33, 47]
    assert reviews.loc[(reviews["iso3"] == "CIV") & (reviews["session"] == 47), "inferred"].item()


def test_countries_have_canonical_names(reviews):
    names = dict(zip(reviews["iso3"], reviews["country"]))
    assert names["PRK"] == "Democratic People's Republic of Korea"
    assert names["CIV"] == "Côte d'Ivoire"
    assert names["SWZ"] == "Eswatini"  # "Swaziland" in the inferred session-39 row
    assert names["KEN"] == "Kenya"
    assert reviews.groupby("iso3")["country"].nunique().max() == 1


def test_sessions_1_to_20_agree_with_rochelle_termans_independent_list(reviews):
    terman = pd.read_csv(SOURCES / "rochelleterman-uprs" / "sessions.csv")
    resolver = CountryResolver()
    theirs = {(int(row.Session), resolver.resolve(row.To)) for row in terman.itertuples()}
    ours = {(int(row.session), row.iso3) for row in reviews.itertuples() if row.session <= 20}
    assert theirs == ours


def test_reviews_refer_to_known_sessions_only(calendar):
    sessions, reviews = calendar
    assert set(reviews["session"]) <= set(sessions["session"])


def test_written_files_load_with_the_data_loaders(calendar, tmp_path, monkeypatch):
    sessions, reviews = calendar
    sessions.to_csv(tmp_path / data.SESSIONS_FILE, index=False)
    reviews.to_csv(tmp_path / data.REVIEWS_FILE, index=False)
    (tmp_path / data.RECOMMENDATIONS_FILE).write_bytes(b"")  # datasets_dir() looks for it
    monkeypatch.setenv("UPR_COURSE_DATA", str(tmp_path))
    data.clear_cache()
    try:
        loaded_sessions, loaded_reviews = data.sessions(), data.reviews()
    finally:
        data.clear_cache()
    assert loaded_sessions.set_index("session").loc[41, "start_date"] == pd.Timestamp("2022-11-07")
    assert loaded_sessions["start_date"].notna().sum() == sessions["start_date"].notna().sum()
    assert loaded_reviews["inferred"].sum() == 45
    pd.testing.assert_frame_equal(loaded_reviews, reviews, check_categorical=False)


def test_an_unknown_state_name_stops_the_build(tmp_path):
    for name in (CALENDAR_STATES, CALENDAR_DATES, SESSION_YEARS):
        (tmp_path / "data-sources" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SOURCES / name, tmp_path / "data-sources" / name)  # a writable copy
    path = tmp_path / "data-sources" / CALENDAR_STATES
    with path.open("a", encoding="utf-8") as handle:
        handle.write("47,4,Atlantis,Atlantis,listed_in_dated_source,somewhere,\n")
    with pytest.raises(ValueError, match="Atlantis"):
        build_reviews(tmp_path)
