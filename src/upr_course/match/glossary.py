"""Goals in Spanish or French -> the English words of UPR recommendations, for retrieval.

A language is data: each glossary is a YAML file in ``glossaries/`` (``es.yaml``,
``fr.yaml``) with ``phrases`` and ``words`` (source -> English, the UN's own terms on both
sides: "desaparición forzada" -> "enforced disappearance"), ``function_words`` (dropped),
``inflections`` (plural/feminine endings tried against the glossary's base form),
``enclitics`` (pronouns joined to a verb's end) and ``cognate_endings`` ("-ción" ->
"-tion") for words the glossary lacks. Adding a language is adding a file.

How a text is translated, and why:

1. The text is cut into whole words (lower case, accents dropped, split at apostrophes and
   hyphens, so "d'enfants" is "d" "enfants").
2. At each position the **longest** glossary phrase that starts there is taken, on whole
   words only: "poner fin al matrimonio infantil" is "poner fin al" -> "end" and
   "matrimonio infantil" -> "child marriage", never "fin" -> "aim" inside a phrase. A
   replacement is always a whole English word or phrase, so no partial word is produced.
3. A word no phrase covers is looked up alone, then as an inflected form of a glossary word.
   A word written with a capital letter inside the text is a name ("Buenos Aires",
   "Pointe-Noire") and is kept as it is from here on. Other words are looked up in the
   language's **general lexicon** (``lexicon-es.tsv``: the 40,000 commonest words, put in
   English by Apertium with ``scripts/build_lexicons.py``: "quartiers" -> "neighbourhoods";
   a word spelt like an English word of the recommendations is listed as itself, so that it
   is kept: "sanctions", "general"). Only a word the lexicon does not know is then read as a
   verb with a pronoun joined to its end ("prostituirse": "prostituir" + "se"), as a
   misspelling of a glossary or lexicon word (one letter off, the commonest first;
   rapidfuzz: "carseles" -> "carceles"), unless pyspellchecker's word list says it is a real
   word, or by its cognate ending ("-ción" -> "-tion"). A word none of these can place is **kept** as
   it is (names, acronyms, English words, and cognates that the character n-gram signal
   still meets).

   The hand-written glossary comes first because it holds the UN's terms and the sense a
   defender means ("defensores" are human rights defenders there, "detenidos" detainees);
   the lexicon fills its gaps, and keeps real words from being "corrected" into glossary
   words ("deteccion" is not "detencion"). It also checks the glossary's guesses: an
   inflected form is read as the glossary's base word only when the lexicon does not give
   the two different meanings ("casa", a house, is not "caso", a case). Nothing is looked
   up by its stem: a shared stem gave ordinary words the glossary's narrow sense ("traten",
   they treat, read as "trata", trafficking).

Good enough for ranking, not for reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml
from .spelling import MAX_WORDS_SPELLED, nearest
from .text import fold
from .text import stem as english_stem

#: Languages that have a glossary file; English needs none.
GLOSSARY_LANGUAGES = ("es", "fr")
_WORD = re.compile(r"[a-z0-9]+")
#: Words shorter than this are never spelling-corrected.
CORRECT_MIN = 7


@dataclass(frozen=True)
class Glossary:
    """One language's glossary, with every key folded and cut into words."""

    language: str
    phrases: dict[tuple[str, ...], str]  # two or more words -> English
    words: dict[str, str]
    function_words: frozenset[str]
    inflections: tuple[tuple[str, str], ...]
    cognate_endings: tuple[tuple[str, str], ...]
    longest_phrase: int
    lexicon: dict[str, str] = field(default_factory=dict)  # common words (Apertium), folded -> English
    enclitics: tuple[str, ...] = ()  # pronouns joined to a verb's end ("-se", "-los"), longest first
    enclitic_hosts: tuple[str, ...] = ()  # how a verb ends before them (infinitive, gerund)

    def same_word(self, form: str, base: str) -> bool:
        """Whether ``form`` is an inflected form of ``base`` ("detenidas" of "detenido"), not
        another word that happens to end alike ("casa", a house, is not "caso", a case).

        The general lexicon decides where it knows both: their English words must share an
        English stem ("arrested persons" and "arrested person"). Where it does not, the
        inflection is trusted, as before.
        """
        if form not in self.lexicon or base not in self.lexicon:
            return True
        return {english_stem(w) for w in self.lexicon[form].split()} & {english_stem(w) for w in self.lexicon[base].split()} != set()

    def spelling(self, word: str) -> str | None:
        """The glossary or lexicon word one letter away (two for long words) that a misspelt
        ``word`` stands for; None when there is none, or when the word is a real one.

        Short words are never corrected: too many real words are one letter apart (as in
        the grader, ``rubric/reading.py``). "carseles" -> "carceles", "coruption" -> "corruption";
        two letters swapped count as one ("violecnia" -> "violencia"). The glossary's words
        are tried first, then the lexicon's common words ("espulsan" -> "expulsan"). A word
        that pyspellchecker's word list of the language knows is never changed: it is a real
        word the lists lack, not a slip.
        """
        if len(word) < CORRECT_MIN:
            return None
        # The nearest, then the commonest in the language: "forsado" is "forzado" (forced),
        # not "forjado" (forged).
        return nearest(word, self.words.keys(), self.language) or nearest(word, self.lexicon.keys(), self.language)

    def word(self, word: str, name: bool = False) -> str:
        """One folded word in English (see the module's docstring for the order, and why).

        ``name``: the word was written with a capital letter inside the text ("Buenos Aires",
        "Pointe-Noire", "Mercedes"): a name, kept as it is unless the glossary itself knows it.
        """
        return self.reading(word, name)[0]

    def meaning(self, known: str) -> str:
        """The English of a word the glossary or, failing it, the lexicon lists."""
        return self.words[known] if known in self.words else self.lexicon[known]

    def reading(self, word: str, name: bool = False, spell: bool = True) -> tuple[str, str | None]:
        """(the English of ``word``, the word it was taken as a misspelling of, if it was:
        "espulsan" -> "expulsan", said to the participant by ``search.read_goal``).
        ``spell=False``: no spelling correction (past a long text's first words)."""
        if word in self.function_words:
            return "", None
        if word in self.words:
            return self.words[word], None
        for ending, replacement in self.inflections:
            base = word[: len(word) - len(ending)] + replacement
            if word.endswith(ending) and base in self.words and self.same_word(word, base):
                return self.words[base], None
        if name:
            return word, None
        if word in self.lexicon:
            return self.lexicon[word], None
        for pronoun in self.enclitics:  # "prostituirse" is "prostituir" + "se"
            verb = word[: -len(pronoun)]
            if (word.endswith(pronoun) and len(verb) > 3 and verb.endswith(self.enclitic_hosts)
                    and (verb in self.lexicon or verb in self.words)):
                return self.meaning(verb), None
        corrected = self.spelling(word) if spell else None
        if corrected is not None:
            return self.meaning(corrected), corrected
        for ending, english in self.cognate_endings:
            if word.endswith(ending) and len(word) > len(ending) + 2:
                return word[: -len(ending)] + english, None
        return word, None


