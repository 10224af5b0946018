"""Which language the participant reads, and the package's messages in it.

The language is, in order: the one set in this process (:func:`set_language`, used by the
command line's ``--lang`` and by tests), the ``UPR_COURSE_LANG`` environment variable
(``make lab LANG=es`` sets it for the lab's kernels), then the usual gettext variables
(``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``) so that a computer set up in Spanish
or French gets the course in its language without asking. Anything else is English.

Messages are looked up when they are shown, never when a module is imported, so a
language chosen after import still applies. The catalogues are the ``.po`` files
themselves, compiled in memory on first use (Babel): there is no compiled ``.mo`` file to
forget to rebuild. Fuzzy (out of date) entries are not used: the English text is shown
instead, and ``tests/i18n`` fail until a translator has looked at them.
"""

from __future__ import annotations

import gettext as _gettext
import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

#: The languages the course speaks; English is the source of every text.
LANGUAGES = ("en", "es", "fr")
#: gettext's domain: the catalogues are ``locale/<lang>/LC_MESSAGES/upr_course.po``.
DOMAIN = "upr_course"
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
#: Checked in this order; the first one set decides (as gettext itself does for the last four).
LANGUAGE_VARIABLES = ("UPR_COURSE_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")



class _Choice:
    """The language chosen in this process. A plain global, not a thread- or context-local
    value: a kernel runs each cell and each widget callback in its own context, and a
    choice made in one cell must hold in the next."""

    code: str | None = None


_chosen = _Choice()


def language_code(value: str | None) -> str | None:
    """``'es'`` for ``es``, ``es_MX.UTF-8``, ``es-419`` or ``ES``; None for other languages."""
    if not value:
        return None
    for part in value.split(":"):
        code = part.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
        if code in LANGUAGES:
            return code
    return None


def current_language() -> str:
    """The participant's language: one of :data:`LANGUAGES`."""
    if _chosen.code:
        return _chosen.code
    for variable in LANGUAGE_VARIABLES:
        value = os.environ.get(variable)
        if value:
            code = language_code(value)
            if code:
                return code
            if variable == "UPR_COURSE_LANG":
                continue  # an unknown course language falls back to the computer's
            return "en"
    return "en"


def set_language(code: str | None) -> None:
    """Use ``code`` in this process from now on (None: back to the environment's choice).

    Raises ValueError, with the languages the course has, for a language it does not have.
    """
    if code is None:
        _chosen.code = None
        return
    resolved = language_code(code)
    if resolved is None:
        raise ValueError(f"The course is not available in {code!r}. Choose one of: {', '.join(LANGUAGES)}.")
    _chosen.code = resolved


@contextmanager
def language(code: str | None) -> Iterator[str]:
    """Use ``code`` inside a ``with`` block, then go back to the language used before."""
    previous = _chosen.code
    set_language(code)
    try:
        yield current_language()
    finally:
        _chosen.code = previous


def catalogue_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=None)
def translations(code: str) -> _gettext.NullTranslations:
    """The compiled catalogue of ``code`` (English and a missing catalogue: no translation)."""
    path = catalogue_path(code)
    if code == "en" or not path.exists():
        return _gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalog = read_po(handle, locale=code)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return _gettext.GNUTranslations(compiled)


def gettext(message: str) -> str:
    """``message`` in the participant's language (English when it has no translation)."""
    code = current_language()
    return message if code == "en" else translations(code).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, by the rules of the participant's language."""
    code = current_language()
    if code == "en":
        return singular if n == 1 else plural
    return translations(code).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` where the same English words need different translations (``context``)."""
    code = current_language()
    return message if code == "en" else translations(code).pgettext(context, message)


def N_(message: str) -> str:
    """Marks a message for translation where it is defined; translate it with gettext() where it is shown."""
    return message


def chosen_language() -> str | None:
    """The language someone asked for (``set_language``/``--lang``, then ``UPR_COURSE_LANG``), or None.

    The grader needs to tell a choice from a default: without one, a plan written in Spanish
    or French gets its feedback in the plan's language rather than the computer's.
    """
    if _chosen.code:
        return _chosen.code
    return language_code(os.environ.get("UPR_COURSE_LANG"))
