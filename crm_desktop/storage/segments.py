"""Segments: saved filters, and their compilation to one SQL condition on a record table.

``compile_filter`` turns a ``core.segments.Group`` into ``(sql, params)`` that can be put
after ``WHERE`` on the record's own table (``contact``, ``company`` or ``deal``, unaliased),
so a segment is counted, paged and sorted by SQLite like any list.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
import threading
from collections.abc import Sequence

import peewee as pw

from ..core.activities import INTERACTION_KINDS
from ..core.errors import NotFoundError
from ..core.segments import Condition, Group, Segment, custom_id, custom_kind, from_json, to_json
from .common import chunks, marks, new_uuid, parse_ts, ts

TABLES = {"contact": "contact", "company": "company", "deal": "deal"}

# Columns on the record's own row, by field key.
_COLUMNS = {
    "contact": {"name": "full_name", "company": "company_name", "given_name": "given_name",
                "family_name": "family_name", "title": "title", "email": "email", "phone": "phone",
                "street": "street", "city": "city", "region": "region", "postal_code": "postal_code",
                "country": "country", "source": "source", "notes": "notes", "created": "created_at",
                "updated": "updated_at", "birthday": "birthday", "owner": "owner_id"},
    "company": {"name": "name", "industry": "industry", "website": "website", "email": "email",
                "phone": "phone", "street": "street", "city": "city", "region": "region",
                "postal_code": "postal_code", "country": "country", "source": "source", "notes": "notes",
                "employees": "employees", "created": "created_at", "updated": "updated_at",
                "owner": "owner_id"},
    "deal": {"title": "title", "currency": "currency", "status": "status", "stage": "stage_id",
             "pipeline": "pipeline_id", "owner": "owner_id", "expected_close": "expected_close",
             "closed": "closed_at", "created": "created_at", "updated": "updated_at", "source": "source",
             "next_step": "next_step", "probability": "probability"},
}
_TAG_TABLES = {"contact": ("contact_tag", "contact_id"), "company": ("company_tag", "company_id"),
               "deal": ("deal_tag", "deal_id")}
_ACTIVITY_COLUMN = {"contact": "contact_id", "company": "company_id", "deal": "deal_id"}
_NUMBER_OPS = {"eq": "=", "ne": "<>", "gt": ">", "gte": ">=", "lt": "<", "lte": "<="}
_KINDS = ", ".join(f"'{k}'" for k in INTERACTION_KINDS)


def _cost(sql: str) -> int:
    """How dear a compiled condition is to test on one row: a comparison, a LIKE, a subquery."""
    return 2 if "SELECT" in sql else 1 if "LIKE" in sql else 0


def _needs_escape(text: object) -> bool:
    return any(ch in str(text) for ch in "\\%_")


def _like(text: str, prefix_only: bool = False) -> str:
    escaped = str(text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"{escaped}%" if prefix_only else f"%{escaped}%"


class _Compiler:
    def __init__(self, entity: str, now: dt.datetime, custom_types: dict[int, str]) -> None:
        self.entity = entity
        self.table = TABLES[entity]
        self.now = now
        self.custom_types = custom_types
        self.params: list = []

    def group(self, group: Group) -> str:
        parts: list[tuple[int, str, list]] = []  # (cost, sql, its parameters)
        for item in group.items:
            start = len(self.params)
            sql = self.group(item) if isinstance(item, Group) else self.condition(item)
            parts.append((_cost(sql), sql, self.params[start:]))
            del self.params[start:]
        if not parts:
            return "1"
        # SQLite tests the terms of an AND or an OR in the order written and stops at the first
        # that decides: cheap comparisons first, then LIKE, then subqueries (an OR over a million
        # people: ~20 % less CPU with "source is" before "title contains" before two tag probes).
        parts.sort(key=lambda part: part[0])
        for part in parts:
            self.params += part[2]
        joiner = " AND " if group.match == "all" else " OR "
        return "(" + joiner.join(sql for _c, sql, _p in parts) + ")"

    def condition(self, c: Condition) -> str:
        fid = custom_id(c.field)
        if fid is not None:
            return self._custom(fid, c)
        special = getattr(self, f"_field_{c.field}", None)
        if special is not None and c.field not in _COLUMNS[self.entity]:
            return special(c)
        if c.field == "tags":
            return self._tags(c)
        if c.field == "do_not_contact":  # a flag: set or not set
            return f"do_not_contact = {1 if c.op == 'set' else 0}"
        if c.field == "last_interaction":
            return self._interaction(c)
        column = _COLUMNS[self.entity][c.field]
        if column.endswith("_id"):
            return self._ids(column, c)
        if c.field in ("created", "updated", "birthday", "expected_close", "closed"):
            return self._date(column, c)
        if c.field in ("employees", "probability"):
            return self._number(column, c)
        if c.field == "status":
            self.params.append(c.value)
            return f"{column} {'=' if c.op == 'is' else '<>'} ?"
        return self._text(column, c)

    # -- kinds of field ------------------------------------------------------------------
    def _text(self, column: str, c: Condition) -> str:
        value = c.value
        if c.op == "empty":
            return f"coalesce({column}, '') = ''"
        if c.op == "not_empty":
            return f"coalesce({column}, '') <> ''"
        if c.op in ("contains", "not_contains", "starts_with"):
            # A NULL only needs folding to '' for "does not contain"; LIKE is about a third
            # cheaper per row without coalesce() and without an ESCAPE it does not need.
            self.params.append(_like(value, c.op == "starts_with"))
            escape = " ESCAPE '\\'" if _needs_escape(value) else ""
            if c.op == "not_contains":
                return f"coalesce({column}, '') NOT LIKE ?{escape}"
            return f"{column} LIKE ?{escape}"
        self.params.append(value)
        return f"{column} {'=' if c.op == 'is' else '<>'} ? COLLATE NOCASE"

    def _number(self, column: str, c: Condition) -> str:
        if c.op in ("empty", "not_empty"):
            return f"{column} IS {'' if c.op == 'empty' else 'NOT '}NULL"
        self.params.append(c.value)
        return f"{column} {_NUMBER_OPS[c.op]} ?"

    def _date(self, column: str, c: Condition) -> str:
        if c.op in ("empty", "not_empty"):
            return f"{column} IS {'' if c.op == 'empty' else 'NOT '}NULL"
        if c.op in ("within_days", "not_within_days"):
            since = ts(self.now - dt.timedelta(days=int(c.value)))
            self.params.append(since[:10] if column in ("birthday", "expected_close") else since)
            if c.op == "within_days":
                return f"{column} >= ?"
            return f"({column} IS NULL OR {column} < ?)"
        day = dt.date.fromisoformat(str(c.value))
        if c.op == "before":
            self.params.append(day.isoformat())
            return f"{column} < ?"
        self.params.append((day + dt.timedelta(days=1)).isoformat())
        return f"{column} >= ?"

    def _ids(self, column: str, c: Condition) -> str:
        if c.op in ("empty", "not_empty"):
            return f"{column} IS {'' if c.op == 'empty' else 'NOT '}NULL"
        ids = tuple(c.value)
        self.params += ids
        if c.op == "is":
            return f"{column} IN ({marks(len(ids))})"
        return f"({column} IS NULL OR {column} NOT IN ({marks(len(ids))}))"

    def _tags(self, c: Condition) -> str:
        # Correlated on the link table's primary key (record, tag): one index probe per row
        # read, where "id IN (all records with the tag)" first built a set of every one of them
        # (a fifth of a million contacts for a common tag: ~30 % slower counts at a million).
        table, column = _TAG_TABLES[self.entity]
        ids = tuple(sorted(set(c.value)))
        self.params += ids
        inner = (f"SELECT 1 FROM {table} t WHERE t.{column} = {self.table}.id "
                 f"AND t.tag_id IN ({marks(len(ids))})")
        if c.op == "has_all" and len(ids) > 1:
            # One probe per tag, stopping at the first the record lacks: most records lack the
            # first, so this is about one probe per row where count(*) over every tag made
            # one per tag and an aggregate (an OR over a million people: ~1.5 -> ~1.0 s of CPU).
            # Building the set of records with every tag once counts such an OR faster, but
            # makes its first page wait for the whole set (6 -> 269 ms of CPU).
            # (the ids were added in this order, one per probe)
            probes = [f"EXISTS (SELECT 1 FROM {table} t WHERE t.{column} = {self.table}.id "
                      "AND t.tag_id = ?)" for _ in ids]
            return "(" + " AND ".join(probes) + ")"
        return f"{'NOT ' if c.op == 'has_none' else ''}EXISTS ({inner})"

    def _interaction(self, c: Condition) -> str:
        column = _ACTIVITY_COLUMN[self.entity]
        inner = (f"SELECT {column} FROM activity WHERE {column} IS NOT NULL AND kind IN ({_KINDS}) "
                 "AND deleted_at IS NULL")
        if c.op == "never":
            return f"id NOT IN ({inner})"
        self.params.append(ts(self.now - dt.timedelta(days=int(c.value))))
        inner += " AND occurred_at >= ?"
        return f"id {'NOT ' if c.op == 'not_within_days' else ''}IN ({inner})"

    def _custom(self, field_id: int, c: Condition) -> str:
        kind = custom_kind(self.custom_types.get(field_id, "text"))
        inner = "SELECT record_id FROM custom_value WHERE field_id = ? AND value <> ''"
        self.params.append(field_id)
        if c.op == "empty":
            return f"id NOT IN ({inner})"
        if c.op == "not_empty":
            return f"id IN ({inner})"
        negative = c.op in ("not_contains", "is_not", "ne")
        positive = {"not_contains": "contains", "is_not": "is", "ne": "eq"}.get(c.op, c.op)
        if kind == "number":
            test = self._number("CAST(value AS REAL)", Condition(c.field, positive, c.value))
        elif kind == "date":
            test = self._date("value", Condition(c.field, positive, c.value))
        else:
            test = self._text("value", Condition(c.field, positive, c.value))
        return f"id {'NOT ' if negative else ''}IN ({inner} AND {test})"

    # -- fields computed from other tables -------------------------------------------------
    def _subcount(self, sql: str, c: Condition) -> str:
        if c.op in ("empty", "not_empty"):
            return f"({sql}) {'=' if c.op == 'empty' else '>'} 0"
        self.params.append(c.value)
        return f"({sql}) {_NUMBER_OPS[c.op]} ?"

    def _field_score(self, c: Condition) -> str:
        if c.op in ("empty", "not_empty"):
            return f"id {'NOT ' if c.op == 'empty' else ''}IN (SELECT contact_id FROM contact_score)"
        self.params.append(c.value)
        return f"id IN (SELECT contact_id FROM contact_score WHERE score {_NUMBER_OPS[c.op]} ?)"

    def _field_open_deals(self, c: Condition) -> str:
        column = _ACTIVITY_COLUMN[self.entity]
        return self._subcount(f"SELECT count(*) FROM deal d WHERE d.{column} = {self.table}.id "
                              "AND d.status = 'open' AND d.deleted_at IS NULL", c)

    def _field_people(self, c: Condition) -> str:
        return self._subcount("SELECT count(*) FROM contact p WHERE p.company_id = company.id "
                              "AND p.deleted_at IS NULL", c)

    def _field_value(self, c: Condition) -> str:
        if c.op in ("empty", "not_empty"):
            return f"value_minor {'=' if c.op == 'empty' else '<>'} 0"
        self.params.append(round(float(c.value) * 100))
        return f"value_minor {_NUMBER_OPS[c.op]} ?"


# Data-quality checks on people: key -> SQL condition on the contact table (no parameters
# but the cut-off times, which are put in by ``quality_condition``).
_KINDS_LIST = f"kind IN ({_KINDS}) AND deleted_at IS NULL"
QUALITY = {
    "missing_email": "email = ''",
    "missing_phone": "phone = ''",
    "missing_both": "email = '' AND phone = ''",
    "invalid_email": "email <> '' AND (email NOT LIKE '%_@_%._%' OR email LIKE '% %' OR email LIKE '%@%@%')",
    "invalid_phone": "phone <> '' AND phone NOT GLOB '+[1-9][0-9][0-9][0-9]*'",
    "no_owner": "owner_id IS NULL",
    "never_contacted": f"id NOT IN (SELECT contact_id FROM activity WHERE contact_id IS NOT NULL "
                       f"AND {_KINDS_LIST})",
    "stale": f"id NOT IN (SELECT contact_id FROM activity WHERE contact_id IS NOT NULL AND {_KINDS_LIST} "
             "AND occurred_at >= ?)",
}
STALE_DAYS = 180


def quality_condition(key: str, now: dt.datetime) -> tuple[str, tuple]:
    sql = QUALITY[key]
    return sql, ((ts(now - dt.timedelta(days=STALE_DAYS)),) if "?" in sql else ())


class CompiledFilter(tuple):
    """``(sql, params)``: a filter as one condition; ``pieces``, if any, are disjoint conditions
    ``(sql, params)`` whose counts add up to its count, and are cheaper to count."""

    pieces: tuple = ()

    def __new__(cls, sql: str, params: tuple, pieces: tuple = ()) -> CompiledFilter:
        compiled = super().__new__(cls, (sql, params))
        compiled.pieces = pieces
        return compiled


def compile_filter(group: Group, entity: str, now: dt.datetime,
                   custom_types: dict[int, str] | None = None) -> CompiledFilter:
    """``(sql, params)``: a condition on the unaliased ``entity`` table for a checked filter."""
    custom_types = custom_types or {}
    sql, params = _compile(group, entity, now, custom_types)
    return CompiledFilter(sql, params, _count_pieces(group, entity, now, custom_types))


def _compile(group: Group, entity: str, now: dt.datetime, custom_types: dict[int, str],
             pass_hint: bool = True) -> tuple[str, tuple]:
    compiler = _Compiler(entity, now, custom_types)
    sql = compiler.group(group)
    if not pass_hint or group.is_empty() or _can_seek(group, entity):
        return sql, tuple(compiler.params)
    # "id >= 0" is always true; it is there for SQLite's planner. With no index to seek
    # (an OR, "title contains", a tag), the planner otherwise walks some index that holds
    # only live rows (every one holds only those) and reads each row out of order: ~2.5 s
    # of CPU for "title contains" at a million people, where one pass over the table in
    # rowid order takes ~0.3 s. The first page still walks the index of its sort order. Not
    # added when a condition can seek an index: "rowid > ?" would then make SQLite prefer a
    # one-column index (the column, then the rowid) to one that matches two conditions.
    return f"(id >= 0 AND {sql})", tuple(compiler.params)


def _count_pieces(group: Group, entity: str, now: dt.datetime, custom_types: dict[int, str]) -> tuple:
    """An OR with "has any / all of these tags" counted in disjoint pieces: the records the
    other conditions take (one pass over the table, counted in rowid ranges at once), then for
    each tag condition the records it takes that no condition before it took, read from the
    tag index (ordered by record) rather than probed for every row of the table. At a million
    people, "title contains, has two tags, or source is": ~0.33 s of CPU for the pass and ~0.2
    s for the tags' 48,542 people where the one pass with two tag probes per row took ~0.65 s.
    The list's pages keep the one condition: they stop after a page, a set would not."""
    if group.match != "any" or len(group.items) < 2:
        return ()
    driven = [i for i, item in enumerate(group.items) if isinstance(item, Condition)
              and item.field == "tags" and item.op in ("has_any", "has_all")]
    if not driven:
        return ()
    rest = tuple(item for i, item in enumerate(group.items) if i not in driven)
    pieces: list[tuple[str, tuple]] = []
    taken: list[tuple[str, tuple]] = []  # the conditions counted already, as tests on a row
    if rest:
        pieces.append(_compile(Group("any", rest), entity, now, custom_types))
        taken.append(_compile(Group("any", rest), entity, now, custom_types, pass_hint=False))
    for i in driven:
        condition = group.items[i]
        ids = tuple(sorted(set(condition.value)))
        table, column = _TAG_TABLES[entity]
        # ROWS is where a count in rowid ranges puts the range of its part.
        if condition.op == "has_any":
            members = f"SELECT t0.{column} FROM {table} t0 WHERE t0.tag_id IN ({marks(len(ids))})"
        else:
            # A join on the link table's primary key (record, tag), not EXISTS: each record is
            # there once per tag, and SQLite probes the key without running a subquery each
            # time (at a million people, the pair's 220,000 probes: ~20 % fewer instructions).
            others = range(1, len(ids))
            members = (f"SELECT t0.{column} FROM {table} t0"
                       + "".join(f", {table} t{n}" for n in others) + " WHERE t0.tag_id = ?"
                       + "".join(f" AND t{n}.{column} = t0.{column} AND t{n}.tag_id = ?" for n in others))
        members += ROWS.format(column=f"t0.{column}")
        # "IS NOT TRUE", not NOT: a condition that is NULL for a row did not take it either.
        sql = " AND ".join([f"id IN ({members})", *(f"({test}) IS NOT TRUE" for test, _p in taken)])
        pieces.append((f"({sql})", ids + tuple(p for _t, params in taken for p in params)))
        taken.append(_compile(Group("all", (condition,)), entity, now, custom_types, pass_hint=False))
    return tuple(pieces)


