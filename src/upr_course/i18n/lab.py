"""JupyterLab's own menus in the participant's language, for ``make lab LANG=es``.

JupyterLab takes its display language from the ``locale`` setting of its translation
plugin, read, like the course's other defaults, from an ``overrides.json`` in its
application settings folder. ``make setup`` writes one such folder per language, each the
course's ``jupyter/overrides.json`` plus that language's locale, and ``make lab`` points
JupyterLab at the one asked for (``--LabApp.app_settings_dir``). A participant who picks
another language in JupyterLab's Settings menu keeps it: their own settings come first.

    python -m upr_course.i18n.lab <jupyter/overrides.json> <.venv/share/jupyter/lab>
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

#: The language packs the course installs (requirements.in) and the locale each provides.
LAB_LOCALES = {"es": "es_ES", "fr": "fr_FR"}
TRANSLATION_PLUGIN = "@jupyterlab/translation-extension:plugin"


def overrides_for(base: dict, code: str) -> dict:
    """The course's JupyterLab defaults with the display language of ``code``."""
    merged = json.loads(json.dumps(base))
    merged.setdefault(TRANSLATION_PLUGIN, {})["locale"] = LAB_LOCALES[code]
    return merged


def settings_dir(lab_dir: Path, code: str) -> Path:
    return lab_dir / f"settings-{code}"


def write_language_settings(base_overrides: Path, lab_dir: Path) -> list[Path]:
    """One ``settings-<code>/overrides.json`` per language; returns the files written."""
    base = json.loads(base_overrides.read_text(encoding="utf-8"))
    written = []
    for code in LAB_LOCALES:
        target = settings_dir(lab_dir, code) / "overrides.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(overrides_for(base, code), indent=2) + "\n", encoding="utf-8")
        written.append(target)
    return written


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[-1].strip())
    write_language_settings(Path(sys.argv[1]), Path(sys.argv[2]))
