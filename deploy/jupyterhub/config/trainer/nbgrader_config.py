"""nbgrader for the course's trainers on JupyterHub: the course's grading rules, the grading
folder and the gradebook.

The grading rules are the repository's own nbgrader_config.py (the same as on a laptop).
The grading folder is ~/upr-grading: the formgrader needs it inside the trainer's home,
so when the trainers share one folder, ~/upr-grading is a link to it (made at start-up by
common/jupyter_server_config.py). The gradebook is PostgreSQL when the hub passes its
address (UPR_COURSE_GRADEBOOK_URL): then several trainers can grade at once. Without it,
nbgrader keeps gradebook.db (sqlite) in the grading folder: one grader at a time.
The trainer's collect refuses a submission in the exchange that is or holds a link, or that is
not owned by the participant its name claims (upr_course/grading/exchange_collect.py); when the
participants' names are not system users (the demo hub), the hub says which user id each one
runs as (UPR_COURSE_PARTICIPANT_UIDS).
"""

import os

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

load_subconfig("nbgrader_config.py", path=os.environ.get("UPR_COURSE_REPO", "/srv/upr-course/repo"))  # noqa: F821

c.CourseDirectory.root = os.path.join(os.path.expanduser("~"), "upr-grading")
if os.environ.get("UPR_COURSE_GRADEBOOK_URL"):
    c.CourseDirectory.db_url = os.environ["UPR_COURSE_GRADEBOOK_URL"]
if os.environ.get("UPR_COURSE_PARTICIPANT_UIDS"):
    from upr_course.grading.exchange_collect import owners_from_text

    c.CheckedExchangeCollect.owners = owners_from_text(os.environ["UPR_COURSE_PARTICIPANT_UIDS"])
