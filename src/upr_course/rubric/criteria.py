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
from .calendar import WRONG_SIDE_OF_THE_REVIEW, stage_date_problem
from .engagement import reasons_share
from ..i18n import pgettext
from .feedback import and_list, at_line, month_year, phase_word, say, state_name
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
    r"international community|receives? (?:\w+ ){0,4}recommendations|recommending (?:states|governments|countries)|"
    r"in the addendum|delegation (?:answers|supports|accepts|responds)|answers? ['‘\"]?supported|" + _words_pattern(other_terms("un_objective")),
    re.I,
)
#: An indicator that is a UN document or a moment of the review: the objective is then a result in
#: Geneva however its text is worded ("Statements listed in the Working Group report").
UN_INDICATOR = re.compile(
    r"working group(?:'s)? report|addendum|summary of stakeholders|stakeholders' information|\bcompilation\b|upr outcome|outcome report|"
    r"outcome document|interactive dialogue|\bwebcast\b|" + _words_pattern(other_terms("un_indicator")),
    re.I,
)


def _at(plan: Plan, path: str) -> str:
    return at_line(plan.line(path), path)


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
        notes.append(say("goal", "vague_goal", where=_at(plan, "goal")))
        lines.append(plan.line("goal"))
    if _time_frame(plan.goal, context.as_of):
        share += 0.25
    else:
        notes.append(say("goal", "no_time_frame", where=_at(plan, "goal")))
        lines.append(plan.line("goal"))
    if not plan.objectives:
        notes.append(say("goal", "no_objectives"))
    else:
        earned = 0.0
        for index, objective in enumerate(plan.objectives):
            where = say("goal", "objective_at", id=objective.id, where=_at(plan, f"objectives[{index}]"))
            target_ok, indicator_ok = _specific_target(objective.target), _observable_indicator(objective.indicator)
            earned += 0.5 * target_ok + 0.5 * indicator_ok
            if not target_ok:
                notes.append(say("goal", "vague_target", objective=where, target=objective.target or ""))
            if not indicator_ok:
                notes.append(say("goal", "vague_indicator", objective=where, indicator=objective.indicator or ""))
            if not (target_ok and indicator_ok):
                lines.append(plan.line(f"objectives[{index}]"))
        share += 0.5 * earned / len(plan.objectives)
    if not notes:
        notes.append(say("goal", "ok"))
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
    """An objective is a change at home, decided at home; not a result in Geneva: not aimed at
    the UN or diplomats, not worded as a review's result ("receives recommendations", "the
    delegation answers 'supported'"), not measured by a UN document (red team, finding R3)."""
    return not (
        UN_TARGETS.search(objective.target or "") or UN_OBJECTIVE_TEXT.search(objective.text or "")
        or UN_INDICATOR.search(objective.indicator or "")
    )


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
            notes.append(say("timeline", "past", id=item_id, where=_at(plan, path), date=date, today=today.isoformat()))
            lines.append(plan.line(path))
    due = {o.id: o.due for o in plan.objectives}
    serving = [(f"domestic_activities[{i}].when", a) for i, a in enumerate(plan.domestic_activities) if _has_text(a.text)]
    serving += [(f"international_activities[{i}].when", a) for i, a in enumerate(plan.international_activities) if _has_text(a.text)]
    for path, activity in serving:
        if activity.objective in due:
            checks += 1
            if activity.when.first_day() > due[activity.objective].last_day():
                notes.append(say(
                    "timeline", "after_due", id=activity.id, where=_at(plan, path), when=activity.when, objective=activity.objective,
                    due=due[activity.objective],
                ))
                lines.append(plan.line(path))
    windows = context.stage_windows(plan.country_iso3, today)
    if windows:
        review_start = windows.get("review", (None, None))[0]
        for index, activity in enumerate(plan.international_activities):
            window = windows.get(activity.stage)
            if not window or not _has_text(activity.text):
                continue
            checks += 1
            start, end = window
            path = f"international_activities[{index}].when"
            stage_name = activity.stage.replace("_", " ")
            problem = stage_date_problem(activity, windows)
            if problem == "before_stage_late":
                notes.append(say(
                    "timeline", "before_stage_late", id=activity.id, where=_at(plan, path), stage=stage_name, when=activity.when,
                    country=state_name(plan.country_name), review=month_year(review_start),
                ))
            elif problem == "after_stage_early":
                # The stage's window belongs to the coming review, and the plan puts it before that review.
                notes.append(say(
                    "timeline", "after_stage_early", id=activity.id, where=_at(plan, path), stage=stage_name, when=activity.when,
                    country=state_name(plan.country_name), review=month_year(review_start),
                ))
            elif problem == "outside_window":
                notes.append(say(
                    "timeline", "outside_window", id=activity.id, where=_at(plan, path), stage=stage_name, country=state_name(plan.country_name),
                    start=month_year(start), end=month_year(end), when=activity.when,
                ))
            else:
                continue
            lines.append(plan.line(path))
    if not checks:
        return _judged(0, say("timeline", "nothing_dated"))
    problems = len(notes)
    if not notes:
        notes.append(say("timeline", "ok"))
    # Each problem costs a quarter: a plan with many dates should not hide a wrong one.
    return _judged(1 - TIMELINE_PROBLEM_COST * problems, notes, lines)


