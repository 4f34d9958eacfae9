"""The windowed contact and company table models, against a real database."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass

import pytest
import shiboken6
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QTableView

from crm_desktop.core.errors import StorageError, StorageProblem
from crm_desktop.core.phones import format_phone
from crm_desktop.core.query import COMPANY_SORT_KEYS, CONTACT_SORT_KEYS, ListQuery
from crm_desktop.core.records import CompanyDraft, ContactDraft
from crm_desktop.core.synth import Synth
from crm_desktop.ui.companies_page import CompanyTableModel
from crm_desktop.ui.contacts_page import ContactTableModel
from crm_desktop.ui.table_models import ID_ROLE, MAX_PAGES, PAGE_SIZE, SORT_ROLE, read_rows

PEOPLE = 1500
FIRMS = ("Acme Trading", "Blue River Foods", "Cedar Logistics", "北京华信有限公司")


@dataclass
class Dataset:
    drafts: list[ContactDraft]
    owner_ids: list[int]
    company_ids: dict[str, int]


@pytest.fixture
def people(services) -> Dataset:
    owner_ids = [services.lookups.create_user(n) for n in ("Alex Morgan", "王芳")]
    company_ids = {}
    for i, name in enumerate(FIRMS):
        company_ids[name] = services.companies.create(CompanyDraft(
            name=name, industry=("Retail", "Food", "Logistics", "Software")[i],
            phone=f"+1 212 555 01{i}3", owner_id=owner_ids[i % 2], tags=["VIP"] if i % 2 else []))
    drafts = list(Synth(11).contacts(PEOPLE, list(FIRMS), [*owner_ids, None]))
    services.contacts.create_many(drafts)
    return Dataset(drafts, owner_ids, company_ids)


def ids_of(model, rows) -> list[int]:
    return [model.index(r, 0).data(ID_ROLE) for r in rows]


def service_ids(service, query: ListQuery, offset: int, limit: int) -> list[int]:
    return [row[0] for row in service.page(query, offset, limit)]


def settle(qtbot, model) -> None:
    """Wait until the model shows the query asked for last (it is read off the UI thread)."""
    qtbot.waitUntil(lambda: not model.is_loading(), timeout=10_000)


def show(qtbot, model, query: ListQuery) -> None:
    model.set_query(query)
    settle(qtbot, model)


def sort_by(qtbot, model, column: int, order: Qt.SortOrder) -> None:
    model.sort(column, order)
    settle(qtbot, model)


class PageCounter:
    """Wraps a service's page() to record every (offset, limit) asked for, and each direction."""

    def __init__(self, monkeypatch, service) -> None:
        self.calls: list[tuple[int, int]] = []
        self.descending: list[bool] = []
        original = service.page

        def counted(query, offset, limit):
            self.calls.append((offset, limit))
            self.descending.append(query.descending)
            return original(query, offset, limit)

        monkeypatch.setattr(service, "page", counted)

    @property
    def rows(self) -> int:
        return sum(limit for _, limit in self.calls)


# -- model contract ----------------------------------------------------------------------
def test_contact_model_passes_the_model_tester(qtmodeltester, services, people, bridge, qtbot):
    model = ContactTableModel(services, bridge)
    qtmodeltester.check(model)
    show(qtbot, model, ListQuery(tag_id=services.lookups.tags()[0].id))
    sort_by(qtbot, model, ContactTableModel.COL_CITY, Qt.SortOrder.DescendingOrder)
    model.index(model.rowCount() - 1, 0).data()  # a page from the end, read in reverse
    show(qtbot, model, ListQuery(search="nothing-matches-this"))
    assert model.rowCount() == 0
    show(qtbot, model, ListQuery())
    assert model.rowCount() == PEOPLE
    services.contacts.create(ContactDraft(given_name="Aaron", family_name="Aardvark"))
    assert model.rowCount() == PEOPLE + 1


