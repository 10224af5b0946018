"""The script that builds the matcher's lexicons (scripts/build_lexicons.py), without Apertium.

Apertium and wordfreq are needed only to rebuild the lists, never to use the course, so these
tests check the script's own choices on Apertium-like output, and its message when a tool is
missing.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_lexicons.py"


@pytest.fixture(scope="module")
def build_lexicons():
    spec = importlib.util.spec_from_file_location("build_lexicons", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_lexicons"] = module
    spec.loader.exec_module(module)
    return module


VOCABULARY = {"eviction", "release", "political", "prisoners", "expect", "house", "people"}


@pytest.mark.parametrize("apertium, kept", [
    ("Eviction", "eviction"),
    ("They expect", "expect"),            # the subject Apertium adds to a verb is dropped
    ("*desahuciadas", None),              # unknown to Apertium
    ("#Politicos", None),                 # a form Apertium could not generate
    ("Swipes", None),                     # no English recommendation uses it: it cannot help
    ("the house of the people of the political prisoners", None),  # a paraphrase, not a word
])
def test_what_is_kept_of_one_apertium_line(build_lexicons, apertium, kept):
    assert build_lexicons.meaning(apertium, VOCABULARY) == kept


def test_a_word_spelt_like_an_english_word_is_listed_as_itself(build_lexicons, monkeypatch):
    monkeypatch.setattr(build_lexicons, "common_words", lambda language, count: ["política", "desahucio", "casa", "cerró", "cerro"])
    monkeypatch.setattr(build_lexicons, "translate_words", lambda language, words: ["Political", "Eviction", "House", "It closed", "Hill"])
    lexicon = build_lexicons.build("es", 5, VOCABULARY | {"politica", "closed", "hill"})
    # "politica" is in the English vocabulary (as a folded word), so it is listed as itself
    # and the matcher keeps it; "cerró" and "cerro" fold alike: the commoner (first) one's
    # meaning is kept.
    assert lexicon == {"politica": "politica", "desahucio": "eviction", "casa": "house", "cerro": "closed"}


def test_without_apertium_the_script_says_how_to_install_it(build_lexicons, monkeypatch, capsys):
    monkeypatch.setattr(build_lexicons.shutil, "which", lambda name: None)
    assert build_lexicons.main([]) == 2
    assert "apt-get install apertium-eng-spa apertium-fr-es" in capsys.readouterr().err


def test_a_missing_apertium_pair_or_dataset_gets_a_plain_message(build_lexicons, monkeypatch, capsys):
    monkeypatch.setattr(build_lexicons.shutil, "which", lambda name: "/usr/bin/apertium")
    monkeypatch.setattr(build_lexicons.subprocess, "run", lambda *a, **k: type("R", (), {"stdout": "  eng-spa\n  spa-eng\n"})())
    assert build_lexicons.main([]) == 2
    assert "no fr-es translation" in capsys.readouterr().err
