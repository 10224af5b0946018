"""Red team, second round: attacks on the class's grading through real nbgrader runs.

``tests/grading/attack_repros/FINDINGS2.md`` has the write-up of each. The tests marked
``xfail(strict=True)`` pass only while the attack works: each states what should hold, and fails
today because it does not.
"""

from __future__ import annotations

import io
import shutil
import tarfile
from pathlib import Path

import pytest

from upr_course.grading import throwaway_course as course_copy
from upr_course.grading.collect import LIST_NAME

from test_zip_collect import ASSIGNMENT, NOTEBOOK, _course, _notebook, _zip  # noqa: E402

NB = f"__{NOTEBOOK}.ipynb"


def _tar_gz(path: Path, files: dict[str, str]) -> None:
    with tarfile.open(path, "w:gz") as bundle:
        for name, text in files.items():
            data = text.encode("utf-8")
            info = tarfile.TarInfo(name)
            info.size = len(data)
            bundle.addfile(info, io.BytesIO(data))


def _collect_with_a_namesake(tmp_path: Path, attacker_archive: str, amina_sends_the_notebook: bool) -> tuple[Path, str]:
    """amina sends ``amina.zip``; bruno sends a tar.gz he named ``attacker_archive`` (``amina.gz``
    or ``amina.tar.gz``), holding a notebook named ``amina__…`` and his own. The trainer lists both
    files truthfully in handed-in.csv (``amina.zip,amina`` and ``amina.gz,bruno``)."""
    tmp_path.mkdir(parents=True)
    course, archive = _course(tmp_path)
    amina_files = {f"amina{NB}": _notebook("amina herself")} if amina_sends_the_notebook else {"amina__notes.ipynb": _notebook("amina notes")}
    _zip(archive / "amina.zip", amina_files)
    _tar_gz(archive / attacker_archive, {f"amina{NB}": _notebook("bruno as amina"), f"bruno{NB}": _notebook("bruno himself")})
    (archive.parent / LIST_NAME).write_text(f"file,participant\namina.zip,amina\n{attacker_archive},bruno\n", encoding="utf-8")
    done = course_copy.run_nbgrader(course, "zip_collect", ASSIGNMENT)
    assert done.returncode == 0, done.stderr[-3000:]
    return course, done.stdout + done.stderr


@pytest.mark.slow
def test_an_archive_named_like_another_participants_cannot_hand_in_for_them_or_block_them(tmp_path):
    failures = []
    for attacker_archive in ("amina.gz", "amina.tar.gz"):
        for amina_sends in (False, True):
            course, log = _collect_with_a_namesake(tmp_path / f"{attacker_archive}-{amina_sends}", attacker_archive, amina_sends)
            handed_in = course / "submitted" / "amina" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
            text = handed_in.read_text(encoding="utf-8") if handed_in.exists() else ""
            if "bruno as amina" in text:
                failures.append(f"{attacker_archive}: bruno's notebook collected as amina's")
            if amina_sends and "amina herself" not in text:
                failures.append(f"{attacker_archive}: amina's own notebook not collected")
            bruno = course / "submitted" / "bruno" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
            if not (bruno.exists() and "bruno himself" in bruno.read_text(encoding="utf-8")):
                failures.append(f"{attacker_archive}: bruno's own notebook not collected")
            blamed = f"amina{NB} in {attacker_archive} claims to be amina's, but {LIST_NAME} says bruno sent {attacker_archive}"
            if blamed not in log:  # the refusal names the file bruno sent, and bruno
                failures.append(f"{attacker_archive}: the refusal does not name bruno's file: {log[-2000:]}")
            shutil.rmtree(course)
    # Before the fix, which of the two happened depended on the order the file system lists archive/
    # in: amina.gz -> bruno's notebook was amina's hand-in (and the log blamed amina); amina.tar.gz ->
    # amina's own notebook was refused as "in amina.tar.gz, sent by bruno". Now each archive has a
    # folder of its own in extracted/ (amina.zip/, amina.gz/), so each notebook has one sender.
    assert not failures, failures


