"""Segments: filters compiled to SQL give exactly the records they describe, saved and counted."""

from __future__ import annotations

import datetime as dt

import pytest

from crm_desktop.core.activities import ActivityDraft
from crm_desktop.core.errors import ValidationError
from crm_desktop.core.query import ListQuery
from crm_desktop.core.records import Channel, CompanyDraft, ContactDraft
from crm_desktop.core.segments import Condition, Group, custom_key, from_json, to_json
from crm_desktop.core.tasks import TaskDraft
from crm_desktop.services import Change, Services


@pytest.fixture
def data(crm: Services, clock):
    """Eight people over 60 days, two owners, tags, a custom field, calls and a note."""
    alex, wang = crm.lookups.create_user("Alex"), crm.lookups.create_user("王芳")
    region = crm.lookups.create_custom_field("contact", "Region code", "text")
    size = crm.lookups.create_custom_field("contact", "Seats", "number")
    acme = crm.companies.create(CompanyDraft(name="Acme", city="Berlin", country="Germany", employees=120))
    crm.companies.create(CompanyDraft(name="Tiny", city="Paris", country="France", employees=3))
    people = [
        # name, city, country, owner, tags, custom, days before START it was created
        (("Alice", "Smith"), "Berlin", "Germany", alex, ["customer", "VIP"], {region: "EU-1", size: "40"},
         60),
        (("Bob", "Stone"), "Berlin", "Germany", alex, ["customer"], {region: "EU-2", size: "5"}, 50),
        (("Carol", "Jones"), "Paris", "France", wang, ["prospect"], {}, 40),
        (("伟", "张"), "上海", "中国", wang, ["customer", "partner"], {region: "CN"}, 30),
        (("Dan", "Brown"), "London", "UK", None, [], {}, 20),
        (("Eve", "Black"), "", "", None, ["VIP"], {}, 10),
        (("Frank", "White"), "Berlin", "Germany", wang, ["prospect", "VIP"], {size: "12"}, 5),
        (("Grace", "Green"), "Paris", "France", alex, [], {}, 1),
    ]
    ids = {}
    start = clock.now()
    for (given, family), city, country, owner, tags, custom, age in people:
        clock.advance(start - dt.timedelta(days=age) - clock.now())
        ids[given] = crm.contacts.create(ContactDraft(
            given_name=given, family_name=family, city=city, country=country, owner_id=owner, tags=tags,
            custom=custom, company_id=acme if city == "Berlin" else None,
            emails=[Channel(f"{family.lower() or 'x'}@example.com")] if given != "Eve" else []))
    clock.advance(start - clock.now())
    for name, days_ago, kind in (("Alice", 3, "call"), ("Bob", 45, "email"), ("伟", 10, "meeting"),
                                 ("Dan", 2, "note")):
        crm.activities.log(ActivityDraft(kind, occurred_at=start - dt.timedelta(days=days_ago),
                                         contact_id=ids[name]))
    tags = {t.name: t.id for t in crm.lookups.tags()}
    return {"ids": ids, "tags": tags, "alex": alex, "wang": wang, "region": region, "size": size,
            "acme": acme}


def names(crm: Services, group: Group, entity: str = "contact") -> set[str]:
    query = ListQuery(segment=crm.segments.condition(entity, group))
    service = crm.contacts if entity == "contact" else crm.companies
    rows = service.page(query, 0, 100)
    assert service.count(query) == len(rows) == crm.segments.count_filter(entity, group)
    return {row[1] for row in rows}


def c(field: str, op: str, value=None) -> Condition:
    return Condition(field, op, value)


def all_of(*items) -> Group:
    return Group("all", items)


def test_text_conditions(crm, data):
    assert names(crm, all_of(c("city", "is", "berlin"))) == {"Alice Smith", "Bob Stone", "Frank White"}
    assert names(crm, all_of(c("name", "contains", "ck"))) == {"Eve Black"}
    assert names(crm, all_of(c("name", "starts_with", "g"))) == {"Grace Green"}
    assert names(crm, all_of(c("country", "empty"))) == {"Eve Black"}
    assert names(crm, all_of(c("city", "is", "上海"))) == {"张伟"}
    # LIKE wildcards typed by the user are literal.
    assert names(crm, all_of(c("name", "contains", "%"))) == set()
    assert len(names(crm, all_of(c("city", "not_contains", "e")))) == 5
    assert names(crm, all_of(c("email", "empty"))) == {"Eve Black"}


