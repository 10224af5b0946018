"""The exercises' forms: choices and short written answers, never code.

Each exercise's answer cell calls one function here (``engage_form()``...). The form:

- shows the questions, with the answers given so far (kept next to the notebook, or saved in it);
- keeps every change at once (``exercise_forms.save_answers``) and gives the names the check
  cells read (``DECISIONS``, ``WHY_A``...) to the notebook;
- gives feedback where a check is fair (a recommendation's wording, a factsheet's length).

When the notebook is saved, the course's Jupyter server copies the answers into the answer
cell's metadata; the grader reads them from there (see ``exercise_forms.py``).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets

from .. import exercise_forms as forms
from ..i18n import N_, ngettext
from ..i18n import gettext as _
from ..i18n.formats import month as month_text

SAVED_NOTE = N_("Your answers are kept as you go. Save the notebook (Ctrl+S, or File > Save) before you "
                "hand it in: the answers go into the file with it.")
_WIDE = widgets.Layout(width="95%")


def _note(text: str, colour: str = "#1f6feb") -> str:
    return f'<div style="border-left: 4px solid {colour}; padding: 0.3em 0.8em; line-height: 1.4">{text}</div>'


def _publish(values: dict) -> None:
    """Give the answers to the notebook under their names, for the check cells."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with the course
        return
    shell = get_ipython()
    if shell is not None:
        shell.user_ns.update(values)


class Form:
    """A form whose answers are plain data: ``values`` holds them, and every change is kept."""

    def __init__(self, form: str, folder: str | Path = ".", on_change: Callable[[dict], None] | None = None):
        self.form, self.folder = form, Path(folder)
        self.values: dict = {}
        self.on_change = on_change
        self.status = widgets.HTML(_note(html.escape(_(SAVED_NOTE))))
        self.saved = forms.answers_saved_nearby(form, self.folder) or {}

    def initial(self, name: str, default=None, key: str | None = None):
        value = self.saved.get(name, default)
        if key is not None:
            value = value.get(key, default) if isinstance(value, dict) else default
        return value

    def set(self, name: str, value, key: str | None = None) -> None:
        if key is None:
            self.values[name] = value
        else:
            self.values.setdefault(name, {})[key] = value
        self.keep()

    def keep(self) -> None:
        _publish(self.values)
        try:
            forms.save_answers(self.form, self.values, self.folder)
            self.status.value = _note(html.escape(_(SAVED_NOTE)))
        except OSError as error:
            self.status.value = _note(_("{strong}Your answers could not be kept{end} ({error}). Tell your trainer.").format(
                strong="<b>", end="</b>", error=html.escape(str(error))), "#b35900")
        if self.on_change:
            self.on_change(self.values)

    def choice(self, name: str, label: str, options, key: str | None = None) -> widgets.Widget:
        """Radio buttons; the value kept is the option's value (``[(label, value), ...]`` or values)."""
        options = [(o, o) if isinstance(o, str) else o for o in options]
        start = self.initial(name, "", key)
        picker = widgets.RadioButtons(options=options, value=start if start in [v for _, v in options] else None,
                                      layout=widgets.Layout(width="auto"))
        self._seed(name, picker.value or "", key)
        picker.observe(lambda change: self.set(name, change["new"] or "", key), names="value")
        return widgets.VBox([widgets.HTML(f"<b>{html.escape(label)}</b>"), picker])

    def dropdown(self, name: str, label: str, options, key: str | None = None) -> widgets.Widget:
        options = [(_("(choose)"), "")] + [(o, o) if isinstance(o, str) else o for o in options]
        start = self.initial(name, "", key)
        picker = widgets.Dropdown(options=options, value=start if start in [v for _, v in options] else "",
                                  layout=widgets.Layout(width="auto"))
        self._seed(name, picker.value, key)
        picker.observe(lambda change: self.set(name, change["new"], key), names="value")
        return widgets.HBox([widgets.HTML(f"<b>{html.escape(label)}</b>&nbsp;"), picker])

    def text(self, name: str, label: str, rows: int = 3, key: str | None = None, placeholder: str = "") -> widgets.Widget:
        start = self.initial(name, "", key)
        box = widgets.Textarea(value=start if isinstance(start, str) else "", rows=rows, layout=_WIDE, placeholder=placeholder)
        self._seed(name, box.value, key)
        box.observe(lambda change: self.set(name, change["new"], key), names="value")
        return widgets.VBox([widgets.HTML(f"<b>{html.escape(label)}</b>"), box])

    def many(self, name: str, label: str, options) -> widgets.Widget:
        """Tick boxes; the value kept is the list of ticked values."""
        options = [(o, o) if isinstance(o, str) else o for o in options]
        start = self.initial(name, [])
        start = start if isinstance(start, list) else []
        boxes = []
        for text, value in options:
            box = widgets.Checkbox(value=value in start, description=text, indent=False, layout=_WIDE)
            box.upr_value = value
            boxes.append(box)

        def changed(_change=None):
            self.set(name, [b.upr_value for b in boxes if b.value])

        self._seed(name, [b.upr_value for b in boxes if b.value])
        for box in boxes:
            box.observe(changed, names="value")
        return widgets.VBox([widgets.HTML(f"<b>{html.escape(label)}</b>"), *boxes])

    def _seed(self, name, value, key=None) -> None:
        if key is None:
            self.values[name] = value
        else:
            self.values.setdefault(name, {})[key] = value

    def box(self, parts: list[widgets.Widget]) -> widgets.VBox:
        self.keep()
        box = widgets.VBox([*parts, self.status])
        box.add_class("upr-exercise-form")
        box.form = self
        return box


