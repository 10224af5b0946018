"""Recommendations newer than UPR Info's 2018 export: cycles 3 and 4 from every staged source.

UPR Info's export stops at session 27 (May 2017). ``shared/data-sources`` holds, for some
States, the recommendations of later reviews in other layouts; this module reads each of
them into rows of the recommendations table with the importers' shared machinery
(``importers.common.records_to_rows``: paragraph numbers, one row per recommending State,
canonical State names, responses), so that a built row and an imported row look alike.

The sources, in the order they are added (the order fixes the numbering of new ids):

============================================  ==============================================
folder                                        what is taken
============================================  ==============================================
``ohchr-thematic-lists-slovenia``             Slovenia, sessions 20, 34, 48 (OHCHR thematic list)
``ohchr-thematic-list-china-cycle3``          China, session 31 (OHCHR thematic list)
``hrct-spain-upr4-es``                        Spain, session 49 (official Spanish text)
``gl0bsec-upr-analysis/wg_reports``           Albania 33 and Republic of Korea 42 (WG reports)
``huridocs-upr-paragraphs-eswatini-cycle3``   Eswatini, session 39 (WG report, paragraph 118)
``cehdi-upr-health-explorer-manual-extracts`` Myanmar 37; Nicaragua 47; Australia, Austria,
                                              Georgia 51; Sierra Leone 52; seven cycle 1-2
                                              reviews; ten session-52 DRAFT reports
============================================  ==============================================

Known problems of the sources (their PROVENANCE.txt) and what is done about them:

* **Joint recommendations with only the last State kept** (CeHDI, 43 rows: "(Chile)
  (France) (Japan) (Malta) (Niger)" gave only "Niger"): the States are read again from the
  closing brackets of the full text, as for every source whose text carries them, so each
  State gets its row.
* **A year read as a State** (CeHDI draft, Namibia 6.41: "2025; Ireland"): a year in a
  States column is dropped with a note (``importers.common``).
* **Draft paragraph numbers** (the ten session-52 drafts): their rows have
  ``draft = True`` and no document symbol (the final symbol is not known yet). Sierra
  Leone's draft is left out because its final report (A/HRC/63/16, paragraphs 44.x) is
  in the data: the two numberings differ and are never merged on paragraph.
* **Two paragraphs merged into one** (HURIDOCS, Eswatini 118.16 + 118.17 and 118.130 +
  118.131): split again at the paragraph number inside the text.
* **A stray list number** (Spain 50.224 starts "4. Fortalecer ..."): removed.
* **Answers not in the source** (Eswatini; Albania and most of Korea "to be examined";
  Myanmar "under consideration"; Spain 50.1-50.40; the CeHDI cycle-4 reviews; the
  drafts): ``response = Pending``, never Noted. Where the State has answered since, the
  answer is in the report's addendum (``/Add.1``), which a participant can import.
* **Reviews UPR Info already holds** (Slovenia session 20 and CeHDI's seven cycle 1-2
  reviews): these rows only complete the UPR Info rows they match (document symbol,
  paragraph, themes); they never add rows, so a recommendation is never there twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd

from ..importers import ohchr_thematic
from ..importers.common import ImportContext, SourceRecord, records_to_rows
from .recommendations import repair_text

DATA_SOURCES = "data-sources"


@dataclass(frozen=True)
class NewerSource:
    """One staged source: its folder, a label for the ``source`` column, and its reader."""

    folder: str
    label: str
    read: Callable[[Path, ImportContext], pd.DataFrame]


def _table(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def _rows(records: list[SourceRecord], context: ImportContext, label: str) -> pd.DataFrame:
    rows, _unknown, _notes = records_to_rows(records, context, label)
    return rows


#: "...(Nigeria); 118.17. Consider ..." - a paragraph number inside a text: two paragraphs run together.
_EMBEDDED_PARAGRAPH = re.compile(r"(?<=[;.])\s+(?=\d{1,3}\.\d{1,3}\.?\s)")


def split_run_together(text: str) -> list[str]:
    """Texts that hold more than one numbered paragraph, cut at each number."""
    return [part.strip() for part in _EMBEDDED_PARAGRAPH.split(text) if part.strip()]


# --- the readers ----------------------------------------------------------------------


def _thematic(file: str, label: str):
    def read(folder: Path, context: ImportContext) -> pd.DataFrame:
        rows = ohchr_thematic.read_csv(folder / file, context).rows
        return rows.assign(source=label)

    return read


#: "4. Fortalecer ..." (50.224): a list number left at the start of the text by the source.
_STRAY_NUMBER = re.compile(r"^\d{1,2}\.\s+(?=[^\d\s])")


def read_spain(folder: Path, context: ImportContext) -> pd.DataFrame:
    """Spain 2025: the official Spanish text; HRCT's answers (empty for 50.1-50.40: Pending)."""
    file = "spain_upr4_recommendations_es.csv"
    records = [
        SourceRecord(
            sur=row["state_under_review"],
            text=_STRAY_NUMBER.sub("", repair_text(row["recommendation_es"])),
            position=row["response"],
            source_ref=f"{file}:{number}",
            session=int(row["session"]),
            paragraph=row["paragraph"] or None,
            document_symbol=row["document_symbol"] or None,
        )
        for number, row in enumerate(_table(folder / file).to_dict("records"), start=2)
    ]
    return _rows(records, context, SOURCES_BY_FOLDER["hrct-spain-upr4-es"].label)


