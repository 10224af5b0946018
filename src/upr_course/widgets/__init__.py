"""The ipywidgets faces of the course: small clickable forms for the lessons.

Each module here only builds widgets around a pure core function elsewhere in the
package (``quiz`` around ``upr_course.quiz``), so the logic is tested without a browser
and gives the same answers in a notebook, on the command line and in the grader.
"""
