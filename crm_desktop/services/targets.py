"""Per-owner targets (won value per month, activities per week) and how far each owner is."""

from __future__ import annotations

import datetime as dt

from ..core.dashboard import TARGET_METRICS, Target, TargetProgress, week_start
from ..core.errors import FieldError, ValidationError
from ..core.forecast import add_months
from .changes import Change
from .context import ServiceContext


class TargetService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.store = ctx.storage.dashboard

    def targets(self) -> list[Target]:
        with self.ctx.read():
            return self.store.targets()

    def set_target(self, owner_id: int, metric: str, amount: int, currency: str = "") -> None:
        """Set an owner's target; an amount of 0 removes it."""
        if metric not in TARGET_METRICS:
            raise ValidationError([FieldError("metric", "invalid", metric)])
        if amount < 0:
            raise ValidationError([FieldError("amount", "invalid", str(amount))])
        with self.ctx.write():
            self.store.set_target(Target(owner_id, metric, amount, currency), self.ctx.clock.now())
        self.ctx.changes.emit(Change("target", "update", (owner_id,)))

    def progress(self, owner_id: int | None = None) -> list[TargetProgress]:
        """Each target against this month's won value or this week's activities (as of the clock)."""
        now = self.ctx.clock.now()
        month = dt.datetime.combine(now.date().replace(day=1), dt.time())
        week = dt.datetime.combine(week_start(now.date()), dt.time())
        with self.ctx.read():
            targets = [t for t in self.store.targets() if owner_id is None or t.owner_id == owner_id]
            names = {u.id: u.name for u in self.ctx.storage.users.all()}
            won: dict[str, dict[int, int]] = {}
            for currency in {t.currency for t in targets if t.metric == "won_value"}:
                won[currency] = self.store.won_by_owner(
                    month, dt.datetime.combine(add_months(month.date(), 1), dt.time()), currency)
            done = (self.store.activities_by_owner(week.date(), week.date() + dt.timedelta(days=7))
                    if any(t.metric == "activities" for t in targets) else {})
        return [TargetProgress(t, names.get(t.owner_id, ""),
                               won.get(t.currency, {}).get(t.owner_id, 0) if t.metric == "won_value"
                               else done.get(t.owner_id, 0)) for t in targets]
