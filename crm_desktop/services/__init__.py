"""Use cases over storage: one object per area, all sharing one ServiceContext."""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..core.clock import Clock
from ..core.errors import DataDirError
from ..core.paths import DataPaths
from ..core.records import Counts
from ..core.settings import Settings
from ..storage import Storage
from .activities import ActivityService
from .attachments import AttachmentService
from .backups import BackupService
from .cases import CaseService
from .changes import Change, ChangeFeed
from .companies import CompanyService
from .contacts import ContactService
from .context import ServiceContext
from .dashboard import DashboardService
from .deals import DealService
from .duplicates import DuplicateService
from .edits import EditService
from .exports import ExportService
from .forecast import ForecastService
from .history import HistoryService
from .imports import ImportService
from .lookups import LookupService
from .merge import MergeService
from .orders import OrderService
from .pipelines import PipelineService
from .privacy import PrivacyService
from .relationships import RelationshipService
from .reminders import ReminderService
from .rules import RuleService
from .scoring import ScoringService
from .search import SearchService
from .segments import SegmentService
from .targets import TargetService
from .tasks import SUBSCRIPTION_NAME, TaskService
from .timeline import TimelineService
from .trash import TrashService

__all__ = ["Change", "ChangeFeed", "Info", "ServiceContext", "Services", "ensure_data_dir"]


def ensure_data_dir(root: Path) -> None:
    """Create the data folder (private to the user) and check that it can be written."""
    try:
        root.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, probe = tempfile.mkstemp(prefix=".write-test-", dir=root)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise DataDirError(str(root), exc.strerror or str(exc)) from exc


log = logging.getLogger(__name__)

@dataclass(frozen=True)
class Info:
    data_dir: Path
    database: Path
    schema_version: int
    size_bytes: int
    counts: Counts


class Services:
    def __init__(self, ctx: ServiceContext, paths: DataPaths | None = None) -> None:
        self.ctx = ctx
        self.paths = paths
        self.contacts = ContactService(ctx)
        self.companies = CompanyService(ctx)
        self.lookups = LookupService(ctx)
        self.search = SearchService(ctx)
        self.trash = TrashService(ctx, self.contacts, self.companies)
        self.edits = EditService(ctx, self.contacts, self.companies)  # undoable edits
        self.activities = ActivityService(ctx)
        self.exports = ExportService(ctx)
        self.imports = ImportService(ctx, self.contacts, self.companies)
        # The sales pipeline.
        self.pipelines = PipelineService(ctx)
        self.deals = DealService(ctx, self.activities)
        self.forecast = ForecastService(ctx)
        # The 360° customer view.
        self.timeline = TimelineService(ctx)
        self.orders = OrderService(ctx)
        self.cases = CaseService(ctx, self.activities)
        self.attachments = AttachmentService(ctx, paths.attachments if paths is not None else None)
        self.relationships = RelationshipService(ctx)
        self.history = HistoryService(ctx)
        # Reminders, follow-up rules and lead scoring.
        self.tasks = TaskService(ctx, self.activities)
        if paths is not None:
            self.tasks.subscription_path = paths.root / SUBSCRIPTION_NAME
        self.reminders = ReminderService(ctx, self.tasks)
        self.rules = RuleService(ctx, self.tasks)
        self.scoring = ScoringService(ctx)
        # Segments, duplicates and merges.
        self.segments = SegmentService(ctx, {"contact": self.contacts, "company": self.companies},
                                       getattr(self, "tasks", None))
        self.duplicates = DuplicateService(ctx)
        self.merges = MergeService(ctx, self.activities)
        # Backups, restore, encryption.
        self.backups = BackupService(ctx, paths.backups if paths is not None else None)
        self.trash.backups = self.backups
        self.trash.register("deal", self.deals)
        self.trash.register("activity", self.activities)
        self.trash.register("attachment", self.attachments)
        self.trash.register("task", self.tasks)
        self.trash.register("order", self.orders)  # a new order or case undone goes to the trash
        self.trash.register("case", self.cases)
        self.imports.backups = self.backups
        self.merges.backups = self.backups
        self.privacy = PrivacyService(ctx, paths.attachments if paths is not None else None, self.backups)
        # The dashboard and per-owner targets.
        self.targets = TargetService(ctx)
        self.dashboard = DashboardService(ctx, self.targets)

    @classmethod
    def open(cls, data_dir: Path | DataPaths, *, fallback_region: str = "US", clock: Clock | None = None,
             busy_timeout_ms: int = 5000, passphrase: str | None = None) -> Services:
        paths = data_dir if isinstance(data_dir, DataPaths) else DataPaths(data_dir)
        ensure_data_dir(paths.root)
        settings = Settings.load(paths.settings)
        backup_dir = Path(settings.backup_dir).expanduser() if settings.backup_dir else paths.backups
        storage = Storage.open(paths.database, busy_timeout_ms=busy_timeout_ms,
                               backup_dir=backup_dir, passphrase=passphrase)
        if paths.database.exists():
            # Customer data is private to the user; a file owned by someone else stays as it is.
            with contextlib.suppress(OSError):
                os.chmod(paths.database, 0o600)
        ctx = ServiceContext(storage, settings, paths.settings, clock or Clock(),
                             fallback_region=fallback_region)
        services = cls(ctx, paths)
        services.lookups.ensure_current_user()
        services.history.remember_user()
        return services

    @property
    def changes(self) -> ChangeFeed:
        return self.ctx.changes

    @property
    def settings(self) -> Settings:
        return self.ctx.settings

    @property
    def database_path(self) -> Path:
        return self.ctx.storage.database.path

    def save_settings(self) -> None:
        if self.ctx.settings_path is not None:
            self.ctx.settings.save(self.ctx.settings_path)
        self.ctx.changes.emit(Change("settings", "update"))

    def remember_window(self, geometry: str) -> None:
        """Keep where the main window was and how large, for the next start. Not a setting the user
        chose, so nothing is told of it; a file that cannot be written only loses this."""
        if self.ctx.settings.window_geometry == geometry:
            return
        self.ctx.settings.window_geometry = geometry
        if self.ctx.settings_path is not None:
            try:
                self.ctx.settings.save(self.ctx.settings_path)
            except OSError:
                log.warning("could not keep the window's place in %s", self.ctx.settings_path, exc_info=True)

    def seed_demo(self, **kwargs) -> tuple[int, int]:
        from .demo import seed_demo  # the sample-data generator (~10 ms to import) is needed only here

        return seed_demo(self.ctx, self.contacts, self.companies, self.lookups, **kwargs)

    def counts(self) -> Counts:
        storage = self.ctx.storage
        with self.ctx.read():
            trashed = len(storage.contacts.trashed()) + len(storage.companies.trashed())
            return Counts(storage.contacts.count(), storage.companies.count(),
                          storage.tags.count(), storage.users.count(), trashed)

    def info(self) -> Info:
        db = self.ctx.storage.database
        size = db.path.stat().st_size if db.path.exists() else 0
        return Info(db.path.parent, db.path, db.schema_version(), size, self.counts())

    def close(self) -> None:
        self.ctx.storage.close()
