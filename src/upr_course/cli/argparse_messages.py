"""argparse's own messages in the participant's language.

argparse says "the following arguments are required: --country" through the standard
``gettext`` module, which has no Spanish or French for them here. Its messages are copied
below, marked for the course's catalogue, and argparse's lookup is pointed at the course's
(``translate_argparse``), so that a usage error reads in the same language as the rest. A
message of another Python version that is not listed stays in English.
"""

from __future__ import annotations

import argparse

from ..i18n import N_, gettext, ngettext

#: argparse's messages (Python 3.11 to 3.13), exactly as argparse writes them.
MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("ignored explicit argument %r"),
    N_("%(prog)s: error: %(message)s\n"),
)


def _plural_messages() -> None:
    """argparse's messages with a plural, here only to be extracted into the catalogue as plurals."""
    ngettext("expected %s argument", "expected %s arguments", 2)


def translate_argparse() -> None:
    """Point argparse's message lookup at the course's catalogue (English stays as argparse has it)."""
    argparse._ = gettext
    argparse.ngettext = ngettext
