"""Texts as points of meaning: WordLlama's static sentence embeddings, read offline.

Why: the matcher's other signals count shared words (``rank.py``). A goal in plain words
("old people mistreated in care homes") and the recommendation on its subject ("protect older
persons in residential care from abuse") can share almost none, while a general
recommendation on the goal's broad field shares more. A sentence embedding puts texts of the
same meaning near each other whatever their words, so it helps to rank the specific
recommendation first.

WordLlama (MIT licence, https://github.com/dleemiller/WordLlama) is a static model: a text's
vector is the average of its tokens' vectors, so it needs no neural network at run time, embeds
thousands of recommendations in a second on a laptop, and ships its 256-dimension weights
(16 MB) inside its wheel. Nothing is downloaded: it is loaded with downloads disabled, from its
own package folder. It reads English; a Spanish or French goal is embedded through the English
its glossary gives (``rank.Query.english``).

WordLlama has wheels only for CPython 3.11-3.13 on 64-bit Intel/AMD and Apple silicon (macOS 14
or newer), so the course installs it only there (``requirements.in``). Elsewhere ``available()``
is False and the matcher ranks on words alone, as it did before this signal: the course still
installs and works. Grades never depend on it (``relevance.goal_relevance``).
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

import numpy as np

#: Size of a text's vector: the smallest WordLlama offers, and the one its wheel ships.
DIMENSIONS = 256

_lock = threading.Lock()


@lru_cache(maxsize=1)
def available() -> bool:
    """Whether WordLlama is installed (see the module's docstring for where it is not)."""
    import importlib.util

    return importlib.util.find_spec("wordllama") is not None


@lru_cache(maxsize=1)
def _model():
    """The model, loaded once per process (about half a second) and only when first needed."""
    import wordllama
    from wordllama import WordLlama

    # Its loader looks for the tokenizer in a folder named after the file type ("tokenizer"),
    # but the wheel ships it in "tokenizers"; as a cache folder, the package folder is read
    # right. Downloads stay disabled, so a missing file is an error, never a network call.
    return WordLlama.load(cache_dir=Path(wordllama.__file__).parent, dim=DIMENSIONS, disable_download=True)


def embed(texts: list[str]) -> np.ndarray:
    """One unit vector (float32) per text; an empty text gets a zero vector."""
    vectors = np.zeros((len(texts), DIMENSIONS), np.float32)
    filled = [i for i, text in enumerate(texts) if text and text.strip()]
    if filled:
        with _lock:
            model = _model()
        vectors[filled] = model.embed([texts[i] for i in filled], norm=True)
    return vectors


def similarity(documents: np.ndarray, text: str) -> np.ndarray:
    """Cosine of each document vector with ``text``, clipped to [0, 1] (opposite is unrelated)."""
    if len(documents) == 0:
        return np.zeros(0, np.float32)
    query = embed([text])[0]
    return np.clip(documents.astype(np.float32) @ query, 0.0, 1.0)