def names_in(text: str) -> frozenset[str]:
    """The (folded) words written with a capital letter after the text's first word: names of
    places and people ("Mar del Plata", "Pointe-Noire"), which must not be translated word by
    word ("Buenos Aires" is not "good aires"). Acronyms count too ("ONG"): the glossary, which
    comes first, knows those that matter.

    A text written in capitals or with Every Word Capitalised has no names to tell apart
    (people type goals that way): when every word after the first is capitalised, none is
    taken for a name."""
    words = [m.group() for m in re.finditer(r"[^\W_]+", text)][1:]
    capitalised = [w for w in words if w[0].isupper()]
    if len(capitalised) == len(words):
        return frozenset()
    return frozenset(fold(w) for w in capitalised)


def tokens(text: str) -> list[str]:
    """Whole words, folded ("Désaparición" -> "desaparicion"); apostrophes and hyphens split."""
    return _WORD.findall(fold(text))


def read_word_list(name: str) -> dict[str, str]:
    """One of the built word lists of ``glossaries/`` ("lexicon-es.tsv", "families-en.tsv"):
    word -> its words. Lines starting with "#" are its header (sources, licence)."""
    path = resources.files(__package__).joinpath("glossaries", name)
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, _, words = line.partition("\t")
            table[word] = words
    return table