# Fields a condition can seek an index on (an equality, or a range of dates or numbers).
_SEEKABLE = {
    "contact": {"name", "company", "title", "email", "phone", "city", "country", "created", "updated",
                "owner"},
    "company": {"name", "industry", "city", "country", "phone", "created", "updated", "owner",
                "employees"},
    "deal": {"stage", "pipeline", "owner", "status"},
}
_SEEK_OPS = frozenset({"is", "before", "after", "within_days", "eq", "gt", "gte", "lt", "lte"})


def _can_seek(group: Group, entity: str) -> bool:
    """Whether an AND group has a condition SQLite can look up in an index."""
    if group.match != "all" and len(group.items) > 1:
        return False
    return any(isinstance(c, Condition) and c.field in _SEEKABLE[entity] and c.op in _SEEK_OPS
               for c in group.items)


# -- counting in parts ---------------------------------------------------------------------
# A condition with no index to seek (an OR with "title contains", say) is counted in one pass
# over the table; the pass is split into rowid ranges, each counted at the same time on a
# connection of its own: Python's sqlite3 lets go of the GIL while SQLite steps, and a
# count(*) is one step, so the parts run on as many cores. Smaller tables are counted whole.
SPLIT_MIN_ROWS = 100_000
MAX_PARTS = 4
# Rowid ranges per connection: each connection takes the next range left when it is done with
# one, so a connection whose core is busy with other work leaves more of them to the others.
RANGES_PER_LANE = 2
# The counting connections read the file through a memory map: no copy of each 4 KiB page
# out of the OS cache into SQLite's (~0.12 s of a million people's 0.15 s pass). SQLite maps
# at most 0x7fff0000 bytes (its SQLITE_MAX_MMAP_SIZE): asking for that maps a file of up to
# 2 GiB whole, where 1 GiB left a fifth of a million people's rows to be copied page by page.
MMAP_BYTES = 0x7FFF0000