def test_tags_any_all_none(crm, data):
    t = data["tags"]
    assert names(crm, all_of(c("tags", "has_any", (t["VIP"], t["partner"])))) == {
        "Alice Smith", "Eve Black", "Frank White", "张伟"}
    assert names(crm, all_of(c("tags", "has_all", (t["customer"], t["VIP"])))) == {"Alice Smith"}
    assert names(crm, all_of(c("tags", "has_none", (t["customer"], t["prospect"])))) == {
        "Dan Brown", "Eve Black", "Grace Green"}


def test_owner_dates_and_interaction(crm, data):
    assert names(crm, all_of(c("owner", "is", (data["wang"],)))) == {"Carol Jones", "张伟", "Frank White"}
    assert names(crm, all_of(c("owner", "empty"))) == {"Dan Brown", "Eve Black"}
    assert names(crm, all_of(c("owner", "is_not", (data["alex"],)))) == {
        "Carol Jones", "张伟", "Frank White", "Dan Brown", "Eve Black"}
    assert names(crm, all_of(c("created", "within_days", 15))) == {"Eve Black", "Frank White", "Grace Green"}
    assert names(crm, all_of(c("created", "before", "2024-03-20"))) == {"Alice Smith", "Bob Stone"}
    assert names(crm, all_of(c("created", "after", "2024-04-25"))) == {"Eve Black", "Frank White",
                                                                     "Grace Green"}
    # "No interaction in the last 30 days": calls, e-mails and meetings count; a note does not.
    assert names(crm, all_of(c("last_interaction", "not_within_days", 30))) == {
        "Bob Stone", "Carol Jones", "Dan Brown", "Eve Black", "Frank White", "Grace Green"}
    assert names(crm, all_of(c("last_interaction", "within_days", 30))) == {"Alice Smith", "张伟"}
    assert names(crm, all_of(c("last_interaction", "never"))) == {
        "Carol Jones", "Dan Brown", "Eve Black", "Frank White", "Grace Green"}


def test_custom_fields(crm, data):
    region, size = custom_key(data["region"]), custom_key(data["size"])
    assert names(crm, all_of(c(region, "starts_with", "eu"))) == {"Alice Smith", "Bob Stone"}
    assert names(crm, all_of(c(size, "gte", 12))) == {"Alice Smith", "Frank White"}
    assert names(crm, all_of(c(region, "empty"))) == {"Carol Jones", "Dan Brown", "Eve Black",
                                                      "Frank White", "Grace Green"}
    assert len(names(crm, all_of(c(region, "is_not", "CN")))) == 7


def test_and_or_groups(crm, data):
    t = data["tags"]
    # VIPs in Berlin, or anyone in Paris with no tags.
    group = Group("any", (
        all_of(c("tags", "has_any", (t["VIP"],)), c("city", "is", "Berlin")),
        all_of(c("city", "is", "Paris"), c("tags", "has_none", tuple(t.values()))),
    ))
    assert names(crm, group) == {"Alice Smith", "Frank White", "Grace Green"}
    assert names(crm, Group()) == {"Alice Smith", "Bob Stone", "Carol Jones", "张伟", "Dan Brown",
                                   "Eve Black", "Frank White", "Grace Green"}


def test_segment_works_with_the_list_filters(crm, data):
    sid = crm.segments.create("Berlin", "contact", all_of(c("city", "is", "Berlin")))
    query = crm.segments.query(sid, ListQuery(search="smi"))
    assert [r[1] for r in crm.contacts.page(query, 0, 10)] == ["Alice Smith"]
    query = crm.segments.query(sid, ListQuery(sort="name", descending=True))
    assert [r[1] for r in crm.contacts.page(query, 0, 10)] == ["Frank White", "Bob Stone", "Alice Smith"]


