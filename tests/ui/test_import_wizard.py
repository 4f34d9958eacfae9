"""The import wizard driven end to end: file, mapping, preview, background run, undo."""

from __future__ import annotations

from PySide6.QtWidgets import QWizard

from crm_desktop.core.records import Channel, ContactDraft
from crm_desktop.ui.import_wizard.wizard import ImportWizard


def _file(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(
        "姓名,手机,邮箱,公司\n张伟,+86 139 1234 5678,zhang@example.cn,腾讯\n"
        "Ann Lee,+1 415 555 0100,not-an-email,Acme\n"
        "Bob Roe,+1 415 555 0101,bob@example.com,Acme\n",
        encoding="utf-8",
    )
    return path


def _open(qtbot, services, path):
    wizard = ImportWizard(services, None, str(path))
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(wizard.file_page.isComplete, timeout=30_000)
    return wizard


def test_wizard_imports_a_file_in_the_background_and_undoes_it(qtbot, services, tmp_path):
    services.contacts.create(ContactDraft(given_name="Robert", emails=[Channel("bob@example.com")]))
    wizard = _open(qtbot, services, _file(tmp_path))
    wizard.next()
    assert [c.currentData() for c in wizard.mapping_page.combos] == [
        "full_name",
        "mobile",
        "email",
        "company_name",
    ]
    wizard.next()
    preview = wizard.preview_page
    assert preview.table.rowCount() == 3
    assert preview.table.item(1, 4).toolTip()  # the wrong e-mail is marked with the reason
    qtbot.waitUntil(lambda: "Rows: 3" in preview.summary.text(), timeout=30_000)
    assert "duplicates: 1" in preview.summary.text()
    combo = preview.table.cellWidget(2, 1)  # Bob is in the CRM already: fill in his empty fields
    combo.setCurrentIndex(combo.findData("fill"))
    combo.activated.emit(combo.currentIndex())
    preview.table.item(1, 4).setText("ann@example.com")  # fix the cell
    assert preview.fixes == {(3, 2): "ann@example.com"}
    qtbot.waitUntil(lambda: not wizard.background.busy, timeout=30_000)
    wizard.next()
    page = wizard.run_page
    qtbot.waitUntil(lambda: page.result is not None, timeout=30_000)
    assert (page.result.created, page.result.updated) == (2, 1)
    assert services.counts().contacts == 3
    qtbot.waitUntil(page.isComplete, timeout=30_000)
    page.undo.click()
    assert services.counts().contacts == 1
    assert services.contacts.get(1).data.phones == []  # Bob's phone from the file went with the undo
    wizard.button(QWizard.WizardButton.FinishButton).click()


def test_cancel_of_a_running_import_rolls_it_back(qtbot, services, tmp_path, monkeypatch):
    path = tmp_path / "many.csv"
    path.write_text("Name,E-mail\n" + "".join(f"P {i},p{i}@example.com\n" for i in range(5_000)))
    wizard = _open(qtbot, services, path)
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: not wizard.background.busy, timeout=30_000)
    decide = type(services.imports)._decide
    chunks = []

    def slow_decide(self, matcher, chunk, options):
        chunks.append(len(chunk))
        if len(chunks) > 1:  # from the second chunk on, wait until Cancel has been pressed
            wizard.background.cancel_event.wait(5)
        return decide(self, matcher, chunk, options)

    monkeypatch.setattr(type(services.imports), "_decide", slow_decide)
    wizard.next()
    page = wizard.run_page
    qtbot.waitUntil(lambda: page.bar.maximum() > 0, timeout=10_000)  # progress has come in
    page.cancel.click()
    qtbot.waitUntil(page.isComplete, timeout=30_000)
    assert "cancelled" in page.report.text()
    assert services.counts().contacts == 0
    wizard.done(0)


def test_wizard_explains_a_refused_file(qtbot, services, tmp_path):
    (tmp_path / "x.xlsx").write_bytes(b"")
    wizard = ImportWizard(services, None, str(tmp_path / "x.xlsx"))
    qtbot.addWidget(wizard)
    qtbot.waitUntil(lambda: "empty" in wizard.file_page.status.text(), timeout=30_000)
    assert not wizard.file_page.isComplete()
    wizard.done(0)


