"""List pages: every sort key both ways, stable by id, under every filter, against Python."""

from __future__ import annotations

import datetime as dt
import re
import string

import pytest
from service_helpers import person

from crm_desktop.core.query import ListQuery
from crm_desktop.core.records import CompanyDraft
from crm_desktop.storage import companies as company_store
from crm_desktop.storage import contacts as contact_store

# given, family, company, title, email, phone, city, tags, owner (index into two users or None)
PEOPLE = [
    ("Ann", "Lee", "Acme", "CEO", "ann@example.com", "+1 650 253 0001", "Boston", ["vip"], 0),
    ("ann", "Lee", "Globex", "cto", "Zed@example.com", "+1 650 253 0002", "boston", [], 1),
    ("Bob", "Stone", "Acme", "", "", "", "", ["vip"], 0),
    ("Émile", "Zola", "", "Writer", "emile@example.fr", "+33 1 42 68 53 00", "Paris", ["vip"], None),
    ("Zoë", "Adams", "Initech", "Engineer", "zoe@example.co.uk", "+44 20 7946 0958", "London", [], 1),
    ("伟", "张", "华信科技有限公司", "总经理", "zw@example.cn", "+86 138 1234 5678", "北京", ["vip"], 0),
    ("Anna", "Bell", "Acme", "engineer", "Anna@example.com", "+1 650 253 0003", "Austin", [], 1),
    ("ANN", "LEE", "Acme", "CEO", "amy@example.com", "+1 650 253 0001", "BOSTON", ["vip"], 1),
    ("Annette", "Ng", "", "", "annette@example.com", "", "Zurich", ["vip"], 0),
    ("Carl", "Ek", "Globex", "Buyer", "", "+41 44 668 18 00", "Austin", [], None),
]
# Seconds to wait before creating each person: zeros make equal creation times.
PAUSES = [0, 0, 60, 60, 0, 30, 30, 0, 90, 10]
UPDATED_LATER = (2, 8)  # positions whose rows are edited after all are created
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_ORDER = re.compile(r"(\w+)( COLLATE NOCASE)?")


@pytest.fixture
def people(crm, clock):
    owners = [crm.lookups.create_user("Owner A"), crm.lookups.create_user("Owner B")]
    ids = []
    for row, pause in zip(PEOPLE, PAUSES, strict=True):
        given, family, company, title, email, phone, city, tags, owner = row
        clock.advance(dt.timedelta(seconds=pause))
        ids.append(crm.contacts.create(person(
            given, family, email=email, phone=phone, company_name=company, title=title, city=city,
            tags=tags, owner_id=None if owner is None else owners[owner])))
    clock.advance(dt.timedelta(minutes=5))
    for position in UPDATED_LATER:
        crm.contacts.update(ids[position], crm.contacts.get(ids[position]).data)
        clock.advance(dt.timedelta(minutes=1))
    return ids, owners


def _filters(crm, people) -> dict[str, tuple[ListQuery, set[int]]]:
    """Each filter with the ids it must keep, worked out from PEOPLE alone."""
    ids, owners = people
    vip = next(t.id for t in crm.lookups.tags() if t.name == "vip")
    acme = crm.contacts.get(ids[0]).data.company_id
    pick = lambda test: {i for i, row in zip(ids, PEOPLE, strict=True) if test(row)}  # noqa: E731
    return {
        "none": (ListQuery(), set(ids)),
        "tag": (ListQuery(tag_id=vip), pick(lambda r: "vip" in r[7])),
        "owner": (ListQuery(owner_id=owners[1]), pick(lambda r: r[8] == 1)),
        "company": (ListQuery(company_id=acme), pick(lambda r: r[2] == "Acme")),
        "search": (ListQuery(search="ann"), pick(lambda r: r[0].lower().startswith("ann"))),
        "search+tag": (ListQuery(search="ann", tag_id=vip),
                       pick(lambda r: r[0].lower().startswith("ann") and "vip" in r[7])),
    }


def _python_order(values: dict[int, object], ids: set[int], nocase: bool, descending: bool) -> list[int]:
    """SQLite's ORDER BY <column> [COLLATE NOCASE], id — NULL first, NOCASE folds ASCII only."""

    def key(record_id: int):
        value = values[record_id]
        if nocase and isinstance(value, str):
            value = value.translate(_ASCII_LOWER)
        return (value is not None, value if value is not None else 0, record_id)

    return sorted(ids, key=key, reverse=descending)


def _all_pages(service, query: ListQuery, size: int) -> list[int]:
    out, offset = [], 0
    while rows := service.page(query, offset, size):
        assert len(rows) <= size
        out += [row[0] for row in rows]
        offset += size
    return out


