"""Real attacks on the trainer's grading, through real ``nbgrader autograde``: each gains nothing and is named.

A throw-away course with exercise 01 and the capstone. Participants' answer cells hold the
attacks an attack test of the trainer workflow found: a detached process that writes the
gradebook after nbgrader has finished, overwriting another participant's handed-in
notebook, reading the hidden tests, ``solutions/`` and the trainer's environment (a fake
database password), rebinding built-ins through ``globals()``, ``:=``, a ``for`` target and
the ``builtins`` module, an endless loop, a memory hog, a process flood, killing every
process it can see, a 100,000-term expression and a flood of output. Each attacker's
honest answers are wrong except one (1 point of 4), so any gain shows.

Needs bubblewrap (Debian: ``apt-get install bubblewrap``); without it the module is skipped
and says why (``test_grading_without_sandbox.py`` covers that case).
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from upr_course.grading import throwaway_course as course_copy
from upr_course.grading.kernel_sandbox import sandbox_status
from sample_plans import WEAK_PLAN

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not sandbox_status().available, reason=f"no sandbox here: {sandbox_status().reason}")]

AS_OF = "2026-11-29"
EX01, NB01 = "01-should-we-engage", "should-we-engage"
CAPSTONE, NB05 = "05-capstone-action-plan", "action-plan"
SECRET = "SECRET-PASSWORD-42"
#: All "later": only situation C accepts it, so an honest grade is 1 of 3. (Exercise 01 is answered
#: with a form; these participants wrote code in its answer cell instead, as an attacker would.)
WRONG = 'DECISIONS = {key: "later" for key in ["situation_a", "situation_b", "situation_c"]}\n'
LITERAL_WRONG = 'DECISIONS = {"situation_a": "later", "situation_b": "later", "situation_c": "later"}\n'
#: Rebinding what the hidden tests call: min, max, float, isinstance (globals(), :=, a for target, the builtins module).
REBIND = '''
globals().update(min=lambda *a, **k: 3.0, max=lambda *a, **k: 3.0)
(isinstance := lambda *a: True)
for float in [lambda *a: 3.0]:
    pass
import builtins
builtins.float = lambda *a: 3.0
builtins.min = lambda *a, **k: 3.0
'''
HIDDEN_LINE = "exercise_forms.engage_score(DECISIONS)"


def attacks(course: Path) -> dict[str, str]:
    """Answer-cell sources, each an attack written by someone who knows where the course is."""
    gradebook = course / "gradebook.db"
    victim = course / "submitted" / "victim" / EX01 / f"{NB01}.ipynb"
    release = course / "exercises" / EX01 / f"{NB01}.ipynb"
    solutions = course / "solutions" / EX01 / f"{NB01}.ipynb"
    tests = Path(__file__)
    return {
        "a_gradebook": WRONG + f'''
import os, time, sqlite3
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        time.sleep(4)
        try:
            db = sqlite3.connect({str(gradebook)!r})
            db.execute("update grade set auto_score = max_score, manual_score = max_score")
            db.commit()
        finally:
            open({str(course / "pwned-gradebook")!r}, "w").write("done")
        os._exit(0)
    os._exit(0)
''',
        "a_overwrite": WRONG + f'''
import shutil
for target in [{str(victim)!r}]:
    try:
        shutil.copyfile({str(release)!r}, target)
    except Exception as error:
        print("overwrite failed:", error)
''',
        "a_exfiltrate": WRONG + f'''
import os
print(dict(os.environ))
for path in [{str(solutions)!r}, {str(tests)!r}, {str(gradebook)!r}, "/proc/1/environ"]:
    try:
        print(open(path, errors="replace").read()[:20000])
    except Exception as error:
        print("read failed:", path, error)
''',
        "a_builtins": LITERAL_WRONG + REBIND,
        "a_builtins_kernel": WRONG + REBIND,
        "a_equal": WRONG + '''
class Everything(str):
    def __eq__(self, other): return True
    __hash__ = str.__hash__
DECISIONS = {k: Everything("not now") for k in DECISIONS}
''',
        "a_loop": WRONG + "while True:\n    pass\n",
        "a_memory": WRONG + '''
hog = []
try:
    while True:
        hog.append(bytearray(256 * 1024**2))
except MemoryError:
    print("memory limit reached after", len(hog) / 4, "GiB")
hog = None
big = bytearray(64 * 1024**3)
''',
        "a_processes": WRONG + '''
import subprocess
children = []
try:
    for _ in range(500):
        children.append(subprocess.Popen(["sleep", "60"]))
except OSError as error:
    print("process limit reached after", len(children), error)
''',
        "a_kill": WRONG + '''
import os, signal
try:
    os.kill(os.getppid(), signal.SIGKILL)
except OSError as error:
    print("cannot kill the parent:", error)
for pid in range(1, 5000):
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass
''',
        "a_deep": WRONG + "X = " + "+".join(["1"] * 100_000) + "\n",
        "a_output": WRONG + 'for _ in range(2000):\n    print("x" * 10_000)\n',
    }


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    env = course_copy.nbgrader_env()
    env.update(UPR_COURSE_AS_OF=AS_OF, UPR_COURSE_GRADEBOOK_URL=f"postgresql://upr:{SECRET}@127.0.0.1/db", UPR_TRAINER_TOKEN=SECRET)
    env.pop("UPR_COURSE_GRADE_IN_KERNEL", None)
    env.pop("UPR_COURSE_SANDBOX", None)
    return subprocess.run([str(Path(sys.executable).parent / "nbgrader"), *args], cwd=course, env=env, capture_output=True, text=True)


@pytest.fixture(scope="module")
def attacked(tmp_path_factory):
    course = course_copy.make_course(tmp_path_factory.mktemp("attacked"), [EX01, CAPSTONE])
    api = course_copy.api(course)
    for assignment in (EX01, CAPSTONE):
        assert api.generate_assignment(assignment, force=True)["success"]
    release = course_copy.read(course / "exercises" / EX01 / f"{NB01}.ipynb")
    source_notebook = course_copy.read(course / "solutions" / EX01 / f"{NB01}.ipynb")
    solved = course_copy.with_saved_answers(course_copy.with_answers(release, course_copy.solution_answers(source_notebook)),
                                            course_copy.saved_answers(source_notebook))
    course_copy.submit(course, "victim", EX01, f"{NB01}.ipynb", solved)
    course_copy.submit(course, "honest_wrong", EX01, f"{NB01}.ipynb", course_copy.with_answers(release, {"decisions": WRONG}))
    old = nbformat.writes(nbformat.convert(nbformat.reads(json.dumps(solved), as_version=4), 3))
    course_copy.submit(course, "old_format", EX01, f"{NB01}.ipynb", old)
    for participant, source in attacks(course).items():
        course_copy.submit(course, participant, EX01, f"{NB01}.ipynb", course_copy.with_answers(release, {"decisions": source}))
    capstone_release = course_copy.read(course / "exercises" / CAPSTONE / f"{NB05}.ipynb")
    weak = f'PLAN = """\n{WEAK_PLAN}"""\n'
    course_copy.submit(course, "c_weak", CAPSTONE, f"{NB05}.ipynb", course_copy.with_answers(capstone_release, {"action_plan": weak}))
    attack = weak + f'import os\nos.system("touch {course / "pwned-capstone"}")\n'
    course_copy.submit(course, "c_attack", CAPSTONE, f"{NB05}.ipynb", course_copy.with_answers(capstone_release, {"action_plan": attack}))
    victim_file = course / "submitted" / "victim" / EX01 / f"{NB01}.ipynb"
    before = digest(victim_file)
    start = time.perf_counter()
    limits = ("--SandboxedExecute.timeout=5", "--SandboxedExecute.memory_mb=1200")  # quicker to reach on a shared machine
    graded = {a: run_nbgrader(course, "autograde", a, *limits) for a in (EX01, CAPSTONE)}
    elapsed = time.perf_counter() - start
    time.sleep(6)  # longer than the detached process waits before it writes
    feedback = run_nbgrader(course, "generate_feedback", EX01)
    report = subprocess.run([sys.executable, "-m", "upr_course.cli", "workshop", "report", "--csv", "report.csv", "--as-of", AS_OF],
                            cwd=course, capture_output=True, text=True)
    return {"course": course, "graded": graded, "elapsed": elapsed, "before": before, "victim_file": victim_file,
            "feedback": feedback, "report": report}


def scores(course: Path, assignment: str, notebook: str) -> dict[str, dict[str, float]]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "upr-course") as gradebook:
        result = {}
        for submission in gradebook.assignment_submissions(assignment):
            graded = gradebook.find_submission_notebook(notebook, assignment, submission.student.id)
            result[submission.student.id] = {g.name: g.score for g in graded.grades}
        return result


def test_every_submission_is_graded_and_the_batch_carries_on(attacked):
    assert attacked["graded"][EX01].returncode == 0, attacked["graded"][EX01].stderr[-3000:]
    assert attacked["graded"][CAPSTONE].returncode == 0, attacked["graded"][CAPSTONE].stderr[-3000:]
    assert set(scores(attacked["course"], EX01, NB01)) == {"victim", "honest_wrong", "old_format", *attacks(attacked["course"])}


def test_no_attack_gains_a_point_or_takes_one_from_someone_else(attacked):
    grades = scores(attacked["course"], EX01, NB01)
    assert grades["victim"]["decisions_check"] == 3.0
    assert grades["old_format"]["decisions_check"] == 3.0  # nbformat 3, graded like any other
    assert grades["honest_wrong"]["decisions_check"] == 1.0
    for participant in attacks(attacked["course"]):
        assert grades[participant]["decisions_check"] <= 1.0, participant
        assert grades[participant]["reasons"] in (None, 0.0), participant  # the hand-graded part is untouched
    assert grades["a_builtins"]["decisions_check"] == 1.0  # graded on its real answers: rebinding changed nothing
    assert grades["a_equal"]["decisions_check"] == 0.0  # an object is not an answer: only plain data is checked


def test_a_detached_process_never_writes_the_gradebook_or_outlives_the_grading(attacked):
    assert not (attacked["course"] / "pwned-gradebook").exists()
    assert scores(attacked["course"], EX01, NB01)["a_gradebook"]["decisions_check"] == 1.0


def test_other_participants_notebooks_cannot_be_overwritten(attacked):
    assert digest(attacked["victim_file"]) == attacked["before"]


def test_the_capstone_runs_no_participant_code(attacked):
    assert not (attacked["course"] / "pwned-capstone").exists()
    grades = scores(attacked["course"], CAPSTONE, NB05)
    assert grades["c_attack"] == grades["c_weak"]


def test_nothing_secret_reaches_the_participants_outputs_or_feedback(attacked):
    course = attacked["course"]
    assert attacked["feedback"].returncode == 0, attacked["feedback"].stderr[-2000:]
    for participant in ("a_exfiltrate", "a_gradebook"):
        notebook = course_copy.read(course / "autograded" / participant / EX01 / f"{NB01}.ipynb")
        outputs = json.dumps([c.get("outputs", []) for c in notebook["cells"]])
        page = (course / "feedback" / participant / EX01 / f"{NB01}.html").read_text(encoding="utf-8")
        for secret in (SECRET, HIDDEN_LINE, "Mark scheme (6 points", "BEGIN HIDDEN TESTS", "def test_"):
            assert secret not in outputs, (participant, secret)
            assert secret not in page.replace("&quot;", '"'), (participant, secret)
    exfiltrated = json.dumps(course_copy.read(course / "autograded" / "a_exfiltrate" / EX01 / f"{NB01}.ipynb")["cells"])
    assert "read failed" in exfiltrated  # it tried, and could not


def problems(attacked) -> dict[str, set[str]]:
    import csv

    with (attacked["course"] / "report.csv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["kind"] == "problem"]
    found: dict[str, set[str]] = {}
    for row in rows:
        found.setdefault(row["participant"], set()).add(row["item"])
    return found


def test_the_report_comes_out_and_names_every_attacker_with_the_cause(attacked):
    report = attacked["report"]
    assert report.returncode == 1, report.stderr
    assert "Traceback" not in report.stderr + report.stdout
    named = problems(attacked)
    for participant in [*attacks(attacked["course"]), "c_attack"]:
        assert participant in named, (participant, named)
    assert "timeout" in named["a_loop"]
    assert "kernel_died" in named["a_kill"]
    assert "output_limit" in named["a_output"]
    assert "memory_limit" in named["a_memory"]
    assert (
        "tampering" in named["a_builtins"] and "tampering" in named["a_builtins_kernel"] and "tampering" in named["a_deep"] and "tampering" in named["a_equal"]
    )
    for honest in ("victim", "honest_wrong", "old_format", "c_weak"):
        assert honest not in named, (honest, named.get(honest))
    assert "a_loop" in report.stdout and "longer than 5 s" in report.stdout
