"""The rubric: one scorer per criterion, and free text that cannot be gamed.

These tests use a fake context (a few recommendations, a fixed calendar) so that they
judge the rubric's logic alone; tests/rubric/test_grading_examples.py grades the course's example
plans against the real datasets.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sample_plans import STRONG_KENYA_PLAN

from upr_course.rubric import WEIGHTS, GradingContext, RecommendationFacts, grade_text
from upr_course.rubric.criteria import STOPS_ON_REVIEW_DAY
from upr_course.rubric.relevance import lexical_relevance

AS_OF = dt.date(2026, 11, 29)

RECS = {
    "KEN-S35-010": RecommendationFacts(
        "KEN-S35-010",
        "KEN",
        "Kenya",
        "Supported",
        "Establish a national preventive mechanism against torture in places of detention",
        ("Torture and other CID treatment", "Detention"),
    ),
    "KEN-S35-020": RecommendationFacts(
        "KEN-S35-020",
        "KEN",
        "Kenya",
        "Noted",
        "Ratify the Optional Protocol to the Convention against Torture",
        ("Torture and other CID treatment", "International instruments"),
    ),
    "KEN-S35-030": RecommendationFacts(
        "KEN-S35-030",
        "KEN",
        "Kenya",
        "Supported",
        "Improve access to clean water in rural areas",
        ("Right to water and sanitation",),
    ),
    "NPL-S10-001": RecommendationFacts("NPL-S10-001", "NPL", "Nepal", "Supported", "Criminalise torture", ("Torture and other CID treatment",)),
}
WINDOWS = {
    "national_consultation": (dt.date(2027, 1, 1), dt.date(2027, 6, 30)),
    "stakeholder_report": (dt.date(2027, 3, 1), dt.date(2027, 4, 30)),
    "pre_session": (dt.date(2027, 9, 15), dt.date(2027, 10, 15)),
    "embassy_briefing": (dt.date(2027, 5, 1), dt.date(2027, 10, 31)),
    "advance_questions": (dt.date(2027, 10, 10), dt.date(2027, 10, 31)),
    "review": (dt.date(2027, 11, 5), dt.date(2027, 11, 5)),
    "outcome_adoption": (dt.date(2027, 11, 8), dt.date(2027, 11, 10)),
    "responses": (dt.date(2027, 11, 10), dt.date(2028, 2, 28)),
    "plenary": (dt.date(2028, 3, 1), dt.date(2028, 3, 31)),
    "implementation": (dt.date(2028, 3, 1), dt.date(2032, 5, 1)),
    "mid_term_report": (dt.date(2029, 11, 1), dt.date(2030, 5, 1)),
}
COUNTRIES = {"kenya": ("KEN", "Kenya"), "ken": ("KEN", "Kenya"), "nepal": ("NPL", "Nepal")}


def lookup(name):
    from upr_course.errors import UnknownCountryError

    try:
        return COUNTRIES[name.strip().lower()]
    except KeyError:
        raise UnknownCountryError(name, []) from None


def relevance(plan, facts):
    # The lexical rule without the issues table: shared content words only.
    text = f"{plan.issue} {plan.goal}".lower()
    return (
        1.0
        if any(word in text for word in ("torture", "preventive")) and "torture" in facts.text.lower()
        or "preventive" in facts.text.lower() and "preventive" in text
        else 0.0
    )


CONTEXT = GradingContext(as_of=AS_OF, find_recommendation=RECS.get, relevance=relevance, stage_windows=lambda iso3, today: WINDOWS)

#: A strong Kenya plan (one copy, shared with tests/cli/test_cli.py).
STRONG = STRONG_KENYA_PLAN


def grade(text, context=CONTEXT):
    return grade_text(text, as_of=AS_OF, context=context, country_lookup=lookup)


def _with(text, old, new):
    assert old in text, old
    return text.replace(old, new)


def test_weights_cover_the_spec_criteria_and_sum_to_100():
    assert list(WEIGHTS) == [
        "goal", "domestic_link", "added_value", "brought_home", "recommendations", "response_tactic", "cycle_coverage", "timeline", "media", "risks", "balance",
    ]
    assert sum(WEIGHTS.values()) == 100


def test_a_strong_plan_scores_high_on_every_criterion():
    result = grade(STRONG)
    assert result.graded and result.band == "strong", result.to_dict()
    weak_spots = {c.id: (c.score, c.feedback) for c in result.criteria if c.score < 0.7 * c.max}
    assert not weak_spots, weak_spots
    assert result.total >= 85


def test_a_plan_that_cannot_be_read_is_not_graded_and_lists_its_problems():
    result = grade("format: upr-action-plan/1\ncountry: Atlantis\n")
    assert not result.graded and result.total == 0 and result.criteria == ()
    assert any("Atlantis" in e["message"] for e in result.errors)
    assert all("message" in e and "line" in e for e in result.errors)


@pytest.mark.parametrize(
    "filler",
    [
        "It will raise awareness.",
        "This will help our advocacy.",
        "It is good to engage with the UN.",
        "Raise awareness and help our advocacy and share the results.",
        "",
    ],
)
def test_generic_filler_earns_nothing(filler):
    text = STRONG
    for block in (
        "Puts our evidence into the UN summary that recommending States read, so that\n"
        "      several States recommend a preventive mechanism and the Government must answer\n      each recommendation in public.",
    ):
        text = _with(text, block, filler or '""')
    text = text.replace("added_value: >\n      " + (filler or '""'), f"added_value: {filler!r}" if filler else 'added_value: ""')
    result = grade(text)
    assert "I1" in result.criterion("added_value").feedback
    assert result.criterion("added_value").score < grade(STRONG).criterion("added_value").score - 3


def test_copying_the_activity_text_earns_nothing():
    text = _with(
        STRONG,
        "Puts our evidence into the UN summary that recommending States read, so that\n"
        "      several States recommend a preventive mechanism and the Government must answer\n      each recommendation in public.",
        "Joint stakeholder report with the national coalition on deaths in custody.",
    )
    result = grade(text)
    feedback = result.criterion("added_value").feedback
    assert "says again what the activity does" in feedback and "I1" in feedback


def test_keyword_stuffing_earns_nothing():
    stuffed = "recommendation Government Parliament States so that diplomatic cost record answer embassy ministry 2027 leverage"
    text = _with(
        STRONG,
        "Puts our evidence into the UN summary that recommending States read, so that\n"
        "      several States recommend a preventive mechanism and the Government must answer\n      each recommendation in public.",
        stuffed,
    )
    result = grade(text)
    assert "list of words" in result.criterion("added_value").feedback
    assert result.criterion("added_value").score <= grade(STRONG).criterion("added_value").score - 4


def test_the_same_sentence_for_every_activity_earns_nothing():
    sentence = "Puts our evidence on the UN record so that the Government must answer the States in public in 2027."
    lines = STRONG.splitlines()
    out, skipping = [], False
    for line in lines:
        if line.strip().startswith("added_value:"):
            out.append(line.split("added_value:")[0] + f"added_value: {sentence}")
            skipping = True
            continue
        if skipping and line.startswith("      "):
            continue
        skipping = False
        out.append(line)
    result = grade("\n".join(out) + "\n")
    assert result.criterion("added_value").score == 0
    assert "more than one UN step" in result.criterion("added_value").feedback


def test_brought_home_filler_earns_nothing():
    text = _with(STRONG, "Six-monthly public scorecard sent to the Ministry, Parliament and the press.", "We will share the results back home.")
    result = grade(text)
    assert "I3" in result.criterion("brought_home").feedback
    assert result.criterion("brought_home").score < grade(STRONG).criterion("brought_home").score


def test_calling_a_noted_recommendation_accepted_is_named():
    text = _with(
        STRONG,
        "The noted recommendation to ratify OPCAT is a public refusal on the UN record,",
        "The accepted recommendation to ratify OPCAT is a public promise on the UN record,",
    )
    feedback = grade(text).criterion("response_tactic").feedback
    assert "KEN-S35-020" in feedback and "noted (not accepted)" in feedback


def test_recommendations_that_do_not_exist_or_belong_elsewhere_lose_points():
    text = _with(STRONG, "recommendations: [KEN-S35-010]", "recommendations: [KEN-S99-999, NPL-S10-001]")
    result = grade(text)
    criterion = result.criterion("recommendations")
    assert "KEN-S99-999" in criterion.feedback and "Nepal" in criterion.feedback
    assert criterion.score < grade(STRONG).criterion("recommendations").score


def test_no_recommendations_cited_scores_zero_with_advice():
    text = STRONG.replace("    recommendations: [KEN-S35-010]\n", "").replace("    recommendations: [KEN-S35-020]\n", "")
    result = grade(text)
    assert result.criterion("recommendations").score == 0
    assert "upr-course match" in result.criterion("recommendations").feedback


def test_activity_serving_no_objective_loses_domestic_link_with_its_line():
    text = _with(STRONG, "    objective: O2\n    adds: [media]", "    objective: O9\n    adds: [media]")
    criterion = grade(text).criterion("domestic_link")
    assert criterion.score == pytest.approx(WEIGHTS["domestic_link"] * 3 / 4)
    assert "O9" in criterion.feedback and criterion.lines


def test_dates_in_the_past_and_out_of_order_are_flagged():
    text = _with(STRONG, "    when: 2027-02\n", "    when: 2025-02\n")
    text = _with(text, "    objective: O2\n    when: 2028-05", "    objective: O2\n    when: 2029-05")
    feedback = grade(text).criterion("timeline").feedback
    assert "2025-02 is in the past" in feedback
    assert "after its objective O2 falls due" in feedback


def test_as_of_changes_what_is_in_the_past():
    early = dt.date(2024, 1, 1)
    context = GradingContext(as_of=early, find_recommendation=RECS.get, relevance=relevance, stage_windows=lambda iso3, today: WINDOWS)
    assert "in the past" not in grade(STRONG, context).criterion("timeline").feedback
    late = GradingContext(as_of=dt.date(2031, 1, 1), find_recommendation=RECS.get, relevance=relevance, stage_windows=lambda iso3, today: WINDOWS)
    assert "in the past" in grade(STRONG, late).criterion("timeline").feedback


def test_a_stage_far_from_the_calendar_is_flagged():
    text = _with(STRONG, "    stage: stakeholder_report\n", "    stage: plenary\n")
    feedback = grade(text).criterion("timeline").feedback
    assert "plenary comes after the review" in feedback and "I1" in feedback


def test_a_stage_outside_its_window_is_flagged_with_the_calendar_dates():
    text = _with(STRONG, "    stage: implementation\n", "    stage: mid_term_report\n")
    feedback = grade(text).criterion("timeline").feedback
    assert "mid term report stage for Kenya is expected between" in feedback


def test_coverage_media_risks_and_balance():
    only_before = grade(
        STRONG.replace("stage: review", "stage: pre_session")
        .replace("stage: implementation", "stage: embassy_briefing")
        .replace("stage: responses", "stage: advance_questions")
    )
    # Its objectives fall due after the review: stopping before it is a real gap.
    assert only_before.criterion("cycle_coverage").score == pytest.approx(WEIGHTS["cycle_coverage"] * STOPS_ON_REVIEW_DAY, abs=0.01)
    assert "stops at the review" in only_before.criterion("cycle_coverage").feedback
    no_media = grade(_with(
        STRONG,
        "media:\n  - moment: review\n    text: Press release on review day naming the States that raised torture in custody.\n",
        "media: []\n",
    ))
    assert no_media.criterion("media").score == 0
    no_reprisal = grade(_with(STRONG, "Members who speak in Geneva face reprisals on return.", "The bill may be delayed by elections."))
    assert no_reprisal.criterion("risks").score == WEIGHTS["risks"] / 2
    no_domestic = grade(_with(STRONG, "    objective: O1\n    when: 2027-02", "    objective: O2\n    when: 2027-02"))
    assert "O1" in no_domestic.criterion("balance").feedback


def test_every_criterion_gives_feedback_and_stays_within_its_maximum():
    for text in (STRONG, STRONG.replace("adds: [leverage, visibility]", "adds: []")):
        result = grade(text)
        assert [c.id for c in result.criteria] == list(WEIGHTS)
        for criterion in result.criteria:
            assert 0 <= criterion.score <= criterion.max
            assert criterion.feedback.strip()


def test_vague_decision_makers_and_indicators_lose_goal_points():
    text = _with(
        STRONG,
        "    target: Cabinet Secretary for Justice\n    indicator: Bill published in the Gazette",
        "    target: The Ministry\n    indicator: Policy improved",
    )
    criterion = grade(text).criterion("goal")
    assert criterion.score < WEIGHTS["goal"]
    assert "'The Ministry' is not a decision-maker" in criterion.feedback and "'Policy improved' cannot be checked" in criterion.feedback


def test_a_past_year_is_not_a_time_frame():
    text = _with(STRONG, "By December 2028 Parliament adopts a law", "Building on the 2023 debate, Parliament adopts a law")
    assert "time frame" in grade(text).criterion("goal").feedback


def test_an_objective_at_the_un_is_not_a_domestic_objective():
    text = _with(
        STRONG,
        "    text: The Ministry of Justice tables a prevention-of-torture bill by June 2028.\n    target: Cabinet Secretary for Justice",
        "    text: Get more recommendations at the next review.\n    target: UN member States",
    )
    criterion = grade(text).criterion("domestic_link")
    assert "a result at the UN, not a change at home" in criterion.feedback
    assert criterion.score < WEIGHTS["domestic_link"] / 2


def test_a_template_sentence_with_nothing_on_the_issue_earns_little():
    template = "This produces a recommendation on the record, so that the Government must answer it in public and the Ministry cannot ignore it (O1)."
    text = _with(
        STRONG,
        "Puts our evidence into the UN summary that recommending States read, so that\n"
        "      several States recommend a preventive mechanism and the Government must answer\n      each recommendation in public.",
        template,
    )
    feedback = grade(text).criterion("added_value").feedback
    assert "nothing in it is about your issue" in feedback and "I1" in feedback


def test_sentences_on_one_pattern_across_activities_are_halved():
    from upr_course.rubric.free_text import same_texts

    texts = [
        "We quote the result in a letter to the Ministry and brief Parliament in 2027 (D1).",
        "We cite the result in a letter to Parliament and brief the Ministry in 2028 (D2).",
        "Six-monthly public scorecard sent to the Ministry, Parliament and the press.",
    ]
    repeated, templated = same_texts(texts)
    assert templated == {0, 1} and not repeated


def test_generic_phrases_cancel_signals():
    filler = "Embassies are important partners and meeting them will raise awareness of torture in custody among the international community."
    text = _with(
        STRONG,
        "Puts our evidence into the UN summary that recommending States read, so that\n"
        "      several States recommend a preventive mechanism and the Government must answer\n      each recommendation in public.",
        filler,
    )
    feedback = grade(text).criterion("added_value").feedback
    assert "'raise awareness'" in feedback and "'the international community'" in feedback and "any step of any plan" in feedback


def test_security_in_general_is_not_the_risk_of_reprisals():
    text = _with(STRONG, "Members who speak in Geneva face reprisals on return.", "A new security incident is used to delay the bill.")
    assert grade(text).criterion("risks").score == WEIGHTS["risks"] / 2
    text = _with(STRONG, "Members who speak in Geneva face reprisals on return.", "The safety of members named in our UN submission.")
    assert grade(text).criterion("risks").score == WEIGHTS["risks"]


def _after_review_steps_hollow(brought_home_too: bool) -> str:
    """The strong plan with the added value of its two after-review steps (I3, I4) made empty,
    and, if asked, what they bring home too."""
    hollow = "It will raise awareness."
    text = _with(
        STRONG,
        "The noted recommendation to ratify OPCAT is a public refusal on the UN record,\n      which lets us ask the Minister in Parliament to justify it.",
        hollow,
    )
    text = _with(
        text,
        "The Government accepted this recommendation before the Human Rights Council, so\n"
        "      delay now has a diplomatic cost that our domestic lobbying alone cannot impose.",
        hollow,
    )
    if brought_home_too:
        text = _with(text, "Six-monthly public scorecard sent to the Ministry, Parliament and the press.", "We will share the results back home.")
        text = _with(
            text,
            "An opposition member tables a parliamentary question on the refusal, and we publish\n      the answer in our newsletter to 40 partner groups.",
            "We will tell everyone about it.",
        )
    return text


def test_steps_that_neither_add_nor_bring_home_do_not_count_for_coverage():
    criterion = grade(_after_review_steps_hollow(brought_home_too=True)).criterion("cycle_coverage")
    assert criterion.score == pytest.approx(WEIGHTS["cycle_coverage"] * STOPS_ON_REVIEW_DAY, abs=0.01)
    assert "do not count here" in criterion.feedback
    assert "The plan has activities after the review, but" in criterion.feedback, criterion.feedback


def test_a_step_whose_result_is_brought_home_covers_its_part_of_the_cycle():
    """Vague added value is charged once, under added_value: a step whose result goes to the
    Ministry and Parliament is still planned work after the review (the trainer's guide marks
    cycle_coverage down for stopping too early, not for how a step is argued)."""
    result = grade(_after_review_steps_hollow(brought_home_too=False))
    assert result.criterion("cycle_coverage").score == WEIGHTS["cycle_coverage"]
    assert result.criterion("added_value").score < grade(STRONG).criterion("added_value").score
    assert "I3" in result.criterion("added_value").feedback and "I4" in result.criterion("added_value").feedback


def test_an_unchanged_template_earns_nothing_for_its_structure():
    """Placeholders ('...') are not activities: a filled-in country alone scores (almost) nothing."""
    template = """\
