"""The course on JupyterHub: who is a trainer, who is a participant, and what each one gets.

``configure(c, ...)`` fills in a JupyterHub configuration object. It is called by
``jupyterhub_config.py`` (a real hub: The Littlest JupyterHub, or a plain JupyterHub) and by
``demo_config.py`` (``make hub`` and the hub test). It starts nothing of its own: JupyterHub,
its proxy and nbgrader's exchange do the work.

What every user's server gets (through environment variables that the hub sets when it
starts the server, and the Jupyter configuration folders in ``config/``):

- everyone: nbgrader's exchange (``c.Exchange.root``, or ngshare on Kubernetes) and the
  course id; the course's lessons copied into ``~/upr-course`` on first start (never
  overwriting a file the user changed);
- trainers: the course's grading rules (the repository's ``nbgrader_config.py``), a course
  folder for grading in ``~/upr-grading`` (a link to a folder shared by all trainers when
  ``shared_grading_dir`` is set), the formgrader, and the gradebook (PostgreSQL when
  ``gradebook_url`` is set, so that several trainers can grade at once);
- participants: the assignment list only; the formgrader, course list and create-assignment
  tools are switched off in their servers, and the gradebook's address never reaches them;
  the lessons and data come from the participant kit (``participant_kit``), never from the
  repository, which holds the solutions and hidden tests (README.md: readable by trainers only).
"""

from __future__ import annotations

import inspect
import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: The course repository (this file is in deploy/jupyterhub/ of it).
REPO = HERE.parents[1]
COURSE_ID = "upr-course"
TRAINERS_GROUP = "trainers"
PARTICIPANTS_GROUP = "participants"

#: What a trainer may do in the Hub, besides using their own server: see who takes part and
#: whether their servers run, and start or stop those servers (for a participant who is
#: stuck). Not ``access:servers``: a trainer cannot open a participant's server, so
#: participants' draft plans stay private. To let trainers look over shoulders, add
#: ``"access:servers!group=participants"`` here, and tell participants.
TRAINER_SCOPES = [
    "self",
    "admin-ui",
    f"list:users!group={PARTICIPANTS_GROUP}",
    f"read:users!group={PARTICIPANTS_GROUP}",
    f"read:groups!group={PARTICIPANTS_GROUP}",
    f"servers!group={PARTICIPANTS_GROUP}",
]


def _existing(section, name: str, empty):
    """A value that an earlier configuration file set, or ``empty()``."""
    value = section[name] if name in section else None
    if value is None or type(value).__name__ == "LazyConfigValue":
        return empty()
    return value


def _merged(section, name: str, names) -> set[str]:
    return set(_existing(section, name, set)) | set(names)


def role_of(name: str, trainers) -> str:
    return "trainer" if name in set(trainers) else "participant"


def server_environment(
    role: str,
    *,
    exchange,
    course_repo=REPO,
    shared_grading_dir=None,
    gradebook_url=None,
    ngshare_url=None,
    course_id=COURSE_ID,
    submit_as_hub_user=False,
    participant_kit=None,
    participant_site=None,
    language="en",
    participant_uids=None,
) -> dict[str, str]:
    """The environment variables for one user's single-user server.

    participant_kit: the folder ``make participant-kit`` made (lessons, exercises, data; no
    solutions, hidden tests or mark schemes). Participants' servers take the lessons and the
    data from it instead of the repository. participant_site: a folder where the kit's package
    was installed with ``pip install --target`` (the demo hub); on a real hub the kit is
    installed into the users' environment and this stays None. language: the workshop's
    language (en, es or fr): the lessons, messages and exercises everyone's server uses.
    """
    config = HERE / "config"
    env = {
        "JUPYTER_CONFIG_PATH": os.pathsep.join([str(config / role), str(config / "common")]),
        "UPR_COURSE_ROLE": role,
        "UPR_COURSE_ID": course_id,
        "UPR_COURSE_REPO": str(course_repo),
        "UPR_COURSE_EXCHANGE": str(exchange),
        "UPR_COURSE_LANG": language,
    }
    if role == "participant" and participant_kit:
        env["UPR_COURSE_REPO"] = str(participant_kit)
        env["UPR_COURSE_DATA"] = str(Path(participant_kit) / "datasets")
        if participant_site:
            env["PYTHONPATH"] = str(participant_site)
    if ngshare_url:
        env["UPR_COURSE_NGSHARE_URL"] = ngshare_url
    if submit_as_hub_user:
        env["UPR_COURSE_SUBMIT_AS_HUB_USER"] = "1"
    if role == "trainer":
        if shared_grading_dir:
            env["UPR_COURSE_SHARED_GRADING_DIR"] = str(shared_grading_dir)
        if gradebook_url:
            # Only trainers' servers see it: it holds the database password.
            env["UPR_COURSE_GRADEBOOK_URL"] = gradebook_url
        if participant_uids:
            # collect refuses a submission that the participant its name claims does not own
            # (upr_course/grading/exchange_collect.py); system users' names need no entry here.
            env["UPR_COURSE_PARTICIPANT_UIDS"] = ",".join(f"{name}={int(uid)}" for name, uid in sorted(participant_uids.items()))
    return env


