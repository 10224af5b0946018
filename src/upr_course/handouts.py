"""Handouts: each lesson as one self-contained page to print or read offline (``make handouts``).

A lesson is run in a fresh kernel (its pictures, tables and forms are made as a participant
would see them after "Run All"), then written as one HTML file that needs nothing else:

- every widget becomes a static copy of what it shows: its text, its tables, its pictures
  (inline), a drop-down as the choice it shows, a form as empty lines to write on;
- a quiz shows its question and its options, with a box to tick, and never its answers or feedback;
- code cells are left out (participants do not need them on paper, and a quiz's code holds its answer);
- no script and no style is loaded from the internet (no CDN), so the page is the same offline.

    python -m upr_course.handouts handouts course/01-why-engage.ipynb ...
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from pathlib import Path

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
PRINT_CSS = """
<style>
  body { max-width: 48em; margin: 1em auto; font-size: 15px; }
  pre, code { white-space: pre-wrap; word-break: break-word; }
  img { max-width: 100%; height: auto; }
  table { border-collapse: collapse; }
  td, th { border: 1px solid #ccc; padding: 0.2em 0.5em; }
  .upr-static { border: 1px solid #ddd; padding: 0.5em 0.8em; margin: 0.5em 0; }
  .upr-write { border-bottom: 1px solid #999; height: 1.8em; }
  .upr-option::before { content: "\\2610\\00a0"; }
  @media print { .jp-Cell { break-inside: avoid; } a { color: inherit; } }
</style>
"""
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.I | re.S)
_REMOTE = re.compile(r"""<link\b[^>]*\bhref\s*=\s*["']?(?:https?:)?//[^>]*>""", re.I)


def _models(notebook) -> dict:
    widgets = notebook.get("metadata", {}).get("widgets", {})
    return (widgets.get(WIDGET_STATE) or {}).get("state", {}) if isinstance(widgets, dict) else {}


def _ref(value) -> str | None:
    return value[len("IPY_MODEL_"):] if isinstance(value, str) and value.startswith("IPY_MODEL_") else None


def _output_html(output: dict) -> str:
    data = output.get("data", {})
    if output.get("output_type") == "stream":
        return f"<pre>{html.escape(''.join(output.get('text', '')))}</pre>"
    if "image/png" in data:
        return f'<img alt="picture" src="data:image/png;base64,{"".join(data["image/png"]).strip()}">'
    if "image/svg+xml" in data:
        return "".join(data["image/svg+xml"])
    if "text/html" in data:
        return "".join(data["text/html"])
    if "text/plain" in data:
        return f"<pre>{html.escape(''.join(data['text/plain']))}</pre>"
    return ""


def static_widget(model_id: str, models: dict, depth: int = 0) -> str:
    """What a widget shows, as static HTML (answers and feedback of quizzes left out)."""
    model = models.get(model_id)
    if model is None or depth > 30:
        return ""
    name, state = model.get("model_name", ""), model.get("state", {})
    children = [_ref(c) for c in state.get("children", [])]
    inner = lambda: "".join(static_widget(c, models, depth + 1) for c in children if c)  # noqa: E731
    classes = state.get("_dom_classes", [])
    if "upr-quiz" in classes:
        prompt = static_widget(children[0], models, depth + 1) if children else ""
        options = models.get(children[1], {}).get("state", {}).get("_options_labels", []) if len(children) > 1 else []
        items = "".join(f'<li class="upr-option" style="list-style:none">{html.escape(o)}</li>' for o in options)
        return f'<div class="upr-static upr-quiz">{prompt}<ul>{items}</ul></div>'
    if name in ("VBoxModel", "HBoxModel", "BoxModel", "GridBoxModel"):
        return f'<div class="upr-static-box">{inner()}</div>'
    if name in ("TabModel", "AccordionModel"):
        titles = state.get("titles") or []
        parts = []
        for index, child in enumerate(children):
            title = titles[index] if index < len(titles) and titles[index] else ""
            parts.append((f"<h4>{html.escape(title)}</h4>" if title else "") + static_widget(child, models, depth + 1))
        return "".join(parts)
    if name in ("HTMLModel", "HTMLMathModel"):
        return str(state.get("value", ""))
    if name == "LabelModel":
        return f"<p>{html.escape(str(state.get('value', '')))}</p>"
    if name == "OutputModel":
        return "".join(_output_html(o) for o in state.get("outputs", []))
    if name in ("DropdownModel", "SelectModel", "RadioButtonsModel", "ToggleButtonsModel", "SelectMultipleModel"):
        labels = state.get("_options_labels", [])
        index = state.get("index")
        chosen = [labels[i] for i in (index if isinstance(index, list) else [index]) if isinstance(i, int) and i < len(labels)]
        description = html.escape(str(state.get("description", "")))
        if chosen and name != "RadioButtonsModel":
            return f"<p>{description} <b>{html.escape(', '.join(chosen))}</b></p>"
        items = "".join(f'<li class="upr-option" style="list-style:none">{html.escape(o)}</li>' for o in labels[:40])
        return f"<div>{description}<ul>{items}</ul></div>"
    if name in ("TextModel", "TextareaModel"):
        value = str(state.get("value", "") or "")
        lines = 1 if name == "TextModel" else int(state.get("rows") or 3)
        shown = f"<p>{html.escape(value)}</p>" if value else '<div class="upr-write"></div>' * lines
        return f"<div>{html.escape(str(state.get('description', '')))}{shown}</div>"
    if name == "CheckboxModel":
        return f'<p class="upr-option">{html.escape(str(state.get("description", "")))}</p>'
    if name == "ImageModel":
        for buffer in model.get("buffers", []):
            if buffer.get("path") == ["value"] and buffer.get("encoding", "base64") == "base64":
                kind = html.escape(str(state.get("format", "png")))
                kind = "svg+xml" if kind == "svg" else kind
                return f'<img alt="picture" src="data:image/{kind};base64,{buffer.get("data", "")}">'
        return ""
    return ""  # buttons, sliders, upload: nothing to see on paper


def make_static(notebook) -> int:
    """Replace each widget output by a static HTML copy (from the saved widget state); return how many."""
    models = _models(notebook)
    replaced = 0
    for cell in notebook.get("cells", []):
        for index, output in enumerate(cell.get("outputs", [])):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view:
                body = static_widget(view.get("model_id", ""), models)
                cell["outputs"][index] = {"output_type": "display_data", "metadata": {},
                                          "data": {"text/html": f'<div class="upr-static">{body}</div>' if body else ""}}
                replaced += 1
    notebook.get("metadata", {}).pop("widgets", None)
    return replaced


def to_page(notebook, title: str) -> str:
    """The notebook (already run) as one self-contained HTML page."""
    from nbconvert import HTMLExporter

    make_static(notebook)
    exporter = HTMLExporter(template_name="lab", exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    exporter.mathjax_url = ""
    # The page says which language it is in (screen readers, hyphenation, a browser's translation offer).
    exporter.language_code = notebook.get("metadata", {}).get("upr_course", {}).get("language", "en")
    body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": title}})
    body = _REMOTE.sub("", _SCRIPT.sub("", body))  # a page to print needs no script; none is loaded from the internet
    return body.replace("</head>", PRINT_CSS + "</head>", 1)


def run(path: Path, timeout: int = 300):
    """Run a lesson in a fresh kernel, in its own folder, keeping the widgets' state."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3", allow_errors=True,
                            store_widget_state=True, resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return notebook


def build(lessons: list[Path], folder: Path, timeout: int = 300) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for lesson in lessons:
        page = to_page(run(lesson, timeout), lesson.stem)
        target = folder / f"{lesson.stem}.html"
        target.write_text(page, encoding="utf-8")
        written.append(target)
        print(f"{target}")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write lessons as self-contained pages to print or read offline.")
    parser.add_argument("folder", type=Path)
    parser.add_argument("lessons", nargs="+", type=Path)
    parser.add_argument("--timeout", type=int, default=300)
    args = parser.parse_args(argv)
    build(args.lessons, args.folder, args.timeout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
