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
    frame = rows.assign(
        _group=rows["joint_group"].fillna(rows["id"]).astype(str),
        _state=rows["recommending_state"].astype("string").fillna("Unknown State"),
        _iso=rows["rs_iso3"].astype("string").fillna(""),
    )
    grouped = frame.groupby("_group", sort=False, observed=True)
    first = grouped.first()
    result = pd.DataFrame(
        {
            "id": first["id"].astype(str),
            "ids": grouped["id"].agg(list),
            "joint_group": first.index.astype(str),
            "country": first["sur"].astype(str),
            "sur_iso3": first["sur_iso3"].astype(str),
            "session": first["session"].astype("Int64"),
            "cycle": first["cycle"].astype("Int64"),
            "recommending_states": grouped["_state"].agg(lambda s: list(dict.fromkeys(s))),
            "rs_iso3_list": grouped["_iso"].agg(lambda s: [c for c in dict.fromkeys(s) if c]),
            "text": first["text"].astype(str),
            "response": first["response"].astype("string"),
            "action_category": first["action_category"].astype("Int64"),
            "issues": first["issues"].map(lambda s: s.split("|") if isinstance(s, str) and s else []),
        }
    )
    result["recommending_state"] = result["recommending_states"].map(", ".join)
    result["tagged"] = first["issues"].notna().to_numpy() & (first["issues"].astype("string").fillna("") != "").to_numpy()
    return result.reset_index(drop=True)
