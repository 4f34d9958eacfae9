"""Starting the GUI: application object, language, single instance, window, then the data.

The main window's frame is shown first; the data layer (services, storage, Peewee,
phonenumbers) is imported and the database opened once that frame has been painted, and
then the list is filled. File logging and the crash dialog start at the same moment:
their module costs ~40 ms of imports (logging.handlers, Qt's namespace of enums), and until
then an uncaught exception starts them first.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QEventLoop, QLocale, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from .. import APP_NAME, __version__
from ..core.paths import DataPaths, log_dir, uses_default_data_dir
from ..core.resources import resource_path
from ..core.settings import Settings, region_from_locale
from .i18n import choose_locale, install_translators
from .single_instance import InstanceServer, notify_running, server_name

if TYPE_CHECKING:
    from ..services import Services
    from .main_window import MainWindow

log = logging.getLogger(__name__)

# How long to wait for a paint before going on without it (a window that is never exposed).
PAINT_TIMEOUT_MS = 1000
# Reminders (tray, catch-up, rules) start this long after the window has its data, so that
# they never delay the list's first rows.
REMINDERS_AFTER_MS = 1000


# ui.crash is imported by these two, after the first paint (see above).
def setup_logging(log_dir: Path) -> Path:
    from .crash import setup_logging as setup

    return setup(log_dir)


def install_excepthook(log_file: Path) -> None:
    from .crash import install_excepthook as install

    install(log_file)


class _Logging:
    """Starts file logging and the crash handler once: on ``start()`` or on an early crash."""

    def __init__(self, logs: Path) -> None:
        self._logs = logs
        self._started = False
        self._previous_hook = sys.excepthook
        sys.excepthook = self._on_early_exception

    def start(self) -> None:
        if self._started:
            return
        self._started = True
        if sys.excepthook == self._on_early_exception:
            sys.excepthook = self._previous_hook
        install_excepthook(setup_logging(self._logs))

    def _on_early_exception(self, kind, value, tb) -> None:
        self.start()
        sys.excepthook(kind, value, tb)


class _PaintWatch(QObject):
    """Ends ``loop`` once ``widget`` has been painted (after that whole paint pass)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.loop = QEventLoop()
        self.painted = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.loop.quit)  # queued behind the rest of this paint pass
        return False


def wait_for_paint(widget: QWidget, timeout_ms: int = PAINT_TIMEOUT_MS) -> bool:
    """Run the event loop until ``widget`` has been painted once; False on a timeout."""
    watch = _PaintWatch(widget)
    QTimer.singleShot(timeout_ms, watch.loop.quit)
    watch.loop.exec()
    return watch.painted


def _make_app() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("crm-desktop")
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_NAME)
    app.setWindowIcon(QIcon(str(resource_path("icons", "app.svg"))))
    return app


def _open_services(data_dir: DataPaths, locale: QLocale) -> Services | None:
    from PySide6.QtWidgets import QMessageBox

    from ..core.errors import CrmError
    from .messages import error_text

    region = region_from_locale(locale.name()) or region_from_locale(QLocale.system().name()) or "US"
    try:
        from .recovery_dialog import open_services  # unlocks an encrypted file, offers a backup if damaged

        return open_services(data_dir, region)
    except CrmError as exc:
        log.warning("cannot open %s: %s", data_dir, exc)
        QMessageBox.critical(None, QApplication.translate("Application", "crm-desktop cannot start"),
                             error_text(exc))
        return None


def run(args: argparse.Namespace, data_dir: Path) -> int:
    started = time.perf_counter()
    app = _make_app()
    paths = DataPaths(data_dir, log_dir() if uses_default_data_dir(args.data_dir) else None)
    logs = _Logging(paths.logs)
    settings = Settings.load(paths.settings)
    locale = choose_locale(settings.language, args.lang)
    translators = install_translators(app, locale)  # noqa: F841 - kept alive for the app's lifetime

    name = server_name(str(data_dir))
    if _handed_over(args, data_dir, name, logs):
        return 0
    instance = InstanceServer(name, app)  # before the window shows: a second start defers from then on
    window = _show_frame(paths, instance, minimized=getattr(args, "minimized", False),
                         geometry=settings.window_geometry)
    shown_ms = (time.perf_counter() - started) * 1000
    logs.start()
    if not window.isVisible():  # closed (or the app quit) before the database was opened
        instance.close()
        return 0
    services = _fill(window, args, paths, locale)
    if services is None:
        instance.close()
        return 2
    if not args.smoke_test:
        # Once the first rows are on screen: the tray, the reminder clock and the rules sweep.
        QTimer.singleShot(REMINDERS_AFTER_MS, lambda: _start_reminders(window, services, args))
    code = _smoke_test(window, services, shown_ms) if args.smoke_test else app.exec()
    if not args.smoke_test:
        services.remember_window(window.geometry_text())  # File › Quit and the tray's Quit close nothing
    instance.close()
    services.close()
    return code


def _handed_over(args: argparse.Namespace, data_dir: Path, name: str, logs: _Logging) -> bool:
    """True if a copy already running for ``data_dir`` answered (and was asked to come forward)."""
    if args.smoke_test or not notify_running(name):
        return False
    logs.start()
    log.info("another copy is running for %s; asked it to come forward", data_dir)
    return True


def _show_frame(paths: DataPaths, instance: InstanceServer, *, minimized: bool = False,
                geometry: str = "") -> MainWindow:
    """The main window without its data, where it was last closed, shown and painted once
    (started from autostart: minimised, and not waited for; the reminders then keep it in the
    tray)."""
    from .main_window import MainWindow

    window = MainWindow(database_path=paths.database)
    window.restore_geometry_text(geometry)
    instance.activation_requested.connect(window.bring_to_front)
    if minimized:
        window.showMinimized()
        return window
    window.show()
    wait_for_paint(window)
    return window


def _fill(window: MainWindow, args: argparse.Namespace, paths: DataPaths, locale: QLocale) -> Services | None:
    """Open the database into the shown window; None (and the window gone) if it cannot be opened."""
    services = _open_services(paths, locale)
    if services is None:
        window.close()
        return None
    if args.demo and services.counts().contacts == 0:
        services.seed_demo()
    window.attach(services)
    _start_trust(window, services)
    return services


def _start_trust(window: MainWindow, services: Services) -> None:
    """After the first rows: the integrity check and the daily backup off the UI thread; the app lock."""
    from .app_lock import install_app_lock
    from .recovery_dialog import after_start

    after_start(window, services)
    install_app_lock(window, services)


def _start_reminders(window: MainWindow, services: Services, args: argparse.Namespace) -> None:
    from .reminders.controller import start_reminders

    if window.services is not None:
        start_reminders(window, services, minimized=getattr(args, "minimized", False))


def _smoke_test(window: MainWindow, services: Services, shown_ms: float) -> int:
    """Let the list paint its first rows, check the window against the database, and exit."""
    page = window.contacts_page
    wait_for_paint(page.view.viewport())
    counts = services.counts()
    rows = page.model.rowCount()
    first = page.model.index(0, 0).data() if rows else None
    ok = (window.isVisible() and window.windowTitle() != "" and rows == counts.contacts
          and (rows == 0 or bool(first)))
    print(f"smoke test {'ok' if ok else 'FAILED'}: window shown in {shown_ms:.0f} ms, "
          f"{counts.contacts} contacts, {counts.companies} companies, "
          f"schema {services.info().schema_version}")
    window.close()
    return 0 if ok else 1
