"""``make workshop-kit``: the workshop's slides, handouts and printed notes, in one folder, offline.

Each lesson runs once; from the run come its slides (``slides.py``) and its handout
(``handouts.py``). The kit's notes in ``workshop/`` (facilitator notes, role plays, evaluation
form, README) become pages to print. Nothing in the folder loads anything from the internet.

    python -m upr_course.workshop_kit workshop-kit [course/01-why-engage.ipynb ...]
"""

from __future__ import annotations

import argparse
import copy
import html
import sys
from pathlib import Path

from .paths import REPO_ROOT

NOTES = REPO_ROOT / "workshop"
PAGE_STYLE = """<style>
  body { max-width: 46em; margin: 1.5em auto; padding: 0 1em; font-family: "DejaVu Sans", Arial, sans-serif; line-height: 1.45; }
  table { border-collapse: collapse; } td, th { border: 1px solid #bbb; padding: 0.2em 0.5em; }
  hr { page-break-after: always; border: 0; border-top: 1px dashed #999; }
  code, pre { white-space: pre-wrap; }
</style>"""


def note_page(markdown_text: str, title: str) -> str:
    """A markdown note as one page to print (links to other notes point at their pages)."""
    from .slides import _markdown

    body = _markdown()(markdown_text).replace('.md"', '.html"').replace(".md#", ".html#")
    return f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>{PAGE_STYLE}</head><body>\n{body}</body></html>\n'


def build(folder: Path, lessons: list[Path], timeout: int = 300) -> list[Path]:
    from . import handouts, slides

    written = []
    for sub in ("slides", "handouts"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    for lesson in lessons:
        run = handouts.run(lesson, timeout)
        deck = folder / "slides" / f"{lesson.stem}-slides.html"
        deck.write_text(slides.deck(copy.deepcopy(run), lesson.stem), encoding="utf-8")
        page = folder / "handouts" / f"{lesson.stem}.html"
        page.write_text(handouts.to_page(run, lesson.stem), encoding="utf-8")
        written += [deck, page]
        print(deck, page)
    for note in sorted(NOTES.glob("*.md")):
        target = folder / ("index.html" if note.stem == "README" else f"{note.stem}.html")
        target.write_text(note_page(note.read_text(encoding="utf-8"), note.stem), encoding="utf-8")
        written.append(target)
        print(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the workshop kit: slides, handouts and notes to print, offline.")
    parser.add_argument("folder", type=Path)
    parser.add_argument("lessons", nargs="*", type=Path, help="default: every lesson in course/")
    parser.add_argument("--timeout", type=int, default=300)
    args = parser.parse_args(argv)
    build(args.folder, args.lessons or sorted((REPO_ROOT / "course").glob("*.ipynb")), args.timeout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
