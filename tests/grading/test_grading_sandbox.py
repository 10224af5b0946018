"""The pieces of trusted grading on their own: answers as data, the clean check, the sandbox's refusal, fuzzing.

The attacks through real ``nbgrader autograde`` are in ``test_grading_attacks.py`` (slow,
needs bubblewrap). These run everywhere, also on a machine without bubblewrap.
"""

from __future__ import annotations

import json
import string
from pathlib import Path

import nbformat
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from upr_course.grading import answer_check, kernel_sandbox
from upr_course.grading.answers import parse_record, read_cell_answers, recorder_source
from upr_course.grading.execute import NOT_RUN_KEY, SandboxedExecute
from upr_course.grading.submissions import check_notebook, suspicious_code


def test_literal_answers_are_read_without_running_anything():
    found = read_cell_answers("decisions", 'DECISIONS = {"story_a": "engage", "story_b": "not now"}\nYEAR: int = 2029\n')
    assert found.values == {"DECISIONS": {"story_a": "engage", "story_b": "not now"}, "YEAR": 2029}
    assert found.computed == []


def test_computed_or_changed_answers_need_the_kernel():
    found = read_cell_answers("counts", "N_RECS = len(mine)\nSHARE = 0.5\nSHARE = 0.6\nD = {}\nD['a'] = 1\n(W := 3)\nfor I in []: pass\n_private = 1\n")
    assert found.values == {}
    assert set(found.computed) == {"N_RECS", "SHARE", "D", "W", "I"}


def test_a_saved_answers_structure_is_used_as_it_is():
    saved = {"upr_course": {"form": "04-supported-or-noted", "answers": {"CHOICE": "push", "_hidden": 1}}}
    found = read_cell_answers("choice", "exercises.tactics_form(CHOSEN)\n", saved)
    assert found.values == {"CHOICE": "push"}
    # ... only while the cell is the form's own line: an empty cell shows nothing, so nothing is graded (R13's rule)
    found = read_cell_answers("choice", "", saved)
    assert found.values == {} and found.unused_saved == {"CHOICE": "push"}


def test_a_deep_expression_is_named_not_a_crash():
    found = read_cell_answers("deep", "X = " + "+".join(["1"] * 100_000))
    assert found.problem and not found.values
    assert suspicious_code("X = " + "+".join(["1"] * 100_000))


def test_the_kernel_record_is_read_back_only_after_its_own_mark():
    source, mark = recorder_source(["A"])
    assert "json.dumps" in source
    assert parse_record(f'{mark}{{"values": {{"A": 1}}, "skipped": {{}}}}\n', mark) == {"values": {"A": 1}, "skipped": {}}
    assert parse_record('@@upr-course-answers@@forged@@{"values": {"A": 4}}', mark) is None
    assert parse_record(mark + "not json", mark) is None


def test_the_clean_check_runs_the_trainers_notebook_with_the_participants_values(tmp_path):
    nb = nbformat.v4.new_notebook()
    answer = nbformat.v4.new_code_cell("ANSWER = 42")
    answer.metadata["nbgrader"] = {"grade_id": "answer", "solution": True, "grade": False}
    test = nbformat.v4.new_code_cell("assert isinstance(ANSWER, int), 'a number'\nprint('ok')\nmin(max(float(ANSWER == 42) * 2, 0.0), 2.0)")
    test.metadata["nbgrader"] = {"grade_id": "test", "solution": False, "grade": True, "points": 2}
    nb.cells = [nbformat.v4.new_code_cell("HELPER = 1"), answer, test]
    source = tmp_path / "source.ipynb"
    nbformat.write(nb, source)
    right = answer_check.check({"source": str(source), "answers": {"answer": {"ANSWER": 42}}})
    assert right["tests"]["test"] == {"stdout": "ok\n", "value": "2.0", "error": None}
    wrong = answer_check.check({"source": str(source), "answers": {"answer": {"ANSWER": "42"}}})
    assert wrong["tests"]["test"]["error"]["ename"] == "AssertionError"
    missing = answer_check.check({"source": str(source), "answers": {}})
    assert missing["tests"]["test"]["error"]["ename"] == "NameError"


