"""The script that builds the matcher's lexicons (scripts/build_lexicons.py), without Apertium.

Apertium and wordfreq are needed only to rebuild the lists, never to use the course, so these
tests check the script's own choices on Apertium-like output, and its message when a tool is
missing.
"""

from __future__ import annotations

import pytest
from repo_scripts import load_script


@pytest.fixture(scope="module")
def build_lexicons():
    return load_script("build_lexicons")


VOCABULARY = {"eviction", "release", "political", "prisoners", "expect", "house", "people", "forest", "financial"}


@pytest.fixture(scope="module")
def stems(build_lexicons):
    return {build_lexicons.english_stem(w) for w in VOCABULARY}


@pytest.mark.parametrize("apertium, kept", [
    ("Eviction", "eviction"),
    ("They expect", "expect"),            # the subject Apertium adds to a verb is dropped
    ("Forests", "forests"),               # the recommendations say "forest": the stem is shared
    ("*desahuciadas", None),              # unknown to Apertium
    ("#Politicos", None),                 # a form Apertium could not generate
    ("Swipes", None),                     # no English recommendation uses it: it cannot help
    ("the house of the people of the political prisoners", None),  # a paraphrase, not a word
])
def test_what_is_kept_of_one_apertium_line(build_lexicons, stems, apertium, kept):
    assert build_lexicons.meaning(apertium, stems) == kept


def test_a_word_spelt_like_an_english_word_is_listed_as_itself(build_lexicons, monkeypatch):
    words = ["política", "desahucio", "casa", "cerró", "cerro", "financier"]
    monkeypatch.setattr(build_lexicons, "common_words", lambda language, count: words)
    monkeypatch.setattr(build_lexicons, "translate_words",
                        lambda route, words: ["Political", "Eviction", "House", "It closed", "Hill", "financier"])
    lexicon = build_lexicons.build("es", len(words), VOCABULARY | {"politica", "closed", "hill"})
    # "politica" is in the English vocabulary (as a folded word), so it is listed as itself
    # and the matcher keeps it; "cerró" and "cerro" fold alike: the commoner (first) one's
    # meaning is kept. A word Apertium leaves as it is ("financier", whose stem the
    # recommendations' "financial" shares) is a real word and is kept as itself too.
    assert lexicon == {"politica": "politica", "desahucio": "eviction", "casa": "house", "cerro": "closed",
                       "financier": "financier"}


def test_a_later_route_places_the_words_the_first_one_loses(build_lexicons, monkeypatch):
    monkeypatch.setattr(build_lexicons, "common_words", lambda language, count: ["faim", "forêts", "gâteau"])
    routes = {"first": ["It wins", "Forests", "*gâteau"], "second": ["hunger", "woods", "*gâteau"]}
    monkeypatch.setitem(build_lexicons.PIPELINES, "xx", [[["first"]], [["second"]]])
    monkeypatch.setattr(build_lexicons, "translate_words", lambda route, words: routes[route[0][0]])
    lexicon = build_lexicons.build("xx", 3, {"hunger", "forest", "woods"})
    # "wins" is no recommendation's word: the second route's "hunger" is taken; where the
    # first route places a word, its meaning stands; a word no route knows is left out.
    assert lexicon == {"faim": "hunger", "forets": "forests"}


def test_without_apertium_the_script_says_how_to_install_it(build_lexicons, monkeypatch, capsys):
    monkeypatch.setattr(build_lexicons.shutil, "which", lambda name: None)
    assert build_lexicons.main([]) == 2
    assert "apt-get install apertium-eng-spa apertium-fr-es" in capsys.readouterr().err


def test_a_missing_apertium_pair_or_dataset_gets_a_plain_message(build_lexicons, monkeypatch, capsys):
    monkeypatch.setattr(build_lexicons.shutil, "which", lambda name: "/usr/bin/apertium")
    monkeypatch.setattr(build_lexicons.subprocess, "run", lambda *a, **k: type("R", (), {"stdout": "  eng-spa\n  spa-eng\n"})())
    assert build_lexicons.main([]) == 2
    assert "no fr-es translation" in capsys.readouterr().err


def test_what_a_build_script_lacks_is_said_with_how_to_get_it(build_lexicons, monkeypatch, tmp_path):
    assert build_lexicons.missing_inputs(["json"]) is None  # the datasets are built here, json is there
    assert build_lexicons.missing_inputs(["no_such_module_xyz"]) == (
        "no_such_module_xyz not installed in this Python: pip install no_such_module_xyz")
    monkeypatch.setattr(build_lexicons, "ROOT", tmp_path)
    assert "build the datasets first (make data)" in build_lexicons.missing_inputs(["json"])
