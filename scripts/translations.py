"""Keep the translations in step with the English: ``make translations`` runs this.

    .venv/bin/python scripts/translations.py           # update every catalogue, then build
    .venv/bin/python scripts/translations.py check     # say what is left to translate (exit 1 if anything)

"update" extracts the English messages of the package and the passages of the lessons, the
glossary and the exercises, and brings each language's catalogues up to them: a new English
text arrives empty, a changed one keeps its old translation marked "fuzzy" for a translator
to check. "build" writes the translated lessons (``course/<lang>/``) from the catalogues, the exercises'
translated sources for nbgrader (``translations/build/<lang>/solutions``, not committed) and
the participants' version nbgrader releases from them (``exercises/<lang>/``).
Edit the ``.po`` files with any gettext editor (Poedit, or a text editor): translate each
``msgstr``, and remove the ``#, fuzzy`` line once a changed translation is right again.
"""

from __future__ import annotations

import argparse
import sys

from upr_course.i18n import catalogues, exercises, notebooks


def update() -> None:
    for path in catalogues.update_package_catalogues() + notebooks.update_catalogues():
        print(f"updated {path.relative_to(notebooks.REPO)}")


def build() -> None:
    for code in catalogues.translated_languages():
        built = notebooks.write_outputs(notebooks.build_lessons(code))
        built += exercises.write_sources(code) + exercises.write_released(code)
        for path in built:
            print(f"built {path.relative_to(notebooks.REPO)}")


def sources() -> None:
    """Only the exercises' translated sources, for nbgrader (make lab TRAINER=1 LANG=es)."""
    for code in catalogues.translated_languages():
        exercises.write_sources(code)


def check() -> int:
    left = catalogues.package_catalogue_problems()
    for code in catalogues.translated_languages():
        for source in notebooks.source_files():
            left.extend(notebooks.problems(source, code))
    for problem in left:
        print(problem)
    print(f"{len(left)} entries to translate or check." if left else "Every text is translated.")
    return 1 if left else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("step", nargs="?", choices=["all", "update", "build", "sources", "check"], default="all")
    step = parser.parse_args().step
    if step in ("all", "update"):
        update()
    if step in ("all", "build"):
        build()
    if step == "sources":
        sources()
    if step == "check":
        return check()
    return 0


if __name__ == "__main__":
    sys.exit(main())