format: upr-action-plan/1
country: Kenya
issue: ...
goal: ...
objectives:
  - {id: O1, text: ..., target: ..., indicator: ..., due: 2028-06}
domestic_activities:
  - {id: D1, text: ..., objective: O1, when: 2027-03}
international_activities:
  - {id: I1, stage: stakeholder_report, text: ..., objective: O1, adds: [visibility], added_value: ..., brought_home: ..., recommendations: [], when: 2027-06}
media:
  - {moment: review, text: ...}
risks:
  - {risk: ..., mitigation: ...}
"""
    result = grade(template)
    assert result.graded and result.total == 0, result.to_dict()


def test_off_topic_citations_get_examples_of_better_ones_from_the_context():
    from upr_course.errors import UserError

    text = _with(STRONG, "recommendations: [KEN-S35-010]", "recommendations: [KEN-S35-030]")  # clean water
    asked = []

    def suggest(plan, count):
        asked.append(count)
        return ["KEN-S35-030", "KEN-S35-010", "KEN-S35-020", "KEN-S35-040", "KEN-S35-050"]

    def fails(plan, count):
        raise UserError("no index")

    base = dict(as_of=AS_OF, find_recommendation=RECS.get, relevance=relevance, stage_windows=lambda iso3, today: WINDOWS)
    feedback = grade(text, GradingContext(**base, suggest=suggest)).criterion("recommendations").feedback
    assert "KEN-S35-030 does not seem to be about your issue" in feedback
    # The cited ids are not offered again; three others are.
    assert "fit your goal best include KEN-S35-010, KEN-S35-040, KEN-S35-050:" in feedback, feedback
    assert asked and asked[0] >= 3
    for context in (GradingContext(**base, suggest=fails), GradingContext(**base)):
        assert "fit your goal best" not in grade(text, context).criterion("recommendations").feedback


# ---------------------------------------------------------------------------------------------
# Meaning, not vocabulary (issue: the grader judges a plan as a trainer would)

ADDED_I1 = (
    "Puts our evidence into the UN summary that recommending States read, so that\n"
    "      several States recommend a preventive mechanism and the Government must answer\n      each recommendation in public."
)


def test_misspelt_words_are_read_as_the_words_meant():
    plain = (
        "Our report gives the States facts on custody deaths, so that they recommend a preventive mechanism "
        "and the government must answer the recommendation in public."
    )
    misspelt = (
        "Our report gives the States facts on custody deaths, so that they recomend a preventive mechanism "
        "and the goverment must answer the recomendation in public."
    )
    first = grade(_with(STRONG, ADDED_I1, plain)).criterion("added_value").score
    second = grade(_with(STRONG, ADDED_I1, misspelt)).criterion("added_value").score
    assert first == second == WEIGHTS["added_value"]


def test_naming_the_place_in_a_concrete_sentence_costs_nothing():
    with_place = (
        "In Geneva the States hear our custody cases, so that they recommend a preventive mechanism at the UN "
        "and the Government has to answer back home."
    )
    result = grade(_with(STRONG, ADDED_I1, with_place))
    assert result.criterion("added_value").score == WEIGHTS["added_value"], result.criterion("added_value").feedback


def test_a_circular_claim_earns_little():
    circular = "Adds our report to the UPR because the UPR takes stakeholder reports into account."
    result = grade(_with(STRONG, ADDED_I1, circular))
    assert result.criterion("added_value").score <= WEIGHTS["added_value"] * 0.8
    assert "says again what the activity does" in result.criterion("added_value").feedback


def test_boilerplate_under_every_step_costs_the_tactic_too():
    out, skipping = [], False
    for line in STRONG.splitlines():
        if line.strip().startswith("added_value:"):
            out.append(line.split("added_value:")[0] + "added_value: Adds international pressure; the world is watching.")
            skipping = True
            continue
        if skipping and line.startswith("      "):
            continue
        skipping = False
        out.append(line)
    result = grade("\n".join(out) + "\n")
    assert result.criterion("added_value").score == 0
    assert result.criterion("response_tactic").score < WEIGHTS["response_tactic"]


def test_a_un_step_on_another_topic_does_not_serve_its_objective():
    unrelated = STRONG.replace(
        "text: Watch the review with journalists in Nairobi.",
        "text: Side event in Geneva on climate finance and coastal fisheries.",
    ).replace(
        "The webcast shows which States raised torture in custody, a news hook that\n      editors cannot ignore because diplomats said it on the record.",
        "Fishing communities meet donors, so that climate finance reaches coastal villages.",
    ).replace(
        "Our press release names the 12 States and is sent to every member of the\n      Justice Committee before the hearing (D3).",
        "We send the donors' pledges to the fisheries cooperatives in Mombasa.",
    )
    criterion = grade(unrelated).criterion("domestic_link")
    assert criterion.score < WEIGHTS["domestic_link"]
    assert "I2" in criterion.feedback and "nothing to do with" in criterion.feedback


def test_accepted_said_of_another_recommendation_is_not_a_false_claim():
    text = _with(
        STRONG,
        "The noted recommendation to ratify OPCAT is a public refusal on the UN record,\n      which lets us ask the Minister in Parliament to justify it.",
        "Another recommendation, on a preventive mechanism, was accepted; this one on OPCAT was noted, "
        "a refusal on the record that the Minister must justify in Parliament.",
    )
    feedback = grade(text).criterion("response_tactic").feedback
    assert "the plan says" not in feedback


def test_calling_a_noted_recommendation_accepted_is_quoted():
    text = _with(
        STRONG,
        "The noted recommendation to ratify OPCAT is a public refusal on the UN record,\n      which lets us ask the Minister in Parliament to justify it.",
        "Kenya accepted the recommendation to ratify OPCAT, so the Minister must now deliver it.",
    )
    criterion = grade(text).criterion("response_tactic")
    assert "Kenya accepted the recommendation to ratify OPCAT" in criterion.feedback
    assert criterion.score <= WEIGHTS["response_tactic"] / 2


def test_a_reprisal_in_plain_words_counts_and_being_careful_is_not_a_mitigation():
    plain = _with(
        STRONG,
        "Members who speak in Geneva face reprisals on return.",
        "We could lose our government contracts for criticising the Government at the UN.",
    )
    assert grade(plain).criterion("risks").score == WEIGHTS["risks"]
    careful = _with(STRONG, "The coalition, not individuals, signs the report; brief the UN reprisals focal point beforehand.", "We are careful.")
    criterion = grade(careful).criterion("risks")
    assert criterion.score < WEIGHTS["risks"] and "'We are careful.'" in criterion.feedback


def test_feedback_never_names_a_phrase_the_plan_does_not_contain():
    for criterion in grade(STRONG).criteria:
        assert "raise awareness" not in criterion.feedback


def _engagement(text: str, block: str, keep_un_steps: bool) -> str:
    head, rest = text.split("international_activities:\n")
    un_steps, tail = rest.split("media:\n")
    return head + block + "international_activities:" + ("\n" + un_steps if keep_un_steps else " []\n") + "media:\n" + tail


NONE_BLOCK = """engagement:
  decision: none
  reasons: >
    This cycle the Justice and Legal Affairs Committee decides on the bill before Kenya's
    review, so a report to Geneva would come too late to move it; our two staff are needed
    for the committee hearings. We will still follow the webcast of the review.
