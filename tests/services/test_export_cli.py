"""``crm-desktop export FILE``: the same export from the command line, with clear refusals."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from crm_desktop.app import main


@pytest.fixture
def demo_dir(data_dir: Path) -> Path:
    assert main(["demo", "--data-dir", str(data_dir), "--people", "60", "--companies", "8"]) == 0
    return data_dir


def _csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def test_exports_contacts_with_filter_sort_and_columns(demo_dir, tmp_path, capsys):
    capsys.readouterr()
    target = tmp_path / "out.csv"
    assert main(["export", str(target), "--data-dir", str(demo_dir), "--sort", "city", "--descending",
                 "--columns", "name,city,phone"]) == 0
    assert capsys.readouterr().out.startswith("Exported 60 records to ")
    rows = _csv(target)
    assert rows[0] == ["Name", "City", "Phone"] and len(rows) == 61
    cities = [r[1].casefold() for r in rows[1:]]
    assert cities == sorted(cities, reverse=True)


def test_exports_companies_and_a_backup(demo_dir, tmp_path):
    firms = tmp_path / "firms.xlsx"
    assert main(["export", str(firms), "--what", "companies", "--data-dir", str(demo_dir)]) == 0
    assert openpyxl.load_workbook(firms).active.max_row == 9
    assert main(["export", str(tmp_path / "all.xlsx"), "--what", "backup", "--data-dir", str(demo_dir)]) == 0
    assert openpyxl.load_workbook(tmp_path / "all.xlsx").sheetnames == ["Companies", "People"]


def test_a_tag_filter_and_vcards(demo_dir, tmp_path, capsys):
    from crm_desktop.services import Services

    services = Services.open(demo_dir)
    try:
        tag = services.lookups.tags()[0]
        tagged = services.contacts.count(services.exports.request_for("contacts", tag=tag.name).query)
    finally:
        services.close()
    capsys.readouterr()
    assert main(["export", str(tmp_path / "t.vcf"), "--tag", tag.name.upper(), "--data-dir", str(demo_dir),
                 "--vcard-version", "4.0"]) == 0
    text = (tmp_path / "t.vcf").read_text(encoding="utf-8")
    assert text.count("BEGIN:VCARD") == tagged > 0 and "VERSION:4.0" in text


@pytest.mark.parametrize(("args", "message"), [
    (["--tag", "no such tag"], "there is no tag named 'no such tag'"),
    (["--owner", "nobody"], "there is no owner named 'nobody'"),
    (["--sort", "shoe size"], "cannot sort by 'shoe size'"),
    (["--columns", "name,salary"], "there is no column 'salary'"),
])
def test_bad_options_are_refused_in_one_line(demo_dir, tmp_path, capsys, args, message):
    assert main(["export", str(tmp_path / "x.csv"), "--data-dir", str(demo_dir), *args]) == 2
    err = capsys.readouterr().err
    assert err == f"crm-desktop: {message}\n"
    assert not (tmp_path / "x.csv").exists()


def test_unwritable_targets_and_formats_are_refused(demo_dir, tmp_path, capsys):
    assert main(["export", str(tmp_path / "x.pdf"), "--data-dir", str(demo_dir)]) == 2
    assert "must end in .xlsx, .csv or .vcf" in capsys.readouterr().err
    assert main(["export", str(tmp_path / "nope" / "x.csv"), "--data-dir", str(demo_dir)]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_exports_deals(demo_dir, tmp_path, capsys):
    capsys.readouterr()
    target = tmp_path / "deals.csv"
    assert main(["export", str(target), "--what", "deals", "--data-dir", str(demo_dir),
                 "--columns", "title,stage,value,currency"]) == 0
    rows = _csv(target)
    assert rows[0] == ["Title", "Stage", "Value", "Currency"] and len(rows) > 5  # demo data has deals
    titles = [r[0].casefold() for r in rows[1:]]
    assert titles == sorted(titles)  # --sort name means the deal's title
