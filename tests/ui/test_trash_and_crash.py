"""The trash page, and what happens with errors nobody caught."""

from __future__ import annotations

import faulthandler
import logging
import sys
import threading

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton

from crm_desktop import __version__
from crm_desktop.core.errors import NotFoundError, StorageError, StorageProblem
from crm_desktop.core.records import CompanyDraft, ContactDraft
from crm_desktop.ui import crash
from crm_desktop.ui.bridge import ChangeBridge
from crm_desktop.ui.crash import CrashDialog, install_excepthook, setup_logging
from crm_desktop.ui.messages import error_text
from crm_desktop.ui.trash_page import ItemRole, TrashModel, TrashPage


class Answers:
    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked: list = []

    def __call__(self, *args):
        self.asked.append(args)
        return self.answer


@pytest.fixture
def bridge(services, qapp):
    made = ChangeBridge(services)
    yield made
    made.detach()


@pytest.fixture
def trashed(services):
    """Two people and a company in the trash, one person left alive."""
    ann = services.contacts.create(ContactDraft(given_name="Ann", family_name="Lee"))
    bob = services.contacts.create(ContactDraft(given_name="Bob", family_name="Ray"))
    alive = services.contacts.create(ContactDraft(given_name="Cy"))
    acme = services.companies.create(CompanyDraft(name="Acme Trading"))
    services.contacts.delete([ann, bob])
    services.companies.delete([acme])
    return {"ann": ann, "bob": bob, "alive": alive, "acme": acme}


@pytest.fixture
def page(qtbot, services, bridge, trashed):
    made = TrashPage(services, bridge)
    qtbot.addWidget(made)
    with qtbot.waitExposed(made):
        made.show()
    return made


def select_names(page: TrashPage, *names: str) -> None:
    selection = page.table.selectionModel()
    selection.clearSelection()
    for row in range(page.proxy.rowCount()):
        index = page.proxy.index(row, TrashModel.NAME)
        if index.data() in names:
            selection.select(index, QItemSelectionModel.SelectionFlag.Select
                             | QItemSelectionModel.SelectionFlag.Rows)


def shown_names(page: TrashPage) -> list[str]:
    return sorted(page.proxy.index(r, TrashModel.NAME).data() for r in range(page.proxy.rowCount()))


# -- trash -----------------------------------------------------------------------------------
def test_trash_model_passes_the_model_tester(qtmodeltester, services, trashed):
    model = TrashModel()
    model.set_items(services.trash.items())
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 3
    types = sorted(model.index(r, TrashModel.TYPE).data() for r in range(3))
    assert types == ["Company", "Person", "Person"]
    assert model.index(0, TrashModel.DELETED).data()  # a formatted local date-time
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Deleted"


def test_page_lists_the_trash_and_buttons_follow_the_selection(page):
    assert shown_names(page) == ["Acme Trading", "Ann Lee", "Bob Ray"]
    assert page.stack.currentWidget() is page.table
    assert not page.restore_button.isEnabled() and not page.purge_button.isEnabled()
    assert page.empty_button.isEnabled()
    select_names(page, "Ann Lee")
    assert page.restore_button.isEnabled() and page.purge_button.isEnabled()


def test_restore_puts_the_selected_records_back(qtbot, page, services, trashed):
    select_names(page, "Ann Lee", "Acme Trading")
    with qtbot.waitSignal(page.restored, timeout=2000) as blocker:
        qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert sorted(i.name for i in blocker.args[0]) == ["Acme Trading", "Ann Lee"]
    assert services.contacts.get(trashed["ann"]).data.given_name == "Ann"
    assert services.companies.get(trashed["acme"]).data.name == "Acme Trading"
    assert shown_names(page) == ["Bob Ray"]
    assert [i.name for i in services.trash.items()] == ["Bob Ray"]


def test_double_click_restores_a_row(qtbot, page, services, trashed):
    select_names(page, "Bob Ray")
    index = page.table.selectionModel().selectedRows()[0]
    assert page.proxy.data(index, ItemRole).record_id == trashed["bob"]
    centre = page.table.visualRect(index).center()
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert services.contacts.exists(trashed["bob"])


