# The course's Jupyter server settings, for participants and trainers alike (make lab).
# A saved notebook says "run this cell" where a widget was, instead of "model not found"
# when it is opened again: see src/upr_course/jupyter_hooks.py.
c.FileContentsManager.pre_save_hook = "upr_course.jupyter_hooks.pre_save"  # noqa: F821
