"""Import batches, what each batch wrote (to undo it later), and saved column mappings.

``import_row`` keeps, for every record a batch created or updated, its id and for
an update the record as it was before (JSON), plus the record's ``updated_at``
right after the import: undo restores only records nobody has edited since.
"""

STATEMENTS = [
    """CREATE TABLE import_batch (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    entity TEXT NOT NULL DEFAULT 'contact',
    file_name TEXT NOT NULL,
    file_format TEXT NOT NULL DEFAULT '',
    sheet TEXT NOT NULL DEFAULT '',
    mapping TEXT NOT NULL DEFAULT '{}',
    rows_read INTEGER NOT NULL DEFAULT 0,
    created_count INTEGER NOT NULL DEFAULT 0,
    updated_count INTEGER NOT NULL DEFAULT 0,
    skipped_count INTEGER NOT NULL DEFAULT 0,
    rejected_count INTEGER NOT NULL DEFAULT 0,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    undone_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT)""",
    """CREATE TABLE import_row (
    batch_id INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
    entity TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    action TEXT NOT NULL,
    prior TEXT,
    after_updated_at TEXT,
    PRIMARY KEY (batch_id, entity, record_id)) WITHOUT ROWID""",
    """CREATE TABLE import_profile (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL COLLATE NOCASE UNIQUE,
    entity TEXT NOT NULL DEFAULT 'contact',
    header_key TEXT NOT NULL,
    mapping TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL)""",
    "CREATE INDEX import_profile_by_headers ON import_profile(entity, header_key)",
]


def up(migrator, db):
    for statement in STATEMENTS:
        db.execute_sql(statement)


def down(migrator, db):
    for table in ("import_profile", "import_row", "import_batch"):
        db.execute_sql(f"DROP TABLE IF EXISTS {table}")
