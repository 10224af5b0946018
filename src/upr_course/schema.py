"""The columns of the built datasets: one place that names them and their dtypes.

The build writes these columns and ``upr_course.data`` reads them, so both sides agree
by construction. Importers produce frames in the same layout so that merged rows
look exactly like built ones.
"""

from __future__ import annotations

import pandas as pd

SUPPORTED = "Supported"
NOTED = "Noted"
#: Not yet known: the State has not answered (the report says "will be examined" or "under
#: consideration", or the addendum with the answers is not out yet). Never a blank.
PENDING = "Pending"
RESPONSES = (SUPPORTED, NOTED, PENDING)

#: Recommendation rows: one row per recommendation and recommending State (a joint
#: recommendation by three States is three rows with the same text and ``joint_group``).
RECOMMENDATION_COLUMNS: dict[str, str] = {
    "id": "string",  # stable, human-readable: KEN-S21-042 (see datasets/README.md)
    "cycle": "Int8",
    "session": "Int16",  # UPR Working Group session
    "session_inferred": "bool",  # True when the session was not in the source and was inferred
    "sur": "string",  # State under Review, canonical name
    "sur_iso3": "string",
    "sur_regional_group": "string",
    "sur_organisations": "string",  # groups the State belongs to (AU, EU, OIC...), comma-separated
    "recommending_state": "string",  # canonical name; "(Unknown)" when the source does not say
    "rs_iso3": "string",  # missing for "(Unknown)"
    "rs_regional_group": "string",
    "rs_organisations": "string",
    "rs_known": "bool",  # False when the recommending State is unknown
    "text": "string",
    "response": "string",  # exactly "Supported", "Noted" or "Pending" (not answered yet); never missing
    "action_category": "Int8",  # 1-5, UPR Info's scale; missing for imported rows
    "issues": "string",  # UPR Info issue tags joined with "|"; missing when not coded
    "themes": "string",  # the source's own theme labels (OHCHR/UHRI), "|"-joined; missing for UPR Info rows
    "joint_group": "string",  # id of the first row with the same State, session and text
    "document_symbol": "string",  # e.g. A/HRC/28/16, as the source writes it; missing in the UPR Info export
    "paragraph": "string",  # e.g. 166.6; missing in the UPR Info export
    "language": "string",  # "en" or "es"
    "source": "string",  # which source the row came from
    "source_ref": "string",  # file and row in that source
    "document": "string",  # the UN document symbol, normalised: upper-case, no spaces ("A/HRC/57/5"); or missing
    "draft": "bool",  # True: from a draft or advance report, whose paragraph numbers may change
}

#: Columns shown as categories when loaded: few distinct values, many rows.
CATEGORY_COLUMNS = (
    "sur",
    "sur_iso3",
    "sur_regional_group",
    "recommending_state",
    "rs_iso3",
    "rs_regional_group",
    "response",
    "language",
    "source",
)


def empty_recommendations() -> pd.DataFrame:
    """An empty frame with the recommendation columns and dtypes (for importers)."""
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in RECOMMENDATION_COLUMNS.items()})


def normalise_symbol(value: object) -> str | None:
    """A UN document symbol as the ``document`` column keeps it: "a/hrc/ 57/5" -> "A/HRC/57/5"."""
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return None
    text = "".join(str(value).split()).upper().rstrip(".;,")
    return text or None


def conform_recommendations(frame: pd.DataFrame) -> pd.DataFrame:
    """Put a frame's columns in the published order and dtypes; fails loudly on a missing column.

    Frames from before ``document`` and ``draft`` existed get them (from ``document_symbol``;
    not a draft), and a missing response becomes ``Pending``.
    """
    if "document" not in frame.columns and "document_symbol" in frame.columns:
        frame = frame.assign(document=frame["document_symbol"].map(normalise_symbol, na_action="ignore"))
    if "draft" not in frame.columns:
        frame = frame.assign(draft=False)
    if "response" in frame.columns and frame["response"].isna().any():
        frame = frame.assign(response=frame["response"].astype("string").fillna(PENDING))
    missing = [name for name in RECOMMENDATION_COLUMNS if name not in frame.columns]
    if missing:
        raise ValueError(f"recommendation frame lacks columns: {missing}")
    return frame[list(RECOMMENDATION_COLUMNS)].astype(RECOMMENDATION_COLUMNS)
