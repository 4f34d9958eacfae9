"""Logging to files, and what the user sees when something goes wrong that the code did not expect.

``setup_logging`` writes a rotating log and lets ``faulthandler`` record hard crashes;
``install_excepthook`` logs every uncaught exception and shows it in a ``CrashDialog``
(or, for a ``CrmError`` such as a locked database, a plain warning with its message).
"""

from __future__ import annotations

import faulthandler
import logging
import platform
import sys
import threading
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, QThread, qVersion
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME, __version__
from ..core.errors import CrmError
from .messages import error_text

log = logging.getLogger(__name__)

LOG_NAME = "crm-desktop.log"
CRASH_LOG_NAME = "crash.log"
LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
# One logger per layer, so a log line says where it came from.
LAYERS = ("crm_desktop.core", "crm_desktop.storage", "crm_desktop.services",
          "crm_desktop.interchange", "crm_desktop.ui")


class _State:
    handler: RotatingFileHandler | None = None
    crash_file = None
    faulthandler_was_on = False
    showing = False


def setup_logging(log_dir: Path, level: int = logging.INFO) -> Path:
    """Log to ``log_dir``/crm-desktop.log (1 MB, 3 old files kept); hard crashes go to crash.log."""
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / LOG_NAME
    teardown_logging()
    handler = RotatingFileHandler(log_path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(min(root.level or logging.WARNING, level))
    for name in LAYERS:
        logging.getLogger(name).setLevel(level)
    _State.handler = handler
    _State.crash_file = open(log_dir / CRASH_LOG_NAME, "a", encoding="utf-8")  # noqa: SIM115
    _State.faulthandler_was_on = faulthandler.is_enabled()
    faulthandler.enable(_State.crash_file)
    log.info("%s %s started on %s", APP_NAME, __version__, platform.platform())
    return log_path


def teardown_logging() -> None:
    """Undo ``setup_logging``: detach the file handler and close the crash log."""
    if _State.handler is not None:
        logging.getLogger().removeHandler(_State.handler)
        _State.handler.close()
        _State.handler = None
    if _State.crash_file is not None:
        faulthandler.disable()
        _State.crash_file.close()
        _State.crash_file = None
        if _State.faulthandler_was_on:  # e.g. the test runner's own crash reports
            faulthandler.enable(sys.__stderr__)


def environment_text() -> str:
    return (f"{APP_NAME} {__version__}\n"
            f"Python {platform.python_version()}, Qt {qVersion()}, PySide6 {pyside_version}\n"
            f"{platform.platform()}")


def details_text(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    trace = "".join(traceback.format_exception(exc_type, exc, tb))
    return f"{environment_text()}\n\n{trace}"


class CrashDialog(QDialog):
    """Says that something unexpected happened, with the details to send to support."""

    def __init__(self, details: str, log_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Unexpected error"))
        intro = QLabel(self.tr(
            "<b>Something went wrong.</b><br>crm-desktop ran into a problem it did not expect. "
            "Everything you saved before is safe. If the window looks wrong, save your work "
            "and restart the app.<br>Please send the details below when you report the problem."))
        intro.setWordWrap(True)
        self.details_edit = QPlainTextEdit(details)
        self.details_edit.setReadOnly(True)
        self.details_edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details_edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.details_edit, 1)
        if log_path is not None:
            self.log_label = QLabel(self.tr("Log file: %1").replace("%1", str(log_path)))
            self.log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.log_label.setWordWrap(True)
            layout.addWidget(self.log_label)
        self.copy_button = QPushButton(self.tr("&Copy details"))
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        layout.addWidget(buttons)
        self.resize(720, 480)

    def details(self) -> str:
        return self.details_edit.toPlainText()

    def _on_copy_button_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.details())
        self.copy_button.setText(self.tr("Copied"))


class ExceptHook:
    """``sys.excepthook``: log, then tell the user; never raises, never recurses."""

    def __init__(self, log_path: Path | None) -> None:
        self.log_path = log_path

    def __call__(self, exc_type: type[BaseException], exc: BaseException,
                 tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.critical("uncaught exception", exc_info=(exc_type, exc, tb))
        app = QApplication.instance()
        if _State.showing or app is None or QThread.currentThread() is not app.thread():
            return
        _State.showing = True
        try:
            self.show(exc_type, exc, tb)
        except Exception:
            log.exception("could not show the error to the user")
        finally:
            _State.showing = False

    def show(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        parent = QApplication.activeWindow()
        if isinstance(exc, CrmError):
            QMessageBox.warning(parent, APP_NAME, error_text(exc))
            return
        dialog = CrashDialog(details_text(exc_type, exc, tb), self.log_path, parent)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()


def _log_thread_exception(args: threading.ExceptHookArgs) -> None:
    """Exceptions in worker threads are logged; the user hears of them through their results."""
    name = args.thread.name if args.thread is not None else "?"
    log.critical("uncaught exception in thread %s", name,
                 exc_info=(args.exc_type, args.exc_value, args.exc_traceback))


def install_excepthook(log_path: Path | None) -> ExceptHook:
    """Route uncaught exceptions (in slots too) to the log and to the user."""
    hook = ExceptHook(log_path)
    sys.excepthook = hook
    threading.excepthook = _log_thread_exception
    return hook
