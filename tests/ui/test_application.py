"""Starting the GUI: the window first, then the database; a refused folder gives a message and code 2."""

from __future__ import annotations

import argparse
import json
import os
import re
import sqlite3
import subprocess
import sys

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from crm_desktop.core.paths import DATABASE_NAME
from crm_desktop.services import Services
from crm_desktop.ui import application
from crm_desktop.ui.contacts_page import ContactTableModel
from crm_desktop.ui.crash import teardown_logging
from crm_desktop.ui.main_window import MainWindow
from crm_desktop.ui.single_instance import notify_running, server_name


def _args(**overrides) -> argparse.Namespace:
    values = dict(data_dir="set", lang=None, demo=False, smoke_test=True, command=None)
    values.update(overrides)
    return argparse.Namespace(**values)


def _main_windows() -> list[MainWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]


@pytest.fixture
def shown(monkeypatch):
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: messages.append(text))
    monkeypatch.setattr(application, "install_excepthook", lambda log_path: None)
    yield messages
    teardown_logging()


@pytest.fixture
def steps(monkeypatch):
    """What happened, in order: the window's first paint, the database opened, the rows painted."""
    happened: list[str] = []
    real_wait, real_open = application.wait_for_paint, Services.open

    def wait(widget, *args):
        painted = real_wait(widget, *args)
        happened.append(f"{type(widget).__name__} painted" if painted else "no paint")
        return painted

    def open_services(cls, *args, **kwargs):
        happened.append("open with a window shown" if _main_windows() else "open without a window")
        return real_open(*args, **kwargs)

    monkeypatch.setattr(application, "wait_for_paint", wait)
    monkeypatch.setattr(Services, "open", classmethod(open_services))
    return happened


def test_foreign_file_is_refused_with_a_message(qapp, tmp_path, shown):
    db = tmp_path / DATABASE_NAME
    db.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 200)
    before = db.read_bytes()
    assert application.run(_args(), tmp_path) == 2
    assert len(shown) == 1 and "is not a crm-desktop database" in shown[0]
    assert db.read_bytes() == before


def test_database_locked_by_another_program_is_explained(qapp, tmp_path, shown, monkeypatch):
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


def test_the_window_is_painted_before_the_database_is_opened(qapp, tmp_path, shown, steps, capsys):
    assert application.run(_args(demo=True), tmp_path) == 0
    assert steps == ["MainWindow painted", "open with a window shown", "QWidget painted"]
    assert shown == []
    assert _main_windows() == []  # the smoke test closed it


def test_a_refused_database_after_the_window_is_shown_closes_it_with_code_2(qapp, tmp_path, shown, steps):
    db = tmp_path / DATABASE_NAME
    db.write_bytes(b"name,email\nAlice,alice@example.com\n")
    before = db.read_bytes()
    assert application.run(_args(), tmp_path) == 2
    assert steps == ["MainWindow painted", "open with a window shown"]
    assert len(shown) == 1 and "is not a crm-desktop database" in shown[0]
    assert _main_windows() == []
    assert db.read_bytes() == before


def test_a_second_start_defers_to_this_one_from_the_moment_the_window_shows(qapp, tmp_path, shown,
                                                                            monkeypatch):
    answered = []
    real_show = MainWindow.show

    def show(window):
        if not answered:  # the first show; the second start's request shows it again
            answered.append(notify_running(server_name(str(tmp_path))))
        real_show(window)

    monkeypatch.setattr(MainWindow, "show", show)
    assert application.run(_args(), tmp_path) == 0
    assert answered == [True]


def test_smoke_test_reports_once_the_list_has_rows(qapp, tmp_path, shown, capsys):
    assert application.run(_args(demo=True), tmp_path) == 0
    out = capsys.readouterr().out
    assert re.fullmatch(r"smoke test ok: window shown in \d+ ms, 400 contacts, 150 companies, schema \d+\n",
                        out)


def test_smoke_test_fails_when_the_list_shows_no_rows(qapp, tmp_path, shown, capsys, monkeypatch):
    monkeypatch.setattr(ContactTableModel, "rowCount", lambda self, parent=None: 0)
    assert application.run(_args(demo=True), tmp_path) == 1
    assert capsys.readouterr().out.startswith("smoke test FAILED")


def test_a_crash_before_logging_starts_still_reaches_the_crash_handler(tmp_path, monkeypatch):
    handled = []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    monkeypatch.setattr(application, "setup_logging", lambda logs: logs / "crm-desktop.log")
    monkeypatch.setattr(application, "install_excepthook", lambda log_file: setattr(
        sys, "excepthook", lambda kind, value, tb: handled.append((log_file, kind))))
    application._Logging(tmp_path)
    try:
        raise ValueError("boom")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    assert handled == [(tmp_path / "crm-desktop.log", ValueError)]


_FIRST_PAINT = """
import json, sys
from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            names = ("peewee", "phonenumbers", "crm_desktop.services", "crm_desktop.storage",
                     "crm_desktop.ui.table_models", "crm_desktop.ui.dialogs", "crm_desktop.ui.crash")
            print(json.dumps({"loaded": [n for n in names if n in sys.modules],
                              "qt_namespace": "Qt" in vars(QtCore)}), flush=True)
        return False
watch = Watch()
show = QMainWindow.show
QMainWindow.show = lambda self: (self.installEventFilter(watch), show(self))[1]
from crm_desktop.app import main
sys.exit(main(sys.argv[1:]))
"""


def test_the_first_paint_comes_before_the_data_layer_is_imported(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", _FIRST_PAINT, "--smoke-test", "--data-dir", str(tmp_path)],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    first_paint = json.loads(result.stdout.splitlines()[0])
    # Qt's namespace of enums takes ~30 ms to build: the frame gets by without it.
    assert first_paint == {"loaded": [], "qt_namespace": False}
    assert "smoke test ok" in result.stdout
