"""The matcher on the course's data: country scoping, joint recommendations, filters, the
vocabulary gap (plain words -> UN terms), Spanish goals, bad input, the CLI and the widget."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from upr_course import data
from upr_course.cli import main
from upr_course.errors import UnknownCountryError, UserError
from upr_course.match import goal_relevance, match
from upr_course.language import detect_language
from upr_course.match.glossary import translate
from upr_course.match.joint import group_joint
from upr_course.match.text import terms
from upr_course.match.vocabulary import expand

REQUIRED = {"id", "country", "session", "cycle", "recommending_state", "text", "response", "action_category", "issues", "score"}


def _texts(result, k):
    return " ".join(result["text"].head(k)).lower()


# --- vocabulary gap -------------------------------------------------------------------

@pytest.mark.parametrize("country", ["Nepal", "India"])
def test_dalits_goal_finds_caste_and_descent_recommendations(country):
    result = match(country, "end discrimination against Dalits", top=5)
    hits = [t for t in result["text"].str.lower() if "caste" in t or "dalit" in t or "descent" in t or "untouchab" in t]
    assert len(hits) >= 4, result["text"].tolist()


@pytest.mark.parametrize("country", ["Mexico", "Sri Lanka"])
def test_find_the_disappeared_finds_enforced_disappearance_recommendations(country):
    result = match(country, "find the disappeared", top=5)
    assert all("disappear" in t for t in result["text"].str.lower()), result["text"].tolist()


def test_enforced_disappearance_terms_reach_the_convention():
    result = match("Sri Lanka", "find the disappeared", top=10)
    assert "international convention for the protection of all persons from enforced disappearance" in _texts(result, 10)


@pytest.mark.parametrize("country", ["Uganda", "Jamaica"])
def test_lgbt_finds_sexual_orientation_recommendations(country):
    result = match(country, "LGBT", top=5)
    words = ("sexual orientation", "lgbt", "same-sex", "homosexual", "gay", "lesbian", "gender identity")
    assert all(any(w in t for w in words) for t in result["text"].str.lower()), result["text"].tolist()
    assert "sexual orientation" in _texts(match(country, "LGBT", top=10), 10)


@pytest.mark.parametrize("country", ["Kenya", "United States"])
def test_stop_executions_finds_death_penalty_and_moratorium(country):
    result = match(country, "stop executions", top=5)
    assert all(("death penalty" in t or "moratorium" in t or "capital punishment" in t or "execution" in t) for t in result["text"].str.lower())
    assert "moratorium" in _texts(result, 5) or "abolish" in _texts(result, 5)


def test_torture_goal_reaches_cat_and_opcat():
    result = match("Kenya", "stop torture by the police", top=10)
    text = _texts(result, 10)
    assert "torture" in text and ("optional protocol" in text or "opcat" in text)


def test_spanish_goal_is_translated_and_matched():
    assert detect_language("acabar con la violencia contra las mujeres") == "es"
    assert detect_language("end violence against women") == "en"
    assert "violence against women" in translate("acabar con la violencia contra las mujeres", "es")
    result = match("Costa Rica", "acabar con la violencia contra las mujeres", top=5)
    assert all("violence" in t for t in result["text"].str.lower())
    # An issue of UPR Info's own list, in its Spanish abbreviation:
    assert translate("personas con VIH/SIDA", "es") == "persons hiv aids"
    assert "hiv" in match("Costa Rica", "discriminación de personas con VIH", top=1)["text"].iloc[0].lower()


def test_expansion_points_to_issues_and_terms():
    expansion = expand("find the disappeared")
    assert "Enforced disappearances" in expansion.issues and "enforced disappearance" in expansion.added_terms.lower()
    assert expand("Dalits").issues[:1] == ("Minorities",)
    assert expand("a cup of tea").issues == ()


def test_terms_stem_and_drop_boilerplate():
    assert terms("Continue its efforts to ensure the disappeared") == ["disappear"]
    assert terms("Disappearances") == ["disappear"]


# --- country scoping and joint recommendations ------------------------------------------

COUNTRIES = sorted(data.recommendations()["sur"].astype(str).unique())


def _readable(text: str) -> bool:
    """A goal the matcher reads: some letter of the Latin alphabet (others get a plain message)."""
    from upr_course.match.text import fold

    return any("a" <= ch <= "z" for ch in fold(text))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(country=st.sampled_from(COUNTRIES), goal=st.text(min_size=1, max_size=40).filter(_readable))
def test_every_result_belongs_to_the_country_asked_for(country, goal):
    result = match(country, goal, top=20)
    assert (result["country"] == country).all()
    iso3 = data.find_country(country).iso3
    recommendations = data.recommendations().set_index("id")
    for ids in result["ids"]:
        assert set(recommendations.loc[ids, "sur_iso3"].astype(str)) == {iso3}


def test_result_columns_scores_and_order():
    result = match("Kenya", "end torture in police custody", top=10)
    assert REQUIRED <= set(result.columns)
    assert len(result) == 10
    assert result["score"].is_monotonic_decreasing
    assert result["score"].between(0, 1).all()
    assert all(isinstance(tags, list) for tags in result["issues"])
    assert result["id"].is_unique


def test_joint_recommendation_appears_once_with_all_its_states():
    frame = data.recommendations()
    sizes = frame.groupby("joint_group").size()
    group = sizes[sizes >= 3].index[0]
    rows = frame[frame["joint_group"] == group]
    country, text = rows["sur"].iloc[0], rows["text"].iloc[0]
    result = match(country, text, top=None)
    same = result[result["text"] == text]
    assert len(same[same["ids"].map(lambda ids: set(ids) == set(rows["id"]))]) == 1
    row = same[same["ids"].map(lambda ids: set(ids) == set(rows["id"]))].iloc[0]
    for state in rows["recommending_state"].astype(str):
        assert state in row["recommending_state"].split(", ")
    assert row["n_states"] == len(rows)
    assert not result["ids"].explode().duplicated().any()


def test_group_joint_on_a_hand_made_table():
    import pandas as pd

    rows = pd.DataFrame(
        {
            "id": ["X-1", "X-2", "X-3"], "joint_group": ["G1", "G1", "X-3"], "sur": ["X"] * 3, "sur_iso3": ["XXX"] * 3,
            "session": [1, 1, 1], "cycle": [1, 1, 1], "recommending_state": ["A", "B", "C"], "rs_iso3": ["AAA", "BBB", "CCC"],
            "text": ["t1", "t1", "t2"], "response": ["Noted", "Noted", "Supported"], "action_category": [5, 5, 3],
            "issues": ["Death penalty", "Death penalty", None],
        }
    )
    grouped = group_joint(rows)
    assert grouped["recommending_state"].tolist() == ["A, B", "C"]
    assert grouped["ids"].tolist() == [["X-1", "X-2"], ["X-3"]]
    assert grouped["issues"].tolist() == [["Death penalty"], []]


# --- filters ------------------------------------------------------------------------

def test_filters_keep_only_what_they_say():
    noted = match("Kenya", "death penalty", response="noted", top=None)
    assert len(noted) and (noted["response"] == "Noted").all()
    cycle2 = match("Kenya", "death penalty", cycle=2, top=None)
    assert len(cycle2) and (cycle2["cycle"] == 2).all()
    session = int(cycle2["session"].iloc[0])
    assert (match("Kenya", "death penalty", session=session, top=None)["session"] == session).all()
    tagged = match("Kenya", "anything at all", issue="death penalty", top=None)
    assert len(tagged) and all("Death penalty" in tags for tags in tagged["issues"])
    by_uruguay = match("Kenya", "death penalty", recommending_state="URY", top=None)
    assert len(by_uruguay) and all("Uruguay" in s for s in by_uruguay["recommending_state"])


def test_a_right_filter_that_leaves_nothing_is_an_empty_result():
    result = match("Kenya", "death penalty", cycle=3, issue="Death penalty", top=None)
    assert result.empty and REQUIRED <= set(result.columns)


@pytest.mark.parametrize(
    "kwargs, words",
    [
        ({"country": "Narnia"}, "not a country"),
        ({"goal": "   "}, "goal is empty"),
        ({"goal": "!!!"}, "not a goal"),
        ({"response": "maybe"}, "supported, noted or pending"),
        ({"cycle": 9}, "no cycle 9"),
        ({"cycle": "two"}, "not a cycle number"),
        ({"session": 999}, "no session 999"),
        ({"issue": "tortur"}, "Torture and other CID treatment"),
        ({"recommending_state": "Atlantis"}, "not a country"),
        ({"top": 0}, "1 or more"),
    ],
)
def test_bad_input_is_one_plain_user_error(kwargs, words):
    arguments = {"country": "Kenya", "goal": "torture", **kwargs}
    with pytest.raises(UserError) as caught:
        match(arguments.pop("country"), arguments.pop("goal"), **arguments)
    assert words in str(caught.value)
    assert "\n" not in str(caught.value)


def test_unknown_country_suggests_close_names():
    with pytest.raises(UnknownCountryError) as caught:
        match("Kenia", "torture")
    assert "Kenya" in str(caught.value)


# --- goal_relevance -----------------------------------------------------------------

def test_goal_relevance_is_one_for_the_best_and_low_for_unrelated():
    goal = "end discrimination against Dalits"
    result = match("Nepal", goal, top=None)
    assert goal_relevance("NPL", goal, result["id"].iloc[0]) == pytest.approx(1.0)
    assert goal_relevance("NPL", goal, result["id"].iloc[-1]) < 0.3
    assert goal_relevance("NPL", goal, "KEN-S08-001") == 0.0
    middle = goal_relevance("NPL", goal, result["id"].iloc[len(result) // 2])
    assert 0.0 <= middle <= 1.0


def test_best_ids_for_feedback_are_the_top_of_match():
    from upr_course.match.relevance import best_ids

    goal = "find the disappeared"
    assert best_ids("MEX", goal, 5) == match("Mexico", goal, top=5)["id"].tolist()
    with pytest.raises(UserError):
        best_ids("MEX", "   ", 3)


# --- command line and widget ----------------------------------------------------------

def test_cli_match_json(capsys):
    code = main(["match", "--country", "Mexico", "--goal", "find the disappeared", "--top", "3", "--json"])
    items = json.loads(capsys.readouterr().out)
    assert code == 0 and len(items) == 3
    assert REQUIRED <= set(items[0])
    assert all(item["country"] == "Mexico" for item in items)
    assert items[0]["score"] >= items[-1]["score"]


def test_cli_match_table(capsys):
    assert main(["match", "--country", "Nepal", "--goal", "end discrimination against Dalits", "--top", "2"]) == 0
    out = capsys.readouterr().out
    assert "Recommendations to Nepal" in out and "Supported" in out and " 1. " in out


@pytest.mark.parametrize(
    "argv",
    [
        ["match", "--country", "Narnia", "--goal", "torture"],
        ["match", "--country", "Kenya", "--goal", ""],
        ["match", "--country", "Kenya", "--goal", "torture", "--response", "rejected"],
        ["match", "--country", "Kenya", "--goal", "torture", "--issue", "nonsense issue"],
    ],
)
def test_cli_bad_input_exits_2_with_one_line(argv, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("upr-course:") and "\n" not in err and "Traceback" not in err


def test_match_explorer_widget_searches_and_shows_errors():
    from upr_course.widgets.match_explorer import match_explorer

    box = match_explorer("Nepal", "end discrimination against Dalits", top=3)
    assert "Nepal" in box.results.value and "Supported" in box.results.value
    assert "<code>NPL-S" in box.results.value, "ids are shown, to copy into a plan"
    box.controls["country"].value = "Narnia"
    box.search()
    assert "not a country" in box.results.value
    box.controls["country"].value = "Mexico"
    box.controls["goal"].value = "find the disappeared"
    box.controls["response"].value = "noted"
    box.search()
    assert "Noted" in box.results.value and ">Supported<" not in box.results.value


# --- the corpus model's on-disk cache ---------------------------------------------------

def test_corpus_model_cache_is_written_read_and_can_be_turned_off(tmp_path, monkeypatch):
    import numpy as np

    from upr_course.match import model

    monkeypatch.setenv("UPR_COURSE_CACHE", str(tmp_path))
    path = model._cache_file()
    assert path is not None and path.parent == tmp_path and not path.exists()
    stale = tmp_path / "match-model-0123456789abcdef0123.pickle"  # an older dataset's model
    stale.write_bytes(b"old")
    unrelated = tmp_path / "notes.txt"
    unrelated.write_text("kept")
    fitted = model._cached_corpus_model()
    assert path.is_file()
    assert not stale.exists() and unrelated.exists()
    again = model._cached_corpus_model()
    assert list(again.stems) == list(fitted.stems)
    assert np.allclose(again.topic_weights, fitted.topic_weights)
    path.write_bytes(b"not a pickle")  # a broken cache is fitted again, not an error
    assert list(model._cached_corpus_model().stems) == list(fitted.stems)
    monkeypatch.setenv("UPR_COURSE_CACHE", "off")
    assert model._cache_file() is None


def test_country_indexes_are_cached_on_disk_and_give_the_same_scores(tmp_path, monkeypatch):
    import numpy as np

    from upr_course.match import cache, search

    monkeypatch.setenv("UPR_COURSE_CACHE", str(tmp_path))
    other_key = tmp_path / "match-country-0123456789abcdef0123-KEN.pickle"
    other_key.write_bytes(b"an older dataset's index")
    search._country_index.cache_clear()
    try:
        built = search.country_index("Kenya")
        path = cache.cache_file("country", "KEN")
        assert path is not None and path.is_file() and not other_key.exists()
        goal = "end torture in police custody"
        expected = search.score_country(built, goal)

        search._country_index.cache_clear()
        loaded = search.country_index("Kenya")
        assert loaded is not built and loaded.documents.model is not None
        np.testing.assert_allclose(search.score_country(loaded, goal), expected, rtol=1e-6)
        assert loaded.groups["id"].tolist() == built.groups["id"].tolist()

        path.write_bytes(b"broken")  # a broken file is rebuilt, not an error
        search._country_index.cache_clear()
        np.testing.assert_allclose(search.score_country(search.country_index("Kenya"), goal), expected, rtol=1e-6)
        assert cache.load(path, search.CountryIndex) is not None

        monkeypatch.setenv("UPR_COURSE_CACHE", "off")
        assert cache.cache_file("country", "KEN") is None
    finally:
        search._country_index.cache_clear()


def test_the_cache_never_stops_the_matcher(tmp_path, monkeypatch):
    """A cache folder that cannot be written, or an object that cannot be saved, only costs time."""
    from upr_course.match import cache

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv("UPR_COURSE_CACHE", str(blocked))
    path = cache.cache_file("country", "KEN")
    cache.save(path, {"any": "thing"})  # mkdir fails: no error
    assert cache.load(path, dict) is None

    monkeypatch.setenv("UPR_COURSE_CACHE", str(tmp_path / "cache"))
    path = cache.cache_file("country", "KEN")
    cache.save(path, lambda: None)  # cannot be pickled: no error, no file, no temporary left
    assert not path.exists() and not list((tmp_path / "cache").glob("*.tmp"))
    cache.save(path, {"any": "thing"})
    assert cache.load(path, dict) == {"any": "thing"} and cache.load(path, list) is None


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(goal=st.text(max_size=300))
def test_the_graders_questions_to_the_matcher_take_any_text(goal):
    """The grader sends the matcher a plan's own issue and goal: whatever they are, the answer
    is a number in [0, 1] and three ids, or one plain UserError (then it falls back)."""
    from upr_course.match.relevance import best_ids

    try:
        assert 0.0 <= goal_relevance("KEN", goal, "KEN-S21-042") <= 1.0
        assert len(best_ids("KEN", goal, 3)) == 3
    except UserError:
        pass


def test_the_cache_key_follows_the_glossaries_and_lexicons(monkeypatch, tmp_path):
    # Spain's recommendations are in Spanish and read through the glossary and lexicon: a
    # changed word list must not meet an index cached with the old one.
    from upr_course.match import cache

    files = cache.key_files()
    assert {"glossary.py", "rank.py", "es.yaml", "fr.yaml", "lexicon-es.tsv", "lexicon-fr.tsv"} <= {p.name for p in files}
    before = cache.cache_key()
    edited = tmp_path / "lexicon-es.tsv"
    edited.write_text("casa\thome\n", encoding="utf-8")
    monkeypatch.setattr(cache, "key_files", lambda: [edited if p.name == "lexicon-es.tsv" else p for p in files])
    assert before is not None and cache.cache_key() != before
