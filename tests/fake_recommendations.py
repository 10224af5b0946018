"""A small hand-made recommendations table, shared by the tests of the lessons' tables
(one copy, so the two cannot drift apart)."""

from __future__ import annotations

import pandas as pd


def recommendations_frame(rows: list[dict], *, cycle: int = 1, session: int | None = None) -> pd.DataFrame:
    """Kenya's recommendations with the columns the summaries read; ``rows`` override defaults.

    ``session`` None leaves the session column out (ids then say session 8); rows may give
    their own ``id`` and ``joint_group`` (by default each row is its own group).
    """
    defaults = {
        "sur_iso3": "KEN",
        "cycle": cycle,
        "issues": "Detention",
        "response": "Supported",
        "recommending_state": "Norway",
        "rs_regional_group": "WEOG",
        "action_category": 4,
        "text": "Do something",
    }
    if session is not None:
        defaults["session"] = session
    frame = pd.DataFrame([{**defaults, **row} for row in rows])
    frame["id"] = [row.get("id", f"KEN-S{row.get('session', session or 8):02d}-{i:03d}") for i, row in enumerate(rows, start=1)]
    frame["joint_group"] = [row.get("joint_group", frame["id"][i]) for i, row in enumerate(rows)]
    frame["cycle"] = frame["cycle"].astype("Int8")
    if session is not None:
        frame["session"] = frame["session"].astype("Int16")
    frame["action_category"] = frame["action_category"].astype("Int8")
    frame["issues"] = frame["issues"].astype("string")
    return frame
