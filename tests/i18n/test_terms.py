"""Translations use the UPR's terms as the UN writes them in each language (translations/terms.yaml)."""

from __future__ import annotations

import pytest
import yaml

from upr_course.i18n import messages, notebooks
from upr_course.i18n.catalogues import read_catalogue

TERMS = yaml.safe_load((notebooks.TRANSLATIONS / "terms.yaml").read_text(encoding="utf-8"))


def _translated_texts(code: str) -> dict[str, str]:
    """Every translation of the language: the lessons', glossary's and exercises' passages, and the messages."""
    paths = sorted((notebooks.TRANSLATIONS / code).rglob("*.po"))
    package = messages.catalogue_path(code)
    if package.exists():
        paths.append(package)
    texts = {}
    for path in paths:
        for message in read_catalogue(path, locale=code):
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            for string in strings:
                if message.id and string:
                    texts[f"{path.name}: {str(message.id)[:50]!r}"] = string
    return texts


@pytest.mark.parametrize("code", sorted(TERMS))
def test_no_translation_uses_a_term_the_un_does_not(code):
    found = [f"{where}: {wrong!r} -> write {right!r}" for where, text in _translated_texts(code).items()
             for wrong, right in TERMS[code]["avoid"].items() if wrong in text]
    assert not found, "\n".join(found[:10])


@pytest.mark.parametrize("code", sorted(TERMS))
def test_the_glossary_gives_the_uns_terms(code):
    glossary = (notebooks.lesson_output_dir(code) / "glossary.md").read_text(encoding="utf-8")
    missing = [term for term in TERMS[code]["required"] if term.lower() not in glossary.lower()]
    assert not missing, f"course/{code}/glossary.md does not use: {missing}"
