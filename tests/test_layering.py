"""The layers keep to themselves: Qt only in the UI, Peewee only in storage."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import crm_desktop

PACKAGE_DIR = Path(crm_desktop.__file__).resolve().parent
ROOT = PACKAGE_DIR.parent
BELOW_UI = ("crm_desktop.core", "crm_desktop.storage", "crm_desktop.interchange", "crm_desktop.services")

_IMPORT_ALL = """
import importlib, json, pkgutil, sys
imported = []
for name in sys.argv[1:]:
    package = importlib.import_module(name)
    imported.append(name)
    for info in pkgutil.walk_packages(package.__path__, name + "."):
        importlib.import_module(info.name)
        imported.append(info.name)
print(json.dumps({"imported": imported, "qt": sorted(m for m in sys.modules if m.startswith("PySide6"))}))
"""


def _import_below_ui() -> dict:
    result = subprocess.run(
        [sys.executable, "-c", _IMPORT_ALL, *BELOW_UI],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_nothing_below_the_ui_loads_qt():
    found = _import_below_ui()
    expected = {
        f"{p}.{f.stem}" if f.stem != "__init__" else p
        for p in BELOW_UI
        for f in (PACKAGE_DIR / p.split(".")[1]).glob("*.py")
    }
    # Every module file of the four packages was imported (so discovery really walked them).
    assert expected <= set(found["imported"])
    assert "crm_desktop.storage.migrations.0001_initial" in found["imported"]
    assert found["qt"] == []


def _imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def _importers_of(*modules: str) -> set[str]:
    return {
        path.relative_to(ROOT).as_posix()
        for path in PACKAGE_DIR.rglob("*.py")
        if _imported_roots(path) & set(modules)
    }


def test_only_storage_imports_peewee():
    importers = _importers_of("peewee", "playhouse")
    assert importers, "storage is expected to use Peewee"
    assert {p for p in importers if not p.startswith("crm_desktop/storage/")} == set()


def test_only_the_ui_imports_qt():
    importers = _importers_of("PySide6", "shiboken6")
    assert {p for p in importers if not p.startswith("crm_desktop/ui/")} == set()


def test_the_import_scan_sees_nested_and_aliased_imports(tmp_path: Path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "def f():\n    import PySide6.QtCore as qc\n"
        "from playhouse.sqlite_ext import FTS5Model\nfrom . import sibling\n",
        encoding="utf-8",
    )
    assert _imported_roots(sample) == {"PySide6", "playhouse"}
