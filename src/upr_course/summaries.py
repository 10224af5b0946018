"""Small tables for the lessons: who recommended what, how the State answered, what to track.

Pure: DataFrames (and a :class:`~upr_course.timeline.Timeline`) in, DataFrames and
plain sentences out. No IPython, no ipywidgets, no printing, so the lessons, the tests
and any other face get the same numbers. ``upr_course.plots`` draws these tables and
``upr_course.widgets.explorers`` puts them behind dropdowns.

Every function that reads recommendations takes ``recs=None``: the course's data
(``data.recommendations()``) by default, or any frame with the same columns (tests pass
small hand-made frames).

How recommendations are counted
-------------------------------
* **Rows**, as in UPR Info's database and in lessons 00-01: one row per recommendation
  and recommending State. A recommendation made jointly by three States counts three
  times. Used for shares (:func:`response_shares_by_issue`, :func:`response_totals`) and
  for recommending States (:func:`recommending_states`), where each State's voice counts.
* **Recommendations**, as the UN documents count them: rows with the same
  ``joint_group`` are one recommendation. Used for what a State has to *do*
  (:func:`implementation_scorecard`, :func:`supported_checklist`): a joint
  recommendation is one thing to track.
* A recommendation with several issue tags counts once under each of its issues.
  Session 27 (May 2017) has no issue tags in the data: it counts in the totals but under
  no issue.
"""

from __future__ import annotations

import difflib
import re
from datetime import date

import pandas as pd

from . import data
from .errors import UserError
from .i18n import N_, ngettext
from .i18n import gettext as _
from .i18n import formats
from .issue_names import issue_from_label, issue_label
from .stages import stages_in
from .timeline import Timeline

SUPPORTED = "Supported"
NOTED = "Noted"
PENDING = "Pending"  # no answer yet (or not in the sources): never counted as noted

#: Label of the row that counts every recommendation in scope, whatever its issue.
ALL_ISSUES = N_("All recommendations")

#: UPR Info's action category 5 ("specific action": ratify, adopt, amend...).
SPECIFIC_ACTION = 5


#: Milestone or stage name -> (plain name, where it happens). Where: "At home", "Geneva" or
#: "Online"; the point of lesson 02 is how much of the cycle happens at home.
STEPS = {
    "national_consultation": (N_("National consultations on the government's report"), N_("At home")),
    "stakeholder_report": (N_("Stakeholder reports due (NGOs, coalitions, NHRI)"), N_("At home")),
    "national_report": (N_("Government's national report due"), N_("At home")),
    "embassy_briefing": (N_("Briefing embassies of recommending States"), N_("At home")),
    "documents_online": (N_("The three review documents are online"), N_("Online")),
    "pre_session": (N_("UPR Info pre-session (civil society briefs diplomats)"), N_("Geneva")),
    "advance_questions": (N_("Last day for States' advance questions"), N_("Geneva")),
    "review": (N_("The review (Working Group session opens)"), N_("Geneva")),
    "outcome_adoption": (N_("Working Group adopts the report with the recommendations"), N_("Geneva")),
    "responses": (N_("Government answers: supported or noted"), N_("At home")),
    "plenary": (N_("Human Rights Council adopts the outcome (plenary)"), N_("Geneva")),
    "implementation": (N_("Implementation starts"), N_("At home")),
    "mid_term_report": (N_("Mid-term report (voluntary)"), N_("At home")),
}

#: Plain names of the steps before a review, for the windows in :func:`preparation_table`.
PREPARATION_STEPS = {
    "national_consultation": N_("Government's national consultations (if it holds them)"),
    "stakeholder_report": N_("Write and send a stakeholder report"),
    "embassy_briefing": N_("Brief embassies of States that may recommend"),
    "pre_session": N_("UPR Info pre-session in Geneva (date set by UPR Info)"),
    "advance_questions": N_("Suggest advance questions to friendly States"),
}

#: The data's regional-group labels in plain words (the UN's five regional groups, plus observers).
REGIONS = {
    "Africa": N_("African States"),
    "Asia": N_("Asia-Pacific States"),
    "EEG": N_("Eastern European States"),
    "GRULAC": N_("Latin American and Caribbean States"),
    "WEOG": N_("Western European and other States"),
    "Observer": N_("Observer States"),
}

#: The stages before a review in which civil society can act, in order (action-plan stage names).
PREPARATION_STAGES = stages_in("before")


# -- helpers -----------------------------------------------------------------------------


def format_day(day: date, approximate: bool = False) -> str:
    """'28 Feb 2029', or 'about 28 Feb 2029' for an estimated date (no leading zero), in the
    participant's language ('hacia el 28 feb 2029', 'vers le 28 févr. 2029')."""
    text = formats.day(day)
    return _("about {date}").format(date=text) if approximate else text


def format_month(day: date, approximate: bool = False) -> str:
    """'Feb 2029', or 'about Feb 2029'."""
    text = formats.month(day)
    return _("about {month}").format(month=text) if approximate else text


def region_name(label: str) -> str:
    """A regional group in plain words, in the participant's language ("unknown" when not known)."""
    return _(REGIONS[label]) if label in REGIONS else _("unknown")


