"""nbgrader's configuration for this course (run nbgrader from this folder).

nbgrader's "source" notebooks are the instructor versions in ``solutions/``; the student
versions it generates go to ``exercises/`` (committed, so participants learning alone can
open them directly). Submissions, autograded notebooks and feedback stay in their usual
folders, which git ignores: participants' plans never enter the repository.

What this file adds to nbgrader's defaults, and why (docs/trainer-guide.md has the steps):

- a solution cell can start its student version from a template (``StudentSource``);
- the capstone's plan is graded from its text in nbgrader's own process, never in the
  participant's kernel (``GradeOutsideKernel``, ``WriteOutsideGrades``; set
  ``UPR_COURSE_GRADE_IN_KERNEL=1`` to let the test cells grade in a clean child process
  started from the kernel instead: slower, and what happens outside nbgrader anyway);
- deleted test cells are put back at autograde (``add_missing_cells``), so a missing cell
  scores 0 and is reported instead of silently vanishing;
- a test cell that shows no number, or a number outside its points, scores 0 and says so
  (``RequireScore``; nbgrader would give full marks or crash the participant's grading);
- self-check cells tagged ``skip-when-grading`` are not run by the grader (faster); the
  trainer's own cells (locked, graded, answer) are run whatever their tags say;
- a handed-in folder that is, or holds, a link is refused before anything is read through it
  (``SubmittedFilesOnly``);
- collect refuses a submission in the exchange that is, or holds, a link, or whose owner is not
  the participant its name claims (``CheckedExchangeCollect``);
- ``nbgrader export``'s grades.csv never holds a cell a spreadsheet would run as a formula
  (``SafeCsvExportPlugin``);
- nothing a participant wrote (markdown HTML, HTML or JavaScript outputs) runs as a script in
  the trainer's formgrader page (``NoParticipantScript``);
- feedback shows no hidden tests, no mark schemes and no tracebacks, but keeps what the
  test cells print: the rubric's feedback per criterion (``PrivateFeedback``).
"""

import os
from pathlib import Path

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor, ClearMetadataPreprocessor
from nbgrader.preprocessors import (
    AssignLatePenalties,
    CheckCellMetadata,
    ClearHiddenTests,
    ClearMarkScheme,
    ClearOutput,
    ClearSolutions,
    ComputeChecksums,
    DeduplicateIds,
    GetGrades,
    IgnorePattern,
    IncludeHeaderFooter,
    InstantiateTests,
    LimitOutput,
    LockCells,
    OverwriteCells,
    OverwriteKernelspec,
    SaveAutoGrades,
    SaveCells,
)

from upr_course.grading.execute import SandboxedExecute
from upr_course.grading.preprocessors import (
    GradeOutsideKernel,
    NoParticipantScript,
    PrivateFeedback,
    RequireScore,
    SkipWhenGrading,
    StudentSource,
    WriteOutsideGrades,
)

from upr_course.i18n.messages import language_code

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

c.CourseDirectory.root = "."
c.CourseDirectory.course_id = "upr-course"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"

# A workshop in Spanish or French (make lab TRAINER=1 LANG=es, or UPR_COURSE_LANG=es): nbgrader
# releases, collects and grades the translated exercises, which have the same cells, points and
# hidden tests (upr_course/i18n/exercises.py). Only when their sources have been built here.
_language = language_code(os.environ.get("UPR_COURSE_LANG"))
_translated = Path(__file__).resolve().parent / "translations" / "build" / str(_language) / "solutions"
if _language in ("es", "fr") and _translated.is_dir():
    c.CourseDirectory.source_directory = f"translations/build/{_language}/solutions"
    c.CourseDirectory.release_directory = f"exercises/{_language}"

# generate_assignment: nbgrader's list, with StudentSource right after ClearSolutions
# (before the checksums, which must see the student version).
c.GenerateAssignment.preprocessors = [
    IncludeHeaderFooter,
    InstantiateTests,
    LockCells,
    ClearSolutions,
    StudentSource,
    ClearOutput,
    CheckCellMetadata,
    ComputeChecksums,
    SaveCells,
    ClearHiddenTests,
    ClearMarkScheme,
    ComputeChecksums,
    CheckCellMetadata,
]

