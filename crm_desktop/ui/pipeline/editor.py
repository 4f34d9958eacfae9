"""Editing pipelines (stages: name, probability, rotting days, order) and the lost reasons list.

Each change is saved at once, like the tags and owners dialog; deleting a stage that holds
deals asks which stage they move to.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.deals import StageInUseError
from ...core.errors import CrmError
from ...services import Services
from ..undo import texts as undo_texts
from ..undo.records import record_done, setting_changed
from .common import LABELS, error_text

translate = QCoreApplication.translate
DEFAULT_STAGES = ((10, 14), (25, 14), (50, 10), (75, 7))


class PipelineEditor(QDialog):
    def __init__(self, services: Services, pipeline_id: int | None = None, parent=None) -> None:
        super().__init__(parent)
        self._services = services
        self.setWindowTitle(translate("PipelineEditor", "Pipelines and stages"))
        self.resize(620, 480)
        self.tabs = tabs = QTabWidget(self)
        tabs.addTab(self._pipelines_tab(), translate("PipelineEditor", "Pipelines"))
        tabs.addTab(self._reasons_tab(), translate("PipelineEditor", "Lost reasons"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)
        self._load_pipelines(pipeline_id)
        self._load_reasons()

    # -- pipelines -------------------------------------------------------------------------
    def _pipelines_tab(self) -> QWidget:
        tab = QWidget(self)
        self.pipeline = QComboBox(tab)
        self.pipeline.currentIndexChanged.connect(self._load_stages)
        top = QHBoxLayout()
        top.addWidget(QLabel(translate("PipelineEditor", "Pipeline"), tab))
        top.addWidget(self.pipeline, 1)
        for text, slot in (
            (translate("PipelineEditor", "New…"), self.new_pipeline),
            (translate("PipelineEditor", "Rename…"), self.rename_pipeline),
            (translate("PipelineEditor", "Delete"), self.delete_pipeline),
        ):
            button = QPushButton(text, tab)
            button.clicked.connect(slot)
            top.addWidget(button)
        self.stages = QTableWidget(0, 3, tab)
        self.stages.setHorizontalHeaderLabels(
            [
                translate("PipelineEditor", "Stage"),
                translate("PipelineEditor", "Probability %"),
                translate("PipelineEditor", "Rotting after (days)"),
            ]
        )
        self.stages.horizontalHeader().setStretchLastSection(True)
        self.stages.setColumnWidth(0, 220)
        self.stages.itemChanged.connect(self._on_stages_item_changed)
        side = QVBoxLayout()
        for text, slot in (
            (translate("PipelineEditor", "Add stage"), self.add_stage),
            (translate("PipelineEditor", "Delete stage…"), self.delete_stage),
            (translate("PipelineEditor", "Move up"), lambda: self.move_stage(-1)),
            (translate("PipelineEditor", "Move down"), lambda: self.move_stage(1)),
        ):
            button = QPushButton(text, tab)
            button.clicked.connect(slot)
            side.addWidget(button)
        side.addStretch(1)
        middle = QHBoxLayout()
        middle.addWidget(self.stages, 1)
        middle.addLayout(side)
        hint = QLabel(
            translate(
                "PipelineEditor",
                "A deal left in a stage longer than its rotting time, with "
                "nothing scheduled, is flagged on the board. Leave it empty "
                "for never.",
            ),
            tab,
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #5f6b7a;")
        layout = QVBoxLayout(tab)
        layout.addLayout(top)
        layout.addLayout(middle)
        layout.addWidget(hint)
        return tab

    def _load_pipelines(self, select: int | None = None) -> None:
        select = select if select is not None else self.pipeline.currentData()
        self.pipeline.blockSignals(True)
        self.pipeline.clear()
        for pipeline in self._services.pipelines.pipelines():
            self.pipeline.addItem(LABELS.pipeline(pipeline), pipeline.id)
        self.pipeline.setCurrentIndex(max(0, self.pipeline.findData(select)))
        self.pipeline.blockSignals(False)
        self._load_stages()

    def _load_stages(self) -> None:
        pipeline = self._services.pipelines.get(self.pipeline.currentData())
        self.stages.blockSignals(True)
        self.stages.setRowCount(0)
        for stage in pipeline.stages:
            row = self.stages.rowCount()
            self.stages.insertRow(row)
            name = QTableWidgetItem(LABELS.stage(stage))
            name.setData(Qt.ItemDataRole.UserRole, stage.id)
            self.stages.setItem(row, 0, name)
            self.stages.setItem(row, 1, QTableWidgetItem(str(stage.probability)))
            rotting = "" if stage.rotting_days is None else str(stage.rotting_days)
            self.stages.setItem(row, 2, QTableWidgetItem(rotting))
        self.stages.blockSignals(False)

    def _stage_id(self, row: int) -> int | None:
        item = self.stages.item(row, 0)
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _run(self, action) -> bool:
        try:
            action()
        except CrmError as exc:
            QMessageBox.warning(self, self.windowTitle(), error_text(exc))
            return False
        return True

    def _on_stages_item_changed(self, item: QTableWidgetItem) -> None:
        row = item.row()
        stage_id = self._stage_id(row)
        if stage_id is None:
            return
        texts = [
            (self.stages.item(row, c).text().strip() if self.stages.item(row, c) else "") for c in range(3)
        ]
        try:
            probability = int(texts[1] or 0)
            rotting = int(texts[2]) if texts[2] else None
        except ValueError:
            QMessageBox.warning(self, self.windowTitle(), translate("PipelineEditor", "Enter whole numbers."))
            self._load_stages()
            return
        stage = self._services.pipelines.stage(stage_id)
        name = "" if stage.key and texts[0] == LABELS.stage(stage) else texts[0]
        if not self._run(lambda: self._services.pipelines.update_stage(stage_id, name, probability, rotting)):
            self._load_stages()
            return
        self._keep_for_undo(stage)

    def _keep_for_undo(self, before) -> None:
        """In the window, Edit ▸ Undo gives the stage its earlier name, probability and rotting days."""
        from ..undo.records import setting_changed
        from ..undo.texts import stage_setting_text

        after = self._services.pipelines.stage(before.id)
        old = (before.name, before.probability, before.rotting_days)
        new = (after.name, after.probability, after.rotting_days)
        setting_changed(self, self._services, stage_setting_text(LABELS.stage(after)),
                        self._services.pipelines.put_stage, before.id, old, new)

    def add_stage(self) -> None:
        name, ok = QInputDialog.getText(self, self.windowTitle(), translate("PipelineEditor", "Stage name:"))
        added: list[int] = []
        pipelines, pipeline_id = self._services.pipelines, self.pipeline.currentData()
        if ok and self._run(lambda: added.append(pipelines.add_stage(pipeline_id, name, 50, None))):
            self._stage_undo(undo_texts.stage_added_text(name.strip()), added[0], added=True)
            self._load_stages()

    def _stage_undo(self, text: str, stage_id: int, *, added: bool) -> None:
        """In the window, Edit ▸ Undo deletes a stage just added (if it is still empty) or brings
        back an empty stage just deleted."""
        pipelines = self._services.pipelines
        def remove() -> None:
            pipelines.delete_stage(stage_id)

        def restore() -> None:
            pipelines.restore_stage(stage_id)

        record_done(self, self._services, text, *((restore, remove) if added else (remove, restore)))

    def delete_stage(self) -> None:
        stage_id = self._stage_id(self.stages.currentRow())
        if stage_id is None:
            return
        held = self._services.pipelines.deals_in_stage(stage_id)
        move_to = None
        if held:
            move_to = self._ask_target(stage_id, held)
            if move_to is None:
                return
        name = LABELS.stage(self._services.pipelines.stage(stage_id))
        pipelines = self._services.pipelines
        done: list = []  # the deletion as last done (a redo does it again)
        if self._run(lambda: done.append(pipelines.remove_stage(stage_id, move_to))):
            if not held:
                self._stage_undo(undo_texts.stage_deleted_text(name), stage_id, added=False)
            else:  # undo brings the stage back with the deals that moved out of it

                def again() -> None:
                    done.append(pipelines.remove_stage(stage_id, move_to))

                record_done(self, self._services, undo_texts.stage_deleted_text(name), again,
                            lambda: pipelines.undo_remove_stage(done[-1]))
            self._load_stages()

    def _ask_target(self, stage_id: int, held: int) -> int | None:
        pipeline = self._services.pipelines.get(self.pipeline.currentData())
        others = [s for s in pipeline.stages if s.id != stage_id]
        if not others:
            return None
        text = (
            translate("PipelineEditor", "This stage holds 1 open deal. Move it to:")
            if held == 1
            else translate("PipelineEditor", "This stage holds %1 open deals. Move them to:").replace(
                "%1", str(held)
            )
        )
        names = [LABELS.stage(s) for s in others]
        chosen, ok = QInputDialog.getItem(self, self.windowTitle(), text, names, 0, False)
        return others[names.index(chosen)].id if ok else None

    def move_stage(self, step: int) -> None:
        row = self.stages.currentRow()
        ids = [self._stage_id(r) for r in range(self.stages.rowCount())]
        target = row + step
        if row < 0 or not 0 <= target < len(ids):
            return
        before = list(ids)
        ids[row], ids[target] = ids[target], ids[row]
        pipeline_id = self.pipeline.currentData()
        if self._run(lambda: self._services.pipelines.reorder_stages(pipeline_id, ids)):
            name = LABELS.stage(self._services.pipelines.stage(ids[target]))
            setting_changed(self, self._services, undo_texts.stage_moved_text(name),
                            self._services.pipelines.put_stage_order, pipeline_id, before, ids)
            self._load_stages()
            self.stages.setCurrentCell(target, 0)

    def new_pipeline(self) -> None:
        name, ok = QInputDialog.getText(
            self, self.windowTitle(), translate("PipelineEditor", "Pipeline name:")
        )
        if not ok:
            return
        stages = [
            (translate("Pipeline", "Lead"), *DEFAULT_STAGES[0]),
            (translate("Pipeline", "Qualified"), *DEFAULT_STAGES[1]),
            (translate("Pipeline", "Proposal/Quote"), *DEFAULT_STAGES[2]),
            (translate("Pipeline", "Negotiation"), *DEFAULT_STAGES[3]),
        ]
        created: list[int] = []
        if self._run(lambda: created.append(self._services.pipelines.create(name, stages))):
            self._pipeline_undo(undo_texts.created_text("pipeline", name.strip()), created[0], created=True)
            self._load_pipelines(created[0])

    def _pipeline_undo(self, text: str, pipeline_id: int, *, created: bool) -> None:
        """In the window, Edit ▸ Undo removes a pipeline just made (if it holds no deals yet) or
        brings back one just deleted, with its stages."""
        pipelines = self._services.pipelines

        def remove() -> None:
            pipelines.delete(pipeline_id)

        def restore() -> None:
            pipelines.restore(pipeline_id)

        record_done(self, self._services, text, *((restore, remove) if created else (remove, restore)))

    def rename_pipeline(self) -> None:
        name, ok = QInputDialog.getText(
            self,
            self.windowTitle(),
            translate("PipelineEditor", "Pipeline name:"),
            text=self.pipeline.currentText(),
        )
        pipeline_id, shown = self.pipeline.currentData(), self.pipeline.currentText()
        before = self._services.pipelines.get(pipeline_id).name if ok else ""
        if ok and self._run(lambda: self._services.pipelines.rename(pipeline_id, name)):
            self._renamed(self._services.pipelines.put_name, pipeline_id, shown, before,
                          self._services.pipelines.get(pipeline_id).name)
            self._load_pipelines()

    def _renamed(self, put, record_id: int, shown: str, before: str, after: str) -> None:
        """In the window, Edit ▸ Undo gives a pipeline or a lost reason its earlier name (stored as
        ``before``, shown as ``shown``) back."""
        from ..undo.records import setting_changed
        from ..undo.texts import rename_text

        setting_changed(self, self._services, rename_text(shown, after), put, record_id, before, after)

    def delete_pipeline(self) -> None:
        pipeline_id, name = self.pipeline.currentData(), self.pipeline.currentText()
        try:
            self._services.pipelines.delete(pipeline_id)
        except StageInUseError:
            QMessageBox.warning(
                self,
                self.windowTitle(),
                translate(
                    "PipelineEditor", "This pipeline still holds open deals. Move or close them first."
                ),
            )
            return
        except CrmError as exc:
            QMessageBox.warning(self, self.windowTitle(), error_text(exc))
            return
        self._pipeline_undo(undo_texts.delete_text("pipeline", 1, name), pipeline_id, created=False)
        self._load_pipelines(None)

    # -- lost reasons ----------------------------------------------------------------------
    def _reasons_tab(self) -> QWidget:
        tab = QWidget(self)
        self.reasons = QListWidget(tab)
        side = QVBoxLayout()
        for text, slot in (
            (translate("PipelineEditor", "Add…"), self.add_reason),
            (translate("PipelineEditor", "Rename…"), self.rename_reason),
            (translate("PipelineEditor", "Delete"), self.delete_reason),
        ):
            button = QPushButton(text, tab)
            button.clicked.connect(slot)
            side.addWidget(button)
        side.addStretch(1)
        layout = QHBoxLayout(tab)
        layout.addWidget(self.reasons, 1)
        layout.addLayout(side)
        return tab

    def _load_reasons(self) -> None:
        self.reasons.clear()
        for reason in self._services.pipelines.lost_reasons():
            item = QListWidgetItem(LABELS.reason(reason), self.reasons)
            item.setData(Qt.ItemDataRole.UserRole, reason.id)

    def add_reason(self) -> None:
        name, ok = QInputDialog.getText(self, self.windowTitle(), translate("PipelineEditor", "Lost reason:"))
        added: list[int] = []
        if ok and self._run(lambda: added.append(self._services.pipelines.add_lost_reason(name))):
            self._reason_undo(undo_texts.created_text("lost_reason", name.strip()), added[0], added=True)
            self._load_reasons()

    def _reason_undo(self, text: str, reason_id: int, *, added: bool) -> None:
        """In the window, Edit ▸ Undo removes a lost reason just added or offers one just deleted again."""
        pipelines = self._services.pipelines

        def remove() -> None:
            pipelines.delete_lost_reason(reason_id)

        def restore() -> None:
            pipelines.restore_lost_reason(reason_id)

        record_done(self, self._services, text, *((restore, remove) if added else (remove, restore)))

    def rename_reason(self) -> None:
        item = self.reasons.currentItem()
        if item is None:
            return
        name, ok = QInputDialog.getText(
            self, self.windowTitle(), translate("PipelineEditor", "Lost reason:"), text=item.text()
        )
        reason_id = item.data(Qt.ItemDataRole.UserRole)
        before, shown = self._reason_name(reason_id), item.text()
        if ok and self._run(lambda: self._services.pipelines.rename_lost_reason(reason_id, name)):
            self._renamed(self._services.pipelines.put_reason_name, reason_id, shown, before,
                          self._reason_name(reason_id))
            self._load_reasons()

    def _reason_name(self, reason_id: int) -> str:
        return next((r.name for r in self._services.pipelines.lost_reasons() if r.id == reason_id), "")

    def delete_reason(self) -> None:
        item = self.reasons.currentItem()
        if item is not None and self._run(
            lambda: self._services.pipelines.delete_lost_reason(item.data(Qt.ItemDataRole.UserRole))
        ):
            text = undo_texts.delete_text("lost_reason", 1, item.text())
            self._reason_undo(text, item.data(Qt.ItemDataRole.UserRole), added=False)
            self._load_reasons()

    @classmethod
    def ask(
        cls, parent, services: Services, pipeline_id: int | None = None, *, reasons: bool = False
    ) -> None:
        """The editor on the pipeline (or, with ``reasons``, on the lost reasons list)."""
        editor = cls(services, pipeline_id, parent)
        if reasons:
            editor.tabs.setCurrentIndex(1)
        try:
            editor.exec()
        finally:
            editor.deleteLater()
