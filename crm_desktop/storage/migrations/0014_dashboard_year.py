"""The dashboard over a year: activities counted per day as they are logged, and closed deals
read from one index.

``activity_day`` holds how many live activities each owner has of each kind on each day; the
triggers below keep it as activities are logged, edited, trashed, restored or deleted (an owner
removed sets ``owner_id`` to NULL, which the update trigger sees too). "Activities per owner,
week and type" then reads a few thousand rows for a year instead of ~450,000 index entries at a
million activities. The index ``activity_by_day``, which that figure alone read, is dropped: a
logged activity costs one small upsert instead of one index entry.

``deal_closed`` carries the columns the won / lost figures, the top customers and the targets
read (``deleted_at`` too: SQLite does not count a partial index's own condition as covered), so a
year of closed deals is one index range, not a row read per deal. When the file has statistics
(``sqlite_stat1``) they are taken again for it.
"""

# An owner of NULL is kept as 0 (no user has that id): a primary key column cannot be NULL here.
TABLE = """CREATE TABLE activity_day (
    day TEXT NOT NULL,
    owner_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (day, owner_id, kind)) WITHOUT ROWID"""

_ADD = ("INSERT INTO activity_day(day, owner_id, kind, n) SELECT substr(new.occurred_at, 1, 10), "
        "coalesce(new.owner_id, 0), new.kind, 1 WHERE new.deleted_at IS NULL "
        "ON CONFLICT(day, owner_id, kind) DO UPDATE SET n = n + 1;")
_REMOVE = ("UPDATE activity_day SET n = n - 1 WHERE old.deleted_at IS NULL "
           "AND day = substr(old.occurred_at, 1, 10) AND owner_id = coalesce(old.owner_id, 0) "
           "AND kind = old.kind;")

TRIGGERS = {
    "activity_day_insert": f"CREATE TRIGGER activity_day_insert AFTER INSERT ON activity BEGIN {_ADD} END",
    "activity_day_delete": f"CREATE TRIGGER activity_day_delete AFTER DELETE ON activity BEGIN {_REMOVE} END",
    "activity_day_update": (
        "CREATE TRIGGER activity_day_update AFTER UPDATE OF occurred_at, owner_id, kind, deleted_at "
        "ON activity WHEN substr(old.occurred_at, 1, 10) IS NOT substr(new.occurred_at, 1, 10) "
        "OR old.owner_id IS NOT new.owner_id OR old.kind IS NOT new.kind "
        f"OR (old.deleted_at IS NULL) != (new.deleted_at IS NULL) BEGIN {_REMOVE} {_ADD} END"
    ),
}

FILL = ("INSERT INTO activity_day(day, owner_id, kind, n) SELECT substr(occurred_at, 1, 10), "
        "coalesce(owner_id, 0), kind, count(*) FROM activity WHERE deleted_at IS NULL GROUP BY 1, 2, 3")

ACTIVITY_BY_DAY = ("CREATE INDEX activity_by_day ON activity(substr(occurred_at, 1, 10), owner_id, kind, "
                   "deleted_at) WHERE deleted_at IS NULL")

# The new definition, and the one it replaces.
DEAL_CLOSED = (
    "CREATE INDEX deal_closed ON deal(status, closed_at, currency, owner_id, value_minor, company_id, "
    "contact_id, deleted_at) WHERE deleted_at IS NULL",
    "CREATE INDEX deal_closed ON deal(status, closed_at) WHERE deleted_at IS NULL",
)


def _deal_closed(db, statement: str) -> None:
    db.execute_sql("DROP INDEX IF EXISTS deal_closed")
    db.execute_sql(statement)
    if db.execute_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone():
        db.execute_sql("ANALYZE deal_closed")


def up(migrator, db):
    db.execute_sql(TABLE)
    db.execute_sql(FILL)
    for statement in TRIGGERS.values():
        db.execute_sql(statement)
    db.execute_sql("DROP INDEX IF EXISTS activity_by_day")
    _deal_closed(db, DEAL_CLOSED[0])


def down(migrator, db):
    _deal_closed(db, DEAL_CLOSED[1])
    db.execute_sql(ACTIVITY_BY_DAY)
    for name in TRIGGERS:
        db.execute_sql(f"DROP TRIGGER IF EXISTS {name}")
    db.execute_sql("DROP TABLE IF EXISTS activity_day")