def test_without_bubblewrap_the_sandbox_says_how_to_get_it(monkeypatch):
    monkeypatch.setattr(kernel_sandbox.shutil, "which", lambda name: None)
    status = kernel_sandbox.sandbox_status()
    assert not status.available and "apt-get install bubblewrap" in status.reason


def test_without_a_sandbox_no_participant_code_runs(tmp_path, monkeypatch):
    monkeypatch.setattr("upr_course.grading.execute.sandbox_status", lambda: kernel_sandbox.SandboxStatus(False, "bubblewrap is not installed"))
    monkeypatch.delenv("UPR_COURSE_SANDBOX", raising=False)
    marker = tmp_path / "ran"
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(f"open({str(marker)!r}, 'w').write('x')")]
    resources = {"metadata": {"path": str(tmp_path)}}
    SandboxedExecute().preprocess(nb, resources)
    assert not marker.exists()
    assert "no sandbox" in resources[NOT_RUN_KEY] and "bubblewrap is not installed" in resources[NOT_RUN_KEY]


@pytest.mark.skipif(not kernel_sandbox.sandbox_status().available, reason=f"no sandbox here: {kernel_sandbox.sandbox_status().reason}")
def test_the_sandbox_hides_the_course_and_the_environment_and_has_no_network(tmp_path, monkeypatch):
    from nbclient import NotebookClient

    monkeypatch.setenv("UPR_COURSE_GRADEBOOK_URL", "postgresql://u:SECRET@h/db")
    nb = nbformat.v4.new_notebook()
    nb.metadata.kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    repo = Path(__file__).resolve().parents[2]
    nb.cells = [nbformat.v4.new_code_cell(code) for code in (
        "import os, socket\nprint(sorted(os.environ))",
        f"print([os.path.exists(p) for p in [{str(repo / 'solutions')!r}, {str(repo / 'tests')!r}, {str(Path.home())!r} + '/.bashrc']])",
        "try:\n    socket.create_connection(('127.0.0.1', 9), timeout=2)\nexcept OSError as error:\n    print('no network:', type(error).__name__)",
        "from upr_course import timeline\nprint('package ok')",
    )]
    sandbox = kernel_sandbox.Sandbox(tmp_path / "box")
    sandbox.work.mkdir(parents=True)
    sandbox.prepare()
    NotebookClient(nb, km=kernel_sandbox.SandboxedKernelManager(kernel_name="python3", sandbox=sandbox), timeout=60).execute()
    texts = ["".join(o.get("text", "") for o in cell.outputs) for cell in nb.cells]
    assert "UPR_COURSE_GRADEBOOK_URL" not in texts[0] and "SECRET" not in texts[0]
    assert texts[1].strip() == "[False, False, False]"
    assert "no network" in texts[2]
    assert "package ok" in texts[3]


printable = st.text(alphabet=string.printable, max_size=300)
json_like = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | printable,
                         lambda children: st.lists(children, max_size=4) | st.dictionaries(printable, children, max_size=4), max_leaves=20)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(source=printable)
def test_fuzz_reading_and_scanning_any_cell_never_raises(source):
    read_cell_answers("x", source)
    suspicious_code(source)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(content=json_like | printable)
def test_fuzz_checking_any_submitted_file_never_raises(tmp_path_factory, content):
    path = tmp_path_factory.mktemp("fuzz") / "nb.ipynb"
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    problems = check_notebook(path, {"answer": "answer", "test": "test"})
    assert all(p.message for p in problems)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(
    cells=st.lists(
        st.fixed_dictionaries(
            {
                "cell_type": st.sampled_from(["code", "markdown", "raw", 3]),
                "source": printable | st.lists(printable, max_size=3),
                "metadata": st.fixed_dictionaries({"nbgrader": json_like}),
            }
        ),
        max_size=5,
    ),
    version=st.sampled_from([3, 4, 5, "4", None]),
)
def test_fuzz_notebooks_with_odd_cells_and_versions_never_raise(tmp_path_factory, cells, version):
    path = tmp_path_factory.mktemp("fuzz") / "nb.ipynb"
    body = {"cells": cells, "nbformat": version, "metadata": {}} if version != 3 else {"worksheets": [{"cells": cells}], "nbformat": 3, "metadata": {}}
    path.write_text(json.dumps(body), encoding="utf-8")
    check_notebook(path, {"answer": "answer"})
