"""Score documents against a query: three cosines and the issues the query points to.

- ``word``: stemmed words, sublinear tf-idf with the whole dataset's idf;
- ``chars``: character 3-5-grams within words (spelling variants, cognates, typos);
- ``topic``: the issue-model profiles (see ``model.py``), for texts that share no word;
- ``issue``: when the goal names an issue (directly or through ``vocabulary.py``), how far
  the recommendation is about it: its UPR Info tag where it has tags, else its profile;
- ``meaning``: the cosine of sentence embeddings (``meaning.py``), which meet texts of the
  same meaning in other words.

The final score is their weighted sum, in [0, 1]. ``DocumentSet`` holds one set of
documents (a country's recommendations, a benchmark pool) ready to be scored.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..language import LANGUAGES
from .glossary import GLOSSARY_LANGUAGES, in_english, translate
from .families import family_words
from . import meaning as meaning_model
from .model import CorpusModel
from .spelling import corrected
from .text import fold
from .vectorize import CharNgramTfidf
from .vocabulary import Expansion, expand

#: Weights of the signals (each set adds up to 1): without an issue named in the query, and
#: for a short goal (a few words) that names one to three issues. A long text carries its own
#: subject in its words and profile: the issues its words touch are too many to be a filter.
WEIGHTS = {"word": 0.30, "chars": 0.40, "topic": 0.30}
WEIGHTS_WITH_ISSUE = {"word": 0.25, "chars": 0.30, "topic": 0.20, "issue": 0.25}
MAX_ISSUES_NAMED = 3
MAX_GOAL_WORDS = 8
#: Share of the best word match under which a document's topic and issue signals shrink
#: (``topic_gate``), and the part of them a document sharing no word keeps. Chosen on the
#: tune goals only (docs/matcher-languages.md); a keep of 0.5 rather than 0 costs the
#: issue-level measure (``issue_eval``) 0.02 instead of 0.09.
TOPIC_GATE = 0.2
TOPIC_GATE_KEEP = 0.5
#: Weight of the words a goal added through the vocabulary, against its own words.
EXPANSION_WEIGHT = 0.5
#: Share of the final score that the ``meaning`` signal gives (the word-based signals share
#: the rest, by ``WEIGHTS``). Chosen (1/3, 1/2, 0.6 tried) on the goals of held-out-10 and
#: held-out-11, whose results were judged deep into the data; measured on held-out-12
#: (docs/matcher-languages.md, "Eighth round").
MEANING_WEIGHT = 0.5


@dataclass
class Query:
    """A goal or query ready to score: English text, its expansion and the issues it names.

    A goal in English has its misspelt words read as the recommendations' words
    (``spelling.py``); a goal in Spanish or French is read in English through its glossary (``glossary.py``);
    then a word no recommendation uses brings in the words of its family that they use
    (``families.py``: "hungry" -> "hunger"), for the word signal;
    its own words are kept for the character n-grams, which meet cognates and the
    recommendations that are in its language (Spain's cycle 4, in Spanish).
    """

    original: str
    english: str
    expansion: Expansion
    language: str = "en"
    family: str = ""  # words of the family of goal words no recommendation uses ("hungry" -> "hunger")

    @classmethod
    def parse(cls, text: str, lang: str | None = None) -> "Query":
        """``lang`` forces the language ("en", "es", "fr"); by default it is identified."""
        if lang is not None and lang not in LANGUAGES:
            raise ValueError(f"not a language the matcher reads: {lang!r}")
        language, english = in_english(text, lang)
        if language == "en":
            english = corrected(english)
        family = family_words(english)
        return cls(original=text, english=english, expansion=expand(english), language=language, family=family)


@dataclass
class DocumentSet:
    """Documents to rank: their texts and, where known, their UPR Info issue tags and languages.

    A text in Spanish or French (Spain's cycle-4 recommendations are in Spanish) is read in
    English through its glossary for the word and issue signals, which live in the English
    term space; its character n-grams keep its own words too, so that a goal in the same
    language meets it directly.
    """

    model: CorpusModel
    texts: list[str]
    tags: list[tuple[str, ...]] | None = None
    languages: list[str] | None = None  # None: all English
    _chars: CharNgramTfidf | None = field(default=None, repr=False)

    def __post_init__(self):
        languages = self.languages or ["en"] * len(self.texts)
        english = [text if lang not in GLOSSARY_LANGUAGES else translate(text, lang) for text, lang in zip(self.texts, languages)]
        for_chars = [text if lang not in GLOSSARY_LANGUAGES else f"{en} {text}" for text, en, lang in zip(self.texts, english, languages)]
        self.word = self.model.tfidf(english)
        self.topic = self.model.topics(self.word)
        self._chars = CharNgramTfidf(preprocessor=fold)
        self.chars = self._chars.fit_transform(for_chars) if self.texts else None
        # Half the size in the cache, and ranks the same; None where ONNX Runtime is not installed.
        self.meaning = meaning_model.embed(english).astype(np.float16) if meaning_model.available() else None
        issue_index = {name: i for i, name in enumerate(self.model.issues)}
        self.tag_matrix = None
        if self.tags is not None:
            matrix = np.full((len(self.texts), len(self.model.issues)), np.nan, np.float32)
            for row, tags in enumerate(self.tags):
                if tags:
                    matrix[row] = 0.0
                    for tag in tags:
                        if tag in issue_index:
                            matrix[row, issue_index[tag]] = 1.0
            self.tag_matrix = matrix

    def __len__(self) -> int:
        return len(self.texts)

    def __getstate__(self):
        """Saved without the corpus model (2 MB, cached on its own): the loader puts it back."""
        state = self.__dict__.copy()
        state["model"] = None
        return state

    def signals(self, query: Query) -> dict[str, np.ndarray]:
        n = len(self.texts)
        if n == 0:
            return {name: np.zeros(0, np.float32) for name in (*WEIGHTS_WITH_ISSUE, "meaning")}
        own = self.model.tfidf([f"{query.english} {query.family}".strip()])
        added = self.model.tfidf([query.expansion.added_terms]) if query.expansion.added_terms else None
        q_word = own if added is None else _l2(own + EXPANSION_WEIGHT * added)
        word = np.asarray((self.word @ q_word.T).todense()).ravel()
        q_chars = self._chars.transform([query.english if query.language == "en" else f"{query.english} {query.original}"])
        if added is not None:
            q_chars = _l2(q_chars + EXPANSION_WEIGHT * self._chars.transform([query.expansion.added_terms]))
        chars = np.asarray((self.chars @ q_chars.T).todense()).ravel()
        q_topic = self.model.topics(q_word)[0]
        topic = self.topic @ q_topic
        issue = self._issue_signal(query.expansion.issues, n)
        meaning = np.zeros(n, np.float32) if self.meaning is None else meaning_model.similarity(self.meaning, query.english)
        return {"word": word, "chars": chars, "topic": topic, "issue": issue, "meaning": meaning}

    def _issue_signal(self, issues: tuple[str, ...], n: int) -> np.ndarray:
        columns = [self.model.issues.index(i) for i in issues if i in self.model.issues]
        if not columns:
            return np.zeros(n, np.float32)
        profile = self.topic[:, columns].max(axis=1)
        # The profile is a direction; scale it so a text mostly about the issue nears 1.
        profile = np.clip(profile / 0.7, 0.0, 1.0)
        if self.tag_matrix is None:
            return profile
        tagged = self.tag_matrix[:, columns].max(axis=1)
        return np.where(np.isnan(tagged), profile, tagged)

    def scores(self, query: Query, meaning: bool = True) -> np.ndarray:
        """Each document's score for the query, in [0, 1].

        ``meaning=False`` leaves out the ``meaning`` signal: its cosine is seldom near 0 even
        for unrelated texts, so a score read against the best one (the grader's "share of the
        best match", calibrated on the word-based score) would rise for every text.
        """
        signals = {name: np.clip(value, 0.0, 1.0) for name, value in self.signals(query).items()}
        named = len(query.expansion.issues)
        short = len(query.english.split()) <= MAX_GOAL_WORDS
        weights = WEIGHTS_WITH_ISSUE if short and 0 < named <= MAX_ISSUES_NAMED else WEIGHTS
        lexical = sum(weights[name] * signals[name] for name in ("word", "chars"))
        subject = sum(weights[name] * signals[name] for name in ("topic", "issue") if name in weights)
        total = lexical + topic_gate(signals["word"]) * subject
        if meaning and self.meaning is not None:
            total = (1.0 - MEANING_WEIGHT) * total + MEANING_WEIGHT * signals["meaning"]
        return np.asarray(total, dtype=np.float32)


def topic_gate(word: np.ndarray) -> np.ndarray:
    """How much of the topic and issue signals a document gets: all of it when it shares the
    goal's words at least ``TOPIC_GATE`` times as well as the best document does, less below,
    down to ``TOPIC_GATE_KEEP`` for a document that shares none.

    Why: the topic and issue signals say a recommendation is about the goal's *issue* in
    general ("rights of persons with disabilities"); alone they put general recommendations
    above the few on the goal's own subject ("attacks against persons with albinism"). A
    document that shares none of the goal's words keeps half its topic and issue signals (plain words that no recommendation uses,
    "officials taking bribes", still need the topic to meet "corruption"). When no document
    shares a word (a goal the glossaries cannot read), nothing is gated.
    """
    best = float(word.max()) if len(word) else 0.0
    if best <= 0.0:
        return np.ones_like(word)
    return TOPIC_GATE_KEEP + (1.0 - TOPIC_GATE_KEEP) * np.clip(word / (TOPIC_GATE * best), 0.0, 1.0)


def _l2(matrix):
    norm = np.sqrt(matrix.multiply(matrix).sum())
    return matrix / norm if norm else matrix
