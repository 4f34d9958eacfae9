"""The deal store's SQL: board order, counts with and without the customers' names, the migration's seed."""

from __future__ import annotations

import datetime as dt

from crm_desktop.core.deals import DealDraft, DealFilter
from crm_desktop.core.records import CompanyDraft
from crm_desktop.storage.deals import where


def test_a_new_database_has_the_default_pipeline_and_lost_reasons(services):
    rows = services.ctx.storage.database.db.execute_sql(
        "SELECT p.key, p.is_default, count(s.id) FROM pipeline p JOIN stage s ON s.pipeline_id = p.id "
        "GROUP BY p.id").fetchall()
    assert rows == [("default", 1, 4)]
    assert len(services.pipelines.lost_reasons()) == 6


def test_cards_come_by_stage_then_nearest_close_date(services):
    stages = [s.id for s in services.pipelines.default().stages]

    def make(title: str, stage: int, close: dt.date | None) -> None:
        services.deals.create(DealDraft(title, stage_id=stages[stage], currency="USD", expected_close=close))

    make("undated", 0, None)
    make("later", 0, dt.date(2030, 5, 1))
    make("sooner", 0, dt.date(2030, 1, 1))
    make("next stage", 1, dt.date(2029, 1, 1))
    titles = [c.title for c in services.deals.cards(DealFilter())]
    assert titles == ["sooner", "later", "undated", "next stage"]


def test_counts_agree_with_and_without_a_text_search(services):
    stages = [s.id for s in services.pipelines.default().stages]
    acme = services.companies.create(CompanyDraft(name="Acme"))
    for i in range(5):
        services.deals.create(DealDraft(f"Deal {i}", stage_id=stages[i % 4], currency="USD",
                                        company_id=acme if i % 2 else None, value_minor=i * 100))
    flt = DealFilter(status="")
    assert services.deals.count(flt) == len(services.deals.page(flt, "title", False, 0, 100)) == 5
    assert services.deals.count(flt.with_(text="acme")) == 2
    assert services.deals.count(flt.with_(min_value_minor=200)) == 3


def test_text_search_escapes_like_wildcards():
    condition, params = where(DealFilter(text=" 50%  off_ "))
    assert params[-3:] == ["%50\\% off\\_%"] * 3
    assert "ESCAPE" in condition
