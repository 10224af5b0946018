"""The recommendations a plan cites: dataset ids or UN document references, resolved once.

A plan may cite a recommendation by its id in the datasets (``KEN-S21-042``) or by its UN
document reference (``A/HRC/57/5 para 114.101``, as printed in the Working Group's report).
A reference the datasets hold counts as that recommendation; one they do not hold is
accepted as *unverified*: it costs no points, and a trainer is asked to check it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .context import GradingContext, RecommendationFacts

#: "A/HRC/57/5 para 114.101", "A/HRC/WG.6/44/KEN/1, paragraph 6.12", "A/HRC/62/13 § 36.1".
REFERENCE = re.compile(
    r"^\s*(?P<symbol>A\s*/\s*HRC\s*/[\w.]+(?:\s*/\s*[\w.]+)*)\s*,?\s*(?:para(?:graph)?s?\.?|§|¶|p\.)\s*(?P<paragraph>\d+(?:\.\d+)*)\s*$",
    re.I,
)


def parse_reference(text: str) -> tuple[str, str] | None:
    """``(symbol, paragraph)`` of a UN document reference, or None when ``text`` is not one."""
    match = REFERENCE.match(text or "")
    if not match:
        return None
    symbol = re.sub(r"\s+", "", match.group("symbol")).upper()
    return symbol, match.group("paragraph")


@dataclass(frozen=True)
class Citation:
    """One cited recommendation, where it is cited, and what the datasets know of it."""

    activity_index: int
    position: int
    cited: str
    facts: RecommendationFacts | None
    reference: tuple[str, str] | None = None

    @property
    def unverified(self) -> bool:
        """A well-formed UN document reference that the datasets do not hold."""
        return self.facts is None and self.reference is not None

    @property
    def shown(self) -> str:
        return self.cited if self.facts is None else (self.facts.id if self.reference is None else f"{self.cited} ({self.facts.id})")


def citations(plan, context: GradingContext) -> tuple[Citation, ...]:
    """Every citation of the plan, resolved (cached for the plan being graded)."""
    return context.memo("citations", lambda: tuple(_resolve(plan, context)))


def _resolve(plan, context: GradingContext):
    for index, activity in enumerate(plan.international_activities):
        for position, cited in enumerate(activity.recommendations):
            reference = parse_reference(cited)
            facts = None
            if reference is None:
                facts = context.recommendation(cited)
            elif context.find_reference is not None:
                try:
                    rec_id = context.find_reference(f"{reference[0]} para {reference[1]}")
                except Exception:  # noqa: BLE001 - a lookup that fails leaves the reference unverified
                    rec_id = None
                facts = context.recommendation(rec_id) if rec_id else None
            yield Citation(index, position, cited, facts, reference)


def own_citations(plan, context: GradingContext) -> list[Citation]:
    """Citations of recommendations the datasets hold, made to the plan's own country."""
    return [c for c in citations(plan, context) if c.facts is not None and c.facts.sur_iso3 == plan.country_iso3]