def _heading(text: str) -> widgets.HTML:
    return widgets.HTML(f"<h4 style='margin: 1em 0 0.3em'>{html.escape(text)}</h4>")


# ------------------------------------------------------------------------------------------
# Exercise 01

ENGAGE_LABELS = [
    (N_("Now: engage with the UPR at this moment"), "now"),
    (N_("Later: at a better moment in the cycle"), "later"),
    (N_("Differently: engage, but in another way (with others, through allies, without exposure)"), "differently"),
    (N_("Not at all: the UPR adds nothing here"), "not at all"),
]


def _shown(options) -> list[tuple[str, str]]:
    """Choices marked with N_ where they are written, as the participant reads them."""
    return [(_(label), value) for label, value in options]
SITUATIONS = ("situation_a", "situation_b", "situation_c")


def engage_form(folder: str | Path = ".") -> widgets.VBox:
    """Exercise 01: for three situations, now, later, differently or not at all, and why."""
    form = Form("01-should-we-engage", folder)
    parts = []
    for key, letter in zip(SITUATIONS, "ABC"):
        parts += [_heading(_("Situation {letter}").format(letter=letter)),
                  form.choice("DECISIONS", _("What should the organisation do in situation {letter}?").format(letter=letter),
                              _shown(ENGAGE_LABELS), key=key),
                  form.text(f"WHY_{letter}", _("Why? (2 or 3 sentences)"), rows=3)]
    return form.box(parts)


# ------------------------------------------------------------------------------------------
# Exercise 02


def months_between(start: dt.date, end: dt.date) -> list[str]:
    """Every month from ``start`` to ``end`` as ``YYYY-MM``."""
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def timeline_form(folder: str | Path = ".", as_of: str | dt.date | None = None, countries: list[str] | None = None) -> widgets.VBox:
    """Exercise 02: choose your country, read its timeline, and choose when to act for each stage."""
    from .. import data
    from ..notebook import grading_date
    from ..timeline import country_timeline

    form = Form("02-timeline", folder)
    names = countries or sorted(data.countries()["name"].astype(str).unique())
    table = widgets.HTML()
    stages = widgets.VBox()

    def show(country: str) -> None:
        if not country:
            table.value, stages.children = _note(html.escape(_("Choose your country above."))), ()
            return
        timeline = country_timeline(country, grading_date(as_of))
        rows = "".join(
            f"<tr><td>{html.escape(stage_name(m.name))}</td><td>{html.escape(when(m.date, m.approximate))}</td>"
            "<td>" + html.escape(_("passed") if m.date < timeline.as_of else _("open")) + "</td></tr>"
            for m in timeline.milestones if m.name in forms.TIMELINE_STAGES)
        heads = "".join(f"<th>{html.escape(h)}</th>" for h in (_("stage"), _("date"), _("today")))
        table.value = ("<p>" + _("{country}: next review in session {session}, {month}. Dates marked 'about' are estimates: "
                                 "check OHCHR's calendar.").format(
                           country=f"<b>{html.escape(data.local_state_names(timeline.country))}</b>", session=timeline.next_review.session,
                           month=html.escape(month_text(timeline.next_review.start_date)))
                       + f"</p><table class='upr-timeline'><tr>{heads}</tr>{rows}</table>")
        parts = []
        for milestone in timeline.milestones:
            if milestone.name not in forms.TIMELINE_STAGES:
                continue
            first = min(timeline.as_of, milestone.date)
            months = [(month_text(dt.date(int(m[:4]), int(m[5:]), 1)), m)
                      for m in months_between(first, forms_add_months(milestone.date, 6))]
            options = [(_("This date has passed: skip it"), forms.SKIP), *months]
            label = _("{stage} ({month}): act in").format(stage=stage_name(milestone.name), month=month_text(milestone.date))
            parts.append(form.dropdown("WHEN", label, options, key=milestone.name))
        stages.children = parts
        form.keep()

    picker = form.dropdown("COUNTRY", _("Your country:"), names)
    picker.children[1].observe(lambda change: show(change["new"]), names="value")
    show(form.values.get("COUNTRY", ""))
    return form.box([picker, table, _heading(_("When will you act?")), stages,
                     form.text("FOCUS", _("Which stage will you put most effort into, and why? (3 to 5 sentences)"), rows=4)])


