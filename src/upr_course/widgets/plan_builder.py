"""Lesson 09's guided plan builder: a form that writes an action plan's text for you.

The form is a face over :mod:`upr_course.plan_builder` (the pure core): it keeps a
:class:`~upr_course.plan_builder.PlanDraft`, changes it as the participant types, and shows
the plan's YAML text under the form after every change. Six tabs follow the plan's parts:
the goal; objectives; activities at home; activities at the UN (each with its stage, the
objective it serves, what it adds, and how its result is brought home); media moments and
risks; and "Check and save", where the course's grader scores the plan and buttons save it
as a ``.yaml`` file or export it for a coalition meeting (Markdown, HTML, Word).

Files are written only when a Save button is clicked, into one folder next to the notebook
(``my-plans/``), and nothing is sent anywhere.

For tests and for browser tests, everything is reachable: ``box.builder`` is the
:class:`PlanBuilder`, with its controls as attributes (``top``, ``editors``, ``add_buttons``,
``check_button``, ``save_buttons``, ``start_from``...), and the main controls carry a
``description`` and a CSS class starting with ``upr-`` (``upr-plan-builder``,
``upr-add-objectives``, ``upr-check``, ``upr-save-yaml``, ``upr-plan-preview``...).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import namedtuple
from dataclasses import replace
from pathlib import Path

import ipywidgets as widgets

from .. import plan_files as files
from ..i18n import N_
from ..i18n import gettext as _
from ..notebook import check_plan
from ..plan import ADDS, STAGES, PlanError, parse_plan
from ..plan_draft import LIST_NAMES, PlanDraft, split_ids
from ..render import plan_export
from ..render.report import to_html as report_html
from ..rubric import GradeResult
from .explorers import fit_width

SAVE_FOLDER = "my-plans"
NEW = "new"  # the "A new plan" choice of the start menu

PHASES = {"before": N_("Before the review"), "review": N_("The review"), "after": N_("After the review")}


#: The plan format's stages as the participant reads them (the plan keeps ``stakeholder_report``).
STAGE_WORDS = {
    "national_consultation": N_("national consultation"), "stakeholder_report": N_("stakeholder report"),
    "pre_session": N_("pre-session"), "embassy_briefing": N_("embassy briefing"),
    "advance_questions": N_("advance questions"), "review": N_("review"), "outcome_adoption": N_("outcome adoption"),
    "responses": N_("responses"), "plenary": N_("plenary"), "implementation": N_("implementation"),
    "mid_term_report": N_("mid-term report"),
}


def stage_options() -> list[tuple[str, str]]:
    """The UPR stages for a dropdown, "Before the review: stakeholder report", in the participant's language.
    The stage itself stays the plan format's word (``stakeholder_report``)."""
    return [(_("{phase}: {stage}").format(phase=_(PHASES[phase]),
                                          stage=_(STAGE_WORDS[stage]) if stage in STAGE_WORDS else stage.replace("_", " ")),
             stage)
            for stage, phase in STAGES.items()]

Field = namedtuple("Field", "name kind label placeholder")

ITEM_FIELDS = {
    "objectives": (
        Field("text", "area", N_("Objective"), N_("One step towards your goal: what changes, who makes it, by when.")),
        Field("target", "line", N_("Decision-maker"), N_("Who decides? For example: the Minister of Justice")),
        Field("indicator", "line", N_("Indicator"), N_("How will you know? For example: the bill is published")),
        Field("due", "date", N_("Due (YYYY-MM)"), "2028-06"),
    ),
    "domestic_activities": (
        Field("text", "area", N_("Activity at home"), N_("What you will do at home: meetings, research, campaigns...")),
        Field("objective", "objective", N_("Serves"), ""),
        Field("when", "date", N_("When (YYYY-MM)"), "2027-03"),
    ),
    "international_activities": (
        Field("stage", "stage", N_("UPR stage"), ""),
        Field("text", "area", N_("Activity at the UN"), N_("What you will do: a report, a briefing, a question...")),
        Field("objective", "objective", N_("Serves"), ""),
        Field("adds", "adds", N_("It adds"), ""),
        Field("added_value", "area", N_("What it adds"),
              N_("What does this step add that your work at home cannot do alone? Whom does it move, and why?")),
        Field("brought_home", "area", N_("Brought home"), N_("How will you use its result at home: with whom, when, how?")),
        Field("recommendations", "ids", N_("Recommendations"), N_("Optional: ids, separated by commas, e.g. KEN-S21-064")),
        Field("when", "date", N_("When (YYYY-MM)"), "2027-06"),
    ),
    "media": (
        Field("moment", "stage", N_("UPR moment"), ""),
        Field("text", "area", N_("What you do"), N_("For example: a press release naming the States that raised your issue")),
    ),
    "risks": (
        Field("risk", "area", N_("Risk"), N_("What could go wrong, and for whom? Think of reprisals for engaging with the UN.")),
        Field("mitigation", "area", N_("What you do"), N_("How you will lower the risk, and what you will do if it happens")),
    ),
}

