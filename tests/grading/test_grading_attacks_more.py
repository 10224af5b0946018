"""More attacks on the trainer's grading, through real ``nbgrader autograde`` and ``zip_collect``.

A red-team session tried these after ``test_grading_attacks.py`` (whose attacks are not
repeated here). Every attack is an ordinary test: the ones
that got through when they were written ("gets through" below) have been fixed since, and
``attack_repros/FINDINGS.md`` (in tests/grading) says how, with the write-up of each one.

Exercise 04 (``CHOSEN`` is set by the trainer's setup cell, and the hidden test loops over it):
- ``p04_one_right``: honest, one recommendation answered right (the baseline: 1 of 6);
- ``p04_rebind_chosen``: the same one right answer, and ``CHOSEN = [that id] * 6`` written in the
  answer cell as a literal list: every plain-data name of an answer cell reaches the clean check,
  so the trainer's list is replaced (gets through: 6 of 6);
- ``p04_rebind_saved``: the same through the saved answers in the cell's metadata, with no code
  at all (gets through).
Exercise 01:
- ``p01_points``: the test cell's points forged to 1000 (blocked: nbgrader's OverwriteCells);
- ``p01_kernelspec``: a kernelspec that names ``/bin/sh``, with an answer that needs the kernel
  (blocked: OverwriteKernelspec);
- ``p01_probe``: from inside the sandbox, look for the course, the network, ``/dev/shm``, open
  file descriptors of nbgrader, and leave a double-forked process behind (blocked);
- ``p01_slow_cells``: eight added cells that each sleep 3 s, under the 10-s cell timeout (sleeping
  uses no CPU time): blocked by the notebook's budget (twice the cell timeout), named
  ``notebook_timeout`` in the report;
- ``p01_disk``: six files of 40 MB in the kernel's folder, each under the 64 MB file-size limit:
  blocked, the folder is a 128 MB tmpfs (not the trainer's disk) and the fourth file gets
  "No space left on device";
- ``p01_fake_recorder``: a cell of the participant's, flagged ``upr_course.recorder`` in its
  metadata like the grader's own recording cell, prints 6 MB: the output limit (2 MB) does not
  apply to it, and the grader removes it from the autograded notebook, so the trainer never sees
  that code (gets through);
- ``p01_copied_cell``: an honest participant copies the answer cell (JupyterLab keeps the copy's
  nbgrader metadata): nbgrader's OverwriteCells crashes on it, the notebook is not graded, and
  the report names no cause (gets through, as a batch problem: see the findings).
The trainer's formgrader (nbgrader's manual-grading page, in the trainer's Jupyter server):
- ``x_markdown``: a markdown cell the participant adds (no code runs) with ``<script>`` and an
  ``<img onerror=...>``; ``x_output``: code in the sandbox that displays HTML and JavaScript. Both
  are written into the page as live script, in the origin of the trainer's Jupyter server (gets
  through: a script there can use the trainer's Jupyter API, outside any sandbox).
Exercises 02, 06 and 07:
- ``p02_year_zero``: the month "0000-00" for every stage of the timeline: "no later than the
  stage's date" holds for any stage, so 5 of 5 with no knowledge of the calendar (gets through);
- ``p06_nonsense``: "Adopt banana banana ... by 2028." and ``p07_nonsense``: "lorem" in every part of
  the factsheet, an id-shaped ``XYZ-S99-999`` and an eight-word ask: the automatic checks look at
  the shape of the words only, so both get full marks (gets through; a trainer reads these only
  if they look).
Capstone:
- ``c_saved_plan``: the answer cell shows a weak plan, while a strong plan (anyone's) sits in the
  cell's metadata, where the plan picker saves its choice: the hidden one is graded and nothing
  says the two differ (gets through).
- ``c_course_example``: the course's own Kenya example (``datasets/examples/plans``), handed in
  unchanged as the participant's plan: the copy check exempts "the example graded as itself", so
  it scores full marks and nothing asks a trainer to read it (gets through).
zip_collect:
- a truncated zip (an e-mail attachment cut short) stops the whole class's collection with a
  traceback (gets through);
- a zip bomb is extracted in full (gets through);
- zip-slip names (``../``, absolute) are not written outside ``extracted/`` (blocked);
- a notebook named ``=HYPERLINK(...)__x.ipynb`` in a zip is refused, and its name starts the note
  of the report's CSV, which a spreadsheet reads as a formula (gets through);
- a notebook whose name holds terminal escape codes (clear the screen, write a line, set the
  title): the report prints them as they are to the trainer's terminal (gets through).

Needs bubblewrap, like test_grading_attacks.py.
"""