def test_company_model_passes_the_model_tester(qtmodeltester, services, people, bridge, qtbot):
    model = CompanyTableModel(services, bridge)
    qtmodeltester.check(model)
    show(qtbot, model, ListQuery(owner_id=people.owner_ids[0]))
    sort_by(qtbot, model, CompanyTableModel.COL_INDUSTRY, Qt.SortOrder.AscendingOrder)
    assert model.rowCount() == 2


def test_column_constants_name_their_columns(services, qapp):
    contacts, companies = ContactTableModel(services), CompanyTableModel(services)
    assert contacts.column_of("tags") == ContactTableModel.COL_TAGS
    assert contacts.column_of("updated") == ContactTableModel.COL_UPDATED
    assert contacts.column_of("score") == ContactTableModel.COL_SCORE
    assert companies.column_of("people") == CompanyTableModel.COL_PEOPLE
    assert companies.column_of("created") == CompanyTableModel.COL_CREATED
    headers = [contacts.headerData(c, Qt.Orientation.Horizontal) for c in range(contacts.columnCount())]
    assert headers == ["Name", "Company", "Title", "Email", "Phone", "Tags", "Owner", "Score", "City",
                       "Country", "Source", "Created", "Updated"]
    assert companies.headerData(CompanyTableModel.COL_PEOPLE, Qt.Orientation.Horizontal) == "People"


def test_an_empty_database_has_no_rows(services, qapp):
    model = ContactTableModel(services)
    assert model.rowCount() == 0
    assert model.index(0, 0).data() is None


# -- paging ------------------------------------------------------------------------------
@pytest.mark.parametrize("row", [0, 777, PEOPLE - 1])
def test_rows_equal_the_service_page_at_that_offset(services, people, qapp, row):
    model = ContactTableModel(services)
    (raw,) = services.contacts.page(ListQuery(), row, 1)
    assert model.index(row, 0).data(ID_ROLE) == raw[0]
    assert model.index(row, ContactTableModel.COL_NAME).data() == raw[1]
    assert model.index(row, ContactTableModel.COL_COMPANY).data() == raw[3]
    assert model.index(row, ContactTableModel.COL_EMAIL).data() == raw[5]
    assert model.index(row, ContactTableModel.COL_PHONE).data() == format_phone(raw[6])
    assert model.index(row, ContactTableModel.COL_PHONE).data(SORT_ROLE) == raw[6]


def test_rows_past_the_end_have_no_data(services, people, qapp):
    model = ContactTableModel(services)
    assert model.index(PEOPLE, 0).data() is None
    assert model.record_id(PEOPLE) is None
    assert model.record_id(PEOPLE - 1) == service_ids(services.contacts, ListQuery(), PEOPLE - 1, 1)[0]


def test_owner_tags_and_dates_are_shown_for_people(services, people, qapp):
    model = ContactTableModel(services)
    row = next(r for r in range(PEOPLE) if model.index(r, ContactTableModel.COL_OWNER).data())
    record = services.contacts.get(model.record_id(row))
    owners = {u.id: u.name for u in services.lookups.users()}
    assert model.index(row, ContactTableModel.COL_OWNER).data() == owners[record.data.owner_id]
    tags_row = next(r for r in range(PEOPLE) if services.contacts.get(model.record_id(r)).data.tags)
    tags = services.contacts.get(model.record_id(tags_row)).data.tags
    assert model.index(tags_row, ContactTableModel.COL_TAGS).data() == ", ".join(tags)
    assert model.index(tags_row, ContactTableModel.COL_TAGS).data(Qt.ItemDataRole.ToolTipRole) == \
        "\n".join(tags)
    created = record.stamp.created_at.replace(tzinfo=dt.UTC).astimezone().date()
    expected = QLocale().toString(QDate(created.year, created.month, created.day),
                                  QLocale.FormatType.ShortFormat)
    assert model.index(row, ContactTableModel.COL_CREATED).data() == expected
    assert model.index(row, ContactTableModel.COL_CREATED).data(SORT_ROLE) == record.stamp.created_at


