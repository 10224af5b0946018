"""The exercises in Spanish and French, released by nbgrader from translated source notebooks.

A translated source notebook is the English one (``solutions/``) with its passages translated
(:mod:`.notebooks`): the same cells, ids, points, answers and hidden tests. nbgrader then makes
the participants' version from it exactly as it does in English, into ``exercises/<lang>/``
(committed, so a participant learning alone opens it directly, as with ``exercises/``).

For a workshop in Spanish or French, ``nbgrader_config.py`` points nbgrader at the translated
sources (``translations/build/<lang>/solutions``, built by ``make translations`` or by
``make lab TRAINER=1 LANG=es``) and at ``exercises/<lang>/`` when ``UPR_COURSE_LANG`` names the
language: release, collect, autograde and feedback then work as in English, with the same
gradebook columns.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from . import notebooks


def write_sources(code: str) -> list[Path]:
    """Build the translated source notebooks where nbgrader looks for them; return what changed."""
    return notebooks.write_outputs(notebooks.build_exercise_sources(code))


def released(code: str) -> dict[Path, bytes]:
    """What nbgrader releases from the translated sources: {path under exercises/<code>/: content}."""
    from ..grading import throwaway_course

    outputs: dict[Path, bytes] = {}
    with tempfile.TemporaryDirectory(prefix=f"upr-exercises-{code}-") as scratch:
        sources = Path(scratch) / "sources"
        notebooks.write_outputs(notebooks.build_exercise_sources(code, sources))
        course = throwaway_course.make_course(Path(scratch) / "course", solutions=sources)
        api = throwaway_course.api(course)
        for assignment in sorted(p.name for p in sources.iterdir() if p.is_dir()):
            result = api.generate_assignment(assignment, force=True)
            if not result["success"]:
                raise RuntimeError(f"nbgrader could not release {assignment} in {code}:\n{result.get('error')}")
        release = course / "exercises"
        for path in sorted(release.rglob("*")):
            if path.is_file():
                outputs[notebooks.exercise_release_dir(code) / path.relative_to(release)] = path.read_bytes()
    return outputs


def write_released(code: str) -> list[Path]:
    """Write ``exercises/<code>/`` from a fresh release; return the files that changed."""
    outputs = released(code)
    stale = [p for p in notebooks.exercise_release_dir(code).rglob("*") if p.is_file() and p not in outputs]
    for path in stale:
        path.unlink()
    return notebooks.write_outputs(outputs) + stale
