"""Property tests: whatever text a participant pastes, ``parse_plan`` answers Plan or PlanError.

A traceback in a notebook tells a human rights defender that the tool is broken, not that
their plan needs a fix, so the only acceptable outcomes are a Plan or a PlanError whose
messages are single plain lines with a correct line number. Valid plans built at random
must also come back with the values that were written.
"""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from test_plan import EXAMPLE, fake_lookup
from upr_course.plan import ADDS, STAGES, Plan, PlanDate, PlanError, parse_plan

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MEDIUM = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def check(text) -> Plan | None:
    """Parse, and assert the result is a Plan or a well-formed PlanError."""
    try:
        return parse_plan(text, country_lookup=fake_lookup)
    except PlanError as error:
        assert error.problems, "a PlanError must say what is wrong"
        n_lines = len(_BREAKS.split(text)) if isinstance(text, str) else None
        for problem in error.problems:
            assert isinstance(problem.message, str) and problem.message.strip()
            assert "\n" not in problem.message and "Traceback" not in problem.message
            if problem.line is not None:
                assert problem.message.startswith(f"Line {problem.line}: ")
                assert problem.line >= 1
                if n_lines is not None:
                    assert problem.line <= n_lines + 1
        assert str(error).splitlines() == [p.message for p in error.problems]
        return None


# --------------------------------------------------------------------------------------------
# Any input


@SETTINGS
@given(st.text())
def test_any_text(text):
    check(text)


@SETTINGS
@given(st.text(st.characters(exclude_categories=()), max_size=200))
def test_any_unicode_including_surrogates_and_controls(text):
    check(text)


@FEW
@given(st.binary(max_size=300))
def test_any_bytes(data):
    check(data)


YAML_ALPHABET = st.sampled_from(list(":-[]{}#&*!|>'\",?%@`~ \n\t\r") + ["a", "b", "0", "1", "- ", ": ", "\n  ", "---", "...", "\ufeff"])


@SETTINGS
@given(st.lists(YAML_ALPHABET, max_size=80).map("".join))
def test_text_made_of_yaml_syntax(text):
    check(text)


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.dates(),
    st.sampled_from(["no", "yes", "on", "off", "2028-02-30", "2031-13", "O1", "NO", "~", "null"]),
)
keys = st.one_of(
    st.sampled_from(
        ["format", "country", "issue", "goal", "objectives", "id", "text", "due", "when", "adds", "stage", "media", "risks"]
    ),
    st.text(max_size=10),
    st.integers(),
    st.none(),
)
structures = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=5)),
    max_leaves=12,
)


@SETTINGS
@given(structures, st.sampled_from([{}, {"default_flow_style": True}, {"allow_unicode": True}]))
def test_any_yaml_structure(value, options):
    check(yaml.safe_dump(value, **options))


@FEW
@given(st.dictionaries(keys, structures, max_size=8))
def test_any_mapping_on_top_of_a_valid_plan_start(extra):
    check("format: upr-action-plan/1\ncountry: Kenya\n" + yaml.safe_dump(extra))


# --------------------------------------------------------------------------------------------
# Mutations of the valid example

EXAMPLE_LINES = EXAMPLE.splitlines(keepends=True)
GARBAGE = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "\t- x\n",
            "  : :\n",
            "- [\n",
            "id: O1\n",
            "    due: 2028-02-30\n",
            "  - id: O1\n",
            "    stage: geneva\n",
            "*alias\n",
            "&anchor x\n",
            "---\n",
            "objectives: nothing\n",
            "    adds: leverage\n",
            "        deeper: [1, {2: 3}]\n",
            "'\n",
        ]
    ),
)


@SETTINGS
@given(st.integers(0, len(EXAMPLE_LINES) - 1))
def test_deleting_any_line(index):
    check("".join(EXAMPLE_LINES[:index] + EXAMPLE_LINES[index + 1 :]))


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, len(EXAMPLE_LINES)), GARBAGE), min_size=1, max_size=4))
def test_inserting_garbage_lines(insertions):
    lines = list(EXAMPLE_LINES)
    for index, garbage in insertions:
        lines.insert(min(index, len(lines)), garbage if garbage.endswith("\n") else garbage + "\n")
    check("".join(lines))


