"""Exports read their rows on a thread of their own, a page of JSON at a time: the same rows in
the same order, exact numbers, and no thread or temporary table left behind."""

from __future__ import annotations

import csv
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
