"""The trainer's report after ``nbgrader autograde``: who has what, what failed, what is left to do.

For every participant and assignment the report gives, from nbgrader's gradebook, the
score of each graded cell and whether it still needs manual grading; for the capstone
(any notebook whose tests call ``upr_course.grading.clean_grade``) it also grades the
submitted plan again, here, outside any participant's kernel, and gives the score of
each rubric criterion. It names every submission that needs a trainer's attention:

- broken submissions (invalid JSON, renamed, without grading metadata, deleted cells:
  ``submissions.py``), and submissions that autograde did not grade;
- a gradebook score that differs from the clean re-grade of the plan's text (tampering,
  or a different "as of" date between autograde and report);
- code that could change a grade from inside the kernel (``submissions.suspicious_code``);
- a handed-in folder that is, or holds, a link (``submitted_links.py``): autograde refused
  it, and the report reads nothing through it either.

Nothing here changes the gradebook.
"""

from __future__ import annotations

import ast
import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import gettext as _
from ..safe_text import printable, spreadsheet_row
from . import grading_log
from .clean_grade import grade_groups, parse_group, review_of
from .extract import AnswerNotFound, answer_text, shows_two_texts
from .submissions import Problem, check_submission_folder, expected_cells
from .submitted_links import KIND as LINKED_FILE, refused_paths, refusal

CLEAN_GRADE_MODULE = "upr_course.grading.clean_grade"
#: Two scores closer than this are the same (nbgrader stores floats; the grader rounds to 0.01).
TOLERANCE = 0.011


@dataclass
class Item:
    """One graded cell of a notebook, or one rubric criterion of a capstone plan."""

    notebook: str
    name: str
    kind: str  # test, manual, task, criterion
    score: float | None
    max: float
    status: str  # ok, failed, needs manual grading, not graded
    note: str = ""


@dataclass
class Entry:
    """One participant's work on one assignment."""

    participant: str
    assignment: str
    state: str  # graded, not submitted, not autograded
    score: float = 0.0
    max: float = 0.0
    items: list[Item] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def failed(self) -> list[Item]:
        return [i for i in self.items if i.status == "failed" and i.kind != "criterion"]

    def manual(self) -> list[Item]:
        return [i for i in self.items if i.status == "needs manual grading"]

    def criteria(self) -> list[Item]:
        return [i for i in self.items if i.kind == "criterion"]


@dataclass
class WorkshopReport:
    entries: list[Entry]
    as_of: dt.date
    assignments: list[str]
    #: What the last ``nbgrader zip_collect`` or ``collect`` of each assignment did (``collect.latest_collections``).
    collection: dict[str, list[dict]] = field(default_factory=dict)

    def refused(self) -> list[dict]:
        """Files that zip_collect or collect refused, or the trainer's list's problems (each with its message)."""
        return [r for a in self.assignments for r in self.collection.get(a, []) if r.get("outcome") in ("refused", "list")]

    @property
    def participants(self) -> list[str]:
        return sorted({e.participant for e in self.entries})

    def problems(self) -> list[tuple[Entry, Problem]]:
        return [(e, p) for e in self.entries for p in e.problems]

    def to_text(self) -> str:
        return render_text(self)

    def write_csv(self, path: Path) -> None:
        write_csv(self, path)


# -- reading the gradebook and the folders -------------------------------------------------


@dataclass
class CourseFolders:
    """Where nbgrader keeps things, as the course's nbgrader_config.py says (or nbgrader's defaults)."""

    root: Path
    db_url: str
    course_id: str
    submitted: str = "submitted"
    autograded: str = "autograded"

    @classmethod
    def load(cls, root: Path, db_url: str | None = None) -> CourseFolders:
        from nbgrader.coursedir import CourseDirectory
        from traitlets.config import Config
        from traitlets.config.loader import PyFileConfigLoader

        root = Path(root).resolve()
        config = Config()
        if (root / "nbgrader_config.py").is_file():
            config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
        coursedir = CourseDirectory(config=config)
        coursedir.root = str(root)
        return cls(
            root=root,
            db_url=db_url or coursedir.db_url,
            course_id=coursedir.course_id or "default_course",
            submitted=coursedir.submitted_directory,
            autograded=coursedir.autograded_directory,
        )

    def folder(self, step: str, participant: str, assignment: str) -> Path:
        return self.root / step / participant / assignment


def _status(score: float | None, maximum: float, needs_manual: bool) -> str:
    if needs_manual:
        return "needs manual grading"
    if score is None:
        return "not graded"
    return "ok" if score >= maximum - 1e-9 else "failed"


