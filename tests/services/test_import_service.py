"""Imports through the service: duplicates, one transaction, cancel, undo, saved mappings, CLI."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from crm_desktop.app import main
from crm_desktop.core.records import Channel, ContactDraft
from crm_desktop.interchange.plan import FILL, OVERWRITE, ImportOptions
from crm_desktop.services.imports import ImportCancelled


def _csv(tmp_path, text: str, name: str = "people.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


PEOPLE = (
    "Name,E-mail,Mobile,Company,Job Title,Tags\n"
    "Ann Lee,ann@example.com,+1 415 555 0100,Acme Inc.,CEO,vip; west\n"
    'Bob Roe,bob@example.com,,"Acme, Inc",,\n'
    "张伟,zhang@example.cn,+86 139 1234 5678,腾讯,经理,重要\n"
)


def test_import_creates_people_companies_and_a_batch(crm, sql, tmp_path):
    plan = crm.imports.inspect(_csv(tmp_path, PEOPLE))
    result = crm.imports.run(plan, ImportOptions())
    assert result.created == 3
    assert sql("SELECT count(*) FROM company WHERE name IN ('Acme Inc.', '腾讯')")[0][0] == 2  # Acme once
    assert sql("SELECT family_name, given_name FROM contact WHERE email = 'zhang@example.cn'") == [
        ("张", "伟")
    ]
    batch = crm.imports.history()[0]
    assert (batch.file_name, batch.created, batch.rows_read) == ("people.csv", 3, 3)


def test_duplicates_by_email_phone_and_name_are_skipped_by_default(crm, tmp_path):
    crm.contacts.create(
        ContactDraft(given_name="Ann", family_name="Lee", emails=[Channel("ANN@example.com")])
    )
    crm.contacts.create(ContactDraft(given_name="Zed", phones=[Channel("+86 139 1234 5678")]))
    crm.contacts.create(ContactDraft(given_name="Robert", family_name="Roe", company_name="ACME Inc"))
    plan = crm.imports.inspect(_csv(tmp_path, PEOPLE))
    rows = crm.imports.preview(plan, ImportOptions())
    assert [(o.status, o.match_reason) for o in rows] == [
        ("duplicate", "email"),
        ("new", ""),
        ("duplicate", "phone"),
    ]
    result = crm.imports.run(plan, ImportOptions())
    assert (result.created, result.skipped) == (1, 2)


def test_rows_repeating_each_other_in_the_file_are_found(crm, tmp_path):
    text = "Name,E-mail\nAnn Lee,ann@example.com\nAnn L.,Ann@Example.com\n"
    result = crm.imports.run(crm.imports.inspect(_csv(tmp_path, text)), ImportOptions())
    assert (result.created, result.skipped, result.summary.duplicates) == (1, 1, 1)


def test_update_fills_empty_fields_and_undo_restores_them(crm, clock, sql, tmp_path):
    ann = crm.contacts.create(
        ContactDraft(
            given_name="Ann", family_name="Lee", title="Founder", emails=[Channel("ann@example.com")]
        )
    )
    clock.advance(dt.timedelta(minutes=1))
    plan = crm.imports.inspect(_csv(tmp_path, PEOPLE))
    result = crm.imports.run(plan, ImportOptions(on_duplicate=FILL))
    assert (result.created, result.updated) == (2, 1)
    after = crm.contacts.get(ann).data
    assert after.title == "Founder"  # not overwritten
    assert after.company_name == "Acme Inc." and after.phones[0].value == "+14155550100"
    clock.advance(dt.timedelta(minutes=1))
    undo = crm.imports.undo(result.batch_id)
    assert (undo.removed, undo.restored, undo.left) == (4, 1, [])  # 2 people, 2 companies
    restored = crm.contacts.get(ann).data
    assert (restored.title, restored.company_name, restored.phones) == ("Founder", "", [])
    assert sql("SELECT count(*) FROM contact") == [(1,)]
    assert sql("SELECT count(*) FROM company") == [(0,)]  # the companies it made went too
    assert crm.imports.history()[0].undone_at is not None


def test_overwrite_and_undo_leaves_records_edited_since(crm, clock, tmp_path):
    ann = crm.contacts.create(
        ContactDraft(
            given_name="Ann", family_name="Lee", title="Founder", emails=[Channel("ann@example.com")]
        )
    )
    clock.advance(dt.timedelta(minutes=1))
    result = crm.imports.run(
        crm.imports.inspect(_csv(tmp_path, PEOPLE)), ImportOptions(on_duplicate=OVERWRITE)
    )
    assert crm.contacts.get(ann).data.title == "CEO"
    clock.advance(dt.timedelta(minutes=1))
    edited = crm.contacts.get(ann).data
    edited.notes = "called today"
    crm.contacts.update(ann, edited)
    undo = crm.imports.undo(result.batch_id)
    assert undo.left == ["Ann Lee", "Acme Inc."]  # the company she works at stays too
    assert crm.contacts.get(ann).data.title == "CEO"


def test_cancel_leaves_the_database_as_it_was(crm, sql, tmp_path):
    lines = "".join(f"Person {i},p{i}@example.com\n" for i in range(3000))
    plan = crm.imports.inspect(_csv(tmp_path, "Name,E-mail\n" + lines))
    cancelled = threading.Event()
    seen = []

    def progress(done, total):
        seen.append(done)
        cancelled.set()

    with pytest.raises(ImportCancelled):
        crm.imports.run(plan, ImportOptions(), progress, cancelled)
    assert seen == [250]  # told every 250 rows, and it stops there
    assert sql("SELECT count(*) FROM contact") == [(0,)]
    assert sql("SELECT count(*) FROM import_batch") == [(0,)]


def test_problems_are_reported_per_cell_and_bad_values_dropped(crm, tmp_path):
    text = (
        "Name,E-mail,Phone,Birthday\nAnn,not-an-email,12,1990-13-45\n,,,\nBob,bob@example.com,,1990-04-22\n"
    )
    plan = crm.imports.inspect(_csv(tmp_path, text))
    rows = crm.imports.preview(plan, ImportOptions())
    assert [(p.column, p.code) for p in rows[0].problems] == [
        (3, "invalid_date"),
        (1, "invalid_email"),
        (2, "invalid_phone"),
    ]
    assert rows[0].draft.emails == [] and rows[0].status == "new"
    result = crm.imports.run(plan, ImportOptions(on_problem="skip"))
    assert (result.created, result.summary.rejected) == (1, 1)
    out = tmp_path / "rejected.xlsx"
    crm.imports.write_rejected(plan, result, out, lambda code: code, "Reason")
    from openpyxl import load_workbook

    sheet = load_workbook(out).active
    assert [c.value for c in sheet[2]] == ["Ann", "not-an-email", "12", "1990-13-45", "invalid_date"]


def test_ambiguous_dates_are_detected_per_column(crm, tmp_path):
    plan = crm.imports.inspect(_csv(tmp_path, "Name,Birthday\nAnn,03/04/1990\nBob,05/06/1991\n"))
    assert plan.undecided_dates == {1: ""}
    plan = crm.imports.inspect(_csv(tmp_path, "Name,Birthday\nAnn,03/04/1990\nBob,25/06/1991\n", "b.csv"))
    assert plan.undecided_dates == {} and plan.mapping.date_order == {1: "dmy"}


def test_saved_mapping_is_applied_to_files_with_the_same_headers(crm, tmp_path):
    plan = crm.imports.inspect(_csv(tmp_path, "Col A,Col B\nAnn,ann@example.com\n"))
    plan.mapping.targets = ["full_name", "new:Referral"]
    crm.imports.save_profile("Trade fair", plan)
    again = crm.imports.inspect(_csv(tmp_path, "Col A,Col B\nBob,x\n", "other.csv"))
    assert (again.profile, again.mapping.targets) == ("Trade fair", ["full_name", "new:Referral"])
    crm.imports.run(again, ImportOptions())
    assert [label for _id, label in crm.imports.custom_fields()] == ["Referral"]


def test_cli_import_dry_run_and_refusal(data_dir, tmp_path, capsys):
    path = _csv(tmp_path, PEOPLE)
    assert main(["import", str(path), "--data-dir", str(data_dir), "--dry-run"]) == 0
    assert "would add 3" in capsys.readouterr().out
    assert main(["import", str(path), "--data-dir", str(data_dir)]) == 0
    assert "Added: 3" in capsys.readouterr().out
    assert main(["import", str(path), "--data-dir", str(data_dir), "--on-duplicate", "update"]) == 0
    assert "Updated: 3" in capsys.readouterr().out
    (tmp_path / "empty.xlsx").write_bytes(b"")
    assert main(["import", str(tmp_path / "empty.xlsx"), "--data-dir", str(data_dir)]) == 2
    assert "empty" in capsys.readouterr().err


def test_companies_import_and_match_by_normalised_name(crm, sql, tmp_path):
    from crm_desktop.core.records import CompanyDraft

    crm.companies.create(CompanyDraft(name="ACME Inc."))
    text = ("Company,Industry,Website\n\"Acme, Inc\",Tools,acme.example\n"
            "腾讯,Internet,\n腾讯有限公司,Internet,\n")
    plan = crm.imports.inspect(_csv(tmp_path, text), entity="company")
    assert plan.mapping.targets == ["name", "industry", "website"]
    result = crm.imports.run(plan, ImportOptions(on_duplicate=FILL))
    assert (result.created, result.updated, result.skipped) == (1, 1, 1)
    expected = [("ACME Inc.", "Tools"), ("腾讯", "Internet")]
    assert sql("SELECT name, industry FROM company ORDER BY id") == expected
    crm.imports.undo(result.batch_id)
    assert sql("SELECT name, industry FROM company ORDER BY id") == [("ACME Inc.", "")]


def test_phones_stored_as_numbers_in_a_workbook_keep_every_digit(crm, sql, tmp_path):
    from openpyxl import Workbook

    crm.settings.default_region = "CN"
    wb = Workbook()
    wb.active.append(["姓名", "手机", "座机", "生日"])
    wb.active.append(["张伟", 13912345678, 1012345678, 33000])  # Beijing 010-12345678 lost its 0
    wb.active["D2"].number_format = "yyyy-mm-dd"
    path = tmp_path / "numbers.xlsx"
    wb.save(path)
    crm.imports.run(crm.imports.inspect(path), ImportOptions())
    phones = sql("SELECT value FROM contact_channel WHERE channel = 'phone' ORDER BY position")
    assert phones == [("+8613912345678",), ("+861012345678",)]
    assert sql("SELECT birthday FROM contact") == [("1990-05-07",)]  # serial 33000, a date cell


def test_a_total_row_under_the_table_is_left_out(crm, tmp_path):
    text = "姓名,金额\n张伟,100\n李娜,200\n合计,300\n"
    result = crm.imports.run(crm.imports.inspect(_csv(tmp_path, text)), ImportOptions())
    assert (result.created, result.summary.rows, result.summary.rejected) == (2, 2, 0)
