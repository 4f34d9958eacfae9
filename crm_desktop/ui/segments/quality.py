"""Data quality: how many people miss an e-mail or a phone, have invalid values, no owner, were
never contacted or not for 180 days; each opens as a list for fixing in bulk."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import CrmError
from ...services import Services

translate = QCoreApplication.translate


def check_labels() -> dict[str, str]:
    return {
        "missing_email": translate("DataQualityDialog", "People without an e-mail address"),
        "missing_phone": translate("DataQualityDialog", "People without a phone number"),
        "missing_both": translate("DataQualityDialog", "People with neither e-mail nor phone"),
        "invalid_email": translate("DataQualityDialog", "E-mail addresses that look wrong"),
        "invalid_phone": translate("DataQualityDialog", "Phone numbers without a country code"),
        "no_owner": translate("DataQualityDialog", "People nobody owns"),
        "never_contacted": translate("DataQualityDialog", "People never called, e-mailed or met"),
        "stale": translate("DataQualityDialog", "No interaction in the last 180 days"),
    }


class _Counts(QObject):
    counted = Signal(object)

    def __init__(self, services: Services) -> None:
        super().__init__()
        self._services = services
        self._pool: ThreadPoolExecutor | None = ThreadPoolExecutor(1, thread_name_prefix="data-quality")

    def start(self) -> None:
        if self._pool is not None:
            self._pool.submit(self._run)

    def _run(self) -> None:
        try:
            result: object = self._services.segments.quality_counts()
        except CrmError as exc:
            result = exc
        self.counted.emit(result)

    def stop(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class DataQualityDialog(QDialog):
    """Counted off the UI thread; ``show_requested(key)`` asks the window to open a check's list."""

    show_requested = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.setWindowTitle(self.tr("Data quality"))
        self.resize(520, 360)
        grid = QGridLayout()
        self.count_labels: dict[str, QLabel] = {}
        self.show_buttons: dict[str, QPushButton] = {}
        for row, (key, text) in enumerate(check_labels().items()):
            grid.addWidget(QLabel(text, self), row, 0)
            count = self.count_labels[key] = QLabel("…", self)
            count.setStyleSheet("font-weight: 600;")
            grid.addWidget(count, row, 1)
            button = self.show_buttons[key] = QPushButton(self.tr("Show list"), self)
            button.clicked.connect(lambda _=False, k=key: self._on_show_clicked(k))
            grid.addWidget(button, row, 2)
        grid.setColumnStretch(0, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self._counts = _Counts(services)
        self._counts.counted.connect(self._on_counts_counted)
        self.refresh()

    def refresh(self) -> None:
        self._counts.start()

    def _on_counts_counted(self, result: object) -> None:
        if isinstance(result, CrmError):
            return
        for key, n in result.items():
            self.count_labels[key].setText(QLocale().toString(n))
            self.show_buttons[key].setEnabled(n > 0)

    def _on_show_clicked(self, key: str) -> None:
        self.show_requested.emit(key)

    def shutdown(self) -> None:
        self._counts.stop()
