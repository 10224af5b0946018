"""The lessons' pictures: matplotlib figures built from the course's tables and timelines.

Each function takes a DataFrame (from ``upr_course.summaries``) or a
:class:`~upr_course.timeline.Timeline` and returns a ``matplotlib.figure.Figure``. No
pyplot: nothing is drawn on a global figure, nothing needs closing, and a figure shows
the same in a notebook, in a test or saved to a file (``fig.savefig("x.png")``).
``upr_course.widgets.explorers`` turns them into pictures behind dropdowns.

Readable by design:

* large fonts (``STYLE``), titles in plain words, every axis labelled;
* colour-blind-safe colours (Okabe and Ito's palette), and never colour alone: noted
  bars are also hatched, Geneva markers are also squares, estimates are also hollow and
  written "about";
* every count or share is also written as text on the picture.
"""

from __future__ import annotations

import textwrap

from datetime import date, timedelta

import matplotlib as mpl
import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .data import local_state_names
from .i18n import N_, ngettext
from .i18n import gettext as _
from .i18n.formats import month as month_text
from .i18n.formats import number, percent
from .issue_names import issue_label
from .summaries import ALL_ISSUES, format_day, format_month, milestone_table
from .timeline import Timeline

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency.
BLUE = "#0072B2"
ORANGE = "#E69F00"
VERMILLION = "#D55E00"
SKY = "#56B4E9"
GREEN = "#009E73"
GREY = "#6E6E6E"
LIGHT = "#DDDDDD"

SUPPORTED_COLOUR = BLUE
NOTED_COLOUR = ORANGE
NOTED_HATCH = "//"
PENDING_COLOUR = "#c8c8c8"  # grey: no answer yet
HOME_COLOUR = BLUE
GENEVA_COLOUR = VERMILLION
ONLINE_COLOUR = GREEN
PLACE_STYLE = {  # colour and marker: shape repeats what colour says
    "At home": (HOME_COLOUR, "o"),
    "Geneva": (GENEVA_COLOUR, "s"),
    "Online": (ONLINE_COLOUR, "D"),
}

STYLE = {
    "font.size": 13,
    "axes.titlesize": 16,
    "axes.titleweight": "bold",
    "axes.labelsize": 13,
    "xtick.labelsize": 12,
    "ytick.labelsize": 12,
    "legend.fontsize": 12,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "hatch.color": "#444444",
    "hatch.linewidth": 0.8,
}

SOURCE_DATA = N_("Source: UPR Info, Database of UPR Recommendations (sessions 1-27, 2008 to May 2017).")
SOURCE_CALENDAR = N_("Dates: the course's UPR calendar (datasets/sessions.csv); 'about' = estimated.")
#: The places of the steps, as the reader sees them (the data's values are the English words).
PLACE_WORDS = {"At home": N_("At home"), "Geneva": N_("Geneva"), "Online": N_("Online")}


def _percent_ticks(ax) -> None:
    """0% to 100% on the x axis, written the language's way ('50 %' in Spanish and French)."""
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1], [percent(share) for share in (0, 0.25, 0.5, 0.75, 1)])


def _month_axis(ax, locator) -> None:
    """Month ticks ('Jan 2029', 'ene 2029', 'janv. 2029'): matplotlib's own names are English only."""
    import matplotlib.ticker as mticker

    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mticker.FuncFormatter(lambda value, _position: month_text(mdates.num2date(value).date())))


def _figure(width: float, height: float) -> Figure:
    return Figure(figsize=(width, height), layout="constrained")


def _source(fig: Figure, text: str) -> None:
    """The source line at the bottom, in a strip the layout keeps free (0.35 inch)."""
    height = fig.get_figheight()
    fig.get_layout_engine().set(rect=(0, 0.35 / height, 1, 1 - 0.35 / height))
    fig.text(0.01, 0.08 / height, _(text), fontsize=10, color=GREY, ha="left", va="bottom")


def _set_title(ax, title: str) -> None:
    """The figure's title, on the left of the whole figure (not only of the plot, which long
    labels push to the right) and wrapped to the figure's width, so it is never cut off."""
    fig = ax.get_figure()
    # About 7 characters of the 16 pt title per inch: a little less than the room there is.
    width = max(30, int(fig.get_figwidth() * 7))
    lines = [textwrap.fill(line, width, break_long_words=False) for line in title.split("\n")]
    fig.suptitle("\n".join(lines), x=0.01, ha="left", fontsize=mpl.rcParams["axes.titlesize"],
                 fontweight=mpl.rcParams["axes.titleweight"])


