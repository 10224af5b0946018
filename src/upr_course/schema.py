"""The columns of the built datasets: one place that names them and their dtypes.

The build writes these columns and ``upr_course.data`` reads them, so both sides agree
by construction. Importers produce frames in the same layout so that merged rows
look exactly like built ones.
"""

from __future__ import annotations

import pandas as pd

RESPONSES = ("Supported", "Noted")

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
    "response": "string",  # exactly "Supported" or "Noted"; missing only when pending in an import
    "action_category": "Int8",  # 1-5, UPR Info's scale; missing for imported rows
    "issues": "string",  # UPR Info issue tags joined with "|"; missing when not coded
    "themes": "string",  # the source's own theme labels (OHCHR/UHRI), "|"-joined; missing for UPR Info rows
    "joint_group": "string",  # id of the first row with the same State, session and text
    "document_symbol": "string",  # e.g. A/HRC/28/16; missing in the UPR Info export
    "paragraph": "string",  # e.g. 166.6; missing in the UPR Info export
    "language": "string",  # "en" or "es"
    "source": "string",  # which source the row came from
    "source_ref": "string",  # file and row in that source
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


def conform_recommendations(frame: pd.DataFrame) -> pd.DataFrame:
    """Put a frame's columns in the published order and dtypes; fails loudly on a missing column."""
    missing = [name for name in RECOMMENDATION_COLUMNS if name not in frame.columns]
    if missing:
        raise ValueError(f"recommendation frame lacks columns: {missing}")
    return frame[list(RECOMMENDATION_COLUMNS)].astype(RECOMMENDATION_COLUMNS)
