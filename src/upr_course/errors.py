"""Errors that are the user's to fix, not bugs.

Every face of the course (command line, notebook, grader) shows a ``UserError`` as
its plain message and nothing else: no traceback. The command line exits with code 2.
Messages are in the participant's language (``upr_course.i18n``), looked up when raised.
"""

from .i18n import N_, gettext


class UserError(Exception):
    """Bad input that the person can fix; ``str(error)`` says how."""


class UnknownCountryError(UserError, LookupError):
    """A country name that matches no State under Review; carries close suggestions."""

    def __init__(self, name: str, suggestions: list[str]):
        self.name = name
        self.suggestions = list(suggestions)
        if self.suggestions:
            text = gettext("'{name}' is not a country we know. Did you mean {suggestions}?")
        else:
            text = gettext("'{name}' is not a country we know. Use the name of a UN Member State or its three-letter ISO code, for example 'Kenya' or 'KEN'.")
        super().__init__(text.format(name=name, suggestions=_or_list(self.suggestions)))


def _or_list(items: list[str]) -> str:
    quoted = [f"'{item}'" for item in items]
    if len(quoted) <= 1:
        return "".join(quoted)
    return gettext("{items} or {last}").format(items=", ".join(quoted[:-1]), last=quoted[-1])


# -- in a notebook: the message, without a traceback ------------------------------------------

#: The line under the message in a notebook, so that a participant knows what to do.
NOTEBOOK_HINT = N_("This is the course telling you what to fix, not a bug. Fix it, then run the cell again.")


def notebook_lines(error: BaseException) -> list[str]:
    """What a notebook shows for a ``UserError``: its kind and message, and the hint.

    No traceback, so no file paths of the course's package or of the computer."""
    return [f"\x1b[0;31m{type(error).__name__}\x1b[0m: {error}", gettext(NOTEBOOK_HINT)]


def show_in_notebook(shell=None) -> bool:
    """In IPython (a notebook's kernel), show every ``UserError`` as :func:`notebook_lines`.

    The cell still fails (Run All stops there, as for any error), but shows the plain message
    only. Called when the package is imported; returns False outside IPython."""
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:  # pragma: no cover - IPython comes with the course
            return False
        shell = get_ipython()
    if shell is None or not hasattr(shell, "set_custom_exc"):
        return False

    def handler(self, etype, value, tb, tb_offset=None):
        lines = notebook_lines(value)
        self._showtraceback(etype, value, lines)
        return lines

    shell.set_custom_exc((UserError,), handler)
    return True