def _wrap(label: str, width: int = 28) -> str:
    """Wrap a long label on two lines at a space (issue names can be long)."""
    if len(label) <= width:
        return label
    cut = label.rfind(" ", 0, width)
    if cut <= 0:
        return label
    return label[:cut] + "\n" + label[cut + 1 :]


def _message(fig: Figure, title: str, text: str) -> Figure:
    """A figure that says there is nothing to draw, instead of an empty chart."""
    ax = fig.add_subplot()
    _set_title(ax, title)
    ax.text(0.5, 0.5, text, ha="center", va="center", wrap=True, fontsize=14)
    ax.set_axis_off()
    return fig


def _mid_year(year: int) -> date:
    return date(year, 7, 1)


# -- the cycle and the calendar -----------------------------------------------------------


def timeline_figure(tl: Timeline) -> Figure:
    """Two panels: all the country's reviews on one line, then the steps around its next review.

    Past reviews are filled dots (placed mid-year when the calendar gives only the year);
    the next review is hollow and says "about" when its date is estimated or projected.
    A dashed line marks ``tl.as_of`` ("today").
    """
    with mpl.rc_context(STYLE):
        fig = _figure(11, 9.5)
        top, bottom = fig.subplots(2, 1, height_ratios=[1, 2.6])
        _reviews_panel(top, tl)
        _milestones_panel(bottom, tl)
        _source(fig, SOURCE_CALENDAR)
    return fig


def _reviews_panel(ax, tl: Timeline) -> None:
    upcoming = tl.next_review
    points = []
    for review in tl.past_reviews:
        when = review.start_date or _mid_year(review.year)
        label = _("Cycle {cycle}\n{date}").format(cycle=review.cycle,
                                                 date=format_month(when) if review.start_date else review.year)
        points.append((when, label, False))
    estimated = upcoming.projected or upcoming.start_approximate
    next_label = _("Next: cycle {cycle}\n{date}").format(cycle=upcoming.cycle,
                                                          date=format_month(upcoming.start_date, estimated))
    if upcoming.projected:
        next_label += "\n" + _("(projected)")
    points.append((upcoming.start_date, next_label, True))

    previous, offset = None, 14
    for when, label, is_next in points:
        style = dict(markerfacecolor="white", markeredgewidth=2.5) if is_next else dict(markerfacecolor=BLUE)
        ax.plot([when], [0], marker="o", markersize=14, color=BLUE, linestyle="none", **style)
        # two reviews less than about 2.5 years apart (a postponement): lift the second label
        offset = offset + 40 if previous is not None and (when - previous).days < 900 else 14
        # A white box under each label: the "today" line may run behind it, never through it.
        ax.annotate(label, (when, 0), xytext=(0, offset), textcoords="offset points", ha="center", va="bottom",
                    fontsize=12, arrowprops=dict(arrowstyle="-", color=GREY) if offset > 14 else None,
                    bbox=dict(boxstyle="square,pad=0.15", facecolor="white", edgecolor="none"), zorder=3)
        previous = when
    start = min(date(2008, 1, 1), points[0][0])
    end = max(upcoming.start_date, tl.as_of) + timedelta(days=420)
    ax.axhline(0, color=LIGHT, linewidth=3, zorder=0)
    ax.axvline(tl.as_of, color=GREY, linestyle="--", linewidth=1.5, zorder=1)
    # "today" sits on the side of its line away from the next review's marker.
    next_is_close_after = timedelta(0) <= upcoming.start_date - tl.as_of < timedelta(days=730)
    side = dict(xytext=(-4, -24), ha="right") if next_is_close_after else dict(xytext=(4, -24), ha="left")
    ax.annotate(_("today"), (tl.as_of, 0), textcoords="offset points", color=GREY, fontsize=12, **side)
    ax.set_xlim(start, end)
    ax.set_ylim(-1, 3.2)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.xaxis.set_major_locator(mdates.YearLocator(2))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.set_xlabel(_("Year"))
    ax.set_title(_("{country}: its UPR reviews, about every 4.5 years").format(country=local_state_names(tl.country)), loc="left")


