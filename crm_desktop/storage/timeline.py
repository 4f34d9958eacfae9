"""One chronological stream per customer, read from every table that records something.

Nothing is copied into a timeline table: each source table is filtered by its own index
(contact, company, order), the branches are joined with UNION ALL and SQLite sorts the
few thousand rows of one customer. A page of the stream is a LIMIT/OFFSET of that.
"""

from __future__ import annotations

import datetime as dt

import peewee as pw

from ..core.customer import Target, TimelineEntry, TimelineQuery
from .common import parse_ts, ts


def _scope(alias: str, target: Target, *, has_company: bool = True) -> tuple[str, list]:
    """The rows of one person, or of a company and everyone at it."""
    if target.kind == "contact":
        return f"{alias}.contact_id = ?", [target.id]
    people = "SELECT id FROM contact WHERE company_id = ?"
    if not has_company:
        return f"{alias}.contact_id IN ({people})", [target.id]
    return f"({alias}.company_id = ? OR {alias}.contact_id IN ({people}))", [target.id, target.id]


def _branches(target: Target) -> tuple[list[str], list]:
    sql: list[str] = []
    params: list = []

    def add(text: str, scope: tuple[str, list]) -> None:
        sql.append(text.replace("{scope}", scope[0]))
        params.extend(scope[1])

    # The first branch names the columns of the union.
    add("SELECT 'activity' AS source, a.id AS source_id, a.kind AS kind, a.occurred_at AS at, "
        "a.subject AS title, a.body AS body, a.outcome AS outcome, NULL AS amount_minor, '' AS currency, "
        "a.pinned AS pinned, a.contact_id AS contact_id, a.owner_id AS owner_id, a.duration_s AS duration_s "
        "FROM activity a "
        "WHERE {scope} AND a.deleted_at IS NULL", _scope("a", target))
    add("SELECT 'task', t.id, 'task', t.created_at, t.title, t.notes, '', NULL, '', 0, t.contact_id, "
        "t.owner_id, NULL FROM task t WHERE {scope} AND t.deleted_at IS NULL", _scope("t", target))
    add("SELECT 'task', t.id, 'task_completed', t.done_at, t.title, '', '', NULL, '', 0, t.contact_id, "
        "t.owner_id, NULL FROM task t WHERE {scope} AND t.deleted_at IS NULL AND t.done_at IS NOT NULL",
        _scope("t", target))
    add("SELECT 'deal', d.id, 'deal', d.created_at, d.title, d.notes, d.status, d.value_minor, d.currency, "
        "0, d.contact_id, d.owner_id, NULL FROM deal d WHERE {scope} AND d.deleted_at IS NULL",
        _scope("d", target))
    add("SELECT 'sales_order', o.id, 'order', o.ordered_at, o.number, '', o.status, "
        "(SELECT coalesce(sum(round(l.quantity * l.unit_price_minor)), 0) FROM order_line l "
        "WHERE l.order_id = o.id), o.currency, 0, o.contact_id, NULL, NULL FROM sales_order o "
        "WHERE {scope} AND o.deleted_at IS NULL", _scope("o", target))
    add("SELECT 'payment', p.id, 'payment', p.paid_at, o.number, p.method, '', p.amount_minor, o.currency, "
        "0, o.contact_id, NULL, NULL FROM payment p JOIN sales_order o ON o.id = p.order_id "
        "WHERE {scope} AND p.deleted_at IS NULL AND o.deleted_at IS NULL", _scope("o", target))
    add("SELECT 'service_case', c.id, 'case', c.opened_at, c.subject, c.description, c.status, NULL, '', "
        "0, c.contact_id, c.owner_id, NULL FROM service_case c WHERE {scope} AND c.deleted_at IS NULL",
        _scope("c", target))
    add("SELECT 'service_case', c.id, 'case_resolved', c.resolved_at, c.subject, '', c.status, NULL, '', "
        "0, c.contact_id, c.owner_id, NULL FROM service_case c WHERE {scope} AND c.deleted_at IS NULL "
        "AND c.resolved_at IS NOT NULL", _scope("c", target))
    add("SELECT 'attachment', f.id, 'file', f.created_at, f.filename, f.mime, '', f.size, '', 0, "
        "f.contact_id, NULL, NULL FROM attachment f WHERE {scope} AND f.deleted_at IS NULL",
        _scope("f", target))
    if target.kind == "contact":
        add("SELECT 'field_change', h.id, 'change', h.changed_at, h.field, h.old_value, h.new_value, NULL, "
            "'', 0, h.record_id, h.user_id, NULL FROM field_change h "
            "WHERE h.entity = 'contact' AND {scope}", ("h.record_id = ?", [target.id]))
    else:
        add("SELECT 'field_change', h.id, 'change', h.changed_at, h.field, h.old_value, h.new_value, NULL, "
            "'', 0, CASE h.entity WHEN 'contact' THEN h.record_id END, h.user_id, NULL FROM field_change h "
            "WHERE {scope}", ("((h.entity = 'company' AND h.record_id = ?) OR (h.entity = 'contact' AND "
                              "h.record_id IN (SELECT id FROM contact WHERE company_id = ?)))",
                              [target.id, target.id]))
    return sql, params