def read_gl0bsec(folder: Path, context: ImportContext) -> pd.DataFrame:
    """Albania 2019 and Republic of Korea 2023: section II of the WG reports, answers as the report gives them."""
    file = "wg_reports/wg_report_recommendations_albania_c3_korea_c4.csv"
    records = [
        SourceRecord(
            sur=row["state_under_review"],
            text=repair_text(row["recommendation"]),
            position=row["position_in_wg_report"],
            source_ref=f"{file}:{number}",
            session=int(row["session"]),
            paragraph=row["paragraph"] or None,
            document_symbol=row["document_symbol"] or None,
        )
        for number, row in enumerate(_table(folder / file).to_dict("records"), start=2)
    ]
    return _rows(records, context, SOURCES_BY_FOLDER["gl0bsec-upr-analysis"].label)


def read_eswatini(folder: Path, context: ImportContext) -> pd.DataFrame:
    """Eswatini 2021: paragraph 118 of the WG report; no answers in the source (Pending)."""
    file = "eswatini_upr_cycle3_wg_recommendations_118.csv"
    records = []
    for number, row in enumerate(_table(folder / file).to_dict("records"), start=2):
        for part in split_run_together(repair_text(row["recommendation"])):
            records.append(
                SourceRecord(
                    sur=row["state_under_review"],
                    text=part,
                    position="",
                    source_ref=f"{file}:{number}",
                    session=int(row["session"]),
                )
            )
    return _rows(records, context, SOURCES_BY_FOLDER["huridocs-upr-paragraphs-eswatini-cycle3"].label)


CEHDI_REPORTS = "cehdi_manual_extracts_13_reports.csv"
CEHDI_DRAFTS = "cehdi_session52_draft_extractions_10_states.csv"


def read_cehdi(folder: Path, context: ImportContext) -> pd.DataFrame:
    """CeHDI's extracts: 13 reports with final symbols, then the session-52 drafts not superseded."""
    label = SOURCES_BY_FOLDER["cehdi-upr-health-explorer-manual-extracts"].label
    reports = _table(folder / CEHDI_REPORTS)
    records = [
        SourceRecord(
            sur=row["state_under_review"],
            # the full text with its closing "(State)" brackets: the States are read from it,
            # which restores the joint recommendations whose States column kept only the last
            text=repair_text(row["recommendation"]),
            position=row["position"],
            source_ref=f"{CEHDI_REPORTS}:{number}",
            session=int(row["upr_session"]),
            paragraph=row["paragraph"] or None,
            document_symbol=row["document_symbol"] or None,
        )
        for number, row in enumerate(reports.to_dict("records"), start=2)
    ]
    final = {(context.resolver.resolve(row["state_under_review"]), int(row["upr_session"])) for row in reports.to_dict("records")}
    drafts = _table(folder / CEHDI_DRAFTS)
    for number, row in enumerate(drafts.to_dict("records"), start=2):
        if (context.resolver.resolve(row["state_under_review"]), int(row["upr_session"])) in final:
            continue  # the final report is in: never mix draft and final paragraph numbers
        records.append(
            SourceRecord(
                sur=row["state_under_review"],
                text=repair_text(row["recommendation"]),
                position=row["position"],
                source_ref=f"{CEHDI_DRAFTS}:{number}",
                session=int(row["upr_session"]),
                paragraph=row["paragraph"] or None,
                states=[state.strip() for state in row["recommending_states"].split(";") if state.strip()],
                draft=True,
            )
        )
    return _rows(records, context, label)


SOURCES: tuple[NewerSource, ...] = (
    NewerSource(
        "ohchr-thematic-lists-slovenia",
        "OHCHR thematic lists, Slovenia",
        _thematic("slovenia_upr_thematic_lists_cycles2-4.csv", "OHCHR thematic lists, Slovenia"),
    ),
    NewerSource(
        "ohchr-thematic-list-china-cycle3",
        "OHCHR thematic list, China cycle 3",
        _thematic("china_upr_thematic_list_cycle3_session31.csv", "OHCHR thematic list, China cycle 3"),
    ),
    NewerSource("hrct-spain-upr4-es", "Blue Human HRCT, Spain cycle 4 (Spanish)", read_spain),
    NewerSource("gl0bsec-upr-analysis", "UPR WG reports A/HRC/42/4 and A/HRC/53/11 (gl0bsec)", read_gl0bsec),
    NewerSource("huridocs-upr-paragraphs-eswatini-cycle3", "HURIDOCS ML-Benchmarks, Eswatini cycle 3", read_eswatini),
    NewerSource("cehdi-upr-health-explorer-manual-extracts", "CeHDI manual extracts of UPR reports", read_cehdi),
)
SOURCES_BY_FOLDER = {source.folder: source for source in SOURCES}


def read_newer_sources(shared_dir: Path, context: ImportContext) -> list[tuple[NewerSource, pd.DataFrame]]:
    """Every staged newer source as rows of the table (no ids yet), in the build's order."""
    return [(source, source.read(shared_dir / DATA_SOURCES / source.folder, context)) for source in SOURCES]
