"""The tabs of a customer page: deals, tasks, orders and payments, service cases, files and people."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.customer import Target, plain_text
from ...core.phones import format_phone
from ...services import Services
from . import texts

ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2


class Panel(QWidget):
    """A tree of rows with buttons above it; ``reload()`` reads the rows again."""

    status_posted = Signal(str)
    failed = Signal(object)  # a CrmError to show

    def __init__(self, services: Services, target: Target, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.target = target
        self.locale_ = QLocale()
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(self._headers())
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setStretchLastSection(True)
        self.buttons = QHBoxLayout()
        self.summary = QLabel(self)
        self.summary.setStyleSheet("color: #4a5568;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(self.buttons)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.summary)
        self.tree.currentItemChanged.connect(self._on_tree_current_item_changed)

    def button(self, text: str, slot) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(slot)
        self.buttons.addWidget(button)
        return button

    def finish_buttons(self) -> None:
        self.buttons.addStretch(1)
        self._on_tree_current_item_changed()

    def item(self, values: list[str], record_id: int, parent: QTreeWidgetItem | None = None,
             kind: str = "") -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent or self.tree, values)
        item.setData(0, ID_ROLE, record_id)
        item.setData(0, KIND_ROLE, kind)
        return item

    def spanned(self, parent: QTreeWidgetItem, text: str, record_id: int, kind: str) -> QTreeWidgetItem:
        """A detail line under a row, across all the columns."""
        child = self.item([text], record_id, parent, kind)
        child.setFirstColumnSpanned(True)
        child.setForeground(0, Qt.GlobalColor.darkGray)
        return child

    def current_id(self, kind: str = "") -> int | None:
        item = self.tree.currentItem()
        if item is None or (kind and item.data(0, KIND_ROLE) != kind):
            return None
        return item.data(0, ID_ROLE)

    def reload(self) -> None:
        self.tree.clear()
        self._fill()
        for column in range(self.tree.columnCount() - 1):
            self.tree.resizeColumnToContents(column)
        self._on_tree_current_item_changed()

    def _headers(self) -> list[str]:
        raise NotImplementedError

    def _fill(self) -> None:
        raise NotImplementedError

    def count_text(self, n: int, none: str, one: str, many: str) -> str:
        """English ships without a catalogue, so a singular needs a string of its own."""
        return none if n == 0 else one if n == 1 else many.replace("%n", self.locale_.toString(n))

    def _on_tree_current_item_changed(self, *_args) -> None:
        """Enable the buttons that fit the chosen row."""

    def money(self, minor: int, currency: str) -> str:
        return texts.money_text(minor, currency, self.locale_)

    def date(self, value) -> str:
        return texts.date_text(value, self.locale_) if value else ""


class DealsPanel(Panel):
    """Deals with their stage and value, open ones first."""

    def _headers(self) -> list[str]:
        return [self.tr("Deal"), self.tr("Stage"), self.tr("Status"), self.tr("Value"),
                self.tr("Expected close"), self.tr("Person")]

    def _fill(self) -> None:
        deals = self.services.timeline.deals(self.target)
        for d in deals:
            self.item([d.title, texts.stage_text(d.stage, d.stage_key), texts.status_text(d.status),
                       self.money(d.value_minor, d.currency), d.expected_close or "", d.person], d.id)
        self.summary.setText(self.count_text(len(deals), self.tr("No deals yet."), self.tr("1 deal"),
                                             self.tr("%n deals")))


class TasksPanel(Panel):
    """Open tasks by due date, then the done ones."""

    def _headers(self) -> list[str]:
        return [self.tr("Task"), self.tr("Due"), self.tr("Done"), self.tr("Person")]

    def _fill(self) -> None:
        tasks = self.services.timeline.tasks(self.target)
        open_count = 0
        for t in tasks:
            item = self.item([t.title, self.date(t.due_at), self.date(t.done_at), t.person], t.id)
            if t.done_at is not None:
                item.setForeground(0, Qt.GlobalColor.gray)
            else:
                open_count += 1
        self.summary.setText(self.tr("%1 open, %2 done").replace("%1", str(open_count))
                             .replace("%2", str(len(tasks) - open_count)) if tasks
                             else self.tr("No tasks yet."))


class OrdersPanel(Panel):
    """Orders (invoices when they have a due date) with their lines and payments, and the balance."""

    order_requested = Signal()
    payment_requested = Signal(int)

    def __init__(self, services: Services, target: Target, parent: QWidget | None = None) -> None:
        super().__init__(services, target, parent)
        self.tree.setRootIsDecorated(True)
        self.new_button = self.button(self.tr("New order…"), self.order_requested.emit)
        self.pay_button = self.button(self.tr("Record payment…"), self._on_pay_button_clicked)
        self.cancel_button = self.button(self.tr("Cancel order"), self._on_cancel_button_clicked)
        self.finish_buttons()

    def _headers(self) -> list[str]:
        return [self.tr("Order"), self.tr("Date"), self.tr("Due"), self.tr("Status"), self.tr("Total"),
                self.tr("Paid"), self.tr("Balance")]

    def _fill(self) -> None:
        orders = self.services.orders.for_target(self.target)
        now = self.services.ctx.clock.now()
        for o in self.services_details(orders):
            item = self.item([o.number, self.date(o.ordered_at), self.date(o.due_at),
                              texts.status_text(o.status), self.money(o.total_minor, o.currency),
                              self.money(o.paid_minor, o.currency), self.money(o.balance_minor, o.currency)],
                             o.id, kind="order")
            if o.is_overdue(now):
                item.setForeground(2, Qt.GlobalColor.red)
                item.setToolTip(2, self.tr("Overdue"))
            self._details(item, o)
            item.setExpanded(len(orders) <= 20)
        owed = self.services.timeline.key_figures(self.target).outstanding
        self.summary.setText(self.tr("Outstanding balance: %1").replace(
            "%1", texts.money_total_text(owed, self.locale_)))

    def _details(self, item: QTreeWidgetItem, order) -> None:
        """Line items and payments under their order, each on one line across the columns."""
        for line in order.lines:
            label = " — ".join(p for p in (line.product, line.description) if p)
            qty = self.locale_.toString(line.quantity, "g", 6)
            price, total = self.money(line.unit_price_minor, order.currency), self.money(line.total_minor,
                                                                                       order.currency)
            self.spanned(item, f"{label}:  {qty} × {price} = {total}", order.id, "order")
        for p in order.payments:
            text = self.tr("Paid %1 on %2").replace("%1", self.money(p.amount_minor, order.currency)).replace(
                "%2", self.date(p.paid_at))
            self.spanned(item, f"{text} ({p.method})" if p.method else text, order.id, "order")

    def services_details(self, orders):
        # Lines and payments of the latest orders only: a long history stays quick to show.
        return [self.services.orders.get(o.id) if i < 100 else o for i, o in enumerate(orders)]

    def _on_tree_current_item_changed(self, *_args) -> None:
        if not hasattr(self, "pay_button"):
            return
        order_id = self.current_id("order")
        self.pay_button.setEnabled(order_id is not None)
        self.cancel_button.setEnabled(order_id is not None)

    def _on_pay_button_clicked(self) -> None:
        order_id = self.current_id("order")
        if order_id is not None:
            self.payment_requested.emit(order_id)

    def _on_cancel_button_clicked(self) -> None:
        order_id = self.current_id("order")
        if order_id is not None:
            order = self.services.orders.get(order_id)
            _status_with_undo(self, self.services.orders.put_status, order.id, order.number, order.status,
                              "cancelled", lambda: self.services.orders.set_status(order_id, "cancelled"))


class CasesPanel(Panel):
    """Service cases, open ones first, moved along open → in progress → resolved."""

    case_requested = Signal()
    reply_requested = Signal(int)

    def __init__(self, services: Services, target: Target, parent: QWidget | None = None) -> None:
        super().__init__(services, target, parent)
        self.tree.setRootIsDecorated(True)
        self.button(self.tr("Open case…"), self.case_requested.emit)
        self.start_button = self.button(self.tr("Start work"), lambda: self._move("in_progress"))
        self.resolve_button = self.button(self.tr("Resolve"), lambda: self._move("resolved"))
        self.reopen_button = self.button(self.tr("Reopen"), lambda: self._move("open"))
        self.reply_button = self.button(self.tr("Add to conversation…"), self._on_reply_button_clicked)
        self.finish_buttons()

    def _headers(self) -> list[str]:
        return [self.tr("Case"), self.tr("Type"), self.tr("Priority"), self.tr("Status"), self.tr("Opened"),
                self.tr("Resolved")]

    def _fill(self) -> None:
        cases = self.services.cases.for_target(self.target)
        for i, c in enumerate(cases):
            item = self.item([c.subject, texts.case_kind_text(c.kind), texts.priority_text(c.priority),
                              texts.status_text(c.status), self.date(c.opened_at), self.date(c.resolved_at)],
                             c.id, kind=c.status)
            item.setToolTip(0, c.description)
            if i < 50:  # the conversations of the latest cases
                self._conversation(item, c)
        open_count = sum(c.status != "resolved" for c in cases)
        self.summary.setText(self.tr("%1 open, %2 resolved").replace("%1", str(open_count))
                             .replace("%2", str(len(cases) - open_count)) if cases
                             else self.tr("No service cases yet."))

    def _conversation(self, item: QTreeWidgetItem, case) -> None:
        """The case's description and every activity logged on it, oldest first, under the case."""
        if case.description:
            self.spanned(item, plain_text(case.description, 160), case.id, case.status)
        for a in self.services.activities.for_case(case.id):
            words = a.subject or plain_text(a.body, 120)
            line = f"{self.date(a.occurred_at)}  ·  {texts.kind_text(a.kind)}  ·  {words}"
            self.spanned(item, line, case.id, case.status)
        item.setExpanded(case.status != "resolved")

    def _on_tree_current_item_changed(self, *_args) -> None:
        if not hasattr(self, "reply_button"):
            return
        item = self.tree.currentItem()
        status = item.data(0, KIND_ROLE) if item is not None else None
        self.start_button.setEnabled(status == "open")
        self.resolve_button.setEnabled(status in ("open", "in_progress"))
        self.reopen_button.setEnabled(status == "resolved")
        self.reply_button.setEnabled(status is not None)

    def _move(self, status: str) -> None:
        case_id = self.current_id()
        if case_id is not None:
            case = self.services.cases.get(case_id)
            _status_with_undo(self, self.services.cases.put_status, case.id, f"“{case.subject}”", case.status,
                              status, lambda: self.services.cases.set_status(case_id, status))

    def _on_reply_button_clicked(self) -> None:
        case_id = self.current_id()
        if case_id is not None:
            self.reply_requested.emit(case_id)


