"""nbgrader glue: grades a trainer can trust, and a report of who needs what.

This package knows nbgrader and the rubric, but nothing of the course's lessons.

- ``extract``: the text of an answer, read from a notebook FILE with :mod:`ast`, without
  running any code (``answer_text(path, "action_plan", "PLAN")``).
- ``clean_grade``: grading the capstone's plan from its text, with the rubric. Used in two
  places: by the preprocessors below, in nbgrader's own process during ``autograde``; and
  anywhere else (the solution notebook under nbval, a trainer running a submission by hand,
  or autograde with ``UPR_COURSE_GRADE_IN_KERNEL=1``) by the test cells themselves, which
  start ``python -I -m upr_course.grading.clean_grade NOTEBOOK --group ...`` in a fresh process.
- ``preprocessors``: nbgrader preprocessors: templates in student versions, the capstone
  graded outside the kernel, scores that nbgrader would misread, and feedback without
  hidden tests or tracebacks.
- ``submissions``: checks of submitted notebooks (broken JSON, renamed, missing grading
  metadata, deleted cells) and a scan for code that tampers with grading.
- ``report``: per participant and assignment, the score of each graded cell (from
  nbgrader's gradebook), what failed, what still needs manual grading, and a clean
  re-grade of each capstone plan compared with the gradebook
  (``upr-course workshop report``).

Why outside the kernel: nbgrader runs the tests in the participant's kernel, after their
code. Code in an answer cell can rebind ``float``, replace the course's functions or define
objects equal to anything (measured in ``shared/research/nbgrader-findings.md``). So the
capstone's score comes from the plan's TEXT, graded where no participant code runs: in
nbgrader's process during autograde, or in a fresh child process elsewhere. And the
trainer's report grades every plan again, outside any kernel, and names each submission
whose gradebook score differs. The other exercises are learning checks that run in the
kernel as usual; the report's scan names submissions whose code could tamper with them.
"""