# autograde: put deleted cells back; skip report-only cells; grade the capstone outside the
# kernel; refuse scores nbgrader would misread.
c.OverwriteCells.add_missing_cells = True
# A participant's handed-in folder that is, or holds, a link (to solutions/, to your files) is
# refused before nbgrader reads anything through it; the others are graded
# (upr_course/grading/submitted_links.py; the report names it: linked_file).
c.Autograde.exporter_class = "upr_course.grading.submitted_links.SubmittedFilesOnly"
c.Autograde.sanitize_preprocessors = [
    ClearOutput,
    DeduplicateIds,
    OverwriteKernelspec,
    OverwriteCells,
    CheckCellMetadata,
    SkipWhenGrading,
]
c.Autograde.autograde_preprocessors = [
    GradeOutsideKernel,
    SandboxedExecute,
    WriteOutsideGrades,
    RequireScore,
    IgnorePattern,
    ClearMetadataPreprocessor,
    LimitOutput,
    NoParticipantScript,
    SaveAutoGrades,
    AssignLatePenalties,
    CheckCellMetadata,
]
# The participant's kernel (only when an answer needs code to be computed) runs in a sandbox
# (bubblewrap): a cell that runs longer than this stops the kernel, and the report names it.
# All the cells of one notebook together may run twice as long (notebook_timeout, left unset
# here so that it follows timeout); the kernel's folder holds 128 MB (work_mb).
c.SandboxedExecute.timeout = 30

# collect (a shared server or JupyterHub with nbgrader's exchange folder): a submission folder in
# the exchange that is, or holds, a link (to solutions/, to the gradebook) or anything but
# ordinary files and folders, or that is owned by another user than the participant its name
# claims, is refused with a sentence in the log; the others are collected as nbgrader would,
# copied without following links (upr_course/grading/exchange_collect.py). Names that are not
# system users: c.CheckedExchangeCollect.owners = {"amina": 1001, ...} (the demo hub sets it).
# ngshare (Kubernetes) has its own collector, which its configureExchange sets.
if not os.environ.get("UPR_COURSE_NGSHARE_URL"):
    c.ExchangeFactory.collect = "upr_course.grading.exchange_collect.CheckedExchangeCollect"

# export (section 8 of the trainer guide: nbgrader export --to grades.csv): nbgrader's columns and
# rows, written with Python's csv module, and a text cell that a spreadsheet would run as a formula
# (a participant id, a name from a roster: "=HYPERLINK(...)") starts with an apostrophe
# (upr_course/grading/export_grades.py).
c.ExportApp.plugin_class = "upr_course.grading.export_grades.SafeCsvExportPlugin"

# generate_feedback: no hidden tests, mark schemes or tracebacks; the rubric's feedback stays.
c.GenerateFeedback.preprocessors = [
    GetGrades,
    PrivateFeedback,
    ClearHiddenTests,
    ClearMarkScheme,
    CSSHTMLHeaderPreprocessor,
]

# zip_collect (notebooks sent by e-mail or on a USB stick): save each file as
# PARTICIPANT__NOTEBOOK.ipynb (two underscores), for example amina__action-plan.ipynb, alone
# or in zip files, in downloaded/<assignment>/archive/; list who sent each file in
# downloaded/<assignment>/handed-in.csv (lines "FILE,PARTICIPANT"), then run:
# nbgrader zip_collect <assignment>
# The course's collector (upr_course/grading/collect.py) refuses a file whose name claims
# another participant than its sender, and two different files for the same participant and
# notebook (it names both); `upr-course workshop report` lists what it refused.
# The course's extractor (upr_course/grading/extract_archives.py) extracts each archive on its
# own: a broken zip, or one that would write more than 200 MB (a "zip bomb"), is refused with
# a sentence, and the others are still collected; all the archives together may write 1 GB
# (the ones after that are refused, and named); macOS's __MACOSX/ folders are skipped.
c.ZipCollectApp.extractor_plugin = "upr_course.grading.extract_archives.SafeExtractor"
c.ZipCollectApp.collector_plugin = "upr_course.grading.collect.CheckedCollector"
c.FileNameCollectorPlugin.named_regexp = r".*[/\\](?P<student_id>[^/\\]+?)__(?P<file_id>[^/\\]+\.ipynb)$"
