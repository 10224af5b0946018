"""Does the tactic fit each cited recommendation's response? Judged in the sentences about it.

A supported recommendation is a promise to hold the Government to: push for implementation.
A noted one is a refusal on the record: expose it and build support to reverse it. One whose
answer is not yet known (before the plenary) is still open: lobby for "supported". Calling a
noted recommendation accepted is a falsehood the Government can use to discredit the
organisation, so it costs the whole tactic.

What a sentence says is judged in the sentence that is about the recommendation: one that
names it (its id or reference), or, when the activity cites only one, a sentence that speaks
of a recommendation and points to no other ("another recommendation was accepted" is not
about this one). A denial ("it was not accepted") is not a claim of acceptance.
"""

from __future__ import annotations

from functools import lru_cache

from .context import GradingContext
from .plan_reading import language_of
from .reading import raw_terms, read, sentences

PUSH_ADDS = frozenset({"leverage", "accountability"})
EXPOSE_ADDS = frozenset({"accountability", "visibility", "media"})
LOBBY_ADDS = frozenset({"access", "leverage", "legitimacy", "visibility", "coalition"})
#: Stages at which a not-yet-known answer can still be lobbied for.
BEFORE_ANSWER = frozenset({"national_consultation", "stakeholder_report", "pre_session", "embassy_briefing", "advance_questions", "review", "outcome_adoption", "responses"})
#: Words within this many words before a claim that deny it ("was not accepted").
NEGATION_REACH = 3


def sentences_about(activity, cited: str, all_cited: list[str], language: str) -> list[str]:
    """The sentences of an activity's texts that speak of the cited recommendation."""
    texts = [activity.text, activity.added_value, activity.brought_home]
    found = [s for t in texts for s in sentences(t)]
    named = [s for s in found if cited.lower() in s.lower()]
    if named:
        return named
    others = [c.lower() for c in all_cited if c != cited]
    about = []
    for sentence in found:
        lowered = sentence.lower()
        if any(o in lowered for o in others):
            continue
        reading = read(sentence, language)
        if reading.has("other"):
            continue
        if len(all_cited) == 1 or reading.has("output"):
            about.append(sentence)
    return about


def claims_accepted(sentence: str, language: str) -> bool:
    """The sentence says the recommendation was accepted or supported, and does not deny it."""
    reading = read(sentence, language)
    if not reading.has("said_accepted") or reading.has("said_noted"):
        return False
    accepted = {part.lower() for phrase in reading.found("said_accepted") for part in phrase.split()}
    negation_words = _negation_words(language)
    tokens = list(reading.words)
    for position, token in enumerate(tokens):
        if token in accepted or any(token.startswith(a[:6]) for a in accepted if len(a) >= 6):
            before = tokens[max(0, position - NEGATION_REACH): position]
            if not set(before) & negation_words:
                return True
    return False


@lru_cache(maxsize=None)
def _negation_words(language: str) -> frozenset[str]:
    """Single words that deny what follows them ("not", "never", "refused")."""
    return frozenset(w for term in raw_terms(language, "negation") for w in term.split()) | {"n't"}


def judge(plan, context: GradingContext, citation, activity, all_cited: list[str], substance: float) -> tuple[float, str | None]:
    """The share of the tactic criterion this citation earns, and what to fix (or None)."""
    language = language_of(plan, context)
    facts = citation.facts
    about = sentences_about(activity, citation.cited, all_cited, language)
    prose = " ".join(about) if about else ""
    reading = read(prose, language)
    adds = set(activity.adds)
    response = facts.response
    rec = citation.shown
    if response == "Noted":
        false_claims = [s for s in about if claims_accepted(s, language)]
        if false_claims:
            return 0.0, f"{rec} was noted (not accepted) by the Government, but the plan says {_q(false_claims[0])}. Say it was noted, and expose that refusal in public."
        share = 0.5 * bool(adds & EXPOSE_ADDS) + 0.5 * (reading.has("said_expose") or reading.has("said_noted"))
        advice = None if share >= 1 else f"{rec} was noted (refused) by the Government. Expose and contest that refusal in public (adds: [accountability, visibility]) and ask the Government to explain it."
    elif response == "Supported":
        after = activity.phase == "after"
        share = 0.5 * bool(adds & PUSH_ADDS) + 0.5 * (reading.has("said_implement") or after)
        advice = None if share >= 1 else f"{rec} was supported by the Government. Use it as leverage: push for implementation and track it (adds: [leverage]; a stage after the review)."
    elif response in (None, "", "Pending"):
        before = activity.stage in BEFORE_ANSWER
        share = 0.5 * before + 0.5 * (bool(adds & LOBBY_ADDS) or reading.has("said_lobby"))
        advice = None if share >= 1 else f"the Government has not yet answered {rec}. Before the plenary, lobby for it to be supported (meet the ministry, brief embassies); plan for both answers."
    else:
        return 0.5, f"the response to {rec} is '{response}'; check it in the recommendations table."
    if substance < 0.4 and share > 0:
        share *= 0.5
        advice = (advice + " " if advice else "") + "The tactic is named, but the step does not say what it adds (see added_value), so it counts half."
    return share, advice


def _q(sentence: str) -> str:
    from .notes import quote

    return quote(sentence, 100)
