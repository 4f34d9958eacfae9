"""Starting the GUI: application object, logging, language, single instance, services, window."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from PySide6.QtCore import QLocale, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import APP_NAME, __version__
from ..core.errors import CrmError
from ..core.paths import DataPaths, log_dir, uses_default_data_dir
from ..core.resources import resource_path
from ..core.settings import Settings, region_from_locale
from ..services import Services
from .crash import install_excepthook, setup_logging
from .i18n import choose_locale, install_translators
from .messages import error_text
from .single_instance import InstanceServer, notify_running, server_name

log = logging.getLogger(__name__)


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
    region = region_from_locale(locale.name()) or region_from_locale(QLocale.system().name()) or "US"
    try:
        return Services.open(data_dir, fallback_region=region)
    except CrmError as exc:
        log.warning("cannot open %s: %s", data_dir, exc)
        QMessageBox.critical(None, QApplication.translate("Application", "crm-desktop cannot start"),
                             error_text(exc))
        return None


def run(args: argparse.Namespace, data_dir: Path) -> int:
    started = time.perf_counter()
    app = _make_app()
    paths = DataPaths(data_dir, log_dir() if uses_default_data_dir(args.data_dir) else None)
    log_file = setup_logging(paths.logs)
    install_excepthook(log_file)
    settings = Settings.load(paths.settings)
    locale = choose_locale(settings.language, args.lang)
    translators = install_translators(app, locale)  # noqa: F841 - kept alive for the app's lifetime

    name = server_name(str(data_dir))
    if not args.smoke_test and notify_running(name):
        log.info("another copy is running for %s; asked it to come forward", data_dir)
        return 0
    services = _open_services(paths, locale)
    if services is None:
        return 2
    if args.demo and services.counts().contacts == 0:
        services.seed_demo()

    from .main_window import MainWindow

    window = MainWindow(services)
    instance = InstanceServer(name, app)
    instance.activation_requested.connect(window.bring_to_front)
    window.show()
    if args.smoke_test:
        return _smoke_test(app, window, services, started)
    code = app.exec()
    instance.close()
    services.close()
    return code


def _smoke_test(app: QApplication, window, services: Services, started: float) -> int:
    """Let the window paint once, check it, and exit."""
    seen: list[bool] = []

    def check() -> None:
        # Checked inside the event loop: quitting closes every window.
        seen.append(window.isVisible() and window.windowTitle() != "")
        app.quit()

    QTimer.singleShot(0, check)
    app.exec()
    ok = seen == [True]
    counts = services.counts()
    elapsed = (time.perf_counter() - started) * 1000
    print(f"smoke test {'ok' if ok else 'FAILED'}: window shown in {elapsed:.0f} ms, "
          f"{counts.contacts} contacts, {counts.companies} companies, "
          f"schema {services.info().schema_version}")
    window.close()
    services.close()
    return 0 if ok else 1