"""


def test_a_reasoned_decision_not_to_engage_is_judged_on_its_domestic_strategy():
    result = grade(_engagement(STRONG, NONE_BLOCK, keep_un_steps=False))
    assert result.decision == "none"
    not_applicable = {c.id for c in result.criteria if not c.applicable}
    assert not_applicable == {"domestic_link", "added_value", "brought_home", "recommendations", "response_tactic", "cycle_coverage"}
    assert result.band == "strong", result.to_dict()
    assert result.review.needed and any("not to engage" in r for r in result.review.reasons)
    payload = result.to_dict()
    assert all("applicable" in c for c in payload["criteria"]) and payload["review"]["needed"] is True
    assert "Add at least one UN step" not in str(payload)


def test_no_un_steps_and_no_reasons_asks_for_the_reasons_and_a_trainer():
    result = grade(_engagement(STRONG, "", keep_un_steps=False))
    assert result.decision == "none"
    assert result.criterion("balance").score < WEIGHTS["balance"]
    assert "does not say why" in result.criterion("balance").feedback
    assert result.review.needed


def test_a_light_engagement_with_reasons_is_not_asked_for_more_stages():
    light = """engagement:
  decision: light
  reasons: >
    Our lobbying of the Justice and Legal Affairs Committee carries the bill; one report
    puts our custody evidence before the States and costs our two staff only a week.
