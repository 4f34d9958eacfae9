"""Migration 0005 (reminders): its tables, columns, indexes and defaults, and its way back."""

from __future__ import annotations

import peewee as pw
from migration_support import migration


def _migration():
    return migration("0005_reminders")


def _columns(db: pw.SqliteDatabase, table: str) -> set[str]:
    return {row[1] for row in db.execute_sql(f"PRAGMA table_info({table})")}


def _names(db: pw.SqliteDatabase, kind: str) -> set[str]:
    return {r[0] for r in db.execute_sql("SELECT name FROM sqlite_master WHERE type = ?", (kind,))}


def test_the_migration_adds_what_reminders_need_and_can_be_reverted(services):
    db = services.ctx.storage.database.db
    migration = _migration()
    assert {"remind_at", "notified_at", "rule_id"} <= _columns(db, "task")
    assert {"follow_rule", "score_rule", "contact_score", "notification"} <= _names(db, "table")
    assert set(migration.INDEXES) <= _names(db, "index")
    plan = db.execute_sql("EXPLAIN QUERY PLAN SELECT id FROM task WHERE remind_at <= '2024' "
                          "AND done_at IS NULL AND deleted_at IS NULL AND notified_at IS NULL").fetchall()
    assert "task_remind" in str(plan)  # "what is due now" is one index range
    kinds = [r[0] for r in db.execute_sql("SELECT kind FROM follow_rule ORDER BY position")]
    assert kinds == ["keep_in_touch", "no_next_step"]
    with db.atomic():
        migration.down(None, db)
    assert not {"remind_at", "notified_at", "rule_id"} & _columns(db, "task")
    assert not {"follow_rule", "score_rule", "contact_score", "notification"} & _names(db, "table")
    with db.atomic():
        migration.up(None, db)
    assert {"remind_at", "notified_at", "rule_id"} <= _columns(db, "task")