def response_word(response: str) -> str:
    """What a reader sees for a response in the data ("Supported", "Noted", "Pending"): the
    UN's word in the participant's language. The data keeps its English value."""
    words = {SUPPORTED: N_("Supported"), NOTED: N_("Noted"), PENDING: N_("Pending")}
    return _(words[response]) if response in words else response


def _recs(recs: pd.DataFrame | None) -> pd.DataFrame:
    return data.recommendations() if recs is None else recs


def issue_names() -> list[str]:
    """UPR Info's issue tags, A to Z."""
    return sorted(data.issues()["issue"].astype(str))


def check_issue(issue: str) -> str:
    """The issue tag as the data spells it; UserError with close suggestions otherwise."""
    names = issue_names()
    if issue in names:
        return issue
    by_lower = {name.lower(): name for name in names}
    if isinstance(issue, str) and issue.strip().lower() in by_lower:
        return by_lower[issue.strip().lower()]
    named = issue_from_label(issue) if isinstance(issue, str) else None  # as the reader's lists show it
    if named in names:
        return named
    close = difflib.get_close_matches(str(issue), names, n=3, cutoff=0.5)
    if close:
        raise UserError(_("'{issue}' is not one of UPR Info's issues. Did you mean {names}?").format(
            issue=issue, names=", ".join(repr(name) for name in close)))
    raise UserError(_("'{issue}' is not one of UPR Info's issues.").format(issue=issue))


def has_issue(frame: pd.DataFrame, issue: str) -> pd.Series:
    """True for rows tagged with exactly this issue (tags are joined with '|')."""
    pattern = rf"(?:^|\|){re.escape(issue)}(?:\||$)"
    return frame["issues"].str.contains(pattern, regex=True).fillna(False).astype(bool)


def scope(
    recs: pd.DataFrame | None = None,
    country: str | None = None,
    cycle: int | None = None,
    issue: str | None = None,
) -> pd.DataFrame:
    """The recommendations to one State under Review (None: all), in one cycle (None: all),
    on one issue (None: all). ``country`` is a name, an alias or an ISO3 code."""
    frame = _recs(recs)
    if country is not None:
        iso3 = data.find_country(country).iso3
        frame = frame[frame["sur_iso3"].astype("string") == iso3]
    if cycle is not None:
        frame = frame[frame["cycle"] == int(cycle)]
    if issue is not None:
        frame = frame[has_issue(frame, check_issue(issue))]
    return frame


def _counts(frame: pd.DataFrame, by: str | None) -> pd.DataFrame:
    """Supported, noted, pending and total rows (per ``by``), with shares that add up to 1."""
    response = frame["response"].astype("string")
    counted = frame.assign(
        supported=(response == SUPPORTED).astype(int), noted=(response == NOTED).astype(int), pending=(response == PENDING).astype(int)
    )
    columns = ["supported", "noted", "pending"]
    if by is None:
        table = counted[columns].sum().to_frame().T
    else:
        table = counted.groupby(by, observed=True)[columns].sum().reset_index()
    table["total"] = table["supported"] + table["noted"] + table["pending"]
    table = table[table["total"] > 0].copy()
    table["supported_share"] = table["supported"] / table["total"]
    table["noted_share"] = table["noted"] / table["total"]
    table["pending_share"] = table["pending"] / table["total"]
    return table.reset_index(drop=True)


# -- supported and noted -----------------------------------------------------------------


