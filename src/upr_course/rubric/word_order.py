"""Whether a free text is written in sentences, or is words put in no order.

The reading of a text (``reading.py``) looks at which words it holds, not at their order, so
the words of a good answer shuffled ("has name public several and so and enters data each of
ask…") would read as the answer. A trainer gives nothing for a text they cannot read. This
module tells the two apart in English, Spanish and French with one rule about word order,
which plain, terse or non-native writing keeps:

- Each word is reduced to its *kind of position*: a function word of the language (the
  ``function_words`` of ``lexicon/<language>.yaml``: "the", "of", "de", "nous"…) stands for
  itself; a number is ``#``; any other word is ``·`` with its last two letters (enough to tell
  "-ed" from "-ly" or "-ción" from "-es" without a dictionary of the plan's own words).
- A small bigram model of these kinds (``lexicon/word_order.json``, counted by
  ``scripts/build_word_order.py`` from the course's own texts in each language: its lessons,
  exercises and messages) says how likely each kind is after another, with absolute
  discounting for pairs it never saw.
- A text's *order evidence* compares the likelihood of its words in the order written with the
  likelihood of the same words in random orders (within each sentence): how many standard
  deviations the written order stands above chance. Real sentences, even short, plain or
  ungrammatical ones, stand above (in the course's 166 calibration and example plans, every
  text judged stands at 0.74 or more, nearly all above 2); shuffled words stand around zero.

A text is judged only when it has at least ``MIN_FUNCTION_WORDS`` function words: notes
written in a hurry, with few small words, carry too little order to judge and keep their
benefit of the doubt. One text alone must stand below ``TEXT_Z``; when most of a plan's texts
show no order (their mean below ``PLAN_Z``), each of them below ``PLAN_TEXT_Z`` is words in no
order too.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy

from .reading import LANGUAGES, lexicon, sentences, words_in

#: Texts with fewer function words than this are not judged.
MIN_FUNCTION_WORDS = 6
#: A text whose written order stands less than this many standard deviations above random
#: orders of its words is words in no order.
TEXT_Z = 0.25
#: A plan whose judged texts (at least ``PLAN_MIN_TEXTS``) stand on average below ``PLAN_Z``
#: shows no order as a whole; then each text below ``PLAN_TEXT_Z`` is words in no order.
PLAN_Z = 1.5
PLAN_TEXT_Z = 2.0
PLAN_MIN_TEXTS = 3
#: Random orders drawn per text (numpy, a fixed seed: the same text always gets the same answer).
PERMUTATIONS = 64
#: Only the first words of a long text are compared (enough to tell, and fast on 30,000 words).
MAX_WORDS = 300
#: Absolute discount of the bigram model.
DISCOUNT = 0.75

START, END, NUMBER, OTHER = "<s>", "</s>", "#", "·"
MODEL_FILE = "word_order.json"


def kinds(sentence: str, language: str) -> list[str]:
    """Each word of ``sentence`` as its kind of position (see the module docstring)."""
    function_words = lexicon(language).function_words
    return [w if w in function_words else NUMBER if w.isdigit() else OTHER + w[-2:] for w in words_in(sentence, language)]


def count_pairs(texts: Iterable[str], language: str) -> dict[str, dict[str, int]]:
    """How often each kind follows another in ``texts`` (sentence starts and ends included):
    the model file's content, written by ``scripts/build_word_order.py``."""
    counts: Counter[tuple[str, str]] = Counter()
    for text in texts:
        for sentence in sentences(text):
            sequence = [START, *kinds(sentence, language), END]
            if len(sequence) >= 4:
                counts.update(zip(sequence, sequence[1:]))
    result: dict[str, dict[str, int]] = {}
    for (first, second), count in sorted(counts.items()):
        result.setdefault(first, {})[second] = count
    return result