def score_media(plan: Plan, context: GradingContext) -> Judgement:
    """At least one media moment tied to a stage of the UPR."""
    if not plan.media:
        return _judged(0, say("media", "none"))
    described = [m for m in plan.media if len(words(m.text)) >= 4]
    if described:
        return _judged(1, say("media", "ok"))
    return _judged(
        0.5 if any(_has_text(m.text) for m in plan.media) else 0,
        say("media", "say_what", where=_at(plan, "media[0]")),
        [plan.line("media[0]")],
    )


def score_balance(plan: Plan, context: GradingContext) -> Judgement:
    """Domestic work leads: each objective has domestic activity, and international work does not outweigh it."""
    objectives = [(i, o) for i, o in enumerate(plan.objectives) if _has_text(o.text)]
    if not objectives:
        return _judged(0, say("balance", "no_objectives"))
    domestic = [a for a in plan.domestic_activities if _has_text(a.text)]
    served = {a.objective for a in domestic}
    unserved = [(i, o) for i, o in objectives if o.id not in served]
    n_domestic, n_international = len(domestic), sum(1 for a in plan.international_activities if _has_text(a.text))
    share = 0.5 * (1 - len(unserved) / len(objectives))
    notes = [say("balance", "unserved", id=o.id, where=_at(plan, f"objectives[{i}]")) for i, o in unserved]
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
        notes.append(say("balance", "international_leads", international=n_international, domestic=n_domestic))
    if not notes:
        notes.append(say("balance", "ok_none" if plan.decision == "none" else "ok"))
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
        return _judged(0, say("domestic_link", "no_steps"))
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
        item = ("activity", activity.id)
        if not _has_text(activity.text):
            notes.add("no_text", item, plan.line(f"international_activities[{index}].text"), say("domestic_link", "no_text"))
        elif objective is None:
            notes.add(
                "dangling", item, plan.line(path),
                say(
                    "domestic_link", "dangling", objective=activity.objective or say("domestic_link", "nothing"),
                    objectives=", ".join(sorted(objectives)) or say("domestic_link", "none_yet"),
                ),
            )
        elif not _objective_is_domestic(objective) or not _has_text(objective.text):
            notes.add(
                "un_objective", item, plan.line(path),
                say("domestic_link", "un_objective", objective=objective.id),
            )
        else:
            step = content_stems([activity.text, activity.added_value, activity.brought_home, *cited_text.get(index, [])], language)
            if len(step) >= 3 and not overlap(step, objective_topic(plan, objective, context)):
                served += 0.3
                notes.add(
                    "disconnected", item, plan.line(path),
                    say("domestic_link", "disconnected", objective=objective.id, step=quote(activity.text, 60), objective_text=quote(objective.text, 60)),
                )
            else:
                served += 1
    messages = notes.messages() or [say("domestic_link", "ok")]
    return _judged(served / len(activities), messages, notes.lines)


