"""Indexes for the conditions segments use most: owner and place, a place sorted by name, and
the recent interactions.

A segment is counted and paged like any list (``storage.segments``): SQLite reads the
one index that narrows its conditions most, and the rows behind it. At a million people:

- "owner is X and country is Y" read the owner's 170,000 rows (or the country's
  550,000) to test the other condition; ``contact_by_owner_place`` answers the owner
  with the country, city or source from the index alone (deleted_at too: SQLite does not
  count a partial index's own condition as covered): 20,076 of a million people for
  "customer, United States, one owner" in ~70 ms of CPU where it took ~450 ms.
- "city is X" (or "country is X") sorted by name read and sorted every person of the
  place before showing the first 200; ``contact_by_city_name`` and
  ``contact_by_country_name`` give a place's people in the list's order, so the first
  page stops after its rows. The single-column indexes stay: they sort the whole list by
  city or country, which these cannot (their order is name, not id, within a place).
- "No interaction in the last 30 days" needs the records with an interaction since then.
  No index of the activity log starts with the time, so SQLite read all of
  ``activity_timeline`` (a million activities: ~250 ms of CPU) to find the ~30,000 people
  of the last 30 days; ``activity_recent`` gives them per kind of interaction from a range
  of the index (~3 ms), for people, companies and deals alike.
- The single-column place indexes are rebuilt here, after the new ones. When two indexes match a condition
  equally, SQLite (with no statistics, as in every file the app writes) takes the one made
  last; a count should take the single-column one, whose rows of a place come in rowid
  order, so the table is read in order: "city is X" and created in 10 years, 44,662
  people, ~75 ms of CPU that way, ~170 ms in name order, and 1.5 s for a whole country.
"""

INDEXES = {
    "contact_by_owner_place": "CREATE INDEX contact_by_owner_place ON contact(owner_id, country COLLATE NOCASE, "
                              "city COLLATE NOCASE, source COLLATE NOCASE, deleted_at) WHERE deleted_at IS NULL",
    "contact_by_city_name": "CREATE INDEX contact_by_city_name ON contact(city COLLATE NOCASE, "
                            "full_name COLLATE NOCASE) WHERE deleted_at IS NULL",
    "contact_by_country_name": "CREATE INDEX contact_by_country_name ON contact(country COLLATE NOCASE, "
                               "full_name COLLATE NOCASE) WHERE deleted_at IS NULL",
    "activity_recent": "CREATE INDEX activity_recent ON activity(occurred_at, kind, contact_id, company_id, "
                       "deal_id, deleted_at) WHERE deleted_at IS NULL",
}


# Unchanged (0001 and 0002), made again after the indexes above.
REBUILT = {
    "contact_by_city": "CREATE INDEX contact_by_city ON contact(city COLLATE NOCASE) WHERE deleted_at IS NULL",
    "contact_by_country": "CREATE INDEX contact_by_country ON contact(country COLLATE NOCASE) "
                          "WHERE deleted_at IS NULL",
}


def up(migrator, db):
    for statement in INDEXES.values():
        db.execute_sql(statement)
    for name, statement in REBUILT.items():
        db.execute_sql(f"DROP INDEX IF EXISTS {name}")
        db.execute_sql(statement)


def down(migrator, db):
    for name in INDEXES:
        db.execute_sql(f"DROP INDEX IF EXISTS {name}")
