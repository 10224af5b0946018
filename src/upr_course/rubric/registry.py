"""The criteria of the action plan spec, each declared once: id, weight, title, scorer, why.

Everything else derives from this table: the weights (``WEIGHTS``), the titles in reports,
the columns of the gradebook, the table in the trainer guide (``weights_table``). A new
criterion, or a new weight, is one line here.

The weights (100 points in all) were calibrated on the course's example plans and the
calibration set (``tests/calibration``): the three criteria that carry the course's idea
(domestic_link, added_value, brought_home) and balance weigh 52 points, so a plan that is
busy in Geneva but adds nothing at home cannot reach the middle band on its other merits.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ..i18n import N_, gettext
from . import criteria, feedback


@dataclass(frozen=True)
class Criterion:
    """One criterion: what it checks is the scorer's docstring.

    ``feedback`` holds every text its scorer can say, by key (declared in ``feedback.py``,
    marked for translation, said with ``feedback.say``); ``title`` is translated where shown
    (``title_of``).
    """

    id: str
    weight: float
    title: str
    scorer: Callable
    why: str
    feedback: Mapping[str, object] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.feedback:
            object.__setattr__(self, "feedback", feedback.BY_CRITERION[self.id])


CRITERIA: tuple[Criterion, ...] = (
    Criterion("goal", 8, N_("Goal and objectives"), criteria.score_goal, "a domestic goal with a time frame is where a plan starts"),
    Criterion(
        "domestic_link", 12, N_("Every UN step serves an objective"), criteria.score_domestic_link,
        "every UN step must serve one of the plan's own domestic objectives",
    ),
    Criterion("added_value", 18, N_("What each UN step adds"), criteria.score_added_value, "the course's central question: what does the UN step add?"),
    Criterion("brought_home", 14, N_("How results are brought home"), criteria.score_brought_home, "a UN result that never comes home changes nothing at home"),
    Criterion(
        "recommendations", 7, N_("Real recommendations, on your issue"), criteria.score_recommendations,
        "real recommendations to the plan's own country, on its issue",
    ),
    Criterion(
        "response_tactic", 8, N_("Tactic fits the Government's response"), criteria.score_response_tactic,
        "supported ones are pushed, noted ones exposed: the key tactic",
    ),
    Criterion(
        "cycle_coverage", 10, N_("Before, during and after the review"), criteria.score_cycle_coverage,
        "before, during and above all after the review (stopping on review day is a real gap), unless a light part is chosen",
    ),
    Criterion("timeline", 7, N_("Dates and the UPR calendar"), criteria.score_timeline, "dates that work with the country's real UPR calendar"),
    Criterion("media", 4, N_("Media moments"), criteria.score_media, "at least one media moment tied to a stage"),
    Criterion("risks", 4, N_("Risks, including reprisals"), criteria.score_risks, "reprisals are a real risk of engaging with the UN"),
    Criterion(
        "balance", 8, N_("Domestic work leads"), criteria.score_balance,
        "domestic work leads; international work supports it (or the reasons not to engage hold)",
    ),
)

@dataclass(frozen=True)
class CapstoneGroup:
    """One graded cell of the capstone (exercise 05): a part of the rubric and its criteria.

    Its points are the criteria's weights, so nbgrader's total for the plan equals the
    grader's total (``upr-course grade``). A test keeps the notebook's cells, their points
    and the table the participant reads equal to this list.
    """

    id: str
    title: str
    criteria: tuple[str, ...]

    @property
    def points(self) -> float:
        return float(sum(WEIGHTS[c] for c in self.criteria))

    @property
    def option(self) -> str:
        """The ``--group`` value that the cell passes to ``upr_course.grading.clean_grade``."""
        return f"{self.id}:{self.points:g}={','.join(self.criteria)}"


BY_ID: dict[str, Criterion] = {c.id: c for c in CRITERIA}
WEIGHTS: dict[str, float] = {c.id: c.weight for c in CRITERIA}
TITLES: dict[str, str] = {c.id: c.title for c in CRITERIA}
MAX_POINTS = float(sum(WEIGHTS.values()))


def title_of(criterion_id: str) -> str:
    """The criterion's title in the participant's language (its id for an unknown criterion)."""
    title = TITLES.get(criterion_id)
    return gettext(title) if title else criterion_id


def weights_table() -> str:
    """The criteria as a Markdown table, for the trainer guide (a test keeps the guide in step)."""
    rows = ["| criterion | points | what it checks | why this weight |", "| --- | --- | --- | --- |"]
    for c in CRITERIA:
        checks = (c.scorer.__doc__ or "").strip().splitlines()[0]
        rows.append(f"| `{c.id}` | {c.weight:g} | {checks} | {c.why} |")
    return "\n".join(rows)

CAPSTONE_GROUPS: tuple[CapstoneGroup, ...] = (
    CapstoneGroup("plan_goal_link_value", "your goal; each UN step serves an objective; what each UN step adds", ("goal", "domestic_link", "added_value")),
    CapstoneGroup("plan_brought_home", "how each result is brought home", ("brought_home",)),
    CapstoneGroup("plan_recommendations_tactic", "the recommendations you cite; a tactic that fits the response", ("recommendations", "response_tactic")),
    CapstoneGroup("plan_cycle_timeline", "before, during and after the review; dates on your country's calendar", ("cycle_coverage", "timeline")),
    CapstoneGroup("plan_media_risks_balance", "media moments; risks, including reprisals; domestic work leads", ("media", "risks", "balance")),
)


def capstone_points_table(reflection_points: float = 10) -> str:
    """The capstone's points table, as the participant reads it in the notebook."""
    rows = ["| part of the rubric | points |", "| --- | --- |"]
    rows += [f"| {g.title} | {g.points:g} |" for g in CAPSTONE_GROUPS]
    rows.append(f"| your reflection (graded by your trainer) | {reflection_points:g} |")
    return "\n".join(rows)
