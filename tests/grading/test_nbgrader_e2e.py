"""The trainer's whole grading path, end to end through nbgrader, on a temporary course copy.

generate -> hand in (folders, and a zip of e-mailed notebooks through ``nbgrader zip_collect``)
-> ``nbgrader autograde`` -> ``generate_feedback`` -> ``export`` -> ``upr-course workshop report``.

Participants: ``solution`` (the source notebooks' answers), ``blank`` (the student versions as
released), ``zipped`` (the solution, sent by e-mail), and for the capstone: ``weak`` (a known
weak plan), four tamperings, and four broken submissions. The pipeline runs once (module
fixture, about two minutes on 2 cores); each test checks one promise.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from upr_course.grading import throwaway_course as course_copy
from upr_course.grading.clean_grade import grade_groups
from upr_course.grading.report import capstone_spec
from sample_plans import WEAK_PLAN as SAMPLE_WEAK_PLAN

pytestmark = pytest.mark.slow

AS_OF = "2026-11-29"
ASSIGNMENTS = ["01-should-we-engage", "02-timeline", "03-reading-recommendations", "04-supported-or-noted", "05-capstone-action-plan",
               "06-draft-a-recommendation", "07-embassy-factsheet", "assessment-pre", "assessment-post"]
NOTEBOOKS = {
    "01-should-we-engage": "should-we-engage",
    "02-timeline": "timeline",
    "03-reading-recommendations": "reading-recommendations",
    "04-supported-or-noted": "supported-or-noted",
    "05-capstone-action-plan": "action-plan",
    "06-draft-a-recommendation": "draft-a-recommendation",
    "07-embassy-factsheet": "embassy-factsheet",
    "assessment-pre": "pre-assessment",
    "assessment-post": "post-assessment",
}
CAPSTONE = "05-capstone-action-plan"
NOT_CAPSTONE = [a for a in ASSIGNMENTS if a != CAPSTONE]
WEAK_PLAN = "\n" + SAMPLE_WEAK_PLAN  # the answer cell writes PLAN = """<newline>...
WEAK = f'PLAN = """{WEAK_PLAN}"""\n'
TAMPERINGS = {
    "tamper_rebind": WEAK + (
        "import upr_course.rubric, upr_course.notebook, upr_course.grading.clean_grade as _cg\n"
        "from upr_course.rubric.result import GradeResult\n"
        "upr_course.rubric.grade_text = lambda *a, **k: GradeResult('plan', 100.0, 100.0)\n"
        "upr_course.notebook.grade_text = upr_course.rubric.grade_text\n"
        "_cg.main = lambda *a, **k: 0\n"
        "_cg.grade_groups = lambda *a, **k: (None, [])\n"
    ),
    "tamper_eq": (
        "class Always(str):\n"
        "    def __eq__(self, other): return True\n"
        "    def __ne__(self, other): return False\n"
        "    __hash__ = str.__hash__\n"
        f'PLAN = Always("""{WEAK_PLAN}""")\n'
    ),
    "tamper_float": WEAK + "def float(*args, **kwargs):\n    return 40.0\nmin = max = lambda *a: 40.0\n",
    # Not one of the three required: switching off the display of results would give full
    # marks in plain nbgrader; RequireScore makes it 0, and the report flags it.
    "tamper_display": WEAK + "get_ipython().ast_node_interactivity = 'none'\n",
}
BROKEN = {"broken_json": "invalid_json", "renamed": "renamed_notebook", "stripped": "no_grading_metadata", "deleted": "deleted_cells"}


@dataclass
class Run:
    course: Path
    autograde: dict
    report: subprocess.CompletedProcess
    report_rows: list[dict]
    export_rows: list[dict]
    solution_plan: str
    groups: list
    in_kernel: "Run | None" = None

    def grades(self, participant: str, assignment: str) -> dict[str, tuple[float | None, float, bool, str]]:
        from nbgrader.api import Gradebook

        with Gradebook(f"sqlite:///{(self.course / 'gradebook.db').as_posix()}", "upr-course") as gradebook:
            notebook = gradebook.find_submission_notebook(NOTEBOOKS[assignment], assignment, participant)
            tests = {c.name for c in notebook.notebook.grade_cells if c.cell_type == "code"}
            return {g.name: (g.score, g.max_score, g.needs_manual_grade, "test" if g.name in tests else "manual") for g in notebook.grades}

    def feedback(self, participant: str, assignment: str) -> str:
        return (self.course / "feedback" / participant / assignment / f"{NOTEBOOKS[assignment]}.html").read_text(encoding="utf-8")

    def autograded(self, participant: str, assignment: str) -> dict:
        return course_copy.read(self.course / "autograded" / participant / assignment / f"{NOTEBOOKS[assignment]}.ipynb")


