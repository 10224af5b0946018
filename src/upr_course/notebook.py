"""The notebook face: show results as HTML in a notebook cell.

Thin on purpose: the judging is the rubric's; this only displays it. Works in JupyterLab,
in the classic notebook and in a plain Python shell (where it prints text instead).
"""

from __future__ import annotations

import datetime as dt
import os

from .grading_io import parse_as_of
from .i18n import gettext as _
from .render.report import to_html, to_text
from .rubric import GradeResult, grade_text

AS_OF_ENV_VAR = "UPR_COURSE_AS_OF"


def grading_date(as_of: str | dt.date | None = None) -> dt.date | None:
    """The "today" of grading: the argument, else ``UPR_COURSE_AS_OF`` (YYYY-MM-DD), else None (today)."""
    if isinstance(as_of, dt.date):
        return as_of
    return parse_as_of(as_of if as_of is not None else os.environ.get(AS_OF_ENV_VAR) or None)


def _display(html: str, text: str) -> None:
    try:
        from IPython import get_ipython
        from IPython.display import HTML, display
    except ImportError:  # pragma: no cover - IPython is installed with the course
        print(text)
        return
    if get_ipython() is None:
        print(text)
    else:
        display(HTML(html))


def check_plan(plan_text: str, as_of: str | dt.date | None = None, show: bool = True) -> GradeResult:
    """Grade a plan's YAML text and show a friendly report: points per criterion, what to fix first.

    Returns the result, so a notebook can use its numbers (``result.total``).
    """
    result = grade_text(plan_text, name=_("your plan"), as_of=grading_date(as_of))
    if show:
        _display(to_html(result), to_text(result))
    return result
