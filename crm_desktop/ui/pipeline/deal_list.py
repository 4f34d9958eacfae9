"""The deals of the board as a list: a windowed table, sorted in SQL, filtered like the board."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QObject
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from ...core.deals import DealFilter
from ...core.query import ListQuery
from ...services import Services
from ..bridge import ChangeBridge
from ..list_widgets import configure_table_view
from ..table_models import CachedRow, Column, RecordTableModel, date_text, stamp
from .common import LABELS, money

translate = QCoreApplication.translate


class DealSource:
    """What RecordTableModel reads from: the deals of the current filter, in a ListQuery's order."""

    def __init__(self, services: Services, flt: DealFilter) -> None:
        self.services = services
        self.filter = flt
        self.stage_names: dict[int, str] = {}
        self.load_stage_names()

    def load_stage_names(self) -> None:
        self.stage_names = {
            s.id: LABELS.stage(s) for p in self.services.pipelines.pipelines() for s in p.stages
        }

    def count(self, query: ListQuery) -> int:
        return self.services.deals.count(self.filter)

    def page(self, query: ListQuery, offset: int, limit: int) -> list[tuple]:
        return self.services.deals.page(self.filter, query.sort, query.descending, offset, limit)

    def tags_for(self, ids) -> dict[int, list[str]]:
        return self.services.deals.tags_for(ids)


class DealTableModel(RecordTableModel):
    COLUMNS = tuple(
        Column(key, key, True, width)
        for key, width in (
            ("title", 220),
            ("company", 160),
            ("contact", 140),
            ("stage", 120),
            ("value", 110),
            ("probability", 80),
            ("expected_close", 110),
            ("owner", 110),
            ("status", 80),
            ("updated", 110),
        )
    )
    ENTITY = "deal"
    RELATED = frozenset({"company", "contact", "user", "pipeline"})

    def __init__(
        self,
        services: Services,
        bridge: ChangeBridge | None = None,
        parent: QObject | None = None,
        flt: DealFilter | None = None,
    ) -> None:
        self.source = DealSource(services, flt or DealFilter(status=""))
        super().__init__(services, bridge, parent)
        self._active, self._stale = True, False
        # The most recently changed first; nothing is read yet, so no reload is needed.
        self._query = self._requested = ListQuery(sort="updated", descending=True)

    def _source(self):
        return self.source

    def set_filter(self, flt: DealFilter) -> None:
        self.source.filter = flt
        if self._active:
            self.refresh(recount=True)
        else:
            self._stale = True

    def set_active(self, active: bool) -> None:
        """A list not on screen reads nothing; it catches up when shown again."""
        self._active = active
        if active and self._stale:
            self._stale = False
            self.refresh(recount=True)

    def _header_texts(self) -> tuple[str, ...]:
        return (
            translate("DealList", "Title"),
            translate("DealList", "Organisation"),
            translate("DealList", "Person"),
            translate("DealList", "Stage"),
            translate("DealList", "Value"),
            translate("DealList", "Probability"),
            translate("DealList", "Expected close"),
            translate("DealList", "Owner"),
            translate("DealList", "Status"),
            translate("DealList", "Updated"),
        )

    @classmethod
    def _build_rows(
        cls, source, users: dict[int, str], raws: list[tuple], locale: QLocale
    ) -> list[CachedRow]:
        tags = source.tags_for([r[0] for r in raws]) if raws else {}
        statuses = {"open": translate("DealList", "Open"), "won": LABELS.won(), "lost": LABELS.lost()}
        rows = []
        for (
            deal_id,
            title,
            company,
            contact,
            stage_id,
            value,
            currency,
            probability,
            close,
            owner_id,
            status,
            updated,
        ) in raws:
            updated_at = stamp(updated)
            close_text = locale.toString(_date(close), QLocale.FormatType.ShortFormat) if close else ""
            display = (
                title,
                company,
                contact,
                source.stage_names.get(stage_id, ""),
                money(value, currency, locale),
                f"{probability} %",
                close_text,
                users.get(owner_id, ""),
                statuses.get(status, status),
                date_text(updated_at, locale),
            )
            sort = (
                title,
                company,
                contact,
                stage_id,
                value,
                probability,
                close or "",
                owner_id,
                status,
                updated,
            )
            rows.append(CachedRow(deal_id, display, sort, tuple(tags.get(deal_id, ()))))
        return rows

    def _on_bridge_changed(self, change) -> None:
        if change.entity == "pipeline":
            self.source.load_stage_names()
        if not self._active and change.entity in (self.ENTITY, "all", *self.RELATED):
            self._stale = True
            return
        super()._on_bridge_changed(change)


def _date(text: str):
    import datetime as dt

    return dt.date.fromisoformat(text[:10])


def make_deal_table(model: DealTableModel, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    configure_table_view(view, model)  # the look and speed of the other lists
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    return view