"""
    text = _engagement(STRONG, light, keep_un_steps=True)
    head, rest = text.split("  - id: I2\n", 1)
    text = head + "media:" + rest.split("media:", 1)[1]
    result = grade(text)
    assert result.criterion("cycle_coverage").score == WEIGHTS["cycle_coverage"], result.criterion("cycle_coverage").feedback
    assert result.review.needed


def test_unknown_fields_are_listed_in_the_result_and_the_review():
    result = grade(STRONG.replace("issue:", "rationale: We chose this issue after a members' vote.\nissue:"))
    assert any(u["field"] == "rationale" for u in result.to_dict()["unknown_fields"])
    assert any("rationale" in r for r in result.review.reasons)


def test_ordinary_good_plans_need_no_trainer():
    assert not grade(STRONG).review.needed


def test_a_un_document_reference_the_data_lacks_is_accepted_and_flagged():
    text = STRONG.replace("recommendations: [KEN-S35-010]", "recommendations: ['A/HRC/59/8 para 140.12']")
    result = grade(text)
    assert "not a recommendation id" not in result.criterion("recommendations").feedback
    assert "your trainer will check it" in result.criterion("recommendations").feedback
    assert any("A/HRC/59/8 para 140.12" in r for r in result.review.reasons)


def test_a_plan_in_spanish_is_read_not_scored_empty():
    spanish = STRONG.replace(
        ADDED_I1,
        "Nuestro informe lleva los casos de muertes bajo custodia a los Estados, "
        "para que recomienden un mecanismo de prevención y el Gobierno tenga que responder en público.",
    )
    spanish = spanish.replace(
        "We quote every recommendation on custody in our letter to the Cabinet Secretary\n      and in the committee briefing (D1).",
        "Citamos cada recomendación sobre la custodia en nuestra carta al Secretario del Gabinete y en la reunión con la comisión (D1).",
    )
    from upr_course.rubric.reading import read

    assert read("para que el Gobierno tenga que responder", "es").has("mechanism")
    assert grade(spanish).criterion("added_value").score > WEIGHTS["added_value"] * 0.7


def test_a_close_copy_of_a_course_example_is_caught():
    from upr_course.rubric import copying

    examples = copying.course_examples()
    kenya = next(e for e in examples if e.name == "kenya_torture_custody.yaml")
    swapped = copying.Signature("mine", "Uganda", tuple(s.replace("kenya", "uganda") for s in kenya.sentences))
    assert copying.copied_example(swapped, examples) == ("kenya_torture_custody.yaml", False)
    assert copying.copied_example(copying.Signature("same", "Kenya", kenya.sentences), examples) is None
    own = tuple(f"our own sentence number {n} about the county assembly and its budget for legal aid" for n in range(8))
    adapted = copying.Signature("adapted", "Kenya", kenya.sentences[: len(kenya.sentences) - 8] + own)
    assert copying.copied_example(adapted, examples) == ("kenya_torture_custody.yaml", True)


def test_many_activities_are_graded_without_pairwise_python_loops():
    from upr_course.rubric.free_text import same_texts

    texts = [f"We quote recommendation {i} in a letter to minister number {i} before the vote." for i in range(1500)]
    repeated, templated = same_texts(texts)
    assert len(repeated | templated) == 1500


def test_the_docs_table_of_criteria_is_the_registry():
    from pathlib import Path

    from upr_course.rubric.registry import CRITERIA, weights_table

    assert weights_table() in (Path(__file__).resolve().parents[2] / "docs" / "grader.md").read_text(encoding="utf-8")
    assert sum(c.weight for c in CRITERIA) == 100 and len({c.id for c in CRITERIA}) == len(CRITERIA)


def test_copies_within_a_batch_are_found_and_common_templates_are_not():
    from upr_course.rubric.copying import batch_copies, signature

    words_ = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima".split()
    texts = [f"Sentence {w} of a long plan about the police and their cells in our district." for w in words_]
    mine = signature("mine.yaml", "Kenya", texts)
    theirs = signature("theirs.yaml", "Uganda", [t.replace("district", "district") for t in texts])
    other = signature("other.yaml", "Nepal", [f"A quite different plan sentence {w} about schools for girls in the hills." for w in words_])
    assert batch_copies([mine, theirs, other]) == {"mine.yaml": ["theirs.yaml"], "theirs.yaml": ["mine.yaml"]}
    crowd = [signature(f"p{n}.yaml", "Kenya", texts) for n in range(25)]
    assert batch_copies(crowd) == {}


def test_a_translated_example_is_a_copy_by_its_frame_and_an_independent_plan_is_not():
    """A translation shares no sentence with the English example, but keeps its ids, dates, stages and cited ids."""
    from upr_course.plan import parse_plan
    from upr_course.rubric.copying import copied_example, plan_frame, plan_signature

    example = plan_signature(parse_plan(STRONG), "kenya.yaml")
    spanish_texts = [f"Frase {n} de un plan traducido sobre la tortura en las comisarías del país." for n in range(12)]
    english_texts = [f"Sentence {n} of another plan about the torture of people held in the police cells of the country." for n in range(12)]
    frame = plan_frame(parse_plan(STRONG))
    translated = signature_of("mio.yaml", "Uganda", spanish_texts, frame)
    assert translated.language == "es" and example.language == "en"
    assert copied_example(translated, (example,)) == ("kenya.yaml", False)
    # The same frame in English with other sentences is judged by its sentences only.
    assert copied_example(signature_of("mine.yaml", "Uganda", english_texts, frame), (example,)) is None
    # Two items in common (an objective due the same month, say) prove nothing.
    few = frozenset(list(frame)[:2]) | {("objective", "O9", "2030-01")}
    assert copied_example(signature_of("mio.yaml", "Uganda", spanish_texts, few), (example,)) is None


def signature_of(name, country, texts, frame):
    from upr_course.rubric.copying import signature

    return signature(name, country, texts, frame, " ".join(texts))


def test_without_the_matcher_a_citation_is_judged_by_shared_words(monkeypatch):
    """The fallback of recommendation_relevance when the matcher cannot read the plan's text."""
    from upr_course.errors import UserError
    from upr_course.match import relevance as matcher
    from upr_course.plan import parse_plan
    from upr_course.rubric.relevance import recommendation_relevance

    def unreadable(*args, **kwargs):
        raise UserError("no words the matcher knows")

    monkeypatch.setattr(matcher, "goal_relevance", unreadable)
    plan = parse_plan(STRONG, country_lookup=lookup)
    untagged = RecommendationFacts("KEN-S35-099", "KEN", "Kenya", "Supported", "Create a preventive mechanism for police custody visits")
    unrelated = RecommendationFacts("KEN-S35-098", "KEN", "Kenya", "Supported", "Improve access to clean water in rural areas")
    assert recommendation_relevance(plan, untagged) == lexical_relevance(plan, untagged) == 1.0
    assert recommendation_relevance(plan, unrelated) == 0.0


