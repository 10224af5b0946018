"""The lessons' pictures: built from real data, titled, labelled, readable, never empty."""

from __future__ import annotations

import io
from datetime import date

import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from upr_course import plots, summaries
from upr_course.timeline import country_timeline, stage_windows

TODAY = date(2026, 11, 29)


def _texts(fig: Figure) -> str:
    """Every piece of text drawn on the figure: titles, labels, ticks, annotations, legends."""
    fig.canvas.draw()  # tick labels exist only once drawn
    found = [text.get_text() for text in fig.findobj(lambda artist: hasattr(artist, "get_text"))]
    return "\n".join(found)


def _title(ax) -> str:
    """A panel's title: its own, or the figure's (long titles span the whole figure)."""
    own = ax.get_title(loc="left")
    suptitle = ax.get_figure()._suptitle
    return own or (suptitle.get_text() if suptitle is not None else "")


def _bars(ax) -> list[Rectangle]:
    return [patch for patch in ax.patches if isinstance(patch, Rectangle)]


def _check_readable(fig: Figure) -> None:
    assert isinstance(fig, Figure)
    axes = [ax for ax in fig.axes if ax.get_visible()]
    assert axes
    for ax in axes:
        assert _title(ax).strip(), "every panel needs a title"
        if ax.axison:
            assert ax.get_xlabel().strip(), "every x axis needs a label"
            sizes = [label.get_fontsize() for label in ax.get_yticklabels() + ax.get_xticklabels()]
            assert min(sizes) >= 11, "tick labels must be large enough to read"
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=40)
    assert buffer.getvalue().startswith(b"\x89PNG")


def test_the_timeline_shows_every_review_and_every_milestone():
    tl = country_timeline("Kenya", TODAY)
    fig = plots.timeline_figure(tl)
    _check_readable(fig)
    top, bottom = fig.axes
    assert "Kenya" in _title(top)
    labels = _texts(fig)
    for review in tl.past_reviews:
        assert f"Cycle {review.cycle}" in labels
    assert "projected" in labels and "about Oct 2029" in labels  # Kenya's next review is projected
    assert len(bottom.get_yticklabels()) == len(tl.milestones)
    assert "today" in labels


@pytest.mark.parametrize("country", ["Brazil", "Kenya"])
def test_the_today_line_never_crosses_a_label(country):
    """Brazil's next review is six months after 'today', Kenya's three years: in both, the
    review labels sit on white boxes above the line, and the 'today' label on the far side
    of its line from the next review's marker, whose box it must not overlap."""
    tl = country_timeline(country, TODAY)
    fig = plots.timeline_figure(tl)
    top = fig.axes[0]
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    notes = {a.get_text(): a for a in top.texts}
    today = notes["today"]
    for text, note in notes.items():
        if text.startswith(("Cycle", "Next")):
            assert note.get_bbox_patch() is not None and note.get_bbox_patch().get_facecolor()[:3] == (1.0, 1.0, 1.0)
            assert note.get_zorder() > top.lines[0].get_zorder()
            assert not today.get_window_extent(renderer).overlaps(note.get_window_extent(renderer)), text
    marker = top.transData.transform((plots.mdates.date2num(tl.next_review.start_date), 0))[0]
    today_box = today.get_window_extent(renderer)
    assert not (today_box.x0 <= marker <= today_box.x1), "'today' is written over the next review's marker"


def test_a_listed_review_is_not_called_projected():
    tl = country_timeline("Kenya", date(2025, 1, 10))  # session 49 (Apr-May 2025) is in the calendar
    assert not tl.next_review.projected
    labels = _texts(plots.timeline_figure(tl))
    assert "projected" not in labels and "Apr 2025" in labels


def test_the_cycle_picture_puts_years_at_home_and_hours_in_geneva():
    fig = plots.cycle_at_home_figure()
    _check_readable(fig)
    labels = _texts(fig)
    assert "In Geneva" in labels and "review\n(3.5 hours)" in labels and "Government, at home" in labels


