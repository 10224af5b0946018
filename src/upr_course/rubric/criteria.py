"""One scorer per criterion of the action plan spec; the registry (``registry.py``) weighs them.

Each scorer takes the parsed plan and a :class:`GradingContext` and returns a
:class:`Judgement`: the share of the criterion earned (0 to 1), feedback that says what is
missing and how to fix it (quoting the plan's words, one message per problem), and the lines
it refers to. Scorers add no judgement outside the rubric, so a plan gets the same score from
the command line, a notebook or nbgrader.

Free text is read for what it says (``free_text.py``, ``reading.py``), what is said of a cited
recommendation is judged in the sentence about it (``tactic.py``), and a plan may decide to
engage lightly or not at all (``engagement.py``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..plan import STAGES, Plan
from . import free_text, tactic
from .citations import citations
from .context import GradingContext
from .engagement import reasons_share
from .notes import Notes, quote
from .plan_reading import language_of, objective_topic
from .reading import content_stems, other_terms, overlap, read, words


@dataclass(frozen=True)
class Judgement:
    """What a scorer found: the share earned, the feedback, the lines it refers to."""

    share: float
    feedback: str
    lines: tuple[int, ...] = ()


def _judged(share: float, feedback, lines=()) -> Judgement:
    text = feedback if isinstance(feedback, str) else " ".join(part for part in feedback if part)
    return Judgement(min(1.0, max(0.0, share)), text, tuple(sorted({line for line in lines if line})))


#: How far (in days) a stage's date may fall outside the calendar's window: about six months.
STAGE_TOLERANCE_DAYS = 183
#: Share of the timeline criterion that each date problem costs.
TIMELINE_PROBLEM_COST = 0.25
#: A goal's time frame: a year that has not passed, or "within two years".
_YEAR = re.compile(r"\b(20\d{2})\b")


def _words_pattern(terms, prefix: bool = False) -> str:
    """Terms as one regular expression: whole words, or words starting so (``prefix``)."""
    alternation = "|".join(re.escape(t).replace("\\ ", r"\s+") for t in sorted(terms, key=len, reverse=True))
    if not alternation:
        return r"(?!x)x"
    return rf"\b(?:{alternation})" + ("" if prefix else r"\b")


_WITHIN = re.compile(r"\bwithin\s+\w+\s+(years?|months?)\b|\b(dentro de|en un plazo de|d'ici)\b", re.I)
#: Decision-makers that are too general to lobby: a plan should name the office or body.
VAGUE_TARGETS = frozenset((
    "ministry government parliament public people community communities authorities state society citizens everyone country un "
    "gobierno gouvernement"
).split()) | frozenset(other_terms("vague_target"))
#: Words that say nothing about who a target is ("the", "our"; Spanish and French from the lexicons).
TARGET_FILLER = frozenset(("the", "a", "an", "our", "all", *other_terms("target_filler")))
VAGUE_INDICATOR = re.compile(
    r"\b(improved?|better|awareness|progress|increased?|more|changed?|success|impact)\b|" + _words_pattern(other_terms("vague_indicator")), re.I
)
VERIFIABLE_INDICATOR = re.compile(
    r"\d|publish|adopt|sign|pass|vote|table|gazette|law|bill|act\b|decree|decision|report|budget|record|list|register|minutes|statement|"
    r"letter|plan|policy document|judgment|ruling|ley|loi|informe|rapport|publica|adopt|" + _words_pattern(other_terms("verifiable_indicator"), prefix=True),
    re.I,
)
#: Objectives that are about the UN itself, not a change at home.
UN_TARGETS = re.compile(
    r"\bUN\b|united nations|member states|human rights council|\bgeneva\b|international community|upr working group|ohchr|"
    r"treaty bod|special rapporteur|recommending states|\bdiplomat|\bembass|permanent missions?\b|missions? in geneva|"
    + _words_pattern(other_terms("un_target"), prefix=True),
    re.I,
)
UN_OBJECTIVE_TEXT = re.compile(
    r"\bat the UN\b|in geneva|more recommendations|get recommendations|recommendations at the next review|international attention|"
    r"international community|" + _words_pattern(other_terms("un_objective")),
    re.I,
)


def _at(plan: Plan, path: str) -> str:
    line = plan.line(path)
    return f"line {line}" if line else path


def _time_frame(goal: str, today: dt.date) -> bool:
    """The goal says by when: a year still to come, or "within two years"."""
    return any(int(year) >= today.year for year in _YEAR.findall(goal or "")) or bool(_WITHIN.search(goal or ""))


# ---------------------------------------------------------------------------------------------
def score_goal(plan: Plan, context: GradingContext) -> Judgement:
    """The goal is specific and time-bound; objectives name a decision-maker, an indicator, a due date."""
    notes, lines, share = [], [], 0.0
    goal = read(plan.goal or "", language_of(plan, context))
    if len(goal.content) >= 5:
        share += 0.25
    else:
        notes.append(f"Your goal ({_at(plan, 'goal')}) is too vague: say what will change, who decides it, and by when.")
        lines.append(plan.line("goal"))
    if _time_frame(plan.goal, context.as_of):
        share += 0.25
    else:
        notes.append(f"Give your goal a time frame ({_at(plan, 'goal')}), for example 'By December 2028 Parliament adopts ...'.")
        lines.append(plan.line("goal"))
    if not plan.objectives:
        notes.append("Add objectives: steps towards the goal, each with a target (the decision-maker), an indicator and a due date.")
    else:
        earned = 0.0
        for index, objective in enumerate(plan.objectives):
            where = f"Objective {objective.id} ({_at(plan, f'objectives[{index}]')})"
            target_ok, indicator_ok = _specific_target(objective.target), _observable_indicator(objective.indicator)
            earned += 0.5 * target_ok + 0.5 * indicator_ok
            if not target_ok:
                notes.append(
                    f"{where}: the target '{objective.target or ''}' is not a decision-maker you can lobby. Name the office or body that decides, "
                    "for example 'Cabinet Secretary for Justice' or 'Justice and Legal Affairs Committee'."
                )
            if not indicator_ok:
                notes.append(
                    f"{where}: the indicator '{objective.indicator or ''}' cannot be checked. "
                    "Say what you will see when it happens, for example 'Bill published in the Gazette'."
                )
            if not (target_ok and indicator_ok):
                lines.append(plan.line(f"objectives[{index}]"))
        share += 0.5 * earned / len(plan.objectives)
    if not notes:
        notes.append("Your goal is specific and time-bound, and every objective names a decision-maker, an indicator and a due date.")
    return _judged(share, notes, lines)


def _specific_target(target: str) -> bool:
    """A named office or body; not "the Ministry", "the public" or a UN body."""
    content = [w for w in words(target or "") if w not in TARGET_FILLER]
    if not content or UN_TARGETS.search(target or ""):
        return False
    return not (len(content) == 1 and content[0].rstrip("s") in VAGUE_TARGETS | {t.rstrip("s") for t in VAGUE_TARGETS})


def _observable_indicator(indicator: str) -> bool:
    """Something you can see happen: a document, a vote, a number; not "more awareness"."""
    text = (indicator or "").strip()
    if len(words(text)) < 2:
        return False
    if VERIFIABLE_INDICATOR.search(text):
        return True
    return not VAGUE_INDICATOR.search(text)


def _has_text(text: str) -> bool:
    """At least two real words: a placeholder such as '...' or 'TBD' is not yet an activity."""
    real = (w for w in words(text or "") if w.isalpha() and len(w) > 1)
    return next(real, None) is not None and next(real, None) is not None


def _objective_is_domestic(objective) -> bool:
    """An objective is a change at home, decided at home; not a result in Geneva."""
    return not (UN_TARGETS.search(objective.target or "") or UN_OBJECTIVE_TEXT.search(objective.text or ""))


def score_timeline(plan: Plan, context: GradingContext) -> Judgement:
    """Dates not in the past, objectives due after the activities that serve them, stages that fit the calendar."""
    checks, notes, lines = 0, [], []
    today = context.as_of
    # Only items with content are checked: the dates of a placeholder prove nothing.
    dated = [(f"objectives[{i}].due", o.id, o.due) for i, o in enumerate(plan.objectives) if _has_text(o.text)]
    dated += [(f"domestic_activities[{i}].when", a.id, a.when) for i, a in enumerate(plan.domestic_activities) if _has_text(a.text)]
    dated += [(f"international_activities[{i}].when", a.id, a.when) for i, a in enumerate(plan.international_activities) if _has_text(a.text)]
    for path, item_id, date in dated:
        checks += 1
        if date.last_day() < today:
            notes.append(f"{item_id} ({_at(plan, path)}): {date} is in the past (today is {today.isoformat()}). Plan for dates still to come.")
            lines.append(plan.line(path))
    due = {o.id: o.due for o in plan.objectives}
    serving = [(f"domestic_activities[{i}].when", a) for i, a in enumerate(plan.domestic_activities) if _has_text(a.text)]
    serving += [(f"international_activities[{i}].when", a) for i, a in enumerate(plan.international_activities) if _has_text(a.text)]
    for path, activity in serving:
        if activity.objective in due:
            checks += 1
            if activity.when.first_day() > due[activity.objective].last_day():
                notes.append(
                    f"{activity.id} ({_at(plan, path)}) happens in {activity.when}, after its objective {activity.objective} falls due "
                    f"({due[activity.objective]}). Move the activity earlier or the due date later."
                )
                lines.append(plan.line(path))
    windows = context.stage_windows(plan.country_iso3, today)
    if windows:
        tolerance = dt.timedelta(days=STAGE_TOLERANCE_DAYS)
        review_start, review_end = windows.get("review", (None, None))
        for index, activity in enumerate(plan.international_activities):
            window = windows.get(activity.stage)
            if not window or not _has_text(activity.text):
                continue
            checks += 1
            start, end = window
            path = f"international_activities[{index}].when"
            stage_name = activity.stage.replace("_", " ")
            phase = STAGES.get(activity.stage)
            if review_start and phase == "before" and activity.when.first_day() > review_start:
                notes.append(
                    f"{activity.id} ({_at(plan, path)}): {stage_name} comes before the review, but the plan puts it in {activity.when}, "
                    f"after {plan.country_name}'s review ({review_start:%B %Y})."
                )
            elif review_start and phase == "after" and start > review_start and activity.when.last_day() < review_start:
                # The stage's window belongs to the coming review, and the plan puts it before that review.
                notes.append(
                    f"{activity.id} ({_at(plan, path)}): {stage_name} comes after the review, but the plan puts it in {activity.when}, "
                    f"before {plan.country_name}'s review ({review_start:%B %Y})."
                )
            elif not (start - tolerance <= activity.when.last_day() and activity.when.first_day() <= end + tolerance):
                notes.append(
                    f"{activity.id} ({_at(plan, path)}): the {stage_name} stage for {plan.country_name} is expected between "
                    f"{start:%B %Y} and {end:%B %Y}, but the plan says {activity.when}. Check your country's dates with 'upr-course timeline'."
                )
            else:
                continue
            lines.append(plan.line(path))
    if not checks:
        return _judged(0, "The plan has no dated objectives or activities to check.")
    problems = len(notes)
    if not notes:
        notes.append("The dates are in the future, in a sensible order, and fit your country's UPR calendar.")
    # Each problem costs a quarter: a plan with many dates should not hide a wrong one.
    return _judged(1 - TIMELINE_PROBLEM_COST * problems, notes, lines)


def score_media(plan: Plan, context: GradingContext) -> Judgement:
    """At least one media moment tied to a stage of the UPR."""
    if not plan.media:
        return _judged(
            0,
            "Add at least one media moment tied to a stage, "
            "for example 'moment: review' with a press release naming the States that raised your issue.",
        )
    described = [m for m in plan.media if len(words(m.text)) >= 4]
    if described:
        return _judged(1, "The plan uses at least one moment of the cycle for the media.")
    return _judged(
        0.5 if any(_has_text(m.text) for m in plan.media) else 0,
        f"Say what you will do for the media at {_at(plan, 'media[0]')}: a press release, an interview, a public screening...",
        [plan.line("media[0]")],
    )


def score_balance(plan: Plan, context: GradingContext) -> Judgement:
    """Domestic work leads: each objective has domestic activity, and international work does not outweigh it."""
    objectives = [(i, o) for i, o in enumerate(plan.objectives) if _has_text(o.text)]
    if not objectives:
        return _judged(0, "Add objectives, and domestic activities that serve them.")
    domestic = [a for a in plan.domestic_activities if _has_text(a.text)]
    served = {a.objective for a in domestic}
    unserved = [(i, o) for i, o in objectives if o.id not in served]
    n_domestic, n_international = len(domestic), sum(1 for a in plan.international_activities if _has_text(a.text))
    share = 0.5 * (1 - len(unserved) / len(objectives))
    notes = [f"Objective {o.id} ({_at(plan, f'objectives[{i}]')}) has no domestic activity. Add the work at home that moves it forward." for i, o in unserved]
    if n_domestic == 0:
        share = 0.0
    elif plan.decision == "none":
        # No UN steps: the domestic strategy counts only as far as the reasons for that choice
        # hold (a trainer reads the reasons as the plan's judgement on the UN).
        reasons, advice = reasons_share(plan, context)
        share = (share + 0.5) * reasons
        if advice:
            notes.append(advice)
    else:
        share += 0.5 if n_international <= n_domestic else 0.5 * n_domestic / n_international
    if n_international > n_domestic:
        notes.append(f"The plan has {n_international} international and {n_domestic} domestic activities. Domestic work should lead; the UN supports it.")
    if not notes:
        notes.append(
            "Domestic work leads: every objective has domestic activity."
            + (" Your reasons for not engaging hold." if plan.decision == "none" else "")
        )
    return _judged(share, notes, [plan.line(f"objectives[{i}]") for i, _ in unserved])




# ---------------------------------------------------------------------------------------------
# The UN steps


def score_domestic_link(plan: Plan, context: GradingContext) -> Judgement:
    """Every international activity serves an objective of the plan, and is about the same thing.

    A step linked to an objective only by its id ("objective: O1") while it speaks of
    something else is not serving it: the step's words (with what it adds and brings home,
    and the recommendations it cites) must meet the objective's, its domestic work's or the
    plan's issue and goal.
    """
    activities = plan.international_activities
    if not activities:
        return _judged(
            0,
            "The plan has no UN steps. Add one and link it to an objective with 'objective: O1', "
            "or say in 'engagement' that you decide not to engage this cycle, and why.",
        )
    objectives = {o.id: o for o in plan.objectives}
    language = language_of(plan, context)
    cited_text: dict[int, list[str]] = {}
    for citation in citations(plan, context):
        if citation.facts is not None:
            cited_text.setdefault(citation.activity_index, []).append(citation.facts.text)
    notes, served = Notes(), 0.0
    for index, activity in enumerate(activities):
        path = f"international_activities[{index}].objective"
        objective = objectives.get(activity.objective)
        item = f"Activity {activity.id}"
        if not _has_text(activity.text):
            notes.add("no_text", item, plan.line(f"international_activities[{index}].text"), "it does not say yet what you will do: write it in 'text'.")
        elif objective is None:
            notes.add(
                "dangling", item, plan.line(path),
                f"it serves '{activity.objective or '(nothing)'}', which is not one of your objectives "
                f"({', '.join(sorted(objectives)) or 'none yet'}). Write the id of the objective it serves.",
            )
        elif not _objective_is_domestic(objective) or not _has_text(objective.text):
            notes.add(
                "un_objective", item, plan.line(path),
                f"it serves {objective.id}, but {objective.id} is a result at the UN, not a change at home. "
                "UN steps should serve a domestic objective: a decision by your own Government, Parliament or courts.",
            )
        else:
            step = content_stems([activity.text, activity.added_value, activity.brought_home, *cited_text.get(index, [])], language)
            if len(step) >= 3 and not overlap(step, objective_topic(plan, objective, context)):
                served += 0.3
                notes.add(
                    "disconnected", item, plan.line(path),
                    f"it is linked to {objective.id}, but what it speaks of ({quote(activity.text, 60)}) "
                    f"has nothing to do with {objective.id} ({quote(objective.text, 60)}) "
                    "or your issue. Link each UN step to the objective it really moves, or drop it.",
                )
            else:
                served += 1
    messages = notes.messages() or ["Every UN step serves one of your domestic objectives and is about the same thing."]
    return _judged(served / len(activities), messages, notes.lines)


def score_added_value(plan: Plan, context: GradingContext) -> Judgement:
    """Each UN step says specifically what it adds: a product, whom it moves, why it matters, for this plan."""
    if not plan.international_activities:
        return _judged(0, "The plan has no UN steps, so there is nothing to judge here yet.")
    share, messages, lines = free_text.score(plan, context, "added_value")
    return _judged(share, messages, lines)


def score_brought_home(plan: Plan, context: GradingContext) -> Judgement:
    """Each UN step says how its result is used back home: what, for whom, when."""
    if not plan.international_activities:
        return _judged(0, "The plan has no UN steps, so there is nothing to judge here yet.")
    share, messages, lines = free_text.score(plan, context, "brought_home")
    return _judged(share, messages, lines)


def score_recommendations(plan: Plan, context: GradingContext) -> Judgement:
    """The plan cites real recommendations to its own country, relevant to its issue and goal.

    A UN document reference the datasets do not hold costs nothing: it is noted as
    unverified, and a trainer is asked to check it (``review``).
    """
    cited = citations(plan, context)
    if not cited:
        return _judged(
            0,
            [
                "The plan cites no recommendations. Find the ones your country received on your issue (lesson 04, or 'upr-course match') "
                "and list them in an international activity, by id ('recommendations: [KEN-S21-042]') or by UN document reference ('A/HRC/57/5 para 114.101').",
                _coverage_note(plan, context),
            ],
        )
    shares, notes = [], Notes()
    activities = plan.international_activities
    for citation in cited:
        activity = activities[citation.activity_index]
        item, line = f"Activity {activity.id}", plan.line(f"international_activities[{citation.activity_index}].recommendations")
        facts = citation.facts
        if citation.unverified:
            shares.append(1.0)
            notes.add(
                "unverified", item, line,
                f"{citation.cited} is not in the course's data, so it cannot be checked here; it counts, and your trainer will check it.",
            )
        elif facts is None:
            shares.append(0.0)
            notes.add(
                "unknown", item, line,
                f"'{citation.cited}' is neither a recommendation id in the data nor a UN document reference. "
                "Copy the id as the course shows it (for example KEN-S21-042), or write the reference as 'A/HRC/57/5 para 114.101'.",
            )
        elif facts.sur_iso3 != plan.country_iso3:
            shares.append(0.0)
            notes.add(
                "other_country", item, line,
                f"{citation.shown} was made to {facts.sur}, not to {plan.country_name}. Cite recommendations your own country received.",
            )
        else:
            relevance = context.relevance(plan, facts)
            shares.append(0.5 + 0.5 * relevance)
            if relevance < 0.5:
                notes.add(
                    "off_issue", item, line,
                    f"{citation.shown} does not seem to be about your issue ('{plan.issue}'). Choose recommendations that match your goal.",
                )
            elif relevance < 1:
                notes.add(
                    "partly", item, line,
                    f"{citation.shown} touches your issue only in part. If there are recommendations closer to your goal, cite those.",
                )
    messages = notes.messages()
    share = sum(shares) / len(shares)
    if not messages:
        messages = ["Every cited recommendation was made to your country and is about your issue."]
    elif share < 1:
        known = {c.facts.id.upper() for c in cited if c.facts is not None} | {c.cited.strip().upper() for c in cited}
        messages.extend(_suggestions(plan, context, known))
    coverage = _coverage_note(plan, context) if share < 1 else None
    if coverage:
        messages.append(coverage)
    return _judged(share, messages, notes.lines)


def _coverage_note(plan: Plan, context: GradingContext) -> str | None:
    if context.coverage_note is None:
        return None
    try:
        return context.coverage_note(plan.country_iso3)
    except Exception:  # noqa: BLE001 - a note about the data must never stop grading
        return None


def _suggestions(plan: Plan, context: GradingContext, cited: set[str], count: int = 3) -> list[str]:
    """A sentence naming the recommendations that fit the goal best (not already cited)."""
    from ..errors import UserError

    if context.suggest is None:
        return []
    try:
        best = [rec_id for rec_id in context.suggest(plan, count + len(cited)) if rec_id.upper() not in cited][:count]
    except UserError:
        return []
    if not best:
        return []
    return [
        f"Recommendations to {plan.country_name} that fit your goal best include {', '.join(best)}: "
        "read them (lesson 04 shows how) and cite those that serve your objectives."
    ]


def score_response_tactic(plan: Plan, context: GradingContext) -> Judgement:
    """Supported recommendations are pushed, noted ones exposed, open ones lobbied for (``tactic.py``)."""
    own = [c for c in citations(plan, context) if c.facts is not None and c.facts.sur_iso3 == plan.country_iso3]
    if not own:
        unverified = [c for c in citations(plan, context) if c.unverified]
        if unverified:
            return _judged(
                0.5,
                "The recommendations you cite are not in the course's data, so the Government's answer to them cannot be checked here: "
                "your trainer will read the tactic. Push a supported one for implementation; expose a noted one in public.",
            )
        return _judged(
            0,
            "No cited recommendation of your country was found, so the tactic cannot be judged. Cite at least one, then: push a supported one "
            "for implementation (adds: [leverage]); expose a noted one in public (adds: [accountability, visibility]).",
        )
    substance = free_text.substance(plan, context)
    activities = plan.international_activities
    shares, notes = [], Notes()
    for citation in own:
        activity = activities[citation.activity_index]
        share, advice = tactic.judge(plan, context, citation, activity, list(activity.recommendations), substance[citation.activity_index])
        shares.append(share)
        if advice:
            notes.add("tactic", f"Activity {activity.id}", plan.line(f"international_activities[{citation.activity_index}]"), advice)
    messages = notes.messages() or ["The tactic fits each cited recommendation's response: supported ones are pushed, noted ones exposed."]
    return _judged(sum(shares) / len(shares), messages, notes.lines)


#: Share of cycle_coverage per phase: the work after the review weighs most, because that is
#: where recommendations become change at home.
PHASE_SHARES = {"before": 0.35, "review": 0.15, "after": 0.5}
_PHASE_NAMES = {
    "before": "before the review (for example stakeholder_report or embassy_briefing)",
    "review": "during the review (review or outcome_adoption)",
    "after": "after the review (for example responses or implementation): this is where recommendations become change at home",
}


#: The most cycle_coverage gives a plan whose UN work stops at the review while its objectives fall due later.
STOPS_ON_REVIEW_DAY = 0.2


def _objectives_after_review(plan: Plan, context: GradingContext) -> list[str]:
    """Ids of objectives due after the country's next review (none when the calendar is unknown)."""
    windows = context.stage_windows(plan.country_iso3, context.as_of)
    review = (windows or {}).get("review")
    if not review:
        return []
    return [o.id for o in plan.objectives if _has_text(o.text) and o.due.last_day() > review[1]]


