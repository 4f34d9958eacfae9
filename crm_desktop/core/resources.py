"""Finding the files shipped in resources/, from a source tree, an installed wheel or a frozen bundle."""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path


def _candidates() -> list[Path]:
    found: list[Path] = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        found.append(Path(bundle) / "crm_desktop" / "resources")
    spec = importlib.util.find_spec("crm_desktop.resources")
    if spec is not None and spec.submodule_search_locations:
        found.extend(Path(p) for p in spec.submodule_search_locations)
    found.append(Path(__file__).resolve().parents[2] / "resources")
    return found


@cache
def resource_root() -> Path:
    for candidate in _candidates():
        if (candidate / "icons").is_dir():
            return candidate
    raise FileNotFoundError("the resources folder is missing from this installation")


def resource_path(*parts: str) -> Path:
    return resource_root().joinpath(*parts)
