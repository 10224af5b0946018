"""Engaging is a choice: which criteria apply, and whether the reasons hold.

The course teaches that an organisation should not engage with the UN where it distracts
from its domestic strategy, and that one well-placed step can be worth more than many. So a
plan may decide ``light`` or ``none`` (``plan.decision``), with its reasons:

- with ``none``, the criteria about UN steps do not apply, and the plan is judged on its
  domestic strategy and its reasoning (the reasons count in ``balance``);
- with ``light``, ``cycle_coverage`` does not ask for UN work at every stage.

A trainer reads good reasons as judgement, not as a gap, and marks down only reasons that
are weak (not tied to this plan's strategy, or refusing even to follow what the Government
says abroad, which costs almost nothing) or absent.
"""

from __future__ import annotations

from .context import GradingContext
from .feedback import say
from .notes import quote
from .plan_reading import item_ids, language_of, mentions_item, plan_topic, target_stems
from .reading import affirms, overlap, read, sentences

#: Criteria about UN steps: not applicable when a plan decides not to engage.
UN_STEP_CRITERIA = ("domestic_link", "added_value", "brought_home", "recommendations", "response_tactic", "cycle_coverage")
#: Reasons with no tie to the plan get at most this share; reasons that do not even keep watch, this.
WEAK_REASONS = 0.4
NO_WATCH = 0.7


def applies(criterion_id: str, plan) -> bool:
    """Whether a criterion applies to the plan, given its engagement decision."""
    if plan.decision == "none":
        if criterion_id in UN_STEP_CRITERIA:
            return False
        if criterion_id == "media" and not plan.media:
            return False
    return True


def reasons_share(plan, context: GradingContext) -> tuple[float, str | None]:
    """How well the plan explains a ``light`` or ``none`` decision: a share and advice (or None)."""
    if plan.decision == "full":
        return 1.0, None
    reasons = (plan.engagement.reasons or "").strip()
    # Said by balance for a plan that decides "none", by cycle_coverage for one that decides "light".
    criterion = "balance" if plan.decision == "none" else "cycle_coverage"
    if not reasons:
        which = "none" if plan.decision == "none" else "light"
        return 0.0, say(criterion, f"{which}_no_reasons_{'stated' if plan.engagement.stated else 'block'}")
    language = language_of(plan, context)
    reading = read(reasons, language)
    tied = bool(overlap(reading.content, plan_topic(plan, context) | target_stems(plan, context))) or mentions_item(reasons, item_ids(plan))
    causal = reading.has("mechanism")
    developed = len(reading.content) >= 6
    share = {0: 0.2, 1: WEAK_REASONS, 2: 0.75, 3: 1.0}[tied + causal + developed]
    advice = None
    if not tied:
        share = min(share, WEAK_REASONS)
        advice = say(criterion, "untied", reasons=quote(reasons))
    elif share < 1:
        advice = say(criterion, "say_more", reasons=quote(reasons))
    if plan.decision == "none":
        watch = _keeps_watch(plan, language)
        if watch is False:
            share = min(share, WEAK_REASONS)
            advice = say(criterion, "refuses_watch")
        elif watch is None and share > NO_WATCH:
            share = NO_WATCH
            advice = say(criterion, "no_watch")
    return share, advice


def _keeps_watch(plan, language: str) -> bool | None:
    """Does the plan still follow what the Government says at the UN? None when it does not say."""
    # The reasons speak of the UN; elsewhere a sentence must say it watches the UN ("follow the
    # review's webcast"), not something at home ("weekly watch on new permits").
    said = [s for s in sentences(plan.engagement.reasons or "") if read(s, language).has("keep_watch")]
    elsewhere = [a.text for a in plan.domestic_activities] + [m.text for m in plan.media]
    said += [s for t in elsewhere if t for s in sentences(t) if read(s, language).has("keep_watch") and read(s, language).has("un_engagement")]
    if any(affirms(s, "keep_watch", language) for s in said):
        return True
    # Refused in the plan's own voice ("we will not follow"), not said of others.
    refused = [s for s in said if read(s, language).has("first_person")]
    return False if refused else None
