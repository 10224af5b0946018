"""Reading a plan's free text for what it says, not for how it is spelt.

A trainer reads substance: plain words, spelling mistakes and non-native grammar cost nothing.
So the grader reads a text in three steps:

1. **Words.** The text is split into words (styled and look-alike letters read as plain ones:
   ``lookalikes.plain``); a word the grader does not know that is one or
   two letters away from a word of its vocabulary is read as that word ("goverment" is
   "government", "recomendation" is "recommendation"). Short words are never corrected, so
   "policy" does not become "police".
2. **Stems.** Words are compared by their Snowball stem (the stemmer of the text's language),
   so "recommended", "recommendations" and "recommend" are one word.
3. **Kinds of words.** The vocabulary (``lexicon/<language>.yaml``: a language is data) sorts
   words and phrases into kinds: what a UN step produces (``output``), who is moved
   (``actor``), how it works (``mechanism``), what is done at home (``home_action``), generic
   phrases (``generic``), the UPR's own process words (``process``) and a few more. Each kind
   is one signal among several; none decides alone (see ``free_text.py``).

Everything is cached per text: the criteria read the same texts several times.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import Stemmer
import yaml
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ..lookalikes import plain

#: Languages the grader has a vocabulary for; the first is the default.
LANGUAGES = ("en", "es", "fr")
_STEMMERS = {"en": "english", "es": "spanish", "fr": "french"}
#: Words: letters of any script, with inner apostrophes or hyphens; or a number.
WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*|\d+")
#: A single-word term written with a final '*' ("retaliat*") matches every word that starts with it.
PREFIX_MIN = 4
#: Words shorter than this are never spelling-corrected: too many real words are one letter apart.
CORRECT_MIN = 7
#: Something checkable: a number, a year, an item id (D1, O2, I3), an acronym, a UN symbol.
CONCRETE = re.compile(r"\b\d{2,}\b|\b(?:19|20)\d{2}\b|\b[DOI]\d+\b|\b[A-Z]{2,}\b|\b[A-Z]/HRC/")
_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+")


@dataclass(frozen=True)
class Lexicon:
    """One language's vocabulary, indexed for a single pass over a text."""

    language: str
    function_words: frozenset[str]
    #: stem of a term's first word -> [(kind, stems of the whole term)]
    index: dict[str, tuple[tuple[str, tuple[str, ...]], ...]]
    #: single-word prefix terms (PREFIX_MIN+ letters) -> kinds
    prefixes: dict[str, frozenset[str]]
    #: words matched only as written ("=noted": not "note"), -> kinds
    exact: dict[str, frozenset[str]]
    #: every word of the vocabulary, for spelling correction
    vocabulary: tuple[str, ...]
    stemmer: Stemmer.Stemmer

    def stem(self, word: str) -> str:
        return _stem(self.language, word)


@lru_cache(maxsize=None)
def _raw(language: str) -> dict:
    return yaml.safe_load(resources.files(__package__).joinpath("lexicon", f"{language}.yaml").read_text(encoding="utf-8"))


def raw_terms(language: str, kind: str) -> list[str]:
    """The terms of one kind as written in the vocabulary file (lower-cased)."""
    return split_terms(_raw(language if language in LANGUAGES else "en").get(kind, ""))


#: Keys of a vocabulary file that are not kinds of words read in free text: settings, and the
#: words the goal criterion checks in short fields (a target, an indicator; ``other_terms``).
NOT_KINDS = frozenset({
    "language", "function_words", "elisions", "fold_accents",
    "common_capitalised", "vague_target", "target_filler", "vague_indicator", "verifiable_indicator", "un_target", "un_objective",
})


def other_terms(key: str) -> tuple[str, ...]:
    """The terms of ``key`` in the vocabularies other than English, for checks of short fields
    (a target, an indicator) that stay the same in every language. English keeps its own
    patterns in ``criteria.py``; these add the Spanish and French words beside them."""
    return tuple(dict.fromkeys(t for language in LANGUAGES[1:] for t in raw_terms(language, key)))


