"""In the plan builder, feedback names the form's tabs and fields in every language, never YAML lines."""

from __future__ import annotations

import re

import pytest

from upr_course.i18n import language
from upr_course.notebook import check_plan
from upr_course.plan_files import example_text
from upr_course.widgets.plan_builder import in_form_words

LINE_WORDS = {"en": r"lines?", "es": r"líneas?", "fr": r"lignes?"}
TAB_WORDS = {"en": "tab", "es": "pestaña", "fr": "onglet"}


@pytest.mark.parametrize("code", ["en", "es", "fr"])
def test_feedback_in_the_builder_names_tabs_not_lines(code):
    with language(code):
        result = check_plan(example_text("egypt_human_rights_defenders"), as_of="2026-11-29", show=False)
        raw = " ".join(c.feedback for c in result.criteria if c.feedback)
        shown = " ".join(in_form_words(c.feedback) for c in result.criteria if c.feedback)
    assert re.search(rf"\((?:{LINE_WORDS[code]}) \d", raw), "the example's report names lines: the test needs one"
    assert not re.search(rf"\((?:{LINE_WORDS[code]}) \d", shown), shown[:300]
    assert f"({TAB_WORDS[code]} " in shown