def _milestones_panel(ax, tl: Timeline) -> None:
    table = milestone_table(tl).iloc[::-1].reset_index(drop=True)  # first step at the top
    for row in table.itertuples():
        colour, marker = PLACE_STYLE.get(row.where, (GREY, "o"))
        face = "white" if row.approximate else colour
        ax.plot([row.date], [row.Index], marker=marker, markersize=11, color=colour, markerfacecolor=face,
                markeredgewidth=2.2, linestyle="none")
        ax.annotate(_("{date} (passed)").format(date=row.when) if row.passed else row.when, (row.date, row.Index), xytext=(10, 0),
                    textcoords="offset points", va="center", fontsize=11, color=GREY if row.passed else "black")
    ax.set_yticks(range(len(table)), [_wrap(step, 44) for step in table["step"]], fontsize=11)
    first, last = table["date"].min(), table["date"].max()
    ax.set_xlim(first - timedelta(days=60), last + timedelta(days=330))
    if first - timedelta(days=60) <= tl.as_of <= last + timedelta(days=330):
        ax.axvline(tl.as_of, color=GREY, linestyle="--", linewidth=1.5)
    ax.axvline(tl.next_review.start_date, color=LIGHT, linewidth=8, zorder=0)
    _month_axis(ax, mdates.MonthLocator(bymonth=(1, 7)))
    ax.set_xlabel(_("Date (hollow marker = estimated date, 'about')"))
    ax.grid(axis="x", color=LIGHT, linewidth=0.8)
    handles = [
        Line2D([], [], marker=marker, color=colour, linestyle="none", markersize=10, label=_(PLACE_WORDS[place]))
        for place, (colour, marker) in PLACE_STYLE.items()
    ]
    ax.legend(handles=handles, title=_("Where it happens"), loc="upper right", frameon=False)
    ax.set_title(_("The steps around the next review"), loc="left")


def cycle_at_home_figure() -> Figure:
    """The UPR as "a domestic process with a brief moment in Geneva": one 4.5-year cycle.

    Months from the review on the x axis. Work at home runs for years; the Geneva meetings
    are a few hours (pre-session 1 hour per State, review 3.5 hours, plenary 1 hour: UPR
    Info "Pre-sessions FAQ" and "Q&A on the modalities of the UPR process"). Offsets are
    those of ``upr_course.timeline`` (its MILESTONE_RULES and stage windows), rounded.
    """
    government, civil_society = _("Government, at home"), _("Civil society, at home")
    lanes = [  # (lane, label, start month, end month, civil society?)
        (government, _("consults,\nwrites its report"), -12, -2.8, False),
        (government, _("answers the recommendations, then implements them\n(a mid-term report is optional)"), 0.4, 54, False),
        (civil_society, _("stakeholder report,\nembassies, media"), -12, -0.2, True),
        (civil_society, _("lobbies on the answers, pushes for implementation,\nmedia, its own mid-term report"), 0.4, 54,
         True),
    ]
    geneva = [(_("pre-session\n(1 hour)"), -1), (_("review\n(3.5 hours)"), 0), (_("plenary\n(1 hour)"), 3.5)]
    names = [_("In Geneva"), civil_society, government]
    with mpl.rc_context(STYLE):
        fig = _figure(11.5, 4.8)
        ax = fig.add_subplot()
        for lane, label, start, end, civil in lanes:
            y = names.index(lane)
            ax.barh(y, end - start, left=start, height=0.55, color=SKY if civil else BLUE,
                    edgecolor="white", linewidth=2)
            ax.text(start + (end - start) / 2, y, label, ha="center", va="center", fontsize=10.5,
                    color="black" if civil else "white")
        for _label, month in geneva:
            # a thin stroke: a few hours are far less than the width of a day at this scale
            ax.plot([month], [0], marker="|", markersize=22, markeredgewidth=3, color=GENEVA_COLOUR, linestyle="none")
        for (label, month), offset in zip(geneva, (-62, 0, 40)):
            ax.annotate(label, (month, 0), xytext=(offset, -34), textcoords="offset points", ha="center",
                        va="center", fontsize=10.5, color=GENEVA_COLOUR)
        ax.set_yticks(range(len(names)), names)
        ax.set_ylim(-0.9, 2.5)
        ax.set_xlim(-13, 55)
        ax.set_xticks([-12, 0, 12, 24, 36, 48, 54], ["-12", _("review"), "+12", "+24", "+36", "+48", _("next\nreview")])
        ax.set_xlabel(_("Months before and after the review (about)"))
        ax.set_title(_("One UPR cycle: years of work at home, a few hours in Geneva"), loc="left")
        _source(fig, N_("Timings: OHCHR and UPR Info, as in the course's fact sheet; rounded."))
    return fig


