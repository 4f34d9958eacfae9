"""Segments in the window: the sidebar section, the segment lists, and "Find duplicates…".

``install(window)`` is called once the window has an open database; it puts the saved
segments under the sidebar, shows a segment's list in the window's page stack when one is
chosen, and adds "Find duplicates…" to the File menu.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

translate = QCoreApplication.translate


def install(window) -> None:
    from .panel import SegmentsPanel

    services, bridge = window.services, window.bridge
    from ..duplicates.texts import TranslatedMergeLabels

    services.merges.labels = TranslatedMergeLabels()  # a merge's timeline entry in the user's language
    panel = window.segments_panel = SegmentsPanel(services, bridge, window)
    window._segment_pages = {}
    splitter: QSplitter = window.centralWidget()
    left = QWidget()
    layout = QVBoxLayout(left)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    total = sum(splitter.sizes())
    splitter.insertWidget(0, left)
    layout.addWidget(window.sidebar, 1)  # moved out of the splitter into the left column
    left.setMinimumWidth(190)
    splitter.setSizes([210, max(total - 210, 400)])
    layout.addWidget(panel)
    app = QCoreApplication.instance()
    if app is not None:
        # The services are closed once the event loop ends; no count may be running then.
        app.aboutToQuit.connect(panel.shutdown)
    panel.segment_chosen.connect(lambda segment_id: show_segment(window, segment_id))
    panel.segment_deleted.connect(lambda segment_id: _forget_page(window, segment_id))
    window.sidebar.currentRowChanged.connect(lambda row: panel.list.clearSelection() if row >= 0 else None)
    _add_menu_action(window)
    _follow_new_button(window)


# -- the tool bar's "New" button on a segment's list ----------------------------------------------
def _shown_entity(window) -> str | None:
    """The kind of record the segment list shown holds; None when no segment list is shown."""
    from .page import CompanySegmentPage, ContactSegmentPage, DealSegmentPage

    page = window.stack.currentWidget()
    for kind, entity in ((DealSegmentPage, "deal"), (CompanySegmentPage, "company"),
                         (ContactSegmentPage, "contact")):
        if isinstance(page, kind):
            return entity
    return None


def _new_button_text(entity: str) -> str:
    # The window's own texts (the same button on the People, Companies and Pipeline pages).
    if entity == "deal":
        return translate("MainWindow", "+ New deal")
    if entity == "company":
        return translate("MainWindow", "+ New company")
    return translate("MainWindow", "+ New person")


def _follow_new_button(window) -> None:
    """The window's one primary "New" button makes what the segment list shown holds: a deal
    (the pipeline's deal dialog) on a deal segment, a company on a company segment, a person on
    a people segment or a data-quality list. Elsewhere it does what the window says."""
    button = window.new_button
    button.clicked.disconnect(window.new_record)
    button.clicked.connect(lambda: _new_record(window))
    window.stack.currentChanged.connect(lambda _index: _name_new_button(window))


def _name_new_button(window) -> None:
    entity = _shown_entity(window)
    button = window.new_button
    if entity is None:
        # Leaving a segment list: the text the button had before (the window names it again
        # when a page is chosen in the sidebar).
        before = getattr(window, "_new_button_before_segment", None)
        if before is not None:
            button.setText(before)
            window._new_button_before_segment = None
        return
    if getattr(window, "_new_button_before_segment", None) is None:
        window._new_button_before_segment = button.text()
    button.setText(_new_button_text(entity))


def _new_record(window) -> None:
    entity = _shown_entity(window)
    if entity is None:
        window.new_record()
    elif entity == "deal":
        window.new_deal()
    elif entity == "company":
        window.new_company()
    else:
        window.new_contact()


def _add_menu_action(window) -> None:
    action = window.find_duplicates_action = QAction(
        translate("SegmentsPanel", "Find &duplicates…"), window)
    # No shortcut: Ctrl+Shift+D is File > New deal's, and two actions on one key make Qt run neither.
    action.triggered.connect(lambda: find_duplicates(window))
    quality = window.data_quality_action = QAction(translate("SegmentsPanel", "Data &quality…"), window)
    quality.triggered.connect(lambda: show_data_quality(window))
    file_menu = window.menuBar().actions()[0].menu()
    actions = file_menu.actions()
    manage_text = translate("MainWindow", "Tags, owners and &fields…")
    manage = next((a for a in actions if a.text() == manage_text), actions[-1])
    file_menu.insertActions(manage, [action, quality])


def show_segment(window, segment_id: int):
    """Show a segment's list in the window (made on first use)."""
    from .page import page_class

    page = window._segment_pages.get(segment_id)
    entity = window.services.segments.get(segment_id).entity
    if page is None:
        page = page_class(entity)(window.services, window.bridge, window.stack)
        if entity == "deal":
            page.open_requested.connect(lambda deal_id: window.pipeline_page.open_deal(deal_id))
        elif entity == "company":
            page.open_requested.connect(getattr(window, "open_company", window.edit_company))
            page.edit_requested.connect(window.edit_company)
            page.create_requested.connect(window.new_company)
            page.people_requested.connect(window.show_people_of)
        else:
            page.open_requested.connect(getattr(window, "open_contact", window.edit_contact))
            page.edit_requested.connect(window.edit_contact)
            page.create_requested.connect(window.new_contact)
        if entity != "deal":
            page.new_action.setVisible(False)
        page.status_posted.connect(lambda text: window.statusBar().showMessage(text, 4000))
        window.stack.addWidget(page)
        window._segment_pages[segment_id] = page
    page.set_segment(segment_id)
    window.sidebar.blockSignals(True)
    window.sidebar.setCurrentRow(-1)
    window.sidebar.blockSignals(False)
    window.segments_panel.select(segment_id)
    window.stack.setCurrentWidget(page)
    return page


def save_deal_filter(parent, services, flt) -> int | None:
    """"Save as segment…" for the deal list's filters: the builder opens with them as conditions;
    returns the new segment's id, or None."""
    from PySide6.QtWidgets import QMessageBox

    from ...core.deals import segment_group
    from .builder import SegmentDialog

    group, left_out = segment_group(flt)
    if left_out:
        QMessageBox.information(parent, translate("SegmentsPanel", "Save as segment"), translate(
            "SegmentsPanel", "A segment does not keep the search text or the organisation of these filters; "
            "add conditions for them in the builder if you need them."))
    return SegmentDialog.ask(parent, services, "deal", group=group)


def _forget_page(window, segment_id: int) -> None:
    page = window._segment_pages.pop(segment_id, None)
    if page is None:
        return
    if window.stack.currentWidget() is page:
        window.show_page(0)
    window.stack.removeWidget(page)
    page.model.shutdown()
    page.deleteLater()


def show_data_quality(window):
    from .quality import DataQualityDialog

    dialog = getattr(window, "_quality_dialog", None)
    if dialog is None:
        dialog = window._quality_dialog = DataQualityDialog(window.services, window)
        QCoreApplication.instance().aboutToQuit.connect(dialog.shutdown)
        dialog.show_requested.connect(lambda key: show_quality_list(window, key))
    else:
        dialog.refresh()
    dialog.show()
    return dialog


def show_quality_list(window, key: str):
    """The people failing one data-quality check, as a list with bulk actions."""
    from .page import ContactSegmentPage
    from .quality import check_labels

    page = getattr(window, "_quality_page", None)
    if page is None:
        page = window._quality_page = ContactSegmentPage(window.services, window.bridge, window.stack)
        page.open_requested.connect(getattr(window, "open_contact", window.edit_contact))
        page.edit_requested.connect(window.edit_contact)
        page.new_action.setVisible(False)
        page.status_posted.connect(lambda text: window.statusBar().showMessage(text, 4000))
        window.stack.addWidget(page)
    page.set_condition(check_labels()[key], "contact", window.services.segments.quality_condition(key))
    window.sidebar.blockSignals(True)
    window.sidebar.setCurrentRow(-1)
    window.sidebar.blockSignals(False)
    window.segments_panel.select(None)
    window.stack.setCurrentWidget(page)
    return page


def find_duplicates(window) -> None:
    from ..duplicates.dialog import DuplicatesDialog

    DuplicatesDialog.show_for(window, window.services)
