"""The task dialog: what, when, how it reminds, who and whom, and how it repeats."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QStringListModel, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import CrmError, EditConflict, ValidationError
from ...core.recurrence import (
    AFTER_DONE,
    DAILY,
    MONTHLY,
    WEEKLY,
    YEARLY,
    Recurrence,
    to_local,
    to_utc,
)
from ...core.tasks import TASK_KINDS, Task, TaskDraft, all_day_start
from ...services import Services
from ..dialogs.conflict import ConflictChoice, ask_conflict
from ..dialogs.form import FORM_STYLE, add_row, fill_combo, new_form, notes_edit, owner_combo, select_data
from ..messages import error_text, field_error_text
from .texts import kind_names, priority_names, reminder_names

NO_REPEAT = ""


class TaskDialog(QDialog):
    """Use ``TaskDialog.ask``; links given there (a contact, company or deal) are preset."""

    def __init__(self, services: Services, task: Task | None = None, parent: QWidget | None = None, *,
                 preset: TaskDraft | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.task = task
        self.saved_id: int | None = None
        self._draft = task.draft() if task is not None else (preset or TaskDraft(""))
        self._link: tuple[str, int] | None = None
        self.setWindowTitle(self.tr("Edit task") if task else self.tr("New task"))
        self.setStyleSheet(FORM_STYLE)
        self.form = new_form()
        self._build()
        self.error_label = QLabel(self)
        self.error_label.setObjectName("fieldError")
        self.error_label.setStyleSheet("color: #c53030;")
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self._load(self._draft)
        self.resize(560, self.sizeHint().height())

    @classmethod
    def ask(cls, parent: QWidget | None, services: Services, task_id: int | None = None, *,
            contact_id: int | None = None, company_id: int | None = None, deal_id: int | None = None,
            title: str = "") -> int | None:
        """Show the dialog; the saved task's id, or None if cancelled."""
        task = services.tasks.get(task_id) if task_id is not None else None
        preset = TaskDraft(title, contact_id=contact_id, company_id=company_id, deal_id=deal_id)
        dialog = cls(services, task, parent, preset=preset)
        try:
            dialog.exec()
            if dialog.saved_id is not None:  # in the window, Edit ▸ Undo takes it back
                dialog.keep_for_undo(parent)
            return dialog.saved_id
        finally:
            dialog.deleteLater()

    # -- building --------------------------------------------------------------------------
    def _build(self) -> None:
        self.title_edit = QLineEdit(self)
        self.title_edit.setMaxLength(500)
        self.title_edit.setPlaceholderText(self.tr("e.g. Call about the quote"))
        add_row(self.form, self.tr("Title"), self.title_edit)
        self.kind_combo = QComboBox(self)
        fill_combo(self.kind_combo, [(k, kind_names()[k]) for k in TASK_KINDS])
        add_row(self.form, self.tr("Type"), self.kind_combo)
        add_row(self.form, self.tr("Due"), self._build_due(), self.date_edit)
        self.remind_combo = QComboBox(self)
        fill_combo(self.remind_combo, reminder_names())
        add_row(self.form, self.tr("Reminder"), self.remind_combo)
        add_row(self.form, self.tr("Repeat"), self._build_repeat(), self.repeat_combo)
        self.priority_combo = QComboBox(self)
        fill_combo(self.priority_combo, sorted(priority_names().items(), reverse=True))
        add_row(self.form, self.tr("Priority"), self.priority_combo)
        self.owner_combo = owner_combo((u.id, u.name) for u in self.services.lookups.users())
        add_row(self.form, self.tr("Owner"), self.owner_combo)
        add_row(self.form, self.tr("Customer"), self._build_customer())
        self.deal_combo = QComboBox(self)
        add_row(self.form, self.tr("Deal"), self.deal_combo)
        self.notes_edit = notes_edit()
        add_row(self.form, self.tr("Notes"), self.notes_edit)

    def _build_due(self) -> QWidget:
        row = QWidget(self)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        self.date_edit = QDateEdit(row)
        self.date_edit.setCalendarPopup(True)
        self.time_edit = QTimeEdit(row)
        self.all_day_check = QCheckBox(self.tr("All day"), row)
        self.all_day_check.toggled.connect(self.time_edit.setDisabled)
        line.addWidget(self.date_edit, 1)
        line.addWidget(self.time_edit)
        line.addWidget(self.all_day_check)
        return row

    def _build_repeat(self) -> QWidget:
        row = QWidget(self)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        self.repeat_combo = QComboBox(row)
        fill_combo(self.repeat_combo, [
            (NO_REPEAT, self.tr("Does not repeat")), (DAILY, self.tr("Every N days")),
            (WEEKLY, self.tr("Every N weeks on…")), (MONTHLY, self.tr("Every N months on this day")),
            (YEARLY, self.tr("Every N years")), (AFTER_DONE, self.tr("N days after completion"))])
        self.interval_spin = QSpinBox(row)
        self.interval_spin.setRange(1, 365)
        self.interval_spin.setPrefix(self.tr("N = "))
        line.addWidget(self.repeat_combo, 1)
        line.addWidget(self.interval_spin)
        self.weekday_checks: list[QCheckBox] = []
        locale_days = [QDate(2024, 1, 1 + i).toString("ddd") for i in range(7)]  # 1 Jan 2024 was a Monday
        for name in locale_days:
            check = QCheckBox(name, row)
            self.weekday_checks.append(check)
            line.addWidget(check)
        self.repeat_combo.currentIndexChanged.connect(self._on_repeat_combo_current_index_changed)
        return row

    def _build_customer(self) -> QWidget:
        self.customer_edit = QLineEdit(self)
        self.customer_edit.setPlaceholderText(self.tr("Type a person or company name"))
        self._hits: dict[str, tuple[str, int]] = {}
        self._completions = QStringListModel(self)
        completer = QCompleter(self._completions, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.customer_edit.setCompleter(completer)
        self.customer_edit.textEdited.connect(self._on_customer_edit_text_edited)
        completer.activated.connect(self._on_completer_activated)
        return self.customer_edit

    # -- values ----------------------------------------------------------------------------
    def _load(self, draft: TaskDraft) -> None:
        tz = self.services.tasks.tz
        self.title_edit.setText(draft.title)
        select_data(self.kind_combo, draft.kind)
        due = draft.due_at or self._default_due()
        local = to_local(due, tz)
        self.date_edit.setDate(QDate(local.year, local.month, local.day))
        self.time_edit.setTime(QTime(local.hour, local.minute))
        self.all_day_check.setChecked(draft.all_day)
        select_data(self.remind_combo, draft.remind_before_min)
        select_data(self.priority_combo, draft.priority)
        select_data(self.owner_combo, draft.owner_id if draft.owner_id is not None
                    else self.services.settings.current_user_id)
        self.notes_edit.setPlainText(draft.notes)
        self._load_repeat(Recurrence.parse(draft.recurrence) if draft.recurrence else None, local)
        self._load_customer(draft)
        self._fill_deals(draft.deal_id)

    def _default_due(self) -> dt.datetime:
        """The next full hour."""
        now = self.services.ctx.clock.now()
        return now.replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=1)

    def _load_repeat(self, rule: Recurrence | None, local: dt.datetime) -> None:
        select_data(self.repeat_combo, rule.freq if rule else NO_REPEAT)
        self.interval_spin.setValue(rule.interval if rule else 1)
        days = set(rule.weekdays) if rule and rule.weekdays else {local.weekday()}
        for index, check in enumerate(self.weekday_checks):
            check.setChecked(index in days)
        self._on_repeat_combo_current_index_changed()

    def _load_customer(self, draft: TaskDraft) -> None:
        if draft.contact_id is not None:
            self._link = ("contact", draft.contact_id)
            name = self.services.contacts.get(draft.contact_id).full_name
        elif draft.company_id is not None:
            self._link = ("company", draft.company_id)
            name = self.services.companies.get(draft.company_id).name
        else:
            return
        self.customer_edit.setText(name)
        self._hits[name] = self._link

    def _fill_deals(self, chosen: int | None) -> None:
        contact_id = self._link[1] if self._link and self._link[0] == "contact" else None
        company_id = self._link[1] if self._link and self._link[0] == "company" else None
        if contact_id is not None and self._draft.contact_id == contact_id:
            company_id = self._draft.company_id
        deals = self.services.tasks.deals_for(contact_id, company_id, chosen)
        fill_combo(self.deal_combo, [(None, self.tr("No deal")), *deals])
        select_data(self.deal_combo, chosen)

    def draft(self) -> TaskDraft:
        tz = self.services.tasks.tz
        day = self.date_edit.date().toPython()
        all_day = self.all_day_check.isChecked()
        if all_day:
            due = all_day_start(day, tz)
        else:
            due = to_utc(dt.datetime.combine(day, self.time_edit.time().toPython().replace(second=0)), tz)
        contact_id = company_id = None
        if self._link is not None and self.customer_edit.text().strip():
            kind, record_id = self._link
            contact_id, company_id = (record_id, None) if kind == "contact" else (None, record_id)
            if kind == "contact" and self._draft.company_id and self._draft.contact_id == record_id:
                company_id = self._draft.company_id
        return TaskDraft(
            self.title_edit.text(), self.kind_combo.currentData(), due, all_day,
            self.remind_combo.currentData(), self.priority_combo.currentData(), self._recurrence(),
            self.notes_edit.toPlainText(), contact_id, company_id, self.deal_combo.currentData(),
            self.owner_combo.currentData(), self._draft.rule_id)

    def _recurrence(self) -> str:
        freq = self.repeat_combo.currentData()
        if not freq:
            return ""
        days = tuple(i for i, check in enumerate(self.weekday_checks) if check.isChecked())
        month_day = self.date_edit.date().day() if freq == MONTHLY else None
        rule = Recurrence(freq, self.interval_spin.value(), days if freq == WEEKLY else (), month_day)
        return rule.to_text()

    def save(self) -> bool:
        self.error_label.hide()
        try:
            if self.task is None:
                self.saved_id = self.services.tasks.create(self.draft())
            elif not self._update(self.draft()):
                return False
        except ValidationError as exc:
            self.error_label.setText("\n".join(self._error_line(e) for e in exc.errors))
            self.error_label.show()
            if any(e.field == "title" for e in exc.errors):
                self.title_edit.setFocus()
            return False
        except CrmError as exc:
            QMessageBox.warning(self, self.windowTitle(), error_text(exc))
            return False
        return True

    def _update(self, draft: TaskDraft) -> bool:
        """Save from the task as read; if someone else saved it meanwhile, ask: reload or overwrite."""
        try:
            self.services.tasks.update(self.task.id, draft, self.task.updated_at)
        except EditConflict as exc:
            choice = ask_conflict(self, exc)
            if choice is ConflictChoice.RELOAD:
                self.task = self.services.tasks.get(self.task.id)
                self._draft = self.task.draft()
                self._load(self._draft)
                return False
            if choice is not ConflictChoice.OVERWRITE:
                return False
            self.before = self.services.tasks.get(self.task.id)  # what Undo gives back
            self.services.tasks.update(self.task.id, draft)
        self.saved_id = self.task.id
        return True

    def keep_for_undo(self, parent: QWidget | None) -> None:
        """Put the save in the window's undo history: an edit, or a new task (Undo: to the trash)."""
        from ..undo import record_created
        from ..undo.records import task_saved

        if self.task is None:
            title = self.services.tasks.get(self.saved_id).title
            record_created(parent, self.services, "task", self.saved_id, title)
        else:
            task_saved(parent, self.services, self.saved_id, getattr(self, "before", None) or self.task)

    def _error_line(self, error) -> str:
        names = {"title": self.tr("Title"), "due_at": self.tr("Due"), "recurrence": self.tr("Repeat"),
                 "kind": self.tr("Type"), "priority": self.tr("Priority"),
                 "remind_before_min": self.tr("Reminder")}
        return f"{names.get(error.field, error.field)}: {field_error_text(error)}"

    # -- slots -----------------------------------------------------------------------------
    def _on_buttons_accepted(self) -> None:
        if self.save():
            self.accept()

    def _on_repeat_combo_current_index_changed(self, _index: int = 0) -> None:
        freq = self.repeat_combo.currentData()
        self.interval_spin.setVisible(bool(freq))
        for check in self.weekday_checks:
            check.setVisible(freq == WEEKLY)

    def _on_customer_edit_text_edited(self, text: str) -> None:
        if self._link is not None and self._hits.get(text) != self._link:
            self._link = None
        if len(text.strip()) < 1:
            return
        hits = self.services.search.search(text, limit=10)
        self._hits = {}
        for hit in hits:
            label = f"{hit.title} · {hit.subtitle}" if hit.subtitle else hit.title
            self._hits[label] = (hit.kind, hit.record_id)
        self._completions.setStringList(list(self._hits))

    def _on_completer_activated(self, text: str) -> None:
        self._link = self._hits.get(text)
        self._fill_deals(self.deal_combo.currentData())
