"""Build the recommendations table from UPR Info's original exports (sessions 1-27).

Why from the seven original exports, not a cleaned copy: every cleaning step is then
here, in the open, and can be reviewed and re-run. The steps:

1. read the exports (UTF-8 with BOM, ';'-separated, fields may hold line breaks);
2. repair text: HTML entities (``&#40;Unknown&#41;``), double-encoded UTF-8
   ("GuaranÃ­" -> "Guaraní"), then collapse whitespace and line breaks;
3. drop exact duplicate rows (the same in every column);
4. check responses are exactly ``Supported`` or ``Noted`` and action categories 1-5;
5. map States to canonical names and ISO3 codes; keep "(Unknown)" recommending
   States, marked ``rs_known = False``;
6. derive the cycle from the session; a row without a session gets the only session
   in its export file's range in which its State was reviewed (``session_inferred``);
7. give every row its stable id (``upr_course.ids``), reusing published ids.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd

from ..cycles import cycle_of_session
from ..ids import assign_ids, joint_groups
from ..schema import NOTED, SUPPORTED, conform_recommendations
from .countries import CountryResolver

EXPORT_FOLDER = "upr-info-export-2018"
EXPORT_GLOB = "*-UPR-INFO-DATABASE-EXPORT-2018_07_25-*.csv"
SOURCE_NAME = "UPR Info database export 2018-07-25"
UNKNOWN_STATE = "(Unknown)"

#: Original header (pandas renames the repeated Rgrp/Org to Rgrp.1/Org.1) -> our names.
EXPORT_COLUMNS = {
    "SuR": "sur_upr_info",
    "Rgrp": "sur_regional_group",
    "Org": "sur_organisations",
    "Recommendation": "text",
    "RS": "rs_upr_info",
    "Rgrp.1": "rs_regional_group",
    "Org.1": "rs_organisations",
    "Response": "response",
    "Action": "action_category",
    "Issue": "issues",
    "Session": "session",
}
_MOJIBAKE_MARKERS = ("Ã", "â€", "Â")
_FILE_RANGE = re.compile(r"^(\d+)-(\d+)-")
_SPACES = re.compile(r"\s+")


def repair_text(value: object) -> object:
    """Fix one field: HTML entities, double-encoded UTF-8, then runs of whitespace."""
    if not isinstance(value, str):
        return value
    text = html.unescape(value)
    if any(marker in text for marker in _MOJIBAKE_MARKERS):
        text = _undo_double_encoding(text)
    return _SPACES.sub(" ", text).strip()


def _undo_double_encoding(text: str) -> str:
    """Undo UTF-8 read as Windows-1252 or Latin-1; leave the text alone if that fails."""
    for codec in ("cp1252", "latin-1"):
        try:
            return text.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return text


def read_exports(shared_dir: Path) -> pd.DataFrame:
    """The seven original exports, concatenated in session order, with our column names."""
    files = sorted((shared_dir / "data-sources" / EXPORT_FOLDER).glob(EXPORT_GLOB))
    if not files:
        raise FileNotFoundError(f"no UPR Info exports in {shared_dir / 'data-sources' / EXPORT_FOLDER}")
    frames = []
    for path in files:
        frame = pd.read_csv(path, sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
        frame = frame.rename(columns=EXPORT_COLUMNS)
        frame["source_ref"] = [f"{path.name}:{row}" for row in range(2, len(frame) + 2)]
        frame["source_file"] = path.name
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def clean_rows(raw: pd.DataFrame) -> pd.DataFrame:
    """Steps 2-4: repaired text, exact duplicates dropped, values checked."""
    text_columns = [column for column in EXPORT_COLUMNS.values()]
    cleaned = raw.copy()
    for column in text_columns:
        cleaned[column] = cleaned[column].map(repair_text)
    cleaned = cleaned.drop_duplicates(subset=text_columns, keep="first").reset_index(drop=True)
    bad_responses = sorted(set(cleaned["response"]) - {SUPPORTED, NOTED})
    if bad_responses:
        raise ValueError(f"unexpected responses in the export: {bad_responses}")
    bad_actions = sorted(set(cleaned["action_category"]) - {"1", "2", "3", "4", "5"})
    if bad_actions:
        raise ValueError(f"unexpected action categories in the export: {bad_actions}")
    cleaned["issues"] = cleaned["issues"].map(_join_issues)
    return cleaned


def _join_issues(value: str) -> str | None:
    tags = [tag.strip() for tag in value.split(",") if tag.strip()]
    return "|".join(tags) if tags else None


def fill_missing_sessions(frame: pd.DataFrame) -> pd.DataFrame:
    """Step 6 for rows without a session: the one session of that State in the file's range."""
    frame = frame.copy()
    frame["session_inferred"] = False
    missing = frame["session"] == ""
    known = frame.loc[~missing]
    for index in frame.index[missing]:
        low, high = (int(part) for part in _FILE_RANGE.match(frame.at[index, "source_file"]).groups())
        sessions = {
            int(session)
            for session in known.loc[known["sur_upr_info"] == frame.at[index, "sur_upr_info"], "session"]
            if low <= int(session) <= high
        }
        if len(sessions) != 1:
            raise ValueError(f"cannot infer the session of row {frame.at[index, 'source_ref']}: candidates {sessions}")
        frame.at[index, "session"] = str(sessions.pop())
        frame.at[index, "session_inferred"] = True
    frame["session"] = frame["session"].astype(int)
    return frame


def attach_states(frame: pd.DataFrame, resolver: CountryResolver) -> pd.DataFrame:
    """Step 5: canonical names and ISO3 codes for both States of every row."""
    frame = frame.copy()
    unresolved = sorted(
        {name for name in pd.concat([frame["sur_upr_info"], frame["rs_upr_info"]]).unique() if name != UNKNOWN_STATE and resolver.resolve(name) is None}
    )
    if unresolved:
        raise ValueError(f"State names with no country in the reference: {unresolved}")
    frame["sur_iso3"] = frame["sur_upr_info"].map(resolver.resolve)
    frame["sur"] = frame["sur_iso3"].map(resolver.canonical_name)
    frame["rs_known"] = frame["rs_upr_info"] != UNKNOWN_STATE
    frame["rs_iso3"] = frame["rs_upr_info"].where(frame["rs_known"]).map(resolver.resolve, na_action="ignore")
    frame["recommending_state"] = frame["rs_iso3"].map(resolver.canonical_name, na_action="ignore").fillna(UNKNOWN_STATE)
    return frame


def build_recommendations(shared_dir: Path, published: pd.DataFrame | None = None) -> pd.DataFrame:
    """The full recommendations table, ids reused from ``published`` where rows are known."""
    frame = clean_rows(read_exports(shared_dir))
    frame = fill_missing_sessions(frame)
    frame = attach_states(frame, CountryResolver())
    frame["cycle"] = frame["session"].map(cycle_of_session)
    frame["action_category"] = frame["action_category"].astype(int)
    frame["document_symbol"] = None
    frame["themes"] = None
    frame["paragraph"] = None
    frame["language"] = "en"
    frame["source"] = SOURCE_NAME
    frame["document"] = None
    frame["draft"] = False
    for column in ("sur_organisations", "rs_organisations"):
        frame[column] = frame[column].replace("", None)
    base_published = None
    if published is not None:
        base_published = published.loc[published["source"] == SOURCE_NAME]
    frame["id"] = assign_ids(frame, base_published)
    frame["joint_group"] = joint_groups(frame, frame["id"])
    return conform_recommendations(frame)