def timed(label, function, *args, **kwargs):
    import time

    start = time.perf_counter()
    try:
        return function(*args, **kwargs)
    finally:
        print(f"{label}: {time.perf_counter() - start:.1f} s")


def zip_of(course: Path, assignment: str, files: dict[str, dict]) -> None:
    archive = course / "downloaded" / assignment / "archive"
    archive.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(archive / "emails.zip", "w") as bundle:
        for name, notebook in files.items():
            bundle.writestr(name, json.dumps(notebook))
    # The trainer's list of who sent each file (the course's collector checks names against it).
    (archive.parent / "handed-in.csv").write_text("file,participant\nemails.zip,zipped\n", encoding="utf-8")


def capstone_participants(course: Path, release: dict) -> None:
    name = NOTEBOOKS[CAPSTONE]
    course_copy.submit(course, "weak", CAPSTONE, f"{name}.ipynb", course_copy.with_answers(release, {"action_plan": WEAK}))
    for participant, source in TAMPERINGS.items():
        course_copy.submit(course, participant, CAPSTONE, f"{name}.ipynb", course_copy.with_answers(release, {"action_plan": source}))


def workshop_report(course: Path) -> tuple[subprocess.CompletedProcess, list[dict]]:
    report = subprocess.run(
        [sys.executable, "-m", "upr_course.cli", "workshop", "report", "--csv", "report.csv"],
        cwd=course, capture_output=True, text=True, env=dict(os.environ),
    )
    with (course / "report.csv").open(encoding="utf-8") as handle:
        return report, list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> Run:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("UPR_COURSE_AS_OF", AS_OF)
        patch.delenv("UPR_COURSE_GRADE_IN_KERNEL", raising=False)
        course = course_copy.make_course(tmp_path_factory.mktemp("workshop"), ASSIGNMENTS)
        api = course_copy.api(course)
        for assignment in ASSIGNMENTS:
            result = api.generate_assignment(assignment, force=True)
            assert result["success"], result.get("error")
        solution_plan = ""
        for assignment in ASSIGNMENTS:
            name = NOTEBOOKS[assignment]
            release = course_copy.read(course / "exercises" / assignment / f"{name}.ipynb")
            source_notebook = course_copy.read(course / "solutions" / assignment / f"{name}.ipynb")
            answers, saved = course_copy.solution_answers(source_notebook), course_copy.saved_answers(source_notebook)
            # The answers a participant gives in the forms, as the course's Jupyter server saves them.
            solved = course_copy.with_saved_answers(course_copy.with_answers(release, answers), saved)
            course_copy.submit(course, "solution", assignment, f"{name}.ipynb", solved)
            course_copy.submit(course, "blank", assignment, f"{name}.ipynb", release)
            if assignment in ("01-should-we-engage", CAPSTONE):
                zip_of(course, assignment, {f"zipped__{name}.ipynb": solved})
            if assignment == CAPSTONE:
                solution_plan = saved["action_plan"]["PLAN"]
                capstone_participants(course, release)
                course_copy.submit(course, "broken_json", assignment, f"{name}.ipynb", json.dumps(solved)[:5000])
                course_copy.submit(course, "renamed", assignment, f"{name}-Copy1.ipynb", solved)
                stripped = json.loads(json.dumps(solved))
                for cell in stripped["cells"]:
                    cell["metadata"].pop("nbgrader", None)
                course_copy.submit(course, "stripped", assignment, f"{name}.ipynb", stripped)
                deleted = json.loads(json.dumps(solved))
                deleted["cells"] = [c for c in deleted["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") != "plan_brought_home"]
                course_copy.submit(course, "deleted", assignment, f"{name}.ipynb", deleted)
        for assignment in ("01-should-we-engage", CAPSTONE):
            collected = course_copy.run_nbgrader(course, "zip_collect", assignment)
            assert collected.returncode == 0, collected.stderr
        autograde = {a: timed(f"autograde {a}", course_copy.run_nbgrader, course, "autograde", a) for a in ASSIGNMENTS}
        for assignment in ASSIGNMENTS:
            timed(f"feedback {assignment}", course_copy.run_nbgrader, course, "generate_feedback", assignment, check=True)
        course_copy.run_nbgrader(course, "export", "--to", "grades.csv", check=True)
        report, report_rows = workshop_report(course)
        spec = capstone_spec(next(source for source in _source_cells(course) if "clean_grade" in source))
        with (course / "grades.csv").open(encoding="utf-8") as handle:
            export_rows = list(csv.DictReader(handle))
        main = Run(course, autograde, report, report_rows, export_rows, solution_plan, spec["groups"])

        # The same capstone graded the other way: its test cells start the clean child process from the kernel.
        patch.setenv("UPR_COURSE_GRADE_IN_KERNEL", "1")
        second = course_copy.make_course(tmp_path_factory.mktemp("in-kernel"), [CAPSTONE])
        assert course_copy.api(second).generate_assignment(CAPSTONE, force=True)["success"]
        name = NOTEBOOKS[CAPSTONE]
        release = course_copy.read(second / "exercises" / CAPSTONE / f"{name}.ipynb")
        source_notebook = course_copy.read(second / "solutions" / CAPSTONE / f"{name}.ipynb")
        solved = course_copy.with_saved_answers(course_copy.with_answers(release, course_copy.solution_answers(source_notebook)),
                                                course_copy.saved_answers(source_notebook))
        course_copy.submit(second, "solution", CAPSTONE, f"{name}.ipynb", solved)
        capstone_participants(second, release)
        graded = timed("autograde in the kernel", course_copy.run_nbgrader, second, "autograde", CAPSTONE)
        report, report_rows = workshop_report(second)
        main.in_kernel = Run(second, {CAPSTONE: graded}, report, report_rows, [], solution_plan, spec["groups"])
        return main


