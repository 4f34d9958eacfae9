"""The dashboard's figures, each one GROUP BY query; and the conditions that list a figure's records."""

from __future__ import annotations

import datetime as dt

import peewee as pw

from ..core.activities import INTERACTION_KINDS
from ..core.dashboard import (
    ActivityCount,
    Customer,
    DashboardQuery,
    MonthValue,
    NewRecords,
    ReasonCount,
    StageValue,
    Target,
    WonLost,
)
from .common import ts
from .deals import _FROM as DEAL_FROM
from .deals import DEAL_SORT_KEYS

_INTERACTIONS = ", ".join(f"'{k}'" for k in INTERACTION_KINDS)
# What the team did: logged calls, e-mails, meetings and notes (not stage changes or system entries).
_LOGGED = ", ".join(f"'{k}'" for k in (*INTERACTION_KINDS, "note"))
_WEIGHTED = "sum((d.value_minor * coalesce(d.probability, s.probability, 0) + 50) / 100)"
# Revenue: won deals by close date, plus payments on orders that are not part of a won deal
# (that deal's value counts instead), the way the customer page adds it up.
_PAID_OUTSIDE_WON = ("o.deleted_at IS NULL AND o.status != 'cancelled' AND (o.deal_id IS NULL OR o.deal_id "
                     "NOT IN (SELECT id FROM deal WHERE status = 'won' AND deleted_at IS NULL))")


def _day(value: dt.date) -> str:
    return value.isoformat()


def _stamp(value: dt.date) -> str:
    return ts(dt.datetime.combine(value, dt.time()))


def _owner(column: str, owner_id: int | None) -> tuple[str, tuple]:
    return ("", ()) if owner_id is None else (f" AND {column} = ?", (owner_id,))


def stale_condition(now: dt.datetime, days: int) -> tuple[str, tuple]:
    """People talked to before, but not by call, e-mail or meeting in the last ``days`` days
    (a condition on the contact table)."""
    return (f"id IN (SELECT contact_id FROM activity WHERE contact_id IS NOT NULL AND deleted_at IS NULL "
            f"AND kind IN ({_INTERACTIONS}) GROUP BY contact_id HAVING max(occurred_at) < ?)",
            (ts(now - dt.timedelta(days=days)),))


def new_records_condition(q: DashboardQuery, month: str | None,
                          source: str | tuple | None) -> tuple[str, tuple]:
    """People or companies created in the period (and ``month``, ``source``), on an unaliased table."""
    parts, params = ["created_at >= ? AND created_at < ?"], [_stamp(q.start), _stamp(q.end)]
    if month is not None:
        parts.append("substr(created_at, 1, 7) = ?")
        params.append(month)
    if isinstance(source, tuple):  # any of several sources
        parts.append(f"source IN ({', '.join('?' * len(source))})")
        params += source
    elif source is not None:
        parts.append("source = ?")
        params.append(source)
    if q.owner_id is not None:
        parts.append("owner_id = ?")
        params.append(q.owner_id)
    return " AND ".join(parts), tuple(params)


def activity_condition(week: str, kind: str, owner_id: int | None) -> tuple[str, tuple]:
    """People with an activity of ``kind`` in the week starting on Monday ``week`` (by ``owner_id``)."""
    start = dt.date.fromisoformat(week)
    owner, params = _owner("owner_id", owner_id)
    return (f"id IN (SELECT contact_id FROM activity WHERE contact_id IS NOT NULL AND deleted_at IS NULL "
            f"AND kind = ? AND occurred_at >= ? AND occurred_at < ?{owner})",
            (kind, _stamp(start), _stamp(start + dt.timedelta(days=7)), *params))


