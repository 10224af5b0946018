"""Is a plan a close copy of a course example, or of another plan in the same batch?

A trainer who finds a copy stops marking and talks to the participant: "nothing else
matters". Tell-tales are sentences of another plan with the names swapped. So two plans are
compared with names, numbers and ids masked (a swapped country or minister does not hide a
copy), in two ways:

- sentence by sentence, each sentence matched loosely (a word changed here and there does not
  hide it); and
- by word shingles: every run of ``SHINGLE`` words of each text, read across its sentence
  breaks, so that cutting each sentence in two with one more full stop (no word changed; red
  team, second round, R1) does not hide a copy either.

A plan is a close copy when most of its sentences, or most of its shingles, are another plan's.
The course's own example graded as itself (same country, unchanged) is not a copy:
participants grade the examples to learn.

A translated copy shares no sentence with its example (the examples are in English), so a
plan in another language than the example is also compared by its frame: the ids, dates,
stages, ``adds`` and cited recommendations of its objectives and activities, which do not
change with the language. The frame holds no item ids: an objective is known by its due date,
and an activity by the due date of the objective it serves, so renaming ``O1`` to ``OB1``
changes nothing (R1). A plan written independently shares two or three of these at most; a
translation of an example keeps them all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from ..lookalikes import plain
from .reading import WORD, sentences

#: Two masked sentences at least this similar (rapidfuzz ratio) are the same sentence.
SAME_SENTENCE = 85
#: A plan is a close copy when at least this share of its sentences, and at least
#: ``MIN_COPIED`` of them, are another plan's.
COPIED_SHARE = 0.5
MIN_COPIED = 5
#: A sentence shared by more plans of a batch than this is a common template, not a copy.
COMMON_SENTENCE = 20
#: Sentences shorter than this (in words) are too common to prove anything.
MIN_WORDS = 6
#: A plan in another language than an example is a translated copy of it when at least this
#: share of its frame (and at least ``MIN_FRAME`` items) is the example's.
SAME_FRAME = 0.9
MIN_FRAME = 5
#: Shingles are runs of this many (masked) words.
SHINGLE = 6
#: A plan is a close copy when at least ``COPIED_SHARE`` of its shingles, and at least this many,
#: are another plan's (about the words of five sentences).
MIN_SHINGLES = 30

#: A word of a masked sentence, or the mask "#" of a name or number.
_TOKEN = re.compile(r"#|" + WORD.pattern)
_NAME = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][\w'’-]*|\b\d[\d./-]*\b|\b[A-Z]{2,}\b")


@dataclass(frozen=True)
class Signature:
    """The masked sentences of one plan, for comparing plans."""

    name: str
    country: str
    sentences: tuple[str, ...]
    #: what does not change in a translation (see the module docstring)
    frame: frozenset = frozenset()
    #: the plan's text, whose language is found only when a frame matches (``language``)
    text: str = ""
    #: every run of ``SHINGLE`` masked words of each text, across its sentence breaks
    shingles: frozenset = frozenset()

    @property
    def language(self) -> str:
        return _language_of(self.text)


@lru_cache(maxsize=64)
def _language_of(text: str) -> str:
    from .plan_reading import detect_language

    return detect_language(text)


def signature(name: str, country: str, texts, frame: frozenset = frozenset(), text: str = "") -> Signature:
    masked = []
    shingles: set[str] = set()
    for free in texts:
        # Full-width or mathematical letters and look-alikes of another alphabet read as plain
        # Latin ones (``lookalikes.plain``), before names are told by their capital letter.
        stream: list[str] = []
        for sentence in sentences(plain(free or "")):
            sentence = _NAME.sub("#", sentence).lower()
            if len(sentence.split()) >= MIN_WORDS:
                masked.append(" ".join(sentence.split()))
            stream += _TOKEN.findall(sentence)
        shingles.update(" ".join(stream[i : i + SHINGLE]) for i in range(len(stream) - SHINGLE + 1))
    return Signature(name, country, tuple(dict.fromkeys(masked)), frame, text, frozenset(shingles))


def translated_copy(plan: Signature, other: Signature) -> bool:
    """A plan in another language than ``other`` that keeps its whole frame (a translation)."""
    if not plan.frame:
        return False
    shared = len(plan.frame & other.frame)
    return shared >= MIN_FRAME and shared / len(plan.frame) >= SAME_FRAME and plan.language != other.language


def copied_share(plan: Signature, other: Signature) -> tuple[float, int]:
    """The share (and number) of ``plan``'s sentences that are sentences of ``other``."""
    if not plan.sentences or not other.sentences:
        return 0.0, 0
    matrix = process.cdist(plan.sentences, other.sentences, scorer=fuzz.ratio, score_cutoff=SAME_SENTENCE)
    copied = int((matrix.max(axis=1) >= SAME_SENTENCE).sum())
    return copied / len(plan.sentences), copied


def shingle_share(plan: Signature, other: Signature) -> tuple[float, int]:
    """The share (and number) of ``plan``'s shingles that are shingles of ``other``."""
    if not plan.shingles or not other.shingles:
        return 0.0, 0
    shared = len(plan.shingles & other.shingles)
    return shared / len(plan.shingles), shared


