"""The Simplified Chinese catalogue is complete, covers every string in the UI, and is compiled."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "update_translations.py"
spec = importlib.util.spec_from_file_location("update_translations", SCRIPT)
translations = importlib.util.module_from_spec(spec)
sys.modules["update_translations"] = translations
spec.loader.exec_module(translations)


@pytest.mark.parametrize("language", translations.LANGUAGES)
def test_catalogue_has_no_unfinished_entries(language):
    assert translations.ts_path(language).is_file()
    assert translations.unfinished(translations.ts_path(language)) == []


@pytest.mark.parametrize("language", translations.LANGUAGES)
def test_catalogue_covers_every_string_in_the_interface(language):
    assert translations.untranslated_sources(language) == set()


@pytest.mark.parametrize("language", translations.LANGUAGES)
def test_compiled_catalogue_matches_the_source_catalogue(language, tmp_path):
    fresh = tmp_path / "fresh.qm"
    translations.lrelease(translations.ts_path(language), fresh)
    assert translations.qm_path(language).read_bytes() == fresh.read_bytes()


def test_chinese_interface_is_loaded(qapp):
    from crm_desktop.ui.i18n import install_translators

    installed = install_translators(qapp, QLocale("zh_CN"))
    try:
        assert QCoreApplication.translate("MainWindow", "People") == "联系人"
        assert "不是有效的电子邮件地址" in QCoreApplication.translate(
            "Messages", "“%1” is not a valid e-mail address.")
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
        QLocale.setDefault(QLocale("en_US"))


def test_a_system_without_a_locale_gets_us_english_numbers_and_amounts():
    from crm_desktop.ui.i18n import choose_locale, usable

    english = usable(QLocale.c())
    assert english.toCurrencyString(59400.0, "$", 0) == "$59,400"
    assert english.toString(1234567) == "1,234,567"
    assert usable(QLocale("zh_CN")).name() == "zh_CN"  # a real locale is kept
    assert choose_locale("", "zh_CN").name() == "zh_CN"
    assert choose_locale("", None) != QLocale.c()
