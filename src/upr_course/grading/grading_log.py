"""The grader's own record of what happened to each submission, for the trainer's report.

nbgrader's gradebook keeps scores, not causes: when a submission's kernel loops, is killed
for using too much memory, or stops the whole batch, the gradebook shows a zero or
nothing. So the course's preprocessors, which run in nbgrader's own process (never in a
participant's kernel, which cannot see this file), append one JSON line per event to
``<course root>/.upr-course/grading-log.jsonl``:

- ``start`` when a notebook's grading starts, with the SHA-256 of the handed-in file (the
  report can then tell whether the file changed after it was graded);
- ``problem`` for each thing the trainer must know (``kind`` and a plain ``message``);
- ``end`` when it is done. A ``start`` without its ``end`` means that autograde was stopped
  while grading that notebook: the report names it.

``upr-course workshop report`` reads it back with :func:`latest_runs`. A broken line is
skipped, never fatal.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

LOG_FOLDER = ".upr-course"
LOG_NAME = "grading-log.jsonl"
#: One id per autograde process: the report keeps, for each notebook, the last run that started it.
RUN_ID = f"{os.getpid()}-{dt.datetime.now().strftime('%Y%m%dT%H%M%S.%f')}"


def log_path(root: str | Path) -> Path:
    return Path(root) / LOG_FOLDER / LOG_NAME


def file_digest(path: str | Path) -> str | None:
    """SHA-256 of a file, or None when it cannot be read."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def append(root: str | Path, event: str, participant: str, assignment: str, notebook: str, **details) -> None:
    """Add one event to the log (never raises: the log must not stop a grading)."""
    record = {
        "time": dt.datetime.now().isoformat(timespec="seconds"), "run": RUN_ID, "event": event,
        "participant": participant, "assignment": assignment, "notebook": notebook, **details,
    }
    try:
        path = log_path(root)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    except OSError:
        pass


@dataclass
class NotebookRun:
    """What the latest autograde run recorded for one participant's notebook."""

    participant: str
    assignment: str
    notebook: str
    run: str
    started: str
    finished: bool = False
    sha256: str | None = None
    sandbox: str | None = None
    problems: list[dict] = field(default_factory=list)


def latest_runs(root: str | Path) -> dict[tuple[str, str, str], NotebookRun]:
    """``{(participant, assignment, notebook): NotebookRun}`` from the last run that started each one."""
    runs: dict[tuple[str, str, str], NotebookRun] = {}
    path = log_path(root)
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return runs
    for line in lines:
        try:
            record = json.loads(line)
            key = (str(record["participant"]), str(record["assignment"]), str(record["notebook"]))
            event, run = record["event"], str(record["run"])
        except (ValueError, KeyError, TypeError):
            continue
        if event == "start":
            runs[key] = NotebookRun(*key, run=run, started=str(record.get("time", "")), sha256=record.get("sha256"))
            continue
        current = runs.get(key)
        if current is None or current.run != run:
            continue
        if event == "end":
            current.finished = True
        elif event == "sandbox":
            current.sandbox = str(record.get("mode"))
        elif event == "problem":
            current.problems.append({"kind": str(record.get("kind", "problem")), "message": str(record.get("message", ""))})
    return runs