def is_copy(plan: Signature, other: Signature) -> bool:
    share, copied = copied_share(plan, other)
    if share >= COPIED_SHARE and copied >= MIN_COPIED:
        return True
    share, shared = shingle_share(plan, other)
    return share >= COPIED_SHARE and shared >= MIN_SHINGLES


def _is_itself(plan: Signature, example: Signature) -> bool:
    """Nearly all of the example and no more, by its sentences or by its shingles."""
    by_sentences = copied_share(plan, example)[0] >= 0.95 and len(plan.sentences) <= len(example.sentences)
    by_shingles = bool(plan.shingles) and shingle_share(plan, example)[0] >= 0.95 and len(plan.shingles) <= len(example.shingles)
    return by_sentences or by_shingles


def copied_example(plan: Signature, examples: tuple[Signature, ...], own_work: bool = False) -> tuple[str, bool] | None:
    """The course example the plan closely copies, and whether it is for the same country; or None.

    The example graded unchanged as itself (same country, nearly every sentence) is no copy:
    participants grade the examples to learn. Handed in as one's own work (``own_work``: the
    capstone), it is one. A plan built on the example of its own country is
    shown to a trainer; one that moves an example to another country keeps facts that are false
    for it, and is a copy.
    """
    for example in examples:
        if is_copy(plan, example) or translated_copy(plan, example):
            same_country = example.country == plan.country
            if not own_work and same_country and _is_itself(plan, example):
                return None
            return example.name, same_country
    return None


def batch_copies(signatures: list[Signature]) -> dict[str, list[str]]:
    """For each plan of a batch, the other plans of the batch it closely shares its text with.

    Sentences (and shingles) are matched exactly once names and numbers are masked, through one
    index of the whole batch, so a batch of hundreds of plans takes a fraction of a second. A
    sentence or shingle that more than ``COMMON_SENTENCE`` plans share is a template the trainer
    handed out, not a copy.
    """
    pairs = set()
    for keys, least in ((lambda plan: plan.sentences, MIN_COPIED), (lambda plan: plan.shingles, MIN_SHINGLES)):
        for (first, second), count in _shared_counts([keys(plan) for plan in signatures]).items():
            a, b = keys(signatures[first]), keys(signatures[second])
            if count >= least and max(count / len(a), count / len(b)) >= COPIED_SHARE:
                pairs.add((first, second))
    found: dict[str, list[str]] = {}
    for first, second in sorted(pairs):
        a, b = signatures[first], signatures[second]
        found.setdefault(a.name, []).append(b.name)
        found.setdefault(b.name, []).append(a.name)
    return found


def _shared_counts(keyed: list) -> dict[tuple[int, int], int]:
    """For each pair of plans (by index), how many keys (sentences, shingles) they share, leaving
    out keys of more than ``COMMON_SENTENCE`` plans."""
    owners: dict[str, set[int]] = {}
    for index, keys in enumerate(keyed):
        for key in keys:
            owners.setdefault(key, set()).add(index)
    shared: dict[tuple[int, int], int] = {}
    for plans in owners.values():
        if 1 < len(plans) <= COMMON_SENTENCE:
            ordered = sorted(plans)
            for i, first in enumerate(ordered):
                for second in ordered[i + 1 :]:
                    shared[(first, second)] = shared.get((first, second), 0) + 1
    return shared


@lru_cache(maxsize=1)
def course_examples() -> tuple[Signature, ...]:
    """The course's example plans (``datasets/examples/plans``), read as plans, as signatures."""
    from ..paths import REPO_ROOT
    from ..plan import PlanError, parse_plan

    folder = REPO_ROOT / "datasets" / "examples" / "plans"
    result = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            result.append(plan_signature(parse_plan(path.read_text(encoding="utf-8")), path.name))
        except (OSError, PlanError):
            continue
    return tuple(result)


def plan_signature(plan, name: str = "plan") -> Signature:
    from .plan_reading import free_texts

    texts = free_texts(plan)
    return signature(name, plan.country_name, texts, plan_frame(plan), " ".join(texts))


def plan_frame(plan) -> frozenset:
    """The plan's items as dates, stages, ``adds`` and cited recommendations: no words, no ids.

    An objective is known by its due date, an activity by the due date of the objective it
    serves (the graph of which step serves which objective), so that renamed ids leave the frame
    as it was. Items alike (two objectives due the same month) are counted, not merged.
    """
    due = {o.id: str(o.due) for o in plan.objectives}
    items = [("objective", str(o.due)) for o in plan.objectives]
    items += [("domestic", due.get(a.objective, "?"), str(a.when)) for a in plan.domestic_activities]
    items += [
        ("international", a.stage, due.get(a.objective, "?"), str(a.when), tuple(sorted(a.adds)), tuple(sorted(a.recommendations or ())))
        for a in plan.international_activities
    ]
    seen: dict[tuple, int] = {}
    counted = set()
    for item in items:
        seen[item] = seen.get(item, 0) + 1
        counted.add((*item, seen[item]))
    return frozenset(counted)
