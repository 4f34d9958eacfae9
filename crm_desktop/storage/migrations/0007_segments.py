"""Saved segments (smart lists), pairs marked "not a duplicate", and what each merge did.

A segment keeps its filter as JSON (``core.segments``). A pair is stored once, lower id
first. ``merge_log`` keeps, for every merge, what it changed (the survivor's values before,
the rows moved from the merged record, the tags and channels it brought) so the merge can
be undone later.
"""

STATEMENTS = {
    "segment": """CREATE TABLE segment (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    entity TEXT NOT NULL DEFAULT 'contact',
    name TEXT NOT NULL,
    payload TEXT NOT NULL DEFAULT '{}',
    position INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT)""",
    "not_duplicate": """CREATE TABLE not_duplicate (
    entity TEXT NOT NULL,
    low_id INTEGER NOT NULL,
    high_id INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (entity, low_id, high_id)) WITHOUT ROWID""",
    "merge_log": """CREATE TABLE merge_log (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    entity TEXT NOT NULL,
    survivor_id INTEGER NOT NULL,
    loser_id INTEGER NOT NULL,
    payload TEXT NOT NULL DEFAULT '{}',
    merged_at TEXT NOT NULL,
    undone_at TEXT,
    activity_id INTEGER)""",
}

INDEXES = {
    "segment_by_entity": "CREATE INDEX segment_by_entity ON segment(entity, position) WHERE deleted_at IS NULL",
    "merge_log_survivor": "CREATE INDEX merge_log_survivor ON merge_log(entity, survivor_id, merged_at)",
    "merge_log_loser": "CREATE INDEX merge_log_loser ON merge_log(entity, loser_id)",
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
