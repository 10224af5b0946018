"""More hostile input for ``upr-course grade``: attacks a red-team session tried on the real command.

Each test runs the real command in a child process (as a trainer would), so a hang or a crash
shows as one. Every attack is an ordinary test: the ones
that got through when they were written ("gets through" below) have been fixed since, and
``attack_repros/FINDINGS.md`` (in tests/grading) says how, with the write-up of each one.

- a plan that repeats one ``added_value`` under every UN step, with some letters swapped for
  look-alike Cyrillic ones (``а``, ``е``, ``о``): the "same text" check misses it (gets through);
- the same with zero-width spaces inside the words (blocked: scores no more than plain repetition);
- cue words hidden in a field the format does not know (blocked: not read, and flagged);
- a YAML "billion laughs" and a ``!!python/object`` tag (blocked);
- a plan "file" that is a FIFO, or a link to ``/dev/zero`` (gets through: a hang, or all memory);
- twenty plans with values of the wrong type or shape in one batch (a number for a country, a list
  for a stage, dates like 99999-01 or 2027-06-31, NaN, repeated ids...) (blocked: a sentence each,
  the batch goes on);
- a plan file named ``=HYPERLINK(...).yaml``: its name starts a cell of the ``--csv`` gradebook,
  which a spreadsheet reads as a formula (gets through).
"""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sample_plans import WEAK_PLAN, strong_plan_with_real_ids

AS_OF = "2026-11-29"
ADDED = ("Puts our evidence into the UN summary that recommending States read, so that several States recommend it and the "
         "Government must answer each recommendation in public; accepted before the Human Rights Council, delay now has a "
         "diplomatic cost that our domestic lobbying alone cannot impose.")
HOME = ("We quote every recommendation in our letter to the Cabinet Secretary and in the committee briefing (D1); six-monthly "
        "public scorecard sent to the Ministry, Parliament and the press.")
LOOK_ALIKE = {"a": "\u0430", "e": "\u0435", "o": "\u043e", "p": "\u0440", "c": "\u0441", "i": "\u0456"}


def grade(*paths: Path, timeout: float = 120, limit_memory: int | None = None) -> subprocess.CompletedProcess:
    def limits():
        if limit_memory:
            resource.setrlimit(resource.RLIMIT_AS, (limit_memory, limit_memory))

    return subprocess.run([sys.executable, "-m", "upr_course.cli", "grade", *map(str, paths), "--json", "--as-of", AS_OF],
                          capture_output=True, text=True, timeout=timeout, preexec_fn=limits, env={**os.environ, "UPR_COURSE_LANG": "en"})


def criteria(done: subprocess.CompletedProcess) -> dict[str, float]:
    result = json.loads(done.stdout)
    return {c["id"]: c["score"] for c in result["criteria"]} | {"total": result["total"]}


