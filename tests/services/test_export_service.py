"""Exporting lists: the list's filter, sort, columns and selection; whole files or none; progress."""

from __future__ import annotations

import csv
import datetime as dt
import os
import threading
import time
from pathlib import Path

import openpyxl
import pytest
from service_helpers import person

from crm_desktop.core.query import ListQuery
from crm_desktop.core.records import CompanyDraft
from crm_desktop.interchange.export_values import local_time
from crm_desktop.services import Services
from crm_desktop.services.exports import ExportError, ExportRequest


@pytest.fixture
def people(crm: Services) -> dict[str, int]:
    ids = {}
    for given, family, city, tags, phone in (
        ("Ann", "Lee", "Boston", ["vip"], "+1 617 555 0101"),
        ("Bob", "Stone", "Austin", [], "+1 512 555 0102"),
        ("伟", "张", "上海", ["vip", "lead"], "+86 138 1234 5678"),
        ("Cara", "Diaz", "Austin", ["lead"], ""),
    ):
        ids[given] = crm.contacts.create(person(
            given, family, email=f"{given.lower()}@example.com" if given.isascii() else "",
            phone=phone, city=city, tags=tags, company_name="Acme" if given != "Bob" else "",
            birthday=dt.date(1990, 1, 2) if given == "Ann" else None, notes="=cmd|' /C calc'!A0"))
    return ids


def _sheet(path: Path):
    return openpyxl.load_workbook(path).active


def _rows(path: Path) -> list[tuple]:
    return list(_sheet(path).iter_rows(values_only=True))


def test_exports_the_visible_columns_in_the_lists_order(crm, people, tmp_path):
    path = tmp_path / "people.xlsx"
    request = ExportRequest("contact", ListQuery(sort="city", descending=True),
                            keys=("name", "city", "phone", "tags", "created"),
                            headers={"name": "姓名", "city": "城市"}, sheet_name="联系人")
    result = crm.exports.export(request, path)
    assert result.rows == 4 and not result.cancelled and result.path == path
    ws = _sheet(path)
    assert ws.title == "联系人"
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("姓名", "城市", "Phone", "Tags", "Created")
    # Descending by city, ties by id descending: the order ContactStore.page gives.
    assert [r[:2] for r in rows[1:]] == [("张伟", "上海"), ("Ann Lee", "Boston"), ("Cara Diaz", "Austin"),
                                         ("Bob Stone", "Austin")]
    assert rows[1][2] == "+8613812345678" and rows[1][3] == "lead, vip"
    assert rows[1][4] == local_time("2024-05-06 09:00:00")  # the clock's time, as this computer shows it


def test_the_lists_filter_and_the_selection_are_respected(crm, people, tmp_path):
    path = tmp_path / "people.csv"
    vip = next(t.id for t in crm.lookups.tags() if t.name == "vip")
    crm.exports.export(ExportRequest("contact", ListQuery(tag_id=vip), keys=("name",)), path)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        assert list(csv.reader(fh)) == [["Name"], ["Ann Lee"], ["张伟"]]
    chosen = (people["Cara"], people["Bob"])
    result = crm.exports.export(ExportRequest("contact", keys=("name",), ids=chosen), path)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        assert list(csv.reader(fh)) == [["Name"], ["Bob Stone"], ["Cara Diaz"]]  # still in the list's order
    assert result.rows == 2
    found = crm.exports.count(ExportRequest("contact", ListQuery(search="austin")))
    assert found == 2


def test_default_columns_typed_cells_and_neutralised_text(crm, people, tmp_path):
    path = tmp_path / "all.xlsx"
    crm.exports.export(ExportRequest("contact", keys=("name", "birthday", "notes")), path)
    ws = _sheet(path)
    assert ws["B2"].value == dt.datetime(1990, 1, 2) and ws["B2"].is_date
    assert ws["C2"].value == "=cmd|' /C calc'!A0" and ws["C2"].data_type == "s" and ws["C2"].quotePrefix
    crm.exports.export(ExportRequest("contact"), path)
    assert _rows(path)[0] == ("Name", "Company", "Title", "Email", "Phone", "Tags", "Owner", "City")


def test_companies_export_with_people_counts(crm, people, tmp_path):
    crm.companies.create(CompanyDraft(name="Zeta", employees=40, tags=["partner"]))
    path = tmp_path / "companies.xlsx"
    crm.exports.export(ExportRequest("company", keys=("name", "people", "employees", "tags")), path)
    assert _rows(path)[1:] == [("Acme", 3, None, None), ("Zeta", 0, 40, "partner")]


