"""UPR Info's issue names are shown in the reader's language (``issue_names.py``), while the
data, the filters and the JSON keep UPR Info's English names."""

from __future__ import annotations

import unicodedata

import pytest

from upr_course import data
from upr_course.i18n import language, set_language
from upr_course.issue_names import _labels, issue_label, issue_labels


@pytest.mark.parametrize("code", ["es", "fr"])
def test_every_issue_of_the_data_has_a_name_in_each_language(code):
    issues = data.issues()["issue"].astype(str).tolist()
    with language(code):
        labels = _labels()
    assert sorted(labels) == sorted(issues), "issue_names.py must list exactly the data's issues"
    translated = {name: labels[name] for name in issues}
    # A few names are the same words in both languages ("Corruption", "Migrants" in French).
    same = [name for name, label in translated.items() if label == name]
    assert len(same) <= 5, same


def test_the_uns_words_are_used():
    with language("es"):
        assert issue_label("Death penalty") == "Pena de muerte"
        assert issue_label("Enforced disappearances") == "Desapariciones forzadas"
    with language("fr"):
        assert issue_label("Death penalty") == "Peine de mort"
        assert issue_labels(["Indigenous peoples", "Women's rights"]) == ["Peuples autochtones", "Droits des femmes"]
    assert issue_label("Death penalty") == "Death penalty"


def test_a_name_that_is_no_issue_is_shown_as_it_is():
    with language("fr"):
        assert issue_label("Something else") == "Something else"


def test_the_command_line_shows_the_issues_in_french_but_filters_on_the_datas_names(capsys):
    from upr_course.cli import main

    try:
        code = main(["--lang", "fr", "match", "--country", "Morocco", "--goal", "abolir la peine de mort", "--top", "3",
                     "--issue", "Death penalty"])
    finally:
        set_language(None)
    shown = capsys.readouterr().out
    assert code in (0, None)
    assert "thèmes : Peine de mort" in shown and "Death penalty" not in shown


def test_the_issue_lists_show_the_readers_names_and_keep_the_datas_values():
    from upr_course.widgets.explorers import issue_options

    with language("es"):
        options = dict(issue_options(include_all=False))
    assert options["Pena de muerte"] == "Death penalty"
    assert options["Derechos de la mujer"] == "Women's rights"
    labels = list(options)  # A to Z as a reader expects it: "Órganos" with the O's
    plain = [unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode().casefold() for label in labels]
    assert plain == sorted(plain)


def test_an_issue_typed_as_the_readers_lists_show_it_is_understood():
    from upr_course.issue_names import issue_from_label
    from upr_course.match.filters import parse_issue
    from upr_course.summaries import check_issue

    assert issue_from_label("Pena de muerte") == "Death penalty"
    assert issue_from_label("  peine DE mort ") == "Death penalty"
    assert issue_from_label("Detencion") == "Detention"  # accents may be left out
    assert issue_from_label("not an issue") is None and issue_from_label("") is None
    assert parse_issue("Droits des femmes") == "Women's rights"
    assert check_issue("Desapariciones forzadas") == "Enforced disappearances"


def test_the_command_line_filters_on_an_issue_named_in_spanish(capsys):
    from upr_course.cli import main

    try:
        code = main(["--lang", "es", "match", "--country", "Kenya", "--goal", "tortura", "--issue", "Pena de muerte", "--top", "3"])
    finally:
        set_language(None)
    shown = capsys.readouterr()
    assert code in (0, None), shown.err
    assert "temas: Pena de muerte" in shown.out


@pytest.mark.parametrize("code, shown", [("en", ["Death penalty", "Women's rights"]), ("fr", ["Peine de mort", "Droits des femmes"])])
def test_the_command_that_a_wrong_issue_points_to_lists_the_issues(capsys, code, shown):
    # A wrong --issue says "Run 'upr-course data info' to see the issue names": it must list them.
    from upr_course.cli import main

    try:
        assert main(["--lang", code, "match", "--country", "Kenya", "--goal", "torture", "--issue", "zzzz"]) == 2
        assert "upr-course data info" in capsys.readouterr().err
        assert main(["--lang", code, "data", "info"]) in (0, None)
    finally:
        set_language(None)
    listed = capsys.readouterr().out
    assert all(name in listed for name in shown), listed
