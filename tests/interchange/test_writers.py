"""The .xlsx, .csv and .vcf writers: typed cells, layout, safety, read back by other programs' readers."""

from __future__ import annotations

import csv
import datetime as dt
import zipfile
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest

from crm_desktop.interchange import writers
from crm_desktop.interchange.export_vcard import VCard, VCardWriter, card_lines, fold
from crm_desktop.interchange.writers import ColumnSpec, CsvWriter, XlsxWriter

COLUMNS = [ColumnSpec("Name"), ColumnSpec("Phone", "phone"), ColumnSpec("Created", "datetime"),
           ColumnSpec("Birthday", "date"), ColumnSpec("Employees", "integer"), ColumnSpec("Amount", "money"),
           ColumnSpec("Score", "number")]
ROW = ("张伟 & <Co>", "+86 138 1234 5678", dt.datetime(2024, 5, 6, 7, 8, 9), dt.date(1990, 1, 2), 12,
       Decimal("1234.50"), 0.25)


def write_xlsx(path: Path, rows, columns=COLUMNS, name="People") -> Path:
    writer = XlsxWriter(path)
    writer.begin_sheet(name, columns)
    writer.write_rows(rows)
    writer.close()
    return path


def test_cells_are_typed(tmp_path: Path):
    ws = openpyxl.load_workbook(write_xlsx(tmp_path / "t.xlsx", [ROW])).active
    values = [c.value for c in ws[2]]
    assert values == ["张伟 & <Co>", "+86 138 1234 5678", dt.datetime(2024, 5, 6, 7, 8, 9),
                      dt.datetime(1990, 1, 2), 12, 1234.5, 0.25]
    _, phone, created, born, employees, amount, _ = ws[2]
    assert phone.data_type == "s" and phone.number_format == "@"  # text: no 1.39E+10 when edited
    assert created.is_date and born.is_date and born.number_format == "mm-dd-yy"  # built-in 14: regional
    assert employees.data_type == "n" and amount.number_format == "#,##0.00"


def test_phone_numbers_of_digits_stay_text(tmp_path: Path):
    ws = openpyxl.load_workbook(write_xlsx(tmp_path / "t.xlsx", [("a", "013912345678")])).active
    assert ws["B2"].value == "013912345678"


def test_header_is_bold_frozen_filtered_and_columns_sized(tmp_path: Path):
    rows = [("A fairly long name for a person", "+1 212 555 0100", None, None, None, None, None)] * 3
    ws = openpyxl.load_workbook(write_xlsx(tmp_path / "t.xlsx", rows)).active
    assert [c.value for c in ws[1]] == [c.header for c in COLUMNS]
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:G4"
    assert ws.column_dimensions["A"].width == pytest.approx(33)
    assert 8 <= ws.column_dimensions["G"].width <= 20


def test_wide_characters_count_double_for_widths():
    assert writers.display_width("张伟") == 4
    assert writers.display_width("ab") == 2


def test_sheet_name_is_localised_and_made_valid(tmp_path: Path):
    wb = openpyxl.load_workbook(write_xlsx(tmp_path / "t.xlsx", [ROW], name="联系人"))
    assert wb.sheetnames == ["联系人"]
    assert writers.sheet_title("a/b:c*d?[e]" + "x" * 40) == "a b c d  e " + "x" * 20
    assert writers.sheet_title("People", ["people"]) == "People (2)"


def test_the_filter_range_is_named_as_excel_expects(tmp_path: Path):
    with zipfile.ZipFile(write_xlsx(tmp_path / "t.xlsx", [ROW] * 2)) as z:
        root = ElementTree.fromstring(z.read("xl/workbook.xml"))
        for name in z.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                ElementTree.fromstring(z.read(name))  # every part is well-formed XML
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    defined = root.find("m:definedNames/m:definedName", ns)
    assert defined.get("name") == "_xlnm._FilterDatabase" and defined.text == "'People'!$A$1:$G$3"


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)",
                                  "\tx", "\rx"])
def test_formula_like_text_is_neutralised(tmp_path: Path, text: str):
    ws = openpyxl.load_workbook(write_xlsx(tmp_path / "t.xlsx", [(text,)], [ColumnSpec("Note")])).active
    assert ws["A2"].value == text.replace("\r", "\n") or ws["A2"].value == text
    assert ws["A2"].data_type == "s" and ws["A2"].quotePrefix
    assert writers.neutralise(text) == "'" + text
    assert writers.unneutralise(writers.neutralise(text)) == text


@pytest.mark.parametrize("text", ["+86 138 1234 5678", "-5", "+1 (212) 555-0100", "plain", "", "'quoted"])
def test_phone_numbers_and_plain_text_are_left_alone(text: str):
    assert writers.neutralise(text) == text
    assert writers.unneutralise(text) == text


def test_control_characters_and_long_text_fit_a_cell(tmp_path: Path):
    rows = [("a\x00b\x1fc", None), ("x" * 40_000, None), ("  spaced  ", None), ("line 1\nline 2", None)]
    ws = openpyxl.load_workbook(write_xlsx(tmp_path / "t.xlsx", rows, COLUMNS[:2])).active
    assert [ws.cell(r, 1).value for r in range(2, 6)] == [
        "abc", "x" * writers.MAX_CELL_TEXT, "  spaced  ", "line 1\nline 2"]


def test_values_that_do_not_fit_their_kind_are_kept_as_text(tmp_path: Path):
    columns = [ColumnSpec("n", "integer"), ColumnSpec("d", "date"), ColumnSpec("f", "number")]
    rows = [("n/a", "soon", float("nan")), (True, dt.date(1800, 1, 1), None)]
    ws = openpyxl.load_workbook(write_xlsx(tmp_path / "t.xlsx", rows, columns)).active
    assert [c.value for c in ws[2]] == ["n/a", "soon", "nan"]
    assert [c.value for c in ws[3]] == [True, "1800-01-01", None]


