"""Full-text search: prefixes, accents, Chinese names, phones, e-mails, tags, companies,
and an index that follows every change."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from service_helpers import found, person

from crm_desktop.core.names import display_name
from crm_desktop.core.query import ListQuery
from crm_desktop.core.records import Channel, CompanyDraft, ContactDraft, SearchHit
from crm_desktop.core.text import has_cjk

NAMES = {
    "alice": ("Alice", "Smith"), "muller": ("Jürgen", "Müller"), "jose": ("José", "García"),
    "zhang_wei": ("伟", "张"), "wang_wei": ("伟", "王"), "wang_fang_x": ("小芳", "王"),
    "ouyang": ("娜娜", "欧阳"), "bob": ("Bob", "O'Brien"),
}


@pytest.fixture
def folks(crm) -> dict[str, int]:
    return {key: crm.contacts.create(person(given, family)) for key, (given, family) in NAMES.items()}


@pytest.mark.parametrize(("typed", "expected"), [
    ("ali", {"alice"}),
    ("ALICE smi", {"alice"}),
    ("a", {"alice"}),
    ("muller", {"muller"}),
    ("Müller", {"muller"}),
    ("jurg", {"muller"}),
    ("jose", {"jose"}),
    ("garcía", {"jose"}),
    ("伟", {"zhang_wei", "wang_wei"}),
    ("张", {"zhang_wei"}),
    ("张伟", {"zhang_wei"}),
    ("王", {"wang_wei", "wang_fang_x"}),
    ("王芳", set()),  # 王 and 芳 are not next to each other in 王小芳
    ("小芳", {"wang_fang_x"}),
    ("欧阳", {"ouyang"}),
    ("欧阳娜娜", {"ouyang"}),
    ("阳娜", {"ouyang"}),
    ("o'brien", {"bob"}),
    ('O"Brien', {"bob"}),
    ("brien", {"bob"}),
    ("NOT", set()),
    ("alice OR bob", set()),
    ("smith*", {"alice"}),
    ("zzz", set()),
])
def test_names(crm, folks, typed, expected):
    assert found(crm, typed) == {folks[k] for k in expected}
    assert {r[0] for r in crm.contacts.page(ListQuery(search=typed), 0, 50)} == {folks[k] for k in expected}


@pytest.mark.parametrize("typed", ["", "   ", "***", '"'])
def test_nothing_searchable_finds_nothing_but_lists_everyone(crm, folks, typed):
    assert crm.search.search(typed) == []
    assert crm.contacts.count(ListQuery(search=typed)) == len(folks)


def test_hits_carry_names_and_companies_people_first(crm):
    ann = crm.contacts.create(person("Ann", "Globe", company_name="Globex"))
    globex = crm.contacts.get(ann).data.company_id
    assert crm.search.search("glob") == [
        SearchHit("contact", ann, "Ann Globe", "Globex"), SearchHit("company", globex, "Globex", "")]


def test_name_matches_come_before_other_matches(crm):
    in_notes = crm.contacts.create(person("Zed", notes="introduced by Kim"))
    named = crm.contacts.create(person("Kim", "Park"))
    assert [h.record_id for h in crm.search.search("kim")] == [named, in_notes]


def test_limit(crm):
    crm.contacts.create_many(person(f"Lee {i}") for i in range(30))
    assert len(crm.search.search("lee", limit=7)) == 7


@pytest.mark.parametrize(("stored", "region", "typed"), [
    ("+86 138 1234 5678", "US", "8613812345678"),
    ("+86 138 1234 5678", "US", "13812345678"),
    ("+86 138 1234 5678", "US", "1381234"),
    ("138 1234 5678", "CN", "+8613812345678"),
    ("(650) 253-0000", "US", "6502530000"),
    ("(650) 253-0000", "US", "16502530000"),
    ("(650) 253-0000", "US", "650253"),
])
def test_phones_by_digits_with_or_without_country_code(crm, stored, region, typed):
    crm.settings.default_region = region
    contact_id = crm.contacts.create(person("Al", phone=stored))
    crm.contacts.create(person("Other", phone="+44 20 7946 0958"))
    assert found(crm, typed) == {contact_id}


@pytest.mark.parametrize("typed", ["alice.smith", "alice", "globex", "smith@globex", "globex.example"])
def test_email_fragments(crm, typed):
    contact_id = crm.contacts.create(person("Al", email="alice.smith@globex.example"))
    crm.contacts.create(person("Other", email="bob@initech.example"))
    assert found(crm, typed) == {contact_id}


def test_tags_titles_cities_and_notes(crm):
    contact_id = crm.contacts.create(person("Al", title="Purchasing Manager", city="上海",
                                            notes="Prefers WeChat", tags=["Key Account", "客户"]))
    crm.contacts.create(person("Other"))
    for typed in ("key account", "客户", "purchasing", "上海", "wechat"):
        assert found(crm, typed) == {contact_id}, typed


def test_company_name_finds_its_people_and_the_company(crm):
    a = crm.contacts.create(person("Ann", company_name="北京华信科技有限公司"))
    b = crm.contacts.create(person("Bo", company_name="Initech LLC"))
    company_id = crm.contacts.get(a).data.company_id
    assert found(crm, "华信") == {a}
    assert found(crm, "华信", "company") == {company_id}
    assert found(crm, "initech") == {b}


def test_companies_by_place_industry_email_and_phone(crm):
    company_id = crm.companies.create(CompanyDraft(
        name="Soylent", industry="Food", city="Paris", country="France", email="hi@soylent.example",
        phone="+33 1 42 68 53 00"))
    for typed in ("soy", "food", "paris", "france", "soylent.example", "142685300", "33142685300"):
        assert found(crm, typed, "company") == {company_id}, typed


def test_index_follows_update(crm):
    contact_id = crm.contacts.create(person("Alice", email="alice@old.example", phone="(650) 253-0000"))
    crm.contacts.update(contact_id, person("Alicia", email="alicia@new.example", phone="(650) 253-0009"))
    assert found(crm, "alicia") == {contact_id}
    assert found(crm, "new.example") == {contact_id}
    assert found(crm, "6502530009") == {contact_id}
    assert found(crm, "alice") == set()
    assert found(crm, "old.example") == set()
    assert found(crm, "6502530000") == set()


def test_index_follows_tag_changes(crm):
    ids = [crm.contacts.create(person(n)) for n in ("Ann", "Bob")]
    tag_id = crm.contacts.add_tag(ids, "trade fair")
    assert found(crm, "fair") == set(ids)
    crm.contacts.remove_tag(ids[:1], tag_id)
    assert found(crm, "fair") == {ids[1]}


def test_index_follows_delete_restore_and_purge(crm, sql):
    contact_id = crm.contacts.create(person("Ann", email="ann@example.com"))
    crm.contacts.delete([contact_id])
    assert found(crm, "ann") == set()
    crm.contacts.restore([contact_id])
    assert found(crm, "ann") == {contact_id}
    crm.contacts.delete([contact_id])
    crm.contacts.purge([contact_id])
    assert found(crm, "ann") == set()
    assert sql("SELECT count(*) FROM contact_fts") == [(0,)]


def test_index_follows_company_rename_and_company_trash(crm):
    ann = crm.contacts.create(person("Ann", company_name="Oscorp"))
    company_id = crm.contacts.get(ann).data.company_id
    draft = crm.companies.get(company_id).data
    draft.name = "Parker Industries"
    crm.companies.update(company_id, draft)
    assert found(crm, "oscorp") == set()
    assert found(crm, "oscorp", "company") == set()
    assert found(crm, "parker") == {ann}
    assert found(crm, "parker", "company") == {company_id}
    crm.companies.delete([company_id])
    assert found(crm, "parker", "company") == set()
    crm.companies.restore([company_id])
    assert found(crm, "parker", "company") == {company_id}


def test_rebuilding_the_index_gives_the_same_answers(crm, folks):
    before = {typed: found(crm, typed) for typed in ("ali", "伟", "欧阳", "muller")}
    with crm.ctx.write():
        crm.ctx.storage.index.rebuild()
    assert {typed: found(crm, typed) for typed in before} == before


# -- properties ---------------------------------------------------------------------------
_LATIN = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzàáâäçèéêëìíîïñòóôöùúûüýÿ"),
                 min_size=1, max_size=8).map(str.capitalize)
_HAN = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=3)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(given_name=st.one_of(_LATIN, _HAN), family_name=st.one_of(_LATIN, _HAN))
def test_any_stored_name_is_found_by_its_full_name_and_its_characters(crm, given_name, family_name):
    contact_id = crm.contacts.create(person(given_name, family_name))
    full = display_name(given_name, family_name)
    assert contact_id in found(crm, full)
    assert contact_id in found(crm, full.upper())
    for char in {c for c in full if has_cjk(c)}:
        assert contact_id in found(crm, char), char
    for word in full.split():
        if not has_cjk(word):
            assert contact_id in found(crm, word[:1]), word


def test_phone_typed_with_separators_finds_the_person(services):
    pat = services.contacts.create(ContactDraft(given_name="Pat", phones=[Channel("+1 650 253 0000")]))
    for typed in ("650-253-0000", "(650) 253", "+1 650 253 0000", "650 253 00"):
        assert [h.record_id for h in services.search.search(typed)] == [pat], typed
