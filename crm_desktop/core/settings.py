"""User settings, kept as a small JSON file beside the database.

Written atomically (temporary file + rename) so a crash or a full disk never
leaves a half-written file; an unreadable file falls back to defaults and says so.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

log = logging.getLogger(__name__)

LANGUAGES = ("", "en", "zh_CN")  # "" follows the system locale
CURRENCIES = ("CNY", "USD", "EUR", "GBP", "JPY", "HKD", "TWD", "SGD", "AUD", "CAD", "CHF")


@dataclass
class Settings:
    language: str = ""
    default_region: str = ""  # ISO 3166 code for phone numbers; "" = from the system locale
    currency: str = ""  # ISO 4217; "" = from the system locale
    current_user_id: int | None = None
    contact_columns: list[str] = field(default_factory=list)  # empty = the default set
    company_columns: list[str] = field(default_factory=list)
    # Backups and privacy.
    backup_dir: str = ""  # "" = the backups folder beside the database
    backup_keep_recent: int = 5
    backup_keep_daily: int = 7
    backup_keep_weekly: int = 4
    backup_keep_monthly: int = 12
    lock_after_minutes: int = 0  # 0 = never lock the app when idle
    passphrase_in_keychain: bool = False
    # Reminders: closing the window keeps the app in the tray; the first time, a message says so.
    close_to_tray: bool = True
    close_to_tray_told: bool = False
    start_with_system: bool = False  # an autostart entry, started minimised to the tray
    hot_lead_threshold: int = 50
    attachment_limit_mb: int = 100  # the largest file a user can attach
    window_geometry: str = ""  # the main window's place and size when it was last closed (Qt, base64)

    @classmethod
    def load(cls, path: Path) -> Settings:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            log.warning("settings file %s unreadable (%s); using defaults", path, exc)
            return cls()
        if not isinstance(raw, dict):
            return cls()
        known = {f.name for f in fields(cls)}
        settings = cls()
        for key, value in raw.items():
            if key in known and _fits(getattr(settings, key), value):
                setattr(settings, key, value)
        return settings

    def save(self, path: Path) -> None:
        import tempfile  # only here: loading settings happens at start-up, saving does not

        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".settings-", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(asdict(self), fh, ensure_ascii=False, indent=2)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def _fits(default, value) -> bool:
    """Whether a value read from the file has the type of the field's default."""
    if default is None:  # the optional fields hold record ids
        return value is None or (isinstance(value, int) and not isinstance(value, bool))
    return isinstance(value, type(default))


def region_from_locale(locale_name: str) -> str:
    """'zh_CN' → 'CN', 'en-US' → 'US', 'C' → ''."""
    for sep in ("_", "-"):
        if sep in locale_name:
            region = locale_name.split(sep)[1].split(".")[0].upper()
            return region if len(region) == 2 and region.isalpha() else ""
    return ""


_REGION_CURRENCY = {
    "CN": "CNY", "US": "USD", "GB": "GBP", "JP": "JPY", "HK": "HKD", "TW": "TWD", "SG": "SGD",
    "AU": "AUD", "CA": "CAD", "CH": "CHF", "DE": "EUR", "FR": "EUR", "IT": "EUR", "ES": "EUR",
    "NL": "EUR", "IE": "EUR", "AT": "EUR", "BE": "EUR", "FI": "EUR", "PT": "EUR",
}


def currency_for_region(region: str) -> str:
    return _REGION_CURRENCY.get(region, "USD")