def score_added_value(plan: Plan, context: GradingContext) -> Judgement:
    """Each UN step says specifically what it adds: a product, whom it moves, why it matters, for this plan."""
    if not plan.international_activities:
        return _judged(0, say("added_value", "no_steps"))
    share, messages, lines = free_text.score(plan, context, "added_value")
    return _judged(share, messages, lines)


def score_brought_home(plan: Plan, context: GradingContext) -> Judgement:
    """Each UN step says how its result is used back home: what, for whom, when."""
    if not plan.international_activities:
        return _judged(0, say("brought_home", "no_steps"))
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
            [say("recommendations", "none_cited"), _coverage_note(plan, context)],
        )
    shares, notes = [], Notes()
    activities = plan.international_activities
    for citation in cited:
        activity = activities[citation.activity_index]
        item, line = ("activity", activity.id), plan.line(f"international_activities[{citation.activity_index}].recommendations")
        facts = citation.facts
        if citation.unverified:
            shares.append(1.0)
            notes.add(
                "unverified", item, line,
                say("recommendations", "unverified", cited=citation.cited),
            )
        elif facts is None:
            shares.append(0.0)
            notes.add(
                "unknown", item, line,
                say("recommendations", "unknown", cited=citation.cited),
            )
        elif facts.sur_iso3 != plan.country_iso3:
            shares.append(0.0)
            notes.add(
                "other_country", item, line,
                say("recommendations", "other_country", cited=citation.shown, made_to=state_name(facts.sur), country=state_name(plan.country_name)),
            )
        else:
            relevance = context.relevance(plan, facts)
            shares.append(0.5 + 0.5 * relevance)
            if relevance < 0.5:
                notes.add(
                    "off_issue", item, line,
                    say("recommendations", "off_issue", cited=citation.shown, issue=plan.issue),
                )
            elif relevance < 1:
                notes.add(
                    "partly", item, line,
                    say("recommendations", "partly", cited=citation.shown),
                )
    messages = notes.messages()
    share = sum(shares) / len(shares)
    if not messages:
        messages = [say("recommendations", "ok")]
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
    return [say("recommendations", "suggestions", country=state_name(plan.country_name), ids=", ".join(best))]


def score_response_tactic(plan: Plan, context: GradingContext) -> Judgement:
    """Supported recommendations are pushed, noted ones exposed, open ones lobbied for (``tactic.py``)."""
    own = [c for c in citations(plan, context) if c.facts is not None and c.facts.sur_iso3 == plan.country_iso3]
    if not own:
        unverified = [c for c in citations(plan, context) if c.unverified]
        if unverified:
            return _judged(0.5, say("response_tactic", "unverified_only"))
        return _judged(0, say("response_tactic", "none_found"))
    substance = free_text.substance(plan, context)
    activities = plan.international_activities
    shares, notes = [], Notes()
    for citation in own:
        activity = activities[citation.activity_index]
        share, advice = tactic.judge(plan, context, citation, activity, list(activity.recommendations), substance[citation.activity_index])
        shares.append(share)
        if advice:
            notes.add("tactic", ("activity", activity.id), plan.line(f"international_activities[{citation.activity_index}]"), advice)
    messages = notes.messages() or [say("response_tactic", "ok")]
    return _judged(sum(shares) / len(shares), messages, notes.lines)


#: Share of cycle_coverage per phase: the work after the review weighs most, because that is
#: where recommendations become change at home.
PHASE_SHARES = {"before": 0.35, "review": 0.15, "after": 0.5}


#: The most cycle_coverage gives a plan whose UN work stops at the review while its objectives fall due later.
STOPS_ON_REVIEW_DAY = 0.2


def _objectives_after_review(plan: Plan, context: GradingContext) -> list[str]:
    """Ids of objectives due after the country's next review (none when the calendar is unknown)."""
    windows = context.stage_windows(plan.country_iso3, context.as_of)
    review = (windows or {}).get("review")
    if not review:
        return []
    return [o.id for o in plan.objectives if _has_text(o.text) and o.due.last_day() > review[1]]


