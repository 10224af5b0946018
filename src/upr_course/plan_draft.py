"""A plan being written, as the plan builder (lesson 09's form) holds it: a draft.

Lesson 09's form (``upr_course.widgets.plan_builder``) is only a face over this module, so
everything it does can be tested without a browser or a kernel, and nothing here imports
ipywidgets or IPython.

A :class:`PlanDraft` holds what the participant has typed so far: the top fields (country,
organisation, issue, goal, engagement) and lists of objectives, domestic activities,
international activities, media moments and risks. It may be incomplete: every field is a
text and may be empty. ``to_yaml()`` writes it in the action plan format with
:mod:`upr_course.plan.writer`; ``parse()`` reads that text with
:func:`upr_course.plan.parse_plan`, so the draft never has its own idea of what a valid plan
is; ``problems()`` lists what still stops the plan from being read, each as the grader would
say it. ``from_yaml(text)`` loads an existing plan (an example, or a plan saved earlier).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, fields

from .i18n import gettext as _
from .errors import UserError
from .plan import FORMAT, Plan, PlanError, parse_plan
from .plan.writer import WIDTH, clean_text, list_lines, scalar_lines

__all__ = [
    "LIST_NAMES",
    "WIDTH",
    "DomesticDraft",
    "InternationalDraft",
    "MediaDraft",
    "ObjectiveDraft",
    "PlanDraft",
    "RiskDraft",
    "objective_label",
    "split_ids",
]

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
            raise UserError(_("There is no list '{name}' in a plan; the lists are: {lists}.").format(
                name=list_name, lists=", ".join(LIST_NAMES)))
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
        raise UserError(_("That item is not in this plan any more."))

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
            label = (_("(choose an objective)") if not current.strip()
                     else _("{objective} (no such objective in this plan)").format(objective=current))
            choices.insert(0, (label, current))
        return choices

    # -- text ---------------------------------------------------------------------------------

    def to_yaml(self) -> str:
        """The plan in the action plan format, ready for ``parse_plan``, a file or the capstone."""
        lines = [f"format: {FORMAT}"]
        lines += scalar_lines("country", self.country, 0)
        if self.organisation.strip():
            lines += scalar_lines("organisation", self.organisation, 0)
        lines += scalar_lines("issue", self.issue, 0)
        lines += scalar_lines("goal", self.goal, 0)
        if self.engagement_decision != "full" or self.engagement_reasons.strip():
            lines.append("engagement:")
            lines += scalar_lines("decision", self.engagement_decision or "full", 2)
            lines += scalar_lines("reasons", self.engagement_reasons, 2)
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
    return f"{objective.id}: {text}" if text else _("{id} (no text yet)").format(id=objective.id)


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


def _item_lines(item) -> list[str]:
    lines: list[str] = []
    for position, item_field in enumerate(fields(item)):
        value = getattr(item, item_field.name)
        prefix = "  - " if position == 0 else None
        if item_field.name == "adds":
            lines += list_lines("adds", value, 4)
        elif item_field.name == "recommendations":
            if any(clean_text(v) for v in value):
                lines += list_lines("recommendations", value, 4)
        else:
            lines += scalar_lines(item_field.name, value, 4, prefix)
    return lines