GERMAN_PLAN = """\
format: upr-action-plan/1
country: Kenya
issue: Folter in Polizeigewahrsam
goal: Bis Dezember 2028 verabschiedet das Parlament ein Gesetz gegen Folter in Polizeizellen.
objectives:
  - id: O1
    text: Das Justizministerium legt bis Juni 2028 einen Gesetzentwurf vor.
    target: Justizminister
    indicator: Gesetzentwurf im Amtsblatt veröffentlicht
    due: 2028-06
domestic_activities:
  - id: D1
    text: Wir treffen die Abgeordneten des Rechtsausschusses mit unseren Fallakten.
    objective: O1
    when: 2027-03
international_activities:
  - id: I1
    stage: review
    text: Wir schicken den Staaten vor der Überprüfung eine kurze Notiz mit zwei Fragen.
    objective: O1
    adds: [leverage]
    added_value: Die Regierung muss dann öffentlich antworten, und der Minister kann die Antwort nicht ignorieren.
    brought_home: Wir zitieren die Empfehlungen in unserem Brief an den Justizminister und im Ausschuss (D1).
    when: 2027-06
media: []
risks: []
"""

LANGUAGE_REASON = "in a language the grader does not read"


def test_a_plan_in_a_language_the_grader_does_not_read_is_shown_to_a_trainer():
    """German is read with no vocabulary of its own (the identifier knows only en/es/fr), so a trainer reads it."""
    result = grade(GERMAN_PLAN)
    assert result.review.needed and any(LANGUAGE_REASON in r for r in result.review.reasons), result.review



