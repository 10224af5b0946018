"""Browser tests (``make e2e``): a real JupyterLab, driven by Playwright in Debian's Chromium.

Each run copies the course (lessons, exercises, solutions, datasets and nbgrader's config) to a
temporary folder, starts JupyterLab there on 127.0.0.1 with a token, and drives it as a
participant would: menus, clicks, typing. Screenshots of each page go to
``e2e-screenshots/<test name>/`` (git-ignored), for people to look at.

The tests are marked ``e2e`` and are left out of a plain ``pytest`` / ``make test`` run: they
run only when ``-m`` names the marker (``make e2e`` runs ``pytest -m e2e tests/e2e``).
Playwright never downloads a browser here: it starts the Chromium at ``/usr/bin/chromium``
(Debian's ``chromium`` package; ``UPR_COURSE_CHROMIUM`` names another one).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO_ROOT / "e2e-screenshots"
CHROMIUM = Path(os.environ.get("UPR_COURSE_CHROMIUM", "/usr/bin/chromium"))
# As the machine's notes require: no GPU, no QUIC, and no calls home at start-up.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: A laptop's screen, as the course is used in workshops.
VIEWPORT = {"width": 1366, "height": 768}
#: What JupyterLab needs from the course root: nbgrader finds its config in the server's folder.
COPIED = ("course", "exercises", "solutions", "datasets", "nbgrader_config.py")
LEFT_OUT = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "my-plans", "my-scorecards")
START_TIMEOUT = 90  # seconds for JupyterLab to answer /api (nbgrader's extension alone takes a few)
#: Text that a widget shows when it is NOT rendered as a control.
WIDGET_AS_TEXT = re.compile(
    r"\b(?:Dropdown|VBox|HBox|Tab|Button|Combobox|Textarea|RadioButtons|HTML|Output|Accordion)\(|"
    r"Error displaying widget|Loading widget\.\.\.|model not found"
)


def pytest_collection_modifyitems(config, items):
    """Leave the browser tests out unless ``-m`` names ``e2e``."""
    if "e2e" in (config.getoption("markexpr", "") or ""):
        return
    kept, dropped = [], []
    for item in items:
        (dropped if item.get_closest_marker("e2e") else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
        config._upr_e2e_left_out = len(dropped)


def pytest_terminal_summary(terminalreporter, config):
    left_out = getattr(config, "_upr_e2e_left_out", 0)
    if left_out:
        terminalreporter.write_line(f"{left_out} browser test(s) left out: run them with `make e2e` (pytest -m e2e).")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200 and "version" in json.loads(response.read())
    except (OSError, ValueError):
        return False


class Lab:
    """A JupyterLab server on a copy of the course, and what the tests do in it."""

    #: JupyterLab's menu names in each language pack the course installs (make lab LANG=...).
    MENU_NAMES = {"es": {"File": "Archivo", "Run": "Ejecutar"}, "fr": {"File": "Fichier", "Run": "Exécuter"}}

    def __init__(self, root: Path, port: int, token: str, log: Path, language: str = "en"):
        self.root, self.port, self.token, self.log = root, port, token, log
        self.language = language
        self.base = f"http://127.0.0.1:{port}"

    def url(self, path: str = "lab") -> str:
        return f"{self.base}/{path}?token={self.token}"

    def workspace_url(self, tree: str = "") -> str:
        """A new, empty JupyterLab workspace (no tabs restored from an earlier test), opening ``tree``."""
        self.workspaces = getattr(self, "workspaces", 0) + 1
        path = f"lab/workspaces/e2e-{self.workspaces}" + (f"/tree/{tree}" if tree else "")
        return self.url(path) + "&reset"

    def api(self, method: str, path: str):
        request = urllib.request.Request(f"{self.base}/api/{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shut_down_kernels(self) -> None:
        # A kernel that is already shutting down (its session was just deleted) may answer 404
        # or 500: it is going away all the same.
        for session in self.api("GET", "sessions"):
            with contextlib.suppress(urllib.error.HTTPError):
                self.api("DELETE", f"sessions/{session['id']}")
        for kernel in self.api("GET", "kernels"):
            with contextlib.suppress(urllib.error.HTTPError):
                self.api("DELETE", f"kernels/{kernel['id']}")

    # -- a notebook -----------------------------------------------------------------------

    def open(self, page, notebook: str):
        """Open a notebook in JupyterLab and wait until its kernel is idle."""
        page.goto(self.workspace_url(notebook))
        page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell", timeout=60_000)
        self.wait_idle(page)

    def wait_idle(self, page, timeout: float = 90) -> None:
        """Wait until the kernel of the open notebook has started and is idle (the REST API says)."""
        deadline = time.monotonic() + timeout
        kernels = None
        while time.monotonic() < deadline:
            try:
                kernels = self.api("GET", "kernels")
            except urllib.error.HTTPError as error:
                # While the previous test's kernel is still shutting down, the server can answer
                # 500 for a moment: ask again rather than fail the test for it.
                if error.code != 500:
                    raise
                page.wait_for_timeout(500)
                continue
            if kernels and all(k["execution_state"] == "idle" for k in kernels):
                return
            page.wait_for_timeout(250)
        raise AssertionError(f"the kernel did not become idle in {timeout} s: {kernels}")

    def menu(self, page, menu: str, command: str) -> None:
        """Click a JupyterLab menu, then one of its items (by command id), as a person would."""
        # A language pack may leave a menu's name in English (JupyterLab 4.6 with the 4.5 packs: "Run").
        names = {menu, self.MENU_NAMES.get(self.language, {}).get(menu, menu)}
        pattern = "|".join(re.escape(name) for name in sorted(names))
        page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(rf"^(?:{pattern})$")).first.click()
        page.locator(f'.lm-Menu-item[data-command="{command}"]').first.click()

    def run_all(self, page, timeout: float = 60) -> None:
        """Run > Run All Cells, then wait until no cell is running or waiting."""
        self.menu(page, "Run", "runmenu:run-all")
        page.wait_for_function(
            """() => {
                const prompts = [...document.querySelectorAll(
                    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt')].map(p => p.textContent);
                return prompts.length > 0 && prompts.some(p => /\\[\\d+\\]/.test(p)) && !prompts.some(p => p.includes('*'));
            }""",
            timeout=timeout * 1000,
        )
        self.wait_idle(page)

    def run_all_and_save(self, page, notebook: str, timeout: float = 240) -> nbformat.NotebookNode:
        """Run All, then save until every code cell has run (or ``timeout`` passes).

        Why not ``run_all`` then ``save``: JupyterLab renders the cells of a long notebook
        lazily, so the prompts ``run_all`` reads can all show a number while a cell further
        down has not been rendered yet, and the kernel is idle for a moment between two
        cells. On a busy machine the notebook was saved with its last cells still queued
        ("cell 22 did not run"). The saved file says for certain which cells ran."""
        deadline = time.monotonic() + timeout
        self.run_all(page, timeout=timeout)
        while True:
            saved = self.save(page, notebook)
            pending = [c for c in saved.cells if c.cell_type == "code" and c.execution_count is None]
            if not pending or time.monotonic() > deadline:
                return saved
            page.wait_for_timeout(1000)
            self.wait_idle(page)

    def save(self, page, notebook: str) -> nbformat.NotebookNode:
        """File > Save, then read the saved notebook back from the server's folder."""
        self.menu(page, "File", "docmanager:save")
        page.wait_for_function(
            "() => !document.querySelector('.lm-TabBar-tab.lm-mod-current.jp-mod-dirty')", timeout=30_000
        )
        return nbformat.read(self.root / notebook, as_version=4)

    def problems(self, page, notebook: nbformat.NotebookNode) -> list[str]:
        """What went wrong: error outputs outside cells tagged ``raises-exception``, cells that
        never ran, and widgets shown as text instead of controls."""
        found = []
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type != "code":
                continue
            tags = cell.metadata.get("tags", [])
            if cell.execution_count is None:
                found.append(f"cell {index} did not run")
            for output in cell.outputs:
                if output.output_type == "error" and "raises-exception" not in tags:
                    found.append(f"cell {index} shows an error: {output.ename}: {output.evalue}")
        shown = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output").all_text_contents()
        found += [f"an output shows a widget as text: {text[:120]!r}" for text in shown if WIDGET_AS_TEXT.search(text)]
        return found


def lab_config_path(trainer: bool) -> str:
    """The Jupyter configuration folders that ``make lab`` (or ``make lab TRAINER=1``) uses."""
    folders = ([] if trainer else [REPO_ROOT / "jupyter" / "participant"]) + [REPO_ROOT / "jupyter" / "common"]
    return os.pathsep.join(str(folder) for folder in folders)


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """A participant's JupyterLab (as ``make lab``) on a temporary copy of the course, on 127.0.0.1 with a token."""
    yield from _lab(tmp_path_factory, trainer=False)


@pytest.fixture(scope="session")
def trainer_lab(tmp_path_factory):
    """A trainer's JupyterLab (as ``make lab TRAINER=1``), with nbgrader's formgrader."""
    yield from _lab(tmp_path_factory, trainer=True)


@pytest.fixture(scope="session")
def spanish_lab(tmp_path_factory):
    """A participant's JupyterLab as ``make lab LANG=es`` starts it: the package's messages and
    JupyterLab's menus in Spanish (upr_course/i18n/lab.py)."""
    yield from _lab(tmp_path_factory, trainer=False, language="es")


def _lab(tmp_path_factory, trainer: bool, language: str = "en"):
    home = tmp_path_factory.mktemp("e2e-trainer" if trainer else f"e2e-{language}")
    root = home / "upr-course"
    root.mkdir()
    for name in COPIED:
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=LEFT_OUT)
        else:
            shutil.copy2(source, root / name)
    port, token = _free_port(), secrets.token_hex(24)
    env = {
        **os.environ,
        # Nothing from this machine's own Jupyter set-up, and no state kept between runs.
        "JUPYTER_CONFIG_DIR": str(home / "jupyter-config"),
        "JUPYTER_CONFIG_PATH": lab_config_path(trainer),
        "JUPYTER_DATA_DIR": str(home / "jupyter-data"),
        "JUPYTER_RUNTIME_DIR": str(home / "jupyter-runtime"),
        "IPYTHONDIR": str(home / "ipython"),
        "UPR_COURSE_DATA": str(root / "datasets"),
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        # As `make lab` does: nbgrader runs the venv's `alembic` command when it creates the gradebook.
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "UPR_COURSE_LANG": language,
    }
    log = home / "jupyterlab.log"
    command = [
        sys.executable, "-m", "jupyterlab", "--no-browser",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        "--ServerApp.allow_root=True",  # CI runs as root
    ]
    if language != "en":
        from upr_course.i18n.lab import settings_dir

        command.append(f"--LabApp.app_settings_dir={settings_dir(Path(sys.prefix) / 'share' / 'jupyter' / 'lab', language)}")
    with open(log, "wb") as log_file:
        server = subprocess.Popen(command, cwd=root, env=env, stdout=log_file, stderr=subprocess.STDOUT,
                                  stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not _answers(f"http://127.0.0.1:{port}/api"):
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not start (exit code {server.poll()}):\n{log.read_text()[-4000:]}")
            time.sleep(0.3)
        yield Lab(root, port, token, log, language)
    finally:
        with contextlib.suppress(OSError):
            Lab(root, port, token, log).shut_down_kernels()
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture(scope="session")
def playwright_driver():
    if not CHROMIUM.exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: install Debian's package (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(autouse=True)
def _kernels_shut_down_after_each_test(request):
    """Each test starts with no kernel running (two cores: an idle kernel still costs memory)."""
    yield
    for name in ("lab", "trainer_lab"):
        if name in request.fixturenames:
            request.getfixturevalue(name).shut_down_kernels()


@pytest.fixture
def page(playwright_driver, tmp_path, request):
    """A Chromium page in a fresh profile (its own --user-data-dir); a screenshot when a test fails."""
    context = playwright_driver.chromium.launch_persistent_context(
        user_data_dir=str(tmp_path / "chromium-profile"),
        executable_path=str(CHROMIUM),
        headless=True,
        args=CHROMIUM_ARGS,
        viewport=VIEWPORT,
    )
    context.set_default_timeout(30_000)
    page = context.pages[0] if context.pages else context.new_page()
    try:
        yield page
        report = getattr(request.node, "report_call", None)
        if report is not None and report.failed:
            folder = SCREENSHOTS / re.sub(r"[^\w.-]+", "_", request.node.name)
            folder.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(folder / "failed.png"))
    finally:
        context.close()


@pytest.fixture
def shots(request):
    """``shot(page, name)`` saves a screenshot as e2e-screenshots/<test name>/NN-name.png."""
    folder = SCREENSHOTS / re.sub(r"[^\w.-]+", "_", request.node.name)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    taken = []

    def shot(page, name: str, top=None) -> Path:
        """The page as a person sees it; with ``top``, scrolled so that this element is at the top."""
        if top is not None:
            top.evaluate("e => e.scrollIntoView({block: 'start'})")
            page.wait_for_timeout(300)
        path = folder / f"{len(taken) + 1:02d}-{name}.png"
        page.screenshot(path=str(path))
        taken.append(path)
        return path

    shot.folder = folder
    return shot