def capstone_spec(source: str) -> dict | None:
    """The clean grader's arguments in a test cell's source (notebook, cell, variable, groups), or None."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    for node in ast.walk(tree):
        if not isinstance(node, ast.List):
            continue
        args = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        if CLEAN_GRADE_MODULE not in args:
            continue
        rest = args[args.index(CLEAN_GRADE_MODULE) + 1 :]
        spec = {"notebook": None, "cell": "action_plan", "variable": "PLAN", "groups": []}
        index = 0
        while index < len(rest):
            arg = rest[index]
            if arg in ("--group", "--cell", "--variable", "--as-of") and index + 1 < len(rest):
                if arg == "--group":
                    spec["groups"].append(parse_group(rest[index + 1]))
                elif arg != "--as-of":
                    spec[arg[2:]] = rest[index + 1]
                index += 2
                continue
            if not arg.startswith("--") and spec["notebook"] is None:
                spec["notebook"] = arg
            index += 1
        return spec
    return None


def _participants(gradebook, folders: CourseFolders) -> list[str]:
    names = {student.id for student in gradebook.students}
    submitted = folders.root / folders.submitted
    if submitted.is_dir():
        names |= {p.name for p in submitted.iterdir() if (p.is_dir() or p.is_symlink()) and not p.name.startswith(".")}
    return sorted(names)


def build_report(root: Path, *, db_url: str | None = None, assignments: list[str] | None = None, as_of: dt.date | None = None) -> WorkshopReport:
    """Read the gradebook and the course folders; grade capstone plans again, outside any kernel."""
    from nbgrader.api import Gradebook, MissingEntry

    from ..rubric import default_context

    folders = CourseFolders.load(root, db_url)
    as_of = as_of or dt.date.today()
    context = default_context(as_of)
    context.own_work = True  # capstone plans are handed in as the participants' own
    entries = []
    with Gradebook(folders.db_url, folders.course_id) as gradebook:
        names = sorted(a.name for a in gradebook.assignments)
        wanted = [a for a in names if not assignments or a in assignments]
        unknown = sorted(set(assignments or []) - set(names))
        if unknown:
            from ..errors import UserError

            raise UserError(
                _("No assignment {unknown} in the gradebook; it knows: {known}. Run nbgrader generate_assignment first.").format(
                    unknown=", ".join(unknown), known=", ".join(names) or _("none")
                )
            )
        participants = _participants(gradebook, folders)
        runs = grading_log.latest_runs(folders.root)
        for assignment_name in wanted:
            assignment = gradebook.find_assignment(assignment_name)
            notebooks = {nb.name: expected_cells(nb) for nb in assignment.notebooks}
            locked = {nb.name: {c.name for c in nb.source_cells if c.locked} for nb in assignment.notebooks}
            specs = {}
            for nb in assignment.notebooks:
                for cell in nb.source_cells:
                    spec = capstone_spec(cell.source or "")
                    if spec:
                        specs[nb.name] = spec
                        break
            for participant in participants:
                entries.append(_safe_entry(gradebook, MissingEntry, folders, participant, assignment_name, notebooks, locked, specs, context, as_of, runs))
    from .collect import latest_collections

    return WorkshopReport(entries=entries, as_of=as_of, assignments=wanted, collection=latest_collections(folders.root))


def _safe_entry(gradebook, MissingEntry, folders, participant, assignment, notebooks, locked, specs, context, as_of, runs) -> Entry:
    """One participant's entry; whatever is in their files, the report goes on and names them."""
    try:
        return _entry(gradebook, MissingEntry, folders, participant, assignment, notebooks, locked, specs, context, as_of, runs)
    except Exception as error:  # noqa: BLE001 - one submission must never stop the report for the class
        entry = Entry(participant, assignment, "not autograded")
        entry.problems.append(Problem(
            "report_error", assignment,
            _(
                "The report could not read this submission ({error}). Its scores are not confirmed: open the notebook and grade it by hand."
            ).format(error=f"{type(error).__name__}: {str(error)[:200]}"),
        ))
        return entry