class DashboardStore:
    def __init__(self, db: pw.SqliteDatabase) -> None:
        self.db = db

    # -- the pipeline ----------------------------------------------------------------------
    def stages(self, q: DashboardQuery) -> list[StageValue]:
        """Open deals per stage of every pipeline (pipeline, then stage order)."""
        owner, params = _owner("d.owner_id", q.owner_id)
        rows = self.db.execute_sql(
            f"SELECT s.id, s.name, s.key, count(d.id), coalesce(sum(d.value_minor), 0), "
            f"coalesce({_WEIGHTED}, 0) FROM stage s JOIN pipeline p ON p.id = s.pipeline_id "
            "LEFT JOIN deal d ON d.stage_id = s.id AND d.status = 'open' AND d.deleted_at IS NULL "
            f"AND d.currency = ?{owner} WHERE s.deleted_at IS NULL AND p.deleted_at IS NULL "
            "GROUP BY s.id ORDER BY p.is_default DESC, p.position, p.id, s.position, s.id",
            (q.currency, *params))
        return [StageValue(*r) for r in rows]

    def forecast(self, q: DashboardQuery) -> list[MonthValue]:
        """Open deals by expected close month within the period."""
        owner, params = _owner("d.owner_id", q.owner_id)
        rows = self.db.execute_sql(
            f"SELECT substr(d.expected_close, 1, 7), count(*), sum(d.value_minor), {_WEIGHTED} "
            "FROM deal d INDEXED BY deal_expected LEFT JOIN stage s ON s.id = d.stage_id "
            "WHERE d.status = 'open' AND d.deleted_at IS NULL AND d.expected_close >= ? "
            f"AND d.expected_close < ? AND d.currency = ?{owner} GROUP BY 1 ORDER BY 1",
            (_day(q.start), _day(q.end), q.currency, *params))
        return [MonthValue(*r) for r in rows]

    def won_lost(self, q: DashboardQuery) -> list[WonLost]:
        owner, params = _owner("owner_id", q.owner_id)
        rows = self.db.execute_sql(
            "SELECT substr(closed_at, 1, 7), sum(status = 'won'), sum(CASE WHEN status = 'won' THEN "
            "value_minor ELSE 0 END), sum(status = 'lost'), sum(CASE WHEN status = 'lost' THEN value_minor "
            "ELSE 0 END) FROM deal INDEXED BY deal_closed WHERE status IN ('won', 'lost') "
            f"AND deleted_at IS NULL AND closed_at >= ? AND closed_at < ? AND currency = ?{owner} "
            "GROUP BY 1 ORDER BY 1", (_stamp(q.start), _stamp(q.end), q.currency, *params))
        return [WonLost(*r) for r in rows]

    def lost_reasons(self, q: DashboardQuery) -> list[ReasonCount]:
        owner, params = _owner("owner_id", q.owner_id)
        rows = self.db.execute_sql(
            "SELECT lost_reason, count(*), sum(value_minor) FROM deal INDEXED BY deal_lost "
            "WHERE status = 'lost' AND deleted_at IS NULL AND closed_at >= ? AND closed_at < ? "
            f"AND currency = ?{owner} GROUP BY 1 ORDER BY 2 DESC, 3 DESC, 1",
            (_stamp(q.start), _stamp(q.end), q.currency, *params))
        return [ReasonCount(*r) for r in rows]

    # -- people, companies and the team ----------------------------------------------------
    def new_records(self, q: DashboardQuery) -> list[NewRecords]:
        out = []
        condition, params = new_records_condition(q, None, None)
        for entity, index in (("contact", "contact_new"), ("company", "company_new")):
            rows = self.db.execute_sql(
                f"SELECT substr(created_at, 1, 7), source, count(*) FROM {entity} INDEXED BY {index} "
                f"WHERE deleted_at IS NULL AND {condition} GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2", params)
            out += [NewRecords(entity, month, source, n) for month, source, n in rows]
        return out

    def activities(self, q: DashboardQuery) -> list[ActivityCount]:
        """Calls, e-mails, meetings, notes... per owner and week (weeks start on Monday).

        Read from the counts per day, owner and kind that triggers keep in ``activity_day``
        (migration 0014) and added up per week (the Monday on or before the day) in SQL: a year
        is a few thousand rows, however many activities there are."""
        owner, params = _owner("owner_id", q.owner_id)
        rows = self.db.execute_sql(
            "SELECT date(day, '-6 days', 'weekday 1'), nullif(owner_id, 0), kind, sum(n) FROM activity_day "
            f"WHERE day >= ? AND day < ? AND kind IN ({_LOGGED}) AND n > 0{owner} GROUP BY 1, 2, 3 "
            "ORDER BY 1, owner_id = 0, owner_id, kind", (_day(q.start), _day(q.end), *params))
        return [ActivityCount(owner_id, week, kind, n) for week, owner_id, kind, n in rows]

    def tasks_due(self, q: DashboardQuery, now: dt.datetime, day_end: dt.datetime) -> tuple[int, int]:
        """(overdue, due later today) open tasks."""
        owner, params = _owner("owner_id", q.owner_id)
        row = self.db.execute_sql(
            "SELECT sum(due_at < ?), sum(due_at >= ?) FROM task INDEXED BY task_open WHERE done_at IS NULL "
            f"AND deleted_at IS NULL AND due_at IS NOT NULL AND due_at < ?{owner}",
            (ts(now), ts(now), ts(day_end), *params)).fetchone()
        return row[0] or 0, row[1] or 0

    def top_customers(self, q: DashboardQuery, limit: int = 10) -> list[Customer]:
        owner, params = _owner("owner_id", q.owner_id)
        o_owner = "" if q.owner_id is None else " AND coalesce(co.owner_id, ct.owner_id) = ?"
        rows = self.db.execute_sql(
            "WITH sale(company_id, contact_id, minor) AS ("
            "SELECT company_id, contact_id, value_minor FROM deal INDEXED BY deal_closed "
            "WHERE status = 'won' "
            f"AND deleted_at IS NULL AND closed_at >= ? AND closed_at < ? AND currency = ?{owner} "
            "UNION ALL SELECT o.company_id, o.contact_id, p.amount_minor FROM payment p "
            "JOIN sales_order o ON o.id = p.order_id LEFT JOIN company co ON co.id = o.company_id "
            "LEFT JOIN contact ct ON ct.id = o.contact_id WHERE p.deleted_at IS NULL AND p.paid_at >= ? "
            f"AND p.paid_at < ? AND o.currency = ? AND {_PAID_OUTSIDE_WON}{o_owner}), "
            # Added up per customer (the company, else the person) before any name is looked up:
            # a year of sales is tens of thousands of rows, its customers far fewer.
            "total(kind, id, minor) AS (SELECT CASE WHEN company_id IS NOT NULL THEN 'company' "
            "ELSE 'contact' END, coalesce(company_id, contact_id), sum(minor) FROM sale GROUP BY 1, 2) "
            "SELECT t.kind, t.id, coalesce(co.name, ct.full_name, ''), t.minor FROM total t "
            "LEFT JOIN company co ON t.kind = 'company' AND co.id = t.id AND co.deleted_at IS NULL "
            "LEFT JOIN contact ct ON t.kind = 'contact' AND ct.id = t.id AND ct.deleted_at IS NULL "
            "WHERE coalesce(co.id, ct.id) IS NOT NULL ORDER BY 4 DESC, 3 LIMIT ?",
            (_stamp(q.start), _stamp(q.end), q.currency, *params,
             _stamp(q.start), _stamp(q.end), q.currency, *params, limit))
        return [Customer(*r) for r in rows]

    def stale_customers(self, q: DashboardQuery, now: dt.datetime, days: int) -> int:
        condition, params = stale_condition(now, days)
        owner, owner_params = _owner("owner_id", q.owner_id)
        return self.db.execute_sql(
            f"SELECT count(*) FROM contact WHERE deleted_at IS NULL AND {condition}{owner}",
            (*params, *owner_params)).fetchone()[0]

    # -- targets ---------------------------------------------------------------------------
    def targets(self) -> list[Target]:
        rows = self.db.execute_sql(
            "SELECT t.owner_id, t.metric, t.amount, t.currency FROM sales_target t "
            "JOIN app_user u ON u.id = t.owner_id WHERE u.deleted_at IS NULL ORDER BY u.name, t.metric")
        return [Target(*r) for r in rows]

    def owner_targets(self, owner_id: int) -> list[Target]:
        """One owner's targets, by metric (the owner's own state, deleted or not)."""
        rows = self.db.execute_sql("SELECT owner_id, metric, amount, currency FROM sales_target "
                                   "WHERE owner_id = ? ORDER BY metric", (owner_id,))
        return [Target(*r) for r in rows]

    def set_target(self, target: Target, now: dt.datetime) -> None:
        if target.amount <= 0:
            self.db.execute_sql("DELETE FROM sales_target WHERE owner_id = ? AND metric = ?",
                                (target.owner_id, target.metric))
            return
        self.db.execute_sql(
            "INSERT INTO sales_target(owner_id, metric, amount, currency, updated_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(owner_id, metric) DO UPDATE SET amount = excluded.amount, "
            "currency = excluded.currency, updated_at = excluded.updated_at",
            (target.owner_id, target.metric, target.amount, target.currency, ts(now)))

    def won_by_owner(self, start: dt.datetime, end: dt.datetime, currency: str) -> dict[int, int]:
        rows = self.db.execute_sql(
            "SELECT owner_id, sum(value_minor) FROM deal INDEXED BY deal_closed WHERE status = 'won' "
            "AND deleted_at IS NULL AND closed_at >= ? AND closed_at < ? AND currency = ? "
            "AND owner_id IS NOT NULL GROUP BY 1", (ts(start), ts(end), currency))
        return dict(rows.fetchall())

    def activities_by_owner(self, start: dt.date, end: dt.date) -> dict[int, int]:
        rows = self.db.execute_sql(
            "SELECT owner_id, sum(n) FROM activity_day WHERE day >= ? AND day < ? "
            f"AND kind IN ({_LOGGED}) AND owner_id != 0 GROUP BY 1", (_day(start), _day(end)))
        return dict(rows.fetchall())

    # -- the deals behind a bar --------------------------------------------------------------
    def deal_count(self, condition: tuple[str, tuple]) -> int:
        return self.db.execute_sql(
            f"SELECT count(*) FROM deal d WHERE d.deleted_at IS NULL AND {condition[0]}", condition[1]
        ).fetchone()[0]

    def deal_page(self, condition: tuple[str, tuple], sort: str, descending: bool, offset: int,
                  limit: int) -> list[tuple]:
        """Rows as ``DealStore.page`` gives them, for the deals meeting ``condition``."""
        direction = "DESC" if descending else "ASC"
        order = DEAL_SORT_KEYS.get(sort, DEAL_SORT_KEYS["title"])
        rows = self.db.execute_sql(
            "SELECT d.id, d.title, coalesce(co.name, ''), coalesce(ct.full_name, ''), d.stage_id, "
            "d.value_minor, d.currency, coalesce(d.probability, s.probability, 0), d.expected_close, "
            f"d.owner_id, d.status, d.updated_at {DEAL_FROM} LEFT JOIN app_user u ON u.id = d.owner_id "
            f"WHERE d.deleted_at IS NULL AND {condition[0]} ORDER BY {order} {direction}, d.id {direction} "
            "LIMIT ? OFFSET ?", (*condition[1], limit, offset))
        return [tuple(r) for r in rows]