def score_cycle_coverage(plan: Plan, context: GradingContext) -> Judgement:
    """International work before, during and after the review (after weighs most).

    A phase counts only when one of its activities adds something (``SUBSTANCE_FLOOR``). A plan
    that decides to keep the UN part light, and says why, is not asked for more stages.
    """
    substance = free_text.substance(plan, context)
    phases = {STAGES.get(a.stage) for a, share in zip(plan.international_activities, substance) if share >= free_text.SUBSTANCE_FLOOR}
    if plan.decision == "light":
        share, advice = reasons_share(plan, context)
        if phases and share >= 0.75:
            return _judged(1, "You chose a light UN engagement and said why, so no more stages are asked for.")
        if phases:
            return _judged(0.5 + 0.5 * share, ["You chose a light UN engagement: that can be right.", advice or ""])
    hollow = {STAGES.get(a.stage) for a in plan.international_activities} - phases
    missing = [p for p in PHASE_SHARES if p not in phases]
    if not missing:
        return _judged(1, "Your international work covers the whole cycle: before, during and after the review.")
    share = sum(PHASE_SHARES[p] for p in PHASE_SHARES if p in phases)
    when = {"before": "before", "review": "during", "after": "after"}
    hollow_phases = [when[p] for p in PHASE_SHARES if p in hollow]
    hollow_note = (
        f" The plan has activities {' and '.join(hollow_phases)} the review, but they do not yet say what they add, so they do not count here."
        if hollow_phases
        else ""
    )
    later = _objectives_after_review(plan, context) if "after" in missing and phases else []
    if later:
        # Stopping on review day when the decision wanted comes later: the answers, the plenary
        # and implementation are where recommendations become change at home.
        return _judged(
            min(share, STOPS_ON_REVIEW_DAY),
            f"The UN work stops at the review, but {', '.join(later[:3])} {'falls' if len(later) == 1 else 'fall'} due after it: "
            "plan what you will do with the Government's answers, at the plenary and for implementation (stages responses, plenary, implementation)."
            + hollow_note,
        )
    return _judged(
        share,
        "Add international work that adds something " + "; and ".join(_PHASE_NAMES[p] for p in missing) + "." + hollow_note
        + " Or, if a small UN part is your choice, say so in 'engagement' (decision: light) with your reasons.",
    )