@lru_cache(maxsize=None)
def lexicon(language: str = "en") -> Lexicon:
    """The vocabulary of ``language`` (one of ``LANGUAGES``), read once from its YAML file."""
    if language not in LANGUAGES:
        language = "en"
    raw = _raw(language)
    stemmer = Stemmer.Stemmer(_STEMMERS[language])
    function_words = frozenset(raw["function_words"].split())
    index: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    prefixes: dict[str, set[str]] = {}
    exact: dict[str, set[str]] = {}
    vocabulary: set[str] = set()
    elisions = _elisions(language)
    for kind, value in raw.items():
        if kind in NOT_KINDS:
            continue
        for term in split_terms(value):
            if term.endswith("*") and " " not in term:
                prefixes.setdefault(term[:-1], set()).add(kind)
                continue
            if term.startswith("=") and " " not in term:
                exact.setdefault(term[1:], set()).add(kind)
                continue
            parts = _split_elisions(tuple(WORD.findall(term)), elisions)
            if not parts:
                continue
            vocabulary.update(p for p in parts if len(p) >= CORRECT_MIN - 1)
            stems = tuple(_stem(language, p) for p in parts)
            index.setdefault(stems[0], []).append((kind, stems))
    return Lexicon(
        language=language,
        function_words=function_words,
        index={key: tuple(value) for key, value in index.items()},
        prefixes={key: frozenset(value) for key, value in prefixes.items()},
        exact={key: frozenset(value) for key, value in exact.items()},
        vocabulary=tuple(sorted(vocabulary)),
        stemmer=stemmer,
    )


def split_terms(value: str) -> list[str]:
    """A vocabulary entry's terms: separated by ';', lower-cased."""
    return [term.strip().lower() for term in (value or "").split(";") if term.strip()]


@lru_cache(maxsize=65536)
def _stem(language: str, word: str) -> str:
    stem = _stemmer(language).stemWord(word)
    return _fold(stem) if _folds_accents(language) else stem


@lru_cache(maxsize=None)
def _stemmer(language: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(_STEMMERS[language if language in LANGUAGES else "en"])


@lru_cache(maxsize=None)
def _folds_accents(language: str) -> bool:
    """Whether words of the language are compared without their accents (``fold_accents`` in its
    vocabulary file): many write French without them ("reponse", "etat", "delegation")."""
    return bool(_raw(language if language in LANGUAGES else "en").get("fold_accents"))


def _fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word.replace("œ", "oe").replace("æ", "ae")) if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def corrected(language: str, word: str) -> str:
    """``word`` as the vocabulary spells it, when it is one (or, if long, two) letters away."""
    vocab = lexicon(language)
    if len(word) < CORRECT_MIN or word in vocab.function_words or _stem(language, word) in vocab.index:
        return word
    limit = 1 if len(word) < 10 else 2
    found = process.extractOne(word, vocab.vocabulary, scorer=Levenshtein.distance, score_cutoff=limit)
    if found is None or found[0][0] != word[0]:
        return word
    return found[0]


def words(text: str) -> list[str]:
    """The words of a text, lower-cased."""
    return list(_words(text or ""))


@lru_cache(maxsize=16384)
def _words(text: str) -> tuple[str, ...]:
    # Full-width and mathematical letters are read as plain ones (NFKC), and look-alike letters of
    # another alphabet inside Latin words as the Latin ones they imitate: "ｓame", "𝗌ame" and
    # "sаme" with a Cyrillic "а" are all the word "same" (``lookalikes.plain``).
    return tuple(w.lower() for w in WORD.findall(plain(text)))


#: A word with an elided article or pronoun in front ("l'examen", "d'État", "n'a", "qu'il").
_ELIDED = re.compile(r"^([^\W\d_]+)['’](.+)$")


@lru_cache(maxsize=None)
def _elisions(language: str) -> dict[str, str]:
    """The language's elided words and what they stand for ("l" -> "le"), from its vocabulary
    file (``elisions``): "l'examen" is read as "le examen", so "examen" is found."""
    pairs = (term.split() for term in split_terms(_raw(language if language in LANGUAGES else "en").get("elisions", "")))
    return {pair[0]: pair[1] for pair in pairs if len(pair) == 2}


def _split_elisions(tokens: tuple[str, ...], elisions: dict[str, str]) -> tuple[str, ...]:
    if not elisions:
        return tokens
    result: list[str] = []
    for token in tokens:
        match = _ELIDED.match(token)
        if match and match.group(1) in elisions:
            result += [elisions[match.group(1)], match.group(2)]
        else:
            result.append(token)
    return tuple(result)


@lru_cache(maxsize=16384)
def words_in(text: str, language: str = "en") -> tuple[str, ...]:
    """The words of a text as its language reads them: lower-cased, elisions undone."""
    return _split_elisions(_words(text or ""), _elisions(language))


