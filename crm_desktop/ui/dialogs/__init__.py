"""Dialogs for entering and editing records, and for the application settings."""

from .company_dialog import CompanyDialog
from .contact_dialog import ContactDialog
from .settings_dialog import SettingsDialog

__all__ = ["CompanyDialog", "ContactDialog", "SettingsDialog"]