def first_lesson(language: str) -> str:
    """Where a participant's server opens: the first lesson, in the workshop's language."""
    return "upr-course/00-start-here.ipynb" if language == "en" else f"upr-course/{language}/00-start-here.ipynb"


def prepare_exchange(exchange) -> None:
    """nbgrader's exchange folder: everyone may write into it (nbgrader's own layout inside
    keeps participants from reading each other's submissions)."""
    folder = Path(exchange)
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o777)


def configure(
    c,
    *,
    trainers,
    participants,
    admins=(),
    exchange="/srv/nbgrader/exchange",
    course_repo=REPO,
    shared_grading_dir=None,
    gradebook_url=None,
    ngshare_url=None,
    course_id=COURSE_ID,
    mem_limit="1G",
    submit_as_hub_user=False,
    participant_kit=None,
    participant_site=None,
    language="en",
    participant_uids=None,
) -> None:
    """Configure a JupyterHub (``c``) for the course.

    trainers, participants, admins: user names. Trainers get the formgrader; admins are the
    Hub's administrators (they can open anyone's server: keep that list short).
    exchange: nbgrader's exchange folder, shared by every user's server (ignored with
    ngshare_url, the address of an ngshare service on Kubernetes).
    shared_grading_dir: one course folder for all trainers (else each trainer has their own).
    gradebook_url: an SQLAlchemy address, e.g. ``postgresql://upr:SECRET@127.0.0.1/upr_gradebook``;
    without it each grading folder keeps ``gradebook.db`` (sqlite: one grader at a time).
    submit_as_hub_user: participants hand in under their Hub name instead of their Unix name.
    Only for hubs where every user runs as the same Unix user (the demo, the test): nbgrader
    names a submission after the Unix user that made it (on The Littlest JupyterHub:
    ``jupyter-<name>``), and a trainer's collect warns when a name and the file's owner differ.
    participant_kit, participant_site: what participants' servers get instead of the
    repository (``server_environment``); the repository itself must be readable by trainers only.
    language: ``es`` or ``fr`` for a workshop in Spanish or French: participants open the
    translated lessons, every server shows the course's messages in that language, and the
    trainers' nbgrader releases and grades the translated exercises (run
    ``scripts/translations.py sources`` in the repository first, as ``make hub-setup`` does).
    participant_uids: ``{name: user id}`` for participants whose submission names are not system
    users (``server_environment``). On The Littlest JupyterHub leave it None: submissions are named
    after each participant's system user (``jupyter-<name>``), which the trainer's collect looks up.
    """
    if language not in ("en", "es", "fr"):
        raise ValueError(f"the course is in en, es or fr, not {language!r}")
    trainers, participants, admins = sorted(set(trainers)), sorted(set(participants)), sorted(set(admins))
    both = set(trainers) & set(participants)
    if both:
        raise ValueError(f"a user cannot be both trainer and participant: {sorted(both)}")

    # Added to what the hub's own configuration (e.g. The Littlest JupyterHub's) already allows.
    c.Authenticator.allowed_users = _merged(c.Authenticator, "allowed_users", [*trainers, *participants, *admins])
    c.Authenticator.admin_users = _merged(c.Authenticator, "admin_users", admins)
    c.JupyterHub.load_groups = {
        **_existing(c.JupyterHub, "load_groups", dict),
        TRAINERS_GROUP: {"users": trainers},
        PARTICIPANTS_GROUP: {"users": participants},
        # nbgrader's own naming, for its JupyterHub authentication plugin (several courses on one hub)
        f"formgrade-{course_id}": {"users": trainers},
        f"nbgrader-{course_id}": {"users": participants},
    }
    c.JupyterHub.load_roles = [
        *_existing(c.JupyterHub, "load_roles", list),
        {
            "name": "upr-trainer",
            "description": "Course trainers: see participants and start or stop their servers; cannot open them.",
            "scopes": TRAINER_SCOPES,
            "groups": [TRAINERS_GROUP],
        },
    ]

    if not ngshare_url:
        prepare_exchange(exchange)

    previous_hook = _existing(c.Spawner, "pre_spawn_hook", lambda: None)

    async def pre_spawn_hook(spawner):
        if callable(previous_hook):  # a hook the hub's own configuration set: it runs first
            result = previous_hook(spawner)
            if inspect.isawaitable(result):
                await result
        role = role_of(spawner.user.name, trainers)
        env = server_environment(
            role,
            exchange=exchange,
            course_repo=course_repo,
            shared_grading_dir=shared_grading_dir,
            gradebook_url=gradebook_url,
            ngshare_url=ngshare_url,
            course_id=course_id,
            submit_as_hub_user=submit_as_hub_user,
            participant_kit=participant_kit,
            participant_site=participant_site,
            language=language,
            participant_uids=participant_uids,
        )
        spawner.environment = {**spawner.environment, **env}
        if role == "participant":
            spawner.default_url = f"/lab/tree/{first_lesson(language)}"
        else:
            spawner.default_url = "/lab"

    c.Spawner.pre_spawn_hook = pre_spawn_hook
    # Enforced by SystemdSpawner (The Littlest JupyterHub) and KubeSpawner; see README for sizing.
    if mem_limit:
        c.Spawner.mem_limit = mem_limit
    # Participants' servers stop when the Hub stops; their files stay in their homes.
    c.JupyterHub.cleanup_servers = True
