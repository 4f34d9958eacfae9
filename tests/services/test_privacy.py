"""Data-protection tools: everything about one person as a zip, and erasing a person for good."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from service_helpers import found, person

from crm_desktop.core.activities import ActivityDraft
from crm_desktop.core.errors import NotFoundError
from crm_desktop.services import Services
from crm_desktop.services.privacy import safe_member_name

NAME = "Philippa"
EMAIL = "philippa.vandersloot@example.net"
NOTE = "prefers calls after lunch"


def _person_with_a_past(crm: Services, tmp_path: Path) -> int:
    contact_id = crm.contacts.create(person(NAME, "Vandersloot", email=EMAIL, phone="+1 415 555 0100"))
    other = crm.contacts.create(person("Other", "Customer"))
    crm.contacts.add_tag([contact_id], "VIP")
    crm.activities.log(ActivityDraft("call", subject="Intro call", body=NOTE, contact_id=contact_id))
    crm.activities.log(ActivityDraft("note", subject="=HYPERLINK(\"http://x\")", contact_id=contact_id))
    crm.relationships.add(contact_id, other, "reports_to")
    draft = crm.contacts.get(contact_id).data
    draft.title = "Head of Purchasing"
    crm.contacts.update(contact_id, draft)  # a field change in the history
    for name, data in (("contract.pdf", b"%PDF-1.4 contract"), ("../../escape.txt", b"sneaky")):
        source = tmp_path / Path(name).name
        source.write_bytes(data)
        crm.attachments.attach(source, contact_id=contact_id)
    return contact_id


def _workbook(archive: zipfile.ZipFile):
    return openpyxl.load_workbook(io.BytesIO(archive.read("person.xlsx")), read_only=True)


def test_export_holds_every_field_the_timeline_history_and_files(crm: Services, tmp_path: Path):
    contact_id = _person_with_a_past(crm, tmp_path)
    target = crm.privacy.export_person(contact_id, tmp_path / "philippa.zip")
    assert target.stat().st_mode & 0o777 == 0o600
    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
        assert {"person.xlsx", "files.tsv", "files/contract.pdf", "files/escape.txt"} <= names
        assert all(not n.startswith(("/", "..")) and ".." not in n for n in names)
        assert archive.read("files/contract.pdf") == b"%PDF-1.4 contract"
        book = _workbook(archive)
        try:
            text = {str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row}
            sheets = set(book.sheetnames)
        finally:
            book.close()
    assert {"contact", "contact_channel", "tags", "field_change", "activity", "attachment",
            "relationship"} <= sheets
    assert {EMAIL, NOTE, "VIP", "Head of Purchasing", "Intro call"} <= text
    assert '=HYPERLINK("http://x")' in text  # kept as text, not a formula


def test_export_of_a_missing_person_writes_nothing(crm: Services, tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(NotFoundError):
        crm.privacy.export_person(999, out / "nobody.zip")
    assert list(out.iterdir()) == []


def test_erase_removes_the_person_everywhere_and_says_backups_keep_a_copy(crm: Services, tmp_path: Path):
    contact_id = _person_with_a_past(crm, tmp_path)
    crm.backups.create("manual")
    erased = crm.privacy.erase_person(contact_id)
    assert erased.removed["contact"] == 1 and erased.removed["activity"] == 2
    assert erased.files_removed == 2
    assert erased.backups_holding_copy == 2  # the manual one and the one made before erasing
    assert erased.kept_until is not None
    assert not found(crm, "philippa") and not found(crm, "vandersloot")
    db = crm.ctx.storage.database
    tables = [r[0] for r in db.db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table'")]
    leftovers = []
    for table in tables:
        for row in db.db.execute_sql(f'SELECT * FROM "{table}"').fetchall():
            if any(isinstance(v, str) and (EMAIL in v or NAME in v or NOTE in v) for v in row):
                leftovers.append((table, row))
    assert leftovers == []
    assert not any(p.is_file() and p.parent.name != "open" for p in crm.paths.attachments.rglob("*")
                   if not p.name.startswith("."))
    wal = Path(f"{db.path}-wal")
    raw = db.path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    assert EMAIL.encode() not in raw and NOTE.encode() not in raw  # not even in free pages
    assert crm.contacts.count() == 1  # the other customer stays


def test_erasing_twice_or_a_missing_person_is_refused(crm: Services):
    contact_id = crm.contacts.create(person("Once"))
    crm.privacy.erase_person(contact_id)
    with pytest.raises(NotFoundError):
        crm.privacy.erase_person(contact_id)


def test_file_names_cannot_leave_the_files_folder():
    taken: set[str] = set()
    assert safe_member_name("../../etc/passwd", taken) == "passwd"
    assert safe_member_name("..\\..\\Windows\\win.ini", taken) == "win.ini"
    assert safe_member_name("/abs/path/report.pdf", taken) == "report.pdf"
    assert safe_member_name("report.pdf", taken) == "report (2).pdf"
    assert safe_member_name("..", taken) == "file"
    assert safe_member_name("C:evil.txt", taken) == "C_evil.txt"


def test_the_database_backups_and_attachments_are_private_to_the_user(crm: Services, tmp_path: Path):
    source = tmp_path / "passport.pdf"
    source.write_bytes(b"%PDF private")
    person_id = crm.contacts.create(person("Private"))
    crm.attachments.attach(source, contact_id=person_id)
    backup = Path(crm.backups.create("manual").path)
    assert crm.database_path.stat().st_mode & 0o777 == 0o600
    assert backup.stat().st_mode & 0o777 == 0o600 and backup.parent.stat().st_mode & 0o777 == 0o700
    folders = [crm.paths.attachments, *(p for p in crm.paths.attachments.rglob("*") if p.is_dir())]
    files = [p for p in crm.paths.attachments.rglob("*") if p.is_file()]
    assert files and all(p.stat().st_mode & 0o777 == 0o600 for p in files)
    assert all(p.stat().st_mode & 0o777 == 0o700 for p in folders)


def test_an_attachment_name_cannot_escape_the_attachments_folder(crm: Services, tmp_path: Path):
    source = tmp_path / "note.txt"
    source.write_bytes(b"hello")
    person_id = crm.contacts.create(person("Traversal"))
    attachment_id = crm.attachments.attach(source, contact_id=person_id)
    root = crm.paths.attachments.resolve()
    for evil in ("../../escaped.txt", "/etc/passwd", "..", "sub/../../x.txt"):
        crm.ctx.storage.database.db.execute_sql("UPDATE attachment SET filename = ? WHERE id = ?",
                                                (evil, attachment_id))
        opened = crm.attachments.open_path(attachment_id).resolve()
        assert opened.is_relative_to(root), (evil, opened)
    assert not (tmp_path / "escaped.txt").exists()
