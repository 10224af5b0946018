"""Gettext catalogues: extract the English messages, update the translations, check them.

Used by ``scripts/translations.py`` (``make translations``) and by ``tests/i18n``. Babel does
the reading and writing; this module says where the files are and what "complete" means:
every English message has a translation that is not fuzzy, and the translation keeps the
message's placeholders (``{country}``, ``%s``) so that it can be filled in.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po, write_po

from .messages import DOMAIN, LANGUAGES, LOCALE_DIR, catalogue_path

PACKAGE_DIR = LOCALE_DIR.parent
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
#: gettext's usual keywords, and N_ for messages marked where they are defined.
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None}
PROJECT = "upr-course"
COPYRIGHT = "the UPR course's contributors"
#: The plural rule translators know from gettext (CLDR, which Babel follows, gives Spanish
#: and French a third form for millions, which no message here needs).
PLURAL_FORMS = {"es": (2, "(n != 1)"), "fr": (2, "(n > 1)")}
#: ``{name}``, ``{0}``, ``{name!r:>10}`` and printf-style ``%s`` / ``%(name)s``.
PLACEHOLDER = re.compile(r"\{[^{}\s]*\}|%(?:\([^)]+\))?[sdifr]")


@dataclass(frozen=True)
class CatalogueProblem:
    """One entry a translator must look at, said so that they can find it."""

    path: Path
    message: str
    problem: str

    def __str__(self) -> str:
        short = self.message if len(self.message) <= 70 else self.message[:67] + "..."
        return f"{self.path}: {self.problem}: {short!r}"


def translated_languages() -> tuple[str, ...]:
    return tuple(code for code in LANGUAGES if code != "en")


def read_catalogue(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


#: Header lines that change at every extraction; a catalogue that differs only there is not rewritten.
_DATE_LINES = re.compile(rb'^"(?:POT-Creation-Date|PO-Revision-Date): [^"]*"\n', re.M)


def write_catalogue(path: Path, catalog: Catalog) -> bool:
    """Write ``catalog`` (without line numbers, so moving code does not change it); False if nothing changed."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, include_lineno=False, ignore_obsolete=True, sort_output=False)
    new = buffer.getvalue()
    if path.exists() and _DATE_LINES.sub(b"", path.read_bytes()) == _DATE_LINES.sub(b"", new):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(new)
    return True


def extract_package_messages() -> Catalog:
    """Every message the package marks for translation, in the order of its files."""
    catalog = Catalog(project=PROJECT, domain=DOMAIN, charset="utf-8", fuzzy=False)
    method_map = [("**/locale/**", "ignore"), ("**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(
        str(PACKAGE_DIR), method_map=method_map, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",), strip_comment_tags=True
    ):
        catalog.add(message, locations=[(f"upr_course/{filename}", lineno)], auto_comments=comments, context=context)
    return catalog


def new_catalogue(code: str, domain: str = DOMAIN) -> Catalog:
    """An empty catalogue for ``code`` with gettext's usual plural rule for it."""
    catalog = Catalog(locale=code, project=PROJECT, domain=domain, charset="utf-8", fuzzy=False, copyright_holder=COPYRIGHT)
    if code in PLURAL_FORMS:
        # Babel reads these two from a catalogue's Plural-Forms header; set here as it would be.
        catalog._num_plurals, catalog._plural_expr = PLURAL_FORMS[code]
    return catalog


def update_catalogue(template: Catalog, path: Path, code: str) -> Catalog:
    """The translations of ``code`` brought up to ``template``: new messages empty, changed ones fuzzy."""
    if path.exists():
        catalog = read_catalogue(path, locale=code)
        catalog.update(template, update_header_comment=False)
    else:
        catalog = new_catalogue(code, template.domain or DOMAIN)
        catalog.update(template)
    return catalog


def update_package_catalogues() -> list[Path]:
    """Extract the template and update every language's catalogue; return the files written."""
    template = extract_package_messages()
    written = [TEMPLATE] if write_catalogue(TEMPLATE, template) else []
    for code in translated_languages():
        path = catalogue_path(code)
        if write_catalogue(path, update_catalogue(template, path, code)):
            written.append(path)
    return written


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def catalogue_problems(template: Catalog, catalog: Catalog, path: Path) -> list[CatalogueProblem]:
    """Messages of ``template`` that ``catalog`` leaves in English or would break when shown."""
    problems = []
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id, context=message.context)
        english = message.id[0] if isinstance(message.id, tuple) else message.id
        if found is None or not _has_translation(found.string):
            problems.append(CatalogueProblem(path, english, "not translated"))
            continue
        if found.fuzzy:
            problems.append(CatalogueProblem(path, english, "out of date (fuzzy): check the translation, then remove 'fuzzy'"))
            continue
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = found.string if isinstance(found.string, tuple) else (found.string,)
        wanted = placeholders(sources[-1])
        for string in strings:
            if placeholders(string) != wanted:
                problems.append(CatalogueProblem(path, english, f"placeholders differ: {wanted} in English, {placeholders(string)} translated"))
                break
    return problems


def _has_translation(string) -> bool:
    if isinstance(string, tuple):
        return all(part.strip() for part in string)
    return bool(string and string.strip())


def package_catalogue_problems(template: Catalog | None = None) -> list[CatalogueProblem]:
    """What is missing or out of date in the package's catalogues, for every language."""
    template = template if template is not None else extract_package_messages()
    problems = []
    for code in translated_languages():
        path = catalogue_path(code)
        if not path.exists():
            problems.append(CatalogueProblem(path, "(the whole catalogue)", "missing: run make translations"))
            continue
        problems.extend(catalogue_problems(template, read_catalogue(path, locale=code), path))
    return problems
