"""What the importer makes of single cells: quotes our .csv export added, numbers shown through a
number format (no lost leading zero), counts of employees, custom fields by label, and the
day/month order of a date column read from the whole column."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from crm_desktop.interchange import number_formats
from crm_desktop.interchange.mapping import whole_number
from crm_desktop.interchange.plan import DATE_SCAN_ROWS, ImportOptions
from crm_desktop.interchange.readers import open_table

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _csv(tmp_path: Path, text: str, name: str = "people.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- the ' our .csv export puts before formula-like text ------------------------------------------
def test_the_quote_before_formula_like_text_comes_off_and_a_users_quote_stays(tmp_path):
    path = _csv(tmp_path, "Name,Notes\n"
                          "Ann,'=SUM(A1:A3)\n"
                          "Bob,'@home\n"
                          "Cy,'-not a number\n"
                          "Di,'s-Hertogenbosch\n"
                          "Ed,'+1 617 555 0100\n"
                          "Flo,'-\n"
                          "Gus,\"'\t tabbed\"\n")
    cells = [row[1] for row in open_table(path).rows()][1:]
    assert cells == ["=SUM(A1:A3)", "@home", "-not a number", "'s-Hertogenbosch", "'+1 617 555 0100", "'-",
                     "\t tabbed"]


# -- numbers shown through a number format --------------------------------------------------------
@pytest.mark.parametrize(("code", "number", "shown"), [
    ("00000", 1234, "01234"),
    ("00000", 90210, "90210"),
    ("0#########", 123456789, "0123456789"),
    ("0##########", 7911123456, "07911123456"),
    ("00000-0000", 12345678, "01234-5678"),
    ("000-0000", 5550100, "555-0100"),
    ("(###) ###-####", 4155550100, "(415) 555-0100"),
    ('"+86 "00000000000', 13912345678, "+86 13912345678"),
    ("\\0000000", 123456, "0123456"),
])
def test_placeholder_formats_show_numbers_as_excel_does(code, number, shown):
    assert number_formats.placeholder_formatter(code)(number) == shown


@pytest.mark.parametrize("code", ["General", "0", "#,##0", "0.00", "0%", "0.00E+00", "@", "yyyy-mm-dd",
                                  "[<=9999999]###-####;(###) ###-####", "#0"])
def test_other_formats_leave_numbers_alone(code):
    assert number_formats.placeholder_formatter(code) is None


def _zip_workbook(path: Path) -> Path:
    """Postal codes and phones typed as numbers, shown through formats; the table starts at C3."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Kunden"
    ws["A1"] = "Customers"
    for c, header in enumerate(["Name", "Zip", "Mobile", "Employees", "E-mail"], start=3):
        ws.cell(3, c, header)
    rows = [("Ann Lee", 1234, 7911123456, 40), ("Bob Roe", 2134, 7911123457, 7), ("Cy Doe", 90210, None, 12)]
    for r, (name, zip_code, mobile, staff) in enumerate(rows, start=4):
        ws.cell(r, 3, name)
        ws.cell(r, 4, zip_code).number_format = "00000"
        if mobile:
            ws.cell(r, 5, mobile).number_format = "0##########"
        ws.cell(r, 6, staff).number_format = "0"
        ws.cell(r, 7, f"{name.split()[0].lower()}@example.com")
    wb.save(path)
    return path


def test_leading_zeros_shown_by_a_number_format_are_kept(crm, sql, tmp_path):
    crm.settings.default_region = "GB"
    path = _zip_workbook(tmp_path / "zips.xlsx")
    assert [r[3:5] for r in open_table(path).rows()][3:] == [
        ["01234", "07911123456"], ["02134", "07911123457"], ["90210", None]]
    plan = crm.imports.inspect(path)
    assert plan.mapping.targets[2:5] == ["full_name", "postal_code", "mobile"]
    crm.imports.run(plan, ImportOptions())
    assert sql("SELECT postal_code FROM contact ORDER BY id") == [("01234",), ("02134",), ("90210",)]
    assert sql("SELECT value FROM contact_channel WHERE channel = 'phone' ORDER BY contact_id") == [
        ("+447911123456",), ("+447911123457",)]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_leading_zeros_survive_a_workbook_saved_again_by_libreoffice(tmp_path):
    source = _zip_workbook(tmp_path / "zips.xlsx")
    out = tmp_path / "lo"
    env = {**os.environ, "HOME": str(tmp_path)}  # a profile of its own, not the user's
    done = subprocess.run([SOFFICE, "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir",
                           str(out), str(source)], capture_output=True, text=True, timeout=180, env=env,
                          check=False)
    assert done.returncode == 0, done.stderr
    rows = [r for r in open_table(out / "zips.xlsx").rows() if any(v is not None for v in r)]
    assert [r[-4:-2] for r in rows[2:]] == [
        ["01234", "07911123456"], ["02134", "07911123457"], ["90210", None]]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not present")