def test_companies(crm, data):
    assert names(crm, all_of(c("employees", "gt", 100)), "company") == {"Acme"}
    assert names(crm, all_of(c("people", "gte", 3)), "company") == {"Acme"}
    assert names(crm, all_of(c("country", "is", "France")), "company") == {"Tiny"}


def test_deals(crm, data):
    from crm_desktop.core.deals import DealDraft

    stage = crm.pipelines.default().stages[0].id
    crm.deals.create(DealDraft(title="Big", value_minor=500_000, currency="EUR", stage_id=stage,
                               contact_id=data["ids"]["Alice"]))
    crm.deals.create(DealDraft(title="Small", value_minor=20_000, currency="EUR", stage_id=stage))
    sql, params = crm.segments.condition("deal", all_of(c("value", "gte", 1000), c("status", "is", "open")))
    assert crm.ctx.storage.segments.count("deal", (sql, params)) == 1
    assert names(crm, all_of(c("open_deals", "gte", 1))) == {"Alice Smith"}


def test_saved_segments_counts_and_json(crm, data, changes):
    t = data["tags"]
    group = Group("any", (c("tags", "has_all", (t["VIP"], t["customer"])), c("city", "is", "Paris")))
    assert from_json(to_json(group)) == group
    vip = crm.segments.create("  VIP   or Paris ", "contact", group)
    firms = crm.segments.create("Big firms", "company", all_of(c("employees", "gte", 100)))
    assert Change("segment", "create", (vip,)) in changes
    assert [(s.name, s.entity) for s in crm.segments.all()] == [("VIP or Paris", "contact"),
                                                                ("Big firms", "company")]
    assert crm.segments.counts() == {vip: 3, firms: 1}
    crm.segments.update(vip, "Paris", all_of(c("city", "is", "Paris")))
    assert crm.segments.get(vip).name == "Paris" and crm.segments.count(vip) == 2
    crm.contacts.delete([data["ids"]["Carol"]])
    assert crm.segments.count(vip) == 1  # counts are live
    crm.segments.delete(firms)
    assert [s.id for s in crm.segments.all()] == [vip]


def test_invalid_filters_are_refused(crm, data):
    with pytest.raises(ValidationError) as bad:
        crm.segments.create("", "contact", Group())
    assert ("name", "required") in bad.value.codes()
    for group, code in ((all_of(c("shoe_size", "is", "9")), "unknown_field"),
                        (all_of(c("city", "gt", 3)), "invalid_op"),
                        (all_of(c("tags", "has_any", ())), "required"),
                        (all_of(c("created", "before", "yesterday")), "invalid"),
                        (all_of(c("custom:999", "is", "x")), "unknown_field")):
        with pytest.raises(ValidationError) as bad:
            crm.segments.create("x", "contact", group)
        assert code in {code for _, code in bad.value.codes()}


def test_bulk_actions_on_every_record(crm, data, sql):
    sid = crm.segments.create("Berlin", "contact", all_of(c("city", "is", "Berlin")))
    assert crm.segments.add_tag(sid, "fair 2024") == 3
    tagged = crm.segments.create("Fair", "contact", all_of(
        c("tags", "has_any", ({t.name: t.id for t in crm.lookups.tags()}["fair 2024"],))))
    assert crm.segments.count(tagged) == 3
    assert crm.segments.assign_owner(sid, data["wang"]) == 2  # Frank had that owner already
    assert {r[0] for r in sql("SELECT owner_id FROM contact WHERE city = 'Berlin'")} == {data["wang"]}
    made = crm.segments.create_tasks(sid, TaskDraft("Call about the fair", due_at=dt.datetime(2024, 5, 10)))
    assert made == 3
    assert sql("SELECT count(*) FROM task WHERE title = 'Call about the fair' AND contact_id IN "
               "(SELECT id FROM contact WHERE city = 'Berlin')") == [(3,)]
    assert crm.segments.delete_records(sid) == 3
    assert crm.segments.count(sid) == 0 and crm.contacts.count() == 5


