"""Clean-process grading of the capstone, without nbgrader: extraction, grading, tampering.

The end-to-end proof through ``nbgrader autograde`` is in ``test_nbgrader_e2e.py`` (slow);
these tests run the capstone's real test-cell code in a namespace that an answer cell has
tampered with, and check every piece on its own.
"""

from __future__ import annotations

import ast
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from upr_course.grading import clean_grade
from upr_course.grading.extract import AnswerNotFound, answer_text, cell_text, literal_text
from upr_course.grading.preprocessors import (
    PLACEHOLDER,
    GradeOutsideKernel,
    PrivateFeedback,
    RequireScore,
    SkipWhenGrading,
    StudentSource,
    WriteOutsideGrades,
)
from upr_course.grading.report import capstone_spec
from upr_course.grading.submissions import check_notebook, check_submission_folder, suspicious_code
from upr_course.rubric import WEIGHTS, default_context, grade_text
from sample_plans import WEAK_PLAN

REPO = Path(__file__).resolve().parents[2]
CAPSTONE = REPO / "solutions" / "05-capstone-action-plan" / "action-plan.ipynb"
PLANS = REPO / "datasets" / "examples" / "plans"
AS_OF = dt.date(2026, 11, 29)



def nbgrader_meta(grade_id: str, **kw) -> dict:
    meta = {"grade": False, "grade_id": grade_id, "locked": False, "schema_version": 3, "solution": False, "task": False}
    meta.update(kw)
    return meta


def write_plan_notebook(folder: Path, answer_source: str, name: str = "action-plan.ipynb") -> Path:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell(answer_source)
    cell.metadata["nbgrader"] = nbgrader_meta("action_plan", solution=True)
    nb.cells = [nbformat.v4.new_markdown_cell("# A plan"), cell]
    path = folder / name
    nbformat.write(nb, path)
    return path


def capstone_cells() -> tuple[dict, list[tuple[str, float, str]]]:
    """The capstone's answer cell and its test cells (grade_id, points, source) as nbgrader stores them."""
    notebook = json.loads(CAPSTONE.read_text(encoding="utf-8"))
    answer, tests = None, []
    for cell in notebook["cells"]:
        meta = cell["metadata"].get("nbgrader", {})
        source = "".join(cell["source"])
        if meta.get("grade_id") == "action_plan":
            answer = cell
        elif meta.get("grade") and cell["cell_type"] == "code":
            tests.append((meta["grade_id"], float(meta["points"]), source))
    return answer, tests


def run_cell(source: str, namespace: dict):
    """Run a cell as IPython does: all statements, then the value of a final expression (or None)."""
    tree = ast.parse(source)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, "<cell>", "exec"), namespace)
    return eval(compile(ast.Expression(last.value), "<cell>", "eval"), namespace) if last else None


def groups_of_capstone() -> list:
    _, tests = capstone_cells()
    return capstone_spec(tests[0][2])["groups"]


# -- extraction ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "source, expected",
    [
        ('PLAN = """a: 1\n"""', "a: 1\n"),
        ("PLAN: str = 'x'", "x"),
        ('PLAN = "x" "y"', "xy"),
        ('PLAN = f"""no fields"""', "no fields"),
        ('PLAN = "old"\nPLAN = "new"', "new"),
        ('import os\nPLAN = """t"""\nprint(PLAN)', "t"),
        ('PLAN = """a\\tb"""', "a\tb"),
    ],
)
def test_literal_text_reads_the_text_written_in_the_cell(source, expected):
    assert literal_text(source, "PLAN") == expected


@pytest.mark.parametrize(
    "source, words",
    [
        ("PLAN = open('plan.yaml').read()", "computed"),
        ('PLAN = Always("x")', "computed"),
        ('PLAN = f"""{x}"""', "computed"),
        ("PLAN = OTHER", "computed"),
        ("OTHER = 'x'", "does not assign"),
        ('PLAN = """unterminated', "not valid Python"),
        ("if True:\n    PLAN = 'x'", "does not assign"),
    ],
)
def test_literal_text_refuses_anything_that_is_not_plain_text(source, words):
    with pytest.raises(AnswerNotFound, match=words):
        literal_text(source, "PLAN")