def test_corpus_workbooks_have_their_numbers_read_as_they_are(tmp_path):
    """No workbook of the corpus shows numbers through such a format: reading them changes nothing."""
    for path in sorted(CORPUS.glob("*/*.xls[xm]")):
        source = open_table(path)
        for info in source.sheets:
            name = info.name
            assert number_formats.column_formats(path, name) == {}, path.name
    assert number_formats.column_formats(CORPUS / "csv" / "gcsv_contacts.csv", "x") == {}


# -- a company's number of employees --------------------------------------------------------------
@pytest.mark.parametrize(("value", "number"), [(40, 40), (40.0, 40), ("1,200", 1200), ("1 200", 1200),
                                               (" 7 ", 7), ("12.5", None), ("many", None), (True, None)])
def test_whole_numbers(value, number):
    assert whole_number(value) == number


def test_employees_import_as_a_number_and_a_wrong_one_is_a_problem(crm, sql, tmp_path):
    path = _csv(tmp_path, "Company,Employees\nAcme,\"1,200\"\nZeta,lots\n")
    plan = crm.imports.inspect(path, entity="company")
    assert plan.mapping.targets == ["name", "employees"]
    rows = crm.imports.preview(plan, ImportOptions())
    assert [[p.code for p in o.problems] for o in rows] == [[], ["invalid_number"]]
    crm.imports.run(plan, ImportOptions())
    assert sql("SELECT name, employees FROM company ORDER BY id") == [("Acme", 1200), ("Zeta", None)]


# -- custom fields by their label ------------------------------------------------------------------
def test_a_column_named_like_a_custom_field_fills_it_before_any_synonym(crm, tmp_path):
    wechat = crm.lookups.create_custom_field("contact", "WeChat")
    member = crm.lookups.create_custom_field("contact", "Member no.")
    plan = crm.imports.inspect(_csv(tmp_path, "Name,wechat,MEMBER NO,QQ\nAnn,ann88,77,123\n"))
    assert plan.mapping.targets == ["full_name", f"custom:{wechat}", f"custom:{member}", "qq"]
    crm.imports.run(plan, ImportOptions())
    (contact_id,) = crm.ctx.storage.database.db.execute_sql("SELECT id FROM contact").fetchone()
    assert crm.contacts.get(contact_id).data.custom == {wechat: "ann88", member: "77"}


# -- the day/month order of a date column, from the whole column ----------------------------------
def _dates(tmp_path: Path, late: str, name: str = "dates.csv") -> Path:
    """DATE_SCAN_ROWS + 50 rows whose dates read both ways, then one that may settle the order."""
    lines = ["Name,Birthday"] + [f"P{i},03/04/19{50 + i % 40}" for i in range(DATE_SCAN_ROWS + 50)]
    lines.append(f"Late,{late}")
    return _csv(tmp_path, "\n".join(lines) + "\n", name)


def test_a_row_after_the_first_ten_thousand_decides_the_date_order(crm, tmp_path):
    plan = crm.imports.inspect(_dates(tmp_path, "25/12/1970"))
    assert (plan.undecided_dates, plan.mapping.date_order) == ({}, {1: "dmy"})
    plan = crm.imports.inspect(_dates(tmp_path, "12/25/1970", "mdy.csv"))
    assert (plan.undecided_dates, plan.mapping.date_order) == ({}, {1: "mdy"})


def test_a_column_that_reads_both_ways_to_its_end_is_asked_once(crm, tmp_path):
    plan = crm.imports.inspect(_dates(tmp_path, "05/06/1971"))
    assert plan.undecided_dates == {1: ""} and 1 not in plan.mapping.date_order
    plan = crm.imports.inspect(_csv(tmp_path, "Name,Birthday\nAnn,25/12/1970\nBob,12/25/1970\n", "m.csv"))
    assert plan.undecided_dates == {1: "mixed"}


def test_a_late_row_contradicting_the_order_is_a_row_problem(crm, tmp_path):
    lines = ["Name,Birthday", "First,25/12/1970"] + [f"P{i},03/04/1980" for i in range(DATE_SCAN_ROWS + 5)]
    lines.append("Late,12/25/1970")
    plan = crm.imports.inspect(_csv(tmp_path, "\n".join(lines) + "\n"))
    assert plan.mapping.date_order == {1: "dmy"}
    summary = crm.imports.summarize(plan, ImportOptions())
    assert summary.problems == 1
    last = [o for chunk in crm.imports.outcomes(plan, ImportOptions()) for o in chunk][-1]
    assert [(p.code, p.value) for p in last.problems] == [("invalid_date", "12/25/1970")]


