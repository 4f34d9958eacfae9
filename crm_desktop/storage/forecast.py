"""The forecast's sums, grouped in SQL: revenue by month, stage conversion, lost reasons."""

from __future__ import annotations

import datetime as dt

import peewee as pw

from ..core.forecast import ForecastCell, LostReasonStat, StageStat

_GROUPS = {"": "NULL", "owner": "d.owner_id", "pipeline": "d.pipeline_id"}


def _scope(pipeline_id: int | None, owner_id: int | None) -> tuple[str, list]:
    parts, params = [], []
    if pipeline_id is not None:
        parts.append(" AND d.pipeline_id = ?")
        params.append(pipeline_id)
    if owner_id is not None:
        parts.append(" AND d.owner_id = ?")
        params.append(owner_id)
    return "".join(parts), params


class ForecastStore:
    def __init__(self, db: pw.SqliteDatabase) -> None:
        self.db = db

    def months(self, currency: str, start: dt.date, end: dt.date, group_by: str = "",
               pipeline_id: int | None = None, owner_id: int | None = None) -> list[ForecastCell]:
        """Open deals by expected close month (weighted by probability) and deals won by close month,
        for months in [start, end)."""
        group = _GROUPS[group_by]
        scope, params = _scope(pipeline_id, owner_id)
        cells: dict[tuple[str, int | None], list[int]] = {}
        for month, group_id, count, total, weighted in self.db.execute_sql(
                f"SELECT substr(d.expected_close, 1, 7), {group}, count(*), sum(d.value_minor), "
                "sum((d.value_minor * coalesce(d.probability, s.probability, 0) + 50) / 100) "
                "FROM deal d LEFT JOIN stage s ON s.id = d.stage_id WHERE d.status = 'open' "
                "AND d.deleted_at IS NULL AND d.expected_close >= ? AND d.expected_close < ? "
                f"AND d.currency = ?{scope} GROUP BY 1, 2",
                (start.isoformat(), end.isoformat(), currency, *params)):
            cells[(month, group_id)] = [count, total, weighted, 0, 0]
        for month, group_id, count, total in self.db.execute_sql(
                f"SELECT substr(d.closed_at, 1, 7), {group}, count(*), sum(d.value_minor) FROM deal d "
                "WHERE d.status = 'won' AND d.deleted_at IS NULL AND d.closed_at >= ? AND d.closed_at < ? "
                f"AND d.currency = ?{scope} GROUP BY 1, 2",
                (start.isoformat(), end.isoformat(), currency, *params)):
            cell = cells.setdefault((month, group_id), [0, 0, 0, 0, 0])
            cell[3:] = [count, total]
        return [ForecastCell(m, g, *values) for (m, g), values in sorted(
            cells.items(), key=lambda item: (item[0][0], item[0][1] is None, item[0][1] or 0))]

    def overdue(self, currency: str, before: dt.date, group_by: str = "", pipeline_id: int | None = None,
                owner_id: int | None = None) -> list[ForecastCell]:
        """Open deals whose expected close is before ``before``: still to win, already late."""
        group = _GROUPS[group_by]
        scope, params = _scope(pipeline_id, owner_id)
        rows = self.db.execute_sql(
            f"SELECT {group}, count(*), sum(d.value_minor), "
            "sum((d.value_minor * coalesce(d.probability, s.probability, 0) + 50) / 100) "
            # By close date, not by owner: a grouping index would walk every deal.
            "FROM deal d INDEXED BY deal_expected LEFT JOIN stage s ON s.id = d.stage_id "
            "WHERE d.status = 'open' "
            f"AND d.deleted_at IS NULL AND d.expected_close < ? AND d.currency = ?{scope} GROUP BY 1 "
            "ORDER BY 1 IS NULL, 1", (before.isoformat(), currency, *params))
        return [ForecastCell("", g, count, total, weighted, 0, 0) for g, count, total, weighted in rows]

    def stages(self, start: dt.date, end: dt.date, pipeline_id: int | None = None) -> list[StageStat]:
        """For deals closed in the months of [start, end): per stage they passed through, how many
        were won and lost, and the mean days from first entering the stage to winning."""
        scope = " AND s.pipeline_id = ?" if pipeline_id is not None else ""
        rows = self.db.execute_sql(
            "SELECT o.stage_id, sum(o.won) + sum(o.lost), sum(o.won), sum(o.lost), "
            "sum(o.won_days) / nullif(sum(o.won), 0) FROM stage_outcome o JOIN stage s ON s.id = o.stage_id "
            f"WHERE o.month >= ? AND o.month < ?{scope} "
            "GROUP BY o.stage_id HAVING sum(o.won) + sum(o.lost) > 0",
            (start.isoformat()[:7], end.isoformat()[:7], *(() if pipeline_id is None else (pipeline_id,))))
        return [StageStat(r[0], r[1], r[2], r[3], None if r[4] is None else round(r[4], 2)) for r in rows]

    def lost_reasons(self, currency: str, start: dt.date, end: dt.date, pipeline_id: int | None = None
                     ) -> list[LostReasonStat]:
        """Reasons of deals lost in the months of [start, end), by count then value (in ``currency``)."""
        scope = " AND pipeline_id = ?" if pipeline_id is not None else ""
        rows = self.db.execute_sql(
            "SELECT reason, sum(deals), sum(CASE WHEN currency = ? THEN value_minor ELSE 0 END) "
            f"FROM lost_outcome WHERE month >= ? AND month < ?{scope} GROUP BY reason "
            "HAVING sum(deals) > 0 ORDER BY 2 DESC, 3 DESC, 1",
            (currency, start.isoformat()[:7], end.isoformat()[:7],
             *(() if pipeline_id is None else (pipeline_id,))))
        return [LostReasonStat(*r) for r in rows]