@pytest.mark.slow
def test_a_file_named_like_a_classmates_archive_folder_does_not_block_their_archive(tmp_path):
    tmp_path.mkdir(parents=True, exist_ok=True)
    course, archive = _course(tmp_path)
    _zip(archive / "amina.zip", {f"amina{NB}": _notebook("amina herself")})
    (archive / "amina").write_text("anything", encoding="utf-8")  # bruno's attachment
    (archive.parent / LIST_NAME).write_text("file,participant\namina.zip,amina\namina,bruno\n", encoding="utf-8")
    done = course_copy.run_nbgrader(course, "zip_collect", ASSIGNMENT)
    assert done.returncode == 0, done.stderr[-3000:]
    # Before the fix: "amina.zip could not be extracted (FileExistsError: ... extracted/amina) ... Ask amina to send it again".
    assert "could not be extracted" not in done.stdout + done.stderr
    handed_in = course / "submitted" / "amina" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
    assert handed_in.exists() and "amina herself" in handed_in.read_text(encoding="utf-8")


# --- R8, R9: markup that still reaches the trainer's formgrader page ---------------------------

EX01, NB01 = "01-should-we-engage", "should-we-engage"
COMPUTED_WRONG = 'DECISIONS = {key: "later" for key in ["situation_a", "situation_b", "situation_c"]}\n'
PNG_METADATA = COMPUTED_WRONG + '''from IPython.display import display
display({"image/png": "iVBORw0KGgo=", "text/plain": "my chart"}, raw=True, metadata={"image/png": {"width": "1 onerror=window.XSS_PNGMETA=1"}})
'''