def _source_cells(course: Path) -> list[str]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{(course / 'gradebook.db').as_posix()}", "upr-course") as gradebook:
        return [c.source or "" for c in gradebook.find_notebook(NOTEBOOKS[CAPSTONE], CAPSTONE).source_cells]


def clean_scores(run: Run, plan: str) -> dict[str, float]:
    """What the rubric gives, here in the test process, for the capstone's test cells."""
    import datetime as dt

    _, scores = grade_groups(plan, run.groups, dt.date.fromisoformat(AS_OF))
    return {s.id: s.points for s in scores}


def test_autograde_succeeds_except_for_the_broken_capstone_submissions(run):
    for assignment in NOT_CAPSTONE:
        assert run.autograde[assignment].returncode == 0, run.autograde[assignment].stderr[-3000:]
    assert run.autograde[CAPSTONE].returncode == 1  # nbgrader fails broken_json and renamed only


@pytest.mark.parametrize("assignment", NOT_CAPSTONE)
def test_solutions_score_full_marks(run, assignment):
    for participant in ("solution", "zipped") if assignment == "01-should-we-engage" else ("solution",):
        for cell, (score, maximum, needs_manual, kind) in run.grades(participant, assignment).items():
            if kind == "test":
                assert score == maximum, (participant, assignment, cell)
            else:
                assert needs_manual, (participant, assignment, cell)


def test_the_capstone_solution_scores_full_marks(run):
    expected = clean_scores(run, run.solution_plan)
    for participant in ("solution", "zipped", "deleted"):
        grades = run.grades(participant, CAPSTONE)
        assert {c: grades[c][0] for c in expected} == expected, participant
        assert grades["reflection"][2]  # waits for the trainer
    assert sum(expected.values()) == 100, f"the capstone's solution plan should get full marks; the rubric gives it {sum(expected.values())}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_blank_notebooks_score_zero(run, assignment):
    grades = run.grades("blank", assignment)
    assert all(score == 0 for score, _, _, kind in grades.values() if kind == "test"), grades
    assert sum(score or 0 for score, *_ in grades.values()) == 0


def test_a_known_weak_plan_scores_what_the_rubric_gives_it(run):
    expected = clean_scores(run, WEAK_PLAN)
    grades = run.grades("weak", CAPSTONE)
    assert {c: grades[c][0] for c in expected} == expected
    assert 0 < sum(expected.values()) < 50


@pytest.mark.parametrize("mode", ["outside the kernel", "in the kernel"])
@pytest.mark.parametrize("participant", TAMPERINGS)
def test_tampering_does_not_raise_the_grade(run, participant, mode):
    graded = run if mode == "outside the kernel" else run.in_kernel
    weak = graded.grades("weak", CAPSTONE)
    tampered = graded.grades(participant, CAPSTONE)
    for cell, (score, *_rest) in tampered.items():
        assert (score or 0) <= (weak[cell][0] or 0), (participant, cell)
    if participant == "tamper_eq" or (participant == "tamper_display" and mode == "in the kernel"):
        assert sum(score or 0 for score, *_ in tampered.values()) == 0
    else:
        assert tampered == weak  # the clean grader graded the same text


def test_both_modes_give_the_same_grades(run):
    assert run.in_kernel.autograde[CAPSTONE].returncode == 0, run.in_kernel.autograde[CAPSTONE].stderr[-3000:]
    for participant in ("solution", "weak", "tamper_rebind", "tamper_eq", "tamper_float"):
        assert run.in_kernel.grades(participant, CAPSTONE) == run.grades(participant, CAPSTONE), participant


