"""UPR Info's issue names in the participant's language, for what the course shows.

Why: the data tags each recommendation with UPR Info's issues, named in English ("Death
penalty"), and keeps them so: filters, JSON output, the grader and the matcher all work on
those names. A Spanish or French reader should still read "Pena de muerte" or "Peine de mort",
as the UN's own documents in their language say. So every place that *shows* an issue name
passes it through :func:`issue_label`, whose translations live in the package's gettext
catalogues (context "UPR Info issue"), like every other message.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from .i18n import LANGUAGES, current_language, language, pgettext


def _labels() -> dict[str, str]:
    """Each issue's name in the current language (the calls mark them for the catalogues)."""
    return {
        "Asylum-seekers - refugees": pgettext("UPR Info issue", "Asylum-seekers - refugees"),
        "Business and human rights": pgettext("UPR Info issue", "Business and human rights"),
        "CP rights - general": pgettext("UPR Info issue", "CP rights - general"),
        "Civil society": pgettext("UPR Info issue", "Civil society"),
        "Corruption": pgettext("UPR Info issue", "Corruption"),
        "Counter-terrorism": pgettext("UPR Info issue", "Counter-terrorism"),
        "Death penalty": pgettext("UPR Info issue", "Death penalty"),
        "Detention": pgettext("UPR Info issue", "Detention"),
        "Development": pgettext("UPR Info issue", "Development"),
        "Disabilities": pgettext("UPR Info issue", "Disabilities"),
        "ESC rights - general": pgettext("UPR Info issue", "ESC rights - general"),
        "Elections": pgettext("UPR Info issue", "Elections"),
        "Enforced disappearances": pgettext("UPR Info issue", "Enforced disappearances"),
        "Environment": pgettext("UPR Info issue", "Environment"),
        "Extrajudicial executions": pgettext("UPR Info issue", "Extrajudicial executions"),
        "Freedom of association and peaceful assembly": pgettext("UPR Info issue", "Freedom of association and peaceful assembly"),
        "Freedom of movement": pgettext("UPR Info issue", "Freedom of movement"),
        "Freedom of opinion and expression": pgettext("UPR Info issue", "Freedom of opinion and expression"),
        "Freedom of religion and belief": pgettext("UPR Info issue", "Freedom of religion and belief"),
        "Freedom of the press": pgettext("UPR Info issue", "Freedom of the press"),
        "General": pgettext("UPR Info issue", "General"),
        "HIV - Aids": pgettext("UPR Info issue", "HIV - Aids"),
        "Human rights defenders": pgettext("UPR Info issue", "Human rights defenders"),
        "Human rights education and training": pgettext("UPR Info issue", "Human rights education and training"),
        "Human rights violations by state agents": pgettext("UPR Info issue", "Human rights violations by state agents"),
        "Impunity": pgettext("UPR Info issue", "Impunity"),
        "Indigenous peoples": pgettext("UPR Info issue", "Indigenous peoples"),
        "Internally displaced persons": pgettext("UPR Info issue", "Internally displaced persons"),
        "International humanitarian law": pgettext("UPR Info issue", "International humanitarian law"),
        "International instruments": pgettext("UPR Info issue", "International instruments"),
        "Justice": pgettext("UPR Info issue", "Justice"),
        "Labour": pgettext("UPR Info issue", "Labour"),
        "Migrants": pgettext("UPR Info issue", "Migrants"),
        "Minorities": pgettext("UPR Info issue", "Minorities"),
        "National Human Rights Institution": pgettext("UPR Info issue", "National Human Rights Institution"),
        "Other": pgettext("UPR Info issue", "Other"),
        "Poverty": pgettext("UPR Info issue", "Poverty"),
        "Privacy": pgettext("UPR Info issue", "Privacy"),
        "Public security": pgettext("UPR Info issue", "Public security"),
        "Racial discrimination": pgettext("UPR Info issue", "Racial discrimination"),
        "Right to education": pgettext("UPR Info issue", "Right to education"),
        "Right to food": pgettext("UPR Info issue", "Right to food"),
        "Right to health": pgettext("UPR Info issue", "Right to health"),
        "Right to housing": pgettext("UPR Info issue", "Right to housing"),
        "Right to land": pgettext("UPR Info issue", "Right to land"),
        "Right to water and sanitation": pgettext("UPR Info issue", "Right to water and sanitation"),
        "Rights of the Child": pgettext("UPR Info issue", "Rights of the Child"),
        "Sexual Orientation and Gender Identity": pgettext("UPR Info issue", "Sexual Orientation and Gender Identity"),
        "Special procedures": pgettext("UPR Info issue", "Special procedures"),
        "Statelessness and the right to nationality": pgettext("UPR Info issue", "Statelessness and the right to nationality"),
        "Technical assistance and cooperation": pgettext("UPR Info issue", "Technical assistance and cooperation"),
        "Torture and other CID treatment": pgettext("UPR Info issue", "Torture and other CID treatment"),
        "Trafficking": pgettext("UPR Info issue", "Trafficking"),
        "Treaty bodies": pgettext("UPR Info issue", "Treaty bodies"),
        "UPR process": pgettext("UPR Info issue", "UPR process"),
        "Women's rights": pgettext("UPR Info issue", "Women's rights"),
    }


def issue_label(name: str) -> str:
    """``name`` (an issue of the data, in English) as the reader's language names it; a name
    that is not one of UPR Info's issues is shown as it is."""
    if current_language() == "en":
        return name
    return _labels().get(name, name)


def issue_labels(names) -> list[str]:
    """Several issue names, each as :func:`issue_label` shows it."""
    return [issue_label(str(name)) for name in names]


def labelled_issues(names) -> list[tuple[str, str]]:
    """(label, name) for each issue name, A to Z by label as a reader expects it ("Éducation"
    with the E's): the lists of the widgets and of ``upr-course data info``."""
    return sorted(((issue_label(str(name)), str(name)) for name in names), key=lambda pair: _folded(pair[0]))


def _folded(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text).strip().casefold())
    return " ".join("".join(ch for ch in text if not unicodedata.combining(ch)).split())


@lru_cache(maxsize=1)
def _names_by_label() -> dict[str, str]:
    """Every issue's name in every language the course speaks, folded -> the data's name."""
    found = {}
    for code in LANGUAGES:
        with language(code):
            labels = _labels() if code != "en" else {name: name for name in _labels()}
        for name, label in labels.items():
            found.setdefault(_folded(label), name)
    return found


def issue_from_label(text: str) -> str | None:
    """The data's issue name for ``text`` written as any of the course's languages shows it
    ("Pena de muerte", "peine de mort", "Death penalty"; case and accents do not matter), or
    None. Why: the lists show the names in the reader's language, so the reader types them so."""
    return _names_by_label().get(_folded(text)) if text and str(text).strip() else None
