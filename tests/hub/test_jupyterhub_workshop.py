"""A workshop on a real JupyterHub, on 127.0.0.1, through nbgrader's exchange.

The test starts the course's demo hub (deploy/jupyterhub/demo_config.py, the one `make hub`
starts): JupyterHub, configurable-http-proxy, and one single-user server per user, each with
its own home folder under a temporary folder (no system users are created). It then drives
a workshop through the Hub's REST API and the users' own servers, as their browsers would:

- the trainer generates and releases an assignment from the formgrader (its REST API);
- two participants fetch it from their Assignment List (nbgrader's server extension), fill
  it in through the Jupyter contents API, and submit it;
- the trainer collects, autogrades each participant and releases feedback (formgrader);
- the participants fetch their feedback, and each sees their own score.

Also checked: who may do what (a trainer cannot open a participant's server, participants
have no formgrader and cannot see each other), the gradebook address reaches trainers only,
and the memory of a participant's server with a lesson's kernel running (printed; the
README's sizing comes from it).

Marked ``hub`` and ``slow``; skipped with a reason when jupyterhub or
configurable-http-proxy is not installed (``make hub-setup`` installs both).
"""

from __future__ import annotations

import copy

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HUB_DIR = REPO / "deploy" / "jupyterhub"
DEMO_CONFIG = HUB_DIR / "demo_config.py"
BIN = Path(sys.executable).parent
COURSE_ID = "upr-course"
ASSIGNMENT = "01-should-we-engage"
NOTEBOOK = "should-we-engage"
TRAINER, PARTICIPANTS = "trainer", ("amina", "bruno")
USERS = (TRAINER, *PARTICIPANTS)
LESSON = "04-reading-recommendations.ipynb"

HUB_START_TIMEOUT = 60
SERVER_START_TIMEOUT = 180
REQUEST_TIMEOUT = 30
GRADING_TIMEOUT = 240


# --- the set-up files (fast, no hub) ---------------------------------------------------------


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            name, _, version = line.partition("==")
            assert version, f"{path.name}: not pinned exactly: {line}"
            pins[name.lower().replace("_", "-").replace(".", "-")] = version
    return pins


def test_hub_requirements_are_pinned_and_agree_with_the_lock():
    hub = _pins(HUB_DIR / "requirements-hub.txt")
    lock = _pins(REPO / "requirements.lock")
    assert "jupyterhub" in hub
    repinned = {name: (version, lock[name]) for name, version in hub.items() if name in lock and lock[name] != version}
    assert not repinned, f"requirements-hub.txt pins these differently from requirements.lock: {repinned}"
    assert "jupyterhub" not in lock, "jupyterhub is installed by `make hub-setup` only (see deploy/jupyterhub/README.md)"


def test_the_proxy_is_pinned_and_installed_locally_not_in_git():
    package = json.loads((HUB_DIR / "package.json").read_text())
    version = package["dependencies"]["configurable-http-proxy"]
    assert version[0].isdigit(), f"configurable-http-proxy must be pinned exactly, not {version!r}"
    assert "node_modules/" in (HUB_DIR / ".gitignore").read_text().split()
    makefile = (HUB_DIR / "hub.mk").read_text()
    for target in ("hub-setup:", "hub:", "hub-test:"):
        assert target in makefile


