"""Import work (opening a big file, counting, importing) off the UI thread, one job at a time."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, Signal

PROGRESS_EVERY_S = 0.1

Job = Callable[[threading.Event, Callable[[int, int], None]], object]


class Background(QObject):
    """Runs jobs in order on one worker thread; results and progress come back as signals.

    ``finished`` carries the job's tag and its result, or the exception it raised (the
    page shows a CrmError and re-raises anything else on the UI thread, where the crash
    dialog sees it). Each job gets a fresh cancel event, set by ``cancel()``.
    """

    finished = Signal(str, object)
    progressed = Signal(str, int, int)

    def __init__(self) -> None:
        super().__init__()  # no Qt parent: it must outlive the page until its job is done
        self._executor: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()
        self._pending = 0
        self.cancel_event = threading.Event()
        self.tag = ""
        self._last = 0.0

    @property
    def busy(self) -> bool:
        """Whether a job is queued or running."""
        with self._lock:
            return self._pending > 0

    def run(self, tag: str, job: Job) -> None:
        if self._executor is None:
            self._executor = ThreadPoolExecutor(1, thread_name_prefix="import")
        self.cancel_event = threading.Event()
        self.tag = tag
        with self._lock:
            self._pending += 1
        self._executor.submit(self._call, tag, job, self.cancel_event)

    def _call(self, tag: str, job: Job, event: threading.Event) -> None:
        self._last = 0.0  # a job's first progress always goes out

        def progress(done: int, total: int) -> None:
            now = time.monotonic()
            if now - self._last >= PROGRESS_EVERY_S:
                self._last = now
                self.progressed.emit(tag, done, total)

        try:
            result = job(event, progress)
        except Exception as exc:
            result = exc
        with self._lock:
            self._pending -= 1
        self.finished.emit(tag, result)

    def cancel(self, tag: str | None = None) -> None:
        """Cancel the newest job (only if it is ``tag``, when given)."""
        if tag is None or tag == self.tag:
            self.cancel_event.set()

    def stop(self) -> None:
        """Cancel the running job and wait for it; the thread (and its connection) ends."""
        self.cancel()
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
        with self._lock:
            self._pending = 0
