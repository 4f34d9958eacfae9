"""Follow-up rules and lead scoring: their settings, and the set-based SQL that applies them.

Rules run over every contact or deal at once (a few statements, whatever the number of rows),
so the keep-in-touch rule over a million contacts is a scan of the tagged ones, not a Python loop.
Tasks made by a rule carry a unique ``rule_key``; INSERT OR IGNORE makes a second run a no-op.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence

import peewee as pw

from ..core.activities import INTERACTION_KINDS
from ..core.errors import NotFoundError
from ..core.rules import FollowRule, parse_config
from ..core.scoring import (
    COMPANY_SIZE,
    DEAL_STAGE,
    FIELD,
    INTERACTIONS,
    SOURCE,
    TAG,
    ScoreRule,
)
from .common import chunks, marks, new_uuid, ts

_INTERACTIONS = ",".join(f"'{k}'" for k in INTERACTION_KINDS)
# A deal's person marked "do not contact" gets no rule-made tasks (a partial index holds the flagged).
_PERSON_MAY_BE_CONTACTED = ("(contact_id IS NULL OR contact_id NOT IN "
                            "(SELECT id FROM contact WHERE do_not_contact = 1 AND deleted_at IS NULL))")
_TASK_INSERT = ("INSERT OR IGNORE INTO task(uuid, title, kind, due_at, all_day, remind_before_min, priority, "
                "recurrence, notes, rule_key, rule_id, contact_id, company_id, deal_id, owner_id, remind_at, "
                "created_at, updated_at) ")


# The last interaction with contact ``ct.contact_id``: the newest entry of the covering index
# activity_timeline (contact_id, occurred_at, kind, …), read backwards until a kind that counts.
_LAST_TALK = (f"(SELECT a.occurred_at FROM activity a WHERE a.contact_id = ct.contact_id "
              f"AND a.kind IN ({_INTERACTIONS}) AND a.deleted_at IS NULL "
              "ORDER BY a.occurred_at DESC LIMIT 1)")
# Who needs a keep-in-touch task: tagged, alive, may be contacted, silent since the cutoff, no
# open task, and no task made for this same silence before (its key: rule, contact, the moment
# the silence began).
_KIT_DUE = (
    "INSERT INTO temp.kit_due(contact_id, since) SELECT contact_id, since FROM ("
    f"  SELECT ct.contact_id, coalesce({_LAST_TALK}, c.created_at) AS since "
    "  FROM contact_tag ct JOIN contact c ON c.id = ct.contact_id "
    "  WHERE ct.tag_id = :tag AND c.deleted_at IS NULL AND c.created_at < :cutoff AND c.do_not_contact = 0 "
    # ct.contact_id, not c.id: SQLite then checks these before it reads the contact row
    # (measured at 1M: a repeat run 0.63-0.73 s instead of 0.98-1.03 s).
    "  AND NOT EXISTS (SELECT 1 FROM activity a WHERE a.contact_id = ct.contact_id "
    f"    AND a.kind IN ({_INTERACTIONS}) AND a.occurred_at >= :cutoff AND a.deleted_at IS NULL) "
    "  AND NOT EXISTS (SELECT 1 FROM task t WHERE t.contact_id = ct.contact_id AND t.done_at IS NULL "
    "    AND t.deleted_at IS NULL)) k "
    "WHERE NOT EXISTS (SELECT 1 FROM task t WHERE t.rule_key = 'kit:' || :rule || ':' || k.contact_id || ':' "
    "  || k.since)")

# The tasks for the first ``:limit`` of them, the longest silent first (n: their order).
_KIT_TASK = (
    "replace(:title, '%1', c.full_name), :kind, :due, 1, 0, 0, '', '', "
    "'kit:' || :rule || ':' || c.id || ':' || k.since, :rule, c.id, "
    "c.company_id, NULL, coalesce(c.owner_id, :owner), :remind, :now, :now "
    "FROM (SELECT contact_id, since, row_number() OVER () AS n FROM (SELECT contact_id, since "
    "FROM temp.kit_due ORDER BY since, contact_id LIMIT :limit)) k JOIN contact c ON c.id = k.contact_id "
    "ORDER BY k.n")


def _uuid7_sql(counter: str) -> tuple[str, dict]:
    """SQL making a time-ordered UUIDv7 per row, counting up with ``counter`` (an integer
    expression, distinct for each row and growing in insertion order), and its parameters.

    The millisecond comes from the app's generator, the 74 random bits from a random start
    (the low 62 counted up from it): rows append to the uuid index like those made in Python
    (random UUIDs land all over it), without calling Python once per row.
    """
    made = new_uuid()
    rand_a = os.urandom(2).hex()[:3]
    start = int.from_bytes(os.urandom(8), "big") >> 3  # < 2**61: counting up never overflows
    tail = f"printf('%016x', :uuid_base + {counter})"
    sql = f":uuid_head || substr({tail}, 1, 4) || '-' || substr({tail}, 5)"
    # The variant bits (0b10) are the sign bit and the next one: a negative 64-bit number.
    return sql, {"uuid_head": f"{made[:8]}-{made[9:13]}-7{rand_a}-", "uuid_base": -(1 << 63) + start}


class FollowRuleStore:
    def __init__(self, db: pw.SqliteDatabase) -> None:
        self.db = db

    def all(self) -> list[FollowRule]:
        rows = self.db.execute_sql("SELECT id, kind, name, enabled, config, position FROM follow_rule "
                                   "WHERE deleted_at IS NULL ORDER BY position, id")
        return [FollowRule(i, kind, name, bool(on), parse_config(cfg), pos) for i, kind, name, on, cfg, pos
                in rows]

    def get(self, rule_id: int) -> FollowRule:
        for rule in self.all():
            if rule.id == rule_id:
                return rule
        raise NotFoundError("follow_rule", rule_id)

    def add(self, rule: FollowRule, now: dt.datetime) -> int:
        position = _next_position(self.db, "follow_rule")
        cur = self.db.execute_sql(
            "INSERT INTO follow_rule(uuid, kind, name, enabled, config, position, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (new_uuid(), rule.kind, rule.name, int(rule.enabled), rule.config_text(), position, ts(now),
             ts(now)))
        return cur.lastrowid

    def update(self, rule: FollowRule, now: dt.datetime) -> None:
        self.db.execute_sql("UPDATE follow_rule SET kind = ?, name = ?, enabled = ?, config = ?, "
                            "updated_at = ? WHERE id = ?",
                            (rule.kind, rule.name, int(rule.enabled), rule.config_text(), ts(now), rule.id))

    def delete(self, rule_id: int, now: dt.datetime) -> None:
        self.db.execute_sql("UPDATE follow_rule SET deleted_at = ?, updated_at = ? WHERE id = ?",
                            (ts(now), ts(now), rule_id))

    def restore(self, rule_id: int, now: dt.datetime) -> bool:
        """A deleted rule in use again (the undo of deleting it)."""
        return self.db.execute_sql("UPDATE follow_rule SET deleted_at = NULL, updated_at = ? WHERE id = ? "
                                   "AND deleted_at IS NOT NULL", (ts(now), rule_id)).rowcount > 0

    def mark_run(self, rule_id: int, now: dt.datetime) -> None:
        self.db.execute_sql("UPDATE follow_rule SET last_run_at = ? WHERE id = ?", (ts(now), rule_id))

    # -- applying ------------------------------------------------------------------------
    def tag_id(self, name: str) -> int | None:
        row = self.db.execute_sql("SELECT id FROM tag WHERE name = ? COLLATE NOCASE AND deleted_at IS NULL",
                                  (name,)).fetchone()
        return row[0] if row else None

    def keep_in_touch(self, rule_id: int, tag_id: int, cutoff: dt.datetime, title: str, kind: str,
                      due: dt.datetime, remind: dt.datetime, owner_id: int | None, now: dt.datetime,
                      limit: int | None = None) -> tuple[int, int]:
        """Tasks for the contacts tagged ``tag_id`` not talked to since ``cutoff``, at most ``limit``
        of them (the longest silent first); (tasks made, contacts that needed one).

        The key names the contact and the last interaction (or the contact's creation), so
        the same silence never makes two tasks, and a new silence after a talk makes one.
        """
        self.db.execute_sql("CREATE TEMP TABLE IF NOT EXISTS kit_due(contact_id INTEGER NOT NULL, "
                            "since TEXT NOT NULL)")
        try:
            needed = self.db.execute_sql(_KIT_DUE, {"rule": rule_id, "tag": tag_id, "cutoff": ts(cutoff)}
                                         ).rowcount
            if needed == 0 or limit == 0:
                return 0, needed
            uuid_sql, params = _uuid7_sql("k.n")
            cur = self.db.execute_sql(
                _TASK_INSERT + f"SELECT {uuid_sql}, " + _KIT_TASK,
                {**params, "title": title, "kind": kind, "due": ts(due), "rule": rule_id, "owner": owner_id,
                 "remind": ts(remind), "now": ts(now), "limit": -1 if limit is None else limit})
            return cur.rowcount, needed
        finally:
            self.db.execute_sql("DELETE FROM temp.kit_due")

    def made_on(self, rule_id: int, day: str) -> int:
        """How many tasks a rule made on local day ``day`` (ISO date), for its daily limit."""
        row = self.db.execute_sql("SELECT value FROM reminder_state WHERE key = ?", (f"made:{rule_id}",)
                                  ).fetchone()
        when, _, count = (row[0] if row else "").partition(" ")
        return int(count) if when == day and count.isdigit() else 0

    def count_made(self, rule_id: int, day: str, made: int) -> None:
        total = self.made_on(rule_id, day) + made
        self.db.execute_sql("INSERT OR REPLACE INTO reminder_state(key, value) VALUES (?, ?)",
                            (f"made:{rule_id}", f"{day} {total}"))

    def deal_for_stage_rule(self, deal_id: int) -> tuple | None:
        """(stage_id, stage_entered_at, title, contact_id, company_id, owner_id) of an open, live deal
        whose person is not marked "do not contact"."""
        return self.db.execute_sql(
            "SELECT stage_id, coalesce(stage_entered_at, updated_at), title, contact_id, company_id, "
            "owner_id FROM deal WHERE id = ? AND deleted_at IS NULL AND status = 'open' "
            f"AND {_PERSON_MAY_BE_CONTACTED}", (deal_id,)).fetchone()

    def add_rule_task(self, rule_key: str, rule_id: int, title: str, kind: str, due: dt.datetime,
                      all_day: bool, remind: dt.datetime | None, contact_id: int | None,
                      company_id: int | None, deal_id: int | None, owner_id: int | None, now: dt.datetime
                      ) -> int | None:
        """One task made by a rule; None if that rule already made it."""
        cur = self.db.execute_sql(
            _TASK_INSERT + "VALUES (?, ?, ?, ?, ?, 0, 0, '', '', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (new_uuid(), title, kind, ts(due), int(all_day), rule_key, rule_id, contact_id, company_id,
             deal_id, owner_id, ts(remind), ts(now), ts(now)))
        return cur.lastrowid if cur.rowcount else None

    def stage_name(self, stage_id: int) -> str:
        row = self.db.execute_sql("SELECT name FROM stage WHERE id = ?", (stage_id,)).fetchone()
        return row[0] if row else ""

    def add_rule_notification(self, kind: str, rule_key: str | None, title: str, body: str, count: int,
                              deal_id: int | None, now: dt.datetime) -> int | None:
        """A notification a rule gives (no task); None if the one with this key was given already."""
        cur = self.db.execute_sql(
            "INSERT OR IGNORE INTO notification(kind, title, body, count, shown_at, deal_id, rule_key) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)", (kind, title, body, count, ts(now), deal_id, rule_key))
        return cur.lastrowid if cur.rowcount else None

    def no_next_step(self, rule_id: int, day_key: str, title: str, due: dt.datetime, remind: dt.datetime,
                     owner_id: int | None, now: dt.datetime) -> int:
        """A reminder on every open deal with no open task (at most one a day per deal)."""
        uuid_sql, params = _uuid7_sql("d.id")
        cur = self.db.execute_sql(
            _TASK_INSERT + f"SELECT {uuid_sql}, replace(:title, '%1', d.title), 'todo', :due, 1, 0, 1, "
            "'', '', 'nns:' || :rule || ':' || d.id || ':' || :day, :rule, d.contact_id, d.company_id, d.id, "
            "coalesce(d.owner_id, :owner), :remind, :now, :now FROM deal d "
            "WHERE d.deleted_at IS NULL AND d.status = 'open' AND NOT EXISTS (SELECT 1 FROM task t "
            "WHERE t.deal_id = d.id AND t.done_at IS NULL AND t.deleted_at IS NULL) "
            f"AND {_PERSON_MAY_BE_CONTACTED} ORDER BY d.id",
            {**params, "title": title, "due": ts(due), "rule": rule_id, "day": day_key, "owner": owner_id,
             "remind": ts(remind), "now": ts(now)})
        return cur.rowcount

    def stages(self) -> list[tuple[int, str, str]]:
        """(stage id, pipeline name, stage name) of every live stage, in board order."""
        return list(self.db.execute_sql(
            "SELECT s.id, p.name, s.name FROM stage s JOIN pipeline p ON p.id = s.pipeline_id "
            "WHERE s.deleted_at IS NULL AND p.deleted_at IS NULL "
            "ORDER BY p.position, p.id, s.position, s.id"))

    def made_since(self, rule_id: int, stamp: dt.datetime) -> list[int]:
        return [r[0] for r in self.db.execute_sql(
            "SELECT id FROM task WHERE rule_id = ? AND created_at = ?", (rule_id, ts(stamp)))]


class ScoreStore:
    """Scoring rules and the stored score of each contact."""

    def __init__(self, db: pw.SqliteDatabase) -> None:
        self.db = db

    def rules(self) -> list[ScoreRule]:
        rows = self.db.execute_sql("SELECT id, kind, points, config, label, enabled, position "
                                   "FROM score_rule WHERE deleted_at IS NULL ORDER BY position, id")
        return [ScoreRule(i, kind, pts, parse_config(cfg), label, bool(on), pos)
                for i, kind, pts, cfg, label, on, pos in rows]

    def add_rule(self, rule: ScoreRule, now: dt.datetime) -> int:
        import json

        position = _next_position(self.db, "score_rule")
        cur = self.db.execute_sql(
            "INSERT INTO score_rule(uuid, kind, label, points, enabled, config, position, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (new_uuid(), rule.kind, rule.label, rule.points, int(rule.enabled),
             json.dumps(rule.config, ensure_ascii=False), position, ts(now), ts(now)))
        return cur.lastrowid

    def update_rule(self, rule: ScoreRule, now: dt.datetime) -> None:
        import json

        self.db.execute_sql("UPDATE score_rule SET kind = ?, label = ?, points = ?, enabled = ?, config = ?, "
                            "updated_at = ? WHERE id = ?",
                            (rule.kind, rule.label, rule.points, int(rule.enabled),
                             json.dumps(rule.config, ensure_ascii=False), ts(now), rule.id))

    def delete_rule(self, rule_id: int, now: dt.datetime) -> None:
        self.db.execute_sql("UPDATE score_rule SET deleted_at = ?, updated_at = ? WHERE id = ?",
                            (ts(now), ts(now), rule_id))

    def restore_rule(self, rule_id: int, now: dt.datetime) -> bool:
        """A deleted scoring rule in use again (the undo of deleting it, the redo of adding it)."""
        return self.db.execute_sql("UPDATE score_rule SET deleted_at = NULL, updated_at = ? WHERE id = ? "
                                   "AND deleted_at IS NOT NULL", (ts(now), rule_id)).rowcount > 0

    def recompute(self, rules: Sequence[ScoreRule], now: dt.datetime,
                  contact_ids: Sequence[int] | None = None) -> int:
        """Store the score of every live contact (or of ``contact_ids``); how many rows written."""
        base, params = self._score_select(rules, now)
        if contact_ids is None:
            self.db.execute_sql("DELETE FROM contact_score")
            return self.db.execute_sql(base, params).rowcount
        n = 0
        for part in chunks(list(contact_ids)):
            self.db.execute_sql(f"DELETE FROM contact_score WHERE contact_id IN ({marks(len(part))})", part)
            n += self.db.execute_sql(f"{base} AND c.id IN ({marks(len(part))})", (*params, *part)).rowcount
        return n

    def _score_select(self, rules: Sequence[ScoreRule], now: dt.datetime) -> tuple[str, list]:
        """INSERT … SELECT scoring live contacts (the caller adds which ones), and its parameters."""
        active = [r for r in rules if r.enabled and r.points != 0]
        tests = [(_test_sql(r, now), r) for r in active]
        tests = [(sql, params, r) for (sql, params), r in tests if sql]
        if not tests:
            total, top, params = "0", "NULL", []
        else:
            total = " + ".join(f"(CASE WHEN {sql} THEN {r.points} ELSE 0 END)" for sql, _, r in tests)
            ranked = sorted((t for t in tests if t[2].points > 0),
                            key=lambda t: (-t[2].points, t[2].position))
            top = ("CASE " + " ".join(f"WHEN {sql} THEN {r.id}" for sql, _, r in ranked) + " END"
                   if ranked else "NULL")
            params = [p for _, ps, _ in tests for p in ps] + [p for _, ps, r in ranked for p in ps]
        base = (f"INSERT OR REPLACE INTO contact_score(contact_id, score, top_rule_id, computed_at) "
                f"SELECT c.id, {total}, {top}, ? FROM contact c LEFT JOIN company co ON co.id = c.company_id "
                "WHERE c.deleted_at IS NULL")
        return base, [*params, ts(now)]

    def score_of(self, contact_id: int) -> tuple[int, int | None] | None:
        row = self.db.execute_sql("SELECT score, top_rule_id FROM contact_score WHERE contact_id = ?",
                                  (contact_id,)).fetchone()
        return (row[0], row[1]) if row else None

    def hot(self, threshold: int, limit: int, offset: int = 0) -> list[tuple[int, str, str, int, int | None]]:
        """(contact id, name, company, score, top rule id) at or above ``threshold``, best first."""
        rows = self.db.execute_sql(
            "SELECT s.contact_id, c.full_name, c.company_name, s.score, s.top_rule_id FROM contact_score s "
            "JOIN contact c ON c.id = s.contact_id WHERE s.score >= ? AND c.deleted_at IS NULL "
            "ORDER BY s.score DESC, s.contact_id LIMIT ? OFFSET ?", (threshold, limit, offset))
        return list(rows)

    def hot_count(self, threshold: int) -> int:
        return self.db.execute_sql("SELECT count(*) FROM contact_score WHERE score >= ?",
                                   (threshold,)).fetchone()[0]

    def state(self, key: str) -> str | None:
        row = self.db.execute_sql("SELECT value FROM reminder_state WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_state(self, key: str, value: str) -> None:
        self.db.execute_sql("INSERT OR REPLACE INTO reminder_state(key, value) VALUES (?, ?)", (key, value))

    def contact_id_range(self) -> tuple[int, int]:
        row = self.db.execute_sql("SELECT coalesce(min(id), 0), coalesce(max(id), -1) FROM contact"
                                  ).fetchone()
        return row[0], row[1]

    def changed_contacts(self, since: dt.datetime, limit: int) -> list[int]:
        """Contacts edited since ``since`` (their last-updated index), at most ``limit``."""
        return [r[0] for r in self.db.execute_sql(
            "SELECT id FROM contact WHERE updated_at > ? AND deleted_at IS NULL ORDER BY updated_at LIMIT ?",
            (ts(since), limit))]

    def contacts_of_activities(self, activity_ids: Sequence[int]) -> list[int]:
        found: list[int] = []
        for part in chunks(list(activity_ids)):
            found += [r[0] for r in self.db.execute_sql(
                f"SELECT DISTINCT contact_id FROM activity WHERE id IN ({marks(len(part))}) "
                "AND contact_id IS NOT NULL", part)]
        return found

    def recompute_range(self, rules: Sequence[ScoreRule], now: dt.datetime, first: int, last: int) -> int:
        """Score the live contacts with ids in [first, last]; the dead ones in it lose their score."""
        self.db.execute_sql("DELETE FROM contact_score WHERE contact_id BETWEEN ? AND ?", (first, last))
        sql, params = self._score_select(rules, now)
        return self.db.execute_sql(f"{sql} AND c.id BETWEEN ? AND ?", (*params, first, last)).rowcount


def score_page(db: pw.SqliteDatabase, where: str, params: Sequence, columns: str, descending: bool,
               offset: int, limit: int) -> list[tuple]:
    """Rows of the people list (``columns`` of ``contact`` matching ``where``, then the score) in
    score order: the best first when ``descending``, and the not yet scored after them.

    The scored come in the order of the index contact_score_rank, so a page costs what it
    shows, not a sort of every person; the few not scored yet (new since the last pass) sit
    at the low end, by id. Ascending is the exact reverse, as the list reads its far half so.
    """
    d = "DESC" if descending else "ASC"
    scored = (f"SELECT {columns}, s.score FROM contact_score s "
              f"CROSS JOIN contact ON contact.id = s.contact_id WHERE {where} "
              f"ORDER BY s.score {d}, s.contact_id {d}")
    unscored = (f"SELECT {columns}, NULL FROM contact WHERE {where} AND NOT EXISTS (SELECT 1 FROM "
                f"contact_score s WHERE s.contact_id = contact.id) ORDER BY contact.id {d}")
    first, second = (scored, unscored) if descending else (unscored, scored)
    rows = db.execute_sql(f"{first} LIMIT ? OFFSET ?", (*params, limit, offset)).fetchall()
    if len(rows) == limit:
        return rows
    # The first part ends on this page (or before it): how many rows it has tells where the second starts.
    before = offset + len(rows) if rows else db.execute_sql(
        f"SELECT count(*) FROM ({first})", params).fetchone()[0]
    rows += db.execute_sql(f"{second} LIMIT ? OFFSET ?",
                           (*params, limit - len(rows), max(0, offset - before))).fetchall()
    return rows


def _next_position(db: pw.SqliteDatabase, table: str) -> int:
    return db.execute_sql(f"SELECT coalesce(max(position), -1) + 1 FROM {table}").fetchone()[0]


_FIELD_SQL = {
    "email": "c.email != ''", "phone": "c.phone != ''", "title": "c.title != ''",
    "company": "(c.company_id IS NOT NULL OR c.company_name != '')", "website": "c.website != ''",
    "address": "(c.street != '' OR c.city != '')", "birthday": "c.birthday IS NOT NULL",
}


def _test_sql(rule: ScoreRule, now: dt.datetime) -> tuple[str, list]:
    """The SQL condition of one scoring rule over ``contact c`` / ``company co``, with its parameters."""
    c = rule.config
    if rule.kind == TAG:
        return ("EXISTS (SELECT 1 FROM contact_tag ct JOIN tag g ON g.id = ct.tag_id "
                "WHERE ct.contact_id = c.id AND g.name = ? COLLATE NOCASE AND g.deleted_at IS NULL)",
                [str(c.get("tag", ""))])
    if rule.kind == FIELD:
        return _FIELD_SQL.get(str(c.get("field")), ""), []
    if rule.kind == COMPANY_SIZE:
        return "coalesce(co.employees, -1) >= ?", [int(c.get("min", 0))]
    if rule.kind == SOURCE:
        return "c.source = ? COLLATE NOCASE", [str(c.get("source", ""))]
    if rule.kind == INTERACTIONS:
        since = now - dt.timedelta(days=int(c.get("days", 30)))
        return (f"(SELECT count(*) FROM activity a WHERE a.contact_id = c.id AND a.kind IN ({_INTERACTIONS}) "
                "AND a.deleted_at IS NULL AND a.occurred_at >= ?) >= ?", [ts(since), int(c.get("count", 1))])
    if rule.kind == DEAL_STAGE:
        return ("EXISTS (SELECT 1 FROM deal d WHERE d.contact_id = c.id AND d.stage_id = ? "
                "AND d.status = 'open' AND d.deleted_at IS NULL)", [c.get("stage_id")])
    return "", []