def preparation_figure(prep: pd.DataFrame, tl: Timeline) -> Figure:
    """The windows before the next review in which civil society can act (a bar per step).

    ``prep`` is ``summaries.preparation_table(...)``. A dashed line marks today, a grey
    band the review, and a closed window is greyed out.
    """
    review = tl.next_review.start_date
    with mpl.rc_context(STYLE):
        fig = _figure(11, 5.6)
        ax = fig.add_subplot()
        table = prep.iloc[::-1].reset_index(drop=True)
        for row in table.itertuples():
            closed = row.closes < tl.as_of  # the table's status says "closed" in words
            colour, _marker = PLACE_STYLE.get(row.where, (GREY, "o"))
            width = max((row.closes - row.opens).days, 4)
            ax.barh(row.Index, timedelta(days=width), left=row.opens, height=0.55,
                    color=LIGHT if closed else colour, edgecolor=colour, linewidth=1.5)
            when = (_("closed {date}") if closed else _("closes {date}")).format(date=format_day(row.closes, True))
            ax.annotate(when, (row.closes, row.Index), xytext=(6, 0),
                        textcoords="offset points", va="center", fontsize=11)
        ax.set_yticks(range(len(table)), [_wrap(step, 34) for step in table["step"]])
        ax.axvline(review, color=LIGHT, linewidth=10, zorder=0)
        ax.annotate(_("review"), (review, len(table) - 0.45), xytext=(0, 2), textcoords="offset points", ha="center",
                    fontsize=12, color=GREY)
        start = prep["opens"].min() - timedelta(days=45)
        end = review + timedelta(days=260)  # room for the last labels and the legend
        if start <= tl.as_of <= end:
            ax.axvline(tl.as_of, color=GREY, linestyle="--", linewidth=1.5)
            ax.annotate(_("today"), (tl.as_of, -0.6), xytext=(4, 0), textcoords="offset points", color=GREY)
        elif tl.as_of < start:  # far ahead: say so instead of squeezing the bars
            ax.annotate(_("< today is {date}").format(date=format_day(tl.as_of)), (start, -0.6), xytext=(4, 0), textcoords="offset points",
                        color=GREY)
        ax.set_xlim(start, end)
        ax.set_ylim(-0.9, len(table) - 0.2)
        _month_axis(ax, mdates.AutoDateLocator(minticks=4, maxticks=9))
        ax.set_xlabel(_("Date (all dates are estimates: check OHCHR's and UPR Info's announcements)"))
        ax.grid(axis="x", color=LIGHT, linewidth=0.8)
        handles = [Patch(color=HOME_COLOUR, label=_("At home")), Patch(color=GENEVA_COLOUR, label=_("Geneva")),
                   Patch(facecolor=LIGHT, edgecolor=GREY, label=_("closed"))]
        ax.legend(handles=handles, loc="upper right", frameon=False)
        ax.set_title(_("{country}: when to act before the next review").format(country=local_state_names(tl.country)), loc="left")
        _source(fig, SOURCE_CALENDAR)
    return fig


# -- supported and noted ------------------------------------------------------------------


