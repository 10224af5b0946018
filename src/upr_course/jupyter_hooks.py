"""What the course's Jupyter server does when a notebook is saved (``jupyter/common``).

A widget (a dropdown, a form) lives in the running kernel. A notebook file keeps only a pointer
to it, so a notebook that is opened again shows "Error displaying widget: model not found" in
every widget cell until the cell runs again. The course does not save the widgets' state in the
notebook (notebooks stay small and are committed with their outputs cleared). Instead, when
a notebook is saved, each widget output in the file is replaced by a short note that says
what to do: run the cell. The notebook that is open in the browser keeps its live widgets;
only the saved file changes.

The same hook copies the answers given in an exercise's forms (kept next to the notebook in
``.upr-course-answers.json``) into the answer cell's metadata, so that the saved file holds
them and the grader reads them without running anything (``exercise_forms.py``).

Configured with ``c.FileContentsManager.pre_save_hook = "upr_course.jupyter_hooks.pre_save"``
(``jupyter/common/jupyter_server_config.py``, used by ``make lab`` and the JupyterHub set-up).
"""

from __future__ import annotations

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
RERUN_TEXT = ("This form or picture is not running now. Click in this cell and press Shift+Enter "
              "(or Run > Run All Cells) to show it again.")
RERUN_HTML = (
    '<div class="upr-rerun" style="border-left: 4px solid #1f6feb; padding: 0.3em 0.8em; '
    'background: #eef4ff; color: #1b1f24">' + RERUN_TEXT.replace("Shift+Enter", "<b>Shift+Enter</b>") + "</div>"
)


def rerun_note() -> dict:
    """The output that stands in for a widget in a saved notebook."""
    return {
        "output_type": "display_data",
        "data": {"text/html": RERUN_HTML, "text/plain": RERUN_TEXT},
        "metadata": {"upr_course": {"widget_note": True}},
    }


def replace_widget_outputs(notebook: dict) -> int:
    """Replace each widget output of a notebook (as a dict, nbformat 4) by the note; return how many.

    A cell that shows several widgets gets one note. Other outputs (text, tables, pictures,
    errors) are kept as they are.
    """
    replaced = 0
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        outputs, noted = [], False
        for output in cell.get("outputs", []):
            if WIDGET_VIEW in output.get("data", {}):
                replaced += 1
                if not noted:
                    outputs.append(rerun_note())
                    noted = True
                continue
            outputs.append(output)
        cell["outputs"] = outputs
    return replaced


def notebook_folder(path: str, contents_manager=None):
    """The folder on disk of the notebook at ``path`` (relative to the server's root)."""
    from pathlib import Path

    root = getattr(contents_manager, "root_dir", None) or "."
    return (Path(root) / path.lstrip("/")).parent


def pre_save(model: dict, path: str = "", contents_manager=None, **_kwargs) -> None:
    """Jupyter server's pre-save hook: the exercises' form answers go into their answer cells'
    metadata (``exercise_forms.merge_into_notebook``), and widget outputs become the note."""
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    try:
        from .exercise_forms import merge_into_notebook

        merge_into_notebook(model["content"], notebook_folder(path, contents_manager))
    except Exception:  # noqa: BLE001 - a save must never fail because of the answers
        pass
    replace_widget_outputs(model["content"])
