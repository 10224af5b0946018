"""Evaluate the matcher on a labelled set: hit@10, recall@10, precision@10, MRR, NDCG@10.

The layout is that of ``shared/benchmarks/costa-rica-2024-matching`` (see its
PROVENANCE.txt, whose definitions these follow):

- pool CSV: ``target_id``, ``text_en`` (the recommendations to rank);
- queries CSV: ``source_id``, ``text_en``, ``text_es``;
- qrels CSV: ``source_id``, ``target_id``, ``relevance_score`` (1 similar, 2 very similar).

Only queries with at least one label count; figures are macro averages over queries.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from ..errors import UserError
from ..i18n import gettext as _

METRIC_KEYS = ("hit@10", "recall@10", "precision@10", "mrr", "ndcg@10")


def dedupe(ranking: Sequence[str]) -> list[str]:
    """Each id once, at its best (first) rank."""
    return list(dict.fromkeys(ranking))


def hit_at(ranking: Sequence[str], gold: Mapping[str, float], k: int = 10) -> float:
    return float(any(t in gold for t in dedupe(ranking)[:k]))


def recall_at(ranking: Sequence[str], gold: Mapping[str, float], k: int = 10) -> float:
    if not gold:
        raise ValueError("recall needs at least one relevant item")
    return sum(t in gold for t in dedupe(ranking)[:k]) / len(gold)


def precision_at(ranking: Sequence[str], gold: Mapping[str, float], k: int = 10) -> float:
    top = dedupe(ranking)[:k]
    return sum(t in gold for t in top) / len(top) if top else 0.0


def reciprocal_rank(ranking: Sequence[str], gold: Mapping[str, float], k: int = 10) -> float:
    for position, target in enumerate(dedupe(ranking)[:k], start=1):
        if target in gold:
            return 1.0 / position
    return 0.0


def dcg(gains: Sequence[float]) -> float:
    return sum(gain / math.log2(position + 1) for position, gain in enumerate(gains, start=1))


def ndcg_at(ranking: Sequence[str], gold: Mapping[str, float], k: int = 10) -> float:
    ideal = dcg(sorted(gold.values(), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg([gold.get(t, 0.0) for t in dedupe(ranking)[:k]]) / ideal


def ranking_metrics(rankings: Mapping[str, Sequence[str]], qrels: Mapping[str, Mapping[str, float]], k: int = 10) -> dict:
    """Macro averages over the queries that have labels (others are ignored)."""
    labelled = [q for q in rankings if qrels.get(q)]
    if not labelled:
        raise UserError(_("None of the queries has a label in the qrels file: there is nothing to evaluate."))
    per_query = [
        (hit_at(rankings[q], qrels[q], k), recall_at(rankings[q], qrels[q], k), precision_at(rankings[q], qrels[q], k),
         reciprocal_rank(rankings[q], qrels[q], k), ndcg_at(rankings[q], qrels[q], k))
        for q in labelled
    ]
    means = np.mean(np.array(per_query), axis=0)
    result = {key: round(float(value), 4) for key, value in zip(METRIC_KEYS, means)}
    result["queries"] = len(labelled)
    return result


def _read_csv(path: str | Path, required: Sequence[str], what: str) -> list[dict]:
    path = Path(path)
    if not path.is_file():
        raise UserError(_("The {what} file '{path}' does not exist.").format(what=what, path=path))
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise UserError(_("The {what} file '{path}' lacks the column(s) {columns}.").format(what=what, path=path, columns=", ".join(missing)))
        return list(reader)


def load_benchmark(pool: str | Path, queries: str | Path, qrels: str | Path, lang: str):
    if lang not in ("en", "es"):
        raise UserError(_("'{lang}' is not a query language here: use en or es.").format(lang=lang))
    pool_rows = _read_csv(pool, ["target_id", "text_en"], "pool")
    query_rows = _read_csv(queries, ["source_id", f"text_{lang}"], "queries")
    qrel_rows = _read_csv(qrels, ["source_id", "target_id", "relevance_score"], "qrels")
    labels: dict[str, dict[str, float]] = {}
    for row in qrel_rows:
        try:
            score = float(row["relevance_score"])
        except ValueError:
            raise UserError(_("'{value}' in the qrels file is not a relevance score (1 or 2).").format(value=row["relevance_score"])) from None
        labels.setdefault(row["source_id"], {})[row["target_id"]] = score
    targets = [(r["target_id"], r["text_en"]) for r in pool_rows if r["text_en"].strip()]
    questions = [(r["source_id"], r[f"text_{lang}"]) for r in query_rows if r[f"text_{lang}"].strip()]
    return targets, questions, labels


def rank_pool(targets: list[tuple[str, str]], questions: list[tuple[str, str]], lang: str, k: int = 10) -> dict[str, list[str]]:
    """The top-k target ids for each query, by the matcher's own scoring."""
    from .model import corpus_model
    from .rank import DocumentSet, Query

    ids = [t for t, _ in targets]
    documents = DocumentSet(corpus_model(), [text for _, text in targets])
    rankings = {}
    for source_id, text in questions:
        scores = documents.scores(Query.parse(text, lang))
        rankings[source_id] = [ids[i] for i in np.argsort(-scores, kind="stable")[:k]]
    return rankings


def evaluate(pool: str | Path, queries: str | Path, qrels: str | Path, lang: str = "en", k: int = 10) -> dict:
    """The five figures for one labelled set and query language (see the module's doc)."""
    targets, questions, labels = load_benchmark(pool, queries, qrels, lang)
    return ranking_metrics(rank_pool(targets, questions, lang, k), labels, k)
