"""The match explorer for the lessons: a country, a goal in your own words, filters, and the
recommendations that fit, with the response and the recommending State(s).

A face over :func:`upr_course.match.match` only::

    from upr_course.widgets.match_explorer import match_explorer
    match_explorer("Nepal", "end discrimination against Dalits")

Results are an ``ipywidgets.HTML`` table (``box.results``) so tests can read them back
without a browser; the form's parts are attributes: ``box.controls`` (a dict) and
``box.search`` (the function the Find button calls). Bad input shows its plain sentence.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from .. import data
from ..errors import UserError
from ..match import match

ANY = "any"


def results_html(result: pd.DataFrame, goal: str) -> str:
    """The result as a small HTML table (escaped): rank, id (to copy into a plan), score, cycle,
    response, State(s), text."""
    if result.empty:
        return f"<p>No recommendation matches these filters for <i>{html.escape(goal)}</i>.</p>"  # the caller adds the note
    country = html.escape(str(result["country"].iloc[0]))
    rows = []
    for row in result.itertuples(index=False):
        colour = {"Supported": "#1a7f37", "Noted": "#b35900"}.get(str(row.response), "#555555")  # Pending: grey
        rows.append(
            "<tr>"
            f"<td>{row.rank}</td><td><code>{html.escape(str(row.id))}</code></td><td>{row.score:.2f}</td><td>{row.cycle} / {row.session}</td>"
            f'<td style="color:{colour}">{html.escape(str(row.response))}</td>'
            f"<td>{html.escape(row.recommending_state)}</td>"
            f'<td style="text-align:left">{html.escape(row.text)}</td>'
            "</tr>"
        )
    head = "<tr><th>#</th><th>id</th><th>score</th><th>cycle / session</th><th>response</th><th>recommended by</th><th>recommendation</th></tr>"
    from ..coverage import missing_reviews_note

    note = missing_reviews_note(str(result["country"].iloc[0]))
    return (
        f"<p>Recommendations to <b>{country}</b> for <i>{html.escape(goal)}</i>, best first:</p>"
        f'<table style="border-collapse: collapse; line-height: 1.35">{head}{"".join(rows)}</table>'
        + (f'<p style="color:#8a4b00"><b>Note:</b> {html.escape(note)}</p>' if note else "")
    )


def error_html(message: str) -> str:
    return f'<div style="border-left: 4px solid #b35900; padding: 0.3em 0.8em">{html.escape(message)}</div>'


def match_explorer(country: str = "Kenya", goal: str = "end torture in police custody", top: int = 10) -> widgets.VBox:
    """A form: country, goal, response, cycle, issue, recommending State, how many; Find."""
    issue_names = data.issues()["issue"].tolist()
    controls = {
        "country": widgets.Text(value=country, description="Country"),
        "goal": widgets.Textarea(value=goal, description="Your goal", layout=widgets.Layout(width="60%")),
        "response": widgets.Dropdown(options=[("any response", ANY), ("supported", "supported"), ("noted", "noted"), ("pending (no answer yet)", "pending")], value=ANY, description="Response"),
        "cycle": widgets.Dropdown(options=[("any cycle", ANY), ("cycle 1", 1), ("cycle 2", 2), ("cycle 3", 3), ("cycle 4", 4)], value=ANY, description="Cycle"),
        "issue": widgets.Dropdown(options=[("any issue", ANY)] + [(n, n) for n in issue_names], value=ANY, description="Issue"),
        "recommending_state": widgets.Text(value="", description="By State", placeholder="any State"),
        "top": widgets.IntSlider(value=top, min=1, max=50, description="How many"),
    }
    button = widgets.Button(description="Find", button_style="primary", tooltip="Find the recommendations that fit your goal")
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
            return
        results.value = results_html(result, controls["goal"].value)
        if result.empty:
            from ..coverage import missing_reviews_note
            from ..data import find_country

            note = missing_reviews_note(find_country(controls["country"].value).iso3)
            if note:
                results.value += f'<p style="color:#8a4b00"><b>Note:</b> {html.escape(note)}</p>'

    button.on_click(search)
    filters = widgets.HBox([controls["response"], controls["cycle"], controls["issue"]])
    box = widgets.VBox([controls["country"], controls["goal"], filters, widgets.HBox([controls["recommending_state"], controls["top"]]), button, results])
    box.add_class("upr-match-explorer")
    box.controls, box.button, box.results, box.search = controls, button, results, search
    search()
    return box
