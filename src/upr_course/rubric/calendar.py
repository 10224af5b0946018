"""Whether a UN step's date fits its stage in the country's UPR calendar.

Two criteria ask it: ``timeline`` says what is wrong with a date; a step the calendar puts on
the wrong side of the review (a plenary statement before the review) cannot happen as planned,
so ``added_value`` and ``cycle_coverage`` do not count what it says it adds.
"""

from __future__ import annotations

import datetime as dt

from ..plan import STAGES

#: How far (in days) a stage's date may fall outside the calendar's window: about six months
#: (the calendar is an estimate).
STAGE_TOLERANCE_DAYS = 183
#: Dates that put a step on the wrong side of the review (``stage_date_problem``).
WRONG_SIDE_OF_THE_REVIEW = ("before_stage_late", "after_stage_early")


def stage_date_problem(activity, windows: dict) -> str | None:
    """What is wrong with a UN step's date for its stage, by the country's calendar (None: nothing).

    ``before_stage_late``: a stage of the run-up after the review has begun;
    ``after_stage_early``: a stage that answers the coming review put before it;
    ``outside_window``: otherwise more than ``STAGE_TOLERANCE_DAYS`` outside the stage's window.
    """
    window = windows.get(activity.stage) if windows else None
    if not window:
        return None
    start, end = window
    review_start = windows.get("review", (None, None))[0]
    phase = STAGES.get(activity.stage)
    if review_start and phase == "before" and activity.when.first_day() > review_start:
        return "before_stage_late"
    if review_start and phase == "after" and start > review_start and activity.when.last_day() < review_start:
        return "after_stage_early"
    tolerance = dt.timedelta(days=STAGE_TOLERANCE_DAYS)
    if not (start - tolerance <= activity.when.last_day() and activity.when.first_day() <= end + tolerance):
        return "outside_window"
    return None