def test_answer_text_names_what_is_wrong_with_the_notebook(tmp_path):
    path = write_plan_notebook(tmp_path, 'PLAN = """hello"""')
    assert answer_text(path, "action_plan", "PLAN") == "hello"
    with pytest.raises(AnswerNotFound) as missing:
        answer_text(tmp_path / "other.ipynb", "action_plan", "PLAN")
    assert missing.value.kind == "missing_notebook"
    broken = tmp_path / "broken.ipynb"
    broken.write_text('{"cells": [', encoding="utf-8")
    with pytest.raises(AnswerNotFound) as invalid:
        answer_text(broken, "action_plan", "PLAN")
    assert invalid.value.kind == "invalid_json"
    nb = nbformat.read(path, 4)
    del nb.cells[1].metadata["nbgrader"]
    nbformat.write(nb, path)
    with pytest.raises(AnswerNotFound) as no_cell:
        answer_text(path, "action_plan", "PLAN")
    assert no_cell.value.kind == "missing_cell"


# -- clean grading ---------------------------------------------------------------------------


def test_parse_group():
    assert clean_grade.parse_group("a:12=media,risks") == ("a", ("media", "risks"), 12.0)
    assert clean_grade.parse_group("a=goal") == ("a", ("goal",), None)
    for bad in ("a", "=goal", "a:0=goal", "a:="):
        with pytest.raises(ValueError):
            clean_grade.parse_group(bad)


def test_fast_context_grades_exactly_like_the_rubric():
    texts = [p.read_text(encoding="utf-8") for p in sorted(PLANS.glob("*.yaml"))] + [WEAK_PLAN]
    slow, fast = default_context(AS_OF), clean_grade.fast_context(AS_OF)
    # The capstone's plans are handed in as the participants' own: a course example unchanged is a copy there.
    assert fast.own_work and not slow.own_work
    slow.own_work = True
    for text in texts:
        assert grade_text(text, context=fast).to_dict() == grade_text(text, context=slow).to_dict()


def test_groups_scale_the_rubric_share_to_the_cells_points():
    groups = [("all", tuple(WEIGHTS), 50.0), ("goal", ("goal",), None), ("two", ("media", "risks"), 3.0)]
    result, scores = clean_grade.grade_groups(WEAK_PLAN, groups, AS_OF)
    by_id = {c.id: c.score for c in result.criteria}
    assert scores[0].points == round(result.total / result.max * 50, 2)
    assert scores[1].points == by_id["goal"] and scores[1].max == WEIGHTS["goal"]
    assert scores[2].max == 3.0 and 0 <= scores[2].points <= 3.0
    assert scores[0].feedback[-1] == f"Points for this part: {scores[0].points:g} of 50."


def test_an_unreadable_plan_scores_zero_in_every_group_with_the_reasons():
    result, scores = clean_grade.grade_groups("country: [", [("a", ("goal",), 10.0), ("b", ("media",), 2.0)], AS_OF)
    assert not result.graded
    assert [s.points for s in scores] == [0.0, 0.0]
    assert "could not be read" in scores[0].feedback[0]


def test_unknown_criteria_are_an_authoring_error():
    with pytest.raises(ValueError, match="unknown criteria"):
        clean_grade.grade_groups(WEAK_PLAN, [("a", ("nonsense",), 1.0)], AS_OF)


def test_the_command_prints_blocks_that_the_test_cells_can_split(tmp_path):
    notebook = write_plan_notebook(tmp_path, f'PLAN = """\n{WEAK_PLAN}"""\n')
    groups = groups_of_capstone()
    args = [str(notebook), "--as-of", AS_OF.isoformat()]
    for group_id, criteria, points in groups:
        args += ["--group", f"{group_id}:{points:g}={','.join(criteria)}"]
    out = subprocess.run([sys.executable, "-I", "-m", "upr_course.grading.clean_grade", *args], capture_output=True, text=True, check=True)
    assert out.stderr == ""
    _, expected = clean_grade.grade_groups("\n" + WEAK_PLAN, groups, AS_OF)  # the cell starts the text with a line break
    for score in expected:
        block = out.stdout.partition(f"\n@@ {score.id}\n")[2].partition("\n@@ ")[0].rstrip("\n")
        assert float(block.rpartition("\n")[2]) == score.points
        assert block.rpartition("\n")[0].split("\n") == score.feedback
    as_json = json.loads(
        subprocess.run([sys.executable, "-I", "-m", "upr_course.grading.clean_grade", *args, "--json"], capture_output=True, text=True, check=True).stdout
    )
    assert as_json["plan_found"] and [g["points"] for g in as_json["groups"]] == [s.points for s in expected]


