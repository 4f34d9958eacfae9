"""The 360° customer view: relationships between people, the history of field changes,
a service case's conversation, order lines' products, and the indexes a page reads by.

Field changes are recorded by UPDATE triggers on ``contact`` and ``company`` (INSERTs
are left alone: bulk import speed depends on them). Who changed a field is read from
``history_actor``, the one row the app sets to its current user when it opens.
"""

CONTACT_FIELDS = ("given_name", "family_name", "title", "email", "phone", "street", "city", "region",
                  "postal_code", "country", "website", "preferred_channel", "birthday", "source", "notes")
COMPANY_FIELDS = ("name", "website", "industry", "employees", "phone", "email", "street", "city",
                  "region", "postal_code", "country", "source", "notes")

_ACTOR = "(SELECT user_id FROM history_actor WHERE id = 1)"


def _field_trigger(table: str, column: str) -> str:
    return f"""CREATE TRIGGER {table}_history_{column} AFTER UPDATE OF {column} ON {table}
WHEN OLD.{column} IS NOT NEW.{column} AND NEW.deleted_at IS NULL BEGIN
    INSERT INTO field_change(entity, record_id, field, old_value, new_value, changed_at, user_id)
    VALUES ('{table}', NEW.id, '{column}', coalesce(OLD.{column}, ''), coalesce(NEW.{column}, ''),
            NEW.updated_at, {_ACTOR});
END"""


def _reference_trigger(table: str, column: str, lookup: str) -> str:
    """A change of owner or company, recorded with the names rather than the ids."""
    old, new = (lookup.replace("?", f"{side}.{column}") for side in ("OLD", "NEW"))
    return f"""CREATE TRIGGER {table}_history_{column} AFTER UPDATE OF {column} ON {table}
WHEN OLD.{column} IS NOT NEW.{column} AND NEW.deleted_at IS NULL BEGIN
    INSERT INTO field_change(entity, record_id, field, old_value, new_value, changed_at, user_id)
    VALUES ('{table}', NEW.id, '{column}', coalesce({old}, ''), coalesce({new}, ''),
            NEW.updated_at, {_ACTOR});
END"""


_USER = "(SELECT name FROM app_user WHERE id = ?)"
_COMPANY = "(SELECT name FROM company WHERE id = ?)"

STAMP = """
    uuid TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT"""

STATEMENTS = [
    f"""CREATE TABLE relationship (
    id INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    other_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',{STAMP})""",
    "CREATE INDEX relationship_contact ON relationship(contact_id)",
    "CREATE INDEX relationship_other ON relationship(other_id)",
    """CREATE TABLE field_change (
    id INTEGER PRIMARY KEY,
    entity TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    field TEXT NOT NULL,
    old_value TEXT NOT NULL DEFAULT '',
    new_value TEXT NOT NULL DEFAULT '',
    changed_at TEXT NOT NULL,
    user_id INTEGER REFERENCES app_user(id) ON DELETE SET NULL)""",
    "CREATE INDEX field_change_record ON field_change(entity, record_id, changed_at)",
    """CREATE TABLE history_actor (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    user_id INTEGER REFERENCES app_user(id) ON DELETE SET NULL)""",
    "INSERT INTO history_actor(id, user_id) VALUES (1, NULL)",
    # The photo of a person or company: one of its attached images.
    """CREATE TABLE customer_photo (
    entity TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    attachment_id INTEGER NOT NULL REFERENCES attachment(id) ON DELETE CASCADE,
    PRIMARY KEY (entity, record_id)) WITHOUT ROWID""",
    # A service case's conversation is its activities.
    "ALTER TABLE activity ADD COLUMN case_id INTEGER REFERENCES service_case(id) ON DELETE SET NULL",
    "ALTER TABLE service_case ADD COLUMN description TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE order_line ADD COLUMN product TEXT NOT NULL DEFAULT ''",
    "CREATE INDEX activity_case ON activity(case_id) WHERE case_id IS NOT NULL",
    # A timeline is sorted on these columns; with them in the index it never reads the rows.
    # (deleted_at too: SQLite does not count a partial index's own condition as covered.)
    "CREATE INDEX activity_timeline ON activity(contact_id, occurred_at, kind, pinned, deleted_at) "
    "WHERE deleted_at IS NULL",
    "CREATE INDEX activity_company_timeline ON activity(company_id, occurred_at, kind, pinned, contact_id, "
    "deleted_at) WHERE deleted_at IS NULL",
    "CREATE INDEX order_line_order ON order_line(order_id)",
    "CREATE INDEX task_company ON task(company_id)",
    "CREATE INDEX case_company ON service_case(company_id)",
    "CREATE INDEX attachment_company ON attachment(company_id)",
    "CREATE INDEX order_deal ON sales_order(deal_id)",
    *(_field_trigger("contact", c) for c in CONTACT_FIELDS),
    _reference_trigger("contact", "owner_id", _USER),
    _reference_trigger("contact", "company_id", _COMPANY),
    *(_field_trigger("company", c) for c in COMPANY_FIELDS),
    _reference_trigger("company", "owner_id", _USER),
]

DROPS = [
    "DROP INDEX IF EXISTS activity_case", "DROP INDEX IF EXISTS activity_timeline",
    "DROP INDEX IF EXISTS activity_company_timeline", "DROP INDEX IF EXISTS order_line_order",
    "DROP INDEX IF EXISTS task_company", "DROP INDEX IF EXISTS case_company",
    "DROP INDEX IF EXISTS attachment_company", "DROP INDEX IF EXISTS order_deal",
    *(f"DROP TRIGGER IF EXISTS contact_history_{c}" for c in (*CONTACT_FIELDS, "owner_id", "company_id")),
    *(f"DROP TRIGGER IF EXISTS company_history_{c}" for c in (*COMPANY_FIELDS, "owner_id")),
    "ALTER TABLE activity DROP COLUMN case_id",
    "ALTER TABLE service_case DROP COLUMN description",
    "ALTER TABLE order_line DROP COLUMN product",
    "DROP TABLE IF EXISTS customer_photo", "DROP TABLE IF EXISTS history_actor", "DROP TABLE IF EXISTS field_change",
    "DROP TABLE IF EXISTS relationship",
]


def up(migrator, db):
    for statement in STATEMENTS:
        db.execute_sql(statement)


def down(migrator, db):
    for statement in DROPS:
        db.execute_sql(statement)
