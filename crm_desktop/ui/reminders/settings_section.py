"""The Reminders part of the Settings dialog: tray, start with the system, hot leads, rules."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtWidgets import QCheckBox, QFormLayout, QMessageBox, QPushButton, QSpinBox, QWidget

from ...core import autostart
from ...core.settings import Settings
from ...services import Services
from ..dialogs.form import add_row, section_title

log = logging.getLogger(__name__)


class ReminderSettings(QWidget):
    """Rows added to the Settings form; ``apply`` writes them into the settings being saved."""

    def __init__(self, services: Services, form: QFormLayout, parent: QWidget | None = None, *,
                 command: Sequence[str] | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.command = list(command) if command is not None else autostart.app_command([autostart.MINIMIZED])
        form.addRow(section_title(self.tr("Reminders")))
        self.tray_check = QCheckBox(self.tr("Keep running in the system tray when the window is closed"))
        form.addRow("", self.tray_check)
        self.autostart_check = QCheckBox(self.tr("Start crm-desktop when I log in (in the tray)"))
        form.addRow("", self.autostart_check)
        self.threshold_spin = QSpinBox()
        self.threshold_spin.setRange(1, 1000)
        add_row(form, self.tr("Hot leads score at least"), self.threshold_spin)
        self.rules_button = QPushButton(self.tr("Follow-up rules and lead scoring…"))
        self.rules_button.setAutoDefault(False)
        self.rules_button.clicked.connect(self._on_rules_button_clicked)
        form.addRow("", self.rules_button)
        self.hide()  # only the rows show
        self.load(services.settings)

    def load(self, settings: Settings) -> None:
        self.tray_check.setChecked(settings.close_to_tray)
        self.autostart_check.setChecked(settings.start_with_system)
        self.threshold_spin.setValue(settings.hot_lead_threshold)

    def apply(self, settings: Settings) -> None:
        settings.close_to_tray = self.tray_check.isChecked()
        settings.start_with_system = self.autostart_check.isChecked()
        settings.hot_lead_threshold = self.threshold_spin.value()
        self.services.scoring.threshold = settings.hot_lead_threshold

    def sync_autostart(self, **where) -> bool:
        """Write or remove the autostart entry to match the setting; False (and a message) on failure."""
        try:
            if self.autostart_check.isChecked():
                autostart.enable(self.command, **where)
            else:
                autostart.disable(**where)
        except OSError as exc:
            log.warning("autostart entry not changed: %s", exc)
            QMessageBox.warning(self, self.tr("Settings"), self.tr(
                "The autostart entry could not be written: %1").replace("%1", exc.strerror or str(exc)))
            return False
        return True

    def _on_rules_button_clicked(self) -> None:
        from .rules_dialog import RulesDialog

        RulesDialog.ask(self.window(), self.services)