def test_data_quality_counts(crm, data, sql):
    # Eve has no e-mail; nobody has a phone; Dan and Eve have no owner; calls, e-mails and
    # meetings reached Alice (3 days ago), Bob (45) and 张伟 (10); a note does not count.
    sql("UPDATE contact SET email = 'not an address' WHERE id = ?", (data["ids"]["Grace"],))
    sql("UPDATE contact SET phone = '0049 30 1234' WHERE id = ?", (data["ids"]["Frank"],))
    counts = crm.segments.quality_counts()
    assert counts == {"missing_email": 1, "missing_phone": 7, "missing_both": 1, "invalid_email": 1,
                      "invalid_phone": 1, "no_owner": 2, "never_contacted": 5, "stale": 5}
    query = ListQuery(segment=crm.segments.quality_condition("no_owner"))
    assert {r[1] for r in crm.contacts.page(query, 0, 10)} == {"Dan Brown", "Eve Black"}
    with pytest.raises(ValidationError):
        crm.segments.quality_condition("shoe_size")


def test_bulk_actions_on_a_data_quality_list(crm, data):
    target = ("contact", crm.segments.quality_condition("no_owner"))
    assert crm.segments.assign_owner(target, data["alex"]) == 2
    assert crm.segments.quality_counts()["no_owner"] == 0
    with pytest.raises(ValidationError):
        crm.segments.ids(("task", ("1", ())))


def test_a_segment_exports_like_a_list(crm, data, tmp_path):
    from crm_desktop.services.exports import ExportRequest

    sid = crm.segments.create("Berlin", "contact", all_of(c("city", "is", "Berlin")))
    request = ExportRequest("contact", crm.segments.query(sid), ("name", "city"))
    assert crm.exports.count(request) == 3
    path = tmp_path / "berlin.csv"
    crm.exports.export(request, path)
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[1:] == ["Alice Smith,Berlin", "Bob Stone,Berlin", "Frank White,Berlin"]


def test_has_all_of_three_tags_and_literal_wildcards(crm, data):
    t = data["tags"]
    assert names(crm, all_of(c("tags", "has_all", (t["customer"], t["VIP"], t["partner"])))) == set()
    assert names(crm, all_of(c("tags", "has_all", (t["customer"], t["partner"], t["customer"])))) == {"张伟"}
    assert names(crm, Group("any", (c("tags", "has_all", (t["prospect"], t["VIP"])),
                                    c("name", "contains", "_")))) == {"Frank White"}
    crm.contacts.create(ContactDraft(given_name="100%", family_name="Sure_Thing"))
    assert names(crm, all_of(c("name", "contains", "0%"))) == {"100% Sure_Thing"}
    assert names(crm, all_of(c("name", "contains", "e_t"))) == {"100% Sure_Thing"}
    assert names(crm, all_of(c("name", "starts_with", "100%"))) == {"100% Sure_Thing"}


def _plan(sql, crm: Services, group: Group, order: bool = False) -> str:
    where, params = crm.segments.condition("contact", group)
    tail = " ORDER BY full_name COLLATE NOCASE, id LIMIT 200" if order else ""
    return " | ".join(r[-1] for r in sql(
        f"EXPLAIN QUERY PLAN SELECT {'full_name' if order else 'count(*)'} FROM contact "
        f"WHERE deleted_at IS NULL AND {where}{tail}", params))


