"""A person's lawful basis, consent and "do not contact" flag: stored, checked, kept in history and
in the data-protection export."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import pytest
from service_helpers import person

from crm_desktop.core.consent import consent_withdrawn, parse_basis, parse_flag
from crm_desktop.core.errors import ValidationError
from crm_desktop.services import Services


def test_consent_fields_are_stored_and_read_back(crm: Services):
    cid = crm.contacts.create(person(
        "Ana", "Lima", lawful_basis="consent", consent_given_on=dt.date(2024, 1, 2),
        consent_note="  web form  ", do_not_contact=True))
    d = crm.contacts.get(cid).data
    assert (d.lawful_basis, d.consent_given_on) == ("consent", dt.date(2024, 1, 2))
    assert d.consent_withdrawn_on is None
    assert d.consent_note == "web form"
    assert d.do_not_contact is True
    d.consent_withdrawn_on = dt.date(2024, 3, 1)
    d.do_not_contact = False
    crm.contacts.update(cid, d)
    again = crm.contacts.get(cid).data
    assert again.consent_withdrawn_on == dt.date(2024, 3, 1) and again.do_not_contact is False
    assert consent_withdrawn(again)


def test_people_created_in_bulk_keep_their_flags(crm: Services, sql):
    ids = crm.contacts.create_many([person(f"P{i}", do_not_contact=i % 2 == 0, lawful_basis="contract")
                                    for i in range(6)])
    flagged = {r[0] for r in sql("SELECT id FROM contact WHERE do_not_contact = 1")}
    assert flagged == set(ids[0::2])
    assert {r[0] for r in sql("SELECT DISTINCT lawful_basis FROM contact")} == {"contract"}


@pytest.mark.parametrize(("fields", "problem"), [
    ({"lawful_basis": "because"}, ("lawful_basis", "unknown_basis")),
    ({"consent_given_on": dt.date(2030, 1, 1)}, ("consent_given_on", "in_future")),
    ({"consent_given_on": dt.date(2024, 2, 1), "consent_withdrawn_on": dt.date(2024, 1, 1)},
     ("consent_withdrawn_on", "before_given")),
])
def test_wrong_consent_details_are_refused(crm: Services, fields, problem):
    with pytest.raises(ValidationError) as caught:
        crm.contacts.create(person("Ana", **fields))
    assert problem in caught.value.codes()


def test_a_change_of_the_flag_is_in_the_field_history(crm: Services, clock):
    cid = crm.contacts.create(person("Ana"))
    d = crm.contacts.get(cid).data
    d.do_not_contact, d.lawful_basis = True, "legitimate_interest"
    clock.advance(dt.timedelta(minutes=5))
    crm.contacts.update(cid, d)
    changes = {c.field: (c.old, c.new) for c in crm.history.changes("contact", cid)}
    assert changes["do_not_contact"] == ("0", "1")
    assert changes["lawful_basis"] == ("", "legitimate_interest")


def test_the_data_protection_export_holds_the_consent_details(crm: Services, tmp_path):
    cid = crm.contacts.create(person("Ana", lawful_basis="consent", consent_given_on=dt.date(2024, 1, 2),
                                     consent_note="trade fair", do_not_contact=True))
    target = crm.privacy.export_person(cid, tmp_path / "ana.zip")
    with zipfile.ZipFile(target) as archive:
        book = openpyxl.load_workbook(io.BytesIO(archive.read("person.xlsx")), read_only=True)
        rows = list(book["contact"].iter_rows(values_only=True))
        book.close()
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["lawful_basis"] == "consent"
    assert record["consent_given_on"] == "2024-01-02"
    assert record["consent_note"] == "trade fair"
    assert str(record["do_not_contact"]) == "1"


@pytest.mark.parametrize(("text", "key"), [
    ("Consent", "consent"), ("同意", "consent"), ("legitimate interest", "legitimate_interest"),
    ("合同", "contract"), ("", ""), ("whatever", None), ("LEGAL_OBLIGATION", "legal_obligation"),
])
def test_lawful_bases_are_read_in_english_and_chinese(text, key):
    assert parse_basis(text) == key


@pytest.mark.parametrize(("value", "flag"), [
    ("yes", True), ("是", True), ("x", True), (1, True), (True, True), ("请勿联系", True),
    ("", False), ("no", False), ("否", False), (0, False), ("maybe", None),
])
def test_yes_no_cells(value, flag):
    assert parse_flag(value) == flag