def test_the_command_gives_zero_and_a_reason_when_there_is_no_plan(tmp_path):
    notebook = write_plan_notebook(tmp_path, "PLAN = make_plan()")
    out = subprocess.run(
        [sys.executable, "-I", "-m", "upr_course.grading.clean_grade", str(notebook), "--group", "a:5=goal", "--json"],
        capture_output=True, text=True, check=True,
    )
    payload = json.loads(out.stdout)
    assert payload["plan_found"] is False and "computed" in payload["problem"]
    assert payload["groups"][0]["points"] == 0.0 and "not graded" in payload["groups"][0]["feedback"][0]


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="reads /proc (Linux)")
def test_settings_come_from_the_kernels_start_up_environment_not_from_changes_made_in_it(tmp_path):
    """An answer cell that sets os.environ['UPR_COURSE_AS_OF'] does not move the grading date."""
    notebook = write_plan_notebook(tmp_path, f'PLAN = """\n{WEAK_PLAN}"""\n')
    kernel_like = (
        "import os, subprocess, sys\n"
        "os.environ['UPR_COURSE_AS_OF'] = '2020-01-01'\n"
        f"subprocess.run([sys.executable, '-I', '-m', 'upr_course.grading.clean_grade', {str(notebook)!r}, '--trust-parent-environment', '--json'])\n"
    )
    env = {**os.environ, "UPR_COURSE_AS_OF": "2026-11-29"}
    out = subprocess.run([sys.executable, "-c", kernel_like], capture_output=True, text=True, env=env, check=True)
    assert json.loads(out.stdout)["result"]["as_of"] == "2026-11-29"


# -- the capstone's test cells, against the three tamperings ------------------------------------


def run_capstone_tests(folder: Path, answer_source: str, monkeypatch) -> list[float]:
    """Write a submission, run its answer cell then the real test cells in one namespace."""
    write_plan_notebook(folder, answer_source)
    monkeypatch.chdir(folder)
    monkeypatch.setenv("UPR_COURSE_AS_OF", AS_OF.isoformat())
    namespace: dict = {"__name__": "__main__"}
    run_cell(answer_source, namespace)
    results = []
    for _, _, source in capstone_cells()[1]:
        value = run_cell(source, namespace)
        assert type(value) is float.__mro__[0]  # a real float, whatever the name float means in the namespace
        results.append(value)
    return results


@pytest.fixture(scope="module")
def honest_weak_scores():
    _, scores = clean_grade.grade_groups(WEAK_PLAN, groups_of_capstone(), AS_OF)
    return [s.points for s in scores]


def test_the_test_cells_give_the_clean_scores(tmp_path, monkeypatch, honest_weak_scores):
    assert run_capstone_tests(tmp_path, f'PLAN = """\n{WEAK_PLAN}"""\n', monkeypatch) == honest_weak_scores


def test_rebinding_the_course_functions_in_the_answer_cell_does_not_raise_the_grade(tmp_path, monkeypatch, honest_weak_scores):
    tampered = f'PLAN = """\n{WEAK_PLAN}"""\n' + (
        "import upr_course.rubric, upr_course.notebook, upr_course.grading.clean_grade as _cg\n"
        "from upr_course.rubric.result import GradeResult\n"
        "upr_course.rubric.grade_text = lambda *a, **k: GradeResult('plan', 100.0, 100.0)\n"
        "upr_course.notebook.grade_text = upr_course.rubric.grade_text\n"
        "_cg.grade_groups = lambda *a, **k: (None, [])\n"
        "_UPR_GRADE = '\\n@@ plan_goal_link_value\\nfull marks\\n40.0\\n'\n"
    )
    import upr_course.grading.clean_grade
    import upr_course.notebook
    import upr_course.rubric

    for module, name in [(upr_course.rubric, "grade_text"), (upr_course.notebook, "grade_text"), (upr_course.grading.clean_grade, "grade_groups")]:
        monkeypatch.setattr(module, name, getattr(module, name))  # restored after the test
    assert run_capstone_tests(tmp_path, tampered, monkeypatch) == honest_weak_scores
    assert upr_course.rubric.grade_text("x").total == 100.0  # the tampering did happen in this process