def _real_steps(plan: Plan, context: GradingContext) -> list[bool]:
    """Per UN step: is it a real part of the plan's cycle? It is when it says what it adds, or
    when its result goes somewhere concrete at home (``brought_home`` earns its floor too).

    A step that does neither is busy work in Geneva and covers no part of the cycle. A step
    whose result is brought home but whose added value is vague is still planned work in its
    part of the cycle: the vagueness is charged once, under added_value, as a trainer does
    (who marks coverage down for a plan that stops too early, not for how a step is argued).
    """
    adds = free_text.substance(plan, context)
    home = [a.share for a in free_text.assessments(plan, context, "brought_home")]
    return [max(added, at_home) >= free_text.SUBSTANCE_FLOOR for added, at_home in zip(adds, home)]


def score_cycle_coverage(plan: Plan, context: GradingContext) -> Judgement:
    """International work before, during and after the review (after weighs most).

    A phase counts only when one of its activities is real work (``_real_steps``). A plan
    that decides to keep the UN part light, and says why, is not asked for more stages.
    """
    windows = context.stage_windows(plan.country_iso3, context.as_of)
    # A step the calendar puts on the wrong side of the review (a plenary statement before it)
    # cannot happen as planned, so it covers no part of the cycle; score_timeline says why.
    phases = {
        STAGES.get(a.stage) for a, real in zip(plan.international_activities, _real_steps(plan, context))
        if real and stage_date_problem(a, windows) not in WRONG_SIDE_OF_THE_REVIEW
    }
    if plan.decision == "light":
        share, advice = reasons_share(plan, context)
        if phases and share >= 0.75:
            return _judged(1, say("cycle_coverage", "light_ok"))
        if phases:
            return _judged(0.5 + 0.5 * share, [say("cycle_coverage", "light_can_be_right"), advice or ""])
    hollow = {STAGES.get(a.stage) for a in plan.international_activities} - phases
    missing = [p for p in PHASE_SHARES if p not in phases]
    if not missing:
        return _judged(1, say("cycle_coverage", "whole_cycle"))
    share = sum(PHASE_SHARES[p] for p in PHASE_SHARES if p in phases)
    hollow_phases = [p for p in PHASE_SHARES if p in hollow]
    hollow_note = say("cycle_coverage", "hollow", phases=and_list(phase_word(p) for p in hollow_phases)) if hollow_phases else ""
    later = _objectives_after_review(plan, context) if "after" in missing and phases else []
    if later:
        # Stopping on review day when the decision wanted comes later: the answers, the plenary
        # and implementation are where recommendations become change at home.
        return _judged(
            min(share, STOPS_ON_REVIEW_DAY),
            [say("cycle_coverage", "stops_on_review_day", n=len(later), ids=", ".join(later[:3])), hollow_note],
        )
    # TRANSLATORS: joins the parts of the cycle that lack work: "before the review (...); and after the review (...)".
    phase_names = pgettext("joining phases", "; and ").join(say("cycle_coverage", f"phase_{p}") for p in missing)
    if hollow_note:
        return _judged(share, say("cycle_coverage", "add_phases_hollow", phases=phase_names, hollow=hollow_note))
    return _judged(share, say("cycle_coverage", "add_phases", phases=phase_names))


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
        return _judged(0, say("risks", "none"))
    notes = Notes()
    actionable = []
    for index, risk in risks:
        ok = _actionable(risk.mitigation, language)
        actionable.append(ok)
        if not ok:
            shown = quote(risk.mitigation) if (risk.mitigation or "").strip() else say("risks", "empty")
            notes.add("vague_mitigation", ("risk", index + 1), plan.line(f"risks[{index}].mitigation"), say("risks", "vague_mitigation", mitigation=shown))
    reprisal = [ok for (_, risk), ok in zip(risks, actionable) if _is_reprisal(read(risk.risk, language))]
    engages = plan.decision != "none"
    if reprisal:
        reprisal_share = 1.0 if any(reprisal) else 0.5
    elif engages:
        reprisal_share = 0.0
        notes.plain(say("risks", "no_reprisal"))
    else:
        reprisal_share = 1.0
    share = 0.5 * reprisal_share + 0.5 * (sum(actionable) / len(actionable))
    messages = notes.messages() or [say("risks", "ok")]
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
