"""A large file's rows mapped and validated in a second process: same outcomes, cancel, refusals."""

from __future__ import annotations

import dataclasses
import multiprocessing
import threading

import pytest

from crm_desktop.core.records import Channel, ContactDraft
from crm_desktop.interchange import rows as rows_module
from crm_desktop.interchange.mapping import Mapping
from crm_desktop.interchange.plan import FILL, SKIP_ROW, ImportOptions
from crm_desktop.interchange.readers import ImportRefused
from crm_desktop.services import imports
from crm_desktop.services.imports import ImportCancelled, ImportService

HEADER = "Name,E-mail,Mobile,Work Phone,Company,Job Title,Birthday,Tags,Notes,Favourite colour\n"


def _row(i: int) -> str:
    """Rows of every kind, repeating each other across chunks (CHUNK = 1,000 rows)."""
    kind = i % 11
    if kind == 0:
        return ",,,,,,,,,\n"  # empty
    if kind == 1:
        return f"Person {i},not-an-email,+1 415 555 {i % 10000:04d},12,Acme Inc.,,2090-01-01,,,red\n"
    if kind == 2:
        return f"Person {i % 500},p{i % 500}@example.com,,,Acme Inc.,,,vip; west,,\n"  # repeats
    if kind == 3:
        return "Total,,,,,,,,,\n"
    if kind == 4:
        phone = f"+86 139 {i // 10000:04d} {i % 10000:04d}"
        return f"张伟{i},zw{i}@example.cn,{phone},,腾讯,经理,1990-02-03,,备注,蓝\n"
    if kind == 5:
        return "Ann Lee,ann@example.com,,,,,,,,\n"  # an existing person
    if kind == 6:
        return ",,,,Orphan Company Ltd,,,,,\n"  # a company but no one: rejected
    if kind == 7:
        return "Robert Roe,,,,ACME Inc,,,,,\n"  # fuzzy name at a known company
    return f"Name {i},n{i}@example.org,(212) 555-{i % 10000:04d},,Firm {i % 37},Role,03/04/1980,a,\"x, y\",\n"


