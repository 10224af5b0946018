"""What the rubric reads once per plan: its language and what it is about.

Several criteria ask the same questions of a plan: which language is it written in (to read
it with the right vocabulary), what is it about (its issue, goal, objectives and domestic
work), and whom does it want to move (the decision-makers named as its objectives' targets).
The answers are computed once per plan and kept on the grading context.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .context import GradingContext
from .reading import LANGUAGES, lexicon, own_language, topical_stems, words, words_in

#: A text with this share of English function words or more is English, without asking the
#: language identifier (which takes a second to load).
ENGLISH_SHARE = 0.2
#: A plan whose words are less than this share of its reading language's function words is
#: mostly in a language the grader has no vocabulary for (German, Portuguese...), however the
#: identifier (which knows only English, Spanish and French) labelled it. Plans the grader reads
#: are at 0.3 or more in any of its languages; German text scores near 0, Portuguese or Italian
#: under 0.2 against the Spanish list.
READ_SHARE = 0.25


def free_texts(plan) -> list[str]:
    """Every text a participant wrote in the plan."""
    texts = [plan.issue, plan.goal, plan.engagement.reasons]
    texts += [t for o in plan.objectives for t in (o.text, o.target, o.indicator)]
    texts += [a.text for a in plan.domestic_activities]
    texts += [t for a in plan.international_activities for t in (a.text, a.added_value, a.brought_home)]
    texts += [m.text for m in plan.media] + [t for r in plan.risks for t in (r.risk, r.mitigation)]
    return [t for t in texts if t]


def language_of(plan, context: GradingContext) -> str:
    """``en``, ``es`` or ``fr``: the language most of the plan is written in."""
    return context.memo("language", lambda: detect_language(" ".join(free_texts(plan))))


def read_in_its_language(plan, context: GradingContext) -> bool:
    """Whether the plan is mostly written in the language it is read in (English, Spanish or
    French). The same test for the three: only a plan in another language needs a trainer's
    read for its language."""

    def compute() -> bool:
        language = language_of(plan, context)
        # Each text counted in the language it is read in (``own_language``): an English plan
        # with fields in Spanish is read whole, and says nothing false about its language.
        small = total = 0
        for text in free_texts(plan):
            own = own_language(text, language)
            tokens = words_in(text, own)
            small += sum(t in lexicon(own).function_words for t in tokens)
            total += len(tokens)
        if not total:
            return True
        if small / total >= READ_SHARE:
            return True
        # Few small words: notes in a hurry, or another language? The full identifier tells.
        from ..language import written_in

        return written_in(" ".join(free_texts(plan)), language)

    return context.memo("read_in_its_language", compute)


def detect_language(text: str) -> str:
    """The language of a plan's text, among those the grader has a vocabulary for.

    Plain English is recognised by its function words (a plan is long, so this is sure); any
    other text is asked of the course's language identifier (``upr_course.language``).
    """
    tokens = words(text)
    if not tokens:
        return "en"
    english = sum(t in lexicon("en").function_words for t in tokens) / len(tokens)
    if english >= ENGLISH_SHARE:
        return "en"
    from ..language import detect_language as identify

    language = identify(text)
    return language if language in LANGUAGES else "en"


def plan_topic(plan, context: GradingContext) -> frozenset[str]:
    """What the plan is about: stems of its issue, goal, objectives and domestic activities."""
    language = language_of(plan, context)
    texts = [plan.issue, plan.goal, *(t for o in plan.objectives for t in (o.text, o.target, o.indicator))]
    texts += [a.text for a in plan.domestic_activities]
    return context.memo("topic", lambda: topical_stems(texts, language))


def objective_topic(plan, objective, context: GradingContext) -> frozenset[str]:
    """What one objective is about: its own words and those of the domestic work that serves it."""
    language = language_of(plan, context)

    def compute() -> frozenset[str]:
        texts = [objective.text, objective.target, objective.indicator, plan.issue, plan.goal]
        texts += [a.text for a in plan.domestic_activities if a.objective == objective.id]
        return topical_stems(texts, language)

    return context.memo(("objective_topic", objective.id), compute)


def target_stems(plan, context: GradingContext) -> frozenset[str]:
    """The decision-makers the plan wants to move: stems of its objectives' targets."""
    language = language_of(plan, context)
    return context.memo("targets", lambda: topical_stems([o.target for o in plan.objectives], language))


def mentions_item(text: str, ids) -> bool:
    """Whether ``text`` names one of the plan's items ("(D1)", "o2", "see I3").

    Matched on the id as written, not on ``words()``, which splits "D1" into "d" and "1".
    """
    if not text or not ids:
        return False
    pattern = _item_pattern(frozenset(ids))
    return bool(pattern.search(text)) if pattern else False


@lru_cache(maxsize=256)
def _item_pattern(ids: frozenset[str]):
    usable = sorted((re.escape(i) for i in ids if i and i.strip()), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(usable) + r")(?!\w)", re.IGNORECASE) if usable else None


def item_ids(plan) -> frozenset[str]:
    """Ids of the plan's objectives and activities: a text that names one points inside the plan."""
    return frozenset(i.lower() for i in (*plan.objective_ids, *(a.id for a in plan.domestic_activities), *(a.id for a in plan.international_activities)) if i)
