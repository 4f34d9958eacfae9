"""Postal codes and phone numbers typed as numbers keep the zeros their number format shows, in
OpenDocument (.ods) and Excel 97-2003 (.xls) workbooks as in .xlsx: python-calamine gives the
bare number, the reader reads the formats of the file itself."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from crm_desktop.interchange import number_formats
from crm_desktop.interchange.plan import ImportOptions
from crm_desktop.interchange.readers import open_table

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PEOPLE = [("Ann Lee", 1234, 1012345678, 1234567), ("Bo Chen", 2138, 2112345678, 42),
          ("Cy Diaz", 90210, None, 7)]
SHOWN = [["Ann Lee", "01234", "010-12345678", 1234567], ["Bo Chen", "02138", "021-12345678", 42],
         ["Cy Diaz", "90210", None, 7]]


# -- an .ods written by hand -------------------------------------------------------------------------
_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
       'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
       'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
       'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
       'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" office:version="1.2"')


def _ods(path: Path, rows: list[tuple], *, first_column: int = 0) -> Path:
    """Postal codes in cells of style ce1 (a data style of styles.xml, "00000"), phones in a column
    whose default cell style is ce2 (a data style of content.xml, "000-00000000"), the last column
    with grouping ("#,##0": left as it is)."""
    styles = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {_NS}><office:styles>'
              '<number:number-style style:name="N5"><number:number number:decimal-places="0" '
              'number:min-integer-digits="5"/></number:number-style>'
              '<style:style style:name="Zip" style:family="table-cell" style:data-style-name="N5"/>'
              '</office:styles></office:document-styles>')
    auto = ('<office:automatic-styles>'
            '<number:number-style style:name="N6"><number:number number:decimal-places="0" '
            'number:min-integer-digits="11">'
            '<number:embedded-text number:position="8">-</number:embedded-text>'
            '</number:number></number:number-style>'
            '<number:number-style style:name="N7"><number:number number:decimal-places="0" '
            'number:min-integer-digits="1" number:grouping="true"/></number:number-style>'
            '<style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Zip"/>'
            '<style:style style:name="ce2" style:family="table-cell" style:data-style-name="N6"/>'
            '<style:style style:name="ce3" style:family="table-cell" style:data-style-name="N7"/>'
            '</office:automatic-styles>')

    def number(value, style: str = "") -> str:
        if value is None:
            return "<table:table-cell/>"
        attr = f' table:style-name="{style}"' if style else ""
        return (f'<table:table-cell{attr} office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>")

    def text(value: str) -> str:
        return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'

    pad = f'<table:table-cell table:number-columns-repeated="{first_column}"/>' if first_column else ""
    body = [f'<table:table-row>{pad}{text("Name")}{text("Postal code")}{text("Phone")}{text("Staff")}'
            "</table:table-row>"]
    for name, zip_code, phone, staff in rows:
        body.append(f"<table:table-row>{pad}{text(name)}{number(zip_code, 'ce1')}{number(phone)}"
                    f"{number(staff, 'ce3')}</table:table-row>")
    skipped = f'<table:table-column table:number-columns-repeated="{first_column}"/>' if first_column else ""
    columns = (skipped + '<table:table-column table:number-columns-repeated="2"/>'
               '<table:table-column table:default-cell-style-name="ce2"/><table:table-column/>')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_NS}>{auto}<office:body>'
               f'<office:spreadsheet><table:table table:name="People">{columns}{"".join(body)}</table:table>'
               "</office:spreadsheet></office:body></office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:'
                'tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:'
                'full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
                "</manifest:manifest>")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        z.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        z.writestr("styles.xml", styles, zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


# -- an .xls written by hand: BIFF8 records in an OLE2 compound file ---------------------------------------
def _record(kind: int, body: bytes) -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def _xls_string(text: str, length_bytes: int = 2) -> bytes:
    raw = text.encode("utf-16-le")
    return struct.pack("<H" if length_bytes == 2 else "<B", len(text)) + b"\x01" + raw


def _biff8(rows: list[tuple]) -> bytes:
    """A workbook stream: XF 16 shows "00000", XF 17 "000-00000000", XF 18 "#,##0" (built-in 3)."""
    def bof(kind: int) -> bytes:
        return _record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 0x06))

    def xf(fmt: int, style: bool) -> bytes:
        return _record(0x00E0, struct.pack("<HHH", 0, fmt, 0xFFF5 if style else 0x0001) + bytes(14))

    strings = ["Name", "Postal code", "Phone", "Staff"] + [r[0] for r in rows]
    sst = _record(0x00FC, struct.pack("<II", len(strings), len(strings))
                  + b"".join(_xls_string(s) for s in strings))
    font = _record(0x0031, struct.pack("<HHHHHBBBB", 200, 0, 0x7FFF, 400, 0, 0, 0, 0, 0)
                   + _xls_string("Arial", 1))
    globals_head = (bof(0x0005) + _record(0x0042, struct.pack("<H", 1200)) + font * 5
                    + _record(0x041E, struct.pack("<H", 164) + _xls_string("00000"))
                    + _record(0x041E, struct.pack("<H", 165) + _xls_string("000-00000000"))
                    + b"".join(xf(0, True) for _ in range(16))
                    + xf(164, False) + xf(165, False) + xf(3, False))
    sheet_record_size = 4 + 4 + 2 + len(_xls_string("People", 1))
    sheet_at = len(globals_head) + sheet_record_size + len(sst) + 4
    sheet_entry = _record(0x0085, struct.pack("<IBB", sheet_at, 0, 0) + _xls_string("People", 1))
    globals_part = globals_head + sheet_entry + sst + _record(0x000A, b"")
    assert len(globals_part) == sheet_at
    cells = [_record(0x00FD, struct.pack("<HHHI", 0, c, 15, c)) for c in range(4)]
    for r, (_name, zip_code, phone, staff) in enumerate(rows, 1):
        cells.append(_record(0x00FD, struct.pack("<HHHI", r, 0, 15, 3 + r)))
        cells.append(_record(0x0203, struct.pack("<HHHd", r, 1, 16, zip_code)))
        if phone is not None:
            cells.append(_record(0x0203, struct.pack("<HHHd", r, 2, 17, phone)))
        cells.append(_record(0x0203, struct.pack("<HHHd", r, 3, 18, staff)))
    sheet = (bof(0x0010) + _record(0x0200, struct.pack("<IIHHH", 0, len(rows) + 1, 0, 4, 0)) + b"".join(cells)
             + _record(0x000A, b""))
    return globals_part + sheet


def _compound_file(path: Path, stream: bytes) -> Path:
    """An OLE2 compound file (version 3, 512-byte sectors) holding one stream named Workbook, of
    4,096 bytes at least (so that it lives in normal sectors, not the mini stream)."""
    assert 4096 <= len(stream) <= 126 * 512
    end, free = 0xFFFFFFFE, 0xFFFFFFFF
    sectors = -(-len(stream) // 512)
    fat = [0xFFFFFFFD, end] + [3 + i if i < sectors - 1 else end for i in range(sectors)]
    fat += [free] * (128 - len(fat))
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + bytes(6) + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
              + struct.pack("<109I", 0, *([free] * 108)))

    def entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
        raw = (name + "\0").encode("utf-16-le") if name else b""
        return (raw.ljust(64, b"\0") + struct.pack("<HBB", len(raw), kind, 1)
                + struct.pack("<III", free, free, child) + bytes(16 + 4 + 16)
                + struct.pack("<IQ", start, size))

    directory = (entry("Root Entry", 5, 1, end, 0) + entry("Workbook", 2, free, 2, len(stream))
                 + entry("", 0, free, 0, 0) * 2)
    path.write_bytes(header + struct.pack("<128I", *fat) + directory + stream.ljust(sectors * 512, b"\0"))
    return path


# -- the tests ---------------------------------------------------------------------------------------------
def test_an_ods_keeps_the_zeros_its_data_styles_show(tmp_path):
    path = _ods(tmp_path / "people.ods", PEOPLE)
    assert list(open_table(path).rows())[1:] == SHOWN


def test_an_ods_whose_table_starts_further_right(tmp_path):
    path = _ods(tmp_path / "people.ods", PEOPLE, first_column=2)
    rows = [r for r in open_table(path).rows() if any(v is not None for v in r)]
    assert [r[-4:] for r in rows[1:]] == SHOWN


def test_an_xls_keeps_the_zeros_its_formats_show(tmp_path):
    many = PEOPLE * 70  # a stream of more than 4,096 bytes: in the file's normal sectors
    path = _compound_file(tmp_path / "people.xls", _biff8(many))
    rows = list(open_table(path).rows())
    assert rows[0] == ["Name", "Postal code", "Phone", "Staff"]
    assert rows[1:] == SHOWN * 70


def test_formats_that_show_no_zeros_or_mix_columns_are_left_alone(tmp_path):
    path = _ods(tmp_path / "people.ods", PEOPLE)
    assert sorted(number_formats.column_formats(path, "People")) == [1, 2]  # not the grouped staff count
    assert number_formats.column_formats(path, "Other sheet") == {}
    broken = tmp_path / "broken.xls"
    broken.write_bytes(_compound_file(tmp_path / "whole.xls", _biff8(PEOPLE * 70)).read_bytes()[:3000])
    assert number_formats.column_formats(broken, "People") == {}


@pytest.mark.parametrize("kind", ["ods", "xls"])
def test_the_import_stores_the_postal_codes_with_their_zeros(services, tmp_path, kind):
    crm = services
    crm.settings.default_region = "CN"
    path = (_ods(tmp_path / "people.ods", PEOPLE) if kind == "ods"
            else _compound_file(tmp_path / "people.xls", _biff8(PEOPLE * 70)))
    plan = crm.imports.inspect(path)
    assert plan.mapping.targets[1] == "postal_code"
    crm.imports.run(plan, ImportOptions())
    db = crm.ctx.storage.database.db
    assert [r[0] for r in db.execute_sql("SELECT postal_code FROM contact ORDER BY id")][:3] == [
        "01234", "02138", "90210"]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("kind", ["ods", "xls"])
def test_zeros_survive_a_workbook_saved_by_libreoffice_as(kind, tmp_path):
    """LibreOffice's own files (a small .xls keeps its workbook in the compound file's mini stream)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "People"
    ws.append(["Name", "Postal code", "Phone", "Staff"])
    for r, (name, zip_code, phone, staff) in enumerate(PEOPLE, 2):
        ws.append([name, zip_code, phone, staff])
        ws.cell(r, 2).number_format = "00000"
        ws.cell(r, 3).number_format = "000-00000000"
        ws.cell(r, 4).number_format = "#,##0"
    wb.save(tmp_path / "people.xlsx")
    out = tmp_path / "lo"
    env = {**os.environ, "HOME": str(tmp_path)}  # a profile of its own, not the user's
    done = subprocess.run([SOFFICE, "--headless", "--convert-to", kind, "--outdir", str(out),
                           str(tmp_path / "people.xlsx")], capture_output=True, text=True, timeout=180,
                          env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert list(open_table(out / f"people.{kind}").rows())[1:] == SHOWN


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not present")
def test_corpus_ods_and_xls_files_have_their_numbers_read_as_they_are():
    """No .ods or .xls of the corpus shows numbers through such a format."""
    for path in sorted([*CORPUS.glob("*/*.ods"), *CORPUS.glob("*/*.xls")]):
        try:
            source = open_table(path)
        except Exception:  # refused files (an Excel 95 code page, a broken producer) are tested elsewhere
            continue
        for info in source.sheets:
            assert number_formats.column_formats(path, info.name) == {}, path.name