@pytest.fixture
def big_csv(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text(HEADER + "".join(_row(i) for i in range(2_600)), encoding="utf-8")
    return path


@pytest.fixture
def people(crm):
    crm.contacts.create(ContactDraft(given_name="Ann", family_name="Lee",
                                     emails=[Channel("ann@example.com")]))
    crm.contacts.create(ContactDraft(given_name="Rob", family_name="Roe", company_name="Acme Inc."))


@pytest.fixture
def workers(monkeypatch):
    """Every import uses the row worker; the list holds the workers started."""
    started: list = []

    class Recorded(rows_module.RowWorker):
        def __init__(self, rules) -> None:
            super().__init__(rules)
            started.append(self)

    monkeypatch.setattr(ImportService, "worker_min_rows", 0)
    monkeypatch.setattr(ImportService, "core_free", staticmethod(lambda: True))
    monkeypatch.setattr(imports, "RowWorker", Recorded)
    return started


def _fields(outcome) -> tuple:
    draft = dataclasses.asdict(outcome.draft) if outcome.draft is not None else None
    return (outcome.row_number, outcome.cells, outcome.status, outcome.action, draft,
            [dataclasses.astuple(p) for p in outcome.problems], outcome.match_id, outcome.match_reason,
            outcome.match_row, outcome.record_id)


def _outcomes(crm, path, options):
    plan = crm.imports.inspect(path)
    return [_fields(o) for chunk in crm.imports.outcomes(plan, options) for o in chunk]


OPTIONS = [
    ImportOptions(),
    ImportOptions(on_duplicate=FILL, on_problem=SKIP_ROW, row_actions={5: "create"},
                  fixes={(3, 1): "fixed@example.com", (2_000, 9): "green"}),
]


@pytest.mark.parametrize("options", OPTIONS, ids=["defaults", "choices"])
def test_the_worker_gives_the_outcomes_worked_out_here(crm, people, big_csv, monkeypatch, options):
    here = _outcomes(crm, big_csv, options)
    monkeypatch.setattr(ImportService, "worker_min_rows", 0)
    monkeypatch.setattr(ImportService, "core_free", staticmethod(lambda: True))
    there = _outcomes(crm, big_csv, options)
    assert len(here) == 2_600
    assert {"new", "duplicate", "rejected", "empty"} <= {o[2] for o in here}
    assert any(o[5] for o in here) and any(o[6] is not None for o in here) and any(o[8] for o in here)
    assert there == here


def _store(crm, path) -> tuple:
    result = crm.imports.run(crm.imports.inspect(path), ImportOptions())
    db = crm.ctx.storage.database.db
    stored = db.execute_sql(
        "SELECT c.given_name, c.family_name, c.email, c.phone, c.title, c.birthday, c.notes, co.name, "
        "(SELECT group_concat(t.name, ';') FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id "
        " WHERE ct.contact_id = c.id), "
        "(SELECT group_concat(normalized, ';') FROM contact_channel WHERE contact_id = c.id) "
        "FROM contact c LEFT JOIN company co ON co.id = c.company_id ORDER BY c.id").fetchall()
    found = db.execute_sql("SELECT count(*) FROM contact_fts WHERE contact_fts MATCH '伟'").fetchone()[0]
    return (result.summary, result.created, result.skipped, result.updated), stored, found


def test_an_import_through_the_worker_stores_what_one_without_it_does(crm, people, big_csv, clock, tmp_path,
                                                                       monkeypatch):
    from crm_desktop.services import Services

    other = Services.open(tmp_path / "other", fallback_region="US", clock=clock)
    try:
        other.contacts.create(ContactDraft(given_name="Ann", family_name="Lee",
                                           emails=[Channel("ann@example.com")]))
        other.contacts.create(ContactDraft(given_name="Rob", family_name="Roe", company_name="Acme Inc."))
        here = _store(other, big_csv)
    finally:
        other.close()
    started = []
    monkeypatch.setattr(ImportService, "worker_min_rows", 0)
    monkeypatch.setattr(ImportService, "core_free", staticmethod(lambda: True))
    monkeypatch.setattr(imports, "RowWorker", lambda rules: started.append(1) or rows_module.RowWorker(rules))
    there = _store(crm, big_csv)
    assert started == [1] and not multiprocessing.active_children()
    assert there == here
    summary = here[0][0]
    assert summary.new > 1_000 and summary.rejected > 100 and summary.duplicates > 400 and here[2] > 200


def test_cancel_ends_the_worker_and_leaves_the_database_as_it_was(crm, people, big_csv, sql, workers):
    before = sql("SELECT (SELECT count(*) FROM contact), (SELECT count(*) FROM company), "
                 "(SELECT count(*) FROM import_batch)")
    cancelled = threading.Event()
    seen = []

    def progress(done, total):
        seen.append(done)
        if done >= 1_000:
            cancelled.set()

    with pytest.raises(ImportCancelled):
        crm.imports.run(crm.imports.inspect(big_csv), ImportOptions(), progress=progress, cancelled=cancelled)
    assert seen and seen[-1] < 2_600
    assert len(workers) == 1 and not multiprocessing.active_children()
    assert sql("SELECT (SELECT count(*) FROM contact), (SELECT count(*) FROM company), "
               "(SELECT count(*) FROM import_batch)") == before


def test_a_file_failing_half_way_is_refused_as_before_and_nothing_is_stored(crm, people, big_csv, sql,
                                                                           workers):
    plan = crm.imports.inspect(big_csv)
    rows = plan.source.rows

    def broken():
        for n, row in enumerate(rows()):
            if n == 1_500:
                raise ImportRefused("unreadable", "broken line")
            yield row

    plan.source.rows = broken
    with pytest.raises(ImportRefused) as refused:
        crm.imports.run(plan, ImportOptions())
    assert (refused.value.code, refused.value.detail) == ("unreadable", "broken line")
    assert len(workers) == 1 and not multiprocessing.active_children()
    assert sql("SELECT count(*) FROM contact")[0][0] == 2
    assert sql("SELECT count(*) FROM import_batch")[0][0] == 0


def _rules(entity: str = "contact") -> rows_module.RowRules:
    import datetime as dt

    mapping = Mapping(["full_name", "email"])
    return rows_module.RowRules(entity, mapping, "US", dt.date(2024, 5, 6), "import", {})


def test_the_worker_answers_chunk_by_chunk_in_order():
    with rows_module.RowWorker(_rules()) as worker:
        worker.send([(2, ["Ann Lee", "ann@example.com"]), (3, [None, None])])
        worker.send([(4, ["Bob", "bad@"])])
        first, second = worker.receive(None, ImportCancelled), worker.receive(None, ImportCancelled)
    assert [(o.row_number, o.status, o.cells) for o in first] == [
        (2, "new", ["Ann Lee", "ann@example.com"]), (3, "empty", [None, None])]
    assert first[0].draft.emails == [Channel("ann@example.com")]
    assert [(o.status, o.draft.emails, [p.code for p in o.problems]) for o in second] == [
        ("new", [], ["invalid_email"])]
    assert not multiprocessing.active_children()


def test_an_error_in_the_worker_is_raised_here():
    with pytest.raises(KeyError), rows_module.RowWorker(_rules("no such entity")) as worker:
        worker.send([(2, ["Ann Lee", "ann@example.com"])])
        worker.receive(None, ImportCancelled)
    assert not multiprocessing.active_children()


def test_cancel_is_seen_while_waiting_for_the_worker():
    cancelled = threading.Event()
    cancelled.set()
    with pytest.raises(ImportCancelled), rows_module.RowWorker(_rules()) as worker:
        worker.send([(2, ["Ann Lee", "ann@example.com"])] * 1_000)
        worker.receive(cancelled, ImportCancelled)
    assert not multiprocessing.active_children()


def test_a_worker_that_stops_without_a_word_is_an_error_not_a_hang():
    with pytest.raises(rows_module.RowWorkerStopped), rows_module.RowWorker(_rules()) as worker:
        worker._process.kill()
        worker._process.join()
        worker.send([(2, ["Ann Lee", "ann@example.com"])])
        worker.receive(None, ImportCancelled)
    assert not multiprocessing.active_children()


def test_a_failed_backup_before_the_import_ends_the_worker_started_beside_it(crm, people, big_csv, sql,
                                                                            workers, monkeypatch):
    from crm_desktop.core.errors import CrmError

    class NoBackup:
        def before(self, reason: str) -> None:
            raise CrmError("disk full")

    monkeypatch.setattr(crm.imports, "backups", NoBackup())
    with pytest.raises(CrmError, match="disk full"):
        crm.imports.run(crm.imports.inspect(big_csv), ImportOptions())
    assert len(workers) == 1 and not multiprocessing.active_children()
    assert sql("SELECT count(*) FROM import_batch")[0][0] == 0


def test_small_files_and_busy_machines_do_without_the_worker(crm, big_csv, monkeypatch):
    plan = crm.imports.inspect(big_csv)
    monkeypatch.setattr(ImportService, "core_free", staticmethod(lambda: True))
    assert crm.imports.start_worker(plan, ImportOptions()) is None  # 2,600 rows
    monkeypatch.setattr(ImportService, "worker_min_rows", 0)
    monkeypatch.setattr(ImportService, "core_free", staticmethod(lambda: False))
    assert crm.imports.start_worker(plan, ImportOptions()) is None


def test_only_a_file_as_large_as_the_table_of_people_is_a_bulk_load(crm, people, big_csv, monkeypatch):
    from crm_desktop.services import contacts as contact_service

    loads = []
    bulk_load = crm.contacts.bulk_load
    monkeypatch.setattr(crm.contacts, "bulk_load", lambda: loads.append(1) or bulk_load())
    small = big_csv.with_name("small.csv")
    small.write_text(HEADER + "".join(_row(i) for i in range(8, 30)), encoding="utf-8")
    crm.imports.run(crm.imports.inspect(small), ImportOptions())
    assert loads == []  # 22 rows into a table of 2 people: below BULK_MIN
    monkeypatch.setattr(contact_service, "BULK_MIN", 100)
    crm.imports.run(crm.imports.inspect(big_csv), ImportOptions())
    assert loads == [1]  # 2,600 rows into a table of ~20
    result = crm.imports.run(crm.imports.inspect(small), ImportOptions(on_duplicate="create"))
    assert loads == [1] and result.created == 22 - 6  # 2 empty rows, 2 total rows, 2 without a name


def test_companies_come_back_from_the_worker_as_they_are_worked_out_here(crm, tmp_path, monkeypatch):
    from crm_desktop.core.records import CompanyDraft

    crm.companies.create(CompanyDraft(name="ACME Inc."))
    lines = ["Company,Industry,Website,Phone,E-mail"]
    for i in range(1_300):
        lines.append(["\"Acme, Inc\",Tools,acme.example,,",
                      f"Firm {i % 400},Retail,,(212) 555-{i:04d},x{i}@firm.example",
                      ",,,,", f"腾讯{i % 50}有限公司,Internet,,138 1234 {i:04d},bad@"][i % 4])
    path = tmp_path / "companies.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    options = ImportOptions(on_duplicate=FILL)

    def outcomes():
        plan = crm.imports.inspect(path, entity="company")
        return [_fields(o) for chunk in crm.imports.outcomes(plan, options) for o in chunk]

    here = outcomes()
    monkeypatch.setattr(ImportService, "worker_min_rows", 0)
    monkeypatch.setattr(ImportService, "core_free", staticmethod(lambda: True))
    there = outcomes()
    assert there == here
    assert {o[2] for o in here} >= {"new", "update", "duplicate", "empty"}
    assert any(o[5] for o in here)  # problems (the bad e-mails) come back too