def _log_problems(entry: Entry, submitted: Path, notebooks: dict, runs: dict) -> dict[str, bool]:
    """What the grader's log says about each notebook; returns {notebook: unchanged since autograde}."""
    unchanged = {}
    for name in notebooks:
        run = runs.get((entry.participant, entry.assignment, name))
        if run is None:
            unchanged[name] = False
            continue
        file = submitted / f"{name}.ipynb"
        if not run.finished:
            entry.problems.append(Problem(
                "grading_interrupted", f"{name}.ipynb",
                _(
                    "autograde started grading {notebook} ({started}) and never finished: it was stopped while grading this "
                    "notebook (the participant's code, or an interruption). Autograde this participant alone: {command}"
                ).format(
                    notebook=f"{name}.ipynb", started=run.started,
                    command=f"nbgrader autograde {entry.assignment} --student {entry.participant} --force",
                ),
            ))
        for found in run.problems:
            entry.problems.append(Problem(found["kind"], f"{name}.ipynb", f"{name}.ipynb: {found['message']}"))
        digest = grading_log.file_digest(file)
        unchanged[name] = bool(run.sha256) and digest == run.sha256 and run.sandbox in ("bwrap", "not needed")
        if run.sha256 and digest and digest != run.sha256:
            entry.problems.append(Problem(
                "changed_after_autograde", f"{name}.ipynb",
                _(
                    "{notebook} changed after autograde graded it: the gradebook's scores are for another version of the file. "
                    "Find out who changed it (the handed-in copy is in submitted/), then autograde this participant again."
                ).format(notebook=f"{name}.ipynb"),
            ))
    return unchanged


def _entry(gradebook, MissingEntry, folders, participant, assignment, notebooks, locked, specs, context, as_of, runs) -> Entry:
    submitted = folders.folder(folders.submitted, participant, assignment)
    linked = refused_paths(submitted, folders.root / folders.submitted)
    if linked:  # autograde refused it too; nothing is read through a link here either
        entry = Entry(participant, assignment, "not autograded")
        entry.problems.append(Problem(LINKED_FILE, assignment, refusal(linked, participant, assignment, folders.root)))
        return entry
    if not submitted.is_dir():
        return Entry(participant, assignment, "not submitted", max=0.0)
    entry = Entry(participant, assignment, "graded")
    entry.problems.extend(check_submission_folder(submitted, notebooks, locked))
    unchanged = _log_problems(entry, submitted, notebooks, runs)
    try:
        submission = gradebook.find_submission(assignment, participant)
    except MissingEntry:
        entry.state = "not autograded"
        entry.problems.append(Problem(
            "not_autograded", assignment,
            _("Handed in, but not in the gradebook: run nbgrader autograde for this participant. If you did, it failed: read its log."),
        ))
        return entry
    entry.score, entry.max = float(submission.score or 0.0), float(submission.max_score or 0.0)
    autograded = folders.folder(folders.autograded, participant, assignment)
    for notebook in sorted(submission.notebooks, key=lambda n: n.name):
        name = notebook.name
        file = submitted / f"{name}.ipynb"
        graded = (autograded / f"{name}.ipynb").is_file()
        if file.is_file() and not graded:
            entry.problems.append(Problem(
                "autograde_failed", f"{name}.ipynb",
                _(
                    "{notebook} was handed in but autograde did not grade it (its scores in the gradebook are 0 or empty): "
                    "fix the problem named here, then run nbgrader autograde again."
                ).format(notebook=f"{name}.ipynb"),
            ))
        grades = {}
        for grade in notebook.grades:
            kind = notebooks.get(name, {}).get(grade.name, "test")
            score = None if grade.score is None else float(grade.score)
            grades[grade.name] = grade
            status = _status(score, float(grade.max_score), bool(grade.needs_manual_grade)) if graded else "not graded"
            note = "" if graded else _("autograde did not grade this notebook")
            entry.items.append(Item(name, grade.name, kind, score, float(grade.max_score), status, note))
        if name in specs and file.is_file():
            _cross_check(entry, name, file, specs[name], grades, context, as_of, unchanged.get(name, False))
    return entry