def _filtered(target: Target, query: TimelineQuery) -> tuple[str, list]:
    branches, params = _branches(target)
    where, extra = ["1"], []
    kinds = query.kinds()
    if kinds:
        where.append(f"kind IN ({','.join('?' * len(kinds))})")
        extra += kinds
    words = query.search.split()
    for word in words:
        like = f"%{word.replace('%', '').replace('_', '')}%"
        where.append("(title LIKE ? OR body LIKE ? OR outcome LIKE ?)")
        extra += [like, like, like]
    union = " UNION ALL ".join(branches)
    return f"SELECT * FROM ({union}) WHERE {' AND '.join(where)}", params + extra


_ORDER = " ORDER BY pinned DESC, at DESC, source_id DESC, kind, source"


_EVERYTHING = TimelineQuery()


class TimelineStore:
    def __init__(self, db: pw.SqliteDatabase) -> None:
        self.db = db

    def count(self, target: Target, query: TimelineQuery = _EVERYTHING) -> int:
        sql, params = _filtered(target, query)
        return self.db.execute_sql(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]

    def page(self, target: Target, query: TimelineQuery, offset: int, limit: int) -> list[TimelineEntry]:
        """Entries [offset, offset + limit): pinned notes first, then newest first."""
        sql, params = _filtered(target, query)
        rows = self.db.execute_sql(
            f"SELECT u.*, coalesce(usr.name, ''), coalesce(c.full_name, '') FROM ({sql}{_ORDER} "
            f"LIMIT ? OFFSET ?) u LEFT JOIN app_user usr ON usr.id = u.owner_id "
            f"LEFT JOIN contact c ON c.id = u.contact_id", (*params, limit, offset)).fetchall()
        # The joins keep the inner order in SQLite, but nothing promises it: sort again.
        entries = [_entry(r) for r in rows]
        entries.sort(key=lambda e: (e.pinned, e.at, e.source_id), reverse=True)  # stable: ties keep SQL order
        return entries

    def row_of_date(self, target: Target, query: TimelineQuery, day: dt.date) -> int:
        """The row of the first entry on or before ``day`` (pinned entries stay on top)."""
        sql, params = _filtered(target, query)
        after = ts(dt.datetime.combine(day + dt.timedelta(days=1), dt.time()))
        return self.db.execute_sql(
            f"SELECT count(*) FROM ({sql}) WHERE pinned = 1 OR at >= ?", (*params, after)).fetchone()[0]


def _entry(row: tuple) -> TimelineEntry:
    (source, source_id, kind, at, title, body, outcome, amount, currency, pinned, contact_id, _owner_id,
     duration, owner, person) = row
    return TimelineEntry(source, source_id, kind, parse_ts(at), title or "", body or "", outcome or "",
                         amount, currency or "", bool(pinned), contact_id, owner, person, duration)