def test_an_object_equal_to_everything_is_not_a_plan(tmp_path, monkeypatch):
    tampered = (
        "class Always(str):\n"
        "    def __eq__(self, other): return True\n"
        "    def __ne__(self, other): return False\n"
        "    __hash__ = str.__hash__\n"
        f'PLAN = Always("""\n{WEAK_PLAN}""")\n'
    )
    assert run_capstone_tests(tmp_path, tampered, monkeypatch) == [0.0] * 5


def test_redefining_float_in_the_answer_cell_does_not_raise_the_grade(tmp_path, monkeypatch, honest_weak_scores):
    tampered = f'PLAN = """\n{WEAK_PLAN}"""\n' + "def float(*args, **kwargs):\n    return 40.0\nmin = max = lambda *a: 40.0\n"
    assert run_capstone_tests(tmp_path, tampered, monkeypatch) == honest_weak_scores


def test_the_capstone_test_cells_use_no_names_a_participant_could_rebind():
    """Only literals, str methods, the subprocess module and names the cells bind themselves."""
    _, tests = capstone_cells()
    own = {"_sp", "_sys", "_UPR_GRADE", "_b", "_x", "print"}  # a rebound print can only lose feedback
    for grade_id, points, source in tests:
        used = {n.id for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Name)}
        assert used <= own, (grade_id, used - own)
        assert f"_x if 0.0 <= _x <= {points:.1f} else 0.0" in source, grade_id


def test_capstone_groups_cover_the_rubric_once_and_the_points_add_up():
    groups = groups_of_capstone()
    criteria = [c for _, cs, _ in groups for c in cs]
    assert sorted(criteria) == sorted(WEIGHTS)
    _, tests = capstone_cells()
    assert [(g, p) for g, _, p in groups] == [(g, p) for g, p, _ in tests]
    assert sum(p for _, p, _ in tests) == 100


# -- preprocessors ----------------------------------------------------------------------------


def grade_cell(outputs, points=4):
    cell = nbformat.v4.new_code_cell("x")
    cell.metadata["nbgrader"] = nbgrader_meta("t", grade=True, points=points, locked=True)
    cell.outputs = outputs
    return cell


def result(text):
    return nbformat.v4.new_output("execute_result", data={"text/plain": text}, execution_count=1)


@pytest.mark.parametrize("outputs, zero", [
    ([], True),
    ([result("'full marks'")], True),
    ([result("np.float64(1.5)")], True),
    ([result("5.0")], True),
    ([result("-1.0")], True),
    ([result("nan")], True),
    ([result("2.5")], False),
    ([nbformat.v4.new_output("stream", name="stdout", text="feedback\n"), result("4.0")], False),
])
def test_require_score_turns_what_nbgrader_would_misread_into_zero(outputs, zero):
    from nbgrader.utils import determine_grade

    cell, _ = RequireScore().preprocess_cell(grade_cell(outputs), {}, 0)
    score, _ = determine_grade(cell)
    assert (score == 0) is zero
    if zero:
        assert cell.outputs[-1].ename == "GradingError"


def test_private_feedback_keeps_stdout_and_the_last_line_of_an_error_only():
    error = nbformat.v4.new_output("error", ename="AssertionError", evalue="\x1b[0;31mDECISIONS must be a dictionary", traceback=["secret hidden line", "more"])
    cell = grade_cell(
        [
            nbformat.v4.new_output("stream", name="stdout", text="Goal: 10 of 10\n"),
            nbformat.v4.new_output("stream", name="stderr", text="warning at hidden.py:3"),
            error,
        ]
    )
    cell, _ = PrivateFeedback().preprocess_cell(cell, {}, 0)
    texts = [o.get("text", "") for o in cell.outputs]
    assert texts == ["Goal: 10 of 10\n", "This check did not pass. AssertionError: DECISIONS must be a dictionary\n"]
    answer = nbformat.v4.new_code_cell("x")
    answer.outputs = [error]
    assert PrivateFeedback().preprocess_cell(answer, {}, 0)[0].outputs == [error]  # participants' own cells untouched


