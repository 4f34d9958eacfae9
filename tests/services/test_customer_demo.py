"""Demo data gives some sample people a past, so their pages have something to show."""

from __future__ import annotations

from crm_desktop.core.customer import Target
from crm_desktop.services import Services


def test_demo_people_have_activities_orders_and_cases(crm: Services, sql):
    crm.seed_demo(people=60, firms=10)
    with_history = sql("SELECT count(DISTINCT contact_id) FROM activity WHERE kind IN ('call', 'email', "
                       "'meeting', 'note')")[0][0]
    assert 10 <= with_history <= 40  # about four in ten
    assert sql("SELECT count(*) FROM sales_order")[0][0] > 0
    busiest = sql("SELECT contact_id FROM activity GROUP BY contact_id ORDER BY count(*) DESC LIMIT 1")[0][0]
    figures = crm.timeline.key_figures(Target("contact", busiest))
    assert figures.last_interaction is not None and figures.customer_since is not None
    assert crm.timeline.count(Target("contact", busiest)) >= 2
