"""Adding many people at once: what the bulk path writes equals what single edits write."""

from __future__ import annotations

import dataclasses
import gc
import uuid

import pytest
from service_helpers import found, person

from crm_desktop.core.errors import FieldError, ValidationError
from crm_desktop.core.records import Channel

DOC_COLUMNS = "rowid, name, company, emails, phones, tags, notes"


@pytest.fixture(autouse=True, params=["beside", "in turn"])
def checking(request, monkeypatch):
    """Every test runs with the next batch checked on a second thread, and without."""
    from crm_desktop.services import contacts as contact_service

    monkeypatch.setattr(contact_service, "_spare_core", lambda: request.param == "beside")
    return request.param


def _varied_people() -> list:
    people = [
        person("伟", "张", email="zw@example.cn", phone="+86 138 1234 5678", company_name="华信科技有限公司",
               title="总经理", city="北京", tags=["客户", "VIP"]),
        person("Jürgen", "Müller", email="J.Mueller@Example.de", phone="+49 30 901820",
               company_name="Acme GmbH", notes="Trade fair\nMet twice", tags=["vip"]),
        person("Ann", "Lee", phone="(650) 253-0000", company_name="ACME gmbh", city="Boston"),
        person("娜娜", "欧阳", company_name="Acme GmbH", tags=["客户"]),
        person("Solo"),
    ]
    people[0].phones.append(Channel("+1 212 555 0101", "work"))
    people[1].emails.append(Channel("jm@home.example", "home"))
    return people * 3


def _documents(sql) -> list[tuple]:
    return sql(f"SELECT {DOC_COLUMNS} FROM contact_fts ORDER BY rowid")


def test_bulk_documents_are_the_ones_a_reindex_builds(crm, sql):
    ids = crm.contacts.create_many(_varied_people(), batch_size=4)
    bulk = _documents(sql)
    assert [row[0] for row in bulk] == ids
    with crm.ctx.write():
        crm.ctx.storage.index.reindex_contacts(ids)
    assert _documents(sql) == bulk
    # The company's own spelling is what both index and list show.
    assert {row[2] for row in bulk} == {" 华  信  科  技  有  限  公  司 ", "Acme GmbH", ""}


def test_bulk_inserted_people_are_found_like_any_other(crm):
    ids = crm.contacts.create_many(_varied_people())
    zhang, muller, ann, ouyang = ids[0], ids[1], ids[2], ids[3]
    assert {zhang, ids[5], ids[10]} == found(crm, "张伟")
    assert muller in found(crm, "muller") and muller in found(crm, "mueller")
    assert ann in found(crm, "6502530000") and ann in found(crm, "16502530000")
    assert zhang in found(crm, "13812345678") and zhang in found(crm, "2125550101")
    assert ouyang in found(crm, "阳娜") and ouyang in found(crm, "客户")
    assert {muller, ann, ouyang} <= found(crm, "acme")


def test_a_bad_draft_in_a_later_batch_keeps_the_earlier_batches_only(crm, sql):
    drafts = [person(f"P{i}", tags=[f"t{i}"]) for i in range(8)]
    drafts[4] = person("P4", email="not an email")
    with pytest.raises(ValidationError) as caught:
        crm.contacts.create_many(drafts, batch_size=3)
    assert caught.value.errors == [FieldError("emails", "invalid_email", "not an email", 0)]
    assert sorted(r[0] for r in sql("SELECT full_name FROM contact")) == ["P0", "P1", "P2"]
    assert sql("SELECT count(*) FROM contact_fts") == [(3,)]
    assert sorted(r[0] for r in sql("SELECT name FROM tag")) == ["t0", "t1", "t2"]


def test_the_position_of_a_bad_draft_counts_from_the_first_draft(crm):
    drafts = [person(f"P{i}") for i in range(7)]
    drafts[5] = person("")
    with pytest.raises(ValidationError) as caught:
        crm.contacts.create_many(drafts, batch_size=2)
    assert caught.value.errors == [FieldError("given_name", "required", "", 5)]


@pytest.mark.parametrize("enabled", [True, False])
def test_the_garbage_collector_is_left_as_it_was(crm, enabled):
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        crm.contacts.create_many(person(f"P{i}") for i in range(5))
        assert gc.isenabled() is enabled
        with pytest.raises(ValidationError):
            crm.contacts.create_many([person("")])
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_record_uuids_are_time_ordered_in_creation_order(crm, sql):
    crm.contacts.create_many(person(f"P{i}") for i in range(50))
    crm.contacts.create(person("Last"))
    rows = sql("SELECT id, uuid FROM contact ORDER BY id")
    assert [u for _, u in rows] == sorted(u for _, u in rows)
    assert {uuid.UUID(u).version for _, u in rows} == {7}


