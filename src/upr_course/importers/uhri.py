"""Read an export of OHCHR's Universal Human Rights Index (UHRI), CSV or XLSX.

The UHRI export (https://uhri.ohchr.org, "export-full-en.xlsx") has one row per
recommendation of any UN mechanism; the UPR rows carry the text (with its paragraph
number and the "(State);" attributions), the recommending States, the position, themes,
the State concerned, the HRC session ("- 28th Session - Cycle 2") and the symbol of the
Working Group report. Headers are accepted as written by OHCHR ("UPR Reccomending States",
sic) or in the snake_case of R's janitor (``upr_reccomending_states``), the layout of the
real sample ``cehdi-upr-maternal-health/upr_recommendations_egypt_cycle2.csv``.

Why the Working Group session comes from the calendar: UHRI gives the *Human Rights
Council* session that adopted the outcome (28 for Egypt's second review), not the UPR
Working Group session that held it (20). The course counts sessions the Working Group
way, so the session is looked up in the reviews calendar from the State and the cycle
(``--session`` fills it in when the calendar does not know the review, and keeps only
that session's rows when it does); such rows are marked ``session_inferred``.

Recommending States may be a list ("- Chile - Estonia", one per line) or, as in the
Egypt sample, run together ("ChileEstoniaSloveniaTunisiaUruguay"); the latter are split
on known State names by ``build.countries.split_run_together_names``.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..build.countries import split_run_together_names
from ..build.recommendations import repair_text
from ..errors import UserError
from ..i18n import N_
from ..i18n import gettext as _
from ..i18n import ngettext
from .common import ImportContext, ImportedFile, SourceRecord, records_to_rows
from .tables import keyed_columns, read_table

FORMAT = "uhri"
LABEL = N_("UHRI export")  # the data's "source" column keeps the English; the import report translates it

#: Our name -> the header keys UHRI exports use for it (first found wins).
COLUMNS = {
    "text": ("text",),
    "states": ("upr_reccomending_states", "upr_recommending_states", "reccomending_states", "recommending_states"),
    "position": ("upr_position", "position"),
    "themes": ("themes",),
    "countries": ("countries_concerned", "country_concerned"),
    "body": ("reccomending_body", "recommending_body", "body"),
    "session": ("upr_session",),
    "symbol": ("document_symbol", "symbol"),
}
REQUIRED = ("text", "states", "position")

_LIST_SEPARATOR = re.compile(r"\s*\n\s*|\s+-\s*|\s*-\s+")
_THEME_START = re.compile(r"(?<![\d.])(?=\d{1,2}(?:\.\d{1,2})?\.\s)")
_CYCLE = re.compile(r"cycle\s*(\d+)", re.IGNORECASE)
_NOT_RECOMMENDATIONS = ("Concerns/Observations",)


def matches(keys: set[str]) -> bool:
    """True when a header (as header keys) has the UHRI export's columns."""
    return all(any(key in keys for key in COLUMNS[name]) for name in REQUIRED) and "sur" not in keys


def _bare(value: str) -> str:
    """ "- Egypt" -> "Egypt": UHRI prefixes list items with a dash."""
    return repair_text(value).lstrip("-\u2013 ").strip()


def split_list(value: str) -> list[str]:
    """A UHRI list cell ("- Chile - Estonia" or one item a line) as items."""
    return [item.rstrip("*").strip() for item in _LIST_SEPARATOR.split(repair_text(value)) if item.strip(" -*")]


def split_themes(value: str) -> list[str]:
    """Theme labels: one a line, or run together after their codes ("2.1. A 12.4. B")."""
    value = value.strip()
    if not value:
        return []
    if "\n" in value:
        items = value.split("\n")
    else:
        items = _THEME_START.split(value)
    return [repair_text(item).lstrip("-\u2013 ").strip() for item in items if item.strip(" -")]


def recommending_states(value: str, resolver) -> list[str]:
    """The recommending State names of one cell, run-together names split apart."""
    names = []
    for item in split_list(value):
        if resolver.resolve(item) is None:
            parts = split_run_together_names(item, resolver)
            if parts:
                names.extend(parts)
                continue
        names.append(item)
    return names


def _state_under_review(countries: list[str], states: list[str], context: ImportContext) -> str | None:
    """The State concerned; with several ("Uzbekistan - Czechia"), the one that is not recommending."""
    if len(countries) <= 1:
        return countries[0] if countries else None
    resolver = context.resolver
    recommending = {resolver.resolve(name) for name in states}
    candidates = [name for name in countries if resolver.resolve(name) not in recommending]
    if context.country:
        candidates = [name for name in candidates if resolver.resolve(name) == context.country]
    return candidates[0] if len(candidates) == 1 else None