def test_only_trainers_servers_get_the_gradebook_and_the_formgrader():
    sys.path.insert(0, str(HUB_DIR))
    try:
        from course_hub import server_environment
    finally:
        sys.path.remove(str(HUB_DIR))
    url = "postgresql://upr:secret@127.0.0.1/upr_gradebook"
    trainer = server_environment("trainer", exchange="/x", gradebook_url=url, shared_grading_dir="/g")
    participant = server_environment("participant", exchange="/x", gradebook_url=url, shared_grading_dir="/g")
    assert trainer["UPR_COURSE_GRADEBOOK_URL"] == url
    assert not any("secret" in value or value == "/g" for value in participant.values())
    assert participant["JUPYTER_CONFIG_PATH"].split(os.pathsep)[0].endswith("participant")
    # Participants' lessons and data come from the participant kit, trainers' from the repository.
    kit = server_environment("participant", exchange="/x", course_repo="/srv/repo", participant_kit="/srv/kit", participant_site="/srv/site")
    assert kit["UPR_COURSE_REPO"] == "/srv/kit" and kit["UPR_COURSE_DATA"].startswith("/srv/kit") and kit["PYTHONPATH"] == "/srv/site"
    assert not any("/srv/repo" in value for value in kit.values())
    assert server_environment("trainer", exchange="/x", course_repo="/srv/repo", participant_kit="/srv/kit")["UPR_COURSE_REPO"] == "/srv/repo"
    # A workshop in Spanish: every server speaks Spanish, and participants open the Spanish lessons.
    assert participant["UPR_COURSE_LANG"] == "en"
    assert server_environment("participant", exchange="/x", language="es")["UPR_COURSE_LANG"] == "es"
    from course_hub import first_lesson

    assert first_lesson("es") == "upr-course/es/00-start-here.ipynb" and first_lesson("en") == "upr-course/00-start-here.ipynb"
    disabled = json.loads((HUB_DIR / "config" / "participant" / "jupyter_server_config.d" / "upr-course-participant.json").read_text())
    assert disabled["ServerApp"]["jpserver_extensions"]["nbgrader.server_extensions.formgrader"] is False


# --- the hub ---------------------------------------------------------------------------------


def _missing() -> str | None:
    try:
        import jupyterhub  # noqa: F401
    except ImportError:
        return "jupyterhub is not installed (run `make hub-setup`)"
    if not (BIN / "jupyterhub").exists() or not (BIN / "jupyterhub-singleuser").exists():
        return f"the jupyterhub commands are not in {BIN} (run `make hub-setup`)"
    if not ((HUB_DIR / "node_modules" / ".bin" / "configurable-http-proxy").exists() or shutil.which("configurable-http-proxy")):
        return "configurable-http-proxy is not installed (run `make hub-setup`; it needs Node.js and npm)"
    if not shutil.which("node"):
        return "Node.js is not installed: configurable-http-proxy needs it"
    return None


def _participant_course():
    sys.path.insert(0, str(HUB_DIR))
    try:
        import participant_course
    finally:
        sys.path.remove(str(HUB_DIR))
    return participant_course


def _free_base_port() -> int:
    """A port P with P, P+1 and P+2 free on 127.0.0.1 (the proxy, the Hub, the proxy's API)."""
    import random

    for _ in range(50):
        base = random.randint(20000, 40000)
        try:
            for port in (base, base + 1, base + 2):
                with socket.socket() as probe:
                    probe.bind(("127.0.0.1", port))
        except OSError:
            continue
        return base
    raise RuntimeError("no three free ports on 127.0.0.1")


class Hub:
    """A running hub: its address, the test's service token, and the log."""

    def __init__(self, state: Path, port: int, token: str, process: subprocess.Popen, log: Path):
        import requests

        self.state, self.url, self.process, self.log = state, f"http://127.0.0.1:{port}", process, log
        self.http = requests.Session()
        self.admin = {"Authorization": f"token {token}"}
        self.tokens: dict[str, str] = {}
        self.gradebook_url = ""

    def log_tail(self, lines: int = 60) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def api(self, method: str, path: str, token: str | None = None, **kwargs):
        headers = {"Authorization": f"token {token}"} if token else self.admin
        return self.http.request(method, f"{self.url}/hub/api/{path}", headers=headers, timeout=REQUEST_TIMEOUT, **kwargs)

    def user(self, method: str, name: str, path: str, as_user: str | None = None, timeout: float = REQUEST_TIMEOUT, **kwargs):
        """A request to ``name``'s server, with ``as_user``'s token (default: ``name``'s own)."""
        headers = {"Authorization": f"token {self.tokens[as_user or name]}"}
        return self.http.request(method, f"{self.url}/user/{name}/{path}", headers=headers, timeout=timeout, allow_redirects=False, **kwargs)

    def ok(self, response, what: str):
        assert response.status_code < 400, f"{what}: HTTP {response.status_code} {response.text[:800]}\n--- hub log ---\n{self.log_tail()}"
        return response.json() if response.content else None

    def nbgrader(self, response, what: str) -> dict:
        """An nbgrader formgrader answer: success, or the log that says why not."""
        result = self.ok(response, what)
        assert result.get("success"), f"{what}: {result.get('error') or result.get('value')}\n{result.get('log', '')[-3000:]}"
        return result


