"""The wheel carries every package, the migrations and the compiled translations."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]


def test_every_python_package_is_listed():
    inits = (ROOT / "crm_desktop").rglob("__init__.py")
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in inits}
    assert on_disk <= set(SETUPTOOLS["packages"])


def test_resources_ship_inside_the_package():
    assert SETUPTOOLS["package-dir"]["crm_desktop.resources"] == "resources"
    for folder, pattern in (("icons", "*.svg"), ("translations", "*.qm")):
        assert f"crm_desktop.resources.{folder}" in SETUPTOOLS["packages"]
        assert SETUPTOOLS["package-data"][f"crm_desktop.resources.{folder}"] == [pattern]
        assert list((ROOT / "resources" / folder).glob(pattern)), folder


def test_migrations_ship_as_files():
    assert SETUPTOOLS["package-data"]["crm_desktop.storage.migrations"] == ["*.py"]


def test_every_icon_the_code_names_exists():
    from crm_desktop.ui.main_window import SIDEBAR_ICONS

    names = {f"{n}.svg" for n in SIDEBAR_ICONS}
    for source in (ROOT / "crm_desktop").rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        names |= set(re.findall(r'resource_path\("icons", "([\w.-]+)"\)', text))
        names |= {f"{n}.svg" for n in re.findall(r'_icon\("([\w-]+)"\)', text)}
    missing = sorted(n for n in names if not (ROOT / "resources" / "icons" / n).is_file())
    assert missing == []
