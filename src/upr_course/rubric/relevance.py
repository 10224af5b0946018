"""Is a cited recommendation about the plan's issue and goal? 1.0 yes, 0.5 in part, 0.0 no.

:func:`recommendation_relevance` asks two questions, the cheap one first:

- Does the recommendation carry a UPR Info issue tag that the plan's issue and goal point
  to (through the tag's name or its plain-language keywords in ``datasets/issues.csv``)?
  Then it is about the issue: 1.0, and the matcher is not needed.
- Otherwise (most recent recommendations have no tags), the matcher of ``upr-course
  match`` ranks the country's recommendations for the plan's issue and goal. A
  recommendation scoring at least half of the best match is about the goal (1.0); a
  quarter, in part (0.5); below that, not (0.0). Those cut-offs keep roughly the 10-60
  closest of a country's 200-500 recommendations for full credit, and the middle of the
  ranking (a tenth of the best score, typically) gets nothing.

The matcher bridges plain words and UN terms ("killings in the drug war" and "unlawful
killings in the name of the anti-drug campaign", "the disappeared" and "enforced
disappearance"), where shared words alone missed.
:func:`lexical_relevance`, the earlier word-overlap rule, is kept only as a fallback when
the matcher cannot run on a plan's text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..plan import Plan
from .context import RecommendationFacts
from .reading import lexicon, words

_GENERIC = frozenset(
    """human rights right rights state states government ensure take measures continue national law laws
    legislation including implement implementation people persons country international ratify ratification
    effective efforts further promote protect strengthen adopt all""".split()
)


@lru_cache(maxsize=8192)
def _stems(text: str) -> frozenset[str]:
    return frozenset(w[:5] for w in words(text) if len(w) > 3 and w not in lexicon("en").function_words and w not in _GENERIC)


@lru_cache(maxsize=1)
def _issue_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    """One compiled pattern per issue tag: its name or any of its keywords, as whole words."""
    from .. import data

    table = data.issues()
    result = []
    for issue, keywords in zip(table["issue"], table["keywords"].fillna("")):
        terms = [issue.lower()] + [k.strip().lower() for k in keywords.split("|") if k.strip()]
        alternation = "|".join(re.escape(term) for term in sorted(set(terms), key=len, reverse=True))
        result.append((issue, re.compile(rf"(?<![a-z])(?:{alternation})(?![a-z])")))
    return tuple(result)


def plan_issue_tags(plan: Plan) -> frozenset[str]:
    """The UPR Info issue tags that the plan's issue and goal point to.

    The tags' names and keywords are English; a plan written in Spanish or French is read
    through the matcher's glossary too ("pena de muerte" -> "death penalty"), so that its
    tagged citations get the same quick answer as an English plan's.
    """
    return _issue_tags_of(f" {_with_english(f'{plan.issue} {plan.goal}')} ".lower())


@lru_cache(maxsize=4096)
def _with_english(text: str) -> str:
    from ..match.glossary import in_english

    _language, english = in_english(text)
    return text if english == text else f"{text} {english}"


@lru_cache(maxsize=4096)
def _issue_tags_of(text: str) -> frozenset[str]:
    return frozenset(issue for issue, pattern in _issue_patterns() if pattern.search(text))


def plan_text(plan: Plan) -> str:
    return " ".join([plan.issue, plan.goal, *(o.text for o in plan.objectives)])


#: Share of the best match's score that makes a recommendation about the goal, or in part.
ABOUT_THE_GOAL = 0.5
PARTLY_ABOUT_THE_GOAL = 0.25


def matcher_query(plan: Plan) -> str:
    """What the matcher ranks the country's recommendations against: the issue and the goal."""
    return f"{plan.issue}. {plan.goal}"


def recommendation_relevance(plan: Plan, facts: RecommendationFacts) -> float:
    """1.0 when the recommendation is about the plan's issue and goal, 0.5 in part, else 0.0."""
    if set(facts.issues) & plan_issue_tags(plan):
        return 1.0
    # Imported here: a batch whose citations all carry tags never loads the matcher.
    from ..errors import UserError
    from ..match.relevance import goal_relevance

    try:
        share = goal_relevance(plan.country_iso3, matcher_query(plan), facts.id)
    except UserError:  # no text the matcher can read: fall back on shared words
        return lexical_relevance(plan, facts)
    if share >= ABOUT_THE_GOAL:
        return 1.0
    return 0.5 if share >= PARTLY_ABOUT_THE_GOAL else 0.0


def lexical_relevance(plan: Plan, facts: RecommendationFacts) -> float:
    """1.0 when the recommendation is about the plan's issue, 0.5 when it only touches it, else 0."""
    if set(facts.issues) & plan_issue_tags(plan):
        return 1.0
    shared = _stems(facts.text) & _stems(plan_text(plan))
    if len(shared) >= 2:
        return 1.0
    return 0.5 if shared else 0.0


def best_matches(plan: Plan, count: int) -> list[str]:
    """The ids of the ``count`` recommendations to the plan's country that fit its goal best."""
    from ..match.relevance import best_ids

    return best_ids(plan.country_iso3, matcher_query(plan), count)
