"""The dashboard: per-owner targets, and indexes that let its figures read an index range only.

A target is what an owner aims at: won value per month (minor units of a currency) or
activities per week. The indexes carry the columns the dashboard groups by, so a month or
a quarter of activities or new people is counted without reading the rows themselves.
"""

STATEMENTS = {
    "sales_target": """CREATE TABLE sales_target (
    id INTEGER PRIMARY KEY,
    owner_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
    metric TEXT NOT NULL,
    amount INTEGER NOT NULL,
    currency TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    UNIQUE (owner_id, metric))""",
}

# (deleted_at too: SQLite does not count a partial index's own condition as covered.)
INDEXES = {
    # By day: activities per owner, week and type are counted per day in this index's order.
    "activity_by_day": "CREATE INDEX activity_by_day ON activity(substr(occurred_at, 1, 10), owner_id, kind, "
                       "deleted_at) WHERE deleted_at IS NULL",
    "contact_new": "CREATE INDEX contact_new ON contact(created_at, source, owner_id, deleted_at) "
                   "WHERE deleted_at IS NULL",
    "company_new": "CREATE INDEX company_new ON company(created_at, source, owner_id, deleted_at) "
                   "WHERE deleted_at IS NULL",
}


def up(migrator, db):
    for statement in STATEMENTS.values():
        db.execute_sql(statement)
    for statement in INDEXES.values():
        db.execute_sql(statement)


def down(migrator, db):
    for name in INDEXES:
        db.execute_sql(f"DROP INDEX IF EXISTS {name}")
    for name in reversed(list(STATEMENTS)):
        db.execute_sql(f"DROP TABLE IF EXISTS {name}")
