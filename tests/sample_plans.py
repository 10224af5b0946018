"""Plans shared by several test files (one copy, so they cannot drift apart)."""

#: A weak Kenya plan: generic objectives, a copied added_value, filler brought home, no media or risks.
WEAK_PLAN = """\
format: upr-action-plan/1
country: Kenya
issue: Torture
goal: Stop torture.
objectives:
  - id: O1
    text: Raise awareness about torture.
    target: Everyone
    indicator: Awareness raised
    due: 2028-06
domestic_activities:
  - id: D1
    text: Hold a workshop.
    objective: O1
    when: 2027-03
international_activities:
  - id: I1
    stage: review
    text: Go to Geneva.
    objective: O1
    adds: [visibility]
    added_value: Go to Geneva.
    brought_home: We will share what we learn.
    when: 2027-06
media: []
risks: []
"""


#: A strong Kenya plan, graded against the fake context of tests/rubric/test_rubric.py (and by the command line in tests/test_cli.py).
STRONG_KENYA_PLAN = """\
format: upr-action-plan/1
country: Kenya
organisation: Coalition on Custodial Violence
issue: Torture and ill-treatment in police custody
goal: >
  By December 2028 Parliament adopts a law that creates an independent national
  preventive mechanism with power to make unannounced visits to police cells.
objectives:
  - id: O1
    text: The Ministry of Justice tables a prevention-of-torture bill by June 2028.
    target: Cabinet Secretary for Justice
    indicator: Bill published in the Gazette
    due: 2028-06
  - id: O2
    text: At least 30 members of Parliament publicly support the bill by October 2028.
    target: Justice and Legal Affairs Committee
    indicator: Signed pledge; committee report
    due: 2028-10
domestic_activities:
  - id: D1
    text: Brief the Justice and Legal Affairs Committee with our custody-death case files.
    objective: O2
    when: 2028-04
  - id: D2
    text: Draft the bill with the Law Society and submit it to the Ministry.
    objective: O1
    when: 2027-02
  - id: D3
    text: Hold public hearings with families of people who died in custody.
    objective: O2
    when: 2028-05
international_activities:
  - id: I1
    stage: stakeholder_report
    text: Joint stakeholder report with the national coalition on deaths in custody.
    objective: O1
    adds: [leverage, visibility]
    added_value: >
      Puts our evidence into the UN summary that recommending States read, so that
      several States recommend a preventive mechanism and the Government must answer
      each recommendation in public.
    brought_home: >
      We quote every recommendation on custody in our letter to the Cabinet Secretary
      and in the committee briefing (D1).
    when: 2027-03
  - id: I2
    stage: review
    text: Watch the review with journalists in Nairobi.
    objective: O2
    adds: [media]
    added_value: >
      The webcast shows which States raised torture in custody, a news hook that
      editors cannot ignore because diplomats said it on the record.
    brought_home: >
      Our press release names the 12 States and is sent to every member of the
      Justice Committee before the hearing (D3).
    when: 2027-11
  - id: I3
    stage: implementation
    text: Track the supported recommendation on a national preventive mechanism.
    objective: O1
    adds: [leverage, accountability]
    added_value: >
      The Government accepted this recommendation before the Human Rights Council, so
      delay now has a diplomatic cost that our domestic lobbying alone cannot impose.
    brought_home: >
      Six-monthly public scorecard sent to the Ministry, Parliament and the press.
    recommendations: [KEN-S35-010]
    when: 2028-04
  - id: I4
    stage: responses
    text: Ask the Government to explain why it only noted the recommendation to ratify OPCAT.
    objective: O1
    adds: [accountability, visibility]
    added_value: >
      The noted recommendation to ratify OPCAT is a public refusal on the UN record,
      which lets us ask the Minister in Parliament to justify it.
    brought_home: >
      An opposition member tables a parliamentary question on the refusal, and we publish
      the answer in our newsletter to 40 partner groups.
    recommendations: [KEN-S35-020]
    when: 2028-02
media:
  - moment: review
    text: Press release on review day naming the States that raised torture in custody.
risks:
  - risk: Members who speak in Geneva face reprisals on return.
    mitigation: The coalition, not individuals, signs the report; brief the UN reprisals focal point beforehand.
"""
