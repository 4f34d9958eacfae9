"""The main window: sidebar of areas, the page of the chosen area, global search, status bar.

The window is put together in two steps so that it can be on screen before the data layer
is even imported. ``MainWindow(database_path=...)`` is the frame: sidebar, tool bar, menus,
status bar and a quiet "Opening …" note where the list goes. ``attach(services)`` then adds
the search box and the page being shown; the other pages are made when first shown.
``MainWindow(services)`` does both at once.

Nothing at module level may import the pages, dialogs or services (they pull in Peewee,
phonenumbers and the table models), and the frame must not touch Qt's namespace: PySide6
builds its ~90 enums on first use, ~30 ms. So methods that run after the first paint reach
it as ``QtCore.Qt``, the frame sets enum properties by name, and it avoids calls whose
overloads make PySide6 build it (``QSplitter(self)``, ``QAction.setShortcut``).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import QCoreApplication, QSize, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QWidget,
)

from .. import __version__
from ..core.resources import resource_path

if TYPE_CHECKING:
    from ..services import Change, Services
    from .companies_page import CompaniesPage
    from .contacts_page import ContactsPage
    from .pipeline.page import PipelinePage
    from .trash_page import TrashPage

# The sidebar's rows, in order: the records, then what to do with them, the trash last.
PAGE_CONTACTS, PAGE_COMPANIES, PAGE_PIPELINE, PAGE_REMINDERS, PAGE_DASHBOARD, PAGE_TRASH = range(6)
SIDEBAR_ICONS = ("contacts", "companies", "pipeline", "tasks", "dashboard", "trash")

SIDEBAR_STYLE = """
QListWidget#sidebar { background: #f4f6fa; border: none; border-right: 1px solid #e2e6ee;
                      padding-top: 8px; font-size: 14px; }