def test_segment_plans_use_the_indexes_they_need(crm, data, sql):
    t = data["tags"]
    mine = all_of(c("tags", "has_any", (t["customer"],)), c("country", "is", "Germany"),
                  c("owner", "is", (data["alex"],)))
    # Owner and country from one index, without reading the rows; the tag probed per match.
    assert "COVERING INDEX contact_by_owner_place (owner_id=? AND country=?)" in _plan(sql, crm, mine)
    # A city's people come in name order: the first page reads only its rows.
    city = all_of(c("city", "is", "Paris"), c("created", "within_days", 3650))
    assert "contact_by_city_name (city=?)" in _plan(sql, crm, city, order=True)
    assert "TEMP B-TREE" not in _plan(sql, crm, city, order=True)
    # Its count reads them in rowid order instead (the single-column index).
    assert "INDEX contact_by_city (city=?)" in _plan(sql, crm, city)
    country = all_of(c("country", "is", "France"), c("created", "within_days", 3650))
    assert "INDEX contact_by_country (country=?)" in _plan(sql, crm, country)
    # The people with an interaction in the last 30 days come from a range of one index.
    quiet = all_of(c("city", "is", "Paris"), c("last_interaction", "not_within_days", 30))
    assert "COVERING INDEX activity_recent (occurred_at>?)" in _plan(sql, crm, quiet)
    # With nothing to seek, one pass over the table in rowid order, not a walk of a partial
    # index with each row read out of order.
    either = Group("any", (c("title", "contains", "manager"), c("source", "is", "referral")))
    assert "USING INTEGER PRIMARY KEY (rowid>?)" in _plan(sql, crm, either)
    assert "contact_by_name" in _plan(sql, crm, either, order=True)


def test_cheap_conditions_are_tested_first_with_their_own_values(crm, data):
    t = data["tags"]
    group = Group("any", (c("tags", "has_all", (t["prospect"], t["VIP"])), c("name", "contains", "ck"),
                          c("city", "is", "上海")))
    sql, params = crm.segments.condition("contact", group)
    assert sql.index("city") < sql.index("LIKE") < sql.index("SELECT")
    assert params[:2] == ("上海", "%ck%")
    assert names(crm, group) == {"Frank White", "Eve Black", "张伟"}


# -- counting in pieces and in parts -----------------------------------------------------------
@pytest.fixture
def in_parts(monkeypatch):
    """Count the way a million records are counted, on a small file: every pass split in three
    rowid ranges, each range and each piece on a connection of its own."""
    from crm_desktop.storage import segments as store

    monkeypatch.setattr(store, "SPLIT_MIN_ROWS", 0)
    monkeypatch.setattr(store, "_parts", lambda: 3)
    return store


@pytest.fixture
def mixed(crm, data, clock):
    """More people: upper and lower case, Chinese titles, sources, people in the trash, a birthday
    left empty, another company and deals, scores."""
    from crm_desktop.core.deals import DealDraft

    t = data["tags"]
    rows = [("Ann", "Sales MANAGER", "Referral", ["VIP", "partner"], "1990-02-03"),
            ("Ben", "manager", "", ["VIP"], None), ("Cai", "销售经理", "referral", ["partner"], None),
            ("Dee", "", "website", ["VIP", "partner", "customer"], "1985-07-30"),
            ("Eli", "Managing director", "trade show", [], None), ("Fay", "经理助理", "", ["partner"], None),
            ("Gus", "Owner", "REFERRAL", ["VIP", "partner"], None), ("Hal", "Office manager", "", [], None)]
    ids = {}
    for given, title, source, tags, birthday in rows:
        ids[given] = crm.contacts.create(ContactDraft(
            given_name=given, family_name="Test", title=title, source=source, tags=tags,
            birthday=dt.date.fromisoformat(birthday) if birthday else None,
            owner_id=data["wang"] if given in ("Ann", "Dee") else None))
    crm.contacts.delete([ids["Gus"], ids["Hal"], data["ids"]["Frank"]])  # in the trash: never counted
    stage = crm.pipelines.default().stages[0].id
    crm.deals.create(DealDraft(title="Open", value_minor=1000, currency="EUR", stage_id=stage,
                               contact_id=ids["Fay"]))
    return {**data, "more": ids, "tags": t}


def _straight(sql, crm: Services, group: Group, entity: str = "contact") -> int:
    """The count by the one condition, on this thread's connection, as it was always counted."""
    where, params = crm.segments.condition(entity, group)
    table = {"contact": "contact", "company": "company"}[entity]
    return sql(f"SELECT count(*) FROM {table} WHERE deleted_at IS NULL AND {where}", params)[0][0]