def _cross_check(entry: Entry, notebook: str, file: Path, spec: dict, grades: dict, context, as_of: dt.date, unchanged: bool = False) -> None:
    """Grade the submitted plan again here and compare with the gradebook's autograded scores."""
    text, reason = None, ""
    try:
        text = answer_text(file, spec["cell"], spec["variable"])
        if shows_two_texts(file, spec["cell"], spec["variable"]):
            entry.problems.append(Problem("two_plans", f"{notebook}.ipynb", _(
                "{notebook}: the answer cell shows one plan and keeps another, saved by the plan picker: the plan the cell shows "
                "was graded. Read the notebook, and ask the participant which plan is theirs.").format(notebook=f"{notebook}.ipynb")))
    except AnswerNotFound as problem:
        reason = str(problem)
        if problem.kind == "changed_form":
            entry.problems.append(Problem("two_plans", f"{notebook}.ipynb", _(
                "{notebook}: the answer cell keeps a plan saved by the plan picker, but its code was changed and shows no plan "
                "the grader can read without running it: no plan was graded. Read the notebook, ask the participant which "
                "plan is theirs, and grade it by hand.").format(notebook=f"{notebook}.ipynb")))
    if text is None:
        clean = {g: 0.0 for g, _name, _points in spec["groups"]}
        entry.items.append(Item(notebook, "(plan)", "criterion", None, 0.0, "not graded", reason))
    else:
        result, scores = grade_groups(text, spec["groups"], as_of, context=context)
        clean = {s.id: s.points for s in scores}
        if not result.graded:
            entry.items.append(Item(notebook, "(plan)", "criterion", 0.0, result.max, "not graded", " | ".join(e["message"] for e in result.errors)))
        for criterion in result.criteria:
            status = "ok" if criterion.passed else "failed"
            entry.items.append(
                Item(notebook, criterion.id, "criterion", criterion.score, float(criterion.max), status, "" if criterion.passed else criterion.feedback)
            )
        review = review_of(result)
        if review:
            message = _("{notebook}: the grader asks you to read this plan: {review}").format(notebook=f"{notebook}.ipynb", review=review)
            entry.problems.append(Problem("review", f"{notebook}.ipynb", message))
    for group_id, points in clean.items():
        grade = grades.get(group_id)
        if grade is None:
            continue
        if grade.manual_score is not None:
            continue  # the trainer set this score by hand: theirs stands
        auto = 0.0 if grade.auto_score is None else float(grade.auto_score)
        if abs(auto - points) > TOLERANCE:
            if unchanged:
                advice = _("The handed-in file is the one autograde graded (same fingerprint), and no participant code could write it. "
                           "Unless autograde ran with another UPR_COURSE_AS_OF or another version of the course, look at the notebook; "
                           "the re-grade here is of that same file.")
            else:
                advice = _("The report cannot confirm that the handed-in file is the one autograde graded (it changed, the grader's log "
                           "has no record of it, or participant code ran without a sandbox), so use NEITHER score: autograde this "
                           "participant again ({command}) and read this report again.").format(
                    command=f"nbgrader autograde {entry.assignment} --student {entry.participant} --force"
                )
            entry.problems.append(Problem(
                "score_mismatch", f"{notebook}.ipynb",
                _(
                    "{notebook}, {criterion}: the gradebook says {auto} points, a re-grade of the handed-in plan "
                    "gives {points} (as of {as_of}). {advice}"
                ).format(
                    notebook=f"{notebook}.ipynb", criterion=group_id, auto=f"{auto:g}", points=f"{points:g}", as_of=as_of.isoformat(), advice=advice
                ),
            ))


# -- output --------------------------------------------------------------------------------


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:g}" if float(value).is_integer() else f"{value:.2f}".rstrip("0").rstrip(".")


