"""Exports of lists and segments leave out people marked "do not contact" unless asked to include
them, and say how many they left out; the backup workbook keeps everyone."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from service_helpers import person

from crm_desktop.app import main
from crm_desktop.core.query import ListQuery
from crm_desktop.core.segments import Condition, Group
from crm_desktop.services import Services
from crm_desktop.services.exports import ExportRequest

NAMES = ["Ann", "Bob", "Cid", "Dee", "Eve", "Fay"]
QUIET = {"Bob", "Eve"}


@pytest.fixture
def people(crm: Services) -> dict[str, int]:
    ids = crm.contacts.create_many([person(n, tags=["customer"] if n < "D" else [], do_not_contact=n in QUIET)
                                    for n in NAMES])
    return dict(zip(NAMES, ids, strict=True))


def _names(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [row[0] for row in list(csv.reader(fh))[1:]]


def test_a_list_export_leaves_them_out_and_says_how_many(crm: Services, people, tmp_path):
    request = ExportRequest("contact", ListQuery(sort="name"), keys=("name",))
    assert crm.exports.left_out(request) == 2
    result = crm.exports.export(request, tmp_path / "all.csv")
    assert (result.rows, result.left_out) == (4, 2)
    assert _names(tmp_path / "all.csv") == ["Ann", "Cid", "Dee", "Fay"]


def test_they_are_exported_when_asked_for(crm: Services, people, tmp_path):
    request = ExportRequest("contact", ListQuery(sort="name"), keys=("name", "do_not_contact"),
                            include_do_not_contact=True)
    assert crm.exports.left_out(request) == 0
    result = crm.exports.export(request, tmp_path / "all.csv")
    assert (result.rows, result.left_out) == (6, 0)
    with (tmp_path / "all.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["Name", "Do not contact"]
    assert {r[0] for r in rows[1:] if r[1] == "yes"} == QUIET


def test_a_filtered_list_and_a_segment_leave_them_out_too(crm: Services, people, tmp_path):
    tag_id = next(t.id for t in crm.lookups.tags() if t.name == "customer")
    tagged = ExportRequest("contact", ListQuery(tag_id=tag_id, sort="name"), keys=("name",))
    assert crm.exports.left_out(tagged) == 1
    assert crm.exports.export(tagged, tmp_path / "t.csv").left_out == 1
    assert _names(tmp_path / "t.csv") == ["Ann", "Cid"]
    segment = crm.segments.condition("contact", Group("all", (Condition("name", "contains", "e"),)))
    request = ExportRequest("contact", ListQuery(sort="name").with_(segment=segment), keys=("name",))
    result = crm.exports.export(request, tmp_path / "s.xlsx")
    assert (result.rows, result.left_out) == (1, 1)  # Dee; Eve left out
    rows = list(openpyxl.load_workbook(tmp_path / "s.xlsx").active.iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == ["Dee"]


def test_selections_leave_them_out(crm: Services, people, tmp_path):
    by_ids = ExportRequest("contact", ListQuery(sort="name"), keys=("name",),
                           ids=(people["Ann"], people["Bob"]))
    assert crm.exports.export(by_ids, tmp_path / "ids.csv").left_out == 1
    assert _names(tmp_path / "ids.csv") == ["Ann"]
    # Rows 1-4 of the list by name: Bob, Cid, Dee, Eve.
    by_rows = ExportRequest("contact", ListQuery(sort="name"), keys=("name",), spans=((1, 4),))
    assert crm.exports.left_out(by_rows) == 2
    assert crm.exports.export(by_rows, tmp_path / "rows.csv").left_out == 2
    assert _names(tmp_path / "rows.csv") == ["Cid", "Dee"]


def test_vcards_leave_them_out(crm: Services, people, tmp_path):
    request = ExportRequest("contact", ListQuery(sort="name"))
    result = crm.exports.export(request, tmp_path / "all.vcf")
    assert (result.rows, result.left_out) == (4, 2)
    text = (tmp_path / "all.vcf").read_text(encoding="utf-8")
    assert "FN:Ann" in text and "FN:Bob" not in text


def test_the_backup_workbook_keeps_everyone_with_their_consent(crm: Services, people, tmp_path):
    result = crm.exports.backup(tmp_path / "backup.xlsx")
    assert result.left_out == 0
    sheet = openpyxl.load_workbook(tmp_path / "backup.xlsx")["People"]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    names = [r[header.index("Name")] for r in rows[1:]]
    assert sorted(names) == NAMES
    flags = {r[header.index("Name")]: r[header.index("Do not contact")] for r in rows[1:]}
    assert {n for n, f in flags.items() if f == "yes"} == QUIET
    assert "Lawful basis" in header and "Consent given" in header


def test_the_command_line_says_how_many_it_left_out(data_dir, crm: Services, people, tmp_path, capsys):
    crm.close()
    capsys.readouterr()
    target = tmp_path / "out.csv"
    assert main(["export", str(target), "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert "Exported 4 records" in out and "Left out 2 people marked 'do not contact'" in out
    assert main(["export", str(target), "--data-dir", str(data_dir), "--include-do-not-contact"]) == 0
    out = capsys.readouterr().out
    assert "Exported 6 records" in out and "Left out" not in out
