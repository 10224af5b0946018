"""Map a source's response label to the course's three values: Supported, Noted or Pending.

The UN itself only distinguishes recommendations a State *supports* from those it
*notes*. The course follows UPR Info's documented rule: anything not clearly supported is
Noted. So a split answer ("Supported/Noted" in OHCHR matrices, "partially accepted" in
HRCT's Spanish data, "accepted in part/in principle") becomes Noted. A recommendation with
no answer yet (pending, "under consideration", "to be examined", an empty cell) is
``Pending``: an explicit third value, never a blank and never Noted, so that it is never
counted as a rejection before the State has answered.

An unknown label is an error, not a silent guess: a new label must be added here by a
person who has read what it means.
"""

from __future__ import annotations

import re

from ..errors import UserError
from ..i18n import gettext as _
from ..schema import NOTED, PENDING, SUPPORTED

_LABELS: dict[str, str | None] = {
    # supported
    "supported": SUPPORTED,
    "accepted": SUPPORTED,
    "accept": SUPPORTED,
    "apoyada": SUPPORTED,
    "apoyadas": SUPPORTED,
    "aceptada": SUPPORTED,
    "aceptadas": SUPPORTED,
    "aceptar": SUPPORTED,
    # noted
    "noted": NOTED,
    "not accepted": NOTED,
    "not supported": NOTED,
    "rejected": NOTED,
    "tomada nota": NOTED,
    "se toma nota": NOTED,
    "anotada": NOTED,
    "anotadas": NOTED,
    "rechazada": NOTED,
    # split or qualified answers: not clearly supported, so Noted (UPR Info's rule)
    "supported/noted": NOTED,
    "supported noted": NOTED,
    "noted/supported": NOTED,
    "partially accepted": NOTED,
    "partially supported": NOTED,
    "supported in part": NOTED,
    "accepted in part": NOTED,
    "accepted in principle": NOTED,
    "aceptada parcialmente": NOTED,
    "apoyada parcialmente": NOTED,
    "parcialmente aceptada": NOTED,
    # no answer yet: Pending
    "": PENDING,
    "pending": PENDING,
    "pending to be examined": PENDING,
    "to be examined": PENDING,
    "under consideration": PENDING,
    "will be examined": PENDING,
    "no response": PENDING,
    "not available": PENDING,
    "response not available": PENDING,
    "pendiente": PENDING,
    "en examen": PENDING,
    "na": PENDING,
}
_NOISE = re.compile(r"[\s_\-()]+")


def _key(label: str) -> str:
    return _NOISE.sub(" ", label.replace("\u2013", "-").strip().strip("-").casefold()).strip()


def map_response(label: object) -> str:
    """``"Supported/Noted"`` -> ``"Noted"``; ``"pending"``, "under consideration" or empty -> ``"Pending"``;
    unknown -> UserError."""
    if label is None or (isinstance(label, float) and label != label):
        return PENDING
    key = _key(str(label))
    if key in _LABELS:
        return _LABELS[key]
    raise UserError(
        _(
            "the response '{label}' is not one the importer knows; known answers are Supported, Noted, "
            "Supported/Noted, partially accepted, under consideration and pending (or their Spanish forms)"
        ).format(label=label)
    )
