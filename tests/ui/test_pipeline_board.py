"""The pipeline board in a real widget: drag and drop, keyboard moves, Won / Lost zones, undo, filters."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from crm_desktop.core.deals import DealDraft, DealFilter
from crm_desktop.core.records import CompanyDraft, ContactDraft
from crm_desktop.services import Change
from crm_desktop.ui.pipeline import page as page_module
from crm_desktop.ui.pipeline.board_model import BoardModel, StageCardModel, encode
from crm_desktop.ui.pipeline.common import MIME_TYPE, money, parse_money
from crm_desktop.ui.pipeline.deal_list import DealTableModel
from crm_desktop.ui.pipeline.page import PipelinePage


@pytest.fixture
def stages(services):
    return [s.id for s in services.pipelines.default().stages]


@pytest.fixture
def deals(services, stages):
    company = services.companies.create(CompanyDraft(name="Acme"))
    contact = services.contacts.create(ContactDraft(given_name="Ann", family_name="Lee", company_id=company))
    made = {}
    for title, stage, value in (
        ("Alpha", 0, 100000),
        ("Beta", 0, 50000),
        ("Gamma", 1, 20000),
        ("Delta", 3, 70000),
    ):
        made[title] = services.deals.create(
            DealDraft(
                title,
                stage_id=stages[stage],
                value_minor=value,
                currency="USD",
                company_id=company,
                contact_id=contact,
                expected_close=dt.date(2030, 1, 1 + len(made)),
            )
        )
    made["company"], made["contact"] = company, contact
    return made


@pytest.fixture
def page(qtbot, services, bridge, deals):
    shown = PipelinePage(services, bridge)
    qtbot.addWidget(shown)
    shown.resize(1300, 800)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    shown.list_model.shutdown()


def _titles(page, stage_id: int) -> list[str]:
    return [c.title for c in page.board_model.columns[stage_id].cards()]


def _drop(view, mime: QMimeData) -> bool:
    """What Qt sends while a card is dragged over a column and let go: enter, move, drop.
    Returns whether the column accepted the drag."""
    target = view.viewport()
    at = target.rect().center()
    args = (Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(at, *args)
    QApplication.sendEvent(target, enter)
    move = QDragMoveEvent(at, *args)
    QApplication.sendEvent(target, move)
    if move.isAccepted():
        QApplication.sendEvent(target, QDropEvent(QPointF(at), *args))
    return move.isAccepted()


def test_models_pass_the_model_tester(qtmodeltester, services, bridge, deals, stages):
    board = BoardModel(services, bridge)
    qtmodeltester.check(board.columns[stages[0]])
    empty = StageCardModel(stages[2])
    qtmodeltester.check(empty)
    listing = DealTableModel(services, bridge, flt=DealFilter(status=""))
    qtmodeltester.check(listing)
    listing.shutdown()


def test_columns_show_count_total_and_weighted_value(page, stages):
    column = page.board.columns[stages[0]]
    assert column.title.text() == "Lead"
    assert _titles(page, stages[0]) == ["Alpha", "Beta"]
    totals = page.board_model.columns[stages[0]].totals
    assert (totals.count, totals.value_minor, totals.weighted_minor) == (2, 150000, 15000)
    assert column.totals.text().startswith("2 deals")
    assert money(15000, "USD", short=True) in column.totals.text()


def test_a_simulated_drag_and_drop_moves_the_card_and_both_totals(page, services, stages, deals, bridge):
    source = page.board.columns[stages[0]]
    target = page.board.columns[stages[2]]
    mime = source.model.mimeData([source.model.index(0)])
    seen = []
    bridge.changed.connect(seen.append)
    assert _drop(target.view, mime)
    assert _titles(page, stages[0]) == ["Beta"]
    assert _titles(page, stages[2]) == ["Alpha"]
    assert source.model.totals.value_minor == 50000 and target.model.totals.value_minor == 100000
    assert "1 deal" in source.totals.text()
    assert Change("deal", "stage", (deals["Alpha"],)) in seen
    entries = services.activities.for_record(contact_id=deals["contact"])
    assert [(a.kind, a.subject) for a in entries] == [("stage_change", "Alpha: Lead → Proposal/Quote")]
    assert services.activities.for_record(company_id=deals["company"])[0].deal_id == deals["Alpha"]


def test_dropping_on_the_same_column_or_dropping_something_else_does_nothing(page, services, stages, deals):
    source = page.board.columns[stages[0]]
    assert not _drop(source.view, source.model.mimeData([source.model.index(0)]))
    junk = QMimeData()
    junk.setData(MIME_TYPE, b"not:a:card")
    assert not _drop(page.board.columns[stages[1]].view, junk)
    text = QMimeData()
    text.setText("hello")
    assert not _drop(page.board.columns[stages[1]].view, text)
    assert _titles(page, stages[0]) == ["Alpha", "Beta"]
    assert services.activities.for_record(deal_id=deals["Alpha"]) == []


def test_keyboard_moves_the_selected_card_and_focus_follows(page, qtbot, stages, deals):
    assert page.board.select(deals["Gamma"])
    view = page.board.columns[stages[1]].view
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert _titles(page, stages[2]) == ["Gamma"]
    moved_view = page.board.columns[stages[2]].view
    assert moved_view.current_deal() == deals["Gamma"]
    qtbot.keyClick(moved_view, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.board.columns[stages[1]].view, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert "Gamma" in _titles(page, stages[0])
    # Past the first column there is nowhere to go.
    qtbot.keyClick(page.board.columns[stages[0]].view, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert "Gamma" in _titles(page, stages[0])


def test_undo_puts_the_card_back_with_its_probability_and_timeline(page, qtbot, services, stages, deals):
    services.deals.update(
        deals["Beta"],
        DealDraft("Beta", stage_id=stages[0], value_minor=50000, currency="USD", probability=60),
        1,
    )
    card = page.board_model.card(deals["Beta"])
    page.move_deal(deals["Beta"], card.version, stages[1])
    assert page.board_model.card(deals["Beta"]).probability == 25
    page.activateWindow()
    view = page.board.columns[stages[1]].view
    assert view.hasFocus()  # the moved card is selected in its new column
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    restored = page.board_model.card(deals["Beta"])
    assert (restored.stage_id, restored.probability) == (stages[0], 60)
    assert services.activities.for_record(deal_id=deals["Beta"]) == []
    assert not page.undo_action.isEnabled()


def test_dropping_on_won_asks_for_value_and_date(page, services, stages, deals, monkeypatch):
    asked = []

    def answer(parent, deal, today):
        asked.append(deal.title)
        return 123456, dt.date(2030, 2, 3)

    monkeypatch.setattr(page_module.WonDialog, "ask", answer)
    mime = encode(page.board_model.card(deals["Delta"]))  # the event does not own it: keep it
    zone = page.board.won_zone
    args = (Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(zone.rect().center(), *args)
    QApplication.sendEvent(zone, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(zone, QDropEvent(QPointF(zone.rect().center()), *args))
    assert asked == ["Delta"]
    deal = services.deals.get(deals["Delta"])
    assert (deal.status, deal.value_minor, deal.closed_at.date()) == ("won", 123456, dt.date(2030, 2, 3))
    assert _titles(page, stages[3]) == []


def test_dropping_on_lost_needs_a_reason(page, services, stages, deals, monkeypatch):
    reasons_offered = []

    def answer(parent, deal, reasons, edit_reasons):
        reasons_offered.extend(reasons)
        assert callable(edit_reasons)
        return "No budget", "Frozen until Q3"

    monkeypatch.setattr(page_module.LostDialog, "ask", answer)
    card = page.board_model.card(deals["Gamma"])
    page.board.lost_zone.dropped.emit(card.id, card.version)
    assert "Price too high" in reasons_offered
    deal = services.deals.get(deals["Gamma"])
    assert (deal.status, deal.lost_reason, deal.lost_note) == ("lost", "No budget", "Frozen until Q3")
    monkeypatch.setattr(page_module.LostDialog, "ask", lambda *a: None)  # cancelled: nothing happens
    beta = page.board_model.card(deals["Beta"])
    page.board.lost_zone.dropped.emit(beta.id, beta.version)
    assert services.deals.get(deals["Beta"]).status == "open"


def test_the_lost_dialog_refuses_no_reason(qtbot, services, deals):
    from crm_desktop.ui.pipeline.dialogs import LostDialog

    dialog = LostDialog(services.deals.get(deals["Alpha"]), ["Price too high"])
    qtbot.addWidget(dialog)
    dialog._check()
    assert dialog.result_value is None and not dialog.error.isHidden()
    dialog.reason.setCurrentIndex(1)
    dialog._check()
    assert dialog.result_value == ("Price too high", "")


def test_a_move_of_a_deal_changed_elsewhere_warns_and_shows_the_truth(
    page, services, stages, deals, monkeypatch
):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    stale = page.board_model.card(deals["Alpha"]).version
    services.deals.ctx.storage.deals.bump(
        deals["Alpha"], None, services.ctx.clock.now(), "title = ?", ("Alpha (edited)",)
    )  # another process, no announcement
    page.move_deal(deals["Alpha"], stale, stages[1])
    assert warnings and "another window" in warnings[0]
    assert services.deals.get(deals["Alpha"]).stage_id == stages[0]
    assert "Alpha (edited)" in _titles(page, stages[0])


def test_filters_narrow_board_and_list(page, qtbot, services, stages, deals):
    page.show_view(page_module.VIEW_LIST)
    page.set_filter(DealFilter(text="alp"))
    assert [t for s in stages for t in _titles(page, s)] == ["Alpha"]
    page.set_filter(DealFilter(min_value_minor=60000))
    assert sorted(t for s in stages for t in _titles(page, s)) == ["Alpha", "Delta"]
    assert page.list_model.rowCount() == 2
    page.set_filter(DealFilter())
    assert page.list_model.rowCount() == 4


def test_the_hidden_list_catches_up_when_shown(page, services, stages):
    page.set_filter(DealFilter(min_value_minor=60000))
    services.deals.create(DealDraft("Zeta", stage_id=stages[0], value_minor=90000, currency="USD"))
    page.show_view(page_module.VIEW_LIST)
    assert page.list_model.rowCount() == 3


def test_the_filter_bar_and_a_saved_filter(page, qtbot, services, stages, monkeypatch):
    bar = page.filter_bar
    bar.min_value.setText("600")
    bar.apply()
    assert sorted(t for s in stages for t in _titles(page, s)) == ["Alpha", "Delta"]
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Big ones", True))
    bar.save_current()
    bar.min_value.setText("")
    bar.apply()
    assert sum(len(_titles(page, s)) for s in stages) == 4
    bar._on_saved_activated(bar.saved.findText("Big ones"))
    assert bar.min_value.text() == "600"
    assert sorted(t for s in stages for t in _titles(page, s)) == ["Alpha", "Delta"]


def test_a_bad_value_bound_is_refused_with_a_message(page, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    page.filter_bar.min_value.setText("-5")
    page.filter_bar.apply()
    assert warnings == ["Enter zero or a positive amount."]


def test_money_is_parsed_in_the_users_locale():
    from PySide6.QtCore import QLocale

    assert parse_money("1.234,5", "EUR", QLocale(QLocale.Language.German, QLocale.Country.Germany)) == 123450
    assert (
        parse_money("1,234.5", "USD", QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        == 123450
    )


def test_new_cards_and_edits_arrive_without_a_reload(page, services, stages, deals):
    column = page.board_model.columns[stages[1]]
    new_id = services.deals.create(DealDraft("Epsilon", stage_id=stages[1], value_minor=1, currency="USD"))
    assert _titles(page, stages[1]) == ["Gamma", "Epsilon"]
    services.deals.delete([new_id])
    assert _titles(page, stages[1]) == ["Gamma"]
    assert column.totals.count == 1


def test_a_deal_opens_on_its_own_page(page, services, stages, deals):
    services.deals.move(deals["Alpha"], stages[1])
    deal_page = page.open_deal(deals["Alpha"])
    try:
        assert deal_page.windowTitle() == "Alpha"
        assert deal_page.history.topLevelItemCount() == 2
        assert deal_page.history.topLevelItem(0).text(0) == "Lead"
        assert deal_page.timeline.topLevelItemCount() == 1
        assert "Acme" in deal_page.header.text()
    finally:
        deal_page.close()


def test_a_scheduled_next_step_shows_on_the_card(page, services, deals, monkeypatch):
    from crm_desktop.core.tasks import TaskDraft
    from crm_desktop.ui.reminders import task_dialog

    def schedule(parent, svc, task_id=None, **preset):
        assert preset["deal_id"] == deals["Alpha"] and preset["contact_id"] == deals["contact"]
        due = services.ctx.clock.now() + dt.timedelta(days=2)
        return svc.tasks.create(TaskDraft("Send the quote", due_at=due, deal_id=preset["deal_id"]))

    monkeypatch.setattr(task_dialog.TaskDialog, "ask", schedule)
    assert page.board_model.card(deals["Alpha"]).next_task == ""
    page.schedule_next_step(deals["Alpha"])
    card = page.board_model.card(deals["Alpha"])
    assert card.next_task == "Send the quote" and card.has_future_task


def test_deleting_a_deal_from_its_card_asks_first(page, services, stages, deals, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
    page.delete_deal(deals["Beta"])
    assert "Beta" in _titles(page, stages[0])
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    page.delete_deal(deals["Beta"])
    assert "Beta" not in _titles(page, stages[0])
    page.undo_last()
    assert "Beta" in _titles(page, stages[0])


def test_a_rotting_card_says_why_in_its_tooltip(services, bridge, stages):
    from crm_desktop.core.clock import FixedClock

    deal_id = services.deals.create(DealDraft("Old", stage_id=stages[3], currency="USD"))
    services.ctx.clock = FixedClock(services.ctx.clock.now() + dt.timedelta(days=9))
    board = BoardModel(services, bridge)
    model = board.columns[stages[3]]
    tip = model.index(model.row_of(deal_id)).data(Qt.ItemDataRole.ToolTipRole)
    assert "In this stage for 9 days." in tip
    assert "Rotting: longer in this stage than 7 days, with nothing scheduled." in tip


def test_the_card_menu_opens_from_the_keyboard_and_enter_opens_the_deal(page, qtbot, stages, deals,
                                                                         monkeypatch):
    opened, menus = [], []
    monkeypatch.setattr(page, "open_deal", opened.append)
    page.board.open_requested.disconnect()
    page.board.open_requested.connect(page.open_deal)
    page.board.menu_requested.connect(lambda deal_id, where: menus.append(deal_id))
    page.board.select(deals["Gamma"])
    view = page.board.columns[stages[1]].view
    qtbot.keyClick(view, Qt.Key.Key_Menu)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert menus == [deals["Gamma"]] and opened == [deals["Gamma"]]
    page._menu.close()


def test_the_plus_of_a_column_opens_a_new_deal_in_that_stage(page, stages, monkeypatch):
    asked = []
    monkeypatch.setattr(page_module.DealDialog, "ask", lambda parent, svc, **initial: asked.append(initial))
    page.board.columns[stages[2]].add_button.click()
    assert asked == [{"stage_id": stages[2]}]


def test_a_file_attached_on_the_deal_page_is_listed_there(page, services, deals, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    quote = tmp_path / "quote.pdf"
    quote.write_bytes(b"%PDF-1.4 quote")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(quote), ""))
    deal_page = page.open_deal(deals["Alpha"])
    try:
        assert deal_page.attach_file() is not None
        assert deal_page.files.topLevelItemCount() == 1
        assert deal_page.files.topLevelItem(0).text(0) == "quote.pdf"
        assert services.deals.files(deals["Alpha"])[0][1] == "quote.pdf"
        assert not deal_page.open_file_button.isEnabled()
        deal_page.files.setCurrentItem(deal_page.files.topLevelItem(0))
        opened = []
        deal_page.opener = lambda url: opened.append(url.toLocalFile()) or True
        assert deal_page.open_file()
        assert opened and opened[0].endswith("quote.pdf")
        assert Path(opened[0]).read_bytes() == b"%PDF-1.4 quote"
        deal_page.remove_file()
        assert deal_page.files.topLevelItemCount() == 0
        assert [i.kind for i in services.trash.items()] == ["attachment"]
    finally:
        deal_page.close()


def test_a_row_of_the_list_opens_its_deal_and_has_the_cards_menu(page, qtbot, deals, monkeypatch):
    opened = []
    monkeypatch.setattr(page, "open_deal", opened.append)
    page.show_view(page_module.VIEW_LIST)
    first = page.list_model.index(0, 0)
    page.list_view.activated.emit(first)
    assert opened == [page.list_model.record_id(0)]
    page.list_view.customContextMenuRequested.emit(page.list_view.visualRect(first).center())
    texts = [a.text() for a in page._menu.actions() if a.text()]
    assert texts[:3] == ["Open", "Edit…", "Schedule next step…"]
    page._menu.close()


def test_a_close_period_of_ones_own_choosing(page, stages, deals, monkeypatch):
    from crm_desktop.ui.pipeline import filters

    # Alpha closes 2030-01-01, Beta 01-02, Gamma 01-03, Delta 01-04.
    monkeypatch.setattr(filters, "ask_range", lambda *a: (dt.date(2030, 1, 2), dt.date(2030, 1, 3)))
    bar = page.filter_bar
    bar.period.setCurrentIndex(bar.period.findData("custom"))
    bar._on_period_activated(bar.period.currentIndex())
    assert sorted(t for s in stages for t in _titles(page, s)) == ["Beta", "Gamma"]
    monkeypatch.setattr(filters, "ask_range", lambda *a: None)  # cancelled: the last period comes back
    bar._on_period_activated(bar.period.currentIndex())
    assert bar.period.currentData() == "custom"
    assert sorted(t for s in stages for t in _titles(page, s)) == ["Beta", "Gamma"]


def test_the_window_shows_the_pipeline_and_its_new_deal_button(qtbot, services, deals, monkeypatch):
    from crm_desktop.ui.main_window import PAGE_PIPELINE, MainWindow

    window = MainWindow(services)
    qtbot.addWidget(window)
    try:
        assert window.sidebar.item(PAGE_PIPELINE).text() == "Pipeline"
        window.show_page(PAGE_PIPELINE)
        assert window.stack.currentWidget() is window.pipeline_page
        assert window.new_button.text() == "+ New deal"
        asked = []
        monkeypatch.setattr(page_module.DealDialog, "ask",
                            lambda parent, svc, **initial: asked.append(initial))
        window.new_button.click()
        assert asked == [{"stage_id": services.pipelines.default().stages[0].id}]
        assert sum(len(m.cards()) for m in window.pipeline_page.board_model.columns.values()) == 4
    finally:
        window.pipeline_page.list_model.shutdown()
        window.close()


def test_the_lost_dialog_edits_its_reasons_list_in_place(qtbot, page, services, deals, monkeypatch):
    from crm_desktop.ui.pipeline import editor
    from crm_desktop.ui.pipeline.dialogs import LostDialog

    def edit(parent, svc, pipeline_id=None, *, reasons=False):
        assert reasons
        svc.pipelines.add_lost_reason("Legal said no")

    monkeypatch.setattr(editor.PipelineEditor, "ask", edit)
    dialog = LostDialog(services.deals.get(deals["Alpha"]), page._reason_names(), None, page._edit_reasons)
    qtbot.addWidget(dialog)
    dialog.reason.setCurrentIndex(2)
    chosen = dialog.reason.currentData()
    dialog.edit_reasons()
    assert dialog.reason.findData("Legal said no") > 0 and dialog.reason.currentData() == chosen
