"""Tasks: the rows, the Reminders page's sections, and the reminders that have come due."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import peewee as pw

from ..core.errors import EditConflict, NotFoundError
from ..core.tasks import (
    DONE,
    OVERDUE,
    TODAY,
    UPCOMING,
    DayBounds,
    DueReminder,
    SectionQuery,
    Task,
    TaskDraft,
    TaskRow,
)
from .common import CHUNK, chunks, marks, new_uuid, parse_ts, set_trashed, ts

UNDATED = "undated"  # open tasks without a due date: listed after the upcoming ones
UPCOMING_ALL = "upcoming_all"  # both, for orders other than by due date

_TASK_COLUMNS = ("t.id, t.uuid, t.title, t.kind, t.due_at, t.all_day, t.remind_before_min, t.priority, "
                 "t.recurrence, t.snoozed_until, t.done_at, t.notes, t.contact_id, t.company_id, "
                 "t.deal_id, t.owner_id, t.rule_id, t.remind_at, t.notified_at, t.created_at, "
                 "t.updated_at, coalesce(c.full_name, ''), coalesce(co.name, ''), coalesce(d.title, ''), "
                 "coalesce(u.name, '')")
_JOINS = ("LEFT JOIN contact c ON c.id = t.contact_id LEFT JOIN company co ON co.id = t.company_id "
          "LEFT JOIN deal d ON d.id = t.deal_id LEFT JOIN app_user u ON u.id = t.owner_id")
_CUSTOMER = "coalesce(c.full_name, co.name, d.title, '')"
# A task about a person marked "do not contact" (and no deal) does not notify (core.consent).
_SILENCED = "(t.deal_id IS NULL AND coalesce(c.do_not_contact, 0) = 1)"
_OPEN = "t.done_at IS NULL AND t.deleted_at IS NULL"
# What each section holds; :now, :today and :tomorrow are bound by TaskStore._section_sql.
# Each is one range of due_at (so of the partial index task_open): an all-day task is due at
# the start of its day (:today <= :now) and overdue only once the day is over.
_SECTIONS = {
    OVERDUE: f"{_OPEN} AND t.due_at < :now AND (t.all_day = 0 OR t.due_at < :today)",
    TODAY: f"{_OPEN} AND t.due_at >= :today AND t.due_at < :tomorrow AND (t.all_day = 1 OR t.due_at >= :now)",
    UPCOMING: f"{_OPEN} AND t.due_at >= :tomorrow",
    UNDATED: f"{_OPEN} AND t.due_at IS NULL",
    UPCOMING_ALL: f"{_OPEN} AND (t.due_at >= :tomorrow OR t.due_at IS NULL)",
    DONE: "t.done_at IS NOT NULL AND t.deleted_at IS NULL",
}
# Sort keys of the Reminders page; every order ends with the id so pages never overlap.
SORTS = {
    "due": "t.due_at", "title": "t.title COLLATE NOCASE", "kind": "t.kind",
    "priority": "t.priority", "owner": "coalesce(u.name, '') COLLATE NOCASE",
    "customer": f"{_CUSTOMER} COLLATE NOCASE", "done": "t.done_at",
}


_JOINED_SORTS = frozenset({"owner", "customer"})


def _task(row: tuple) -> Task:
    values = list(row)
    for i in (4, 9, 10, 17, 18, 19, 20):
        values[i] = parse_ts(values[i])
    values[5] = bool(values[5])
    return Task(*values)


class TaskStore:
    def __init__(self, db: pw.SqliteDatabase) -> None:
        self.db = db

    # -- writing -------------------------------------------------------------------------
    def add(self, draft: TaskDraft, remind_at: dt.datetime | None, now: dt.datetime) -> int:
        stamp = ts(now)
        cur = self.db.execute_sql(
            "INSERT INTO task(uuid, title, kind, due_at, all_day, remind_before_min, priority, recurrence, "
            "notes, rule_key, rule_id, contact_id, company_id, deal_id, owner_id, remind_at, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (new_uuid(), draft.title, draft.kind, ts(draft.due_at), int(draft.all_day),
             draft.remind_before_min, draft.priority, draft.recurrence, draft.notes, draft.rule_key,
             draft.rule_id, draft.contact_id, draft.company_id, draft.deal_id, draft.owner_id,
             ts(remind_at), stamp, stamp))
        return cur.lastrowid

    def update(self, task_id: int, draft: TaskDraft, remind_at: dt.datetime | None, now: dt.datetime,
               expected: dt.datetime | None = None) -> None:
        """Save edits; a changed reminder time will notify again (and any snooze is over).

        With ``expected`` (the updated_at the edit was read at) only if nobody saved the task
        since: the same UPDATE checks it, and EditConflict says it did not match."""
        check = " AND updated_at = ?" if expected is not None else ""
        n = self.db.execute_sql(
            "UPDATE task SET title = ?, kind = ?, due_at = ?, all_day = ?, remind_before_min = ?, "
            "priority = ?, recurrence = ?, notes = ?, contact_id = ?, company_id = ?, deal_id = ?, "
            "owner_id = ?, notified_at = CASE WHEN remind_at IS ? THEN notified_at END, "
            "snoozed_until = CASE WHEN remind_at IS ? THEN snoozed_until END, "
            "remind_at = CASE WHEN remind_at IS ? THEN remind_at ELSE ? END, updated_at = ? "
            f"WHERE id = ? AND deleted_at IS NULL{check}",
            (draft.title, draft.kind, ts(draft.due_at), int(draft.all_day), draft.remind_before_min,
             draft.priority, draft.recurrence, draft.notes, draft.contact_id, draft.company_id,
             draft.deal_id, draft.owner_id, ts(remind_at), ts(remind_at), ts(remind_at), ts(remind_at),
             ts(now), task_id, *((ts(expected),) if expected is not None else ()))).rowcount
        if n == 0:
            row = self.db.execute_sql("SELECT title FROM task WHERE id = ? AND deleted_at IS NULL",
                                      (task_id,)).fetchone()
            if row is None or expected is None:
                raise NotFoundError("task", task_id)
            raise EditConflict("task", task_id, row[0])

    def set_done(self, task_id: int, done_at: dt.datetime | None, now: dt.datetime) -> None:
        self.db.execute_sql("UPDATE task SET done_at = ?, updated_at = ? WHERE id = ?",
                            (ts(done_at), ts(now), task_id))

    def set_state(self, task_id: int, done_at: dt.datetime | None, snoozed_until: dt.datetime | None,
                  remind_at: dt.datetime | None, notified_at: dt.datetime | None, now: dt.datetime) -> None:
        """Put back what completing, reopening or snoozing changed (an undo)."""
        self.db.execute_sql(
            "UPDATE task SET done_at = ?, snoozed_until = ?, remind_at = ?, notified_at = ?, updated_at = ? "
            "WHERE id = ? AND deleted_at IS NULL",
            (ts(done_at), ts(snoozed_until), ts(remind_at), ts(notified_at), ts(now), task_id))

    def snooze(self, task_id: int, until: dt.datetime, now: dt.datetime) -> None:
        self.db.execute_sql(
            "UPDATE task SET snoozed_until = ?, remind_at = ?, notified_at = NULL, updated_at = ? "
            "WHERE id = ?", (ts(until), ts(until), ts(now), task_id))

    def mark_notified(self, ids: Sequence[int], now: dt.datetime) -> None:
        for part in chunks(list(ids)):
            self.db.execute_sql(f"UPDATE task SET notified_at = ? WHERE id IN ({marks(len(part))})",
                                (ts(now), *part))

    def soft_delete(self, ids: Sequence[int], now: dt.datetime) -> int:
        return set_trashed(self.db, "task", ids, now, True)

    def restore(self, ids: Sequence[int], now: dt.datetime) -> int:
        return set_trashed(self.db, "task", ids, now, False)

    def trashed(self) -> list[tuple[int, str, str]]:
        """(id, title, deleted_at) of the tasks in the trash."""
        return self.db.execute_sql(
            "SELECT id, title, deleted_at FROM task WHERE deleted_at IS NOT NULL").fetchall()

    def purge(self, ids: Sequence[int]) -> int:
        """Delete trashed tasks for good."""
        n = 0
        for part in chunks(list(ids)):
            n += self.db.execute_sql(f"DELETE FROM task WHERE id IN ({marks(len(part))}) "
                                     "AND deleted_at IS NOT NULL", part).rowcount
        return n

    # -- reading -------------------------------------------------------------------------
    def get(self, task_id: int) -> Task:
        row = self.db.execute_sql(f"SELECT {_TASK_COLUMNS} FROM task t {_JOINS} "
                                  "WHERE t.id = ? AND t.deleted_at IS NULL", (task_id,)).fetchone()
        if row is None:
            raise NotFoundError("task", task_id)
        return _task(row)

    def for_record(self, *, contact_id: int | None = None, company_id: int | None = None,
                   deal_id: int | None = None, open_only: bool = False) -> list[Task]:
        given = [(c, v) for c, v in (("contact_id", contact_id), ("company_id", company_id),
                                     ("deal_id", deal_id)) if v is not None]
        if len(given) != 1:
            raise ValueError("name exactly one of contact_id, company_id, deal_id")
        column, value = given[0]
        extra = " AND t.done_at IS NULL" if open_only else ""
        rows = self.db.execute_sql(
            f"SELECT {_TASK_COLUMNS} FROM task t {_JOINS} WHERE t.{column} = ? AND t.deleted_at IS NULL"
            f"{extra} ORDER BY t.done_at IS NOT NULL, t.due_at IS NULL, t.due_at, t.id", (value,))
        return [_task(r) for r in rows]

    def _section_sql(self, query: SectionQuery, bounds: DayBounds, part: str | None = None
                     ) -> tuple[str, dict]:
        where = [_SECTIONS[part or query.section]]
        params = {"now": ts(bounds.now), "today": ts(bounds.today), "tomorrow": ts(bounds.tomorrow)}
        if query.owner_id is not None:
            where.append("t.owner_id = :owner")
            params["owner"] = query.owner_id
        if query.kind:
            where.append("t.kind = :kind")
            params["kind"] = query.kind
        return " AND ".join(where), params

    def count(self, query: SectionQuery, bounds: DayBounds) -> int:
        if query.section == UPCOMING:  # two index ranges: dated, then undated
            return self._count(query, bounds, UPCOMING) + self._count(query, bounds, UNDATED)
        return self._count(query, bounds, query.section)

    def _count(self, query: SectionQuery, bounds: DayBounds, part: str) -> int:
        where, params = self._section_sql(query, bounds, part)
        return self.db.execute_sql(f"SELECT count(*) FROM task t WHERE {where}", params).fetchone()[0]

    def rows(self, query: SectionQuery, bounds: DayBounds, offset: int, limit: int) -> list[TaskRow]:
        """Rows [offset, offset + limit) of a section in its order.

        By due date, every section reads the partial index on due_at in order (no sort of the
        whole section for one page); Upcoming lists the undated tasks after the dated ones, and
        Done sorts by when each was done, the latest first.
        """
        if query.section == UPCOMING and query.sort == "due":
            dated = self._count(query, bounds, UPCOMING)
            found = self._rows(query, bounds, UPCOMING, offset, limit) if offset < dated else []
            if len(found) < limit:
                found += self._rows(query, bounds, UNDATED, max(0, offset - dated), limit - len(found))
            return found
        part = UPCOMING_ALL if query.section == UPCOMING else query.section
        return self._rows(query, bounds, part, offset, limit)

    def _rows(self, query: SectionQuery, bounds: DayBounds, part: str, offset: int, limit: int
              ) -> list[TaskRow]:
        where, params = self._section_sql(query, bounds, part)
        descending = query.descending
        sort = SORTS[query.sort]
        if query.section == DONE and query.sort == "due":
            sort, descending = "t.done_at", not descending
        direction = "DESC" if descending else "ASC"
        order = f"ORDER BY {sort} {direction}, t.id {direction}"
        params.update(limit=limit, offset=offset)
        if query.sort in _JOINED_SORTS:
            source = f"task t {_JOINS} WHERE {where} {order} LIMIT :limit OFFSET :offset"
        else:  # the page of tasks first, without the joins, then the names for those rows only
            source = (f"(SELECT * FROM task t WHERE {where} {order} LIMIT :limit OFFSET :offset) t {_JOINS} "
                      f"{order}")
        rows = self.db.execute_sql(
            f"SELECT t.id, t.title, t.kind, t.due_at, t.all_day, t.priority, t.done_at, "
            f"coalesce(u.name, ''), {_CUSTOMER}, t.recurrence != '', {_SILENCED} FROM {source}", params)
        return [TaskRow(i, title, kind, parse_ts(due), bool(all_day), prio, parse_ts(done), owner, who,
                        bool(rec), bool(quiet))
                for i, title, kind, due, all_day, prio, done, owner, who, rec, quiet in rows]

    def open_due_count(self, bounds: DayBounds) -> tuple[int, int]:
        """(overdue, due later today) open tasks."""
        overdue = self.count(SectionQuery(OVERDUE), bounds)
        today = self.count(SectionQuery(TODAY), bounds)
        return overdue, today

    def deals_for(self, contact_id: int | None, company_id: int | None, also: int | None = None
                  ) -> list[tuple[int, str]]:
        """(id, title) of the open deals of a person or company (and of deal ``also``), for a task's link."""
        rows = self.db.execute_sql(
            "SELECT id, title FROM deal WHERE deleted_at IS NULL AND ((status = 'open' AND "
            "(contact_id = ? OR company_id = ?)) OR id = ?) ORDER BY title COLLATE NOCASE, id LIMIT 200",
            (contact_id, company_id, also))
        return [(i, title) for i, title in rows]

    def last_change(self) -> dt.datetime | None:
        """When any task was last written (created, edited, done, snoozed or deleted)."""
        return parse_ts(self.db.execute_sql("SELECT max(updated_at) FROM task").fetchone()[0])

    def owners_of(self, contact_ids: Sequence[int]) -> dict[int, int | None]:
        found: dict[int, int | None] = {}
        for part in chunks(list(contact_ids)):
            found.update(self.db.execute_sql(
                f"SELECT id, owner_id FROM contact WHERE id IN ({marks(len(part))})", part).fetchall())
        return found

    # -- reminders -----------------------------------------------------------------------
    def due_reminders(self, now: dt.datetime, limit: int = 500) -> list[DueReminder]:
        """Open tasks whose reminder time has come and that have not notified yet, oldest first."""
        rows = self.db.execute_sql(
            f"SELECT t.id, t.title, t.remind_at, t.due_at, {_CUSTOMER}, t.contact_id, t.company_id, "
            f"t.deal_id FROM task t {_JOINS} WHERE t.remind_at <= ? AND t.done_at IS NULL "
            "AND t.deleted_at IS NULL AND t.notified_at IS NULL ORDER BY t.remind_at LIMIT ?",
            (ts(now), limit))
        return [DueReminder(i, title, parse_ts(at), parse_ts(due), who, cid, coid, did)
                for i, title, at, due, who, cid, coid, did in rows]

    def next_remind_at(self) -> dt.datetime | None:
        """The earliest reminder still to show (maybe already past): when the scheduler wakes."""
        row = self.db.execute_sql(
            "SELECT min(remind_at) FROM task WHERE done_at IS NULL AND deleted_at IS NULL "
            "AND notified_at IS NULL").fetchone()
        return parse_ts(row[0])

    def next_due(self, now: dt.datetime, limit: int) -> list[TaskRow]:
        """The next open tasks by due time (overdue first): the tray menu's items."""
        rows = self.db.execute_sql(
            f"SELECT t.id, t.title, t.kind, t.due_at, t.all_day, t.priority, t.done_at, "
            f"coalesce(u.name, ''), {_CUSTOMER}, t.recurrence != '' FROM task t {_JOINS} "
            "WHERE t.done_at IS NULL AND t.deleted_at IS NULL AND t.due_at IS NOT NULL "
            "ORDER BY t.due_at LIMIT ?", (limit,))
        return [TaskRow(i, title, kind, parse_ts(due), bool(all_day), prio, parse_ts(done), owner, who,
                        bool(rec)) for i, title, kind, due, all_day, prio, done, owner, who, rec in rows]

    def open_in_range(self, start: dt.datetime | None, end: dt.datetime | None,
                      include_done: bool = False, limit: int = -1) -> list[Task]:
        """Tasks with a due time in [start, end) for a calendar file, the earliest ``limit`` ones."""
        where = ["t.deleted_at IS NULL", "t.due_at IS NOT NULL"]
        params: list = []
        if not include_done:
            where.append("t.done_at IS NULL")
        if start is not None:
            where.append("t.due_at >= ?")
            params.append(ts(start))
        if end is not None:
            where.append("t.due_at < ?")
            params.append(ts(end))
        rows = self.db.execute_sql(f"SELECT {_TASK_COLUMNS} FROM task t {_JOINS} WHERE "
                                   f"{' AND '.join(where)} ORDER BY t.due_at, t.id LIMIT ?", (*params, limit))
        return [_task(r) for r in rows]

    # -- the notification log ------------------------------------------------------------
    def log_notification(self, kind: str, task_id: int | None, title: str, body: str, count: int,
                         now: dt.datetime) -> int:
        cur = self.db.execute_sql(
            "INSERT INTO notification(kind, task_id, title, body, count, shown_at) VALUES (?,?,?,?,?,?)",
            (kind, task_id, title, body, count, ts(now)))
        return cur.lastrowid

    def notifications(self, limit: int = 100, ids: Sequence[int] | None = None) -> list[tuple]:
        """(id, kind, task_id, title, body, count, shown_at, read_at, deal_id), newest first
        (of ``ids`` only, if given)."""
        where, params = "", [limit]
        if ids is not None:
            ids = list(ids)[:CHUNK]
            where, params = f"WHERE id IN ({marks(len(ids))}) ", [*ids, limit]
        rows = self.db.execute_sql(
            "SELECT id, kind, task_id, title, body, count, shown_at, read_at, deal_id FROM notification "
            f"{where}ORDER BY shown_at DESC, id DESC LIMIT ?", params)
        return [(i, k, t, title, body, n, parse_ts(at), parse_ts(read), deal) for i, k, t, title, body, n, at,
                read, deal in rows]

    def mark_notifications_read(self, now: dt.datetime) -> None:
        self.db.execute_sql("UPDATE notification SET read_at = ? WHERE read_at IS NULL", (ts(now),))

    def unread_notifications(self) -> int:
        return self.db.execute_sql("SELECT count(*) FROM notification WHERE read_at IS NULL").fetchone()[0]
