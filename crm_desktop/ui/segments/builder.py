"""The filter builder: a named segment of conditions in AND/OR groups, with a live count."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QDate, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import CrmError
from ...core.segments import DEAL_STATUSES, NO_VALUE, Condition, Group, custom_key, field_kind
from ...services import Services
from ..list_widgets import error_message
from .fields import entity_labels, field_labels, op_labels

VALUE_TEXT, VALUE_NUMBER, VALUE_DATE, VALUE_DAYS, VALUE_IDS, VALUE_CHOICE, VALUE_NONE = range(7)


class IdPicker(QToolButton):
    """Choose several of a list of (id, name): tags, owners, stages."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMenu(QMenu(self))
        self.setMinimumWidth(160)
        self._update_text()

    def set_choices(self, choices: list[tuple[int, str]]) -> None:
        chosen = set(self.ids())
        self.menu().clear()
        for choice_id, name in choices:
            action = self.menu().addAction(name)
            action.setCheckable(True)
            action.setChecked(choice_id in chosen)
            action.setData(choice_id)
            action.toggled.connect(self._on_action_toggled)
        self._update_text()

    def ids(self) -> tuple[int, ...]:
        return tuple(a.data() for a in self.menu().actions() if a.isChecked())

    def set_ids(self, ids) -> None:
        for action in self.menu().actions():
            action.setChecked(action.data() in set(ids or ()))
        self._update_text()

    def _on_action_toggled(self, _checked: bool) -> None:
        self._update_text()
        self.changed.emit()

    def _update_text(self) -> None:
        names = [a.text() for a in self.menu().actions() if a.isChecked()]
        self.setText(", ".join(names) if names else self.tr("Choose…"))


class ConditionRow(QWidget):
    """One condition: field, operator and a value editor that suits the field."""

    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, builder: SegmentDialog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._builder = builder
        self.field_combo = QComboBox(self)
        for key, label in builder.fields.items():
            self.field_combo.addItem(label, key)
        self.op_combo = QComboBox(self)
        self.values = QStackedWidget(self)
        self.values.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.text_edit = QLineEdit(self)
        self.number_edit = QDoubleSpinBox(self)
        self.number_edit.setRange(-1e12, 1e12)
        self.number_edit.setDecimals(2)
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDate(QDate.currentDate())
        self.days_edit = QSpinBox(self)
        self.days_edit.setRange(0, 36500)
        self.days_edit.setValue(30)
        self.days_edit.setSuffix(self.tr(" days"))
        self.ids_edit = IdPicker(self)
        self.choice_combo = QComboBox(self)
        for widget in (self.text_edit, self.number_edit, self.date_edit, self.days_edit, self.ids_edit,
                       self.choice_combo, QWidget(self)):
            self.values.addWidget(widget)
        remove = QToolButton(self)
        remove.setText("×")
        remove.setToolTip(self.tr("Remove this condition"))
        remove.setAutoRaise(True)
        remove.clicked.connect(lambda: self.remove_requested.emit(self))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.field_combo, 2)
        layout.addWidget(self.op_combo, 2)
        layout.addWidget(self.values, 3)
        layout.addWidget(remove)
        self.field_combo.currentIndexChanged.connect(self._on_field_changed)
        self.op_combo.currentIndexChanged.connect(self._on_op_changed)
        for signal in (self.text_edit.textChanged, self.number_edit.valueChanged, self.date_edit.dateChanged,
                       self.days_edit.valueChanged, self.ids_edit.changed,
                       self.choice_combo.currentIndexChanged):
            signal.connect(self.changed)
        self._on_field_changed()

    def kind(self) -> str:
        return field_kind(self._builder.entity, self.field_combo.currentData(), self._builder.custom_types) \
            or "text"

    def _on_field_changed(self) -> None:
        key, kind = self.field_combo.currentData(), self.kind()
        self.op_combo.blockSignals(True)
        self.op_combo.clear()
        for op, label in op_labels(kind).items():
            self.op_combo.addItem(label, op)
        self.op_combo.blockSignals(False)
        if kind in ("tags", "owner"):
            self.ids_edit.set_choices(self._builder.id_choices(key))
        if kind == "choice":
            self.choice_combo.clear()
            for status, label in self._builder.status_labels().items():
                self.choice_combo.addItem(label, status)
        self._on_op_changed()

    def _on_op_changed(self) -> None:
        kind, op = self.kind(), self.op_combo.currentData()
        if op in NO_VALUE:
            page = VALUE_NONE
        elif op in ("within_days", "not_within_days"):
            page = VALUE_DAYS
        else:
            page = {"number": VALUE_NUMBER, "date": VALUE_DATE, "tags": VALUE_IDS, "owner": VALUE_IDS,
                    "choice": VALUE_CHOICE}.get(kind, VALUE_TEXT)
        self.values.setCurrentIndex(page)
        self.changed.emit()

    def condition(self) -> Condition:
        key, op = self.field_combo.currentData(), self.op_combo.currentData()
        page = self.values.currentIndex()
        value: object = None
        if page == VALUE_TEXT:
            value = self.text_edit.text().strip()
        elif page == VALUE_NUMBER:
            number = self.number_edit.value()
            value = int(number) if number.is_integer() else number
        elif page == VALUE_DATE:
            value = self.date_edit.date().toString(Qt.DateFormat.ISODate)
        elif page == VALUE_DAYS:
            value = self.days_edit.value()
        elif page == VALUE_IDS:
            value = self.ids_edit.ids()
        elif page == VALUE_CHOICE:
            value = self.choice_combo.currentData()
        return Condition(key, op, value)

    def set_condition(self, c: Condition) -> None:
        self.field_combo.setCurrentIndex(max(self.field_combo.findData(c.field), 0))
        self.op_combo.setCurrentIndex(max(self.op_combo.findData(c.op), 0))
        page = self.values.currentIndex()
        if page == VALUE_TEXT:
            self.text_edit.setText(str(c.value or ""))
        elif page == VALUE_NUMBER:
            self.number_edit.setValue(float(c.value or 0))
        elif page == VALUE_DATE:
            self.date_edit.setDate(QDate.fromString(str(c.value), Qt.DateFormat.ISODate))
        elif page == VALUE_DAYS:
            self.days_edit.setValue(int(c.value or 0))
        elif page == VALUE_IDS:
            self.ids_edit.set_ids(c.value)
        elif page == VALUE_CHOICE:
            self.choice_combo.setCurrentIndex(max(self.choice_combo.findData(c.value), 0))


