"""Sort indexes for two more list columns: people by country, companies by size.

Like the list indexes of the first schema they cover live rows only, so sorting a
large list by these columns reads the index in order instead of sorting the table.
"""

INDEXES = {
    "contact_by_country":
        "CREATE INDEX contact_by_country ON contact(country COLLATE NOCASE) WHERE deleted_at IS NULL",
    "company_by_employees":
        "CREATE INDEX company_by_employees ON company(employees) WHERE deleted_at IS NULL",
}


def up(migrator, db):
    for statement in INDEXES.values():
        db.execute_sql(statement)


def down(migrator, db):
    for name in INDEXES:
        db.execute_sql(f"DROP INDEX IF EXISTS {name}")