#: Kinds that do not make a word a cue word (a word of these kinds can still say what a text is about).
_NOT_ROLES = frozenset({
    "reprisal", "keep_watch", "other", "said_lobby", "said_expose", "said_implement", "own_circle", "first_person", "safety", "un_engagement",
})
#: Kinds whose words say how the UPR or advocacy works in general, not what a plan is about.
_ROLES = frozenset({"generic_actor", "mechanism", "generic", "process", "output", "said_accepted", "said_noted", "negation"})


@dataclass(frozen=True)
class Reading:
    """What one free text says, as the grader reads it.

    ``kinds`` maps each kind of word found to the words as written (for quoting in
    feedback); ``content`` holds the stems of the words that carry meaning (not function
    words, not generic phrases, not the UPR's process words); ``function_share`` tells a
    sentence from a list of keywords.
    """

    language: str
    words: tuple[str, ...]
    stems: tuple[str, ...]
    kinds: dict[str, tuple[str, ...]]
    content: frozenset[str]
    #: ``content`` without the words of general roles: what the text is about
    topical: frozenset[str]
    function_share: float
    concrete: bool
    #: a name, a number or a date (not an item id): something particular
    named: bool = False
    #: share of the words that are cue words of some kind
    cue_share: float = 0.0

    @property
    def empty(self) -> bool:
        return not self.words

    def has(self, kind: str) -> bool:
        return bool(self.kinds.get(kind))

    def found(self, kind: str) -> tuple[str, ...]:
        return self.kinds.get(kind, ())


#: A text is read in another of the grader's languages than its plan's only when it has at least
#: ``OWN_LANGUAGE_MIN_WORDS`` words, at least ``OWN_LANGUAGE_SHARE`` of them are the other
#: language's small words, and that share passes the plan language's by ``OWN_LANGUAGE_MARGIN``.
#: Plain texts are near 0.3 or more of their own language's small words and under 0.1 of
#: English's; Spanish and French share some ("la", "de", "en"), hence the margin: a sentence
#: that could be either stays in the plan's language. Names and acronyms are in no list.
OWN_LANGUAGE_MIN_WORDS = 6
OWN_LANGUAGE_SHARE = 0.25
OWN_LANGUAGE_MARGIN = 0.2


def own_language(text: str, language: str = "en") -> str:
    """The language to read one text in: the plan's, unless the text is plainly in another of
    the grader's languages. Participants often fill an English template in their first
    language, field by field; such a field read with English words would lose what it says
    (the marking guide: the same substance earns the same marks in English, Spanish or French).
    """
    if language not in LANGUAGES:
        return language

    def share(lang: str) -> float:
        tokens = words_in(text or "", lang)
        return sum(t in lexicon(lang).function_words for t in tokens) / len(tokens) if tokens else 0.0

    if len(words(text)) < OWN_LANGUAGE_MIN_WORDS:
        return language
    best = max((lang for lang in LANGUAGES if lang != language), key=share)
    return best if share(best) >= max(OWN_LANGUAGE_SHARE, share(language) + OWN_LANGUAGE_MARGIN) else language


@lru_cache(maxsize=16384)
def read(text: str, language: str = "en") -> Reading:
    """Read ``text`` (see the module docstring) in its own language (``own_language``); cached."""
    text = plain(text or "")
    language = own_language(text, language)
    vocab = lexicon(language)
    original = words_in(text or "", language)
    tokens = tuple(corrected(language, w) for w in original)
    stems = tuple(_stem(language, w) for w in tokens)
    kinds: dict[str, list[str]] = {}
    covered = [set() for _ in tokens]  # kinds that cover each word
    for position, stem in enumerate(stems):
        for kind, term in vocab.index.get(stem, ()):
            end = position + len(term)
            if stems[position:end] == term:
                kinds.setdefault(kind, []).append(" ".join(original[position:end]))
                for i in range(position, end):
                    covered[i].add(kind)
        word = tokens[position]
        for kind in vocab.exact.get(word, ()):
            kinds.setdefault(kind, []).append(original[position])
            covered[position].add(kind)
        if vocab.prefixes and len(word) > PREFIX_MIN:
            for size in range(PREFIX_MIN, len(word) + 1):
                for kind in vocab.prefixes.get(word[:size], ()):
                    kinds.setdefault(kind, []).append(original[position])
                    covered[position].add(kind)
    content = frozenset(
        stem
        for stem, word, cover in zip(stems, tokens, covered)
        if len(word) > 2 and word not in vocab.function_words and not word.isdigit() and not cover & {"generic", "process"}
    )
    share = sum(w in vocab.function_words for w in tokens) / len(tokens) if tokens else 0.0
    topical = frozenset(
        stem
        for stem, word, cover in zip(stems, tokens, covered)
        if len(word) > 2 and word not in vocab.function_words and not word.isdigit() and not (cover & _ROLES)
    )
    return Reading(
        language=language,
        words=tokens,
        stems=stems,
        kinds={kind: tuple(dict.fromkeys(found)) for kind, found in kinds.items()},
        content=content,
        topical=topical,
        function_share=share,
        cue_share=sum(bool(cover - _NOT_ROLES - {"process", "generic"}) for cover in covered) / len(tokens) if tokens else 0.0,
        concrete=bool(CONCRETE.search(text or "")) or _has_name(text or "", language),
        named=bool(NAMED.search(text or "")) or _has_name(text or "", language),
    )