def response_totals(
    country: str | None = None, cycle: int | None = None, *, recs: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row: supported, noted, total and the two shares, for a State (None: all) and cycle.

    Counts rows (one per recommending State). An empty scope gives an empty frame.
    """
    frame = scope(recs, country=country, cycle=cycle)
    table = _counts(frame, None)
    table.insert(0, "issue", _(ALL_ISSUES))
    return table


def response_shares_by_issue(
    country: str | None = None,
    cycle: int | None = None,
    *,
    recs: pd.DataFrame | None = None,
    top: int | None = None,
    min_total: int = 1,
    keep: str | None = None,
) -> pd.DataFrame:
    """For each issue: supported, noted, total, supported_share, noted_share.

    One row per issue with at least ``min_total`` recommendations, the most frequent
    first (``top`` keeps that many, plus the issue ``keep`` if it has recommendations
    but is not among them: the participant's own issue always shows). Shares add up to
    1 on every row. Rows without issue tags (session 27) are left out; see
    :func:`response_totals` for all of them.
    """
    frame = scope(recs, country=country, cycle=cycle)
    exploded = data.explode_issues(frame)
    exploded = exploded[exploded["issue"].notna() & (exploded["issue"] != "")]
    table = _counts(exploded, "issue")
    table["issue"] = table["issue"].astype(str)
    table = table[table["total"] >= min_total]
    table = table.sort_values(["total", "issue"], ascending=[False, True], kind="stable")
    if top is not None:
        kept = table[table["issue"] == check_issue(keep)] if keep else table.iloc[:0]
        table = table.head(top)
        if not kept.empty and kept["issue"].iloc[0] not in set(table["issue"]):
            table = pd.concat([table, kept])
    return table.reset_index(drop=True)


def shares_sentence(by_issue: pd.DataFrame, totals: pd.DataFrame, where: str) -> str:
    """A plain sentence about the shares, for people who would rather read than look.

    ``where`` names the scope, e.g. "Kenya, cycle 2". Names the issue with the largest
    noted share among issues with at least 10 recommendations.
    """
    if totals.empty:
        return _("No recommendations for {where} in the course's data.").format(where=where)
    row = totals.iloc[0]
    pending = int(row.get("pending", 0) or 0)
    values = {"where": where, "count": formats.number(row["total"]), "supported": formats.percent(row["supported_share"]),
              "noted": formats.percent(row["noted_share"]), "pending": formats.percent(row["pending_share"])}
    if pending:
        text = ngettext("{where}: {count} recommendation, {supported} supported, {noted} noted and {pending} with no "
                        "answer yet (pending).",
                        "{where}: {count} recommendations, {supported} supported, {noted} noted and {pending} with no "
                        "answer yet (pending).", int(row["total"])).format(**values)
    else:
        text = ngettext("{where}: {count} recommendation, {supported} supported and {noted} noted.",
                        "{where}: {count} recommendations, {supported} supported and {noted} noted.",
                        int(row["total"])).format(**values)
    frequent = by_issue[by_issue["total"] >= 10]
    if not frequent.empty:
        worst = frequent.sort_values(["noted_share", "total"], ascending=[False, False]).iloc[0]
        text += " " + _("The issue most often noted (of those with 10 or more): {issue}, {share} noted ({noted} of "
                        "{total}).").format(issue=issue_label(worst["issue"]), share=formats.percent(worst["noted_share"]),
                                            noted=int(worst["noted"]), total=int(worst["total"]))
    elif by_issue.empty:
        text += " " + _("These recommendations have no issue labels in the data (session 27 was not labelled).")
    return text


# -- recommending States -------------------------------------------------------------------


def recommending_states(
    country: str | None,
    issue: str | None = None,
    cycle: int | None = None,
    *,
    recs: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Which States made recommendations to ``country`` (on ``issue``, in ``cycle``; None: all).

    Columns: state, regional_group, recommendations, supported, noted, pending, cycles (e.g.
    "1, 2"). Most recommendations first, then A to Z. Counts rows: each State's own recommendations.
    """
    frame = scope(recs, country=country, cycle=cycle, issue=issue)
    columns = ["state", "regional_group", "recommendations", "supported", "noted", "pending", "cycles"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    frame = frame.assign(state=frame["recommending_state"].astype(str))
    table = _counts(frame, "state")
    groups = frame.groupby("state")["rs_regional_group"].agg(lambda values: str(values.astype(str).iloc[0]))
    groups = groups.map(region_name)
    cycles = frame.groupby("state")["cycle"].agg(lambda values: ", ".join(str(c) for c in sorted(set(values))))
    table["regional_group"] = table["state"].map(groups)
    table["cycles"] = table["state"].map(cycles)
    table = table.rename(columns={"total": "recommendations"})[columns]
    table = table.sort_values(["recommendations", "state"], ascending=[False, True], kind="stable")
    return table.reset_index(drop=True)


def recommendation_list(
    country: str,
    issue: str | None = None,
    cycle: int | None = None,
    *,
    recs: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The recommendations themselves, to quote: one row per recommendation (joint ones merged).

    Columns: id, cycle, from (the States), response, recommendation (the text). Newest
    cycle first, then by id.
    """
    frame = scope(recs, country=country, cycle=cycle, issue=issue)
    columns = ["id", "cycle", "from", "response", "recommendation"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    table = _one_per_recommendation(frame)
    table["recommendation"] = table["text"].astype(str)
    table["response"] = table["response"].astype(str)
    table["id"] = table["id"].astype(str)
    table["cycle"] = table["cycle"].astype(int)
    table = table.sort_values(["cycle", "id"], ascending=[False, True], kind="stable")
    return table[columns].reset_index(drop=True)


def states_sentence(states: pd.DataFrame, where: str) -> str:
    """'Kenya, torture: 39 recommendations from 30 States in all 5 regional groups.'

    Observer States (the Holy See, the State of Palestine) count as States but belong to
    none of the UN's five regional groups.
    """
    if states.empty:
        return _("{where}: no recommendations in the course's data.").format(where=where)
    known = states[states["state"] != "(Unknown)"]
    five = [region_name(key) for key in ("Africa", "Asia", "EEG", "GRULAC", "WEOG")]
    groups = [group for group in five if group in set(known["regional_group"])]
    values = {"where": where, "count": formats.number(states["recommendations"].sum()), "states": len(known),
              "groups": len(groups), "names": ", ".join(groups)}
    if len(groups) == len(five):
        text = ngettext("{where}: {count} recommendations from {states} State, from all 5 regional groups of the UN.",
                        "{where}: {count} recommendations from {states} States, from all 5 regional groups of the UN.",
                        len(known)).format(**values)
    else:
        text = ngettext("{where}: {count} recommendations from {states} State, from {groups} of the UN's 5 regional "
                        "groups ({names}).",
                        "{where}: {count} recommendations from {states} States, from {groups} of the UN's 5 regional "
                        "groups ({names}).", len(known)).format(**values)
    top = states.iloc[0]
    return text + " " + _("Most came from {state} ({count}).").format(state=top["state"], count=int(top["recommendations"]))


# -- tracking implementation -----------------------------------------------------------------


def _one_per_recommendation(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per recommendation (joint ones merged), with ``from``: the States, A to Z."""
    key = frame["joint_group"].fillna(frame["id"]).astype(str)
    frame = frame.assign(_key=key, _state=frame["recommending_state"].astype(str))
    states = frame.groupby("_key")["_state"].agg(lambda names: ", ".join(sorted(set(names))))
    first = frame.sort_values("id").drop_duplicates("_key").set_index("_key")
    first["from"] = states
    return first.reset_index(drop=True)


def implementation_scorecard(
    country: str, cycle: int, *, recs: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Per issue, what the State promised in ``cycle`` and whether the issue came back.

    Columns: issue; supported (recommendations, joint ones counted once); specific (of
    those, how many ask for a specific action, category 5: the easiest to check);
    noted; raised_next_cycle (recommendations on the same issue to the same State in the
    next cycle, a sign, not proof, that the work is not done; missing (<NA>) when the data
    has no labelled recommendations for that next review). Issues with a supported
    recommendation come first, most supported first.
    """
    cycle = int(cycle)
    frame = scope(recs, country=country)
    own = _one_per_recommendation(frame[frame["cycle"] == cycle])
    columns = ["issue", "supported", "specific", "noted", "raised_next_cycle"]
    if own.empty:
        return pd.DataFrame(columns=columns)
    exploded = data.explode_issues(own)
    exploded = exploded[exploded["issue"].notna() & (exploded["issue"] != "")]
    if exploded.empty:
        return pd.DataFrame(columns=columns)
    response = exploded["response"].astype("string")
    exploded = exploded.assign(
        supported=(response == SUPPORTED).astype(int),
        noted=(response == NOTED).astype(int),
        specific=((response == SUPPORTED) & (exploded["action_category"] == SPECIFIC_ACTION)).astype(int),
    )
    table = exploded.groupby("issue", observed=True)[["supported", "specific", "noted"]].sum().reset_index()
    table["issue"] = table["issue"].astype(str)

    following = _one_per_recommendation(frame[frame["cycle"] == cycle + 1])
    following = data.explode_issues(following) if not following.empty else following
    if following.empty or following["issue"].isna().all():
        table["raised_next_cycle"] = pd.array([pd.NA] * len(table), dtype="Int64")
    else:
        counts = following.groupby("issue", observed=True).size()
        table["raised_next_cycle"] = table["issue"].map(counts).fillna(0).astype("Int64")
    table = table.sort_values(["supported", "noted", "issue"], ascending=[False, False, True], kind="stable")
    return table[columns].reset_index(drop=True)


def supported_checklist(
    country: str, cycle: int, issue: str | None = None, *, recs: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The supported recommendations to track: one row per recommendation (joint ones merged).

    Columns: id, recommendation (the text), from (the States), specific ("yes" for
    category 5), status (always "not checked yet": the participant's evidence fills it).
    Specific ones first, then by id.
    """
    frame = scope(recs, country=country, cycle=cycle, issue=issue)
    frame = frame[frame["response"].astype("string") == SUPPORTED]
    columns = ["id", "recommendation", "from", "specific", "status"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    table = _one_per_recommendation(frame)
    table["recommendation"] = table["text"].astype(str)
    table["specific"] = (table["action_category"] == SPECIFIC_ACTION).map({True: "yes", False: "no"})
    table["status"] = "not checked yet"
    table["id"] = table["id"].astype(str)
    table = table.sort_values(["specific", "id"], ascending=[False, True], kind="stable")
    return table[columns].reset_index(drop=True)


def scorecard_sentence(scorecard: pd.DataFrame, checklist: pd.DataFrame, where: str, cycle: int) -> str:
    """A plain sentence on what was promised and what came back.

    ``checklist`` is :func:`supported_checklist` for the same State and cycle with no issue
    (all supported recommendations, joint ones once): it gives the counts, because a
    recommendation with two issues is on two rows of the scorecard.
    """
    if checklist.empty:
        return _("{where}, cycle {cycle}: no supported recommendations in the course's data.").format(where=where, cycle=cycle)
    specific = int((checklist["specific"] == "yes").sum())
    text = ngettext(
        "{where}, cycle {cycle}: the government supported {count} recommendation; {specific} of them ask for a "
        "specific action (category 5).",
        "{where}, cycle {cycle}: the government supported {count} recommendations; {specific} of them ask for a "
        "specific action (category 5).", len(checklist)).format(where=where, cycle=cycle, count=len(checklist),
                                                                specific=specific)
    if scorecard.empty:
        return text + " " + _("They have no issue labels in the data.")
    if scorecard["raised_next_cycle"].notna().any():
        again = scorecard[(scorecard["supported"] > 0) & (scorecard["raised_next_cycle"] > 0)]
        with_promise = int((scorecard["supported"] > 0).sum())
        text += " " + _("On {again} of the {issues} issues with a supported recommendation, States made "
                        "recommendations again at the next review.").format(again=len(again), issues=with_promise)
    else:
        text += " " + _("The data has no labelled recommendations from the next review to compare with.")
    return text


# -- the calendar ----------------------------------------------------------------------------


def milestone_table(tl: Timeline) -> pd.DataFrame:
    """The milestones of the next review, in date order, in plain words.

    Columns: date (a ``datetime.date``), when ('about 28 Feb 2029' when estimated), step,
    where (At home / Geneva / Online), approximate, what (the timeline's description), name,
    passed (True when the date is before the timeline's "today", ``tl.as_of``), status
    ('passed' or 'ahead': what a reader needs first).
    """
    rows = []
    for milestone in tl.milestones:
        step, where = STEPS.get(milestone.name, (milestone.name.replace("_", " "), ""))
        step = _(step) if milestone.name in STEPS else step
        passed = milestone.date < tl.as_of
        rows.append(
            {
                "date": milestone.date,
                "when": format_day(milestone.date, milestone.approximate),
                "step": step,
                "where": where,
                "approximate": milestone.approximate,
                "what": _(milestone.description) if milestone.description else "",
                "name": milestone.name,
                "passed": passed,
                "status": _("passed") if passed else _("ahead"),
            }
        )
    return pd.DataFrame(rows, columns=["date", "when", "step", "where", "approximate", "what", "name", "passed",
                                       "status"])


def reviews_table(tl: Timeline) -> pd.DataFrame:
    """Past reviews and the next one. Columns: cycle, session, when, status."""
    rows = []
    for review in tl.past_reviews:
        when = format_day(review.start_date) if review.start_date else str(review.year)
        rows.append({"cycle": review.cycle, "session": review.session, "when": when, "status": _("past review")})
    upcoming = tl.next_review
    status = _("next review (projected: no official date yet)") if upcoming.projected else _("next review")
    rows.append(
        {
            "cycle": upcoming.cycle,
            "session": upcoming.session,
            "when": format_day(upcoming.start_date, upcoming.start_approximate),
            "status": status,
        }
    )
    return pd.DataFrame(rows, columns=["cycle", "session", "when", "status"])


def preparation_table(tl: Timeline, windows: dict[str, tuple[date, date]], today: date) -> pd.DataFrame:
    """The steps before the next review in which civil society can act, with their windows.

    ``windows`` is ``timeline.stage_windows(country, today)``. Columns: step, where,
    opens, closes (dates), when ('about 1 Mar 2029 to about 28 Aug 2029'), status
    ('open now', 'closed', 'opens in about N months'), name (the action-plan stage).
    All dates around a projected review are estimates, so all are 'about'.

    The stakeholder report closes on the timeline's deadline milestone (about 8 months
    before the review), the earlier end of "about 7-8 months": the safe date to plan
    for, as the timeline advises. The other windows are the timeline's.
    """
    approximate = tl.next_review.approximate or tl.next_review.projected
    rows = []
    for name in PREPARATION_STAGES:
        opens, closes = windows[name]
        if name == "stakeholder_report":
            deadline = tl.milestone("stakeholder_report").date
            closes = min(closes, deadline)
            opens = min(opens, closes)
        step, where = _(PREPARATION_STEPS[name]), STEPS[name][1]
        if closes < today:
            status = _("closed")
        elif opens <= today:
            days = (closes - today).days
            if days < 90:
                status = ngettext("open now: about {days} day left", "open now: about {days} days left", days).format(days=days)
            else:
                months = round(days / 30.4)
                status = ngettext("open now: about {months} month left", "open now: about {months} months left",
                                  months).format(months=months)
        else:
            months = max(1, round((opens - today).days / 30.4))
            status = ngettext("opens in about {months} month", "opens in about {months} months", months).format(months=months)
        rows.append(
            {
                "step": step,
                "where": where,
                "opens": opens,
                "closes": closes,
                "when": _("{start} to {end}").format(start=format_day(opens, approximate), end=format_day(closes, approximate)),
                "status": status,
                "name": name,
            }
        )
    return pd.DataFrame(rows, columns=["step", "where", "opens", "closes", "when", "status", "name"])


# -- lesson 04: reading a review's recommendations ------------------------------------------

#: UPR Info's action categories (Edward McMahon's scale), number -> (name, words such
#: recommendations usually start with). Only category 5's meaning is confirmed in the
#: course's sources; 1-4 are the usual reading, so the lesson says "usually".
ACTION_CATEGORIES = {
    1: (N_("Minimal action"), ""),
    2: (N_("Continuing action"), N_('"continue"')),
    3: (N_("Considering action"), N_('"consider"')),
    4: (N_("General action"), N_('"take measures", "ensure"')),
    5: (N_("Specific action"), N_('"adopt", "ratify", "amend"')),
}

#: The value of a cycle choice that means "the country's latest review in the data".
LATEST = "latest"


def category_label(category) -> str:
    """'5 Specific action', or 'not coded' for a missing category (imported rows)."""
    if category is None or pd.isna(category):
        return _("not coded")
    number = int(category)
    name = ACTION_CATEGORIES.get(number, ("", ""))[0]
    return f"{number} {_(name) if name else ''}".strip()


def _no_filter(value):
    """None for the choices that mean "no filter" (None, '', 'ALL', 'any', 'all'), else the value."""
    if value is None or (isinstance(value, str) and value.strip().lower() in ("", "all", "any")):
        return None
    return value


def latest_session(country: str, *, recs: pd.DataFrame | None = None) -> tuple[int, int] | None:
    """(cycle, session) of the country's latest review in the data; None if it has none."""
    frame = scope(recs, country=country)
    sessions = frame["session"].dropna()
    if sessions.empty:
        return None
    session = int(sessions.max())
    cycle = int(frame.loc[frame["session"] == session, "cycle"].dropna().iloc[0])
    return cycle, session


def _session_year(session: int) -> int | None:
    table = data.sessions()
    years = table.loc[table["session"] == int(session), "year"].dropna()
    return int(years.iloc[0]) if len(years) else None


def review_label(country: str, cycle=LATEST, *, recs: pd.DataFrame | None = None) -> str:
    """'Kenya, session 21 (2015)' for the latest review, 'Kenya, cycle 1', 'Kenya, all cycles'."""
    cycle = _no_filter(cycle)
    name = data.find_country(country).name
    if cycle == LATEST:
        latest = latest_session(country, recs=recs)
        if latest is None:
            return _("{country}, no review in the data").format(country=name)
        year = _session_year(latest[1])
        if year:
            return _("{country}, session {session} ({year})").format(country=name, session=latest[1], year=year)
        return _("{country}, session {session}").format(country=name, session=latest[1])
    if cycle is not None:
        return _("{country}, cycle {cycle}").format(country=name, cycle=int(cycle))
    return _("{country}, all cycles").format(country=name)


def review_scope(
    country: str | None,
    cycle=LATEST,
    issue: str | None = None,
    response: str | None = None,
    *,
    recs: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The rows for one State (None: all) in one cycle, or in its latest review (``LATEST``;
    with no State, all cycles), or all cycles (None); on one issue; with one response
    ("Supported" or "Noted", any case; None: both)."""
    country, cycle, issue, response = (_no_filter(value) for value in (country, cycle, issue, response))
    if cycle == LATEST:
        latest = latest_session(country, recs=recs) if country is not None else None
        frame = scope(recs, country=country, issue=issue)
        if latest is not None:
            frame = frame[frame["session"] == latest[1]]
        elif country is not None:
            frame = frame.iloc[:0]
    else:
        frame = scope(recs, country=country, cycle=cycle, issue=issue)
    if response is not None:
        wanted = str(response).strip().capitalize()
        if wanted not in (SUPPORTED, NOTED, PENDING):
            raise UserError(_("'{response}' is not a response: choose 'Supported', 'Noted' or 'Pending'.").format(
                response=response))
        frame = frame[frame["response"].astype("string") == wanted]
    return frame


def review_recommendations(
    country: str,
    cycle=LATEST,
    issue: str | None = None,
    response: str | None = None,
    *,
    recs: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """A review's recommendations to read: one row per recommendation (joint ones merged).

    Columns: id, session, from (the States, A to Z), response, category ('5 Specific
    action'), recommendation (the text). In the order of the UN's report (by id).
    """
    frame = review_scope(country, cycle, issue, response, recs=recs)
    columns = ["id", "session", "from", "response", "category", "recommendation"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    table = _one_per_recommendation(frame)
    table["id"] = table["id"].astype(str)
    table["session"] = table["session"].astype("Int64")
    table["response"] = table["response"].astype(str)
    table["category"] = table["action_category"].map(category_label)
    table["recommendation"] = table["text"].astype(str)
    table = table.sort_values(["session", "id"], kind="stable")
    return table[columns].reset_index(drop=True)


def action_category_table(
    country: str | None = None,
    cycle=LATEST,
    issue: str | None = None,
    response: str | None = None,
    *,
    recs: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """How strong the recommendations are: one row per action category, 1 to 5, always all five.

    Columns: category (1-5), name, label ('5 Specific action'), supported, noted, total,
    share (of all coded recommendations in scope; 0 when there are none). Counts
    recommendations, joint ones once, as :func:`review_recommendations` lists them.
    """
    frame = review_scope(country, cycle, issue, response, recs=recs)
    counted = _one_per_recommendation(frame) if not frame.empty else frame
    rows = []
    for number, (name, _words) in ACTION_CATEGORIES.items():
        if counted.empty:
            supported = noted = pending = 0
        else:
            mine = counted[counted["action_category"] == number]
            answer = mine["response"].astype("string")
            supported, noted = int((answer == SUPPORTED).sum()), int((answer == NOTED).sum())
            pending = int((answer == PENDING).sum())
        rows.append({"category": number, "name": _(name), "label": f"{number} {_(name)}",
                     "supported": supported, "noted": noted, "pending": pending, "total": supported + noted + pending})
    table = pd.DataFrame(rows)
    coded = int(table["total"].sum())
    table["share"] = table["total"] / coded if coded else 0.0
    return table


def review_sentence(
    country: str,
    cycle=LATEST,
    issue: str | None = None,
    response: str | None = None,
    *,
    recs: pd.DataFrame | None = None,
) -> str:
    """A plain sentence on a review: how many recommendations, from how many States, how
    many supported and noted, how many ask for a specific action (category 5)."""
    issue, response = _no_filter(issue), _no_filter(response)
    cycle = _no_filter(cycle)
    where = review_label(country, cycle, recs=recs)
    if issue:
        where += f", {check_issue(issue)}"
    if response:
        only = {SUPPORTED: N_("supported only"), NOTED: N_("noted only"), PENDING: N_("pending only")}
        wanted = str(response).strip().capitalize()
        where += ", " + (_(only[wanted]) if wanted in only else str(response).lower())
    frame = review_scope(country, cycle, issue, response, recs=recs)
    if frame.empty:
        text = _("{where}: no recommendations in the course's data for this choice.").format(where=where)
        if issue and (cycle == LATEST or cycle == 3):
            text += " " + _("Session 27 (May 2017) has no issue labels: choose 'All issues', or another cycle.")
        return text
    listed = _one_per_recommendation(frame)
    answer = listed["response"].astype("string")
    named = frame["recommending_state"].astype(str)
    states = named[~named.isin(["(Unknown)", "Unknown State"])].nunique()
    specific = int((listed["action_category"] == SPECIFIC_ACTION).sum())
    pending = int((answer == PENDING).sum())
    numbers = {"supported": formats.number((answer == SUPPORTED).sum()), "noted": formats.number((answer == NOTED).sum()),
               "pending": formats.number(pending)}
    if pending:
        answers = ngettext(
            "The government supported {supported} and noted {noted}; {pending} has no answer in the data yet (pending: "
            "lobby for support before the plenary, or import the addendum with the answers).",
            "The government supported {supported} and noted {noted}; {pending} have no answer in the data yet (pending: "
            "lobby for support before the plenary, or import the addendum with the answers).", pending).format(**numbers)
    else:
        answers = _("The government supported {supported} and noted {noted}.").format(**numbers)
    coded = listed["action_category"].notna().any()
    strength = (ngettext("{count} asks for a specific action (category 5).", "{count} ask for a specific action "
                         "(category 5).", specific).format(count=formats.number(specific)) if coded
                else _("UPR Info's action categories are not coded for this review."))
    head = ngettext("{where}: {count} recommendations from {states} State.", "{where}: {count} recommendations from "
                    "{states} States.", int(states)).format(where=where, count=formats.number(len(listed)), states=states)
    return f"{head} {answers} {strength}"


def specific_noted_shares(*, recs: pd.DataFrame | None = None) -> pd.DataFrame:
    """For each action category, across all States: how many recommendations (rows, as in UPR
    Info's database) and the share noted. The lesson's point: the more specific, the more
    often a government says no to a demand it cannot fudge."""
    frame = _recs(recs)
    rows = []
    for number, (name, _words) in ACTION_CATEGORIES.items():
        answer = frame.loc[frame["action_category"] == number, "response"].astype("string")
        total = int(answer.isin([SUPPORTED, NOTED]).sum())
        noted = int((answer == NOTED).sum())
        rows.append({"category": number, "name": _(name), "total": total, "noted": noted,
                     "noted_share": noted / total if total else 0.0})
    return pd.DataFrame(rows)


# -- lesson 04: the matcher's results, ids to copy, and allies --------------------------------

def match_query(values: dict) -> dict:
    """The arguments of ``upr_course.match.match`` from a form's values (the match explorer's
    ``{name: control.value}``): 'any' or an empty text means no filter."""
    names = ("country", "goal", "response", "cycle", "issue", "recommending_state", "top")
    query = {}
    for name in names:
        if name not in values:
            continue
        value = values[name]
        query[name] = value if name in ("country", "goal") else _no_filter(value)
    return query


def ids_to_copy(result: pd.DataFrame) -> pd.DataFrame:
    """The matcher's result (``match(...)``) as a table to copy ids from, best first.

    Columns: rank, id (the one to write in a plan), response, from (the States), category,
    recommendation, other_ids (the same recommendation's rows for the other States of a
    joint recommendation; any of them may be cited).
    """
    columns = ["rank", "id", "response", "from", "category", "recommendation", "other_ids"]
    if result.empty:
        return pd.DataFrame(columns=columns)
    table = pd.DataFrame({
        "rank": result["rank"].astype(int),
        "id": result["id"].astype(str),
        "response": result["response"].astype(str),
        "from": result["recommending_state"].astype(str),
        "category": result["action_category"].map(category_label),
        "recommendation": result["text"].astype(str),
    })
    others = [", ".join(str(i) for i in ids if str(i) != first) for ids, first in zip(result["ids"], table["id"])]
    table["other_ids"] = others
    return table[columns].reset_index(drop=True)


def allies_table(allies: pd.DataFrame) -> pd.DataFrame:
    """The matcher's allies (``upr_course.match.allies``) in the shape of
    :func:`recommending_states`, so :func:`states_sentence` and
    ``plots.recommending_states_figure`` read it, plus what to brief each State with.

    Columns: state, regional_group, recommendations, supported, noted, cycles ('1, 2'),
    last_answer ('Noted in cycle 2'), example (its best-matching text).
    """
    columns = ["state", "regional_group", "recommendations", "supported", "noted", "cycles", "last_answer", "example"]
    if allies.empty:
        return pd.DataFrame(columns=columns)
    groups = data.countries().set_index("iso3")["regional_group"].astype(str).to_dict()

    def region(iso3) -> str:
        label = groups.get(str(iso3)) if isinstance(iso3, str) and iso3 else None
        return region_name(label) if label else _("unknown")

    table = pd.DataFrame({
        "state": allies["recommending_state"].astype(str),
        "regional_group": allies["rs_iso3"].map(region),
        "recommendations": allies["n_recommendations"].astype(int),
        "supported": allies["supported"].astype(int),
        "noted": allies["noted"].astype(int),
        "cycles": allies["cycles"].map(lambda cycles: ", ".join(str(c) for c in cycles)),
        "last_answer": [_("{answer} in cycle {cycle}").format(answer=response_word(answer), cycle=cycle)
                        if answer and cycle else _("unknown")
                        for answer, cycle in zip(allies["last_response"], allies["last_cycle"])],
        "example": allies["example"].astype(str),
    })
    table.loc[table["state"].isin(["(Unknown)", "Unknown State"]), "regional_group"] = _("unknown")
    return table[columns].reset_index(drop=True)


# -- lesson 07: what the government says abroad ----------------------------------------------


def mirror_by_cycle(mirror, *, recs: pd.DataFrame | None = None) -> pd.DataFrame:
    """A mirror (``upr_course.match.mirror``) cycle by cycle: made_abroad (recommendations the
    State made to others on the issue), made_all (all the recommendations it made to others
    that cycle, on any issue: the context a zero needs), received, supported, noted (its own
    answers at home), reviewed (False when the course's data has no review of the State in that
    cycle: then "received 0" means "not in the data", not "none"). One row per cycle in which
    either side has a recommendation on the issue."""
    columns = ["cycle", "made_abroad", "made_all", "received", "supported", "noted", "reviewed"]
    abroad, home = mirror.abroad, mirror.at_home
    frame = _recs(recs)
    made = frame[frame["rs_iso3"].astype("string") == mirror.iso3]["cycle"].value_counts()
    reviewed = {int(c) for c in frame[frame["sur_iso3"].astype("string") == mirror.iso3]["cycle"].dropna()}
    cycles = sorted({int(c) for c in abroad["cycle"].dropna()} | {int(c) for c in home["cycle"].dropna()})
    rows = []
    for cycle in cycles:
        mine = home[home["cycle"] == cycle]["response"].astype("string")
        rows.append({"cycle": cycle, "made_abroad": int((abroad["cycle"] == cycle).sum()),
                     "made_all": int(made.get(cycle, 0)), "received": len(mine),
                     "supported": int((mine == SUPPORTED).sum()), "noted": int((mine == NOTED).sum()),
                     "reviewed": cycle in reviewed})
    return pd.DataFrame(rows, columns=columns)


def mirror_sentence(mirror, *, recs: pd.DataFrame | None = None) -> str:
    """Both sides of a mirror in plain words, cycle by cycle."""
    country = data.local_state_names(mirror.country)
    where = f"{country}, {issue_label(mirror.issue)}"
    table = mirror_by_cycle(mirror, recs=recs)
    if table.empty:
        return _("{where}: no recommendations made or received on this issue in the course's data.").format(where=where)
    abroad_states = int(mirror.abroad["sur"].nunique()) if len(mirror.abroad) else 0
    abroad = ngettext("{where}. Abroad: {country} made {count} recommendation on this issue to other States ({states}).",
                      "{where}. Abroad: {country} made {count} recommendations on this issue to other States ({states}).",
                      len(mirror.abroad)).format(where=where, country=country,
                                                 count=formats.number(len(mirror.abroad)), states=abroad_states)
    home = ngettext("At home: it received {count} recommendation on it, supported {supported} and noted {noted}.",
                    "At home: it received {count} recommendations on it, supported {supported} and noted {noted}.",
                    len(mirror.at_home)).format(count=formats.number(len(mirror.at_home)),
                                                supported=int(table["supported"].sum()), noted=int(table["noted"].sum()))
    parts = []
    for row in table.itertuples():
        if row.made_all and row.received:
            part = _("cycle {cycle}: {made} of the {made_all} recommendations it made to others; it supported {supported} "
                     "of {received} received")
        elif row.made_all:
            part = _("cycle {cycle}: {made} of the {made_all} recommendations it made to others; it received none")
        elif row.received:
            part = _("cycle {cycle}: it made no recommendations to others; it supported {supported} of {received} received")
        else:
            part = _("cycle {cycle}: it made no recommendations to others; it received none")
        parts.append(part.format(cycle=row.cycle, made=row.made_abroad, made_all=row.made_all, supported=row.supported,
                                 received=row.received))
    return _("{abroad} {home} By cycle: {cycles}.").format(abroad=abroad, home=home, cycles="; ".join(parts))


def mirror_tables(mirror) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The two sides of a mirror as tables to read and quote, newest first.

    Abroad: id, to (the State recommended), cycle, their_answer, recommendation.
    At home: id, from (the recommending State), cycle, answer, recommendation.
    """
    abroad = pd.DataFrame({
        "id": mirror.abroad["id"].astype(str), "to": mirror.abroad["sur"].astype(str).map(data.local_state_names),
        "cycle": mirror.abroad["cycle"].astype("Int64"), "their_answer": mirror.abroad["response"].astype(str),
        "recommendation": mirror.abroad["text"].astype(str),
    }, columns=["id", "to", "cycle", "their_answer", "recommendation"])
    home = pd.DataFrame({
        "id": mirror.at_home["id"].astype(str), "from": mirror.at_home["recommending_state"].astype(str).map(data.local_state_names),
        "cycle": mirror.at_home["cycle"].astype("Int64"), "answer": mirror.at_home["response"].astype(str),
        "recommendation": mirror.at_home["text"].astype(str),
    }, columns=["id", "from", "cycle", "answer", "recommendation"])
    newest = {"by": ["cycle", "id"], "ascending": [False, True], "kind": "stable"}
    return abroad.sort_values(**newest).reset_index(drop=True), home.sort_values(**newest).reset_index(drop=True)
