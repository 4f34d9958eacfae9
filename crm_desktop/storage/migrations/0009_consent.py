"""Data protection per person: the lawful basis for holding their data (GDPR Art. 6), when and
how consent was given or withdrawn, and a "do not contact" flag.

Adding columns with constant defaults changes no row (SQLite stores the default in the
schema), so the upgrade of a million people is instant. The flagged people are few and are
asked for often (every rule run, every reminder, every export), so a partial index holds
exactly them. Changes of the basis, the flag and the dates are recorded in the field
history like the other fields (UPDATE triggers, as in 0006).
"""

COLUMNS = {
    "lawful_basis": "TEXT NOT NULL DEFAULT ''",
    "consent_given_on": "TEXT",
    "consent_withdrawn_on": "TEXT",
    "consent_note": "TEXT NOT NULL DEFAULT ''",
    "do_not_contact": "INTEGER NOT NULL DEFAULT 0",
}
TRACKED = ("lawful_basis", "consent_given_on", "consent_withdrawn_on", "do_not_contact")
INDEXES = {
    "contact_do_not_contact": "CREATE INDEX contact_do_not_contact ON contact(id) "
                              "WHERE do_not_contact = 1 AND deleted_at IS NULL",
}
_ACTOR = "(SELECT user_id FROM history_actor WHERE id = 1)"


def _trigger(column: str) -> str:
    # Not named contact_history_*: those are 0006's, which goes down and up on its own.
    return f"""CREATE TRIGGER contact_consent_{column} AFTER UPDATE OF {column} ON contact
WHEN OLD.{column} IS NOT NEW.{column} AND NEW.deleted_at IS NULL BEGIN
    INSERT INTO field_change(entity, record_id, field, old_value, new_value, changed_at, user_id)
    VALUES ('contact', NEW.id, '{column}', coalesce(OLD.{column}, ''), coalesce(NEW.{column}, ''),
            NEW.updated_at, {_ACTOR});
END"""


def up(migrator, db):
    for column, declaration in COLUMNS.items():
        db.execute_sql(f"ALTER TABLE contact ADD COLUMN {column} {declaration}")
    for statement in INDEXES.values():
        db.execute_sql(statement)
    for column in TRACKED:
        db.execute_sql(_trigger(column))


def down(migrator, db):
    for column in TRACKED:
        db.execute_sql(f"DROP TRIGGER IF EXISTS contact_consent_{column}")
        db.execute_sql(f"DROP TRIGGER IF EXISTS contact_history_{column}")  # the first name they had
    for name in INDEXES:
        db.execute_sql(f"DROP INDEX IF EXISTS {name}")
    for column in reversed(list(COLUMNS)):
        db.execute_sql(f"ALTER TABLE contact DROP COLUMN {column}")
