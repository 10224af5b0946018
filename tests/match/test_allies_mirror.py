"""``allies`` (who raised an issue with a country) and ``mirror`` (what a State says abroad
against how it answers at home), on the course's data, with their commands and the plot."""

from __future__ import annotations

import json

import matplotlib

matplotlib.use("Agg")

import pytest

from upr_course import data
from upr_course.cli import main
from upr_course.errors import UserError
from upr_course.match import allies, mirror


def _tagged(country_iso3: str, issue: str):
    frame = data.recommendations()
    rows = frame[(frame["sur_iso3"] == country_iso3) & frame["issues"].fillna("").str.split("|").map(lambda t: issue in t)]
    return rows


def test_allies_by_issue_count_every_tagged_recommendation():
    table = allies("Kenya", issue="death penalty")
    rows = _tagged("KEN", "Death penalty")
    assert table["n_recommendations"].sum() >= len(rows)  # cycle 3 rows read by the issue model may add some
    by_state = rows.groupby(rows["recommending_state"].astype(str)).size()
    for state, count in by_state.items():
        line = table[table["recommending_state"] == state].iloc[0]
        assert line["n_recommendations"] >= count
        assert line["supported"] + line["noted"] == line["n_recommendations"]
    assert table["n_recommendations"].is_monotonic_decreasing


def test_allies_cycles_and_last_response_are_the_states_own():
    table = allies("Kenya", issue="Death penalty")
    rows = _tagged("KEN", "Death penalty")
    uruguay = rows[rows["recommending_state"] == "Uruguay"].sort_values(["cycle", "session"])
    line = table[table["recommending_state"] == "Uruguay"].iloc[0]
    assert set(uruguay["cycle"].astype(int)) <= set(line["cycles"])
    assert line["last_cycle"] == max(line["cycles"])


def test_allies_by_goal_finds_the_states_that_raised_it():
    table = allies("Nepal", goal="end discrimination against Dalits")
    assert len(table) >= 5
    dalit_states = set(
        data.recommendations().query("sur_iso3 == 'NPL'").loc[lambda f: f["text"].str.contains("Dalit", case=False), "recommending_state"].astype(str)
    )
    assert len(dalit_states & set(table["recommending_state"])) >= len(dalit_states) // 2


def test_allies_needs_a_goal_or_an_issue():
    with pytest.raises(UserError):
        allies("Kenya")
    with pytest.raises(UserError):
        allies("Kenya", issue="not an issue at all")


def test_mirror_south_africa_on_sogi():
    result = mirror("South Africa", "sexual orientation and gender identity")
    assert result.issue == "Sexual Orientation and Gender Identity"
    made = data.recommendations().query("rs_iso3 == 'ZAF'")
    tagged_abroad = made[made["issues"].fillna("").str.contains("Sexual Orientation and Gender Identity", regex=False)]
    assert set(tagged_abroad["id"]) <= set(result.abroad["id"])
    assert (result.at_home.merge(data.recommendations()[["id", "sur_iso3"]], on="id")["sur_iso3"] == "ZAF").all()
    summary = result.summary()
    assert summary["made_abroad"] == len(result.abroad)
    assert summary["supported_at_home"] + summary["noted_at_home"] == summary["received_at_home"]
    assert summary["received_at_home"] > 0 and summary["made_abroad"] > 0


def test_the_lessons_mirror_picture_draws_bars(tmp_path):
    from upr_course import plots, summaries

    seen = mirror("South Africa", "Sexual Orientation and Gender Identity")
    figure = plots.mirror_figure(summaries.mirror_by_cycle(seen), seen.country, seen.issue)
    assert sum(len(ax.patches) for ax in figure.axes) > 0
    figure.savefig(tmp_path / "mirror.png")
    assert (tmp_path / "mirror.png").stat().st_size > 1000


def test_mirror_bad_issue_is_a_user_error():
    with pytest.raises(UserError):
        mirror("South Africa", "sogi rights")


def test_cli_allies_and_mirror(capsys):
    assert main(["allies", "--country", "Kenya", "--issue", "Death penalty", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and {"recommending_state", "n_recommendations", "cycles", "supported", "noted", "last_response"} <= set(rows[0])
    assert main(["allies", "--country", "Nepal", "--goal", "end discrimination against Dalits"]) == 0
    assert "States that raised" in capsys.readouterr().out
    assert main(["mirror", "--country", "South Africa", "--issue", "Sexual Orientation and Gender Identity", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["iso3"] == "ZAF" and out["summary"]["made_abroad"] == len(out["abroad"])
    assert main(["mirror", "--country", "South Africa", "--issue", "Sexual Orientation and Gender Identity"]) == 0
    assert "Abroad:" in capsys.readouterr().out
    assert main(["mirror", "--country", "Narnia", "--issue", "Death penalty"]) == 2
    with pytest.raises(SystemExit) as stopped:  # argparse: --goal or --issue is required
        main(["allies", "--country", "Kenya"])
    assert stopped.value.code == 2