def _wait(condition, timeout: float, what: str, hub: Hub, every: float = 0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert hub.process.poll() is None, f"the hub stopped while waiting for {what}:\n{hub.log_tail()}"
        result = condition()
        if result:
            return result
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}\n--- hub log ---\n{hub.log_tail()}")


def _stop(process: subprocess.Popen) -> None:
    """Stop the hub (it stops the proxy and the users' servers), then anything of it still running."""
    import psutil

    try:
        family = psutil.Process(process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        family = []
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    _, alive = psutil.wait_procs(family, timeout=15)
    for leftover in alive:
        try:
            leftover.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(alive, timeout=5)


@pytest.fixture(scope="module")
def hub(tmp_path_factory, request) -> Hub:
    missing = _missing()
    if missing:
        pytest.skip(missing)
    import requests

    state = tmp_path_factory.mktemp("hub")
    started = time.monotonic()
    _participant_course().prepare(state)  # the participant kit, installed (the hub would do it at start)
    print(f"\nparticipant kit built and installed: {time.monotonic() - started:.1f} s")
    port, token = _free_base_port(), secrets.token_hex(16)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("JUPYTERHUB_", "JPY_", "JUPYTER_"))}
    env.update(
        UPR_HUB_STATE=str(state),
        UPR_HUB_PORT=str(port),
        UPR_HUB_PASSWORD=secrets.token_urlsafe(12),
        UPR_HUB_API_TOKEN=token,
        # The trainers' gradebook at an address of its own, outside the grading folder, as a
        # PostgreSQL one would be: proves the address reaches nbgrader (sqlite: no server needed;
        # UPR_HUB_TEST_GRADEBOOK_URL=postgresql://... runs the same test on an empty PostgreSQL database).
        UPR_HUB_GRADEBOOK_URL=os.environ.get("UPR_HUB_TEST_GRADEBOOK_URL") or f"sqlite:///{state / 'gradebook.db'}",
        PATH=os.pathsep.join([str(BIN), env.get("PATH", os.defpath)]),
    )
    log = state / "hub.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [str(BIN / "jupyterhub"), "-f", str(DEMO_CONFIG)],
            cwd=state, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
        )
    request.addfinalizer(lambda: _stop(process))
    running = Hub(state, port, token, process, log)
    running.gradebook_url = env["UPR_HUB_GRADEBOOK_URL"]

    def answers():
        try:
            return running.http.get(f"{running.url}/hub/api/", timeout=2).status_code == 200
        except requests.RequestException:
            return False

    started = time.monotonic()
    _wait(answers, HUB_START_TIMEOUT, "the hub to answer", running)
    print(f"\nhub up: {time.monotonic() - started:.1f} s")
    return running


@pytest.fixture(scope="module")
def servers(hub: Hub) -> Hub:
    """A token for each user, and each user's server started with it, as their browser would."""
    started = time.monotonic()
    for name in USERS:
        token = hub.ok(hub.api("POST", f"users/{name}/tokens", json={"note": "hub test", "expires_in": 3600}), f"token for {name}")
        hub.tokens[name] = token["token"]
    for name in USERS:
        hub.ok(hub.api("POST", f"users/{name}/server", token=hub.tokens[name]), f"start {name}'s server")

    def ready():
        return all(hub.ok(hub.api("GET", f"users/{name}"), name)["servers"].get("", {}).get("ready") for name in USERS)

    _wait(ready, SERVER_START_TIMEOUT, "the three single-user servers", hub, every=1)
    print(f"three single-user servers ready: {time.monotonic() - started:.1f} s")
    return hub


