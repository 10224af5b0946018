"""English words no recommendation uses bring in the words of their family that they use
(``upr_course.match.families``), and the script that builds the list from WordNet
(``scripts/build_word_families.py``) chooses its words as it says, without WordNet here."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from upr_course.match import match
from upr_course.match.families import families, family_words
from upr_course.match.model import corpus_model
from upr_course.match.rank import Query

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_word_families.py"


def test_every_family_word_listed_is_one_the_recommendations_use():
    model = corpus_model()
    table = families()
    assert len(table) > 500
    for word, related in table.items():
        assert related and all(model.knows(r) for r in related.split()), word


def test_a_goal_word_brings_in_its_family():
    assert "hunger" in family_words("children are hungry in the south").split()
    assert family_words("end torture in police custody") == ""
    query = Query.parse("children are hungry in the south")
    assert "hunger" in query.family.split() and "hunger" not in query.english.split()
    # Spanish and French goals too, through the English their glossary gives them.
    for goal, language in [("ataques de grupos islamistas", "es"), ("attaques des groupes islamistes", "fr")]:
        query = Query.parse(goal, language)
        assert "islamists" in query.english.split() and "islam" in query.family.split()


def test_the_family_word_finds_the_recommendations_the_goal_is_about():
    def on_food(goal: str) -> int:
        texts = match("Senegal", goal, top=10)["text"].str.lower()
        return sum(any(w in t for w in ("food", "hunger", "malnutrition", "nutrition")) for t in texts)

    assert on_food("children are hungry") > on_food("children are xqzvbnm")


@pytest.fixture(scope="module")
def build_word_families():
    sys.path.insert(0, str(SCRIPT.parent))
    spec = importlib.util.spec_from_file_location("build_word_families", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class FakeWordNet:
    """Just enough of NLTK's WordNet reader: base forms, senses, derived words, pertainyms."""

    class Lemma:
        def __init__(self, name, derived=(), pertains=()):
            self._name, self._derived, self._pertains = name, derived, pertains

        def name(self):
            return self._name

        def derivationally_related_forms(self):
            return [FakeWordNet.Lemma(d) for d in self._derived]

        def pertainyms(self):
            return [FakeWordNet.Lemma(p) for p in self._pertains]

    class Synset:
        def __init__(self, *lemmas):
            self._lemmas = lemmas

        def lemmas(self):
            return list(self._lemmas)

    BASE = {("hungry", "a"): "hungry", ("beaten", "v"): "beat", ("crushed", "v"): "crush"}
    SENSES = {
        ("hungry", "a"): [Synset(Lemma("hungry", derived=["hunger", "hungriness"]))],
        # "beat" and "crush" share a sense: a synonym is never taken, only the word's own family.
        ("beat", "v"): [Synset(Lemma("beat", derived=["beating"]), Lemma("crush", derived=["crusher"]))],
        ("crush", "v"): [Synset(Lemma("crush"))],
    }

    def morphy(self, word, pos):
        return self.BASE.get((word, pos))

    def synsets(self, word, pos):
        return self.SENSES.get((word, pos), [])


def test_the_script_keeps_family_words_the_recommendations_use_and_never_synonyms(build_word_families):
    vocabulary = {"hunger", "beating", "crush", "hungry_not", "children"}
    families = build_word_families.build(["hungry", "beaten", "crushed", "children", "abc"], vocabulary, FakeWordNet())
    # "hungriness" is no recommendation's word; "crush" is a synonym of "beat", not kept for
    # "beaten"; "crushed" shares its stem with "crush", which the recommendations use, so it
    # needs no entry; "children" is known; "abc" is too short.
    assert families == {"hungry": "hunger", "beaten": "beat beating"}


def test_without_wordnet_the_script_says_how_to_install_it(build_word_families, monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(build_word_families, "WORDNET", tmp_path)
    assert build_word_families.main([]) == 2
    assert "apt-get install wordnet-base wordnet-sense-index" in capsys.readouterr().err


def test_the_lexicographer_files_are_read_from_wordnets_manual(build_word_families):
    manual = "\n".join(f"     {i:02d}     {name}     what it is" for i, name in enumerate(
        ["adj.all", "adj.pert", "adv.all"] + [f"noun.n{i}" for i in range(26)] + [f"verb.v{i}" for i in range(15)] + ["adj.ppl"]))
    text = build_word_families._lexnames(manual)
    assert text.splitlines()[0] == "00\tadj.all\t3" and text.splitlines()[3] == "03\tnoun.n0\t1"
    assert text.splitlines()[44] == "44\tadj.ppl\t3"
    with pytest.raises(SystemExit):
        build_word_families._lexnames("nothing here")
