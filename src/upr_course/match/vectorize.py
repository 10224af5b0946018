"""Texts to sparse count and tf-idf matrices: the two vectorisers the matcher needs.

Why not scikit-learn's ``CountVectorizer`` and ``TfidfVectorizer``? They give the same
numbers (the tests compare the two on real recommendations), but importing scikit-learn
costs about 0.8 s, most of it in ``scipy.stats``, which it loads whatever you use. The
matcher runs inside every ``upr-course match`` call and, through the grader's relevance
check, inside every ``upr-course grade`` call; that second of start-up was a third of the
time of grading a workshop's plans. What is left here is tokenising and counting, on top of
``scipy.sparse``.

- :class:`WordCounter`: words (lower case, accents dropped, stop words out) -> counts,
  like ``CountVectorizer(strip_accents="unicode", token_pattern=..., stop_words=...)``,
  with each word mapped to a column that several words may share (their stem).
- :class:`CharNgramTfidf`: character 3-5-grams inside words, sublinear tf, smoothed idf,
  rows L2-normalised, like ``TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5),
  sublinear_tf=True)``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from itertools import chain

import numpy as np
import scipy.sparse as sp

#: scikit-learn's English stop word list (``sklearn.feature_extraction.text``, BSD licence),
#: copied so that reading it needs no import of scikit-learn; a test keeps the two equal.
ENGLISH_STOP_WORDS = frozenset(
    """a about above across after afterwards again against all almost alone along already also although
    always am among amongst amoungst amount an and another any anyhow anyone anything anyway
    anywhere are around as at back be became because become becomes becoming been before beforehand
    behind being below beside besides between beyond bill both bottom but by call can cannot cant co
    con could couldnt cry de describe detail do done down due during each eg eight either eleven
    else elsewhere empty enough etc even ever every everyone everything everywhere except few
    fifteen fifty fill find fire first five for former formerly forty found four from front full
    further get give go had has hasnt have he hence her here hereafter hereby herein hereupon hers
    herself him himself his how however hundred i ie if in inc indeed interest into is it its itself
    keep last latter latterly least less ltd made many may me meanwhile might mill mine more
    moreover most mostly move much must my myself name namely neither never nevertheless next nine
    no nobody none noone nor not nothing now nowhere of off often on once one only onto or other
    others otherwise our ours ourselves out over own part per perhaps please put rather re same see
    seem seemed seeming seems serious several she should show side since sincere six sixty so some
    somehow someone something sometime sometimes somewhere still such system take ten than that the
    their them themselves then thence there thereafter thereby therefore therein thereupon these
    they thick thin third this those though three through throughout thru thus to together too top
    toward towards twelve twenty two un under until up upon us very via was we well were what
    whatever when whence whenever where whereafter whereas whereby wherein whereupon wherever
    whether which while whither who whoever whole whom whose why will with within without would yet
    you your yours yourself yourselves""".split()
)

def _columns_matrix(columns: list[list[int]], n_columns: int) -> sp.csr_matrix:
    """One CSR row per list of column numbers, counting repeats (columns sorted, as
    scikit-learn leaves them)."""
    lengths = np.fromiter(map(len, columns), np.int64, count=len(columns))
    flat = np.fromiter(chain.from_iterable(columns), np.int64, count=int(lengths.sum()))
    rows = np.repeat(np.arange(len(columns)), lengths)
    matrix = sp.csr_matrix((np.ones(len(flat), np.float32), (rows, flat)), shape=(len(columns), n_columns))
    matrix.sum_duplicates()
    matrix.sort_indices()
    return matrix


class WordCounter:
    """Word counts per text over a fixed vocabulary, each word sent to a column.

    ``fit_transform`` learns the words of a corpus and asks the caller for their columns
    (word -> column), so that "disappeared" and "disappearances" can share their stem's.
    Words not seen in the corpus are ignored, as scikit-learn does, unless ``transform`` is
    given ``unseen``: a way to place them (the matcher places "forests" in the column of
    "forest", which the corpus has).
    """

    def __init__(self, token_pattern: str, stop_words: Iterable[str], fold: Callable[[str], str]):
        self.token_pattern = token_pattern
        self.stop_words = frozenset(stop_words)
        self.fold = fold
        self._token = re.compile(token_pattern)
        self.column_of: dict[str, int] = {}
        self.n_columns = 0

    def __getstate__(self):
        state = self.__dict__.copy()
        del state["_token"]  # a compiled pattern: rebuilt on load
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._token = re.compile(self.token_pattern)

    def tokens(self, text: str) -> list[str]:
        """The words of a text that count: folded, matched by the pattern, not stop words."""
        stop = self.stop_words
        return [t for t in self._token.findall(self.fold(text)) if t not in stop]

    def fit_transform(self, texts: list[str], column_of_word: Callable[[list[str]], tuple[Mapping[str, int], int]]):
        """Learn the corpus's words (sorted), let ``column_of_word`` give their columns, count.

        One pass of tokenising for both: it is the slow part of fitting on 60,000 texts.
        """
        token_lists = [self.tokens(text) for text in texts]
        vocabulary = sorted({token for tokens in token_lists for token in tokens})
        self.set_columns(*column_of_word(vocabulary))
        return self._count(token_lists)

    def set_columns(self, column_of: Mapping[str, int], n_columns: int) -> None:
        self.column_of = dict(column_of)
        self.n_columns = n_columns

    def transform(self, texts: Iterable[str], unseen: Callable[[str], int | None] | None = None) -> sp.csr_matrix:
        """Counts of ``texts``; a word the corpus lacks counts in ``unseen(word)``'s column, if any."""
        return self._count([self.tokens(text) for text in texts], unseen)

    def _count(self, token_lists: list[list[str]], unseen: Callable[[str], int | None] | None = None) -> sp.csr_matrix:
        column_of = self.column_of
        if unseen is None:
            columns = [[column_of[t] for t in tokens if t in column_of] for tokens in token_lists]
        else:
            columns = [[c for c in (column_of[t] if t in column_of else unseen(t) for t in tokens) if c is not None]
                       for tokens in token_lists]
        return _columns_matrix(columns, self.n_columns)


