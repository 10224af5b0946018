"""Read a UPR Info database export (the ';'-separated layout of the 2018 exports).

UPR Info's export has one row per recommendation and recommending State, its own issue
tags and action category, and the Working Group session. The course's main dataset is
built from exactly such files, so this reader reuses the build's cleaning
(``build.recommendations``: text repair, exact-duplicate removal, checks of responses and
action categories, inference of a missing session) rather than cleaning a second way.

Two differences from the build, both because an import must not refuse a whole file for
one odd name: a recommending State the countries reference does not know becomes
"(Unknown)" (``rs_known`` False) and is listed in the import report, and a response label
is first mapped by ``responses.map_response`` (older exports say "Accepted"; a pending
answer becomes missing, as in the other formats).
Unlike OHCHR imports, rows from UPR Info keep their ``issues`` and ``action_category``:
they are the same classification as the rest of the dataset.
"""

from __future__ import annotations

from pathlib import Path

from ..build.recommendations import EXPORT_COLUMNS, UNKNOWN_STATE, clean_rows, fill_missing_sessions
from ..cycles import cycle_of_session
from ..errors import UserError
from ..i18n import N_
from ..i18n import gettext as _
from ..i18n import ngettext
from ..ids import normalise_text
from ..schema import conform_recommendations
from .common import ImportContext, ImportedFile, guess_language, regional_groups, resolve_state_under_review
from ..schema import NOTED, PENDING
from .responses import map_response
from .tables import read_table

FORMAT = "upr-info"
LABEL = N_("UPR Info export")  # the data's "source" column keeps the English; the import report translates it
#: The export's header keys (``tables.header_key``) that identify the layout.
HEADER_KEYS = ("sur", "rs", "recommendation", "response", "session")


def matches(keys: set[str]) -> bool:
    """True when a header (as header keys) is a UPR Info export's."""
    return all(key in keys for key in HEADER_KEYS)


def read(path: Path, context: ImportContext) -> ImportedFile:
    """The rows of a UPR Info export, in the table's layout."""
    raw = read_table(path)
    missing = [column for column in EXPORT_COLUMNS if column not in raw.columns]
    if missing:
        raise UserError(_("{file} lacks the UPR Info column(s) {columns}").format(file=path.name, columns=", ".join(missing)))
    raw = raw[list(EXPORT_COLUMNS)].rename(columns=EXPORT_COLUMNS)
    raw["source_ref"] = [f"{path.name}:{row}" for row in range(2, len(raw) + 2)]
    raw["source_file"] = path.name
    responses = [map_response(label) for label in raw["response"]]
    # clean_rows accepts only Supported/Noted; a pending answer passes it as a placeholder
    # and is set back to missing right after (the flag column rides along untouched)
    raw["pending"] = [response == PENDING for response in responses]
    raw["response"] = [NOTED if response == PENDING else response for response in responses]
    try:
        frame = fill_missing_sessions(clean_rows(raw))
    except (ValueError, AttributeError) as error:
        raise UserError(f"{path.name}: {error}") from None
    frame["response"] = frame["response"].where(~frame["pending"], PENDING)
    if context.session is not None:
        frame = frame.loc[frame["session"] == context.session]
    resolver = context.resolver
    if context.country is not None:  # a file of many States: --country picks one
        frame = frame.loc[[resolver.resolve(name) == context.country for name in frame["sur_upr_info"]]]
    frame["sur_iso3"] = [resolve_state_under_review(name, context) for name in frame["sur_upr_info"]]
    if frame.empty:
        raise UserError(_("{file} holds no recommendations for the --country/--session given").format(file=path.name))
    groups = regional_groups()
    frame["sur"] = frame["sur_iso3"].map(resolver.canonical_name)
    rs_iso3 = [resolver.resolve(name) if name != UNKNOWN_STATE else None for name in frame["rs_upr_info"]]
    frame["rs_iso3"] = rs_iso3
    frame["rs_known"] = [iso3 is not None for iso3 in rs_iso3]
    frame["recommending_state"] = [resolver.canonical_name(iso3) if iso3 else UNKNOWN_STATE for iso3 in rs_iso3]
    unknown = sorted({name for name, iso3 in zip(frame["rs_upr_info"], rs_iso3) if iso3 is None})
    # the source's own regional groups where a State is unknown to the reference
    frame["sur_regional_group"] = frame["sur_iso3"].map(groups).fillna(frame["sur_regional_group"])
    frame["rs_regional_group"] = frame["rs_iso3"].map(groups).fillna(frame["rs_regional_group"].replace("", None))
    for column in ("sur_organisations", "rs_organisations", "issues"):
        frame[column] = frame[column].replace("", None)
    frame["cycle"] = frame["session"].map(cycle_of_session)
    frame["action_category"] = frame["action_category"].astype(int)
    frame["themes"] = None
    frame["document_symbol"] = None
    frame["paragraph"] = None
    frame["language"] = guess_language(frame["text"].tolist())
    frame["source"] = f"{LABEL}: {path.name}"
    frame["id"] = None
    frame["joint_group"] = None
    rows = conform_recommendations(frame.reset_index(drop=True))
    notes = []
    repeated = rows.assign(key=rows["text"].map(normalise_text)).duplicated(["sur_iso3", "session", "recommending_state", "key"])
    if repeated.any():
        count = int(repeated.sum())
        notes.append(
            ngettext(
                "{count} row repeats the same text by the same State (kept, as in UPR Info)",
                "{count} rows repeat the same text by the same State (kept, as in UPR Info)",
                count,
            ).format(count=count)
        )
    return ImportedFile(path, FORMAT, rows, len(raw), unknown, notes)
