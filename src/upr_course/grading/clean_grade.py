"""Grade a plan written in a notebook FILE, in a fresh Python process that runs none of its code.

During ``nbgrader autograde`` the course's preprocessors grade the capstone in nbgrader's own
process with :func:`grade_groups` (``preprocessors.GradeOutsideKernel``). Everywhere else the
capstone's test cells grade it themselves, and they run in the participant's kernel, where
their own code ran first and may have replaced functions, ``float`` or comparison methods.
So they do not grade anything in the kernel: they start this module in a new interpreter::

    python -I -m upr_course.grading.clean_grade action-plan.ipynb \\
        --group plan_goal_link_value:40=goal,domestic_link,added_value --group ...

``-I`` (isolated mode) ignores ``PYTHON*`` variables, the user's site-packages and the
current folder, so a file the participant left next to the notebook cannot stand in for
the course's package. This process reads the notebook from disk, takes the plan's text
from the answer cell with :mod:`ast` (``extract.py``; nothing is executed), grades it with
the rubric and prints, for each group of criteria, a block that the test cell splits with
``str`` methods only::

    @@ <group id>
    <feedback, one criterion a line>
    <points of the group: its share of the rubric's points times the cell's points>

``--json`` prints everything as one JSON object instead (tests, the trainer's report).

With ``--trust-parent-environment`` the settings ``UPR_COURSE_AS_OF``, ``UPR_COURSE_DATA``
and ``UPR_COURSE_HOME`` (the participant's imports) are read from the start-up environment of the parent process (on
Linux, ``/proc/<parent>/environ``): the kernel's ``os.environ`` can be changed by a
participant's code, the environment it was started with cannot.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .extract import AnswerNotFound, answer_text

SETTING_NAMES = ("UPR_COURSE_AS_OF", "UPR_COURSE_DATA", "UPR_COURSE_HOME")
BLOCK_MARK = "@@ "


@dataclass
class GroupScore:
    """The points of one group of criteria (one nbgrader test cell)."""

    id: str
    criteria: tuple[str, ...]
    points: float
    max: float
    feedback: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"id": self.id, "criteria": list(self.criteria), "points": self.points, "max": self.max, "feedback": self.feedback}


def parse_group(spec: str) -> tuple[str, tuple[str, ...], float | None]:
    """``"cell_id:12=media,risks"`` -> ``("cell_id", ("media", "risks"), 12.0)``.

    The points (after the colon) are the test cell's: the group's share of its rubric
    points is scaled to them, so a change of the rubric's weights never gives a cell more
    than its points. Without them the group is worth its rubric points.
    """
    head, sep, criteria = spec.partition("=")
    name, colon, points_text = head.partition(":")
    items = tuple(c.strip() for c in criteria.split(",") if c.strip())
    if not sep or not name.strip() or not items:
        raise ValueError(f"a group is written ID:POINTS=criterion,criterion; got {spec!r}")
    points = float(points_text) if colon else None
    if points is not None and not points > 0:
        raise ValueError(f"a group's points must be above 0; got {spec!r}")
    return name.strip(), items, points


def parent_start_environment() -> dict[str, str] | None:
    """The environment the parent process was started with (Linux), or None where it cannot be read."""
    try:
        raw = Path(f"/proc/{os.getppid()}/environ").read_bytes()
    except OSError:
        return None
    pairs = (item.decode("utf-8", "replace").partition("=") for item in raw.split(b"\0") if item)
    return {key: value for key, _, value in pairs}


def apply_trusted_settings() -> None:
    """Replace this process's UPR_COURSE_* settings with the parent's start-up values, where readable."""
    start = parent_start_environment()
    if start is None:
        return
    for name in SETTING_NAMES:
        if start.get(name):
            os.environ[name] = start[name]
        else:
            os.environ.pop(name, None)


class _ParquetLookup:
    """Find recommendations by id without building the whole index (a fresh process grades one plan).

    Gives the same facts as the rubric's own index (tested), in a fraction of the time.
    """

    COLUMNS = ["id", "sur_iso3", "sur", "response", "text", "issues"]

    def __init__(self):
        self._table = None

    def __call__(self, rec_id: str):
        import pyarrow.compute as pc
        import pyarrow.parquet as pq

        from ..data import RECOMMENDATIONS_FILE
        from ..paths import datasets_dir
        from ..rubric.context import RecommendationFacts

        if self._table is None:
            self._table = pq.read_table(datasets_dir() / RECOMMENDATIONS_FILE, columns=self.COLUMNS)
        row = pc.index(self._table["id"], rec_id).as_py()
        if row < 0:
            return None
        values = {name: self._table[name][row].as_py() for name in self.COLUMNS}
        issues = values["issues"]
        return RecommendationFacts(
            id=values["id"],
            sur_iso3=values["sur_iso3"],
            sur=values["sur"],
            response=None if values["response"] is None else str(values["response"]),
            text=values["text"],
            issues=tuple(issues.split("|")) if isinstance(issues, str) else (),
        )


def fast_context(as_of: dt.date | None):
    """The rubric's real grading context, with a recommendation lookup suited to one plan."""
    from ..rubric import default_context

    from ..user_data import list_imports

    context = default_context(as_of)
    if not list_imports():  # with imports, the rubric's own lookup (which applies them) is needed
        context.find_recommendation = _ParquetLookup()
    context.own_work = True  # the capstone's plan is handed in as the participant's own
    return context


