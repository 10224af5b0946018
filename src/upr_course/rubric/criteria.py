"""One scorer per criterion of the action plan spec.

Each scorer takes the parsed plan and a :class:`GradingContext` and returns a
:class:`CriterionResult`: points, the maximum, and feedback that says what is missing and
how to fix it, with line numbers. Scorers add no judgement outside this module, so a plan
gets the same score from the command line, a notebook or nbgrader.

Weights (100 points in all) and why:

============== ==== ===========================================================
criterion      pts  why this weight
============== ==== ===========================================================
goal            10  a domestic goal with a time frame is where a plan starts
domestic_link   12  every UN step must serve one of the plan's own domestic objectives
added_value     18  the course's central question: what does the UN step add?
brought_home    14  a UN result that never comes home changes nothing at home
recommendations  8  real recommendations to the plan's own country, on its issue
response_tactic  8  supported ones are pushed, noted ones exposed: the key tactic
cycle_coverage   7  before, during and above all after the review, not just Geneva
timeline         7  dates that work with the country's real UPR calendar
media            4  at least one media moment tied to a stage
risks            4  reprisals are a real risk of engaging with the UN
balance          8  domestic work leads; international work supports it
============== ==== ===========================================================

The weights were calibrated on the course's example plans (``datasets/examples/plans``):
the three criteria that carry the course's idea (domestic_link, added_value,
brought_home) and balance weigh 52 points, so a plan that is busy in Geneva but adds
nothing at home cannot reach the middle band on its other merits.

Whether a cited recommendation is "on its issue" is decided in ``relevance.py``: its UPR
Info tag where it has one, otherwise the matcher of ``upr-course match``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import UserError
from ..plan import STAGES, Plan
from .result import CriterionResult
from .text_signals import HOME_ACTION_TERMS, filler_count, read_text, repeated_groups, restates, templated_groups, topical_stems, words

WEIGHTS: dict[str, float] = {
    "goal": 10,
    "domestic_link": 12,
    "added_value": 18,
    "brought_home": 14,
    "recommendations": 8,
    "response_tactic": 8,
    "cycle_coverage": 7,
    "timeline": 7,
    "media": 4,
    "risks": 4,
    "balance": 8,
}

#: How far (in days) a stage's date may fall outside the calendar's window: about six months.
STAGE_TOLERANCE_DAYS = 183
#: Share of the timeline criterion that each date problem costs.
TIMELINE_PROBLEM_COST = 0.25

PUSH_ADDS = frozenset({"leverage", "accountability"})
EXPOSE_ADDS = frozenset({"accountability", "visibility", "media"})
ACCEPTED_WORDS = re.compile(r"\b(accepted|accepts|accept|supported|agreed|agreed to|committed to|commitments?|promised?|pledged?)\b", re.I)
IMPLEMENT_WORDS = re.compile(r"\bimplement\w*|\bfollow[- ]?up\b|\btrack\w*|\bdeliver\w*|\bkeep (?:its|their) (?:word|promise)", re.I)
EXPOSE_WORDS = re.compile(r"\bnoted\b|\brefus\w*|\breject\w*|\bexpos\w*|\bcontest\w*|\bchalleng\w*|\bexplain\w*|\bjustif\w*|\breconsider\w*", re.I)
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
#: A deadline: "by 2028", "before June 2027", "by the end of 2029", "within two years".
TIME_WORDS = re.compile(
    rf"\b(by|before|until|no later than|in|during)\s+(the\s+end\s+of\s+|end\s+of\s+|early\s+|mid-?\s*|late\s+)?((?:{_MONTHS})\s+)?(20)\d{{2}}\b|\bwithin\s+\w+\s+(years?|months?)\b",
    re.I,
)
REPRISAL_WORDS = re.compile(r"reprisal|retaliat|intimidat|harass|arrest|threat|surveillance|attack|travel ban|smear|detain|prosecut", re.I)
#: "Safety" counts as the risk of reprisal only when it is about engaging with the UN.
SAFETY_WORDS = re.compile(r"safety|security|danger|unsafe", re.I)
UN_ENGAGEMENT_WORDS = re.compile(r"\bUN\b|geneva|united nations|submission|report|speak|named|travel|delegat|pre-session|mission", re.I)
#: Decision-makers that are too general to lobby: a plan should name the office or body.
VAGUE_TARGETS = frozenset("ministry government parliament public people community communities authorities state society citizens everyone country un".split())
VAGUE_INDICATOR = re.compile(r"\b(improved?|better|awareness|progress|increased?|more|changed?|success|impact)\b", re.I)
VERIFIABLE_INDICATOR = re.compile(r"\d|publish|adopt|sign|pass|vote|table|gazette|law|bill|act\b|decree|decision|report|budget|record|list|register|minutes|statement|letter|plan|policy document|judgment|ruling", re.I)
#: Objectives that are about the UN itself, not a change at home.
UN_TARGETS = re.compile(
    r"\bUN\b|united nations|member states|human rights council|\bgeneva\b|international community|upr working group|ohchr|"
    r"treaty bod|special rapporteur|recommending states|\bdiplomat|\bembass|permanent missions?\b|missions? in geneva",
    re.I,
)
UN_OBJECTIVE_TEXT = re.compile(r"\bat the UN\b|in geneva|more recommendations|get recommendations|recommendations at the next review|international attention|international community", re.I)
SIGNAL_NAMES = {
    "output": "what the UN step produces (for example a recommendation, a question on the record, a meeting)",
    "actor": "whom it moves (for example the Ministry, Parliament, the recommending States, an embassy)",
    "mechanism": "why that matters (for example 'so that the Government must answer in public')",
    "concrete": "something concrete (a name, a number, a date, or an activity id such as D1)",
    "home_action": "what you will do with it at home (quote it, brief someone, publish a scorecard...)",
}


@dataclass(frozen=True)
class RecommendationFacts:
    """What the rubric needs to know about one cited recommendation."""

    id: str
    sur_iso3: str
    sur: str
    response: str | None
    text: str
    issues: tuple[str, ...] = ()


@dataclass
class GradingContext:
    """Everything outside the plan that grading needs, injected so tests can fake it.

    ``find_recommendation(id)`` gives facts or None; ``relevance(plan, facts)`` a number
    in [0, 1]; ``stage_windows(iso3, as_of)`` the calendar windows per stage (or None
    when the country's calendar is unknown); ``suggest(plan, k)``, when given, the ids of
    the k recommendations that fit the plan's goal best, offered in feedback as examples.
    """

    as_of: dt.date
    find_recommendation: Callable[[str], RecommendationFacts | None]
    relevance: Callable[[Plan, RecommendationFacts], float]
    stage_windows: Callable[[str, dt.date], dict[str, tuple[dt.date, dt.date]] | None]
    suggest: Callable[[Plan, int], list[str]] | None = None
    _cache: dict = field(default_factory=dict, repr=False)
    #: Work shared by the criteria of the plan being graded; holds (plan, value) pairs.
    _plan_cache: dict = field(default_factory=dict, repr=False)

    def recommendation(self, rec_id: str) -> RecommendationFacts | None:
        key = rec_id.strip().upper()
        if key not in self._cache:
            self._cache[key] = self.find_recommendation(key)
        return self._cache[key]


def _result(criterion_id: str, share: float, feedback: list[str] | str, lines=()) -> CriterionResult:
    maximum = WEIGHTS[criterion_id]
    share = min(1.0, max(0.0, share))
    text = feedback if isinstance(feedback, str) else " ".join(part for part in feedback if part)
    return CriterionResult(criterion_id, round(maximum * share, 2), maximum, text, tuple(sorted({line for line in lines if line})))


def _at(plan: Plan, path: str) -> str:
    line = plan.line(path)
    return f"line {line}" if line else path


# ---------------------------------------------------------------------------------------------


def score_goal(plan: Plan, context: GradingContext) -> CriterionResult:
    """The goal is specific and time-bound; objectives name a decision-maker, an indicator, a due date."""
    notes, lines, share = [], [], 0.0
    goal = read_text(plan.goal)
    if goal.specific or goal.content_words >= 6:
        share += 0.25
    else:
        notes.append(f"Your goal ({_at(plan, 'goal')}) is too vague: say what will change, who decides it, and by when.")
        lines.append(plan.line("goal"))
    if TIME_WORDS.search(plan.goal or ""):
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
                notes.append(f"{where}: the target '{objective.target or ''}' is not a decision-maker you can lobby. Name the office or body that decides, for example 'Cabinet Secretary for Justice' or 'Justice and Legal Affairs Committee'.")
            if not indicator_ok:
                notes.append(f"{where}: the indicator '{objective.indicator or ''}' cannot be checked. Say what you will see when it happens, for example 'Bill published in the Gazette'.")
            if not (target_ok and indicator_ok):
                lines.append(plan.line(f"objectives[{index}]"))
        share += 0.5 * earned / len(plan.objectives)
    if not notes:
        notes.append("Your goal is specific and time-bound, and every objective names a decision-maker, an indicator and a due date.")
    return _result("goal", share, notes, lines)


def _specific_target(target: str) -> bool:
    """A named office or body; not "the Ministry", "the public" or a UN body."""
    content = [w for w in words(target or "") if w not in ("the", "a", "an", "our", "all")]
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


def score_domestic_link(plan: Plan, context: GradingContext) -> CriterionResult:
    """Every international activity serves an objective that exists in the plan."""
    activities = plan.international_activities
    if not activities:
        return _result("domestic_link", 0, "The plan has no international activities. Add at least one UN step, and link it to an objective with 'objective: O1'.")
    objectives = {o.id: o for o in plan.objectives}
    notes, lines, served = [], [], 0.0
    for index, activity in enumerate(activities):
        path = f"international_activities[{index}].objective"
        objective = objectives.get(activity.objective)
        if not _has_text(activity.text):
            notes.append(f"Activity {activity.id} ({_at(plan, f'international_activities[{index}].text')}) does not say yet what you will do: write it in 'text'.")
            lines.append(plan.line(f"international_activities[{index}].text"))
        elif objective is None:
            notes.append(
                f"Activity {activity.id} ({_at(plan, path)}) serves '{activity.objective or '(nothing)'}', which is not one of your objectives "
                f"({', '.join(sorted(objectives)) or 'none yet'}). Write the id of the objective it serves."
            )
            lines.append(plan.line(path))
        elif not _objective_is_domestic(objective) or not _has_text(objective.text):
            notes.append(
                f"Activity {activity.id} ({_at(plan, path)}) serves {objective.id}, but {objective.id} is a result at the UN, not a change at home. "
                "UN steps should serve a domestic objective: a decision by your own Government, Parliament or courts."
            )
            lines.append(plan.line(path))
        else:
            served += 1
    if not notes:
        notes = ["Every international activity serves one of your domestic objectives."]
    return _result("domestic_link", served / len(activities), notes, lines)


def _free_text_share(reading, needed: tuple[str, ...], fillers: int) -> tuple[float, list[str]]:
    """Share earned by a specific text, and the signals it still lacks.

    Three signals of the four earn full marks; each generic phrase the text leans on
    ("raise awareness", "important partners") cancels one signal.
    """
    found = [name for name in needed if name in reading.signals]
    missing = [name for name in needed if name not in reading.signals]
    share = {0: 0.0, 1: 0.0, 2: 0.4, 3: 0.8}.get(max(0, len(found) - fillers), 1.0)
    return share, missing


def _topic_of(plan: Plan, activity, context: GradingContext) -> frozenset[str]:
    """What the plan is about, as word stems: its issue, goal, objectives, the activity, cited recommendations."""
    topic = topical_stems(" ".join([plan.issue, plan.goal, *(o.text for o in plan.objectives)])) | topical_stems(activity.text)
    for rec_id in activity.recommendations:
        facts = context.recommendation(rec_id)
        if facts is not None:
            topic |= topical_stems(facts.text)
    return topic


def _cites_own_recommendation(plan: Plan, activity, context: GradingContext) -> bool:
    """The activity names a real recommendation to the plan's country: its text can say "this one"."""
    for rec_id in activity.recommendations:
        facts = context.recommendation(rec_id)
        if facts is not None and facts.sur_iso3 == plan.country_iso3:
            return True
    return False


def _assess_free_text(plan: Plan, context: GradingContext, criterion_id: str, field_name: str, needed: tuple[str, ...], extra_terms=()) -> list[tuple[float, str | None]]:
    """Per international activity: the share its ``field_name`` earns, and what to fix (or None).

    Cached on the context, because other criteria ask how much each activity adds.
    """
    # Cached for this plan only: another plan may later get the same id() once this one is gone.
    key = ("free_text", criterion_id)
    cached = context._plan_cache.get(key)
    if cached is not None and cached[0] is plan:
        return cached[1]
    activities = plan.international_activities
    texts = [getattr(a, field_name) or "" for a in activities]
    repeated = repeated_groups(texts)
    templated = templated_groups(texts) - repeated
    verb = "adds" if field_name == "added_value" else "brings home"
    assessments = []
    for index, activity in enumerate(activities):
        path = f"international_activities[{index}].{field_name}"
        where = f"Activity {activity.id} ({_at(plan, path)})"
        text = texts[index]
        reading = read_text(text if isinstance(text, str) else "", tuple(extra_terms))
        share, reason = 0.0, None
        if reading.empty:
            reason = f"{where}: '{field_name}' is empty."
        elif index in repeated:
            reason = f"{where}: the same '{field_name}' text is used for more than one activity. Each UN step {verb} something of its own: say what this one {verb}."
        elif restates(text, activity.text):
            reason = f"{where}: '{field_name}' repeats the activity's own text. Do not describe the activity again: say what it {verb}."
        elif reading.stuffed:
            reason = f"{where}: '{field_name}' reads like a list of words, not a sentence. Write one or two plain sentences."
        elif reading.filler_only:
            reason = f"{where}: '{field_name}' is too general (phrases like 'raise awareness' or 'share the results' could be said of any activity)."
        else:
            fillers = filler_count(text)
            share, missing = _free_text_share(reading, needed, fillers)
            problems = []
            if fillers and share < 1:
                problems.append("leave out general phrases such as 'raise awareness' and say what exactly happens")
            if criterion_id == "added_value" and "mechanism" not in reading.signals and share > 0.4:
                share = 0.4
                missing = [m for m in missing if m != "mechanism"]
                problems.append("say why it matters: what changes because of it (for example 'so that the Government must answer in public')")
            if criterion_id == "added_value" and not _cites_own_recommendation(plan, activity, context) and not (topical_stems(text) & _topic_of(plan, activity, context)):
                share = min(share, 0.3)
                problems.append(f"say what it adds on your issue ({plan.issue}): as written it could be said of any plan")
            if index in templated:
                share *= 0.5
                problems.append("it follows the same pattern as another activity's text: say what is particular to this step")
            if missing and share < 1:
                problems.append("say also " + "; and ".join(SIGNAL_NAMES[m] for m in missing[:2]))
            if problems:
                reason = f"{where}: " + "; ".join(problems) + "."
        if criterion_id == "added_value" and not activity.adds:
            share *= 0.5
            reason = (reason + " " if reason else f"{where}: ") + "Name what the step adds in 'adds', for example 'adds: [leverage, visibility]'."
        assessments.append((share, reason if share < 1 else None))
    context._plan_cache[key] = (plan, assessments)
    return assessments


ADDED_VALUE_SIGNALS = ("output", "actor", "mechanism", "concrete")
BROUGHT_HOME_SIGNALS = ("home_action", "actor", "concrete", "output")
#: An activity whose added_value earns less than this adds nothing that counts elsewhere
#: (cycle coverage, response tactic): busy work in Geneva is not a strategy.
SUBSTANCE_FLOOR = 0.4


def added_value_shares(plan: Plan, context: GradingContext) -> list[float]:
    """How much each international activity adds, as the added_value criterion judges it."""
    return [share for share, _ in _assess_free_text(plan, context, "added_value", "added_value", ADDED_VALUE_SIGNALS)]


def _score_free_text(plan: Plan, context: GradingContext, criterion_id: str, field_name: str, needed: tuple[str, ...], extra_terms=()) -> CriterionResult:
    activities = plan.international_activities
    if not activities:
        return _result(criterion_id, 0, "The plan has no international activities, so there is nothing to judge here yet.")
    assessments = _assess_free_text(plan, context, criterion_id, field_name, needed, extra_terms)
    notes = [reason for _, reason in assessments if reason]
    lines = [plan.line(f"international_activities[{i}].{field_name}") for i, (_, reason) in enumerate(assessments) if reason]
    if not notes:
        notes.append(f"Every international activity says specifically {'what it adds' if criterion_id == 'added_value' else 'how its result is used at home'}.")
    elif criterion_id == "added_value":
        notes.append(
            "A strong answer names what the UN step produces, whom it moves and why that matters, for example: "
            "'Puts our evidence in the UN summary that States read, so that several States recommend a preventive mechanism and the Government must answer each one in public.'"
        )
    else:
        notes.append(
            "A strong answer says what you will do at home with the result, with whom, and when, for example: "
            "'We quote every recommendation on custody in our letter to the Cabinet Secretary and in the committee briefing (D1).'"
        )
    return _result(criterion_id, sum(share for share, _ in assessments) / len(assessments), notes, lines)


def score_added_value(plan: Plan, context: GradingContext) -> CriterionResult:
    """Each international activity says specifically what it adds (not empty, not a restatement, not filler)."""
    return _score_free_text(plan, context, "added_value", "added_value", ADDED_VALUE_SIGNALS)


def score_brought_home(plan: Plan, context: GradingContext) -> CriterionResult:
    """Each international activity says how its result is used back home."""
    return _score_free_text(plan, context, "brought_home", "brought_home", BROUGHT_HOME_SIGNALS, HOME_ACTION_TERMS)


def _cited(plan: Plan):
    for index, activity in enumerate(plan.international_activities):
        for position, rec_id in enumerate(activity.recommendations):
            yield index, activity, position, rec_id


def score_recommendations(plan: Plan, context: GradingContext) -> CriterionResult:
    """The plan cites real recommendations to its own country, relevant to its issue and goal."""
    cited = list(_cited(plan))
    if not cited:
        return _result(
            "recommendations",
            0,
            "The plan cites no recommendations. Find the ones your country received on your issue (lesson 04, or 'upr-course match') "
            "and list their ids in an international activity, for example 'recommendations: [KEN-S21-042]'.",
        )
    shares, notes, lines = [], [], []
    for index, activity, position, rec_id in cited:
        path = f"international_activities[{index}].recommendations"
        facts = context.recommendation(rec_id)
        where = f"Activity {activity.id} ({_at(plan, path)})"
        if facts is None:
            shares.append(0.0)
            notes.append(f"{where}: '{rec_id}' is not a recommendation id in the dataset. Copy the id exactly as the course shows it, for example KEN-S21-042.")
        elif facts.sur_iso3 != plan.country_iso3:
            shares.append(0.0)
            notes.append(f"{where}: {rec_id} was made to {facts.sur}, not to {plan.country_name}. Cite recommendations your own country received.")
        else:
            relevance = context.relevance(plan, facts)
            shares.append(0.5 + 0.5 * relevance)
            if relevance < 0.5:
                notes.append(f"{where}: {rec_id} does not seem to be about your issue ('{plan.issue}'). Choose recommendations that match your goal.")
            elif relevance < 1:
                notes.append(f"{where}: {rec_id} touches your issue only in part. If there are recommendations closer to your goal, cite those.")
            else:
                continue
        lines.append(plan.line(path))
    if not notes:
        notes.append("Every cited recommendation exists, was made to your country and is about your issue.")
    else:
        notes.extend(_suggestions(plan, context, {rec_id.strip().upper() for *_, rec_id in cited}))
    return _result("recommendations", sum(shares) / len(shares), notes, lines)


def _suggestions(plan: Plan, context: GradingContext, cited: set[str], count: int = 3) -> list[str]:
    """A sentence naming the recommendations that fit the goal best (not already cited)."""
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


def score_response_tactic(plan: Plan, context: GradingContext) -> CriterionResult:
    """Supported recommendations are pushed for implementation; noted ones are exposed and contested."""
    pairs = [(i, a, rec_id, context.recommendation(rec_id)) for i, a, _, rec_id in _cited(plan)]
    pairs = [(i, a, rec_id, facts) for i, a, rec_id, facts in pairs if facts is not None and facts.sur_iso3 == plan.country_iso3]
    if not pairs:
        return _result(
            "response_tactic",
            0,
            "No cited recommendation of your country was found, so the tactic cannot be judged. Cite at least one, then: push a supported one "
            "for implementation (adds: [leverage]); expose a noted one in public (adds: [accountability, visibility]).",
        )
    substance = added_value_shares(plan, context)
    shares, notes, lines = [], [], []
    for index, activity, rec_id, facts in pairs:
        path = f"international_activities[{index}]"
        where = f"Activity {activity.id} ({_at(plan, path)})"
        prose = " ".join((activity.text, activity.added_value, activity.brought_home))
        adds = set(activity.adds)
        if facts.response == "Supported":
            ok_adds = bool(adds & PUSH_ADDS)
            ok_words = bool(IMPLEMENT_WORDS.search(prose)) or STAGES.get(activity.stage) == "after"
            share = 0.5 * ok_adds + 0.5 * ok_words
            if share < 1:
                notes.append(f"{where}: {rec_id} was supported by the Government. Use it as leverage: push for implementation and track it (adds: [leverage]; stage: implementation).")
        elif facts.response == "Noted":
            if ACCEPTED_WORDS.search(prose):
                share = 0.0
                notes.append(f"{where}: {rec_id} was only noted (not accepted) by the Government, but the plan speaks of it as accepted or supported. Say it was noted, and expose that refusal in public.")
            else:
                share = 0.5 * bool(adds & EXPOSE_ADDS) + 0.5 * bool(EXPOSE_WORDS.search(prose))
                if share < 1:
                    notes.append(f"{where}: {rec_id} was noted (refused) by the Government. Expose and contest that refusal in public (adds: [accountability, visibility]) and ask the Government to explain it.")
        else:
            share = 0.5
            notes.append(f"{where}: the Government has not yet answered {rec_id}. Plan for both answers: push it if supported, expose it if noted.")
        if substance[index] < SUBSTANCE_FLOOR and share > 0:
            share *= 0.5
            notes.append(f"{where}: the tactic is named but the activity does not say what it adds (see added_value), so it counts half.")
        shares.append(share)
        if share < 1:
            lines.append(plan.line(path))
    if not notes:
        notes.append("The tactic fits each cited recommendation's response: supported ones are pushed, noted ones exposed.")
    return _result("response_tactic", sum(shares) / len(shares), notes, lines)


#: Share of cycle_coverage per phase: the work after the review weighs most, because that is
#: where recommendations become change at home.
PHASE_SHARES = {"before": 0.35, "review": 0.15, "after": 0.5}


def score_cycle_coverage(plan: Plan, context: GradingContext) -> CriterionResult:
    """International work before, during and after the review (after weighs most).

    A phase counts only when one of its activities adds something (``SUBSTANCE_FLOOR``).
    """
    substance = added_value_shares(plan, context)
    phases = {STAGES.get(a.stage) for a, share in zip(plan.international_activities, substance) if share >= SUBSTANCE_FLOOR}
    hollow = {STAGES.get(a.stage) for a in plan.international_activities} - phases
    names = {"before": "before the review (for example stakeholder_report or embassy_briefing)", "review": "during the review (review or outcome_adoption)", "after": "after the review (for example responses or implementation): this is where recommendations become change at home"}
    missing = [p for p in PHASE_SHARES if p not in phases]
    if not missing:
        return _result("cycle_coverage", 1, "Your international work covers the whole cycle: before, during and after the review.")
    share = sum(PHASE_SHARES[p] for p in PHASE_SHARES if p in phases)
    when = {"before": "before", "review": "during", "after": "after"}
    hollow_phases = [when[p] for p in PHASE_SHARES if p in hollow]
    hollow_note = (
        f" The plan has activities {' and '.join(hollow_phases)} the review, but they do not yet say what they add, so they do not count here."
        if hollow_phases
        else ""
    )
    return _result("cycle_coverage", share, "Add international work that adds something " + "; and ".join(names[p] for p in missing) + "." + hollow_note + " The UPR is mostly a domestic process around a short moment in Geneva: the work before and after matters most.")


def score_timeline(plan: Plan, context: GradingContext) -> CriterionResult:
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
                notes.append(f"{activity.id} ({_at(plan, path)}) happens in {activity.when}, after its objective {activity.objective} falls due ({due[activity.objective]}). Move the activity earlier or the due date later.")
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
                notes.append(f"{activity.id} ({_at(plan, path)}): {stage_name} comes before the review, but the plan puts it in {activity.when}, after {plan.country_name}'s review ({review_start:%B %Y}).")
            elif review_start and phase == "after" and start > review_start and activity.when.last_day() < review_start:
                # The stage's window belongs to the coming review, and the plan puts it before that review.
                notes.append(f"{activity.id} ({_at(plan, path)}): {stage_name} comes after the review, but the plan puts it in {activity.when}, before {plan.country_name}'s review ({review_start:%B %Y}).")
            elif not (start - tolerance <= activity.when.last_day() and activity.when.first_day() <= end + tolerance):
                notes.append(
                    f"{activity.id} ({_at(plan, path)}): the {stage_name} stage for {plan.country_name} is expected between "
                    f"{start:%B %Y} and {end:%B %Y}, but the plan says {activity.when}. Check your country's dates with 'upr-course timeline'."
                )
            else:
                continue
            lines.append(plan.line(path))
    if not checks:
        return _result("timeline", 0, "The plan has no dated objectives or activities to check.")
    problems = len(notes)
    if not notes:
        notes.append("The dates are in the future, in a sensible order, and fit your country's UPR calendar.")
    # Each problem costs a quarter: a plan with many dates should not hide a wrong one.
    return _result("timeline", 1 - TIMELINE_PROBLEM_COST * problems, notes, lines)


def score_media(plan: Plan, context: GradingContext) -> CriterionResult:
    """At least one media moment tied to a stage of the UPR."""
    if not plan.media:
        return _result("media", 0, "Add at least one media moment tied to a stage, for example 'moment: review' with a press release naming the States that raised your issue.")
    described = [m for m in plan.media if len(words(m.text)) >= 4]
    if described:
        return _result("media", 1, "The plan uses at least one moment of the cycle for the media.")
    return _result("media", 0.5 if any(_has_text(m.text) for m in plan.media) else 0, f"Say what you will do for the media at {_at(plan, 'media[0]')}: a press release, an interview, a public screening...", [plan.line("media[0]")])


def score_risks(plan: Plan, context: GradingContext) -> CriterionResult:
    """Risks with mitigations, including reprisals for engaging with the UN."""
    mitigated = [r for r in plan.risks if len(words(r.mitigation)) >= 3 and len(words(r.risk)) >= 2]
    if not mitigated:
        return _result("risks", 0, "Add risks, each with how you will reduce it. Include the risk of reprisals against people who engage with the UN.")
    if any(REPRISAL_WORDS.search(r.risk) or (SAFETY_WORDS.search(r.risk) and UN_ENGAGEMENT_WORDS.search(r.risk)) for r in mitigated):
        return _result("risks", 1, "The plan names risks, including reprisals, and how to reduce them.")
    return _result("risks", 0.5, "Add the risk of reprisals for engaging with the UN (for people who speak in Geneva or are named in reports) and how you will protect them.")


def score_balance(plan: Plan, context: GradingContext) -> CriterionResult:
    """Domestic work leads: each objective has domestic activity, and international work does not outweigh it."""
    objectives = [(i, o) for i, o in enumerate(plan.objectives) if _has_text(o.text)]
    if not objectives:
        return _result("balance", 0, "Add objectives, and domestic activities that serve them.")
    domestic = [a for a in plan.domestic_activities if _has_text(a.text)]
    served = {a.objective for a in domestic}
    unserved = [(i, o) for i, o in objectives if o.id not in served]
    n_domestic, n_international = len(domestic), sum(1 for a in plan.international_activities if _has_text(a.text))
    share = 0.5 * (1 - len(unserved) / len(objectives))
    if n_domestic == 0:
        share = 0.0
    else:
        share += 0.5 if n_international <= n_domestic else 0.5 * n_domestic / n_international
    notes = [f"Objective {o.id} ({_at(plan, f'objectives[{i}]')}) has no domestic activity. Add the work at home that moves it forward." for i, o in unserved]
    if n_international > n_domestic:
        notes.append(f"The plan has {n_international} international and {n_domestic} domestic activities. Domestic work should lead; the UN supports it.")
    if not notes:
        notes.append("Domestic work leads: every objective has domestic activity.")
    return _result("balance", share, notes, [plan.line(f"objectives[{i}]") for i, _ in unserved])


SCORERS: dict[str, Callable[[Plan, GradingContext], CriterionResult]] = {
    "goal": score_goal,
    "domestic_link": score_domestic_link,
    "added_value": score_added_value,
    "brought_home": score_brought_home,
    "recommendations": score_recommendations,
    "response_tactic": score_response_tactic,
    "cycle_coverage": score_cycle_coverage,
    "timeline": score_timeline,
    "media": score_media,
    "risks": score_risks,
    "balance": score_balance,
}
