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

from .context import GradingContext
from .feedback import say
from .plan_reading import language_of
from .reading import affirms, read, sentences

PUSH_ADDS = frozenset({"leverage", "accountability"})
EXPOSE_ADDS = frozenset({"accountability", "visibility", "media"})
LOBBY_ADDS = frozenset({"access", "leverage", "legitimacy", "visibility", "coalition"})
#: Stages at which a not-yet-known answer can still be lobbied for.
BEFORE_ANSWER = frozenset({
    "national_consultation", "stakeholder_report", "pre_session", "embassy_briefing", "advance_questions", "review", "outcome_adoption", "responses",
})


def sentences_about(activity, cited: str, all_cited: list[str], language: str) -> list[str]:
    """The sentences of an activity's texts that speak of the cited recommendation.

    A sentence that names no recommendation speaks of the one named last before it in the same
    text ("The supported recommendation (para 138.89) asks for an amendment; the Ministry cannot
    say the issue is outside its commitments"): what it says is not a claim about another
    recommendation the step also cites.
    """
    texts = [activity.text, activity.added_value, activity.brought_home]
    found = [s for t in texts for s in sentences(t)]
    named = [s for s in found if cited.lower() in s.lower()]
    if named:
        return named
    others = [c.lower() for c in all_cited if c != cited]
    about = []
    for text in texts:
        after_another = False
        for sentence in sentences(text):
            lowered = sentence.lower()
            if any(o in lowered for o in others):
                after_another = True
                continue
            if after_another:
                continue
            reading = read(sentence, language)
            if reading.has("other"):
                continue
            if len(all_cited) == 1 or reading.has("output"):
                about.append(sentence)
    return about


def claims_accepted(sentence: str, language: str) -> bool:
    """The sentence says the recommendation was accepted or supported, and does not deny it."""
    return not read(sentence, language).has("said_noted") and affirms(sentence, "said_accepted", language)


def claims_noted(sentence: str, language: str) -> bool:
    """The sentence says the recommendation was noted or refused, and does not deny it."""
    return affirms(sentence, "said_noted", language) and not affirms(sentence, "said_accepted", language)


def false_claims(plan, context: GradingContext, citation, activity) -> list[str]:
    """Sentences that state the wrong response for the cited recommendation."""
    language = language_of(plan, context)
    about = sentences_about(activity, citation.cited, list(activity.recommendations), language)
    if citation.facts.response == "Noted":
        return [s for s in about if claims_accepted(s, language)]
    if citation.facts.response == "Supported":
        return [s for s in about if claims_noted(s, language)]
    return []


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
    wrong = false_claims(plan, context, citation, activity)
    if response == "Noted" and wrong:
        return 0.0, say("response_tactic", "noted_called_accepted", cited=rec, sentence=_q(wrong[0]))
    if response == "Supported" and wrong:
        return 0.0, say("response_tactic", "supported_called_noted", cited=rec, sentence=_q(wrong[0]))
    if response == "Noted":
        exposed = reading.has("said_expose") or reading.has("said_noted")
        share = 1.0 if exposed and (adds & EXPOSE_ADDS or reading.has("said_noted")) else 0.5 * bool(adds & EXPOSE_ADDS) + 0.5 * exposed
        advice = None if share >= 1 else say("response_tactic", "noted", cited=rec)
    elif response == "Supported":
        # A promise to hold the Government to: the text treats it as one (it was accepted, it must
        # be implemented), or the step pushes it after the review with leverage.
        as_promise = reading.has("said_accepted") or reading.has("said_implement")
        pushed = bool(adds & PUSH_ADDS) + (activity.phase == "after")
        share = 1.0 if as_promise or pushed == 2 else 0.5 * pushed
        advice = None if share >= 1 else say("response_tactic", "supported", cited=rec)
    elif response in (None, "", "Pending"):
        before = activity.stage in BEFORE_ANSWER
        share = 0.5 * before + 0.5 * (bool(adds & LOBBY_ADDS) or reading.has("said_lobby"))
        advice = None if share >= 1 else say("response_tactic", "pending", cited=rec)
    else:
        return 0.5, say("response_tactic", "odd_response", cited=rec, response=response)
    if substance < 0.4 and share > 0:
        share *= 0.5
        advice = (advice + " " if advice else "") + say("response_tactic", "counts_half")
    return share, advice


def _q(sentence: str) -> str:
    from .notes import quote

    return quote(sentence, 100)
