"""Every feedback text of every criterion, declared once and marked for translation.

The registry (``registry.py``) gives each criterion its table from here (``Criterion.feedback``);
the scorers pick a text by key with :func:`say`, which translates it into the feedback's
language at the moment it is said and fills in its placeholders. So a translator finds every
sentence of a criterion in one place, and a change of wording is one edit.

Texts are ``str.format`` templates with named placeholders (``{where}``, ``{id}``), so that a
translation may put the words in its own order. What is filled in is the plan's own words
(quoted), ids, dates and line numbers, or a short phrase translated by itself (``line 12``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType

from ..i18n import N_, current_language, gettext, ngettext, pgettext

# TRANSLATORS: the texts below are the grader's feedback on a participant's action plan. Words in
# 'single quotes' are field names or values of the plan format (keep them in English), and
# {placeholders} are filled in when the text is shown (keep them, in any order).

GOAL = {
    "vague_goal": N_("Your goal ({where}) is too vague: say what will change, who decides it, and by when."),
    "no_time_frame": N_("Give your goal a time frame ({where}), for example 'By December 2028 Parliament adopts ...'."),
    "no_objectives": N_("Add objectives: steps towards the goal, each with a target (the decision-maker), an indicator and a due date."),
    "objective_at": N_("Objective {id} ({where})"),
    "vague_target": N_(
        "{objective}: the target '{target}' is not a decision-maker you can lobby. Name the office or body that decides, "
        "for example 'Cabinet Secretary for Justice' or 'Justice and Legal Affairs Committee'."
    ),
    "vague_indicator": N_(
        "{objective}: the indicator '{indicator}' cannot be checked. "
        "Say what you will see when it happens, for example 'Bill published in the Gazette'."
    ),
    "ok": N_("Your goal is specific and time-bound, and every objective names a decision-maker, an indicator and a due date."),
}

DOMESTIC_LINK = {
    "no_steps": N_(
        "The plan has no UN steps. Add one and link it to an objective with 'objective: O1', "
        "or say in 'engagement' that you decide not to engage this cycle, and why."
    ),
    "no_text": N_("it does not say yet what you will do: write it in 'text'."),
    "dangling": N_(
        "it serves '{objective}', which is not one of your objectives ({objectives}). Write the id of the objective it serves."
    ),
    "nothing": N_("(nothing)"),
    "none_yet": N_("none yet"),
    "un_objective": N_(
        "it serves {objective}, but {objective} is a result at the UN, not a change at home. "
        "UN steps should serve a domestic objective: a decision by your own Government, Parliament or courts."
    ),
    "disconnected": N_(
        "it is linked to {objective}, but what it speaks of ({step}) has nothing to do with {objective} ({objective_text}) "
        "or your issue. Link each UN step to the objective it really moves, or drop it."
    ),
    "ok": N_("Every UN step serves one of your domestic objectives and is about the same thing."),
}

#: What added_value and brought_home share is said the same way, but each criterion has its
#: own texts: the two fields ask different things, and a translation may differ.
ADDED_VALUE = {
    "no_steps": N_("The plan has no UN steps, so there is nothing to judge here yet."),
    "empty": N_("'added_value' is empty: say what this step adds that work at home alone could not."),
    "stuffed": N_("{text} reads like a list of words, not a sentence: write one or two plain sentences."),
    "not_sentences": N_(
        "{text} is words in no order, not sentences: a reader cannot follow it, so it earns nothing. "
        "Say in one or two plain sentences what this step adds."
    ),
    "repeated": N_(
        "the same 'added_value' text stands under more than one UN step. "
        "Each step adds something of its own: say what this one adds."
    ),
    "circular": N_("{text} says again what the activity does, or that the UPR takes it in. Say what changes because of it, and for whom."),
    "generic": N_("{phrases} could be said of any step of any plan. Say what this step produces and whom it moves."),
    "not_this_plan": N_("as written it could stand in any plan: say what it adds to this plan: your issue, an objective or a decision-maker of yours."),
    "cue_words_only": N_(
        "{text} is built only from general words about the UPR; nothing in it is about your issue ({issue}). "
        "Say what this step changes for it."
    ),
    "templated": N_("it follows the same sentence as another step's text with a few words swapped: say what is particular to this step."),
    "missing_output": N_("say what the UN step produces (a recommendation, a question on the record, a promise, a meeting)"),
    "missing_actor": N_("say whom it moves (the Ministry, a committee, the recommending States, an embassy)"),
    "missing_mechanism": N_("say why that matters (for example 'so that the Government must answer in public')"),
    "missing_one": N_("{advice}."),
    "missing_two": N_("{first}; {second}."),
    "false_claim": N_(
        "it says {sentence}, which is not what the Government answered (see response_tactic): "
        "a claim that is false for the recommendation cannot add anything."
    ),
    "no_adds": N_("name what the step adds in 'adds', for example 'adds: [leverage, visibility]'"),
    "wrong_side": N_(
        "as dated, this step cannot happen: its stage ({stage}) and the review come in the other order (see timeline), "
        "so it cannot add what it says. Give it a date that fits your country's calendar ('upr-course timeline')."
    ),
    "ok": N_("Every UN step says specifically what it adds."),
    "strong_example": N_(
        "A strong answer names what the UN step produces, whom it moves and why that matters, for example: "
        "'Puts our evidence in the UN summary that States read, so that several States recommend a preventive mechanism "
        "and the Government must answer each one in public.'"
    ),
}

BROUGHT_HOME = {
    "no_steps": N_("The plan has no UN steps, so there is nothing to judge here yet."),
    "empty": N_("'brought_home' is empty: say how you will use the result at home."),
    "stuffed": N_("{text} reads like a list of words, not a sentence: write one or two plain sentences."),
    "not_sentences": N_(
        "{text} is words in no order, not sentences: a reader cannot follow it, so it earns nothing. "
        "Say in one or two plain sentences how you will use the result at home."
    ),
    "repeated": N_(
        "the same 'brought_home' text stands under more than one UN step. "
        "Each step brings home something of its own: say what this one brings home."
    ),
    "generic": N_("{phrases} could be said of any step of any plan. Say what this step produces and whom it moves."),
    "not_this_plan": N_("as written it could stand in any plan: tie it to this plan: an objective, a domestic activity or a decision-maker of yours."),
    "own_circle": N_("{phrases} is your own circle: say which decision-maker, or who can move one, receives the result, and when."),
    "templated": N_("it follows the same sentence as another step's text with a few words swapped: say what is particular to this step."),
    "missing_home_action": N_("say what you will do at home with the result (quote it in a letter, brief someone, publish a scorecard)"),
    "missing_actor": N_("say who receives it (a minister, a committee, journalists)"),
    "missing_product": N_("say what you send or when (a letter, a briefing, a date, an activity id such as D1)"),
    "missing_one": N_("{advice}."),
    "missing_two": N_("{first}; {second}."),
    "ok": N_("Every UN step says specifically how its result is used at home."),
    "strong_example": N_(
        "A strong answer says what you will do at home with the result, for whom, and when, for example: "
        "'We quote every recommendation on custody in our letter to the Cabinet Secretary and in the committee briefing (D1).'"
    ),
}

RECOMMENDATIONS = {
    "none_cited": N_(
        "The plan cites no recommendations. Find the ones your country received on your issue (lesson 04, or 'upr-course match') "
        "and list them in an international activity, by id ('recommendations: [KEN-S21-042]') or by UN document reference "
        "('A/HRC/57/5 para 114.101')."
    ),
    "unverified": N_("{cited} is not in the course's data, so it cannot be checked here; it counts, and your trainer will check it."),
    "unknown": N_(
        "'{cited}' is neither a recommendation id in the data nor a UN document reference. "
        "Copy the id as the course shows it (for example KEN-S21-042), or write the reference as 'A/HRC/57/5 para 114.101'."
    ),
    "other_country": N_("{cited} was made to {made_to}, not to {country}. Cite recommendations your own country received."),
    "off_issue": N_("{cited} does not seem to be about your issue ('{issue}'). Choose recommendations that match your goal."),
    "partly": N_("{cited} touches your issue only in part. If there are recommendations closer to your goal, cite those."),
    "ok": N_("Every cited recommendation was made to your country and is about your issue."),
    "suggestions": N_(
        "Recommendations to {country} that fit your goal best include {ids}: "
        "read them (lesson 04 shows how) and cite those that serve your objectives."
    ),
}

RESPONSE_TACTIC = {
    "unverified_only": N_(
        "The recommendations you cite are not in the course's data, so the Government's answer to them cannot be checked here: "
        "your trainer will read the tactic. Push a supported one for implementation; expose a noted one in public."
    ),
    "none_found": N_(
        "No cited recommendation of your country was found, so the tactic cannot be judged. Cite at least one, then: push a supported one "
        "for implementation (adds: [leverage]); expose a noted one in public (adds: [accountability, visibility])."
    ),
    "noted_called_accepted": N_(
        "{cited} was noted (not accepted) by the Government, but the plan says {sentence}. Say it was noted, and expose that refusal in public."
    ),
    "supported_called_noted": N_(
        "{cited} was supported by the Government, but the plan says {sentence}. It is a promise: push for its implementation."
    ),
    "noted": N_(
        "{cited} was noted (refused) by the Government. "
        "Expose and contest that refusal in public (adds: [accountability, visibility]) and ask the Government to explain it."
    ),
    "supported": N_(
        "{cited} was supported by the Government. "
        "Use it as leverage: push for implementation and track it (adds: [leverage]; a stage after the review)."
    ),
    "pending": N_(
        "the Government has not yet answered {cited}. "
        "Before the plenary, lobby for it to be supported (meet the ministry, brief embassies); plan for both answers."
    ),
    "odd_response": N_("the response to {cited} is '{response}'; check it in the recommendations table."),
    "counts_half": N_("The tactic is named, but the step does not say what it adds (see added_value), so it counts half."),
    "ok": N_("The tactic fits each cited recommendation's response: supported ones are pushed, noted ones exposed."),
}

#: What a plan that decides ``light`` or ``none`` is told about its reasons (``engagement.py``):
#: balance says it for ``none``, cycle_coverage for ``light``.
REASONS = {
    "none_no_reasons_stated": N_(
        "The plan decides not to engage with the UN this cycle but does not say why. Say why in 'engagement: reasons': "
        "what the UN would cost you, and why your domestic strategy does better without it."
    ),
    "none_no_reasons_block": N_(
        "The plan decides not to engage with the UN this cycle but does not say why. Say why in an 'engagement' block "
        "('decision: none' and 'reasons: ...'): what the UN would cost you, and why your domestic strategy does better without it."
    ),
    "light_no_reasons_stated": N_(
        "The plan decides to keep the UN part light but does not say why. Say why in 'engagement: reasons': "
        "what the UN would cost you, and why your domestic strategy does better without it."
    ),
    "light_no_reasons_block": N_(
        "The plan decides to keep the UN part light but does not say why. Say why in an 'engagement' block "
        "('decision: none' and 'reasons: ...'): what the UN would cost you, and why your domestic strategy does better without it."
    ),
    "untied": N_(
        "Your reasons ({reasons}) do not say how the decision serves this plan: tie them to your objectives and the people you must move."
    ),
    "say_more": N_("Say more in your reasons ({reasons}): why, for this strategy, the UN would add less than it costs."),
    "refuses_watch": N_(
        "The plan refuses even to follow what the Government says at its review; the webcast and the report cost almost nothing "
        "and can serve you at home (compare what it says abroad with what it does)."
    ),
    "no_watch": N_(
        "Even without engaging, following what the Government says at its review (the webcast, the report) "
        "costs almost nothing and may help at home: say whether you will."
    ),
}

CYCLE_COVERAGE = {
    "light_ok": N_("You chose a light UN engagement and said why, so no more stages are asked for."),
    "light_can_be_right": N_("You chose a light UN engagement: that can be right."),
    "whole_cycle": N_("Your international work covers the whole cycle: before, during and after the review."),
    # TRANSLATORS: {phases} is one or more of "before", "during", "after" (translated below), joined with "and".
    "hollow": N_(
        "The plan has activities {phases} the review, but they say neither what they add nor where their result goes at home, so they do not count here."
    ),
    # A count agrees with it: said with the number of objectives due after the review.
    "stops_on_review_day": lambda n: ngettext(
        "The UN work stops at the review, but {ids} falls due after it: plan what you will do with the Government's answers, "
        "at the plenary and for implementation (stages responses, plenary, implementation).",
        "The UN work stops at the review, but {ids} fall due after it: plan what you will do with the Government's answers, "
        "at the plenary and for implementation (stages responses, plenary, implementation).",
        n,
    ),
    "add_phases": N_(
        "Add international work that adds something {phases}. "
        "Or, if a small UN part is your choice, say so in 'engagement' (decision: light) with your reasons."
    ),
    "add_phases_hollow": N_(
        "Add international work that adds something {phases}. {hollow} "
        "Or, if a small UN part is your choice, say so in 'engagement' (decision: light) with your reasons."
    ),
    "phase_before": N_("before the review (for example stakeholder_report or embassy_briefing)"),
    "phase_review": N_("during the review (review or outcome_adoption)"),
    "phase_after": N_("after the review (for example responses or implementation): this is where recommendations become change at home"),
}

TIMELINE = {
    "past": N_("{id} ({where}): {date} is in the past (today is {today}). Plan for dates still to come."),
    "after_due": N_(
        "{id} ({where}) happens in {when}, after its objective {objective} falls due ({due}). Move the activity earlier or the due date later."
    ),
    "before_stage_late": N_(
        "{id} ({where}): {stage} comes before the review, but the plan puts it in {when}, after {country}'s review ({review})."
    ),
    "after_stage_early": N_(
        "{id} ({where}): {stage} comes after the review, but the plan puts it in {when}, before {country}'s review ({review})."
    ),
    "outside_window": N_(
        "{id} ({where}): the {stage} stage for {country} is expected between {start} and {end}, but the plan says {when}. "
        "Check your country's dates with 'upr-course timeline'."
    ),
    "nothing_dated": N_("The plan has no dated objectives or activities to check."),
    "ok": N_("The dates are in the future, in a sensible order, and fit your country's UPR calendar."),
}

MEDIA = {
    "none": N_(
        "Add at least one media moment tied to a stage, "
        "for example 'moment: review' with a press release naming the States that raised your issue."
    ),
    "ok": N_("The plan uses at least one moment of the cycle for the media."),
    "say_what": N_("Say what you will do for the media at {where}: a press release, an interview, a public screening..."),
}

RISKS = {
    "none": N_(
        "Add risks, each with what you will do to reduce it. "
        "Include the risk of reprisals against people who engage with the UN (threats, smear campaigns, lost funding, travel bans)."
    ),
    "vague_mitigation": N_(
        "the mitigation {mitigation} does not say what you will do. Name the action: who signs, who is briefed, what is protected, and how."
    ),
    "empty": N_("(empty)"),
    "no_reprisal": N_(
        "Add the risk of reprisals for engaging with the UN (for people who speak in Geneva or are named in reports, "
        "or for your organisation: funding, registration, smear campaigns) and how you will protect them."
    ),
    "ok": N_("The plan names its risks, including reprisals, and what it will do about each."),
}

BALANCE = {
    "no_objectives": N_("Add objectives, and domestic activities that serve them."),
    "unserved": N_("Objective {id} ({where}) has no domestic activity. Add the work at home that moves it forward."),
    "international_leads": N_(
        "The plan has {international} international and {domestic} domestic activities. Domestic work should lead; the UN supports it."
    ),
    "ok": N_("Domestic work leads: every objective has domestic activity."),
    "ok_none": N_("Domestic work leads: every objective has domestic activity. Your reasons for not engaging hold."),
}

#: Said of any criterion: when it does not apply, or when the plan copies a course example.
ANY = {
    "not_applicable": N_(
        "Not applicable: the plan decides not to engage with the UN this cycle, so '{criterion}' is not judged; "
        "the total is scaled over the other criteria."
    ),
    "copied_example": N_("This part is the course example {example} with names changed: write what your own campaign will do."),
}

#: Each criterion's texts, by criterion id (the registry's ``feedback``), read-only.
BY_CRITERION: Mapping[str, Mapping[str, object]] = MappingProxyType({
    criterion: MappingProxyType({**texts, **ANY})
    for criterion, texts in {
        "goal": GOAL,
        "domestic_link": DOMESTIC_LINK,
        "added_value": ADDED_VALUE,
        "brought_home": BROUGHT_HOME,
        "recommendations": RECOMMENDATIONS,
        "response_tactic": RESPONSE_TACTIC,
        "cycle_coverage": {**CYCLE_COVERAGE, **REASONS},
        "timeline": TIMELINE,
        "media": MEDIA,
        "risks": RISKS,
        "balance": {**BALANCE, **REASONS},
    }.items()
})


def say(criterion: str, key: str, /, n: int | None = None, **values) -> str:
    """The criterion's text ``key``, in the feedback's language, with ``values`` filled in.

    A text with a singular and a plural (declared as a function of the count, calling
    ``ngettext``) takes ``n``, the count it agrees with.
    """
    template = BY_CRITERION[criterion][key]
    text = template(n if n is not None else 1) if callable(template) else gettext(template)
    return text.format(**values) if values else text


# -- small phrases put into the texts above --------------------------------------------------


def at_line(line: int | None, path: str) -> str:
    """Where a field is: "line 12" (or the field's path when its line is not known)."""
    return gettext("line {line}").format(line=line) if line else path


def state_name(name: str) -> str:
    """A State's name as the feedback's reader names it ("Kenia" in Spanish feedback): the plan
    and the data give it in English, and a sentence in Spanish that says "Kenya" reads as a
    sentence half translated."""
    from ..data import local_state_names

    return local_state_names(name)


def and_list(items) -> str:
    """"A", "A and B", "A, B and C" in the feedback's language."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    # TRANSLATORS: the end of a list, "I1, I2 and I3": {items} is "I1, I2", {last} is "I3".
    return gettext("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])


def phase_word(phase: str) -> str:
    """"before", "during" or "after" the review, as put into the ``hollow`` text."""
    words = {"before": pgettext("the review", "before"), "review": pgettext("the review", "during"), "after": pgettext("the review", "after")}
    return words[phase]


def month_year(day: dt.date) -> str:
    """"November 2027", with the month's name in the feedback's language."""
    code = current_language()
    if code == "en":
        return f"{day:%B %Y}"
    from babel.dates import format_date

    return format_date(day, "MMMM y", locale=code)