def test_vcards_of_the_selected_people(crm, people, tmp_path):
    path = tmp_path / "people.vcf"
    crm.exports.export(ExportRequest("contact", ids=(people["伟"], people["Ann"])), path, version="4.0")
    text = path.read_text(encoding="utf-8")
    assert text.count("BEGIN:VCARD") == 2 and "VERSION:4.0" in text
    assert "FN:张伟" in text and "N:张;伟;;;" in text and "TEL;TYPE=cell:+8613812345678" in text
    assert "BDAY:19900102" in text and "ORG:Acme" in text and "CATEGORIES:lead,vip" in text
    with pytest.raises(ExportError) as refused:
        crm.exports.export(ExportRequest("company"), tmp_path / "firms.vcf")
    assert refused.value.code == "not_for_entity"


def test_backup_workbook_has_a_sheet_per_kind_with_stable_ids(crm, people, tmp_path):
    path = tmp_path / "backup.xlsx"
    result = crm.exports.backup(path, {"contact": "联系人"})
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Companies", "联系人"] and result.rows == 5
    header, *rows = list(wb["联系人"].iter_rows(values_only=True))
    assert header[:4] == ("ID", "Given name", "Family name", "Name")
    uuids = {r[0] for r in crm.ctx.storage.database.db.execute_sql("SELECT uuid FROM contact")}
    assert {r[0] for r in rows} == uuids


def test_progress_is_reported_and_cancel_leaves_no_file(crm, people, tmp_path, monkeypatch):
    monkeypatch.setattr("crm_desktop.services.exports.BATCH", 1)
    seen = []
    path = tmp_path / "people.xlsx"
    result = crm.exports.export(ExportRequest("contact"), path,
                                lambda done, total: seen.append((done, total)))
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)] and result.rows == 4
    before = path.read_bytes()
    result = crm.exports.export(ExportRequest("contact"), path, lambda done, total: done < 2)
    assert result.cancelled and result.rows == 2
    assert path.read_bytes() == before  # the earlier file is untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "people.xlsx"]  # no temporary file


def test_a_failed_export_leaves_no_partial_file(crm, people, tmp_path, monkeypatch):
    def fail(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("crm_desktop.interchange.writers.XlsxWriter.write_rows", fail)
    with pytest.raises(ExportError) as failed:
        crm.exports.export(ExportRequest("contact"), tmp_path / "people.xlsx")
    assert failed.value.code == "cannot_write" and "No space" in failed.value.detail
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_unwritable_folder_and_unknown_format_are_refused(crm, people, tmp_path):
    with pytest.raises(ExportError) as refused:
        crm.exports.export(ExportRequest("contact"), tmp_path / "missing" / "people.xlsx")
    assert refused.value.code == "cannot_write"
    with pytest.raises(ExportError) as refused:
        crm.exports.export(ExportRequest("contact"), tmp_path / "people.pdf")
    assert refused.value.code == "unknown_format"


def test_the_file_gets_the_usual_permissions(crm, people, tmp_path):
    path = tmp_path / "people.csv"
    crm.exports.export(ExportRequest("contact"), path)
    mask = os.umask(0o022)
    os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~mask


def test_an_export_runs_on_a_worker_thread(crm, people, tmp_path):
    path = tmp_path / "people.xlsx"
    results = []
    worker = threading.Thread(
        target=lambda: results.append(crm.exports.export(ExportRequest("contact"), path)))
    worker.start()
    worker.join()
    assert results[0].rows == 4 and len(_rows(path)) == 5
    assert crm.contacts.count() == 4  # the main thread's connection is still open


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="needs time.tzset")
@pytest.mark.parametrize(("stored", "shown"), [
    ("2024-03-10 06:59:59.900000", dt.datetime(2024, 3, 10, 1, 59, 59)),  # EST, just before the change
    ("2024-03-10 07:00:00", dt.datetime(2024, 3, 10, 3, 0, 0)),  # EDT from 07:00 UTC on
    ("2024-11-03 05:59:59", dt.datetime(2024, 11, 3, 1, 59, 59)),  # EDT, the first 1:59
    ("2024-11-03 06:00:00", dt.datetime(2024, 11, 3, 1, 0, 0)),  # EST again: 1:00 a second time
])
def test_times_are_shown_in_local_time_across_daylight_saving(monkeypatch, stored, shown):
    from crm_desktop.interchange import export_values

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    monkeypatch.setattr(export_values, "_OFFSETS", {})
    try:
        assert local_time(stored) == shown
    finally:
        monkeypatch.undo()
        time.tzset()


