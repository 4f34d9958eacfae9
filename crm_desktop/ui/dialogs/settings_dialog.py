"""Application settings: language, default country for phone numbers, currency, data folders."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from pathlib import Path

import phonenumbers
from PySide6.QtCore import QCollator, QLocale, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...core.settings import CURRENCIES, currency_for_region
from ...services import Services
from .form import (
    FORM_STYLE,
    add_row,
    fill_combo,
    make_note_label,
    new_form,
    section_title,
    select_data,
)

log = logging.getLogger(__name__)


@functools.cache
def region_name(code: str, language: QLocale.Language = QLocale.Language.English) -> str:
    """A region's name in ``language`` where Qt knows it, else in English; with its own name too."""
    territory = QLocale.codeToTerritory(code)
    if territory == QLocale.Country.AnyTerritory:
        return code
    name = QLocale.territoryToString(territory)
    in_language = QLocale(language, territory)
    if in_language.territory() == territory and in_language.language() == language:
        name = in_language.nativeTerritoryName() or name
    native = QLocale(QLocale.Language.AnyLanguage, territory)
    own = native.nativeTerritoryName() if native.territory() == territory else ""
    return f"{name} – {own}" if own and own != name else name


def region_choices(language: QLocale.Language = QLocale.Language.English) -> list[tuple[str, str]]:
    """(code, "China (+86)") for every region phone numbers can belong to, sorted by name."""
    collator = QCollator(QLocale(language))
    named = [(region_name(code, language), code) for code in phonenumbers.SUPPORTED_REGIONS]
    named.sort(key=lambda pair: collator.sortKey(pair[0]))
    return [(code, f"{name} (+{phonenumbers.country_code_for_region(code)})") for name, code in named]


