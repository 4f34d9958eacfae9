"""Files that must be refused whole, with a reason, and tricky cells read right."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest

from crm_desktop.interchange.csv_sniff import detect_delimiter, detect_encoding
from crm_desktop.interchange.dates import DMY, MDY, column_order, from_serial, parse_date
from crm_desktop.interchange.headers import find_header_row
from crm_desktop.interchange.mapping import CONTACTS, auto_map, build_contact, cell_text, phone_text
from crm_desktop.interchange.plan import Mapping, build_plan
from crm_desktop.interchange.readers import ImportRefused, open_table
from crm_desktop.interchange.vcard import read_vcards


def _refused(path) -> str:
    with pytest.raises(ImportRefused) as info:
        build_plan(path)
    return info.value.code


def test_empty_file(tmp_path):
    (tmp_path / "a.xlsx").write_bytes(b"")
    assert _refused(tmp_path / "a.xlsx") == "empty"


def test_image_renamed_as_xlsx(tmp_path):
    (tmp_path / "photo.xlsx").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    assert _refused(tmp_path / "photo.xlsx") == "image"


def test_truncated_zip(tmp_path):
    good = tmp_path / "good.xlsx"
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["Name", "Email"])
    wb.save(good)
    data = good.read_bytes()
    (tmp_path / "cut.xlsx").write_bytes(data[: len(data) // 2])
    assert _refused(tmp_path / "cut.xlsx") == "corrupt"


def test_damaged_deflate_stream(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["Name", "Email"] * 50)
    wb.save(tmp_path / "good.xlsx")
    data = bytearray((tmp_path / "good.xlsx").read_bytes())
    with zipfile.ZipFile(tmp_path / "good.xlsx") as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start + 2: start + 12] = b"\xff" * 10  # inside the compressed bytes, same length
    (tmp_path / "bad.xlsx").write_bytes(bytes(data))
    assert _refused(tmp_path / "bad.xlsx") == "corrupt"


def test_zip_bomb_is_refused_before_unpacking(tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    block = b"\0" * (1 << 24)
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z, \
            z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
        for _ in range(10):  # 160 MiB of zeros in well under 1 MiB
            f.write(block)
    assert _refused(bomb) == "zip_bomb"


def test_password_protected_workbook(tmp_path):
    # An encrypted workbook is an OLE compound file holding an "EncryptedPackage" stream.
    body = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 504
        + "EncryptedPackage".encode("utf-16-le")
        + b"\0" * 600
    )
    (tmp_path / "secret.xlsx").write_bytes(body)
    assert _refused(tmp_path / "secret.xlsx") == "password"


def test_unsupported_and_binary_text(tmp_path):
    (tmp_path / "a.ldif").write_text("dn: cn=x\n")
    assert _refused(tmp_path / "a.ldif") == "unsupported"
    (tmp_path / "b.csv").write_bytes(b"\x00\x01\x02\x03\xff\xfe\x00\x00\x10" * 50)
    assert _refused(tmp_path / "b.csv") == "binary"


def test_16384_columns_keeps_the_used_ones(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Name", "E-mail"])
    ws.append(["Ann Lee", "ann@example.com"])
    ws.cell(row=3, column=16384, value=None)
    ws.cell(row=1, column=16384, value="")
    path = tmp_path / "wide.xlsx"
    wb.save(path)
    plan = build_plan(path)
    assert plan.mapping.targets == ["full_name", "email"]


def test_16384_columns_in_use_are_refused(tmp_path):
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append([f"c{i}" for i in range(16384)])
    ws.append([f"v{i}" for i in range(16384)])
    path = tmp_path / "wide.xlsx"
    wb.save(path)
    assert _refused(path) == "too_many_columns"


def test_16384_used_columns_are_refused(tmp_path):
    rows = ",".join(f"c{i}" for i in range(16384))
    (tmp_path / "wide.csv").write_text(rows + "\n" + rows + "\n")
    plan = build_plan(tmp_path / "wide.csv")  # text tables are read as they are
    assert len(plan.headers) == 16384
    assert not plan.identifies_records()


def test_csv_encodings_and_delimiters():
    assert detect_encoding("名前,メール\n山田,a@b.jp\n".encode("cp932"), True) == "cp932"
    assert detect_encoding("姓名,电话\n张伟,13912345678\n".encode("gb18030"), True) == "gb18030"
    assert detect_encoding("nom;prénom\nDupont;René\n".encode("cp1252"), True) == "cp1252"
    assert detect_encoding("a,b\n".encode("utf-16-le"), True).startswith("utf-16")
    assert detect_encoding(b"\xef\xbb\xbfa,b\n", True) == "utf-8-sig"
    assert detect_delimiter("a;b;c\n1;2;3\n") == ";"
    assert detect_delimiter("a\tb\tc\n1\t2\t3\n") == "\t"
    assert detect_delimiter("a|b|c\n1|2|3\n") == "|"
    assert detect_delimiter('a,b\n"x, y",2\n') == ","


def test_quoted_multiline_and_mixed_line_endings(tmp_path):
    (tmp_path / "m.csv").write_bytes(b'Name,Notes\r\n"Ann","line 1\nline 2"\rBob,x\n')
    rows = list(open_table(tmp_path / "m.csv").rows())
    assert rows == [["Name", "Notes"], ["Ann", "line 1\nline 2"], ["Bob", "x"]]


def test_phones_stored_as_numbers_keep_their_digits():
    assert phone_text(13912345678) == "13912345678"
    assert phone_text("1.3912345678E10") == "13912345678"
    assert phone_text("+86 139 1234 5678") == "+86 139 1234 5678"
    assert cell_text(12.5) == "12.5"


def test_dates_serials_and_orders():
    assert from_serial(45000) == dt.date(2023, 3, 15)
    assert from_serial(45000 - 1462, system_1904=True) == dt.date(2023, 3, 15)
    assert parse_date("03/04/2024", DMY) == dt.date(2024, 4, 3)
    assert parse_date("03/04/2024", MDY) == dt.date(2024, 3, 4)
    assert parse_date("2024年3月4日") == dt.date(2024, 3, 4)
    assert column_order(["03/04/2024", "25/12/2023"]) == DMY
    assert column_order(["03/04/2024", "12/25/2023"]) == MDY
    assert column_order(["03/04/2024"]) == ""


def test_header_row_below_a_merged_title_and_blank_lines():
    rows = [
        ["客户名单", "客户名单", "客户名单"],
        [None, None, None],
        ["姓名", "手机", "公司"],
        ["张伟", 13912345678, "腾讯"],
    ]
    assert find_header_row(rows, CONTACTS.known_headers()) == 2


def test_no_header_maps_by_content():
    rows = [
        ["Ann Lee", "ann@example.com", "+1 415 555 0100"],
        ["Bob Roe", "bob@example.com", "+1 415 555 0101"],
    ]
    assert find_header_row(rows, CONTACTS.known_headers()) is None
    assert auto_map(CONTACTS, ["", "", ""], rows)[1:] == ["email", "phone"]


def test_chinese_and_export_headers_map():
    headers = [
        "姓名",
        "手机",
        "邮箱",
        "公司",
        "职位",
        "微信",
        "QQ",
        "标签",
        "E-mail 2 Address",
        "Business Street",
    ]
    assert auto_map(CONTACTS, headers, []) == [
        "full_name",
        "mobile",
        "email",
        "company_name",
        "title",
        "wechat",
        "qq",
        "tags",
        "email",
        "street",
    ]


def test_split_names_and_tags():
    mapping = Mapping(["full_name", "tags"])
    built = build_contact(["张伟", "VIP、重要; 北京"], mapping)
    assert (built.draft.family_name, built.draft.given_name) == ("张", "伟")
    assert built.draft.tags == ["VIP", "重要", "北京"]


def test_vcard_quoted_printable_and_charsets():
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=SHIFT_JIS:" + "山田;太郎".encode("cp932") + b"\r\n"
        b"NOTE;ENCODING=QUOTED-PRINTABLE:line=0D=0A=\r\ntwo\r\nTEL;CELL:+81 90 1234 5678\r\nEND:VCARD\r\n"
        b"begin:vcard\nfn:Ann Lee\nemail:ann@example.com\nversion:3.0\nend:vcard\n"
    )
    headers, rows = read_vcards(data)
    first = dict(zip(headers, rows[0], strict=True))
    assert (first["Family Name"], first["Given Name"]) == ("山田", "太郎")
    assert first["Notes"] == "line\r\ntwo"
    assert first["Mobile Phone"] == "+81 90 1234 5678"
    assert dict(zip(headers, rows[1], strict=True))["E-mail 1"] == "ann@example.com"
