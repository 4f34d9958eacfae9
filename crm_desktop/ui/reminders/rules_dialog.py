"""Editing the follow-up rules and the lead-scoring rules."""

from __future__ import annotations

import copy

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import CrmError
from ...core.rules import (
    ACTION_NOTIFY,
    ACTION_TASK,
    KEEP_IN_TOUCH,
    MAX_DAILY_LIMIT,
    NO_NEXT_STEP,
    STAGE_ENTRY,
    FollowRule,
)
from ...core.scoring import (
    COMPANY_SIZE,
    DEAL_STAGE,
    FIELD,
    INTERACTIONS,
    SCORE_FIELDS,
    SCORE_KINDS,
    SOURCE,
    TAG,
    ScoreRule,
)
from ...core.tasks import TASK_KINDS
from ...services import Services
from ..dialogs.form import fill_combo, select_data
from ..messages import error_text
from ..undo import texts as undo_texts
from ..undo.records import record_done, setting_changed
from .texts import field_names, kind_names, rule_kind_names, rule_titles, score_reason

ENABLED = Qt.CheckState.Checked


class RuleEditor(QDialog):
    """One follow-up rule's settings; which fields show depends on its kind."""

    def __init__(self, services: Services, rule: FollowRule, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.rule = rule
        self.setWindowTitle(rule_kind_names()[rule.kind])
        form = QFormLayout()
        self.tag_combo = QComboBox(self)
        self.tag_combo.setEditable(True)
        self.tag_combo.addItems([t.name for t in services.lookups.tags()])
        self.tag_combo.setCurrentText(rule.tag)
        self.days_spin = QSpinBox(self)
        self.days_spin.setRange(1, 3650)
        self.days_spin.setValue(rule.days)
        self.days_spin.setSuffix(self.tr(" days"))
        self.stage_combo = QComboBox(self)
        fill_combo(self.stage_combo, [(sid, f"{pipeline} › {stage}") for sid, pipeline, stage in
                                      services.rules.stages()])
        select_data(self.stage_combo, rule.stage_id)
        self.due_spin = QSpinBox(self)
        self.due_spin.setRange(0, 365)
        self.due_spin.setValue(rule.due_in_days)
        self.due_spin.setSuffix(self.tr(" days later"))
        self.kind_combo = QComboBox(self)
        fill_combo(self.kind_combo, [(k, kind_names()[k]) for k in TASK_KINDS])
        select_data(self.kind_combo, rule.task_kind)
        self.title_edit = QLineEdit(rule.title, self)
        self.title_edit.setPlaceholderText(rule_titles()[rule.kind])
        self.title_edit.setToolTip(self.tr("%1 stands for the person's or the deal's name."))
        self.limit_spin = QSpinBox(self)
        self.limit_spin.setRange(0, MAX_DAILY_LIMIT)
        self.limit_spin.setSingleStep(50)
        self.limit_spin.setSpecialValueText(self.tr("No limit"))
        self.limit_spin.setValue(rule.daily_limit)
        self.limit_spin.setToolTip(self.tr("When more people need a follow-up, the longest silent get theirs "
                                           "first and the others on the next days."))
        self.action_combo = QComboBox(self)
        fill_combo(self.action_combo, [(ACTION_TASK, self.tr("Create a task")),
                                       (ACTION_NOTIFY, self.tr("Notify the owner"))])
        select_data(self.action_combo, rule.action)
        self.action_combo.currentIndexChanged.connect(self._on_action_combo_changed)
        self.form = form
        if rule.kind == KEEP_IN_TOUCH:
            form.addRow(self.tr("People tagged"), self.tag_combo)
            form.addRow(self.tr("Not talked to for"), self.days_spin)
            form.addRow(self.tr("New tasks a day, at most"), self.limit_spin)
        if rule.kind == STAGE_ENTRY:
            form.addRow(self.tr("When a deal enters"), self.stage_combo)
            form.addRow(self.tr("Then"), self.action_combo)
            form.addRow(self.tr("Task due"), self.due_spin)
        form.addRow(self.tr("Task type"), self.kind_combo)
        form.addRow(self.tr("Task title"), self.title_edit)
        for field in (self.tag_combo, self.days_spin, self.limit_spin, self.stage_combo, self.action_combo,
                      self.due_spin):
            if form.indexOf(field) < 0:  # not this kind's: would show in a corner of the dialog
                field.hide()
        self._on_action_combo_changed()
        standard = QDialogButtonBox.StandardButton
        buttons = QDialogButtonBox(standard.Save | standard.Cancel, self)
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _on_action_combo_changed(self) -> None:
        """A rule that only notifies has no task to describe."""
        makes_task = self.rule.kind != STAGE_ENTRY or self.action_combo.currentData() == ACTION_TASK
        for field in (self.due_spin, self.kind_combo, self.title_edit):
            if self.form.indexOf(field) >= 0:
                self.form.setRowVisible(field, makes_task)

    def edited(self) -> FollowRule:
        config = dict(self.rule.config)
        config.update(task_kind=self.kind_combo.currentData(), title=self.title_edit.text().strip())
        if self.rule.kind == KEEP_IN_TOUCH:
            config.update(tag=self.tag_combo.currentText().strip(), days=self.days_spin.value(),
                          daily_limit=self.limit_spin.value())
        if self.rule.kind == STAGE_ENTRY:
            config.update(stage_id=self.stage_combo.currentData(), due_in_days=self.due_spin.value(),
                          action=self.action_combo.currentData())
        return FollowRule(self.rule.id, self.rule.kind, self.rule.name, self.rule.enabled, config,
                          self.rule.position)

    def _on_buttons_accepted(self) -> None:
        try:
            self.services.rules.save(self.edited())
        except CrmError as exc:
            QMessageBox.warning(self, self.windowTitle(), error_text(exc))
            return
        self.accept()


class RulesDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(self.tr("Follow-up rules and lead scoring"))
        tabs = QTabWidget(self)
        tabs.addTab(self._build_follow_tab(), self.tr("Follow-up rules"))
        tabs.addTab(self._build_score_tab(), self.tr("Lead scoring"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(close)
        self.resize(720, 440)
        self.fill()

    @classmethod
    def ask(cls, parent: QWidget | None, services: Services) -> None:
        dialog = cls(services, parent)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()

    # -- follow-up rules -------------------------------------------------------------------
    def _build_follow_tab(self) -> QWidget:
        page = QWidget(self)
        self.follow_table = QTableWidget(0, 2, page)
        self.follow_table.setHorizontalHeaderLabels([self.tr("Rule"), self.tr("What it does")])
        self.follow_table.horizontalHeader().setStretchLastSection(True)
        self.follow_table.setColumnWidth(0, 200)
        self.follow_table.verticalHeader().hide()
        self.follow_table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.follow_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.follow_table.itemChanged.connect(self._on_follow_table_item_changed)
        self.follow_table.cellDoubleClicked.connect(lambda _r, _c: self.edit_rule())
        buttons = QHBoxLayout()
        for text, slot in ((self.tr("Add keep in touch"), lambda: self.add_rule(KEEP_IN_TOUCH)),
                           (self.tr("Add stage rule"), lambda: self.add_rule(STAGE_ENTRY)),
                           (self.tr("Edit…"), self.edit_rule), (self.tr("Delete"), self.delete_rule)):
            button = QPushButton(text, page)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.follow_table)
        layout.addLayout(buttons)
        return page

    def _describe(self, rule: FollowRule) -> str:
        if rule.kind == KEEP_IN_TOUCH:
            text = self.tr("People tagged “%1” not talked to for %2 days get a task for their owner.") \
                .replace("%1", rule.tag).replace("%2", str(rule.days))
            if rule.daily_limit:
                text += " " + self.tr("At most %1 new tasks a day.").replace("%1", str(rule.daily_limit))
            return text
        if rule.kind == STAGE_ENTRY:
            stages = {sid: name for sid, _p, name in self.services.rules.stages()}
            if rule.action == ACTION_NOTIFY:
                return self.tr("A deal entering “%1” notifies its owner.").replace(
                    "%1", stages.get(rule.stage_id, "?"))
            return self.tr("A deal entering “%1” gets a task due %2 days later.") \
                .replace("%1", stages.get(rule.stage_id, "?")).replace("%2", str(rule.due_in_days))
        return self.tr("An open deal with no open task reminds its owner.")

    def fill(self) -> None:
        self.follow_table.blockSignals(True)
        self._rules = self.services.rules.rules()
        self.follow_table.setRowCount(len(self._rules))
        names = rule_kind_names()
        for row, rule in enumerate(self._rules):
            name = QTableWidgetItem(names[rule.kind])
            name.setFlags(name.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            name.setCheckState(ENABLED if rule.enabled else Qt.CheckState.Unchecked)
            self.follow_table.setItem(row, 0, name)
            what = QTableWidgetItem(self._describe(rule))
            what.setToolTip(what.text())  # the whole sentence where the column cuts it short
            self.follow_table.setItem(row, 1, what)
        self.follow_table.blockSignals(False)
        self._fill_scores()

    def _current_rule(self) -> FollowRule | None:
        row = self.follow_table.currentRow()
        return self._rules[row] if 0 <= row < len(self._rules) else None

    def add_rule(self, kind: str) -> None:
        if kind == STAGE_ENTRY and not self.services.rules.stages():
            QMessageBox.information(self, self.windowTitle(), self.tr("There are no pipeline stages yet."))
            return
        self._edit(FollowRule(None, kind))

    def edit_rule(self) -> None:
        rule = self._current_rule()
        if rule is not None and rule.kind != NO_NEXT_STEP:
            self._edit(rule)

    def _edit(self, rule: FollowRule) -> None:
        before = copy.deepcopy(rule)
        known = {r.id for r in self.services.rules.rules()}
        editor = RuleEditor(self.services, rule, self)
        try:
            if editor.exec() == QDialog.DialogCode.Accepted:
                self._keep_for_undo(before, known)
                self.fill()
        finally:
            editor.deleteLater()

    def _keep_for_undo(self, before: FollowRule, known: set[int]) -> None:
        """In the window, Edit ▸ Undo takes back a rule added or gives an edited one its settings back."""
        rules = self.services.rules
        if before.id is None:
            made = next((r for r in rules.rules() if r.id not in known), None)
            if made is not None:
                self._undoable(undo_texts.created_text("rule", _name(made)), made.id, added=True)
            return
        after = next((r for r in rules.rules() if r.id == before.id), None)
        if after is not None:
            text = undo_texts.rule_text(_name(after))
            setting_changed(self, self.services, text, rules.put_rule, before.id, before, after)

    def _undoable(self, text: str, rule_id: int, *, added: bool) -> None:
        rules = self.services.rules

        def remove() -> None:
            rules.delete(rule_id)

        def restore() -> None:
            rules.restore(rule_id)

        record_done(self, self.services, text, *((restore, remove) if added else (remove, restore)))

    def delete_rule(self) -> None:
        rule = self._current_rule()
        if rule is not None:
            self.services.rules.delete(rule.id)
            self._undoable(undo_texts.delete_text("rule", 1, _name(rule)), rule.id, added=False)
            self.fill()

    def _on_follow_table_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != 0 or not 0 <= item.row() < len(self._rules):
            return
        rule = self._rules[item.row()]
        before = copy.deepcopy(rule)
        rule.enabled = item.checkState() == ENABLED
        try:
            self.services.rules.save(rule)
        except CrmError as exc:
            QMessageBox.warning(self, self.windowTitle(), error_text(exc))
            return
        put = self.services.rules.put_rule
        setting_changed(self, self.services, undo_texts.rule_text(_name(rule)), put, rule.id, before,
                        copy.deepcopy(rule))

    # -- scoring ---------------------------------------------------------------------------
    def _build_score_tab(self) -> QWidget:
        page = QWidget(self)
        self.score_table = QTableWidget(0, 2, page)
        self.score_table.setHorizontalHeaderLabels([self.tr("Points"), self.tr("When")])
        self.score_table.horizontalHeader().setStretchLastSection(True)
        self.score_table.verticalHeader().hide()
        self.score_table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.score_kind = QComboBox(page)
        fill_combo(self.score_kind, [(k, self._score_kind_name(k)) for k in SCORE_KINDS])
        self.score_value = QLineEdit(page)
        self.score_value.setPlaceholderText(self.tr("tag, field, size, source…"))
        self.score_points = QSpinBox(page)
        self.score_points.setRange(-1000, 1000)
        self.score_points.setValue(10)
        add = QPushButton(self.tr("Add"), page)
        add.setAutoDefault(False)
        add.clicked.connect(self.add_score_rule)
        remove = QPushButton(self.tr("Delete"), page)
        remove.setAutoDefault(False)
        remove.clicked.connect(self.delete_score_rule)
        rescore = QPushButton(self.tr("Rescore everyone now"), page)
        rescore.setAutoDefault(False)
        rescore.clicked.connect(self.rescore)
        line = QHBoxLayout()
        for widget in (self.score_kind, self.score_value, self.score_points, add, remove):
            line.addWidget(widget)
        line.addStretch(1)
        line.addWidget(rescore)
        layout = QVBoxLayout(page)
        layout.addWidget(self.score_table)
        layout.addLayout(line)
        return page

    def _score_kind_name(self, kind: str) -> str:
        return {TAG: self.tr("Has tag"), FIELD: self.tr("Has field"),
                COMPANY_SIZE: self.tr("Company size at least"),
                SOURCE: self.tr("Source is"), INTERACTIONS: self.tr("Interactions in 30 days at least"),
                DEAL_STAGE: self.tr("Open deal in stage")}[kind]

    def _fill_scores(self) -> None:
        self._score_rules = self.services.scoring.rules()
        self.score_table.setRowCount(len(self._score_rules))
        for row, rule in enumerate(self._score_rules):
            points = QTableWidgetItem(f"{rule.points:+d}")
            points.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.score_table.setItem(row, 0, points)
            self.score_table.setItem(row, 1, QTableWidgetItem(score_reason(rule).rsplit(" (", 1)[0]))

    def add_score_rule(self) -> None:
        kind = self.score_kind.currentData()
        value = self.score_value.text().strip()
        config: dict
        if kind == TAG:
            config = {"tag": value}
        elif kind == FIELD:
            names = {name: key for key, name in field_names().items()}
            config = {"field": value if value in SCORE_FIELDS else names.get(value, "email")}
        elif kind == COMPANY_SIZE:
            config = {"min": int(value) if value.isdigit() else 50}
        elif kind == SOURCE:
            config = {"source": value}
        elif kind == INTERACTIONS:
            config = {"count": int(value) if value.isdigit() else 3, "days": 30}
        else:
            stages = {name.casefold(): sid for sid, _p, name in self.services.rules.stages()}
            config = {"stage_id": stages.get(value.casefold())}
        try:
            rule = ScoreRule(None, kind, self.score_points.value(), config)
            rule_id = self.services.scoring.save_rule(rule)
        except CrmError as exc:
            QMessageBox.warning(self, self.windowTitle(), error_text(exc))
            return
        self._score_undo(undo_texts.created_text("score_rule", _score_name(rule)), rule_id, added=True)
        self.score_value.clear()
        self._fill_scores()

    def delete_score_rule(self) -> None:
        row = self.score_table.currentRow()
        if 0 <= row < len(self._score_rules):
            rule = self._score_rules[row]
            self.services.scoring.delete_rule(rule.id)
            self._score_undo(undo_texts.delete_text("score_rule", 1, _score_name(rule)), rule.id, added=False)
            self._fill_scores()

    def _score_undo(self, text: str, rule_id: int, *, added: bool) -> None:
        """In the window, Edit ▸ Undo takes back a scoring rule added or brings back one deleted."""
        scoring = self.services.scoring

        def remove() -> None:
            scoring.delete_rule(rule_id)

        def restore() -> None:
            scoring.restore_rule(rule_id)

        record_done(self, self.services, text, *((restore, remove) if added else (remove, restore)))

    def rescore(self) -> None:
        try:
            n = self.services.scoring.recompute()
        except CrmError as exc:
            QMessageBox.warning(self, self.windowTitle(), error_text(exc))
            return
        QMessageBox.information(self, self.windowTitle(), self.tr("%1 people scored.").replace("%1", str(n)))


def _name(rule: FollowRule) -> str:
    """A rule as the undo history names it: by its kind ("Keep in touch"…)."""
    return rule_kind_names()[rule.kind]


def _score_name(rule: ScoreRule) -> str:
    """A scoring rule as the undo history names it: its reason and points ("Has tag VIP +10")."""
    return f"{score_reason(rule).rsplit(' (', 1)[0]} {rule.points:+d}"
