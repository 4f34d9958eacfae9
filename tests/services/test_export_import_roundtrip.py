"""What the export writes, the import brings back: people exported from one database and
imported into an empty one have the same names, companies, e-mails, phones, places, tags,
birthdays and notes."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from service_helpers import person

from crm_desktop.core.paths import DATABASE_NAME
from crm_desktop.services import Services
from crm_desktop.services.exports import ExportRequest

imports = pytest.importorskip("crm_desktop.interchange.plan")

KEYS = ("given_name", "family_name", "company", "title", "email", "phone", "city", "country", "tags",
        "birthday", "notes")


def _fresh(template_db: Path, root: Path) -> Services:
    root.mkdir(parents=True)
    shutil.copyfile(template_db, root / DATABASE_NAME)
    return Services.open(root, fallback_region="US")


def _people(services: Services) -> list[tuple]:
    out = []
    for _id, *_ in services.contacts.page(services.exports.request_for("contacts").query, 0, 10_000):
        c = services.contacts.get(_id)
        d = c.data
        out.append((d.given_name, d.family_name, d.company_name, d.title, [e.value for e in d.emails],
                    [p.value for p in d.phones], d.city, d.country, sorted(d.tags), d.birthday, d.notes))
    return sorted(out)


def _round_trip(source: Services, target: Services, path: Path) -> None:
    source.exports.export(ExportRequest("contact", keys=KEYS), path)
    plan = target.imports.inspect(path)
    result = target.imports.run(plan, imports.ImportOptions())
    assert result.created == source.contacts.count(), result


def _add_people(crm: Services, formula_note: bool) -> None:
    phones = {"张": "+86 138 1234 5678", "Lee": "+1 617 555 0100"}
    for first, family, extra in (
        ("Ann", "Lee", {"company_name": "Acme, Inc.", "title": "CEO", "city": "Boston", "tags": ["vip"],
                        "birthday": dt.date(1980, 2, 29), "notes": "Met at the fair.\nCall back in May."}),
        ("伟", "张", {"company_name": "北京万达科技有限公司", "city": "北京", "country": "中国",
                      "tags": ["客户", "lead"]}),
        ("Zoë", "O'Brien", {"notes": "=not a formula" if formula_note else "a note", "title": "-"}),
    ):
        crm.contacts.create(person(first, family, email=f"{first.encode('punycode').decode()}@example.com",
                                   phone=phones.get(family, ""), **extra))


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_people_come_back(crm, template_db, tmp_path, suffix):
    _add_people(crm, formula_note=suffix == "xlsx")
    target = _fresh(template_db, tmp_path / suffix)
    try:
        _round_trip(crm, target, tmp_path / f"people.{suffix}")
        assert _people(target) == _people(crm)
    finally:
        target.close()


def test_formula_like_text_comes_back_from_csv(crm, template_db, tmp_path):
    _add_people(crm, formula_note=True)
    target = _fresh(template_db, tmp_path / "csv")
    try:
        _round_trip(crm, target, tmp_path / "people.csv")
        assert _people(target) == _people(crm)
    finally:
        target.close()


_TEXT = st.text(st.characters(whitelist_categories=("L", "N", "Zs"), whitelist_characters="-'.&"),
                min_size=1, max_size=20).map(lambda s: " ".join(s.split())).filter(bool)


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(_TEXT, _TEXT, _TEXT, _TEXT), min_size=1, max_size=8, unique_by=lambda t: t[:2]))
def test_random_people_come_back(template_db, tmp_path_factory, rows):
    root = tmp_path_factory.mktemp("roundtrip")
    source = _fresh(template_db, root / "source")
    target = _fresh(template_db, root / "target")
    try:
        for i, (given, family, title, city) in enumerate(rows):
            source.contacts.create(person(given, family, email=f"p{i}@example.com",
                                          phone=f"+1 617 555 {i:04d}", title=title, city=city))
        _round_trip(source, target, root / "people.xlsx")
        assert _people(target) == _people(source)
    finally:
        source.close()
        target.close()


def _companies(services: Services) -> list[tuple]:
    out = []
    for company_id, *_ in services.companies.page(services.exports.request_for("companies").query, 0, 10_000):
        d = services.companies.get(company_id).data
        out.append((d.name, d.industry, d.employees, d.phone, d.email, d.website, d.city, d.country,
                    sorted(d.tags), d.notes))
    return sorted(out)


def _backup_and_restore(crm: Services, template_db: Path, tmp_path: Path) -> Services:
    from crm_desktop.core.records import CompanyDraft

    crm.companies.create(CompanyDraft(name="Zeta Logistics", industry="Freight", employees=40,
                                      phone="+1 617 555 0199", email="hello@zeta.example",
                                      website="https://zeta.example", city="Boston", tags=["partner"],
                                      notes="Two warehouses."))
    _add_people(crm, formula_note=True)
    path = tmp_path / "backup.xlsx"
    crm.exports.backup(path)
    target = _fresh(template_db, tmp_path / "target")
    for sheet, entity in ((0, "company"), (1, "contact")):
        plan = target.imports.inspect(path, entity, sheet=sheet)
        target.imports.run(plan, imports.ImportOptions())
    return target


def test_the_backup_workbook_fills_an_empty_database(crm, template_db, tmp_path):
    target = _backup_and_restore(crm, template_db, tmp_path)
    try:
        assert _people(target) == _people(crm)
        assert [r[:2] + r[3:] for r in _companies(target)] == [r[:2] + r[3:] for r in _companies(crm)]
    finally:
        target.close()


def test_the_backup_workbook_keeps_employees(crm, template_db, tmp_path):
    target = _backup_and_restore(crm, template_db, tmp_path)
    try:
        assert _companies(target) == _companies(crm)
    finally:
        target.close()


def test_the_backup_workbook_keeps_custom_fields(crm, template_db, tmp_path):
    from crm_desktop.core.records import ContactDraft

    field_id = crm.lookups.create_custom_field("contact", "WeChat")
    crm.contacts.create(ContactDraft(given_name="Ann", family_name="Lee", custom={field_id: "ann88"}))
    crm.exports.backup(tmp_path / "backup.xlsx")
    target = _fresh(template_db, tmp_path / "target")
    try:
        target_field = target.lookups.create_custom_field("contact", "WeChat")
        plan = target.imports.inspect(tmp_path / "backup.xlsx", "contact", sheet=1)
        target.imports.run(plan, imports.ImportOptions())
        (contact_id, *_), = target.contacts.page(target.exports.request_for("contacts").query, 0, 10)
        assert target.contacts.get(contact_id).data.custom == {target_field: "ann88"}
    finally:
        target.close()


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_people_come_back_from_vcards(crm, template_db, tmp_path, version):
    _add_people(crm, formula_note=False)
    path = tmp_path / "people.vcf"
    crm.exports.export(ExportRequest("contact"), path, version=version)
    target = _fresh(template_db, tmp_path / "target")
    try:
        plan = target.imports.inspect(path)
        assert target.imports.run(plan, imports.ImportOptions()).created == 3
        assert _people(target) == _people(crm)
    finally:
        target.close()


def test_the_backup_workbook_keeps_social_handles(crm, template_db, tmp_path):
    from crm_desktop.core.records import Channel, ContactDraft

    crm.contacts.create(ContactDraft(given_name="Wei", family_name="Zhang", handles=[
        Channel("zhangwei88", "", "wechat"), Channel("123456789", "", "qq"),
        Channel("https://www.linkedin.com/in/zhangwei", "", "linkedin")]))
    crm.exports.backup(tmp_path / "backup.xlsx")
    target = _fresh(template_db, tmp_path / "target")
    try:
        plan = target.imports.inspect(tmp_path / "backup.xlsx", "contact", sheet=1)
        target.imports.run(plan, imports.ImportOptions())
        (contact_id, *_), = target.contacts.page(target.exports.request_for("contacts").query, 0, 10)
        handles = target.contacts.get(contact_id).data.handles
        assert sorted((h.kind, h.value) for h in handles) == [
            ("linkedin", "https://www.linkedin.com/in/zhangwei"), ("qq", "123456789"),
            ("wechat", "zhangwei88")]
    finally:
        target.close()
