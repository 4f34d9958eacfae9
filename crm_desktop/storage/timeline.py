"""One chronological stream per customer, read from every table that records something.

Nothing is copied into a timeline table: each source table is filtered by its own index
(contact, company, order) and the branches are joined with UNION ALL. A page is found on
narrow rows (source, id, kind, time, pinned: activities answer these from a covering
index), sorted in SQL and cut with LIMIT/OFFSET; only the rows of that page are then read
in full. Searching needs the texts, so it filters the full rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import peewee as pw

from ..core.customer import Target, TimelineEntry, TimelineQuery
from .common import marks, parse_ts, ts


def _scope(alias: str, target: Target, *, has_company: bool = True) -> tuple[str, list]:
    """The rows of one person, or of a company and everyone at it."""
    if target.kind == "contact":
        return f"{alias}.contact_id = ?", [target.id]
    people = "SELECT id FROM contact WHERE company_id = ?"
    if not has_company:
        return f"{alias}.contact_id IN ({people})", [target.id]
    return f"({alias}.company_id = ? OR {alias}.contact_id IN ({people}))", [target.id, target.id]


@dataclass(frozen=True)
class _Branch:
    """One source of entries: which rows, their key columns, and their texts for display."""

    source: str
    kind: str  # an SQL expression
    at: str
    id: str
    alias: str  # the table whose contact_id / company_id place the row
    tables: str
    where: str
    detail: str  # title, body, outcome, amount_minor, currency, contact_id, owner_id, duration_s
    pinned: str = "0"

    def details(self) -> list[str]:
        """The detail expressions one by one (commas inside parentheses belong to them)."""
        out, depth, current = [], 0, ""
        for ch in self.detail:
            depth += (ch == "(") - (ch == ")")
            if ch == "," and depth == 0:
                out.append(current.strip())
                current = ""
            else:
                current += ch
        return [*out, current.strip()]


_ORDER_TOTAL = ("(SELECT coalesce(sum(round(l.quantity * l.unit_price_minor)), 0) FROM order_line l "
                "WHERE l.order_id = o.id)")
_BRANCHES = (
    _Branch("activity", "a.kind", "a.occurred_at", "a.id", "a", "activity a", "a.deleted_at IS NULL",
            "a.subject, a.body, a.outcome, NULL, '', a.contact_id, a.owner_id, a.duration_s", "a.pinned"),
    _Branch("task", "'task'", "t.created_at", "t.id", "t", "task t", "t.deleted_at IS NULL",
            "t.title, t.notes, '', NULL, '', t.contact_id, t.owner_id, NULL"),
    _Branch("task", "'task_completed'", "t.done_at", "t.id", "t", "task t",
            "t.deleted_at IS NULL AND t.done_at IS NOT NULL",
            "t.title, '', '', NULL, '', t.contact_id, t.owner_id, NULL"),
    _Branch("deal", "'deal'", "d.created_at", "d.id", "d", "deal d", "d.deleted_at IS NULL",
            "d.title, d.notes, d.status, d.value_minor, d.currency, d.contact_id, d.owner_id, NULL"),
    _Branch("sales_order", "'order'", "o.ordered_at", "o.id", "o", "sales_order o", "o.deleted_at IS NULL",
            f"o.number, '', o.status, {_ORDER_TOTAL}, o.currency, o.contact_id, NULL, NULL"),
    _Branch("payment", "'payment'", "p.paid_at", "p.id", "o",
            "payment p JOIN sales_order o ON o.id = p.order_id",
            "p.deleted_at IS NULL AND o.deleted_at IS NULL",
            "o.number, p.method, '', p.amount_minor, o.currency, o.contact_id, NULL, NULL"),
    _Branch("service_case", "'case'", "c.opened_at", "c.id", "c", "service_case c", "c.deleted_at IS NULL",
            "c.subject, c.description, c.status, NULL, '', c.contact_id, c.owner_id, NULL"),
    _Branch("service_case", "'case_resolved'", "c.resolved_at", "c.id", "c", "service_case c",
            "c.deleted_at IS NULL AND c.resolved_at IS NOT NULL",
            "c.subject, '', c.status, NULL, '', c.contact_id, c.owner_id, NULL"),
    _Branch("attachment", "'file'", "f.created_at", "f.id", "f", "attachment f", "f.deleted_at IS NULL",
            "f.filename, f.mime, '', f.size, '', f.contact_id, NULL, NULL"),
    _Branch("field_change", "'change'", "h.changed_at", "h.id", "h", "field_change h", "1",
            "h.field, h.old_value, h.new_value, NULL, '', "
            "CASE h.entity WHEN 'contact' THEN h.record_id END, h.user_id, NULL"),
)
_KEY = ("source", "source_id", "kind", "at", "pinned")
_DETAIL = ("title", "body", "outcome", "amount_minor", "currency", "contact_id", "owner_id", "duration_s")


# A scope gives, for a branch, the parts it reads: (FROM clause, WHERE condition, parameters).
Part = tuple[str, str, list]
Scope = Callable[[_Branch], list[Part]]


def activity_parts(target: Target, indexed: bool = True) -> list[Part]:
    """The live activities of a person, or of a company and everyone at it, each part read
    from its covering index by name: with the timeline's columns in them no row is read,
    and the planner, left to itself, may take the narrower index of 0001 instead."""
    by_person, by_company = (("activity a INDEXED BY activity_timeline",
                              "activity a INDEXED BY activity_company_timeline") if indexed
                             else ("activity a", "activity a"))
    if target.kind == "contact":
        return [(by_person, "a.contact_id = ?", [target.id])]
    people = "SELECT id FROM contact WHERE company_id = ?"
    return [(by_person, f"a.contact_id IN ({people})", [target.id]),
            (by_company,
             f"a.company_id = ? AND (a.contact_id IS NULL OR a.contact_id NOT IN ({people}))",
             [target.id, target.id])]


def _target_scope(target: Target, indexed: bool) -> Scope:
    def scope(branch: _Branch) -> list[Part]:
        if branch.source == "activity":
            return activity_parts(target, indexed)
        if branch.source != "field_change":
            return [(branch.tables, *_scope(branch.alias, target))]
        if target.kind == "contact":
            return [(branch.tables, "h.entity = 'contact' AND h.record_id = ?", [target.id])]
        return [(branch.tables, "((h.entity = 'company' AND h.record_id = ?) OR (h.entity = 'contact' AND "
                 "h.record_id IN (SELECT id FROM contact WHERE company_id = ?)))", [target.id, target.id])]
    return scope


def _union(scope: Scope, wide: bool) -> tuple[str, list]:
    """The branches a scope gives rows for, as one UNION ALL with named columns."""
    parts: list[str] = []
    params: list = []
    for branch in _BRANCHES:
        for tables, where, values in scope(branch):
            columns = [f"'{branch.source}'", branch.id, branch.kind, branch.at, branch.pinned]
            if wide:
                columns += branch.details()
            if not parts:  # the first branch names the columns of the union
                names = _KEY + (_DETAIL if wide else ())
                columns = [f"{c} AS {n}" for c, n in zip(columns, names, strict=True)]
            parts.append(f"SELECT {', '.join(columns)} FROM {tables} WHERE {where} AND {branch.where}")
            params += values
    return " UNION ALL ".join(parts), params


def _filtered(target: Target, query: TimelineQuery, indexed: bool = True) -> tuple[str, list]:
    """The entries of ``target`` the query keeps: narrow rows, or full ones when searching."""
    words = query.search.split()
    union, params = _union(_target_scope(target, indexed), wide=bool(words))
    where, extra = ["1"], []
    kinds = query.kinds()
    if kinds:
        where.append(f"kind IN ({marks(len(kinds))})")
        extra += kinds
    for word in words:
        like = f"%{word.replace('%', '').replace('_', '')}%"
        where.append("(title LIKE ? OR body LIKE ? OR outcome LIKE ?)")
        extra += [like, like, like]
    return f"SELECT {', '.join(_KEY)} FROM ({union}) WHERE {' AND '.join(where)}", params + extra


_ORDER = " ORDER BY pinned DESC, at DESC, source_id DESC, kind, source"
_REVERSED = " ORDER BY pinned, at, source_id, kind DESC, source DESC"
_EVERYTHING = TimelineQuery()


class TimelineStore:
    def __init__(self, db: pw.SqliteDatabase) -> None:
        self.db = db
        self.indexed = True  # False on a database whose timeline indexes are missing

    def _run(self, read):
        """``read()`` once more without naming the indexes if this database lacks them."""
        try:
            return read()
        except pw.OperationalError as exc:
            if not self.indexed or "no such index" not in str(exc):
                raise
            self.indexed = False
            return read()

    def count(self, target: Target, query: TimelineQuery = _EVERYTHING) -> int:
        def read() -> int:
            sql, params = _filtered(target, query, self.indexed)
            return self.db.execute_sql(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]
        return self._run(read)

    def page(self, target: Target, query: TimelineQuery, offset: int, limit: int,
             total: int | None = None) -> list[TimelineEntry]:
        """Entries [offset, offset + limit): pinned notes first, then newest first.

        Given the ``total`` (the count), a page past the middle is read from the other end:
        SQLite's sorter then keeps the few rows up to the page, not all those before it.
        """
        from_end = total is not None and offset > total - offset - limit
        order, skip = (_REVERSED, max(total - offset - limit, 0)) if from_end else (_ORDER, offset)
        take = min(limit, total - offset) if from_end else limit

        def read() -> list[tuple]:
            sql, params = _filtered(target, query, self.indexed)
            return self.db.execute_sql(f"{sql}{order} LIMIT ? OFFSET ?", (*params, take, skip)).fetchall()
        keys = self._run(read)
        if from_end:
            keys.reverse()
        return self._entries([(source, source_id, kind) for source, source_id, kind, _, _ in keys])

    def _entries(self, keys: list[tuple[str, int, str]]) -> list[TimelineEntry]:
        """The full entries of the given keys, in their order."""
        if not keys:
            return []
        wanted: dict[tuple[str, str], list[int]] = {}
        for source, source_id, kind in keys:
            wanted.setdefault((source, kind), []).append(source_id)

        def scope(branch: _Branch) -> list[Part]:
            fixed = _kind_of(branch)
            ids = sorted({i for (source, kind), found in wanted.items() if source == branch.source
                          and fixed in (kind, None) for i in found})
            return [(branch.tables, f"{branch.id} IN ({marks(len(ids))})", ids)] if ids else []

        union, params = _union(scope, wide=True)
        rows = self.db.execute_sql(
            f"SELECT u.*, coalesce(usr.name, ''), coalesce(c.full_name, '') FROM ({union}) u "
            "LEFT JOIN app_user usr ON usr.id = u.owner_id LEFT JOIN contact c ON c.id = u.contact_id",
            params).fetchall()
        found = {(r[0], r[1], r[2]): _entry(r) for r in rows}
        return [found[key] for key in keys if key in found]

    def row_of_date(self, target: Target, query: TimelineQuery, day: dt.date) -> int:
        """The row of the first entry on or before ``day`` (pinned entries stay on top)."""
        after = ts(dt.datetime.combine(day + dt.timedelta(days=1), dt.time()))

        def read() -> int:
            sql, params = _filtered(target, query, self.indexed)
            return self.db.execute_sql(
                f"SELECT count(*) FROM ({sql}) WHERE pinned = 1 OR at >= ?", (*params, after)).fetchone()[0]
        return self._run(read)


def _kind_of(branch: _Branch) -> str | None:
    """The fixed kind of a branch's rows, or None where the row says (activities)."""
    return branch.kind.strip("'") if branch.kind.startswith("'") else None


