"""Migration 0006 (the customer view) goes down and up again cleanly, and its triggers
record field changes on UPDATE only (bulk inserts of people stay untouched)."""

from __future__ import annotations

from migration_support import migration

M0006 = migration("0006_customer360")


def _names(db, kind: str) -> set[str]:
    return {r[0] for r in db.execute_sql("SELECT name FROM sqlite_master WHERE type = ?", (kind,))}


def _columns(db, table: str) -> set[str]:
    return {r[1] for r in db.execute_sql(f"PRAGMA table_info({table})")}


def test_the_customer_migration_reverts_and_applies_again(services):
    db = services.ctx.storage.database.db
    tables = {"relationship", "field_change", "history_actor", "customer_photo"}
    assert tables <= _names(db, "table")
    with db.atomic():
        M0006.down(None, db)
    assert tables.isdisjoint(_names(db, "table"))
    history = [n for n in _names(db, "trigger") if n.startswith(("contact_history_", "company_history_"))]
    assert history == []
    assert "case_id" not in _columns(db, "activity") and "product" not in _columns(db, "order_line")
    with db.atomic():
        M0006.up(None, db)
    assert tables <= _names(db, "table")
    assert "case_id" in _columns(db, "activity")


def test_no_trigger_fires_on_inserting_people_or_companies(services):
    db = services.ctx.storage.database.db
    triggers = db.execute_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
        "AND (name LIKE 'contact_history_%' OR name LIKE 'company_history_%')").fetchall()
    assert triggers
    assert all("AFTER UPDATE OF" in sql for _, sql in triggers)
