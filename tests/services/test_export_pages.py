"""Exports read their rows on a thread of their own, a page of JSON at a time: the same rows in
the same order, exact numbers, and no thread or temporary table left behind."""

from __future__ import annotations

import csv
import json
import sqlite3
import threading

import pytest
from service_helpers import person

from crm_desktop.core.query import ListQuery
from crm_desktop.services.exports import BATCH, ExportRequest
from crm_desktop.storage.errors import StorageError
from crm_desktop.storage.exports import CONTACT

KEYS = ("name", "company", "city", "tags", "owner", "created", "updated", "birthday", "phone")


def _many(crm, n: int) -> None:
    cities = ["Austin", "Boston", None, "上海", "Zürich"]
    crm.contacts.create_many(
        person(f"P{i:05d}", ["Lee", "Diaz", "张", "O'Brien"][i % 4], phone=f"+1 617 555 {i % 10_000:04d}",
               city=cities[i % 5], tags=["vip"] if i % 3 == 0 else [], company_name=f"Firm {i % 7}")
        for i in range(n))


def _readers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "export-reader"]


def _csv(path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def test_pages_keep_the_lists_order_and_the_cells_of_a_row_by_row_read(crm, tmp_path):
    _many(crm, 2 * BATCH + 345)
    query = ListQuery(sort="city", descending=True)
    request = ExportRequest("contact", query, keys=KEYS)
    columns = crm.exports.columns(request)
    with crm.ctx.read():
        paged = [r for batch in crm.exports.typed_batches(request, columns, serial_times=True) for r in batch]
        keys = [f.key for f, _ in columns]
        serials = frozenset(("created", "updated"))
        raw = [list(r) for b in crm.exports.store.rows(CONTACT, query, keys, None, 500, serials=serials)
               for r in b]
    assert len(paged) == len(raw) == 2 * BATCH + 345
    convert_tags = crm.exports._tag_namer()
    assert [r[0] for r in paged] == [r[0] for r in raw]  # the same people in the same order
    assert [r[5] for r in paged] == [r[5] for r in raw] and isinstance(paged[0][5], float)  # all 17 digits
    assert [r[3] for r in paged] == [convert_tags(r[3]) for r in raw]
    assert not _readers()


def test_a_selection_by_positions_reads_from_its_first_position(crm, tmp_path):
    _many(crm, BATCH + 200)
    request = ExportRequest("contact", ListQuery(sort="name"), keys=("name",), spans=((5, 7), (1100, 1102)))
    path = tmp_path / "some.csv"
    assert crm.exports.export(request, path).rows == 6
    everyone = [n for (n,) in (r[1:2] for r in crm.contacts.page(ListQuery(sort="name"), 0, 2000))]
    assert [r[0] for r in _csv(path)[1:]] == everyone[5:8] + everyone[1100:1103]


def test_cancelling_stops_the_reading_thread_and_leaves_nothing(crm, tmp_path):
    _many(crm, 3 * BATCH)
    calls = []
    out = tmp_path / "out"
    out.mkdir()
    result = crm.exports.export(ExportRequest("contact", keys=KEYS), out / "people.xlsx",
                                progress=lambda done, total: calls.append(done) or False)
    assert result.cancelled and calls == [BATCH]
    assert not _readers() and list(out.iterdir()) == []
    temp = crm.ctx.storage.database.db.execute_sql(
        "SELECT count(*) FROM temp.sqlite_master WHERE name = 'export_order'").fetchone()
    assert temp == (0,)


def test_an_error_while_reading_reaches_the_export(crm, tmp_path, monkeypatch):
    _many(crm, 10)

    def broken(*_args, **_kwargs):
        raise sqlite3.OperationalError("disk I/O error")
        yield  # a generator, as json_pages is

    monkeypatch.setattr(crm.exports.store, "json_pages", broken)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(StorageError):
        crm.exports.export(ExportRequest("contact", keys=KEYS), out / "people.xlsx")
    assert not _readers() and list(out.iterdir()) == []


def test_tags_and_owners_named_by_sqlite_are_the_names_python_gave(crm):
    """The reading thread names tags and owners in SQL; the text must be what naming the stored
    ids in Python gives: live tags only, sorted as str.lower sorts them (not as SQLite's ASCII-only
    lower() would), owners by name or none."""
    from crm_desktop.core.deals import DealDraft
    from crm_desktop.core.records import CompanyDraft
    from crm_desktop.services.exports import DealQuery
    from crm_desktop.storage.exports import COMPANY, DEAL

    names = ["été", "Zeta", "Über", "alpha", "中文", "ÄRGER", "beta", "gone"]
    tag_ids = {n: crm.lookups.create_tag(n) for n in names}
    owners = [crm.lookups.create_user(n) for n in ("Li Na", "Ömer")] + [None]
    sets = [[], ["Zeta", "alpha"], ["Über", "été", "beta"], ["中文", "ÄRGER", "gone"], ["gone"], names]
    for i, tags in enumerate(sets * 3):
        crm.contacts.create(person(f"P{i:02d}", tags=tags, owner_id=owners[i % 3]))
        crm.companies.create(CompanyDraft(name=f"Firm {i:02d}", tags=tags, owner_id=owners[i % 3]))
    stage = crm.pipelines.default().stages[0].id
    for i, tags in enumerate(sets):
        crm.deals.create(DealDraft(f"Deal {i}", stage_id=stage, currency="EUR", tags=tags))
    crm.ctx.storage.database.db.execute_sql("UPDATE tag SET deleted_at = '2024-01-01 00:00:00' WHERE id = ?",
                                            (tag_ids["gone"],))  # a tag in the trash: not named
    namer = crm.exports._tag_namer()
    with crm.ctx.read():
        users = crm.exports.store.user_names()
    by_name = ListQuery(sort="name")
    for entity, source, query, keys in (("contact", CONTACT, by_name, ("name", "tags", "owner")),
                                        ("company", COMPANY, by_name, ("name", "tags", "owner")),
                                        ("deal", DEAL, DealQuery(), ("title", "tags"))):
        request = ExportRequest(entity, query, keys=keys)
        columns = crm.exports.columns(request)
        with crm.ctx.read():
            paged = [r for b in crm.exports.typed_batches(request, columns, serial_times=True) for r in b]
            raw = [r for b in crm.exports.store.rows(source, query, list(keys), None, 500) for r in b]
        assert len(paged) == len(raw) >= len(sets)
        assert [r[1] for r in paged] == [namer(r[1]) for r in raw], entity
        if "owner" in keys:
            assert [r[2] for r in paged] == [users.get(r[2]) for r in raw]
    everything = next(r for r in paged if r[0] == "Deal 5")
    assert everything[1] == "alpha, beta, Zeta, ÄRGER, été, Über, 中文"  # SQLite: … Über, été …
    assert not _readers()


@pytest.mark.parametrize("direct", [0, 1, 4])
def test_pages_read_straight_from_the_query_then_by_position_are_the_same_rows(crm, monkeypatch, direct):
    """The first pages come by LIMIT and OFFSET before the list's order is taken; whichever way a
    page comes, the rows and their order are those of a row-by-row read, from any offset."""
    from crm_desktop.storage import exports as export_sql

    _many(crm, 3 * 400 + 17)
    monkeypatch.setattr(export_sql, "DIRECT_PAGES", direct)
    query = ListQuery(sort="city", descending=True)
    keys = ["name", "city", "tags"]
    store = crm.exports.store
    with crm.ctx.read():
        raw = [r[0] for b in store.rows(CONTACT, query, keys, None, 500) for r in b]
        for offset in (0, 390, 1200):
            pages = [json.loads(t) for t in store.json_pages(CONTACT, query, keys, None, 400, offset)]
            assert [len(p) for p in pages] == [min(400, 1217 - s) for s in range(offset, 1217, 400)]
            assert [r[0] for p in pages for r in p] == raw[offset:]
        assert list(store.json_pages(CONTACT, query, keys, [10**9], 400)) == []  # nothing to export
