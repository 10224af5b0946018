"""``nbgrader zip_collect`` with the course's collector: crafted zips, real nbgrader runs.

Attacks tried: a notebook named for another participant (alone and inside a zip), two
different files for the same participant and notebook, an identical copy, a name that is
not a safe folder name (``..``), a file nobody listed, and no list at all.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from upr_course.grading import throwaway_course as course_copy
from upr_course.grading.collect import LIST_NAME, latest_collections, read_list

REPO = Path(__file__).resolve().parents[2]
ASSIGNMENT = "01-should-we-engage"
NOTEBOOK = "should-we-engage"

pytestmark = pytest.mark.slow


def _notebook(marker: str) -> str:
    release = json.loads((REPO / "exercises" / ASSIGNMENT / f"{NOTEBOOK}.ipynb").read_text(encoding="utf-8"))
    release["cells"].append({"cell_type": "markdown", "metadata": {}, "source": f"written by {marker}"})
    return json.dumps(release)


def _course(tmp_path: Path) -> tuple[Path, Path]:
    course = tmp_path / "course"
    course.mkdir()
    shutil.copy(REPO / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copytree(REPO / "exercises" / ASSIGNMENT, course / "exercises" / ASSIGNMENT)
    archive = course / "downloaded" / ASSIGNMENT / "archive"
    archive.mkdir(parents=True)
    return course, archive


def _zip(path: Path, files: dict[str, str]) -> None:
    with zipfile.ZipFile(path, "w") as bundle:
        for name, text in files.items():
            bundle.writestr(name, text)


def _submitted(course: Path, participant: str) -> Path:
    return course / "submitted" / participant / ASSIGNMENT / f"{NOTEBOOK}.ipynb"


def test_zip_collect_refuses_names_that_claim_someone_else_and_never_drops_a_duplicate_silently(tmp_path, monkeypatch):
    course, archive = _course(tmp_path)
    nb = f"__{NOTEBOOK}.ipynb"
    _zip(archive / "amina.zip", {f"amina{nb}": _notebook("amina")})
    _zip(archive / "bruno.zip", {f"amina{nb}": _notebook("bruno pretending to be amina")})  # hands in for amina
    (archive / f"carla{nb}").write_text(_notebook("carla, first version"), encoding="utf-8")
    _zip(archive / "carla-again.zip", {f"carla{nb}": _notebook("carla, second version")})  # same name, other content
    _zip(archive / "dan.zip", {f"dan{nb}": _notebook("dan")})
    (archive / f"dan{nb}").write_text(_notebook("dan"), encoding="utf-8")  # the very same file twice
    _zip(archive / "mallory.zip", {f"..{nb}": _notebook("mallory")})  # a name that is a path
    _zip(archive / "eve.zip", {f"eve{nb}": _notebook("eve")})  # not in the trainer's list
    (archive.parent / LIST_NAME).write_text(
        "file,participant\namina.zip,amina\nbruno.zip,bruno\n"
        f"carla{nb},carla\ncarla-again.zip,carla\ndan.zip,dan\ndan{nb},dan\nmallory.zip,mallory\n",
        encoding="utf-8",
    )

    done = course_copy.run_nbgrader(course, "zip_collect", ASSIGNMENT)

    assert done.returncode == 0, done.stderr[-3000:]
    log = done.stdout + done.stderr
    assert "written by amina" in _submitted(course, "amina").read_text(encoding="utf-8")
    assert "bruno" not in _submitted(course, "amina").read_text(encoding="utf-8")
    assert not (course / "submitted" / "bruno").exists()
    assert not (course / "submitted" / "carla").exists()
    assert "written by dan" in _submitted(course, "dan").read_text(encoding="utf-8")
    assert not (course / "submitted" / "eve").exists() and not (course / "submitted" / ASSIGNMENT).exists()
    assert sorted(p.name for p in (course / "submitted").iterdir()) == ["amina", "dan"]
    assert "claims to be amina's, but handed-in.csv says bruno sent bruno.zip" in log
    assert f"carla{nb} and carla-again/carla{nb} are both carla's {NOTEBOOK}.ipynb" in log
    assert "eve.zip is not in handed-in.csv" in log
    assert "'..'" in log and "Traceback" not in log

    records = latest_collections(course)[ASSIGNMENT]
    outcomes = sorted((r["participant"], r["outcome"]) for r in records)
    assert outcomes == sorted([("amina", "collected"), ("bruno", "refused"), ("carla", "refused"), ("carla", "refused"),
                               ("dan", "collected"), ("dan", "duplicate"), ("mallory", "refused"), ("eve", "refused")])

    # The trainer's report names every refused file, in one sentence each.
    from nbgrader.api import Gradebook

    from upr_course.grading.report import build_report

    monkeypatch.setenv("PATH", course_copy.nbgrader_env()["PATH"])  # nbgrader's gradebook runs alembic
    with Gradebook(f"sqlite:///{(course / 'gradebook.db').as_posix()}", "upr-course") as gradebook:
        gradebook.add_assignment(ASSIGNMENT)
    report = build_report(course)
    text = report.to_text()
    assert f"zip_collect {ASSIGNMENT}" in text and "2 notebooks collected, 5 refused, 1 identical copies collected once" in text
    assert len(report.refused()) == 5
    assert "[zip_collect] bruno.zip" not in text  # the message starts with the file that makes the claim
    assert f"[zip_collect] amina{nb} in bruno.zip claims to be amina's" in text
    report.write_csv(tmp_path / "report.csv")
    import csv

    with (tmp_path / "report.csv").open(encoding="utf-8") as handle:
        assert sum(row["item"] == "zip_collect" for row in csv.DictReader(handle)) == 5


def test_without_the_trainers_list_nothing_is_collected_and_the_message_says_what_to_write(tmp_path):
    course, archive = _course(tmp_path)
    _zip(archive / "amina.zip", {f"amina__{NOTEBOOK}.ipynb": _notebook("amina")})

    done = course_copy.run_nbgrader(course, "zip_collect", ASSIGNMENT)

    assert done.returncode == 0, done.stderr[-3000:]
    assert not (course / "submitted").exists() or not any((course / "submitted").iterdir())
    assert f"{LIST_NAME} is missing: write one line per file in archive/" in done.stdout + done.stderr


def test_the_list_reports_bad_lines_and_files_listed_for_two_people(tmp_path):
    path = tmp_path / LIST_NAME
    path.write_text("file,participant\n# a comment\na.zip,amina\na.zip,bruno\nb.zip\n,carla\nc.zip , dan \n", encoding="utf-8")
    senders, problems = read_list(path)
    assert senders == {"a.zip": "", "c.zip": "dan"}
    assert len(problems) == 3 and "a.zip is listed for both amina and bruno" in problems[0]
