"""Texts as points of meaning: a small sentence model (all-MiniLM-L6-v2), read offline.

Why: the matcher's other signals count shared words (``rank.py``). A goal in plain words
("they marry little girls to older men") and the recommendation on its subject ("raise the
minimum age of marriage to 18") can share almost none, while general recommendations on the
goal's broad field ("equality between men and women") share more. A sentence model reads the
whole sentence and puts texts of the same meaning near each other, whatever their words.

The model is sentence-transformers' all-MiniLM-L6-v2 (Apache 2.0), turned once into an ONNX
file with 8-bit weights (23 MB, ``sentence_model/``; ``scripts/build_sentence_model.py`` says
how and checks it is the published model). ONNX Runtime runs it on the CPU, with no PyTorch and
no network; about 2 ms per recommendation, so a country's few hundred recommendations take a
second once, and are then kept in the matcher's cache. It reads English; a Spanish or French
goal is embedded through the English its glossary gives (``rank.Query.english``).

It replaced WordLlama (static token vectors), which told relevant from irrelevant results less
well on the judged goals (docs/matcher-languages.md, "Eighth round").

ONNX Runtime has wheels for Python 3.11 to 3.14 on Windows (64-bit Intel/AMD), Linux (64-bit
Intel/AMD and ARM, glibc 2.28 or newer) and macOS 14 or newer on Apple silicon; the course
installs it only on those (``requirements.in``). Elsewhere ``available()`` is False and the
matcher ranks on words alone: the course still installs and works. Grades never depend on it
(``relevance.goal_relevance``).
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

import numpy as np

#: Size of a text's vector.
DIMENSIONS = 384
#: Tokens read per text: a recommendation is rarely longer; a longer text is cut (its opening
#: says what it asks for).
MAX_TOKENS = 128
#: Texts run through the model at once (sorted by length, so little padding is computed).
BATCH = 32
MODEL_DIR = Path(__file__).parent / "sentence_model"
#: SHA-256 of ``sentence_model/model.onnx``, written by ``scripts/build_sentence_model.py``; the
#: matcher's cache key carries it, so a new model never meets vectors of the old one.
MODEL_SHA256 = "f14382f4cd9d4aaf72ed3f972321e708c3ffc5a36e5b9c372ec07367061f8c65"

_lock = threading.Lock()


@lru_cache(maxsize=1)
def available() -> bool:
    """Whether ONNX Runtime and the tokenizer library are installed (see the docstring for where
    they are not) and the model's files are there."""
    import importlib.util

    return (importlib.util.find_spec("onnxruntime") is not None and importlib.util.find_spec("tokenizers") is not None
            and (MODEL_DIR / "model.onnx").is_file() and (MODEL_DIR / "tokenizer.json").is_file())


@lru_cache(maxsize=1)
def _model():
    """(ONNX Runtime session, tokenizer), loaded once per process (about 0.2 s) when first needed."""
    import onnxruntime
    from tokenizers import Tokenizer

    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3  # errors only: its warnings mean nothing to a participant
    session = onnxruntime.InferenceSession(str(MODEL_DIR / "model.onnx"), options, providers=["CPUExecutionProvider"])
    tokenizer = Tokenizer.from_file(str(MODEL_DIR / "tokenizer.json"))
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    return session, tokenizer


def embed(texts: list[str]) -> np.ndarray:
    """One unit vector (float32) per text: the mean of its tokens' vectors, normalised, as the
    original model does; an empty text gets a zero vector."""
    vectors = np.zeros((len(texts), DIMENSIONS), np.float32)
    filled = sorted((i for i, text in enumerate(texts) if text and text.strip()), key=lambda i: len(texts[i]))
    if not filled:
        return vectors
    with _lock:
        session, tokenizer = _model()
        for start in range(0, len(filled), BATCH):
            rows = filled[start : start + BATCH]
            encoded = tokenizer.encode_batch([texts[i] for i in rows])
            ids = np.array([e.ids for e in encoded], np.int64)
            mask = np.array([e.attention_mask for e in encoded], np.int64)
            hidden = session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})[0]
            pooled = (hidden * mask[..., None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1)
            vectors[rows] = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
    return vectors


def similarity(documents: np.ndarray, text: str) -> np.ndarray:
    """Cosine of each document vector with ``text``, clipped to [0, 1] (opposite is unrelated)."""
    if len(documents) == 0:
        return np.zeros(0, np.float32)
    query = embed([text])[0]
    return np.clip(documents.astype(np.float32) @ query, 0.0, 1.0)