def _cell_of(notebook: dict, grade_id: str) -> dict:
    return next(c for c in notebook["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == grade_id)


def _with_cells_after_the_answer(release: dict, answer: str, cells: list[dict]) -> dict:
    notebook = course_copy.with_answers(release, {"decisions": answer})
    index = notebook["cells"].index(_cell_of(notebook, "decisions")) + 1
    notebook["cells"][index:index] = cells
    return notebook


@pytest.fixture(scope="module")
def formgrader_course(tmp_path_factory):
    from upr_course.grading.kernel_sandbox import sandbox_status

    if not sandbox_status().available:
        pytest.skip(f"no sandbox here: {sandbox_status().reason}")
    course = course_copy.make_course(tmp_path_factory.mktemp("redteam2-formgrader"), [EX01])
    assert course_copy.api(course).generate_assignment(EX01, force=True)["success"]
    release = course_copy.read(course / "exercises" / EX01 / f"{NB01}.ipynb")
    submissions = {
        # code in the sandbox shows a "PNG" whose width (output metadata) carries an attribute
        "x_png_metadata": _with_cells_after_the_answer(release, PNG_METADATA, []),
        # a markdown cell with a javascript: link (no HTML, so nothing to escape)
        "x_js_link": _with_cells_after_the_answer(release, COMPUTED_WRONG, [
            {"cell_type": "markdown", "id": "my-annex", "metadata": {}, "source": "See [my annex](javascript:window.XSS_LINK=1) for the sources."}]),
        # a raw cell (JupyterLab: press R) with HTML in it
        "x_raw": _with_cells_after_the_answer(release, COMPUTED_WRONG, [
            {"cell_type": "raw", "id": "my-raw", "metadata": {"raw_mimetype": "text/html"}, "source": '<img src=x onerror="window.XSS_RAW=1">'}]),
    }
    for participant, notebook in submissions.items():
        course_copy.submit(course, participant, EX01, f"{NB01}.ipynb", notebook)
    env = course_copy.nbgrader_env()
    env.update(UPR_COURSE_AS_OF="2026-11-29")
    for name in ("UPR_COURSE_GRADE_IN_KERNEL", "UPR_COURSE_SANDBOX"):
        env.pop(name, None)
    import subprocess
    import sys

    done = subprocess.run([str(Path(sys.executable).parent / "nbgrader"), "autograde", EX01], cwd=course, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    return course


def _formgrader_page(course: Path, participant: str) -> str:
    """The page formgrader shows the trainer (its own exporter and template), as in test_grading_attacks_more."""
    from nbconvert.exporters import HTMLExporter
    from nbgrader.server_extensions.formgrader import handlers
    from traitlets.config import Config

    config = Config()
    config.HTMLExporter.template_name = "formgrade"
    config.HTMLExporter.extra_template_basedirs = [handlers.template_path]
    resources = {"assignment_id": EX01, "notebook_id": NB01, "submission_id": "x", "index": 0, "total": 1, "base_url": "/",
                 "student": participant, "last_name": "", "first_name": "", "notebook_path": "x"}
    page, _ = HTMLExporter(config=config).from_filename(str(course / "autograded" / participant / EX01 / f"{NB01}.ipynb"), resources=resources)
    return page


@pytest.mark.slow
def test_an_image_outputs_metadata_runs_no_script_in_the_formgrader_page(formgrader_course):
    import re

    page = _formgrader_page(formgrader_course, "x_png_metadata")
    assert "my chart" in page or "image/png" in page  # the output is on the page
    # Before the fix: <img alt="..." onerror="window.XSS_PNGMETA=1" src="data:image/png;base64,iVBORw0KGgo=" width="1"/>;
    # the picture is not a valid PNG, so the browser fired onerror as the page loaded.
    assert not re.findall(r"<img\b[^>]*\sonerror=[^>]*>", page)


@pytest.mark.slow
def test_a_javascript_link_in_a_participants_markdown_is_not_live(formgrader_course):
    page = _formgrader_page(formgrader_course, "x_js_link")
    assert "my annex" in page
    assert 'href="javascript:' not in page.lower()
    assert "[my annex](javascript:window.XSS_LINK=1)" in page  # the trainer reads what was written, as text


@pytest.mark.slow
def test_a_raw_html_cell_is_shown_as_text(formgrader_course):
    """Blocked: nbconvert's formgrader page escapes a raw cell, even one marked text/html."""
    page = _formgrader_page(formgrader_course, "x_raw")
    assert "XSS_RAW" in page and '<img src=x onerror="window.XSS_RAW=1">' not in page


# --- R10: the exchange's inbound folder: links the trainer's ``nbgrader collect`` follows -------
# The course's collector (exchange_collect.CheckedExchangeCollect, c.ExchangeFactory.collect) now
# refuses each attack with a sentence in collect's output and in the grading log (the workshop
# report lists it); the honest hand-in is still collected and graded; nbgrader export's grades.csv
# goes through the course's exporter (export_grades.SafeCsvExportPlugin).

SECRET = "TRAINER-ONLY-SECRET-R10"
FORMULA_ID = '=HYPERLINK("evil.example")'
HONEST = "nobody's honest hand-in"


def _inbound_folder(exchange: Path, participant: str, timestamp: str = "2026-12-07 10:00:00.000000 UTC") -> Path:
    """What a participant can make by hand in the exchange's inbound folder (nbgrader makes it writable by everyone, 0o2733)."""
    folder = exchange / "upr-course" / "inbound" / f"{participant}+{EX01}+{timestamp}+deadbeef"
    folder.mkdir(parents=True)
    (folder / "timestamp.txt").write_text(timestamp, encoding="utf-8")
    return folder


def _owned_by(participant: str, *paths: Path) -> None:
    """As if the participant (a user of the server) had written them: nbgrader collect then sees no "cheating attempt"."""
    import os
    import pwd

    uid = pwd.getpwnam(participant).pw_uid
    for path in paths:
        os.lchown(path, uid, uid)


@pytest.fixture(scope="module")
def exchange_course(tmp_path_factory):
    import json
    import os
    import pwd
    import subprocess
    import sys

    from upr_course.grading.kernel_sandbox import sandbox_status

    if not sandbox_status().available:
        pytest.skip(f"no sandbox here: {sandbox_status().reason}")
    if os.geteuid() != 0:
        pytest.skip("makes files owned by two other users of this machine (nobody, daemon): needs root")
    for name in ("nobody", "daemon"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            pytest.skip(f"no user {name} here")
    base = tmp_path_factory.mktemp("redteam2-exchange")
    course = course_copy.make_course(base / "course", [EX01])
    assert course_copy.api(course).generate_assignment(EX01, force=True)["success"]
    secret = base / "trainer-secret.txt"  # stands for any file the trainer can read: other solutions, gradebook.db
    secret.write_text(SECRET, encoding="utf-8")
    exchange = base / "exchange"
    (exchange / "upr-course" / "inbound").mkdir(parents=True)
    os.chmod(exchange / "upr-course" / "inbound", 0o2733)
    release = course_copy.read(course / "exercises" / EX01 / f"{NB01}.ipynb")

    def hand_in(folder: Path, code: str) -> Path:
        path = folder / f"{NB01}.ipynb"
        path.write_text(json.dumps(course_copy.with_answers(release, {"decisions": code})), encoding="utf-8")
        return path

    # nobody, first: an honest hand-in through nbgrader submit (owned by nobody). The later attacks must not hide it.
    folder = _inbound_folder(exchange, "nobody", "2026-12-07 09:00:00.000000 UTC")
    _owned_by("nobody", folder, folder / "timestamp.txt", hand_in(folder, COMPUTED_WRONG + f"# {HONEST}\n"))

    # nobody, later: the notebook is a link to the trainer's source notebook (the solutions).
    folder = _inbound_folder(exchange, "nobody")
    (folder / f"{NB01}.ipynb").symlink_to(course / "solutions" / EX01 / f"{NB01}.ipynb")
    _owned_by("nobody", folder, folder / "timestamp.txt", folder / f"{NB01}.ipynb")

    # daemon: an honest-looking notebook whose computed answer prints a file beside it, which is a link to the trainer's file.
    folder = _inbound_folder(exchange, "daemon")
    hand_in(folder, COMPUTED_WRONG + 'print(open("notes.txt").read())\n')
    (folder / "notes.txt").symlink_to(secret)
    _owned_by("daemon", folder, folder / "timestamp.txt", folder / f"{NB01}.ipynb", folder / "notes.txt")

    # daemon again, claiming to be amina (a participant who has not handed in yet, and no user of this machine) ...
    folder = _inbound_folder(exchange, "amina")
    _owned_by("daemon", folder, folder / "timestamp.txt", hand_in(folder, COMPUTED_WRONG))
    # ... and claiming to be nobody (a user of this machine), with the latest time stamp of all.
    folder = _inbound_folder(exchange, "nobody", "2026-12-07 11:00:00.000000 UTC")
    _owned_by("daemon", folder, folder / "timestamp.txt", hand_in(folder, COMPUTED_WRONG + "# daemon as nobody\n"))

    # A participant id that is a spreadsheet formula (the folder's name is not checked by nbgrader; "+" and "/" are the only characters it cannot hold).
    hand_in(_inbound_folder(exchange, FORMULA_ID), COMPUTED_WRONG)

    env = course_copy.nbgrader_env()
    env.update(UPR_COURSE_AS_OF="2026-11-29")
    for name in ("UPR_COURSE_GRADE_IN_KERNEL", "UPR_COURSE_SANDBOX"):
        env.pop(name, None)
    nbgrader = str(Path(sys.executable).parent / "nbgrader")
    collected = subprocess.run([nbgrader, "collect", EX01, f"--Exchange.root={exchange}"], cwd=course, env=env, capture_output=True, text=True)
    assert collected.returncode == 0, collected.stderr[-3000:]
    graded = subprocess.run([nbgrader, "autograde", EX01], cwd=course, env=env, capture_output=True, text=True)
    assert graded.returncode == 0, graded.stderr[-3000:]
    # A name that is a formula can still reach the gradebook another way than the exchange (a roster the trainer
    # imports, a hub user name): nbgrader export must not write it as a formula either.
    added = subprocess.run([nbgrader, "db", "student", "add", FORMULA_ID, "--last-name=+1+1", "--first-name=@SUM(A1)"],
                           cwd=course, env=env, capture_output=True, text=True)
    assert added.returncode == 0, added.stderr[-3000:]
    exported = subprocess.run([nbgrader, "export", "--to", "grades.csv"], cwd=course, env=env, capture_output=True, text=True)  # trainer guide, section 8
    assert exported.returncode == 0, exported.stderr[-3000:]
    report = subprocess.run([sys.executable, "-m", "upr_course.cli", "workshop", "report", "--as-of", "2026-11-29"], cwd=course, env=env,
                            capture_output=True, text=True)
    return {"course": course, "collect_log": collected.stdout + collected.stderr, "report": report.stdout + report.stderr}


def _refused_in(log: str, participant: str, timestamp: str, why: str) -> bool:
    """The course collector's sentence for one inbound folder (collect's output, or the report)."""
    return f"{participant}+{EX01}+{timestamp}+deadbeef in the exchange's inbound/ was not collected: {why}" in log


@pytest.mark.slow
def test_a_link_in_the_inbound_folder_is_not_collected_as_the_participants_notebook(exchange_course):
    submitted = exchange_course["course"] / "submitted" / "nobody" / EX01 / f"{NB01}.ipynb"
    solution = exchange_course["course"] / "solutions" / EX01 / f"{NB01}.ipynb"
    assert submitted.read_bytes() != solution.read_bytes()
    assert HONEST in submitted.read_text(encoding="utf-8")  # the refused later folders do not hide nobody's own hand-in
    assert _refused_in(exchange_course["collect_log"], "nobody", "2026-12-07 10:00:00.000000 UTC", f"{NB01}.ipynb is a link")
    assert (exchange_course["course"] / "autograded" / "nobody" / EX01 / f"{NB01}.ipynb").exists()


@pytest.mark.slow
def test_a_link_in_the_inbound_folder_does_not_bring_a_trainers_file_into_the_sandbox(exchange_course):
    course = exchange_course["course"]
    assert _refused_in(exchange_course["collect_log"], "daemon", "2026-12-07 10:00:00.000000 UTC", "notes.txt is a link")
    assert not (course / "submitted" / "daemon").exists() and not (course / "autograded" / "daemon").exists()
    for folder in ("submitted", "autograded"):
        assert not [p for p in (course / folder).rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()]


@pytest.mark.slow
def test_a_hand_in_for_another_participant_through_the_exchange_is_refused_or_reported(exchange_course):
    import pwd

    log, report, course = exchange_course["collect_log"], exchange_course["report"], exchange_course["course"]
    assert not (course / "submitted" / "amina").exists()
    assert _refused_in(log, "amina", "2026-12-07 10:00:00.000000 UTC", "no system user is called amina")
    daemon, nobody = pwd.getpwnam("daemon").pw_uid, pwd.getpwnam("nobody").pw_uid
    borrowed = f"the folder belongs to user id {daemon}, not to nobody (user id {nobody})"
    assert _refused_in(log, "nobody", "2026-12-07 11:00:00.000000 UTC", borrowed)
    assert "daemon as nobody" not in (course / "submitted" / "nobody" / EX01 / f"{NB01}.ipynb").read_text(encoding="utf-8")
    # The workshop report lists every refusal under "Needs your attention" (from the grading log).
    assert "Nothing needs your attention" not in report, report
    assert f"collect {EX01} (last run" in report and "1 submissions collected, 5 refused" in report, report
    assert _refused_in(report, "amina", "2026-12-07 10:00:00.000000 UTC", "no system user is called amina"), report
    assert _refused_in(report, "nobody", "2026-12-07 11:00:00.000000 UTC", borrowed), report


@pytest.mark.slow
def test_a_participant_id_from_the_exchange_never_starts_a_formula_in_grades_csv(exchange_course):
    import csv

    assert _refused_in(exchange_course["collect_log"], FORMULA_ID, "2026-12-07 10:00:00.000000 UTC", f"no system user is called {FORMULA_ID}")
    with (exchange_course["course"] / "grades.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    by_id = {row["student_id"]: row for row in rows}
    assert "nobody" in by_id and f"'{FORMULA_ID}" in by_id, rows  # the graded participant, and the one added to the gradebook
    assert (by_id[f"'{FORMULA_ID}"]["last_name"], by_id[f"'{FORMULA_ID}"]["first_name"]) == ("'+1+1", "'@SUM(A1)")
    assert not [cell for row in rows for cell in row.values() if cell.startswith(("=", "+", "-", "@"))], rows


# --- R13: a plan hidden in the metadata, again: the cell shows a plan that is not a bare literal ---

CAPSTONE, NB05 = "05-capstone-action-plan", "action-plan"
HIDDEN = "format: upr-action-plan/1\ncountry: Kenya\n# the STRONG plan, kept in the metadata\n"
SHOWN = "format: upr-action-plan/1\ncountry: Kenya\n# the weak plan the trainer reads\n"


@pytest.mark.parametrize("shown", [
    f'PLAN = """{SHOWN}""".strip()\n',
    f'if True:\n    PLAN = """{SHOWN}"""\n',
    f'PLAN = """{SHOWN}""" + ""\n',
], ids=["strip", "if_block", "concatenated"])
def test_a_plan_the_cell_shows_in_another_form_is_not_replaced_by_the_hidden_one(shown):
    from upr_course.grading.extract import AnswerNotFound, cell_text, two_texts

    saved = {"upr_course": {"answers": {"PLAN": HIDDEN}}}
    try:
        graded = cell_text(shown, saved, "PLAN")
    except AnswerNotFound as refused:  # the course's choice: refused with a sentence, the hidden plan not graded
        assert refused.kind == "changed_form" and "STRONG" not in str(refused), refused
        graded = ""
    assert "STRONG" not in graded and two_texts(shown, saved, "PLAN")


@pytest.mark.slow
def test_a_weak_plan_shown_with_strip_is_graded_not_the_hidden_strong_one(tmp_path):
    import subprocess
    import sys

    from nbgrader.api import Gradebook

    from upr_course.grading.kernel_sandbox import sandbox_status
    from sample_plans import WEAK_PLAN, strong_plan_with_real_ids

    if not sandbox_status().available:
        pytest.skip(f"no sandbox here: {sandbox_status().reason}")
    course = course_copy.make_course(tmp_path / "course", [CAPSTONE])
    assert course_copy.api(course).generate_assignment(CAPSTONE, force=True)["success"]
    release = course_copy.read(course / "exercises" / CAPSTONE / f"{NB05}.ipynb")
    course_copy.submit(course, "c_weak", CAPSTONE, f"{NB05}.ipynb", course_copy.with_answers(release, {"action_plan": f'PLAN = """\n{WEAK_PLAN}"""\n'}))
    strip = course_copy.with_answers(release, {"action_plan": f'PLAN = """\n{WEAK_PLAN}""".strip()\n'})
    course_copy.submit(course, "c_strip", CAPSTONE, f"{NB05}.ipynb",
                       course_copy.with_saved_answers(strip, {"action_plan": {"PLAN": strong_plan_with_real_ids()}}))
    env = course_copy.nbgrader_env()
    env.update(UPR_COURSE_AS_OF="2026-11-29")
    for name in ("UPR_COURSE_GRADE_IN_KERNEL", "UPR_COURSE_SANDBOX"):
        env.pop(name, None)
    done = subprocess.run([str(Path(sys.executable).parent / "nbgrader"), "autograde", CAPSTONE], cwd=course, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    report = subprocess.run([sys.executable, "-m", "upr_course.cli", "workshop", "report", "--as-of", "2026-11-29"], cwd=course, env=env,
                            capture_output=True, text=True).stdout
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "upr-course") as gradebook:
        totals = {s.student.id: sum(g.auto_score or 0 for g in gradebook.find_submission_notebook(NB05, CAPSTONE, s.student.id).grades)
                  for s in gradebook.assignment_submissions(CAPSTONE)}
    named = "c_strip, 05-capstone-action-plan: [two_plans]" in report
    # Before the fix: c_strip 84.37 (the hidden plan), c_weak 27.05, and "Needs your attention" did not name c_strip.
    # Now the cell, which is neither the picker's nor a plain PLAN = """...""", is refused (0) and named for the trainer.
    assert totals["c_strip"] <= totals["c_weak"] and named, (totals, report[-1500:])


# --- R13 for exercises 01-04: answers hidden in the metadata while the cell shows others ---

EX01, NB01 = "01-should-we-engage", "should-we-engage"
WEAK_01 = 'DECISIONS = {"situation_a": "later", "situation_b": "now", "situation_c": "now"}\nWHY_A = ""\nWHY_B = ""\nWHY_C = ""\n'


@pytest.mark.slow
def test_weak_answers_shown_in_exercise_01_are_graded_not_strong_ones_hidden_in_the_metadata(tmp_path):
    import subprocess
    import sys

    from nbgrader.api import Gradebook

    from upr_course.grading.kernel_sandbox import sandbox_status

    if not sandbox_status().available:
        pytest.skip(f"no sandbox here: {sandbox_status().reason}")
    course = course_copy.make_course(tmp_path / "course", [EX01])
    assert course_copy.api(course).generate_assignment(EX01, force=True)["success"]
    release = course_copy.read(course / "exercises" / EX01 / f"{NB01}.ipynb")
    strong = course_copy.saved_answers(course_copy.read(course / "solutions" / EX01 / f"{NB01}.ipynb"))
    course_copy.submit(course, "e_form", EX01, f"{NB01}.ipynb", course_copy.with_saved_answers(release, strong))
    weak = course_copy.with_answers(release, {"decisions": WEAK_01})
    course_copy.submit(course, "e_weak", EX01, f"{NB01}.ipynb", weak)
    course_copy.submit(course, "e_hidden", EX01, f"{NB01}.ipynb", course_copy.with_saved_answers(weak, strong))
    env = course_copy.nbgrader_env()
    env.update(UPR_COURSE_AS_OF="2026-12-07")
    for name in ("UPR_COURSE_GRADE_IN_KERNEL", "UPR_COURSE_SANDBOX"):
        env.pop(name, None)
    done = subprocess.run([str(Path(sys.executable).parent / "nbgrader"), "autograde", EX01], cwd=course, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    report = subprocess.run([sys.executable, "-m", "upr_course.cli", "workshop", "report", "--as-of", "2026-12-07"], cwd=course, env=env,
                            capture_output=True, text=True).stdout
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "upr-course") as gradebook:
        totals = {s.student.id: sum(g.auto_score or 0 for g in gradebook.find_submission_notebook(NB01, EX01, s.student.id).grades)
                  for s in gradebook.assignment_submissions(EX01)}
    # Before the fix: e_hidden 3/3 (the hidden answers), e_weak 0, and the report named nothing.
    assert totals["e_form"] == 3 and totals["e_weak"] == totals["e_hidden"] == 0, (totals, report[-1500:])
    assert "e_hidden, 01-should-we-engage: [two_answers]" in report and "e_form, 01-should-we-engage: [two_answers]" not in report, report[-2000:]