def test_dropping_a_file_on_the_main_window_opens_the_wizard(qtbot, services, bridge, tmp_path, monkeypatch):
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    from crm_desktop.ui.main_window import MainWindow

    opened = []

    def ask(cls, parent, svc, path=None):
        opened.append(path)

    monkeypatch.setattr(ImportWizard, "ask", classmethod(ask))
    window = MainWindow(services)
    qtbot.addWidget(window)
    mime = QMimeData()
    path = _file(tmp_path)
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
    )
    window.dropEvent(event)
    qtbot.waitUntil(lambda: opened == [str(path)], timeout=30_000)


def test_history_undoes_an_earlier_import(qtbot, services, tmp_path):
    from crm_desktop.interchange.plan import ImportOptions
    from crm_desktop.ui.import_wizard.history import ImportHistoryDialog

    services.imports.run(services.imports.inspect(_file(tmp_path)), ImportOptions())
    dialog = ImportHistoryDialog(services)
    dialog.confirm = lambda batch: batch.file_name == "people.csv"
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 1).text() == "people.csv"
    assert dialog.undo.isEnabled()
    dialog.undo.click()
    assert services.counts().contacts == 0
    assert "Removed (people and companies it added): 5" in dialog.message.text()  # 3 people, 2 companies
    assert not dialog.undo.isEnabled() and dialog.table.item(0, 6).text() == "Undone"


def test_a_row_with_wrong_values_can_be_skipped_on_its_own(qtbot, services, tmp_path):
    wizard = _open(qtbot, services, _file(tmp_path))
    wizard.next()
    wizard.next()
    preview = wizard.preview_page
    combo = preview.table.cellWidget(1, 1)  # Ann's e-mail is wrong
    combo.setCurrentIndex(combo.findData("skip"))
    combo.activated.emit(combo.currentIndex())
    assert preview.row_actions == {3: "skip"}
    assert preview.table.item(1, 4).background().color().name() == "#ffe3e3"  # marked as not imported
    qtbot.waitUntil(lambda: "not importable: 1" in preview.summary.text(), timeout=30_000)
    qtbot.waitUntil(lambda: not wizard.background.busy, timeout=30_000)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.result is not None, timeout=30_000)
    assert wizard.run_page.result.created == 2
    assert wizard.run_page.save_rejected.isVisibleTo(wizard.run_page)
    wizard.done(0)


def test_a_column_mapped_to_a_date_on_the_mapping_page_has_its_order_read(qtbot, services, tmp_path):
    path = tmp_path / "dates.csv"
    path.write_text("Name,Born\nAnn Lee,03/04/1990\nBob Roe,05/06/1985\nCy Doe,25/12/1979\n",
                    encoding="utf-8")
    wizard = _open(qtbot, services, path)
    wizard.next()
    page = wizard.mapping_page
    assert page.combos[1].currentData() == "" and page.date_order.isHidden()
    page.combos[1].setCurrentIndex(page.combos[1].findData("birthday"))
    qtbot.waitUntil(lambda: page.isComplete(), timeout=30_000)
    assert wizard.plan.mapping.date_order == {1: "dmy"}  # 25/12 decides: no question
    assert page.date_order.isHidden()
    path.write_text("Name,Born\nAnn Lee,03/04/1990\nBob Roe,05/06/1985\n", encoding="utf-8")
    wizard.back()
    wizard.file_page.open_file(str(path))
    qtbot.waitUntil(wizard.file_page.isComplete, timeout=30_000)
    wizard.next()
    page.combos[1].setCurrentIndex(page.combos[1].findData("birthday"))
    qtbot.waitUntil(lambda: page.isComplete(), timeout=30_000)
    assert wizard.plan.undecided_dates == {1: ""} and not page.date_order.isHidden()
    page.date_order.setCurrentIndex(page.date_order.findData("dmy"))
    wizard.next()
    assert wizard.plan.mapping.date_order == {1: "dmy"}
