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
from ..schema import PENDING, RESPONSES, conform_recommendations
from .recommendations import SOURCE_NAME, build_recommendations

#: Parquet with zstd level 9: 2.6 MB, loads in about 0.1 s and writes in about 0.5 s (level 19
#: saves 0.3 MB but takes 11 s to write, which every import would pay).
PARQUET_OPTIONS = {"engine": "pyarrow", "compression": "zstd", "compression_level": 9, "index": False}
#: Fields an import may fill in on rows of the base export; a rebuild keeps them.
ENRICHED_FIELDS = ("document_symbol", "paragraph", "themes", "document")
SUMMARY_FILE = "summary.json"


def read_published(out_dir: Path) -> pd.DataFrame | None:
    """The recommendations published in ``out_dir`` before this build, if any."""
    path = out_dir / RECOMMENDATIONS_FILE
    return conform_recommendations(pd.read_parquet(path)) if path.is_file() else None


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


def add_newer_sources(base: pd.DataFrame, shared_dir: Path, reviews: pd.DataFrame, published: pd.DataFrame | None) -> pd.DataFrame:
    """UPR Info's rows plus every staged newer source (``build.newer``), with stable ids.

    A source's rows for a review that UPR Info holds only complete the rows they match;
    rows of other reviews are added. New rows then get their ids from the published file
    (a known row keeps its id; a new one takes the next free number of its State and
    session), so a rebuild never renumbers them.
    """
    from ..ids import assign_ids, joint_groups
    from ..importers.common import ImportContext
    from ..importers.merge import merge_recommendations
    from .countries import CountryResolver
    from .newer import read_newer_sources

    context = ImportContext(resolver=CountryResolver(), reviews=reviews)
    held = set(zip(base["sur_iso3"].astype(str), base["session"].astype(int)))
    table = base
    for _source, rows in read_newer_sources(shared_dir, context):
        in_base = pd.Series(list(zip(rows["sur_iso3"].astype(str), rows["session"].astype(int))), index=rows.index).isin(held)
        table = merge_recommendations(table, rows.loc[in_base], add_new=False).table
        table = merge_recommendations(table, rows.loc[~in_base]).table
    newer = table["source"] != SOURCE_NAME
    added = table.loc[newer].reset_index(drop=True)
    ids = assign_ids(added, published)
    added["id"] = ids.to_numpy()
    added["joint_group"] = joint_groups(added, ids).to_numpy()
    return conform_recommendations(pd.concat([table.loc[~newer], added], ignore_index=True))


def summarise(recommendations: pd.DataFrame, reviews: pd.DataFrame) -> dict:
    """The counts that ``upr-course data info`` reports and datasets/README.md quotes."""
    by_cycle = recommendations["cycle"].value_counts().sort_index()
    recent = recommendations.loc[recommendations["cycle"] >= 3]
    by_response = recommendations["response"].value_counts()
    return {
        "recommendations": int(len(recommendations)),
        "countries": int(recommendations["sur_iso3"].nunique()),
        "recommending_states": int(recommendations.loc[recommendations["rs_known"], "rs_iso3"].nunique()),
        "cycles": {str(int(cycle)): int(count) for cycle, count in by_cycle.items()},
        "sessions": sorted(int(s) for s in recommendations["session"].dropna().unique()),
        "responses": {response: int(by_response.get(response, 0)) for response in RESPONSES},
        "pending_responses": int(by_response.get(PENDING, 0)),
        "cycles_3_4": {
            "rows": int(recent.shape[0]),
            "states_under_review": int(recent["sur_iso3"].nunique()),
            "reviews": int(recent[["sur_iso3", "session"]].drop_duplicates().shape[0]),
        },
        "draft_rows": int(recommendations["draft"].fillna(False).astype(bool).sum()),
        "sources": {str(k): int(v) for k, v in recommendations["source"].value_counts().items()},
        "calendar_sessions": int(reviews["session"].nunique()),
    }


def build_all(shared_dir: Path, out_dir: Path) -> dict:
    """Build every dataset from ``shared_dir`` into ``out_dir``; returns the summary."""
    from .calendar import build_calendar
    from .countries import build_countries, build_issues

    out_dir.mkdir(parents=True, exist_ok=True)
    published = read_published(out_dir)
    sessions, reviews = build_calendar(shared_dir)
    recommendations = build_recommendations(shared_dir, published)
    if published is not None:
        recommendations = keep_enrichment(recommendations, published)
    recommendations = add_newer_sources(recommendations, shared_dir, reviews, published)
    write_recommendations(recommendations, out_dir)
    build_countries(shared_dir).to_csv(out_dir / COUNTRIES_FILE, index=False)
    build_issues(shared_dir).to_csv(out_dir / ISSUES_FILE, index=False)
    sessions.to_csv(out_dir / SESSIONS_FILE, index=False)
    reviews.to_csv(out_dir / REVIEWS_FILE, index=False)
    summary = summarise(recommendations, reviews)
    (out_dir / SUMMARY_FILE).write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return summary