def test_student_source_and_skip_when_grading():
    cell = nbformat.v4.new_code_cell("# YOUR CODE HERE\nraise NotImplementedError()")
    cell.metadata["upr_course"] = {"student_source": 'PLAN = """\n..."""'}
    cell, _ = StudentSource().preprocess_cell(cell, {}, 0)
    assert cell.source == 'PLAN = """\n..."""' and "upr_course" not in cell.metadata
    report = nbformat.v4.new_code_cell("check_plan(PLAN)", metadata={"tags": ["skip-when-grading"]})
    assert SkipWhenGrading().preprocess_cell(report, {}, 0)[0].source.startswith("# (Not run")
    graded = grade_cell([])
    graded.metadata["tags"] = ["skip-when-grading"]
    assert SkipWhenGrading().preprocess_cell(graded, {}, 0)[0].source == "x"
    locked = nbformat.v4.new_code_cell("setup()", metadata={"tags": ["skip-when-grading"], "nbgrader": {"grade_id": "setup", "locked": True}})
    assert SkipWhenGrading().preprocess_cell(locked, {}, 0)[0].source == "setup()"  # the trainer's cell: run whatever its tags say


# -- submission checks ------------------------------------------------------------------------


@pytest.mark.parametrize("source, words", [
    ("float = lambda x: 40.0", "float"),
    ("def float(x):\n    return 1", "float"),
    ("import upr_course.rubric\nupr_course.rubric.grade_text = None", "upr_course.rubric.grade_text"),
    ("from upr_course import notebook as nb\nnb.check_plan = print", "nb.check_plan"),
    ("class A(str):\n    def __eq__(self, o): return True", "__eq__"),
    ("class A:\n    __eq__ = lambda s, o: True", "__eq__"),
    ("get_ipython().ast_node_interactivity = 'none'", "get_ipython"),
    ("import builtins\nbuiltins.float = int", "builtins"),
    ("import sys\nsys.modules['json'] = None", "sys.modules"),
    ("import os\nos.environ['UPR_COURSE_AS_OF'] = '2020-01-01'", "os.environ"),
    ("import subprocess", "subprocess"),
])
def test_suspicious_code_is_named(source, words):
    assert any(words in finding for finding in suspicious_code(source)), suspicious_code(source)


