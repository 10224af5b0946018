"""The stages of the UPR cycle, in the order of the action plan format, with their phase.

One shared fact for the whole course: the plan format (``plan``), the country timelines
(``timeline``) and the lessons' tables (``summaries``) all read it from here.
"""

from __future__ import annotations

#: Stages of the UPR cycle, in the format's order, with their phase: ``before`` the review,
#: the ``review`` itself, ``after`` it.
STAGES: dict[str, str] = {
    "national_consultation": "before",
    "stakeholder_report": "before",
    "pre_session": "before",
    "embassy_briefing": "before",
    "advance_questions": "before",
    "review": "review",
    "outcome_adoption": "review",
    "responses": "after",
    "plenary": "after",
    "implementation": "after",
    "mid_term_report": "after",
}

PHASES = ("before", "review", "after")


def stages_in(phase: str) -> tuple[str, ...]:
    """The stages of one phase, in the format's order."""
    return tuple(stage for stage, stage_phase in STAGES.items() if stage_phase == phase)