@dataclass(frozen=True)
class _Model:
    pairs: dict[str, dict[str, int]]
    totals: dict[str, int]
    followers: dict[str, int]
    #: share of the distinct pairs that end in each kind (Kneser-Ney's continuation)
    continuation: dict[str, float]
    unseen: float

    def log_probability(self, first: str, second: str) -> float:
        lower = self.continuation.get(second, self.unseen)
        total = self.totals.get(first, 0)
        if not total:
            return math.log(lower)
        seen = max(self.pairs[first].get(second, 0) - DISCOUNT, 0.0)
        return math.log(seen / total + DISCOUNT * self.followers[first] / total * lower)


@lru_cache(maxsize=None)
def _model(language: str) -> _Model:
    data = json.loads(resources.files(__package__).joinpath("lexicon", MODEL_FILE).read_text(encoding="utf-8"))
    pairs = data[language if language in LANGUAGES else "en"]
    distinct = sum(len(v) for v in pairs.values())
    ends = Counter(second for following in pairs.values() for second in following)
    return _Model(
        pairs=pairs,
        totals={first: sum(following.values()) for first, following in pairs.items()},
        followers={first: len(following) for first, following in pairs.items()},
        continuation={second: count / distinct for second, count in ends.items()},
        unseen=0.5 / distinct,
    )


@lru_cache(maxsize=1 << 18)
def _log_probability(language: str, first: str, second: str) -> float:
    """The model's log probability of the pair, kept: texts of one plan, and of a batch, share
    most of their pairs, and the table of each text is built from them (``evidence``)."""
    return _model(language).log_probability(first, second)


@dataclass(frozen=True)
class Evidence:
    """How far a text's word order stands above random orders of its words."""

    z: float
    function_words: int

    @property
    def judged(self) -> bool:
        return self.function_words >= MIN_FUNCTION_WORDS


@lru_cache(maxsize=16384)
def evidence(text: str, language: str = "en") -> Evidence:
    """The order evidence of ``text`` (see the module docstring); cached."""
    language = language if language in LANGUAGES else "en"
    sequences, size = [], 0
    for sentence in sentences(text or ""):
        found = kinds(sentence, language)[: MAX_WORDS - size]
        if len(found) >= 2:
            sequences.append(found)
            size += len(found)
        if size >= MAX_WORDS:
            break
    function_words = sum(not k.startswith(OTHER) and k != NUMBER for s in sequences for k in s)
    if not sequences:
        return Evidence(0.0, 0)
    names = sorted({k for s in sequences for k in s} | {START, END})
    index = {name: i for i, name in enumerate(names)}
    table = numpy.array([[_log_probability(language, a, b) for b in names] for a in names])
    rng = numpy.random.default_rng(0)
    written = 0.0
    shuffled = numpy.zeros(PERMUTATIONS)
    for sequence in sequences:
        inner = numpy.array([index[k] for k in sequence])
        full = numpy.concatenate(([index[START]], inner, [index[END]]))
        written += table[full[:-1], full[1:]].sum()
        orders = rng.permuted(numpy.tile(inner, (PERMUTATIONS, 1)), axis=1)
        orders = numpy.hstack((numpy.full((PERMUTATIONS, 1), index[START]), orders, numpy.full((PERMUTATIONS, 1), index[END])))
        shuffled += table[orders[:, :-1], orders[:, 1:]].sum(axis=1)
    spread = shuffled.std(ddof=1)
    z = float((written - shuffled.mean()) / spread) if spread > 1e-9 else 0.0
    return Evidence(round(z, 3), function_words)


def unordered(texts: list[str], language: str) -> set[int]:
    """Indexes of the ``texts`` (one plan's) that are words in no order, not sentences."""
    found = [evidence(t, language) if t else Evidence(0.0, 0) for t in texts]
    judged = [i for i, e in enumerate(found) if e.judged]
    result = {i for i in judged if found[i].z < TEXT_Z}
    if len(judged) >= PLAN_MIN_TEXTS and sum(found[i].z for i in judged) / len(judged) < PLAN_Z:
        result |= {i for i in judged if found[i].z < PLAN_TEXT_Z}
    return result