def _with_texts(tmp_path: Path, name: str, added, home) -> Path:
    """The strong plan (real ids), each UN step's added_value and brought_home replaced by ``added(i)`` and ``home(i)``."""
    plan = yaml.safe_load(strong_plan_with_real_ids())
    plan = json.loads(json.dumps(plan, default=str))
    for index, activity in enumerate(plan["international_activities"]):
        activity["added_value"] = added(index)
        activity["brought_home"] = home(index)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(plan, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def _disguise(text: str, seed: int) -> str:
    """Half the words get some letters swapped for Cyrillic look-alikes: the same sentence, to a reader."""
    rnd = random.Random(seed)
    out = []
    for word in text.split(" "):
        if rnd.random() < 0.5:
            word = "".join(LOOK_ALIKE.get(ch, ch) if rnd.random() < 0.5 else ch for ch in word)
        out.append(word)
    return " ".join(out)


def _zero_width(text: str, seed: int) -> str:
    rnd = random.Random(seed)
    return " ".join(w[:1] + "\u200b" + w[1:] if rnd.random() < 0.5 and len(w) > 3 else w for w in text.split(" "))


@pytest.fixture(scope="module")
def repeated(tmp_path_factory):
    """The same added_value and brought_home under every UN step, plainly: the baseline the disguises must not beat."""
    path = _with_texts(tmp_path_factory.mktemp("plain"), "repeated.yaml", lambda i: ADDED, lambda i: HOME)
    done = grade(path)
    assert done.returncode in (0, 1), done.stderr[-2000:]
    return criteria(done)


def test_plain_repetition_scores_nothing_for_what_each_step_adds(repeated):
    assert repeated["added_value"] == 0.0 and repeated["brought_home"] == 0.0


def test_look_alike_letters_do_not_hide_a_repeated_added_value(tmp_path, repeated):
    path = _with_texts(tmp_path, "lookalike.yaml", lambda i: _disguise(ADDED, i), lambda i: _disguise(HOME, 100 + i))
    done = grade(path)
    got = criteria(done)
    assert got["added_value"] <= repeated["added_value"] + 0.5, got
    assert got["total"] <= repeated["total"] + 0.5, got


def test_zero_width_spaces_do_not_hide_a_repeated_added_value(tmp_path, repeated):
    path = _with_texts(tmp_path, "zerowidth.yaml", lambda i: _zero_width(ADDED, i), lambda i: _zero_width(HOME, 100 + i))
    got = criteria(grade(path))
    assert got["added_value"] <= repeated["added_value"] + 0.5, got
    assert got["brought_home"] <= repeated["brought_home"] + 0.5, got


def test_cue_words_in_a_field_the_format_does_not_know_are_not_read_and_are_flagged(tmp_path):
    weak = tmp_path / "weak.yaml"
    weak.write_text(WEAK_PLAN, encoding="utf-8")
    hidden = tmp_path / "hidden.yaml"
    filler = (ADDED + " " + HOME + " media risk reprisal mitigation review stakeholder report implementation ") * 20
    hidden.write_text(WEAK_PLAN + "\nnotes: |\n  " + filler + "\n", encoding="utf-8")
    base, stuffed = grade(weak), grade(hidden)
    assert criteria(stuffed)["total"] == criteria(base)["total"]
    review = json.loads(stuffed.stdout)["review"]
    assert review["needed"] and any("'notes'" in reason for reason in review["reasons"]), review


def test_a_billion_laughs_plan_is_refused_quickly_with_a_sentence(tmp_path):
    levels = "a: &a [x,x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8))
    path = tmp_path / "laughs.yaml"
    path.write_text(levels + WEAK_PLAN, encoding="utf-8")
    done = grade(path, timeout=60, limit_memory=2 * 1024**3)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "too long" in json.loads(done.stdout)["errors"][0]["message"]


def test_a_python_object_tag_runs_nothing(tmp_path):
    marker = tmp_path / "PWNED"
    path = tmp_path / "tag.yaml"
    path.write_text(WEAK_PLAN + f"\nx: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    done = grade(path)
    assert "Traceback" not in done.stderr
    assert not marker.exists()


@pytest.mark.slow  # waits 30 s while the finding stands
def test_a_fifo_named_like_a_plan_is_refused_not_waited_for(tmp_path):
    fifo = tmp_path / "plan.yaml"
    os.mkfifo(fifo)
    good = tmp_path / "good.yaml"
    good.write_text(WEAK_PLAN, encoding="utf-8")
    try:
        done = grade(fifo, good, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("upr-course grade waited 30 s on a FIFO and never graded the other plan")
    assert done.returncode == 2 and "Traceback" not in done.stderr


@pytest.mark.slow  # reads up to 1.5 GB while the finding stands
def test_a_plan_linked_to_dev_zero_is_refused_with_a_sentence(tmp_path):
    link = tmp_path / "plan.yaml"
    link.symlink_to("/dev/zero")
    # Limit the child's memory: without a defence it reads /dev/zero until the limit (8 GB in 20 s unlimited).
    done = grade(link, timeout=60, limit_memory=1536 * 1024**2)
    assert done.returncode == 2, done.stderr[-500:]
    assert "Traceback" not in done.stderr


def test_a_file_name_never_starts_a_formula_in_the_csv_gradebook(tmp_path):
    import csv

    plan = tmp_path / '=HYPERLINK("evil.example","open").yaml'
    plan.write_text(WEAK_PLAN, encoding="utf-8")
    table = tmp_path / "grades.csv"
    done = subprocess.run([sys.executable, "-m", "upr_course.cli", "grade", plan.name, "--csv", str(table), "--as-of", AS_OF],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode in (0, 1), done.stderr[-1000:]
    with table.open(encoding="utf-8") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert any("HYPERLINK" in cell for cell in cells)  # the row is there
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")], cells


WRONG_SHAPES = {
    "due_far": lambda d: d["objectives"][0].__setitem__("due", "99999-01"),
    "due_zero": lambda d: d["objectives"][0].__setitem__("due", "0000-00"),
    "due_nan": lambda d: d["objectives"][0].__setitem__("due", float("nan")),
    "when_int": lambda d: d["international_activities"][0].__setitem__("when", 202703),
    "when_list": lambda d: d["international_activities"][0].__setitem__("when", [1, 2]),
    "when_day_31": lambda d: d["international_activities"][0].__setitem__("when", "2027-06-31"),
    "recs_dicts": lambda d: d["international_activities"][0].__setitem__("recommendations", [{"a": 1}, None, 5]),
    "recs_text": lambda d: d["international_activities"][0].__setitem__("recommendations", "KEN-S21-064"),
    "adds_int": lambda d: d["international_activities"][0].__setitem__("adds", 123),
    "stage_list": lambda d: d["international_activities"][0].__setitem__("stage", ["review"]),
    "country_int": lambda d: d.__setitem__("country", 404),
    "country_look_alike": lambda d: d.__setitem__("country", "K\u0435nya"),
    "objectives_text": lambda d: d.__setitem__("objectives", "all of them"),
    "objective_list": lambda d: d["international_activities"][0].__setitem__("objective", ["O1", "O2"]),
    "ids_repeated": lambda d: [a.__setitem__("id", "I1") for a in d["international_activities"]],
    "media_mixed": lambda d: d.__setitem__("media", [None, 3, "x"]),
    "risks_dict": lambda d: d.__setitem__("risks", {"risk": "x"}),
    "engagement_odd": lambda d: d.__setitem__("engagement", {"decision": ["light"], "reasons": 5}),
    "format_99": lambda d: d.__setitem__("format", "upr-action-plan/99"),
}


def test_values_of_the_wrong_type_or_shape_get_a_sentence_each_and_the_batch_goes_on(tmp_path):
    base = json.loads(json.dumps(yaml.safe_load(strong_plan_with_real_ids()), default=str))
    paths = []
    for name, change in WRONG_SHAPES.items():
        plan = json.loads(json.dumps(base))
        change(plan)
        paths.append(tmp_path / f"{name}.yaml")
        paths[-1].write_text(yaml.safe_dump(plan, sort_keys=False, allow_unicode=True), encoding="utf-8")
    done = grade(*paths, timeout=300)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr[-2000:]
    results = json.loads(done.stdout)
    assert [Path(r["plan"]).stem for r in results] == list(WRONG_SHAPES)
    assert all(r["errors"] and r["total"] == 0 for r in results), [Path(r["plan"]).stem for r in results if not r["errors"]]
