"""Links in ``submitted/`` and a tagged locked cell, through real ``nbgrader autograde`` and the report.

Two observations of the red team (``attack_repros/FINDINGS.md``), fixed in branch ``harden``:

- ``p01_symlink``: the handed-in notebook is a symbolic link to the trainer's solution
  (graded 3/3 before); ``p01_linked_folder``: the assignment's folder is a link to
  ``solutions/<assignment>``; ``p01_linked_extra``: a real notebook, and a file beside it that
  links to a trainer's file outside the course (nbgrader copied it into ``autograded/``, and
  from there into the kernel's folder). Each is refused, with one sentence in nbgrader's log
  and in the report (``linked_file``); nothing is read through the link; the others are graded.
- ``p01_skip_setup``: the locked setup cell is tagged ``skip-when-grading`` and its ``locked``
  flag forged to false (tags are not in nbgrader's checksum): it is run, not skipped. A cell of
  the participant's own with the tag is still skipped.

Only answers written as values: no kernel is needed, so no sandbox either.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from upr_course.grading import throwaway_course as course_copy

EX01, NB01 = "01-should-we-engage", "should-we-engage"
AS_OF = "2026-11-29"
LITERAL_WRONG = 'DECISIONS = {"situation_a": "later", "situation_b": "later", "situation_c": "later"}\n'
SECRET = "TRAINER-SECRET-LINKED-42"
SKIP_NOTE = "# (Not run by the grader"
LINKED = ["p01_symlink", "p01_linked_folder", "p01_linked_extra"]


def _cell(notebook: dict, grade_id: str) -> dict:
    return next(c for c in notebook["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == grade_id)


def _source(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = course_copy.make_course(tmp_path_factory.mktemp("links") / "course", [EX01])
    assert course_copy.api(course).generate_assignment(EX01, force=True)["success"]
    release = course_copy.read(course / "exercises" / EX01 / f"{NB01}.ipynb")
    wrong = course_copy.with_answers(release, {"decisions": LITERAL_WRONG})
    solution = course / "solutions" / EX01 / f"{NB01}.ipynb"
    secret = course.parent / "trainer-secret.txt"  # stands for the trainer's own files, outside the course
    secret.write_text(SECRET, encoding="utf-8")

    course_copy.submit(course, "honest", EX01, f"{NB01}.ipynb", wrong)
    (course / "submitted" / "p01_symlink" / EX01).mkdir(parents=True)
    (course / "submitted" / "p01_symlink" / EX01 / f"{NB01}.ipynb").symlink_to(solution)
    (course / "submitted" / "p01_linked_folder").mkdir(parents=True)
    (course / "submitted" / "p01_linked_folder" / EX01).symlink_to(solution.parent, target_is_directory=True)
    course_copy.submit(course, "p01_linked_extra", EX01, f"{NB01}.ipynb", wrong)
    (course / "submitted" / "p01_linked_extra" / EX01 / "notes.txt").symlink_to(secret)

    hostile = json.loads(json.dumps(wrong))
    setup = _cell(hostile, "setup")
    setup["metadata"]["tags"] = ["skip-when-grading"]
    setup["metadata"]["nbgrader"]["locked"] = False
    hostile["cells"].append({"cell_type": "code", "id": "my-own-check", "metadata": {"tags": ["skip-when-grading"]},
                             "execution_count": None, "outputs": [], "source": "print('my own self-check')\n"})
    course_copy.submit(course, "p01_skip_setup", EX01, f"{NB01}.ipynb", hostile)

    env = course_copy.nbgrader_env()
    env.update(UPR_COURSE_AS_OF=AS_OF)
    for name in ("UPR_COURSE_GRADE_IN_KERNEL", "UPR_COURSE_SANDBOX"):
        env.pop(name, None)
    autograde = subprocess.run([str(Path(sys.executable).parent / "nbgrader"), "autograde", EX01], cwd=course, env=env,
                               capture_output=True, text=True, timeout=600)
    report = subprocess.run([sys.executable, "-m", "upr_course.cli", "workshop", "report", "--csv", "report.csv", "--as-of", AS_OF],
                            cwd=course, env=env, capture_output=True, text=True, timeout=600)
    with (course / "report.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {"course": course, "log": autograde.stdout + autograde.stderr, "report": report, "rows": rows, "solution": solution}


def _scores(course: Path) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "upr-course") as gradebook:
        return {s.student.id: float(s.score or 0.0) for s in gradebook.assignment_submissions(EX01)}


@pytest.mark.slow
def test_a_linked_submission_is_not_graded_and_the_others_are(graded):
    scores = _scores(graded["course"])
    assert scores.get("honest") == 1.0, graded["log"][-3000:]
    for participant in LINKED:
        assert participant not in scores, (participant, scores)  # before: p01_symlink and p01_linked_folder 3.0 (the solution)
        assert not (graded["course"] / "autograded" / participant).exists()


@pytest.mark.slow
def test_nothing_is_read_through_a_link(graded):
    course = graded["course"]
    for path in (course / "autograded").rglob("*"):
        if path.is_file():
            assert SECRET not in path.read_text(encoding="utf-8", errors="replace"), path
    for participant in LINKED:
        assert f"nothing of {participant}'s {EX01} was graded" in graded["log"], graded["log"][-3000:]
    assert "Traceback" not in graded["log"]


@pytest.mark.slow
def test_the_report_names_each_linked_submission_in_a_sentence(graded):
    assert graded["report"].returncode == 1, graded["report"].stderr[-2000:]  # 1: something needs attention
    linked = {r["participant"]: r["note"] for r in graded["rows"] if r["kind"] == "problem" and r["item"] == "linked_file"}
    assert sorted(linked) == sorted(LINKED)
    assert linked["p01_symlink"].startswith(f"submitted/p01_symlink/{EX01}/{NB01}.ipynb is a link to another file or folder: nothing of")
    assert linked["p01_linked_folder"].startswith(f"submitted/p01_linked_folder/{EX01} is a link")
    assert linked["p01_linked_extra"].startswith(f"submitted/p01_linked_extra/{EX01}/notes.txt is a link")
    assert f"nbgrader autograde {EX01} --student p01_symlink --force" in linked["p01_symlink"]
    assert SECRET not in graded["report"].stdout


@pytest.mark.slow
def test_a_locked_cell_tagged_to_be_skipped_is_run_and_the_participants_own_is_skipped(graded):
    autograded = course_copy.read(graded["course"] / "autograded" / "p01_skip_setup" / EX01 / f"{NB01}.ipynb")
    trainers = course_copy.read(graded["course"] / "exercises" / EX01 / f"{NB01}.ipynb")
    setup = _cell(autograded, "setup")
    assert not _source(setup).startswith(SKIP_NOTE), _source(setup)  # before: the setup cell became the note
    assert _source(setup) == _source(_cell(trainers, "setup"))
    own = next(c for c in autograded["cells"] if "my own self-check" in _source(c) or _source(c).startswith(SKIP_NOTE))
    assert _source(own).startswith(SKIP_NOTE)
    assert _scores(graded["course"])["p01_skip_setup"] == 1.0


def test_refused_paths_never_follows_a_link_and_refuses_pipes(tmp_path):
    from upr_course.grading.submitted_links import refused_paths

    base = tmp_path / "submitted"
    folder = base / "amina" / EX01
    folder.mkdir(parents=True)
    (folder / f"{NB01}.ipynb").write_text("{}", encoding="utf-8")
    assert refused_paths(folder, base) == []
    os.mkfifo(folder / "data.csv")  # nbgrader's copy of the folder would wait on it forever
    (folder / "sub").mkdir()
    (folder / "sub" / "loop").symlink_to(folder, target_is_directory=True)
    found = {path.relative_to(base).as_posix(): why for path, why in refused_paths(folder, base)}
    assert found == {f"amina/{EX01}/data.csv": "is not an ordinary file (a pipe, a socket or a device)",
                     f"amina/{EX01}/sub/loop": "is a link to another file or folder"}
    linked_base = tmp_path / "elsewhere"
    linked_base.symlink_to(base, target_is_directory=True)  # submitted/ itself on another disk: the trainer's choice
    assert len(refused_paths(linked_base / "amina" / EX01, linked_base)) == 2
    (base / "bruno").symlink_to(tmp_path / "missing")  # a dangling link is refused too, not "not submitted"
    assert refused_paths(base / "bruno" / EX01, base) == [(base / "bruno", "is a link to another file or folder")]


def test_the_exporter_drops_linked_folders_before_nbgrader_opens_them_and_never_reads_a_link(tmp_path):
    from nbgrader.converters import Autograde
    from nbgrader.coursedir import CourseDirectory

    from upr_course.grading.submitted_links import SubmittedFilesOnly

    course = tmp_path / "course"
    honest, linked = course / "submitted" / "amina" / EX01, course / "submitted" / "bruno" / EX01
    for folder in (honest, linked):
        folder.mkdir(parents=True)
    (honest / f"{NB01}.ipynb").write_text("{}", encoding="utf-8")
    secret = tmp_path / "secret.ipynb"
    secret.write_text(SECRET, encoding="utf-8")
    (linked / f"{NB01}.ipynb").symlink_to(secret)
    converter = Autograde(coursedir=CourseDirectory(root=str(course), assignment_id=EX01))
    converter.assignments = {str(honest): [str(honest / f"{NB01}.ipynb")], str(linked): [str(linked / f"{NB01}.ipynb")]}

    exporter = SubmittedFilesOnly(parent=converter)

    assert list(converter.assignments) == [str(honest)]  # bruno's is never opened
    with pytest.raises(ValueError, match=f"submitted/bruno/{EX01}/{NB01}.ipynb is a link to another file or folder: nothing of bruno's"):
        exporter.from_filename(str(linked / f"{NB01}.ipynb"), resources={"nbgrader": {"student": "bruno", "assignment": EX01}})