#: The stages of exercise 02, as the participant reads them.
STAGE_NAMES = {"stakeholder_report": N_("stakeholder report"), "pre_session": N_("pre-session"), "review": N_("review"),
               "responses": N_("responses"), "mid_term_report": N_("mid-term report")}


def stage_name(name: str) -> str:
    return _(STAGE_NAMES[name]) if name in STAGE_NAMES else name.replace("_", " ")


def when(day: dt.date, approximate: bool) -> str:
    """'about May 2029' for an estimated date, 'May 2029' otherwise, in the participant's language."""
    return _("about {month}").format(month=month_text(day)) if approximate else month_text(day)


def forms_add_months(day: dt.date, months: int) -> dt.date:
    from ..timeline import add_months

    return add_months(day, months)


# ------------------------------------------------------------------------------------------
# Exercise 03


def recommendation_label(row) -> str:
    text = str(row["text"])
    short = text[:160] + ("..." if len(text) > 160 else "")
    from .. import data

    return _("{id} ({state}, session {session}): {text}").format(id=row["id"], state=data.local_state_names(str(row["recommending_state"])),
                                                                  session=row["session"], text=short)


def search_words(wanted: str) -> list[str]:
    """The words typed, and the same words put in English: the recommendations in the data are
    in English, so "tortura policía" also looks for "torture police" (the matcher's glossaries)."""
    from ..match.glossary import GLOSSARY_LANGUAGES, translate

    words = dict.fromkeys(w for w in re.findall(r"[^\W\d_]+", wanted.lower()) if len(w) > 2)
    for language in GLOSSARY_LANGUAGES:
        words.update(dict.fromkeys(w for w in re.findall(r"[^\W\d_]+", translate(wanted, language).lower()) if len(w) > 2))
    return list(words)


def search_pattern(wanted: str) -> str:
    """A case-blind pattern for recommendations holding any of the words, from the start of a word."""
    words = search_words(wanted)
    return r"(?i)\b(?:" + "|".join(re.escape(w) for w in words) + ")" if words else r"(?!)"


