"""Explorers for lessons 02, 03, 05, 06 and 08: dropdowns that redraw a picture and a table.

Each explorer is a small form: one to three dropdowns (country, cycle, issue), a picture
(``upr_course.plots``) and a short text with a table (``upr_course.summaries``). It draws
itself once when it is built, with sensible defaults, so the cell shows something useful
before anyone clicks; every change of a dropdown draws it again.

The picture is a PNG in an ``ipywidgets.Image`` and the text is an ``ipywidgets.HTML``,
rather than an ``Output`` widget: their values can be read back, so the tests check
without a browser or a kernel that a change of country really redraws them. For the
same reason each explorer keeps its parts as attributes: ``box.controls`` (a dict of the
dropdowns), ``box.image``, ``box.text`` and ``box.redraw``.

Nothing is sent anywhere. The scorecard explorer writes a file only when its Save button
is clicked, into a folder next to the notebook, and says where.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
from matplotlib.figure import Figure

from .. import data, plots, summaries
from ..errors import UserError
from ..issue_names import issue_label, labelled_issues
from ..i18n import N_, ngettext
from ..i18n import gettext as _
from ..timeline import country_timeline, stage_windows

ALL = "ALL"  # the value of the "All States" / "All issues" / "All cycles" choices
DPI = 90
SAVE_FOLDER = "my-scorecards"

CYCLES = {
    1: N_("Cycle 1 (2008-2011)"),
    2: N_("Cycle 2 (2012-2016)"),
    3: N_("Cycle 3 (2017-2022; some States only)"),
    4: N_("Cycle 4 (2022-2027; some States only)"),
}

#: The course's tables. JupyterLab right-aligns every cell of HTML output with a rule of higher
#: precedence (``:not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td``), so these rules are
#: written to win: ``.upr-table .upr-table-body td`` and ``!important`` for the alignment.
#: Ids (``KEN-S21-194``) never wrap; long texts wrap and read from the left.
_TABLE_CSS = (
    "<style>"
    ".upr-table .upr-table-body {border-collapse: collapse; font-size: 14px; line-height: 1.35; table-layout: auto}"
    ".upr-table .upr-table-body th {text-align: left !important; background: #f0f0f0; padding: 4px 8px;"
    " position: sticky; top: 0; white-space: nowrap}"
    ".upr-table .upr-table-body td {text-align: left !important; vertical-align: top; padding: 4px 8px;"
    " border-top: 1px solid #ddd; white-space: normal; max-width: none}"
    ".upr-table .upr-table-body td.upr-col-id, .upr-table .upr-table-body td.upr-col-number"
    " {white-space: nowrap}"
    ".upr-table .upr-table-body td.upr-col-number {text-align: right !important}"
    ".upr-table .upr-table-body td.upr-col-text {min-width: 22em}"
    ".upr-note {font-size: 15px; line-height: 1.45; max-width: 60em}"
    "</style>"
)
#: Columns whose values are ids (one line each), and columns of long text (read from the left).
ID_COLUMNS = {"id", "ids"}  # a list of ids ("other_ids") may wrap between ids
TEXT_COLUMNS = {"recommendation", "text", "example", "what"}


# -- building blocks ---------------------------------------------------------------------


def png(fig: Figure, dpi: int = DPI) -> bytes:
    """The figure as PNG bytes (no pyplot, nothing left open)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def picture(fig: Figure) -> widgets.Image:
    """A figure as a picture widget that fits the page width."""
    return widgets.Image(value=png(fig), format="png", layout=widgets.Layout(max_width="100%", height="auto"))


def coverage_note_html(country: str | None) -> str:
    """The one-line note on a country's reviews missing from the data, as HTML ("" when none)."""
    if not country:
        return ""
    from ..coverage import missing_reviews_note

    note = missing_reviews_note(data.find_country(country).iso3)
    if not note:
        return ""
    return '<p class="upr-note" style="color:#8a4b00"><b>' + html.escape(_("Note:")) + f"</b> {html.escape(note)}</p>"


def note_html(text: str) -> str:
    """A plain sentence as a paragraph (escaped)."""
    return f'<p class="upr-note">{html.escape(text)}</p>'