from __future__ import annotations

import copy
import csv
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from upr_course.exercise_forms import TIMELINE_STAGES
from upr_course.grading import throwaway_course as course_copy
from upr_course.grading.kernel_sandbox import sandbox_status
from sample_plans import WEAK_PLAN, strong_plan_with_real_ids

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not sandbox_status().available, reason=f"no sandbox here: {sandbox_status().reason}")]

AS_OF = "2026-11-29"
EX01, NB01 = "01-should-we-engage", "should-we-engage"
EX04, NB04 = "04-supported-or-noted", "supported-or-noted"
CAPSTONE, NB05 = "05-capstone-action-plan", "action-plan"
EX02, NB02 = "02-timeline", "timeline"
EX06, NB06 = "06-draft-a-recommendation", "draft-a-recommendation"
EX07, NB07 = "07-embassy-factsheet", "embassy-factsheet"
NONSENSE_DRAFT = "Adopt " + "banana " * 13 + "by 2028."
NONSENSE_FACTSHEET = {"TITLE": "lorem", "WHO_WE_ARE": "lorem", "PROBLEM": "lorem", "PROMISES": "XYZ-S99-999",
                      "ASK": "lorem ipsum dolor sit amet lorem ipsum dolor", "CONTACT": "lorem"}
ONE_ID = "KEN-S21-064"
CELL_TIMEOUT = 10
DISK_FILES = 6  # of 40 MB each, each under the 64 MB file-size limit
SLOW_CELLS, SLOW_SECONDS = 8, 3  # each cell under the cell timeout; together 2.4 times it
SECRET = "SECRET-TOKEN-RT-7"
LITERAL_WRONG = 'DECISIONS = {"situation_a": "later", "situation_b": "later", "situation_c": "later"}\n'
COMPUTED_WRONG = 'DECISIONS = {key: "later" for key in ["situation_a", "situation_b", "situation_c"]}\n'
PROBE = r'''
import json, os, socket
found = {"fds": {}, "net": {}}
for fd in os.listdir("/proc/self/fd"):
    try:
        found["fds"][fd] = os.readlink(f"/proc/self/fd/{fd}")
    except OSError as error:
        found["fds"][fd] = str(error)
found["visible"] = {path: os.path.exists(path) for path in PATHS}
found["environ"] = dict(os.environ)
for target in [("127.0.0.1", 22), ("8.8.8.8", 53), ("1.1.1.1", 443)]:
    s = socket.socket()
    s.settimeout(1)
    try:
        s.connect(target)
        found["net"][str(target)] = "connected"
    except OSError as error:
        found["net"][str(target)] = type(error).__name__
    finally:
        s.close()
try:
    with open("/dev/shm/upr-redteam-probe", "w") as handle:
        handle.write("x")
    found["shm"] = "written"
except OSError as error:
    found["shm"] = type(error).__name__
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        import time
        time.sleep(3)
        open(LEFTOVER, "w").write("still alive")
        os._exit(0)
    os._exit(0)
print("PROBE" + json.dumps(found))
'''


