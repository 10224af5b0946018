"""The timeline core (pure functions on small hand-made tables and on the real calendar)
and the ``upr-course timeline`` command."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from upr_course import data
from upr_course.cli import main
from upr_course.errors import UnknownCountryError, UserError
from upr_course.timeline import (
    STAGES,
    add_months,
    build_stage_windows,
    build_timeline,
    country_timeline,
    session_dates,
    stage_windows,
    working_days_before,
)

SHARED = Path(__file__).resolve().parents[3] / "shared"
AS_OF = date(2026, 11, 29)

#: The stage names of the action plan format (the contract is pinned in tests/plan/test_plan.py).
PLAN_STAGES = list(STAGES)  # timeline.STAGES, the shared list of upr_course/stages.py


# -- small hand-made calendars ---------------------------------------------------------------


def make_sessions(rows) -> pd.DataFrame:
    """rows: (session, cycle, year, start, end, precision) with ISO strings or None."""
    frame = pd.DataFrame(
        [
            {
                "session": session,
                "cycle": cycle,
                "year": year,
                "start_date": start,
                "end_date": end,
                "date_precision": precision,
                "dates_source": "hand-made",
                "notes": None,
            }
            for session, cycle, year, start, end, precision in rows
        ]
    )
    return frame.astype(data.SESSION_DTYPES | {"start_date": "string", "end_date": "string"})


def make_reviews(rows) -> pd.DataFrame:
    """rows: (session, iso3, basis)."""
    from upr_course.cycles import cycle_of_session

    frame = pd.DataFrame(
        [
            {
                "session": session,
                "cycle": cycle_of_session(session),
                "iso3": iso3,
                "country": iso3.title(),
                "basis": basis,
                "inferred": basis == "inferred_from_rotation",
                "source": "hand-made",
            }
            for session, iso3, basis in rows
        ]
    )
    return frame.astype(data.REVIEW_DTYPES)


LISTED = "listed_in_dated_source"

SESSIONS = make_sessions(
    [
        (13, 2, 2012, None, None, "year"),
        (14, 2, 2012, None, None, "year"),
        (27, 3, 2017, "2017-05-01", "2017-05-12", "day"),
        (28, 3, 2017, "2017-11-06", "2017-11-17", "day"),
        (29, 3, 2018, "2018-01-15", "2018-01-26", "day"),
        (30, 3, 2018, None, None, "month:2018-05"),
        (31, 3, 2018, "2018-11-05", "2018-11-16", "day"),
        (32, 3, 2019, None, None, "year"),
        (33, 3, 2019, None, None, "year"),
        (34, 3, 2019, None, None, "year"),
        (41, 4, 2022, "2022-11-07", "2022-11-18", "day"),
        (42, 4, 2023, "2023-01-23", "2023-02-03", "day"),
        (44, 4, 2023, None, "2023-11-17", "day_end_only"),
        (45, 4, 2024, "2024-01-22", None, "day_start_only_planned"),
    ]
)
REVIEWS = make_reviews(
    [
        (13, "TST", "recommendations_in_export"),
        (27, "TST", LISTED),
        (41, "TST", LISTED),
        (33, "YRS", "inferred_from_rotation"),
        (28, "PPD", LISTED),  # usual place: offset 1
        (14, "PPD", "recommendations_in_export"),
        (45, "PPD", LISTED),  # postponed (42 is its place in cycle 4)
        (31, "TWC", LISTED),  # listed twice in cycle 4
        (44, "TWC", LISTED),
        (45, "TWC", LISTED),
    ]
)


def tst(today, sessions=SESSIONS, reviews=REVIEWS):
    return build_timeline(sessions, reviews, "TST", "Testland", today)


def test_a_listed_review_after_today_is_the_next_one_and_not_projected():
    timeline = tst(date(2022, 6, 1))
    assert timeline.next_review.session == 41
    assert timeline.next_review.projected is False
    assert timeline.next_review.start_date == date(2022, 11, 7)
    assert timeline.next_review.approximate is False
    assert [review.session for review in timeline.past_reviews] == [13, 27]


def test_a_review_whose_session_is_under_way_is_still_the_next_one():
    assert tst(date(2022, 11, 18)).next_review.session == 41
    assert tst(date(2022, 11, 19)).next_review.session == 55


def test_after_the_last_listed_review_the_next_is_projected_14_sessions_and_54_months_later():
    upcoming = tst(date(2023, 1, 1)).next_review
    assert (upcoming.session, upcoming.cycle) == (55, 5)
    assert upcoming.projected is True and upcoming.approximate is True
    assert upcoming.start_date == date(2027, 5, 7)
    assert upcoming.basis == "projected_from_rotation"
    assert any("Projected" in note for note in upcoming.notes)


def test_a_projection_moves_on_until_it_is_after_today():
    upcoming = tst(date(2030, 1, 1)).next_review
    assert (upcoming.session, upcoming.cycle, upcoming.start_date) == (69, 6, date(2031, 11, 7))
    assert upcoming.end_date >= date(2030, 1, 1)
    during = tst(date(2027, 5, 10)).next_review  # inside the projected session 55 (7-18 May 2027)
    assert during.session == 55


def test_past_reviews_give_dates_or_only_the_year():
    past = tst(date(2023, 1, 1)).past_reviews
    assert [(review.session, review.start_date, review.year) for review in past] == [
        (13, None, 2012),
        (27, date(2017, 5, 1), 2017),
        (41, date(2022, 11, 7), 2022),
    ]
    assert past[0].date_precision == "year"


def test_inferred_reviews_are_flagged_with_a_note():
    timeline = build_timeline(SESSIONS, REVIEWS, "YRS", "Yearsland", date(2019, 1, 1))
    upcoming = timeline.next_review
    assert upcoming.session == 33 and upcoming.inferred is True and upcoming.projected is False
    assert any("Inferred" in note for note in upcoming.notes)


def test_a_session_with_only_its_year_gets_its_slots_typical_month():
    dates = session_dates(SESSIONS)
    # 2019: 32 first (January), 33 middle (May), 34 last (November), learnt from 2017-2023's dated sessions
    assert [dates[session].start for session in (32, 33, 34)] == [date(2019, 1, 1), date(2019, 5, 1), date(2019, 11, 1)]
    assert dates[33].start_estimated and dates[33].end_estimated
    timeline = build_timeline(SESSIONS, REVIEWS, "YRS", "Yearsland", date(2019, 1, 1))
    assert timeline.next_review.start_date == date(2019, 5, 1)
    assert timeline.next_review.start_approximate is True
    assert timeline.milestone("review").approximate is True


def test_a_missing_end_or_start_is_one_typical_session_length_away():
    dates = session_dates(SESSIONS)
    assert dates[45].start == date(2024, 1, 22) and not dates[45].start_estimated
    assert dates[45].end == date(2024, 2, 2) and dates[45].end_estimated  # median span: 11 days
    assert dates[44].start == date(2023, 11, 6) and dates[44].start_estimated
    assert dates[30].start == date(2018, 5, 1) and dates[30].start_estimated


def test_typical_months_fall_back_when_nothing_is_dated():
    undated = make_sessions([(13, 2, 2012, None, None, "year"), (14, 2, 2012, None, None, "year")])
    dates = session_dates(undated)
    assert (dates[13].start, dates[14].start) == (date(2012, 1, 1), date(2012, 11, 1))
    with pytest.raises(ValueError, match="neither dates nor a year"):
        session_dates(make_sessions([(13, 2, None, None, None, "year")]))


def test_milestones_are_in_order_with_the_offsets_of_the_fact_sheet():
    timeline = tst(date(2022, 1, 1))  # next: session 41, Monday 7 Nov 2022, exact
    milestones = timeline.milestones
    assert [m.date for m in milestones] == sorted(m.date for m in milestones)
    names = [m.name for m in milestones]
    for name in ("stakeholder_report", "pre_session", "advance_questions", "review", "outcome_adoption",
                 "responses", "plenary", "implementation", "mid_term_report"):
        assert name in names
    assert names.index("review") < names.index("outcome_adoption") < names.index("responses") <= names.index("plenary")
    review = date(2022, 11, 7)
    on = {m.name: m for m in milestones}
    assert on["review"].date == review and on["review"].approximate is False
    assert on["stakeholder_report"].date == date(2022, 3, 7)  # about 7-8 months before: the earlier end
    assert on["national_report"].date == review - timedelta(weeks=12)
    assert on["pre_session"].date == date(2022, 10, 7)
    assert on["advance_questions"].date == date(2022, 10, 24)  # 10 working days before a Monday
    assert on["outcome_adoption"].date == date(2022, 11, 18)
    assert add_months(review, 3) <= on["plenary"].date <= add_months(review, 4)
    assert on["responses"].date <= on["plenary"].date
    assert on["mid_term_report"].date == date(2025, 2, 7)  # middle of the 4.5-year cycle
    for milestone in milestones:
        assert milestone.description and "\n" not in milestone.description
        assert milestone.basis
        if milestone.name != "review":
            assert milestone.approximate is True


def test_stage_windows_cover_every_stage_of_the_plan_format():
    windows = build_stage_windows(SESSIONS, REVIEWS, "TST", date(2022, 1, 1))
    assert list(windows) == PLAN_STAGES
    for stage, (earliest, latest) in windows.items():
        assert isinstance(earliest, date) and isinstance(latest, date)
        assert earliest <= latest, stage
    review = date(2022, 11, 7)
    assert windows["review"] == (review, date(2022, 11, 18))
    for stage in ("national_consultation", "stakeholder_report", "pre_session", "embassy_briefing", "advance_questions"):
        assert windows[stage][1] < review, stage
    for stage in ("responses", "plenary", "mid_term_report"):
        assert windows[stage][0] >= review, stage
    stakeholder = tst(date(2022, 1, 1)).milestone("stakeholder_report").date
    assert windows["stakeholder_report"][0] <= stakeholder <= windows["stakeholder_report"][1]


def test_stages_after_a_review_stay_open_until_they_close():
    # reviewed 7 Nov 2022; on 1 Dec 2022 its plenary is still ahead
    soon_after = build_stage_windows(SESSIONS, REVIEWS, "TST", date(2022, 12, 1))
    assert soon_after["plenary"] == (date(2023, 2, 7), date(2023, 3, 7))
    assert soon_after["mid_term_report"] == (date(2024, 11, 7), date(2025, 5, 7))
    assert soon_after["stakeholder_report"][0].year == 2026  # before the next review (May 2027)
    later = build_stage_windows(SESSIONS, REVIEWS, "TST", date(2025, 6, 1))
    assert later["plenary"][0] == date(2027, 8, 7)
    assert later["mid_term_report"][0] == date(2029, 5, 7)


def test_implementation_runs_from_the_latest_plenary_to_the_review_after_next():
    windows = build_stage_windows(SESSIONS, REVIEWS, "TST", date(2023, 1, 1))
    assert windows["implementation"] == (date(2023, 2, 7), date(2031, 11, 7))


def test_a_postponed_review_is_noted_and_the_projection_names_the_usual_place():
    before = build_timeline(SESSIONS, REVIEWS, "PPD", "Postponia", date(2023, 6, 1))
    assert before.next_review.session == 45
    assert any("usual place" in note and "42" in note for note in before.next_review.notes)
    after = build_timeline(SESSIONS, REVIEWS, "PPD", "Postponia", date(2024, 6, 1))
    assert after.next_review.session == 59 and after.next_review.projected
    assert any("session 56" in note for note in after.next_review.notes)


def test_a_state_listed_twice_in_a_cycle_keeps_both_with_notes_and_projects_from_the_later():
    between = build_timeline(SESSIONS, REVIEWS, "TWC", "Twiceland", date(2023, 12, 1))
    assert between.next_review.session == 45 and not between.next_review.projected
    assert any("Also listed in session 44" in note for note in between.next_review.notes)
    assert any("Also listed in session 45" in note for note in between.past_reviews[-1].notes)
    after = build_timeline(SESSIONS, REVIEWS, "TWC", "Twiceland", date(2024, 6, 1))
    assert after.next_review.session == 59
    windows = build_stage_windows(SESSIONS, REVIEWS, "TWC", date(2023, 1, 1))
    assert windows["implementation"][1] == date(2024, 1, 22)  # after next (44) comes the listed 45


def test_a_state_with_no_review_is_a_user_error():
    with pytest.raises(UserError, match="Nowhere"):
        build_timeline(SESSIONS, REVIEWS, "XXX", "Nowhere", date(2023, 1, 1))
    with pytest.raises(LookupError):  # the grader treats it like an unknown country
        build_stage_windows(SESSIONS, REVIEWS, "XXX", date(2023, 1, 1))


def test_today_may_be_a_datetime_or_left_out():
    assert tst(datetime(2022, 6, 1, 15, 30)).as_of == date(2022, 6, 1)
    assert tst(None).as_of == date.today()


def test_to_dict_is_json_ready():
    result = json.loads(json.dumps(tst(date(2023, 1, 1)).to_dict()))
    assert {"country", "iso3", "past_reviews", "next_review", "milestones"} <= set(result)
    assert result["next_review"]["projected"] is True
    assert result["next_review"]["start_date"] == "2027-05-07"
    assert result["past_reviews"][0]["start_date"] is None and result["past_reviews"][0]["year"] == 2012
    assert {"name", "date", "description", "approximate", "basis"} <= set(result["milestones"][0])


def test_timeline_reads_datetime_columns_as_the_data_loaders_give_them():
    loaded = SESSIONS.copy()
    for column in ("start_date", "end_date"):
        loaded[column] = pd.to_datetime(loaded[column], format="%Y-%m-%d")
    assert tst(date(2023, 1, 1), sessions=loaded).to_dict() == tst(date(2023, 1, 1)).to_dict()


def test_date_helpers():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2022, 11, 7), -8) == date(2022, 3, 7)
    assert add_months(date(2025, 4, 28), 54) == date(2029, 10, 28)
    assert working_days_before(date(2022, 11, 7), 10) == date(2022, 10, 24)
    assert working_days_before(date(2022, 11, 9), 1) == date(2022, 11, 8)
    assert working_days_before(date(2022, 11, 7), 1) == date(2022, 11, 4)  # Monday -> Friday


# -- the real calendar ------------------------------------------------------------------------

real = pytest.mark.skipif(not (SHARED / "data-sources").is_dir(), reason=f"needs the raw sources in {SHARED}")


@pytest.fixture(scope="module")
def real_calendar():
    if not (SHARED / "data-sources").is_dir():
        pytest.skip(f"needs the raw sources in {SHARED}")
    from upr_course.build.calendar import build_calendar

    return build_calendar(SHARED)


@pytest.mark.shared
@real
def test_kenyas_next_review_after_2026_11_29_is_projected_into_cycle_5(real_calendar):
    sessions, reviews = real_calendar
    timeline = build_timeline(sessions, reviews, "KEN", "Kenya", AS_OF)
    assert [review.session for review in timeline.past_reviews] == [8, 21, 35, 49]
    upcoming = timeline.next_review
    assert upcoming.projected is True and upcoming.cycle == 5
    assert upcoming.session == 63
    assert upcoming.start_date == date(2029, 10, 28)  # 49 began 28 Apr 2025, + 4.5 years


@pytest.mark.shared
@real
def test_states_listed_in_session_54_have_a_scheduled_next_review(real_calendar):
    sessions, reviews = real_calendar
    listed = reviews.loc[reviews["session"] == 54, "iso3"].tolist()
    assert len(listed) == 14 and {"UKR", "MMR", "TGO"} <= set(listed)
    for iso3 in listed:
        upcoming = build_timeline(sessions, reviews, iso3, iso3, AS_OF).next_review
        assert (upcoming.session, upcoming.projected) == (54, False), iso3
        assert upcoming.start_date == date(2027, 1, 19) and upcoming.start_approximate is False
    ukraine = build_timeline(sessions, reviews, "UKR", "Ukraine", AS_OF).next_review
    assert any("session 42" in note for note in ukraine.notes)


@pytest.mark.shared
@real
def test_every_state_has_an_ordered_timeline_and_full_stage_windows(real_calendar):
    sessions, reviews = real_calendar
    for iso3 in sorted(reviews["iso3"].unique()):
        timeline = build_timeline(sessions, reviews, iso3, iso3, AS_OF)
        assert timeline.next_review.end_date >= AS_OF, iso3
        dates = [m.date for m in timeline.milestones]
        assert dates == sorted(dates), iso3
        windows = build_stage_windows(sessions, reviews, iso3, AS_OF)
        assert list(windows) == PLAN_STAGES
        assert all(earliest <= latest for earliest, latest in windows.values()), iso3


@pytest.mark.shared
@real
def test_the_usa_listed_twice_in_cycle_4(real_calendar):
    sessions, reviews = real_calendar
    mid = build_timeline(sessions, reviews, "USA", "United States", date(2026, 1, 1))
    assert mid.next_review.session == 53 and not mid.next_review.projected
    assert mid.past_reviews[-1].session == 50
    after = build_timeline(sessions, reviews, "USA", "United States", AS_OF)
    assert after.next_review.session == 67 and after.next_review.projected
    assert any("session 64" in note for note in after.next_review.notes)


@pytest.mark.shared
def test_plan_format_lists_the_same_stages():
    spec = SHARED / "specs" / "action-plan-format.md"
    if not spec.is_file():
        pytest.skip("needs shared/specs")
    text = spec.read_text(encoding="utf-8")
    for stage in PLAN_STAGES:
        assert f"`{stage}`" in text


# -- with the data layer and the command line -------------------------------------------------


def _fake_find_country(known: dict[str, tuple[str, str]]):
    def find_country(name: str):
        key = name.strip().lower()
        if key not in known:
            raise UnknownCountryError(name, ["Testland"])
        iso3, canonical = known[key]
        return SimpleNamespace(iso3=iso3, name=canonical)

    return find_country


@pytest.fixture
def handmade_data(monkeypatch):
    monkeypatch.setattr(data, "sessions", lambda: SESSIONS.copy())
    monkeypatch.setattr(data, "reviews", lambda: REVIEWS.copy())
    monkeypatch.setattr(
        data, "find_country", _fake_find_country({"testland": ("TST", "Testland"), "tst": ("TST", "Testland")}), raising=False
    )


def test_country_timeline_and_stage_windows_look_the_country_up(handmade_data):
    timeline = country_timeline("TST", date(2023, 1, 1))
    assert (timeline.country, timeline.iso3, timeline.next_review.session) == ("Testland", "TST", 55)
    assert list(stage_windows("testland", date(2023, 1, 1))) == PLAN_STAGES
    with pytest.raises(UnknownCountryError):
        country_timeline("Atlantis", date(2023, 1, 1))


def test_cli_prints_a_table_with_projected_and_about(handmade_data, capsys):
    assert main(["timeline", "--country", "Testland", "--as-of", "2023-01-01"]) == 0
    out = capsys.readouterr().out
    assert "Testland (TST)" in out and "as of 2023-01-01" in out
    assert "PROJECTED" in out and "session 55" in out
    assert "about 2026-09-07" in out  # the stakeholder deadline, approximate
    assert "2017-05-01 to 2017-05-12" in out and "2012" in out


def test_cli_json_has_the_agreed_keys(handmade_data, capsys):
    assert main(["timeline", "--country", "tst", "--json", "--as-of", "2022-06-01"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"country", "iso3", "as_of", "past_reviews", "next_review", "milestones"}
    assert result["next_review"]["session"] == 41 and result["next_review"]["projected"] is False
    assert [review["session"] for review in result["past_reviews"]] == [13, 27]


def test_cli_as_of_changes_the_answer(handmade_data, capsys):
    main(["timeline", "--country", "Testland", "--json", "--as-of", "2022-06-01"])
    before = json.loads(capsys.readouterr().out)
    main(["timeline", "--country", "Testland", "--json", "--as-of", "2023-06-01"])
    after = json.loads(capsys.readouterr().out)
    assert before["next_review"]["session"] == 41 and after["next_review"]["session"] == 55
    assert before["milestones"] != after["milestones"]


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["--country", "Atlantis"], "Atlantis"),
        (["--country", "Testland", "--as-of", "2026-02-30"], "2026-02-30"),
        (["--country", "Testland", "--as-of", "29/11/2026"], "YYYY-MM-DD"),
        (["--country", "Testland", "--as-of", "tomorrow"], "YYYY-MM-DD"),
    ],
)
def test_cli_bad_input_is_exit_2_and_one_line(handmade_data, capsys, arguments, message):
    assert main(["timeline", *arguments]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]
    assert "Traceback" not in captured.err


def test_cli_unknown_country_suggests_names(handmade_data, capsys):
    main(["timeline", "--country", "Testlnd"])
    assert "Did you mean 'Testland'?" in capsys.readouterr().err


def test_cli_without_country_is_exit_2(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["timeline"])
    assert stopped.value.code == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


@pytest.mark.shared
@real
def test_cli_on_the_real_calendar_as_of_changes_kenyas_answer(real_calendar, monkeypatch, capsys):
    sessions, reviews = real_calendar
    monkeypatch.setattr(data, "sessions", lambda: sessions.copy())
    monkeypatch.setattr(data, "reviews", lambda: reviews.copy())
    monkeypatch.setattr(data, "find_country", _fake_find_country({"kenya": ("KEN", "Kenya")}), raising=False)
    main(["timeline", "--country", "Kenya", "--json", "--as-of", "2025-01-01"])
    early = json.loads(capsys.readouterr().out)
    main(["timeline", "--country", "Kenya", "--json", "--as-of", "2026-11-29"])
    late = json.loads(capsys.readouterr().out)
    assert (early["next_review"]["session"], early["next_review"]["projected"]) == (49, False)
    assert (late["next_review"]["session"], late["next_review"]["projected"], late["next_review"]["cycle"]) == (63, True, 5)
