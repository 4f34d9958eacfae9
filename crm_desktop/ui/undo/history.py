"""One undo history for the whole window: Edit ▸ Undo “…” / Redo “…” (Ctrl+Z, Ctrl+Shift+Z).

Every undoable operation is a QUndoCommand that calls the services: redo() does (or does
again) what the user did, undo() calls its inverse, each one transaction. Operations that
a dialog already saved are recorded without being done twice. When an undo or redo cannot
be done honestly, because the record was changed elsewhere since, deleted for good or
merged again, nothing is overwritten: the command leaves the history and the user is told
why. Pages find the history through their parents (``history_of``); a page on its own,
outside the window, keeps its own older undo.

Text fields keep their own Ctrl+Z while they have focus: Qt gives a focused editor the
shortcuts it handles itself before any window action.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCursor, QGuiApplication, QKeySequence, QUndoStack
from PySide6.QtWidgets import QDialog, QMessageBox, QProgressDialog, QUndoView, QVBoxLayout, QWidget

from ...core.errors import CrmError
from ...services import Services
from .commands import EditCommand, MergeCommand, TrashCommand
from .texts import created_text, problem_text, problem_title

if TYPE_CHECKING:
    from .commands import UndoCommand

translate = QCoreApplication.translate

UNDO_LIMIT = 100  # operations kept; the oldest go first
BACKGROUND_AT = 2_000  # records: an operation on this many runs off the UI thread (~0.5 s and more)
SHOW_PROGRESS_MS = 300


def history_of(widget: QWidget | None) -> UndoHistory | None:
    """The window's undo history, found through the widget's parents; None outside a window."""
    while widget is not None:
        history = getattr(widget, "undo_history", None)
        if history is not None:
            return history
        widget = widget.parentWidget()
    return None


class UndoHistory(QObject):
    """The window's QUndoStack with its two actions and the reporting of what could not be done."""

    status_posted = Signal(str)

    def __init__(self, services: Services, parent: QWidget) -> None:
        super().__init__(parent)
        self.services = services
        self._window = parent
        self.stack = QUndoStack(self)
        self.stack.setUndoLimit(UNDO_LIMIT)
        self._problems: list[tuple[str, str, CrmError]] = []
        self.undo_action = QAction(self)
        self.undo_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        self.undo_action.triggered.connect(self.undo)
        self.redo_action = QAction(self)
        self.redo_action.setShortcuts(redo_keys())
        self.redo_action.triggered.connect(self.redo)
        # For a page's tool bar: a short "Undo" with the whole text as its tip, and no shortcut of
        # its own (the menu's action has it; a second one would make Ctrl+Z ambiguous).
        self.undo_button_action = QAction(translate("UndoHistory", "Undo"), self)
        self.undo_button_action.triggered.connect(self.undo)
        self.view_action = QAction(translate("UndoHistory", "Undo &history…"), self)
        self.view_action.triggered.connect(self.show_view)
        self.stack.indexChanged.connect(self._on_stack_index_changed)
        self._update()

    # -- doing, undoing, redoing ---------------------------------------------------------------
    def push(self, command: UndoCommand) -> bool:
        """Do ``command`` now and keep it for Undo; False (and the user told why) if it failed."""
        command.history = self
        failures = len(self._problems)
        with _busy():
            self.stack.push(command)
        ok = len(self._problems) == failures
        self._finish()
        return ok

    def record(self, command: UndoCommand) -> None:
        """Keep for Undo an operation that is already done (e.g. saved by a dialog)."""
        command.history = self
        command.already_done = True
        self.stack.push(command)
        self._update()

    def undo(self) -> None:
        if self.stack.canUndo():
            text = self.stack.undoText()
            with _busy():
                self.stack.undo()
            self._finish(translate("UndoHistory", "Undone: %1").replace("%1", text))

    def redo(self) -> None:
        if self.stack.canRedo():
            text = self.stack.redoText()
            with _busy():
                self.stack.redo()
            self._finish(translate("UndoHistory", "Redone: %1").replace("%1", text))

    def run(self, command: UndoCommand, action: Callable[[], object]) -> object:
        """Call ``action`` (a step of ``command``). One on many records runs on a worker thread
        while the window waits behind a progress note, ignoring input, so that it keeps painting;
        what it raises is raised here."""
        if command.size < BACKGROUND_AT:
            return action()
        note = QProgressDialog(translate("UndoHistory", "%1…").replace("%1", command.text()), "", 0, 0,
                               self._window)
        note.setCancelButton(None)  # one transaction: it cannot stop half-way
        note.setWindowModality(Qt.WindowModality.WindowModal)
        later = QTimer(note, singleShot=True, interval=SHOW_PROGRESS_MS)  # a quick one shows nothing
        later.timeout.connect(note.show)
        later.start()
        try:
            return _off_ui_thread(action, self.services)
        finally:
            later.stop()
            note.close()
            note.deleteLater()

    def failed(self, step: str, command: UndoCommand, error: CrmError) -> None:
        """Called by a command whose step ("do", "undo" or "redo") could not be done."""
        command.setObsolete(True)  # QUndoStack drops it: it cannot be undone or redone honestly
        self._problems.append((step, command.text(), error))

    # -- reporting -----------------------------------------------------------------------------
    def _finish(self, done: str = "") -> None:
        problems, self._problems = self._problems, []
        self._update()
        for step, text, error in problems:
            self.report(problem_title(step, error), problem_text(step, text, error))
        if done and not problems:
            self.status_posted.emit(done)

    def report(self, title: str, text: str) -> None:
        """Tell the user what could not be done (tests replace this)."""
        QMessageBox.warning(self._window, title, text)

    def _on_stack_index_changed(self, _index: int) -> None:
        if self._problems:  # e.g. several steps at once from the history view
            self._finish()
        self._update()

    def _update(self) -> None:
        can_undo, can_redo = self.stack.canUndo(), self.stack.canRedo()
        self.undo_action.setEnabled(can_undo)
        self.redo_action.setEnabled(can_redo)
        undo_text = translate("UndoHistory", "&Undo %1").replace("%1", _escaped(self.stack.undoText()))
        redo_text = translate("UndoHistory", "&Redo %1").replace("%1", _escaped(self.stack.redoText()))
        self.undo_action.setText(undo_text if can_undo else translate("UndoHistory", "&Undo"))
        self.undo_button_action.setEnabled(can_undo)
        self.undo_button_action.setToolTip(self.undo_action.text().replace("&&", "\0").replace("&", "")
                                           .replace("\0", "&"))
        self.redo_action.setText(redo_text if can_redo else translate("UndoHistory", "&Redo"))

    def merge_undone_elsewhere(self, merge_id: int) -> None:
        """A merge was split again outside the history (from the record's timeline or the list of
        merges): its operation in the history says so, and undoing it again only tells that."""
        for index in range(self.stack.index()):
            command = self.stack.command(index)
            if isinstance(command, MergeCommand) and command.merge_id == merge_id:
                command.mark_undone_elsewhere()
        self._update()

    def clear(self) -> None:
        """Forget everything (e.g. after a restore from a backup replaced the data)."""
        self.stack.clear()
        self._update()

    def on_change(self, change) -> None:
        """A Change from the window's bridge: data replaced as a whole (a backup restored) leaves
        nothing the history could undo honestly."""
        if change.entity == "all" and change.op == "reset":
            self.clear()

    def show_view(self) -> QDialog:
        """Every operation of the session, newest last; clicking one undoes or redoes up to it."""
        dialog = getattr(self, "_view_dialog", None)
        if dialog is None:
            dialog = self._view_dialog = QDialog(self._window)
            dialog.setWindowTitle(translate("UndoHistory", "Undo history"))
            view = QUndoView(self.stack, dialog)
            view.setEmptyLabel(translate("UndoHistory", "<session start>"))
            view.setAccessibleName(translate("UndoHistory", "Undo history"))
            layout = QVBoxLayout(dialog)
            layout.addWidget(view)
            dialog.resize(420, 360)
            dialog.view = view
        dialog.show()
        dialog.raise_()
        return dialog


