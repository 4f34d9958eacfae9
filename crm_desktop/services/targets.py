"""Per-owner targets (won value per month, activities per week) and how far each owner is."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from ..core.dashboard import TARGET_METRICS, Target, TargetProgress, week_start
from ..core.errors import EditConflict, FieldError, ValidationError
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
        target = Target(owner_id, metric, amount, currency)
        _check(target)
        with self.ctx.write():
            self.store.set_target(target, self.ctx.clock.now())
        self.ctx.changes.emit(Change("target", "update", (owner_id,)))

    def owner_targets(self, owner_id: int) -> tuple[Target, ...]:
        """One owner's targets, by metric (none for a metric without one)."""
        with self.ctx.read():
            return tuple(self.store.owner_targets(owner_id))

    def set_targets(self, owner_id: int, targets: Sequence[Target]) -> tuple[tuple[Target, ...],
                                                                           tuple[Target, ...]]:
        """Set several of an owner's targets in one transaction (an amount of 0 removes one), as the
        Targets dialog saves them; returns the owner's targets before and after, for Undo."""
        for target in targets:
            _check(target)
        with self.ctx.write():
            before = tuple(self.store.owner_targets(owner_id))
            now = self.ctx.clock.now()
            for target in targets:
                self.store.set_target(replace(target, owner_id=owner_id), now)
            after = tuple(self.store.owner_targets(owner_id))
        self.ctx.changes.emit(Change("target", "update", (owner_id,)))
        return before, after

    def put_targets(self, owner_id: int, wanted: Sequence[Target], expected: Sequence[Target],
                    name: str = "") -> None:
        """Give an owner back the targets ``wanted`` (the undo or redo of a save in the Targets
        dialog), only if the owner's targets are still ``expected``: the same amounts and currencies
        (EditConflict naming the owner ``name``, and nothing written, otherwise)."""
        with self.ctx.write():
            if tuple(self.store.owner_targets(owner_id)) != tuple(expected):
                raise EditConflict("target", owner_id, name)
            kept = {t.metric: t for t in wanted}
            now = self.ctx.clock.now()
            for metric in TARGET_METRICS:
                self.store.set_target(kept.get(metric, Target(owner_id, metric, 0)), now)
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


def _check(target: Target) -> None:
    if target.metric not in TARGET_METRICS:
        raise ValidationError([FieldError("metric", "invalid", target.metric)])
    if target.amount < 0:
        raise ValidationError([FieldError("amount", "invalid", str(target.amount))])