def test_a_saved_mapping_does_not_override_what_the_file_says(crm, tmp_path):
    plan = crm.imports.inspect(_csv(tmp_path, "Name,Born\nAnn,03/04/1990\n"))
    plan.mapping.targets = ["full_name", "birthday"]
    plan.mapping.date_order[1] = "mdy"
    crm.imports.save_profile("Fair", plan)
    again = crm.imports.inspect(_csv(tmp_path, "Name,Born\nBob,25/04/1990\n", "b.csv"))
    assert (again.profile, again.mapping.date_order, again.undecided_dates) == ("Fair", {1: "dmy"}, {})
    other = crm.imports.inspect(_csv(tmp_path, "Name,Born\nCy,05/06/1990\n", "c.csv"))
    assert (other.mapping.date_order, other.undecided_dates) == ({1: "mdy"}, {})


# -- the backup workbook, edited in Excel, comes back as updates matched by ID -------------------
def test_an_edited_backup_workbook_updates_the_records_it_names_by_id(crm, sql, tmp_path):
    from openpyxl import load_workbook
    from service_helpers import person

    from crm_desktop.core.records import CompanyDraft
    from crm_desktop.interchange.plan import OVERWRITE

    ann = crm.contacts.create(person("Ann", "Lee", email="ann@example.com", city="Boston"))
    crm.contacts.create(person("Bob", "Roe", email="bob@example.com", city="Austin"))
    crm.companies.create(CompanyDraft(name="Zeta", city="Oslo"))
    path = tmp_path / "backup.xlsx"
    crm.exports.backup(path)
    wb = load_workbook(path)
    people = wb["People"]
    header = [c.value for c in people[1]]
    ann_row = next(r for r in people.iter_rows(min_row=2) if r[header.index("Given name")].value == "Ann")
    ann_row[header.index("City")].value = "Chicago"
    ann_row[header.index("All emails")].value = "ann.lee@example.org"  # a new address: the ID still finds her
    companies = wb["Companies"]
    companies.cell(2, [c.value for c in companies[1]].index("City") + 1, "Bergen")
    wb.save(path)

    plan = crm.imports.inspect(path, "contact", sheet=1)
    assert plan.mapping.targets[0] == "uuid"
    options = ImportOptions(on_duplicate=OVERWRITE)
    rows = crm.imports.preview(plan, options)
    assert [(o.match_reason, o.match_id) for o in rows if o.draft.given_name == "Ann"] == [("id", ann)]
    changed = {o.draft.given_name: dict((k, (a, b)) for k, a, b in o.changes) for o in rows}
    assert changed["Ann"]["city"] == ("Boston", "Chicago")
    assert changed["Ann"]["emails"] == ("ann@example.com", "ann@example.com; ann.lee@example.org")
    assert changed["Bob"] == {}
    result = crm.imports.run(plan, options)
    assert (result.created, result.updated) == (0, 2)
    assert sql("SELECT given_name, city FROM contact ORDER BY id") == [("Ann", "Chicago"), ("Bob", "Austin")]
    company_plan = crm.imports.inspect(path, "company", sheet=0)
    assert crm.imports.run(company_plan, options).updated == 1
    assert sql("SELECT name, city FROM company") == [("Zeta", "Bergen")]
    crm.imports.undo(result.batch_id)
    assert sql("SELECT given_name, city FROM contact ORDER BY id") == [("Ann", "Boston"), ("Bob", "Austin")]


def test_an_id_column_of_another_program_matches_nothing(crm, tmp_path):
    plan = crm.imports.inspect(_csv(tmp_path, "id,first_name,email\n1,Ann,ann@example.com\n"))
    assert plan.mapping.targets == ["uuid", "given_name", "email"]
    result = crm.imports.run(plan, ImportOptions())
    assert (result.created, result.updated) == (1, 0)


def test_merged_cells_of_a_table_that_does_not_start_in_column_a_fill_their_own_column(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws["B1"] = "Customers"
    ws.merge_cells("B1:D1")
    for col, header in zip("BCD", ("Name", "Company", "City"), strict=True):
        ws[f"{col}2"] = header
    ws["B3"], ws["C3"], ws["D3"], ws["B4"], ws["D4"] = "Ann", "Acme", "Boston", "Bob", "Austin"
    ws.merge_cells("C3:C4")  # both work at Acme
    wb.save(tmp_path / "merged.xlsx")
    assert list(open_table(tmp_path / "merged.xlsx").rows()) == [
        ["Customers"] * 3, ["Name", "Company", "City"], ["Ann", "Acme", "Boston"], ["Bob", "Acme", "Austin"]]
