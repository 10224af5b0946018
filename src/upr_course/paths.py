"""Where the course finds its built datasets.

The datasets live in the repository's ``datasets/`` folder, next to ``src/``. A trainer
can point the course at another copy (for example one with their country's newer
recommendations imported) with the environment variable ``UPR_COURSE_DATA``.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import UserError

DATA_ENV_VAR = "UPR_COURSE_DATA"

#: The repository root when the package is installed in editable mode from a clone.
REPO_ROOT = Path(__file__).resolve().parents[2]


def datasets_dir() -> Path:
    """The folder that holds the built datasets; a clear error when it is missing."""
    override = os.environ.get(DATA_ENV_VAR)
    folder = Path(override) if override else REPO_ROOT / "datasets"
    if not (folder / "recommendations.parquet").is_file():
        from .i18n import gettext

        raise UserError(
            gettext(
                "The course datasets were not found in {folder}. Run the course from its repository folder, "
                "or set {variable} to the folder that holds recommendations.parquet."
            ).format(folder=folder, variable=DATA_ENV_VAR)
        )
    return folder
