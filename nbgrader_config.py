"""nbgrader's configuration for this course (run nbgrader from this folder).

nbgrader's "source" notebooks are the instructor versions in ``solutions/``; the student
versions it generates go to ``exercises/`` (committed, so participants learning alone can
open them directly). Submissions, autograded notebooks and feedback stay in their usual
folders, which git ignores: participants' plans never enter the repository.
"""

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

c.CourseDirectory.root = "."
c.CourseDirectory.course_id = "upr-course"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
c.CourseDirectory.db_url = "sqlite:///gradebook.db"
