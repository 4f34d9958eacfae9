"""The import wizard driven end to end: file, mapping, preview, background run, undo."""

from __future__ import annotations

from PySide6.QtWidgets import QWizard

from crm_desktop.ui.import_wizard.wizard import ImportWizard


def _file(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(
        "姓名,手机,邮箱,公司\n张伟,+86 139 1234 5678,zhang@example.cn,腾讯\n"
        "Ann Lee,+1 415 555 0100,not-an-email,Acme\n",
        encoding="utf-8",
    )
    return path


def test_wizard_imports_a_file_in_the_background_and_undoes_it(qtbot, services, tmp_path):
    wizard = ImportWizard(services, None, str(_file(tmp_path)))
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.file_page.isComplete()
    wizard.next()
    assert [c.currentData() for c in wizard.mapping_page.combos] == [
        "full_name",
        "mobile",
        "email",
        "company_name",
    ]
    wizard.next()
    preview = wizard.preview_page
    assert preview.table.rowCount() == 2
    assert preview.table.item(1, 3).toolTip()  # the wrong e-mail is marked with the reason
    wizard.next()
    page = wizard.run_page
    qtbot.waitUntil(lambda: page.result is not None, timeout=10_000)
    assert page.result.created == 2
    assert services.counts().contacts == 2
    qtbot.waitUntil(page.isComplete)
    page.undo.click()
    assert services.counts().contacts == 0
    wizard.button(QWizard.WizardButton.FinishButton).click()


def test_wizard_explains_a_refused_file(qtbot, services, tmp_path):
    (tmp_path / "x.xlsx").write_bytes(b"")
    wizard = ImportWizard(services, None, str(tmp_path / "x.xlsx"))
    qtbot.addWidget(wizard)
    assert not wizard.file_page.isComplete()
    assert "empty" in wizard.file_page.status.text()
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
    event = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    qtbot.waitUntil(lambda: opened == [str(path)])
