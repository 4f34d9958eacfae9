"""Notifications made by rules: a stage-entry rule can tell the deal's owner instead of making a task.

Such a notification names the deal it is about (clicking it opens the deal) and carries a key
like the tasks rules make, unique, so one stage entry never notifies twice. Both columns are
NULL for the reminders' own notifications. No REFERENCES on ``deal_id``: SQLite refuses to
drop a column that takes part in a foreign key, and deals are trashed, not deleted.
"""

COLUMNS = {
    "deal_id": "ALTER TABLE notification ADD COLUMN deal_id INTEGER",
    "rule_key": "ALTER TABLE notification ADD COLUMN rule_key TEXT",
}

INDEXES = {
    "notification_rule_key": "CREATE UNIQUE INDEX notification_rule_key ON notification(rule_key) "
                             "WHERE rule_key IS NOT NULL",
}


def up(migrator, db):
    for statement in COLUMNS.values():
        db.execute_sql(statement)
    for statement in INDEXES.values():
        db.execute_sql(statement)


def down(migrator, db):
    for name in INDEXES:
        db.execute_sql(f"DROP INDEX IF EXISTS {name}")
    for column in reversed(list(COLUMNS)):
        db.execute_sql(f"ALTER TABLE notification DROP COLUMN {column}")