class GroupBox(QFrame):
    """Conditions joined by AND ("all") or OR ("any"); the top one may hold one level of groups."""

    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, builder: SegmentDialog, nested: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._builder = builder
        self._nested = nested
        self.items: list[QWidget] = []
        if nested:
            self.setFrameShape(QFrame.Shape.StyledPanel)
            self.setStyleSheet("GroupBox { background: #f7f9fc; border: 1px solid #dfe5ee; "
                               "border-radius: 6px; }")
        self.match_combo = QComboBox(self)
        self.match_combo.addItem(self.tr("all"), "all")
        self.match_combo.addItem(self.tr("any"), "any")
        self.match_combo.currentIndexChanged.connect(self.changed)
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("Match"), self))
        head.addWidget(self.match_combo)
        head.addWidget(QLabel(self.tr("of these conditions:"), self))
        head.addStretch(1)
        if nested:
            remove = QToolButton(self)
            remove.setText("×")
            remove.setAutoRaise(True)
            remove.setToolTip(self.tr("Remove this group"))
            remove.clicked.connect(lambda: self.remove_requested.emit(self))
            head.addWidget(remove)
        self.rows = QVBoxLayout()
        add = QHBoxLayout()
        add_condition = QPushButton(self.tr("+ Condition"), self)
        add_condition.clicked.connect(lambda: self.add_condition())
        add.addWidget(add_condition)
        if not nested:
            add_group = QPushButton(self.tr("+ Group"), self)
            add_group.setToolTip(self.tr("Conditions of their own, joined by “all” or “any”"))
            add_group.clicked.connect(lambda: self.add_group())
            add.addWidget(add_group)
        add.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(self.rows)
        layout.addLayout(add)
        if not nested:
            layout.addStretch(1)  # conditions stay at the top; the space is left below them

    def add_condition(self, condition: Condition | None = None) -> ConditionRow:
        row = ConditionRow(self._builder, self)
        if condition is not None:
            row.set_condition(condition)
        self._add(row)
        return row

    def add_group(self, group: Group | None = None) -> GroupBox:
        box = GroupBox(self._builder, True, self)
        if group is not None:
            box.set_group(group)
        else:
            box.add_condition()
        self._add(box)
        return box

    def _add(self, item: QWidget) -> None:
        item.changed.connect(self.changed)
        item.remove_requested.connect(self._on_item_remove_requested)
        self.items.append(item)
        self.rows.addWidget(item)
        self.changed.emit()

    def _on_item_remove_requested(self, item: QWidget) -> None:
        self.items.remove(item)
        item.hide()
        item.deleteLater()
        self.changed.emit()

    def group(self) -> Group:
        items = tuple(i.group() if isinstance(i, GroupBox) else i.condition() for i in self.items)
        return Group(self.match_combo.currentData(), items)

    def set_group(self, group: Group) -> None:
        self.match_combo.setCurrentIndex(max(self.match_combo.findData(group.match), 0))
        for item in group.items:
            if isinstance(item, Group) and not self._nested:
                self.add_group(item)
            elif isinstance(item, Condition):
                self.add_condition(item)