def test_the_courses_own_answers_are_not_suspicious():
    for path in sorted((REPO / "solutions").glob("*/*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            meta = cell["metadata"].get("nbgrader", {})
            if cell["cell_type"] == "code" and not meta.get("locked"):
                assert suspicious_code("".join(cell["source"])) == [], (path.name, meta.get("grade_id"))
    assert suspicious_code("%matplotlib inline\nmine = recs[recs['sur'] == COUNTRY]\nlen(mine)") == []


def test_check_submission_folder_names_each_broken_notebook(tmp_path):
    expected = {"action_plan": "answer", "plan_brought_home": "test"}
    good = write_plan_notebook(tmp_path, 'PLAN = """x"""')
    assert check_notebook(good, {"action_plan": "answer"}) == []
    [deleted] = check_notebook(good, expected)
    assert deleted.kind == "deleted_cells" and "plan_brought_home" in deleted.message
    nb = nbformat.read(good, 4)
    for cell in nb.cells:
        cell.metadata.pop("nbgrader", None)
    nbformat.write(nb, good)
    assert [p.kind for p in check_notebook(good, expected)] == ["no_grading_metadata"]
    good.write_text("{not json", encoding="utf-8")
    assert [p.kind for p in check_notebook(good, expected)] == ["invalid_json"]
    good.rename(tmp_path / "action-plan-Copy1.ipynb")
    [renamed] = check_submission_folder(tmp_path, {"action-plan": expected})
    assert renamed.kind == "renamed_notebook" and "action-plan-Copy1.ipynb" in renamed.message
    assert [p.kind for p in check_submission_folder(tmp_path / "nothing", {"action-plan": expected})] == ["missing_notebook"]


def test_capstone_spec_reads_the_test_cells_arguments():
    _, tests = capstone_cells()
    spec = capstone_spec(tests[0][2])
    assert spec["notebook"] == "action-plan.ipynb" and spec["cell"] == "action_plan" and spec["variable"] == "PLAN"
    assert capstone_spec(tests[1][2]) is None and capstone_spec("x = (") is None


def test_the_capstone_solution_plan_gets_full_marks():
    answer, _ = capstone_cells()
    plan = cell_text("".join(answer["source"]), answer["metadata"], "PLAN")  # chosen with the plan picker, saved in the cell
    _, scores = clean_grade.grade_groups(plan, groups_of_capstone(), AS_OF)
    assert [s.points for s in scores] == [s.max for s in scores], [(s.id, s.points, s.feedback) for s in scores if s.points < s.max]


@pytest.mark.parametrize("answer_source, honest", [(f'PLAN = """\n{WEAK_PLAN}"""\n', True), ("PLAN = make()", False)])
def test_outside_the_kernel_the_test_cells_get_the_clean_grades(monkeypatch, answer_source, honest):
    monkeypatch.setenv("UPR_COURSE_AS_OF", AS_OF.isoformat())
    monkeypatch.delenv("UPR_COURSE_GRADE_IN_KERNEL", raising=False)
    notebook = nbformat.reads(CAPSTONE.read_text(encoding="utf-8"), 4)
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "action_plan":
            cell.source = answer_source
            cell.metadata["upr_course"].pop("answers")  # typed in the cell, not chosen with the plan picker
    originals = [c.source for c in notebook.cells]
    notebook, resources = GradeOutsideKernel().preprocess(notebook, {})
    tests = [c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"]
    assert [c.source for c in tests] == [PLACEHOLDER] * 5  # the kernel runs nothing of the grader
    notebook, resources = WriteOutsideGrades().preprocess(notebook, resources)
    assert [c.source for c in notebook.cells] == originals
    _, expected = clean_grade.grade_groups("\n" + WEAK_PLAN, groups_of_capstone(), AS_OF)
    for cell, score in zip(tests, expected):
        stream, result = cell.outputs
        assert float(result.data["text/plain"]) == (score.points if honest else 0.0)
        assert ("Points for this part" in stream.text) is honest


def test_grade_in_kernel_switch_leaves_the_notebook_alone(monkeypatch):
    monkeypatch.setenv("UPR_COURSE_GRADE_IN_KERNEL", "1")
    notebook = nbformat.reads(CAPSTONE.read_text(encoding="utf-8"), 4)
    before = nbformat.writes(notebook)
    notebook, resources = GradeOutsideKernel().preprocess(notebook, {})
    assert nbformat.writes(notebook) == before and WriteOutsideGrades().preprocess(notebook, resources)[0] is notebook


def test_workshop_report_without_a_gradebook_says_where_to_run_it(tmp_path, capsys):
    from upr_course.cli import main

    assert main(["workshop", "report", "--course", str(tmp_path)]) == 2
    assert "No gradebook" in capsys.readouterr().err


def test_capstone_cells_are_worth_exactly_the_rubric_points_they_grade():
    """The capstone's nbgrader score equals `upr-course grade`'s total: each test cell's points
    are the sum of the rubric weights of the criteria it grades."""
    import json
    import re
    from pathlib import Path

    from upr_course.rubric import WEIGHTS

    notebook = json.loads((Path(__file__).resolve().parents[2] / "solutions" / "05-capstone-action-plan" / "action-plan.ipynb").read_text())
    source = "".join("".join(cell["source"]) for cell in notebook["cells"])
    specs = {group: (int(points), criteria) for group, points, criteria in re.findall(r'"--group", "(\w+):(\d+)=([\w,]+)"', source)}
    points = {
        cell["metadata"]["nbgrader"]["grade_id"]: cell["metadata"]["nbgrader"]["points"]
        for cell in notebook["cells"]
        if cell["metadata"].get("nbgrader", {}).get("grade_id") in specs
    }
    covered = []
    for group, (group_points, criteria) in specs.items():
        names = criteria.split(",")
        covered += names
        assert group_points == sum(WEIGHTS[name] for name in names), group
        assert points[group] == group_points, group
    assert sorted(covered) == sorted(WEIGHTS)


def test_the_capstone_cells_table_and_points_are_the_registrys():
    """One place for the capstone's groups: the registry; the notebook repeats it, checked here."""
    from upr_course.rubric.registry import CAPSTONE_GROUPS, capstone_points_table

    _, tests = capstone_cells()
    assert [(grade_id, points) for grade_id, points, _ in tests] == [(g.id, g.points) for g in CAPSTONE_GROUPS]
    for grade_id, points, source in tests:
        assert f"<= {points:.1f} else 0.0" in source and f"({points:g} points)" in source, grade_id
    assert [group[0] for group in groups_of_capstone()] == [g.id for g in CAPSTONE_GROUPS]
    assert all(f'"{g.option}"' in tests[0][2] for g in CAPSTONE_GROUPS)
    notebook = json.loads(CAPSTONE.read_text(encoding="utf-8"))
    assert any(capstone_points_table() in "".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "markdown")
    assert sum(g.points for g in CAPSTONE_GROUPS) == sum(WEIGHTS.values())
