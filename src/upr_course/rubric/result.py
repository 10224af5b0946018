"""What grading returns: a score, a maximum and feedback per criterion.

The same objects are shown everywhere: as JSON by the command line, as HTML in a
notebook, as a float in an nbgrader test cell and as a row in a gradebook.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class CriterionResult:
    """One criterion of the spec: points earned, the maximum, and what to do about it."""

    id: str
    score: float
    max: float
    feedback: str
    lines: tuple[int, ...] = ()

    @property
    def passed(self) -> bool:
        """Full marks, give or take rounding."""
        return self.score >= self.max - 1e-9

    def to_dict(self) -> dict:
        return {"id": self.id, "score": round(self.score, 2), "max": self.max, "feedback": self.feedback, "lines": list(self.lines)}


#: Bands used in feedback and by the calibration plans: share of the maximum. Calibrated on the
#: course's example plans (datasets/examples/plans): the structural criteria are easy to
#: satisfy, so a plan is strong only when it is strong on substance too.
BANDS = (("strong", 0.9), ("middling", 0.75), ("weak", 0.0))


def band_of(total: float, maximum: float) -> str:
    share = total / maximum if maximum else 0.0
    return next(name for name, floor in BANDS if share >= floor)


@dataclass(frozen=True)
class GradeResult:
    """The grade of one plan. ``errors`` is non-empty when the plan could not be read."""

    plan: str
    total: float
    max: float
    criteria: tuple[CriterionResult, ...] = ()
    errors: tuple[dict, ...] = ()
    as_of: str = ""
    country: str = ""
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def graded(self) -> bool:
        return not self.errors

    @property
    def band(self) -> str:
        return band_of(self.total, self.max) if self.graded else "not graded"

    def criterion(self, criterion_id: str) -> CriterionResult:
        return next(c for c in self.criteria if c.id == criterion_id)

    def failed(self) -> list[str]:
        """Ids of the criteria that did not get full marks, worst first (what to fix first)."""
        ranked = sorted(self.criteria, key=lambda c: (c.score / c.max if c.max else 1.0, -c.max))
        return [c.id for c in ranked if not c.passed]

    def to_dict(self) -> dict:
        return {
            "plan": self.plan,
            "total": round(self.total, 2),
            "max": self.max,
            "band": self.band,
            "country": self.country,
            "as_of": self.as_of,
            "criteria": [c.to_dict() for c in self.criteria],
            "errors": [dict(e) for e in self.errors],
        }


def problem_dict(line: int | None, field_path: str, message: str) -> dict:
    return asdict(_Problem(line, field_path, message))


@dataclass(frozen=True)
class _Problem:
    line: int | None
    field: str
    message: str