ITEM_WORDS = {
    "objectives": N_("objective"),
    "domestic_activities": N_("activity at home"),
    "international_activities": N_("activity at the UN"),
    "media": N_("media moment"),
    "risks": N_("risk"),
}
#: What an item's box is called, and its buttons (whole phrases: "an" or "a", genders, cases differ by language).
ITEM_TITLES = {"objectives": N_("Objective"), "domestic_activities": N_("Activity at home"),
               "international_activities": N_("Activity at the UN"), "media": N_("Media moment"), "risks": N_("Risk")}
ADD_WORDS = {"objectives": N_("Add an objective"), "domestic_activities": N_("Add an activity at home"),
             "international_activities": N_("Add an activity at the UN"), "media": N_("Add a media moment"),
             "risks": N_("Add a risk")}
REMOVE_WORDS = {"objectives": N_("Remove this objective"), "domestic_activities": N_("Remove this activity at home"),
                "international_activities": N_("Remove this activity at the UN"),
                "media": N_("Remove this media moment"), "risks": N_("Remove this risk")}

ENGAGEMENT_OPTIONS = [
    (N_("Full: UN steps before, during and after the review"), "full"),
    (N_("Light: one small step, or follow-up only"), "light"),
    (N_("None: no UN engagement this cycle"), "none"),
]

TABS = (
    ("goal", N_("1 Goal")),
    ("objectives", N_("2 Objectives")),
    ("domestic_activities", N_("3 At home")),
    ("international_activities", N_("4 At the UN")),
    ("media_risks", N_("5 Media, risks")),
    ("check_save", N_("6 Check, save")),
)
#: Which tab to look at for a problem in a field (the first part of its path).
FIELD_TABS = {
    "objectives": TABS[1][1],
    "domestic_activities": TABS[2][1],
    "international_activities": TABS[3][1],
    "media": TABS[4][1],
    "risks": TABS[4][1],
}

EXPORT_WORDS = {
    "yaml": (N_("Save the plan (.yaml)"), N_("the plan's text: open it again here, or paste it into the capstone exercise")),
    "md": (N_("Export: Markdown (.md)"), N_("a plain text document that most editors open")),
    "html": (N_("Export: web page (.html)"), N_("opens in a web browser, from which you can print it")),
    "docx": (N_("Export: Word (.docx)"), N_("opens in Word or LibreOffice Writer")),
}

_LABEL_STYLE = {"description_width": "10em"}
_NOTE = '<p class="upr-note" style="line-height:1.45;max-width:60em;margin:0.3em 0">{}</p>'

INTROS = {
    "goal": N_(
        "Start at home. <b>Country</b>: the State under Review (its name or 3-letter code). "
        "<b>Organisation</b> is optional; a pseudonym is fine. <b>Goal</b>: the change you want at home, "
        "who makes it, and by when (for example: <i>By June 2029 Parliament adopts ...</i>). "
        "<b>UN engagement</b>: engaging is a choice. Choose <i>light</i> for one small, well-placed step or "
        "follow-up only, or <i>none</i> if the UN would distract from your work at home this cycle, and say why."
    ),
    "objectives": N_(
        "Objectives are steps towards your goal. Each names the person or body who decides "
        "(<b>decision-maker</b>), how you will know it happened (<b>indicator</b>), and a <b>due</b> date."
    ),
    "domestic_activities": N_(
        "Your work at home leads: meetings, evidence, campaigns, coalitions. Each activity serves one objective. "
        "Plan at least one for every objective."
    ),
    "international_activities": N_(
        "Each step at the UN must answer three questions: which objective at home it <b>serves</b>; what it "
        "<b>adds</b> that your work at home cannot do alone; and how its result is <b>brought home</b>. "
        "Hover over a word under <i>It adds</i> to see what it means."
    ),
    "media": N_("Media moments: when will you use the attention that a UPR stage brings?"),
    "risks": N_(
        "Risks, and what you will do about each. Include the risk of reprisals against people who engage "
        "with the UN."
    ),
}


def _note(text_html: str) -> str:
    return _NOTE.format(text_html)


def _close(widget) -> None:
    """Close a widget and everything inside it (frees the browser's copies)."""
    for child in getattr(widget, "children", ()):
        _close(child)
    widget.close()


# -- one item (an objective, an activity, a media moment or a risk) ---------------------------