def deal_condition(q: DashboardQuery, figure: str, key: object) -> tuple[str, tuple]:
    """The deals behind one bar (a condition over ``d``): ``figure`` is "open", "stage" (key: stage id),
    "forecast" (key: month), "won" / "lost" (key: month, or None for the period), "reason" (key: reason)."""
    parts, params = ["d.currency = ?"], [q.currency]
    if q.owner_id is not None:
        parts.append("d.owner_id = ?")
        params.append(q.owner_id)
    if figure == "open":
        parts.append("d.status = 'open'")
    elif figure == "stage":
        parts.append("d.status = 'open' AND d.stage_id = ?")
        params.append(key)
    elif figure == "forecast":
        parts.append("d.status = 'open' AND substr(d.expected_close, 1, 7) = ?")
        params.append(key)
    elif figure in ("won", "lost", "reason"):
        parts.append(f"d.status = '{'won' if figure == 'won' else 'lost'}' AND d.closed_at >= ? "
                     "AND d.closed_at < ?")
        params += [_stamp(q.start), _stamp(q.end)]
        if figure == "reason":
            parts.append("d.lost_reason = ?")
            params.append(key)
        elif key is not None:
            parts.append("substr(d.closed_at, 1, 7) = ?")
            params.append(key)
    else:
        raise ValueError(f"unknown figure {figure!r}")
    return " AND ".join(parts), tuple(params)
