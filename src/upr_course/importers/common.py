"""What every importer shares: the source record, the import context, and the step that
turns source records into rows of the course's recommendations table.

Each format module only *reads* its layout into :class:`SourceRecord` objects (one per
recommendation cell of the source, as written). Everything after that is done once, here,
so that the formats cannot drift apart: the paragraph number is cut off the text, a cell
is split into one row per recommending State with that State's own words
(``attributions.py``), State names become canonical names and ISO3 codes, the response
is mapped to Supported/Noted/Pending (``responses.py``), and the language is recognised.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..build.countries import CountryResolver, load_country_reference
from ..cycles import cycle_of_session
from ..errors import UserError
from ..i18n import gettext as _
from ..i18n import ngettext
from ..ids import normalise_text
from ..schema import RECOMMENDATION_COLUMNS, conform_recommendations, normalise_symbol
from .attributions import Segment, split_attributions, split_paragraph
from .responses import map_response

UNKNOWN_STATE = "(Unknown)"
#: How a missing attribution is listed among the unknown recommending States.
NO_STATE_GIVEN = "(no State named in the text)"


@dataclass
class SourceRecord:
    """One recommendation cell of a source, before it is split per recommending State.

    ``text`` is as the source prints it (it may start with the paragraph number and end
    with the "(State)" attributions). ``states`` is set only when the source lists the
    recommending States in a column of their own; otherwise they are read from the text.
    """

    sur: str
    text: str
    position: object
    source_ref: str
    session: int | None = None
    session_inferred: bool = False
    paragraph: str | None = None
    states: list[str] | None = None
    themes: list[str] = field(default_factory=list)
    document_symbol: str | None = None
    draft: bool = False


@dataclass
class ImportContext:
    """What the person running the import told us, and what the datasets already know.

    ``country`` (ISO3) and ``session`` come from ``--country``/``--session``; ``reviews``
    is the calendar (which State was reviewed in which session), needed by formats that
    do not name the Working Group session.
    """

    resolver: CountryResolver
    reviews: pd.DataFrame | None = None
    country: str | None = None
    session: int | None = None


@dataclass
class ImportedFile:
    """The rows read from one file, in the table's layout (``id`` and ``joint_group`` empty)."""

    path: Path
    format: str
    rows: pd.DataFrame
    records_read: int
    unknown_states: list[str]
    notes: list[str] = field(default_factory=list)

    @property
    def rows_with_unknown_state(self) -> int:
        return int((~self.rows["rs_known"]).sum())


@lru_cache(maxsize=1)
def regional_groups() -> dict[str, str]:
    """ISO3 -> UN regional group, from the countries reference (the build checks it against UPR Info)."""
    reference = load_country_reference()
    return dict(zip(reference["iso3"], reference["regional_group"]))


_SPANISH = re.compile(r"\b(?:el|la|los|las|del|de|y|que|para|con|por|una|sus|derechos)\b", re.IGNORECASE)
_ENGLISH = re.compile(r"\b(?:the|of|and|to|for|with|its|all|rights|ensure|continue)\b", re.IGNORECASE)


def guess_language(texts: list[str]) -> str:
    """"es" when the texts read as Spanish, else "en" (the course's two languages).

    A count of very common words is enough: a file holds the recommendations of one UN
    language version, and the two languages share almost none of these words.
    """
    sample = " ".join(texts[:500])
    return "es" if len(_SPANISH.findall(sample)) > len(_ENGLISH.findall(sample)) else "en"


def resolve_state_under_review(name: str, context: ImportContext) -> str:
    """The ISO3 code of the State under Review named by the source, checked against ``--country``.

    ``--country`` fills in a State the source does not name (or names in a way we do not
    know); it never overrides a State the source does name, because importing Kenya's
    recommendations as Uganda's would be a silent, damaging mistake.
    """
    iso3 = context.resolver.resolve(name) if name else None
    if iso3 and context.country and iso3 != context.country:
        raise UserError(
            _("the file is about {country}, not {given} as --country says").format(
                country=context.resolver.canonical_name(iso3), given=context.resolver.canonical_name(context.country)
            )
        )
    if iso3 or context.country:
        return iso3 or context.country
    hint = context.resolver.suggest(name) if name else []
    if name and hint:
        message = _("the State under Review '{name}' is not a country we know (did you mean {suggestions}?); give it with --country")
    elif name:
        message = _("the State under Review '{name}' is not a country we know; give it with --country")
    else:
        message = _("the file does not say which State was reviewed; give it with --country")
    raise UserError(message.format(name=name, suggestions=_(" or ").join(hint)))


