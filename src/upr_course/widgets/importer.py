"""Lesson 04: bring your country's newest report in with a file upload, no command line.

The same import as ``upr-course data import`` (``cli.import_cmd.import_files``): the file is
kept in the participant's own folder (``UPR_COURSE_HOME``), never in the course's
``datasets/``, and every tool uses it at once.
"""

from __future__ import annotations

import html
import tempfile
from pathlib import Path

import ipywidgets as widgets

from ..errors import UserError
from ..i18n import gettext as _

ACCEPT = ".docx,.pdf,.txt,.csv,.xlsx"


def _message(text: str, colour: str = "#1a4d80") -> str:
    return f'<div style="border-left: 4px solid {colour}; padding: 0.3em 0.8em; max-width: 60em">{text}</div>'


def import_files_from_upload(uploads, country: str = "", session: int | None = None) -> str:
    """Import uploaded files (the FileUpload's value); returns the report as HTML."""
    from ..cli.import_cmd import _describe, import_files
    from ..coverage import missing_reviews_note

    if not uploads:
        return _message(html.escape(_("Choose a file first: the Working Group report (.docx or .pdf), its addendum, or a "
                                      "thematic list.")), "#b35900")
    with tempfile.TemporaryDirectory(prefix="upr-upload-") as folder:
        paths = []
        for upload in uploads:
            path = Path(folder) / Path(upload["name"]).name
            path.write_bytes(bytes(upload["content"]))
            paths.append(path)
        try:
            report = import_files(paths, country=country.strip() or None, session=session or None)
        except UserError as error:
            return _message(html.escape(str(error)), "#b35900")
    parts = []
    for entry in report["files"]:
        if entry["error"]:
            parts.append(_message(html.escape(entry["error"]), "#b35900"))
        else:
            parts.append(_message("<br>".join(html.escape(line) for line in _describe(entry).splitlines())))
    if report["written"]:
        states = {state for entry in report["files"] if not entry["error"] for state in entry["states_under_review"]}
        notes = [note for note in (missing_reviews_note(state) for state in sorted(states)) if note]
        parts.append(_message(
            html.escape(_("Imported: every explorer of the course now shows these recommendations. Run the cells above "
                          "again."))
            + ("".join(f"<br>{html.escape(note)}" for note in notes))
        ))
    elif not any(entry["error"] for entry in report["files"]):
        parts.append(_message(html.escape(_("Nothing new: the data already holds these recommendations."))))
    return "".join(parts)


def import_widget() -> widgets.VBox:
    """A file upload, an optional country and session, and an Import button."""
    upload = widgets.FileUpload(accept=ACCEPT, multiple=True, description=_("Choose file(s)"))
    country = widgets.Text(value="", description=_("Country"), placeholder=_("only if the file does not say"))
    session = widgets.BoundedIntText(value=0, min=0, max=99, description=_("Session"), tooltip=_("0: read it from the file"))
    button = widgets.Button(description=_("Import"), button_style="primary", icon="upload")
    result = widgets.HTML()

    def run(_button=None) -> None:
        result.value = import_files_from_upload(upload.value, country.value, session.value or None)

    button.on_click(run)
    box = widgets.VBox([upload, widgets.HBox([country, session]), button, result])
    box.controls, box.button, box.result, box.run = {"upload": upload, "country": country, "session": session}, button, result, run
    return box