def shares_by_issue_figure(
    by_issue: pd.DataFrame, totals: pd.DataFrame | None = None, title: str = "", highlight: str | None = None
) -> Figure:
    """Supported and noted shares per issue as 100% bars, the most frequent issue at the top.

    ``by_issue`` is ``summaries.response_shares_by_issue(...)``; ``totals`` (optional,
    ``summaries.response_totals(...)``) adds a first bar for all recommendations. Each bar
    says its percentages and, at its end, how many recommendations it counts. The issue
    ``highlight`` (the participant's own) is marked with an arrow and bold type.
    """
    frames = [frame for frame in (totals, by_issue) if frame is not None and not frame.empty]
    title = title or _("How governments answered, by issue")
    with mpl.rc_context(STYLE):
        if not frames:
            return _message(_figure(10, 3), title, _("No recommendations for this choice in the course's data."))
        table = pd.concat(frames, ignore_index=True)
        fig = _figure(11, 1.6 + 0.48 * len(table))
        ax = fig.add_subplot()
        rows = range(len(table))[::-1]
        ax.barh(rows, table["supported_share"], color=SUPPORTED_COLOUR, label=_("Supported"), height=0.7)
        ax.barh(rows, table["noted_share"], left=table["supported_share"], color=NOTED_COLOUR,
                hatch=NOTED_HATCH, label=_("Noted"), height=0.7)
        if "pending_share" in table and table["pending_share"].fillna(0).gt(0).any():
            ax.barh(rows, table["pending_share"].fillna(0), left=table["supported_share"] + table["noted_share"],
                    color=PENDING_COLOUR, hatch="..", label=_("Pending (no answer yet)"), height=0.7)
        for y, row in zip(rows, table.itertuples()):
            if row.supported_share >= 0.08:
                ax.text(row.supported_share / 2, y, percent(row.supported_share), ha="center", va="center",
                        color="white", fontsize=11, fontweight="bold")
            if row.noted_share >= 0.08:
                ax.text(row.supported_share + row.noted_share / 2, y, percent(row.noted_share), ha="center",
                        va="center", color="black", fontsize=11, fontweight="bold",
                        bbox=dict(facecolor=NOTED_COLOUR, edgecolor="none", pad=1))
            ax.text(1.01, y, number(row.total), va="center", fontsize=11)
        labels = [_wrap(issue_label(str(issue)), 34) for issue in table["issue"]]
        labels = [f"\u25b6 {label}" if issue == highlight else label for label, issue in zip(labels, table["issue"])]
        ax.set_yticks(list(rows), labels)
        for tick, issue in zip(ax.get_yticklabels(), table["issue"]):
            if issue in (_(ALL_ISSUES), highlight):
                tick.set_fontweight("bold")
        ax.set_xlim(0, 1.09)
        _percent_ticks(ax)
        ax.set_xlabel(_("Share of recommendations (number at the end of each bar)"))
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.5 / len(table) - 0.06), ncol=2, frameon=False)
        _set_title(ax, title)
        _source(fig, SOURCE_DATA)
    return fig


#: UPR Info's implementation studies, as the course's fact sheet gives them: (label, share, source).
IMPLEMENTATION_STUDIES = (
    (N_("Supported recommendations"), 0.55, "Beyond Promises, 2014"),
    (N_("All recommendations"), 0.48, "Beyond Promises, 2014"),
    (N_("All recommendations"), 0.40, "On the road to implementation, 2012"),
    (N_("Noted recommendations"), 0.19, "Beyond Promises, 2014"),
)
FULL_IMPLEMENTATION_AT_MID_TERM = 0.10  # "usually around 10%" (Beyond Promises, 2014)


def implementation_studies_figure() -> Figure:
    """What UPR Info's studies found: the share of recommendations that had led to some action
    by the middle of the cycle, with a line at the share usually fully implemented by then."""
    title = _("Halfway to the next review: much started, little finished")
    with mpl.rc_context(STYLE):
        fig = _figure(11, 4.6)
        ax = fig.add_subplot()
        rows = range(len(IMPLEMENTATION_STUDIES))[::-1]
        for y, (label, share, _study) in zip(rows, IMPLEMENTATION_STUDIES):
            noted = label.startswith("Noted")
            ax.barh(y, share, height=0.65, color=NOTED_COLOUR if noted else SUPPORTED_COLOUR,
                    hatch=NOTED_HATCH if noted else None)
            ax.text(share + 0.01, y, percent(share), va="center", fontsize=13, fontweight="bold")
        labels = [f"{_(label)}\n({study})" for label, _share, study in IMPLEMENTATION_STUDIES]
        ax.set_yticks(list(rows), labels)
        ax.axvline(FULL_IMPLEMENTATION_AT_MID_TERM, color="black", linestyle="--", linewidth=1.8)
        top = len(IMPLEMENTATION_STUDIES) - 0.4
        ax.annotate(_("fully implemented by mid-term: usually around {share}").format(
            share=percent(FULL_IMPLEMENTATION_AT_MID_TERM)), (FULL_IMPLEMENTATION_AT_MID_TERM, top),
                    xytext=(8, 0), textcoords="offset points", va="center", fontsize=11)
        ax.set_ylim(-0.6, top + 0.35)
        ax.set_xlim(0, 1)
        _percent_ticks(ax)
        ax.set_xlabel(_("Share that had led to some action by the middle of the cycle"))
        _set_title(ax, title)
        _source(fig, N_("Source: UPR Info, 'On the road to implementation' (2012) and 'Beyond Promises' (2014)."))
    return fig


