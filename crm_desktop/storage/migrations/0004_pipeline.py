"""The sales pipeline: what the placeholder pipeline, stage and deal tables lacked.

Stages and pipelines get a ``key`` so the default ones are shown in the user's language
until renamed; deals get tags, a stage history (time spent in each stage, win rates),
line items and a free-text note on why they were lost; the lost reasons are a list the
user edits; filters of the board can be saved. The default pipeline is created here so
every database has one.
"""

import datetime as dt
import uuid

STATEMENTS = [
    "ALTER TABLE pipeline ADD COLUMN key TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE stage ADD COLUMN key TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE deal ADD COLUMN lost_note TEXT NOT NULL DEFAULT ''",
    """CREATE TABLE deal_tag (
    deal_id INTEGER NOT NULL REFERENCES deal(id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tag(id) ON DELETE CASCADE,
    PRIMARY KEY (deal_id, tag_id)) WITHOUT ROWID""",
    """CREATE TABLE stage_history (
    id INTEGER PRIMARY KEY,
    deal_id INTEGER NOT NULL REFERENCES deal(id) ON DELETE CASCADE,
    stage_id INTEGER REFERENCES stage(id) ON DELETE SET NULL,
    entered_at TEXT NOT NULL,
    left_at TEXT)""",
    """CREATE TABLE deal_line (
    id INTEGER PRIMARY KEY,
    deal_id INTEGER NOT NULL REFERENCES deal(id) ON DELETE CASCADE,
    description TEXT NOT NULL DEFAULT '',
    quantity REAL NOT NULL DEFAULT 1,
    unit_price_minor INTEGER NOT NULL DEFAULT 0,
    position INTEGER NOT NULL DEFAULT 0)""",
    """CREATE TABLE lost_reason (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    key TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0,
    deleted_at TEXT)""",
    # Closed deals counted per stage they reached and month they closed in, kept as deals close,
    # reopen, go to the trash and come back: win rates and time to close per stage read a few
    # hundred rows instead of joining every closed deal's stage history.
    """CREATE TABLE stage_outcome (
    stage_id INTEGER NOT NULL,
    month TEXT NOT NULL,
    won INTEGER NOT NULL DEFAULT 0,
    lost INTEGER NOT NULL DEFAULT 0,
    won_days REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (stage_id, month)) WITHOUT ROWID""",
    # The same for lost deals by reason (pipeline 0: none), so the reasons are ranked from a few rows.
    """CREATE TABLE lost_outcome (
    pipeline_id INTEGER NOT NULL,
    reason TEXT NOT NULL,
    month TEXT NOT NULL,
    currency TEXT NOT NULL,
    deals INTEGER NOT NULL DEFAULT 0,
    value_minor INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (pipeline_id, reason, month, currency)) WITHOUT ROWID""",
    """CREATE TABLE saved_filter (
    id INTEGER PRIMARY KEY,
    entity TEXT NOT NULL,
    name TEXT NOT NULL,
    payload TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL)""",
    # The board reads the open deals of one pipeline; the forecast groups by dates.
    "CREATE INDEX deal_board ON deal(pipeline_id, status, stage_id) WHERE deleted_at IS NULL",
    "CREATE INDEX deal_expected ON deal(status, expected_close) WHERE deleted_at IS NULL",
    "CREATE INDEX deal_closed ON deal(status, closed_at) WHERE deleted_at IS NULL",
    "CREATE INDEX deal_owner ON deal(owner_id) WHERE deleted_at IS NULL",
    # Lost reasons ranked without a sort or a table lookup.
    "CREATE INDEX deal_lost ON deal(status, lost_reason, closed_at, currency, value_minor) "
    "WHERE deleted_at IS NULL",
    "CREATE INDEX deal_trashed ON deal(deleted_at) WHERE deleted_at IS NOT NULL",
    "CREATE INDEX deal_tag_by_tag ON deal_tag(tag_id, deal_id)",
    "CREATE INDEX stage_history_deal ON stage_history(deal_id, entered_at)",
    "CREATE INDEX stage_history_stage ON stage_history(stage_id)",
    "CREATE INDEX deal_line_deal ON deal_line(deal_id, position)",
]

# (key, English name, probability %, rotting days). The app shows a default name in the user's
# language as long as it is the English one stored here (core.deals.Labels).
DEFAULT_STAGES = (("lead", "Lead", 10, 14), ("qualified", "Qualified", 25, 14),
                  ("proposal", "Proposal/Quote", 50, 10), ("negotiation", "Negotiation", 75, 7))
DEFAULT_LOST_REASONS = (("price", "Price too high"), ("competitor", "Went with a competitor"),
                        ("no_budget", "No budget"), ("no_response", "Stopped responding"),
                        ("timing", "Bad timing"), ("other", "Other"))


def _stamp() -> str:
    return str(dt.datetime.now(dt.UTC).replace(tzinfo=None))


def _seed(db) -> None:
    now = _stamp()
    has_default = db.execute_sql("SELECT count(*) FROM pipeline WHERE is_default = 1").fetchone()[0]
    if not has_default:
        cur = db.execute_sql(
            "INSERT INTO pipeline(name, key, position, is_default, uuid, created_at, updated_at) "
            "VALUES ('Sales', 'default', 0, 1, ?, ?, ?)", (str(uuid.uuid4()), now, now))
        for position, (key, name, probability, rotting) in enumerate(DEFAULT_STAGES):
            db.execute_sql(
                "INSERT INTO stage(pipeline_id, name, key, position, probability, rotting_days, "
                "uuid, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (cur.lastrowid, name, key, position, probability, rotting, str(uuid.uuid4()), now, now))
    for position, (key, name) in enumerate(DEFAULT_LOST_REASONS):
        db.execute_sql("INSERT INTO lost_reason(name, key, position) VALUES (?, ?, ?)", (name, key, position))


def up(migrator, db):
    for statement in STATEMENTS:
        db.execute_sql(statement)
    _seed(db)


def down(migrator, db):
    for table in ("saved_filter", "lost_outcome", "stage_outcome", "lost_reason", "deal_line", "stage_history", "deal_tag"):
        db.execute_sql(f"DROP TABLE IF EXISTS {table}")
    for index in ("deal_board", "deal_expected", "deal_closed", "deal_owner", "deal_lost", "deal_trashed"):
        db.execute_sql(f"DROP INDEX IF EXISTS {index}")
    db.execute_sql("DELETE FROM stage WHERE pipeline_id IN (SELECT id FROM pipeline WHERE key = 'default')")
    db.execute_sql("DELETE FROM pipeline WHERE key = 'default'")
    for table, column in (("deal", "lost_note"), ("stage", "key"), ("pipeline", "key")):
        db.execute_sql(f"ALTER TABLE {table} DROP COLUMN {column}")
