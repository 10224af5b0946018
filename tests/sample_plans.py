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
