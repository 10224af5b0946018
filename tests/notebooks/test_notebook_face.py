"""The notebook face shows the rubric's result and adds no judgement of its own."""

from __future__ import annotations

import datetime as dt

import pytest

from upr_course import notebook
from upr_course.render.report import to_html, to_text
from upr_course.rubric import grade_text

from sample_plans import strong_plan_with_real_ids


def test_check_plan_returns_the_same_grade_as_the_command_line_core(capsys):
    text = strong_plan_with_real_ids()
    shown = notebook.check_plan(text, as_of="2026-11-29")
    direct = grade_text(text, name="your plan", as_of=dt.date(2026, 11, 29))
    assert shown.to_dict() == direct.to_dict()
    printed = capsys.readouterr().out  # outside IPython the report is printed as text
    assert "/ 100" in printed


def test_as_of_comes_from_the_environment_when_not_given(monkeypatch):
    monkeypatch.setenv(notebook.AS_OF_ENV_VAR, "2031-01-01")
    assert notebook.grading_date() == dt.date(2031, 1, 1)
    assert notebook.grading_date("2027-02-03") == dt.date(2027, 2, 3)
    monkeypatch.delenv(notebook.AS_OF_ENV_VAR)
    assert notebook.grading_date() is None


def test_bad_environment_date_is_a_plain_error(monkeypatch):
    from upr_course.errors import UserError

    monkeypatch.setenv(notebook.AS_OF_ENV_VAR, "next week")
    with pytest.raises(UserError, match="YYYY-MM-DD"):
        notebook.grading_date()


def test_reports_show_each_criterion_and_what_to_fix_first():
    result = grade_text(
        strong_plan_with_real_ids().replace("Six-monthly public scorecard sent to the Ministry, Parliament and the press.", "Share the results."),
        as_of=dt.date(2026, 11, 29),
    )
    html, text = to_html(result), to_text(result)
    for criterion in result.criteria:
        assert criterion.id in html and criterion.id in text
    assert "Fix first" in html and "Fix first" in text


def test_an_unreadable_plan_is_reported_with_its_problems_not_a_score():
    result = grade_text("country: [", as_of=dt.date(2026, 11, 29))
    assert "could not be read" in to_html(result) and "could not be read" in to_text(result)
    assert "Line" in to_text(result) or "line" in to_text(result)


def test_a_users_mistake_in_a_notebook_shows_the_message_without_a_traceback(capsys):
    """Lesson 00's mistake on purpose (find_country("Kenia")): the message, no internal paths."""
    from IPython.core.interactiveshell import InteractiveShell

    from upr_course.errors import NOTEBOOK_HINT, show_in_notebook

    shell = InteractiveShell.instance()
    try:
        assert show_in_notebook(shell)
        result = shell.run_cell('from upr_course import data\ndata.find_country("Kenia")')
        shown = capsys.readouterr().out
    finally:
        InteractiveShell.clear_instance()
    assert result.error_in_exec is not None  # the cell still fails: Run All stops there
    assert "Did you mean 'Kenya'" in shown and NOTEBOOK_HINT in shown
    assert "Traceback" not in shown and "upr_course" not in shown and ".py" not in shown