def _server_process(hub: Hub, name: str):
    import psutil

    for child in psutil.Process(hub.process.pid).children(recursive=True):
        try:
            if child.environ().get("JUPYTERHUB_USER") == name and "jupyterhub-singleuser" in " ".join(child.cmdline()):
                return child
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    raise AssertionError(f"{name}'s single-user server process was not found")


def _assignments(hub: Hub, name: str) -> list[dict]:
    listing = hub.ok(hub.user("GET", name, "assignments", params={"course_id": COURSE_ID}), f"{name}'s assignment list")
    assert listing["success"], listing
    return [a for a in listing["value"] if a["assignment_id"] == ASSIGNMENT]


def _action(hub: Hub, name: str, action: str) -> dict:
    response = hub.user("POST", name, f"assignments/{action}", data={"course_id": COURSE_ID, "assignment_id": ASSIGNMENT}, timeout=GRADING_TIMEOUT)
    result = hub.ok(response, f"{name}: {action}")
    assert result.get("success", True), f"{name}: {action}: {result}"
    return result


def _contents(hub: Hub, name: str, path: str) -> dict:
    return hub.ok(hub.user("GET", name, f"api/contents/{path}", params={"content": 1}), f"{name}: read {path}")


@pytest.mark.hub
@pytest.mark.slow
def test_a_workshop_through_the_hub_and_nbgrader_exchange(servers: Hub):
    from upr_course.grading import throwaway_course as course_copy

    hub, timings, step = servers, {}, time.monotonic()

    def lap(label):
        nonlocal step
        timings[label] = time.monotonic() - step
        step = time.monotonic()

    # The trainer generates the participants' version and releases it to the exchange.
    formgrader = f"formgrader/api/assignment/{ASSIGNMENT}"
    hub.nbgrader(hub.user("POST", TRAINER, f"{formgrader}/assign", timeout=GRADING_TIMEOUT), "generate")
    hub.nbgrader(hub.user("POST", TRAINER, f"{formgrader}/release", timeout=GRADING_TIMEOUT), "release")
    assert (hub.state / "exchange" / COURSE_ID / "outbound" / ASSIGNMENT / f"{NOTEBOOK}.ipynb").is_file()
    lap("generate + release")

    # Each participant fetches it, fills it in their own server, and submits it.
    # Exercise 01 is answered with a form: its answers are data saved in the answer cell's metadata.
    source = course_copy.read(REPO / "solutions" / ASSIGNMENT / f"{NOTEBOOK}.ipynb")
    cells, saved = course_copy.solution_answers(source), course_copy.saved_answers(source)
    wrong_c = copy.deepcopy(saved)
    wrong_c["decisions"]["DECISIONS"]["situation_c"] = "now"  # situation C: "later" or "not at all" earns the point
    answers = {"amina": saved, "bruno": wrong_c}
    for name in PARTICIPANTS:
        listed = _assignments(hub, name)
        assert [a["status"] for a in listed] == ["released"], listed
        _action(hub, name, "fetch")
        assert [a["status"] for a in _assignments(hub, name)] == ["fetched"]
        path = f"{ASSIGNMENT}/{NOTEBOOK}.ipynb"
        released = _contents(hub, name, path)["content"]
        filled = course_copy.with_saved_answers(course_copy.with_answers(released, cells), answers[name])
        hub.ok(hub.user("PUT", name, f"api/contents/{path}", json={"type": "notebook", "format": "json", "content": filled}), f"{name}: save")
        _action(hub, name, "submit")
        submitted = [a for a in _assignments(hub, name) if a["status"] == "submitted"]
        assert submitted and all(s["student_id"] == name for a in submitted for s in a.get("submissions", [a])), submitted
    lap("fetch + fill + submit (two participants)")

    # The trainer collects, autogrades each participant, and releases the feedback.
    hub.nbgrader(hub.user("POST", TRAINER, f"{formgrader}/collect", timeout=GRADING_TIMEOUT), "collect")
    for name in PARTICIPANTS:
        assert (hub.state / "grading" / "submitted" / name / ASSIGNMENT / f"{NOTEBOOK}.ipynb").is_file()
    lap("collect")
    for name in PARTICIPANTS:
        hub.nbgrader(hub.user("POST", TRAINER, f"formgrader/api/submission/{ASSIGNMENT}/{name}/autograde", timeout=GRADING_TIMEOUT), f"autograde {name}")
    lap("autograde (two participants)")
    hub.nbgrader(hub.user("POST", TRAINER, f"{formgrader}/generate_feedback", timeout=GRADING_TIMEOUT), "generate feedback")
    hub.nbgrader(hub.user("POST", TRAINER, f"{formgrader}/release_feedback", timeout=GRADING_TIMEOUT), "release feedback")
    lap("generate + release feedback")

    # The formgrader's scores: full marks for the solution, one decision wrong for bruno.
    submissions = {s["student"]: s for s in hub.ok(hub.user("GET", TRAINER, f"formgrader/api/submissions/{ASSIGNMENT}"), "submissions")}
    assert set(submissions) == set(PARTICIPANTS)
    assert submissions["amina"]["code_score"] == 3 and submissions["bruno"]["code_score"] == 2, submissions
    assert all(s["needs_manual_grade"] for s in submissions.values())  # the written explanation waits for the trainer
    # ... kept in the gradebook at the address the hub gave the trainer's server, not in the grading folder.
    assert not (hub.state / "grading" / "gradebook.db").exists()
    from nbgrader.api import Gradebook

    with Gradebook(hub.gradebook_url, COURSE_ID) as gradebook:
        scores = {name: gradebook.find_submission(ASSIGNMENT, name).code_score for name in PARTICIPANTS}
    assert scores == {"amina": 3, "bruno": 2}

    # Each participant fetches their own feedback, in their own home.
    for name, score in (("amina", "3"), ("bruno", "2")):
        _action(hub, name, "fetch_feedback")
        folder = _contents(hub, name, f"{ASSIGNMENT}/feedback")["content"]
        assert len(folder) == 1, folder
        page = _contents(hub, name, f"{folder[0]['path']}/{NOTEBOOK}.html")["content"]
        assert f"Score: {score}" in page.replace(".0", ""), page[:2000]
        assert not (hub.state / "home" / name / ASSIGNMENT / "feedback").is_symlink()
        assert list((hub.state / "home" / name / ASSIGNMENT / "feedback").glob(f"*/{NOTEBOOK}.html"))
    lap("fetch feedback (two participants)")
    print("\n" + "\n".join(f"{label}: {seconds:.1f} s" for label, seconds in timings.items()))