def test_company_rows_count_their_people(services, people, qapp):
    model = CompanyTableModel(services)
    assert model.rowCount() == len(FIRMS)
    for row in range(model.rowCount()):
        company = services.companies.get(model.record_id(row))
        expected = sum(1 for d in people.drafts if d.company_name == company.data.name)
        assert model.index(row, CompanyTableModel.COL_PEOPLE).data(SORT_ROLE) == expected
        assert model.index(row, CompanyTableModel.COL_PEOPLE).data() == QLocale().toString(expected)
        assert model.index(row, CompanyTableModel.COL_PHONE).data() == format_phone(company.data.phone)
        assert model.index(row, CompanyTableModel.COL_TAGS).data() == ", ".join(company.data.tags)


def test_pages_are_cached_in_a_bounded_lru(services, people, qapp, monkeypatch):
    model = ContactTableModel(services, max_pages=3)
    counter = PageCounter(monkeypatch, services.contacts)
    model.index(0, 0).data()
    model.index(PAGE_SIZE - 1, 3).data()
    assert counter.calls == [(0, PAGE_SIZE)]
    model.index(PAGE_SIZE, 0).data()
    model.index(2 * PAGE_SIZE, 0).data()
    model.index(5, 0).data()
    assert len(counter.calls) == 3, "three pages fit"
    model.index(3 * PAGE_SIZE, 0).data()
    model.index(PAGE_SIZE + 1, 0).data()
    assert len(counter.calls) == 5, "page 1 was the least recently used and was evicted"
    model.index(1, 0).data()
    assert len(counter.calls) == 5, "page 0 was used recently and kept"


def test_the_default_cache_stays_small(services, qapp):
    assert MAX_PAGES * PAGE_SIZE <= 5000


def test_ids_in_rows_reads_spans_without_loading_everything(services, people, qapp, monkeypatch):
    model = ContactTableModel(services)
    model.index(0, 0).data()
    counter = PageCounter(monkeypatch, services.contacts)
    ids = model.ids_in_rows([(3, 7), (1000, 1401)])
    calls, descending = list(counter.calls), list(counter.descending)
    assert ids == (service_ids(services.contacts, ListQuery(), 3, 5)
                   + service_ids(services.contacts, ListQuery(), 1000, 402))
    assert calls == [(PEOPLE - 1402, 402)], "the cached first page is not read again"
    assert descending == [True], "rows near the end are read from the end"


# -- reading from the end ----------------------------------------------------------------
def offsets_near_the_end(count: int) -> list[int]:
    """Offsets past the middle, where rows are read in reverse from the end, plus the middle."""
    return sorted({o for o in (count // 2, count // 2 + 1, 2 * count // 3, count - PAGE_SIZE,
                               count - 7, count - 1) if 0 <= o < count})


def assert_read_from_the_end_matches(service, query: ListQuery) -> None:
    count = service.count(query)
    assert count > 2, query
    for offset in offsets_near_the_end(count):
        for limit in (PAGE_SIZE, 5):
            assert read_rows(service, query, count, offset, limit) == service.page(query, offset, limit), \
                (query, offset, limit)


def contact_filters(services, people: Dataset) -> list[ListQuery]:
    vip = next(t.id for t in services.lookups.tags() if t.name == "VIP")
    return [ListQuery(), ListQuery(search="an"), ListQuery(tag_id=vip),
            ListQuery(owner_id=people.owner_ids[0], company_id=people.company_ids["Acme Trading"])]


@pytest.mark.parametrize("descending", [False, True])
def test_contact_rows_read_from_the_end_equal_the_service_page(services, people, qapp, descending):
    for query in contact_filters(services, people):
        for key in CONTACT_SORT_KEYS:
            assert_read_from_the_end_matches(services.contacts, query.with_(sort=key, descending=descending))


