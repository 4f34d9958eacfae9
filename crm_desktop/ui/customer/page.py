"""A customer page: header, quick actions, the timeline and the tabs, for a person or a company."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QMenu,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ...core.customer import FieldChange, Target, TimelineEntry
from ...core.errors import CrmError
from ...services import Change, Services
from ..bridge import ChangeBridge
from ..undo import EditCommand, TagCommand, TrashCommand, history_of, record_created
from ..undo import texts as undo_texts
from . import texts
from .details import DetailsPanel
from .dialogs import LOGGED, ActivityDialog, CaseDialog, OrderDialog, PaymentDialog, RelationshipDialog
from .header import CustomerHeader
from .jobs import BackgroundAttach
from .panels import CasesPanel, DealsPanel, FilesPanel, OrdersPanel, PeoplePanel, TasksPanel
from .timeline_model import TimelineModel
from .timeline_view import TimelinePane

TABS = ("details", "deals", "tasks", "orders", "cases", "files", "people")
# Changes that can alter what a page shows.
WATCHED = frozenset({"activity", "order", "case", "attachment", "relationship", "contact", "company", "tag",
                     "user", "task", "deal", "all"})


def _short(text: str, limit: int = 40) -> str:
    """A value as a menu shows it: on one line, cut with … when long; “—” for nothing."""
    line = " ".join(text.split())
    if not line:
        return "—"
    return line if len(line) <= limit else line[:limit - 1] + "…"


def _available(module: str) -> bool:
    try:
        return importlib.util.find_spec(module, __package__) is not None
    except ImportError:
        return False


class _AfterFirstPaint(QObject):
    """Calls ``then`` once, in the event loop turn after ``widget`` was first painted."""

    def __init__(self, widget: QWidget, then) -> None:
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._then)
        return False


class CustomerPage(QWidget):
    """Everything about one person or company on one screen.

    ``open_requested(Target)`` asks the window to show another page (a company, a colleague);
    ``status_posted(str)`` gives a short message for the status bar.
    """

    open_requested = Signal(object)
    status_posted = Signal(str)
    gone = Signal(object)  # the Target, after its record went to the trash

    BACKGROUND_BYTES = 8 * 1024 * 1024  # files this large are copied off the UI thread

    def __init__(self, services: Services, bridge: ChangeBridge, target: Target,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.target = target
        self._bridge = bridge
        self._deleted: list[int] = []
        self.header = CustomerHeader(self)
        self.model = TimelineModel(services, target, self)
        self.timeline = TimelinePane(self.model, self)
        self.tabs = QTabWidget(self)
        self._build_panels()
        self.actions_bar = self._build_actions()
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.timeline)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([640, 540])  # room for every tab's title beside the timeline
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.actions_bar)
        layout.addWidget(splitter, 1)
        self._connect()
        self._refresh_timer = QTimer(self, singleShot=True, interval=0)
        self._refresh_timer.timeout.connect(self.refresh)
        self.refresh_header()
        self._loaded_tabs: set[int] = set()
        # The tab shown fills in right after the first paint: the header and the timeline come first.
        self._first_paint = _AfterFirstPaint(self.timeline.view.viewport(), self._fill_current_tab)

    # -- construction --------------------------------------------------------------------
    def _build_panels(self) -> None:
        """Tabs with stand-ins; each panel is made when its tab is first shown (or asked for)."""
        people = self.tr("People") if self.target.kind == "company" else self.tr("Related people")
        self._labels = {"details": self.tr("Details"), "deals": self.tr("Deals"), "tasks": self.tr("Tasks"),
                        "orders": self.tr("Orders"), "cases": self.tr("Service cases"),
                        "files": self.tr("Files"), "people": people}
        self._panels: dict[str, QWidget] = {}
        for name in TABS:
            self.tabs.addTab(QWidget(self.tabs), self._labels[name])
        if self.target.kind == "company":
            self.tabs.setCurrentIndex(TABS.index("people"))

    def panel(self, name: str) -> QWidget:
        """The panel of a tab, made in place of its stand-in on first use."""
        found = self._panels.get(name)
        if found is None:
            found = self._panels[name] = self._make_panel(name)
            index, current = TABS.index(name), self.tabs.currentIndex()
            blocked = self.tabs.blockSignals(True)
            stand_in = self.tabs.widget(index)
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, found, self._labels[name])
            self.tabs.setCurrentIndex(current)
            self.tabs.blockSignals(blocked)
            stand_in.deleteLater()
            if index == current:  # asked for before its tab filled in: fill it now
                self._on_tabs_current_changed(index)
        return found

    def _make_panel(self, name: str) -> QWidget:
        s, t = self.services, self.target
        if name == "details":
            return DetailsPanel(s, t, self)
        if name in ("deals", "tasks"):
            return (DealsPanel if name == "deals" else TasksPanel)(s, t, self)
        if name == "orders":
            panel = OrdersPanel(s, t, self)
            panel.order_requested.connect(self.add_order)
            panel.payment_requested.connect(self.record_payment)
        elif name == "cases":
            panel = CasesPanel(s, t, self)
            panel.case_requested.connect(self.open_case)
            panel.reply_requested.connect(self.reply_to_case)
        elif name == "files":
            panel = FilesPanel(s, t, self)
            panel.attach_requested.connect(self.attach_file)
            panel.open_requested.connect(self.open_file)
        else:
            panel = PeoplePanel(s, t, self)
            panel.person_requested.connect(lambda cid: self.open_requested.emit(Target("contact", cid)))
            panel.relationship_requested.connect(self.add_relationship)
            return panel
        panel.status_posted.connect(self.status_posted)
        return panel

    details_panel = property(lambda self: self.panel("details"))
    deals_panel = property(lambda self: self.panel("deals"))
    tasks_panel = property(lambda self: self.panel("tasks"))
    orders_panel = property(lambda self: self.panel("orders"))
    cases_panel = property(lambda self: self.panel("cases"))
    files_panel = property(lambda self: self.panel("files"))
    people_panel = property(lambda self: self.panel("people"))

    def _action(self, bar: QToolBar, text: str, key: str, slot, enabled: bool = True,
                why_not: str = "") -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{text.replace('&', '')} ({shortcut})" if enabled else why_not)
        action.setEnabled(enabled)
        action.triggered.connect(slot)
        bar.addAction(action)
        self.addAction(action)
        return action

    def _build_actions(self) -> QToolBar:
        bar = QToolBar(self)
        bar.setObjectName("customerActions")
        bar.setStyleSheet("QToolBar#customerActions { border-top: 1px solid #e2e8f0; "
                          "border-bottom: 1px solid #e2e8f0; padding: 2px 8px; spacing: 4px; }")
        self.call_action = self._action(bar, self.tr("Log call"), "Ctrl+Alt+C", lambda: self.log("call"))
        self.email_action = self._action(bar, self.tr("Log e-mail"), "Ctrl+Alt+E", lambda: self.log("email"))
        self.meeting_action = self._action(bar, self.tr("Log meeting"), "Ctrl+Alt+M",
                                           lambda: self.log("meeting"))
        self.note_action = self._action(bar, self.tr("Add note"), "Ctrl+Alt+N", lambda: self.log("note"))
        bar.addSeparator()
        tasks_ok = hasattr(self.services, "tasks") and _available("..reminders.task_dialog")
        deals_ok = hasattr(self.services, "deals") and _available("..pipeline.dialogs")
        unavailable = self.tr("Not available in this version")
        self.task_action = self._action(bar, self.tr("Schedule follow-up"), "Ctrl+Alt+F", self.schedule_task,
                                        tasks_ok, unavailable)
        self.deal_action = self._action(bar, self.tr("Create deal"), "Ctrl+Alt+D", self.create_deal,
                                        deals_ok, unavailable)
        self.order_action = self._action(bar, self.tr("Add order"), "Ctrl+Alt+O", self.add_order)
        self.case_action = self._action(bar, self.tr("Open case"), "Ctrl+Alt+S", self.open_case)
        self.attach_action = self._action(bar, self.tr("Attach file"), "Ctrl+Alt+A", self.attach_file)
        bar.addSeparator()
        self.undo_action = self._action(bar, self.tr("Undo delete"), "Ctrl+Z", self.undo_delete)
        self.undo_action.setVisible(False)
        return bar

    def _connect(self) -> None:
        self._bridge.changed.connect(self._on_bridge_changed)
        self.header.company_requested.connect(lambda cid: self.open_requested.emit(Target("company", cid)))
        self.header.email_clicked.connect(self.email)
        self.header.phone_clicked.connect(self.phone)
        self.header.website_clicked.connect(self._on_header_website_clicked)
        self.header.photo_requested.connect(self.choose_photo)
        self.header.photo_removed.connect(self.remove_photo)
        self.header.tags.tag_added.connect(self._on_tag_added)
        self.header.tags.tag_removed.connect(self._on_tag_removed)
        self.timeline.entry_activated.connect(self.open_entry)
        self.timeline.menu_requested.connect(self._on_timeline_menu_requested)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        delete = QAction(self.tr("Move to trash"), self.timeline.view)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self._on_delete_shortcut)
        self.timeline.view.addAction(delete)

    # -- reading -------------------------------------------------------------------------
    def refresh_header(self) -> None:
        profile = self.services.timeline.profile(self.target)
        photo = self.services.attachments.photo_path(self.target)
        self.header.set_profile(profile, [t.name for t in self.services.lookups.tags()],
                                str(photo) if photo else None)
        figures = self.services.timeline.key_figures(self.target)
        self.header.set_figures(figures, self.services.ctx.clock.today())

    def _fill_current_tab(self) -> None:
        self._on_tabs_current_changed(self.tabs.currentIndex())

    def refresh(self) -> None:
        """Read everything shown again (after a change anywhere)."""
        try:
            self.refresh_header()
        except CrmError:  # the record went to the trash: nothing left to show here
            self.gone.emit(self.target)
            return
        self.model.reload()
        self._loaded_tabs.clear()
        self._on_tabs_current_changed(self.tabs.currentIndex())

    def _on_tabs_current_changed(self, index: int) -> None:
        """Tabs are read when first shown, so opening a page reads only what is on screen."""
        if index < 0 or index in self._loaded_tabs:
            return
        self._loaded_tabs.add(index)
        panel = self.panel(TABS[index])
        try:
            if isinstance(panel, DetailsPanel):
                if not panel.is_dirty():
                    panel.load()
            else:
                panel.reload()
        except CrmError:  # the record went away meanwhile; refresh() says so
            self._loaded_tabs.discard(index)
            self._refresh_timer.start()

    def _on_bridge_changed(self, change: Change) -> None:
        if change.entity in WATCHED:
            self._refresh_timer.start()

    # -- quick actions -------------------------------------------------------------------
    def log(self, kind: str, **kwargs) -> int | None:
        return self._saved(ActivityDialog.ask(self, self.services, self.target, kind=kind, **kwargs),
                           self.tr("Activity logged."))

    def edit_activity(self, activity_id: int) -> int | None:
        return self._saved(ActivityDialog.ask(self, self.services, self.target, activity_id=activity_id),
                           self.tr("Activity saved."))

    def may_contact(self) -> bool:
        """True unless the person is marked "do not contact" and the user, warned, does not go ahead."""
        if not self.header.do_not_contact.isVisibleTo(self.header):
            return True
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Do not contact"), self.tr(
            "%1 is marked “do not contact”. Contact them anyway?").replace("%1", self.header.name.text()),
            parent=self)
        box.setObjectName("doNotContactWarning")
        go = box.addButton(self.tr("Contact anyway"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is go

    def email(self, address: str) -> None:
        """Write with the mail program, then offer to log the e-mail on the timeline."""
        if not self.may_contact():
            return
        QDesktopServices.openUrl(QUrl(f"mailto:{address}"))
        answer = QMessageBox.question(self, self.tr("Log e-mail"),
                                      self.tr("Log an e-mail to %1 on the timeline?").replace("%1", address))
        if answer == QMessageBox.StandardButton.Yes:
            self.log("email")

    def phone(self, number: str) -> None:
        """Dial with the phone program, and log the call: the dialog times it until saved."""
        if not self.may_contact():
            return
        QDesktopServices.openUrl(QUrl(f"tel:{number.replace(' ', '')}"))
        self.log("call", timed=True)

    def _on_header_website_clicked(self, site: str) -> None:
        QDesktopServices.openUrl(QUrl.fromUserInput(site))

    def schedule_task(self) -> int | None:
        from ..reminders.task_dialog import TaskDialog

        return self._saved(TaskDialog.ask(self, self.services, **self._target_ids()),
                           self.tr("Follow-up scheduled."))

    def create_deal(self) -> int | None:
        from ..pipeline.dialogs import DealDialog

        deal_id = self._saved(DealDialog.ask(self, self.services, **self._target_ids()),
                              self.tr("Deal created."))
        if deal_id is not None:  # undone by moving it to the trash
            record_created(self, self.services, "deal", deal_id, self.services.deals.get(deal_id).title)
        return deal_id

    def add_order(self) -> int | None:
        return self._saved(OrderDialog.ask(self, self.services, self.target), self.tr("Order added."))

    def record_payment(self, order_id: int) -> int | None:
        return self._saved(PaymentDialog.ask(self, self.services, self.target, order_id=order_id),
                           self.tr("Payment recorded."))

    def open_case(self) -> int | None:
        return self._saved(CaseDialog.ask(self, self.services, self.target), self.tr("Service case opened."))

    def reply_to_case(self, case_id: int) -> int | None:
        return self.log("email", case_id=case_id, subject=self.services.cases.get(case_id).subject)

    def add_relationship(self) -> int | None:
        return self._saved(RelationshipDialog.ask(self, self.services, self.target),
                           self.tr("Relationship added."))

    def attach_file(self, path: str | None = None) -> int | None:
        """Attach a file: a small one at once (its id is returned), a large one on a worker
        thread with progress and Cancel (None is returned; the Files tab shows it when done)."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Attach file"))
            if not path:
                return None
        try:
            if Path(path).stat().st_size >= self.BACKGROUND_BYTES:
                self._attach_in_background(Path(path))
                return None
        except OSError:
            pass  # attach() says what is wrong with it
        try:
            file_id = self.services.attachments.attach(Path(path), **self._target_ids())
        except CrmError as exc:
            self._on_attach_failed(exc)
            return None
        record_created(self, self.services, "attachment", file_id, Path(path).name)  # Undo: to the trash
        self.status_posted.emit(self.tr("File attached."))
        return file_id

    def _attach_in_background(self, path: Path) -> BackgroundAttach:
        job = BackgroundAttach(self.services, path, self._target_ids(), self)
        job.finished.connect(lambda _id: self.status_posted.emit(self.tr("File attached.")))
        job.finished.connect(lambda file_id: record_created(self, self.services, "attachment", file_id,
                                                            path.name))
        job.failed.connect(self._on_attach_failed)
        job.cancelled.connect(lambda: self.status_posted.emit(self.tr("Attaching cancelled.")))
        self.attach_job = job
        return job

    def _on_attach_failed(self, exc: CrmError) -> None:
        QMessageBox.warning(self, self.tr("Attach file"), texts.error_text_of(exc))

    def choose_photo(self, path: str | None = None) -> int | None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a photo"), "",
                                                  self.tr("Images (*.png *.jpg *.jpeg *.gif *.bmp *.webp)"))
            if not path:
                return None
        before = self.services.attachments.photo_id(self.target)
        try:
            photo = self.services.attachments.set_photo(self.target, Path(path))
        except CrmError as exc:
            QMessageBox.warning(self, self.tr("Choose a photo"), texts.error_text_of(exc))
            return None
        self._photo_changed(before, photo)
        return photo

    def remove_photo(self) -> None:
        before = self.services.attachments.photo_id(self.target)
        self.services.attachments.clear_photo(self.target)
        self._photo_changed(before, None)

    def _photo_changed(self, before: int | None, after: int | None) -> None:
        """In the window, Edit ▸ Undo shows the earlier photo again."""
        from ..undo.records import photo_changed

        photo_changed(self, self.services, self.target, self.header.name.text(), before, after)

    def open_file(self, file_id: int) -> None:
        try:
            path = self.services.attachments.open_path(file_id)
        except CrmError as exc:
            QMessageBox.warning(self, self.tr("Open file"), texts.error_text_of(exc))
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _target_ids(self) -> dict[str, int]:
        key = "contact_id" if self.target.kind == "contact" else "company_id"
        return {key: self.target.id}

    def _saved(self, record_id: int | None, text: str) -> int | None:
        if record_id is not None:
            self.status_posted.emit(text)
        return record_id

    # -- timeline entries ----------------------------------------------------------------
    def open_entry(self, entry: TimelineEntry) -> None:
        if entry.source == "attachment":
            self.open_file(entry.source_id)
        elif entry.source == "service_case":
            self.tabs.setCurrentWidget(self.cases_panel)
        elif entry.source in ("sales_order", "payment"):
            self.tabs.setCurrentWidget(self.orders_panel)
        elif entry.source == "deal":
            self.tabs.setCurrentWidget(self.deals_panel)
        elif entry.source == "task":
            self.tabs.setCurrentWidget(self.tasks_panel)
        elif entry.source == "activity" and entry.kind in LOGGED:
            self.edit_activity(entry.source_id)
        elif entry.source == "activity" and entry.contact_id and self.target.kind == "company":
            self.open_requested.emit(Target("contact", entry.contact_id))

    def _on_timeline_menu_requested(self, entry: TimelineEntry, where: QPoint) -> None:
        menu = QMenu(self)
        if entry.source == "activity" and entry.kind in LOGGED:
            menu.addAction(self.tr("Edit…")).triggered.connect(lambda: self.edit_activity(entry.source_id))
        if entry.source == "activity":
            pin = menu.addAction(self.tr("Unpin") if entry.pinned else self.tr("Pin on top"))
            pin.triggered.connect(lambda: self.set_pinned(entry.source_id, not entry.pinned))
            menu.addAction(self.tr("Move to trash")).triggered.connect(lambda: self.delete_entry(entry))
            from ..duplicates.timeline_undo import add_undo_merge  # "Merged with …": Undo merge

            add_undo_merge(menu, self, self.services, entry)
        if entry.source == "attachment":
            menu.addAction(self.tr("Open file")).triggered.connect(lambda: self.open_file(entry.source_id))
        if entry.source == "field_change":
            restore = menu.addAction(self.tr("Restore this value (“%1”)").replace("%1", _short(entry.body)))
            restore.triggered.connect(lambda: self.restore_value(entry))
        if entry.contact_id and self.target.kind == "company":
            menu.addAction(self.tr("Open %1").replace("%1", entry.person)).triggered.connect(
                lambda: self.open_requested.emit(Target("contact", entry.contact_id)))
        if not menu.isEmpty():
            menu.exec(where)

    def set_pinned(self, activity_id: int, pinned: bool) -> None:
        """Pin an entry on top of the timeline (or unpin it); in the window, Edit ▸ Undo takes it back."""
        from ..undo.records import set_pinned

        set_pinned(self, self.services, activity_id, pinned)

    def _on_delete_shortcut(self) -> None:
        entry = self.timeline.current_entry()
        if entry is not None and entry.source == "activity":
            self.delete_entry(entry)

    def delete_entry(self, entry: TimelineEntry) -> None:
        """Move a logged activity to the trash; Undo (Ctrl+Z) brings it back."""
        history = history_of(self)
        if history is not None:  # the window's Edit ▸ Undo brings it back
            text = undo_texts.delete_text("activity", 1, entry.title or texts.kind_text(entry.kind))
            if history.push(TrashCommand(self.services, "activity", [entry.source_id], text)):
                self.status_posted.emit(self.tr("Moved to the trash. Undo with Ctrl+Z."))
            return
        self.services.activities.delete([entry.source_id])
        self._deleted = [entry.source_id]
        self.undo_action.setVisible(True)
        self.status_posted.emit(self.tr("Moved to the trash. Undo with Ctrl+Z."))

    def undo_delete(self) -> None:
        if self._deleted:
            self.services.activities.restore(self._deleted)
            self._deleted = []
        self.undo_action.setVisible(False)

    def _tag_command(self, name: str, tag_id: int | None = None) -> bool:
        """Tag or untag through the window's undo history; False when outside a window."""
        history = history_of(self)
        if history is None:
            return False
        history.push(TagCommand(self.services, self.target.kind, [self.target.id], name=name, tag_id=tag_id,
                                record_name=self.header.name.text()))
        return True

    def _on_tag_added(self, name: str) -> None:
        if self._tag_command(name):
            return
        service = self.services.contacts if self.target.kind == "contact" else self.services.companies
        try:
            service.add_tag([self.target.id], name)
        except CrmError as exc:
            QMessageBox.warning(self, self.tr("Tags"), texts.error_text_of(exc))

    def _on_tag_removed(self, name: str) -> None:
        service = self.services.contacts if self.target.kind == "contact" else self.services.companies
        tag = next((t for t in self.services.lookups.tags() if t.name == name), None)
        if tag is not None and not self._tag_command(tag.name, tag.id):
            service.remove_tag([self.target.id], tag.id)

    def restore_value(self, entry: TimelineEntry) -> bool:
        """Write back the value a field had before the change ``entry`` shows (itself undoable)."""
        entity = "contact" if entry.contact_id else "company"
        change = FieldChange(entry.source_id, entity, entry.contact_id or self.target.id, entry.title,
                             entry.body, entry.outcome, entry.at)
        field = texts.field_text(entry.title)
        try:
            edit = self.services.edits.restore_value(change)
        except CrmError as exc:
            QMessageBox.warning(self, self.tr("Restore this value"), undo_texts.reason_text(exc))
            return False
        history = history_of(self)
        if history is not None and edit.changed:
            history.record(EditCommand(self.services, edit, undo_texts.restore_value_text(edit.name, field)))
        self.status_posted.emit(self.tr("%1 restored.").replace("%1", field))
        return True

    def detach(self) -> None:
        self._bridge.changed.disconnect(self._on_bridge_changed)