@pytest.mark.parametrize(
    "vague, specific",
    [
        ("El Ministerio", "Dirección General del Sistema Penitenciario"),
        ("Le gouvernement", "Procureur de la République de Fomboni"),
        ("The Ministry", "Justice and Legal Affairs Committee"),
    ],
)
def test_a_vague_decision_maker_is_vague_in_every_language(vague, specific):
    from upr_course.rubric.criteria import _specific_target

    assert not _specific_target(vague) and _specific_target(specific)


@pytest.mark.parametrize(
    "vague, checkable",
    [
        ("Más conciencia en la población", "Convenio firmado con la Fiscalía"),
        ("Meilleure protection des victimes", "Convention signée avec le parquet"),
        ("More awareness among people", "Bill published in the Gazette"),
    ],
)
def test_a_vague_indicator_is_vague_in_every_language(vague, checkable):
    from upr_course.rubric.criteria import _observable_indicator

    assert not _observable_indicator(vague) and _observable_indicator(checkable)


@pytest.mark.parametrize(
    "text, language, kind",
    [
        # Elided articles are undone: "l'EPU" is the UPR, "n'a pas" denies.
        ("Nous le citerons devant l'EPU.", "fr", "process"),
        # Accents forgotten cost nothing.
        ("La reponse de la delegation sera publique.", "fr", "output"),
        ("La recomendacion fue aceptada.", "es", "output"),
        # The UN's own words: "tomó nota", "a pris note".
        ("Cuba solo tomó nota de la recomendación.", "es", "said_noted"),
        ("L'État a pris note de la recommandation.", "fr", "said_noted"),
        ("Esto suma presión internacional; el mundo nos está mirando.", "es", "generic"),
        ("Cela ajoute une pression internationale; le monde entier nous regarde.", "fr", "generic"),
    ],
)
def test_spanish_and_french_are_read_with_their_own_words(text, language, kind):
    from upr_course.rubric.reading import read

    assert read(text, language).has(kind), read(text, language).kinds


