import json
import logging
from pathlib import Path

import pytest

from crm_desktop.core.settings import (
    Settings,
    currency_for_region,
    region_from_locale,
)


def _full() -> Settings:
    return Settings(language="zh_CN", default_region="CN", currency="CNY", current_user_id=3,
                    contact_columns=["name", "email"], company_columns=["name", "city"])


def test_round_trip(tmp_path: Path):
    path = tmp_path / "settings.json"
    _full().save(path)
    assert Settings.load(path) == _full()


def test_file_is_readable_json_with_unicode_kept(tmp_path: Path):
    path = tmp_path / "settings.json"
    Settings(contact_columns=["名字"]).save(path)
    raw = path.read_text(encoding="utf-8")
    assert "名字" in raw
    assert json.loads(raw)["contact_columns"] == ["名字"]


def test_missing_file_gives_defaults(tmp_path: Path):
    assert Settings.load(tmp_path / "nothing.json") == Settings()


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe\x00garbage", b"[1, 2]", b"null", b""])
def test_unreadable_file_gives_defaults(tmp_path: Path, content: bytes, caplog):
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    with caplog.at_level(logging.WARNING):
        assert Settings.load(path) == Settings()


def test_corrupt_file_is_reported_in_the_log(tmp_path: Path, caplog):
    path = tmp_path / "settings.json"
    path.write_text("{oops", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="crm_desktop.core.settings"):
        Settings.load(path)
    assert [r.levelno for r in caplog.records] == [logging.WARNING]
    assert str(path) in caplog.records[0].getMessage()


def test_wrong_types_and_unknown_keys_are_ignored(tmp_path: Path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({
        "language": 5, "default_region": "GB", "currency": None, "current_user_id": "7",
        "contact_columns": "name", "company_columns": ["name"], "window": {"x": 1},
    }), encoding="utf-8")
    assert Settings.load(path) == Settings(default_region="GB", company_columns=["name"])


@pytest.mark.parametrize(("stored", "loaded"), [(4, 4), (None, None), (True, None), (2.5, None)])
def test_current_user_id_accepts_only_an_id(tmp_path: Path, stored, loaded):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"current_user_id": stored}), encoding="utf-8")
    assert Settings.load(path).current_user_id == loaded


def test_save_creates_the_folder_and_leaves_no_temporary_file(tmp_path: Path):
    path = tmp_path / "new" / "settings.json"
    _full().save(path)
    _full().save(path)
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]


def test_failed_save_keeps_the_old_file_and_no_temporary_file(tmp_path: Path):
    path = tmp_path / "settings.json"
    _full().save(path)
    before = path.read_bytes()
    broken = Settings(contact_columns=[object()])  # not JSON-serialisable: fails mid-write
    with pytest.raises(TypeError):
        broken.save(path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


@pytest.mark.parametrize(("locale_name", "region"), [
    ("zh_CN", "CN"), ("en-US", "US"), ("en_GB.UTF-8", "GB"), ("C", ""), ("POSIX", ""),
    ("sr_RS@latin", ""), ("", ""),
])
def test_region_from_locale(locale_name, region):
    assert region_from_locale(locale_name) == region


def test_currency_for_region():
    assert currency_for_region("CN") == "CNY"
    assert currency_for_region("DE") == "EUR"
    assert currency_for_region("JP") == "JPY"
    assert currency_for_region("") == "USD"
