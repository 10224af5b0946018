"""Is a cited recommendation about the plan's issue and goal? (lexical, for now)

Two kinds of evidence, each enough on its own:

- the recommendation carries a UPR Info issue tag that the plan's issue and goal point to
  (through the tag's name or its plain-language keywords in ``datasets/issues.csv``);
- the recommendation and the plan share at least two content words (compared on their
  first five letters, so "torture"/"tortured" and "detention"/"detained" meet).

The matcher of the matching issue will replace this with its ranking; the interface, a
number in [0, 1], stays.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..plan import Plan
from .criteria import RecommendationFacts
from .text_signals import FUNCTION_WORDS, words

_GENERIC = frozenset(
    """human rights right rights state states government ensure take measures continue national law laws
    legislation including implement implementation people persons country international ratify ratification
    effective efforts further promote protect strengthen adopt all""".split()
)


@lru_cache(maxsize=8192)
def _stems(text: str) -> frozenset[str]:
    return frozenset(w[:5] for w in words(text) if len(w) > 3 and w not in FUNCTION_WORDS and w not in _GENERIC)


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
    """The UPR Info issue tags that the plan's issue and goal point to."""
    return _issue_tags_of(f" {plan.issue} {plan.goal} ".lower())


@lru_cache(maxsize=4096)
def _issue_tags_of(text: str) -> frozenset[str]:
    return frozenset(issue for issue, pattern in _issue_patterns() if pattern.search(text))


def plan_text(plan: Plan) -> str:
    return " ".join([plan.issue, plan.goal, *(o.text for o in plan.objectives)])


def lexical_relevance(plan: Plan, facts: RecommendationFacts) -> float:
    """1.0 when the recommendation is about the plan's issue, 0.5 when it only touches it, else 0."""
    if set(facts.issues) & plan_issue_tags(plan):
        return 1.0
    shared = _stems(facts.text) & _stems(plan_text(plan))
    if len(shared) >= 2:
        return 1.0
    return 0.5 if shared else 0.0