def _every_condition(data) -> list[Condition]:
    """A condition for every operator the compiler knows on people."""
    region, size = custom_key(data["region"]), custom_key(data["size"])
    t = data["tags"]
    return [
        c("title", "contains", "manager"), c("title", "contains", "经理"), c("title", "not_contains", "MAN"),
        c("title", "is", "MANAGER"), c("title", "is_not", "manager"), c("title", "starts_with", "sales"),
        c("title", "empty"), c("title", "not_empty"), c("source", "is", "referral"),
        c("name", "contains", "%"), c("name", "contains", "_"),
        c("city", "is", "上海"), c("city", "not_contains", "e"),
        c("owner", "is", (data["wang"],)), c("owner", "is_not", (data["alex"],)), c("owner", "empty"),
        c("owner", "not_empty"),
        c("tags", "has_none", (t["customer"],)),
        c("created", "before", "2024-04-01"), c("created", "after", "2024-04-20"),
        c("created", "within_days", 15), c("created", "not_within_days", 15), c("birthday", "empty"),
        c("birthday", "not_empty"), c("birthday", "before", "1989-01-01"),
        c("last_interaction", "within_days", 30), c("last_interaction", "not_within_days", 30),
        c("last_interaction", "never"), c("do_not_contact", "set"), c("do_not_contact", "not_set"),
        c("score", "gte", 0), c("score", "empty"), c("open_deals", "gte", 1), c("open_deals", "empty"),
        c(region, "contains", "eu"), c(region, "is_not", "CN"), c(region, "empty"), c(region, "not_empty"),
        c(size, "gt", 10), c(size, "lte", 5), c(size, "ne", 40),
    ]


def test_an_or_with_tags_counts_in_pieces_exactly(crm, mixed, sql, in_parts):
    t = mixed["tags"]
    tag_terms = [c("tags", "has_all", (t["VIP"], t["partner"])),
                 c("tags", "has_any", (t["customer"], t["prospect"])),
                 c("tags", "has_all", (t["partner"], t["partner"]))]
    checked = 0
    for other in _every_condition(mixed):
        for tags in tag_terms:
            for group in (Group("any", (other, tags)),
                          Group("any", (tags, other, c("source", "is", "website"))),
                          Group("any", (other, tags, tag_terms[1]))):
                compiled = crm.segments.condition("contact", group)
                assert compiled.pieces, group
                expected = _straight(sql, crm, group)
                query = ListQuery(segment=compiled)
                assert crm.contacts.count(query) == expected, group
                assert len(crm.contacts.page(query, 0, 1000)) == expected
                assert crm.segments.count_filter("contact", group) == expected
                # The list's own filters go with every piece.
                owned = query.with_(owner_id=mixed["wang"])
                assert crm.contacts.count(owned) == len(crm.contacts.page(owned, 0, 1000))
                # Tested after each piece's own conditions: the list's tag and search as well.
                narrowed = query.with_(tag_id=t["customer"], search="a")
                assert crm.contacts.count(narrowed) == len(crm.contacts.page(narrowed, 0, 1000))
                checked += 1
    assert checked == len(_every_condition(mixed)) * 9
    # A tag condition alone, in an OR with itself; a nested group beside it.
    alone = Group("any", (tag_terms[0], all_of(c("city", "is", "Paris"), c("owner", "not_empty"))))
    assert crm.contacts.count(ListQuery(segment=crm.segments.condition("contact", alone))) == \
        _straight(sql, crm, alone)


