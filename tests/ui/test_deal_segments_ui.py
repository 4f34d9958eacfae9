"""Deal segments in the window: made with the builder, opened from the sidebar as a deal list,
a deal opened from it, and the list exported."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import Qt

from crm_desktop.core.deals import DealDraft
from crm_desktop.core.segments import Condition, Group
from crm_desktop.ui.export_dialog import ExportDialog
from crm_desktop.ui.segments import builder
from crm_desktop.ui.segments.builder import SegmentDialog
from crm_desktop.ui.segments.page import DealSegmentPage


@pytest.fixture
def deals(services):
    stages = [s.id for s in services.pipelines.default().stages]
    ids = {}
    for title, value, stage in (("Big order", 500_000, 0), ("Small order", 20_000, 1),
                                ("Big renewal", 300_000, 2), ("Big trashed", 700_000, 1)):
        ids[title] = services.deals.create(DealDraft(title, stage_id=stages[stage], currency="EUR",
                                                     value_minor=value))
    services.deals.delete([ids["Big trashed"]])
    return ids


@pytest.fixture
def window(deals, segments_window):
    return segments_window


def titles(page: DealSegmentPage) -> list[str]:
    return [page.model.index(r, 0).data() for r in range(page.model.rowCount())]


def test_a_deal_segment_is_built_opened_from_the_sidebar_and_exported(qtbot, window, services, deals,
                                                                      monkeypatch, tmp_path):
    panel = window.segments_panel
    assert panel.new_deals_action.text() == "Segment of deals…"
    dialogs = []

    def ask(parent, services_, entity="contact", segment_id=None):
        dialog = SegmentDialog(services_, entity, segment_id, parent)
        qtbot.addWidget(dialog)
        dialogs.append(dialog)
        row = dialog.root.items[0]
        row.field_combo.setCurrentIndex(row.field_combo.findData("value"))
        row.op_combo.setCurrentIndex(row.op_combo.findData("gte"))
        row.number_edit.setValue(1000)
        qtbot.waitUntil(lambda: dialog.count_label.text() == "2 deals match.")
        dialog.name_edit.setText("Large deals")
        dialog.accept()
        return dialog.segment_id

    monkeypatch.setattr(builder.SegmentDialog, "ask", staticmethod(ask))
    panel.new_deals_action.trigger()  # "+" ▸ "Segment of deals…"
    assert dialogs[0].entity == "deal"
    segment = services.segments.get(dialogs[0].segment_id)
    assert (segment.name, segment.entity, segment.filter) == (
        "Large deals", "deal", Group("all", (Condition("value", "gte", 1000),)))
    page = window.stack.currentWidget()
    assert isinstance(page, DealSegmentPage) and page.segment_bar.title.text() == "Large deals"
    qtbot.waitUntil(lambda: panel.count_of(segment.id) == 2)

    # Leave it, then choose it in the sidebar: the same list, exactly the matching deals.
    window.show_page(0)
    item = panel.list.item(0)
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=panel.list.visualItemRect(item).center())
    assert window.stack.currentWidget() is page and panel.current_id() == segment.id
    assert page.model.rowCount() == 2 and page.count_label.text() == "2 deals"
    assert sorted(titles(page)) == ["Big order", "Big renewal"]

    # A double-click opens the deal the way the pipeline does.
    opened = []
    monkeypatch.setattr(window.pipeline_page, "open_deal", opened.append)
    page.view.setFocus()
    row = titles(page).index("Big renewal")
    rect = page.view.visualRect(page.model.index(row, 0))
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a user's
    qtbot.mouseDClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # double click
    assert opened == [deals["Big renewal"]]

    # Export to Excel: the segment's deals, nothing else (the clicked row offered on its own too).
    selected = ExportDialog.for_page(page, services, window)
    qtbot.addWidget(selected)
    assert selected.selected_rows.isChecked() and selected.selected_rows.text() == "Only the selected row"
    selected.reject()
    page.view.clearSelection()
    dialog = ExportDialog.for_page(page, services, window)
    qtbot.addWidget(dialog)
    assert dialog.all_rows.isChecked() and dialog.all_rows.text() == "All 2 rows in this view"
    dialog.path_edit.setText(str(tmp_path / "large.xlsx"))
    with qtbot.waitSignal(dialog.export_button.clicked):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.job is None and dialog.result is not None, timeout=10_000)
    sheet = openpyxl.load_workbook(tmp_path / "large.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Title" and sorted(r[0] for r in rows[1:]) == ["Big order", "Big renewal"]
    assert dialog.result.rows == 2

    # The list and the sidebar follow changes to the deals.
    stage = services.pipelines.default().stages[0].id
    services.deals.create(DealDraft("Big new", stage_id=stage, currency="EUR", value_minor=150_000))
    qtbot.waitUntil(lambda: page.model.rowCount() == 3 and panel.count_of(segment.id) == 3)
    assert page.count_label.text() == "3 deals"
    assert "Big new" in titles(page)


def test_editing_a_deal_segment_updates_its_list(qtbot, window, services, deals):
    from crm_desktop.ui.segments import show_segment

    sid = services.segments.create("Large", "deal", Group("all", (Condition("value", "gte", 1000),)))
    page = show_segment(window, sid)
    assert page.model.rowCount() == 2
    services.segments.update(sid, "Very large", Group("all", (Condition("value", "gte", 4000),)))
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert titles(page) == ["Big order"] and page.segment_bar.title.text() == "Very large"
    assert page.count_label.text() == "1 deal"


def test_the_deal_lists_filters_are_saved_as_a_segment(qtbot, window, services, deals, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from crm_desktop.core.deals import DealFilter
    from crm_desktop.ui.segments import save_deal_filter

    def exec_(dialog):
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: dialog.count_label.text() == "2 deals match.")
        dialog.name_edit.setText("From the pipeline")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(SegmentDialog, "exec", exec_)
    notes = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: notes.append(args[2]))
    flt = DealFilter(min_value_minor=100_000, max_value_minor=600_000, text="big")
    sid = save_deal_filter(window, services, flt)
    assert notes and "search text" in notes[0]
    segment = services.segments.get(sid)
    assert segment.entity == "deal" and segment.filter == Group("all", (
        Condition("status", "is", "open"), Condition("value", "gte", 1000), Condition("value", "lte", 6000)))
    qtbot.waitUntil(lambda: window.segments_panel.count_of(sid) == 2)


def test_export_this_list_in_the_file_menu_exports_the_deal_segment_shown(qtbot, window, services, deals,
                                                                         monkeypatch):
    from crm_desktop.ui import export_dialog
    from crm_desktop.ui.segments import show_segment

    sid = services.segments.create("Large", "deal", Group("all", (Condition("value", "gte", 1000),)))
    page = show_segment(window, sid)
    asked = []
    monkeypatch.setattr(export_dialog.ExportDialog, "ask",
                        classmethod(lambda cls, parent, services_, shown: asked.append(shown)))
    window.export_list()  # File ▸ Export this list… (Ctrl+E)
    assert asked == [page]
    dialog = export_dialog.ExportDialog.for_page(page, services, window)
    qtbot.addWidget(dialog)
    request = dialog.request()
    assert request.entity == "deal" and services.exports.count(request) == 2


def test_the_pipeline_filter_bar_saves_its_filters_as_a_segment(qtbot, window, services, deals, monkeypatch):
    def exec_(dialog):
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: dialog.count_label.text() == "2 deals match.")
        dialog.name_edit.setText("Between 1,000 and 6,000")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(SegmentDialog, "exec", exec_)
    bar = window.pipeline_page.filter_bar
    assert bar.save_segment_action in bar.save_button.actions()
    bar.min_value.setText("1000")
    bar.max_value.setText("6000")
    bar.save_segment_action.trigger()
    (segment,) = [s for s in services.segments.all("deal") if s.name == "Between 1,000 and 6,000"]
    qtbot.waitUntil(lambda: window.segments_panel.count_of(segment.id) == 2)


def test_the_new_button_on_a_deal_segment_makes_a_deal(qtbot, window, services, deals, monkeypatch):
    """The tool bar's primary button follows the list shown: "+ New deal" on a deal segment opens
    the pipeline's deal dialog (not a new person), and the new deal shows in the segment."""
    from crm_desktop.core.records import CompanyDraft
    from crm_desktop.ui.pipeline import page as pipeline_page
    from crm_desktop.ui.segments import show_segment

    window.show_page(1)  # Companies: the button says so
    assert window.new_button.text() == "+ New company"
    sid = services.segments.create("Large", "deal", Group("all", (Condition("value", "gte", 1000),)))
    page = show_segment(window, sid)
    assert window.new_button.text() == "+ New deal"
    stage = services.pipelines.default().stages[0].id
    asked = []

    def ask(parent, services_, deal_id=None, **initial):
        asked.append(initial)
        return services_.deals.create(DealDraft("Big new", stage_id=initial["stage_id"], currency="EUR",
                                                value_minor=250_000))

    monkeypatch.setattr(pipeline_page.DealDialog, "ask", staticmethod(ask))
    people = services.contacts.count()
    qtbot.mouseClick(window.new_button, Qt.MouseButton.LeftButton)
    assert asked == [{"stage_id": stage}]
    assert services.contacts.count() == people  # no person made
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    assert "Big new" in titles(page) and window.stack.currentWidget() is page

    # A company segment: "+ New company", which makes a company; a people segment: a person.
    made = []
    monkeypatch.setattr(window, "new_company", lambda: made.append("company"))
    monkeypatch.setattr(window, "new_contact", lambda: made.append("contact"))
    services.companies.create(CompanyDraft(name="Acme"))
    firms = services.segments.create("Firms", "company", Group("all", (Condition("name", "contains", "a"),)))
    show_segment(window, firms)
    assert window.new_button.text() == "+ New company"
    window.new_button.click()
    folks = services.segments.create("Folks", "contact", Group("all", (Condition("name", "contains", "a"),)))
    show_segment(window, folks)
    assert window.new_button.text() == "+ New person"
    window.new_button.click()
    assert made == ["company", "contact"]

    # Back to a page of the sidebar: the button is the window's again.
    window.show_page(1)
    assert window.new_button.text() == "+ New company"
    window.new_button.click()
    assert made == ["company", "contact", "company"]
