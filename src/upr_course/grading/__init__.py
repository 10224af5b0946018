"""nbgrader glue: grades a trainer can trust, and a report of who needs what.

This package knows nbgrader and the rubric, but nothing of the course's lessons.

- ``extract``: the text of an answer, read from a notebook FILE with :mod:`ast`, without
  running any code (``answer_text(path, "action_plan", "PLAN")``).
- ``clean_grade``: ``python -I -m upr_course.grading.clean_grade NOTEBOOK --group ...``,
  the capstone's grader, run by its test cells in a fresh process (see that module for
  why and how).
- ``preprocessors``: nbgrader preprocessors for templates in student versions, scores
  that nbgrader would misread, and feedback without hidden tests or tracebacks.
- ``submissions``: checks of submitted notebooks (broken JSON, renamed, missing grading
  metadata, deleted cells) and a scan for code that tampers with grading.
- ``report``: per participant and assignment, the score of each graded cell (from
  nbgrader's gradebook), what failed, what still needs manual grading, and a clean
  re-grade of each capstone plan compared with the gradebook
  (``upr-course workshop report``).

Why a clean process: nbgrader runs the tests in the participant's kernel, after their
code. Code in an answer cell can rebind ``float``, replace the course's functions or
define objects equal to anything (measured in ``shared/research/nbgrader-findings.md``).
The capstone's score therefore comes from the plan's TEXT, graded where no participant
code ran; and the trainer's report grades every plan again, outside any kernel, and names
each submission whose gradebook score differs.
"""
