"""``allies``: the States that raised an issue or goal with a country, how often, in which
cycles, and what the country answered them: the embassies and missions to brief."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import UserError
from ..i18n import gettext as _
from .filters import parse_issue
from .issues import about_issue
from .search import country_index, parse_goal, score_country

#: For a goal: a recommendation counts when its score is at least this share of the best
#: score for the goal in that country, and at least ``MIN_SCORE``.
SHARE_OF_BEST = 0.6
MIN_SCORE = 0.3

ALLY_COLUMNS = ["recommending_state", "rs_iso3", "n_recommendations", "cycles", "supported", "noted",
                "pending", "last_cycle", "last_response", "example"]


def relevant_rows(country: str, goal: str | None = None, issue: str | None = None):
    """The country's index and the raw rows (one per State) about the goal or issue."""
    if (goal is None or not str(goal).strip()) and (issue is None or not str(issue).strip()):
        raise UserError(_("Give a goal or an issue, for example --goal 'end torture' or --issue 'Death penalty'."))
    from .. import data

    index = country_index(country)
    groups = index.groups
    if issue is not None and str(issue).strip():
        name = parse_issue(issue)
        recommendations = data._recommendations()
        rows = recommendations[recommendations["sur_iso3"].astype("string") == index.iso3]
        selected = rows[about_issue(rows, name)]
        scores = pd.Series(1.0, index=selected.index)
        return index, selected, scores, name
    goal = parse_goal(goal)
    scores = score_country(index, goal)
    best = float(scores.max()) if len(scores) else 0.0
    keep = np.flatnonzero((scores >= SHARE_OF_BEST * best) & (scores >= MIN_SCORE))
    ids = [(i, rid) for i in keep for rid in groups["ids"].iloc[i]]
    recommendations = data._recommendations()
    by_id = recommendations.set_index("id", drop=False)
    selected = by_id.loc[[rid for _, rid in ids]].reset_index(drop=True)
    return index, selected, pd.Series([float(scores[i]) for i, _ in ids], index=selected.index), None


def allies(country: str, goal: str | None = None, issue: str | None = None) -> pd.DataFrame:
    """One row per recommending State: how many of the relevant recommendations it made to
    ``country``, in which cycles, how many the country supported or noted, its latest cycle
    and the response then, and one example text (its best-matching one). Most active first.
    With ``issue`` the relevant recommendations are those tagged with it (cycle 3, untagged:
    read by the issue model); with ``goal`` those that match the goal closely.
    """
    _, rows, scores, _ = relevant_rows(country, goal, issue)
    if rows.empty:
        return pd.DataFrame(columns=ALLY_COLUMNS)
    frame = rows.assign(
        _score=scores.to_numpy(),
        _state=rows["recommending_state"].astype("string").fillna("Unknown State"),
        _iso=rows["rs_iso3"].astype("string").fillna(""),
        _response=rows["response"].astype("string"),
        _cycle=rows["cycle"].astype("Int64"),
    )
    result = []
    for state, group in frame.groupby("_state", sort=False):
        group = group.sort_values(["_cycle", "session"])
        last = group.iloc[-1]
        best = group.sort_values("_score", ascending=False, kind="stable").iloc[0]
        result.append(
            {
                "recommending_state": state,
                "rs_iso3": group["_iso"].iloc[0] or None,
                "n_recommendations": len(group),
                "cycles": sorted({int(c) for c in group["_cycle"].dropna()}),
                "supported": int((group["_response"] == "Supported").sum()),
                "noted": int((group["_response"] == "Noted").sum()),
                "pending": int((group["_response"] == "Pending").sum()),
                "last_cycle": int(last["_cycle"]) if pd.notna(last["_cycle"]) else None,
                "last_response": None if pd.isna(last["_response"]) else str(last["_response"]),
                "example": str(best["text"]),
            }
        )
    table = pd.DataFrame(result, columns=ALLY_COLUMNS)
    return table.sort_values(["n_recommendations", "last_cycle", "recommending_state"], ascending=[False, False, True], kind="stable").reset_index(drop=True)