@SETTINGS
@given(st.integers(0, len(EXAMPLE_LINES) - 1), st.integers(0, 120), st.text(max_size=5))
def test_changing_characters_in_a_line(index, position, new):
    lines = list(EXAMPLE_LINES)
    line = lines[index]
    lines[index] = line[:position] + new + line[position + 1 :]
    check("".join(lines))


def _paths(value, prefix=()):
    """Every path into a nested structure, for choosing what to mutate."""
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, prefix + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, prefix + (index,))


EXAMPLE_DATA = yaml.safe_load(EXAMPLE)
EXAMPLE_PATHS = [p for p in _paths(EXAMPLE_DATA) if p]


def _mutated(path, action, replacement):
    data = yaml.safe_load(EXAMPLE)
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    if action == "delete":
        del parent[path[-1]]
    else:
        parent[path[-1]] = replacement
    return data


@MEDIUM
@given(st.sampled_from(EXAMPLE_PATHS), st.sampled_from(["delete", "replace"]), structures)
def test_deleting_a_field_or_changing_its_type(path, action, replacement):
    data = _mutated(path, action, replacement)
    plan = check(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    required = {
        "format", "country", "issue", "goal", "objectives", "domestic_activities", "international_activities",
        "media", "risks", "id", "text", "target", "indicator", "due", "objective", "when", "stage", "adds",
        "added_value", "brought_home", "moment", "risk", "mitigation",
    }  # fmt: skip
    if action == "delete" and path[-1] in required:
        assert plan is None, f"deleting required {path} must make the plan malformed"


@FEW
@given(st.sampled_from(["due", "when"]), st.sampled_from(["2028-02-30", "2031-13", "2027", "March", "2027-6-1"]))
def test_an_invalid_date_anywhere_is_malformed_and_cites_its_line(field, value):
    text = EXAMPLE.replace(f"{field}: 20", f"{field}: {value} # was 20", 1)
    with pytest.raises(PlanError) as caught:
        parse_plan(text, country_lookup=fake_lookup)
    (problem,) = caught.value.problems
    assert value in text.splitlines()[problem.line - 1]


# --------------------------------------------------------------------------------------------
# Random valid plans come back as written

ids = st.from_regex(r"[A-Za-z][A-Za-z0-9_-]{0,6}", fullmatch=True)
texts = st.one_of(
    st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=40),
    st.sampled_from(["no", "yes", "On", "2027-06", "O1", "null", "x: y", "#hash", "- dash", "*star", "&amp", "'q'"]),
)
dates = st.builds(PlanDate, st.integers(1990, 2099), st.integers(1, 12), st.one_of(st.none(), st.integers(1, 28)))


@st.composite
def valid_plans(draw):
    all_ids = draw(st.lists(ids, min_size=0, max_size=8, unique=True))
    n_obj = draw(st.integers(0, len(all_ids)))
    n_dom = draw(st.integers(0, len(all_ids) - n_obj))
    obj_ids, dom_ids, int_ids = all_ids[:n_obj], all_ids[n_obj : n_obj + n_dom], all_ids[n_obj + n_dom :]
    ref = st.one_of(st.sampled_from(obj_ids) if obj_ids else st.just("O1"), texts)
    return {
        "format": "upr-action-plan/1",
        "country": draw(st.sampled_from(["Kenya", "KEN", "india", "Nepal", "South Africa", "NO", "Norway"])),
        **({"organisation": draw(texts)} if draw(st.booleans()) else {}),
        "issue": draw(texts),
        "goal": draw(texts),
        "objectives": [
            {"id": i, "text": draw(texts), "target": draw(texts), "indicator": draw(texts), "due": str(draw(dates))}
            for i in obj_ids
        ],
        "domestic_activities": [
            {"id": i, "text": draw(texts), "objective": draw(ref), "when": str(draw(dates))} for i in dom_ids
        ],
        "international_activities": [
            {
                "id": i,
                "stage": draw(st.sampled_from(list(STAGES))),
                "text": draw(texts),
                "objective": draw(ref),
                "adds": draw(st.lists(st.sampled_from(list(ADDS)), max_size=3)),
                "added_value": draw(texts),
                "brought_home": draw(texts),
                "when": str(draw(dates)),
                **({"recommendations": draw(st.lists(texts, max_size=3))} if draw(st.booleans()) else {}),
            }
            for i in int_ids
        ],
        "media": [{"moment": draw(st.sampled_from(list(STAGES))), "text": draw(texts)} for _ in range(draw(st.integers(0, 2)))],
        "risks": [{"risk": draw(texts), "mitigation": draw(texts)} for _ in range(draw(st.integers(0, 2)))],
    }


