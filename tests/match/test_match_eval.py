"""Ranking metrics on tiny hand-computed cases, the match-eval command on a tiny labelled
set, and the real Costa Rica 2024 benchmark (needs ../shared)."""

from __future__ import annotations

import json
import math

import pytest

from upr_course.cli import main
from upr_course.errors import UserError
from upr_course.match.evaluate import (
    dedupe,
    evaluate,
    hit_at,
    ndcg_at,
    precision_at,
    ranking_metrics,
    recall_at,
    reciprocal_rank,
)

GOLD = {"a": 2.0, "b": 1.0, "z": 1.0}  # z is never retrieved
RANKING = ["x", "a", "y", "b", "w"]


def test_hit_recall_precision_rr_by_hand():
    assert hit_at(RANKING, GOLD) == 1.0
    assert hit_at(["x", "y"], GOLD) == 0.0
    assert recall_at(RANKING, GOLD) == pytest.approx(2 / 3)
    assert recall_at(RANKING, GOLD, k=2) == pytest.approx(1 / 3)
    # precision divides by what was returned when fewer than k came back
    assert precision_at(RANKING, GOLD) == pytest.approx(2 / 5)
    assert precision_at(RANKING * 3 + [f"n{i}" for i in range(10)], GOLD) == pytest.approx(2 / 10)
    assert reciprocal_rank(RANKING, GOLD) == pytest.approx(1 / 2)
    assert reciprocal_rank(["x"] * 3, GOLD) == 0.0


def test_ndcg_by_hand():
    dcg = 2 / math.log2(3) + 1 / math.log2(5)
    ideal = 2 / math.log2(2) + 1 / math.log2(3) + 1 / math.log2(4)
    assert ndcg_at(RANKING, GOLD) == pytest.approx(dcg / ideal)
    assert ndcg_at(["a", "b", "z"], GOLD) == pytest.approx(1.0)
    assert ndcg_at(["b", "a"], {"a": 2.0, "b": 1.0}) < 1.0


def test_duplicates_count_once_at_their_best_rank():
    assert dedupe(["a", "x", "a", "b"]) == ["a", "x", "b"]
    assert recall_at(["a", "a", "a"], {"a": 1, "b": 1}) == pytest.approx(0.5)
    assert reciprocal_rank(["x", "a", "a"], {"a": 1}) == pytest.approx(0.5)


def test_macro_average_over_labelled_queries_only():
    rankings = {"q1": ["a", "x"], "q2": ["x", "y"], "unlabelled": ["a"]}
    qrels = {"q1": {"a": 1.0}, "q2": {"y": 1.0, "z": 1.0}}
    figures = ranking_metrics(rankings, qrels)
    assert figures["queries"] == 2
    assert figures["hit@10"] == pytest.approx(1.0)
    assert figures["recall@10"] == pytest.approx((1 + 0.5) / 2)
    assert figures["mrr"] == pytest.approx((1 + 0.5) / 2)
    assert figures["precision@10"] == pytest.approx((0.5 + 0.5) / 2)
    with pytest.raises(UserError):
        ranking_metrics({"q": ["a"]}, {})


@pytest.fixture()
def tiny_set(tmp_path):
    (tmp_path / "pool.csv").write_text(
        "target_id,text_en\n"
        "t1,Abolish the death penalty and establish a moratorium on executions\n"
        "t2,Ratify the Convention against Torture and its Optional Protocol\n"
        "t3,Improve access to education for girls in rural areas\n"
        "t4,Combat trafficking in persons and protect its victims\n",
        encoding="utf-8",
    )
    (tmp_path / "queries.csv").write_text(
        "source_id,theme,text_en,text_es\n"
        "q1,x,Stop executions,Detener las ejecuciones y abolir la pena de muerte\n"
        "q2,x,Schools for girls in the countryside,Escuelas para las niñas en zonas rurales\n"
        "q3,x,Unlabelled query,Consulta sin etiqueta\n",
        encoding="utf-8",
    )
    (tmp_path / "qrels.csv").write_text("source_id,target_id,relevance_score\nq1,t1,2\nq2,t3,1\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("lang", ["en", "es"])
def test_match_eval_on_a_tiny_set(tiny_set, lang, capsys):
    figures = evaluate(tiny_set / "pool.csv", tiny_set / "queries.csv", tiny_set / "qrels.csv", lang)
    assert figures["queries"] == 2
    assert figures["mrr"] == pytest.approx(1.0)
    code = main(["match-eval", "--pool", str(tiny_set / "pool.csv"), "--queries", str(tiny_set / "queries.csv"),
                 "--qrels", str(tiny_set / "qrels.csv"), "--lang", lang, "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert {"hit@10", "recall@10", "precision@10", "mrr", "ndcg@10"} <= set(out)
    assert out["precision@10"] == pytest.approx(0.25)  # 1 relevant among the 4 returned


def test_match_eval_bad_input_exits_2(tiny_set, capsys):
    assert main(["match-eval", "--pool", str(tiny_set / "nope.csv"), "--queries", str(tiny_set / "queries.csv"),
                 "--qrels", str(tiny_set / "qrels.csv")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["match-eval", "--pool", str(tiny_set / "pool.csv"), "--queries", str(tiny_set / "queries.csv"),
                 "--qrels", str(tiny_set / "qrels.csv"), "--lang", "fr"]) == 2
    assert "en or es" in capsys.readouterr().err


BENCH = "benchmarks/costa-rica-2024-matching"
#: Orientation TF-IDF baseline (char_wb 3-5) from the benchmark's PROVENANCE.txt.
BASELINE_RECALL = {"en": 0.5816, "es": 0.4336}


@pytest.mark.shared
@pytest.mark.parametrize("lang", ["en", "es"])
def test_costa_rica_benchmark_beats_the_tfidf_baseline(shared_dir, lang):
    folder = shared_dir / BENCH
    figures = evaluate(folder / "targets_pool.csv", folder / "queries.csv", folder / "qrels.csv", lang)
    assert figures["queries"] == 18
    assert figures["recall@10"] > BASELINE_RECALL[lang]


@pytest.mark.shared
@pytest.mark.xfail(reason="the issue's target recall@10 >= 0.70 is not reached yet (about 0.62 en, 0.65 es)", strict=False)
@pytest.mark.parametrize("lang", ["en", "es"])
def test_costa_rica_benchmark_reaches_the_target_recall(shared_dir, lang):
    folder = shared_dir / BENCH
    figures = evaluate(folder / "targets_pool.csv", folder / "queries.csv", folder / "qrels.csv", lang)
    assert figures["recall@10"] >= 0.70


def test_issue_queries_cover_every_issue_in_plain_words():
    from upr_course import data
    from upr_course.match.issue_eval import ISSUE_QUERIES

    assert set(ISSUE_QUERIES) == set(data.issues()["issue"]) - {"Other"}
    for issue, query in ISSUE_QUERIES.items():
        assert issue.lower() not in query.lower(), issue


@pytest.mark.slow
def test_issue_precision_at_20_on_our_own_data():
    from upr_course.match.issue_eval import issue_precision

    table = issue_precision(k=20, countries=4).dropna()
    assert len(table) >= 15
    assert table["precision@20"].between(0, 1).all()
    assert table["precision@20"].mean() >= 0.6