def test_a_french_denial_with_an_elision_is_a_denial():
    from upr_course.rubric.reading import affirms

    assert affirms("Le Gabon a accepté la recommandation.", "said_accepted", "fr")
    assert not affirms("Le Gabon n'a jamais accepté la recommandation.", "said_accepted", "fr")
    assert not affirms("El Estado no aceptó la recomendación.", "said_accepted", "es")


@pytest.mark.parametrize("language", ["es", "fr"])
def test_every_kind_of_english_word_has_its_spanish_and_french_list(language):
    """A language is data: a kind missing from a vocabulary would make that language's plans
    lose (or escape) a check English plans get."""
    from upr_course.rubric.reading import NOT_KINDS, _raw, raw_terms

    english = {key for key in _raw("en") if key not in NOT_KINDS}
    other = {key for key in _raw(language) if key not in NOT_KINDS}
    assert english <= other, english - other
    assert all(len(raw_terms(language, kind)) >= 3 for kind in english), [k for k in english if len(raw_terms(language, k)) < 3]
    for key in ("vague_target", "vague_indicator", "verifiable_indicator", "un_target", "un_objective", "common_capitalised"):
        assert raw_terms(language, key), key


@pytest.mark.parametrize("issue, goal", [
    ("Death penalty", "Abolish the death penalty in law"),
    ("Pena de muerte", "Abolir la pena de muerte en la ley"),
    ("Peine de mort", "Abolir la peine de mort dans la loi"),
])
def test_a_plans_issue_tags_are_found_in_spanish_and_french_too(issue, goal):
    # The tags' names and keywords are English: a Spanish or French plan is read through the
    # matcher's glossary, so a tagged citation gets the same quick answer in every language.
    from types import SimpleNamespace

    from upr_course.rubric.relevance import plan_issue_tags

    assert "Death penalty" in plan_issue_tags(SimpleNamespace(issue=issue, goal=goal))


@pytest.mark.parametrize("issue, goal", [
    ("Salud", "Que los hospitales públicos traten a las personas migrantes sin papeles"),
    ("Asile", "Accélérer le traitement des demandes d'asile"),
])
def test_an_ordinary_word_does_not_give_a_plan_a_tag_it_is_not_about(issue, goal):
    # "traten" (they treat) and "traitement" (processing) look like "trata" (trafficking).
    from types import SimpleNamespace

    from upr_course.rubric.relevance import plan_issue_tags

    assert "Trafficking" not in plan_issue_tags(SimpleNamespace(issue=issue, goal=goal))


# -- found on the fourth trainers' tune plans (tests/calibration, "A fourth round") -----------


def test_a_sentence_that_names_no_recommendation_speaks_of_the_one_named_before_it():
    """I4 cites a noted and a supported recommendation; what it says of the supported one's
    commitment, in the sentence after naming it, is no false claim about the noted one."""
    both = _with(STRONG, "recommendations: [KEN-S35-020]", "recommendations: [KEN-S35-010, KEN-S35-020]")
    added = (
        "The supported recommendation KEN-S35-010 asks for a preventive mechanism; the Minister cannot\n"
        "      answer Parliament that the issue is outside what Kenya accepted. The noted recommendation to ratify\n"
        "      OPCAT is a public refusal on the UN record, which lets us ask the Minister to justify it."
    )
    text = _with(both, "The noted recommendation to ratify OPCAT is a public refusal on the UN record,\n"
                       "      which lets us ask the Minister in Parliament to justify it.", added)
    feedback = grade(text).criterion("response_tactic").feedback
    assert "KEN-S35-020 was noted" not in feedback, feedback
    # The same claim of a commitment, said of the noted one itself, is still caught.
    wrong = _with(STRONG, "The noted recommendation to ratify OPCAT is a public refusal on the UN record,\n"
                          "      which lets us ask the Minister in Parliament to justify it.",
                  "The Government accepted the recommendation to ratify OPCAT, a commitment we will hold it to.")
    assert grade(wrong).criterion("response_tactic").score < WEIGHTS["response_tactic"]


def test_notes_written_in_a_hurry_are_read_as_sentences_but_a_list_of_cue_words_is_not():
    notes = _with(STRONG, "We quote every recommendation on custody in our letter to the Cabinet Secretary\n      and in the committee briefing (D1).",
                  "Letter + recs handed over again at committee briefing (D1).")
    criterion = grade(notes).criterion("brought_home")
    assert "list of words" not in criterion.feedback and "Activity I1" not in criterion.feedback, criterion.feedback
    assert criterion.score > grade(STRONG).criterion("brought_home").score - 3.5
    stuffed = _with(STRONG, "We quote every recommendation on custody in our letter to the Cabinet Secretary\n      and in the committee briefing (D1).",
                    "recommendation letter minister committee briefing press scorecard parliament (D1)")
    assert "list of words" in grade(stuffed).criterion("brought_home").feedback


def test_an_item_is_found_as_written():
    from upr_course.rubric.plan_reading import mentions_item

    ids = frozenset({"o1", "d1", "i3"})
    assert mentions_item("handed over at the meeting (D1).", ids) and mentions_item("see i3, then D1-D2", ids)
    assert not mentions_item("KEN-D1-3 and D12", ids) and not mentions_item("", ids)