# In a piece's SQL: "and the records in the part's rowid range", for a set of records read
# from an index rather than the table (a count in one part drops it: it is a comment).
ROWS = "/*rows {column}*/"
_ROWS_MARK = re.compile(r"/\*rows ([\w.]+)\*/")


def count_where(db: pw.SqliteDatabase, table: str, pieces: Sequence[tuple[str, Sequence]]) -> int:
    """The sum of ``SELECT count(*) FROM table WHERE w`` over disjoint ``pieces`` ``(w, params)``,
    counted at once on connections of their own where that helps: a piece that reads every
    row in rowid ranges, and the pieces side by side."""
    pieces = [(where, tuple(params)) for where, params in pieces]
    if _may_count_elsewhere(db):
        tasks = _tasks(db, table, pieces)
        if len(tasks) > 1:
            counted = _count_at_once(db, table, tasks)
            if counted is not None:
                return counted
    return sum(db.execute_sql(f"SELECT count(*) FROM {table} WHERE {where}", params).fetchone()[0]
               for where, params in pieces)


def count_list(db: pw.SqliteDatabase, table: str, q, list_where) -> int:
    """The count of a list query (``list_where(q)`` gives its condition): with a segment that
    is counted in pieces, the list's other conditions go with each piece."""
    pieces = getattr(q.segment, "pieces", ())
    if not pieces:
        return count_where(db, table, [list_where(q)])
    where, params = list_where(q.with_(segment=None))
    return count_where(db, table, [_live_last(w, p, where, params) for w, p in pieces])