@pytest.mark.hub
@pytest.mark.slow
def test_trainers_and_participants_roles(servers: Hub):
    hub = servers
    # Participants have no formgrader; the trainer has.
    for name in PARTICIPANTS:
        assert hub.user("GET", name, "formgrader/api/status").status_code == 404
    assert hub.ok(hub.user("GET", TRAINER, "formgrader/api/status"), "trainer's formgrader") == {"status": True}
    # Nobody but its owner opens a server: not a trainer, not another participant.
    assert hub.user("GET", "amina", "api/contents", as_user=TRAINER).status_code == 403
    assert hub.user("GET", "amina", "api/contents", as_user="bruno").status_code == 403
    assert hub.user("GET", TRAINER, "api/contents", as_user="amina").status_code == 403
    # Trainers see the participants in the Hub; participants see nobody else.
    seen = {user["name"] for user in hub.ok(hub.api("GET", "users", token=hub.tokens[TRAINER]), "trainer lists users")}
    assert set(PARTICIPANTS) <= seen
    assert hub.api("GET", "users", token=hub.tokens["amina"]).status_code == 403
    assert hub.api("GET", "users/bruno", token=hub.tokens["amina"]).status_code == 404
    # The gradebook's address reaches the trainer's server only.
    assert "UPR_COURSE_GRADEBOOK_URL" in _server_process(hub, TRAINER).environ()
    for name in PARTICIPANTS:
        assert "UPR_COURSE_GRADEBOOK_URL" not in _server_process(hub, name).environ()
    # Everyone got the lessons in their home; only the trainer got the grading folder.
    for name in USERS:
        assert (hub.state / "home" / name / "upr-course" / "00-start-here.ipynb").is_file()
    assert (hub.state / "home" / TRAINER / "upr-grading").resolve() == (hub.state / "grading").resolve()
    assert not any((hub.state / "home" / name / "upr-grading").exists() for name in PARTICIPANTS)


