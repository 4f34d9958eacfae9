"""The reminder clock: sleeps until the next reminder is due, then tells who shows it.

One single-shot timer, armed for exactly as long as ``ReminderService.wake_in()`` allows
(at most 15 minutes): no polling. A timer that fires much later than it was armed for means
the computer slept; the poll that follows finds the missed reminders and they arrive as one
summary. Rules and scores are swept on a worker thread, on a timer and when data changes.
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from ...core.errors import CrmError
from ...core.tasks import NotificationPlan
from ...services import Change, Services
from ..bridge import ChangeBridge
from .texts import rule_titles

log = logging.getLogger(__name__)

RULES_EVERY_MS = 60 * 60 * 1000
RULES_AFTER_CHANGE_MS = 20 * 1000
RULES_AT_START_MS = 5 * 1000
CALENDAR_AFTER_CHANGE_MS = 3 * 1000  # the subscribed .ics file follows task changes this soon
# Changes that can make or unmake a keep-in-touch task or change a score.
RULE_INPUTS = frozenset({"contact", "activity", "tag", "deal", "rule", "score_rule", "all"})
SLEPT_AFTER_S = 60  # a timer this late means the computer was asleep


class ReminderScheduler(QObject):
    due = Signal(object)  # a NotificationPlan with something in it
    woke = Signal()  # the computer was asleep (or the clock jumped)
    sweep_done = Signal(object)  # {rule id: tasks made}

    def __init__(self, services: Services, bridge: ChangeBridge, parent: QObject | None = None, *,
                 sweep: bool = True) -> None:
        super().__init__(parent)
        self.services = services
        services.rules.titles.update(rule_titles())
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._armed_at = 0.0
        self._armed_for = 0.0
        self._rules_timer = QTimer(self, singleShot=True)
        self._rules_timer.timeout.connect(self.sweep)
        self._sweeping: Future | None = None
        self._executor: ThreadPoolExecutor | None = None
        self._sweep_enabled = sweep
        self._calendar_timer = QTimer(self, singleShot=True, interval=CALENDAR_AFTER_CHANGE_MS)
        self._calendar_timer.timeout.connect(self.refresh_calendar)
        bridge.changed.connect(self._on_bridge_changed)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)
        if sweep:
            self._rules_timer.start(RULES_AT_START_MS)

    # -- the reminder clock --------------------------------------------------------------
    def start(self) -> None:
        """Poll now (catching up on what was missed while the app was closed), then sleep."""
        self.check()

    def check(self) -> NotificationPlan:
        try:
            plan = self.services.reminders.poll()
        except CrmError as exc:  # a locked database: try again at the next wake
            log.warning("reminders not read: %s", exc)
            plan = NotificationPlan((), ())
        if plan.single or plan.summary:
            self.due.emit(plan)
        self.arm()
        return plan

    def arm(self) -> None:
        try:
            wait = self.services.reminders.wake_in()
        except CrmError:
            from ...services.reminders import MAX_SLEEP

            wait = MAX_SLEEP
        ms = max(0, int(wait.total_seconds() * 1000))
        self._armed_at = time.time()
        self._armed_for = ms / 1000
        self._timer.start(ms)

    @property
    def next_check_ms(self) -> int:
        return self._timer.remainingTime()

    def _on_timer_timeout(self) -> None:
        late = time.time() - self._armed_at - self._armed_for
        if late > SLEPT_AFTER_S:
            log.info("woke after %.0f s asleep", late)
            self.woke.emit()
        self.check()

    # -- rules and scores ----------------------------------------------------------------
    def sweep(self) -> None:
        """Run the follow-up rules and rescore contacts on a worker thread."""
        if not self._sweep_enabled or (self._sweeping is not None and not self._sweeping.done()):
            return
        if self._executor is None:
            self._executor = ThreadPoolExecutor(1, thread_name_prefix="rules")
        self._sweeping = self._executor.submit(self._sweep_job)
        self._sweeping.add_done_callback(self._on_sweep_finished)
        self._rules_timer.start(RULES_EVERY_MS)

    def refresh_calendar(self) -> None:
        """Rewrite the subscribed calendar file on the worker thread."""
        if not self._sweep_enabled:
            return
        if self._executor is None:
            self._executor = ThreadPoolExecutor(1, thread_name_prefix="rules")
        self._executor.submit(self._write_calendar)

    def _write_calendar(self) -> None:
        try:
            self.services.tasks.write_subscription()
        except (CrmError, OSError) as exc:
            log.warning("calendar file not written: %s", exc)

    def _on_sweep_finished(self, future: Future) -> None:  # on the worker thread: the signal is queued
        self.sweep_done.emit({} if future.cancelled() or future.exception() else future.result())

    def _sweep_job(self) -> dict[int, int]:
        try:
            made = self.services.rules.run_all()
            self.services.scoring.refresh()
            self._write_calendar()
            return made
        except CrmError as exc:
            log.warning("follow-up rules not run: %s", exc)
            return {}

    def wait_for_sweep(self, timeout: float = 30.0) -> None:
        if self._sweeping is not None:
            self._sweeping.result(timeout)

    def stop(self) -> None:
        self.services.scoring.stop_requested.set()
        self._timer.stop()
        self._rules_timer.stop()
        self._calendar_timer.stop()
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def _on_bridge_changed(self, change: Change) -> None:
        if change.entity in ("task", "all"):
            self._calendar_timer.start()
        if change.entity in ("task", "reminders", "all"):
            self._timer.start(0)  # re-arm for the (maybe) new next reminder, after this event
            self._armed_at, self._armed_for = time.time(), 0
        soon = not self._rules_timer.isActive() or self._rules_timer.remainingTime() > RULES_AFTER_CHANGE_MS
        if self._sweep_enabled and change.entity in RULE_INPUTS and change.op != "stage" and soon:
            self._rules_timer.start(RULES_AFTER_CHANGE_MS)
