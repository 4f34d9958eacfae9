"""A list search matching many people is paged along the sort's index: same rows, fewer reads."""

from __future__ import annotations

import pytest
from service_helpers import person

from crm_desktop.core.query import ListQuery
from crm_desktop.storage import contacts as contact_store

GIVEN = ["Ann", "anna", "Bob", "Émile", "Zoë", "伟", "Carl", "Dana", "ann", "Eve"]
FAMILY = ["Lee", "Adams", "Stone", "Zola", "Ng", "张", "Ek", "Moss", "Lee", "Park"]
SORTS = [key for key in contact_store.SORT_SQL] + ["score"]


@pytest.fixture
def many(crm):
    drafts = []
    for i in range(60):
        domain = "acme" if i % 3 else "qq"
        drafts.append(person(GIVEN[i % 10], FAMILY[(i * 7) % 10], email=f"p{i}@{domain}.com",
                             title=["CEO", "cto", "", "Engineer"][i % 4],
                             city=["Boston", "", "Paris"][i % 3]))
    ids = crm.contacts.create_many(drafts)
    crm.contacts.delete(ids[::9])  # trashed people never show
    return crm


def _pages(crm, query: ListQuery) -> list[tuple]:
    rows = []
    for offset in range(0, 70, 7):
        rows += crm.contacts.page(query, offset, 7)
    return rows


@pytest.mark.parametrize("text", ["a", "acme", "ann lee", "qq.com", "张"])
def test_the_pages_of_a_broad_search_are_those_of_a_narrow_one(many, monkeypatch, text):
    for sort in SORTS:
        for descending in (False, True):
            query = ListQuery(search=text, sort=sort, descending=descending)
            monkeypatch.setattr(contact_store, "BROAD_MATCHES", 10**9)  # every match read and sorted
            narrow = _pages(many, query)
            monkeypatch.setattr(contact_store, "BROAD_MATCHES", 2)  # paged along the index
            broad = _pages(many, query)
            assert broad == narrow, (text, sort, descending)
            assert len(narrow) == many.contacts.count(query)


def test_a_broad_search_walks_the_sort_index_and_a_narrow_one_the_matches(many, monkeypatch):
    db = many.ctx.storage.database.db
    seen = []
    real = db.execute_sql

    def noted(sql, params=None, *args, **kwargs):
        if sql.startswith("SELECT id, full_name"):
            seen.append((sql, params))
        return real(sql, params, *args, **kwargs)

    monkeypatch.setattr(db, "execute_sql", noted)
    monkeypatch.setattr(contact_store, "BROAD_MATCHES", 10)
    many.contacts.page(ListQuery(search="a", sort="name"), 0, 5)  # 50-odd people match "a"
    many.contacts.page(ListQuery(search="zola"), 0, 5)  # a few match "zola"
    broad, narrow = ([row[3] for row in real("EXPLAIN QUERY PLAN " + sql, params).fetchall()]
                     for sql, params in seen)
    assert any("USING INDEX contact_by_name" in step for step in broad), broad
    assert not any("TEMP B-TREE FOR ORDER BY" in step for step in broad), broad
    assert any("INTEGER PRIMARY KEY" in step for step in narrow), narrow