def table_html(frame: pd.DataFrame, columns: dict[str, str], max_height: int = 360) -> str:
    """Some columns of a table, renamed for people (``{column: heading}``), in a scroll box.

    Each cell has a class for its kind of column: ``upr-col-id`` (ids, on one line),
    ``upr-col-text`` (long texts), ``upr-col-number`` (counts) or ``upr-col-other``.
    """
    if frame.empty:
        return note_html(_("Nothing to list for this choice."))
    kinds = {}
    for column in columns:
        if column in ID_COLUMNS:
            kinds[column] = "id"
        elif column in TEXT_COLUMNS:
            kinds[column] = "text"
        elif pd.api.types.is_numeric_dtype(frame[column]) and not pd.api.types.is_bool_dtype(frame[column]):
            kinds[column] = "number"
        else:
            kinds[column] = "other"
    head = "".join(f'<th class="upr-col-{kinds[c]}">{html.escape(str(h))}</th>' for c, h in columns.items())
    rows = []
    for values in frame[list(columns)].itertuples(index=False):
        cells = "".join(
            f'<td class="upr-col-{kinds[c]}">{html.escape(_cell_text(shown_value(c, v)))}</td>'
            for c, v in zip(columns, values)
        )
        rows.append(f"<tr>{cells}</tr>")
    body = (f'<table class="upr-table-body"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')
    return f'<div class="upr-table" style="max-height: {max_height}px; overflow: auto">{body}</div>'


#: Columns whose values are the data's English words, and what a reader sees for them.
_RESPONSE_COLUMNS = {"response", "answer", "their_answer"}
_VALUE_WORDS = {"where": {"At home": N_("At home"), "Geneva": N_("Geneva"), "Online": N_("Online")},
                "specific": {"yes": N_("yes"), "no": N_("no")},
                "status": {"not checked yet": N_("not checked yet")}}


def shown_value(column: str, value):
    """A cell's value as the participant reads it: the data's English words ("Supported",
    "At home", "yes") in the participant's language; every other value as it is."""
    if isinstance(value, str):
        if column in _RESPONSE_COLUMNS:
            return summaries.response_word(value)
        words = _VALUE_WORDS.get(column, {})
        if value in words:
            return _(words[value])
    return value