def test_a_saved_segments_condition_is_respected(crm, people, tmp_path):
    path = tmp_path / "segment.csv"
    query = ListQuery(segment=("city = ?", ("Austin",)), sort="name", descending=True)
    crm.exports.export(ExportRequest("contact", query, keys=("name", "city")), path)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        assert list(csv.reader(fh))[1:] == [["Cara Diaz", "Austin"], ["Bob Stone", "Austin"]]


def test_a_large_selection_goes_by_row_positions(crm, people, tmp_path, monkeypatch):
    monkeypatch.setattr("crm_desktop.services.exports.BATCH", 1)
    path = tmp_path / "spans.csv"
    request = ExportRequest("contact", ListQuery(sort="name"), keys=("name",), spans=((3, 9), (0, 0), (2, 2)))
    assert crm.exports.count(request) == 3  # positions past the end count for nothing
    seen = []
    result = crm.exports.export(request, path, lambda done, total: seen.append((done, total)))
    with path.open(encoding="utf-8-sig", newline="") as fh:
        assert [r[0] for r in csv.reader(fh)] == ["Name", "Ann Lee", "Cara Diaz", "张伟"]
    assert result.rows == 3 and seen[-1] == (3, 3)


def test_deals_export_with_amounts_in_their_currency(crm, tmp_path):
    from crm_desktop.core.deals import DealDraft, DealFilter
    from crm_desktop.services.exports import DealQuery

    stages = [s.id for s in crm.pipelines.default().stages]
    acme = crm.companies.create(CompanyDraft(name="Acme"))
    crm.deals.create(DealDraft("Renewal", stage_id=stages[1], company_id=acme, value_minor=250050,
                               currency="EUR", expected_close=dt.date(2024, 6, 30), tags=["Q2"]))
    crm.deals.create(DealDraft("Pilot", stage_id=stages[0], value_minor=90000, currency="EUR",
                               probability=40))
    path = tmp_path / "deals.xlsx"
    request = ExportRequest("deal", DealQuery(DealFilter(status=""), "value", True),
                            keys=("title", "company", "stage", "value", "probability", "expected_close",
                                  "tags"))
    assert crm.exports.export(request, path).rows == 2
    ws = _sheet(path)
    assert [c.value for c in ws[1]] == ["Title", "Organisation", "Stage", "Value", "Probability (%)",
                                        "Expected close", "Tags"]
    assert [c.value for c in ws[2]] == ["Renewal", "Acme", "Qualified", 2500.5, 25, dt.datetime(2024, 6, 30),
                                        "Q2"]
    assert ws["D2"].number_format == '"€"#,##0.00;-"€"#,##0.00' and ws["C3"].value == "Lead"
    assert ws["E3"].value == 40
    crm.deals.create(DealDraft("Yen deal", stage_id=stages[0], value_minor=5000, currency="JPY"))
    by_title = DealQuery(sort="title", descending=False)
    crm.exports.export(ExportRequest("deal", by_title, keys=("title", "value", "currency")), path)
    rows = _rows(path)
    assert rows[1:] == [("Pilot", 900, "EUR"), ("Renewal", 2500.5, "EUR"), ("Yen deal", 5000, "JPY")]
    assert _sheet(path)["B2"].number_format == "#,##0.00"  # two currencies: the column says which


def test_custom_fields_can_be_exported_and_are_in_the_backup(crm, people, tmp_path):
    field_id = crm.lookups.create_custom_field("contact", "WeChat")
    record = crm.contacts.get(people["Ann"])
    record.data.custom = {field_id: "ann_lee_88"}
    crm.contacts.update(people["Ann"], record.data)
    assert crm.exports.fields("contact")[-1].header == "WeChat"
    path = tmp_path / "custom.csv"
    crm.exports.export(ExportRequest("contact", keys=("name", f"custom:{field_id}")), path)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        assert list(csv.reader(fh))[:2] == [["Name", "WeChat"], ["Ann Lee", "ann_lee_88"]]
    crm.exports.backup(tmp_path / "backup.xlsx")
    header, *rows = openpyxl.load_workbook(tmp_path / "backup.xlsx")["People"].iter_rows(values_only=True)
    assert header[-1] == "WeChat" and sorted(r[-1] or "" for r in rows) == ["", "", "", "ann_lee_88"]


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="needs time.tzset")
def test_workbook_times_are_local_times_worked_out_by_sqlite(crm, people, tmp_path, monkeypatch):
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        path = tmp_path / "times.xlsx"
        crm.exports.export(ExportRequest("contact", keys=("name", "created")), path)
        created = _sheet(path)["B2"]
        assert created.value == dt.datetime(2024, 5, 6, 5, 0) and created.is_date  # 09:00 UTC in May: EDT
    finally:
        monkeypatch.undo()
        time.tzset()
