"""Handed-in files that are links are refused before nbgrader reads anything through them.

nbgrader autograde reads ``submitted/<participant>/<assignment>/`` as it finds it: a
notebook there that is a symbolic link to ``solutions/`` is graded as the solution, and a
folder that is a link makes nbgrader copy whatever it points to into ``autograded/`` (and
from there into the participant's kernel). Archives never make links (the course's
extractor skips them), but anyone who can write ``submitted/`` can (a script, a helper who
copies folders with ``cp -s``, an unpacking tool).

So, for autograde (``c.Autograde.exporter_class`` in ``nbgrader_config.py``), a
participant's assignment is refused as a whole, before nbgrader touches it, when the
participant's folder, the assignment's folder or anything inside it is a link, or is not an
ordinary file or folder (a pipe would make nbgrader wait forever). nbgrader logs one
sentence for it and goes on with the others; ``upr-course workshop report`` makes the same
check itself (it reads nothing through a link either) and lists the sentence under "Needs
your attention" (``linked_file``).
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from nbconvert.exporters import NotebookExporter

from ..safe_text import printable

#: The report's kind of problem (docs/trainer-guide.md, section 5).
KIND = "linked_file"
_SHOWN = 3


def _kind(path: Path) -> str | None:
    """Why ``path`` is refused ("a link", "not an ordinary file"), or None when it is fine or absent."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    except OSError as error:
        return f"cannot be read ({error.strerror or error})"
    if stat.S_ISLNK(mode):
        return "is a link to another file or folder"
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return "is not an ordinary file (a pipe, a socket or a device)"
    return None


def refused_paths(folder: Path, base: Path) -> list[tuple[Path, str]]:
    """What is refused in a participant's assignment ``folder`` under ``base`` (``submitted/``), with why.

    The folders from ``base`` down to ``folder`` (``base`` itself may be a link: that is the
    trainer's choice), then everything inside ``folder``, links never followed. Reads no file.
    """
    folder, base = Path(folder), Path(base)
    try:
        parts = folder.relative_to(base).parts
    except ValueError:
        parts = ()
    current = base
    for part in parts:
        current = current / part
        why = _kind(current)
        if why:
            return [(current, why)]  # nothing inside it is looked at
    if not parts and (why := _kind(folder)):
        return [(folder, why)]
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):  # does not follow links to folders
        for name in sorted(dirnames + filenames):
            path = Path(dirpath) / name
            why = _kind(path)
            if why:
                found.append((path, why))
    return found


def refusal(found: list[tuple[Path, str]], participant: str, assignment: str, root: Path) -> str:
    """The sentence for the trainer (nbgrader's log and the report)."""

    def shown(path: Path) -> str:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            return str(path)

    named = "; ".join(f"{shown(path)} {why}" for path, why in found[:_SHOWN])
    if len(found) > _SHOWN:
        named += f"; and {len(found) - _SHOWN} more"
    return (f"{named}: nothing of {participant}'s {assignment} was graded, and nothing was read through it (a link "
            "could make the grader read a file outside the submissions, such as the solutions). Put the participant's "
            f"own files there instead (copies, not links), then run nbgrader autograde {assignment} --student "
            f"{participant} --force.")


def submitted_base(coursedir) -> Path:
    return Path(coursedir.root) / coursedir.submitted_directory


class SubmittedFilesOnly(NotebookExporter):
    """nbgrader's notebook exporter for autograde, which first drops the participants whose files are links.

    nbgrader makes its exporter once per ``autograde`` command, after it has listed the
    submissions and before it opens any of them: the moment to take out of its list every
    assignment folder that :func:`refused_paths` refuses. :meth:`from_filename` checks again,
    so that a link is never read even if nbgrader changes that order.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        converter = self.parent
        coursedir = getattr(converter, "coursedir", None)
        listed = getattr(converter, "assignments", None)
        if coursedir is None or not isinstance(listed, dict) or not getattr(converter, "_sanitizing", False):
            return
        base = submitted_base(coursedir)
        pattern = converter._format_source("(?P<assignment_id>.*)", "(?P<student_id>.*)", escape=True)
        for folder in sorted(listed):
            found = refused_paths(Path(folder), base)
            if not found:
                continue
            match = re.match(pattern, folder)
            participant, assignment = (match["student_id"], match["assignment_id"]) if match else (folder, coursedir.assignment_id)
            del listed[folder]
            converter.log.error("upr-course: %s", printable(refusal(found, participant, assignment, Path(coursedir.root))))

    def from_filename(self, filename, resources=None, **kw):
        coursedir = getattr(self.parent, "coursedir", None)
        if coursedir is not None and getattr(self.parent, "_sanitizing", False):
            base = submitted_base(coursedir)
            found = refused_paths(Path(filename).parent, base) or [(Path(filename), why) for why in [_kind(Path(filename))] if why]
            if found:
                info = (resources or {}).get("nbgrader", {})
                raise ValueError(refusal(found, info.get("student", "this participant"), info.get("assignment", "this assignment"),
                                         Path(coursedir.root)))
        return super().from_filename(filename, resources, **kw)
