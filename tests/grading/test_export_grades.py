"""The course's ``nbgrader export`` plugin (``export_grades.SafeCsvExportPlugin``), called on a gradebook: fast."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from nbgrader.api import Gradebook
from nbgrader.apps.exportapp import ExportApp
from nbgrader.plugins import CsvExportPlugin

from upr_course.grading import throwaway_course as course_copy
from upr_course.grading.export_grades import SafeCsvExportPlugin
from upr_course.safe_text import FORMULA_STARTS


@pytest.fixture(autouse=True)
def _alembic_on_path(monkeypatch):
    monkeypatch.setenv("PATH", course_copy.nbgrader_env()["PATH"])  # nbgrader's gradebook runs alembic


def _gradebook(tmp_path, students: list[dict]) -> str:
    url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    with Gradebook(url) as gb:
        gb.add_assignment("01-should-we-engage", duedate=dt.datetime(2026, 12, 1, 17, 0))
        for student in students:
            gb.add_student(student.pop("id"), **student)
    return url


def _export(url: str, plugin, to) -> str:
    with Gradebook(url) as gb:
        plugin(parent=ExportApp(), to=str(to)).export(gb)
    return to.read_text(encoding="utf-8")


def test_ordinary_grades_are_written_as_nbgrader_writes_them(tmp_path):
    url = _gradebook(tmp_path, [{"id": "amina", "first_name": "Amina", "last_name": "Otieno", "email": "amina@example.org"}, {"id": "bruno"}])
    ours = _export(url, SafeCsvExportPlugin, tmp_path / "ours.csv")
    assert ours == _export(url, CsvExportPlugin, tmp_path / "nbgraders.csv")
    assert "01-should-we-engage,2026-12-01 17:00:00,,amina,Otieno,Amina,amina@example.org,0.0,0.0,0.0,0.0" in ours.splitlines()


def test_no_cell_of_grades_csv_starts_a_formula_or_shifts_the_columns(tmp_path):
    url = _gradebook(tmp_path, [
        {"id": '=HYPERLINK("evil.example")', "last_name": "+1+1", "first_name": "@SUM(A1)", "email": "-2+3"},
        {"id": "carla", "last_name": "Pérez, Ruiz", "first_name": 'Carla "Cali"'},
    ])
    text = _export(url, SafeCsvExportPlugin, tmp_path / "grades.csv")
    rows = list(csv.DictReader(text.splitlines()))
    assert [row["student_id"] for row in rows] == ['\'=HYPERLINK("evil.example")', "carla"]
    assert (rows[0]["last_name"], rows[0]["first_name"], rows[0]["email"]) == ("'+1+1", "'@SUM(A1)", "'-2+3")
    assert (rows[1]["last_name"], rows[1]["first_name"], rows[1]["score"]) == ("Pérez, Ruiz", 'Carla "Cali"', "0.0")
    assert not [cell for row in rows for cell in row.values() if cell.startswith(FORMULA_STARTS)]


def test_the_course_configures_the_safe_exporter():
    from upr_course.grading.throwaway_course import load_config
    from upr_course.paths import REPO_ROOT

    assert ExportApp(config=load_config(REPO_ROOT)).plugin_class is SafeCsvExportPlugin