def render_text(report: WorkshopReport) -> str:
    """A plain-text table: one block per participant, then everything that needs attention."""
    lines = [
        _("Workshop report: {participants} participants, {assignments} assignments, capstone plans re-graded as of {as_of}.").format(
            participants=len(report.participants), assignments=len(report.assignments), as_of=report.as_of.isoformat()
        ),
        "",
    ]
    width = max([len(a) for a in report.assignments] + [10])
    for participant in report.participants:
        lines.append(participant)
        for entry in (e for e in report.entries if e.participant == participant):
            if entry.state == "not submitted":
                lines.append(f"  {entry.assignment:<{width}}  " + _("not handed in"))
                continue
            if entry.state == "not autograded":
                lines.append(f"  {entry.assignment:<{width}}  " + _("handed in, NOT AUTOGRADED"))
                continue
            notes = []
            failed = entry.failed()
            if failed:
                notes.append(_("failed: {items}").format(items=", ".join(f"{i.name} {_number(i.score)}/{_number(i.max)}" for i in failed)))
            manual = entry.manual()
            if manual:
                notes.append(_("needs manual grading: {items}").format(items=", ".join(i.name for i in manual)))
            if any(i.status == "not graded" and i.kind != "criterion" for i in entry.items):
                notes.append(_("NOT GRADED: see below"))
            score = f"{_number(entry.score)} / {_number(entry.max)}"
            lines.append(f"  {entry.assignment:<{width}}  {score:>13}  {'; '.join(notes) or _('all done')}")
            criteria = [i for i in entry.criteria() if i.name != "(plan)"]
            if criteria:
                lines.append(
                    "  " + " " * width + "  " + _("rubric: {items}").format(items=", ".join(f"{i.name} {_number(i.score)}/{_number(i.max)}" for i in criteria))
                )
            for item in entry.criteria():
                if item.name == "(plan)":
                    lines.append("  " + " " * width + "  " + _("plan not graded: {note}").format(note=item.note))
            for problem in entry.problems:
                lines.append("  " + " " * width + f"  ! {problem.message}")
        lines.append("")
    for assignment in report.assignments:
        records = report.collection.get(assignment, [])
        if records:
            collected = sum(1 for r in records if r.get("outcome") == "collected")
            refused = sum(1 for r in records if r.get("outcome") == "refused")
            duplicates = sum(1 for r in records if r.get("outcome") == "duplicate")
            if records[0].get("via") == "exchange":
                summary = _("collect {assignment} (last run {time}): {collected} submissions collected, {refused} refused.")
            elif duplicates:
                summary = _(
                    "zip_collect {assignment} (last run {time}): {collected} notebooks collected, {refused} refused, "
                    "{duplicates} identical copies collected once."
                )
            else:
                summary = _("zip_collect {assignment} (last run {time}): {collected} notebooks collected, {refused} refused.")
            lines.append(
                summary.format(assignment=assignment, time=records[0].get("time", ""), collected=collected, refused=refused, duplicates=duplicates)
            )
    if any(report.collection.get(a) for a in report.assignments):
        lines.append("")
    problems = report.problems()
    refused = report.refused()
    if problems or refused:
        lines.append(_("Needs your attention ({count}):").format(count=len(problems) + len(refused)))
        lines.extend(f"  - {r.get('assignment')}: [{_collect_tool(r)}] {r.get('message')}" for r in refused)
        lines.extend(f"  - {entry.participant}, {entry.assignment}: [{problem.kind}] {problem.message}" for entry, problem in problems)
    else:
        lines.append(_("Nothing needs your attention: no broken submissions, no differences with the clean re-grade."))
    return printable("\n".join(lines))  # names come from participants' files: no terminal codes


def _collect_tool(record: dict) -> str:
    """The nbgrader command that refused a file: ``collect`` (the exchange folder) or ``zip_collect``."""
    return "collect" if record.get("via") == "exchange" else "zip_collect"


class _SafeWriter(csv.DictWriter):
    """Rows whose text cells never start a spreadsheet formula (a file name is the participant's)."""

    def writerow(self, rowdict):
        return super().writerow(spreadsheet_row(rowdict))


CSV_FIELDS = ["participant", "assignment", "notebook", "item", "kind", "score", "max", "status", "note"]


def write_csv(report: WorkshopReport, path: Path) -> None:
    """One row per participant, assignment and item (total, graded cell, rubric criterion, problem)."""
    with Path(path).open("w", newline="", encoding="utf-8") as handle:
        writer = _SafeWriter(handle, fieldnames=CSV_FIELDS)
        writer.writeheader()
        for entry in report.entries:
            base = {"participant": entry.participant, "assignment": entry.assignment}
            total_status = (
                entry.state if entry.state != "graded" else ("needs attention" if entry.problems else ("needs manual grading" if entry.manual() else "done"))
            )
            writer.writerow(
                {
                    **base,
                    "notebook": "",
                    "item": "(total)",
                    "kind": "total",
                    "score": _number(entry.score) if entry.state == "graded" else "",
                    "max": _number(entry.max) if entry.state == "graded" else "",
                    "status": total_status,
                    "note": "",
                }
            )
            for item in entry.items:
                writer.writerow(
                    {
                        **base,
                        "notebook": item.notebook,
                        "item": item.name,
                        "kind": item.kind,
                        "score": _number(item.score),
                        "max": _number(item.max),
                        "status": item.status,
                        "note": item.note,
                    }
                )
            for problem in entry.problems:
                writer.writerow(
                    {
                        **base,
                        "notebook": problem.notebook,
                        "item": problem.kind,
                        "kind": "problem",
                        "score": "",
                        "max": "",
                        "status": "needs attention",
                        "note": problem.message,
                    }
                )
        for record in report.refused():
            writer.writerow({"participant": record.get("participant", ""), "assignment": record.get("assignment", ""), "notebook": record.get("file", ""),
                             "item": _collect_tool(record), "kind": "problem", "score": "", "max": "", "status": "needs attention",
                             "note": record.get("message", "")})