def recommending_states_figure(states: pd.DataFrame, title: str = "", top: int = 15) -> Figure:
    """The States that made the most recommendations (``summaries.recommending_states``), as bars
    split into supported and noted, with the number at the end of each bar."""
    title = title or _("Which States made these recommendations")
    with mpl.rc_context(STYLE):
        if states.empty:
            return _message(_figure(10, 3), title, _("No recommendations for this choice in the course's data."))
        table = states.head(top)
        fig = _figure(11, 1.8 + 0.42 * len(table))
        ax = fig.add_subplot()
        rows = range(len(table))[::-1]
        ax.barh(rows, table["supported"], color=SUPPORTED_COLOUR, label=_("Supported"), height=0.7)
        ax.barh(rows, table["noted"], left=table["supported"], color=NOTED_COLOUR, hatch=NOTED_HATCH,
                label=_("Noted"), height=0.7)
        if "pending" in table and table["pending"].fillna(0).gt(0).any():
            ax.barh(rows, table["pending"], left=table["supported"] + table["noted"], color=PENDING_COLOUR, hatch="..",
                    label=_("Pending (no answer yet)"), height=0.7)
        for y, row in zip(rows, table.itertuples()):
            ax.text(row.recommendations, y, f" {int(row.recommendations)}", va="center", fontsize=11)
        ax.set_yticks(list(rows), [f"{state}" for state in table["state"]])
        ax.set_xlim(0, table["recommendations"].max() * 1.12 + 0.5)
        ax.xaxis.get_major_locator().set_params(integer=True)
        if len(states) > len(table):
            label = _("Number of recommendations (recommending States: the {shown} with most, of {count})").format(
                shown=len(table), count=len(states))
        else:
            label = ngettext("Number of recommendations (recommending States: all {count})",
                             "Number of recommendations (recommending States: all {count})", len(states)).format(
                count=len(states))
        ax.set_xlabel(label)
        ax.legend(loc="lower right", frameon=False)
        _set_title(ax, title)
        _source(fig, SOURCE_DATA)
    return fig


def scorecard_figure(scorecard: pd.DataFrame, title: str = "", top: int = 12) -> Figure:
    """Supported recommendations per issue (``summaries.implementation_scorecard``): the specific
    ones (category 5, easiest to check) darker, and how often the issue came back at the next
    review written at the end of each bar when the data knows it."""
    title = title or _("What the government promised, by issue")
    table = scorecard[scorecard["supported"] > 0].head(top)
    with mpl.rc_context(STYLE):
        if table.empty:
            return _message(_figure(10, 3), title, _("No supported recommendations with issue labels for this choice."))
        fig = _figure(11, 1.9 + 0.45 * len(table))
        ax = fig.add_subplot()
        rows = range(len(table))[::-1]
        specific = table["specific"]
        other = table["supported"] - specific
        ax.barh(rows, specific, color=BLUE, label=_("Specific action (category 5)"), height=0.7)
        ax.barh(rows, other, left=specific, color=SKY, label=_("Other supported"), height=0.7)
        known = table["raised_next_cycle"].notna().any()
        column = ax.get_yaxis_transform()  # x in axes fraction, y in rows
        for y, row in zip(rows, table.itertuples()):
            ax.text(row.supported, y, f" {int(row.supported)}", va="center", fontsize=11)
            if known:
                ax.text(1.1, y, f"{int(row.raised_next_cycle)}", transform=column, ha="center", va="center", fontsize=12)
        if known:  # the column's header, inside the plot's height, so that it never runs into the title
            ax.set_ylim(-0.6, len(table) + 0.9)
            ax.text(1.1, len(table) - 0.45, _("Raised again at\nthe next review"), transform=column, ha="center",
                    va="bottom", fontsize=11, fontweight="bold")
        ax.set_yticks(list(rows), [_wrap(issue_label(issue), 34) for issue in table["issue"]])
        ax.set_xlim(0, table["supported"].max() * 1.12 + 0.5)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.set_xlabel(_("Supported recommendations (joint ones counted once)"))
        ax.legend(loc="lower right", frameon=False)
        _set_title(ax, title)
        _source(fig, SOURCE_DATA)
    return fig


