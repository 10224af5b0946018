"""Precision at 10 of the matcher on plain-language goals whose results were judged by reading.

The goals file (``tests/data/goals_es_fr.yaml``) lists, for each goal, its language, its
country, its part of the split (``tune`` or ``held-out``) and the recommendations of its top
10 that were judged ``relevant`` or ``not_relevant``. A result nobody judged counts as not
relevant and is reported as ``unjudged``: a change to the matcher that brings new results
up shows there, and they must be read and judged before the figure means anything.

Precision is over the results shown: the matcher leaves out results far below the best one
(``search.RELATIVE_FLOOR``), and ``relevant_left_out`` counts the judged-relevant results that
this hid, so a cut-off cannot buy precision unseen.

Precision at 10 has a ceiling set by the data, not by the matcher: when the country holds only
four recommendations on a goal's subject, a list of ten can hold at most four. So each goal
also reports what the data allows, from its known relevant recommendations (every one judged
relevant for it, at any depth: some goals had the country's recommendations read well past the
top 10): ``best_possible`` (the precision a perfect ranking of ten reaches,
``min(known, 10) / 10``) and ``found_share`` (the relevant results shown, out of the most that
ten results could hold: ``min(known, 10)``); a summary also counts the goals with fewer than
ten known. These say whether a low precision is the matcher's fault or the data's.

Run: ``python -m upr_course.match.goal_eval tests/data/goals_es_fr.yaml [tune|held-out]``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

K = 10


@dataclass
class Goal:
    id: str
    language: str
    split: str
    country: str
    goal: str
    rule: str = ""  # what counts as relevant, written before the results were read
    relevant: set[str] = field(default_factory=set)
    not_relevant: set[str] = field(default_factory=set)


@dataclass
class GoalResult:
    goal: Goal
    top: list[str]  # ids of the results shown (at most K), best first
    left_out: list[str] = field(default_factory=list)  # ids of the top K the cut-off left out

    @property
    def relevant_left_out(self) -> int:
        """Judged-relevant results the cut-off hid: the price of the shorter list."""
        return sum(rec_id in self.goal.relevant for rec_id in self.left_out)

    @property
    def relevant(self) -> int:
        return sum(rec_id in self.goal.relevant for rec_id in self.top)

    @property
    def unjudged(self) -> list[str]:
        return [r for r in self.top if r not in self.goal.relevant and r not in self.goal.not_relevant]

    @property
    def precision(self) -> float:
        return self.relevant / len(self.top) if self.top else 0.0

    @property
    def best_possible(self) -> float:
        """Precision at K of a perfect ranking that shows K results: bounded by the data."""
        return min(len(self.goal.relevant), K) / K

    @property
    def found_share(self) -> float | None:
        """Relevant results shown, out of the most K results could hold (None: none known)."""
        reachable = min(len(self.goal.relevant), K)
        return self.relevant / reachable if reachable else None


def load_goals(path: str | Path) -> list[Goal]:
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return [
        Goal(id=g["id"], language=g["language"], split=g["split"], country=g["country"], goal=g["goal"], rule=g.get("rule", ""),
             relevant=set(map(str, g.get("relevant") or ())), not_relevant=set(map(str, g.get("not_relevant") or ())))
        for g in raw["goals"]
    ]


def run_goal(goal: Goal, lang: str | None = None) -> GoalResult:
    """The goal's top K as the matcher ranks it (language identified unless ``lang`` is given)."""
    from .search import match

    shown = [str(i) for i in match(goal.country, goal.goal, top=K, lang=lang)["id"]]
    whole = [str(i) for i in match(goal.country, goal.goal, top=K, lang=lang, cut=False)["id"]]
    return GoalResult(goal, shown, [i for i in whole if i not in shown])


def summary(results: list[GoalResult]) -> dict:
    """Precision at K (mean over goals), the goals with nothing relevant, unjudged results, and
    what the data allows: the mean best possible precision, the mean share of the reachable
    relevant results that were shown (over goals with any), and how many goals have fewer than
    K known relevant recommendations."""
    if not results:
        return {"goals": 0, "precision@10": 0.0, "nothing_relevant": [], "unjudged": 0, "relevant_left_out": 0, "shown": 0.0,
                "best_possible@10": 0.0, "found_share": 0.0, "fewer_than_10_known": 0}
    shares = [r.found_share for r in results if r.found_share is not None]
    return {
        "goals": len(results),
        "precision@10": round(sum(r.precision for r in results) / len(results), 4),
        "nothing_relevant": [r.goal.id for r in results if r.relevant == 0],
        "unjudged": sum(len(r.unjudged) for r in results),
        "relevant_left_out": sum(r.relevant_left_out for r in results),
        "shown": round(sum(len(r.top) for r in results) / len(results), 1),
        "best_possible@10": round(sum(r.best_possible for r in results) / len(results), 4),
        "found_share": round(sum(shares) / len(shares), 4) if shares else 0.0,
        "fewer_than_10_known": sum(len(r.goal.relevant) < K for r in results),
    }


def evaluate_goals(path: str | Path, split: str = "held-out") -> dict[str, dict]:
    """Per language: the summary of the goals of one part of the split."""
    goals = [g for g in load_goals(path) if g.split == split]
    languages = sorted({g.language for g in goals})
    return {lang: summary([run_goal(g) for g in goals if g.language == lang]) for lang in languages}


if __name__ == "__main__":  # pragma: no cover - a report for the team
    file = sys.argv[1] if len(sys.argv) > 1 else "tests/data/goals_es_fr.yaml"
    part = sys.argv[2] if len(sys.argv) > 2 else "held-out"
    for language, figures in evaluate_goals(file, part).items():
        print(language, figures)