class ItemEditor:
    """The controls of one item of a list; changes go straight into ``item``."""

    def __init__(self, builder: PlanBuilder, list_name: str, item):
        self.builder, self.list_name, self.item = builder, list_name, item
        self.controls: dict[str, widgets.Widget] = {}
        self.title = widgets.HTML()
        rows = [self.title]
        for spec in ITEM_FIELDS[list_name]:
            control = self._control(spec)
            self.controls[spec.name] = control
            rows.append(control)
        self.remove = widgets.Button(description=self.remove_label(), icon="trash",
                                     layout=widgets.Layout(width="auto"), tooltip=_(REMOVE_WORDS[list_name]))
        self.remove.add_class("upr-remove")
        self.remove.on_click(lambda _button: builder.remove(self))
        rows.append(self.remove)
        self.box = widgets.VBox(rows, layout=widgets.Layout(border="1px solid #ccc", padding="0.4em", margin="0.3em 0"))
        self.box.add_class("upr-item")
        self.box.add_class(f"upr-item-{list_name.replace('_', '-')}")
        self.update_title()

    def name(self) -> str:
        item_id = getattr(self.item, "id", None)
        return item_id or _(ITEM_WORDS[self.list_name])

    def remove_label(self) -> str:
        item_id = getattr(self.item, "id", None)
        return _("Remove {item}").format(item=item_id) if item_id else _(REMOVE_WORDS[self.list_name])

    def update_title(self) -> None:
        title = _(ITEM_TITLES[self.list_name])
        label = _("{item} {id}").format(item=title, id=self.item.id) if hasattr(self.item, "id") else title
        self.title.value = f"<b>{html.escape(label)}</b>"

    def _control(self, spec: Field) -> widgets.Widget:
        value = getattr(self.item, spec.name)
        common = {"description": _("{label}:").format(label=_(spec.label)), "style": _LABEL_STYLE}
        placeholder = _(spec.placeholder) if spec.placeholder else ""
        if spec.kind == "adds":
            return self._adds_control(value)
        if spec.kind == "stage":
            options = stage_options() if value in STAGES else [*stage_options(), (value, value)]
            control = widgets.Dropdown(options=options, value=value, layout=widgets.Layout(width="auto", min_width="28em"), **common)
        elif spec.kind == "objective":
            control = widgets.Dropdown(options=self.builder.draft.objective_choices(value), value=value,
                                       layout=widgets.Layout(width="auto", min_width="28em", max_width="95%"), **common)
        elif spec.kind == "area":
            control = widgets.Textarea(value=value, placeholder=placeholder, rows=3, layout=widgets.Layout(width="95%"), **common)
        elif spec.kind == "ids":
            control = widgets.Text(value=", ".join(value), placeholder=placeholder, layout=widgets.Layout(width="95%"), **common)
        elif spec.kind == "date":
            control = widgets.Text(value=value, placeholder=placeholder, layout=widgets.Layout(width="20em"), **common)
        else:
            control = widgets.Text(value=value, placeholder=placeholder, layout=widgets.Layout(width="95%"), **common)
        control.add_class(f"upr-field-{spec.name.replace('_', '-')}")
        control.observe(lambda change, name=spec.name, kind=spec.kind: self._changed(name, kind, change["new"]), names="value")
        return control

    def _adds_control(self, chosen: list[str]) -> widgets.Widget:
        checkboxes = {}
        for name, meaning in ADDS.items():
            box = widgets.Checkbox(value=name in chosen, description=name, indent=False, tooltip=_(meaning),
                                   layout=widgets.Layout(width="auto"))
            box.add_class(f"upr-adds-{name}")
            box.observe(lambda _change: self._changed("adds", "adds", None), names="value")
            checkboxes[name] = box
        label = widgets.Label(_("{label}:").format(label=_("It adds")), layout=widgets.Layout(width="10em"))
        grid = widgets.GridBox(list(checkboxes.values()), layout=widgets.Layout(grid_template_columns="repeat(4, 11em)"))
        group = widgets.HBox([label, grid])
        group.add_class("upr-field-adds")
        group.checkboxes = checkboxes
        self._extra_adds = [value for value in chosen if value not in ADDS]  # cannot come from a parsed plan
        return group

    def _changed(self, name: str, kind: str, value) -> None:
        if self.builder.quiet:
            return
        if kind == "adds":
            checked = [n for n, box in self.controls["adds"].checkboxes.items() if box.value]
            value = checked + self._extra_adds
        elif kind == "ids":
            value = split_ids(value)
        setattr(self.item, name, value)
        self.builder.changed(objectives=self.list_name == "objectives")

    def refresh_objectives(self) -> None:
        control = self.controls.get("objective")
        if control is not None:
            control.options = self.builder.draft.objective_choices(self.item.objective)
            control.value = self.item.objective


# -- the builder --------------------------------------------------------------------------