@pytest.mark.parametrize("descending", [False, True])
def test_company_rows_read_from_the_end_equal_the_service_page(services, people, qapp, descending):
    synth = Synth(3)
    for i in range(40):
        draft = synth.company()
        draft.employees = None if i % 5 == 0 else draft.employees  # ties and NULLs at both ends
        draft.owner_id = people.owner_ids[i % 2]
        draft.tags = ["VIP"] if i % 3 == 0 else []
        services.companies.create(draft)
    vip = next(t.id for t in services.lookups.tags() if t.name == "VIP")
    for query in (ListQuery(), ListQuery(owner_id=people.owner_ids[1]), ListQuery(tag_id=vip)):
        for key in COMPANY_SORT_KEYS:
            assert_read_from_the_end_matches(services.companies, query.with_(sort=key, descending=descending))


def test_the_model_reads_pages_past_the_middle_from_the_end(services, people, qtbot, monkeypatch):
    model = ContactTableModel(services)
    query = ListQuery(owner_id=people.owner_ids[0], sort="city", descending=True)
    show(qtbot, model, query)
    count = model.rowCount()
    assert count > 2 * PAGE_SIZE
    counter = PageCounter(monkeypatch, services.contacts)
    last_page = (count - 1) // PAGE_SIZE
    shown = ids_of(model, range(last_page * PAGE_SIZE, count))
    assert counter.calls == [(0, count - last_page * PAGE_SIZE)] and counter.descending == [False]
    assert shown == service_ids(services.contacts, query, last_page * PAGE_SIZE, PAGE_SIZE)


# -- sorting -----------------------------------------------------------------------------
@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_contact_sort_by_each_sortable_column_matches_the_service(services, people, qtbot, order):
    model = ContactTableModel(services)
    sortable = [c for c in range(model.columnCount()) if model.is_sortable(c)]
    assert {model.COLUMNS[c].sort_key for c in sortable} == {*CONTACT_SORT_KEYS, "score"}
    for column in sortable:
        sort_by(qtbot, model, column, order)
        query = ListQuery(sort=model.COLUMNS[column].sort_key,
                          descending=order == Qt.SortOrder.DescendingOrder)
        assert model.sort_column() == column and model.sort_order() == order
        for offset in (0, 700, PEOPLE - 10):
            assert ids_of(model, range(offset, offset + 10)) == \
                service_ids(services.contacts, query, offset, 10), column


def test_company_sort_by_each_sortable_column_matches_the_service(services, people, qtbot):
    model = CompanyTableModel(services)
    sortable = [c for c in range(model.columnCount()) if model.is_sortable(c)]
    assert {model.COLUMNS[c].sort_key for c in sortable} == set(COMPANY_SORT_KEYS) - {"updated"}
    for column in sortable:
        sort_by(qtbot, model, column, Qt.SortOrder.DescendingOrder)
        query = ListQuery(sort=model.COLUMNS[column].sort_key, descending=True)
        assert ids_of(model, range(len(FIRMS))) == service_ids(services.companies, query, 0, 10)


def test_a_column_without_a_sort_key_ignores_sort(services, people, qtbot):
    model = ContactTableModel(services)
    sort_by(qtbot, model, ContactTableModel.COL_CITY, Qt.SortOrder.AscendingOrder)
    before = model.query
    with qtbot.assertNotEmitted(model.modelReset):
        model.sort(ContactTableModel.COL_TAGS, Qt.SortOrder.DescendingOrder)
        model.sort(ContactTableModel.COL_OWNER, Qt.SortOrder.AscendingOrder)
    assert model.query == before
    assert model.sort_column() == ContactTableModel.COL_CITY


