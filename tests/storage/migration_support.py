"""One migration's module, loaded from its file (their names start with a digit: no import)."""

from __future__ import annotations

import importlib.util
from types import ModuleType

from crm_desktop.storage.database import MIGRATIONS_DIR


def migration(stem: str) -> ModuleType:
    """The module of ``migrations/<stem>.py``, e.g. ``migration("0005_reminders")``."""
    spec = importlib.util.spec_from_file_location(f"migration_{stem}", MIGRATIONS_DIR / f"{stem}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
