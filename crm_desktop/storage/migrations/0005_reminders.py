"""Reminders: when each task notifies, the follow-up rules, lead scores and shown notifications.

The task table of the first schema lacks three things: the moment its notification fires
(``remind_at``, kept beside ``due_at`` so "what is due now" is one index range), when it was
shown (``notified_at``, so a reminder is shown once) and the rule that created it. Rules and
scoring rules keep their settings as JSON; the defaults a new user starts with are added here.
"""

STAMP = """
    uuid TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT"""

COLUMNS = {
    "remind_at": "ALTER TABLE task ADD COLUMN remind_at TEXT",
    "notified_at": "ALTER TABLE task ADD COLUMN notified_at TEXT",
    # No REFERENCES: SQLite refuses to drop a column that takes part in a foreign key.
    "rule_id": "ALTER TABLE task ADD COLUMN rule_id INTEGER",
}

TABLES = {
    "follow_rule": f"""CREATE TABLE follow_rule (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    enabled INTEGER NOT NULL DEFAULT 1,
    config TEXT NOT NULL DEFAULT '{{}}',
    position INTEGER NOT NULL DEFAULT 0,
    last_run_at TEXT,{STAMP})""",
    "score_rule": f"""CREATE TABLE score_rule (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    points INTEGER NOT NULL DEFAULT 0,
    enabled INTEGER NOT NULL DEFAULT 1,
    config TEXT NOT NULL DEFAULT '{{}}',
    position INTEGER NOT NULL DEFAULT 0,{STAMP})""",
    "contact_score": """CREATE TABLE contact_score (
    contact_id INTEGER PRIMARY KEY REFERENCES contact(id) ON DELETE CASCADE,
    score INTEGER NOT NULL,
    top_rule_id INTEGER,
    computed_at TEXT NOT NULL)""",
    # What the background work last did (e.g. the rules a full scoring pass used, and when).
    "reminder_state": """CREATE TABLE reminder_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL) WITHOUT ROWID""",
    "notification": """CREATE TABLE notification (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    task_id INTEGER REFERENCES task(id) ON DELETE CASCADE,
    title TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    count INTEGER NOT NULL DEFAULT 1,
    shown_at TEXT NOT NULL,
    read_at TEXT)""",
}

INDEXES = {
    "task_remind": "CREATE INDEX task_remind ON task(remind_at) "
                   "WHERE done_at IS NULL AND deleted_at IS NULL AND notified_at IS NULL",
    # Replaces task_due of the first schema (same leading column, same rows): it also holds
    # what the Reminders page counts and filters by, so its counts never read the table.
    "task_open": "CREATE INDEX task_open ON task(due_at, all_day, owner_id, kind) "
                 "WHERE done_at IS NULL AND deleted_at IS NULL",
    "task_done": "CREATE INDEX task_done ON task(done_at) WHERE done_at IS NOT NULL AND deleted_at IS NULL",
    "task_rule_key": "CREATE UNIQUE INDEX task_rule_key ON task(rule_key) WHERE rule_key IS NOT NULL",
    "contact_score_rank": "CREATE INDEX contact_score_rank ON contact_score(score DESC, contact_id)",
    "notification_recent": "CREATE INDEX notification_recent ON notification(shown_at)",
}

_NEW = "lower(hex(randomblob(16))), strftime('%Y-%m-%d %H:%M:%f', 'now'), strftime('%Y-%m-%d %H:%M:%f', 'now')"

DEFAULTS = [
    "INSERT INTO follow_rule(kind, name, config, position, uuid, created_at, updated_at) VALUES "
    f"('keep_in_touch', '', '{{\"tag\": \"customer\", \"days\": 30}}', 0, {_NEW})",
    "INSERT INTO follow_rule(kind, name, enabled, config, position, uuid, created_at, updated_at) VALUES "
    f"('no_next_step', '', 0, '{{}}', 1, {_NEW})",
    "INSERT INTO score_rule(kind, points, config, position, uuid, created_at, updated_at) VALUES "
    f"('tag', 20, '{{\"tag\": \"customer\"}}', 0, {_NEW}),"
    f"('field', 10, '{{\"field\": \"email\"}}', 1, {_NEW}),"
    f"('field', 10, '{{\"field\": \"phone\"}}', 2, {_NEW}),"
    f"('company_size', 15, '{{\"min\": 50}}', 3, {_NEW}),"
    f"('source', 15, '{{\"source\": \"referral\"}}', 4, {_NEW}),"
    f"('interactions', 25, '{{\"count\": 3, \"days\": 30}}', 5, {_NEW})",
]


FIRST_SCHEMA_TASK_DUE = "CREATE INDEX task_due ON task(due_at) WHERE done_at IS NULL AND deleted_at IS NULL"


def up(migrator, db):
    for statement in TABLES.values():
        db.execute_sql(statement)
    for statement in COLUMNS.values():
        db.execute_sql(statement)
    db.execute_sql("DROP INDEX IF EXISTS task_due")
    for statement in INDEXES.values():
        db.execute_sql(statement)
    for statement in DEFAULTS:
        db.execute_sql(statement)


def down(migrator, db):
    for name in INDEXES:
        db.execute_sql(f"DROP INDEX IF EXISTS {name}")
    db.execute_sql(FIRST_SCHEMA_TASK_DUE)
    for column in COLUMNS:
        db.execute_sql(f"ALTER TABLE task DROP COLUMN {column}")
    for name in reversed(list(TABLES)):
        db.execute_sql(f"DROP TABLE IF EXISTS {name}")