def _live_last(piece: str, params: Sequence, where: str, where_params: Sequence) -> tuple[str, tuple]:
    """A piece, then the list's conditions: SQLite tests the terms of a pass in the order written,
    and "deleted_at IS NULL" (the last column) makes it decode all of every row's header, where
    the piece's own tests, first, rule out most rows from the columns before it (the pass of
    "title contains or source is" over a million people: ~8 % less CPU)."""
    return f"{piece} AND {where}", (*params, *where_params)


def _parts() -> int:
    return min(os.cpu_count() or 1, MAX_PARTS)


def _may_count_elsewhere(db: pw.SqliteDatabase) -> bool:
    """Not on one core, nor for an encrypted file (its pages are decrypted into each
    connection's cache: a fresh one would decrypt them all again), nor in a transaction of
    this thread's (other connections would not see its changes)."""
    return (_parts() > 1 and not getattr(db, "passphrase", None) and not db.in_transaction()
            and not db.connection().in_transaction)


def _tasks(db: pw.SqliteDatabase, table: str, pieces: list[tuple[str, tuple]]) -> list[tuple]:
    """``(where, params, rowid range or None)`` to count at once (none for a small table): a
    piece whose plan passes over the table is split into RANGES_PER_LANE rowid ranges per core
    (up to MAX_PARTS cores), and so is a piece that reads a set from an index (ROWS)."""
    # Two subqueries: SQLite reads min() or max() alone from the end of the b-tree, both at once
    # in a pass over the table.
    lo, hi = db.execute_sql(f"SELECT (SELECT min(id) FROM {table}), (SELECT max(id) FROM {table})").fetchone()
    passes = (f"SCAN {table}", f"SEARCH {table} USING INTEGER PRIMARY KEY (rowid>?)")
    if lo is None or hi - lo < SPLIT_MIN_ROWS:
        return []  # small: counted on this thread's connection
    tasks: list[tuple] = []
    for where, params in pieces:
        n = _parts() * RANGES_PER_LANE
        step = (hi - lo) // n + 1
        ranges = [(lo + i * step, lo + (i + 1) * step) for i in range(n)]
        if _ROWS_MARK.search(where):  # a set read from an index, in ranges of its own
            tasks += [(_ROWS_MARK.sub(lambda m, a=a, b=b: f" AND {m[1]} >= {a} AND {m[1]} < {b}", where),
                       params, None) for a, b in ranges]
            continue
        plan = db.execute_sql(f"EXPLAIN QUERY PLAN SELECT count(*) FROM {table} WHERE {where}",
                              params).fetchall()
        if any(r[1] == 0 and r[-1] in passes for r in plan):
            tasks += [(where, params, bounds) for bounds in ranges]
        else:
            tasks.append((where, params, None))
    return tasks