def _points(value: float) -> float:
    return round(value, 2)


Group = tuple[str, tuple[str, ...], "float | None"]


def grade_groups(text: str, groups: list[Group], as_of: dt.date | None, context=None):
    """Grade ``text`` and turn its criteria into group points; returns (GradeResult, [GroupScore])."""
    from ..rubric import TITLES, WEIGHTS, grade_text

    unknown = sorted({c for _, criteria, _ in groups for c in criteria} - set(WEIGHTS))
    if unknown:
        raise ValueError(f"unknown criteria: {', '.join(unknown)} (known: {', '.join(WEIGHTS)})")
    result = grade_text(text, name="plan", as_of=as_of, context=context or fast_context(as_of))
    scores = []
    for group_id, criteria, points in groups:
        rubric_max = float(sum(WEIGHTS[c] for c in criteria))
        maximum = rubric_max if points is None else points
        if not result.graded:
            problems = [f"- {e['message']}" for e in result.errors]
            feedback = ["Your plan could not be read, so it was not graded. Fix these problems first:", *problems]
            scores.append(GroupScore(group_id, criteria, 0.0, maximum, feedback))
            continue
        by_id = {c.id: c for c in result.criteria}
        share = result.share_of(criteria)
        feedback = [
            f"{TITLES.get(c, c)} ({c}): " + (f"{_points(by_id[c].score):g} of {by_id[c].max:g} points. " if by_id[c].applicable else "") + by_id[c].feedback
            for c in criteria
        ]
        earned = _points(min(max(share, 0.0), 1.0) * maximum)
        feedback.append(f"Points for this part: {earned:g} of {maximum:g}.")
        scores.append(GroupScore(group_id, criteria, earned, maximum, feedback))
    review = review_of(result)
    if review and scores:
        scores[0].feedback.append(f"A trainer will read your plan: {review}")
    return result, scores


def review_of(result) -> str:
    """The grader's request for a trainer to read the plan, as one sentence, or "" (works before and after results carry ``review``)."""
    review = getattr(result, "review", None)
    if isinstance(review, dict):
        needed, reasons = review.get("needed"), review.get("reasons") or []
    else:
        needed, reasons = getattr(review, "needed", False), getattr(review, "reasons", None) or []
    if not needed:
        return ""
    return "; ".join(str(r) for r in reasons) or "the grader flagged it"


def not_graded(groups: list[Group], reason: str) -> list[GroupScore]:
    """Zero points for every group, each saying why."""
    from ..rubric import WEIGHTS

    return [GroupScore(g, c, 0.0, p if p is not None else float(sum(WEIGHTS.get(x, 0) for x in c)), [reason]) for g, c, p in groups]


def blocks(scores: list[GroupScore]) -> str:
    """The text the test cells read: one block per group."""
    parts = []
    for score in scores:
        lines = [line.replace("\n", " ") for line in score.feedback]
        parts.append("\n".join([BLOCK_MARK + score.id, *lines, repr(score.points)]))
    return "\n" + "\n".join(parts) + "\n"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -I -m upr_course.grading.clean_grade", description=__doc__.split("\n")[0])
    parser.add_argument("notebook", type=Path)
    parser.add_argument("--cell", default="action_plan", help="grade_id of the answer cell (default: action_plan)")
    parser.add_argument("--variable", default="PLAN", help="the variable that holds the plan's text (default: PLAN)")
    parser.add_argument(
        "--group", action="append", default=[], metavar="ID:POINTS=CRITERION,...", help="a group of criteria (one test cell) and its points; repeat"
    )
    parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="grade as if today were this date (default: UPR_COURSE_AS_OF, else today)")
    parser.add_argument("--trust-parent-environment", action="store_true", help="read UPR_COURSE_* settings from the parent's start-up environment")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.trust_parent_environment:
        apply_trusted_settings()
    from ..rubric import WEIGHTS

    groups = [parse_group(spec) for spec in args.group] or [("plan", tuple(WEIGHTS), None)]
    payload: dict = {"notebook": str(args.notebook), "plan_found": False, "problem": None, "result": None}
    code = 0
    try:
        from ..grading_io import parse_as_of

        as_of = parse_as_of(args.as_of or os.environ.get("UPR_COURSE_AS_OF") or None)
        text = answer_text(args.notebook, args.cell, args.variable)
        payload["plan_found"] = True
        result, scores = grade_groups(text, groups, as_of)
        payload["result"] = result.to_dict()
    except AnswerNotFound as problem:
        payload["problem"] = str(problem)
        scores = not_graded(groups, f"Your plan was not graded: {problem}")
    except Exception as error:  # noqa: BLE001 - a test cell must get a clear zero, never a traceback
        payload["problem"] = f"the grader failed: {type(error).__name__}: {error}"
        scores = not_graded(groups, f"The grader could not run ({type(error).__name__}: {error}). Your trainer will look at it.")
        code = 1
    payload["groups"] = [s.to_dict() for s in scores]
    sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n" if args.json else blocks(scores))
    return code


if __name__ == "__main__":
    sys.exit(main())
