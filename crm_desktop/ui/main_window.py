"""The main window: sidebar of areas, the page of the chosen area, global search, status bar."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QWidget,
)

from .. import __version__
from ..core.errors import CrmError
from ..core.resources import resource_path
from ..services import Change, Services
from .bridge import ChangeBridge
from .companies_page import CompaniesPage
from .contacts_page import ContactsPage
from .dialogs import CompanyDialog, ContactDialog, SettingsDialog
from .global_search import GlobalSearch
from .manage_dialog import ManageDialog
from .messages import error_text
from .trash_page import TrashPage

PAGE_CONTACTS, PAGE_COMPANIES, PAGE_TRASH = range(3)
SIDEBAR_ICONS = ("contacts", "companies", "trash")

SIDEBAR_STYLE = """
QListWidget#sidebar { background: #f4f6fa; border: none; border-right: 1px solid #e2e6ee;
                      padding-top: 8px; font-size: 14px; }
QListWidget#sidebar::item { padding: 8px 12px; margin: 1px 8px; border-radius: 6px; color: #2d3748; }
QListWidget#sidebar::item:selected { background: #dbe6fb; color: #1a3f8f; }
QListWidget#sidebar::item:hover:!selected { background: #e9eef7; }
"""


def _icon(name: str) -> QIcon:
    return QIcon(str(resource_path("icons", f"{name}.svg")))


class MainWindow(QMainWindow):
    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.bridge = ChangeBridge(services, self)
        self.setWindowTitle(self.tr("crm-desktop"))
        self.setWindowIcon(_icon("app"))
        self.resize(1280, 800)
        self._build_pages()
        self._build_toolbar()
        self._build_menus()
        self._build_status_bar()
        self.bridge.changed.connect(self._on_bridge_changed)
        self.show_page(PAGE_CONTACTS)

    # -- construction --------------------------------------------------------------------
    def _build_pages(self) -> None:
        self.contacts_page = ContactsPage(self.services, self.bridge, self)
        self.companies_page = CompaniesPage(self.services, self.bridge, self)
        self.trash_page = TrashPage(self.services, self.bridge, self)
        self.stack = QStackedWidget(self)
        for page in (self.contacts_page, self.companies_page, self.trash_page):
            self.stack.addWidget(page)
        self.sidebar = QListWidget(self)
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setStyleSheet(SIDEBAR_STYLE)
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        labels = (self.tr("People"), self.tr("Companies"), self.tr("Trash"))
        for icon, label in zip(SIDEBAR_ICONS, labels, strict=True):
            QListWidgetItem(_icon(icon), label, self.sidebar)
        self.sidebar.currentRowChanged.connect(self._on_sidebar_current_row_changed)
        splitter = QSplitter(self)
        splitter.addWidget(self.sidebar)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([190, 1090])
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)
        self.contacts_page.open_requested.connect(self.edit_contact)
        self.contacts_page.edit_requested.connect(self.edit_contact)
        self.contacts_page.create_requested.connect(self.new_contact)
        self.companies_page.open_requested.connect(self.edit_company)
        self.companies_page.edit_requested.connect(self.edit_company)
        self.companies_page.create_requested.connect(self.new_company)
        self.companies_page.people_requested.connect(self.show_people_of)
        for page in (self.contacts_page, self.companies_page):
            # One primary "New" button in the tool bar follows the page; the pages' own go.
            page.new_action.setVisible(False)
            page.status_posted.connect(lambda text: self.statusBar().showMessage(text, 4000))

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Main"), self)
        bar.setObjectName("main_toolbar")
        bar.setMovable(False)
        bar.setIconSize(QSize(18, 18))
        bar.setStyleSheet("QToolBar#main_toolbar { padding: 6px 8px; spacing: 8px; }")
        self.search = GlobalSearch(self.services, bar)
        self.search.contact_chosen.connect(self.edit_contact)
        self.search.company_chosen.connect(self.edit_company)
        bar.addWidget(self.search)
        spacer = QWidget(bar)
        spacer.setSizePolicy(spacer.sizePolicy().horizontalPolicy().Expanding,
                             spacer.sizePolicy().verticalPolicy().Preferred)
        bar.addWidget(spacer)
        new_button = QToolButton(bar)
        self.new_button = new_button
        new_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        new_button.clicked.connect(self.new_record)
        new_button.setStyleSheet("QToolButton { background: #2d6cdf; color: white; border-radius: 5px;"
                                 " padding: 5px 12px; font-weight: 600; }"
                                 "QToolButton:hover { background: #2459bb; }")
        bar.addWidget(new_button)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)

    def _action(self, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            if isinstance(shortcut, list):
                action.setShortcuts(shortcut)
            else:
                action.setShortcut(shortcut)
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&File"))
        menu.addAction(self._action(self.tr("New &person…"), self.new_contact, QKeySequence.StandardKey.New))
        menu.addAction(self._action(self.tr("New &company…"), self.new_company, QKeySequence("Ctrl+Shift+N")))
        menu.addSeparator()
        menu.addAction(self._action(self.tr("Load &demo data…"), self.load_demo_data))
        menu.addAction(self._action(self.tr("Tags, owners and &fields…"), self.open_manage))
        menu.addAction(self._action(self.tr("&Settings…"), self.open_settings, QKeySequence("Ctrl+,")))
        menu.addSeparator()
        menu.addAction(self._action(self.tr("&Quit"), QApplication.quit, QKeySequence.StandardKey.Quit))
        view = self.menuBar().addMenu(self.tr("&View"))
        view.addAction(self._action(self.tr("&Search"), self.focus_search,
                                    [QKeySequence("Ctrl+K"), QKeySequence("Ctrl+F")]))
        view.addSeparator()
        for index, (label, key) in enumerate(((self.tr("&People"), "Ctrl+1"),
                                             (self.tr("&Companies"), "Ctrl+2"),
                                             (self.tr("&Trash"), "Ctrl+3"))):
            view.addAction(self._action(label, lambda _=False, i=index: self.show_page(i), QKeySequence(key)))
        view.addAction(self._action(self.tr("&Filter this list"), self.focus_filter, QKeySequence("Ctrl+L")))
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self._action(self.tr("&About crm-desktop"), self.show_about))

    def _build_status_bar(self) -> None:
        self.counts_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.counts_label)
        path = QLabel(str(self.services.database_path), self)
        path.setStyleSheet("color: #718096;")
        path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addPermanentWidget(path)
        self._counts_timer = QTimer(self, singleShot=True, interval=200)
        self._counts_timer.timeout.connect(self.update_counts)
        # Counting a large database is not needed for the first paint: do it right after.
        self._counts_timer.start(0)

    # -- navigation ----------------------------------------------------------------------
    def show_page(self, index: int) -> None:
        self.sidebar.setCurrentRow(index)

    def _on_sidebar_current_row_changed(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        if hasattr(self, "new_button"):
            company = index == PAGE_COMPANIES
            self.new_button.setText(self.tr("+ New company") if company else self.tr("+ New person"))

    def new_record(self) -> None:
        if self.stack.currentIndex() == PAGE_COMPANIES:
            self.new_company()
        else:
            self.new_contact()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def focus_filter(self) -> None:
        page = self.stack.currentWidget()
        if hasattr(page, "focus_filter"):
            page.focus_filter()

    def show_people_of(self, company_id: int) -> None:
        self.contacts_page.set_company_filter(company_id)
        self.show_page(PAGE_CONTACTS)

    def bring_to_front(self) -> None:
        self.setWindowState((self.windowState() & ~Qt.WindowState.WindowMinimized)
                            | Qt.WindowState.WindowActive)
        self.show()
        self.raise_()
        self.activateWindow()

    # -- records -------------------------------------------------------------------------
    def new_contact(self) -> None:
        if ContactDialog.ask(self, self.services) is not None:
            self.statusBar().showMessage(self.tr("Person saved."), 4000)

    def edit_contact(self, contact_id: int) -> None:
        if ContactDialog.ask(self, self.services, contact_id=contact_id) is not None:
            self.statusBar().showMessage(self.tr("Person saved."), 4000)

    def new_company(self) -> None:
        if CompanyDialog.ask(self, self.services) is not None:
            self.statusBar().showMessage(self.tr("Company saved."), 4000)

    def edit_company(self, company_id: int) -> None:
        if CompanyDialog.ask(self, self.services, company_id=company_id) is not None:
            self.statusBar().showMessage(self.tr("Company saved."), 4000)

    def open_manage(self) -> None:
        ManageDialog.ask(self, self.services)

    def open_settings(self) -> None:
        SettingsDialog.ask(self, self.services)

    def load_demo_data(self) -> None:
        if not self._confirm_demo():
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            people, firms = self.services.seed_demo()
        except CrmError as exc:
            QMessageBox.warning(self, self.tr("Demo data"), error_text(exc))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        text = self.tr("Added demo data: %1 and %2.")
        self.statusBar().showMessage(
            text.replace("%1", self._people_text(people)).replace("%2", self._companies_text(firms)), 6000)

    def _confirm_demo(self) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Load demo data"),
            self.tr("Add a few hundred sample people and companies with tags and owners? "
                    "You can delete them later from the lists."))
        return answer == QMessageBox.StandardButton.Yes

    def show_about(self) -> None:
        QMessageBox.about(
            self, self.tr("About crm-desktop"),
            self.tr("<h3>crm-desktop %1</h3><p>An offline-first CRM for small businesses. "
                    "Your data stays in one file on this computer:</p><p><tt>%2</tt></p>")
            .replace("%1", __version__).replace("%2", str(self.services.database_path)))

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

    def closeEvent(self, event: QCloseEvent) -> None:
        self.bridge.detach()
        super().closeEvent(event)