def test_keyboard_return_restores_and_delete_purges_the_selection(qtbot, page, services, trashed,
                                                                   monkeypatch):
    monkeypatch.setattr(page, "_confirm", Answers(True))
    page.table.setFocus()
    select_names(page, "Ann Lee")
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert services.contacts.exists(trashed["ann"])
    select_names(page, "Bob Ray")
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert shown_names(page) == ["Acme Trading"]


def test_delete_permanently_asks_and_purges_only_when_confirmed(qtbot, page, services, trashed,
                                                                monkeypatch):
    select_names(page, "Bob Ray")
    no = Answers(False)
    monkeypatch.setattr(page, "_confirm", no)
    qtbot.mouseClick(page.purge_button, Qt.MouseButton.LeftButton)
    assert no.asked == [("Delete permanently", "Permanently delete 1 item? This cannot be undone.")]
    assert shown_names(page) == ["Acme Trading", "Ann Lee", "Bob Ray"]

    monkeypatch.setattr(page, "_confirm", Answers(True))
    qtbot.mouseClick(page.purge_button, Qt.MouseButton.LeftButton)
    assert shown_names(page) == ["Acme Trading", "Ann Lee"]
    with pytest.raises(NotFoundError):
        services.contacts.get(trashed["bob"])
    assert services.contacts.exists(trashed["alive"])


def test_empty_trash_asks_with_the_count_then_deletes_everything(qtbot, page, services, trashed,
                                                                 monkeypatch):
    yes = Answers(True)
    monkeypatch.setattr(page, "_confirm", yes)
    qtbot.mouseClick(page.empty_button, Qt.MouseButton.LeftButton)
    assert yes.asked[0][1] == "Permanently delete 3 items? This cannot be undone."
    assert services.trash.items() == []
    assert page.stack.currentWidget() is page.empty_label
    assert page.empty_label.text() == "The trash is empty."
    assert not page.empty_button.isEnabled()
    assert services.contacts.count() == 1


def test_page_refreshes_when_something_is_deleted_elsewhere(page, services, trashed):
    services.contacts.delete([trashed["alive"]])
    assert shown_names(page) == ["Acme Trading", "Ann Lee", "Bob Ray", "Cy"]


def test_a_deleted_deal_and_timeline_entry_show_in_the_trash_by_their_kind(page, services, trashed):
    from crm_desktop.core.activities import ActivityDraft
    from crm_desktop.core.deals import DealDraft

    stage = services.pipelines.default().stages[0].id
    deal = services.deals.create(DealDraft(title="Renewal", stage_id=stage, currency="USD"))
    note = services.activities.log(
        ActivityDraft("note", subject="Met at the fair", contact_id=trashed["alive"]))
    services.deals.delete([deal])
    services.activities.delete([note])
    kinds = {page.proxy.index(r, TrashModel.NAME).data(): page.proxy.index(r, TrashModel.TYPE).data()
             for r in range(page.proxy.rowCount())}
    assert kinds["Renewal"] == "Deal" and kinds["Met at the fair"] == "Timeline entry"


def test_empty_state_is_shown_for_an_empty_trash(qtbot, services, bridge):
    page = TrashPage(services, bridge)
    qtbot.addWidget(page)
    assert page.stack.currentWidget() is page.empty_label
    services.contacts.delete([services.contacts.create(ContactDraft(given_name="Dee"))])
    assert page.stack.currentWidget() is page.table


def test_a_storage_error_while_restoring_is_shown(qtbot, page, services, monkeypatch):
    error = StorageError(StorageProblem.READ_ONLY, "/data/crm.sqlite3")

    def read_only(_items):
        raise error

    shown = []
    monkeypatch.setattr(services.trash, "restore", read_only)
    monkeypatch.setattr(page, "_show_error", shown.append)
    select_names(page, "Ann Lee")
    with qtbot.assertNotEmitted(page.restored):
        qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert shown == [error]
    assert len(shown_names(page)) == 3


# -- logging and the crash dialog ------------------------------------------------------------
@pytest.fixture
def log_dir(tmp_path):
    was_enabled = faulthandler.is_enabled()
    folder = tmp_path / "logs"
    yield folder
    crash.teardown_logging()
    if was_enabled:
        faulthandler.enable(sys.__stderr__)


@pytest.fixture
def dialogs(monkeypatch):
    """Crash dialogs that would have been shown (exec does not block)."""
    made: list[CrashDialog] = []

    def fake_exec(self):
        made.append(self)
        return 0

    monkeypatch.setattr(CrashDialog, "exec", fake_exec)
    return made


