"""Which recommendations are about an issue: their UPR Info tag in cycles 1-2, and for
untagged ones (cycle 3) the issue model's reading of the text (``model.py``)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .model import corpus_model

#: An untagged text counts as about an issue when that issue leads its profile, or comes
#: second with at least this share (profiles are L2-normalised).
PROFILE_SHARE = 0.45


def predicted_issue_mask(texts: list[str], issue: str) -> np.ndarray:
    model = corpus_model()
    if not texts or issue not in model.issues:
        return np.zeros(len(texts), bool)
    profiles = model.topics(model.tfidf(texts))
    column = model.issues.index(issue)
    order = np.argsort(-profiles, axis=1)
    first = order[:, 0] == column
    second = (order[:, 1] == column) & (profiles[:, column] >= PROFILE_SHARE)
    return (first | second) & (profiles[:, column] > 0)


def about_issue(rows: pd.DataFrame, issue: str) -> pd.Series:
    """A mask over raw recommendation rows: tagged with ``issue``, or untagged and read as about it."""
    tags = rows["issues"].astype("string").fillna("")
    tagged = tags != ""
    mask = tags.str.split("|").map(lambda names: issue in names).astype(bool) & tagged
    untagged = ~tagged
    if untagged.any():
        predicted = predicted_issue_mask(rows.loc[untagged, "text"].astype(str).tolist(), issue)
        mask.loc[untagged] = predicted
    return mask.astype(bool)
