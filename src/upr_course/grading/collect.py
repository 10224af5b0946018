"""``nbgrader zip_collect`` that cannot hand in for someone else: the course's collector plugin.

nbgrader's ``zip_collect`` takes a participant's name from the name of each file it finds
(``PARTICIPANT__NOTEBOOK.ipynb``). Anyone can write any name: a notebook named
``amina__should-we-engage.ipynb`` sent by bruno would be handed in as amina's, and two
different files with the same name make nbgrader stop without collecting anything.

So the course's collector (``c.ZipCollectApp.collector_plugin``, nbgrader's own plugin
point) checks each file against what only the trainer knows: **who sent it**. Next to the
``archive/`` folder the trainer keeps a list, ``downloaded/<assignment>/handed-in.csv``,
with one line for each file they received (by e-mail, on a USB stick)::

    file,participant
    amina.zip,amina
    bruno__should-we-engage.ipynb,bruno

Then, for each notebook found in the archive:

- a file of ``archive/`` that is not in the list is refused (nobody said who sent it);
- a notebook whose name claims another participant than the one who sent it is refused;
- a name that is not a safe participant id (``..``, spaces, slashes) is refused;
- two files for the same participant and notebook: if they are identical, one is
  collected; if they differ, both are refused, and the message names both (the trainer
  deletes the one that should not count and runs ``zip_collect --force`` again);
- everything else is collected as nbgrader would.

A refusal never stops the batch: the other files are collected. Every decision is written
to the grading log (``grading_log``, event ``collect``) and ``upr-course workshop report``
lists the refused files, each with one sentence that says how to fix it.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from nbgrader.plugins.zipcollect import FileNameCollectorPlugin

from ..safe_text import printable
from . import grading_log

#: The trainer's list of who sent which file, next to ``archive/``.
LIST_NAME = "handed-in.csv"
#: A participant id that is safe as a folder name (nbgrader makes ``submitted/<id>/``).
SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


@dataclass
class Decision:
    """What happens to one extracted file."""

    path: str
    source: str  # the file in archive/ it came from
    sender: str | None  # who sent it, from the trainer's list
    claimed: str | None  # the participant its name claims
    notebook: str | None
    collect: bool
    message: str = ""
    outcome: str = "refused"  # collected, refused, duplicate (an identical copy, collected once)


def read_list(path: Path) -> tuple[dict[str, str], list[str]]:
    """``{file name in archive/: participant}`` and the problems found in the list (one sentence each)."""
    senders: dict[str, str] = {}
    problems: list[str] = []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return senders, [f"{path} is missing: write one line per file in archive/, 'FILE,PARTICIPANT' (who sent it), then run zip_collect again."]
    except (OSError, UnicodeDecodeError) as error:
        return senders, [f"{path} cannot be read ({error}): save it as UTF-8 text with lines 'FILE,PARTICIPANT'."]
    rows = [row for row in csv.reader(line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#"))]
    for number, row in enumerate(rows, 1):
        cells = [cell.strip() for cell in row]
        if number == 1 and [c.lower() for c in cells[:2]] == ["file", "participant"]:
            continue
        if len(cells) != 2 or not all(cells):
            problems.append(f"{path}, line {number}: write 'FILE,PARTICIPANT' (two values), not {','.join(row)!r}.")
            continue
        name, participant = cells
        if name in senders and senders[name] != participant:
            problems.append(f"{path}: {name} is listed for both {senders[name]} and {participant}: keep only the one who sent it.")
            senders[name] = ""
            continue
        senders[name] = participant
    return senders, problems


def nbgrader_name(name: str, zip_ext) -> str:
    """The name nbgrader's extractor gives the file ``name`` in extracted/: ``amina.zip`` and
    ``amina.tar.gz`` become the folder ``amina``; other files keep their name."""
    stem, ext = os.path.splitext(name)
    if ext not in zip_ext:
        return name
    inner, inner_ext = os.path.splitext(stem)
    return inner if inner_ext == ".tar" else stem


def extracted_names(names, zip_ext) -> dict[str, str]:
    """``{name: its name in extracted/}`` for the entries (files and folders) of one folder of archive/.

    nbgrader's name (:func:`nbgrader_name`) when no other entry has it, as its own name or as
    nbgrader's name; otherwise the whole file name (``amina.gz``, ``amina.zip``). So no two
    entries ever share a folder in extracted/: two archives that nbgrader would merge into one
    folder (``amina.zip`` sent by amina, ``amina.gz`` sent by bruno) stay apart, and each
    extracted file has exactly one source, hence one sender.
    """
    names = list(names)
    wanted = {name: nbgrader_name(name, zip_ext) for name in names}
    taken: dict[str, int] = {}
    for name in names:
        for used in {name, wanted[name]}:
            taken[used] = taken.get(used, 0) + 1
    result = {}
    for name in names:
        mine = wanted[name]
        # the entry's own file name counts once in ``taken`` when it is also its nbgrader name
        result[name] = mine if taken.get(mine, 0) == 1 else name
    return result


class CheckedCollector(FileNameCollectorPlugin):
    """nbgrader's file-name collector, plus the checks above (configured in ``nbgrader_config.py``)."""

    _decisions: dict[str, Decision] | None = None

    # -- where things are (from the ZipCollectApp that made this plugin) --------------------

    def _app(self):
        return self.parent

    def _folders(self) -> tuple[Path, Path, Path]:
        app = self._app()
        archive = Path(app._format_collect_path(app.archive_directory))
        extracted = Path(app._format_collect_path(app.extracted_directory))
        return archive, extracted, archive.parent

    def _assignment(self) -> str:
        return str(self._app().coursedir.assignment_id)

    def _root(self) -> Path:
        return Path(self._app().coursedir.root)

    # -- deciding, once for the whole archive ----------------------------------------------

    def decide(self) -> dict[str, Decision]:
        archive, extracted, downloaded = self._folders()
        zip_ext = list(getattr(self._app().extractor_plugin_inst, "zip_ext", [".zip", ".gz"]))
        senders, list_problems = read_list(downloaded / LIST_NAME)
        for problem in list_problems:
            self._record(None, None, None, "list", False, problem)
        sources: dict[str, str] = {}  # extracted name -> file in archive/
        if archive.is_dir():
            for folder, dirnames, files in os.walk(archive):
                names = extracted_names(dirnames + files, zip_ext)
                for name in files:
                    relative = os.path.relpath(os.path.join(folder, name), archive)
                    sources[os.path.normpath(os.path.join(os.path.dirname(relative), names[name]))] = relative
        decisions: dict[str, Decision] = {}
        for folder, _, files in os.walk(extracted):
            for name in sorted(files):
                path = os.path.join(folder, name)
                if os.path.splitext(path)[1] not in self.valid_ext:
                    continue
                decisions[path] = self._decide_one(path, extracted, sources, senders)
        self._duplicates(decisions)
        for decision in decisions.values():
            outcome = "collected" if decision.collect else decision.outcome
            self._record(decision.sender or decision.claimed, decision.notebook, decision.source, outcome, outcome != "refused",
                         decision.message, claimed=decision.claimed)
        return decisions

    def _decide_one(self, path: str, extracted: Path, sources: dict[str, str], senders: dict[str, str]) -> Decision:
        relative = os.path.normpath(os.path.relpath(path, extracted))
        parts = Path(relative).parts
        source = next((sources[os.path.join(*parts[:n])] for n in range(len(parts), 0, -1) if os.path.join(*parts[:n]) in sources), parts[0])
        inside = "" if source == relative else f" in {source}"
        shown = os.path.basename(path)
        sender = senders.get(os.path.basename(source)) or senders.get(source) or None
        match = self._match(path)
        claimed = match.get("student_id") if match else None
        notebook = match.get("file_id") if match else None
        decision = Decision(path, source, sender, claimed, notebook, False)
        if source not in senders and os.path.basename(source) not in senders:
            decision.message = (f"{source} is not in {LIST_NAME}: add the line '{source},PARTICIPANT' (who sent it) and run "
                                "nbgrader zip_collect --force again.")
        elif not sender:
            decision.message = f"{source} has no single sender in {LIST_NAME}: keep one line for it, then run nbgrader zip_collect --force again."
        elif not match:
            decision.message = (f"{shown}{inside} is not named PARTICIPANT__NOTEBOOK.ipynb: rename it {sender}__NOTEBOOK.ipynb "
                                "(the exercise's notebook name) and run nbgrader zip_collect --force again.")
        elif not SAFE_ID.match(claimed or ""):
            decision.message = (f"{shown}{inside} names the participant {claimed!r}, which is not a valid name (letters, digits, '.', '_', '-'): "
                                f"rename it {sender}__{notebook}.")
        elif claimed != sender:
            decision.message = (f"{shown}{inside} claims to be {claimed}'s, but {LIST_NAME} says {sender} sent {source}: refused. "
                                f"If {sender} sent it for themself, rename it {sender}__{notebook}; if it really is {claimed}'s, "
                                f"ask {claimed} to send it and list it for {claimed}.")
        else:
            decision.collect = True
        return decision

    def _duplicates(self, decisions: dict[str, Decision]) -> None:
        groups: dict[tuple[str, str], list[Decision]] = {}
        for decision in decisions.values():
            if decision.collect:
                groups.setdefault((decision.claimed, os.path.splitext(decision.notebook)[0]), []).append(decision)
        for (participant, notebook), same in groups.items():
            if len(same) < 2:
                continue
            digests = {self._digest(d.path) for d in same}
            names = " and ".join(f"{os.path.relpath(d.path, self._folders()[1])}" for d in same)
            if len(digests) == 1:
                for extra in same[1:]:
                    extra.collect, extra.outcome = False, "duplicate"
                    extra.message = f"{names} are the same file ({participant}'s {notebook}.ipynb): collected once."
            else:
                for decision in same:
                    decision.collect = False
                    decision.message = (f"{names} are both {participant}'s {notebook}.ipynb, with different content: none of them "
                                        "was collected. Delete the one that should not count from archive/ (and its line in "
                                        f"{LIST_NAME}), then run nbgrader zip_collect --force again.")

    @staticmethod
    def _digest(path: str) -> str:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()

    def _record(self, participant, notebook, source, outcome, collected, message, claimed=None) -> None:
        if message:
            # The names in it are the participant's: show their terminal codes, never obey them.
            (self.log.warning if collected else self.log.error)("upr-course: %s", printable(message))
        grading_log.append(self._root(), "collect", participant or "", self._assignment(), notebook or "",
                           outcome=outcome, file=source or "", claimed=claimed or "", message=message)

    # -- nbgrader's plugin interface --------------------------------------------------------

    def collect(self, submitted_file: str) -> dict | None:
        if self._decisions is None:
            self._decisions = self.decide()
        decision = self._decisions.get(submitted_file)
        if decision is None or not decision.collect:
            return None
        return super().collect(submitted_file)


def latest_collections(root: str | Path) -> dict[str, list[dict]]:
    """``{assignment: [collect records]}`` from the last ``zip_collect`` (or exchange ``collect``) run of each assignment."""
    import json

    runs: dict[str, tuple[str, list[dict]]] = {}
    try:
        lines = grading_log.log_path(root).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return {}
    for line in lines:
        try:
            record = json.loads(line)
            if record.get("event") != "collect":
                continue
            assignment, run = str(record["assignment"]), str(record["run"])
        except (ValueError, KeyError, TypeError, AttributeError):
            continue
        if assignment not in runs or runs[assignment][0] != run:
            runs[assignment] = (run, [])
        runs[assignment][1].append(record)
    return {assignment: records for assignment, (_, records) in runs.items()}
