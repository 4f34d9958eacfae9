"""The export dialog, driven as a user would: from a filtered, sorted list with a selection to a file."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QItemSelectionModel, QLocale, Qt
from PySide6.QtWidgets import QTableView, QToolBar

from crm_desktop.core.query import ListQuery
from crm_desktop.core.records import Channel, CompanyDraft, ContactDraft
from crm_desktop.ui.companies_page import CompaniesPage
from crm_desktop.ui.contacts_page import ContactsPage
from crm_desktop.ui.export_dialog import ExportDialog, ExportJob


@pytest.fixture
def filled(services):
    people = (("Ann", "Boston"), ("Bob", "Austin"), ("Cy", "Austin"), ("Di", "Paris"))
    for i, (given, city) in enumerate(people):
        services.contacts.create(ContactDraft(given_name=given, family_name="Lee", city=city,
                                              phones=[Channel(f"+1 617 555 01{i:02d}", "mobile")]))
    services.companies.create(CompanyDraft(name="Acme", employees=12))
    return services


@pytest.fixture
def page_of(services, bridge, qtbot, filled):
    pages = []

    def open_(kind):
        page = kind(services, bridge)
        qtbot.addWidget(page)
        pages.append(page)
        page.resize(1000, 500)
        page.show()
        qtbot.waitExposed(page)
        return page

    yield open_
    for page in pages:
        page.model.shutdown()


@pytest.fixture
def dialogs(qtbot):
    made = []

    def keep(dialog: ExportDialog) -> ExportDialog:
        qtbot.addWidget(dialog)
        made.append(dialog)
        dialog.opened = []
        dialog._open_url = lambda url: dialog.opened.append(url.toLocalFile()) or True
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    yield keep
    for dialog in made:
        if dialog.job is not None:
            dialog.job.cancel()
            dialog.job.wait()


def select_rows(view: QTableView, *rows: int) -> None:
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        view.selectionModel().select(view.model().index(row, 0), flags)


def run(qtbot, dialog: ExportDialog) -> None:
    with qtbot.waitSignal(dialog.export_button.clicked):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.job is None and dialog.progress.isHidden(), timeout=10_000)


def test_exports_the_list_as_shown(qtbot, page_of, dialogs, tmp_path):
    page = page_of(ContactsPage)
    page.model.set_query(ListQuery(sort="city", descending=True))
    qtbot.waitUntil(lambda: not page.model.is_loading())
    page.view.setColumnHidden(page.model.COL_OWNER, True)
    page.view.horizontalHeader().moveSection(page.model.COL_CITY, 1)  # City dragged next to Name
    dialog = dialogs(ExportDialog.for_page(page, page._services))
    assert dialog.all_rows.isChecked() and not dialog.selected_rows.isEnabled()
    assert dialog.all_rows.text() == "All 4 rows in this view"
    dialog.path_edit.setText(str(tmp_path / "people.xlsx"))
    run(qtbot, dialog)
    rows = list(openpyxl.load_workbook(tmp_path / "people.xlsx").active.iter_rows(values_only=True))
    assert rows[0] == ("Name", "City", "Company", "Title", "Email", "Phone", "Tags", "Score")
    assert [r[:2] for r in rows[1:]] == [("Di Lee", "Paris"), ("Ann Lee", "Boston"), ("Cy Lee", "Austin"),
                                         ("Bob Lee", "Austin")]
    assert rows[1][5] == "+16175550103"  # a phone stays text
    assert dialog.result.rows == 4 and dialog.open_button.isVisible() and dialog.folder_button.isVisible()
    assert "Exported 4 rows to" in dialog.status.text()
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    assert dialog.opened == [str(tmp_path / "people.xlsx"), str(tmp_path)]


def test_only_the_selected_rows_as_csv(qtbot, page_of, dialogs, tmp_path):
    page = page_of(ContactsPage)
    select_rows(page.view, 0, 2)
    dialog = dialogs(ExportDialog.for_page(page, page._services))
    assert dialog.selected_rows.isChecked() and dialog.selected_rows.text() == "Only the 2 selected rows"
    dialog.path_edit.setText(str(tmp_path / "chosen.xlsx"))
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("csv"))
    assert dialog.path_edit.text() == str(tmp_path / "chosen.csv")
    run(qtbot, dialog)
    with (tmp_path / "chosen.csv").open(encoding="utf-8-sig", newline="") as fh:
        names = [row[0] for row in csv.reader(fh)]
    assert names == ["Name", "Ann Lee", "Cy Lee"]


def test_companies_offer_no_vcards(qtbot, page_of, dialogs, tmp_path):
    page = page_of(CompaniesPage)
    dialog = dialogs(ExportDialog.for_page(page, page._services))
    assert [dialog.format_combo.itemData(i) for i in range(dialog.format_combo.count())] == ["xlsx", "csv"]
    dialog.path_edit.setText(str(tmp_path / "firms.xlsx"))
    run(qtbot, dialog)
    ws = openpyxl.load_workbook(tmp_path / "firms.xlsx").active
    assert ws.title == "Companies" and ws["A2"].value == "Acme" and ws.freeze_panes == "A2"


def test_cancel_stops_the_export_and_leaves_no_file(qtbot, page_of, dialogs, tmp_path, monkeypatch):
    page = page_of(ContactsPage)
    monkeypatch.setattr("crm_desktop.services.exports.BATCH", 1)
    dialog = dialogs(ExportDialog.for_page(page, page._services))
    dialog.path_edit.setText(str(tmp_path / "people.xlsx"))
    real_start = ExportJob.start

    def start_then_cancel(job):
        real_start(job)
        dialog.cancel()  # a click on Cancel: the worker stops after the batch it is writing
        assert dialog.status.text() in ("Cancelling…", "Export cancelled. No file was written.")

    monkeypatch.setattr(ExportJob, "start", start_then_cancel)
    monkeypatch.setattr(ExportJob, "_progress", lambda job, done, total: not job._stop.wait(5))
    run(qtbot, dialog)
    assert dialog.status.text() == "Export cancelled. No file was written."
    assert dialog.result is None and dialog.export_button.isEnabled()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_a_folder_that_cannot_be_written_is_explained(qtbot, page_of, dialogs, tmp_path):
    page = page_of(ContactsPage)
    dialog = dialogs(ExportDialog.for_page(page, page._services))
    dialog.path_edit.setText(str(tmp_path / "no such folder" / "people.xlsx"))
    run(qtbot, dialog)
    assert dialog.status.text().startswith("The file ") and "cannot be written" in dialog.status.text()
    assert dialog.export_button.isEnabled() and dialog.result is None


def test_replacing_a_file_is_asked_first(qtbot, page_of, dialogs, tmp_path):
    page = page_of(ContactsPage)
    target = tmp_path / "people.xlsx"
    target.write_bytes(b"old")
    dialog = dialogs(ExportDialog.for_page(page, page._services))
    dialog.path_edit.setText(str(target))
    dialog._confirm_replace = lambda path: False
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.job is None and target.read_bytes() == b"old"
    dialog._confirm_replace = lambda path: True
    run(qtbot, dialog)
    assert target.read_bytes().startswith(b"PK")


def test_backup_workbook_from_the_dialog(qtbot, filled, dialogs, tmp_path):
    dialog = dialogs(ExportDialog.for_backup(filled))
    assert dialog.format_combo.isHidden() and dialog.windowTitle() == "Back up to Excel"
    dialog.path_edit.setText(str(tmp_path / "backup.xlsx"))
    run(qtbot, dialog)
    wb = openpyxl.load_workbook(tmp_path / "backup.xlsx")
    assert wb.sheetnames == ["Companies", "People"] and wb["People"].max_row == 5


def test_main_window_exports_the_current_page(qtbot, services, filled, monkeypatch):
    from crm_desktop.ui.main_window import MainWindow

    asked = []
    monkeypatch.setattr(ExportDialog, "ask", classmethod(lambda cls, parent, s, page: asked.append(page)))
    win = MainWindow(services)
    qtbot.addWidget(win)
    action = next(a for a in win.findChildren(type(win._data_actions[0])) if a.text() == "&Export this list…")
    assert action.isEnabled() and action.shortcut().toString() == "Ctrl+E"
    action.trigger()
    assert asked == [win.contacts_page]
    win.contacts_page.model.shutdown()
    win.close()


def test_paths_get_the_formats_suffix(qtbot, page_of, dialogs, tmp_path):
    page = page_of(ContactsPage)
    dialog = dialogs(ExportDialog.for_page(page, page._services))
    assert Path(dialog.path_edit.text()).suffix == ".xlsx"
    dialog._ask_path = lambda current, filter_text: str(tmp_path / "picked")
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("vcf"))
    qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)
    assert dialog.path_edit.text() == str(tmp_path / "picked.vcf")


def test_a_large_selection_is_exported_without_reading_its_ids(qtbot, page_of, dialogs, tmp_path,
                                                               monkeypatch):
    monkeypatch.setattr("crm_desktop.ui.export_dialog.BULK_LIMIT", 1)
    page = page_of(ContactsPage)
    select_rows(page.view, 1, 2)
    monkeypatch.setattr(page.model, "ids_in_rows", lambda spans: pytest.fail("ids read"))
    dialog = dialogs(ExportDialog.for_page(page, page._services))
    assert dialog.selected_rows.isChecked() and dialog.request().spans == ((1, 2),)
    dialog.path_edit.setText(str(tmp_path / "two.csv"))
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("csv"))
    run(qtbot, dialog)
    with (tmp_path / "two.csv").open(encoding="utf-8-sig", newline="") as fh:
        assert [row[0] for row in csv.reader(fh)] == ["Name", "Bob Lee", "Cy Lee"]


def test_the_pipelines_deal_list_exports_with_its_filter(qtbot, services, bridge, dialogs, tmp_path):
    from types import SimpleNamespace

    from crm_desktop.core.deals import DealDraft
    from crm_desktop.ui.pipeline.page import PipelinePage

    stages = [s.id for s in services.pipelines.default().stages]
    for title, value in (("Small", 1000), ("Large", 900000)):
        services.deals.create(DealDraft(title, stage_id=stages[0], value_minor=value, currency="USD"))
    page = PipelinePage(services, bridge)
    qtbot.addWidget(page)
    try:
        page.list_model.set_query(page.list_model.query.with_(sort="value", descending=True))
        qtbot.waitUntil(lambda: not page.list_model.is_loading())
        dialog = dialogs(ExportDialog.for_page(SimpleNamespace(model=page.list_model, view=page.list_view),
                                               services))
        assert dialog.format_combo.findData("vcf") == -1
        dialog.path_edit.setText(str(tmp_path / "deals.xlsx"))
        run(qtbot, dialog)
        ws = openpyxl.load_workbook(tmp_path / "deals.xlsx").active
        assert ws.title == "Deals"
        assert [(r[0], r[4], r[3]) for r in ws.iter_rows(min_row=2, values_only=True)] == [
            ("Large", 9000, "Lead"), ("Small", 10, "Lead")]
        assert ws["E2"].number_format == '"$"#,##0.00;-"$"#,##0.00'
    finally:
        page.list_model.shutdown()


def test_progress_says_how_much_is_left(qtbot, page_of, dialogs, monkeypatch):
    page = page_of(ContactsPage)
    dialog = dialogs(ExportDialog.for_page(page, page._services))
    clock = iter([100.0, 130.0, 100.0 + 3600])
    monkeypatch.setattr("crm_desktop.ui.export_dialog.time.monotonic", lambda: next(clock))
    dialog._started = next(clock)
    dialog._on_job_progressed(25_000, 100_000)  # 30 s for a quarter: 90 s to go
    n = QLocale().toString
    assert dialog.status.text() == f"{n(25_000)} of {n(100_000)} rows written… About 90 s left."
    assert dialog.progress.value() == 25_000 and dialog.progress.maximum() == 100_000
    dialog._on_job_progressed(50_000, 100_000)  # an hour for half: another hour
    assert dialog.status.text() == f"{n(50_000)} of {n(100_000)} rows written… About 60 min left."


def test_the_list_toolbar_opens_the_export(qtbot, page_of, monkeypatch):
    page = page_of(ContactsPage)
    asked = []
    monkeypatch.setattr(ExportDialog, "ask", classmethod(lambda cls, parent, s, shown: asked.append(shown)))
    toolbar_actions = [a for tb in page.findChildren(QToolBar) for a in tb.actions()]
    assert page.export_action in toolbar_actions and page.export_action.text() == "Export…"
    page.export_action.trigger()
    assert asked == [page]
