"""What every service needs: storage, settings, a clock, and the change feed."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..core.clock import Clock
from ..core.settings import Settings
from ..storage import Storage
from ..storage.errors import translated_errors
from .changes import ChangeFeed


@dataclass
class ServiceContext:
    storage: Storage
    settings: Settings
    settings_path: Path | None = None
    clock: Clock = field(default_factory=Clock)
    changes: ChangeFeed = field(default_factory=ChangeFeed)
    fallback_region: str = "US"

    @property
    def region(self) -> str:
        return self.settings.default_region or self.fallback_region

    @contextlib.contextmanager
    def write(self) -> Iterator[None]:
        """One write transaction; environment errors come out as StorageError."""
        with translated_errors(str(self.storage.database.path)), self.storage.write():
            yield

    @contextlib.contextmanager
    def read(self) -> Iterator[None]:
        with translated_errors(str(self.storage.database.path)):
            yield


def later_than(now: dt.datetime, read_at: dt.datetime | None) -> dt.datetime:
    """The time to stamp an edit of a record read at ``read_at`` with: ``now``, but always after
    ``read_at``, so an edit in the same clock tick still changes the stamp others compare with."""
    if read_at is None or now > read_at:
        return now
    return read_at + dt.timedelta(microseconds=1)