def recommendations_form(folder: str | Path = ".", limit: int = 25) -> widgets.VBox:
    """Exercise 03: your goal, a search in your country's recommendations, and the ones that fit."""
    from .. import data

    form = Form("03-reading-recommendations", folder)
    recs = data.recommendations()
    names = sorted(recs["sur"].astype(str).unique())
    results = widgets.VBox()
    words = widgets.Text(value=form.initial("SEARCH", ""), placeholder=_("a few words: torture, police, custody"),
                         layout=widgets.Layout(width="60%"))

    def search(_change=None) -> None:
        country, wanted = form.values.get("COUNTRY", ""), words.value.strip().lower()
        form.values["SEARCH"] = words.value
        chosen = form.values.get("CHOSEN", []) or []
        rows = recs[recs["sur"] == country] if country else recs.iloc[0:0]
        if wanted:
            rows = rows[rows["text"].str.contains(search_pattern(wanted), regex=True)]
        rows = rows.drop_duplicates("id")
        shown = list(rows.head(limit).itertuples(index=False))
        keep = recs[recs["id"].isin(chosen)].drop_duplicates("id")
        options = [(recommendation_label(r._asdict()), r.id) for r in shown]
        options += [(recommendation_label(r._asdict()), r.id) for r in keep.itertuples(index=False) if r.id not in {o[1] for o in options}]
        if len(rows) > limit:
            found = _("{count} recommendations found; the first {limit} are shown. Tick those that fit your goal "
                      "(3 to 5).").format(count=len(rows), limit=limit)
        else:
            found = ngettext("{count} recommendation found. Tick those that fit your goal (3 to 5).",
                             "{count} recommendations found. Tick those that fit your goal (3 to 5).",
                             len(rows)).format(count=len(rows))
        count = widgets.HTML(f"<p>{html.escape(found)}</p>")
        form.saved = {**form.saved, "CHOSEN": chosen}
        results.children = [count, form.many("CHOSEN", _("Recommendations that fit my goal"), options)]
        form.keep()

    country = form.dropdown("COUNTRY", _("Your country:"), names)
    country.children[1].observe(search, names="value")
    words.observe(search, names="value")
    search()
    return form.box([form.text("GOAL", _("Your advocacy goal at home, in one sentence"), rows=2), country,
                     widgets.HBox([widgets.HTML("<b>" + html.escape(_("Search the recommendations for:")) + "</b>&nbsp;"), words]),
                     results,
                     form.text("BEST", _("Which of them is the most useful for your goal, and why? (3 to 5 sentences)"), rows=4)])


# ------------------------------------------------------------------------------------------
# Exercise 04

TACTIC_LABELS = [(N_("Push its implementation (it was supported)"), "push"),
                 (N_("Expose and contest the refusal (it was noted)"), "expose")]
RESPONSE_LABELS = [(N_("Supported"), "Supported"), (N_("Noted"), "Noted")]


def tactics_form(ids: list[str], folder: str | Path = ".") -> widgets.VBox:
    """Exercise 04: for each recommendation (its response hidden), the response you found, a tactic and one sentence."""
    from .. import data

    form = Form("04-supported-or-noted", folder)
    recs = data.recommendations().drop_duplicates("id").set_index("id")
    parts = []
    for rec_id in ids:
        rec = recs.loc[rec_id]
        parts += [_heading(rec_id),
                  widgets.HTML("<p>" + html.escape(_("{state} to {country}:").format(
                      state=data.local_state_names(rec["recommending_state"]), country=data.local_state_names(rec["sur"])))
                  + f" <i>{html.escape(str(rec['text']))}</i></p>"),
                  form.choice("RESPONSES", _("The Government's response, as you found it:"), _shown(RESPONSE_LABELS), key=rec_id),
                  form.choice("TACTICS", _("Your tactic:"), _shown(TACTIC_LABELS), key=rec_id),
                  form.text("SENTENCES", _("One sentence: what you will do with it at home"), rows=2, key=rec_id)]
    return form.box(parts)


def response_lookup() -> widgets.VBox:
    """Type a recommendation's id, see the Government's response (as the lesson 05 explorer does)."""
    from .. import data

    recs = data.recommendations().drop_duplicates("id").set_index("id")
    box = widgets.Text(placeholder=_("for example KEN-S21-064"), description=_("Id:"))
    shown = widgets.HTML()

    def look(_change=None):
        rec_id = box.value.strip().upper()
        if rec_id in recs.index:
            rec = recs.loc[rec_id]
            from ..summaries import response_word

            answer = response_word(str(rec["response"])) if rec["response"] else _("no response recorded")
            shown.value = _note(f"<b>{html.escape(rec_id)}</b>: " + html.escape(_("{response}. Source: {source}.").format(
                response=answer, source=rec["source"])))
        else:
            text = _("Type an id from the list above.") if not rec_id else _("No recommendation {id}.").format(id=rec_id)
            shown.value = _note(html.escape(text), "#6e7781")

    box.observe(look, names="value")
    look()
    return widgets.VBox([box, shown])


# ------------------------------------------------------------------------------------------
# Exercise 06