def test_in_the_kernel_a_test_cell_that_shows_no_score_scores_zero_and_says_why(run):
    cells = run.in_kernel.autograded("tamper_display", CAPSTONE)["cells"]
    errors = [o for c in cells for o in c.get("outputs", []) if o["output_type"] == "error"]
    assert len(errors) == 5 and all(o["ename"] == "GradingError" for o in errors)
    mismatches = {r["participant"] for r in run.in_kernel.report_rows if r["item"] == "score_mismatch"}
    assert mismatches == {"tamper_display"}  # the report's clean re-grade names it


def test_outside_the_kernel_the_test_cells_keep_their_source_and_show_the_feedback(run):
    cells = run.autograded("weak", CAPSTONE)["cells"]
    tests = [c for c in cells if c["metadata"].get("nbgrader", {}).get("grade") and c["cell_type"] == "code"]
    assert len(tests) == 5
    for cell in tests:
        assert "BEGIN HIDDEN TESTS" in "".join(cell["source"])
        assert [o["output_type"] for o in cell["outputs"]] == ["stream", "execute_result"]


def report_problems(run: Run) -> set[tuple[str, str]]:
    return {(row["participant"], row["item"]) for row in run.report_rows if row["kind"] == "problem"}


def test_broken_submissions_are_named_in_the_report(run):
    assert run.report.returncode == 1, run.report.stderr
    problems = report_problems(run)
    for participant, kind in BROKEN.items():
        assert (participant, kind) in problems, (participant, kind)
        assert participant in run.report.stdout
    # nbgrader records these three with 0 points (broken_json and stripped fail, renamed is skipped): each is named
    assert ("broken_json", "autograde_failed") in problems and ("stripped", "autograde_failed") in problems


def test_the_report_flags_tampering_and_confirms_honest_scores(run):
    problems = report_problems(run)
    for participant in TAMPERINGS:
        assert (participant, "tampering") in problems
    assert not {participant for participant, item in problems if item == "score_mismatch"}
    for participant in ("blank", "weak"):
        assert not {p for p in problems if p[0] == participant}, participant
    for participant in ("solution", "zipped"):  # the solution plan is the course's Kenya example: a trainer is asked to read it
        assert {p[1] for p in problems if p[0] == participant} == {"review"}, participant


def test_the_report_gives_the_score_per_criterion_and_what_needs_manual_grading(run):
    rows = [r for r in run.report_rows if r["participant"] == "weak" and r["assignment"] == CAPSTONE]
    criteria = {r["item"]: r for r in rows if r["kind"] == "criterion"}
    assert {"goal", "added_value", "brought_home", "balance"} <= set(criteria)
    assert criteria["brought_home"]["status"] == "failed" and criteria["brought_home"]["note"]
    assert any(r["item"] == "reflection" and r["status"] == "needs manual grading" for r in rows)
    total = next(r for r in rows if r["kind"] == "total")
    assert float(total["score"]) == pytest.approx(sum(clean_scores(run, WEAK_PLAN).values()))
    assert any(r["participant"] == "solution" and r["item"] == "reasons" and r["status"] == "needs manual grading" for r in run.report_rows)


def test_feedback_shows_the_rubric_but_no_hidden_tests_tracebacks_or_mark_schemes(run):
    for participant in ("solution", "weak", "tamper_eq"):
        page = run.feedback(participant, CAPSTONE)
        assert "Points for this part" in page or participant == "tamper_eq"
        for secret in ("BEGIN HIDDEN TESTS", "clean_grade", "_UPR_GRADE", "most recent call last", "Cell In[", "MARK SCHEME", "Mark scheme (10 points)"):
            assert secret not in page, (participant, secret)
    assert "How results are brought home (brought_home)" in run.feedback("weak", CAPSTONE)
    assert "computed" in run.feedback("tamper_eq", CAPSTONE)  # why the plan was not graded
    blank = run.feedback("blank", "01-should-we-engage")
    assert "This check did not pass" in blank
    for secret in ("engage_score", "most recent call last", "Cell In[", "Mark scheme (6 points"):
        assert secret not in blank, secret


def test_the_assessments_before_and_after_are_in_the_gradebook_side_by_side(run):
    scores = {(r["student_id"], r["assignment"]): float(r["score"]) for r in run.export_rows}
    assert scores[("solution", "assessment-pre")] == scores[("solution", "assessment-post")] == 10.0
    assert scores[("blank", "assessment-pre")] == scores[("blank", "assessment-post")] == 0.0


def test_export_lists_every_graded_participant(run):
    scores = {(r["student_id"], r["assignment"]): float(r["score"]) for r in run.export_rows}
    assert scores[("solution", "01-should-we-engage")] == 3.0  # the choices; the reasons are graded by hand
    assert scores[("blank", CAPSTONE)] == 0.0
    assert ("weak", CAPSTONE) in scores