def test_one_tag_spelled_two_ways_in_a_batch_is_one_tag_spelled_as_first_used(crm, sql):
    ids = crm.contacts.create_many([person("Ann", tags=["Trade Fair"]), person("Bob", tags=["trade fair"]),
                                    person("Cy", tags=["TRADE FAIR", "vip"])])
    assert sql("SELECT name FROM tag ORDER BY id") == [("Trade Fair",), ("vip",)]
    tagged = crm.contacts.tags_for(ids)
    assert tagged == {ids[0]: ["Trade Fair"], ids[1]: ["Trade Fair"], ids[2]: ["Trade Fair", "vip"]}
    assert found(crm, "fair") == set(ids)


def test_the_wal_is_checkpointed_less_often_only_while_batches_are_written(crm, sql):
    during = []
    before = sql("PRAGMA wal_autocheckpoint")
    crm.contacts.create_many((person(f"P{i}") for i in range(5)), batch_size=2,
                             progress=lambda done, total: during.append(sql("PRAGMA wal_autocheckpoint")))
    assert during == [[(10_000,)]] * 3
    assert sql("PRAGMA wal_autocheckpoint") == before == [(1000,)]
    with pytest.raises(ValidationError):
        crm.contacts.create_many([person("")])
    assert sql("PRAGMA wal_autocheckpoint") == before


def test_drafts_said_to_be_validated_are_stored_as_validated_without_a_second_check(crm, sql, monkeypatch):
    checked = [crm.contacts.validate(p) for p in _varied_people()]
    reference = crm.contacts.create_many([crm.contacts.validate(p) for p in _varied_people()])

    def refuse(draft):
        raise AssertionError("validated twice")

    monkeypatch.setattr(crm.contacts, "validate", refuse)
    ids = crm.contacts.create_many(checked, batch_size=4, validated=True)
    stored = sql("SELECT full_name, company_name, email, phone, city FROM contact WHERE id IN "
                 f"({','.join('?' * len(ids))}) ORDER BY id", ids)
    expected = sql("SELECT full_name, company_name, email, phone, city FROM contact WHERE id IN "
                   f"({','.join('?' * len(reference))}) ORDER BY id", reference)
    assert stored == expected and len(stored) == len(_varied_people())
    with pytest.raises(AssertionError, match="validated twice"):
        crm.contacts.create_many(_varied_people())


# -- bulk loads: the sort indexes built again at the end, the search index buffered ----------------
SORT_KEYS = ("name", "company", "title", "email", "phone", "city", "country", "created", "updated")
QUERIES = ("张伟", "伟", "muller", "acme", "2125551012", "12125551012", "客户", "vip", "trade", "city 3",
           "p12@example", "solo", "t3", "华信")


def _many_people(n: int) -> list:
    people = []
    for i in range(n):
        base = _varied_people()[i % 5]
        people.append(dataclasses.replace(
            base, given_name=f"{base.given_name}{i}", title=f"T{(i * 7) % 13}", city=f"City {(i * 5) % 11}",
            emails=[Channel(f"p{i}@example.com", "work")], phones=[Channel(f"+1 212 555 {1000 + i}", "")],
            tags=list(base.tags)))
    return people