def run_nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    env = course_copy.nbgrader_env()
    env.update(UPR_COURSE_AS_OF=AS_OF, UPR_TRAINER_TOKEN=SECRET)
    for name in ("UPR_COURSE_GRADE_IN_KERNEL", "UPR_COURSE_SANDBOX"):
        env.pop(name, None)
    return subprocess.run([str(Path(sys.executable).parent / "nbgrader"), *args], cwd=course, env=env, capture_output=True, text=True)


def cell_of(notebook: dict, grade_id: str) -> dict:
    return next(c for c in notebook["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == grade_id)


@pytest.fixture(scope="module")
def attacked(tmp_path_factory):
    course = course_copy.make_course(tmp_path_factory.mktemp("attacked-more"), [EX01, EX02, EX04, CAPSTONE, EX06, EX07])
    api = course_copy.api(course)
    for assignment in (EX01, EX02, EX04, CAPSTONE, EX06, EX07):
        assert api.generate_assignment(assignment, force=True)["success"]

    release04 = course_copy.read(course / "exercises" / EX04 / f"{NB04}.ipynb")
    saved04 = course_copy.saved_answers(course_copy.read(course / "solutions" / EX04 / f"{NB04}.ipynb"))["tactics"]
    one = {"RESPONSES": {ONE_ID: saved04["RESPONSES"][ONE_ID]}, "TACTICS": {ONE_ID: saved04["TACTICS"][ONE_ID]}}
    honest = "".join(f"{name} = {json.dumps(value)}\n" for name, value in one.items())
    course_copy.submit(course, "p04_one_right", EX04, f"{NB04}.ipynb", course_copy.with_answers(release04, {"tactics": honest}))
    rebind = f"CHOSEN = {json.dumps([ONE_ID] * 6)}\n" + honest
    course_copy.submit(course, "p04_rebind_chosen", EX04, f"{NB04}.ipynb", course_copy.with_answers(release04, {"tactics": rebind}))
    course_copy.submit(course, "p04_rebind_saved", EX04, f"{NB04}.ipynb",
                       course_copy.with_saved_answers(release04, {"tactics": {"CHOSEN": [ONE_ID] * 6, **one}}))

    release01 = course_copy.read(course / "exercises" / EX01 / f"{NB01}.ipynb")
    wrong = course_copy.with_answers(release01, {"decisions": LITERAL_WRONG})
    forged = copy.deepcopy(wrong)
    cell_of(forged, "decisions_check")["metadata"]["nbgrader"]["points"] = 1000
    course_copy.submit(course, "p01_points", EX01, f"{NB01}.ipynb", forged)
    shell = course_copy.with_answers(release01, {"decisions": COMPUTED_WRONG})
    shell["metadata"]["kernelspec"] = {"name": "../../../../bin/sh", "display_name": "sh", "language": "sh"}
    course_copy.submit(course, "p01_kernelspec", EX01, f"{NB01}.ipynb", shell)
    secret_file = course.parent / "trainer-secret.txt"  # stands for the trainer's own files
    secret_file.write_text(SECRET, encoding="utf-8")
    paths = [str(course), str(course / "gradebook.db"), str(course / "solutions"), str(course / "submitted"), str(secret_file), str(Path(__file__))]
    probe = COMPUTED_WRONG + f"PATHS = {paths!r}\nLEFTOVER = {str(course / 'leftover')!r}\n" + PROBE
    course_copy.submit(course, "p01_probe", EX01, f"{NB01}.ipynb", course_copy.with_answers(release01, {"decisions": probe}))
    copied = copy.deepcopy(wrong)
    answer = cell_of(copied, "decisions")
    twin = copy.deepcopy(answer)
    twin["id"] = "copied-answer-cell"
    copied["cells"].insert(copied["cells"].index(answer) + 1, twin)
    course_copy.submit(course, "p01_copied_cell", EX01, f"{NB01}.ipynb", copied)

    release05 = course_copy.read(course / "exercises" / CAPSTONE / f"{NB05}.ipynb")
    weak = course_copy.with_answers(release05, {"action_plan": f'PLAN = """\n{WEAK_PLAN}"""\n'})
    course_copy.submit(course, "c_weak", CAPSTONE, f"{NB05}.ipynb", weak)
    course_copy.submit(course, "c_saved_plan", CAPSTONE, f"{NB05}.ipynb",
                       course_copy.with_saved_answers(weak, {"action_plan": {"PLAN": strong_plan_with_real_ids()}}))

    scripted = copy.deepcopy(wrong)  # no code: one markdown cell of the participant's own
    scripted["cells"].insert(scripted["cells"].index(cell_of(scripted, "decisions")) + 1, {
        "cell_type": "markdown", "id": "participant-note", "metadata": {},
        "source": 'My note. <img src=x onerror="window.XSS_MARKDOWN=1">\n\n<script>window.XSS_MARKDOWN_SCRIPT=1</script>\n'})
    course_copy.submit(course, "x_markdown", EX01, f"{NB01}.ipynb", scripted)
    shown = COMPUTED_WRONG + ('from IPython.display import HTML, Javascript, display\n'
                              'display(HTML(\'<img src=x onerror="window.XSS_OUTPUT=1">\'))\ndisplay(Javascript("window.XSS_JS=1"))\n')
    course_copy.submit(course, "x_output", EX01, f"{NB01}.ipynb", course_copy.with_answers(release01, {"decisions": shown}))

    slow = course_copy.with_answers(release01, {"decisions": COMPUTED_WRONG})
    slow["cells"] += [{"cell_type": "code", "id": f"slow-{i}", "metadata": {}, "execution_count": None, "outputs": [],
                       "source": f"import time\ntime.sleep({SLOW_SECONDS})\n"} for i in range(SLOW_CELLS)]
    course_copy.submit(course, "p01_slow_cells", EX01, f"{NB01}.ipynb", slow)

    fill = COMPUTED_WRONG + f'''
written = 0
try:
    for i in range({DISK_FILES}):
        with open(f"/home/participant/fill-{{i}}.bin", "wb") as handle:
            for _ in range(40):
                handle.write(b"x" * (1 << 20))
        written += 40
finally:
    print("WRITTEN_MB", written)
'''
    course_copy.submit(course, "p01_disk", EX01, f"{NB01}.ipynb", course_copy.with_answers(release01, {"decisions": fill}))

    flagged = course_copy.with_answers(release01, {"decisions": COMPUTED_WRONG})
    flagged["cells"].append({"cell_type": "code", "id": "my-recorder", "metadata": {"upr_course": {"recorder": True}}, "execution_count": None,
                             "outputs": [], "source": "# HIDDEN-FROM-TRAINER\nfor _ in range(60):\n    print('y' * 100_000)\n"})
    course_copy.submit(course, "p01_fake_recorder", EX01, f"{NB01}.ipynb", flagged)

    release02 = course_copy.read(course / "exercises" / EX02 / f"{NB02}.ipynb")
    year_zero = 'COUNTRY = "Kenya"\nWHEN = ' + json.dumps({stage: "0000-00" for stage in TIMELINE_STAGES}) + '\nFOCUS = ""\n'
    course_copy.submit(course, "p02_year_zero", EX02, f"{NB02}.ipynb", course_copy.with_answers(release02, {"answers": year_zero}))

    release06 = course_copy.read(course / "exercises" / EX06 / f"{NB06}.ipynb")
    course_copy.submit(course, "p06_nonsense", EX06, f"{NB06}.ipynb",
                       course_copy.with_answers(release06, {"draft": f"RECOMMENDATION = {NONSENSE_DRAFT!r}\n"}))
    release07 = course_copy.read(course / "exercises" / EX07 / f"{NB07}.ipynb")
    course_copy.submit(course, "p07_nonsense", EX07, f"{NB07}.ipynb",
                       course_copy.with_answers(release07, {"factsheet": f"FACTSHEET = {NONSENSE_FACTSHEET!r}\n"}))

    example = (Path(__file__).resolve().parents[2] / "datasets" / "examples" / "plans" / "kenya_torture_custody.yaml").read_text(encoding="utf-8")
    course_copy.submit(course, "c_course_example", CAPSTONE, f"{NB05}.ipynb",
                       course_copy.with_answers(release05, {"action_plan": f'PLAN = """\n{example}"""\n'}))

    limits = (f"--SandboxedExecute.timeout={CELL_TIMEOUT}", "--SandboxedExecute.memory_mb=1200")
    graded = {a: run_nbgrader(course, "autograde", a, *limits) for a in (EX01, EX02, EX04, CAPSTONE, EX06, EX07)}
    import time

    time.sleep(4)  # longer than the probe's detached process waits before it writes
    report = subprocess.run([sys.executable, "-m", "upr_course.cli", "workshop", "report", "--csv", "report.csv", "--as-of", AS_OF],
                            cwd=course, capture_output=True, text=True)
    return {"course": course, "graded": graded, "report": report}


def scores(course: Path, assignment: str, notebook: str) -> dict[str, dict[str, float | None]]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "upr-course") as gradebook:
        result = {}
        for submission in gradebook.assignment_submissions(assignment):
            graded = gradebook.find_submission_notebook(notebook, assignment, submission.student.id)
            result[submission.student.id] = {g.name: g.auto_score for g in graded.grades} | {"max": graded.max_score}
        return result


def problems(course: Path) -> dict[str, set[str]]:
    with (course / "report.csv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["kind"] == "problem"]
    found: dict[str, set[str]] = {}
    for row in rows:
        found.setdefault(row["participant"], set()).add(row["item"])
    return found


def probe_output(course: Path) -> dict:
    notebook = course_copy.read(course / "autograded" / "p01_probe" / EX01 / f"{NB01}.ipynb")
    text = "".join("".join(o.get("text", "")) for o in cell_of(notebook, "decisions").get("outputs", []))
    assert "PROBE" in text, text[-2000:]
    return json.loads(text.split("PROBE", 1)[1].splitlines()[0])


# -- exercise 04: replacing the trainer's list ------------------------------------------------

def test_the_honest_baseline_scores_one_of_six(attacked):
    assert scores(attacked["course"], EX04, NB04)["p04_one_right"]["tactics_check"] == 1.0


@pytest.mark.parametrize("participant", ["p04_rebind_chosen", "p04_rebind_saved"])
def test_an_answer_cell_cannot_replace_the_trainers_list_of_recommendations(attacked, participant):
    grades = scores(attacked["course"], EX04, NB04)
    assert grades[participant]["tactics_check"] <= grades["p04_one_right"]["tactics_check"], grades[participant]


# -- exercise 01: forged metadata, the sandbox -------------------------------------------------

def test_forged_points_and_kernelspec_gain_nothing(attacked):
    grades = scores(attacked["course"], EX01, NB01)
    assert grades["p01_points"]["decisions_check"] == 1.0 and grades["p01_points"]["max"] == 9.0
    assert grades["p01_kernelspec"]["decisions_check"] == 1.0


def test_the_sandbox_hides_the_course_the_network_and_nbgraders_files(attacked):
    found = probe_output(attacked["course"])
    assert not any(found["visible"].values()), found["visible"]
    assert all(v != "connected" for v in found["net"].values()), found["net"]
    assert found["shm"] != "written"
    assert SECRET not in json.dumps(found["environ"])
    targets = [t for t in found["fds"].values() if t.startswith("/")]
    assert all(t.startswith(("/dev/", "/proc/", "/tmp/")) for t in targets), targets


def test_no_process_outlives_the_grading(attacked):
    assert not (attacked["course"] / "leftover").exists()


def test_a_copied_answer_cell_is_graded_or_named_in_the_report(attacked):
    graded = scores(attacked["course"], EX01, NB01)["p01_copied_cell"]["decisions_check"] is not None
    named = problems(attacked["course"]).get("p01_copied_cell", set()) - {"autograde_failed"}
    assert graded or named, named


# -- capstone: a plan hidden in the answer cell's metadata --------------------------------------

def test_a_plan_hidden_in_metadata_is_not_graded_silently_instead_of_the_one_shown(attacked):
    grades = scores(attacked["course"], CAPSTONE, NB05)
    shown_is_graded = grades["c_saved_plan"] == grades["c_weak"]
    assert shown_is_graded or "c_saved_plan" in problems(attacked["course"]), grades["c_saved_plan"]


def test_the_course_example_handed_in_as_ones_own_plan_is_shown_to_the_trainer(attacked):
    grades = scores(attacked["course"], CAPSTONE, NB05)["c_course_example"]
    automatic = sum(v for k, v in grades.items() if k not in ("max", "reflection") and v is not None)
    notebook = (attacked["course"] / "autograded" / "c_course_example" / CAPSTONE / f"{NB05}.ipynb").read_text(encoding="utf-8")
    flagged = "A trainer will read your plan" in notebook or "c_course_example" in problems(attacked["course"])
    assert flagged, f"{automatic:g} automatic points for the course's example, and nothing asks a trainer to read it"


def test_the_batch_carries_on(attacked):
    assert "Traceback" not in attacked["report"].stdout + attacked["report"].stderr
    grades = scores(attacked["course"], EX01, NB01)
    assert {"p01_points", "p01_kernelspec", "p01_probe"} <= {p for p, g in grades.items() if g["decisions_check"] is not None}


def test_many_slow_cells_cannot_hold_the_batch_longer_than_twice_the_cell_timeout(attacked):
    import datetime as dt

    from upr_course.grading import grading_log

    events = [json.loads(line) for line in grading_log.log_path(attacked["course"]).read_text(encoding="utf-8").splitlines()]
    times = {e["event"]: dt.datetime.fromisoformat(e["time"]) for e in events
             if e.get("participant") == "p01_slow_cells" and e["event"] in ("start", "end")}
    seconds = (times["end"] - times["start"]).total_seconds()
    named = bool({"timeout", "notebook_timeout"} & problems(attacked["course"]).get("p01_slow_cells", set()))
    assert seconds <= 2 * CELL_TIMEOUT or named, f"{seconds:.0f} s for one notebook, nothing reported"


def test_the_kernels_folder_cannot_fill_the_trainers_disk(attacked):
    notebook = course_copy.read(attacked["course"] / "autograded" / "p01_disk" / EX01 / f"{NB01}.ipynb")
    text = "".join("".join(o.get("text", "")) for o in cell_of(notebook, "decisions").get("outputs", []))
    written = int(text.split("WRITTEN_MB", 1)[1].split()[0])
    assert written <= 128, f"{written} MB written to the trainer's disk by one notebook"


def test_a_cell_flagged_as_the_graders_recorder_is_kept_and_limited(attacked):
    text = (attacked["course"] / "autograded" / "p01_fake_recorder" / EX01 / f"{NB01}.ipynb").read_text(encoding="utf-8")
    named = problems(attacked["course"]).get("p01_fake_recorder", set())
    assert "HIDDEN-FROM-TRAINER" in text, "the participant's cell is gone from the notebook the trainer reads"
    assert "output_limit" in named, named


# -- the trainer's formgrader page: participants' HTML and scripts -------------------------------

def formgrader_page(course: Path, participant: str) -> str:
    """The page nbgrader's formgrader shows the trainer for this submission (its own exporter and template)."""
    from nbconvert.exporters import HTMLExporter
    from nbgrader.server_extensions.formgrader import handlers
    from traitlets.config import Config

    config = Config()
    config.HTMLExporter.template_name = "formgrade"
    config.HTMLExporter.extra_template_basedirs = [handlers.template_path]
    resources = {"assignment_id": EX01, "notebook_id": NB01, "submission_id": "x", "index": 0, "total": 1, "base_url": "/",
                 "student": participant, "last_name": "", "first_name": "", "notebook_path": "x"}
    html, _ = HTMLExporter(config=config).from_filename(str(course / "autograded" / participant / EX01 / f"{NB01}.ipynb"), resources=resources)
    return html


@pytest.mark.parametrize("participant", ["x_markdown", "x_output"])
def test_no_participant_script_reaches_the_trainers_formgrader_page(attacked, participant):
    page = formgrader_page(attacked["course"], participant)
    assert "My note" in page or "XSS_OUTPUT" in page  # the submission is on the page
    # Shown as text (the participant's code, or markdown with "&lt;") is fine; live markup is not.
    tags = re.findall(r"<img\b[^>]*onerror=[^>]*>|<script\b[^>]*>[^<]*XSS[^<]*</script>", page)
    assert not tags, tags


# -- exercises 02, 06 and 07: nonsense that passes every automatic check ---------------------------

@pytest.mark.parametrize("assignment, notebook, participant, cell", [(EX02, NB02, "p02_year_zero", "when_check"),
                                                                     (EX06, NB06, "p06_nonsense", "draft_check"),
                                                                     (EX07, NB07, "p07_nonsense", "factsheet_check")])
def test_nonsense_does_not_earn_full_marks(attacked, assignment, notebook, participant, cell):
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{attacked['course'] / 'gradebook.db'}", "upr-course") as gradebook:
        grade = gradebook.find_grade(cell, notebook, assignment, participant)
        assert grade.auto_score is not None and grade.auto_score < grade.max_score, (grade.auto_score, grade.max_score)


# -- zip_collect --------------------------------------------------------------------------------

def _zip_course(tmp_path: Path) -> tuple[Path, Path]:
    course = tmp_path / "course"
    course.mkdir()
    repo = Path(__file__).resolve().parents[2]
    (course / "nbgrader_config.py").write_bytes((repo / "nbgrader_config.py").read_bytes())
    (course / "exercises" / EX01).mkdir(parents=True)
    (course / "exercises" / EX01 / f"{NB01}.ipynb").write_bytes((repo / "exercises" / EX01 / f"{NB01}.ipynb").read_bytes())
    archive = course / "downloaded" / EX01 / "archive"
    archive.mkdir(parents=True)
    return course, archive


def _notebook_text() -> str:
    repo = Path(__file__).resolve().parents[2]
    return (repo / "exercises" / EX01 / f"{NB01}.ipynb").read_text(encoding="utf-8")


def test_a_truncated_zip_does_not_stop_the_collection_of_the_others(tmp_path):
    course, archive = _zip_course(tmp_path)
    with zipfile.ZipFile(archive / "amina.zip", "w") as bundle:
        bundle.writestr(f"amina__{NB01}.ipynb", _notebook_text())
    whole = (archive / "amina.zip").read_bytes()
    (archive / "carol.zip").write_bytes(whole[: len(whole) // 2])  # an e-mail attachment cut short
    (archive.parent / "handed-in.csv").write_text("file,participant\namina.zip,amina\ncarol.zip,carol\n", encoding="utf-8")
    done = course_copy.run_nbgrader(course, "zip_collect", EX01)
    assert (course / "submitted" / "amina" / EX01 / f"{NB01}.ipynb").is_file(), (done.stdout + done.stderr)[-1500:]
    assert "Traceback" not in done.stdout + done.stderr


def test_a_zip_bomb_is_not_extracted_in_full(tmp_path):
    course, archive = _zip_course(tmp_path)
    with zipfile.ZipFile(archive / "erin.zip", "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr(f"erin__{NB01}.ipynb", _notebook_text())
        with bundle.open("padding.bin", "w") as handle:
            block = b"\0" * (1 << 20)
            for _ in range(64):  # 64 MB of zeros in a 64 KB zip; a real bomb nests such zips
                handle.write(block)
    (archive.parent / "handed-in.csv").write_text("file,participant\nerin.zip,erin\n", encoding="utf-8")
    course_copy.run_nbgrader(course, "zip_collect", EX01)
    extracted = course / "downloaded" / EX01 / "extracted"
    size = sum(p.stat().st_size for p in extracted.rglob("*") if p.is_file()) if extracted.exists() else 0
    assert size < 20 * 1024**2, f"{size:,} bytes extracted from a {(archive / 'erin.zip').stat().st_size:,}-byte zip"


def test_zip_slip_names_are_not_written_outside_the_extracted_folder(tmp_path):
    course, archive = _zip_course(tmp_path)
    outside = tmp_path / "outside"
    with zipfile.ZipFile(archive / "mallory.zip", "w") as bundle:
        bundle.writestr(f"mallory__{NB01}.ipynb", _notebook_text())
        bundle.writestr(f"../../../../outside/zipslip__{NB01}.ipynb", "x")
        bundle.writestr(f"{outside}/absolute__{NB01}.ipynb", "x")
    (archive.parent / "handed-in.csv").write_text("file,participant\nmallory.zip,mallory\n", encoding="utf-8")
    done = course_copy.run_nbgrader(course, "zip_collect", EX01)
    assert done.returncode == 0, done.stderr[-2000:]
    assert not outside.exists()
    written = [p for p in tmp_path.rglob(f"*__{NB01}.ipynb") if "extracted" not in p.parts and "archive" not in p.parts]
    assert all("submitted" in p.parts for p in written), written
    assert (course / "submitted" / "mallory" / EX01 / f"{NB01}.ipynb").is_file()


def test_a_file_name_never_starts_a_formula_in_the_reports_csv(tmp_path):
    course, archive = _zip_course(tmp_path)
    with zipfile.ZipFile(archive / "gina.zip", "w") as bundle:
        bundle.writestr(f'=HYPERLINK("evil.example","click")__{NB01}.ipynb', _notebook_text())
        bundle.writestr(f"gina__{NB01}.ipynb", _notebook_text())
    (archive.parent / "handed-in.csv").write_text("file,participant\ngina.zip,gina\n", encoding="utf-8")
    assert course_copy.run_nbgrader(course, "zip_collect", EX01).returncode == 0
    assert course_copy.run_nbgrader(course, "db", "assignment", "add", EX01).returncode == 0  # the report reads the gradebook
    subprocess.run([sys.executable, "-m", "upr_course.cli", "workshop", "report", "--csv", "report.csv"], cwd=course, capture_output=True, text=True)
    with (course / "report.csv").open(encoding="utf-8") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert any("HYPERLINK" in cell for cell in cells)  # the refusal is reported
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")], [c for c in cells if "HYPERLINK" in c]


def test_terminal_escape_codes_in_a_file_name_do_not_reach_the_report(tmp_path):
    course, archive = _zip_course(tmp_path)
    forged = "\x1b[2J\x1b[1;1HAll notebooks collected, nothing refused.\x1b]0;owned\x07.ipynb"  # clear screen, write, set title
    with zipfile.ZipFile(archive / "gina.zip", "w") as bundle:
        bundle.writestr(forged, _notebook_text())
        bundle.writestr(f"gina__{NB01}.ipynb", _notebook_text())
    (archive.parent / "handed-in.csv").write_text("file,participant\ngina.zip,gina\n", encoding="utf-8")
    assert course_copy.run_nbgrader(course, "zip_collect", EX01).returncode == 0
    assert course_copy.run_nbgrader(course, "db", "assignment", "add", EX01).returncode == 0
    done = subprocess.run([sys.executable, "-m", "upr_course.cli", "workshop", "report"], cwd=course, capture_output=True, text=True)
    assert "All notebooks collected" in done.stdout  # the refusal is reported
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout
