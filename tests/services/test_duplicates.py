"""The duplicate scan: what it proposes and why, quality on known duplicates, progress, cancel."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from crm_desktop.core.duplicates import group_numbers, name_key, name_similarity, site_key
from crm_desktop.core.errors import ValidationError
from crm_desktop.core.records import Channel, CompanyDraft, ContactDraft
from crm_desktop.services import Services

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import bench_dedupe


def person(crm: Services, given: str, family: str = "", *, email: str = "", phone: str = "",
           company: str = "") -> int:
    return crm.contacts.create(ContactDraft(
        given_name=given, family_name=family, company_name=company,
        emails=[Channel(email)] if email else [], phones=[Channel(phone)] if phone else []))


def pairs(crm: Services, entity: str = "contact") -> dict[tuple[int, int], tuple[str, ...]]:
    return {c.pair: c.reasons for c in crm.duplicates.scan(entity).candidates}


def test_name_keys():
    assert name_key("Smith, John") == name_key("john  SMITH") == "john smith"
    assert name_key("张 伟") == name_key("张伟") == "张伟"
    assert name_similarity("joeph johnson", "joseph johnson") >= 85
    assert name_similarity("smith john", "john smith") == 100
    assert site_key("https://www.Acme.com/about") == "acme.com"
    assert group_numbers([(5, 9), (9, 12), (3, 4)]) == {5: 5, 9: 5, 12: 5, 3: 3, 4: 3}


def test_reasons_and_confidence(crm):
    a = person(crm, "John", "Smith", email="john@acme.com", company="Acme")
    b = person(crm, "Jon", "Smith", email="JOHN@acme.com", company="Acme Inc.")
    c = person(crm, "Mary", "Jones", phone="+1 212 555 0101")
    d = person(crm, "Mary", "Jones", phone="(212) 555-0101")
    e = person(crm, "伟", "张", phone="+86 138 0000 1111")
    f = person(crm, "Wei", "Zhang", phone="+86 13800001111")
    g = person(crm, "Paul", "Other", phone="+86 13800001111")  # the same line, another name
    person(crm, "Unrelated", "Person", email="x@y.com")
    found = pairs(crm)
    assert found == {
        (a, b): ("email", "similar_name_company"),
        (c, d): ("phone",),
        (e, f): ("phone_other_script",),
    }
    scores = {c.pair: c.score for c in crm.duplicates.scan("contact").candidates}
    assert scores[(a, b)] > scores[(c, d)] > scores[(e, f)] >= 0.6
    assert (f, g) not in found and (e, g) not in found


def test_not_a_duplicate_is_remembered(crm):
    a = person(crm, "Ann", "Lee", email="ann@lee.com")
    b = person(crm, "Ann", "Lee", email="ann@lee.com")
    assert (a, b) in pairs(crm)
    crm.duplicates.mark_distinct("contact", b, a)
    assert pairs(crm) == {}
    assert crm.duplicates.distinct_pairs("contact") == {(a, b)}
    crm.duplicates.unmark_distinct("contact", a, b)
    assert (a, b) in pairs(crm)


def test_trashed_people_are_not_proposed(crm):
    a = person(crm, "Ann", "Lee", email="ann@lee.com")
    person(crm, "Ann", "Lee", email="ann@lee.com")
    crm.contacts.delete([a])
    assert pairs(crm) == {}


def test_shared_values_of_many_people_are_left_out(crm):
    ids = [person(crm, f"Person{i}", "Same", email="info@big.com") for i in range(60)]
    result = crm.duplicates.scan("contact")
    assert result.skipped_blocks == 1 and result.scanned == len(ids)
    assert not any(c.reasons == ("email_other_name",) for c in result.candidates)


def test_groups_join_pairs_that_share_records(crm):
    a = person(crm, "Ann", "Lee", email="ann@lee.com")
    b = person(crm, "Ann", "Lee", email="ann@lee.com", phone="+1 415 555 0100")
    c = person(crm, "Ann", "Lee", phone="+1 415 555 0100")
    result = crm.duplicates.scan("contact")
    assert {x.group for x in result.candidates} == {a}
    assert {x.pair for x in result.groups()[a]} >= {(a, b), (b, c)}


def test_companies(crm):
    a = crm.companies.create(CompanyDraft(name="Acme Inc.", website="https://acme.com"))
    b = crm.companies.create(CompanyDraft(name="ACME", phone="+1 212 555 0100"))
    c = crm.companies.create(CompanyDraft(name="Globex", website="http://www.acme.com/"))
    d = crm.companies.create(CompanyDraft(name="Acme Corporation Europe", phone="+1 212 555 0100"))
    crm.companies.create(CompanyDraft(name="Initech"))
    found = pairs(crm, "company")
    assert found[(a, b)] == ("company_name",)
    assert found[(a, c)] == ("website",)
    assert (b, d) not in found or found[(b, d)] == ("phone",)
    assert all(p[0] != 5 and p[1] != 5 for p in found)


def test_progress_and_cancel(crm):
    for i in range(30):
        person(crm, f"P{i}", "X", email=f"p{i}@x.com")
    seen: list[float] = []
    result = crm.duplicates.scan("contact", progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == 1.0 and not result.cancelled
    result = crm.duplicates.scan("contact", cancelled=lambda: True)
    assert result.cancelled and result.candidates == []
    with pytest.raises(ValidationError):
        crm.duplicates.scan("deal")


def test_precision_and_recall_on_known_duplicates(data_dir):
    """People written twice the way real duplicates are (see scripts/bench_dedupe.py)."""
    quality = bench_dedupe.measure_quality(data_dir, 2000, 200)
    assert quality["recall"] >= 0.97, quality
    assert quality["precision"] >= 0.85, quality
    # Each kind of duplicate is found.
    for kind, found in quality["by_kind"].items():
        hits, total = map(int, found.split("/"))
        assert hits >= 0.9 * total, (kind, found)
