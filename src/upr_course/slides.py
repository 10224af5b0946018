"""Slides for a workshop, made from the lessons: one self-contained HTML file per lesson, offline.

Each lesson is run (``handouts.run``) so its pictures and tables are there, then cut into
slides: a new slide at each heading (``#`` and ``##``). A slide keeps the short things a room
can read from a wall: headings, lists, tables, short paragraphs (at most ``MAX_WORDS``), the
pictures and tables that widgets show (as static copies) and quiz questions without their
answers. Long paragraphs are left for the facilitator to say (they are in the lesson and the
handout). Nothing is loaded from the internet: the arrow keys move between slides with a few
lines of script inside the page, and printing gives one slide per page.

    python -m upr_course.slides workshop/slides course/01-why-engage.ipynb ...
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from pathlib import Path

MAX_WORDS = 45
_HEADING = re.compile(r"^(#{1,2})\s+(.*)$")
STYLE = """
<style>
  html, body { margin: 0; font-family: "DejaVu Sans", Arial, sans-serif; background: #fff; color: #1b1f24; }
  .slide { box-sizing: border-box; min-height: 100vh; padding: 4vh 6vw; border-bottom: 1px solid #ddd;
           font-size: clamp(16px, 2.4vh, 26px); line-height: 1.35; scroll-snap-align: start; }
  html { scroll-snap-type: y proximity; }
  .slide h1 { font-size: 1.9em; margin: 0 0 0.6em; color: #0b4f8a; }
  .slide h2 { font-size: 1.5em; margin: 0 0 0.6em; color: #0b4f8a; }
  .slide img { max-width: 100%; max-height: 62vh; }
  .slide table { border-collapse: collapse; font-size: 0.8em; }
  .slide td, .slide th { border: 1px solid #ccc; padding: 0.15em 0.5em; }
  .slide .upr-option::before { content: "\\2610\\00a0"; }
  .footer { color: #6e7781; font-size: 0.7em; margin-top: 2em; }
  @media print { .slide { min-height: auto; height: 100vh; page-break-after: always; overflow: hidden; border: 0; } }
</style>
<script>
  document.addEventListener("keydown", function (event) {
    var slides = Array.prototype.slice.call(document.querySelectorAll(".slide"));
    var here = slides.findIndex(function (s) { return s.getBoundingClientRect().top > -10; });
    var step = {ArrowRight: 1, PageDown: 1, " ": 1, ArrowLeft: -1, PageUp: -1}[event.key];
    if (!step) { return; }
    event.preventDefault();
    var next = slides[Math.max(0, Math.min(slides.length - 1, (here < 0 ? 0 : here) + step))];
    if (next) { next.scrollIntoView(); }
  });
</script>
"""


def _markdown():
    import mistune

    return mistune.create_markdown(plugins=["table", "strikethrough"], escape=False)


def _blocks(text: str) -> list[str]:
    """A markdown cell's blocks (paragraphs, lists, tables), split at blank lines."""
    return [b.strip("\n") for b in re.split(r"\n\s*\n", text) if b.strip()]


def _keep(block: str) -> bool:
    first = block.lstrip()
    if first.startswith(("-", "*", "|", "#", "!", ">")) or re.match(r"\d+\.", first):
        return True
    return len(re.findall(r"\w+", re.sub(r"\(.*?\)|\[|\]", "", block))) <= MAX_WORDS


def _link_text(html_text: str) -> str:
    """Links become their text: a slide is shown on a wall or printed, not clicked."""
    return re.sub(r"<a\b[^>]*>(.*?)</a>", r"\1", html_text, flags=re.S)


def slides_of(notebook, title: str) -> list[str]:
    """The notebook (already run, widgets made static) as a list of slides' HTML."""
    from .handouts import _output_html

    render = _markdown()
    slides: list[list[str]] = [[]]
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "markdown":
            for block in _blocks("".join(cell.get("source", ""))):
                heading = _HEADING.match(block.split("\n")[0])
                if heading and slides[-1]:
                    slides.append([])
                if _keep(block):
                    slides[-1].append(_link_text(render(block)))
        elif cell.get("cell_type") == "code":
            for output in cell.get("outputs", []):
                if output.get("output_type") == "stream":
                    continue  # "the tools are ready" and the like
                shown = _output_html(output)
                if shown.strip():
                    slides[-1].append(shown)
    footer = f'<p class="footer">{html.escape(title)}</p>'
    return [f'<section class="slide">{"".join(parts)}{footer}</section>' for parts in slides if parts]


def deck(notebook, title: str) -> str:
    from .handouts import make_static

    make_static(notebook)
    body = "\n".join(slides_of(notebook, title))
    return f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>{STYLE}</head><body>\n{body}\n</body></html>\n'


def build(lessons: list[Path], folder: Path, timeout: int = 300) -> list[Path]:
    from .handouts import run

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for lesson in lessons:
        target = folder / f"{lesson.stem}-slides.html"
        target.write_text(deck(run(lesson, timeout), lesson.stem), encoding="utf-8")
        written.append(target)
        print(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write lessons as offline slides, one HTML file per lesson.")
    parser.add_argument("folder", type=Path)
    parser.add_argument("lessons", nargs="+", type=Path)
    parser.add_argument("--timeout", type=int, default=300)
    args = parser.parse_args(argv)
    build(args.lessons, args.folder, args.timeout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
