"""The match explorer for the lessons: a country, a goal in your own words, filters, and the
recommendations that fit, with the response and the recommending State(s).

A face over :func:`upr_course.match.match` only::

    from upr_course.widgets.match_explorer import match_explorer
    match_explorer("Nepal", "end discrimination against Dalits")

Results are an ``ipywidgets.HTML`` table (``box.results``) so tests can read them back
without a browser; the form's parts are attributes: ``box.controls`` (a dict) and
``box.search`` (the function the Find button calls). Bad input shows its plain sentence.

Lesson 04 shows two more views of each search under the form: the ids to copy
(:func:`ids_view`) and the States that raised the goal (:func:`allies_view`). Both follow
the form: every search (the Find button) draws them again, so they never show the country
or goal of an earlier search.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from .. import data, plots, summaries
from ..errors import UserError
from ..i18n import N_
from ..i18n import gettext as _
from ..match import allies, few_message, match, other_language_message, read_as_message, unread_message
from ..issue_names import labelled_issues
from .explorers import _TABLE_CSS, fit_width, headings, note_html, png, table_html

ANY = "any"


def results_html(result: pd.DataFrame, goal: str) -> str:
    """The result as a small HTML table (escaped): rank, id (to copy into a plan), score, cycle,
    response, State(s), text."""
    if result.empty:
        # the caller adds the note
        return "<p>" + _("No recommendation matches these filters for {goal}.").format(
            goal=f"<i>{html.escape(goal)}</i>") + "</p>"
    country = html.escape(data.local_state_names(str(result["country"].iloc[0])))
    rows = []
    for row in result.itertuples(index=False):
        colour = {"Supported": "#1a7f37", "Noted": "#b35900"}.get(str(row.response), "#555555")  # Pending: grey
        rows.append(
            "<tr>"
            f'<td class="upr-col-number">{row.rank}</td><td class="upr-col-id"><code>{html.escape(str(row.id))}</code></td>'
            f'<td class="upr-col-number">{row.score:.2f}</td><td class="upr-col-other">{row.cycle} / {row.session}</td>'
            f'<td class="upr-col-other" style="color:{colour}">{html.escape(summaries.response_word(str(row.response)))}</td>'
            f'<td class="upr-col-other">{html.escape(data.local_state_names(row.recommending_state))}</td>'
            f'<td class="upr-col-text">{html.escape(row.text)}</td>'
            "</tr>"
        )
    names = ["#", _("id"), _("score"), _("cycle / session"), _("response"), _("recommended by"), _("recommendation")]
    head = "<thead><tr>" + "".join(f"<th>{html.escape(name)}</th>" for name in names) + "</tr></thead>"
    from ..coverage import missing_reviews_note

    note = missing_reviews_note(str(result["country"].iloc[0]))
    other = other_language_message(result)
    few = few_message(result)
    unread = unread_message(result)
    read = read_as_message(result)
    return (
        _TABLE_CSS + "<p>" + _("Recommendations to {country} for {goal}, best first:").format(
            country=f"<b>{country}</b>", goal=f"<i>{html.escape(goal)}</i>") + "</p>"
        + f'<div class="upr-table"><table class="upr-table-body">{head}<tbody>{"".join(rows)}</tbody></table></div>'
        + (f"<p><b>{html.escape(other)}</b></p>" if other else "")
        + (f"<p><b>{html.escape(few)}</b></p>" if few else "")
        + (f"<p>{html.escape(read)}</p>" if read else "")
        + (f"<p>{html.escape(unread)}</p>" if unread else "")
        + (_note_html(note) if note else "")
    )


def _note_html(note: str) -> str:
    return '<p style="color:#8a4b00"><b>' + html.escape(_("Note:")) + f"</b> {html.escape(note)}</p>"


def error_html(message: str) -> str:
    return f'<div style="border-left: 4px solid #b35900; padding: 0.3em 0.8em">{html.escape(message)}</div>'


def match_explorer(country: str = "Kenya", goal: str = "end torture in police custody", top: int = 10) -> widgets.VBox:
    """A form: country, goal, response, cycle, issue, recommending State, how many; Find."""
    issue_names = data.issues()["issue"].tolist()
    controls = {
        "country": widgets.Text(value=country, description=_("Country")),
        "goal": widgets.Textarea(value=goal, description=_("Your goal"), layout=widgets.Layout(width="60%")),
        "response": widgets.Dropdown(
            options=[(_("any response"), ANY), (_("supported"), "supported"), (_("noted"), "noted"),
                     (_("pending (no answer yet)"), "pending")],
            value=ANY,
            description=_("Response"),
        ),
        "cycle": widgets.Dropdown(options=[(_("any cycle"), ANY), *[(_("cycle {cycle}").format(cycle=c), c) for c in (1, 2, 3, 4)]],
                                  value=ANY, description=_("Cycle")),
        "issue": widgets.Dropdown(
            options=[(_("any issue"), ANY)] + labelled_issues(issue_names),
            value=ANY,
            description=_("Issue"),
            layout=widgets.Layout(width=fit_width(_("Issue"), issue_names), max_width="100%"),
        ),
        "recommending_state": widgets.Text(value="", description=_("By State"), placeholder=_("any State")),
        "top": widgets.IntSlider(value=top, min=1, max=50, description=_("How many")),
    }
    button = widgets.Button(description=_("Find"), button_style="primary",
                            tooltip=_("Find the recommendations that fit your goal"))
    results = widgets.HTML()

    def value(name):
        v = controls[name].value
        return None if v == ANY or (isinstance(v, str) and not v.strip()) else v

    def search(_button=None) -> None:
        try:
            result = match(
                controls["country"].value, controls["goal"].value, response=value("response"), cycle=value("cycle"),
                issue=value("issue"), recommending_state=value("recommending_state"), top=controls["top"].value,
            )
        except UserError as error:
            results.value = error_html(str(error))
            box.last_result = None
            return
        results.value = results_html(result, controls["goal"].value)
        box.last_result = result
        if result.empty:
            from ..coverage import missing_reviews_note
            from ..data import find_country

            note = missing_reviews_note(find_country(controls["country"].value).iso3)
            if note:
                results.value += _note_html(note)

    listeners = []

    def search_and_tell(_button=None) -> None:
        search()
        for listener in listeners:
            listener(box)

    button.on_click(search_and_tell)
    filters = widgets.HBox([controls["response"], controls["cycle"], controls["issue"]],
                           layout=widgets.Layout(flex_flow="row wrap"))
    box = widgets.VBox([controls["country"], controls["goal"], filters, widgets.HBox([controls["recommending_state"], controls["top"]]), button, results])
    box.add_class("upr-match-explorer")
    box.last_result = None
    box.controls, box.button, box.results, box.search = controls, button, results, search_and_tell
    box.listeners = listeners
    box.query = lambda: summaries.match_query({name: control.value for name, control in controls.items()})
    search()
    return box


COPY_COLUMNS = {"rank": "#", "id": N_("Id to copy"), "response": N_("Answer"), "from": N_("Recommended by"),
                "category": N_("Action category"), "recommendation": N_("Recommendation"),
                "other_ids": N_("Same recommendation, other States' ids")}
BRIEF_COLUMNS = {"state": N_("State"), "regional_group": N_("Regional group"), "recommendations": N_("Recommendations"),
                 "supported": N_("Supported"), "noted": N_("Noted"), "cycles": N_("Cycles"), "last_answer": N_("Latest answer"),
                 "example": N_("Its recommendation closest to your goal")}


def _follow(finder: widgets.VBox, draw) -> None:
    """Draw now, and again after each search of the finder."""
    finder.listeners.append(lambda _finder: draw())
    draw()


def ids_view(finder: widgets.VBox) -> widgets.HTML:
    """The finder's recommendations as a table of ids to copy into a plan; follows each search."""
    view = widgets.HTML()
    view.add_class("upr-ids-to-copy")

    def draw() -> None:
        query = finder.query()
        found = finder.last_result
        if found is None:  # the search failed: the form says why
            view.value = error_html(_("No search yet: fix what the form above says, then click Find."))
            return
        where = f"{html.escape(str(query['country']))}, <i>{html.escape(str(query['goal']))}</i>"
        view.value = (_TABLE_CSS + '<p class="upr-note">' + _("Ids to copy for {where}:").format(where=where) + "</p>"
                      + table_html(summaries.ids_to_copy(found), headings(COPY_COLUMNS), max_height=480))

    _follow(finder, draw)
    return view


def allies_view(finder: widgets.VBox) -> widgets.VBox:
    """The States that raised the finder's goal: a picture and a table to brief from; follows each search."""
    image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%", height="auto"))
    text = widgets.HTML()

    def draw() -> None:
        query = finder.query()
        try:
            country = data.find_country(query["country"]).name
            friends = summaries.allies_table(allies(country, goal=query["goal"]))
        except UserError as error:
            image.layout.display = "none"
            text.value = error_html(str(error))
            return
        where = f'{country}, "{query["goal"]}"'
        image.value = png(plots.recommending_states_figure(
            friends, _("{country}: which States raised your goal").format(country=data.local_state_names(str(country)))))
        image.layout.display = None
        text.value = (_TABLE_CSS + note_html(summaries.states_sentence(friends, where))
                      + table_html(friends, headings(BRIEF_COLUMNS)))

    box = widgets.VBox([image, text])
    box.add_class("upr-allies")
    box.image, box.text, box.redraw = image, text, draw
    _follow(finder, draw)
    return box