def _column_values(sql, table: str, order_sql: str) -> tuple[dict[int, object], bool]:
    match = _ORDER.fullmatch(order_sql)
    assert match, f"test does not understand the sort expression {order_sql!r}"
    column, nocase = match.group(1), bool(match.group(2))
    return dict(sql(f"SELECT id, {column} FROM {table}")), nocase


@pytest.mark.parametrize("descending", [False, True], ids=["asc", "desc"])
@pytest.mark.parametrize("sort", sorted(contact_store.SORT_SQL))
def test_contact_pages_match_python_order(crm, people, sql, sort, descending):
    values, nocase = _column_values(sql, "contact", contact_store.SORT_SQL[sort])
    for name, (query, expected_ids) in _filters(crm, people).items():
        query = query.with_(sort=sort, descending=descending)
        expected = _python_order(values, expected_ids, nocase, descending)
        assert _all_pages(crm.contacts, query, 3) == expected, name
        assert crm.contacts.count(query) == len(expected), name


def test_names_sort_without_regard_to_case_then_by_id(crm, people):
    ids, _ = people
    assert _all_pages(crm.contacts, ListQuery(sort="name"), 4) == [
        ids[i] for i in (0, 1, 7, 6, 8, 2, 9, 4, 3, 5)]
    rows = crm.contacts.page(ListQuery(sort="name", descending=True), 0, 4)
    assert [r[1] for r in rows] == ["张伟", "Émile Zola", "Zoë Adams", "Carl Ek"]


def test_the_dataset_has_ties_for_the_order_to_break(crm, people, sql):
    names = [n for (n,) in sql("SELECT full_name COLLATE NOCASE FROM contact")]
    created = [c for (c,) in sql("SELECT created_at FROM contact")]
    assert len({n.lower() for n in names}) < len(names)
    assert len(set(created)) < len(created)


def test_unknown_sort_key_falls_back_to_name(crm, people):
    by_name = _all_pages(crm.contacts, ListQuery(sort="name"), 4)
    assert _all_pages(crm.contacts, ListQuery(sort="no such column"), 4) == by_name


def test_page_rows_have_the_list_columns(crm, people):
    ids, _ = people
    rows = crm.contacts.page(ListQuery(sort="created"), 0, 1)
    row = dict(zip(contact_store.LIST_COLUMNS, rows[0], strict=True))
    assert (row["id"], row["full_name"], row["email"], row["phone"], row["city"]) == (
        ids[0], "Ann Lee", "ann@example.com", "+16502530001", "Boston")


def test_pages_past_the_end_are_empty(crm, people):
    assert crm.contacts.page(ListQuery(), 10, 5) == []
    assert len(crm.contacts.page(ListQuery(), 8, 5)) == 2


COMPANIES = [
    ("Acme", "Software", "Boston", "United States", "+1 650 253 0001", 60),
    ("acme labs", "software", "boston", "united states", "", None),
    ("Globex", "Retail", "Berlin", "Germany", "+41 44 668 18 00", 1200),
    ("华信科技", "Manufacturing", "北京", "中国", "+86 10 6552 9988", 60),
    ("Zeta", "", "", "", "+1 650 253 0002", 5),
    ("Émile & Co", "Media", "Paris", "France", "", None),
]


@pytest.fixture
def firms(crm, clock):
    ids = []
    for name, industry, city, country, phone, employees in COMPANIES:
        clock.advance(dt.timedelta(seconds=30 if len(ids) % 2 else 0))
        ids.append(crm.companies.create(CompanyDraft(
            name=name, industry=industry, city=city, country=country, phone=phone,
            employees=employees, tags=["vip"] if employees == 60 else [])))
    return ids


@pytest.mark.parametrize("descending", [False, True], ids=["asc", "desc"])
@pytest.mark.parametrize("sort", sorted(company_store.SORT_SQL))
def test_company_pages_match_python_order(crm, firms, sql, sort, descending):
    values, nocase = _column_values(sql, "company", company_store.SORT_SQL[sort])
    vip = next(t.id for t in crm.lookups.tags() if t.name == "vip")
    cases = {
        "none": (ListQuery(), set(firms)),
        "tag": (ListQuery(tag_id=vip), {firms[0], firms[3]}),
        "search": (ListQuery(search="acme"), {firms[0], firms[1]}),
    }
    for name, (query, expected_ids) in cases.items():
        query = query.with_(sort=sort, descending=descending)
        expected = _python_order(values, expected_ids, nocase, descending)
        assert _all_pages(crm.companies, query, 2) == expected, name
        assert crm.companies.count(query) == len(expected), name