PROBE = r"""
import glob, json, os, sys
found = {"uid": os.getuid(), "leaks": [], "readable": []}
for path in sys.argv_paths:
    try:
        if os.path.isdir(path):
            os.listdir(path)
        else:
            open(path, "rb").read(1)
        found["readable"].append(path)
    except OSError:
        pass
for environ in glob.glob("/proc/[0-9]*/environ"):
    try:
        text = open(environ, "rb").read().decode("utf-8", "replace")
    except OSError:
        continue
    found["leaks"] += [f"{environ}: {word}" for word in sys.argv_secrets if word in text]
found["leaks"] += [f"os.environ: {word}" for word in sys.argv_secrets if word in "\0".join(f"{k}={v}" for k, v in os.environ.items())]
import upr_course, upr_course.paths
found["package"] = upr_course.__file__
found["data"] = str(upr_course.paths.datasets_dir())
print(json.dumps(found))
"""


@pytest.mark.hub
@pytest.mark.slow
def test_a_participants_kernel_cannot_read_solutions_tests_the_gradebook_or_the_trainers_environment(servers: Hub):
    """The hub gives participants the participant kit: an attack from a participant's kernel finds no answers."""
    hub = servers
    reason = _participant_course().walled_in()
    if reason:
        pytest.skip(f"participants' servers are not walled in here: {reason}")
    secret_paths = [
        # (the repository's folder itself may exist in the wall: it holds the course's Python environment, .venv, alone)
        str(REPO / "solutions"),
        str(REPO / "src"),
        str(REPO / "deploy" / "jupyterhub" / "demo_config.py"),
        str(REPO / "solutions" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"),
        str(REPO / "tests"),
        str(REPO / "nbgrader_config.py"),
        str(hub.state / "grading"),
        str(hub.state / "home" / TRAINER),
        str(hub.state / "home" / "bruno"),
        hub.gradebook_url.removeprefix("sqlite:///"),
        str(hub.state / "hub.log"),
        str(hub.state / "jupyterhub.sqlite"),
        f"/proc/{_server_process(hub, TRAINER).pid}/environ",
        f"/proc/{hub.process.pid}/environ",
    ]
    secrets_ = ["UPR_COURSE_GRADEBOOK_URL", "UPR_HUB_API_TOKEN", hub.admin["Authorization"].split()[1], hub.tokens[TRAINER]]
    session = hub.ok(
        hub.user("POST", "amina", "api/sessions", json={"path": "probe.ipynb", "name": "probe.ipynb", "type": "notebook", "kernel": {"name": "python3"}}),
        "start a kernel",
    )
    code = f"import sys; sys.argv_paths = {secret_paths!r}; sys.argv_secrets = {secrets_!r}\n" + PROBE
    messages = _execute(hub, "amina", session["kernel"]["id"], code, timeout=120)
    output = "".join(m["content"].get("text", "") for m in messages if m["msg_type"] == "stream")
    errors = [m["content"] for m in messages if m["msg_type"] == "error"]
    assert not errors, errors
    found = json.loads(output.strip().splitlines()[-1])
    assert found["uid"] != 0 and found["uid"] != os.getuid()
    assert found["readable"] == [], f"a participant's kernel could read {found['readable']}"
    assert found["leaks"] == [], f"a participant's kernel found the trainer's secrets: {found['leaks']}"
    site = _participant_course().site_folder(hub.state)
    assert found["package"].startswith(str(site)), f"the course's package came from {found['package']}, not the installed participant kit"
    assert not (site / "upr_course" / "solutions").exists() and not list(site.glob("__editable__*"))
    assert found["data"].startswith(str(_participant_course().kit_folder(hub.state)))
    # The lessons the participant got come from the kit, and the kit has no solutions.
    kit = _participant_course().kit_folder(hub.state)
    assert (kit / "course").is_dir() and not (kit / "solutions").exists() and not (kit / "tests").exists()
    hub.ok(hub.user("DELETE", "amina", f"api/sessions/{session['id']}"), "stop the kernel")


def _execute(hub: Hub, name: str, kernel_id: str, code: str, timeout: float) -> list[dict]:
    """Run code in a kernel through the server's websocket; return the messages (bounded)."""
    import websocket

    url = hub.url.replace("http://", "ws://") + f"/user/{name}/api/kernels/{kernel_id}/channels"
    socket_ = websocket.create_connection(url, header=[f"Authorization: token {hub.tokens[name]}"], timeout=timeout)
    try:
        msg_id = uuid.uuid4().hex
        socket_.send(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": name, "session": uuid.uuid4().hex, "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": False, "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
        }))
        # The reply (shell channel) can come before the output (iopub channel): the run is over
        # when both the reply and the kernel's "idle" status for this request have arrived.
        messages, deadline = [], time.monotonic() + timeout
        replied = idle = False
        while time.monotonic() < deadline:
            frame = socket_.recv()
            if not isinstance(frame, str):  # a message with binary buffers (widgets): not ours
                continue
            message = json.loads(frame)
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            messages.append(message)
            replied = replied or message["msg_type"] == "execute_reply"
            idle = idle or (message["msg_type"] == "status" and message["content"].get("execution_state") == "idle")
            if replied and idle:
                return messages
        raise AssertionError(f"no execute_reply and idle status within {timeout} s")
    finally:
        socket_.close()