__all__ = [
    "STYLE",
    "cycle_at_home_figure",
    "implementation_studies_figure",
    "preparation_figure",
    "recommending_states_figure",
    "scorecard_figure",
    "shares_by_issue_figure",
    "timeline_figure",
]


# -- lesson 04: how strong the recommendations are -----------------------------------------

#: How the cycles read on the lessons' pictures (OHCHR, "Cycles of the Universal Periodic Review").
CYCLE_TICKS = {1: N_("Cycle 1\n2008-2011"), 2: N_("Cycle 2\n2012-2016"), 3: N_("Cycle 3\n2017-2022"),
               4: N_("Cycle 4\nfrom 2022")}


def action_categories_figure(table: pd.DataFrame, title: str = "") -> Figure:
    """UPR Info's action categories (``summaries.action_category_table``) as bars, category 5
    (specific action) on top, each split into supported and noted, with the number and the
    share of all recommendations written at its end."""
    from .summaries import ACTION_CATEGORIES

    title = title or _("How strong are the recommendations?")
    if len(title) > 58 and ": " in title:  # two lines rather than a title wider than the picture
        title = title.replace(": ", ":\n", 1)
    with mpl.rc_context(STYLE):
        if table.empty or int(table["total"].sum()) == 0:
            return _message(_figure(10, 3), title, _("No recommendations with an action category for this choice."))
        table = table.sort_values("category").reset_index(drop=True)
        fig = _figure(11, 4.9 + 0.35 * title.count("\n"))
        ax = fig.add_subplot()
        rows = list(table["category"] - 1)  # category 1 at the bottom, 5 on top
        ax.barh(rows, table["supported"], color=SUPPORTED_COLOUR, label=_("Supported"), height=0.7)
        ax.barh(rows, table["noted"], left=table["supported"], color=NOTED_COLOUR, hatch=NOTED_HATCH,
                label=_("Noted"), height=0.7)
        if "pending" in table and table["pending"].fillna(0).gt(0).any():
            ax.barh(rows, table["pending"], left=table["supported"] + table["noted"], color=PENDING_COLOUR, hatch="..",
                    label=_("Pending (no answer yet)"), height=0.7)
        for y, row in zip(rows, table.itertuples()):
            ax.text(row.total, y, f" {int(row.total)} ({percent(row.share)})", va="center", fontsize=11)
        labels = []
        for number in table["category"]:
            name, words = ACTION_CATEGORIES[int(number)]
            labels.append(f"{number} {_(name)}" + (f"\n{_(words)}" if words else ""))
        ax.set_yticks(rows, labels)
        for tick, number in zip(ax.get_yticklabels(), table["category"]):
            if int(number) == 5:
                tick.set_fontweight("bold")
        ax.set_xlim(0, table["total"].max() * 1.25 + 0.5)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.set_xlabel(_("Recommendations (joint ones counted once); share of all in brackets"))
        ax.legend(loc="lower right", frameon=False)
        _set_title(ax, title)
        _source(fig, N_("Source: UPR Info, Database of UPR Recommendations (action categories: UPR Info's scale)."))
    return fig


def noted_by_category_figure(shares: pd.DataFrame) -> Figure:
    """The share of recommendations noted in each action category, all States
    (``summaries.specific_noted_shares``): governments say no most often to the specific ones."""
    from .summaries import ACTION_CATEGORIES

    table = shares.sort_values("category").reset_index(drop=True)
    by_category = dict(zip(table["category"].astype(int), table["noted_share"]))
    # Says what the bars show (it is not a steady rise: "consider" is noted more than general action).
    title = _('Governments note few calls to "continue" ({continuing}), many "consider" ({considering}) and specific '
              'ones ({specific})').format(continuing=percent(by_category.get(2, 0)),
                                          considering=percent(by_category.get(3, 0)), specific=percent(by_category.get(5, 0)))
    with mpl.rc_context(STYLE):
        fig = _figure(11, 4.4)
        ax = fig.add_subplot()
        rows = list(table["category"] - 1)
        ax.barh(rows, table["noted_share"], color=NOTED_COLOUR, hatch=NOTED_HATCH, height=0.7)
        for y, row in zip(rows, table.itertuples()):
            ax.text(row.noted_share + 0.01, y, _("{share} noted (of {total})").format(share=percent(row.noted_share),
                                                                                      total=number(row.total)),
                    va="center", fontsize=11)
        ax.set_yticks(rows, [f"{n} {_(ACTION_CATEGORIES[int(n)][0])}" for n in table["category"]])
        ax.set_xlim(0, 1)
        _percent_ticks(ax)
        ax.set_xlabel(_("Share of recommendations that governments noted (all States, 2008 to May 2017)"))
        _set_title(ax, title)
        _source(fig, SOURCE_DATA)
    return fig


