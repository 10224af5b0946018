"""Joint recommendations: one text made by several States, one row each in the data
(rows sharing ``joint_group``). The matcher shows each such text once, with all its States."""

from __future__ import annotations

import pandas as pd


def group_joint(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per ``joint_group``, in the order of first appearance.

    ``recommending_state`` becomes one string "A, B, C" (the States in data order),
    ``recommending_states`` and ``rs_iso3_list`` the same as lists, ``ids`` all row ids,
    ``id`` the first of them and ``issues`` a list of UPR Info issue tags.
    """
    if rows.empty:
        columns = ["id", "ids", "joint_group", "country", "sur_iso3", "session", "cycle", "recommending_state",
                   "recommending_states", "rs_iso3_list", "text", "response", "action_category", "issues", "tagged"]
        return pd.DataFrame(columns=columns)
    # Plain Python over the rows: pandas' groupby with list aggregations took about 80 ms
    # a country, most of the time it takes to get a country ready for the matcher.
    keys = rows["joint_group"].astype("string").fillna(rows["id"].astype("string")).tolist()
    ids = rows["id"].astype(str).tolist()
    states = rows["recommending_state"].astype("string").fillna("Unknown State").tolist()
    isos = rows["rs_iso3"].astype("string").fillna("").tolist()
    members: dict[str, list[int]] = {}
    for position, key in enumerate(keys):
        members.setdefault(key, []).append(position)
    first = rows.iloc[[positions[0] for positions in members.values()]]
    issues = first["issues"].astype("string").fillna("")
    result = pd.DataFrame(
        {
            "id": first["id"].astype(str).to_numpy(),
            "ids": [[ids[i] for i in positions] for positions in members.values()],
            "joint_group": list(members),
            "country": first["sur"].astype(str).to_numpy(),
            "sur_iso3": first["sur_iso3"].astype(str).to_numpy(),
            "session": first["session"].astype("Int64").to_numpy(),
            "cycle": first["cycle"].astype("Int64").to_numpy(),
            "recommending_states": [list(dict.fromkeys(states[i] for i in positions)) for positions in members.values()],
            "rs_iso3_list": [[c for c in dict.fromkeys(isos[i] for i in positions) if c] for positions in members.values()],
            "text": first["text"].astype(str).to_numpy(),
            "response": first["response"].astype("string").to_numpy(),
            "action_category": first["action_category"].astype("Int64").to_numpy(),
            "issues": [s.split("|") if s else [] for s in issues.tolist()],
        }
    )
    result["session"] = result["session"].astype("Int64")
    result["cycle"] = result["cycle"].astype("Int64")
    result["action_category"] = result["action_category"].astype("Int64")
    result["response"] = result["response"].astype("string")
    result["recommending_state"] = result["recommending_states"].map(", ".join)
    result["tagged"] = (issues != "").to_numpy()
    return result