def _count_at_once(db: pw.SqliteDatabase, table: str, tasks: list[tuple]) -> int | None:
    """The sum of the tasks' counts, on one thread and connection per core (this thread is the
    first), each taking the next task not taken yet, all of its tasks in one read transaction;
    None if a write was committed while they ran (they may then have read different states of
    the file; the caller counts again on its own connection)."""
    lanes = min(_parts(), len(tasks))
    taken = itertools.count()  # next() on it is atomic: each task is counted once
    counts: list[int] = [0] * len(tasks)
    errors: list[BaseException] = []
    moved = threading.Event()
    done = threading.Barrier(lanes)

    pool = counting_connections(db)

    def lane() -> None:
        conn = kept = None
        try:
            conn, kept = pool.take()
            conn.execute("BEGIN")
            while (i := next(taken)) < len(tasks):
                where, params, bounds = tasks[i]
                if bounds is not None:
                    where, params = f"id >= ? AND id < ? AND {where}", (*bounds, *params)
                counts[i] = conn.execute(f"SELECT count(*) FROM {table} WHERE {where}", params).fetchone()[0]
            version = conn.execute("PRAGMA data_version").fetchone()[0]
            conn.execute("COMMIT")
            # Once every lane has counted: a lane whose file has not changed since its read
            # read the same state as every lane that began after it; all did, if none changed.
            done.wait()
            if conn.execute("PRAGMA data_version").fetchone()[0] != version:
                moved.set()
        except threading.BrokenBarrierError:
            pass
        except BaseException as exc:  # raised again in the calling thread
            errors.append(exc)
            done.abort()
        finally:
            if conn is not None:
                pool.give_back(conn, kept)

    workers = [threading.Thread(target=lane, name=f"count-{i}", daemon=True) for i in range(1, lanes)]
    for worker in workers:
        worker.start()
    lane()
    for worker in workers:
        worker.join()
    if errors:
        raise errors[0]
    return None if moved.is_set() else sum(counts)