#: A name, number or date: the grader's sign of something particular (item ids do not count).
NAMED = re.compile(r"\b\d{2,}\b|\b(?:19|20)\d{2}\b|\b(?![DOI]\d)[A-Z]{2,}\b")
_CAPITALISED = re.compile(r"(?<![.!?:;]\s)(?<!^)\b[A-Z][a-zà-ÿ]+(?:[-'][A-Za-zà-ÿ]+)*\b")
#: Capitalised words that name no one in particular.
_COMMON_CAPITALISED = frozenset(
    """the this that these those it its we our they their a an in on at by for to of and or but so if when as
    government ministry minister parliament state states un united nations council committee president cabinet
    secretary human rights review working group universal periodic geneva embassy embassies mission missions
    court police national international public press media civil society ngo ngos coalition""".split()
)


def _has_name(text: str, language: str = "en") -> bool:
    """A capitalised word inside a sentence that is not a generic institution word: a name."""
    body = " ".join(text.split())
    common = _common_capitalised(language)
    return any(match.group(0).lower() not in common for match in _CAPITALISED.finditer(body))


@lru_cache(maxsize=None)
def _common_capitalised(language: str) -> frozenset[str]:
    """The English words above, and the language's own (``common_capitalised`` in its vocabulary)."""
    return _COMMON_CAPITALISED | frozenset(raw_terms(language, "common_capitalised")) if language != "en" else _COMMON_CAPITALISED


def sentences(text: str) -> list[str]:
    """The sentences of a text (also split at ';' and line breaks), its letters read as plain ones."""
    return [s.strip() for s in _SENTENCE.split(plain(text or "")) if s.strip()]


def content_stems(texts: Iterable[str], language: str = "en") -> frozenset[str]:
    """The meaning-carrying stems of several texts together."""
    result: set[str] = set()
    for text in texts:
        if text:
            result |= read(text, language).content
    return frozenset(result)


def topical_stems(texts: Iterable[str], language: str = "en") -> frozenset[str]:
    """What several texts are about: their stems that are no cue words."""
    result: set[str] = set()
    for text in texts:
        if text:
            result |= read(text, language).topical
    return frozenset(result)


def overlap(first: frozenset[str], second: frozenset[str]) -> set[str]:
    """Stems two texts share, also when one is a longer form of the other (5 letters in common)."""
    shared = set(first & second)
    if len(shared) < len(first):
        long_second = {s[:5] for s in second if len(s) >= 5}
        shared |= {s for s in first if len(s) >= 5 and s[:5] in long_second}
    return shared


#: Words within this many words before a claim that deny it ("we will not follow").
NEGATION_REACH = 8


@lru_cache(maxsize=None)
def negations(language: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """Words ("not", "never") and phrases ("refused to", "instead of") that deny what follows them."""
    terms = raw_terms(language, "negation")
    return frozenset(t for t in terms if " " not in t) | {"n't"}, tuple(f" {t} " for t in terms if " " in t)


def affirms(sentence: str, kind: str, language: str = "en") -> bool:
    """The sentence says something of ``kind`` and does not deny it ("was not accepted", "will not follow")."""
    reading = read(sentence, language)
    if not reading.has(kind):
        return False
    firsts = {phrase.lower().split()[0] for phrase in reading.found(kind)}
    words_denying, phrases_denying = negations(language)
    tokens = reading.words
    originals = words_in(sentence or "", language)
    for position, (token, original) in enumerate(zip(tokens, originals)):
        if token in firsts or original in firsts:
            before = tokens[max(0, position - NEGATION_REACH): position]
            window = f" {' '.join(before)} "
            if not (set(before) & words_denying) and not any(p in window for p in phrases_denying):
                return True
    return False