# -- filtering ---------------------------------------------------------------------------
def test_filters_narrow_the_row_count_exactly(services, people, qtbot):
    model = ContactTableModel(services)
    vip = next(t.id for t in services.lookups.tags() if t.name == "VIP")
    with qtbot.waitSignal(model.count_changed):
        model.set_query(ListQuery(tag_id=vip))
    assert model.rowCount() == sum("VIP" in d.tags for d in people.drafts)
    owner = people.owner_ids[1]
    show(qtbot, model, ListQuery(owner_id=owner))
    assert model.rowCount() == sum(d.owner_id == owner for d in people.drafts)
    acme = people.company_ids["Acme Trading"]
    show(qtbot, model, ListQuery(company_id=acme, owner_id=owner))
    assert model.rowCount() == sum(d.owner_id == owner and d.company_name == "Acme Trading"
                                   for d in people.drafts)
    assert 0 < model.rowCount() < PEOPLE


def test_search_text_filters_rows(services, people, qtbot):
    wanted = services.contacts.create(ContactDraft(given_name="Zebulon", family_name="Quixote"))
    model = ContactTableModel(services)
    show(qtbot, model, ListQuery(search="Quixote"))
    assert model.rowCount() == 1
    assert model.record_id(0) == wanted


def test_company_tag_filter(services, people, qtbot):
    model = CompanyTableModel(services)
    vip = next(t.id for t in services.lookups.tags() if t.name == "VIP")
    show(qtbot, model, ListQuery(tag_id=vip))
    assert sorted(model.index(r, 0).data() for r in range(model.rowCount())) == \
        sorted(FIRMS[i] for i in (1, 3))


# -- refresh on changes ------------------------------------------------------------------
def test_created_and_deleted_people_change_the_count(services, people, bridge, qtbot):
    model = ContactTableModel(services, bridge)
    with qtbot.waitSignal(model.modelReset):
        services.contacts.create(ContactDraft(given_name="Aaron", family_name="Aardvark"))
    assert model.rowCount() == PEOPLE + 1
    doomed = model.ids_in_rows([(0, 1)])
    with qtbot.waitSignal(model.count_changed) as blocker:
        services.contacts.delete(doomed)
    assert blocker.args == [PEOPLE - 1]
    assert model.rowCount() == PEOPLE - 1
    assert not set(doomed) & set(ids_of(model, range(5)))


def test_an_update_repaints_without_a_reset(services, people, bridge, qtbot):
    model = ContactTableModel(services, bridge)
    first = model.record_id(0)
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged) as blocker:
        services.contacts.add_tag([first], "Golden")
    top_left, bottom_right, roles = blocker.args
    assert (top_left.row(), bottom_right.row()) == (0, PEOPLE - 1)
    assert bottom_right.column() == model.columnCount() - 1
    assert Qt.ItemDataRole.DisplayRole in roles and SORT_ROLE in roles
    assert "Golden" in model.index(0, ContactTableModel.COL_TAGS).data().split(", ")


def test_an_owner_added_after_the_model_is_shown_by_name(services, bridge, qtbot):
    model = ContactTableModel(services, bridge)
    with qtbot.waitSignal(bridge.changed):
        robin = services.lookups.create_user("Robin Hood")
    services.contacts.create(ContactDraft(given_name="Ann", owner_id=robin))
    assert model.index(0, ContactTableModel.COL_OWNER).data() == "Robin Hood"
    assert model.index(0, ContactTableModel.COL_OWNER).data(SORT_ROLE) == "Robin Hood"


def test_company_people_counts_follow_contact_changes(services, people, bridge, qtbot):
    model = CompanyTableModel(services, bridge)
    show(qtbot, model, ListQuery(search="Cedar"))
    before = model.index(0, CompanyTableModel.COL_PEOPLE).data(SORT_ROLE)
    with qtbot.waitSignal(model.dataChanged):
        services.contacts.create(ContactDraft(given_name="Li", company_name="Cedar Logistics"))
    assert model.index(0, CompanyTableModel.COL_PEOPLE).data(SORT_ROLE) == before + 1


