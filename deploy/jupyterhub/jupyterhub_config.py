"""The course's part of a JupyterHub configuration, for a real workshop.

The Littlest JupyterHub: copy this file to /opt/tljh/config/jupyterhub_config.d/upr-course.py,
edit the lists below, then `sudo tljh-config reload hub`. README.md beside this file has
every step (installing the course for every user, the exchange, PostgreSQL, backups).

It adds the course to the hub's own settings (authenticator, spawner, address), which stay
as The Littlest JupyterHub or your jupyterhub_config.py sets them.
"""

import sys

sys.path.insert(0, "/srv/upr-course/repo/deploy/jupyterhub")  # where you cloned the course

from course_hub import configure  # noqa: E402

configure(
    c,  # noqa: F821 - provided by JupyterHub when it loads this file
    # Hub user names. On The Littlest JupyterHub, the Unix users are jupyter-<name>.
    trainers=["trainer1", "trainer2"],
    participants=["participant01", "participant02", "participant03"],
    # The Hub's administrators can open every server: keep this to the person who runs it.
    admins=["hubadmin"],
    # The course, cloned and installed into the users' environment (README.md, step 2).
    course_repo="/srv/upr-course/repo",
    # nbgrader's exchange: one folder on this server, writable by everyone.
    exchange="/srv/nbgrader/exchange",
    # One grading folder for all trainers (a Unix group of trainers owns it: README.md, step 4).
    shared_grading_dir="/srv/upr-course/grading",
    # The gradebook in PostgreSQL, so that several trainers can grade at once (README.md, step 5).
    # None keeps nbgrader's gradebook.db (sqlite) in the grading folder: one grader at a time.
    gradebook_url=None,  # e.g. "postgresql://upr:PASSWORD@127.0.0.1/upr_gradebook"
    # Kubernetes (Zero to JupyterHub) with ngshare: its address replaces the exchange folder.
    ngshare_url=None,  # e.g. "http://proxy-public.jhub.svc.cluster.local/services/ngshare"
    mem_limit="1G",
    # The participant kit (README.md, step 2): participants' lessons and data, never the repository.
    participant_kit="/srv/upr-course/kit",
    # The workshop's language: "en", or "es" / "fr" for the lessons, messages and exercises in Spanish or
    # French (first run `.venv/bin/python scripts/translations.py sources` in the repository, as trainer).
    language="en",
)
