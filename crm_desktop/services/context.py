"""What every service needs: storage, settings, a clock, and the change feed."""

from __future__ import annotations

import contextlib
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
