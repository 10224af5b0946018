"""The course's layout for nbgrader's formgrader pages (upr_course/formgrader_layout.py).

The browser test (tests/e2e/test_formgrader_layout.py) checks what a trainer sees; these check,
without a browser, that the style reaches nbgrader's real templates, once, and only there.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment, FileSystemLoader
from nbgrader.server_extensions.formgrader import handlers

from upr_course.formgrader_layout import WithCourseStyle, add_course_style, style_sheet

REPO_ROOT = Path(__file__).resolve().parents[2]
LOG = logging.getLogger("test-formgrader-layout")
STYLE = '<style id="upr-course-formgrader-layout">'


def _settings() -> dict:
    """The web settings as nbgrader's formgrader leaves them: its own templates' environment."""
    return {"nbgrader_jinja2_env": Environment(loader=FileSystemLoader([handlers.template_path]))}


@pytest.mark.parametrize("page", ["manage_assignments.tpl", "gradebook_assignments.tpl", "manage_students.tpl"])
def test_every_formgrader_page_gets_the_style_after_nbgraders_own(page):
    settings = _settings()
    assert add_course_style(settings, LOG) is True
    html = settings["nbgrader_jinja2_env"].get_template(page).render(base_url="/x", url_prefix=".")
    head = html[: html.index("</head>")]
    assert head.count(STYLE) == 1
    assert head.index("nbgrader.css") < head.index(STYLE)  # after nbgrader's rules, so ours win
    assert "@media (max-width: 1199px)" in head and "{% raw %}" not in head


def test_the_style_is_added_once_even_when_the_extension_loads_twice():
    settings = _settings()
    assert add_course_style(settings, LOG) is True
    assert add_course_style(settings, LOG) is False
    html = settings["nbgrader_jinja2_env"].get_template("manage_assignments.tpl").render(base_url="/x")
    assert html.count(STYLE) == 1


def test_a_participants_server_without_the_formgrader_is_left_alone():
    settings = {}
    assert add_course_style(settings, LOG) is False
    assert settings == {}


def test_a_base_template_without_a_head_keeps_nbgraders_layout_and_says_so(caplog):
    environment = Environment(loader=DictLoader({"base.tpl": "<body>{% block body %}{% endblock %}</body>"}))
    with caplog.at_level(logging.WARNING, logger=LOG.name):
        assert add_course_style({"nbgrader_jinja2_env": environment}, LOG) is False
    assert not isinstance(environment.loader, WithCourseStyle)
    assert "keeps its own layout" in caplog.text


def test_the_style_sheet_is_plain_css_that_jinja_leaves_as_it_is():
    css = style_sheet()
    assert "{% endraw %}" not in css and css.count("{") == css.count("}") > 0


@pytest.mark.parametrize("folder", ["jupyter/common", "deploy/jupyterhub/config/common"])
def test_make_lab_and_the_hub_switch_the_layout_on(folder):
    config = json.loads((REPO_ROOT / folder / "jupyter_server_config.d" / "upr-course.json").read_text())
    assert config["ServerApp"]["jpserver_extensions"]["upr_course.formgrader_layout"] is True