def test_terse_english_is_read_as_english_and_another_language_is_still_flagged():
    from upr_course.plan import parse_plan
    from upr_course.rubric.plan_reading import read_in_its_language

    terse = (
        "format: upr-action-plan/1\ncountry: Kenya\norganisation: Custody watch\nissue: Deaths in police custody\n"
        "goal: Police cells inspected unannounced by independent body, law by 2028.\n"
        "objectives:\n  - id: O1\n    text: Justice CS tables NPM bill.\n    target: Cabinet Secretary for Justice\n"
        "    indicator: Bill gazetted\n    due: 2028-06\n"
        "domestic_activities:\n  - id: D1\n    text: Case files + meeting w/ Justice Committee, ask bill.\n    objective: O1\n    when: 2027-04\n"
        "international_activities: []\nmedia: []\nrisks: []\n"
    )
    german = terse.replace("Police cells inspected unannounced by independent body, law by 2028.",
                           "Polizeizellen werden bis 2028 unangemeldet von einer unabhängigen Stelle besucht.")
    german = german.replace("Case files + meeting w/ Justice Committee, ask bill.", "Fallakten und Treffen mit dem Justizausschuss, Gesetz fordern.")
    german = german.replace("Justice CS tables NPM bill.", "Die Ministerin legt den Gesetzentwurf vor.")
    assert read_in_its_language(parse_plan(terse, country_lookup=lookup), CONTEXT_FOR_READING())
    assert not read_in_its_language(parse_plan(german, country_lookup=lookup), CONTEXT_FOR_READING())


def CONTEXT_FOR_READING():  # noqa: N802 - a fresh context: the reading is memoised per context
    return GradingContext(as_of=AS_OF, find_recommendation=RECS.get, relevance=relevance, stage_windows=lambda iso3, today: WINDOWS)


def test_refusing_even_to_read_what_the_government_writes_to_the_un_is_weak_reasoning():
    refuses = NONE_BLOCK.replace(
        "We will still follow the webcast of the review.",
        "We will not spend a day on it: not the review, not reading what the Government writes to the UN.",
    )
    result = grade(_engagement(STRONG, refuses, keep_un_steps=False))
    assert result.criterion("balance").score <= 0.4 * WEIGHTS["balance"], result.criterion("balance").feedback
    # Watching something at home is not keeping watch on the UN.
    home_watch = _with(_engagement(STRONG, refuses, keep_un_steps=False), "Hold public hearings with families of people who died in custody.",
                       "Weekly watch on new arrests at the police station.")
    assert grade(home_watch).criterion("balance").score <= 0.4 * WEIGHTS["balance"]
    keeps = grade(_engagement(STRONG, NONE_BLOCK, keep_un_steps=False))
    assert keeps.criterion("balance").score == WEIGHTS["balance"], keeps.criterion("balance").feedback


def test_a_step_dated_on_the_wrong_side_of_the_review_adds_nothing_as_planned():
    """Asking the Government about its responses before the review has even happened cannot
    happen: the step's added value does not count, and the timeline says why."""
    early = _with(STRONG, "    recommendations: [KEN-S35-020]\n    when: 2028-02", "    recommendations: [KEN-S35-020]\n    when: 2027-06")
    result = grade(early)
    added = result.criterion("added_value")
    assert "Activity I4" in added.feedback and "cannot happen" in added.feedback, added.feedback
    assert added.score <= grade(STRONG).criterion("added_value").score - 0.75 * WEIGHTS["added_value"] / 4
    assert "I4" in result.criterion("timeline").feedback
    # Within the stage's window (give or take the calendar's tolerance) it counts in full.
    on_time = _with(STRONG, "    recommendations: [KEN-S35-020]\n    when: 2028-02", "    recommendations: [KEN-S35-020]\n    when: 2027-12")
    assert grade(on_time).criterion("added_value").score == grade(STRONG).criterion("added_value").score


def test_pressure_and_attention_add_something_only_through_a_un_product():
    """Red team R4: "the world is watching" in new words is not a mechanism; the same pressure
    through a recommendation on the record is."""
    accepted = (
        "The Government accepted this recommendation before the Human Rights Council, so\n"
        "      delay now has a diplomatic cost that our domestic lobbying alone cannot impose."
    )
    cliche = grade(_with(STRONG, accepted, "Because the eyes of the world are on Kenya, the Inspector-General\n      must finally act on custody deaths."))
    with_product = "Because this recommendation is on the record and the eyes of the world are on Kenya,\n      the Inspector-General must act."
    product = grade(_with(STRONG, accepted, with_product))
    assert "I3" in cliche.criterion("added_value").feedback and "eyes of the world" in cliche.criterion("added_value").feedback
    assert cliche.criterion("added_value").score < product.criterion("added_value").score


@pytest.mark.parametrize(
    "text, target, indicator",
    [
        ("Kenya receives at least five recommendations to ratify OPCAT.", "Cabinet Secretary for Justice", "Recommendations made"),
        ("Five recommending governments put OPCAT ratification into their statements on Kenya.", "Cabinet Secretary for Justice", "Statements"),
        ("Kenya's delegation answers 'supported' to the OPCAT recommendations.", "Attorney-General", "Response published"),
        ("OPCAT ratification is raised in the review.", "Attorney-General", "Statements listed in the Working Group report"),
        ("Kenia recibe recomendaciones para ratificar el OPCAT.", "Fiscal General", "Recomendaciones"),
        ("La ratification de l'OPCAT est soulevée.", "Procureur général", "Paragraphes du rapport du groupe de travail"),
    ],
)
def test_an_objective_that_is_a_result_in_geneva_is_not_domestic(text, target, indicator):
    """Red team R3: a UN result in other words (received recommendations, an answer in the
    addendum, a UN document as the indicator) is not a change at home."""
    from types import SimpleNamespace

    from upr_course.rubric.criteria import _objective_is_domestic

    assert not _objective_is_domestic(SimpleNamespace(text=text, target=target, indicator=indicator))
    domestic = SimpleNamespace(text="Parliament passes the OPCAT ratification bill.", target="Justice and Legal Affairs Committee", indicator="Bill passed")
    assert _objective_is_domestic(domestic)