def _entry(row: tuple) -> TimelineEntry:
    (source, source_id, kind, at, pinned, title, body, outcome, amount, currency, contact_id, _owner_id,
     duration, owner, person) = row
    return TimelineEntry(source, source_id, kind, parse_ts(at), title or "", body or "", outcome or "",
                         amount, currency or "", bool(pinned), contact_id, owner, person, duration)


class CustomerStore:
    """The figures and panels of a page that other capabilities' tables hold (deals, tasks)."""

    def __init__(self, db: pw.SqliteDatabase) -> None:
        self.db = db
        self.timeline = TimelineStore(db)  # for its way round missing indexes

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
        first += [r[0] for r in self._activities("min(a.occurred_at)", target)]
        found = [parse_ts(v) for v in first if v]
        return min(found) if found else None

    def last_interaction(self, target: Target, kinds: tuple[str, ...]) -> dt.datetime | None:
        found = [r[0] for r in self._activities("max(a.occurred_at)", target, kinds) if r[0]]
        return parse_ts(max(found)) if found else None

    def _activities(self, aggregate: str, target: Target, kinds: tuple[str, ...] = ()) -> list[tuple]:
        """``aggregate`` over the target's live activities (of ``kinds``), one row per index part."""
        only = f" AND a.kind IN ({marks(len(kinds))})" if kinds else ""

        def read() -> list[tuple]:
            rows = []
            for tables, where, params in activity_parts(target, self.timeline.indexed):
                rows += self.db.execute_sql(f"SELECT {aggregate} FROM {tables} WHERE {where} "
                                            f"AND a.deleted_at IS NULL{only}", (*params, *kinds)).fetchall()
            return rows
        return self.timeline._run(read)

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

    def score(self, target: Target) -> int | None:
        """A person's lead score, where scoring has computed one (its table may not exist)."""
        if target.kind != "contact":
            return None
        try:
            row = self.db.execute_sql("SELECT score FROM contact_score WHERE contact_id = ?",
                                      (target.id,)).fetchone()
        except pw.OperationalError:  # a schema without lead scoring
            return None
        return row[0] if row else None

    def deals(self, target: Target, limit: int = 500) -> list[tuple]:
        """(id, title, stage name, status, value, currency, expected close, person, stage key)."""
        sql = ("SELECT d.id, d.title, coalesce(s.name, ''), d.status, d.value_minor, d.currency, "
               "d.expected_close, coalesce(c.full_name, ''), {key} FROM deal d "
               "LEFT JOIN stage s ON s.id = d.stage_id LEFT JOIN contact c ON c.id = d.contact_id "
               "WHERE {scope} AND d.deleted_at IS NULL "
               "ORDER BY d.status = 'open' DESC, d.created_at DESC LIMIT ?")
        try:
            return self._rows(sql.replace("{key}", "coalesce(s.key, '')"), target, "d", (limit,))
        except pw.OperationalError:  # stages without keys (a schema before the pipeline's)
            return self._rows(sql.replace("{key}", "''"), target, "d", (limit,))

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