def shown_table(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every value a reader sees in words in the participant's language."""
    shown = frame.copy()
    for column in shown.columns:
        if column in _RESPONSE_COLUMNS or column in _VALUE_WORDS:
            shown[column] = shown[column].map(lambda value, column=column: shown_value(column, value))
    return shown


def _cell_text(value) -> str:
    """A table cell's value as text: empty for a missing value, lists joined with commas."""
    if isinstance(value, (list, tuple, set)) or (hasattr(value, "__len__") and not isinstance(value, str)):
        return ", ".join(str(v) for v in value)
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


def state_options(include_all: bool = False) -> list[tuple[str, str]]:
    """(label, value) for every State under Review, A to Z; "All States" first if asked.

    The label is the State's name in the participant's language ("Kenia"), so that typing its
    first letters finds it; the value stays the data's name ("Kenya")."""
    from ..i18n import current_language

    frame = data.countries()
    chosen = frame.loc[frame["is_state_under_review"]]
    local = data.local_names(current_language())
    options = [(local.get(str(iso3), str(name)), str(name)) for iso3, name in zip(chosen["iso3"], chosen["name"])]
    options.sort(key=lambda option: _sort_key(option[0]))
    return [(_("All States"), ALL), *options] if include_all else options


def _sort_key(text: str) -> str:
    """A to Z as a reader expects it: "Égypte" with the E's, not after Z."""
    import unicodedata

    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def issue_options(include_all: bool = True) -> list[tuple[str, str]]:
    """(label, value) for UPR Info's issues, A to Z; "All issues" first if asked."""
    options = labelled_issues(summaries.issue_names())
    return [(_("All issues"), ALL), *options] if include_all else options


def cycle_options(cycles=(1, 2, 3, 4), include_all: bool = True) -> list[tuple[str, object]]:
    """(label, value) for the cycles in the data; "All cycles" first if asked."""
    options = [(_(CYCLES[cycle]), cycle) for cycle in cycles]
    return [(_("All cycles"), ALL), *options] if include_all else options


def _dropdown(label: str, options: list, value) -> widgets.Dropdown:
    """A dropdown; ``label`` is shown translated (mark it with N_ where it is written)."""
    label = _(label)
    values = [option[1] for option in options]
    if value not in values:
        labels = ", ".join(str(option[0]) for option in options[:5])
        raise UserError(_("{value} is not a choice in the list '{label}'. Choices include: {choices}...").format(
            value=repr(value), label=label, choices=labels))
    description = _("{label}:").format(label=label)
    return widgets.Dropdown(
        options=options,
        value=value,
        description=description,
        style={"description_width": "initial"},
        layout=widgets.Layout(width=fit_width(description, options), max_width="100%"),
    )


def fit_width(description: str, options) -> str:
    """A dropdown's width (CSS) that shows its description and its longest choice in full.

    About 0.6 em per character of the 13 px font, plus room for the arrow; never less than
    16 em. Without it, ipywidgets cuts long choices ("Torture and other CID treatmen...")."""
    longest = max((len(str(option[0] if isinstance(option, tuple) else option)) for option in options), default=10)
    return f"{max(16.0, round(0.6 * (len(description) + longest) + 4, 1))}em"


def _country_value(country: str | None, include_all: bool) -> str:
    if country is None or country == ALL:
        if not include_all:
            raise UserError(_("Choose a country, for example 'Kenya'."))
        return ALL
    return data.find_country(country).name


def _chosen(value):
    """None for the "All ..." choice, the value otherwise."""
    return None if value == ALL else value


def _explorer(controls: dict[str, widgets.Dropdown], draw: Callable[[], tuple[Figure, str]], extra=()) -> widgets.VBox:
    """The shared frame: dropdowns on top, then the picture, then the text; redrawn on change."""
    image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%", height="auto"))
    text = widgets.HTML()

    def redraw(_change=None) -> None:
        try:
            fig, body = draw()
        except UserError as error:  # a choice the data cannot answer: say so, never a traceback
            image.layout.display = "none"
            text.value = _TABLE_CSS + note_html(str(error))
            return
        except Exception as error:  # noqa: BLE001 - a bug: say so where the participant looks
            image.layout.display = "none"
            text.value = _TABLE_CSS + note_html(
                _("Something went wrong with this choice ({error}). Choose another one, or restart the kernel and "
                  "run the cells again. Please tell your trainer.").format(error=f"{type(error).__name__}: {error}")
            )
            return
        image.value = png(fig)
        image.layout.display = None
        text.value = _TABLE_CSS + body

    for control in controls.values():
        control.observe(redraw, names="value")
    redraw()
    box = widgets.VBox([widgets.HBox(list(controls.values()), layout=widgets.Layout(flex_flow="row wrap")),
                        image, text, *extra])
    box.add_class("upr-explorer")
    box.controls, box.image, box.text, box.redraw = controls, image, text, redraw
    return box


# -- lesson 02: the cycle and a country's timeline ---------------------------------------


def cycle_picture() -> widgets.Image:
    """Lesson 02's picture of one cycle: years at home, a few hours in Geneva."""
    return picture(plots.cycle_at_home_figure())


def timeline_explorer(country: str = "Kenya", today: date | None = None) -> widgets.VBox:
    """A country's reviews and the dated steps around its next review (lesson 02)."""
    controls = {"country": _dropdown(N_("Country"), state_options(), _country_value(country, False))}

    def draw():
        tl = country_timeline(controls["country"].value, today)
        upcoming = tl.next_review
        if upcoming.projected:
            status = _("{country}. No official date yet: the course projects the next review from the order of "
                       "reviews, {month}. Check OHCHR's calendar.").format(
                country=data.local_state_names(tl.country), month=summaries.format_month(upcoming.start_date, True))
        else:
            status = _("{country}. Next review: session {session}, {date} (the session opens).").format(
                country=data.local_state_names(tl.country), session=upcoming.session,
                date=summaries.format_day(upcoming.start_date, upcoming.start_approximate))
        # A projected review's first note says how it was projected: the sentence above says it already.
        notes = "".join(note_html(note) for note in (upcoming.notes[1:] if upcoming.projected else upcoming.notes))
        body = (
            note_html(status) + notes
            + "<h4>" + html.escape(_("Reviews")) + "</h4>"
            + table_html(summaries.reviews_table(tl), {"cycle": _("Cycle"), "when": _("When"), "status": ""})
            + "<h4>" + html.escape(_("The steps around the next review")) + "</h4>"
            + table_html(summaries.milestone_table(tl), {"when": _("When"), "status": _("Now"), "step": _("Step"),
                                                         "where": _("Where"), "what": _("What happens")})
        )
        return plots.timeline_figure(tl), body

    return _explorer(controls, draw)


# -- lesson 03: before the review -------------------------------------------------------


def preparation_explorer(country: str = "Kenya", today: date | None = None) -> widgets.VBox:
    """When civil society can act before a country's next review, and what is still open (lesson 03)."""
    controls = {"country": _dropdown(N_("Country"), state_options(), _country_value(country, False))}

    def draw():
        day = today or date.today()
        name = controls["country"].value
        tl = country_timeline(name, day)
        prep = summaries.preparation_table(tl, stage_windows(name, day), day)
        deadline = tl.milestone("stakeholder_report").date
        months = round((deadline - day).days / 30.4)
        if deadline < day:
            advice = _("The deadline for stakeholder reports has passed. Other steps may still be open: "
                       "embassies, the pre-session, advance questions.")
        else:
            advice = ngettext("That is about {months} month from today.", "That is about {months} months from today.",
                              months).format(months=months)
        values = {"country": tl.country, "month": summaries.format_month(tl.next_review.start_date, True),
                  "deadline": summaries.format_day(deadline, True)}
        if tl.next_review.projected:
            first = _("{country}: next review {month} (projected). Stakeholder reports are due {deadline}.")
        else:
            first = _("{country}: next review {month}. Stakeholder reports are due {deadline}.")
        body = (
            note_html(f"{first.format(**values)} {advice}")
            + table_html(prep, {"step": _("Step"), "where": _("Where"), "when": _("When (estimated)"), "status": _("Now")})
        )
        return plots.preparation_figure(prep, tl), body

    return _explorer(controls, draw)


# -- lesson 04: a country's latest review ----------------------------------------------------

REVIEW_COLUMNS = {"id": N_("Id"), "from": N_("Recommended by"), "response": N_("Answer"),
                  "category": N_("Action category"), "recommendation": N_("Recommendation")}
ANSWERS = [(N_("All answers"), ALL), (N_("Supported only"), "Supported"), (N_("Noted only"), "Noted"),
           (N_("Pending only (no answer yet)"), "Pending")]


def headings(columns: dict[str, str]) -> dict[str, str]:
    """A table's headings (marked with N_ where they are written) in the participant's language."""
    return {column: _(heading) if heading else "" for column, heading in columns.items()}


def answer_options() -> list[tuple[str, str]]:
    """The response dropdown's choices, in the participant's language."""
    return [(_(label), value) for label, value in ANSWERS]


def review_explorer(country: str = "Kenya") -> widgets.VBox:
    """A country's latest review (or a cycle), by issue and answer: how strong the
    recommendations are (action categories), and the list with ids (lesson 04)."""
    controls = {
        "country": _dropdown(N_("Country"), state_options(), _country_value(country, False)),
        "cycle": _dropdown(N_("Cycle"), [(_("Latest review in the data"), summaries.LATEST), *cycle_options()],
                           summaries.LATEST),
        "issue": _dropdown(N_("Issue"), issue_options(), ALL),
        "response": _dropdown(N_("Response"), answer_options(), ALL),
    }

    def draw():
        name, cycle = controls["country"].value, controls["cycle"].value
        issue, response = controls["issue"].value, controls["response"].value
        table = summaries.action_category_table(name, cycle, issue, response)
        title = _("{review}: how strong are the recommendations?").format(review=summaries.review_label(name, cycle))
        listed = summaries.review_recommendations(name, cycle, issue, response)
        body = (note_html(summaries.review_sentence(name, cycle, issue, response)) + coverage_note_html(name)
                + table_html(listed, headings(REVIEW_COLUMNS)))
        return plots.action_categories_figure(table, title), body

    return _explorer(controls, draw)


# -- lesson 07: the government in the mirror ------------------------------------------------

MIRROR_ABROAD = {"id": N_("Id"), "to": N_("To"), "cycle": N_("Cycle"), "their_answer": N_("Their answer"),
                 "recommendation": N_("Recommendation")}
MIRROR_HOME = {"id": N_("Id"), "from": N_("From"), "cycle": N_("Cycle"), "answer": N_("Answer at home"),
               "recommendation": N_("Recommendation")}


def mirror_explorer(country: str = "Kenya", issue: str = "Detention") -> widgets.VBox:
    """What a government recommended to others on an issue, next to what it answered at home (lesson 07)."""
    from ..match import mirror  # here: the matcher loads its model only when this explorer is used

    controls = {
        "country": _dropdown(N_("Country"), state_options(), _country_value(country, False)),
        "issue": _dropdown(N_("Issue"), issue_options(include_all=False), summaries.check_issue(issue)),
    }

    def draw():
        seen = mirror(controls["country"].value, controls["issue"].value)
        abroad, at_home = summaries.mirror_tables(seen)
        body = (note_html(summaries.mirror_sentence(seen))
                + "<h4>" + html.escape(_("What {country} recommended to other States").format(country=data.local_state_names(seen.country))) + "</h4>"
                + table_html(abroad, headings(MIRROR_ABROAD))
                + "<h4>" + html.escape(_("What other States recommended to {country}").format(country=data.local_state_names(seen.country))) + "</h4>"
                + table_html(at_home, headings(MIRROR_HOME)))
        return plots.mirror_figure(summaries.mirror_by_cycle(seen), seen.country, seen.issue), body

    return _explorer(controls, draw)


# -- lesson 05: supported and noted ----------------------------------------------------------


def _where(country: str | None, cycle: int | None, issue: str | None = None) -> str:
    parts = [country or _("All States"), _("cycle {cycle}").format(cycle=cycle) if cycle else _("all cycles")]
    if issue:
        parts.insert(1, issue)
    return ", ".join(parts)


def studies_picture() -> widgets.Image:
    """Lesson 05's picture of UPR Info's implementation studies."""
    return picture(plots.implementation_studies_figure())


def shares_explorer(
    country: str | None = "Kenya", cycle: int | None = None, issue: str | None = None, top: int = 12
) -> widgets.VBox:
    """Supported and noted shares by issue, for a State (or all) and a cycle (or all) (lesson 05).

    The picture shows the ``top`` most frequent issues, plus "your issue" when one is chosen.
    """
    controls = {
        "country": _dropdown(N_("Country"), state_options(include_all=True), _country_value(country, True)),
        "cycle": _dropdown(N_("Cycle"), cycle_options(), cycle if cycle else ALL),
        "issue": _dropdown(N_("Your issue"), [(_("(none)"), ALL), *issue_options(include_all=False)],
                           summaries.check_issue(issue) if issue else ALL),
    }

    def draw():
        name, chosen_cycle = _chosen(controls["country"].value), _chosen(controls["cycle"].value)
        chosen_issue = _chosen(controls["issue"].value)
        by_issue = summaries.response_shares_by_issue(name, chosen_cycle, top=top, keep=chosen_issue)
        totals = summaries.response_totals(name, chosen_cycle)
        where = _where(name, chosen_cycle)
        title = (_("{where}: how the government answered, by issue") if name
                 else _("{where}: how governments answered, by issue")).format(where=where)
        sentence = summaries.shares_sentence(by_issue, totals, where)
        if chosen_cycle in (3, 4):
            sentence += " " + _("Cycle {cycle} is in the data for some States only, and its recommendations have no UPR "
                                "Info issue labels: 'upr-course data coverage --country NAME' shows which reviews are "
                                "in.").format(cycle=chosen_cycle)
        shown = (" " + _("The picture shows the {top} most frequent issues.").format(top=top)) if len(by_issue) >= top else ""
        if chosen_issue:
            mine = by_issue[by_issue["issue"] == chosen_issue]
            if mine.empty:
                shown += " " + _("Your issue, {issue}: no recommendations for this choice.").format(issue=issue_label(chosen_issue))
            else:
                row = mine.iloc[0]
                shown += " " + _("Your issue, {issue}: {supported} supported and {noted} noted of {total}.").format(
                    issue=issue_label(chosen_issue), supported=int(row["supported"]), noted=int(row["noted"]), total=int(row["total"]))
        figure = plots.shares_by_issue_figure(by_issue, totals, title, highlight=chosen_issue)
        return figure, note_html(sentence + shown) + coverage_note_html(name)

    return _explorer(controls, draw)


# -- lesson 06: who raised your issue ------------------------------------------------------


#: The lessons' default issue for Kenya. Not "Torture and other CID treatment": for Kenya, half of
#: the recommendations under that label are about female genital mutilation, which confuses the
#: running example (torture in police custody). "Detention" holds that example's recommendations.
DEFAULT_ISSUE = "Detention"


def states_explorer(
    country: str = "Kenya", issue: str | None = DEFAULT_ISSUE, cycle: int | None = None
) -> widgets.VBox:
    """Which States recommended a country on an issue, and their words, to quote (lesson 06)."""
    controls = {
        "country": _dropdown(N_("Country"), state_options(), _country_value(country, False)),
        "issue": _dropdown(N_("Issue"), issue_options(), summaries.check_issue(issue) if issue else ALL),
        "cycle": _dropdown(N_("Cycle"), cycle_options(), cycle if cycle else ALL),
    }

    def draw():
        name = controls["country"].value
        chosen_issue, chosen_cycle = _chosen(controls["issue"].value), _chosen(controls["cycle"].value)
        states = summaries.recommending_states(name, chosen_issue, chosen_cycle)
        words = summaries.recommendation_list(name, chosen_issue, chosen_cycle)
        where = _where(name, chosen_cycle, chosen_issue)
        body = (
            note_html(summaries.states_sentence(states, where))
            + coverage_note_html(name)
            + "<h4>" + html.escape(_("What they recommended (to quote, with the source)")) + "</h4>"
            + table_html(words, {"id": _("Id"), "from": _("From"), "cycle": _("Cycle"), "response": _("Answer"),
                                 "recommendation": _("Recommendation")})
        )
        title = _("{where}: which States recommended").format(where=where)
        return plots.recommending_states_figure(states, title), body

    return _explorer(controls, draw)


# -- lesson 08: after the review ----------------------------------------------------------


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def save_checklist(checklist: pd.DataFrame, country: str, cycle: int, issue: str | None, folder: Path) -> Path:
    """Write the checklist as a CSV file (opens in any spreadsheet) and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{_slug(country)}-cycle-{cycle}-{_slug(issue or 'all-issues')}.csv"
    shown_table(checklist).to_csv(path, index=False, encoding="utf-8-sig")  # utf-8-sig: spreadsheets read accents right
    return path


def scorecard_explorer(
    country: str = "Kenya", cycle: int = 1, issue: str | None = DEFAULT_ISSUE
) -> widgets.VBox:
    """A country's promises in one cycle by issue, and a checklist of the supported
    recommendations on one issue to track, with a button to save it (lesson 08)."""
    controls = {
        "country": _dropdown(N_("Country"), state_options(), _country_value(country, False)),
        "cycle": _dropdown(N_("Cycle"), cycle_options((1, 2), include_all=False), int(cycle)),
        "issue": _dropdown(N_("Issue for the checklist"), issue_options(), summaries.check_issue(issue) if issue else ALL),
    }
    save = widgets.Button(description=_("Save the checklist (CSV)"), icon="download", layout=widgets.Layout(width="auto"),
                          tooltip=_("Saves into the folder {folder}").format(folder=SAVE_FOLDER))
    saved = widgets.HTML()

    def checklist() -> pd.DataFrame:
        return summaries.supported_checklist(controls["country"].value, controls["cycle"].value,
                                             _chosen(controls["issue"].value))

    def draw():
        name, chosen_cycle = controls["country"].value, controls["cycle"].value
        scorecard = summaries.implementation_scorecard(name, chosen_cycle)
        items = checklist()
        chosen_issue = _chosen(controls["issue"].value) or _("all issues")
        saved.value = ""
        body = (
            note_html(summaries.scorecard_sentence(scorecard, summaries.supported_checklist(name, chosen_cycle),
                                                   name, chosen_cycle))
            + coverage_note_html(name)
            + "<h4>" + html.escape(_("Checklist: supported recommendations on {issue} ({count})").format(
                issue=issue_label(chosen_issue), count=len(items))) + "</h4>"
            + table_html(items, {"id": _("Id"), "recommendation": _("Recommendation"), "from": _("From"),
                                 "specific": _("Specific action?"), "status": _("Status")})
        )
        title = _("{country}, cycle {cycle}: what the government supported, by issue").format(
            country=data.local_state_names(name), cycle=chosen_cycle)
        return plots.scorecard_figure(scorecard, title), body

    def on_save(_button=None) -> None:
        path = save_checklist(checklist(), controls["country"].value, controls["cycle"].value,
                              _chosen(controls["issue"].value), Path.cwd() / SAVE_FOLDER)
        saved.value = note_html(
            _("Saved: {path} (on this computer only). Open it with a spreadsheet and fill in the Status column with "
              "what you find.").format(path=path.relative_to(Path.cwd()))
        )

    save.on_click(on_save)
    box = _explorer(controls, draw, extra=(save, saved))
    box.save, box.saved = save, saved
    return box
