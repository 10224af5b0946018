"""The sentences the lessons print about the data, in the participant's language.

A lesson's code cell used to print them with f-strings, which stay English in a translated
lesson (an f-string's braces are code, so they are not translated). Here each one is a
gettext message with named placeholders, its numbers written the language's way, so the
same cell prints "Kenya received 1,214 recommendations" in English and "Kenia recibió
1214 recomendaciones" in Spanish. The lessons call these and print what they return.
"""

from __future__ import annotations

import pandas as pd

from . import data
from .i18n import gettext as _
from .i18n import ngettext
from .i18n.formats import number, percent


def _recs(recs: pd.DataFrame | None) -> pd.DataFrame:
    return data.recommendations() if recs is None else recs


def course_size(recs: pd.DataFrame | None = None) -> str:
    """Lesson 00: 'The course holds 67,397 UPR recommendations.'"""
    count = len(_recs(recs))
    return ngettext("The course holds {count} UPR recommendation.", "The course holds {count} UPR recommendations.",
                    count).format(count=number(count))


def country_answers(country: str = "Kenya", recs: pd.DataFrame | None = None) -> str:
    """Lesson 00: how many recommendations a State received and how it answered, in two lines.

    Counts rows, as UPR Info's database does; answers not given yet (pending) get a third
    sentence, so that supported and noted never seem to leave some out."""
    found = data.find_country(country)
    received = _recs(recs)
    received = received[received["sur_iso3"].astype("string") == found.iso3]
    response = received["response"].astype("string")
    supported, noted = int((response == "Supported").sum()), int((response == "Noted").sum())
    pending = len(received) - supported - noted
    first = ngettext("{country} received {count} recommendation in the course's data.",
                     "{country} received {count} recommendations in the course's data.",
                     len(received)).format(country=data.local_name(found.iso3), count=number(len(received)))
    second = _("Supported: {supported}. Noted: {noted}.").format(supported=number(supported), noted=number(noted))
    if pending:
        second += " " + _("No answer yet (pending): {pending}.").format(pending=number(pending))
    return f"{first}\n{second}"


def noted_share(recs: pd.DataFrame | None = None) -> str:
    """Lesson 01: 'Noted: 22,090 of 67,397 recommendations (33%).'"""
    frame = _recs(recs)
    noted = int((frame["response"].astype("string") == "Noted").sum())
    total = len(frame)
    return ngettext("Noted: {noted} of {total} recommendation ({share}).",
                    "Noted: {noted} of {total} recommendations ({share}).", total).format(
        noted=number(noted), total=number(total), share=percent(noted / total if total else 0.0))