class FilesPanel(Panel):
    """Attached files: open with the system viewer, attach more, move to the trash (and undo)."""

    attach_requested = Signal()
    open_requested = Signal(int)

    def __init__(self, services: Services, target: Target, parent: QWidget | None = None) -> None:
        super().__init__(services, target, parent)
        self.button(self.tr("Attach file…"), self.attach_requested.emit)
        self.open_button = self.button(self.tr("Open"), self._on_open_button_clicked)
        self.delete_button = self.button(self.tr("Move to trash"), self._on_delete_button_clicked)
        self.undo_button = self.button(self.tr("Undo"), self._on_undo_button_clicked)
        self.undo_button.hide()
        self._deleted: list[int] = []
        self.tree.itemActivated.connect(self._on_tree_item_activated)
        self.finish_buttons()

    def _headers(self) -> list[str]:
        return [self.tr("File"), self.tr("Size"), self.tr("Added")]

    def _fill(self) -> None:
        files = self.services.attachments.for_target(self.target)
        for f in files:
            size = texts.size_text(f.size, self.locale_)
            item = self.item([f.filename, size, self.date(f.created_at)], f.id)
            item.setToolTip(0, f.sha256)
        self.summary.setText(self.count_text(len(files), self.tr("No files yet."), self.tr("1 file"),
                                             self.tr("%n files")))

    def _on_tree_current_item_changed(self, *_args) -> None:
        if not hasattr(self, "delete_button"):
            return
        chosen = self.current_id() is not None
        self.open_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _on_tree_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self.open_requested.emit(item.data(0, ID_ROLE))

    def _on_open_button_clicked(self) -> None:
        file_id = self.current_id()
        if file_id is not None:
            self.open_requested.emit(file_id)

    def _on_delete_button_clicked(self) -> None:
        file_id = self.current_id()
        if file_id is None:
            return
        if _trashed_with_undo(self, self.services, file_id, self.tree.currentItem().text(0)):
            self.status_posted.emit(self.tr("File moved to the trash."))
            return
        self.services.attachments.delete([file_id])
        self._deleted = [file_id]
        self.undo_button.show()
        self.status_posted.emit(self.tr("File moved to the trash."))

    def _on_undo_button_clicked(self) -> None:
        self.services.attachments.restore(self._deleted)
        self._deleted = []
        self.undo_button.hide()


