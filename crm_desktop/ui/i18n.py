"""Loading the translation catalogues for the chosen (or the system's) language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..core.resources import resource_path

CATALOGUE = "crm_desktop"


def choose_locale(setting: str, override: str | None = None) -> QLocale:
    """--lang wins, then the setting, then the system locale."""
    name = override or setting
    return QLocale(name) if name else usable(QLocale.system())


def usable(locale: QLocale) -> QLocale:
    """``locale``, or US English for the POSIX "C" locale of a system set up with none, whose
    numbers have no group separators and whose amounts read "59400$"."""
    if locale == QLocale.c():
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return locale


def install_translators(app: QCoreApplication, locale: QLocale) -> list[QTranslator]:
    """Install our catalogue and Qt's own (standard buttons, dialogs) for ``locale``.

    Returns the translators (the caller keeps them alive). English needs none.
    """
    QLocale.setDefault(locale)
    installed: list[QTranslator] = []
    if locale.language() == QLocale.Language.English:
        return installed
    ours = QTranslator(app)
    if ours.load(locale, CATALOGUE, "_", str(resource_path("translations"))):
        app.installTranslator(ours)
        installed.append(ours)
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    return installed