def read_lexicon(language: str) -> dict[str, str]:
    """The general word list of ``language``: folded word -> its English words."""
    return read_word_list(f"lexicon-{language}.tsv")


@lru_cache(maxsize=None)
def glossary(language: str) -> Glossary:
    """The glossary of ``language`` (one of ``GLOSSARY_LANGUAGES``), read once from its file."""
    if language not in GLOSSARY_LANGUAGES:
        raise ValueError(f"no glossary for language {language!r}")
    text = resources.files(__package__).joinpath("glossaries", f"{language}.yaml").read_text(encoding="utf-8")
    raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml's loader: 10 times faster
    phrases: dict[tuple[str, ...], str] = {}
    words: dict[str, str] = {}
    for source, english in (raw.get("words") or {}).items():
        key = tokens(str(source))
        target = " ".join(str(english).replace("-", " ").split())
        if len(key) == 1:
            words[key[0]] = target
        elif key:
            phrases[tuple(key)] = target
    for source, english in (raw.get("phrases") or {}).items():
        key = tuple(tokens(str(source)))
        target = " ".join(str(english).split())
        if len(key) == 1:
            words[key[0]] = target
        elif key:
            phrases[key] = target
    return Glossary(
        language=language,
        phrases=phrases,
        words=words,
        function_words=frozenset(tokens(raw.get("function_words") or "")),
        inflections=tuple((str(a), str(b)) for a, b in raw.get("inflections") or ()),
        cognate_endings=tuple((str(a), str(b)) for a, b in raw.get("cognate_endings") or ()),
        longest_phrase=max((len(k) for k in phrases), default=1),
        lexicon=read_lexicon(language),
        enclitics=tuple(sorted((str(e) for e in raw.get("enclitics") or ()), key=len, reverse=True)),
        enclitic_hosts=tuple(str(e) for e in raw.get("enclitic_hosts") or ()),
    )


def in_english(text: str, lang: str | None = None) -> tuple[str, str]:
    """(the text's language, the text in English words): identified unless ``lang`` is given;
    an English text, or one in a language without a glossary, is returned as it is.

    The one way a goal or a plan's words are read in English: by the matcher (``rank.Query``)
    and by the grader's issue tags (``rubric/relevance.py``).
    """
    from ..language import detect_language

    language = detect_language(text) if lang is None else lang
    return language, translate(text, language) if language in GLOSSARY_LANGUAGES else text


def readings(text: str, language: str) -> list[tuple[tuple[str, ...], str, str | None]]:
    """How ``text`` (in ``language``, which has a glossary) is read, phrases first and longest
    first: one (its words, folded; their English; the word a misspelt single word was taken
    for, or None) per phrase or word.

    The one walk over a text: ``translate`` joins the English, and ``search.read_goal`` tells
    the participant which words were misspelt or not read, so that what it says is what the
    matcher did ("los pacos" is the police as a phrase, though "pacos" alone is unknown).
    """
    table = glossary(language)
    words = tokens(text)
    names = names_in(text)
    out: list[tuple[tuple[str, ...], str, str | None]] = []
    position = 0
    while position < len(words):
        for length in range(min(table.longest_phrase, len(words) - position), 1, -1):
            phrase = tuple(words[position : position + length])
            english = table.phrases.get(phrase)
            if english is not None:  # '' for a phrase that says nothing about the subject ("lutter contre")
                out.append((phrase, english, None))
                position += length
                break
        else:
            word = words[position]
            english, meant = table.reading(word, name=word in names, spell=position < MAX_WORDS_SPELLED)
            out.append(((word,), english, meant))
            position += 1
    return out


@lru_cache(maxsize=50_000)
def translate(text: str, language: str) -> str:
    """``text`` (in ``language``) in English words, phrases first and longest first."""
    if language not in GLOSSARY_LANGUAGES:
        return text
    return " ".join(english for _, english, _ in readings(text, language) if english)