@pytest.fixture
def hook(log_dir, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    return install_excepthook(setup_logging(log_dir))


def test_setup_logging_writes_layer_loggers_to_a_rotating_file(log_dir):
    path = setup_logging(log_dir)
    logging.getLogger("crm_desktop.storage.database").warning("disk is slow")
    assert path == log_dir / "crm-desktop.log"
    handler = crash._State.handler
    assert (handler.maxBytes, handler.backupCount) == (1_000_000, 3)
    handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "WARNING crm_desktop.storage.database: disk is slow" in text
    assert (log_dir / "crash.log").exists()
    assert faulthandler.is_enabled()


def raise_runtime_error():
    raise RuntimeError("the widget fell over")


def test_hook_logs_the_traceback_and_shows_the_details(qapp, hook, dialogs, log_dir):
    try:
        raise_runtime_error()
    except RuntimeError as exc:
        hook(type(exc), exc, exc.__traceback__)
    log_text = (log_dir / "crm-desktop.log").read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in log_text
    assert "RuntimeError: the widget fell over" in log_text
    assert "raise_runtime_error" in log_text
    [dialog] = dialogs
    details = dialog.details()
    assert "RuntimeError: the widget fell over" in details and "raise_runtime_error" in details
    assert f"crm-desktop {__version__}" in details
    assert str(log_dir / "crm-desktop.log") in dialog.log_label.text()
    assert dialog.details_edit.isReadOnly()


@pytest.mark.qt_no_exception_capture
def test_an_exception_raised_in_a_slot_reaches_the_hook(qtbot, hook, dialogs, log_dir):
    button = QPushButton("Go")
    qtbot.addWidget(button)
    button.clicked.connect(raise_runtime_error)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert "RuntimeError: the widget fell over" in (log_dir / "crm-desktop.log").read_text("utf-8")
    assert len(dialogs) == 1 and "the widget fell over" in dialogs[0].details()


def test_a_crm_error_is_shown_as_a_warning_not_as_a_crash(qapp, hook, dialogs, monkeypatch):
    warnings = []
    monkeypatch.setattr(crash.QMessageBox, "warning",
                        lambda parent, title, text: warnings.append((title, text)))
    error = StorageError(StorageProblem.DISK_FULL, "/data/crm.sqlite3")
    hook(StorageError, error, None)
    assert warnings == [("crm-desktop", error_text(error))]
    assert dialogs == []


def test_an_error_while_showing_the_dialog_is_only_logged(qapp, hook, log_dir, monkeypatch):
    calls = []

    def broken_exec(self):
        calls.append(self)
        sys.excepthook(ValueError, ValueError("inner"), None)  # re-entered: must only log
        raise OSError("no display")

    monkeypatch.setattr(CrashDialog, "exec", broken_exec)
    hook(RuntimeError, RuntimeError("outer"), None)
    text = (log_dir / "crm-desktop.log").read_text("utf-8")
    assert len(calls) == 1
    assert "RuntimeError: outer" in text and "ValueError: inner" in text
    assert "could not show the error to the user" in text and "OSError: no display" in text


def test_without_an_application_the_hook_only_logs(qapp, hook, dialogs, log_dir, monkeypatch):
    monkeypatch.setattr(crash.QApplication, "instance", staticmethod(lambda: None))
    hook(RuntimeError, RuntimeError("too early"), None)
    assert "RuntimeError: too early" in (log_dir / "crm-desktop.log").read_text("utf-8")
    assert dialogs == []


def test_an_exception_in_a_worker_thread_is_logged_without_a_dialog(qapp, hook, dialogs, log_dir):
    worker = threading.Thread(target=raise_runtime_error, name="importer")
    worker.start()
    worker.join()
    text = (log_dir / "crm-desktop.log").read_text("utf-8")
    assert "uncaught exception in thread importer" in text
    assert "RuntimeError: the widget fell over" in text
    assert dialogs == []


def test_copy_details_puts_them_on_the_clipboard(qtbot):
    dialog = CrashDialog("Traceback: something", None)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "Traceback: something"
    assert dialog.copy_button.text() == "Copied"
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == CrashDialog.DialogCode.Rejected
