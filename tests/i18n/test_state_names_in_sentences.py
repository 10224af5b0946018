"""States are named as the reader names them, and French sentences stay French around them.

CLDR gives a State's name without its article ("Maroc", "Algérie", "Pays-Bas"), and French
needs one after a preposition ("au Maroc", "de l'Algérie", "par les Pays-Bas"). So a French
sentence never puts a State's name straight after "à", "de", "par" or "pour": it names the
State in apposition ("un autre État (Maroc)", "Maroc : ..."). Spanish needs no article
("a Marruecos", "de Argelia").
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from upr_course.i18n import language
from upr_course.i18n.catalogues import read_catalogue

LOCALE = Path(__file__).resolve().parents[2] / "src" / "upr_course" / "locale"
#: The placeholders that hold a State's name, in the code's format strings.
STATE_PLACEHOLDERS = ("country", "country_s", "state", "made_to")
AFTER_A_PREPOSITION = re.compile(
    r"\b(?:à|au|aux|de|du|des|d'|par|pour|chez|auprès de)\s*\{(" + "|".join(STATE_PLACEHOLDERS) + r")\}", re.IGNORECASE
)


def french_sentences() -> list[tuple[str, str]]:
    catalogue = read_catalogue(LOCALE / "fr" / "LC_MESSAGES" / "upr_course.po", "fr")
    pairs = []
    for message in catalogue:
        if not message.id:
            continue
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        pairs += [(msgid, text) for text in strings if text]
    return pairs


def test_the_check_finds_a_state_after_a_preposition():
    assert AFTER_A_PREPOSITION.search("a été adressée à {made_to}, pas à {country}")
    assert AFTER_A_PREPOSITION.search("les examens de {country_s}") and AFTER_A_PREPOSITION.search("par {state}")
    assert not AFTER_A_PREPOSITION.search("un autre État ({made_to}) que le vôtre ({country})")
    assert not AFTER_A_PREPOSITION.search("recommandée par : {state}") and not AFTER_A_PREPOSITION.search("de {year}")


def test_no_french_sentence_puts_a_state_after_a_preposition():
    wrong = [f"{msgid!r} -> {text!r}" for msgid, text in french_sentences() if AFTER_A_PREPOSITION.search(text)]
    assert not wrong, "Name the State in apposition ('Maroc : ...', 'un autre État (Maroc)'):\n" + "\n".join(wrong)


@pytest.mark.parametrize(("code", "name"), [("es", "Marruecos"), ("fr", "Maroc"), ("en", "Morocco")])
def test_the_timeline_pictures_name_the_state_in_the_readers_language(code, name):
    from upr_course.plots import preparation_figure, timeline_figure
    from upr_course.summaries import preparation_table
    from upr_course.timeline import country_timeline, stage_windows

    day = dt.date(2026, 11, 29)
    with language(code):
        timeline = country_timeline("Morocco", day)
        titles = [ax.get_title(loc="left") for ax in timeline_figure(timeline).axes]
        prep = preparation_table(timeline, stage_windows("Morocco", day), day)
        titles += [ax.get_title(loc="left") for ax in preparation_figure(prep, timeline).axes]
    named = [title for title in titles if title.startswith(f"{name} ") or title.startswith(f"{name}:")]
    assert len(named) == 2, titles


@pytest.mark.parametrize(("code", "kenya", "issue", "uruguay"), [("fr", "Kenya", "Peine de mort", "Uruguay"), ("es", "Kenia", "Pena de muerte", "Uruguay")])
def test_allies_names_the_state_the_issue_and_the_allies_as_the_reader_does(code, kenya, issue, uruguay, capsys):
    from upr_course.cli import main

    assert main(["--lang", code, "allies", "--country", "kenya", "--issue", "death penalty"]) == 0
    shown = capsys.readouterr().out
    title = shown.splitlines()[0]
    assert f"'{issue}'" in title and kenya in title and "kenya" not in title and "death penalty" not in title, title
    assert uruguay in shown
    assert ("Australie" if code == "fr" else "Australia") in shown and ("Irlande" if code == "fr" else "Irlanda") in shown
