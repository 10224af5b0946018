"""``mirror``: what a State recommended to others on an issue, next to how it answered when
it was itself recommended to act on that issue ("what the government says abroad").

The lesson's example: South Africa on sexual orientation and gender identity.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..errors import UserError
from ..i18n import gettext as _
from .filters import parse_issue
from .issues import about_issue


@dataclass
class Mirror:
    country: str
    iso3: str
    issue: str
    abroad: pd.DataFrame  # made by the country: sur, cycle, session, text, response (the recipient's)
    at_home: pd.DataFrame  # received by the country: recommending_state, cycle, session, text, response
    #: cycles in which the country was reviewed but the data does not hold that review: "no data", not 0
    home_cycles_missing: tuple[int, ...] = ()
    note: str | None = None  # coverage.missing_reviews_note: the latest reviews the data lacks

    def summary(self) -> dict:
        home = self.at_home["response"].astype("string")
        received = len(self.at_home)
        answered = int(home.isin(["Supported", "Noted"]).sum())
        return {
            "made_abroad": len(self.abroad),
            "states_addressed": int(self.abroad["sur"].nunique()) if len(self.abroad) else 0,
            "abroad_by_cycle": _by_cycle(self.abroad),
            "received_at_home": received,
            "supported_at_home": int((home == "Supported").sum()),
            "noted_at_home": int((home == "Noted").sum()),
            "pending_at_home": int((home == "Pending").sum()),
            "at_home_no_data_cycles": [int(cycle) for cycle in self.home_cycles_missing],
            "note": self.note,
            # the share of the answers given: a recommendation not answered yet counts neither way
            "supported_share_at_home": round(float((home == "Supported").sum() / answered), 3) if answered else None,
            "at_home_by_cycle": _by_cycle(self.at_home),
        }

    def to_dict(self) -> dict:
        return {
            "country": self.country,
            "iso3": self.iso3,
            "issue": self.issue,
            "summary": self.summary(),
            "abroad": _records(self.abroad),
            "at_home": _records(self.at_home),
        }


def _by_cycle(frame: pd.DataFrame) -> dict[str, int]:
    if frame.empty:
        return {}
    counts = frame["cycle"].astype("Int64").value_counts().sort_index()
    return {str(int(cycle)): int(n) for cycle, n in counts.items()}


def _records(frame: pd.DataFrame) -> list[dict]:
    out = []
    for row in frame.to_dict(orient="records"):
        out.append({k: (None if (not isinstance(v, str) and pd.isna(v)) else (int(v) if k in ("cycle", "session") else str(v))) for k, v in row.items()})
    return out


def mirror(country: str, issue: str) -> Mirror:
    """The State's recommendations to others on ``issue`` and those it received on it.

    Rows count as about the issue by their UPR Info tag (cycles 1-2) or, untagged, by the
    issue model's reading (cycle 3). Each side is ordered by cycle and session.
    """
    from .. import data

    found = data.find_country(country)
    name = parse_issue(issue)
    if name is None:
        raise UserError(_("Give an issue, for example --issue 'Sexual Orientation and Gender Identity'."))
    recommendations = data._recommendations()
    made = recommendations[recommendations["rs_iso3"].astype("string") == found.iso3]
    received = recommendations[recommendations["sur_iso3"].astype("string") == found.iso3]
    if made.empty and received.empty:
        raise UserError(_("{country} neither made nor received a recommendation in the data.").format(country=data.local_state_names(found.name)))
    abroad = made[about_issue(made, name)] if len(made) else made
    at_home = received[about_issue(received, name)] if len(received) else received
    abroad = abroad.sort_values(["cycle", "session", "id"])[["id", "sur", "cycle", "session", "text", "response"]]
    at_home = at_home.sort_values(["cycle", "session", "id"])[["id", "recommending_state", "cycle", "session", "text", "response"]]
    for frame in (abroad, at_home):
        for column in frame.columns:
            if isinstance(frame[column].dtype, pd.CategoricalDtype):
                frame[column] = frame[column].astype("string")
    from ..coverage import coverage

    covered = coverage(found.iso3)
    in_data = {review["cycle"] for review in covered["reviews"] if review["in_data"]}
    missing = tuple(sorted({review["cycle"] for review in covered["missing"]} - in_data))
    return Mirror(found.name, found.iso3, name, abroad.reset_index(drop=True), at_home.reset_index(drop=True), missing, covered["note"])
