"""Add imported rows to the published recommendations table, never twice.

A row is *already present* when the table has a row with the same State under Review,
session and recommending State whose text is the same after ``ids.normalise_text``, or
nearly the same: rapidfuzz's ``ratio`` of the normalised texts at least
``SAME_TEXT_RATIO`` (97). Why a near match: UPR Info lightly edits the UN's wording (a
dropped article, a fixed typo, "Ratify the OP-CAT;" for "Ratify the OP-CAT"), and without
it the same recommendation would appear twice. 97 keeps those edits together while a
changed word in a short text ("Ratify ICCPR" / "Ratify CED") stays apart. One more edit
of UPR Info's is dropping an acronym in brackets ("... Members of Their Families (ICRMW)"):
texts that are the same once bracketed asides are removed are also the same row. Each published
row can stand for one imported row only, so a text a State made twice stays twice.

A present row keeps its id and its values; only what it lacks is filled in from the
import: document symbol, paragraph, themes, and a response that was still pending. New
rows get ids from ``ids.assign_ids`` (the next free numbers of their State and session)
and the ``joint_group`` of any row with the same text. Importing the same file again
therefore adds nothing and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import re

import pandas as pd
from rapidfuzz import fuzz, process

from ..ids import assign_ids, joint_groups, normalise_text
from ..schema import PENDING, conform_recommendations, empty_recommendations, normalise_symbol

SAME_TEXT_RATIO = 97
#: Columns of a present row that an import may fill when they are missing.
FILLABLE = ("document_symbol", "paragraph", "themes", "response")
_ASIDE = re.compile(r"\s*\([^()]*\)")


def without_asides(text: str) -> str:
    """The normalised text without bracketed asides: "Ratify ICRMW (ICRMW)" -> "ratify icrmw"."""
    return normalise_text(_ASIDE.sub("", text))


@dataclass
class MergeResult:
    """The merged table and what the merge did."""

    table: pd.DataFrame
    added: int
    already_present: int
    completed: int  # present rows that got a missing value filled in
    added_ids: list[str] = field(default_factory=list)
    completed_ids: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.completed)


def _group_key(frame: pd.DataFrame) -> pd.Series:
    rs = frame["rs_iso3"].astype("string").fillna(frame["recommending_state"].astype("string"))
    return pd.Series(list(zip(frame["sur_iso3"].astype(str), frame["session"].astype(int), rs.astype(str))), index=frame.index)


def find_present(published: pd.DataFrame, imported: pd.DataFrame) -> dict:
    """imported index -> the published index of the same row, for rows already present."""
    relevant = published.loc[
        published["sur_iso3"].astype(str).isin(set(imported["sur_iso3"].astype(str)))
        & published["session"].isin(set(imported["session"].astype(int)))
    ]
    candidates: dict[tuple, dict] = {}
    for index, key, text in zip(relevant.index, _group_key(relevant), relevant["text"].astype(str)):
        candidates.setdefault(key, {})[index] = normalise_text(text)
    matches: dict = {}
    for index, key, text in zip(imported.index, _group_key(imported), imported["text"].astype(str)):
        pool = candidates.get(key)
        if not pool:
            continue
        text = normalise_text(text)
        found = next((other for other, other_text in pool.items() if other_text == text), None)
        if found is None:
            best = process.extractOne(text, pool, scorer=fuzz.ratio, score_cutoff=SAME_TEXT_RATIO)
            found = best[2] if best else None
        if found is None:
            bare = without_asides(text)
            found = next((other for other, other_text in pool.items() if without_asides(other_text) == bare), None)
        if found is not None:
            matches[index] = found
            del pool[found]  # one published row stands for one imported row
    return matches


def merge_recommendations(published: pd.DataFrame | None, imported: pd.DataFrame, add_new: bool = True) -> MergeResult:
    """``published`` plus the rows of ``imported`` it does not have yet.

    With ``add_new=False`` the import only completes rows that are present (the build does
    this for reviews that UPR Info's export already holds in full).
    """
    published = conform_recommendations(published) if published is not None else empty_recommendations()
    imported = conform_recommendations(imported).reset_index(drop=True)
    matches = find_present(published, imported)

    table = published.copy()
    completed = set()
    for new_index, old_index in matches.items():
        for column in FILLABLE:
            old, new = table.at[old_index, column], imported.at[new_index, column]
            if column == "response":
                fill = old == PENDING and not pd.isna(new) and new != PENDING
            else:
                fill = pd.isna(old) and not pd.isna(new)
            if fill:
                table.at[old_index, column] = new
                completed.add(old_index)
        if pd.isna(table.at[old_index, "document"]) and not pd.isna(table.at[old_index, "document_symbol"]):
            table.at[old_index, "document"] = normalise_symbol(table.at[old_index, "document_symbol"])

    completed_ids = [str(table.at[index, "id"]) for index in sorted(completed)]
    new = imported.drop(index=list(matches)).copy()
    if not add_new:
        new = new.iloc[0:0]
    if len(new):
        # ids and joint groups are worked out with the published rows of the same State and
        # session first, so that known keys keep their ids and new rows continue the numbering
        same_review = published.loc[
            published["sur_iso3"].astype(str).isin(set(new["sur_iso3"].astype(str)))
            & published["session"].isin(set(new["session"].astype(int)))
        ]
        combined = pd.concat([same_review, new], ignore_index=True)
        ids = assign_ids(combined, same_review)
        groups = joint_groups(combined, ids)
        new["id"] = ids.iloc[len(same_review) :].to_numpy()
        new["joint_group"] = groups.iloc[len(same_review) :].to_numpy()
        clash = set(new["id"]) & set(published["id"])
        if clash:  # cannot happen with assign_ids; a guard because published ids are promises
            raise RuntimeError(f"new rows would reuse published ids: {sorted(clash)[:5]}")
        table = pd.concat([table, conform_recommendations(new)], ignore_index=True)
    return MergeResult(
        table=conform_recommendations(table),
        added=len(new),
        already_present=len(matches),
        completed=len(completed),
        added_ids=new["id"].tolist() if len(new) else [],
        completed_ids=completed_ids,
    )
