"""Reading a plan's free text for specific content, and refusing filler.

The grader must not reward length, keywords or copy-paste. So a text earns credit only
for *signals of specific content*, each counted once, and only when the text is a real
sentence of its own:

- ``output``: what the UN step produces (a recommendation, a question on the record,
  a meeting, a public answer, a report or summary...);
- ``actor``: whom it moves (the Government, a ministry, Parliament, recommending States,
  embassies, the Council, journalists...);
- ``mechanism``: how it works (so that, because, which means, forces, diplomatic cost,
  cannot ... alone...);
- ``concrete``: something checkable (a number, a date, a named body or document, an
  activity or objective id such as D1 or O2).

Texts that are empty, filler ("raise awareness", "share the results"), a restatement of
the activity, stuffed with cue words, or repeated across activities earn nothing. The
lists below are the grader's vocabulary; they are deliberately plain English because
participants write plain English.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

WORD = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'\-]*\d*|\d+")
SENTENCE_END = re.compile(r"[.!?;:]")

#: Function words: a real sentence has them; a keyword list does not.
FUNCTION_WORDS = frozenset(
    """a an the of to in on for by with at from and or but so that which who whom whose this these those
    it its they their them we our us is are was were be been will would can could must should may might
    has have had do does did not no as than then when where while because if into through before after
    each every any all more most such only also""".split()
)

#: Generic phrases that say nothing specific; they are removed before counting content.
FILLER_PHRASES = (
    "raise awareness", "raising awareness", "create awareness", "awareness raising",
    "help our advocacy", "helps our advocacy", "support our advocacy", "support our work", "help our work",
    "strengthen our advocacy", "strengthen our work", "our advocacy", "advocacy efforts",
    "share the results", "share results", "share the outcome", "share information", "disseminate the results",
    "disseminate results", "disseminate information", "inform the public", "inform people", "tell people",
    "use the results", "use it at home", "use them at home", "bring it home", "bring them home", "back home",
    "it is good to engage with the un", "it is good to engage", "engaging with the un is good",
    "engage with the un", "engagement with the un", "international engagement", "the international community",
    "international level", "at the un", "in geneva", "the un system", "un mechanisms",
    "make a difference", "have an impact", "create impact", "increase pressure", "put pressure", "more pressure",
    "draw attention", "get attention", "gain attention", "important issue", "very important", "human rights situation",
    "improve the situation", "promote human rights", "protect human rights", "it will help", "this will help",
    "help us", "helps us", "be useful", "is useful", "is important", "adds value", "added value",
)

OUTPUT_TERMS = (
    "recommendation", "recommend", "question", "on the record", "record", "answer", "response", "respond",
    "commitment", "commit", "pledge", "accepted", "supported", "noted", "statement", "report", "summary",
    "compilation", "addendum", "outcome", "meeting", "briefing", "dialogue", "webcast", "speech", "side event",
    "mid-term", "written", "public position", "in public", "publicly",
)
ACTOR_TERMS = (
    "government", "ministry", "minister", "cabinet", "parliament", "member of parliament", "mps", "senator",
    "committee", "president", "prime minister", "attorney", "police", "court", "judge", "commission",
    "state", "states", "delegation", "embassy", "embassies", "ambassador", "mission", "missions", "diplomat",
    "council", "troika", "working group", "ohchr", "special rapporteur", "treaty body", "officials", "official",
    "journalist", "journalists", "press", "media", "editors", "donors", "nhri", "ombudsman", "secretary",
    "prosecutor", "prosecutors", "inspector", "inspector-general", "board", "director", "director-general",
    "governor", "mayor", "senate", "assembly", "speaker", "caucus", "ombudsperson", "tribunal", "judiciary",
    "minister of", "members of parliament", "legislators", "lawmakers", "councillors", "party", "parties",
)
MECHANISM_TERMS = (
    "so that", "because", "which means", "means that", "in order to", "so the", "so it", "forces", "force ",
    "obliges", "oblige", "must answer", "must respond", "has to", "have to", "diplomatic cost", "cost",
    "cannot ignore", "can no longer", "could not", "cannot", "alone", "otherwise", "harder to", "gives us",
    "give us", "lets us", "allows us", "allow us", "which", "therefore", "thus", "as a result", "to hold",
    "to show", "to prove", "to compare", "to quote", "to cite", "to push", "to expose", "to contest",
    "makes", "make the", "turns", "turn our", "instead of", "even when", "without", "breaks", "only",
    "puts", "obliges", "requires", "compels", "binds", "forced", "unless", "until",
)
#: What a participant does with the result back home (for ``brought_home``).
HOME_ACTION_TERMS = (
    "quote", "cite", "send", "sent", "brief", "table", "present", "publish", "print", "letter", "scorecard",
    "petition", "lobby", "meet", "meeting", "hearing", "submission", "submit", "testify", "press release",
    "press conference", "radio", "newspaper", "op-ed", "community", "workshop", "campaign", "track", "monitor",
    "compare", "remind", "hold", "follow up", "follow-up", "report back", "translate", "court",
    "give", "show", "circulate", "broadcast", "screen", "screening", "distribute", "hand", "file", "ask",
    "invite", "train", "hearing", "debate", "question", "motion", "bill", "budget", "radio", "television",
)

CONCRETE = re.compile(r"\b\d{2,}\b|\b(?:19|20)\d{2}\b|\b[DOI]\d+\b|\b[A-Z]{2,}\b")
#: Capitalised words that are not names of anything specific (institutions in general).
COMMON_CAPITALISED = frozenset(
    """the this that these those it its we our they their a an in on at by for to of and or but so if when as
    government ministry minister parliament state states un united nations council committee president cabinet
    secretary human rights review working group universal periodic geneva embassy embassies mission missions
    court police national international public press media civil society ngo ngos coalition""".split()
)
_CAPITALISED = re.compile(r"(?<![.!?:;]\s)(?<!^)\b[A-Z][a-zà-ÿ]+(?:[-'][A-Za-zà-ÿ]+)*\b")


def words(text: str) -> list[str]:
    return list(_words(text or ""))


@lru_cache(maxsize=8192)
def _words(text: str) -> tuple[str, ...]:
    """Words of a text, lower-cased; cached because the criteria read the same texts often."""
    return tuple(w.lower() for w in WORD.findall(text))


#: All generic phrases in one pattern, longest first, so each is found once.
_FILLER = re.compile("|".join(re.escape(p) for p in sorted(set(FILLER_PHRASES), key=len, reverse=True)))


def strip_filler(text: str) -> str:
    """The text without its generic phrases (case-insensitive), for measuring what is left."""
    return " ".join(_FILLER.sub(" ", f" {(text or '').lower()} ").split())


@lru_cache(maxsize=None)
def _term_pattern(term: str) -> re.Pattern:
    """A whole-word pattern for one cue term, compiled once (re's own cache is too small)."""
    return re.compile(r"(?<![a-z])" + re.escape(term.strip()) + r"(?![a-z])")


@lru_cache(maxsize=None)
def _terms_pattern(terms: tuple[str, ...]) -> re.Pattern:
    """One whole-word pattern for a list of cue terms, longest first, compiled once."""
    alternation = "|".join(re.escape(t.strip()) for t in sorted({t.strip() for t in terms}, key=len, reverse=True))
    return re.compile(rf"(?<![a-z])(?:{alternation})(?![a-z])")


def _term_hits(lowered: str, terms: tuple[str, ...]) -> list[str]:
    """Every occurrence of any of the terms, as matched."""
    return _terms_pattern(tuple(terms)).findall(lowered) if terms else []


def _has_term(lowered: str, terms) -> list[str]:
    return sorted(set(_term_hits(lowered, tuple(terms))))


@dataclass(frozen=True)
class TextReading:
    """What the grader found in one free-text answer."""

    empty: bool
    content_words: int
    signals: frozenset[str] = field(default_factory=frozenset)
    stuffed: bool = False
    filler_only: bool = False

    @property
    def specific(self) -> bool:
        return not (self.empty or self.stuffed or self.filler_only)


#: Fewer content words than this, once filler is gone, is too little to say anything specific.
MIN_CONTENT_WORDS = 4


@lru_cache(maxsize=8192)
def read_text(text: str, extra_terms: tuple[str, ...] = ()) -> TextReading:
    """Find the specific-content signals of ``text`` (see the module docstring).

    ``extra_terms`` adds a signal ``home_action`` for texts about bringing results home.
    """
    if not isinstance(text, str) or not text.strip():
        return TextReading(empty=True, content_words=0)
    all_words = words(text)
    remaining = strip_filler(text)
    content = [w for w in words(remaining) if w not in FUNCTION_WORDS and len(w) > 2]
    if len(content) < MIN_CONTENT_WORDS:
        return TextReading(empty=False, content_words=len(content), filler_only=True)
    lowered = f" {remaining} "
    signals = set()
    cue_hits = 0
    for name, terms in (("output", OUTPUT_TERMS), ("actor", ACTOR_TERMS), ("mechanism", MECHANISM_TERMS), ("home_action", tuple(extra_terms))):
        hits = _term_hits(lowered, terms)
        if hits:
            signals.add(name)
        cue_hits += len(hits)
    if re.search(r",\s*so\b|;\s*so\b", text, re.I):
        signals.add("mechanism")
    if CONCRETE.search(text) or _has_proper_name(text):
        signals.add("concrete")
    return TextReading(
        empty=False,
        content_words=len(content),
        signals=frozenset(signals),
        stuffed=_looks_stuffed(all_words, cue_hits),
    )


def _has_proper_name(text: str) -> bool:
    """A capitalised word inside a sentence that is not a generic institution word: a name."""
    body = " ".join(text.split())
    return any(match.group(0).lower() not in COMMON_CAPITALISED for match in _CAPITALISED.finditer(body))


def filler_count(text: str) -> int:
    """How many different generic phrases the text leans on."""
    return len(set(_FILLER.findall(f" {(text or '').lower()} ")))


def _stem(word: str) -> str:
    """A light stem: drug/drugs, detain/detained/detention meet; enough for topic overlap."""
    for suffix in ("ations", "ation", "ions", "ion", "ings", "ing", "ies", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:6]


#: Words that carry no topic: the rubric's cue words and the general vocabulary of the UPR.
NON_TOPICAL = frozenset(
    """human right rights government ministry minister parliament state states recommendation recommendations
    recommend recommended review universal periodic council record public publicly answer respond response
    report reports issue issues work working group our their this that with will would should must can cannot
    commitment committed promise supported noted accepted support note people country national international
    law laws policy policies ensure take measures action actions advocacy awareness pressure meeting meetings
    statement statements question questions letter brief briefing result results member members official
    officials delegation diplomatic diplomats embassy embassies mission missions""".split()
)


@lru_cache(maxsize=8192)
def topical_stems(text: str) -> frozenset[str]:
    """Stems of the words that say what a text is about (not how the UPR works)."""
    parts = []
    for word in _words(text or ""):
        parts.extend(word.split("-"))
    return frozenset(_stem(w) for w in parts if len(w) > 3 and w not in FUNCTION_WORDS and w not in NON_TOPICAL and not w.isdigit())


def _looks_stuffed(all_words: list[str], cue_hits: int) -> bool:
    """A list of cue words rather than a sentence: few function words, or cues everywhere."""
    if not all_words:
        return False
    function_share = sum(w in FUNCTION_WORDS for w in all_words) / len(all_words)
    if len(all_words) >= 8 and function_share < 0.15:
        return True
    counts = Counter(w for w in all_words if w not in FUNCTION_WORDS)
    most_common = max(counts.values()) if counts else 0
    if most_common >= 4 and most_common / len(all_words) > 0.12:
        return True
    return len(all_words) >= 6 and cue_hits / len(all_words) > 0.6


def restates(answer: str, activity_text: str) -> bool:
    """True when ``answer`` is a copy or near-copy of the activity's own text."""
    if not answer or not activity_text:
        return False
    a, b = " ".join(words(answer)), " ".join(words(activity_text))
    if not a or not b:
        return False
    if fuzz.ratio(a, b) >= 80:
        return True
    # Most of the answer's words are the activity's words, and little else is added.
    answer_words, activity_words = set(a.split()) - FUNCTION_WORDS, set(b.split()) - FUNCTION_WORDS
    if not answer_words:
        return True
    return len(answer_words - activity_words) <= 2 or fuzz.token_set_ratio(a, b) >= 90 and len(answer_words) <= len(activity_words) + 3


_IDS_AND_NUMBERS = re.compile(r"\b[doi]\d+\b|\b\d+\b")


def templated_groups(texts: list[str]) -> set[int]:
    """Indexes of texts built on the same pattern as another text (same sentence, words swapped).

    Compared without ids and numbers, on their sets of words: "We quote it in a letter to the
    Ministry (D1)" and "We quote it in a letter to Parliament in 2027 (D2)" share a pattern.
    """
    skeletons = [_IDS_AND_NUMBERS.sub(" ", " ".join(words(t))) for t in texts]
    templated = set()
    for i, first in enumerate(skeletons):
        for j in range(i + 1, len(skeletons)):
            second = skeletons[j]
            if first.strip() and second.strip() and fuzz.token_set_ratio(first, second) >= 80:
                templated.update((i, j))
    return templated


def repeated_groups(texts: list[str]) -> set[int]:
    """Indexes of texts that are the same, or nearly the same, as another text in the list."""
    normalised = [" ".join(words(t)) for t in texts]
    repeated = set()
    for i, first in enumerate(normalised):
        if not first:
            continue
        for j in range(i + 1, len(normalised)):
            second = normalised[j]
            if second and fuzz.ratio(first, second) >= 88:
                repeated.update((i, j))
    return repeated
