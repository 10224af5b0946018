"""Check and apply the matcher's filters: response, cycle, session, issue, recommending State.

A value that cannot be right (a response other than supported/noted, an issue that is
not one of UPR Info's, a State we do not know) is a ``UserError`` with one plain sentence.
A right value that leaves no recommendation is not an error: the result is empty.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from rapidfuzz import process

from ..errors import UserError, _or_list
from ..i18n import gettext as _

RESPONSES = ("supported", "noted", "pending")


@dataclass(frozen=True)
class Filters:
    response: str | None = None  # "Supported", "Noted" or "Pending"
    cycle: int | None = None
    session: int | None = None
    issue: str | None = None
    recommending_state: str | None = None  # ISO3

    def apply(self, groups: pd.DataFrame) -> pd.Series:
        """A boolean mask over the grouped recommendations (see ``joint.group_joint``)."""
        mask = pd.Series(True, index=groups.index)
        if self.response:
            mask &= groups["response"].astype("string") == self.response
        if self.cycle is not None:
            mask &= groups["cycle"] == self.cycle
        if self.session is not None:
            mask &= groups["session"] == self.session
        if self.issue:
            mask &= groups["issues"].map(lambda tags: self.issue in tags)
        if self.recommending_state:
            mask &= groups["rs_iso3_list"].map(lambda codes: self.recommending_state in codes)
        return mask.fillna(False).astype(bool)


def parse_response(value: str | None) -> str | None:
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip().lower()
    if text not in RESPONSES:
        raise UserError(_("'{value}' is not a response: use supported, noted or pending.").format(value=value))
    return text.capitalize()


def parse_number(value, name: str, known: list[int]) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        if name == "cycle":
            text = _("'{value}' is not a cycle number: write a whole number, for example {example}.")
        else:
            text = _("'{value}' is not a session number: write a whole number, for example {example}.")
        raise UserError(text.format(value=value, example=known[0] if known else 1)) from None
    if number not in known:
        if not known:
            text = _("There is no cycle {number} in the data: the data has no cycles.") if name == "cycle" else _(
                "There is no session {number} in the data: the data has no sessions."
            )
        elif name == "cycle":
            text = _("There is no cycle {number} in the data: cycles run from {first} to {last}.")
        else:
            text = _("There is no session {number} in the data: sessions run from {first} to {last}.")
        raise UserError(text.format(number=number, first=min(known) if known else "", last=max(known) if known else ""))
    return number


def parse_issue(value: str | None) -> str | None:
    """The UPR Info issue a name stands for (any case); UserError with close names otherwise."""
    if value is None or not str(value).strip():
        return None
    from .. import data

    from ..issue_names import issue_from_label

    names = data.issues()["issue"].tolist()
    text = str(value).strip()
    for name in names:
        if name.lower() == text.lower():
            return name
    named = issue_from_label(text)  # "Pena de muerte", as the Spanish lists show it
    if named in names:
        return named
    suggestions = [match for match, score, _ in process.extract(text, names, limit=3) if score >= 60]
    if suggestions:
        message = _("'{text}' is not one of UPR Info's issues. Did you mean {suggestions}?")
    else:
        message = _("'{text}' is not one of UPR Info's issues. Run 'upr-course data info' to see the issue names.")
    raise UserError(message.format(text=text, suggestions=_or_list(suggestions)))


def parse_state(value: str | None) -> str | None:
    """The ISO3 code of a recommending State (name, alias or code)."""
    if value is None or not str(value).strip():
        return None
    from .. import data

    return data.find_country(str(value)).iso3


def make_filters(response=None, cycle=None, session=None, issue=None, recommending_state=None) -> Filters:
    from .. import data

    recommendations = data._recommendations()
    cycles = sorted(int(c) for c in recommendations["cycle"].dropna().unique())
    sessions = sorted(int(s) for s in recommendations["session"].dropna().unique())
    return Filters(
        response=parse_response(response),
        cycle=parse_number(cycle, "cycle", cycles),
        session=parse_number(session, "session", sessions),
        issue=parse_issue(issue),
        recommending_state=parse_state(recommending_state),
    )
