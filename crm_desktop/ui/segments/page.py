"""A segment shown as a list: the people, companies or deals list with the segment's condition added.

Everything a list does works here (search, tag and owner filters, sorting, columns, the
row menu, bulk actions on the selection, export); a bar above it names the segment and
offers actions on every record in it.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.deals import DealFilter
from ...core.errors import CrmError
from ...core.query import ListQuery
from ...services import Change, Services
from ..bridge import ChangeBridge
from ..companies_page import CompaniesPage
from ..contacts_page import ContactsPage
from ..list_widgets import error_message
from ..pipeline.deal_list import DealTableModel, make_deal_table
from ..undo import CreateTasksCommand, OwnerCommand, TagCommand, TrashCommand, history_of
from ..undo.texts import delete_text, tasks_text

translate = QCoreApplication.translate


class SegmentBar(QWidget):
    """The segment's name, "Edit filter…", and actions on all of its records."""

    edit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setStyleSheet("font-size: 17px; font-weight: 600; color: #1a202c;")
        self.edit_button = QPushButton(self.tr("Edit filter…"), self)
        self.edit_button.clicked.connect(self.edit_requested)
        self.all_button = QPushButton(self.tr("Actions on all"), self)  # its menu arrow drawn whole
        self.all_menu = QMenu(self.all_button)
        self.all_button.setMenu(self.all_menu)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addWidget(self.title, 1)
        layout.addWidget(self.edit_button)
        layout.addWidget(self.all_button)