def test_the_preparation_picture_has_a_bar_per_step_and_greys_closed_ones():
    today = date(2029, 3, 10)  # after Kenya's stakeholder deadline, before its other windows close
    tl = country_timeline("Kenya", today)
    prep = summaries.preparation_table(tl, stage_windows("Kenya", today), today)
    fig = plots.preparation_figure(prep, tl)
    _check_readable(fig)
    ax = fig.axes[0]
    bars = _bars(ax)
    assert len(bars) == len(prep)
    colours = {to_hex(bar.get_facecolor()) for bar in bars}
    assert to_hex(plots.LIGHT) in colours  # the closed stakeholder-report window
    assert "closed about 28 Feb 2029" in _texts(fig)


def test_the_shares_picture_has_a_supported_and_a_noted_bar_per_issue_and_a_total():
    by_issue = summaries.response_shares_by_issue("Kenya", 2, top=8)
    totals = summaries.response_totals("Kenya", 2)
    fig = plots.shares_by_issue_figure(by_issue, totals, "Kenya, cycle 2")
    _check_readable(fig)
    ax = fig.axes[0]
    bars = _bars(ax)
    assert len(bars) == 2 * (len(by_issue) + 1)
    supported, noted = bars[: len(bars) // 2], bars[len(bars) // 2 :]
    assert {to_hex(bar.get_facecolor()) for bar in supported} == {plots.SUPPORTED_COLOUR.lower()}
    assert {to_hex(bar.get_facecolor()) for bar in noted} == {plots.NOTED_COLOUR.lower()}
    assert all(bar.get_hatch() for bar in noted), "noted bars are hatched: never colour alone"
    for s_bar, n_bar in zip(supported, noted):
        assert s_bar.get_width() + n_bar.get_width() == pytest.approx(1)
    top_label = max(ax.get_yticklabels(), key=lambda label: label.get_position()[1])
    assert top_label.get_text() == summaries.ALL_ISSUES  # the total bar is drawn at the top
    assert "%" in _texts(fig)


def test_the_recommending_states_picture_keeps_the_top_states():
    states = summaries.recommending_states("Kenya", "Torture and other CID treatment")
    fig = plots.recommending_states_figure(states, "Kenya: torture", top=10)
    _check_readable(fig)
    ax = fig.axes[0]
    assert len(_bars(ax)) == 2 * 10
    top_label = max(ax.get_yticklabels(), key=lambda label: label.get_position()[1])
    assert top_label.get_text() == states["state"].iloc[0]  # the State with most recommendations at the top
    assert f"of {len(states)}" in ax.get_xlabel()


def test_the_scorecard_picture_splits_specific_promises_and_shows_the_next_review():
    card = summaries.implementation_scorecard("Kenya", 1)
    fig = plots.scorecard_figure(card, "Kenya, cycle 1", top=6)
    _check_readable(fig)
    assert len(_bars(fig.axes[0])) == 2 * 6
    assert "Raised again" in _texts(fig)
    later = plots.scorecard_figure(summaries.implementation_scorecard("Kenya", 2), "Kenya, cycle 2", top=6)
    assert "Raised again" not in _texts(later)  # the data cannot say for cycle 2


@pytest.mark.parametrize(
    "make",
    [
        lambda empty: plots.shares_by_issue_figure(empty, None, "Nothing"),
        lambda empty: plots.recommending_states_figure(empty, "Nothing"),
        lambda empty: plots.scorecard_figure(empty.assign(supported=[], specific=[], raised_next_cycle=[]), "Nothing"),
    ],
)
def test_an_empty_choice_gives_a_message_not_an_empty_chart(make):
    empty = summaries.response_shares_by_issue("Kenya", 3)  # Kenya is not in session 27
    assert empty.empty
    fig = make(empty)
    assert "No " in _texts(fig) and _title(fig.axes[0]) == "Nothing"


def test_the_participants_issue_is_marked_with_more_than_colour():
    issue = "Sexual Orientation and Gender Identity"
    by_issue = summaries.response_shares_by_issue("Seychelles", top=5, keep=issue)
    fig = plots.shares_by_issue_figure(by_issue, None, "Seychelles", highlight=issue)
    marked = [label for label in fig.axes[0].get_yticklabels() if label.get_text().startswith("\u25b6")]
    assert len(marked) == 1 and "Sexual Orientation" in marked[0].get_text()
    assert marked[0].get_fontweight() == "bold"


def test_the_studies_picture_gives_the_fact_sheets_figures_and_sources():
    fig = plots.implementation_studies_figure()
    _check_readable(fig)
    labels = _texts(fig)
    for share in ("55%", "48%", "40%", "19%", "around 10%"):
        assert share in labels
    assert "Beyond Promises" in labels and "On the road to implementation" in labels
    widths = sorted(round(bar.get_width(), 2) for bar in _bars(fig.axes[0]))
    assert widths == [0.19, 0.40, 0.48, 0.55]


# -- issue 17: titles and headers fit the picture ------------------------------------------------


def _texts_fit(fig) -> list[str]:
    """Texts of a figure that stick out of it, or that overlap the title (after drawing)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    frame = fig.bbox
    title = fig._suptitle
    problems = []
    ticks = {id(label) for ax in fig.axes for axis in (ax.xaxis, ax.yaxis)
             for tick in axis.get_major_ticks() + axis.get_minor_ticks() for label in (tick.label1, tick.label2)}
    texts = [t for t in fig.findobj(lambda a: hasattr(a, "get_text") and hasattr(a, "get_window_extent"))
             if t.get_visible() and t.get_text().strip() and id(t) not in ticks]  # the layout places ticks
    for text in texts:
        box = text.get_window_extent(renderer)
        if box.x0 < frame.x0 - 1 or box.x1 > frame.x1 + 1 or box.y0 < frame.y0 - 1 or box.y1 > frame.y1 + 1:
            problems.append(f"outside the picture: {text.get_text()!r}")
        if title is not None and text is not title and box.overlaps(title.get_window_extent(renderer)):
            problems.append(f"runs into the title: {text.get_text()!r}")
    return problems


def test_lesson_04_title_says_what_the_bars_show():
    from upr_course import summaries

    shares = summaries.specific_noted_shares()
    fig = plots.noted_by_category_figure(shares)
    title = fig._suptitle.get_text()
    assert "the more often" not in title.lower()
    noted = dict(zip(shares["category"], shares["noted_share"]))
    assert f"{noted[3]:.0%}" in title and f"{noted[5]:.0%}" in title
    assert _texts_fit(fig) == []


def test_lesson_06_long_title_is_not_cut():
    from upr_course import summaries

    issue = "Torture and other CID treatment"
    states = summaries.recommending_states("Kenya", issue, None)
    fig = plots.recommending_states_figure(states, f"Kenya, {issue}, all cycles: which States recommended")
    assert _texts_fit(fig) == []


def test_lesson_08_header_does_not_run_into_the_title():
    from upr_course import summaries

    scorecard = summaries.implementation_scorecard("Kenya", 1)
    fig = plots.scorecard_figure(scorecard, "Kenya, cycle 1: what the government supported, by issue")
    assert any("Raised again" in t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")))
    assert _texts_fit(fig) == []


def test_mirror_says_when_a_review_is_not_in_the_data():
    from upr_course import summaries
    from upr_course.match import mirror

    seen = mirror("Kenya", issue="Torture and other CID treatment")
    by_cycle = summaries.mirror_by_cycle(seen)
    assert not by_cycle.loc[by_cycle["cycle"] == 3, "reviewed"].item()  # Kenya's 2020 review is not in the data
    fig = plots.mirror_figure(by_cycle, "Kenya", seen.issue)
    labels = [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]
    assert any("not" in label and "in the data" in label for label in labels)
