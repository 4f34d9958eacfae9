"""The search index's own queries: filling it range by range, and the plans they use."""

from __future__ import annotations

import pytest

from crm_desktop.core.records import Channel, ContactDraft


@pytest.fixture
def people(services) -> list[int]:
    drafts = [ContactDraft(given_name=f"P{i}", family_name="张", emails=[Channel(f"p{i}@example.com")],
                           phones=[Channel(f"+1 650 253 {i:04d}")], tags=["vip"] if i % 2 else [])
              for i in range(12)]
    return services.contacts.create_many(drafts)


def _documents(db) -> list[tuple]:
    return db.execute_sql("SELECT rowid, name, company, emails, phones, tags, notes FROM contact_fts "
                          "ORDER BY rowid").fetchall()


def test_index_all_fills_empty_tables_with_the_documents_of_live_records(services, people, monkeypatch):
    from crm_desktop.storage import search

    services.contacts.delete(people[:2])
    storage = services.ctx.storage
    db = storage.database.db
    expected = _documents(db)
    monkeypatch.setattr(search, "_RANGE", 5)  # several ranges, the last one partial
    with services.ctx.write():
        db.execute_sql("DELETE FROM contact_fts")
        db.execute_sql("DELETE FROM company_fts")
        storage.index.index_all()
    assert _documents(db) == expected
    assert [r[0] for r in expected] == people[2:]


def test_reindexing_reads_channels_through_the_contact_index(services, people):
    """Not through the (channel, normalized) index, which would walk every e-mail and phone."""
    db = services.ctx.storage.database.db
    statements: list[str] = []
    db.connection().set_trace_callback(statements.append)
    try:
        with services.ctx.write():
            services.ctx.storage.index.reindex_contacts(people[:3])
    finally:
        db.connection().set_trace_callback(None)
    reads = [s for s in statements if s.startswith("SELECT") and "FROM contact_channel" in s]
    assert reads
    for sql in reads:
        plan = " | ".join(r[-1] for r in db.execute_sql(f"EXPLAIN QUERY PLAN {sql}").fetchall())
        assert "USING INDEX contact_channel_contact" in plan, plan