class PeoplePanel(Panel):
    """People: a company's employees with their roles, or a person's related people."""

    person_requested = Signal(int)
    relationship_requested = Signal()

    def __init__(self, services: Services, target: Target, parent: QWidget | None = None) -> None:
        super().__init__(services, target, parent)
        self.tree.itemActivated.connect(self._on_tree_item_activated)
        if target.kind == "company":
            self.tree.hideColumn(1)  # everyone here works at the company; the title is their role
        if target.kind == "contact":
            self.button(self.tr("Add relationship…"), self.relationship_requested.emit)
            self.remove_button = self.button(self.tr("Remove relationship"), self._on_remove_button_clicked)
        self.finish_buttons()

    def _headers(self) -> list[str]:
        return [self.tr("Name"), self.tr("Relationship"), self.tr("Title"), self.tr("E-mail"),
                self.tr("Phone")]

    def _fill(self) -> None:
        if self.target.kind == "company":
            people = self.services.timeline.people(self.target.id)
        else:
            people = self.services.relationships.related(self.target.id)
        for p in people:
            phone = format_phone(p.phone) if p.phone else ""
            item = self.item([p.name, texts.relation_text(p.relation), p.title, p.email, phone], p.id,
                             kind=str(p.relationship_id or ""))
            item.setToolTip(0, self.tr("Double-click or press Enter to open"))
        self.summary.setText(self.count_text(len(people), self.tr("Nobody yet."), self.tr("1 person"),
                                             self.tr("%n people")))

    def _on_tree_current_item_changed(self, *_args) -> None:
        if hasattr(self, "remove_button"):
            item = self.tree.currentItem()
            self.remove_button.setEnabled(item is not None and bool(item.data(0, KIND_ROLE)))

    def _on_tree_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self.person_requested.emit(item.data(0, ID_ROLE))

    def _on_remove_button_clicked(self) -> None:
        item = self.tree.currentItem()
        if item is not None and item.data(0, KIND_ROLE):
            from ..undo import TrashCommand
            from ..undo.records import pushed
            from ..undo.texts import unrelate_text

            relationship_id = int(item.data(0, KIND_ROLE))
            text = unrelate_text(item.text(0))
            pushed(self, TrashCommand(self.services, "relationship", [relationship_id], text),
                   lambda: self.services.relationships.remove(relationship_id))


def _status_with_undo(panel: QWidget, put, record_id: int, name: str, before: str, after: str,
                      fallback) -> None:
    """Change a case's or an order's status as an operation of the window's undo history."""
    from ..undo.records import PutCommand, pushed
    from ..undo.texts import status_change_text

    text = status_change_text(name, after)
    pushed(panel, PutCommand(panel.services, text, put, record_id, before, after), fallback)


def _trashed_with_undo(panel: QWidget, services: Services, file_id: int, name: str) -> bool:
    """Move a file to the trash as an operation of the window's undo history (Edit ▸ Undo brings it
    back); False outside a window, where the panel keeps its own Undo button."""
    from ..undo import TrashCommand, history_of
    from ..undo.texts import delete_text

    history = history_of(panel)
    if history is None:
        return False
    history.push(TrashCommand(services, "attachment", [file_id], delete_text("attachment", 1, name)))
    return True
