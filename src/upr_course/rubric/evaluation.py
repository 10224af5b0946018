"""How far the grader agrees with a trainer, measured on a calibration set.

A calibration set is a folder of plans and a ``manifest.yaml`` with a trainer's judgement of
each (``tests/calibration``): the band, the criteria a trainer would mark down
(``mark_down``) or give full marks (``keep_full``), whether a trainer would want to read the
plan (``review_expected``), and the split (``tune`` or ``holdout``). The grader may be tuned on
the tune part only; figures of quality are reported on the holdout part only.

Figures:

- **band agreement**: the share of plans the grader puts in the trainer's band;
- **within one band**: the share not two bands away (strong for a weak plan or the reverse);
- **rank correlation**: Spearman's rho between the trainer's band and the grader's total;
- **criteria wrongly marked down**: criteria a trainer gives full marks that the grader
  marks below 90 % of their points (counted per plan and criterion);
- **marks missed**: criteria a trainer marks down that the grader gives full marks;
- **review**: how often the grader's "a trainer should read this" matches the trainer's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .result import GradeResult

BAND_RANK = {"weak": 0, "middling": 1, "strong": 2}
#: A criterion scored below this share of its points counts as marked down.
MARKED_DOWN = 0.9


@dataclass(frozen=True)
class Case:
    """One plan of the set, with the trainer's judgement."""

    file: str
    case: str
    band: str
    mark_down: tuple[str, ...]
    keep_full: tuple[str, ...]
    review_expected: bool
    split: str
    #: The language the plan is written in (manifest key ``language``; English when absent).
    language: str = "en"


@dataclass
class Outcome:
    """The grader's result for one case, and where it disagrees with the trainer."""

    case: Case
    result: GradeResult
    wrongly_marked_down: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    @property
    def band_agrees(self) -> bool:
        return self.result.band == self.case.band


def load_cases(folder: Path) -> list[Case]:
    entries = yaml.safe_load((folder / "manifest.yaml").read_text(encoding="utf-8"))
    return [
        Case(
            e["file"],
            e["case"],
            e["band"],
            tuple(e.get("mark_down") or ()),
            tuple(e.get("keep_full") or ()),
            bool(e.get("review_expected")),
            e["split"],
            str(e.get("language") or "en"),
        )
        for e in entries
    ]


def grade_cases(folder: Path, cases: list[Case], as_of: dt.date) -> list[Outcome]:
    from . import default_context, grade_text
    from ..grading_io import flag_copies_in_batch

    context = default_context(as_of)
    results, texts = [], {}
    for case in cases:
        text = (folder / "plans" / case.file).read_text(encoding="utf-8")
        texts[case.file] = text
        results.append(grade_text(text, name=case.file, context=context))
    results = flag_copies_in_batch(results, texts)
    outcomes = []
    for case, result in zip(cases, results):
        by_id = {c.id: c for c in result.criteria}
        wrong = [c for c in case.keep_full if c in by_id and by_id[c].applicable and by_id[c].score < MARKED_DOWN * by_id[c].max]
        missed = [c for c in case.mark_down if c in by_id and by_id[c].applicable and by_id[c].passed]
        outcomes.append(Outcome(case, result, wrong, missed))
    return outcomes


def spearman(first: list[float], second: list[float]) -> float:
    """Spearman's rank correlation, ties given their average rank."""

    def ranks(values: list[float]) -> list[float]:
        order = sorted(range(len(values)), key=values.__getitem__)
        result = [0.0] * len(values)
        i = 0
        while i < len(order):
            j = i
            while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
                j += 1
            for k in range(i, j + 1):
                result[order[k]] = (i + j) / 2 + 1
            i = j + 1
        return result

    a, b = ranks(first), ranks(second)
    n = len(a)
    if n < 2:
        return float("nan")
    mean_a, mean_b = sum(a) / n, sum(b) / n
    cov = sum((x - mean_a) * (y - mean_b) for x, y in zip(a, b))
    var_a = sum((x - mean_a) ** 2 for x in a) ** 0.5
    var_b = sum((y - mean_b) ** 2 for y in b) ** 0.5
    return cov / (var_a * var_b) if var_a and var_b else float("nan")


def figures(outcomes: list[Outcome]) -> dict:
    """The agreement figures of a list of outcomes (see the module docstring)."""
    n = len(outcomes)
    graded = [o for o in outcomes if o.result.graded]
    expected = [o for o in outcomes if o.case.review_expected]
    flagged = [o for o in outcomes if o.result.review.needed]
    return {
        "plans": n,
        "band_agreement": sum(o.band_agrees for o in outcomes) / n if n else float("nan"),
        "within_one_band": sum(abs(BAND_RANK[o.case.band] - BAND_RANK.get(o.result.band, -5)) <= 1 for o in outcomes) / n if n else float("nan"),
        "rank_correlation": spearman([BAND_RANK[o.case.band] for o in graded], [o.result.total for o in graded]),
        "criteria_wrongly_marked_down": sum(len(o.wrongly_marked_down) for o in outcomes),
        "criteria_kept_full_by_trainer": sum(len(o.case.keep_full) for o in outcomes),
        "marks_missed": sum(len(o.missed) for o in outcomes),
        "criteria_marked_down_by_trainer": sum(len(o.case.mark_down) for o in outcomes),
        "review_expected": len(expected),
        "review_found": sum(o.result.review.needed for o in expected),
        "review_flags_not_expected": sum(not o.case.review_expected for o in flagged),
        "not_graded": n - len(graded),
    }
