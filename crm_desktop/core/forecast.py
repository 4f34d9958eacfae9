"""What the forecast shows: revenue by month, how stages convert, why deals are lost."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


def month_key(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def add_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` after the month of ``day``."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class ForecastCell:
    """One month of one group (an owner, a pipeline, or everything when the group is None)."""

    month: str  # "YYYY-MM"
    group_id: int | None
    open_count: int
    open_minor: int
    weighted_minor: int
    won_count: int
    won_minor: int

    @property
    def expected_minor(self) -> int:
        """What the month should bring: what is won plus the weighted open deals."""
        return self.won_minor + self.weighted_minor


@dataclass(frozen=True)
class StageStat:
    stage_id: int
    reached: int  # closed deals that were ever in the stage
    won: int
    lost: int
    avg_days_to_close: float | None  # won deals: from first entering the stage to closing

    @property
    def win_rate(self) -> float | None:
        return self.won / self.reached if self.reached else None


@dataclass(frozen=True)
class LostReasonStat:
    reason: str
    count: int
    value_minor: int


@dataclass
class Forecast:
    currency: str
    months: list[str]
    group_by: str  # "" | "owner" | "pipeline"
    cells: list[ForecastCell] = field(default_factory=list)
    stages: list[StageStat] = field(default_factory=list)
    lost_reasons: list[LostReasonStat] = field(default_factory=list)
    overdue: list[ForecastCell] = field(default_factory=list)  # open, expected to close before the window

    def groups(self) -> list[int | None]:
        return list(dict.fromkeys(c.group_id for c in self.cells))

    def cell(self, month: str, group_id: int | None) -> ForecastCell | None:
        return next((c for c in self.cells if c.month == month and c.group_id == group_id), None)

    def month_total(self, month: str) -> ForecastCell:
        parts = [c for c in self.cells if c.month == month]
        return ForecastCell(month, None, sum(c.open_count for c in parts), sum(c.open_minor for c in parts),
                            sum(c.weighted_minor for c in parts), sum(c.won_count for c in parts),
                            sum(c.won_minor for c in parts))