def _schema(sql) -> list[tuple]:
    return sorted(sql("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))


def _state(crm, sql) -> dict:
    """Everything a user can see of the people: rows, channels, tags, documents, searches, sort orders."""
    from crm_desktop.core.query import ListQuery

    return {
        "rows": sql("SELECT id, full_name, company_id, company_name, title, email, phone, city, owner_id "
                    "FROM contact ORDER BY id"),
        "channels": sql("SELECT contact_id, channel, kind, label, value, normalized, position "
                        "FROM contact_channel ORDER BY contact_id, channel, position"),
        "tags": sql("SELECT contact_id, tag_id FROM contact_tag ORDER BY 1, 2"),
        "documents": _documents(sql),
        "found": {q: found(crm, q) for q in QUERIES},
        "pages": {(key, desc): [r[0] for r in crm.contacts.page(ListQuery(sort=key, descending=desc), 0, 500)]
                  for key in SORT_KEYS for desc in (False, True)},
        "schema": _schema(sql),
        "fts_config": sql("SELECT k, v FROM contact_fts_config ORDER BY k"),
        "integrity": sql("PRAGMA integrity_check"),
        "fts_integrity": sql("INSERT INTO contact_fts(contact_fts) VALUES ('integrity-check')"),
    }


@pytest.fixture
def other(tmp_path, template_db, clock):
    """A second database, to write the same people the row-by-row way."""
    import shutil

    from crm_desktop.core.paths import DATABASE_NAME
    from crm_desktop.services import Services

    root = tmp_path / "other"
    root.mkdir()
    shutil.copyfile(template_db, root / DATABASE_NAME)
    services = Services.open(root, fallback_region="US", clock=clock)
    yield services
    services.close()


def _other_sql(services):
    def run(query: str, params=()) -> list[tuple]:
        return services.ctx.storage.database.db.execute_sql(query, params).fetchall()
    return run


def test_a_bulk_load_leaves_what_the_row_by_row_path_leaves(crm, sql, other):
    before = _schema(sql)
    people = _many_people(60)
    bulk_ids = crm.contacts.create_many(people, batch_size=16, bulk=True)
    row_ids = other.contacts.create_many(_many_people(60), batch_size=16, bulk=False)
    assert bulk_ids == row_ids
    bulk, rows = _state(crm, sql), _state(other, _other_sql(other))
    assert bulk == rows
    assert bulk["schema"] == before  # every index back, with its own definition
    assert bulk["integrity"] == [("ok",)]
    assert [q for q in QUERIES if not bulk["found"][q]] == []


def test_a_bulk_load_makes_the_indexes_again_in_the_order_they_were_made(crm, sql):
    """With no statistics SQLite settles a tie between two indexes by the one made last: a
    city's count must still take the single-column index after a load, as before it."""
    def order():
        return [n for (n,) in sql("SELECT name FROM sqlite_master WHERE type = 'index' "
                                  "AND tbl_name = 'contact' ORDER BY rowid")]

    def plan():
        return " ".join(r[-1] for r in sql("EXPLAIN QUERY PLAN SELECT count(*) FROM contact "
                                           "WHERE deleted_at IS NULL AND city = 'Boston' COLLATE NOCASE"))

    names, used = order(), plan()
    assert names.index("contact_by_city") > names.index("contact_by_city_name")
    crm.contacts.create_many(_many_people(40), batch_size=16, bulk=True)
    assert set(order()) == set(names)
    places = [n for n in order() if "city" in n or "country" in n]
    assert places == [n for n in names if "city" in n or "country" in n]
    assert plan() == used and "contact_by_city " in used + " "


def test_a_bulk_load_into_a_table_with_people_keeps_them_findable_and_sorted(crm, sql, other):
    for services in (crm, other):
        services.contacts.create_many(_many_people(30), bulk=False)
    crm.contacts.create_many(_many_people(45)[30:], batch_size=4, bulk=True)
    other.contacts.create_many(_many_people(45)[30:], batch_size=4, bulk=False)
    assert _state(crm, sql) == _state(other, _other_sql(other))


def test_an_error_in_the_middle_of_a_bulk_load_leaves_the_database_as_it_was(crm, sql, monkeypatch):
    crm.contacts.create_many(_many_people(10), bulk=False)
    before = _state(crm, sql)
    calls = []
    real = crm.ctx.storage.tags.resolve

    def fail_on_third(names, now):
        calls.append(names)
        if len(calls) == 3:
            raise RuntimeError("disk on fire")
        return real(names, now)

    monkeypatch.setattr(crm.ctx.storage.tags, "resolve", fail_on_third)
    with pytest.raises(RuntimeError, match="disk on fire"):
        crm.contacts.create_many(_many_people(40), batch_size=8, bulk=True)
    assert len(calls) == 3
    monkeypatch.undo()
    assert _state(crm, sql) == before  # rows, indexes, search index and its settings
    ids = crm.contacts.create_many([person("Afterwards", email="after@example.com")])
    assert found(crm, "afterwards") == set(ids)


def test_a_cancelled_bulk_load_keeps_the_batches_written_with_every_index(crm, sql):
    before = _schema(sql)
    seen = []
    ids = crm.contacts.create_many(_many_people(40), batch_size=10, bulk=True,
                                   progress=lambda done, total: seen.append(done) or len(seen) < 2)
    assert seen == [10, 20] and len(ids) == 20
    assert sql("SELECT count(*) FROM contact") == [(20,)]
    assert _schema(sql) == before
    assert found(crm, "p15@example.com") == {ids[15]}


def test_a_bad_draft_stops_a_bulk_load_after_the_batches_before_it(crm, sql):
    before = _schema(sql)
    people = _many_people(30)
    people[25] = person("Bad", email="not an email")
    with pytest.raises(ValidationError) as caught:
        crm.contacts.create_many(people, batch_size=10, bulk=True)
    assert caught.value.errors == [FieldError("emails", "invalid_email", "not an email", 0)]
    assert sql("SELECT count(*) FROM contact") == [(20,)]
    assert _schema(sql) == before
    assert len(found(crm, "example")) == 20


def test_a_duplicate_uuid_fails_a_bulk_load_like_a_row_by_row_one(crm, sql, monkeypatch):
    import sqlite3

    from crm_desktop.services import contacts as contact_service

    (taken,) = sql("SELECT uuid FROM contact WHERE id = ?", crm.contacts.create_many([person("First")]))[0]
    before = _state(crm, sql)
    real = contact_service.new_uuids
    monkeypatch.setattr(contact_service, "new_uuids", lambda n: [taken, *real(n - 1)])
    for bulk in (True, False):
        with pytest.raises(sqlite3.IntegrityError):
            crm.contacts.create_many(_many_people(12), batch_size=12, bulk=bulk)
        assert _state(crm, sql) == before


def test_people_added_in_bulk_are_found_as_duplicates(crm):
    ids = crm.contacts.create_many(_many_people(20), bulk=True)
    hits = crm.contacts.duplicates(person("Someone", email="P7@example.com", phone="+1 212 555 1007"))
    assert {(h.record_id, h.reason) for h in hits} == {(ids[7], "email"), (ids[7], "phone")}


def test_one_bulk_load_spans_several_calls_as_an_import_makes_them(crm, sql, other):
    before = _schema(sql)
    people = _many_people(30)
    with crm.contacts.bulk_load():
        first = crm.contacts.create_many(people[:10], batch_size=len(people[:10]))
        # Inside the load, what an import asks between its batches still works.
        assert crm.contacts.duplicates(person("X", email="p3@example.com"))[0].record_id == first[3]
        assert first[4] in found(crm, "p4@example.com")
        second = crm.contacts.create_many(people[10:], batch_size=7)
    assert second[0] == first[-1] + 1
    other.contacts.create_many(_many_people(30), bulk=False)
    assert _schema(sql) == before
    assert _state(crm, sql) == _state(other, _other_sql(other))


def test_an_error_inside_a_bulk_load_block_rolls_back_every_call_in_it(crm, sql):
    before = _state(crm, sql)
    with pytest.raises(RuntimeError, match="stop"), crm.contacts.bulk_load():
        crm.contacts.create_many(_many_people(10))
        raise RuntimeError("stop")
    assert _state(crm, sql) == before


def test_a_load_as_large_as_the_table_is_a_bulk_load_and_a_small_one_is_not(crm, monkeypatch):
    from crm_desktop.services import contacts as contact_service

    loads = []
    real = crm.ctx.storage.contacts.bulk_load

    def spy():
        loads.append(True)
        return real()

    monkeypatch.setattr(crm.ctx.storage.contacts, "bulk_load", spy)
    monkeypatch.setattr(contact_service, "BULK_MIN", 10)
    crm.contacts.create_many(_many_people(12))  # into an empty table
    assert loads == [True]
    crm.contacts.create_many(_many_people(11))  # 11 < the 12 already there
    crm.contacts.create_many(_many_people(5))  # fewer than BULK_MIN
    assert loads == [True]


def test_the_page_cache_is_as_before_after_a_bulk_load(crm, sql):
    before = sql("PRAGMA cache_size")
    during = []
    crm.contacts.create_many(_many_people(12), batch_size=5, bulk=True,
                             progress=lambda done, total: during.append(sql("PRAGMA cache_size")))
    assert during[0] == [(-256 * 1024,)] and sql("PRAGMA cache_size") == before
    with pytest.raises(RuntimeError, match="stop"), crm.contacts.bulk_load():
        raise RuntimeError("stop")
    assert sql("PRAGMA cache_size") == before


def test_the_checking_thread_waits_while_the_writer_has_its_turn():
    """Between two drafts the checking thread waits for the writer's Python to finish, so the
    writer does not wait for the GIL after each of its many small reads."""
    import threading

    from crm_desktop.services.contacts import _Turns

    turns = _Turns()
    checked = threading.Event()

    def check_one_draft():
        turns.checker()
        checked.set()

    with turns.writer():
        checker = threading.Thread(target=check_one_draft)
        checker.start()
        assert not checked.wait(0.2)  # held back for as long as the writer's turn lasts
    assert checked.wait(5)  # and on at once when it ends
    checker.join()
    turns.checker()  # outside a turn nothing waits