class _SegmentMixin:
    """What a segment adds to a list page. Mixed in before the page class."""

    segment_id: int | None = None
    _condition: tuple[str, tuple] | None = None
    _target: object = None  # what the actions on all act on: the segment id, or (entity, condition)

    def _init_segment(self) -> None:
        self.segment_bar = SegmentBar(self)
        self.layout().insertWidget(0, self.segment_bar)
        self.segment_bar.edit_requested.connect(self._on_segment_bar_edit_requested)
        menu = self.segment_bar.all_menu
        self.tag_all_action = menu.addAction(translate("SegmentPage", "Add a tag to all…"), self.tag_all)
        self.owner_all_action = menu.addAction(translate("SegmentPage", "Assign an owner to all…"),
                                               self.assign_owner_to_all)
        self.task_all_action = menu.addAction(translate("SegmentPage", "Create a task for each…"),
                                              self.create_tasks_for_all)
        self.task_all_action.setVisible(getattr(self._services, "tasks", None) is not None)
        menu.addSeparator()
        self.delete_all_action = menu.addAction(translate("SegmentPage", "Move all to the trash…"),
                                                self.delete_all)
        self._bridge.changed.connect(self._on_segment_bridge_changed)

    # -- public API ----------------------------------------------------------------------
    def set_segment(self, segment_id: int) -> None:
        """Show the records of a saved segment (its relative dates taken from now)."""
        segment = self._services.segments.get(segment_id)
        self.segment_id = segment_id
        self._condition = self._services.segments.condition(segment.entity, segment.filter)
        self._target = segment_id
        self.segment_bar.title.setText(segment.name)
        self.segment_bar.edit_button.show()
        self._apply_filters()

    def set_condition(self, title: str, entity: str, condition: tuple[str, tuple]) -> None:
        """Show the records meeting a condition that is not a saved segment (a data-quality check)."""
        self.segment_id = None
        self._condition = condition
        self._target = (entity, condition)
        self.segment_bar.title.setText(title)
        self.segment_bar.edit_button.hide()
        self._apply_filters()

    def _query(self) -> ListQuery:
        return super()._query().with_(segment=self._condition)

    def _record_count(self) -> int:
        return self.model.rowCount() if not self.model.is_loading() else 0

    # -- actions on every record -----------------------------------------------------------
    def _confirm(self, text: str) -> bool:
        n = len(self._services.segments.ids(self._target))
        answer = QMessageBox.question(self, self.segment_bar.title.text(), text.replace("%1", str(n)))
        return answer == QMessageBox.StandardButton.Yes

    def _run_all(self, operation, *args, command=None):
        """``operation(target, *args)`` on every record; in the window, ``command(ids)`` (an undo
        command) does it instead, so that Edit ▸ Undo takes it back."""
        history = history_of(self) if command is not None else None
        try:
            if history is not None:
                ids = self._services.segments.ids(self._target)
                if not ids:
                    return 0
                return len(ids) if history.push(command(ids)) else None
            return operation(self._target, *args)
        except CrmError as exc:
            QMessageBox.warning(self, self.segment_bar.title.text(), error_message(exc))
            return None

    def tag_all(self) -> None:
        names = [t.name for t in self._services.lookups.tags()]
        name, ok = QInputDialog.getItem(self, translate("SegmentPage", "Add a tag to all"),
                                        translate("SegmentPage", "Tag:"), names, 0, True)
        if ok and name.strip():
            n = self._run_all(self._services.segments.add_tag, name, command=lambda ids: TagCommand(
                self._services, self.model.ENTITY, ids, name=name.strip()))
            if n is not None:
                self.status_posted.emit(translate("SegmentPage", "Tag “%1” added to %2 records.")
                                        .replace("%1", name.strip()).replace("%2", str(n)))

    def assign_owner_to_all(self) -> None:
        users = self._services.lookups.users()
        nobody = translate("SegmentPage", "(Nobody)")
        name, ok = QInputDialog.getItem(self, translate("SegmentPage", "Assign an owner to all"),
                                        translate("SegmentPage", "Owner:"),
                                        [u.name for u in users] + [nobody], 0, False)
        if not ok:
            return
        owner = next((u.id for u in users if u.name == name), None)
        n = self._run_all(self._services.segments.assign_owner, owner, command=lambda ids: OwnerCommand(
            self._services, self.model.ENTITY, ids, owner, "" if owner is None else name))
        if n is not None:
            self.status_posted.emit(translate("SegmentPage", "Owner changed on %1 records.")
                                    .replace("%1", str(n)))

    def create_tasks_for_all(self) -> None:
        from ...core.tasks import TaskDraft

        title, ok = QInputDialog.getText(self, translate("SegmentPage", "Create a task for each"),
                                         translate("SegmentPage", "Task (due tomorrow):"))
        if not ok or not title.strip():
            return
        if not self._confirm(translate("SegmentPage", "Create a task for each of the %1 records?")):
            return
        due = dt.datetime.combine(self._services.ctx.clock.today() + dt.timedelta(days=1), dt.time(9))
        n = self._run_all(self._services.segments.create_tasks, TaskDraft(title.strip(), due_at=due))
        if n is not None:
            self.status_posted.emit(translate("SegmentPage", "%1 tasks created.").replace("%1", str(n)))

    def delete_all(self) -> None:
        if self._confirm(translate("SegmentPage", "Move all %1 records of this segment to the trash?")):
            n = self._run_all(self._services.segments.delete_records, command=lambda ids: TrashCommand(
                self._services, self.model.ENTITY, ids, delete_text(self.model.ENTITY, len(ids))))
            if n is not None:
                self.status_posted.emit(translate("SegmentPage", "%1 records moved to the trash.")
                                        .replace("%1", str(n)))

    # -- slots ---------------------------------------------------------------------------
    def _on_segment_bar_edit_requested(self) -> None:
        from .builder import SegmentDialog

        if self.segment_id is not None and SegmentDialog.ask(self.window(), self._services,
                                                             segment_id=self.segment_id) is not None:
            self.set_segment(self.segment_id)

    def _on_segment_bridge_changed(self, change: Change) -> None:
        if change.entity == "segment" and self.segment_id in change.ids and change.op == "update":
            self.set_segment(self.segment_id)


class ContactSegmentPage(_SegmentMixin, ContactsPage):
    def __init__(self, services: Services, bridge: ChangeBridge, parent: QWidget | None = None) -> None:
        self._bridge = bridge
        super().__init__(services, bridge, parent)
        self._init_segment()


class CompanySegmentPage(_SegmentMixin, CompaniesPage):
    def __init__(self, services: Services, bridge: ChangeBridge, parent: QWidget | None = None) -> None:
        self._bridge = bridge
        super().__init__(services, bridge, parent)
        self._init_segment()


