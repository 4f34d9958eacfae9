"""Consent columns in files: read under English and Chinese headers, written by the backup workbook
and read back from it, and a "do not contact" request never dropped by an import."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from service_helpers import person

from crm_desktop.core.paths import DATABASE_NAME
from crm_desktop.interchange.plan import OVERWRITE, ImportOptions
from crm_desktop.services import Services


def _csv(tmp_path: Path, text: str, name: str = "people.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _by_name(crm: Services) -> dict[str, object]:
    rows = crm.contacts.page(crm.exports.request_for("contacts").query, 0, 1000)
    return {crm.contacts.get(r[0]).full_name: crm.contacts.get(r[0]).data for r in rows}


def test_english_headers_are_mapped_and_read(crm: Services, tmp_path):
    text = ("Name,Email,Lawful basis,Consent given,Consent withdrawn,Consent note,Do not contact\n"
            "Ann Lee,ann@example.com,Consent,2024-01-15,,web form,no\n"
            "Bob Roe,bob@example.com,legitimate interest,,,,yes\n"
            "Cy Poe,cy@example.com,,,,,\n")
    plan = crm.imports.inspect(_csv(tmp_path, text))
    assert plan.mapping.targets == ["full_name", "email", "lawful_basis", "consent_given_on",
                                    "consent_withdrawn_on", "consent_note", "do_not_contact"]
    assert crm.imports.run(plan, ImportOptions()).created == 3
    people = _by_name(crm)
    ann, bob, cy = people["Ann Lee"], people["Bob Roe"], people["Cy Poe"]
    assert (ann.lawful_basis, ann.consent_given_on, ann.consent_note, ann.do_not_contact) == (
        "consent", dt.date(2024, 1, 15), "web form", False)
    assert (bob.lawful_basis, bob.do_not_contact) == ("legitimate_interest", True)
    assert (cy.lawful_basis, cy.do_not_contact) == ("", False)


def test_chinese_headers_are_mapped_and_read(crm: Services, tmp_path):
    text = "姓名,邮箱,法律依据,同意日期,同意来源,请勿联系\n张伟,zhang@example.cn,同意,2024-02-01,展会,是\n"
    plan = crm.imports.inspect(_csv(tmp_path, text))
    assert plan.mapping.targets == ["full_name", "email", "lawful_basis", "consent_given_on", "consent_note",
                                    "do_not_contact"]
    crm.imports.run(plan, ImportOptions())
    d = _by_name(crm)["张伟"]
    assert (d.lawful_basis, d.consent_given_on, d.consent_note, d.do_not_contact) == (
        "consent", dt.date(2024, 2, 1), "展会", True)


def test_unreadable_consent_cells_are_problems_and_the_row_still_comes_in(crm: Services, tmp_path):
    text = "Name,Lawful basis,Do not contact,Consent given\nAnn Lee,because,maybe,2999-01-01\n"
    plan = crm.imports.inspect(_csv(tmp_path, text))
    (row,) = crm.imports.preview(plan, ImportOptions())
    assert {p.code for p in row.problems} >= {"invalid_basis", "invalid_flag"}
    assert crm.imports.run(plan, ImportOptions()).created == 1
    d = _by_name(crm)["Ann Lee"]
    assert (d.lawful_basis, d.do_not_contact, d.consent_given_on) == ("", False, None)


def test_an_import_never_takes_back_a_do_not_contact_request(crm: Services, tmp_path):
    ann = crm.contacts.create(person("Ann", "Lee", email="ann@example.com", do_not_contact=True))
    text = "Name,Email,Job title\nAnn Lee,ann@example.com,Buyer\n"
    plan = crm.imports.inspect(_csv(tmp_path, text))
    assert crm.imports.run(plan, ImportOptions(on_duplicate=OVERWRITE)).updated == 1
    d = crm.contacts.get(ann).data
    assert (d.title, d.do_not_contact) == ("Buyer", True)
    crm.imports.undo(crm.imports.history()[0].id)  # the undo restores the record as it was
    assert crm.contacts.get(ann).data.do_not_contact is True


def test_the_backup_workbook_brings_consent_back(crm: Services, template_db: Path, tmp_path):
    crm.contacts.create(person("Ann", "Lee", email="ann@example.com", lawful_basis="consent",
                               consent_given_on=dt.date(2024, 1, 2), consent_withdrawn_on=dt.date(2024, 3, 4),
                               consent_note="trade fair", do_not_contact=True))
    crm.contacts.create(person("Bob", "Roe", email="bob@example.com", lawful_basis="contract"))
    crm.exports.backup(tmp_path / "backup.xlsx")
    target_dir = tmp_path / "target"
    target_dir.mkdir()
    shutil.copyfile(template_db, target_dir / DATABASE_NAME)
    target = Services.open(target_dir, fallback_region="US")
    try:
        plan = target.imports.inspect(tmp_path / "backup.xlsx", "contact", sheet=1)
        target.imports.run(plan, ImportOptions())
        people = _by_name(target)
        ann, bob = people["Ann Lee"], people["Bob Roe"]
        assert (ann.lawful_basis, ann.consent_given_on, ann.consent_withdrawn_on, ann.consent_note,
                ann.do_not_contact) == ("consent", dt.date(2024, 1, 2), dt.date(2024, 3, 4), "trade fair",
                                        True)
        assert (bob.lawful_basis, bob.do_not_contact) == ("contract", False)
    finally:
        target.close()