class PlanBuilder:
    """The form's state and actions; ``box`` is what the notebook shows."""

    def __init__(self, draft: PlanDraft | None = None, folder: str | Path = SAVE_FOLDER,
                 as_of: str | dt.date | None = None, today: dt.date | None = None):
        self.folder = Path(folder)
        self.as_of = as_of
        self.today = today
        self.draft = draft if draft is not None else PlanDraft.starter(today)
        self.quiet = False
        self.last_result: GradeResult | None = None
        self._checked_text: str | None = None
        self._confirm = False

        self.top = self._top_controls()
        self.lists = {name: widgets.VBox() for name in LIST_NAMES}
        self.editors: dict[str, list[ItemEditor]] = {name: [] for name in LIST_NAMES}
        self.add_buttons = {name: self._add_button(name) for name in LIST_NAMES}

        self.status = widgets.HTML()
        self.status.add_class("upr-plan-status")
        self.preview = widgets.HTML()
        self.preview.add_class("upr-plan-preview")

        self.check_button = widgets.Button(description=_("Check my plan"), button_style="primary", icon="check",
                                           tooltip=_("Score the plan with the course's grader (nothing is sent anywhere)"),
                                           layout=widgets.Layout(width="auto"))
        self.check_button.add_class("upr-check")
        self.check_button.on_click(lambda _button: self.check())
        self.report_note = widgets.HTML()
        self.report = widgets.HTML()
        self.report.add_class("upr-report")

        self.file_name = widgets.Text(value="my-plan", description=_("File name:"), style=_LABEL_STYLE,
                                      placeholder="my-plan", layout=widgets.Layout(width="30em"))
        self.file_name.add_class("upr-file-name")
        self.save_buttons = {}
        for to, (label, meaning) in EXPORT_WORDS.items():
            button = widgets.Button(description=_(label), icon="save" if to == "yaml" else "file",
                                    tooltip=_("Into the folder {folder}: {meaning}").format(folder=self.folder.name,
                                                                                         meaning=_(meaning)),
                                    layout=widgets.Layout(width="auto"))
            button.add_class(f"upr-save-{to}" if to == "yaml" else f"upr-export-{to}")
            button.on_click(lambda _button, to=to: self.save(to))
            self.save_buttons[to] = button
        self.saved = widgets.HTML()
        self.saved.add_class("upr-saved")

        self.start_from = widgets.Dropdown(options=self._start_options(), value=NEW, description=_("Start from:"),
                                           style={"description_width": "initial"},
                                           layout=widgets.Layout(width=fit_width(_("Start from:"), self._start_options()),
                                                                 max_width="95%"))
        self.start_from.add_class("upr-start-from")
        self.start_from.observe(self._start_choice_changed, names="value")
        self.start_button = widgets.Button(description=_("Start from this"), icon="folder-open",
                                           layout=widgets.Layout(width="auto"),
                                           tooltip=_("Replace the plan in the form with the choice on the left"))
        self.start_button.add_class("upr-start")
        self.start_button.on_click(lambda _button: self.start())
        self.start_message = widgets.HTML()

        self.tabs = self._tabs()
        self.box = self._frame()
        self.load(self.draft)

    # -- building the form -------------------------------------------------------------

    def _top_controls(self) -> dict[str, widgets.Widget]:
        from .explorers import state_options

        wide = widgets.Layout(width="95%")
        controls = {
            "country": widgets.Combobox(options=[value for _label, value in state_options()], ensure_option=False,
                                        description=_("Country:"), placeholder=_("Type or choose, e.g. Kenya or KEN"),
                                        style=_LABEL_STYLE, layout=widgets.Layout(width="30em")),
            "organisation": widgets.Text(description=_("Organisation:"), placeholder=_("Optional; a pseudonym is fine"),
                                         style=_LABEL_STYLE, layout=wide),
            "issue": widgets.Text(description=_("Issue:"), placeholder=_("Your issue, in a few words"), style=_LABEL_STYLE,
                                  layout=wide),
            "goal": widgets.Textarea(description=_("Goal:"), rows=3, style=_LABEL_STYLE, layout=wide,
                                     placeholder=_("The change you want at home, who makes it, and by when")),
            "engagement_decision": widgets.Dropdown(options=[(_(label), value) for label, value in ENGAGEMENT_OPTIONS],
                                                    value="full", description=_("UN engagement:"),
                                                    style=_LABEL_STYLE, layout=widgets.Layout(width="45em")),
            "engagement_reasons": widgets.Textarea(description=_("Why:"), rows=3, style=_LABEL_STYLE, layout=wide,
                                                   placeholder=_("Needed for 'light' and 'none': why this much and no more, "
                                                                 "for your strategy at home")),
        }
        for name, control in controls.items():
            control.add_class(f"upr-field-{name}")
            control.observe(lambda change, name=name: self._top_changed(name, change["new"]), names="value")
        return controls

    def _add_button(self, list_name: str) -> widgets.Button:
        button = widgets.Button(description=_(ADD_WORDS[list_name]), icon="plus", layout=widgets.Layout(width="auto"))
        button.add_class(f"upr-add-{list_name.replace('_', '-')}")
        button.on_click(lambda _button: self.add(list_name))
        return button

    def _section(self, list_name: str) -> list[widgets.Widget]:
        return [widgets.HTML(_note(_(INTROS[list_name]))), self.lists[list_name], self.add_buttons[list_name]]

    def _tabs(self) -> widgets.Tab:
        adds_legend = "".join(f"<li><b>{name}</b>: {html.escape(_(meaning))}</li>" for name, meaning in ADDS.items())
        pages = {
            "goal": widgets.VBox([widgets.HTML(_note(_(INTROS["goal"]))), *self.top.values()]),
            "objectives": widgets.VBox(self._section("objectives")),
            "domestic_activities": widgets.VBox(self._section("domestic_activities")),
            "international_activities": widgets.VBox([
                *self._section("international_activities"),
                widgets.HTML("<details><summary>" + html.escape(_("What each word under “It adds” means")) + "</summary>"
                             f'<ul>{adds_legend}</ul></details>'),
            ]),
            "media_risks": widgets.VBox([*self._section("media"), *self._section("risks")]),
            "check_save": widgets.VBox([
                widgets.HTML(_note(html.escape(_("Check your plan with the course's grader: the same rubric as the capstone "
                                                 "exercise. Check as often as you like.")))),
                self.check_button, self.report_note, self.report,
                widgets.HTML(_note(_("Save the plan on this computer, in the folder {folder} next to this lesson. Nothing is "
                                     "sent anywhere. Choose a file name that does not give away what the plan is about if "
                                     "others can see this computer's files.").format(
                    folder=f"<code>{html.escape(self.folder.name)}</code>"))),
                self.file_name,
                widgets.HBox(list(self.save_buttons.values()), layout=widgets.Layout(flex_flow="row wrap")),
                self.saved,
            ]),
        }
        tabs = widgets.Tab(children=list(pages.values()))
        tabs.titles = [_(title) for _key, title in TABS]
        tabs.add_class("upr-plan-tabs")
        return tabs

    def _frame(self) -> widgets.VBox:
        preview = widgets.Accordion(children=[self.preview], titles=(_("Your plan as text (YAML): it changes as you type"),))
        preview.selected_index = 0
        start = widgets.HBox([self.start_from, self.start_button], layout=widgets.Layout(flex_flow="row wrap"))
        box = widgets.VBox([start, self.start_message, self.tabs, self.status, preview])
        box.add_class("upr-plan-builder")
        box.builder = self
        box.plan_text = self.plan_text
        box.check_here = self.check_here
        return box

    # -- the start menu ------------------------------------------------------------------

    def _start_options(self) -> list[tuple[str, str]]:
        order = {"strong": 0, "middling": 1, "weak": 2}
        examples = sorted(files.example_names(), key=lambda name: (order.get(files.example_band(name), 3), name))
        options = [(_("A new plan"), NEW)]
        options += [(_("Example: {plan}").format(plan=files.example_label(name)), f"example:{name}") for name in examples]
        options += [(_("Saved: {file}").format(file=f"{self.folder.name}/{path.name}"), f"saved:{path.name}")
                    for path in files.saved_plans(self.folder)]
        return options

    def _start_choice_changed(self, _change=None) -> None:
        self._confirm = False
        self.start_message.value = ""

    def _draft_for(self, choice: str) -> PlanDraft:
        if choice == NEW:
            return PlanDraft.starter(self.today)
        kind, _, name = choice.partition(":")
        if kind == "example":
            return PlanDraft.from_yaml(files.example_text(name))
        return PlanDraft.from_yaml((self.folder / name).read_text(encoding="utf-8"))

    def start(self) -> bool:
        """Replace the form's plan with the start menu's choice; True when it was replaced.

        When the form holds unsaved changes, the first click only warns; a second click replaces."""
        if self.plan_text() != self._clean_text and not self._confirm:
            self._confirm = True
            self.start_message.value = _note(_(
                "<b>This replaces the plan in the form.</b> To keep it, save it first (tab 6). "
                "To replace it, click <i>Start from this</i> again."))
            return False
        self._confirm = False
        label = dict((value, label) for label, value in self.start_from.options)[self.start_from.value]
        try:
            draft = self._draft_for(self.start_from.value)
        except PlanError as error:
            items = "".join(f"<li>{html.escape(p.message)}</li>" for p in error.problems)
            self.start_message.value = _note(
                html.escape(_("This plan cannot be opened in the form, because it cannot be read:")) + f"</p><ul>{items}</ul><p>"
                + html.escape(_("Open the file in a text editor and fix it, or start from something else.")))
            return False
        except OSError as error:
            self.start_message.value = _note(html.escape(_("This file could not be opened ({error}).").format(
                error=error.strerror or error)))
            return False
        self.load(draft)
        self.start_message.value = _note(html.escape(_("Started from: {plan}. Change anything you like.").format(plan=label)))
        return True

    # -- changing the plan ---------------------------------------------------------------

    def load(self, draft: PlanDraft) -> None:
        """Show ``draft`` in the form (every field and list), then redraw the text."""
        self.draft = draft
        self.quiet = True
        try:
            for name, control in self.top.items():
                control.value = getattr(draft, name)
            for list_name in LIST_NAMES:
                self._rebuild(list_name)
        finally:
            self.quiet = False
        self._clean_text = self.plan_text()
        self._checked_text = None
        self.report.value = self.report_note.value = self.saved.value = ""
        self.refresh()

    def _rebuild(self, list_name: str) -> None:
        for editor in self.editors[list_name]:
            _close(editor.box)
        self.editors[list_name] = [ItemEditor(self, list_name, item) for item in getattr(self.draft, list_name)]
        self.lists[list_name].children = [editor.box for editor in self.editors[list_name]]

    def _top_changed(self, name: str, value: str) -> None:
        if not self.quiet:
            setattr(self.draft, name, value)
            # Blank steps at the UN take dates from the country's UPR calendar (issue 17).
            if name == "country" and self.draft.fit_to_calendar(self.today):
                self.quiet = True
                try:
                    self._rebuild("international_activities")
                finally:
                    self.quiet = False
            self.changed()

    def add(self, list_name: str) -> ItemEditor:
        """Add an item (with a date and, for an activity, an objective to change) and return its editor."""
        self.draft.add(list_name, **self.draft.suggested(list_name, self.today))
        self.quiet = True
        try:
            self._rebuild(list_name)
        finally:
            self.quiet = False
        self.changed(objectives=list_name == "objectives")
        return self.editors[list_name][-1]

    def remove(self, editor: ItemEditor) -> None:
        self.draft.remove(editor.item)
        self.quiet = True
        try:
            self._rebuild(editor.list_name)
        finally:
            self.quiet = False
        self.changed(objectives=editor.list_name == "objectives")

    def changed(self, objectives: bool = False) -> None:
        """After any change: relabel the objective menus if objectives changed, redraw the text."""
        if objectives:
            self.quiet = True
            try:
                for list_name in ("domestic_activities", "international_activities"):
                    for editor in self.editors[list_name]:
                        editor.refresh_objectives()
            finally:
                self.quiet = False
        self._confirm = False
        self.refresh()

    # -- showing, checking, saving -------------------------------------------------------

    def plan_text(self) -> str:
        """The plan's YAML text, as it is now."""
        return self.draft.to_yaml()

    def refresh(self) -> None:
        text = self.plan_text()
        self.preview.value = preview_html(text)
        try:
            parse_plan(text)
        except PlanError as error:
            items = "".join(
                f"<li>{html.escape(_where(p.field))}{html.escape(p.message)}</li>" for p in error.problems
            )
            self.status.value = _note(_("<b>Not ready to check yet.</b> The grader cannot read the plan until you fix "
                                        "this:") + f"</p><ul>{items}</ul><p>") if items else ""
        else:
            if self._checked_text is not None and text == self._checked_text and self.last_result is not None:
                self.status.value = _note(self._checked_words(self.last_result))
            else:
                self.status.value = _note(_("The plan can be read. Click <b>Check my plan</b> (tab 6) to see its score."))
        if self._checked_text is not None and text != self._checked_text:
            self.report_note.value = _note("<i>" + _("You changed the plan after this check. Click <b>Check my plan</b> "
                                                     "again.") + "</i>")
        else:
            self.report_note.value = ""

    def check(self) -> GradeResult:
        """Grade the plan (the same rubric as the capstone) and show the report in tab 6."""
        text = self.plan_text()
        result = check_plan(text, as_of=self.as_of, show=False)
        # The report is written for a notebook cell and the YAML text; here the participant
        # clicks, and knows the form's tabs and fields.
        shown = replace(result, criteria=tuple(replace(c, feedback=in_form_words(c.feedback)) for c in result.criteria))
        self.report.value = report_html(shown).replace(_("then run the cell again"), _("then click <b>Check my plan</b> again"))
        self.last_result = result
        self._checked_text = text
        self.report_note.value = ""
        if not result.errors:
            self.status.value = _note(self._checked_words(result))
        return result

    @staticmethod
    def _checked_words(result: GradeResult) -> str:
        """The line under the form once the plan is checked (instead of "click Check my plan")."""
        return _("Checked: {score}. The report is in tab 6. Change the plan, then click <b>Check my plan</b> again to see "
                 "the new score.").format(score=f"<b>{result.total:.1f} / 100</b>")

    def check_here(self) -> GradeResult | None:
        """For the lesson's cell under the form: the grader's report of the plan in the form, or,
        while the form is still empty, a note saying what to do first (not a red "could not be
        read", which Run All would show before anyone has typed)."""
        if self.draft.is_blank():
            from IPython.display import HTML, display

            display(HTML(_note(_("<b>Nothing to check yet:</b> the form above is still empty. Start with tab "
                                 "<b>1 Goal</b> (your country, issue and goal), then run this cell again, or click "
                                 "<b>Check my plan</b> in tab 6."))))
            return None
        return check_plan(self.plan_text(), as_of=self.as_of)

    def save(self, to: str) -> Path | None:
        """Save the plan (``yaml``) or export it (``md``, ``html``, ``docx``) into the folder."""
        text = self.plan_text()
        try:
            if to == "yaml":
                path = files.save_yaml(text, self.folder, self.file_name.value)
            else:
                path = files.export_plan(text, self.folder, self.file_name.value, to)
        except PlanError as error:
            items = "".join(f"<li>{html.escape(p.message)}</li>" for p in error.problems)
            self.saved.value = _note(_("<b>Not exported.</b> A document can be made only from a plan the grader can read. "
                                       "Fix this first (or save the plan as .yaml to keep your work):") + f"</p><ul>{items}</ul><p>")
            return None
        except OSError as error:
            self.saved.value = _note(_("<b>Not saved:</b> the file could not be written ({error}).").format(
                error=html.escape(str(error.strerror or error))))
            return None
        self.saved.value = _note(
            _("Saved: {file}, on this computer only: {meaning}. Keep it as safe as your other notes.").format(
                file=f"<code>{html.escape(_shown(path))}</code>", meaning=html.escape(_(EXPORT_WORDS[to][1]))))
        if to == "yaml":
            self._clean_text = text
            self.quiet = True
            try:
                current = self.start_from.value
                self.start_from.options = self._start_options()
                self.start_from.value = current
            finally:
                self.quiet = False
        return path


