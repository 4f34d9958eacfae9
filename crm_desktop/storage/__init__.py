"""Persistence: the only layer that imports Peewee or speaks SQL."""

from __future__ import annotations

from pathlib import Path

from .activities import ActivityStore
from .attachments import AttachmentStore
from .cases import CaseStore
from .companies import CompanyStore
from .contacts import ContactStore, ContactWrite
from .dashboard import DashboardStore
from .database import Database
from .deals import DealStore
from .duplicates import DuplicateStore
from .forecast import ForecastStore
from .history import HistoryStore
from .imports import ImportStore
from .merge import MergeStore
from .orders import OrderStore
from .pipelines import PipelineStore
from .relationships import RelationshipStore
from .rules import FollowRuleStore, ScoreStore
from .search import SearchIndex
from .segments import SegmentStore
from .tags import CustomFieldStore, TagStore, UserStore
from .tasks import TaskStore
from .timeline import CustomerStore, TimelineStore

__all__ = ["ActivityStore", "CompanyStore", "ContactStore", "ContactWrite", "CustomFieldStore", "Database",
           "SearchIndex", "Storage", "TagStore", "UserStore"]


class Storage:
    """Everything storage offers over one open database."""

    def __init__(self, database: Database) -> None:
        self.database = database
        db = database.db
        self.index = SearchIndex(db)
        self.contacts = ContactStore(db, self.index)
        self.companies = CompanyStore(db, self.index)
        self.tags = TagStore(db)
        self.users = UserStore(db)
        self.custom_fields = CustomFieldStore(db)
        self.activities = ActivityStore(db)
        self.imports = ImportStore(db)
        # The 360° customer view.
        self.timeline = TimelineStore(db)
        self.customers = CustomerStore(db)
        self.orders = OrderStore(db)
        self.cases = CaseStore(db)
        self.attachments = AttachmentStore(db)
        self.relationships = RelationshipStore(db)
        self.history = HistoryStore(db)
        # Segments, duplicates and merges.
        self.segments = SegmentStore(db)
        self.duplicates = DuplicateStore(db)
        self.merges = MergeStore(db, self.index)
        self.pipelines = PipelineStore(db)
        self.deals = DealStore(db)
        self.forecast = ForecastStore(db)
        # Reminders, follow-up rules and lead scoring.
        self.tasks = TaskStore(db)
        self.rules = FollowRuleStore(db)
        self.scores = ScoreStore(db)
        # The dashboard and per-owner targets.
        self.dashboard = DashboardStore(db)

    @classmethod
    def open(cls, path: Path, **kwargs) -> Storage:
        return cls(Database(path, **kwargs).open())

    def write(self):
        """A write transaction that takes the write lock up front (no upgrade deadlocks)."""
        return self.database.db.atomic("IMMEDIATE")

    def close(self) -> None:
        self.database.close()
