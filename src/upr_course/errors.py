"""Errors that are the user's to fix, not bugs.

Every face of the course (command line, notebook, grader) shows a ``UserError`` as
its plain message and nothing else: no traceback. The command line exits with code 2.
"""


class UserError(Exception):
    """Bad input that the person can fix; ``str(error)`` says how."""


class UnknownCountryError(UserError, LookupError):
    """A country name that matches no State under Review; carries close suggestions."""

    def __init__(self, name: str, suggestions: list[str]):
        self.name = name
        self.suggestions = list(suggestions)
        hint = (
            f" Did you mean {_or_list(self.suggestions)}?"
            if self.suggestions
            else " Use the name of a UN Member State or its three-letter ISO code, for example 'Kenya' or 'KEN'."
        )
        super().__init__(f"'{name}' is not a country we know.{hint}")


def _or_list(items: list[str]) -> str:
    quoted = [f"'{item}'" for item in items]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]