#: The plan's field names as the form shows them, for feedback read in the builder.
FORM_FIELD_NAMES = {
    "added_value": N_("What it adds"),
    "brought_home": N_("Brought home"),
    "adds": N_("It adds"),
    "recommendations": N_("Recommendations"),
    "engagement: reasons": N_("Why"),
    "engagement": N_("UN engagement"),
    "objective": N_("Serves"),
    "mitigation": N_("What you do"),
    "text": N_("the text"),
}
def _words_of(template: str, placeholder: str) -> str:
    """The words around ``{placeholder}`` in a translated template ("Actividad {ids}" -> "Actividad")."""
    return template.replace("{" + placeholder + "}", "").strip(" ()")


def _line_patterns() -> tuple[re.Pattern, re.Pattern]:
    """How the grader names an item and its lines, in the language it speaks now and in English:
    "Activity I1 (line 7)", "Actividades I1, I2 y I3 (líneas 7, 9, 12)", "ligne 7 : "."""
    from ..i18n import gettext, ngettext

    items, lines, ands = set(), set(), {" and "}
    for n in (1, 2):
        for singular, plural in (("Activity {ids}", "Activities {ids}"), ("Risk {ids}", "Risks {ids}")):
            items.add(_words_of(ngettext(singular, plural, n), "ids"))
        lines.add(_words_of(ngettext("{items} (line {lines})", "{items} (lines {lines})", n).replace("{items}", ""), "lines"))
    items |= {"Activity", "Activities", "Objective", "Risk", _words_of(gettext("Objective {id} ({where})"), "id").split(" (")[0].strip()}
    lines |= {"line", "lines", _words_of(gettext("line {line}"), "line")}
    ands.add(" " + _words_of(gettext("{items} and {last}"), "items").replace("{last}", "").strip() + " ")
    alt = lambda words: "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True) if w)  # noqa: E731
    item_at_line = re.compile(
        rf"(?<!\w)({alt(items)}) ([A-Z]?\d+(?:(?:, |{alt(ands)})[A-Z]?\d+)*) \((?:{alt(lines)}) [\d, ]+\)")
    line_mention = re.compile(rf" ?\((?:{alt(lines)}) [\d, ]+\)|(?<!\w)(?:{alt(lines)}) \d+ ?: ?", re.I)
    return item_at_line, line_mention