def checks_html(checks: list[forms.Check]) -> str:
    items = "".join(f"<li>{'&#10004; ' if c.ok else '&#9998; '}{html.escape(forms.check_name(c.name))}"
                    f"{'' if c.ok else ': ' + html.escape(c.advice)}</li>" for c in checks)
    done = sum(c.ok for c in checks)
    passed = ngettext("{done} of {count} check passes.", "{done} of {count} checks pass.", len(checks)).format(
        done=done, count=len(checks))
    return _note(f"<b>{html.escape(passed)}</b><ul style='margin: 0.2em 0'>{items}</ul>",
                 "#1a7f37" if done == len(checks) else "#b35900")


def recommendation_form(folder: str | Path = ".") -> widgets.VBox:
    """Exercise 06: draft one recommendation for a stakeholder report, with feedback as you write."""
    feedback = widgets.HTML()
    form = Form("06-draft-a-recommendation", folder,
                on_change=lambda values: setattr(feedback, "value", checks_html(forms.recommendation_checks(values.get("RECOMMENDATION")))))
    return form.box([
        form.text("ISSUE", _("Your issue, in a few words"), rows=1),
        form.text("RECOMMENDATION", _("Your recommendation, addressed to the State under review"), rows=4,
                  placeholder=_("Adopt, by ..., a law that ...")),
        feedback,
        form.text("EVIDENCE", _("The evidence in your report behind it (2 or 3 sentences)"), rows=3),
    ])


# ------------------------------------------------------------------------------------------
# Exercise 07


def factsheet_html(values: dict) -> str:
    """The factsheet as one printable page (plain HTML, no script, nothing from the internet)."""
    def part(name: str, title: str) -> str:
        text = html.escape(str(values.get(name, "") or "")).replace("\n", "<br>")
        return (f"<h3 style='margin:0.6em 0 0.2em;font-size:1.05em'>{html.escape(title)}</h3>"
                f"<p style='margin:0'>{text}</p>")

    return ("<div class='upr-factsheet' style='max-width:42em;border:1px solid #bbb;padding:1em 1.5em;font-family:serif'>"
            f"<h2 style='margin-top:0'>{html.escape(str(values.get('TITLE', '') or _('Factsheet')))}</h2>"
            + part("WHO_WE_ARE", _("Who we are")) + part("PROBLEM", _("The problem"))
            + part("PROMISES", _("What the State said at its review"))
            + part("ASK", _("Our ask")) + part("CONTACT", _("Contact")) + "</div>")


def factsheet_form(folder: str | Path = ".") -> widgets.VBox:
    """Exercise 07: a one-page factsheet for an embassy briefing, with a preview and a file to print."""
    feedback, preview, saved = widgets.HTML(), widgets.HTML(), widgets.HTML()

    def refresh(values: dict) -> None:
        sheet = values.get("FACTSHEET", {})
        feedback.value = checks_html(forms.factsheet_checks(sheet))
        preview.value = factsheet_html(sheet)

    form = Form("07-embassy-factsheet", folder, on_change=refresh)
    fields = [form.text("FACTSHEET", _(label), rows=1 if name == "TITLE" else 3, key=name) for name, label in forms.FACTSHEET_FIELDS]
    button = widgets.Button(description=_("Save as a page to print"), icon="print")

    def save(_button=None) -> None:
        path = Path(folder) / "my-factsheet.html"
        try:
            path.write_text(
                f"<!doctype html><meta charset='utf-8'><title>{html.escape(_('Factsheet'))}</title>"
                f"{factsheet_html(form.values.get('FACTSHEET', {}))}", encoding="utf-8"
            )
            saved.value = _note(_("Saved: {file}, next to this notebook. Open it in a browser and print it.").format(
                file=f"<code>{html.escape(path.name)}</code>"))
        except OSError as error:
            saved.value = _note(html.escape(_("Not saved: {error}").format(error=error)), "#b35900")

    button.on_click(save)
    return form.box([*fields, feedback, _heading(_("Preview")), preview, button, saved])


# ------------------------------------------------------------------------------------------
# The workshop's assessment (before and after)


def assessment_form(when: str, folder: str | Path = ".") -> widgets.VBox:
    """The ten questions of the workshop's assessment; ``when`` is ``"pre"`` or ``"post"`` (kept apart)."""
    form = Form(f"assessment-{when}", folder)
    parts = []
    for number, (qid, prompt, options) in enumerate(forms.ASSESSMENT_QUESTIONS, start=1):
        parts.append(form.choice("ANSWERS", f"{number}. {_(prompt)}", _shown(options), key=qid))
    return form.box(parts)


