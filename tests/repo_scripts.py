"""Import one of the repository's build scripts (``scripts/*.py``) as a module, for its tests.

The scripts are not part of the package (participants never run them), so they cannot be
imported by name; each test file that checks one loads it through here.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


def load_script(name: str) -> ModuleType:
    """``scripts/<name>.py`` as a module named ``name`` (registered in ``sys.modules``, so that
    its dataclasses and pickling work)."""
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