def char_wb_ngrams(text: str, low: int = 3, high: int = 5) -> list[str]:
    """Character n-grams inside words, each word padded with a space on both sides.

    The same n-grams, in the same order, as scikit-learn's ``analyzer="char_wb"``: a word
    shorter than ``n`` gives itself once.
    """
    grams: list[str] = []
    for word in text.split():
        grams.extend(_word_ngrams(word, low, high))
    return grams


@lru_cache(maxsize=100_000)
def _word_ngrams(word: str, low: int, high: int) -> tuple[str, ...]:
    padded = f" {word} "
    length = len(padded)
    grams = []
    for n in range(low, high + 1):
        offset = 0
        grams.append(padded[0:n])
        while offset + n < length:
            offset += 1
            grams.append(padded[offset : offset + n])
        if offset == 0:
            break
    return tuple(grams)


class CharNgramTfidf:
    """Tf-idf over character 3-5-grams within words, fitted on one set of texts.

    Sublinear tf (1 + ln tf), smoothed idf (ln((1 + n) / (1 + df)) + 1), rows L2-normalised:
    a dot product of two rows is their cosine. N-grams unseen at fit time are ignored.
    """

    def __init__(self, preprocessor: Callable[[str], str], low: int = 3, high: int = 5):
        self.preprocessor = preprocessor
        self.low, self.high = low, high
        self.column_of: dict[str, int] = {}
        self._word_columns: dict[str, list[int]] = {}
        self.idf = np.zeros(0, np.float32)

    def _counts(self, texts: Iterable[str], grow: bool) -> sp.csr_matrix:
        """Counts per text. A text's n-grams are those of its words, and a country's
        recommendations use a few thousand words again and again: each word's columns are
        worked out once (``_word_columns``), then a text is the sum of its words' lists."""
        column_of, word_columns = self.column_of, self._word_columns
        columns = []
        for text in texts:
            row: list[int] = []
            for word in self.preprocessor(text).split():
                known = word_columns.get(word)
                if known is None:
                    grams = _word_ngrams(word, self.low, self.high)
                    if grow:
                        known = [column_of.setdefault(gram, len(column_of)) for gram in grams]
                    else:
                        known = [column_of[gram] for gram in grams if gram in column_of]
                    word_columns[word] = known
                row.extend(known)
            columns.append(row)
        return _columns_matrix(columns, len(column_of))

    def fit_transform(self, texts: list[str]) -> sp.csr_matrix:
        self.column_of, self._word_columns = {}, {}
        counts = self._counts(texts, grow=True)
        df = np.bincount(counts.indices, minlength=len(self.column_of))
        self.idf = (np.log((1.0 + len(texts)) / (1.0 + df)) + 1.0).astype(np.float32)
        return self._weigh(counts)

    def transform(self, texts: list[str]) -> sp.csr_matrix:
        return self._weigh(self._counts(texts, grow=False))

    def _weigh(self, counts: sp.csr_matrix) -> sp.csr_matrix:
        matrix = counts.copy()
        matrix.data = (1.0 + np.log(matrix.data)) * self.idf[matrix.indices]
        return l2_normalise_rows(matrix)


def l2_normalise_rows(matrix: sp.csr_matrix) -> sp.csr_matrix:
    """Each row divided by its length (empty rows stay empty)."""
    matrix = sp.csr_matrix(matrix, dtype=np.float32)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix.data = (matrix.data / np.repeat(norms, np.diff(matrix.indptr))).astype(np.float32)
    return matrix