def test_several_sheets_and_an_empty_one(tmp_path: Path):
    path = tmp_path / "t.xlsx"
    writer = XlsxWriter(path)
    writer.begin_sheet("Companies", [ColumnSpec("Name")])
    writer.begin_sheet("People", [ColumnSpec("Name"), ColumnSpec("Email")])
    writer.write_rows([("Ann", "ann@example.com")])
    writer.close()
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Companies", "People"]
    assert [r for r in wb["Companies"].iter_rows(values_only=True)] == [("Name",)]
    assert [r for r in wb["People"].iter_rows(values_only=True)] == [
        ("Name", "Email"), ("Ann", "ann@example.com")]


def test_rows_beyond_the_sheet_limit_go_on_to_another_sheet(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(writers, "MAX_ROWS", 4)
    wb = openpyxl.load_workbook(write_xlsx(tmp_path / "t.xlsx", [(str(i),) for i in range(7)],
                                           [ColumnSpec("n")]))
    assert wb.sheetnames == ["People", "People (2)", "People (3)"]
    assert [[c for (c,) in ws.iter_rows(values_only=True)] for ws in wb] == [
        ["n", "0", "1", "2"], ["n", "3", "4", "5"], ["n", "6"]]


def test_rows_written_in_many_batches_keep_their_order(tmp_path: Path):
    path = tmp_path / "t.xlsx"
    writer = XlsxWriter(path)
    writer.begin_sheet("n", [ColumnSpec("n", "integer")])
    for start in range(0, 3000, 700):
        writer.write_rows((i,) for i in range(start, min(start + 700, 3000)))
    writer.close()
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        assert [v for (v,) in book.active.iter_rows(min_row=2, values_only=True)] == list(range(3000))
    finally:
        book.close()


def test_csv_is_utf8_with_bom_and_excel_line_ends(tmp_path: Path):
    path = tmp_path / "t.csv"
    writer = CsvWriter(path, COLUMNS)
    writer.write_rows([ROW, ("=1+2", "0123", None, None, None, None, None)])
    writer.close()
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfName,Phone,") and b"\r\n" in raw
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[1] == ["张伟 & <Co>", "+86 138 1234 5678", "2024-05-06 07:08:09", "1990-01-02", "12",
                       "1234.50", "0.25"]
    assert rows[2][:2] == ["'=1+2", "0123"]


def test_vcard_escapes_and_folds():
    card = VCard("Zhang Wei; Jr.", uid="u-1", given_name="Wei", family_name="Zhang",
                 organization="Acme, Inc.", emails=[("work", "w@example.com")], phones=[("mobile", "+1 212")],
                 note="line1\nline2 " + "长" * 40, categories=["vip", "a,b"], birthday=dt.date(1990, 1, 2))
    lines = card_lines(card)
    assert "FN:Zhang Wei\\; Jr." in lines and "ORG:Acme\\, Inc." in lines
    assert "EMAIL;TYPE=INTERNET;TYPE=WORK:w@example.com" in lines and "TEL;TYPE=CELL:+1 212" in lines
    assert "CATEGORIES:vip,a\\,b" in lines and "BDAY:1990-01-02" in lines
    four = card_lines(card, "4.0")
    assert "UID:urn:uuid:u-1" in four and "TEL;TYPE=cell:+1 212" in four and "BDAY:19900102" in four
    note = next(line for line in lines if line.startswith("NOTE:"))
    folded = fold(note).split("\r\n")
    assert all(len(p.encode()) <= 75 for p in folded) and len(folded) > 1
    assert folded[0] + "".join(p[1:] for p in folded[1:]) == note


def test_vcard_file_has_one_card_per_contact(tmp_path: Path):
    path = tmp_path / "t.vcf"
    writer = VCardWriter(path)
    writer.write_cards([VCard("A"), VCard("B")])
    writer.close()
    text = path.read_bytes().decode()
    assert text.count("BEGIN:VCARD\r\n") == 2 and text.endswith("END:VCARD\r\n")


def test_money_in_a_currency_format(tmp_path: Path):
    columns = [ColumnSpec("Deal"), ColumnSpec("Value", "money", number_format=writers.currency_format("EUR")),
               ColumnSpec("Yen", "money", number_format=writers.currency_format("jpy")),
               ColumnSpec("Francs", "money", number_format=writers.currency_format("CHF")),
               ColumnSpec("Again", "money", number_format=writers.currency_format("EUR")),
               ColumnSpec("Closes", "date", number_format="yyyy-mm-dd")]
    rows = [("Big one", Decimal("12500.50"), 1200, 99.5, -3, dt.date(2025, 1, 31))]
    ws = openpyxl.load_workbook(write_xlsx(tmp_path / "t.xlsx", rows, columns)).active
    value, yen, francs, again, closes = (ws.cell(2, c) for c in range(2, 7))
    assert value.value == 12500.5 and value.number_format == '"€"#,##0.00;-"€"#,##0.00'
    assert yen.number_format == '"¥"#,##0;-"¥"#,##0'
    assert francs.number_format == '#,##0.00 "CHF";-#,##0.00 "CHF"'
    assert again.number_format == value.number_format and again.value == -3
    assert closes.is_date and closes.number_format == "yyyy-mm-dd"


def test_a_sheet_without_columns_is_still_a_valid_workbook(tmp_path: Path):
    path = write_xlsx(tmp_path / "t.xlsx", [], [])
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert '<cols><col min="1" max="1"' in sheet and '<autoFilter ref="A1:A1"/>' in sheet
    assert openpyxl.load_workbook(path).sheetnames == ["People"]
