"""The participant's language is found where they set it, and messages come from the catalogue."""

from __future__ import annotations

import pytest

from upr_course.i18n import catalogues, messages


@pytest.fixture
def environment(monkeypatch):
    for variable in messages.LANGUAGE_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    messages.set_language(None)
    yield monkeypatch
    messages.set_language(None)


@pytest.mark.parametrize(
    "value, code",
    [("es", "es"), ("es_MX.UTF-8", "es"), ("fr-CA", "fr"), ("FR", "fr"), ("de_DE.UTF-8", None), ("C.UTF-8", None),
     ("", None), ("de:fr", "fr"), ("en_GB", "en")],
)
def test_language_code_reads_locale_names(value, code):
    assert messages.language_code(value) == code


@pytest.mark.parametrize(
    "settings, expected",
    [
        ({}, "en"),
        ({"LANG": "es_ES.UTF-8"}, "es"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "es_ES.UTF-8", "LC_ALL": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"UPR_COURSE_LANG": "fr", "LANG": "es_ES.UTF-8"}, "fr"),
        ({"UPR_COURSE_LANG": "klingon", "LANG": "es_ES.UTF-8"}, "es"),
        ({"LANGUAGE": "fr:en", "LANG": "en_US.UTF-8"}, "fr"),
    ],
    ids=lambda v: str(v),
)
def test_language_comes_from_the_course_setting_then_the_computer(environment, settings, expected):
    for variable, value in settings.items():
        environment.setenv(variable, value)
    assert messages.current_language() == expected


def test_a_language_chosen_in_the_process_beats_the_environment(environment):
    environment.setenv("UPR_COURSE_LANG", "fr")
    with messages.language("es"):
        assert messages.current_language() == "es"
    assert messages.current_language() == "fr"


def test_an_unknown_language_is_refused_with_the_choices(environment):
    with pytest.raises(ValueError, match="en, es, fr"):
        messages.set_language("de")


PO = r'''
msgid ""
msgstr ""
"Language: es\n"
"Content-Type: text/plain; charset=utf-8\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

msgid "Plan saved."
msgstr "Plan guardado."

#, fuzzy
msgid "Your plan has {n} activities."
msgstr "Tu plan tiene actividades."

msgid "one activity"
msgid_plural "{n} activities"
msgstr[0] "una actividad"
msgstr[1] "{n} actividades"

msgctxt "recommendation response"
msgid "noted"
msgstr "de la que se tomó nota"
'''


@pytest.fixture
def spanish_catalogue(tmp_path, environment):
    path = tmp_path / "es" / "LC_MESSAGES" / f"{messages.DOMAIN}.po"
    path.parent.mkdir(parents=True)
    path.write_text(PO, encoding="utf-8")
    environment.setattr(messages, "LOCALE_DIR", tmp_path)
    messages.translations.cache_clear()
    yield path
    messages.translations.cache_clear()


def test_messages_are_translated_and_fuzzy_ones_stay_english(spanish_catalogue):
    with messages.language("es"):
        assert messages.gettext("Plan saved.") == "Plan guardado."
        assert messages.gettext("Your plan has {n} activities.") == "Your plan has {n} activities."
        assert messages.ngettext("one activity", "{n} activities", 3) == "{n} actividades"
        assert messages.ngettext("one activity", "{n} activities", 1) == "una actividad"
        assert messages.pgettext("recommendation response", "noted") == "de la que se tomó nota"
        assert messages.gettext("Not in the catalogue") == "Not in the catalogue"
    assert messages.gettext("Plan saved.") == "Plan saved."


def test_catalogue_problems_name_missing_fuzzy_and_broken_placeholders(spanish_catalogue):
    from babel.messages.catalog import Catalog

    template = Catalog()
    template.add("Plan saved.")
    template.add("Your plan has {n} activities.")
    template.add("Not translated yet")
    template.add(("one activity", "{n} activities"))
    catalog = catalogues.read_catalogue(spanish_catalogue, locale="es")
    catalog.get(("one activity", "{n} activities")).string = ("una actividad", "varias actividades")
    found = {p.message: p.problem for p in catalogues.catalogue_problems(template, catalog, spanish_catalogue)}
    assert set(found) == {"Your plan has {n} activities.", "Not translated yet", "one activity"}
    assert "fuzzy" in found["Your plan has {n} activities."]
    assert found["Not translated yet"] == "not translated"
    assert "placeholders" in found["one activity"]


def test_the_package_catalogues_hold_every_message_the_code_marks():
    """After ``make translations`` every marked message has an entry (maybe still empty) in each catalogue."""
    template = catalogues.extract_package_messages()
    for code in catalogues.translated_languages():
        catalog = catalogues.read_catalogue(messages.catalogue_path(code), locale=code)
        missing = [m.id for m in template if m.id and catalog.get(m.id, context=m.context) is None]
        assert not missing, f"{code}: run make translations; not in the catalogue: {missing[:5]}"
