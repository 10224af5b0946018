"""nbgrader for every user of the course's JupyterHub: the course id and the exchange.

The hub sets the environment variables when it starts a user's server (course_hub.py).
"""

import os

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

c.CourseDirectory.course_id = os.environ.get("UPR_COURSE_ID", "upr-course")

if os.environ.get("UPR_COURSE_NGSHARE_URL"):
    # Zero to JupyterHub on Kubernetes: ngshare replaces the shared folder (pip install ngshare_exchange).
    from ngshare_exchange import configureExchange

    configureExchange(c, os.environ["UPR_COURSE_NGSHARE_URL"])
else:
    # One server (The Littlest JupyterHub): a folder that every user's server can write to.
    c.Exchange.root = os.environ.get("UPR_COURSE_EXCHANGE", "/srv/nbgrader/exchange")

if os.environ.get("UPR_COURSE_SUBMIT_AS_HUB_USER"):
    # Every user runs as the same Unix user (the demo hub): name submissions after the Hub user.
    if os.environ.get("UPR_COURSE_ROLE") == "participant" and os.environ.get("JUPYTERHUB_USER"):
        c.CourseDirectory.student_id = os.environ["JUPYTERHUB_USER"]
    c.ExchangeCollect.check_owner = False