def _clean(text):
    return text.strip()


@MEDIUM
@given(valid_plans(), st.sampled_from([{}, {"default_flow_style": True}, {"width": 20}, {"allow_unicode": True}]))
def test_random_valid_plans_parse_to_what_was_written(data, options):
    text = yaml.safe_dump(data, sort_keys=False, **options)
    plan = parse_plan(text, country_lookup=fake_lookup)
    assert plan.country == data["country"]
    assert plan.organisation == (_clean(data["organisation"]) or None if "organisation" in data else None)
    assert (plan.issue, plan.goal) == (_clean(data["issue"]), _clean(data["goal"]))
    assert [(o.id, o.text, o.target, o.indicator, str(o.due)) for o in plan.objectives] == [
        (o["id"], _clean(o["text"]), _clean(o["target"]), _clean(o["indicator"]), o["due"]) for o in data["objectives"]
    ]
    assert [(d.id, d.objective, str(d.when)) for d in plan.domestic_activities] == [
        (d["id"], _clean(d["objective"]), d["when"]) for d in data["domestic_activities"]
    ]
    assert [(a.id, a.stage, a.adds, a.added_value, a.brought_home, a.recommendations) for a in plan.international_activities] == [
        (
            a["id"],
            a["stage"],
            tuple(a["adds"]),
            _clean(a["added_value"]),
            _clean(a["brought_home"]),
            tuple(_clean(r) for r in a.get("recommendations", [])),
        )
        for a in data["international_activities"]
    ]
    assert [m.moment for m in plan.media] == [m["moment"] for m in data["media"]]
    assert [(r.risk, r.mitigation) for r in plan.risks] == [(_clean(r["risk"]), _clean(r["mitigation"])) for r in data["risks"]]
    # Every item's line is known and points at a line of the text.
    n_lines = len(_BREAKS.split(text))
    for item in (*plan.objectives, *plan.domestic_activities, *plan.international_activities, *plan.media, *plan.risks):
        assert item.line is not None and 1 <= item.line <= n_lines


@FEW
@given(valid_plans())
def test_a_duplicated_id_is_always_malformed(data):
    items = data["objectives"] + data["domestic_activities"] + data["international_activities"]
    assume(len(items) >= 2)
    items[-1]["id"] = items[0]["id"]
    with pytest.raises(PlanError) as caught:
        parse_plan(yaml.safe_dump(data, sort_keys=False), country_lookup=fake_lookup)
    assert [p.field.rsplit(".", 1)[-1] for p in caught.value.problems] == ["id"]


# --------------------------------------------------------------------------------------------
# Size and time


def test_a_plan_with_500_activities_parses_quickly():
    data = yaml.safe_load(EXAMPLE)
    template = data["international_activities"][0]
    data["international_activities"] = [dict(template, id=f"I{n}") for n in range(500)]
    data["domestic_activities"] = [dict(data["domestic_activities"][0], id=f"D{n}") for n in range(500)]
    text = yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), sort_keys=False)
    plan = parse_plan(text, country_lookup=fake_lookup)
    assert len(plan.international_activities) == 500 and len(plan.domestic_activities) == 500
    assert plan.international_activities[499].line == text.splitlines().index("- id: I499") + 1


@pytest.mark.parametrize(
    "text",
    [
        "[" * 10_000,
        "{" * 10_000,
        "- " * 10_000,
        "a:\n" + "".join(" " * i + "b:\n" for i in range(1, 3000)),
        "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(f"a{i}: &a{i} [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n" for i in range(30)),
        "[" * 400_000 + "]" * 400_000,
        "- x\n" * 100_000,
    ],
    ids=["brackets", "braces", "dashes", "indents", "alias-bomb", "huge-nesting", "many-items"],
)
def test_hostile_texts_are_refused(text):
    with pytest.raises(PlanError):
        parse_plan(text, country_lookup=fake_lookup)