class CountingConnections:
    """The connections that count in parts, kept from one count to the next.

    A new connection reads the schema again, maps the file again (a page fault for every few
    pages first touched) and prepares every statement again; kept, the next count of the same
    segment starts at once. The pages a kept connection has read stay mapped until it closes:
    pages of the file, shared with the OS's file cache, not memory of the process's own.
    They are this database's: ``close()`` closes those at rest and makes those in use close
    when given back, and is called whenever the database closes (``Database.close()``, so also
    before a restore or a change of encryption reopens it).
    The next count opens new ones, on the file as it is then. At most MAX_PARTS are kept.
    """

    def __init__(self, db: pw.SqliteDatabase, keep: bool = True) -> None:
        self._db = db
        self._keep = keep  # False: nothing says when the database closes, so none is kept
        self._lock = threading.Lock()
        self._idle: list = []
        self._epoch = 0  # moved on by close(): a connection taken before it is not kept

    def take(self) -> tuple[object, int]:
        """A connection for this thread's use alone, and the token ``give_back`` wants."""
        with self._lock:
            if self._idle:
                return self._idle.pop(), self._epoch
            epoch = self._epoch
        return self._open(), epoch

    def give_back(self, conn, epoch: int) -> None:
        """Keep ``conn`` for the next count, or close it (the database closed since it was
        taken, enough are kept, or it was left in a transaction by an error)."""
        with self._lock:
            if (self._keep and epoch == self._epoch and len(self._idle) < MAX_PARTS
                    and not conn.in_transaction):
                self._idle.append(conn)
                return
        conn.close()

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
            self._epoch += 1
        for conn in idle:
            conn.close()

    def open_count(self) -> int:
        """How many are kept at rest (for tests)."""
        with self._lock:
            return len(self._idle)

    def _open(self):
        # As the database opens its own (its pragmas), but usable from any thread: a count
        # runs on whichever thread asks, and a kept connection is used by one at a time.
        db = self._db
        conn = pw.sqlite3.connect(db.database, timeout=db._timeout, isolation_level=None,
                                  check_same_thread=False)
        try:
            db._add_conn_hooks(conn)
            conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        except BaseException:
            conn.close()
            raise
        return conn


