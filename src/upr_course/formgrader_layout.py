"""A narrower layout for nbgrader's formgrader pages, so that they fit JupyterLab on a laptop.

nbgrader's formgrader (the trainer's "Manage Assignments", "Manual Grading" and "Manage
Students" pages) is a web page that JupyterLab shows in an iframe in its main area. The page
keeps a fixed column on the left for its own menu and lays out an eleven-column table next to
it. On a laptop screen (1366 pixels wide) with JupyterLab's file browser open, the main area
is about 1,000 pixels wide, and the last columns of the table (**Generate Feedback**,
**Release Feedback**) were cut off or needed a sideways scroll that trainers did not find.

nbgrader has no setting for its page's style, and the course does not patch installed files.
This Jupyter server extension (enabled by ``jupyter/common/jupyter_server_config.d/``, so by
``make lab`` and ``make lab TRAINER=1`` alike, and by the JupyterHub set-up) adds the course's
style sheet, ``formgrader_layout.css``, to nbgrader's page template when the formgrader is
loaded: when the page is narrower than 1,200 pixels, nbgrader's menu becomes a row of tabs
above the table, and the table gets the whole width. Nothing else changes. In a participant's
JupyterLab the formgrader is switched off, and this extension does nothing.

It must load after nbgrader's formgrader extension (which creates the templates' environment).
Jupyter loads server extensions in alphabetical order of their names, and
``nbgrader.server_extensions.formgrader`` comes before ``upr_course.formgrader_layout``.
"""

from __future__ import annotations

from importlib import resources

from jinja2 import BaseLoader

#: The template of nbgrader's that every formgrader page is built on, and where the style goes.
BASE_TEMPLATE = "base.tpl"
ANCHOR = "</head>"


def style_sheet() -> str:
    """The course's CSS for the formgrader's pages."""
    return resources.files("upr_course").joinpath("formgrader_layout.css").read_text(encoding="utf-8")


class WithCourseStyle(BaseLoader):
    """nbgrader's own template loader, with the course's style sheet added to its base page.

    Only ``base.tpl`` changes: a ``<style>`` element just before ``</head>``, after nbgrader's
    own style sheets, so that the course's rules win. Every other template is nbgrader's, as is.
    """

    def __init__(self, inner: BaseLoader, css: str):
        self.inner = inner
        self.css = css

    def get_source(self, environment, template):
        source, filename, uptodate = self.inner.get_source(environment, template)
        if template == BASE_TEMPLATE and ANCHOR in source:
            style = '<style id="upr-course-formgrader-layout">{% raw %}' + self.css + "{% endraw %}</style>\n"
            source = source.replace(ANCHOR, style + ANCHOR, 1)
        return source, filename, uptodate

    def list_templates(self):
        return self.inner.list_templates()


def add_course_style(settings: dict, log) -> bool:
    """Wrap the formgrader's template loader in ``settings`` (the server's web settings).

    Returns whether it did: not when nbgrader's formgrader is not loaded (a participant's
    JupyterLab), nor twice.
    """
    environment = settings.get("nbgrader_jinja2_env")
    if environment is None:
        log.debug("upr-course: nbgrader's formgrader is not loaded; its layout is left as it is")
        return False
    if isinstance(environment.loader, WithCourseStyle):
        return False
    base_source = environment.loader.get_source(environment, BASE_TEMPLATE)[0]
    if ANCHOR not in base_source:
        log.warning("upr-course: nbgrader's %s has no %s; the formgrader keeps its own layout "
                    "(its table may be wider than JupyterLab's panel on a laptop)", BASE_TEMPLATE, ANCHOR)
        return False
    environment.loader = WithCourseStyle(environment.loader, style_sheet())
    log.info("upr-course: the formgrader's pages use the course's layout for narrow panels")
    return True


def _jupyter_server_extension_points():
    return [{"module": "upr_course.formgrader_layout"}]


def _load_jupyter_server_extension(serverapp):
    add_course_style(serverapp.web_app.settings, serverapp.log)
