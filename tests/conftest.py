"""Shared fixtures: every test gets its own database file, copied from a migrated template."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from crm_desktop.core.paths import DATABASE_NAME
from crm_desktop.services import Services

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.fixture(scope="session")
def template_db(tmp_path_factory) -> Path:
    """A freshly migrated, empty database, built once per test session."""
    root = tmp_path_factory.mktemp("template")
    services = Services.open(root)
    services.close()
    return root / DATABASE_NAME


@pytest.fixture
def data_dir(tmp_path: Path, template_db: Path) -> Path:
    root = tmp_path / "data"
    root.mkdir()
    shutil.copyfile(template_db, root / DATABASE_NAME)
    return root


@pytest.fixture
def services(data_dir: Path):
    opened = Services.open(data_dir, fallback_region="US")
    yield opened
    opened.close()


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("shared corpus not present")
    return CORPUS