class SettingsDialog(QDialog):
    """Use ``SettingsDialog.ask``. ``opener`` opens a folder; replace it to open folders elsewhere."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.opener: Callable[[QUrl], bool] = QDesktopServices.openUrl
        self.setWindowTitle(self.tr("Settings"))
        self.setStyleSheet(FORM_STYLE)
        self.form = new_form()
        self._build_general()
        self._build_reminders()
        self._build_folders()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._load()
        self.resize(640, self.sizeHint().height())

    @classmethod
    def ask(cls, parent: QWidget | None, services: Services) -> bool:
        """Show the dialog; True when the user saved the settings."""
        dialog = cls(services, parent)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()

    # -- building --------------------------------------------------------------------------
    def _build_general(self) -> None:
        self.form.addRow(section_title(self.tr("General")))
        self.language_combo = QComboBox()
        fill_combo(self.language_combo, [("", self.tr("System language")), ("en", "English"),
                                         ("zh_CN", "简体中文")])
        self.restart_label = make_note_label("fieldHint")
        self.restart_label.setText(self.tr("The new language is used after you restart crm-desktop."))
        add_row(self.form, self.tr("Language"), self.language_combo)
        self.form.addRow("", self.restart_label)
        self.language_combo.currentIndexChanged.connect(self._on_language_combo_current_index_changed)
        self.region_combo = QComboBox()
        language = QLocale().language()
        automatic = self.tr("Automatic (%1)").replace("%1", region_name(self._fallback_region(), language))
        fill_combo(self.region_combo, [("", automatic), *region_choices(language)])
        self.region_combo.setMaxVisibleItems(20)
        add_row(self.form, self.tr("Default country for phone numbers"), self.region_combo)
        self.region_hint = make_note_label("fieldHint")
        self.region_hint.setText(self.tr("Phone numbers typed without a country code belong to this "
                                         "country."))
        self.region_hint.show()
        self.form.addRow("", self.region_hint)
        self.currency_combo = QComboBox()
        automatic = self.tr("Automatic (%1)").replace(
            "%1", currency_for_region(self.services.ctx.region))
        fill_combo(self.currency_combo, [("", automatic), *self._currency_choices()])
        add_row(self.form, self.tr("Currency"), self.currency_combo)

    def _build_reminders(self) -> None:
        from ..reminders.settings_section import ReminderSettings

        self.reminders = ReminderSettings(self.services, self.form, self)

    def _fallback_region(self) -> str:
        return self.services.ctx.fallback_region

    def _currency_choices(self) -> list[tuple[str, str]]:
        names = {
            "CNY": self.tr("Chinese yuan"), "USD": self.tr("US dollar"), "EUR": self.tr("Euro"),
            "GBP": self.tr("British pound"), "JPY": self.tr("Japanese yen"),
            "HKD": self.tr("Hong Kong dollar"), "TWD": self.tr("New Taiwan dollar"),
            "SGD": self.tr("Singapore dollar"), "AUD": self.tr("Australian dollar"),
            "CAD": self.tr("Canadian dollar"), "CHF": self.tr("Swiss franc"),
        }
        return [(code, f"{code} – {names[code]}" if code in names else code) for code in CURRENCIES]

    def _build_folders(self) -> None:
        paths = self.services.paths
        if paths is None:
            return
        self.form.addRow(section_title(self.tr("Data")))
        self.attachment_limit = QSpinBox()
        self.attachment_limit.setRange(1, 4096)
        self.attachment_limit.setSuffix(self.tr(" MB"))
        add_row(self.form, self.tr("Largest file to attach"), self.attachment_limit)
        self.folder_buttons: dict[str, QPushButton] = {}
        for key, label, path in (("data", self.tr("Data folder"), paths.root),
                                 ("backups", self.tr("Backups"), self.services.backups.folder),
                                 ("logs", self.tr("Log files"), paths.logs)):
            self.folder_buttons[key] = self._add_folder_row(label, path)

    def _add_folder_row(self, label: str, path: Path) -> QPushButton:
        edit = QLineEdit(str(path))
        edit.setReadOnly(True)
        edit.setToolTip(str(path))
        button = QPushButton(self.tr("Open folder"))
        button.setAutoDefault(False)
        button.setEnabled(path.is_dir())
        if not path.is_dir():
            button.setToolTip(self.tr("The folder does not exist yet."))
        button.clicked.connect(lambda: self._open_folder(path))
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(edit, 1)
        line.addWidget(button)
        add_row(self.form, label, row, edit)
        return button

    # -- values ----------------------------------------------------------------------------
    def _load(self) -> None:
        settings = self.services.settings
        select_data(self.language_combo, settings.language, settings.language)
        select_data(self.region_combo, settings.default_region, settings.default_region)
        select_data(self.currency_combo, settings.currency, settings.currency)
        if hasattr(self, "attachment_limit"):
            self.attachment_limit.setValue(settings.attachment_limit_mb)
        self.restart_label.hide()

    def _open_folder(self, path: Path) -> None:
        if not self.opener(QUrl.fromLocalFile(str(path))):
            QMessageBox.warning(self, self.tr("Settings"),
                                self.tr("The folder %1 could not be opened.").replace("%1", str(path)))

    def _on_language_combo_current_index_changed(self, _index: int) -> None:
        changed = self.language_combo.currentData() != self.services.settings.language
        self.restart_label.setVisible(changed)

    def _on_buttons_accepted(self) -> None:
        if self.save():
            self.accept()

    def save(self) -> bool:
        settings = self.services.settings
        before = (settings.language, settings.default_region, settings.currency, settings.attachment_limit_mb)
        settings.language = self.language_combo.currentData()
        settings.default_region = self.region_combo.currentData()
        settings.currency = self.currency_combo.currentData()
        if hasattr(self, "attachment_limit"):
            settings.attachment_limit_mb = self.attachment_limit.value()
        self.reminders.apply(settings)
        try:
            self.services.save_settings()
        except OSError as exc:
            log.warning("settings not saved: %s", exc)
            (settings.language, settings.default_region, settings.currency,
             settings.attachment_limit_mb) = before
            QMessageBox.warning(self, self.tr("Settings"), self.tr(
                "The settings could not be saved: %1").replace("%1", exc.strerror or str(exc)))
            return False
        return self.reminders.sync_autostart()
