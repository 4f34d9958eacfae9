"""The dashboard: every figure grouped in SQL, kept until the data changes, and exported to .xlsx."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from ..core.dashboard import STALE_DAYS, Dashboard, DashboardQuery
from ..storage.dashboard import activity_condition, deal_condition, new_records_condition, stale_condition
from .changes import Change
from .context import ServiceContext
from .targets import TargetService

# Changes that cannot alter a figure: the cache is kept.
_IRRELEVANT = frozenset({"settings", "segment", "notification"})
# Overdue tasks and quiet customers move with the clock: figures older than this are computed again.
MAX_AGE = dt.timedelta(minutes=5)


class DashboardService:
    def __init__(self, ctx: ServiceContext, targets: TargetService | None = None) -> None:
        self.ctx = ctx
        self.store = ctx.storage.dashboard
        self.targets = targets or TargetService(ctx)
        self._cache: dict[tuple[DashboardQuery, bool], tuple[dt.datetime, Dashboard]] = {}
        self._lock = threading.Lock()
        ctx.changes.subscribe(self._on_change)

    def _on_change(self, change: Change) -> None:
        if change.entity not in _IRRELEVANT:
            with self._lock:
                self._cache.clear()

    def currencies(self) -> list[str]:
        with self.ctx.read():
            return self.ctx.storage.deals.currencies()

    def default_currency(self) -> str:
        found = self.currencies()
        return found[0] if found else (self.ctx.settings.currency or "USD")

    def load(self, query: DashboardQuery, *, complete: bool = True) -> Dashboard:
        """The figures for ``query`` (the currency defaults to the one most deals use); a repeat
        of the same query before anything changed is answered from memory. ``complete=False``
        leaves out the figures that read every person (``Dashboard.complete`` is then False)."""
        if not query.currency:
            query = query.with_(currency=self.default_currency())
        now = self.ctx.clock.now()
        with self._lock:
            cached = self._cache.get((query, True)) or (None if complete else self._cache.get((query, False)))
        if cached is not None and now - cached[0] < MAX_AGE:
            return cached[1]
        result = self._compute(query, complete)
        with self._lock:
            self._cache[(query, complete)] = (now, result)
        return result

    def _compute(self, q: DashboardQuery, complete: bool) -> Dashboard:
        now = self.ctx.clock.now()
        day_end = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time())
        board = Dashboard(q, q.currency, complete=complete)
        with self.ctx.read():
            board.stages = self.store.stages(q)
            board.forecast = self.store.forecast(q)
            board.won_lost = self.store.won_lost(q)
            board.lost_reasons = self.store.lost_reasons(q)
            board.activities = self.store.activities(q)
            board.overdue_tasks, board.due_today_tasks = self.store.tasks_due(q, now, day_end)
            board.top_customers = self.store.top_customers(q)
            board.currencies = self.ctx.storage.deals.currencies()
            if complete:
                board.new_records = self.store.new_records(q)
                board.stale_customers = self.store.stale_customers(q, now, STALE_DAYS)
        board.targets = self.targets.progress(q.owner_id)
        return board

    # -- the records behind a figure -------------------------------------------------------
    def deal_condition(self, query: DashboardQuery, figure: str, key: object) -> tuple[str, tuple]:
        return deal_condition(query, figure, key)

    def record_condition(self, query: DashboardQuery, figure: str, month: str | None = None,
                         source: str | tuple | None = None, week: str = "",
                         kind: str = "") -> tuple[str, tuple]:
        """People or companies behind a figure, as a condition a list query carries: "new"
        (created in the period, ``month``, ``source``), "stale" (no interaction in 30+ days) or
        "activity" (people with an activity of ``kind`` in the week starting ``week``)."""
        if figure == "activity":
            return activity_condition(week, kind, query.owner_id)
        if figure == "stale":
            sql, params = stale_condition(self.ctx.clock.now(), STALE_DAYS)
            if query.owner_id is not None:
                return f"{sql} AND owner_id = ?", (*params, query.owner_id)
            return sql, params
        if figure == "new":
            return new_records_condition(query, month, source)
        raise ValueError(f"unknown figure {figure!r}")

    def deal_count(self, condition: tuple[str, tuple]) -> int:
        with self.ctx.read():
            return self.store.deal_count(condition)

    def deal_page(self, condition: tuple[str, tuple], sort: str, descending: bool, offset: int,
                  limit: int) -> list[tuple]:
        with self.ctx.read():
            return self.store.deal_page(condition, sort, descending, offset, limit)

    # -- export ----------------------------------------------------------------------------
    def export_xlsx(self, board: Dashboard, path: Path, sheets: list[tuple[str, list, list[list]]]) -> None:
        """Write the figures as one sheet each: ``sheets`` is [(title, [(header, kind)], rows)] as the
        window names them in the user's language."""
        from ..interchange.writers import ColumnSpec, XlsxWriter, currency_format, sheet_title

        tmp = path.with_name(path.name + ".part")
        writer = XlsxWriter(tmp)
        try:
            taken: list[str] = []
            for title, columns, rows in sheets:
                name = sheet_title(title, taken)
                taken.append(name)
                writer.begin_sheet(name, [ColumnSpec(h, kind, number_format=currency_format(board.currency)
                                                     if kind == "money" else "") for h, kind in columns])
                writer.write_rows(rows)
            writer.close()
        except BaseException:
            writer.abort()
            tmp.unlink(missing_ok=True)
            raise
        tmp.replace(path)
