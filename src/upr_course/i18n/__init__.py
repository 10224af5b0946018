"""The course in the participant's language: English, Spanish or French.

Two kinds of text are translated, each from one English source:

- the package's messages (widgets, the command line, the grader's feedback): marked with
  ``gettext`` / ``ngettext`` / ``N_`` in the code and translated in gettext catalogues,
  ``src/upr_course/locale/<lang>/LC_MESSAGES/upr_course.po`` (:mod:`.messages`,
  :mod:`.catalogues`);
- the lessons, the glossary and the exercises: the English notebooks stay the source, and
  each passage is translated in one catalogue per file under ``translations/<lang>/``, from
  which the translated notebooks are built (:mod:`.notebooks`).

A change to an English message or passage leaves its translation out of date (missing or
"fuzzy" in the catalogue), and ``tests/i18n`` fail until it is translated again.
``scripts/translations.py`` (``make translations``) refreshes the catalogues and rebuilds.
"""

from .messages import (
    LANGUAGES,
    N_,
    chosen_language,
    current_language,
    gettext,
    language,
    ngettext,
    pgettext,
    set_language,
)

__all__ = ["LANGUAGES", "N_", "chosen_language", "current_language", "gettext", "language", "ngettext", "pgettext", "set_language"]
