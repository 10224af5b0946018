"""Stable, human-readable recommendation ids.

An id looks like ``KEN-S21-042``: the ISO3 code of the State under Review, the Working
Group session, and a running number within that State and session. People can read it
aloud, type it into a plan and find the recommendation again.

Ids must never change once published. So numbers are not recomputed on every build:
each row has a *key* (State, session, normalised text, recommending State, and the
occurrence count for the rare exact repeats), and a build or an import first reuses the
id that the published dataset already gives that key. Only rows with a new key get a
new number: the next free one in their State and session. A rebuild from the same
sources in the same order therefore gives the same ids even without the published file.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import pandas as pd

ID_PATTERN = re.compile(r"^(?P<iso3>[A-Z]{3})-S(?P<session>\d{2,})-(?P<number>\d{3,})$")
_SPACES = re.compile(r"\s+")
_EDGE_PUNCTUATION = " .;,:"


def format_id(iso3: str, session: int, number: int) -> str:
    """``format_id("KEN", 21, 42) == "KEN-S21-042"``."""
    return f"{iso3}-S{session:02d}-{number:03d}"


def parse_id(text: str) -> tuple[str, int, int] | None:
    """The (iso3, session, number) of a well-formed id, or None."""
    match = ID_PATTERN.match(text.strip().upper()) if isinstance(text, str) else None
    if not match:
        return None
    return match["iso3"], int(match["session"]), int(match["number"])


def normalise_text(text: str) -> str:
    """The form of a recommendation's text used to recognise it again across sources.

    Case, accents' composed/decomposed forms, runs of spaces and edge punctuation are
    ignored; words are not.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return _SPACES.sub(" ", text).strip(_EDGE_PUNCTUATION)


def row_keys(sur_iso3: Iterable[str], session: Iterable[int], text: Iterable[str], recommending_state: Iterable[str]) -> list[tuple]:
    """One key per row; exact repeats get an occurrence count so each keeps its own id."""
    seen: dict[tuple, int] = {}
    keys = []
    for parts in zip(sur_iso3, session, (normalise_text(t) for t in text), recommending_state):
        occurrence = seen.get(parts, 0)
        seen[parts] = occurrence + 1
        keys.append((*parts, occurrence))
    return keys


def _keys_of(frame: pd.DataFrame) -> list[tuple]:
    return row_keys(frame["sur_iso3"], frame["session"].astype(int), frame["text"], frame["recommending_state"])


def assign_ids(frame: pd.DataFrame, published: pd.DataFrame | None = None) -> pd.Series:
    """Ids for the rows of ``frame``, reusing those of ``published`` for known rows.

    ``frame`` needs the columns sur_iso3, session, text and recommending_state (all set).
    """
    known: dict[tuple, str] = {}
    next_number: dict[tuple[str, int], int] = {}
    if published is not None and len(published):
        for key, rec_id in zip(_keys_of(published), published["id"]):
            known[key] = rec_id
            parsed = parse_id(rec_id)
            if parsed:
                group = parsed[:2]
                next_number[group] = max(next_number.get(group, 1), parsed[2] + 1)
    ids = []
    taken = set(known.values())
    for key in _keys_of(frame):
        rec_id = known.get(key)
        if rec_id is None:
            group = (key[0], key[1])
            number = next_number.get(group, 1)
            rec_id = format_id(group[0], group[1], number)
            while rec_id in taken:  # a published id is never handed out twice
                number += 1
                rec_id = format_id(group[0], group[1], number)
            next_number[group] = number + 1
            taken.add(rec_id)
        ids.append(rec_id)
    return pd.Series(ids, index=frame.index, dtype="string", name="id")


def joint_groups(frame: pd.DataFrame, ids: pd.Series) -> pd.Series:
    """For each row, the id of the first row with the same State, session and text.

    UPR Info splits a joint recommendation into one row per recommending State; this
    ties the rows back together.
    """
    group_key = pd.Series(
        list(zip(frame["sur_iso3"], frame["session"].astype(int), (normalise_text(t) for t in frame["text"]))),
        index=frame.index,
    )
    first_id = ids.groupby(group_key, sort=False).transform("first")
    return first_id.astype("string").rename("joint_group")
