"""What the matcher learns once per process from the whole dataset: the term space
(words -> stems, with their inverse document frequencies) and an issue model that reads
any text as a profile over UPR Info's issues.

The issue model is a ridge regression from terms to issue tags, fitted on the tagged
recommendations of cycles 1-2 in closed form (one linear solve). It is what lets a
cycle-3 recommendation, which has no tags, and a goal in plain words meet on their
subject even when they share no word.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from . import cache
from .text import STOP_WORDS, fold, stem
from .vectorize import WordCounter, l2_normalise_rows

_TOKEN_PATTERN = r"(?u)\b[a-z][a-z0-9]+\b"
_RIDGE_ALPHA = 1.0
_MIN_DF_TOPIC = 10


@dataclass
class CorpusModel:
    words: WordCounter  # each word's column is its stem's
    stems: np.ndarray
    idf: np.ndarray  # per stem
    issues: tuple[str, ...]
    topic_weights: np.ndarray  # stems x issues
    topic_bias: np.ndarray  # issues

    def counts(self, texts: list[str]) -> sp.csr_matrix:
        """Stem counts, one row per text. A word no recommendation uses counts for its stem
        when some do use that stem: a goal's "forests", "kill" or "beaten" meets the
        recommendations' "forest", "killings" and "beating"."""
        return self.words.transform(texts, unseen=self.stem_column)

    @cached_property
    def _stem_columns(self) -> dict[str, int]:
        """stem -> its column: built on first use, not saved with the model (one pass over the stems)."""
        return {str(s): i for i, s in enumerate(self.stems)}

    def stem_column(self, word: str) -> int | None:
        """The column of ``word``'s stem, or None when no recommendation uses that stem."""
        return self._stem_columns.get(stem(word))

    def __getstate__(self):
        """Saved (``cache.py``) without the stem index, which is quick to rebuild."""
        state = self.__dict__.copy()
        state.pop("_stem_columns", None)
        return state

    def knows(self, word: str) -> bool:
        """Whether the recommendations use ``word`` or another word of its stem."""
        return word in self.words.column_of or self.stem_column(word) is not None

    def tfidf(self, texts: list[str] | None = None, counts: sp.csr_matrix | None = None) -> sp.csr_matrix:
        """Sublinear tf-idf rows, L2-normalised (so a dot product is a cosine)."""
        matrix = self.counts(texts) if counts is None else counts.copy()
        matrix.data = 1.0 + np.log(matrix.data)
        matrix = matrix.multiply(self.idf[None, :]).tocsr()
        return l2_normalise_rows(matrix)

    def topics(self, tfidf_rows: sp.csr_matrix) -> np.ndarray:
        """Each text's profile over the issues: non-negative, L2-normalised."""
        scores = np.asarray(tfidf_rows @ self.topic_weights) + self.topic_bias
        scores = np.clip(scores, 0.0, None)
        norms = np.linalg.norm(scores, axis=1, keepdims=True)
        return (scores / np.where(norms == 0, 1.0, norms)).astype(np.float32)


def _stem_columns(vocabulary: list[str]) -> tuple[dict[str, int], int]:
    """Each word's column is its stem's; the stems, sorted, are the columns."""
    unique, inverse = np.unique([stem(w) for w in vocabulary], return_inverse=True)
    return dict(zip(vocabulary, inverse.tolist())), len(unique)


def fit_corpus_model(texts: list[str], issue_lists: list[list[str]], issue_names: list[str]) -> CorpusModel:
    """Learn the term space and the issue model from texts and their issue tags ([] = untagged)."""
    counter = WordCounter(_TOKEN_PATTERN, STOP_WORDS, fold)
    counts = counter.fit_transform(texts, _stem_columns)
    unique = np.unique([stem(w) for w in counter.column_of])  # the columns' stems, in order
    n_docs = counts.shape[0]
    df = np.bincount(counts.indices, minlength=len(unique))
    idf = (np.log((1 + n_docs) / (1 + df)) + 1.0).astype(np.float32)
    model = CorpusModel(counter, unique, idf, tuple(issue_names), np.zeros((len(unique), 0), np.float32), np.zeros(0))
    model.topic_weights, model.topic_bias = _fit_topics(model, counts, df, issue_lists, issue_names)
    return model


def _fit_topics(model, counts, df, issue_lists, issue_names):
    """Ridge regression terms -> issue tags (0/1), on the tagged rows and frequent stems."""
    index = {name: i for i, name in enumerate(issue_names)}
    rows, cols = [], []
    for row, tags in enumerate(issue_lists):
        for tag in tags:
            if tag in index:
                rows.append(row)
                cols.append(index[tag])
    tagged = np.unique(rows)
    labels = sp.csr_matrix((np.ones(len(rows), np.float32), (rows, cols)), shape=(counts.shape[0], len(issue_names)))[tagged].toarray()
    keep = np.flatnonzero(df >= _MIN_DF_TOPIC)
    x = model.tfidf(counts=counts[tagged])[:, keep]
    x_mean = np.asarray(x.mean(axis=0)).ravel()
    y_mean = labels.mean(axis=0)
    gram = (x.T @ x).toarray().astype(np.float64) - len(tagged) * np.outer(x_mean, x_mean)
    gram[np.diag_indices_from(gram)] += _RIDGE_ALPHA
    rhs = np.asarray(x.T @ labels, dtype=np.float64) - len(tagged) * np.outer(x_mean, y_mean)
    coef = np.linalg.solve(gram, rhs)
    weights = np.zeros((len(model.stems), len(issue_names)), np.float32)
    weights[keep] = coef
    bias = (y_mean - x_mean @ coef).astype(np.float32)
    return weights, bias


_lock = threading.Lock()


def build_corpus_model() -> CorpusModel:
    """Fit the model on the course's dataset now (no cache)."""
    from .. import data

    frame = data._recommendations()
    names = data._issues()["issue"].tolist()
    tags = [s.split("|") if isinstance(s, str) and s else [] for s in frame["issues"].tolist()]
    return fit_corpus_model(frame["text"].astype(str).tolist(), tags, names)


def _cache_file() -> Path | None:
    """Where the fitted model of the current dataset and code is kept (see ``cache.py``)."""
    return cache.cache_file("model")


def _cached_corpus_model() -> CorpusModel:
    path = _cache_file()
    model = cache.load(path, CorpusModel)
    if model is None:
        model = build_corpus_model()
        cache.save(path, model)
    return model


_MODEL: CorpusModel | None = None


def corpus_model() -> CorpusModel:
    """The model of the course's dataset: built on first use (or read from the on-disk
    cache, see ``_cache_file``) and kept for the process."""
    global _MODEL
    with _lock:
        if _MODEL is None:
            _MODEL = _cached_corpus_model()
        return _MODEL


def clear_cache() -> None:
    """Forget the model in this process (after ``data.clear_cache()``)."""
    global _MODEL
    with _lock:
        _MODEL = None
