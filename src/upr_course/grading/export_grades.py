"""``nbgrader export`` that writes a grades.csv a spreadsheet shows as text: the course's export plugin.

The trainer guide (section 8) keeps the scores with ``nbgrader export --to grades.csv`` and
opens the file in a spreadsheet. nbgrader 0.9.6's ``CsvExportPlugin`` writes each value as it
is, joined by commas: a participant id, a name or an e-mail address that starts with ``=``
(``=HYPERLINK(...)``) becomes a formula when the file is opened, and one with a comma or a
quote shifts the columns. Ids and names come from places a participant can write: the
exchange folder's names, a roster the trainer imports, the hub's user names.

So the course's exporter (``c.ExportApp.plugin_class`` in ``nbgrader_config.py``, nbgrader's
own plugin point) writes the same columns and rows as nbgrader's, with Python's ``csv`` module
(which quotes commas, quotes and line breaks) and every text cell through
:func:`upr_course.safe_text.spreadsheet_cell` (a leading apostrophe before ``=``, ``+``,
``-``, ``@``, as the course's own report does). Numbers and dates are written as nbgrader does.
"""

from __future__ import annotations

import csv

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.plugins import CsvExportPlugin

from ..safe_text import spreadsheet_cell

#: nbgrader's columns, in nbgrader's order.
COLUMNS = [
    "assignment", "duedate", "timestamp", "student_id", "last_name", "first_name", "email",
    "raw_score", "late_submission_penalty", "score", "max_score",
]


def _cell(value) -> str:
    """One value as nbgrader writes it (None is empty), text made safe for a spreadsheet."""
    if value is None:
        return ""
    if isinstance(value, str):
        return spreadsheet_cell(value)
    return str(value)


class SafeCsvExportPlugin(CsvExportPlugin):
    """nbgrader's CSV exporter (same columns, rows and options), writing cells a spreadsheet cannot run."""

    def export(self, gradebook: Gradebook) -> None:
        dest = self.to or "grades.csv"
        students = [str(item) for item in self.student]
        assignments = [str(item) for item in self.assignment]
        self.log.info("Exporting grades to %s", dest)
        if assignments:
            self.log.info("Exporting only assignments: %s", assignments)
        if students:
            self.log.info("Exporting only students: %s", students)
        with open(dest, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(COLUMNS)
            for assignment in gradebook.assignments:
                if assignments and assignment.name not in assignments:
                    continue
                for student in gradebook.students:
                    if students and student.id not in students:
                        continue
                    row = {
                        "assignment": assignment.name, "duedate": assignment.duedate, "student_id": student.id,
                        "last_name": student.last_name, "first_name": student.first_name, "email": student.email,
                        "max_score": assignment.max_score,
                    }
                    try:
                        submission = gradebook.find_submission(assignment.name, student.id)
                    except MissingEntry:  # nothing handed in: zero, as nbgrader writes it
                        row.update(timestamp="", raw_score=0.0, late_submission_penalty=0.0, score=0.0)
                    else:
                        penalty = submission.late_submission_penalty
                        row.update(timestamp=submission.timestamp, raw_score=submission.score, late_submission_penalty=penalty,
                                   score=max(0.0, submission.score - penalty))
                    writer.writerow([_cell(row[key]) for key in COLUMNS])
