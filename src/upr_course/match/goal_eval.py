"""Precision at 10 of the matcher on plain-language goals whose results were judged by reading.

The goals file (``tests/data/goals_es_fr.yaml``) lists, for each goal, its language, its
country, its part of the split (``tune`` or ``held-out``) and the recommendations of its top
10 that were judged ``relevant`` or ``not_relevant``. A result nobody judged counts as not
relevant and is reported as ``unjudged``: a change to the matcher that brings new results
up shows there, and they must be read and judged before the figure means anything.

Precision is over the results shown: the matcher leaves out results far below the best one
(``search.RELATIVE_FLOOR``), and ``relevant_left_out`` counts the judged-relevant results that
this hid, so a cut-off cannot buy precision unseen.

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
    """Precision at K (mean over goals), the goals with nothing relevant, and unjudged results."""
    if not results:
        return {"goals": 0, "precision@10": 0.0, "nothing_relevant": [], "unjudged": 0, "relevant_left_out": 0, "shown": 0.0}
    return {
        "goals": len(results),
        "precision@10": round(sum(r.precision for r in results) / len(results), 4),
        "nothing_relevant": [r.goal.id for r in results if r.relevant == 0],
        "unjudged": sum(len(r.unjudged) for r in results),
        "relevant_left_out": sum(r.relevant_left_out for r in results),
        "shown": round(sum(len(r.top) for r in results) / len(results), 1),
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
