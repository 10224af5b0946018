"""The guided plan builder's core: an action plan being written, as plain Python objects.

Lesson 09's form (``upr_course.widgets.plan_builder``) is only a face over this module, so
everything it does can be tested without a browser or a kernel, and nothing here imports
ipywidgets or IPython.

A :class:`PlanDraft` holds what the participant has typed so far: the top fields (country,
organisation, issue, goal) and lists of objectives, domestic activities, international
activities, media moments and risks. It may be incomplete: every field is a text and may be
empty. ``to_yaml()`` writes it in the action plan format (``specs/action-plan-format.md``);
``parse()`` reads that text with :func:`upr_course.plan.parse_plan`, so the builder never
has its own idea of what a valid plan is; ``problems()`` lists what still stops the plan
from being read, each as the grader would say it. ``from_yaml(text)`` loads an existing plan
(an example, or a plan saved earlier) into a draft.

How the text is written. Each value is written so that ``parse_plan`` reads back exactly
the text that was typed (without spaces at its ends, which the format ignores):

* short texts on one line, quoted only when YAML needs it (``'NO'``, ``'a: b'``, ``'null'``);
* long texts as a folded block (``>``), wrapped at spaces for people to read;
* texts of several lines as a literal block (``|``), so the lines are kept;
* and every one of these is read back once before it is used: if YAML would read it
  differently (an odd character, a tab in an odd place), the value is written in double
  quotes with escapes instead. So the round trip holds for any text, not only for the
  texts the tests thought of.

Characters that YAML does not allow in a document (control characters pasted from a word
processor) are removed, and Windows line ends become plain ones.

Files: :func:`save_yaml` and :func:`export_plan` write into a folder that the caller names
(lesson 09: ``my-plans/`` next to the notebook). Nothing is sent anywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path

import yaml

from .errors import UserError
from .paths import REPO_ROOT
from .plan import FORMAT, Plan, PlanError, parse_plan

__all__ = [
    "EXAMPLES_DIR",
    "EXPORT_FORMATS",
    "DomesticDraft",
    "InternationalDraft",
    "MediaDraft",
    "ObjectiveDraft",
    "PlanDraft",
    "RiskDraft",
    "comparison_rows",
    "example_label",
    "example_names",
    "example_text",
    "export_plan",
    "file_stem",
    "saved_plans",
    "save_yaml",
    "split_ids",
]

#: The course's example plans (strong, middling and weak), as the lessons show them.
EXAMPLES_DIR = REPO_ROOT / "datasets" / "examples" / "plans"
#: What a plan can be exported to, with the file ending.
EXPORT_FORMATS = {"md": ".md", "html": ".html", "docx": ".docx"}
#: Longest line the builder writes (folded texts are wrapped to it when they can be).
WIDTH = 88

LIST_NAMES = ("objectives", "domestic_activities", "international_activities", "media", "risks")
ID_PREFIXES = {"objectives": "O", "domestic_activities": "D", "international_activities": "I"}


# --------------------------------------------------------------------------------------------
# The draft


@dataclass
class ObjectiveDraft:
    id: str
    text: str = ""
    target: str = ""
    indicator: str = ""
    due: str = ""


@dataclass
class DomesticDraft:
    id: str
    text: str = ""
    objective: str = ""
    when: str = ""


@dataclass
class InternationalDraft:
    id: str
    stage: str = "stakeholder_report"
    text: str = ""
    objective: str = ""
    adds: list[str] = field(default_factory=list)
    added_value: str = ""
    brought_home: str = ""
    recommendations: list[str] = field(default_factory=list)
    when: str = ""


@dataclass
class MediaDraft:
    moment: str = "review"
    text: str = ""


@dataclass
class RiskDraft:
    risk: str = ""
    mitigation: str = ""


ITEM_TYPES = {
    "objectives": ObjectiveDraft,
    "domestic_activities": DomesticDraft,
    "international_activities": InternationalDraft,
    "media": MediaDraft,
    "risks": RiskDraft,
}


@dataclass
class PlanDraft:
    """A plan being written. Every field may still be empty; ``problems()`` says what is missing."""

    country: str = ""
    organisation: str = ""
    issue: str = ""
    goal: str = ""
    #: ``full``, ``light`` or ``none`` (the spec's "Engaging is a choice"), and why
    engagement_decision: str = "full"
    engagement_reasons: str = ""
    objectives: list[ObjectiveDraft] = field(default_factory=list)
    domestic_activities: list[DomesticDraft] = field(default_factory=list)
    international_activities: list[InternationalDraft] = field(default_factory=list)
    media: list[MediaDraft] = field(default_factory=list)
    risks: list[RiskDraft] = field(default_factory=list)

    # -- building ---------------------------------------------------------------------------

    @classmethod
    def starter(cls, today: dt.date | None = None) -> PlanDraft:
        """A new plan with one item of each kind, linked to each other, and dates to change.

        The texts are empty: they are the participant's to write. The dates are only a start
        (an objective in two years, work at home first, the UN step later).
        """
        today = today or dt.date.today()
        draft = cls()
        objective = draft.add("objectives", due=_month(today, 24))
        draft.add("domestic_activities", objective=objective.id, when=_month(today, 2))
        draft.add("international_activities", objective=objective.id, when=_month(today, 6))
        draft.add("media", moment="review")
        draft.add("risks")
        return draft

    def add(self, list_name: str, **values) -> ObjectiveDraft | DomesticDraft | InternationalDraft | MediaDraft | RiskDraft:
        """Add an item at the end of a list and return it; objectives and activities get a new id."""
        if list_name not in ITEM_TYPES:
            raise UserError(f"There is no list '{list_name}' in a plan; the lists are: {', '.join(LIST_NAMES)}.")
        if list_name in ID_PREFIXES and "id" not in values:
            values["id"] = self.free_id(ID_PREFIXES[list_name])
        item = ITEM_TYPES[list_name](**values)
        getattr(self, list_name).append(item)
        return item

    def is_blank(self) -> bool:
        """True while nothing has been written: no country, issue, goal, organisation or item text
        (the dates and links of a starter do not count)."""
        if any(str(getattr(self, name, "") or "").strip() for name in ("country", "organisation", "issue", "goal", "engagement_reasons")):
            return False
        texts = ("text", "target", "indicator", "added_value", "brought_home", "risk", "mitigation")
        for list_name in LIST_NAMES:
            for item in getattr(self, list_name):
                if any(str(getattr(item, name, "") or "").strip() for name in texts):
                    return False
                if getattr(item, "recommendations", None) or getattr(item, "adds", None):
                    return False
        return True

    def fit_to_calendar(self, today: dt.date | None = None) -> bool:
        """Move the dates of steps at the UN that are still blank (no text yet) into the country's
        UPR calendar; return True when something changed.

        A starter's step at the UN is dated six months from today, whatever the country. Once
        the country is known, a blank step whose date falls outside its stage's window (for
        example a stakeholder report after the review) gets a date inside the window. When that
        window has closed, the step moves to the first stage still open for at least a month
        (for example briefing embassies). A step with text is the participant's: never changed.
        """
        from .timeline import stage_windows  # here: the timeline loads the calendar

        today = today or dt.date.today()
        try:
            windows = stage_windows(self.country, today) if self.country.strip() else None
        except UserError:  # not a country (yet): nothing to fit
            return False
        if not windows:
            return False
        changed = False
        for item in self.international_activities:
            if item.text.strip() or item.added_value.strip() or item.brought_home.strip():
                continue
            stage = item.stage
            window = windows.get(stage)
            if window is not None and _month_within(item.when, window):
                continue
            if window is None or window[1] < today + dt.timedelta(days=30):
                stage = next((name for name, (_opens, closes) in windows.items()
                              if name != "implementation" and closes >= today + dt.timedelta(days=30)), stage)
                window = windows.get(stage)
            if window is None:
                continue
            start = max(window[0], today + dt.timedelta(days=30))
            when = start if start <= window[1] else window[1]
            item.stage, item.when = stage, f"{when.year:04d}-{when.month:02d}"
            changed = True
        return changed

    def suggested(self, list_name: str, today: dt.date | None = None) -> dict[str, str]:
        """Values for a new item so that the plan stays readable: the date of the item before it
        (or a date from today, as in ``starter``) and, for an activity, the first objective.
        They are only a start, for the participant to change."""
        today = today or dt.date.today()
        items = getattr(self, list_name, None) or []
        if list_name == "objectives":
            return {"due": items[-1].due if items else _month(today, 24)}
        if list_name in ("domestic_activities", "international_activities"):
            months = 2 if list_name == "domestic_activities" else 6
            return {"objective": self.objectives[0].id if self.objectives else "",
                    "when": items[-1].when if items else _month(today, months)}
        return {}

    def remove(self, item) -> None:
        """Remove one item (the object itself) from whichever list holds it.

        Activities that served a removed objective keep its id: the plan then shows, and the
        grader scores, an activity that serves no objective, until the participant chooses another.
        """
        for list_name in LIST_NAMES:
            items = getattr(self, list_name)
            for index, candidate in enumerate(items):
                if candidate is item:
                    del items[index]
                    return
        raise UserError("That item is not in this plan any more.")

    def free_id(self, prefix: str) -> str:
        """A new id: the prefix and one more than the highest number used or referred to.

        Never an id that an activity still refers to, so a new objective cannot silently take
        over the activities of one that was removed.
        """
        used = set(self.all_ids()) | {a.objective for a in self.domestic_activities + self.international_activities}
        numbers = [int(match[1]) for ident in used if (match := re.fullmatch(re.escape(prefix) + r"(\d+)", ident.strip()))]
        number = max(numbers, default=0) + 1
        while f"{prefix}{number}" in used:
            number += 1
        return f"{prefix}{number}"

    def all_ids(self) -> list[str]:
        return [item.id for name in ID_PREFIXES for item in getattr(self, name)]

    @property
    def objective_ids(self) -> list[str]:
        return [objective.id for objective in self.objectives]

    def objective_choices(self, current: str = "") -> list[tuple[str, str]]:
        """(label, id) for a dropdown of the plan's objectives; ``current`` is kept as a choice
        even when it is empty or names no objective, so loading a weak plan changes nothing."""
        choices = [(objective_label(objective), objective.id) for objective in self.objectives]
        ids = self.objective_ids
        if current not in ids:
            label = "(choose an objective)" if not current.strip() else f"{current} (no such objective in this plan)"
            choices.insert(0, (label, current))
        return choices

    # -- text ---------------------------------------------------------------------------------

    def to_yaml(self) -> str:
        """The plan in the action plan format, ready for ``parse_plan``, a file or the capstone."""
        lines = [f"format: {FORMAT}"]
        lines += _scalar_lines("country", self.country, 0)
        if self.organisation.strip():
            lines += _scalar_lines("organisation", self.organisation, 0)
        lines += _scalar_lines("issue", self.issue, 0)
        lines += _scalar_lines("goal", self.goal, 0)
        if self.engagement_decision != "full" or self.engagement_reasons.strip():
            lines.append("engagement:")
            lines += _scalar_lines("decision", self.engagement_decision or "full", 2)
            lines += _scalar_lines("reasons", self.engagement_reasons, 2)
        for list_name in LIST_NAMES:
            items = getattr(self, list_name)
            if not items:
                lines.append(f"{list_name}: []")
                continue
            lines.append(f"{list_name}:")
            for item in items:
                lines += _item_lines(item)
        return "\n".join(lines) + "\n"

    def parse(self) -> Plan:
        """The plan as the grader reads it; raises ``PlanError`` (every problem, with its line)."""
        return parse_plan(self.to_yaml())

    def problems(self) -> list[str]:
        """What stops the plan from being read, one plain sentence each; empty when it can be read."""
        try:
            self.parse()
        except PlanError as error:
            return [problem.message for problem in error.problems]
        return []

    # -- loading ------------------------------------------------------------------------------

    @classmethod
    def from_plan(cls, plan: Plan) -> PlanDraft:
        """A draft holding everything a parsed plan says (unknown extra fields and comments are not kept)."""
        return cls(
            country=plan.country,
            organisation=plan.organisation or "",
            issue=plan.issue,
            goal=plan.goal,
            engagement_decision=plan.engagement.decision,
            engagement_reasons=plan.engagement.reasons,
            objectives=[ObjectiveDraft(o.id, o.text, o.target, o.indicator, str(o.due)) for o in plan.objectives],
            domestic_activities=[DomesticDraft(a.id, a.text, a.objective, str(a.when)) for a in plan.domestic_activities],
            international_activities=[
                InternationalDraft(a.id, a.stage, a.text, a.objective, list(a.adds), a.added_value, a.brought_home,
                                   list(a.recommendations), str(a.when))
                for a in plan.international_activities
            ],
            media=[MediaDraft(m.moment, m.text) for m in plan.media],
            risks=[RiskDraft(r.risk, r.mitigation) for r in plan.risks],
        )

    @classmethod
    def from_yaml(cls, text: str) -> PlanDraft:
        """Load a plan's text into a draft; raises ``PlanError`` when the text cannot be read."""
        return cls.from_plan(parse_plan(text))


