"""Showing a page never resizes the window: every page fits the space the window gives it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, QSize
from PySide6.QtWidgets import QApplication

from crm_desktop.core.deals import DealDraft
from crm_desktop.core.records import CompanyDraft, ContactDraft
from crm_desktop.ui.main_window import PAGE_DASHBOARD, SIDEBAR_ICONS, MainWindow

SIZES = (QSize(1024, 700), QSize(1280, 800), QSize(1440, 900))  # 1280 x 800: the first size where it fits


@pytest.fixture(params=["en_US", "zh_CN"])
def language(request, qapp):
    """The interface in English or in Simplified Chinese (whose labels are shorter or longer)."""
    from crm_desktop.ui.i18n import install_translators

    before = QLocale()
    installed = install_translators(qapp, QLocale(request.param))
    yield request.param
    for translator in installed:
        qapp.removeTranslator(translator)
    QLocale.setDefault(before)


@pytest.fixture
def book(services):
    """A few people, a company and open deals in every stage, so the board has cards."""
    company = services.companies.create(CompanyDraft(name="Northwind Traders International"))
    person = services.contacts.create(ContactDraft(given_name="Ada", family_name="Lovelace",
                                                   company_id=company))
    today = services.ctx.clock.today()
    for n, stage in enumerate(services.pipelines.default().stages):
        services.deals.create(DealDraft(f"Annual licence renewal {n}", stage_id=stage.id,
                                        value_minor=1_250_000 * (n + 1), currency="USD",
                                        company_id=company, contact_id=person, expected_close=today))
    return services


def _settle() -> None:
    """Let the layouts run the requests that showing a page posted (a window grows there)."""
    for _ in range(3):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


def _shut_down(win: MainWindow) -> None:
    page = win._pages.get(PAGE_DASHBOARD)
    if page is not None:
        page.shutdown()
    win.segments_panel.shutdown()
    win.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_showing_any_page_keeps_the_window_size(qtbot, book, language, size):
    win = MainWindow(book)
    qtbot.addWidget(win)
    try:
        win.resize(size)
        win.show()
        qtbot.waitExposed(win)
        _settle()
        assert win.size() == size
        for index in (*range(1, len(SIDEBAR_ICONS)), 0):  # People is shown first: end there again
            win.show_page(index)
            page = win.stack.currentWidget()
            _settle()
            name = type(page).__name__
            assert win.size() == size, f"{name} ({language}) resized the window"
            hint = page.minimumSizeHint()
            available = win.stack.size()
            assert hint.width() <= available.width(), f"{name} needs {hint.width()} px of {available.width()}"
            assert hint.height() <= available.height(), f"{name} needs {hint.height()} px high"
    finally:
        _shut_down(win)


@pytest.mark.parametrize("width", [260, 560, 820, 1400])
def test_the_deal_filters_wrap_into_rows_without_overlapping(qtbot, services, width):
    from crm_desktop.ui.pipeline.filters import DealFilterBar

    bar = DealFilterBar(services)
    qtbot.addWidget(bar)
    height = bar.layout().heightForWidth(width)
    bar.resize(width, height)
    bar.show()
    _settle()
    parts = [bar.search, bar.owner, bar.tag, bar.company, bar.period, bar.min_value.parentWidget(),
             bar.saved, bar.save_button, bar.delete_button]
    boxes = [part.geometry() for part in parts]
    for n, box in enumerate(boxes):
        assert bar.rect().contains(box), f"{type(parts[n]).__name__} {box} outside {bar.rect()}"
        assert not any(box.intersects(other) for other in boxes[n + 1:])
    rows = {box.center().y() for box in boxes}  # items of a row are centred on it
    assert (len(rows) == 1) == (width >= bar.sizeHint().width())  # one row when there is room
    assert bar.min_value.parentWidget() is bar.max_value.parentWidget()  # the bounds stay together
    if width < bar.sizeHint().width():
        assert height > bar.layout().heightForWidth(bar.sizeHint().width())
    bar.close()


def test_a_custom_range_on_the_dashboard_keeps_the_window_size(qtbot, book, language):
    win = MainWindow(book)
    qtbot.addWidget(win)
    try:
        win.resize(SIZES[0])
        win.show()
        qtbot.waitExposed(win)
        win.show_dashboard()
        page = win.dashboard_page
        page.period_combo.setCurrentIndex(page.period_combo.findData("custom"))  # two dates appear
        _settle()
        assert page.from_edit.isVisible() and page.to_edit.isVisible()
        assert win.size() == SIZES[0]
        bar = [page.period_combo, page.from_edit, page.to_edit, page.owner_combo, page.targets_button,
               page.export_button]
        boxes = [w.geometry().translated(w.parentWidget().mapTo(page, w.parentWidget().rect().topLeft()))
                 for w in bar]
        for n, box in enumerate(boxes):
            assert page.rect().contains(box)
            assert not any(box.intersects(other) for other in boxes[n + 1:])
    finally:
        _shut_down(win)


def test_the_first_size_fits_the_screen(qtbot, services):
    """1280 x 800 where the screen has room, else what it has (this platform's screen is smaller)."""
    room = QApplication.primaryScreen().availableGeometry().size()
    win = MainWindow(services)
    qtbot.addWidget(win)
    expected = QSize(1280, 800).boundedTo(room)
    assert expected != QSize(1280, 800) or room.width() >= 1280  # the test means something here
    assert win.size() == expected
    win.close()


def test_the_window_opens_where_and_as_large_as_it_was_closed(qtbot, services):
    from crm_desktop.core.settings import Settings

    win = MainWindow(services)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.setGeometry(40, 60, 700, 520)
    win.close()
    saved = Settings.load(services.ctx.settings_path).window_geometry
    assert saved  # kept in the settings file, for the next start

    again = MainWindow(database_path=services.database_path)  # the frame, before the data is opened
    qtbot.addWidget(again)
    assert again.restore_geometry_text(saved)
    assert again.size() == QSize(700, 520)
    assert not again.restore_geometry_text("")  # none kept yet: the first size stays
    again.close()
