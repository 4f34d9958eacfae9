"""The forecast: expected revenue by month, how each stage converts, and why deals are lost."""

from __future__ import annotations

import datetime as dt

from ..core.forecast import Forecast, add_months, month_key
from .context import ServiceContext

GROUPINGS = ("", "owner", "pipeline")


class ForecastService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.store = ctx.storage.forecast

    def forecast(self, currency: str, start: dt.date | None = None, months: int = 6, group_by: str = "",
                 pipeline_id: int | None = None, owner_id: int | None = None,
                 history_months: int = 12) -> Forecast:
        """``months`` months from the month of ``start`` (default: this month): open deals by
        expected close (weighted) and won deals by close date, grouped by owner or pipeline.

        Win rates, time to close and lost reasons cover deals closed from ``history_months``
        before that window to its end; they count every owner (closed deals are counted per
        stage, reason and month as they close, not per owner).
        """
        if group_by not in GROUPINGS:
            raise ValueError(f"unknown grouping {group_by!r}")
        first = add_months(start or self.ctx.clock.today(), 0)
        end = add_months(first, months)
        since = add_months(first, -history_months)
        with self.ctx.read():
            cells = self.store.months(currency, first, end, group_by, pipeline_id, owner_id)
            stages = self.store.stages(since, end, pipeline_id)
            reasons = self.store.lost_reasons(currency, since, end, pipeline_id)
            overdue = self.store.overdue(currency, first, group_by, pipeline_id, owner_id)
        labels = [month_key(add_months(first, i)) for i in range(months)]
        return Forecast(currency, labels, group_by, cells, stages, reasons, overdue)