# ---------------------------------------------------------------------------------------------
# Risks


def score_risks(plan: Plan, context: GradingContext) -> Judgement:
    """Risks with mitigations that say what will be done, including reprisals for engaging with the UN.

    Reprisal may be written in plain words (losing funding or contracts, smear campaigns, travel
    bans, surveillance). "We are careful" is not a mitigation: a mitigation says what will be done.
    """
    language = language_of(plan, context)
    risks = [(i, r) for i, r in enumerate(plan.risks) if len(words(r.risk)) >= 2]
    if not risks:
        return _judged(
            0,
            "Add risks, each with what you will do to reduce it. "
            "Include the risk of reprisals against people who engage with the UN (threats, smear campaigns, lost funding, travel bans).",
        )
    notes = Notes()
    actionable = []
    for index, risk in risks:
        ok = _actionable(risk.mitigation, language)
        actionable.append(ok)
        if not ok:
            shown = quote(risk.mitigation) if (risk.mitigation or "").strip() else "(empty)"
            notes.add(
                "vague_mitigation", f"Risk {index + 1}", plan.line(f"risks[{index}].mitigation"),
                f"the mitigation {shown} does not say what you will do. Name the action: who signs, who is briefed, what is protected, and how.",
            )
    reprisal = [ok for (_, risk), ok in zip(risks, actionable) if _is_reprisal(read(risk.risk, language))]
    engages = plan.decision != "none"
    if reprisal:
        reprisal_share = 1.0 if any(reprisal) else 0.5
    elif engages:
        reprisal_share = 0.0
        notes.plain(
            "Add the risk of reprisals for engaging with the UN (for people who speak in Geneva or are named in reports, "
            "or for your organisation: funding, registration, smear campaigns) and how you will protect them."
        )
    else:
        reprisal_share = 1.0
    share = 0.5 * reprisal_share + 0.5 * (sum(actionable) / len(actionable))
    messages = notes.messages() or ["The plan names its risks, including reprisals, and what it will do about each."]
    return _judged(share, messages, notes.lines)


def _is_reprisal(reading) -> bool:
    """A reprisal in plain words, or safety when it is about engaging with the UN."""
    return reading.has("reprisal") or (reading.has("safety") and reading.has("un_engagement"))


def _actionable(mitigation: str, language: str) -> bool:
    """The mitigation names something to be done, beyond being careful."""
    reading = read(mitigation or "", language)
    if len(reading.words) < 3:
        return False
    vague = {w for phrase in reading.found("vague_mitigation") for w in phrase.lower().split()}
    rest = [w for w in reading.content if w not in {read(v, language).stems[0] for v in vague if read(v, language).stems}]
    return len(rest) >= 2
