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

- ``answers`` / ``answer_check``: every exercise's answers as plain data, read from the
  notebook's text (or a saved answers structure, or, for answers only code computes, from the
  sandboxed kernel), checked in a clean process that runs the trainer's source notebook.
- ``kernel_sandbox`` / ``execute``: the participant's kernel, run only when an answer needs
  it, and then inside bubblewrap (no course folder, gradebook, secrets or network; limits).
- ``grading_log``: what happened to each submission (causes, fingerprints), for the report.
- ``submission``: which submission a preprocessor is grading, and where its files are.
- ``throwaway_course``: a temporary copy of the course for tests and ``make bench``.

Why outside the kernel: nbgrader runs the tests in the participant's kernel, after their
code, with the trainer's rights. Code in an answer cell could rebind ``float``, replace the
course's functions, define objects equal to anything, write the gradebook or read the hidden
tests (measured in ``shared/research/nbgrader-findings.md`` and in an attack test). So no
grade comes from a kernel: answers are data, checked where no participant code runs, and
the kernel (when it runs at all) is walled in. The report names every attempt.
"""