class CustomerStore:
    """The figures and panels of a page that other capabilities' tables hold (deals, tasks)."""

    def __init__(self, db: pw.SqliteDatabase) -> None:
        self.db = db

    def _rows(self, sql: str, target: Target, alias: str, params=()) -> list[tuple]:
        where, scope = _scope(alias, target)
        return self.db.execute_sql(sql.replace("{scope}", where), (*scope, *params)).fetchall()

    def customer_since(self, target: Target) -> dt.datetime | None:
        """The earliest of: when the record was made, its first order, its first activity."""
        table = "contact" if target.kind == "contact" else "company"
        made = self.db.execute_sql(f"SELECT created_at FROM {table} WHERE id = ?", (target.id,)).fetchone()
        first = [made[0]] if made else []
        first += [r[0] for r in self._rows("SELECT min(o.ordered_at) FROM sales_order o "
                                           "WHERE {scope} AND o.deleted_at IS NULL", target, "o")]
        first += [r[0] for r in self._rows("SELECT min(a.occurred_at) FROM activity a "
                                           "WHERE {scope} AND a.deleted_at IS NULL", target, "a")]
        found = [parse_ts(v) for v in first if v]
        return min(found) if found else None

    def last_interaction(self, target: Target, kinds: tuple[str, ...]) -> dt.datetime | None:
        marks = ",".join("?" * len(kinds))
        row = self._rows(f"SELECT max(a.occurred_at) FROM activity a WHERE {{scope}} AND a.kind IN ({marks}) "
                         "AND a.deleted_at IS NULL", target, "a", kinds)
        return parse_ts(row[0][0]) if row and row[0][0] else None

    def next_follow_up(self, target: Target) -> tuple[dt.datetime, str] | None:
        rows = self._rows("SELECT t.due_at, t.title FROM task t WHERE {scope} AND t.done_at IS NULL "
                          "AND t.deleted_at IS NULL AND t.due_at IS NOT NULL ORDER BY t.due_at LIMIT 1",
                          target, "t")
        return (parse_ts(rows[0][0]), rows[0][1]) if rows else None

    def deal_sums(self, target: Target) -> tuple[list[tuple[str, int]], int, list[tuple[str, int]]]:
        """Open deals' values per currency, how many are open, and won deals' values per currency."""
        rows = self._rows("SELECT d.status, d.currency, sum(d.value_minor), count(*) FROM deal d "
                          "WHERE {scope} AND d.deleted_at IS NULL GROUP BY d.status, d.currency", target, "d")
        open_ = [(cur, total) for status, cur, total, _ in rows if status == "open"]
        won = [(cur, total) for status, cur, total, _ in rows if status == "won"]
        return open_, sum(n for status, _, _, n in rows if status == "open"), won

    def deals(self, target: Target, limit: int = 500) -> list[tuple]:
        return self._rows(
            "SELECT d.id, d.title, coalesce(s.name, ''), d.status, d.value_minor, d.currency, "
            "d.expected_close, coalesce(c.full_name, '') FROM deal d LEFT JOIN stage s ON s.id = d.stage_id "
            "LEFT JOIN contact c ON c.id = d.contact_id WHERE {scope} AND d.deleted_at IS NULL "
            "ORDER BY d.status = 'open' DESC, d.created_at DESC LIMIT ?", target, "d", (limit,))

    def tasks(self, target: Target, limit: int = 500) -> list[tuple]:
        """Open tasks by due date first, then done ones, most recently done first."""
        return self._rows(
            "SELECT t.id, t.title, t.due_at, t.done_at, t.priority, coalesce(c.full_name, '') FROM task t "
            "LEFT JOIN contact c ON c.id = t.contact_id WHERE {scope} AND t.deleted_at IS NULL "
            "ORDER BY t.done_at IS NOT NULL, "
            "CASE WHEN t.done_at IS NULL THEN coalesce(t.due_at, '9999') END, "
            "t.done_at DESC LIMIT ?", target, "t", (limit,))

    def people(self, company_id: int, limit: int = 2000) -> list[tuple]:
        return self.db.execute_sql(
            "SELECT id, full_name, title, email, phone FROM contact WHERE company_id = ? "
            "AND deleted_at IS NULL ORDER BY full_name COLLATE NOCASE LIMIT ?",
            (company_id, limit)).fetchall()
