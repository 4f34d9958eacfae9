"""The deal list narrowed by a deal segment's condition: counted, paged and sorted in SQL."""

from __future__ import annotations

import pytest

from crm_desktop.core.deals import DealDraft, DealFilter
from crm_desktop.core.errors import ValidationError
from crm_desktop.core.records import CompanyDraft, ContactDraft
from crm_desktop.core.segments import Condition, Group
from crm_desktop.storage.deals import where


@pytest.fixture
def deals(services):
    stages = [s.id for s in services.pipelines.default().stages]
    acme = services.companies.create(CompanyDraft(name="Acme"))
    # A contact with a job title: the segment's "title" must still mean the deal's.
    ann = services.contacts.create(ContactDraft(given_name="Ann", family_name="Lee", title="Big boss"))
    ids = {}
    for title, value, stage, company in (("Big order", 500_000, 0, acme), ("Small order", 20_000, 1, None),
                                         ("Big renewal", 300_000, 2, None), ("Big lost", 900_000, 0, acme),
                                         ("Big trashed", 700_000, 1, None)):
        ids[title] = services.deals.create(DealDraft(title, stage_id=stages[stage], currency="EUR",
                                                     value_minor=value, company_id=company, contact_id=ann))
    services.deals.lose(ids["Big lost"], "Price")
    services.deals.delete([ids["Big trashed"]])
    return ids


def big(services) -> int:
    return services.segments.create("Big deals", "deal", Group("all", (
        Condition("title", "starts_with", "Big"), Condition("value", "gte", 1000))))


def test_a_segment_condition_narrows_count_and_pages_of_the_deal_list(services, deals):
    flt = services.segments.deal_filter(big(services))
    assert flt.status == "" and flt.segment is not None
    assert services.deals.count(flt) == 3
    rows = services.deals.page(flt, "value", True, 0, 100)
    assert [r[1] for r in rows] == ["Big lost", "Big order", "Big renewal"]
    assert [r[1] for r in services.deals.page(flt, "value", True, 1, 1)] == ["Big order"]
    # The list's own filters still apply on top of the segment's.
    assert services.deals.count(flt.with_(status="open")) == 2
    assert services.deals.count(flt.with_(text="acme")) == 2
    assert [r[1] for r in services.deals.page(flt.with_(status="open", text="acme"), "title", False, 0, 9)] \
        == ["Big order"]
    # What the sidebar counts is what the list shows.
    assert services.segments.count(services.segments.all()[0].id) == 3


def test_the_segment_condition_is_sql_on_the_deal_table_and_never_saved(services, deals):
    flt = services.segments.deal_filter(big(services))
    sql, params = where(flt)
    assert "d.id IN (SELECT id FROM deal WHERE deleted_at IS NULL AND" in sql
    assert params == [*flt.segment[1]]  # no list filter but the segment's: only its parameters
    assert "segment" not in flt.to_payload()
    assert DealFilter.from_payload(flt.to_payload()).segment is None


def test_only_deal_segments_give_a_deal_filter(services, deals):
    people = services.segments.create("Lees", "contact",
                                      Group("all", (Condition("family_name", "is", "Lee"),)))
    with pytest.raises(ValidationError):
        services.segments.deal_filter(people)


def test_export_of_a_deal_segment_takes_exactly_its_deals(services, deals, tmp_path):
    import openpyxl

    from crm_desktop.services.exports import DealQuery, ExportRequest

    flt = services.segments.deal_filter(big(services))
    request = ExportRequest("deal", DealQuery(flt, "title", False), ("title", "value", "status"))
    assert services.exports.count(request) == 3
    result = services.exports.export(request, tmp_path / "big.xlsx")
    rows = list(openpyxl.load_workbook(tmp_path / "big.xlsx").active.iter_rows(values_only=True))
    assert result.rows == 3
    assert [r[0] for r in rows[1:]] == ["Big lost", "Big order", "Big renewal"]


def test_the_deal_lists_filters_saved_as_a_segment_find_the_same_deals(services):
    import datetime as dt

    from crm_desktop.core.deals import segment_group

    stages = [s.id for s in services.pipelines.default().stages]
    owner = services.lookups.users()[0].id
    for i in range(24):
        services.deals.create(DealDraft(
            f"Deal {i}", stage_id=stages[i % 4], currency="EUR", value_minor=(i % 7) * 25_000,
            expected_close=dt.date(2027, 1, 1) + dt.timedelta(days=9 * i) if i % 5 else None,
            owner_id=owner if i % 3 else None, tags=["hot"] if i % 2 else []))
    services.deals.lose(services.deals.page(DealFilter(status=""), "title", False, 0, 1)[0][0], "Price")
    hot = next(t.id for t in services.lookups.tags() if t.name == "hot")
    pipeline = services.pipelines.default().id
    for flt in (DealFilter(), DealFilter(status=""), DealFilter(status="lost"),
                DealFilter(pipeline_id=pipeline, owner_id=owner),
                DealFilter(status="", tag_id=hot, min_value_minor=50_000, max_value_minor=125_000),
                DealFilter(close_from=dt.date(2027, 2, 10), close_to=dt.date(2027, 3, 30)),
                DealFilter(status="", close_from=dt.date(2027, 1, 10), owner_id=owner, tag_id=hot)):
        group, left_out = segment_group(flt)
        assert left_out == ()
        segment = DealFilter(status="", segment=services.segments.condition("deal", group))
        expected = [r[0] for r in services.deals.page(flt, "title", False, 0, 100)]
        assert expected, flt
        assert [r[0] for r in services.deals.page(segment, "title", False, 0, 100)] == expected, flt
    assert segment_group(DealFilter(text=" acme ", company_id=3))[1] == ("text", "company_id")
