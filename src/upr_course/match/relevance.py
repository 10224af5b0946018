"""What the action-plan rubric asks the matcher (``rubric/relevance.py``):

- ``goal_relevance``: how well one recommendation fits a plan's goal, in [0, 1]: its match
  score among the country's recommendations divided by the best score there (1.0 for the
  best match, near 0 for an unrelated text; 0.0 for an id that is not the country's);
- ``best_ids``: the ids of the recommendations that fit the goal best, for feedback.

Both read scores computed once per country and goal and kept (a batch of plans from one
workshop shares countries and often goals). ``best_ids`` ranks as ``upr-course match`` does;
``goal_relevance`` reads the word-based score only, without the ``meaning`` signal, because
its thresholds (``rubric/relevance.py``) were calibrated on it: that signal's cosine is seldom
near 0, so every text's share of the best score would rise with it.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from .search import country_index, parse_goal, score_country


@lru_cache(maxsize=256)
def _goal_scores(iso3: str, goal: str, meaning: bool) -> tuple[dict[str, int], np.ndarray]:
    index = country_index(iso3)
    scores = score_country(index, goal, meaning=meaning)
    positions = {rid: i for i, ids in enumerate(index.groups["ids"]) for rid in ids}
    return positions, scores


def best_ids(country_iso3: str, goal_text: str, count: int) -> list[str]:
    """The ids of the ``count`` recommendations (joint ones once) that fit the goal best."""
    goal = parse_goal(goal_text)
    iso3 = str(country_iso3).strip().upper()
    _, scores = _goal_scores(iso3, goal, meaning=True)
    order = np.argsort(-scores, kind="stable")[:count]
    return [str(rec_id) for rec_id in country_index(iso3).groups["id"].iloc[order]]


def goal_relevance(country_iso3: str, goal_text: str, rec_id: str) -> float:
    """The recommendation's score for the goal relative to the country's best match, in [0, 1]."""
    goal = parse_goal(goal_text)
    positions, scores = _goal_scores(str(country_iso3).strip().upper(), goal, meaning=False)
    position = positions.get(str(rec_id).strip())
    if position is None or len(scores) == 0:
        return 0.0
    best = float(scores.max())
    if best <= 0:
        return 0.0
    return float(min(1.0, max(0.0, scores[position] / best)))
