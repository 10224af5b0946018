"""A JupyterHub on this computer for trying the course's hub set-up: `make hub`.

One trainer (``trainer``) and two participants (``amina``, ``bruno``) with one shared
password, each with a home folder under the state folder; no system users are created.
The hub test (tests/hub/test_jupyterhub_workshop.py) starts this same configuration.
Only for trying things out on 127.0.0.1: the trainer runs as you, with your permissions.
Participants get the participant kit, never the repository; when this runs as root with
bubblewrap, each participant's server runs as a user of its own inside a wall that shows
neither the repository nor the grading folder (participant_course.py).

Environment variables (all optional):
  UPR_HUB_STATE     folder for homes, exchange, grading folder, hub database (deploy/jupyterhub/demo)
  UPR_HUB_PORT      the address people open: http://127.0.0.1:PORT (8000); the hub's own
                    ports are PORT+1 (API) and PORT+2 (proxy's API)
  UPR_HUB_PASSWORD  the shared password (else a new one, saved in STATE/password.txt)
  UPR_HUB_GRADEBOOK_URL  a PostgreSQL address for the gradebook (else sqlite in the grading folder)
  UPR_HUB_API_TOKEN a token for a service that can manage users and tokens (the test uses it)
"""

import os
import secrets
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from course_hub import configure  # noqa: E402
from participant_course import PARTICIPANT_UIDS, prepare, server_command, walled_in  # noqa: E402

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

TRAINERS = ["trainer"]
PARTICIPANTS = ["amina", "bruno"]

state = Path(os.environ.get("UPR_HUB_STATE") or HERE / "demo").resolve()
state.mkdir(parents=True, exist_ok=True)
port = int(os.environ.get("UPR_HUB_PORT") or 8000)


def demo_password() -> str:
    if os.environ.get("UPR_HUB_PASSWORD"):
        return os.environ["UPR_HUB_PASSWORD"]
    saved = state / "password.txt"
    if not saved.exists():
        saved.write_text(secrets.token_urlsafe(9) + "\n")
        saved.chmod(0o600)
    return saved.read_text().strip()


# Participants get the participant kit (installed, not editable), never the repository
# (participant_course.py); the grading folder is for trainers only.
KIT, SITE = prepare(state)
WALL = walled_in()  # None: each participant's server runs as its own user, inside bubblewrap
(state / "grading").mkdir(parents=True, exist_ok=True)
os.chmod(state / "grading", 0o700)
(state / "exchange").mkdir(parents=True, exist_ok=True)

configure(
    c,
    trainers=TRAINERS,
    participants=PARTICIPANTS,
    exchange=state / "exchange",
    shared_grading_dir=state / "grading",
    gradebook_url=os.environ.get("UPR_HUB_GRADEBOOK_URL") or None,
    mem_limit=None,
    submit_as_hub_user=True,  # every demo user runs as you: hand in under the Hub name
    participant_kit=KIT,
    participant_site=SITE,
    # Who owns each participant's submissions in the exchange (the trainer's collect refuses the
    # others): their own user id when walled in, else yours (then names cannot be checked; the log says so).
    participant_uids={name: (PARTICIPANT_UIDS + n if WALL is None else os.getuid()) for n, name in enumerate(PARTICIPANTS)},
)

# A shared password for everyone (JupyterHub's testing authenticator; no system users).
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = demo_password()

# Each user's server is a local process with its own home folder under the state folder.
from jupyterhub.spawner import SimpleLocalProcessSpawner  # noqa: E402


class DemoSpawner(SimpleLocalProcessSpawner):
    """Trainers run as you; each participant, when the demo runs as root with bubblewrap, as a user of its own in a wall."""

    async def start(self):
        if self.user.name in PARTICIPANTS and WALL is None:
            uid = PARTICIPANT_UIDS + PARTICIPANTS.index(self.user.name)
            home = Path(self.home_dir)
            home.mkdir(parents=True, exist_ok=True)
            os.chown(home, uid, uid)
            os.chmod(home, 0o700)
            config = HERE / "config"
            self.cmd = server_command(uid, home, state / "exchange", SITE, KIT, [str(BIN / "jupyterhub-singleuser")],
                                      extra_ro=[config / "participant", config / "common"])
        return await super().start()


c.JupyterHub.spawner_class = DemoSpawner
c.SimpleLocalProcessSpawner.home_dir_template = str(state / "home" / "{username}")
BIN = Path(sys.executable).parent
c.Spawner.cmd = [str(BIN / "jupyterhub-singleuser")]
# The course's environment first on PATH, as in a user environment (nbgrader runs `alembic`).
c.Spawner.environment = {"PATH": os.pathsep.join([str(BIN), os.environ.get("PATH", os.defpath)])}
if hasattr(os, "geteuid") and os.geteuid() == 0:
    c.Spawner.args = ["--allow-root"]
c.Spawner.ip = "127.0.0.1"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120

# Everything on 127.0.0.1 only.
c.JupyterHub.bind_url = f"http://127.0.0.1:{port}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = port + 1
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{port + 2}"
# configurable-http-proxy from `make hub-setup` (deploy/jupyterhub/node_modules), else from PATH.
PROXY = HERE / "node_modules" / ".bin" / "configurable-http-proxy"
c.ConfigurableHTTPProxy.command = [str(PROXY) if PROXY.exists() else "configurable-http-proxy"]
c.ConfigurableHTTPProxy.pid_file = str(state / "jupyterhub-proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(state / "jupyterhub.pid")

if os.environ.get("UPR_HUB_API_TOKEN"):
    c.JupyterHub.services = [{"name": "workshop-driver", "api_token": os.environ["UPR_HUB_API_TOKEN"]}]
    c.JupyterHub.load_roles.append(
        {
            "name": "workshop-driver",
            "scopes": ["admin:users", "admin:servers", "tokens", "list:users", "read:users", "admin:groups"],
            "services": ["workshop-driver"],
        }
    )

if os.environ.get("UPR_HUB_ANNOUNCE"):
    print(
        f"""
  The course's demo JupyterHub: open http://127.0.0.1:{port}
  Trainer: {', '.join(TRAINERS)}    Participants: {', '.join(PARTICIPANTS)}
  Password (the same for everyone): {demo_password()}
  Homes, exchange and grading folder: {state}
  Stop it with Ctrl-C. `make hub-clean` deletes the demo's data.
""",
        flush=True,
    )
