"""What the person and company dialogs share: scrolling form, inline errors, save and cancel."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import CrmError, EditConflict, FieldError, ValidationError
from ...core.records import DuplicateHit
from ...services import Services
from ..messages import error_text
from .conflict import ConflictChoice, ask_conflict
from .form import (
    FORM_STYLE,
    ErrorBoard,
    FieldBox,
    add_row,
    line_edit,
    make_note_label,
    new_form,
    notes_edit,
    owner_combo,
    section_title,
)
from .tag_editor import TagEdit

log = logging.getLogger(__name__)


class RecordDialog(QDialog):
    """Base of the record dialogs. Subclasses build the form and convert it to and from a draft.

    ``saved(int)`` is emitted with the record id once the record is stored.
    """

    saved = Signal(int)

    def __init__(self, services: Services, record_id: int | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.record_id = record_id
        self.errors = ErrorBoard()
        self._baseline: object = None
        self.read_at = None  # the record's updated_at when it was read: an edit saves from there
        self.setStyleSheet(FORM_STYLE)
        self.banner = make_note_label("errorBanner")
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.form = new_form()
        self.body_layout.addLayout(self.form)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.body)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setToolTip(self.tr("Save (Ctrl+Enter)"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter", QKeySequence.StandardKey.Save):
            QShortcut(QKeySequence(keys), self, self.save)

    # -- to be provided by subclasses ------------------------------------------------------
    def build_draft(self):
        raise NotImplementedError

    def _service(self):
        raise NotImplementedError

    def _new_duplicates(self, draft) -> list[DuplicateHit]:
        return []

    def _duplicate_text(self, hits: Sequence[DuplicateHit]) -> str:
        raise NotImplementedError

    def reload(self) -> None:
        """Read the record again (after someone else saved it) and show it unchanged."""
        self._load_initial(self.record_id, None)
        self.mark_clean()

    def _confirm_duplicates(self, hits: Sequence[DuplicateHit]) -> bool:
        """Ask whether to save although similar records exist; Cancel is the default."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Possible duplicate"),
                          self._duplicate_text(hits), parent=self)
        save = box.addButton(self.tr("Save anyway"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is save

    # -- building --------------------------------------------------------------------------
    def _section(self, title: str) -> QFormLayout:
        """Start a titled section; all sections share one form so their labels line up."""
        self.form.addRow(section_title(title))
        return self.form

    def _field(self, form: QFormLayout, name: str, label: str, editor: QWidget) -> FieldBox:
        """Add a labelled input whose errors for draft field ``name`` show under it."""
        box = FieldBox(editor)
        add_row(form, label, box, editor)
        self.errors.register(name, box)
        return box

    def _add_common_fields(self, form: QFormLayout, entity: str) -> None:
        """Source, owner, tags, notes and the entity's custom fields: the same for every record."""
        translate = QCoreApplication.translate  # one context for both dialogs: the text is shared
        self.source_edit = line_edit(translate("RecordDialog", "e.g. Referral, Website, Trade fair"))
        self._field(form, "source", translate("RecordDialog", "Source"), self.source_edit)
        self.owner_combo = owner_combo((u.id, u.name) for u in self.services.lookups.users())
        self._field(form, "owner_id", translate("RecordDialog", "Owner"), self.owner_combo)
        self.tag_edit = TagEdit()
        self.tag_edit.set_known_tags(t.name for t in self.services.lookups.tags())
        self._field(form, "tags", translate("RecordDialog", "Tags"), self.tag_edit)
        self.notes_edit = notes_edit()
        self._field(form, "notes", translate("RecordDialog", "Notes"), self.notes_edit)
        self.custom_edits = self._add_custom_fields(form, entity)

    def _add_custom_fields(self, form: QFormLayout, entity: str) -> dict[int, QLineEdit]:
        edits = {}
        for field_id, _key, label, _type in self.services.lookups.custom_fields(entity):
            edits[field_id] = line_edit()
            add_row(form, label, edits[field_id])
        return edits

    # -- state -----------------------------------------------------------------------------
    def fit_to_screen(self, width: int, height: int) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            available = screen.availableGeometry()
            width = min(width, int(available.width() * 0.9))
            height = min(height, int(available.height() * 0.9))
        self.resize(width, height)

    def mark_clean(self) -> None:
        """Take the form as it is now as the unchanged state (after loading a record)."""
        self._baseline = self.build_draft()

    def is_dirty(self) -> bool:
        return self.build_draft() != self._baseline

    # -- saving ----------------------------------------------------------------------------
    def _on_buttons_accepted(self) -> None:
        self.save()

    def save(self) -> bool:
        """Validate, warn about duplicates, store. On any problem the dialog stays open as it is."""
        draft = self.build_draft()
        service = self._service()
        try:
            service.validate(draft)
            self.clear_errors()
            hits = self._new_duplicates(draft)
            if hits and not self._confirm_duplicates(hits):
                return False
            if self.record_id is None:
                self.record_id = service.create(draft)
            elif not self._update(service, draft):
                return False
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return False
        except CrmError as exc:
            log.warning("saving failed: %s", exc)
            self._show_error(exc)
            return False
        self._baseline = draft
        self.saved.emit(self.record_id)
        self.accept()
        return True

    def _update(self, service, draft) -> bool:
        """Save an edit made from ``read_at``; if someone else saved the record meanwhile,
        ask whether to reload it or overwrite their changes (False: not saved)."""
        try:
            self.read_at = service.update(self.record_id, draft, self.read_at)
            return True
        except EditConflict as exc:
            choice = ask_conflict(self, exc)
        if choice is ConflictChoice.OVERWRITE:
            self.read_at = service.update(self.record_id, draft)
            return True
        if choice is ConflictChoice.RELOAD:
            self.reload()
        return False

    def show_errors(self, errors: Sequence[FieldError]) -> None:
        first, unplaced = self.errors.show(errors)
        lines = [self.tr("Please correct the highlighted fields."), *unplaced]
        self.banner.setText("\n".join(lines))
        self.banner.show()
        if first is not None:
            self.scroll.ensureWidgetVisible(first)
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear_errors(self) -> None:
        self.errors.clear()
        self.banner.clear()
        self.banner.hide()

    def _show_error(self, exc: CrmError) -> None:
        QMessageBox.warning(self, self.tr("Not saved"), error_text(exc))

    # -- cancelling ------------------------------------------------------------------------
    def reject(self) -> None:
        if self.is_dirty() and not self._confirm_discard():
            return
        super().reject()

    def _confirm_discard(self) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Discard changes?"),
                          self.tr("You have unsaved changes. Close without saving them?"),
                          parent=self)
        discard = box.addButton(self.tr("Discard changes"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("Keep editing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is discard


def ask_dialog(dialog_factory, parent: QWidget | None) -> int | None:
    """Run a record dialog; the saved record's id, or None when cancelled or it cannot open."""
    try:
        dialog = dialog_factory()
    except CrmError as exc:
        QMessageBox.warning(parent, QGuiApplication.applicationDisplayName(), error_text(exc))
        return None
    try:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.record_id if accepted else None
    finally:
        dialog.deleteLater()

