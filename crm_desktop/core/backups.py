"""Backups as plain data: what one backup is, how they are named, and which ones rotation keeps.

A backup is one SQLite file ``<stem>-<YYYYmmdd-HHMMSS>-<reason>.sqlite3`` in the backup
folder, with a small JSON manifest beside it (``….json``) saying when it was made, why,
whether the copy passed ``PRAGMA integrity_check`` and how many records it holds.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

BACKUP_SUFFIX = ".sqlite3"
MANIFEST_SUFFIX = ".json"
STAMP_FORMAT = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"^(?P<stem>.+?)-(?P<stamp>\d{8}-\d{6})(?:-(?P<reason>[a-z0-9][a-z0-9-]*))?$")

# Why a backup was made; other reasons (e.g. "before-migration-3") are kept as written.
REASON_MANUAL = "manual"
REASON_DAILY = "daily"
REASON_BEFORE_RESTORE = "before-restore"
REASON_BEFORE_IMPORT = "before-import"
REASON_BEFORE_DELETE = "before-delete"
REASON_BEFORE_MERGE = "before-merge"
REASON_BEFORE_ENCRYPTION = "before-encryption"
REASON_BEFORE_ERASE = "before-erase"


@dataclass(frozen=True)
class RotationPolicy:
    """How many backups to keep: the newest ``recent`` always, then one per day, week and month.

    Like the grandfather-father-son scheme of backup tools: for each of the last ``daily``
    days that have a backup the newest of that day is kept, and so on for ISO weeks and
    months. A backup kept by any rule stays.
    """

    recent: int = 5
    daily: int = 7
    weekly: int = 4
    monthly: int = 12

    def keeps(self, stamps: Sequence[dt.datetime]) -> set[int]:
        """Indexes into ``stamps`` of the backups to keep."""
        order = sorted(range(len(stamps)), key=lambda i: stamps[i], reverse=True)
        kept = set(order[: max(self.recent, 1)])  # the newest always stays, whatever the settings
        for count, bucket in ((self.daily, _day), (self.weekly, _week), (self.monthly, _month)):
            kept |= _newest_per_bucket(order, stamps, bucket, count)
        return kept


def _day(stamp: dt.datetime) -> tuple:
    return (stamp.year, stamp.month, stamp.day)


def _week(stamp: dt.datetime) -> tuple:
    year, week, _ = stamp.isocalendar()
    return (year, week)


def _month(stamp: dt.datetime) -> tuple:
    return (stamp.year, stamp.month)


def _newest_per_bucket(order: Iterable[int], stamps: Sequence[dt.datetime], bucket, count: int) -> set[int]:
    kept: set[int] = set()
    seen: set[tuple] = set()
    for index in order:  # newest first
        if len(seen) >= count:
            break
        key = bucket(stamps[index])
        if key not in seen:
            seen.add(key)
            kept.add(index)
    return kept


@dataclass(frozen=True)
class BackupCounts:
    contacts: int = 0
    companies: int = 0
    deals: int = 0
    activities: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"contacts": self.contacts, "companies": self.companies, "deals": self.deals,
                "activities": self.activities}

    @classmethod
    def from_dict(cls, raw: dict) -> BackupCounts:
        return cls(**{k: int(raw.get(k, 0) or 0) for k in ("contacts", "companies", "deals", "activities")})


@dataclass(frozen=True)
class BackupInfo:
    """One backup file as the backup list shows it."""

    path: str
    created_at: dt.datetime  # naive UTC
    reason: str
    size_bytes: int
    verified: bool | None = None  # None: not checked yet (a backup made by an older version)
    counts: BackupCounts | None = None
    encrypted: bool = False
    schema_version: int = 0
    problems: list[str] = field(default_factory=list)
    check: str = ""  # "integrity_check", or "quick_check" for a backup made right before a change

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


def backup_name(stem: str, when: dt.datetime, reason: str) -> str:
    return f"{stem}-{when.strftime(STAMP_FORMAT)}-{safe_reason(reason)}{BACKUP_SUFFIX}"


def safe_reason(reason: str) -> str:
    """A reason usable in a file name: lower-case letters, digits and dashes."""
    cleaned = re.sub(r"[^a-z0-9]+", "-", reason.lower()).strip("-")
    return cleaned[:40] or REASON_MANUAL


def parse_backup_name(name: str) -> tuple[dt.datetime, str] | None:
    """(time, reason) from a backup's file name; None for a file that is not a backup."""
    if not name.endswith(BACKUP_SUFFIX):
        return None
    match = _NAME.match(name[: -len(BACKUP_SUFFIX)])
    if match is None:
        return None
    try:
        when = dt.datetime.strptime(match["stamp"], STAMP_FORMAT)
    except ValueError:
        return None
    return when, match["reason"] or REASON_MANUAL


def is_due(last: dt.datetime | None, now: dt.datetime, every: dt.timedelta = dt.timedelta(days=1)) -> bool:
    """Whether the automatic backup on start is due."""
    return last is None or now - last >= every
