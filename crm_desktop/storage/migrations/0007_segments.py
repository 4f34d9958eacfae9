"""Saved segments (smart lists), pairs marked "not a duplicate", and what each merge did.

Also: the e-mail and phone lookup index carries the contact, for the duplicate scan.

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

# The duplicate scan groups e-mails and phones by their normal form and needs each one's
# contact: with the contact in the lookup index it reads the index alone (at a million
# people 9 -> 4 s of CPU per scan). The index keeps its name and still serves lookups.
CHANNEL_INDEX = "CREATE INDEX contact_channel_lookup ON contact_channel(channel, normalized, contact_id)"
OLD_CHANNEL_INDEX = "CREATE INDEX contact_channel_lookup ON contact_channel(channel, normalized)"

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
    db.execute_sql("DROP INDEX IF EXISTS contact_channel_lookup")
    db.execute_sql(CHANNEL_INDEX)


def down(migrator, db):
    db.execute_sql("DROP INDEX IF EXISTS contact_channel_lookup")
    db.execute_sql(OLD_CHANNEL_INDEX)
    for name in INDEXES:
        db.execute_sql(f"DROP INDEX IF EXISTS {name}")
    for name in reversed(list(STATEMENTS)):
        db.execute_sql(f"DROP TABLE IF EXISTS {name}")