class DealSegmentPage(QWidget):
    """A deal segment as a list: the pipeline's deal list (every pipeline and status) narrowed to
    the segment's deals in SQL, its count, opening a deal, sorting and export."""

    open_requested = Signal(int)
    status_posted = Signal(str)

    def __init__(self, services: Services, bridge: ChangeBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.segment_id: int | None = None
        self.segment_bar = SegmentBar(self)
        menu = self.segment_bar.all_menu
        self.tag_all_action = menu.addAction(translate("DealSegmentPage", "Add a tag to all…"), self.tag_all)
        self.owner_all_action = menu.addAction(translate("DealSegmentPage", "Assign an owner to all…"),
                                               self.assign_owner_to_all)
        self.task_all_action = menu.addAction(translate("DealSegmentPage", "Create a task for each…"),
                                              self.create_tasks_for_all)
        self.task_all_action.setVisible(getattr(services, "tasks", None) is not None)
        menu.addSeparator()
        self.delete_all_action = menu.addAction(translate("DealSegmentPage", "Move all to the trash…"),
                                                self.delete_all)
        self.export_button = QPushButton(translate("DealSegmentPage", "Export…"), self)
        self.export_button.setToolTip(translate("DealSegmentPage", "Export these deals to Excel or CSV"))
        self.segment_bar.layout().addWidget(self.export_button)
        self.count_label = QLabel(self)
        self.count_label.setStyleSheet("color: #4a5568; padding: 0 6px;")
        # Nothing is read until a segment is set: the first filter matches no deal.
        self.model = DealTableModel(services, bridge, self, DealFilter(status="", segment=("0", ())))
        self.view = make_deal_table(self.model, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 0)
        layout.addWidget(self.segment_bar)
        layout.addWidget(self.count_label)
        layout.addWidget(self.view, 1)
        self.segment_bar.edit_requested.connect(self._on_segment_bar_edit_requested)
        self.export_button.clicked.connect(self.export)
        self.model.count_changed.connect(self._show_count)
        self.view.activated.connect(self._on_view_activated)
        bridge.changed.connect(self._on_bridge_changed)

    # -- public API ----------------------------------------------------------------------
    def set_segment(self, segment_id: int) -> None:
        """Show the deals of a saved deal segment (its relative dates taken from now)."""
        segment = self._services.segments.get(segment_id)
        self.segment_id = segment_id
        self.segment_bar.title.setText(segment.name)
        self.model.set_filter(self._services.segments.deal_filter(segment_id))
        self._show_count(self.model.rowCount())

    def export(self):
        """The export dialog for this list as shown (its columns, order and selection)."""
        from ..export_dialog import ExportDialog

        return ExportDialog.ask(self.window(), self._services, self)

    # -- actions on every deal of the segment ----------------------------------------------------
    # Each names the deals the segment holds when it is chosen (ids read in SQL), runs in one
    # transaction and goes into the window's undo history (run directly outside a window).
    def _ids(self) -> list[int]:
        return self._services.segments.ids(self.segment_id) if self.segment_id is not None else []

    def _confirm(self, text: str, n: int) -> bool:
        answer = QMessageBox.question(self, self.segment_bar.title.text(), text.replace("%1", str(n)))
        return answer == QMessageBox.StandardButton.Yes

    def _push(self, command) -> bool:
        history = history_of(self)
        try:
            if history is not None:
                return history.push(command)
            command.do()
            return True
        except CrmError as exc:
            QMessageBox.warning(self, self.segment_bar.title.text(), error_message(exc))
            return False

    def tag_all(self) -> None:
        names = [t.name for t in self._services.lookups.tags()]
        name, ok = QInputDialog.getItem(self, translate("DealSegmentPage", "Add a tag to all"),
                                        translate("DealSegmentPage", "Tag:"), names, 0, True)
        name = " ".join(name.split())
        ids = self._ids() if ok and name else []
        if not ids:
            return
        command = TagCommand(self._services, "deal", ids, name=name)
        if self._push(command):
            n = len(command.change.ids) if command.change is not None else 0
            said = (translate("DealSegmentPage", "Tag “%1” added to 1 deal.") if n == 1
                    else translate("DealSegmentPage", "Tag “%1” added to %2 deals.").replace("%2", str(n)))
            self.status_posted.emit(said.replace("%1", name))

    def assign_owner_to_all(self) -> None:
        users = self._services.lookups.users()
        nobody = translate("DealSegmentPage", "(Nobody)")
        name, ok = QInputDialog.getItem(self, translate("DealSegmentPage", "Assign an owner to all"),
                                        translate("DealSegmentPage", "Owner:"),
                                        [u.name for u in users] + [nobody], 0, False)
        ids = self._ids() if ok else []
        if not ids:
            return
        owner = next((u.id for u in users if u.name == name), None)
        command = OwnerCommand(self._services, "deal", ids, owner, "" if owner is None else name)
        if self._push(command):
            n = len(command.change.ids) if command.change is not None else 0
            self.status_posted.emit(translate("DealSegmentPage", "Owner changed on 1 deal.") if n == 1 else
                                    translate("DealSegmentPage", "Owner changed on %1 deals.")
                                    .replace("%1", str(n)))

    def create_tasks_for_all(self) -> None:
        from ...core.tasks import TaskDraft

        title, ok = QInputDialog.getText(self, translate("DealSegmentPage", "Create a task for each"),
                                         translate("DealSegmentPage", "Task (due tomorrow):"))
        title = title.strip()
        ids = self._ids() if ok and title else []
        question = (translate("DealSegmentPage", "Create a task for the deal of this segment? "
                              "It is given to the deal's owner.") if len(ids) == 1 else
                    translate("DealSegmentPage",
                              "Create a task for each of the %1 deals? Each is given to the deal's owner."))
        if not ids or not self._confirm(question, len(ids)):
            return
        due = dt.datetime.combine(self._services.ctx.clock.today() + dt.timedelta(days=1), dt.time(9))
        draft = TaskDraft(title, due_at=due)
        command = CreateTasksCommand(
            self._services, lambda: self._services.segments.create_deal_tasks(ids, draft),
            tasks_text(title, len(ids)), len(ids))
        if self._push(command):
            n = len(command.ids or ())
            self.status_posted.emit(translate("DealSegmentPage", "1 task created.") if n == 1 else
                                    translate("DealSegmentPage", "%1 tasks created.").replace("%1", str(n)))

    def delete_all(self) -> None:
        ids = self._ids()
        question = (translate("DealSegmentPage", "Move the deal of this segment to the trash?")
                    if len(ids) == 1 else
                    translate("DealSegmentPage", "Move all %1 deals of this segment to the trash?"))
        if not ids or not self._confirm(question, len(ids)):
            return
        if self._push(TrashCommand(self._services, "deal", ids, delete_text("deal", len(ids)))):
            self.status_posted.emit(
                translate("DealSegmentPage", "1 deal moved to the trash.") if len(ids) == 1 else
                translate("DealSegmentPage", "%1 deals moved to the trash.").replace("%1", str(len(ids))))

    # -- slots ---------------------------------------------------------------------------
    def _show_count(self, count: int) -> None:
        self.count_label.setText(translate("DealSegmentPage", "1 deal") if count == 1 else translate(
            "DealSegmentPage", "%Ln deals", "", count))

    def _on_view_activated(self, index) -> None:
        deal_id = self.model.record_id(index.row())
        if deal_id is not None:
            self.open_requested.emit(deal_id)

    def _on_segment_bar_edit_requested(self) -> None:
        from .builder import SegmentDialog

        if self.segment_id is not None and SegmentDialog.ask(self.window(), self._services,
                                                             segment_id=self.segment_id) is not None:
            self.set_segment(self.segment_id)

    def _on_bridge_changed(self, change: Change) -> None:
        if change.entity == "segment" and self.segment_id in change.ids and change.op == "update":
            self.set_segment(self.segment_id)


def page_class(entity: str):
    return {"company": CompanySegmentPage, "deal": DealSegmentPage}.get(entity, ContactSegmentPage)


__all__ = ["CompanySegmentPage", "ContactSegmentPage", "DealSegmentPage", "page_class"]