class _Counter(QObject):
    """Counts a filter on a worker thread; ``counted`` brings (generation, count or error)."""

    counted = Signal(int, object)

    def __init__(self, services: Services) -> None:
        super().__init__()
        self._services = services
        self._pool: ThreadPoolExecutor | None = ThreadPoolExecutor(1, thread_name_prefix="segment-count")
        self.generation = 0

    def start(self, entity: str, group: Group) -> None:
        if self._pool is None:
            return  # the dialog is closing
        self.generation += 1
        self._pool.submit(self._run, self.generation, entity, group)

    def _run(self, generation: int, entity: str, group: Group) -> None:
        try:
            result: object = self._services.segments.count_filter(entity, group)
        except CrmError as exc:
            result = exc
        self.counted.emit(generation, result)

    def stop(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class SegmentDialog(QDialog):
    """Create or edit a segment. ``ask`` returns the saved segment's id, or None."""

    def __init__(self, services: Services, entity: str = "contact", segment_id: int | None = None,
                 parent: QWidget | None = None, *, group: Group | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.segment_id = segment_id
        segment = services.segments.get(segment_id) if segment_id is not None else None
        self.entity = segment.entity if segment is not None else entity
        self.custom_types = {fid: kind for fid, _k, _l, kind in services.lookups.custom_fields(self.entity)}
        self.fields = field_labels(self.entity)
        for fid, _key, label, _kind in services.lookups.custom_fields(self.entity):
            self.fields[custom_key(fid)] = label
        self.setWindowTitle(self.tr("Edit segment") if segment else self.tr("New segment"))
        self.resize(760, 460)
        self.name_edit = QLineEdit(segment.name if segment else "", self)
        self.name_edit.setPlaceholderText(self.tr("e.g. Customers in Berlin"))
        self.root = GroupBox(self, False, self)
        self.count_label = QLabel(self)
        self.count_label.setStyleSheet("color: #4a5568;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._build_layout()
        self._counter = _Counter(services)
        self._counter.counted.connect(self._on_counter_counted)
        self._count_timer = QTimer(self, singleShot=True, interval=250)
        self._count_timer.timeout.connect(self._recount)
        if segment is not None:
            self.root.set_group(segment.filter)
        elif group is not None and not group.is_empty():  # a new segment from a list's filters
            self.root.set_group(group)
        else:
            self.root.add_condition()
        self.root.changed.connect(self._count_timer.start)
        self._recount()

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Name:"), self))
        top.addWidget(self.name_edit, 1)
        top.addWidget(QLabel(entity_labels()[self.entity], self))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.root, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)

    # -- choices for the value editors -----------------------------------------------------
    def id_choices(self, key: str) -> list[tuple[int, str]]:
        lookups = self._services.lookups
        if key == "tags":
            return [(t.id, t.name) for t in lookups.tags()]
        if key in ("stage", "pipeline"):
            pipelines = self._services.pipelines.pipelines()
            if key == "pipeline":
                return [(p.id, p.name or p.key) for p in pipelines]
            return [(s.id, f"{p.name or p.key} · {s.name or s.key}") for p in pipelines for s in p.stages]
        return [(u.id, u.name) for u in lookups.users()]

    def status_labels(self) -> dict[str, str]:
        labels = {"open": self.tr("Open"), "won": self.tr("Won"), "lost": self.tr("Lost")}
        return {s: labels[s] for s in DEAL_STATUSES}

    # -- the result -----------------------------------------------------------------------
    def group(self) -> Group:
        return self.root.group()

    def _recount(self) -> None:
        self._counter.start(self.entity, self.group())

    def _on_counter_counted(self, generation: int, result: object) -> None:
        if generation != self._counter.generation:
            return
        if isinstance(result, CrmError):
            self.count_label.setText(self.tr("Complete the conditions to see how many match."))
            return
        self.count_label.setText(_count_text(self.entity, result))

    def accept(self) -> None:
        try:
            if self.segment_id is None:
                self.segment_id = self._services.segments.create(self.name_edit.text(), self.entity,
                                                                 self.group())
            else:
                self._services.segments.update(self.segment_id, self.name_edit.text(), self.group())
        except CrmError as exc:
            QMessageBox.warning(self, self.windowTitle(), error_message(exc))
            return
        super().accept()

    def done(self, result: int) -> None:
        self._count_timer.stop()
        self._counter.stop()
        super().done(result)

    @classmethod
    def ask(cls, parent: QWidget | None, services: Services, entity: str = "contact",
            segment_id: int | None = None, *, group: Group | None = None) -> int | None:
        dialog = cls(services, entity, segment_id, parent, group=group)
        return dialog.segment_id if dialog.exec() == QDialog.DialogCode.Accepted else None


def _count_text(entity: str, n: int) -> str:
    from PySide6.QtCore import QCoreApplication

    translate = QCoreApplication.translate
    if entity == "company":
        return translate("SegmentDialog", "1 company matches.") if n == 1 else translate(
            "SegmentDialog", "%Ln companies match.", "", n)
    if entity == "deal":
        return translate("SegmentDialog", "1 deal matches.") if n == 1 else translate(
            "SegmentDialog", "%Ln deals match.", "", n)
    return translate("SegmentDialog", "1 person matches.") if n == 1 else translate(
        "SegmentDialog", "%Ln people match.", "", n)

