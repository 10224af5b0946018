"""The UPR advocacy course: data, tools and grading behind the notebooks.

Notebooks import from here so that they hold prose and calls, never logic.
"""

__version__ = "0.1.0"