def in_form_words(text: str) -> str:
    """Feedback as the form names things: tabs and field labels, not YAML keys and line numbers."""
    item_at_line, line_mention = _line_patterns()

    def item(match: re.Match) -> str:
        word, ids = match.group(1), match.group(2)
        first = ids.split(",")[0].split(" ")[0]
        tab = TABS[3][1] if first.startswith("I") else TABS[2][1] if first.startswith("D") else TABS[1][1] if first.startswith("O") else TABS[4][1]
        return _("{item} {ids} (tab {tab})").format(item=word, ids=ids, tab=_(tab))

    text = item_at_line.sub(item, text)
    text = line_mention.sub("", text)
    for key, label in FORM_FIELD_NAMES.items():
        text = text.replace(f"'{key}'", f"'{_(label)}'")
    return text.replace("in an 'engagement' block ('decision: none' and 'reasons: ...')",
                        _("under 'UN engagement' and 'Why' (tab 1 Goal)"))


def _where(field_path: str) -> str:
    tab = FIELD_TABS.get(field_path.split("[")[0].split(".")[0])
    if tab:
        return _("[tab {tab}] ").format(tab=_(tab))
    return _("[tab {tab}] ").format(tab=_(TABS[0][1])) if field_path else ""


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def preview_html(text: str, max_height: int = 420) -> str:
    """The plan's text with line numbers (the grader's messages name lines) in a scroll box.
    The numbers are in their own column, so copying the text copies only the plan."""
    lines = text.rstrip("\n").split("\n")
    numbers = "\n".join(str(n) for n in range(1, len(lines) + 1))
    mono = "font-family:monospace;font-size:13px;line-height:1.4;margin:0;white-space:pre"
    return (
        f'<div class="upr-yaml" style="display:flex;max-height:{max_height}px;overflow:auto;border:1px solid #ddd;padding:0.4em">'
        f'<pre style="{mono};color:#888;text-align:right;padding-right:0.8em;user-select:none">{numbers}</pre>'
        f'<pre style="{mono}">{html.escape(text.rstrip(chr(10)))}</pre></div>'
    )


