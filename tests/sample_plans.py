"""Plans shared by several test files: one copy of each, so that they cannot drift apart.

The plans are YAML files in ``tests/fixtures/plans/`` (README.md there says what each one is
for), written as a participant writes a plan; ``plan_text(name)`` reads one, exactly as it is
on disk, because tests point at its line numbers. Import the names below, or call
``plan_text`` for another file of that folder.
"""

from __future__ import annotations

from pathlib import Path

PLANS = Path(__file__).resolve().parent / "fixtures" / "plans"


def plan_text(name: str) -> str:
    """The text of ``tests/fixtures/plans/<name>.yaml``, unchanged."""
    path = PLANS / f"{name}.yaml"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in PLANS.glob("*.yaml")))
        raise FileNotFoundError(f"no plan {name!r} in {PLANS}; the plans there are: {known}")
    return path.read_text(encoding="utf-8")


#: A weak Kenya plan: generic objectives, a copied added_value, filler brought home, no media or risks.
WEAK_PLAN = plan_text("weak-kenya")

#: A strong Kenya plan, graded against the fake context of tests/rubric/test_rubric.py (and by
#: the command line in tests/cli/test_cli.py, with real ids: ``strong_plan_with_real_ids``).
STRONG_KENYA_PLAN = plan_text("strong-kenya")

#: The example of the action plan format's spec (shared/specs/action-plan-format.md), with the
#: recommendation id filled in: the contract that tests/plan/test_plan.py checks line by line.
SPEC_EXAMPLE = plan_text("spec-example-kenya")


def strong_plan_with_real_ids() -> str:
    """The strong Kenya plan, with its two recommendation ids replaced by a real, supported one
    from the course's datasets (for the command line and the notebook face, which look ids up)."""
    from upr_course import data

    recs = data.recommendations()
    kenya = recs.loc[(recs["sur_iso3"] == "KEN") & recs["text"].str.contains("torture", case=False)]
    supported = kenya.loc[kenya["response"] == "Supported", "id"].iloc[0]
    return STRONG_KENYA_PLAN.replace("KEN-S35-010", supported).replace("KEN-S35-020", supported)


#: A small Working Group report (Kenya, session 49): the importers' tests and their Spanish and
#: French messages read the same text.
SMALL_WG_REPORT = (Path(__file__).resolve().parent / "fixtures" / "reports" / "kenya-wg-report-small.txt").read_text(encoding="utf-8")