def test_every_pass_and_piece_is_counted_in_parts(crm, mixed, sql, in_parts):
    t = mixed["tags"]
    group = Group("any", (c("title", "contains", "manager"), c("tags", "has_all", (t["VIP"], t["partner"])),
                          c("source", "is", "referral")))
    compiled = crm.segments.condition("contact", group)
    db = crm.ctx.storage.database.db
    pieces = [(f"deleted_at IS NULL AND {w}", p) for w, p in compiled.pieces]
    tasks = in_parts._tasks(db, "contact", pieces)
    # The title and source in rowid ranges of one pass, two per connection; the tag pair read
    # from the tag index in ranges of its own.
    n = 3 * in_parts.RANGES_PER_LANE
    assert [bounds is not None for _w, _p, bounds in tasks] == [True] * n + [False] * n
    assert all(" AND t0.contact_id >= " in w for w, _p, _b in tasks[n:])
    plan = " | ".join(r[-1] for r in sql(
        f"EXPLAIN QUERY PLAN SELECT count(*) FROM contact WHERE {tasks[n][0]}", tasks[n][1]))
    assert "contact_tag_by_tag (tag_id=? AND contact_id>? AND contact_id<?)" in plan
    assert "USING INTEGER PRIMARY KEY (rowid=?)" in plan
    # Ann, Ben, Cai (source), Dee (both tags); not Eli ("Managing"), nor Gus and Hal (in the trash).
    expected = _straight(sql, crm, group)
    assert expected == 4
    assert in_parts.count_where(db, "contact", pieces) == expected
    # A filter an index answers is counted whole, on this thread's connection.
    berlin = crm.segments.condition("contact", all_of(c("city", "is", "Berlin")))
    assert not berlin.pieces
    assert len(in_parts._tasks(db, "contact", [(f"deleted_at IS NULL AND {berlin[0]}", berlin[1])])) == 1


def test_a_count_in_a_write_sees_what_the_write_did(crm, mixed, in_parts):
    t = mixed["tags"]
    group = Group("any", (c("title", "contains", "manager"), c("tags", "has_any", (t["VIP"],))))
    query = ListQuery(segment=crm.segments.condition("contact", group))
    before = crm.contacts.count(query)
    with crm.ctx.write():
        crm.ctx.storage.database.db.execute_sql("UPDATE contact SET title = 'Manager' WHERE id = ?",
                                                (mixed["ids"]["Bob"],))
        # Other connections would not see this yet: the count stays on this one.
        assert crm.contacts.count(query) == before + 1
    assert crm.contacts.count(query) == before + 1


def test_a_commit_while_the_parts_count_makes_it_count_again(crm, mixed, in_parts, monkeypatch):
    """The parts may have read different states of the file if a write was committed while they
    counted: the count is then made again, whole, on the caller's connection."""
    import sqlite3

    t = mixed["tags"]
    group = Group("any", (c("source", "is", "referral"), c("tags", "has_any", (t["VIP"],))))
    query = ListQuery(segment=crm.segments.condition("contact", group))
    before = crm.contacts.count(query)
    db = crm.ctx.storage.database.db
    pool = in_parts.counting_connections(db)
    pool.close()  # the connections kept from the count above: new ones are opened below
    connect, wrote = pool._open, []

    class Writes:  # a counting connection; once all have counted, another one commits a change
        def __init__(self) -> None:
            self.conn, self.checks = connect(), 0

        @property
        def in_transaction(self) -> bool:
            return self.conn.in_transaction

        def execute(self, statement: str, *args):
            if statement == "PRAGMA data_version":
                self.checks += 1
                if self.checks == 2 and not wrote:
                    wrote.append(True)
                    other = sqlite3.connect(db.database)
                    other.execute("UPDATE contact SET source = 'referral' WHERE id = ?",
                                  (mixed["ids"]["Bob"],))
                    other.commit()
                    other.close()
            return self.conn.execute(statement, *args)

        def close(self) -> None:
            self.conn.close()

    monkeypatch.setattr(pool, "_open", Writes)
    assert crm.contacts.count(query) == before + 1 and wrote
    pool.close()
    monkeypatch.setattr(pool, "_open", connect)
    assert crm.contacts.count(query) == before + 1


def test_companies_count_in_pieces(crm, mixed, sql, in_parts):
    t = mixed["tags"]
    crm.companies.create(CompanyDraft(name="Tagged", tags=["VIP"]))
    group = Group("any", (c("name", "contains", "a"), c("tags", "has_any", (t["VIP"],))))
    compiled = crm.segments.condition("company", group)
    assert compiled.pieces
    assert crm.companies.count(ListQuery(segment=compiled)) == _straight(sql, crm, group, "company") == 2
