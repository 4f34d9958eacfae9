"""Attaching a large file off the UI thread, with a progress dialog that can cancel it."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ...core.customer import AttachmentError
from ...core.errors import CrmError
from ...services import Services

STEPS = 1000


class BackgroundAttach(QObject):
    """Copies one file into the attachments on a worker thread.

    ``finished(int)`` brings the new attachment's id; ``failed(CrmError)`` a reason to show;
    a cancelled copy ends with ``cancelled()`` and leaves nothing behind.
    """

    finished = Signal(int)
    failed = Signal(object)
    cancelled = Signal()

    def __init__(self, services: Services, path: Path, ids: dict[str, int], parent: QWidget) -> None:
        super().__init__(parent)
        self._services = services
        self._state = {"done": 0, "total": 1, "cancel": False}
        self.progress = QProgressDialog(self.tr("Copying %1 into the CRM…").replace("%1", path.name),
                                        self.tr("Cancel"), 0, STEPS, parent)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(300)
        self.progress.canceled.connect(self.cancel)
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="attach")
        self._future = self._executor.submit(self._work, path, ids)
        self._timer = QTimer(self, interval=50)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    def cancel(self) -> None:
        self._state["cancel"] = True

    def _work(self, path: Path, ids: dict[str, int]) -> int:
        try:
            return self._services.attachments.attach(path, progress=self._report, **ids)
        finally:
            self._services.ctx.storage.database.db.close()  # this thread's connection

    def _report(self, done: int, total: int) -> bool:
        self._state.update(done=done, total=max(total, 1))
        return not self._state["cancel"]

    def _on_timer_timeout(self) -> None:
        self.progress.setValue(min(STEPS - 1, STEPS * self._state["done"] // self._state["total"]))
        if not self._future.done():
            return
        self._timer.stop()
        self._executor.shutdown(wait=False)
        self.progress.canceled.disconnect(self.cancel)
        self.progress.close()
        error = self._future.exception()
        if error is None:
            self.finished.emit(self._future.result())
        elif isinstance(error, AttachmentError) and error.code == "cancelled":
            self.cancelled.emit()
        elif isinstance(error, CrmError):
            self.failed.emit(error)
        else:
            raise error
        self.deleteLater()