# ------------------------------------------------------------------------------------------
# Exercise 05, the capstone: the plan from lesson 09's plan builder


def plan_folders(folder: str | Path = ".") -> list[Path]:
    """Where lesson 09 saves plans, seen from an exercise: next to it, and in the course's ``course/my-plans``."""
    from ..paths import REPO_ROOT

    here = Path(folder).resolve()
    found = [here / "my-plans", here.parent.parent / "course" / "my-plans", REPO_ROOT / "course" / "my-plans"]
    unique: list[Path] = []
    for path in found:
        if path not in unique:
            unique.append(path)
    return unique


def plan_picker(folder: str | Path = ".", as_of: str | dt.date | None = None) -> widgets.VBox:
    """The capstone: choose the plan saved with lesson 09's builder (or open a file), check it, export it."""
    from .. import plan_files
    from ..notebook import check_plan
    from .plan_builder import preview_html

    form = Form("05-capstone-action-plan", folder)
    files = {f"{p.name} ({p.parent.parent.name}/{p.parent.name})": p for base in plan_folders(folder) for p in plan_files.saved_plans(base)}
    options = [(_("(choose your plan)"), "")] + [(label, str(path)) for label, path in files.items()]
    picker = widgets.Dropdown(options=options, layout=widgets.Layout(width="auto"))
    upload = widgets.FileUpload(accept=".yaml,.yml,.txt", multiple=False, description=_("Open a plan file"),
                                layout=widgets.Layout(width="auto"))
    shown, report, exported = widgets.HTML(), widgets.Output(), widgets.HTML()

    def use(text: str, where: str) -> None:
        form.values["PLAN"] = text
        form.values["PLAN_FROM"] = where
        form.keep()
        shown.value = _note(_("Your plan, from {file}. It is kept with this notebook.").format(
            file=f"<code>{html.escape(where)}</code>")) + preview_html(text, 260)
        report.clear_output()
        with report:
            check_plan(text, as_of=as_of)

    def picked(change) -> None:
        if change["new"]:
            path = Path(change["new"])
            use(path.read_text(encoding="utf-8"), path.name)

    def uploaded(change) -> None:
        for item in change["new"] or ():
            content = item["content"] if isinstance(item, dict) else item.content
            use(bytes(content).decode("utf-8", errors="replace"), item["name"] if isinstance(item, dict) else item.name)

    def export(to: str) -> None:
        text = form.values.get("PLAN", "")
        if not text:
            exported.value = _note(html.escape(_("Choose your plan first.")), "#b35900")
            return
        try:
            path = plan_files.export_plan(text, Path(folder) / "my-plans", form.values.get("PLAN_FROM", "my-plan").rsplit(".", 1)[0], to)
            exported.value = _note(_("Saved: {file}, on this computer only.").format(
                file=f"<code>my-plans/{html.escape(path.name)}</code>"))
        except Exception as error:  # noqa: BLE001 - say it plainly, whatever it is
            exported.value = _note(html.escape(_("Not exported: {error} Fix the plan in lesson 09 first.").format(error=error)),
                                   "#b35900")

    picker.observe(picked, names="value")
    upload.observe(uploaded, names="value")
    buttons = []
    for to, label in (("docx", _("Export: Word")), ("html", _("Export: Web page")), ("md", _("Export: Text"))):
        button = widgets.Button(description=label, icon="download")
        button.on_click(lambda _b, to=to: export(to))
        buttons.append(button)
    if form.saved.get("PLAN"):
        form.values.update({k: form.saved[k] for k in ("PLAN", "PLAN_FROM") if k in form.saved})
        use(form.saved["PLAN"], form.saved.get("PLAN_FROM", _("your saved answers")))
    elif not files:
        shown.value = _note(_("No saved plan was found. Open lesson 09, build your plan, and click {save}; then run this "
                              "cell again. Or open a plan file with the button.").format(save="<b>" + html.escape(_("Save")) + "</b>"),
                            "#b35900")
    box = form.box([widgets.HBox([widgets.HTML("<b>" + html.escape(_("Your plan:")) + "</b>&nbsp;"), picker, upload]), shown, report,
                    widgets.HBox(buttons), exported])
    box.picker, box.upload = picker, upload
    return box
