"""What the dashboard shows: the period and owner it covers, and the figures grouped in SQL."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from .forecast import add_months

PERIODS = ("month", "quarter", "year", "custom")
STALE_DAYS = 30  # a customer with no call, email or meeting for this long is "going cold"
TARGET_METRICS = ("won_value", "activities")  # won value per month, activities per week


def period_range(period: str, today: dt.date, start: dt.date | None = None,
                 end: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """[first day, day after the last) of this month, quarter or year, or of a custom range
    (``start`` to ``end`` inclusive)."""
    if period == "month":
        first = today.replace(day=1)
        return first, add_months(first, 1)
    if period == "quarter":
        first = dt.date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
        return first, add_months(first, 3)
    if period == "year":
        return dt.date(today.year, 1, 1), dt.date(today.year + 1, 1, 1)
    if period == "custom" and start is not None and end is not None:
        low, high = min(start, end), max(start, end)
        return low, high + dt.timedelta(days=1)
    raise ValueError(f"unknown period {period!r}")


def months_between(start: dt.date, end: dt.date) -> list[str]:
    """"YYYY-MM" of every month that has a day in [start, end)."""
    out, month = [], start.replace(day=1)
    while month < end:
        out.append(f"{month.year:04d}-{month.month:02d}")
        month = add_months(month, 1)
    return out


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@dataclass(frozen=True)
class DashboardQuery:
    start: dt.date
    end: dt.date  # exclusive
    owner_id: int | None = None
    currency: str = ""

    def with_(self, **changes) -> DashboardQuery:
        return replace(self, **changes)


@dataclass(frozen=True)
class StageValue:
    stage_id: int
    name: str
    key: str
    deals: int
    value_minor: int
    weighted_minor: int


@dataclass(frozen=True)
class MonthValue:
    month: str
    deals: int
    value_minor: int
    weighted_minor: int


@dataclass(frozen=True)
class WonLost:
    month: str
    won: int
    won_minor: int
    lost: int
    lost_minor: int

    @property
    def win_rate(self) -> float | None:
        return self.won / (self.won + self.lost) if self.won + self.lost else None


@dataclass(frozen=True)
class ReasonCount:
    reason: str
    deals: int
    value_minor: int


@dataclass(frozen=True)
class NewRecords:
    entity: str  # "contact" | "company"
    month: str
    source: str
    count: int


@dataclass(frozen=True)
class ActivityCount:
    owner_id: int | None
    week: str  # the Monday, "YYYY-MM-DD"
    kind: str
    count: int


@dataclass(frozen=True)
class Customer:
    kind: str  # "company" | "contact"
    record_id: int
    name: str
    revenue_minor: int


@dataclass(frozen=True)
class Target:
    owner_id: int
    metric: str  # one of TARGET_METRICS
    amount: int  # minor units for won value, a count for activities
    currency: str = ""


@dataclass(frozen=True)
class TargetProgress:
    target: Target
    owner_name: str
    achieved: int

    @property
    def ratio(self) -> float:
        return self.achieved / self.target.amount if self.target.amount > 0 else 0.0


@dataclass
class Dashboard:
    query: DashboardQuery
    currency: str
    stages: list[StageValue] = field(default_factory=list)
    forecast: list[MonthValue] = field(default_factory=list)
    won_lost: list[WonLost] = field(default_factory=list)
    lost_reasons: list[ReasonCount] = field(default_factory=list)
    new_records: list[NewRecords] = field(default_factory=list)
    activities: list[ActivityCount] = field(default_factory=list)
    overdue_tasks: int = 0
    due_today_tasks: int = 0
    top_customers: list[Customer] = field(default_factory=list)
    stale_customers: int = 0
    targets: list[TargetProgress] = field(default_factory=list)
    # False: the figures that read every person (new by source, no contact in 30+ days) are not
    # in yet; the page shows the others first.
    complete: bool = True
    currencies: list[str] = field(default_factory=list)  # of the deals, the most used first

    @property
    def open_minor(self) -> int:
        return sum(s.value_minor for s in self.stages)

    @property
    def weighted_minor(self) -> int:
        return sum(s.weighted_minor for s in self.stages)

    @property
    def open_deals(self) -> int:
        return sum(s.deals for s in self.stages)

    @property
    def won_minor(self) -> int:
        return sum(m.won_minor for m in self.won_lost)

    @property
    def win_rate(self) -> float | None:
        won, lost = sum(m.won for m in self.won_lost), sum(m.lost for m in self.won_lost)
        return won / (won + lost) if won + lost else None

    def months(self) -> list[str]:
        return months_between(self.query.start, self.query.end)