class _Done(QObject):
    finished = Signal()


def _off_ui_thread(action: Callable[[], object], services: Services) -> object:
    """``action()`` on a thread of its own (with its own database connection, closed after), the
    UI thread's events running meanwhile except the user's input."""
    done = _Done()
    loop = QEventLoop()
    done.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)

    def job() -> object:
        try:
            return action()
        finally:
            services.ctx.storage.database.db.close()  # this thread's connection only; the database stays open

    executor = ThreadPoolExecutor(1, thread_name_prefix="undo")
    future = executor.submit(job)
    future.add_done_callback(lambda _future: done.finished.emit())
    loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    executor.shutdown(wait=True)
    return future.result()


@contextlib.contextmanager
def _busy() -> Iterator[None]:
    """A wait cursor while an operation runs: one on thousands of records takes seconds."""
    QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


def redo_keys() -> list[QKeySequence]:
    """The platform's Redo keys (Ctrl+Y on Windows) and Ctrl+Shift+Z everywhere, each once."""
    keys = list(QKeySequence.keyBindings(QKeySequence.StandardKey.Redo))
    extra = QKeySequence("Ctrl+Shift+Z")
    return keys if extra in keys else [*keys, extra]


def _escaped(text: str) -> str:
    return text.replace("&", "&&")  # a name such as "Johnson & Johnson" is not a mnemonic


# -- helpers for the pages -------------------------------------------------------------------
def record_edit(widget: QWidget, services: Services, entity: str, record_id: int, before) -> bool:
    """Keep a saved edit (``before``: the record's draft before it) in the window's history.

    False when the widget is not in a window with a history (the caller keeps its own undo).
    """
    history = history_of(widget)
    if history is None:
        return False
    edit = services.edits.edited(entity, record_id, before)
    if edit.changed:
        history.record(EditCommand(services, edit))
    return True


def record_created(widget: QWidget, services: Services, kind: str, record_id: int | None, name: str) -> None:
    """Keep the creation of a record in the history: undoing it moves the record to the trash."""
    history = history_of(widget)
    if history is not None and record_id is not None:
        history.record(TrashCommand(services, kind, [record_id], created_text(kind, name), delete=False))


def merge_undone_elsewhere(widget: QWidget | None, merge_id: int) -> None:
    """Tell the window's history (if any) that a merge was undone outside it."""
    history = history_of(widget)
    if history is not None:
        history.merge_undone_elsewhere(merge_id)