QListWidget#sidebar::item { padding: 8px 12px; margin: 1px 8px; border-radius: 6px; color: #2d3748; }
QListWidget#sidebar::item:selected { background: #dbe6fb; color: #1a3f8f; }
QListWidget#sidebar::item:hover:!selected { background: #e9eef7; }
"""

# Classes this module used to import at its top, still reachable as attributes (e.g. to
# patch ``main_window.ContactDialog.ask``); each module is imported on first use.
_LAZY = {
    "ContactDialog": ".dialogs", "CompanyDialog": ".dialogs", "SettingsDialog": ".dialogs",
    "ManageDialog": ".manage_dialog", "ContactsPage": ".contacts_page",
    "CompaniesPage": ".companies_page", "TrashPage": ".trash_page", "GlobalSearch": ".global_search",
}


def _lazy(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_LAZY[name], __package__), name)


__getattr__ = _lazy


def _icon(name: str) -> QIcon:
    return QIcon(str(resource_path("icons", f"{name}.svg")))


class MainWindow(QMainWindow):
    @staticmethod
    def _first_size() -> QSize:
        """1280×800, or what the screen has room for (a 1024×768 laptop, a small VM display)."""
        screen = QGuiApplication.primaryScreen()
        wanted = QSize(1280, 800)
        if screen is None:
            return wanted
        room = screen.availableGeometry().size()
        return wanted.boundedTo(QSize(max(room.width(), 640), max(room.height(), 480)))

    def __init__(self, services: Services | None = None, database_path: Path | None = None) -> None:
        super().__init__()
        self.services: Services | None = None
        self._pages: dict[int, QWidget] = {}
        self._database_path = services.database_path if services is not None else database_path
        self.setWindowTitle(self.tr("crm-desktop"))
        self.setWindowIcon(_icon("app"))
        self.resize(self._first_size())
        self._build_frame()
        self._build_toolbar()
        self._build_menus()
        self.setAcceptDrops(True)  # files dropped here open the import wizard
        self._build_status_bar()
        self.show_page(PAGE_CONTACTS)
        if services is not None:
            self.attach(services)

    # -- construction --------------------------------------------------------------------
    def _build_frame(self) -> None:
        self.stack = QStackedWidget(self)
        for _ in SIDEBAR_ICONS:
            self.stack.addWidget(QWidget(self.stack))  # each page is made when first shown
        path = "" if self._database_path is None else str(self._database_path)
        self._opening = QLabel(self.tr("Opening %1…").replace("%1", path), self.stack)
        self._opening.setProperty("alignment", "AlignCenter")
        self._opening.setStyleSheet("color: #718096;")
        self.stack.addWidget(self._opening)
        self.stack.setCurrentWidget(self._opening)
        self.sidebar = QListWidget(self)
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setStyleSheet(SIDEBAR_STYLE)
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setProperty("focusPolicy", "NoFocus")
        labels = (self.tr("People"), self.tr("Companies"), self.tr("Pipeline"), self.tr("Reminders"),
                  self.tr("Dashboard"), self.tr("Trash"))
        for icon, label in zip(SIDEBAR_ICONS, labels, strict=True):
            QListWidgetItem(_icon(icon), label, self.sidebar)
        self.sidebar.currentRowChanged.connect(self._on_sidebar_current_row_changed)
        splitter = QSplitter(parent=self)  # not QSplitter(self): see the module docstring
        splitter.addWidget(self.sidebar)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([190, 1090])
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Main"), self)
        self._toolbar = bar
        bar.setObjectName("main_toolbar")
        bar.setMovable(False)
        bar.setIconSize(QSize(18, 18))
        bar.setStyleSheet("QToolBar#main_toolbar { padding: 6px 8px; spacing: 8px; }")
        # Looks like the search box, which needs the database; attach() puts the real one here.
        self.search = QLineEdit(bar)
        self.search.setPlaceholderText(QCoreApplication.translate("GlobalSearch",
                                                                  "Search people and companies  (Ctrl+K)"))
        self.search.addAction(_icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setMinimumWidth(360)
        self.search.setEnabled(False)
        self._search_slot = bar.addWidget(self.search)
        spacer = QWidget(bar)
        spacer.setSizePolicy(spacer.sizePolicy().horizontalPolicy().Expanding,
                             spacer.sizePolicy().verticalPolicy().Preferred)
        bar.addWidget(spacer)
        self.new_button = new_button = QToolButton(bar)
        new_button.setProperty("toolButtonStyle", "ToolButtonTextOnly")
        new_button.setEnabled(False)
        new_button.clicked.connect(self.new_record)
        new_button.setStyleSheet("QToolButton { background: #2d6cdf; color: white; border-radius: 5px;"
                                 " padding: 5px 12px; font-weight: 600; }"
                                 "QToolButton:hover { background: #2459bb; }")
        bar.addWidget(new_button)
        self.addToolBar(bar)  # the top area

    def _action(self, text: str, slot, *keys) -> QAction:
        action = QAction(text, self)
        # setShortcuts() with sequences: setShortcut() would build Qt's namespace (see above).
        action.setShortcuts([QKeySequence(key) for key in keys])
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        # The actions that need the database wait for attach().
        self._data_actions = [
            self._action(self.tr("New &person…"), self.new_contact, QKeySequence.StandardKey.New),
            self._action(self.tr("New &company…"), self.new_company, "Ctrl+Shift+N"),
            self._action(self.tr("Load &demo data…"), self.load_demo_data),
            self._action(self.tr("Tags, owners and &fields…"), self.open_manage),
            self._action(self.tr("&Settings…"), self.open_settings, "Ctrl+,"),
        ]
        for action in self._data_actions:
            action.setEnabled(False)
        menu = self.menuBar().addMenu(self.tr("&File"))
        menu.addActions(self._data_actions[:2])
        menu.addSeparator()
        menu.addActions(self._data_actions[2:])
        self._new_deal_action = self._action(self.tr("New &deal…"), self.new_deal, "Ctrl+Shift+D")
        self._new_deal_action.setEnabled(False)
        menu.insertAction(menu.actions()[2], self._new_deal_action)
        self._data_actions.append(self._new_deal_action)
        menu.addSeparator()
        exports = [self._action(self.tr("&Import…"), self.import_file, "Ctrl+I"),
                   self._action(self.tr("Import &history…"), self.import_history),
                   self._action(self.tr("&Export this list…"), self.export_list, "Ctrl+E"),
                   self._action(self.tr("&Back up to Excel…"), self.back_up_to_excel)]
        for action in exports:
            action.setEnabled(False)
        self._data_actions += exports
        menu.addActions(exports)
        menu.addSeparator()
        trust = [self._action(self.tr("Backups and &security…"), self.open_backups, "Ctrl+Shift+B"),
                 self._action(self.tr("Export everything about this &person…"), self.export_person),
                 self._action(self.tr("&Erase this person for good…"), self.erase_person)]
        for action in trust:
            action.setEnabled(False)
        self._data_actions += trust
        menu.addActions(trust)
        menu.addSeparator()
        menu.addAction(self._action(self.tr("&Quit"), QApplication.quit, QKeySequence.StandardKey.Quit))
        self._edit_menu = self.menuBar().addMenu(self.tr("&Edit"))  # Undo and Redo: filled by attach()
        view = self.menuBar().addMenu(self.tr("&View"))
        view.addAction(self._action(self.tr("&Search"), self.focus_search, "Ctrl+K", "Ctrl+F"))
        view.addSeparator()
        pages = ((self.tr("&People"), PAGE_CONTACTS), (self.tr("&Companies"), PAGE_COMPANIES),
                 (self.tr("P&ipeline"), PAGE_PIPELINE), (self.tr("&Reminders"), PAGE_REMINDERS),
                 (self.tr("&Dashboard"), PAGE_DASHBOARD), (self.tr("&Trash"), PAGE_TRASH))
        for label, index in pages:  # Ctrl+1 … Ctrl+6 in the sidebar's order
            key = f"Ctrl+{index + 1}"
            view.addAction(self._action(label, lambda _=False, i=index: self.show_page(i), key))
        view.addAction(self._action(self.tr("&Filter this list"), self.focus_filter, "Ctrl+L"))
        view.addSeparator()
        view.addAction(self._action(self.tr("&Back"), self.go_back, "Alt+Left"))
        view.addAction(self._action(self.tr("&Forward"), self.go_forward, "Alt+Right"))
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self._action(self.tr("&About crm-desktop"), self.show_about))

    def _build_status_bar(self) -> None:
        self.counts_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.counts_label)
        self._path_label = QLabel("" if self._database_path is None else str(self._database_path), self)
        self._path_label.setStyleSheet("color: #718096;")
        self._path_label.setProperty("textInteractionFlags", "TextSelectableByMouse")
        self.statusBar().addPermanentWidget(self._path_label)
        self._counts_timer = QTimer(self, singleShot=True, interval=200)
        self._counts_timer.timeout.connect(self.update_counts)

    # -- the open database ---------------------------------------------------------------
    def attach(self, services: Services) -> None:
        """Fill the frame from an open database: the search box, the shown page, the counts."""
        from .bridge import ChangeBridge

        self.services = services
        self._database_path = services.database_path
        self._path_label.setText(str(services.database_path))
        self.bridge = ChangeBridge(services, self)
        self.bridge.changed.connect(self._on_bridge_changed)
        self._attach_undo(services)
        self._attach_search(services)
        for action in self._data_actions:
            action.setEnabled(True)
        self.new_button.setEnabled(True)
        self.stack.removeWidget(self._opening)
        self._opening.deleteLater()
        self._on_sidebar_current_row_changed(self.sidebar.currentRow())
        # Counting a large database is not needed for the first rows: do it right after.
        self._counts_timer.start(0)
        from .segments import install as install_segments  # saved segments, "Find duplicates…"

        install_segments(self)

    def _attach_undo(self, services: Services) -> None:
        """One undo history for the window: Edit ▸ Undo “…” / Redo “…”."""
        from .undo import UndoHistory

        self.undo_history = UndoHistory(services, self)
        self.undo_history.status_posted.connect(lambda text: self.statusBar().showMessage(text, 4000))
        self._edit_menu.addActions([self.undo_history.undo_action, self.undo_history.redo_action])
        self._edit_menu.addSeparator()
        self._edit_menu.addAction(self.undo_history.view_action)
        self.bridge.changed.connect(self.undo_history.on_change)  # a restored backup clears it

    def _attach_search(self, services: Services) -> None:
        from .global_search import GlobalSearch

        stand_in = self.search
        self.search = GlobalSearch(services, self._toolbar)
        self.search.contact_chosen.connect(self.open_contact)
        self.search.company_chosen.connect(self.open_company)
        self._toolbar.insertWidget(self._search_slot, self.search)
        self._toolbar.removeAction(self._search_slot)
        stand_in.deleteLater()

    def _page(self, index: int) -> QWidget:
        """The page at ``index`` of the stack, made (in place of its stand-in) on first use."""
        page = self._pages.get(index)
        if page is None:
            if self.services is None:
                raise RuntimeError("the pages need an open database: call attach() first")
            page = self._pages[index] = self._make_page(index)
            stand_in = self.stack.widget(index)
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(stand_in)
            stand_in.deleteLater()
        return page

    def _make_page(self, index: int) -> QWidget:
        if index == PAGE_DASHBOARD:
            from .dashboard import make_page as make_dashboard

            return make_dashboard(self)
        if index == PAGE_REMINDERS:
            return self._make_reminders_page()
        if index == PAGE_TRASH:
            from .trash_page import TrashPage

            return TrashPage(self.services, self.bridge, self)
        if index == PAGE_PIPELINE:
            from .pipeline.page import PipelinePage

            page = PipelinePage(self.services, self.bridge, self)
            page.undo_button.setDefaultAction(self.undo_history.undo_button_action)  # the window's undo
        elif index == PAGE_COMPANIES:
            from .companies_page import CompaniesPage

            page = CompaniesPage(self.services, self.bridge, self)
            page.open_requested.connect(self.open_company)
            page.edit_requested.connect(self.edit_company)
            page.create_requested.connect(self.new_company)
            page.people_requested.connect(self.show_people_of)
        else:
            from .contacts_page import ContactsPage

            page = ContactsPage(self.services, self.bridge, self)
            page.open_requested.connect(self.open_contact)
            page.edit_requested.connect(self.edit_contact)
            page.create_requested.connect(self.new_contact)
        # One primary "New" button in the tool bar follows the page; the pages' own go.
        page.new_action.setVisible(False)
        page.status_posted.connect(lambda text: self.statusBar().showMessage(text, 4000))
        return page

    @property
    def contacts_page(self) -> ContactsPage:
        return self._page(PAGE_CONTACTS)

    @property
    def companies_page(self) -> CompaniesPage:
        return self._page(PAGE_COMPANIES)

    @property
    def trash_page(self) -> TrashPage:
        return self._page(PAGE_TRASH)

    @property
    def pipeline_page(self) -> PipelinePage:
        return self._page(PAGE_PIPELINE)

    # -- navigation ----------------------------------------------------------------------
    def show_page(self, index: int) -> None:
        self.sidebar.setCurrentRow(index)

    def _on_sidebar_current_row_changed(self, index: int) -> None:
        if self.services is not None and index >= 0:
            self.stack.setCurrentWidget(self._page(index))
        company = index == PAGE_COMPANIES
        self.new_button.setText(self.tr("+ New company") if company else self.tr("+ New person"))
        if index == PAGE_PIPELINE:
            self.new_button.setText(self.tr("+ New deal"))
        if index == PAGE_REMINDERS:
            self.new_button.setText(self.tr("+ New task"))

    def new_record(self) -> None:
        if self.sidebar.currentRow() == PAGE_REMINDERS:
            self.reminders_page.new_task()
        elif self.sidebar.currentRow() == PAGE_PIPELINE:
            self.new_deal()
        elif self.sidebar.currentRow() == PAGE_COMPANIES:
            self.new_company()
        else:
            self.new_contact()

    def focus_search(self) -> None:
        self.search.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def focus_filter(self) -> None:
        page = self.stack.currentWidget()
        if hasattr(page, "focus_filter"):
            page.focus_filter()

    # -- customer pages (the 360° view) -------------------------------------------------
    @property
    def customer_area(self):
        """The area that shows a person's or a company's page, made on first use."""
        area = getattr(self, "_customer_area", None)
        if area is None:
            from .customer.navigation import CustomerArea

            area = self._customer_area = CustomerArea(self.services, self.bridge, self.stack)
            area.closed.connect(self._on_customer_area_closed)
            area.status_posted.connect(lambda text: self.statusBar().showMessage(text, 4000))
            area.edit_requested.connect(self._on_customer_area_edit_requested)
            self.stack.addWidget(area)
        return area

    def open_contact(self, contact_id: int) -> None:
        self.open_customer("contact", contact_id)

    def open_company(self, company_id: int) -> None:
        self.open_customer("company", company_id)

    def open_customer(self, kind: str, record_id: int) -> None:
        from ..core.customer import Target

        if self.customer_area.open(Target(kind, record_id)):
            self._show_customer_area()

    def _show_customer_area(self) -> None:
        if self.sidebar.currentRow() >= 0:
            self._list_row = self.sidebar.currentRow()
        self.stack.setCurrentWidget(self.customer_area)
        # No area chosen in the sidebar, so a click on any of them shows its list again.
        self.sidebar.blockSignals(True)
        self.sidebar.setCurrentRow(-1)
        self.sidebar.blockSignals(False)
        self.new_button.setText(self.tr("+ New person"))  # what new_record makes with no list chosen

    def _on_customer_area_edit_requested(self, target) -> None:
        (self.edit_contact if target.kind == "contact" else self.edit_company)(target.id)

    def _on_customer_area_closed(self) -> None:
        self.show_page(getattr(self, "_list_row", PAGE_CONTACTS))

    def go_back(self) -> None:
        area = getattr(self, "_customer_area", None)
        if area is not None and self.stack.currentWidget() is area:
            area.go_back()
        elif area is not None and area.page is not None:
            self._show_customer_area()  # back from a list to the page it was left for

    def go_forward(self) -> None:
        area = getattr(self, "_customer_area", None)
        if area is not None and self.stack.currentWidget() is area:
            area.go_forward()

    def show_people_of(self, company_id: int) -> None:
        self.contacts_page.set_company_filter(company_id)
        self.show_page(PAGE_CONTACTS)

    def bring_to_front(self) -> None:
        state = QtCore.Qt.WindowState
        self.setWindowState((self.windowState() & ~state.WindowMinimized) | state.WindowActive)
        self.show()
        self.raise_()
        self.activateWindow()

    # -- records -------------------------------------------------------------------------
    def new_contact(self) -> None:
        record_id = _lazy("ContactDialog").ask(self, self.services)
        self._saved(record_id, self.tr("Person saved."), "contact")

    def edit_contact(self, contact_id: int) -> None:
        before = self._snapshot("contact", contact_id)
        if self._saved(_lazy("ContactDialog").ask(self, self.services, contact_id=contact_id),
                       self.tr("Person saved.")) and before is not None:
            from .undo import record_edit

            record_edit(self, self.services, "contact", contact_id, before)

    def new_deal(self) -> None:
        self.pipeline_page.new_deal()

    def new_company(self) -> None:
        record_id = _lazy("CompanyDialog").ask(self, self.services)
        self._saved(record_id, self.tr("Company saved."), "company")

    def edit_company(self, company_id: int) -> None:
        before = self._snapshot("company", company_id)
        if self._saved(_lazy("CompanyDialog").ask(self, self.services, company_id=company_id),
                       self.tr("Company saved.")) and before is not None:
            from .undo import record_edit

            record_edit(self, self.services, "company", company_id, before)

    def _snapshot(self, entity: str, record_id: int):
        """The record before an edit, for Undo; None when it cannot be read (the dialog says why)."""
        from ..core.errors import CrmError

        try:
            return self.services.edits.snapshot(entity, record_id)
        except CrmError:
            return None

    def _saved(self, record_id: int | None, text: str, created: str = "") -> bool:
        """Say that a dialog saved; ``created`` names the kind of a new record, undone by the trash."""
        if record_id is None:  # the dialog was cancelled
            return False
        self.statusBar().showMessage(text, 4000)
        if created and isinstance(record_id, int):
            from .undo import record_created

            name = (self.services.contacts.get(record_id).full_name if created == "contact"
                    else self.services.companies.get(record_id).data.name)
            record_created(self, self.services, created, record_id, name)
        return True

    def export_list(self) -> None:
        """Export the list shown (people, companies or deals) as it is filtered, sorted and selected."""
        from types import SimpleNamespace

        from .export_dialog import ExportDialog

        page = self.stack.currentWidget()
        if hasattr(page, "list_model"):  # the pipeline: its deal list, whether board or list is shown
            page = SimpleNamespace(model=page.list_model, view=page.list_view)
        if getattr(getattr(page, "model", None), "ENTITY", "") in ("contact", "company", "deal"):
            ExportDialog.ask(self, self.services, page)
        else:
            self.statusBar().showMessage(self.tr("Choose People, Companies or Pipeline to export a list."),
                                         4000)

    def import_file(self, path: str | None = None) -> None:
        """The import wizard, optionally on a file dropped onto the window."""
        from .import_wizard.wizard import ImportWizard

        ImportWizard.ask(self, self.services, path or None)

    def import_history(self) -> None:
        from .import_wizard.history import ImportHistoryDialog

        ImportHistoryDialog.ask(self, self.services)

    def dragEnterEvent(self, event) -> None:
        if self.services is not None and _importable(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        path = _importable(event.mimeData())
        if self.services is not None and path:
            event.acceptProposedAction()
            QTimer.singleShot(0, lambda: self.import_file(path))

    def back_up_to_excel(self) -> None:
        from .export_dialog import ExportDialog

        ExportDialog.ask_backup(self, self.services)

    def open_manage(self) -> None:
        _lazy("ManageDialog").ask(self, self.services)

    def open_backups(self) -> None:
        from .backups_dialog import BackupsDialog

        BackupsDialog.ask(self, self.services)

    def _current_person(self) -> int | None:
        """The person of the People page's current row; None (and a note) when there is none."""
        page = self.contacts_page
        record_id = page.model.record_id(page.view.currentIndex().row()) if page is not None else None
        if record_id is None:
            self.show_page(PAGE_CONTACTS)
            self.statusBar().showMessage(self.tr("Select a person in People first."), 5000)
        return record_id

    def export_person(self) -> None:
        from .backups_dialog import export_person

        record_id = self._current_person()
        if record_id is not None:
            export_person(self, self.services, record_id)

    def erase_person(self) -> None:
        from .backups_dialog import erase_person

        record_id = self._current_person()
        if record_id is not None:
            erase_person(self, self.services, record_id)

    def open_settings(self) -> None:
        _lazy("SettingsDialog").ask(self, self.services)

    def load_demo_data(self) -> None:
        from ..core.errors import CrmError
        from .messages import error_text

        if not self._confirm_demo():
            return
        QGuiApplication.setOverrideCursor(QtCore.Qt.CursorShape.WaitCursor)
        try:
            people, firms = self.services.seed_demo()
        except CrmError as exc:
            QtWidgets.QMessageBox.warning(self, self.tr("Demo data"), error_text(exc))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        text = self.tr("Added demo data: %1 and %2.")
        self.statusBar().showMessage(
            text.replace("%1", self._people_text(people)).replace("%2", self._companies_text(firms)), 6000)

    def _confirm_demo(self) -> bool:
        answer = QtWidgets.QMessageBox.question(
            self, self.tr("Load demo data"),
            self.tr("Add a few hundred sample people and companies with tags and owners? "
                    "You can delete them later from the lists."))
        return answer == QtWidgets.QMessageBox.StandardButton.Yes

    def show_about(self) -> None:
        QtWidgets.QMessageBox.about(
            self, self.tr("About crm-desktop"),
            self.tr("<h3>crm-desktop %1</h3><p>An offline-first CRM for small businesses. "
                    "Your data stays in one file on this computer:</p><p><tt>%2</tt></p>")
            .replace("%1", __version__).replace("%2", str(self._database_path or "")))

    # -- status --------------------------------------------------------------------------
    def _on_bridge_changed(self, change: Change) -> None:
        if change.entity in ("contact", "company", "all"):
            self._counts_timer.start()

    def update_counts(self) -> None:
        counts = self.services.counts()
        people, companies = self._people_text(counts.contacts), self._companies_text(counts.companies)
        self.counts_label.setText(f"{people}  ·  {companies}")

    # English ships without a catalogue, so a singular needs a string of its own.
    def _people_text(self, n: int) -> str:
        return self.tr("1 person") if n == 1 else self.tr("%Ln people", "", n)

    def _companies_text(self, n: int) -> str:
        return self.tr("1 company") if n == 1 else self.tr("%Ln companies", "", n)

    # -- reminders -----------------------------------------------------------------------
    def _make_reminders_page(self) -> QWidget:
        from .reminders.controller import open_record
        from .reminders.page import RemindersPage

        page = RemindersPage(self.services, self.bridge, self)
        page.new_button.hide()  # the tool bar's "+ New task" stands for it
        page.customer_requested.connect(lambda kind, record_id: open_record(self, kind, record_id))
        page.status_posted.connect(lambda text: self.statusBar().showMessage(text, 4000))
        return page

    @property
    def reminders_page(self):
        return self._page(PAGE_REMINDERS)

    def show_reminders(self) -> None:
        self.show_page(PAGE_REMINDERS)

    @property
    def dashboard_page(self):
        return self._page(PAGE_DASHBOARD)

    def show_dashboard(self) -> None:
        self.show_page(PAGE_DASHBOARD)

    def geometry_text(self) -> str:
        """Where the window is and how large (and whether maximised), as the settings keep it."""
        return bytes(self.saveGeometry().toBase64()).decode("ascii")

    def restore_geometry_text(self, text: str) -> bool:
        """Put the window back where ``geometry_text`` said; Qt keeps it on a screen that is there
        now (a second monitor unplugged since). False, and the first size, when there is none."""
        if not text:
            return False
        return self.restoreGeometry(QtCore.QByteArray.fromBase64(text.encode("ascii")))

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.services is not None:
            self.services.remember_window(self.geometry_text())
        reminders = getattr(self, "reminder_controller", None)
        if reminders is not None and reminders.hide_to_tray():  # the app goes on in the tray
            event.ignore()
            return
        if reminders is not None:
            reminders.window_closed()
        if getattr(self, "_customer_area", None) is not None:
            self._customer_area.detach()
        if self.services is not None:
            self.bridge.detach()
        super().closeEvent(event)


def _importable(mime) -> str:
    """The first dropped local file the importer can read, or ''."""
    from ..interchange.readers import SUPPORTED_SUFFIXES

    for url in mime.urls() if mime.hasUrls() else []:
        path = url.toLocalFile()
        if path and Path(path).suffix.lower() in SUPPORTED_SUFFIXES:
            return path
    return ""
