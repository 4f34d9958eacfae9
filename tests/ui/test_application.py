"""Starting the GUI on a data folder it must refuse: a message, an exit code, nothing written."""

from __future__ import annotations

import argparse
import sqlite3

import pytest
from PySide6.QtWidgets import QMessageBox

from crm_desktop.core.paths import DATABASE_NAME
from crm_desktop.ui import application
from crm_desktop.ui.crash import teardown_logging


def _args(**overrides) -> argparse.Namespace:
    values = dict(data_dir="set", lang=None, demo=False, smoke_test=True, command=None)
    values.update(overrides)
    return argparse.Namespace(**values)


@pytest.fixture
def shown(monkeypatch):
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: messages.append(text))
    monkeypatch.setattr(application, "install_excepthook", lambda log_path: None)
    yield messages
    teardown_logging()


def test_foreign_file_is_refused_with_a_message(qapp, tmp_path, shown):
    db = tmp_path / DATABASE_NAME
    db.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 200)
    before = db.read_bytes()
    assert application.run(_args(), tmp_path) == 2
    assert len(shown) == 1 and "is not a crm-desktop database" in shown[0]
    assert db.read_bytes() == before


def test_database_locked_by_another_program_is_explained(qapp, tmp_path, shown, monkeypatch):
    from crm_desktop.services import Services

    Services.open(tmp_path).close()
    holder = sqlite3.connect(tmp_path / DATABASE_NAME, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    real_open = Services.open
    monkeypatch.setattr(Services, "open", classmethod(
        lambda cls, paths, **kw: real_open(paths, **{**kw, "busy_timeout_ms": 100})))
    try:
        assert application.run(_args(), tmp_path) == 2
    finally:
        holder.rollback()
        holder.close()
    assert len(shown) == 1 and "is locked by another program" in shown[0]


def test_good_folder_opens_the_window_with_demo_data(qapp, tmp_path, shown, monkeypatch):
    # The real smoke test runs app.exec(), after which Qt treats the application as
    # closing; that path is covered in a subprocess by tests/test_cli.py and tests/e2e.
    opened = []

    def check(app, window, services, started):
        opened.append((window.isVisible(), services.counts().contacts))
        window.close()
        services.close()
        return 0

    monkeypatch.setattr(application, "_smoke_test", check)
    assert application.run(_args(demo=True), tmp_path) == 0
    assert opened == [(True, 400)]
    assert shown == []
