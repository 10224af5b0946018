"""Write every file of ``datasets/`` from the raw sources: the one entry point of the build.

``upr-course data build`` calls :func:`build_all`. The previously published
recommendations are read first so that their ids are kept (see ``upr_course.ids``), and
rows that came in through ``upr-course data import`` are carried over unchanged.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from ..data import COUNTRIES_FILE, ISSUES_FILE, RECOMMENDATIONS_FILE, REVIEWS_FILE, SESSIONS_FILE
from ..schema import conform_recommendations
from .recommendations import SOURCE_NAME, build_recommendations

#: Parquet with zstd level 9: 2.6 MB, loads in about 0.1 s and writes in about 0.5 s (level 19
#: saves 0.3 MB but takes 11 s to write, which every import would pay).
PARQUET_OPTIONS = {"engine": "pyarrow", "compression": "zstd", "compression_level": 9, "index": False}
#: Fields an import may fill in on rows of the base export; a rebuild keeps them.
ENRICHED_FIELDS = ("document_symbol", "paragraph", "themes")
SUMMARY_FILE = "summary.json"


def read_published(out_dir: Path) -> pd.DataFrame | None:
    """The recommendations published in ``out_dir`` before this build, if any."""
    path = out_dir / RECOMMENDATIONS_FILE
    return pd.read_parquet(path) if path.is_file() else None


def write_recommendations(frame: pd.DataFrame, out_dir: Path) -> None:
    """Write the table sorted by id's parts so diffs and row groups stay stable."""
    frame = conform_recommendations(frame)
    order = frame["id"].str.extract(r"^(?P<iso3>[A-Z]{3})-S(?P<session>\d+)-(?P<number>\d+)$")
    order = order.astype({"session": int, "number": int})
    frame = frame.loc[order.sort_values(["iso3", "session", "number"]).index].reset_index(drop=True)
    frame.to_parquet(out_dir / RECOMMENDATIONS_FILE, **PARQUET_OPTIONS)


def keep_enrichment(rebuilt: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """Carry over what imports filled in on base rows (document symbol, paragraph, themes).

    A rebuild regenerates the base rows from the export, which lacks these fields; without
    this step, rebuilding would silently undo an import's work.
    """
    known = published.set_index("id")[list(ENRICHED_FIELDS)]
    rebuilt = rebuilt.copy()
    for field in ENRICHED_FIELDS:
        carried = rebuilt["id"].map(known[field])
        rebuilt[field] = rebuilt[field].fillna(carried)
    return rebuilt


def summarise(recommendations: pd.DataFrame, reviews: pd.DataFrame) -> dict:
    """The counts that ``upr-course data info`` reports and datasets/README.md quotes."""
    by_cycle = recommendations["cycle"].value_counts().sort_index()
    by_response = recommendations["response"].value_counts()
    return {
        "recommendations": int(len(recommendations)),
        "countries": int(recommendations["sur_iso3"].nunique()),
        "recommending_states": int(recommendations.loc[recommendations["rs_known"], "rs_iso3"].nunique()),
        "cycles": {str(int(cycle)): int(count) for cycle, count in by_cycle.items()},
        "sessions": sorted(int(s) for s in recommendations["session"].dropna().unique()),
        "responses": {response: int(by_response.get(response, 0)) for response in ("Supported", "Noted")},
        "pending_responses": int(recommendations["response"].isna().sum()),
        "sources": {str(k): int(v) for k, v in recommendations["source"].value_counts().items()},
        "calendar_sessions": int(reviews["session"].nunique()),
    }


def build_all(shared_dir: Path, out_dir: Path) -> dict:
    """Build every dataset from ``shared_dir`` into ``out_dir``; returns the summary."""
    from .calendar import build_calendar
    from .countries import build_countries, build_issues

    out_dir.mkdir(parents=True, exist_ok=True)
    published = read_published(out_dir)
    recommendations = build_recommendations(shared_dir, published)
    if published is not None:
        recommendations = keep_enrichment(recommendations, published)
        imported = published.loc[published["source"] != SOURCE_NAME]
        recommendations = pd.concat([recommendations, conform_recommendations(imported)], ignore_index=True)
    write_recommendations(recommendations, out_dir)
    build_countries(shared_dir).to_csv(out_dir / COUNTRIES_FILE, index=False)
    build_issues(shared_dir).to_csv(out_dir / ISSUES_FILE, index=False)
    sessions, reviews = build_calendar(shared_dir)
    sessions.to_csv(out_dir / SESSIONS_FILE, index=False)
    reviews.to_csv(out_dir / REVIEWS_FILE, index=False)
    summary = summarise(recommendations, reviews)
    (out_dir / SUMMARY_FILE).write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return summary
