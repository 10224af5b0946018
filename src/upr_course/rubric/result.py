"""What grading returns: a score, a maximum and feedback per criterion, and a trainer's read.

The same objects are shown everywhere: as JSON by the command line, as HTML in a
notebook, as points in nbgrader test cells and as a row in a gradebook.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CriterionResult:
    """One criterion of the spec: points earned, the maximum, and what to do about it.

    ``applicable`` is False when the criterion does not apply to this plan (the UN-step
    criteria of a plan that decides not to engage): its points then count neither way.
    """

    id: str
    score: float
    max: float
    feedback: str
    lines: tuple[int, ...] = ()
    applicable: bool = True

    @property
    def passed(self) -> bool:
        """Full marks, give or take rounding (a criterion that does not apply has nothing to fix)."""
        return not self.applicable or self.score >= self.max - 1e-9

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "score": round(self.score, 2),
            "max": self.max,
            "applicable": self.applicable,
            "feedback": self.feedback,
            "lines": list(self.lines),
        }


@dataclass(frozen=True)
class Review:
    """Whether a trainer should read the plan, and why (one plain sentence per reason)."""

    needed: bool = False
    reasons: tuple[str, ...] = ()

    @classmethod
    def of(cls, reasons) -> Review:
        reasons = tuple(dict.fromkeys(r for r in reasons if r))
        return cls(bool(reasons), reasons)

    def with_reasons(self, more) -> Review:
        return Review.of((*self.reasons, *more))

    def to_dict(self) -> dict:
        return {"needed": self.needed, "reasons": list(self.reasons)}


#: Bands used in feedback and by the calibration plans: share of the maximum. Calibrated on the
#: course's example plans (datasets/examples/plans): the structural criteria are easy to
#: satisfy, so a plan is strong only when it is strong on substance too.
BANDS = (("strong", 0.9), ("middling", 0.75), ("weak", 0.0))


def band_of(total: float, maximum: float) -> str:
    share = total / maximum if maximum else 0.0
    return next(name for name, floor in BANDS if share >= floor)


@dataclass(frozen=True)
class GradeResult:
    """The grade of one plan. ``errors`` is non-empty when the plan could not be read.

    ``total`` is out of ``max`` (100): when some criteria do not apply, the points of those
    that do are scaled to the whole, so a plan that decides not to engage is not capped.
    """

    plan: str
    total: float
    max: float
    criteria: tuple[CriterionResult, ...] = ()
    errors: tuple[dict, ...] = ()
    as_of: str = ""
    country: str = ""
    review: Review = field(default_factory=Review)
    decision: str = ""
    language: str = ""
    unknown_fields: tuple[dict, ...] = ()
    #: The language of ``feedback``, ``review`` and ``errors`` (``feedback_language_for``).
    feedback_language: str = "en"
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
        ranked = sorted((c for c in self.criteria if c.applicable), key=lambda c: (c.score / c.max if c.max else 1.0, -c.max))
        return [c.id for c in ranked if not c.passed]

    def share_of(self, criterion_ids) -> float:
        """The share earned on a group of criteria (an nbgrader test cell), in [0, 1].

        Criteria that do not apply are left out; a group none of whose criteria apply gets
        the plan's overall share, so the cells add up to the total.
        """
        by_id = {c.id: c for c in self.criteria}
        applicable = [by_id[c] for c in criterion_ids if c in by_id and by_id[c].applicable]
        maximum = sum(c.max for c in applicable)
        if not maximum:
            return self.total / self.max if self.max else 0.0
        return min(1.0, max(0.0, sum(c.score for c in applicable) / maximum))

    def to_dict(self) -> dict:
        return {
            "plan": self.plan,
            "total": round(self.total, 2),
            "max": self.max,
            "band": self.band,
            "country": self.country,
            "as_of": self.as_of,
            "decision": self.decision,
            "language": self.language,
            "feedback_language": self.feedback_language,
            "review": self.review.to_dict(),
            "unknown_fields": [dict(u) for u in self.unknown_fields],
            "criteria": [c.to_dict() for c in self.criteria],
            "errors": [dict(e) for e in self.errors],
        }