# -- scale -------------------------------------------------------------------------------
def test_scrolling_to_the_bottom_of_many_rows_reads_few(services, qtbot, monkeypatch):
    total = 20_000
    services.contacts.create_many(Synth(5).contacts(total, ["Acme"], [None]))
    model = ContactTableModel(services)
    counter = PageCounter(monkeypatch, services.contacts)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    view.scrollToBottom()
    last = model.index(total - 1, 0)
    qtbot.waitUntil(lambda: view.visualRect(last).isValid() and view.viewport().rect().intersects(
        view.visualRect(last)))
    view.viewport().repaint()
    assert model.rowCount() == total
    assert last.data(ID_ROLE) == service_ids(services.contacts, ListQuery(), total - 1, 1)[0]
    assert counter.rows <= 4 * PAGE_SIZE, counter.calls
    assert all(limit <= PAGE_SIZE for _, limit in counter.calls)


# -- new queries are read off the UI thread ----------------------------------------------
class SlowRead:
    """Makes a service's count() or page() wait for ``release`` when asked about one search
    text, as a broad search does at a million rows, and notes the threads each call ran on."""

    def __init__(self, monkeypatch, service, text: str, method: str = "count") -> None:
        self.started, self.release, self.finished = threading.Event(), threading.Event(), threading.Event()
        self.threads: set[int] = set()
        original = getattr(service, method)

        def read(query=ListQuery(), *args):
            self.threads.add(threading.get_ident())
            if query.search != text:
                return original(query, *args)
            self.started.set()
            self.release.wait(10)
            try:
                return original(query, *args)
            finally:
                self.finished.set()

        monkeypatch.setattr(service, method, read)


@pytest.fixture
def slow_alpha(monkeypatch, services):
    slow = SlowRead(monkeypatch, services.contacts, "Alpha")
    yield slow
    slow.release.set()


def test_a_new_query_is_counted_and_read_on_a_worker_thread(services, people, qtbot, monkeypatch):
    model = ContactTableModel(services)
    slow = SlowRead(monkeypatch, services.contacts, "never typed")
    counter = PageCounter(monkeypatch, services.contacts)
    owner, loading = people.owner_ids[0], []
    model.loading_changed.connect(loading.append)
    with qtbot.waitSignals([model.modelReset, model.count_changed]):
        model.set_query(ListQuery(owner_id=owner))
        assert model.rowCount() == PEOPLE and model.is_loading(), "the rows shown stay until then"
    assert loading == [True, False]
    assert slow.threads and threading.get_ident() not in slow.threads
    assert counter.calls == [(0, PAGE_SIZE)], "the first page came with the count"
    assert model.rowCount() == sum(d.owner_id == owner for d in people.drafts)
    assert not model.is_loading()
    shown = ids_of(model, range(5))
    assert counter.calls == [(0, PAGE_SIZE)], "and is not read again"
    assert shown == service_ids(services.contacts, model.query, 0, 5)


def test_sorting_is_read_on_a_worker_thread_too(services, people, qtbot, monkeypatch):
    model = ContactTableModel(services)
    slow = SlowRead(monkeypatch, services.contacts, "never typed")
    with qtbot.waitSignal(model.modelReset):
        model.sort(ContactTableModel.COL_CITY, Qt.SortOrder.DescendingOrder)
        assert model.query.sort == "name" and model.requested_query.sort == "city"
        assert model.sort_column() == ContactTableModel.COL_CITY, "the header shows the order asked for"
    assert threading.get_ident() not in slow.threads
    assert ids_of(model, range(5)) == service_ids(services.contacts, model.query, 0, 5)


@pytest.mark.parametrize("slow_part", ["count", "page"])
def test_a_newer_query_wins_over_an_older_slower_one(services, people, qtbot, monkeypatch, slow_part):
    services.contacts.create(ContactDraft(given_name="Alpha", family_name="Centauri"))
    bravo = services.contacts.create(ContactDraft(given_name="Bravo", family_name="Zulu"))
    model = ContactTableModel(services)
    slow = SlowRead(monkeypatch, services.contacts, "Alpha", slow_part)
    try:
        model.set_query(ListQuery(search="Alpha"))
        assert slow.started.wait(5)
        with qtbot.waitSignal(model.modelReset):
            model.set_query(ListQuery(search="Bravo"))
        assert model.query.search == "Bravo" and model.record_id(0) == bravo
    finally:
        slow.release.set()
    with qtbot.assertNotEmitted(model.modelReset, wait=200):
        assert slow.finished.wait(5)
    model.shutdown()
    assert model.query.search == "Bravo" and model.rowCount() == 1 and model.record_id(0) == bravo


