"""Every file of the shared corpus imports the right records or is refused with a reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from crm_desktop.interchange.plan import ImportOptions
from crm_desktop.interchange.readers import ImportRefused
from crm_desktop.services import Services

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
FILES = sorted(p for p in CORPUS.glob("*/*") if p.suffix.lower() != ".md") if CORPUS.is_dir() else []

# Files refused as a whole, and why.
REFUSED = {
    "phpspreadsheet_maccentraleurope.biff5.xls": "excel95_codepage",
    "phpspreadsheet_issue.804.ods": "unreadable",
    "tbird_export.ldif": "unsupported",
    "sabrevobject_issue64.vcf": "no_cards",  # its only card is a photo
    "poi_57893-many-merges.xlsx": "no_data",
}
# (file, contacts created, a name that must be among them)
EXPECTED = [
    ("exceldatareader_MOCK_DATA.csv", 1000, "Bonnee Hucklesby"),
    ("libreoffice_exceldatareader_MOCK_DATA.xlsx", 1000, "Bonnee Hucklesby"),
    ("libreoffice_exceldatareader_MOCK_DATA.ods", 1000, "Bonnee Hucklesby"),
    ("easyexcel_office_bom.csv", 10, None),
    ("hutool_test_bean.csv", 3, "张三"),
    ("tbird_shiftjis_addressbook.csv", 1, None),
    ("tbird_utf16_addressbook.csv", 1, None),
    ("invoiceninja_clients.csv", 20, None),
    ("exceldatareader_Test_Issue_11570_FAT_2.xls", 492, None),
    ("calamine_biff5-rich-text-string.xls", 13, "Jacobus Petrus Nel"),  # header under a title
    ("gcsv_contacts.csv", 1, "二狗王"),
    ("roundcube_johndoe.vcf", 1, "John Doë"),  # Windows-1252 declared in the card
    ("roundcube_utf-16_sample.vcf", 1, "Ǽgean ĽdaMonté"),  # UTF-16 without a BOM
    ("poi_51519.xlsx", 17, None),
    ("hutool_alias.xlsx", 3, "张三"),
    ("phpspreadsheet_issue.3613.xlsx", 1, "AAA"),  # its 合计 (total) row is left out
    ("kcontacts_vcard10.vcf", 4, None),
    ("syncevolution_eds_contact.vcf", 17, None),
    ("khard_korean-c.vcf", 1, None),
    ("aospvcard_v21_japanese_1.vcf", 1, None),
]


@pytest.fixture
def crm(services: Services) -> Services:
    return services


@pytest.fixture
def sql(crm: Services):
    return lambda query, params=(): crm.ctx.storage.database.db.execute_sql(query, params).fetchall()


@pytest.mark.skipif(not FILES, reason="the shared corpus is not present")
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_each_file_imports_or_is_refused_whole(crm, sql, path):
    before = sql("SELECT count(*) FROM contact")[0][0]
    try:
        plan = crm.imports.inspect(path)
    except ImportRefused as exc:
        assert REFUSED.get(path.name) == exc.code, f"{path.name} refused: {exc.code} {exc.detail}"
        assert sql("SELECT count(*) FROM contact")[0][0] == before
        return
    assert path.name not in REFUSED
    result = crm.imports.run(plan, ImportOptions())
    s = result.summary
    assert s.rows == result.created + result.updated + result.skipped + s.rejected
    assert sql("SELECT count(*) FROM contact")[0][0] == before + result.created


def _names(sql) -> set[str]:
    return {r[0] for r in sql("SELECT full_name FROM contact")}


@pytest.mark.skipif(not FILES, reason="the shared corpus is not present")
@pytest.mark.parametrize(("name", "created", "someone"), EXPECTED, ids=[e[0] for e in EXPECTED])
def test_known_files_bring_in_the_right_people(crm, sql, name, created, someone):
    path = next(p for p in FILES if p.name == name)
    result = crm.imports.run(crm.imports.inspect(path), ImportOptions(on_duplicate="create"))
    assert result.created == created
    if someone:
        assert someone in _names(sql)


@pytest.mark.skipif(not FILES, reason="the shared corpus is not present")
def test_csv_encodings_are_read_right(crm, sql):
    for name, text in (
        ("tbird_shiftjis_addressbook.csv", "名無し"),
        ("phpspreadsheet_premiere.win1252.csv", "è"),
    ):
        path = next(p for p in FILES if p.name == name)
        rows = list(crm.imports.inspect(path).source.rows())
        assert any(text in str(c) for r in rows for c in r if c), name


@pytest.mark.skipif(not FILES, reason="the shared corpus is not present")
def test_header_below_titles_and_merged_cells_is_found(crm):
    plan = crm.imports.inspect(next(p for p in FILES if p.name == "invoiceninja_clients.csv"))
    assert plan.header_row == 3
    assert "email" in plan.mapping.targets
    merged = crm.imports.inspect(next(p for p in FILES if p.name == "exceldatareader_Test_MergedCell.xlsx"))
    rows = list(merged.source.rows())
    assert rows[2][0] == "Merge Cell 1"  # A2:B3 repeated over the merged range


@pytest.mark.skipif(not FILES, reason="the shared corpus is not present")
def test_1904_dates_are_read_as_dates(crm):
    import datetime as dt

    plan = crm.imports.inspect(next(p for p in FILES if p.name == "phpspreadsheet_1904_Calendar.xlsx"))
    assert next(iter(plan.source.rows()))[0] == dt.date(2022, 1, 1)