@pytest.mark.hub
@pytest.mark.slow
def test_memory_of_a_participant_with_a_lesson_running(servers: Hub):
    """Sizing: a participant's server with lesson 04's kernel after running every code cell."""
    import nbformat

    hub = servers
    idle = _server_process(hub, "bruno").memory_info().rss
    path = f"upr-course/{LESSON}"
    session = hub.ok(
        hub.user("POST", "bruno", "api/sessions", json={"path": path, "name": LESSON, "type": "notebook", "kernel": {"name": "python3"}}), "start a kernel"
    )
    kernel_id = session["kernel"]["id"]
    lesson = nbformat.read(REPO / "course" / LESSON, as_version=4)
    started = time.monotonic()
    for cell in lesson.cells:
        if cell.cell_type != "code":
            continue
        replies = [m for m in _execute(hub, "bruno", kernel_id, cell.source, timeout=120) if m["msg_type"] == "execute_reply"]
        if "raises-exception" not in cell.metadata.get("tags", []):
            assert replies[0]["content"]["status"] == "ok", (cell.source[:200], replies[0]["content"])
    ran = time.monotonic() - started
    server = _server_process(hub, "bruno")
    kernels = server.children(recursive=True)
    server_rss, kernel_rss = server.memory_info().rss, sum(k.memory_info().rss for k in kernels)
    uss = server.memory_full_info().uss + sum(k.memory_full_info().uss for k in kernels)
    mib = 1024 * 1024
    print(
        f"\nidle server {idle / mib:.0f} MiB RSS; lesson {LESSON} ran in {ran:.1f} s; participant's memory: server {server_rss / mib:.0f} MiB RSS, "
        f"kernel {kernel_rss / mib:.0f} MiB RSS, total {(server_rss + kernel_rss) / mib:.0f} MiB RSS ({uss / mib:.0f} MiB USS)"
    )
    import psutil

    hub_process = psutil.Process(hub.process.pid)
    proxy = [p for p in hub_process.children() if "configurable-http-proxy" in " ".join(p.cmdline())]
    hub_rss = hub_process.memory_info().rss + sum(p.memory_info().rss for p in proxy)
    print(f"the hub and its proxy: {hub_rss / mib:.0f} MiB RSS")
    (hub.state / "memory.json").write_text(json.dumps({"idle_server_rss": idle, "server_rss": server_rss, "kernel_rss": kernel_rss, "uss": uss}))
    assert server_rss + kernel_rss < 1024 * mib, "a participant needs more than the 1 GiB that the README's sizing says"
    hub.ok(hub.user("DELETE", "bruno", f"api/sessions/{session['id']}"), "stop the kernel")