def objective_label(objective: ObjectiveDraft, limit: int = 60) -> str:
    text = " ".join(objective.text.split())
    if len(text) > limit:
        cut = text[: limit - 3]
        if " " in cut[limit // 2 :]:  # end at a word, not in the middle of one
            cut = cut[: cut.rindex(" ")]
        text = cut.rstrip(" ,;:") + "..."
    return f"{objective.id}: {text}" if text else f"{objective.id} (no text yet)"


def split_ids(text: str) -> list[str]:
    """Recommendation ids typed in one box: separated by commas, semicolons, spaces or lines."""
    return [part for part in re.split(r"[\s,;]+", text or "") if part]


def _month_within(when: str, window: tuple[dt.date, dt.date]) -> bool:
    """Whether a 'YYYY-MM' (or 'YYYY-MM-DD') date falls in a window, to the month."""
    match = re.match(r"^(\d{4})-(\d{2})", when or "")
    if not match:
        return False
    month = int(match[1]) * 12 + int(match[2])
    return window[0].year * 12 + window[0].month <= month <= window[1].year * 12 + window[1].month


def _month(today: dt.date, months_ahead: int) -> str:
    index = today.year * 12 + today.month - 1 + months_ahead
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


# --------------------------------------------------------------------------------------------
# Writing YAML that reads back exactly

# Characters YAML does not accept in a document (the set PyYAML's reader refuses), minus tab and
# line feed, which are allowed.
_NOT_ALLOWED = re.compile("[^\x09\x0a\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean_text(value: object) -> str:
    """The text as the plan keeps it: line ends made plain, characters YAML refuses removed,
    spaces at both ends removed (the format ignores them)."""
    text = "" if value is None else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _NOT_ALLOWED.sub("", text).strip()


def _reads_back(fragment: str, text: str) -> bool:
    """Does ``key: <fragment>`` read back as ``text``? (Every scalar as a string, like parse_plan.)"""
    try:
        loaded = yaml.load("k: " + fragment, Loader=yaml.BaseLoader)  # noqa: S506 - BaseLoader builds only strings
    except yaml.YAMLError:
        return False
    return isinstance(loaded, dict) and isinstance(loaded.get("k"), str) and loaded["k"].strip() == text


@lru_cache(maxsize=4096)
def _inline(text: str) -> str | None:
    """The text on one line, quoted only if YAML needs it; None if that does not read back."""
    dumped = yaml.safe_dump({"k": text}, width=float("inf"), allow_unicode=True)
    fragment = dumped[3:].rstrip("\n")
    return fragment if "\n" not in fragment and _reads_back(fragment, text) else None


@lru_cache(maxsize=4096)
def _quoted(text: str) -> str:
    """The text in double quotes, with escapes for anything unusual: always reads back."""
    fragment = yaml.safe_dump(text, width=float("inf"), allow_unicode=False, default_style='"').rstrip("\n")
    if "\n" in fragment or not _reads_back(fragment, text):  # pragma: no cover - PyYAML's escapes are exact
        raise ValueError(f"cannot write this text in YAML: {text[:40]!r}")
    return fragment


def _fold(text: str, width: int) -> list[str]:
    """Wrap one line of text at single spaces between two visible characters (where a folded
    block puts the space back), greedily, to lines of at most ``width`` where possible."""
    breaks = [
        i for i in range(1, len(text) - 1)
        if text[i] == " " and text[i - 1] not in " \t" and text[i + 1] not in " \t"
    ]  # fmt: skip
    lines, start = [], 0
    while len(text) - start > width:
        fitting = [i for i in breaks if start < i <= start + width]
        later = [i for i in breaks if i > start]
        cut = fitting[-1] if fitting else (later[0] if later else None)
        if cut is None:
            break
        lines.append(text[start:cut])
        start = cut + 1
    lines.append(text[start:])
    return lines


@lru_cache(maxsize=4096)
def _block(text: str, width: int) -> tuple[str, ...] | None:
    """A folded (one line of text) or literal (several lines) block: the indicator, then the
    content lines without indentation; None if it would not read back."""
    if "\n" in text:
        indicator, content = "|", text.split("\n")
    else:
        indicator, content = ">", _fold(text, width)
    probe = indicator + "\n" + "\n".join(f"  {line}" if line else "" for line in content) + "\n"
    return (indicator, *content) if _reads_back(probe, text) else None


def _scalar_lines(key: str, value: object, indent: int, first_prefix: str | None = None) -> list[str]:
    """``key: value`` at ``indent`` spaces (``first_prefix`` replaces the indent, for ``- ``)."""
    text = clean_text(value)
    lead = first_prefix if first_prefix is not None else " " * indent
    if "\n" not in text:
        fragment = _inline(text)
        if fragment is not None and len(lead) + len(key) + 2 + len(fragment) <= WIDTH:
            return [f"{lead}{key}: {fragment}"]
    block = _block(text, max(20, WIDTH - indent - 2))
    if block is not None:
        pad = " " * (indent + 2)
        return [f"{lead}{key}: {block[0]}", *(f"{pad}{line}" if line else "" for line in block[1:])]
    return [f"{lead}{key}: {_quoted(text)}"]


def _list_lines(key: str, values: list[str], indent: int) -> list[str]:
    cleaned = [clean_text(v) for v in values if clean_text(v)]
    flow = yaml.safe_dump({"k": cleaned}, default_flow_style=True, width=float("inf"), allow_unicode=True)
    fragment = flow.strip()[4:-1] if flow.strip().startswith("{k: ") else None
    if fragment is not None:
        try:
            ok = yaml.load("k: " + fragment, Loader=yaml.BaseLoader) == {"k": cleaned}  # noqa: S506
        except yaml.YAMLError:
            ok = False
        if ok:
            return [f"{' ' * indent}{key}: {fragment}"]
    lines = [f"{' ' * indent}{key}:"]  # pragma: no cover - a flow list of strings always reads back
    lines += [f"{' ' * indent}  - {_quoted(value)}" for value in cleaned]  # pragma: no cover
    return lines  # pragma: no cover


def _item_lines(item) -> list[str]:
    lines: list[str] = []
    for position, item_field in enumerate(fields(item)):
        value = getattr(item, item_field.name)
        prefix = "  - " if position == 0 else None
        if item_field.name == "adds":
            lines += _list_lines("adds", value, 4)
        elif item_field.name == "recommendations":
            if any(clean_text(v) for v in value):
                lines += _list_lines("recommendations", value, 4)
        else:
            lines += _scalar_lines(item_field.name, value, 4, prefix)
    return lines


# --------------------------------------------------------------------------------------------
# Example plans


def example_names() -> list[str]:
    """The example plans' names (file names without ``.yaml``), A to Z."""
    return sorted(path.stem for path in EXAMPLES_DIR.glob("*.yaml"))


def example_text(name: str) -> str:
    """The text of one example plan, for example ``example_text("kenya_torture_custody")``."""
    path = EXAMPLES_DIR / f"{name}.yaml"
    if name not in example_names():
        raise UserError(f"There is no example plan '{name}'. The examples are: {', '.join(example_names())}.")
    return path.read_text(encoding="utf-8")


def example_band(name: str) -> str:
    """What a human reader says of an example: strong, middling or weak (its first comment line)."""
    match = re.search(r"(?m)^#\s*expected_band:\s*(\w+)", example_text(name))
    return match[1] if match else "example"


def example_label(name: str) -> str:
    """A label for a menu: ``Kenya: Torture and deaths in police custody (strong)``."""
    text = example_text(name)
    country = re.search(r"(?m)^country:\s*(.+?)\s*$", text)
    issue = re.search(r"(?m)^issue:\s*(.+?)\s*$", text)
    if not (country and issue):
        return name
    return f"{country[1]}: {issue[1]} ({example_band(name)})"


def comparison_rows(left: Plan, right: Plan, stage: str | None = "stakeholder_report") -> list[tuple[str, str, str]]:
    """Two plans side by side, on what matters most: (what, left, right) rows.

    The UN step compared is each plan's first activity at ``stage`` (or its first activity)."""
    def cell(value: str | None) -> str:
        value = " ".join((value or "").split())
        return value or "(empty)"

    def objective(plan: Plan) -> str:
        if not plan.objectives:
            return "(no objective)"
        o = plan.objectives[0]
        return (f"{cell(o.text)} Decision-maker: {cell(o.target)}. Indicator: {cell(o.indicator)}. Due: {o.due}.")

    def step(plan: Plan):
        steps = plan.international_activities
        return next((a for a in steps if a.stage == stage), steps[0] if steps else None)

    def served(plan: Plan) -> str:
        activity = step(plan)
        if activity is None:
            return "(no UN step)"
        target = next((o for o in plan.objectives if o.id == activity.objective), None)
        return f"{activity.objective}: {cell(target.text)}" if target else f"{cell(activity.objective)}: no objective of the plan"

    def about_step(plan: Plan, what: str) -> str:
        activity = step(plan)
        if activity is None:
            return "(no UN step)"
        if what == "adds":
            return f"[{', '.join(activity.adds)}] {cell(activity.added_value)}"
        return f"{activity.stage.replace('_', ' ')}: {cell(activity.text)}" if what == "text" else cell(getattr(activity, what))

    def risks(plan: Plan) -> str:
        if not plan.risks:
            return "(no risks)"
        return " ".join(f"{cell(r.risk)} What we do: {cell(r.mitigation)}" for r in plan.risks[:2])

    def count(plan: Plan) -> str:
        return f"{len(plan.domestic_activities)} at home, {len(plan.international_activities)} at the UN"

    return [
        ("Country and issue", f"{left.country_name}: {cell(left.issue)}", f"{right.country_name}: {cell(right.issue)}"),
        ("Goal (the change at home)", cell(left.goal), cell(right.goal)),
        ("First objective", objective(left), objective(right)),
        ("Activities", count(left), count(right)),
        ("A UN step", about_step(left, "text"), about_step(right, "text")),
        ("It serves the objective", served(left), served(right)),
        ("What it adds", about_step(left, "adds"), about_step(right, "adds")),
        ("How its result comes home", about_step(left, "brought_home"), about_step(right, "brought_home")),
        ("Risks", risks(left), risks(right)),
    ]


# --------------------------------------------------------------------------------------------
# Files: saving and exporting (on this computer only)


def file_stem(name: str, fallback: str = "my-plan") -> str:
    """A safe file name from anything typed: ``Kenya: torture!`` -> ``kenya-torture``."""
    stem = re.sub(r"[^a-z0-9]+", "-", (name or "").lower()).strip("-")[:60].strip("-")
    return stem or fallback


def save_yaml(text: str, folder: str | Path, name: str) -> Path:
    """Save a plan's text as ``<folder>/<name>.yaml`` (replacing an earlier copy) and return the path.

    Saved even when it cannot be read yet: unfinished work is worth keeping."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{file_stem(name)}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def saved_plans(folder: str | Path) -> list[Path]:
    """The plans saved in a folder (``*.yaml``), A to Z; none when the folder does not exist."""
    folder = Path(folder)
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def _describe_recommendation(rec_id: str) -> str | None:
    from .rubric import default_context

    facts = default_context().recommendation(rec_id)
    return f"{facts.text} ({facts.response or 'no response yet'}; made to {facts.sur})" if facts else None


def export_plan(text: str, folder: str | Path, name: str, to: str) -> Path:
    """Write a plan as a document for a coalition meeting: ``to`` is ``md``, ``html`` or ``docx``.

    Cited recommendations are printed with their text and the Government's response. Raises
    ``PlanError`` when the plan cannot be read (fix it first), ``UserError`` for an unknown format.
    """
    from .render import plan_export

    if to not in EXPORT_FORMATS:
        raise UserError(f"'{to}' is not a format the course can export; choose one of: {', '.join(EXPORT_FORMATS)}.")
    plan = parse_plan(text)
    blocks = plan_export.outline(plan, _describe_recommendation)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{file_stem(name)}{EXPORT_FORMATS[to]}"
    if to == "docx":
        plan_export.write_docx(blocks, path)
    elif to == "html":
        path.write_text(plan_export.to_html(blocks), encoding="utf-8")
    else:
        path.write_text(plan_export.to_markdown(blocks), encoding="utf-8")
    return path