# -- lesson 07: what the government says abroad ---------------------------------------------


def mirror_figure(by_cycle: pd.DataFrame, country: str, issue: str) -> Figure:
    """The consistency mirror cycle by cycle (``summaries.mirror_by_cycle``): on the left of each
    cycle, the recommendations the State made to others on the issue ("7 (of 270)": of all it
    made that cycle); on the right, those it received on the same issue, split into what it
    supported and what it noted."""
    from . import data

    country = data.local_state_names(country)
    title = _("{country} on {issue}: abroad and at home").format(country=country, issue=issue_label(issue))
    if len(title) > 60 and ": " in title:  # two lines rather than a title wider than the picture
        head, _colon, tail = title.rpartition(": ")
        title = f"{head}:\n{tail}"
    with mpl.rc_context(STYLE):
        if by_cycle.empty:
            return _message(_figure(10, 3), title,
                            _("No recommendations on this issue made or received by {country} in the course's "
                              "data.").format(country=country))
        fig = _figure(11, 5.2)
        ax = fig.add_subplot()
        x = list(range(len(by_cycle)))
        width = 0.36
        left = [i - width / 2 - 0.02 for i in x]
        right = [i + width / 2 + 0.02 for i in x]
        ax.bar(left, by_cycle["made_abroad"], width, color=GREEN,
               label=_("{country} recommended to other States").format(country=country))
        ax.bar(right, by_cycle["supported"], width, color=SUPPORTED_COLOUR,
               label=_("Received: {country} supported").format(country=country))
        ax.bar(right, by_cycle["noted"], width, bottom=by_cycle["supported"], color=NOTED_COLOUR,
               hatch=NOTED_HATCH, label=_("Received: {country} noted").format(country=country))
        for xl, xr, row in zip(left, right, by_cycle.itertuples()):
            made = (_("{made} (of {made_all})").format(made=int(row.made_abroad), made_all=int(row.made_all))
                    if getattr(row, "made_all", 0) else f"{int(row.made_abroad)}")
            ax.text(xl, row.made_abroad, made, ha="center", va="bottom", fontsize=12)
            if not row.noted:
                label = f"{int(row.received)}"
            elif not row.supported:
                label = _("{received} (all noted)").format(received=int(row.received))
            else:
                label = _("{received} ({noted} noted)").format(received=int(row.received), noted=int(row.noted))
            if not getattr(row, "reviewed", True):  # no review of this State in the data that cycle
                label = _("review not\nin the data")
            ax.text(xr, row.received, label, ha="center", va="bottom", fontsize=12 if "\n" not in label else 10,
                    color="#555" if "\n" in label else "black")
        ax.set_xticks(x, [_(CYCLE_TICKS[int(c)]) if int(c) in CYCLE_TICKS else _("Cycle {cycle}").format(cycle=c)
                          for c in by_cycle["cycle"]])
        top = max(int(by_cycle["made_abroad"].max()), int(by_cycle["received"].max()))
        ax.set_ylim(0, top * 1.2 + 1)
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.set_ylabel(_("Recommendations"))
        ax.set_xlabel(_("UPR cycle"))
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=3, frameon=False, fontsize=11)
        _set_title(ax, title)
        _source(fig, N_("Source: UPR Info, Database of UPR Recommendations (sessions 1-27, 2008 to May 2017). Cycle 3: "
                        "read by the course's issue model."))
    return fig


__all__ += ["action_categories_figure", "mirror_figure", "noted_by_category_figure"]
