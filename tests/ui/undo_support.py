"""What the window-level undo tests share: the shown main window, Ctrl+Z / Ctrl+Shift+Z on it,
and what the undo history told the user instead of showing a message box."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from crm_desktop.ui.main_window import PAGE_DASHBOARD, MainWindow
from crm_desktop.ui.undo import UndoHistory

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


@contextlib.contextmanager
def shown_window(qtbot, services) -> Iterator[MainWindow]:
    """The main window over ``services``, shown and active; afterwards its pages' and dialogs'
    worker threads are stopped and it is closed."""
    win = MainWindow(services)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    yield win
    page = win._pages.get(PAGE_DASHBOARD)
    if page is not None:
        page.shutdown()
    dialog = getattr(win, "_duplicates_dialog", None)
    if dialog is not None:
        dialog.shutdown()
        dialog.close()
    win.segments_panel.shutdown()
    win.close()


def recorded_reports(monkeypatch) -> list[tuple[str, str]]:
    """(title, text) of what the history tells the user it could not do, kept instead of shown."""
    seen: list[tuple[str, str]] = []
    monkeypatch.setattr(UndoHistory, "report", lambda self, title, text: seen.append((title, text)))
    return seen


def activate(qtbot, window) -> None:
    """Window shortcuts work in the active window (a dialog closed a moment ago may still be it)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def undo(qtbot, window) -> None:
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)


def redo(qtbot, window) -> None:
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | SHIFT)


def undo_text(window) -> str:
    return window.undo_history.undo_action.text()


def trashed(services) -> set[tuple[str, int]]:
    return {(i.kind, i.record_id) for i in services.trash.items()}