_YEAR = re.compile(r"^\s*(?:19|20)\d\d\s*$")


def _segments(record: SourceRecord, text: str, resolver: CountryResolver, notes: list[str]) -> list[Segment]:
    """The record's (text, States) segments; a States column, when present, has the last word."""
    resolves = lambda name: resolver.resolve(name) is not None  # noqa: E731
    if record.states is None:
        return split_attributions(text, resolves, last_is_attribution=True)
    years = [state for state in record.states if _YEAR.match(state)]
    if years:  # a year inside the text read as a State by the source's parser ("2025; Ireland")
        notes.append(
            _("{where}: '{years}' in the States column is a year, not a State; left out").format(where=record.source_ref, years=", ".join(years))
        )
        record.states = [state for state in record.states if not _YEAR.match(state)]
    segments = split_attributions(text, resolves, last_is_attribution=False)
    from_text = Counter(resolver.resolve(state) for segment in segments for state in segment.states)
    from_column = Counter(resolver.resolve(state) for state in record.states)
    if from_text == from_column:
        return segments
    if any(segment.states for segment in segments):
        notes.append(_("{where}: the States in the text and in the States column differ; the column was used").format(where=record.source_ref))
    joined = "; ".join(segment.text for segment in segments) or text
    return [Segment(joined, tuple(record.states))]


def records_to_rows(records: list[SourceRecord], context: ImportContext, source: str) -> tuple[pd.DataFrame, list[str], list[str]]:
    """Rows of the recommendations table for ``records``; also the unknown State names and notes.

    Every record needs a session by now (the format module sets it). Rows repeated within
    the file (same State, session, recommending State, paragraph and text) are kept once.
    """
    resolver = context.resolver
    groups = regional_groups()
    notes: list[str] = []
    unknown: list[str] = []
    rows = []
    language = guess_language([record.text for record in records])
    for record in records:
        sur_iso3 = resolve_state_under_review(record.sur, context)
        if record.session is None:
            raise UserError(_("no Working Group session for {where}; give it with --session").format(where=record.source_ref))
        paragraph, text = split_paragraph(record.text)
        paragraph = record.paragraph or paragraph
        try:
            response = map_response(record.position)
        except UserError as error:
            raise UserError(f"{record.source_ref}: {error}") from None
        themes = "|".join(record.themes) if record.themes else None
        for segment in _segments(record, text, resolver, notes):
            for name in segment.states or ("",):
                rs_iso3 = resolver.resolve(name) if name else None
                if rs_iso3 is None:
                    unknown.append(name or NO_STATE_GIVEN)
                rows.append(
                    {
                        "id": None,
                        "cycle": cycle_of_session(record.session),
                        "session": record.session,
                        "session_inferred": record.session_inferred,
                        "sur": resolver.canonical_name(sur_iso3),
                        "sur_iso3": sur_iso3,
                        "sur_regional_group": groups.get(sur_iso3),
                        "sur_organisations": None,
                        "recommending_state": resolver.canonical_name(rs_iso3) if rs_iso3 else UNKNOWN_STATE,
                        "rs_iso3": rs_iso3,
                        "rs_regional_group": groups.get(rs_iso3) if rs_iso3 else None,
                        "rs_organisations": None,
                        "rs_known": rs_iso3 is not None,
                        "text": segment.text,
                        "response": response,
                        "action_category": None,
                        "issues": None,
                        "themes": themes,
                        "joint_group": None,
                        "document_symbol": record.document_symbol,
                        "document": normalise_symbol(record.document_symbol),
                        "draft": bool(record.draft),
                        "paragraph": paragraph,
                        "language": language,
                        "source": source,
                        "source_ref": record.source_ref,
                    }
                )
    frame = pd.DataFrame(rows, columns=list(RECOMMENDATION_COLUMNS))
    if len(frame):
        key = pd.DataFrame(
            {
                "sur": frame["sur_iso3"],
                "session": frame["session"],
                "rs": frame["rs_iso3"].fillna(frame["recommending_state"]),
                "paragraph": frame["paragraph"].fillna(""),
                "text": frame["text"].map(normalise_text),
            }
        )
        repeated = key.duplicated()
        if repeated.any():
            count = int(repeated.sum())
            notes.append(
                ngettext("{count} row repeated within the file was kept once", "{count} rows repeated within the file were kept once", count).format(
                    count=count
                )
            )
            frame = frame.loc[~repeated].reset_index(drop=True)
    return conform_recommendations(frame), sorted(set(unknown)), notes