def test_asking_again_for_the_rows_shown_drops_the_read(services, people, qtbot, slow_alpha):
    model, loading = ContactTableModel(services), []
    model.loading_changed.connect(loading.append)
    model.set_query(ListQuery(search="Alpha"))
    model.set_query(ListQuery())  # a letter typed and erased
    assert loading == [True, False] and not model.is_loading()
    with qtbot.assertNotEmitted(model.modelReset, wait=100):
        slow_alpha.release.set()
        model.shutdown()
    assert model.rowCount() == PEOPLE


def test_shutdown_waits_for_a_running_read_and_drops_its_result(services, people, qtbot, slow_alpha):
    model = ContactTableModel(services)
    model.set_query(ListQuery(search="Alpha"))
    assert slow_alpha.started.wait(5)
    threading.Timer(0.2, slow_alpha.release.set).start()
    model.shutdown()
    assert slow_alpha.finished.is_set(), "nothing reads once shutdown() has returned"
    with qtbot.assertNotEmitted(model.modelReset, wait=100):
        pass
    assert not model.is_loading() and model.query == ListQuery() and model.rowCount() == PEOPLE


def test_a_change_during_a_read_reads_the_query_again(services, people, bridge, qtbot, slow_alpha):
    model = ContactTableModel(services, bridge)
    model.set_query(ListQuery(search="Alpha"))
    assert slow_alpha.started.wait(5)
    slow_alpha.release.set()  # this read counted no Alpha yet…
    assert slow_alpha.finished.wait(5)
    wanted = services.contacts.create(ContactDraft(given_name="Alpha", family_name="Late"))
    qtbot.waitUntil(lambda: not model.is_loading())
    assert model.rowCount() == 1 and model.record_id(0) == wanted, "…the read after the change did"


def test_a_storage_error_while_reading_is_reported_and_the_rows_stay(services, people, qtbot, monkeypatch):
    def locked(query=ListQuery()):
        raise StorageError(StorageProblem.LOCKED, "/data/crm.sqlite")

    model = ContactTableModel(services)
    first = model.record_id(0)
    monkeypatch.setattr(services.contacts, "count", locked)
    with qtbot.waitSignal(model.load_failed) as blocker, qtbot.assertNotEmitted(model.modelReset):
        model.sort(ContactTableModel.COL_CITY, Qt.SortOrder.AscendingOrder)
    assert isinstance(blocker.args[0], StorageError)
    assert not model.is_loading() and model.requested_query == model.query == ListQuery()
    assert model.sort_column() == ContactTableModel.COL_NAME
    assert model.rowCount() == PEOPLE and model.record_id(0) == first


def test_a_bug_while_reading_is_raised_on_the_ui_thread(services, people, qtbot, monkeypatch):
    def broken(query=ListQuery()):
        raise ZeroDivisionError("a bug")

    model = ContactTableModel(services)
    monkeypatch.setattr(services.contacts, "count", broken)
    with qtbot.capture_exceptions() as raised:
        model.set_query(ListQuery(search="x"))
        qtbot.waitUntil(lambda: bool(raised))
    assert isinstance(raised[0][1], ZeroDivisionError)


def test_deleting_the_model_waits_for_its_reads(services, people, qtbot, slow_alpha):
    model = ContactTableModel(services)
    model.set_query(ListQuery(search="Alpha"))
    assert slow_alpha.started.wait(5)
    threading.Timer(0.2, slow_alpha.release.set).start()
    shiboken6.delete(model)  # as when its page is deleted
    assert slow_alpha.finished.is_set(), "no read outlives the model"
