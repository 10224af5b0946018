"""Plan files: the course's example plans, and saving or exporting a participant's plan.

Files are written into a folder that the caller names (lesson 09: ``my-plans/`` next to the
notebook). Nothing is sent anywhere.
"""

from __future__ import annotations

import re
from pathlib import Path

from .i18n import N_
from .i18n import gettext as _
from .errors import UserError
from .paths import REPO_ROOT
from .plan import Plan, parse_plan

__all__ = [
    "EXAMPLES_DIR",
    "EXPORT_FORMATS",
    "comparison_rows",
    "example_band",
    "example_label",
    "example_names",
    "example_text",
    "export_plan",
    "file_stem",
    "save_yaml",
    "saved_plans",
]

#: The course's example plans (strong, middling and weak), as the lessons show them.
EXAMPLES_DIR = REPO_ROOT / "datasets" / "examples" / "plans"
#: What a plan can be exported to, with the file ending.
EXPORT_FORMATS = {"md": ".md", "html": ".html", "docx": ".docx"}


# --------------------------------------------------------------------------------------------
# Example plans


def example_names() -> list[str]:
    """The example plans' names (file names without ``.yaml``), A to Z."""
    return sorted(path.stem for path in EXAMPLES_DIR.glob("*.yaml"))


def example_text(name: str) -> str:
    """The text of one example plan, for example ``example_text("kenya_torture_custody")``."""
    path = EXAMPLES_DIR / f"{name}.yaml"
    if name not in example_names():
        raise UserError(_("There is no example plan '{name}'. The examples are: {examples}.").format(
            name=name, examples=", ".join(example_names())))
    return path.read_text(encoding="utf-8")


def example_band(name: str) -> str:
    """What a human reader says of an example: strong, middling or weak (its first comment line)."""
    match = re.search(r"(?m)^#\s*expected_band:\s*(\w+)", example_text(name))
    return match[1] if match else "example"


#: How a human reader rates an example plan, as the menu says it.
BANDS = {"strong": N_("strong"), "middling": N_("middling"), "weak": N_("weak")}


def example_label(name: str) -> str:
    """A label for a menu: ``Kenya: Torture and deaths in police custody (strong)``."""
    text = example_text(name)
    country = re.search(r"(?m)^country:\s*(.+?)\s*$", text)
    issue = re.search(r"(?m)^issue:\s*(.+?)\s*$", text)
    if not (country and issue):
        return name
    band = example_band(name)
    return _("{country}: {issue} ({band})").format(country=country[1], issue=issue[1],
                                                   band=_(BANDS[band]) if band in BANDS else band)


def comparison_rows(left: Plan, right: Plan, stage: str | None = "stakeholder_report") -> list[tuple[str, str, str]]:
    """Two plans side by side, on what matters most: (what, left, right) rows.

    The UN step compared is each plan's first activity at ``stage`` (or its first activity)."""
    def cell(value: str | None) -> str:
        value = " ".join((value or "").split())
        return value or _("(empty)")

    def objective(plan: Plan) -> str:
        if not plan.objectives:
            return _("(no objective)")
        o = plan.objectives[0]
        return _("{text} Decision-maker: {target}. Indicator: {indicator}. Due: {due}.").format(
            text=cell(o.text), target=cell(o.target), indicator=cell(o.indicator), due=o.due)

    def step(plan: Plan):
        steps = plan.international_activities
        return next((a for a in steps if a.stage == stage), steps[0] if steps else None)

    def served(plan: Plan) -> str:
        activity = step(plan)
        if activity is None:
            return _("(no UN step)")
        target = next((o for o in plan.objectives if o.id == activity.objective), None)
        if target:
            return f"{activity.objective}: {cell(target.text)}"
        return _("{objective}: no objective of the plan").format(objective=cell(activity.objective))

    def about_step(plan: Plan, what: str) -> str:
        activity = step(plan)
        if activity is None:
            return _("(no UN step)")
        if what == "adds":
            return f"[{', '.join(activity.adds)}] {cell(activity.added_value)}"
        return f"{activity.stage.replace('_', ' ')}: {cell(activity.text)}" if what == "text" else cell(getattr(activity, what))

    def risks(plan: Plan) -> str:
        if not plan.risks:
            return _("(no risks)")
        return " ".join(_("{risk} What we do: {mitigation}").format(risk=cell(r.risk), mitigation=cell(r.mitigation))
                        for r in plan.risks[:2])

    def count(plan: Plan) -> str:
        return _("{home} at home, {un} at the UN").format(home=len(plan.domestic_activities),
                                                          un=len(plan.international_activities))

    return [
        (_("Country and issue"), f"{left.country_name}: {cell(left.issue)}", f"{right.country_name}: {cell(right.issue)}"),
        (_("Goal (the change at home)"), cell(left.goal), cell(right.goal)),
        (_("First objective"), objective(left), objective(right)),
        (_("Activities"), count(left), count(right)),
        (_("A UN step"), about_step(left, "text"), about_step(right, "text")),
        (_("It serves the objective"), served(left), served(right)),
        (_("What it adds"), about_step(left, "adds"), about_step(right, "adds")),
        (_("How its result comes home"), about_step(left, "brought_home"), about_step(right, "brought_home")),
        (_("Risks"), risks(left), risks(right)),
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
        raise UserError(_("'{format}' is not a format the course can export; choose one of: {formats}.").format(
            format=to, formats=", ".join(EXPORT_FORMATS)))
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