def plan_builder(start: str = NEW, folder: str | Path = SAVE_FOLDER, as_of: str | dt.date | None = None,
                 today: dt.date | None = None) -> widgets.VBox:
    """Lesson 09's guided builder. ``start`` is ``"new"`` or an example's name
    (``"kenya_torture_custody"``); files go into ``folder`` (``my-plans``, next to the notebook)."""
    draft = PlanDraft.starter(today) if start == NEW else PlanDraft.from_yaml(files.example_text(start))
    builder = PlanBuilder(draft, folder=folder, as_of=as_of, today=today)
    if start != NEW:
        builder.start_from.value = f"example:{start}"
    return builder.box


# -- reading examples ---------------------------------------------------------------------


def compare_examples(left: str = "kenya_torture_custody", right: str = "egypt_human_rights_defenders",
                     stage: str | None = "stakeholder_report") -> widgets.HTML:
    """Two example plans side by side, on the parts that matter most (lesson 09)."""
    plans = [parse_plan(files.example_text(name)) for name in (left, right)]
    heads = [f"{files.example_label(name)}" for name in (left, right)]
    rows = "".join(
        f'<tr><th style="text-align:left;vertical-align:top;padding:4px 8px;width:12em">{html.escape(what)}</th>'
        f'<td style="vertical-align:top;padding:4px 8px">{html.escape(a)}</td>'
        f'<td style="vertical-align:top;padding:4px 8px">{html.escape(b)}</td></tr>'
        for what, a, b in files.comparison_rows(*plans, stage=stage)
    )
    head = "".join(f'<th style="text-align:left;padding:4px 8px;background:#f0f0f0">{html.escape(h)}</th>' for h in heads)
    table = (f'<table class="upr-compare" style="border-collapse:collapse;font-size:14px;line-height:1.4">'
             f'<thead><tr><th style="background:#f0f0f0"></th>{head}</tr></thead><tbody>{rows}</tbody></table>')
    widget = widgets.HTML(f'<div style="overflow-x:auto">{table}</div>')
    widget.add_class("upr-compare-examples")
    return widget


def export_preview(text: str) -> widgets.HTML:
    """What an exported document says (the same outline as the Markdown, HTML and Word files)."""
    try:
        plan = parse_plan(text)
    except PlanError as error:
        items = "".join(f"<li>{html.escape(p.message)}</li>" for p in error.problems)
        return widgets.HTML(_note(html.escape(_("This plan cannot be exported until it can be read:")) + f"</p><ul>{items}</ul><p>"))
    document = plan_export.to_html(plan_export.outline(plan, files._describe_recommendation))
    body = document.split("<body>", 1)[1].rsplit("</body>", 1)[0]
    style = ("<style>.upr-export-preview table{border-collapse:collapse;width:100%;margin:0.4em 0}"
             ".upr-export-preview td,.upr-export-preview th{border:1px solid #999;padding:0.3em;text-align:left;vertical-align:top}"
             "</style>")
    widget = widgets.HTML(f'{style}<div class="upr-export-preview" style="max-height:480px;overflow:auto;'
                          f'border:1px solid #ddd;padding:0 1em;line-height:1.4">{body}</div>')
    widget.add_class("upr-export-preview")
    return widget