_POOL_LOCK = threading.Lock()  # makes each database's pool once, whichever threads ask at once


def counting_connections(db: pw.SqliteDatabase) -> CountingConnections:
    """The database's counting connections, kept on the database object itself; closed with it
    where it says when it closes (``on_close``, see ``storage.database``), else each count
    closes its own."""
    with _POOL_LOCK:
        pool = getattr(db, "counting_connections", None)
        if pool is None:
            hooks = getattr(db, "on_close", None)
            pool = db.counting_connections = CountingConnections(db, keep=hooks is not None)
            if hooks is not None:
                hooks.append(pool.close)
    return pool


_SEGMENT_COLUMNS = "id, name, entity, payload, position"


class SegmentStore:
    def __init__(self, db: pw.SqliteDatabase) -> None:
        self.db = db

    def all(self, entity: str | None = None) -> list[Segment]:
        where = "deleted_at IS NULL" + (" AND entity = ?" if entity else "")
        rows = self.db.execute_sql(
            f"SELECT {_SEGMENT_COLUMNS} FROM segment WHERE {where} ORDER BY position, lower(name), id",
            (entity,) if entity else ())
        return [Segment(i, n, e, from_json(p), pos) for i, n, e, p, pos in rows]

    def get(self, segment_id: int) -> Segment:
        row = self.db.execute_sql(f"SELECT {_SEGMENT_COLUMNS} FROM segment WHERE id = ? "
                                  "AND deleted_at IS NULL", (segment_id,)).fetchone()
        if row is None:
            raise NotFoundError("segment", segment_id)
        return Segment(row[0], row[1], row[2], from_json(row[3]), row[4])

    def create(self, name: str, entity: str, group: Group, now: dt.datetime) -> int:
        position = self.db.execute_sql("SELECT coalesce(max(position), 0) + 1 FROM segment").fetchone()[0]
        cur = self.db.execute_sql(
            "INSERT INTO segment(uuid, entity, name, payload, position, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)", (new_uuid(), entity, name, to_json(group), position,
                                             ts(now), ts(now)))
        return cur.lastrowid

    def update(self, segment_id: int, name: str, group: Group, now: dt.datetime) -> None:
        cur = self.db.execute_sql(
            "UPDATE segment SET name = ?, payload = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
            (name, to_json(group), ts(now), segment_id))
        if cur.rowcount == 0:
            raise NotFoundError("segment", segment_id)

    def delete(self, segment_id: int, now: dt.datetime) -> None:
        self.db.execute_sql("UPDATE segment SET deleted_at = ?, updated_at = ? WHERE id = ?",
                            (ts(now), ts(now), segment_id))

    def updated_at(self, segment_id: int) -> dt.datetime | None:
        row = self.db.execute_sql("SELECT updated_at FROM segment WHERE id = ?", (segment_id,)).fetchone()
        return parse_ts(row[0]) if row else None

    # -- the records of a segment ------------------------------------------------------------
    def count(self, entity: str, condition: tuple[str, tuple]) -> int:
        sql, params = condition
        pieces = getattr(condition, "pieces", ())
        if not pieces:
            return count_where(self.db, TABLES[entity], [(f"deleted_at IS NULL AND {sql}", params)])
        return count_where(self.db, TABLES[entity],
                           [_live_last(w, p, "deleted_at IS NULL", ()) for w, p in pieces])

    def ids(self, entity: str, condition: tuple[str, tuple]) -> list[int]:
        sql, params = condition
        return [r[0] for r in self.db.execute_sql(
            f"SELECT id FROM {TABLES[entity]} WHERE deleted_at IS NULL AND {sql} ORDER BY id", params)]

    def assign_owner(self, entity: str, ids: Sequence[int], owner_id: int | None, now: dt.datetime) -> int:
        changed = 0
        for part in chunks(list(ids)):
            changed += self.db.execute_sql(
                f"UPDATE {TABLES[entity]} SET owner_id = ?, updated_at = ? WHERE deleted_at IS NULL "
                f"AND owner_id IS NOT ? AND id IN ({marks(len(part))})", (owner_id, ts(now), owner_id, *part)
            ).rowcount
        return changed
