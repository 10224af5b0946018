"""The UPR advocacy course: data, tools and grading behind the notebooks.

Notebooks import from here so that they hold prose and calls, never logic.
"""

__version__ = "0.1.0"


def _plain_errors_in_notebooks() -> None:
    """In a notebook, a ``UserError`` shows its message only, never a traceback (errors.py)."""
    import sys

    if "IPython" in sys.modules:  # only where IPython already runs: never import it for the CLI
        from .errors import show_in_notebook

        show_in_notebook()


_plain_errors_in_notebooks()
