"""The goal measure's figures of what the data allows (``goal_eval``): a low precision must be
told apart from a country that holds few recommendations on the subject."""

from upr_course.match.goal_eval import Goal, GoalResult, summary


def _goal(relevant, not_relevant=()):
    return Goal(id="g", language="es", split="held-out", country="Chile", goal="x",
                relevant=set(relevant), not_relevant=set(not_relevant))


def test_a_country_with_four_relevant_recommendations_caps_precision_at_four_tenths():
    goal = _goal({"a", "b", "c", "d"}, {f"n{i}" for i in range(6)})
    ranked = GoalResult(goal, ["a", "b", "c", "d", "n0", "n1", "n2", "n3", "n4", "n5"])
    assert ranked.precision == 0.4
    assert ranked.best_possible == 0.4
    assert ranked.found_share == 1.0  # the matcher did all the data allowed


def test_found_share_counts_what_a_list_of_ten_could_hold_and_deep_judgements_count():
    goal = _goal({f"r{i}" for i in range(14)}, {"n0", "n1", "n2"})
    shown = ["r0", "n0", "r1", "n1", "r2", "n2", "r3", "r4", "r5", "r6"]
    result = GoalResult(goal, shown)
    assert result.best_possible == 1.0
    assert result.found_share == 0.7
    assert result.precision == 0.7


def test_a_goal_with_nothing_known_has_no_share_and_is_left_out_of_the_mean():
    empty = GoalResult(_goal(set(), {"n0"}), ["n0"])
    full = GoalResult(_goal({"a", "b"}), ["a", "b"])
    assert empty.found_share is None and empty.best_possible == 0.0
    figures = summary([empty, full])
    assert figures["found_share"] == 1.0
    assert figures["best_possible@10"] == 0.1
    assert figures["fewer_than_10_known"] == 2
    assert figures["nothing_relevant"] == ["g"]


def test_an_empty_summary_has_every_figure():
    assert set(summary([])) == set(summary([GoalResult(_goal({"a"}), ["a"])]))