def session_from_calendar(context: ImportContext, iso3: str, cycle: int) -> int | None:
    """The Working Group session in which ``iso3`` was reviewed in ``cycle``, if the calendar knows it."""
    reviews = context.reviews
    if reviews is None or not len(reviews):
        return None
    found = reviews.loc[(reviews["iso3"] == iso3) & (reviews["cycle"].astype(int) == cycle), "session"].dropna().unique()
    return int(found[0]) if len(found) == 1 else None


def read(path: Path, context: ImportContext) -> ImportedFile:
    """The UPR recommendations of a UHRI export, one row per recommending State."""
    table = read_table(path)
    keyed = keyed_columns(table)
    columns = {name: next((keyed[key] for key in keys if key in keyed), None) for name, keys in COLUMNS.items()}
    missing = [name for name in REQUIRED if columns[name] is None]
    if missing:
        raise UserError(_("{file} lacks the UHRI column(s) {columns}").format(file=path.name, columns=", ".join(missing)))

    def cell(row, name: str) -> str:
        return row[columns[name]] if columns[name] is not None else ""

    records: list[SourceRecord] = []
    notes: list[str] = []
    skipped_other = skipped_country = skipped_session = 0
    no_session: set[tuple[str, int | None]] = set()
    unknown_sur: set[str] = set()
    for number, row in enumerate(table.to_dict("records"), start=2):
        body = _bare(cell(row, "body"))
        text = repair_text(cell(row, "text"))
        position = _bare(cell(row, "position"))
        if (body and body != "UPR") or not text or text.startswith("Response of ") or position in _NOT_RECOMMENDATIONS:
            skipped_other += 1
            continue
        states = recommending_states(cell(row, "states"), context.resolver)
        sur = _state_under_review(split_list(cell(row, "countries")), states, context)
        sur_iso3 = (context.resolver.resolve(sur) if sur else None) or context.country
        if sur_iso3 is None:
            unknown_sur.add(sur or "?")
            continue
        if context.country and sur_iso3 and sur_iso3 != context.country:
            skipped_country += 1
            continue
        cycle_match = _CYCLE.search(cell(row, "session"))
        cycle = int(cycle_match.group(1)) if cycle_match else None
        session = session_from_calendar(context, sur_iso3, cycle) if sur_iso3 and cycle else None
        if session is not None and context.session is not None and session != context.session:
            skipped_session += 1
            continue
        session = session if session is not None else context.session
        if session is None:
            no_session.add((sur or "?", cycle))
            continue
        records.append(
            SourceRecord(
                sur=sur or "",
                text=text,
                position=position,
                source_ref=f"{path.name}:{number}",
                session=session,
                session_inferred=True,
                states=states or None,  # no States column value: read them from the text
                themes=split_themes(cell(row, "themes")),
                document_symbol=_bare(cell(row, "symbol")) or None,
            )
        )
    if skipped_other:
        notes.append(
            ngettext(
                "{count} row that is not a UPR recommendation was left out", "{count} rows that are not UPR recommendations were left out", skipped_other
            ).format(count=skipped_other)
        )
    if skipped_country:
        notes.append(
            ngettext(
                "{count} row about another State than --country was left out", "{count} rows about other States than --country were left out", skipped_country
            ).format(count=skipped_country)
        )
    if skipped_session:
        notes.append(
            ngettext(
                "{count} row of another session than --session was left out", "{count} rows of other sessions than --session were left out", skipped_session
            ).format(count=skipped_session)
        )
    if unknown_sur:
        names = ", ".join(repr(name) for name in sorted(unknown_sur))
        if not records:
            raise UserError(_("{file}: the State under Review {names} is not a country we know; give it with --country").format(file=path.name, names=names))
        notes.append(_("rows left out: the State under Review {names} is not a country we know").format(names=names))
    if no_session:
        which = ", ".join(_("{country} (cycle {cycle})").format(country=name, cycle=cycle or "?") for name, cycle in sorted(no_session, key=str))
        if not records:
            raise UserError(_("{file}: no Working Group session is known for {which}; give it with --session").format(file=path.name, which=which))
        notes.append(_("rows left out: no Working Group session is known for {which}").format(which=which))
    rows, unknown, more_notes = records_to_rows(records, context, f"{LABEL}: {path.name}")
    return ImportedFile(path, FORMAT, rows, len(records), unknown, notes + more_notes)
