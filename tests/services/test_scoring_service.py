"""Lead scoring with exact values: points per rule, the top reason, the Hot leads list."""

from __future__ import annotations

import datetime as dt

from service_helpers import person

from crm_desktop.core.activities import ActivityDraft
from crm_desktop.core.records import CompanyDraft
from crm_desktop.core.scoring import DEAL_STAGE, TAG, ContactFacts, ScoreRule, score
from crm_desktop.services import Services

DAY = dt.timedelta(days=1)


def by_kind(crm: Services) -> dict[str, ScoreRule]:
    return {f"{r.kind}:{sorted(r.config.values())[0]}": r for r in crm.scoring.rules()}


def test_default_rules_give_exact_scores(crm: Services, clock):
    big = crm.companies.create(CompanyDraft(name="Big Co", employees=120))
    ann = crm.contacts.create(person("Ann", email="ann@example.com", phone="+1 415 555 0100",
                                     tags=["customer"], company_id=big, source="Referral"))
    bob = crm.contacts.create(person("Bob", email="bob@example.com"))
    cid = crm.contacts.create(person("Cid"))
    for _ in range(3):
        crm.activities.log(ActivityDraft("call", contact_id=bob))
    crm.activities.log(ActivityDraft("meeting", contact_id=cid, occurred_at=clock.now() - 40 * DAY))
    assert crm.scoring.recompute() == 3
    ann_score, ann_reason = crm.scoring.score_of(ann)
    assert ann_score == 20 + 10 + 10 + 15 + 15  # customer, email, phone, company size, referral
    assert (ann_reason.kind, ann_reason.points) == ("tag", 20)
    bob_score, bob_reason = crm.scoring.score_of(bob)
    assert bob_score == 10 + 25 and bob_reason.kind == "interactions"
    assert crm.scoring.score_of(cid) == (0, None)  # the meeting was too long ago
    hot = crm.scoring.hot_leads()
    assert [(h.contact_id, h.score) for h in hot] == [(ann, 70)]
    assert [(h.contact_id, h.score) for h in crm.scoring.hot_leads(threshold=30)] == [(ann, 70), (bob, 35)]


def test_edited_rules_change_scores_and_negative_points_lower_them(crm: Services):
    ann = crm.contacts.create(person("Ann", tags=["customer", "unsubscribed"]))
    crm.scoring.save_rule(ScoreRule(None, TAG, -30, {"tag": "Unsubscribed"}))
    crm.scoring.recompute()
    assert crm.scoring.score_of(ann)[0] == 20 - 30
    customer = next(r for r in crm.scoring.rules() if r.kind == TAG and r.points == 20)
    customer.points = 60
    crm.scoring.save_rule(customer)
    crm.scoring.recompute([ann])
    assert crm.scoring.score_of(ann) == (30, customer)


def test_deal_stage_points(crm: Services, sql):
    ann = crm.contacts.create(person("Ann"))
    sql("INSERT INTO pipeline(name, uuid, created_at, updated_at) "
        "VALUES ('P', 'p', '2024-01-01', '2024-01-01')")
    sql("INSERT INTO stage(pipeline_id, name, uuid, created_at, updated_at) "
        "VALUES ((SELECT max(id) FROM pipeline), 'Quote', 's', '2024-01-01', '2024-01-01')")
    stage = sql("SELECT max(id) FROM stage")[0][0]
    sql("INSERT INTO deal(title, stage_id, contact_id, status, uuid, created_at, updated_at) "
        "VALUES ('D', ?, ?, 'open', 'd', '2024-01-01', '2024-01-01')", (stage, ann))
    crm.scoring.save_rule(ScoreRule(None, DEAL_STAGE, 40, {"stage_id": stage}))
    crm.scoring.recompute()
    assert crm.scoring.score_of(ann)[0] == 40


def test_the_pure_scorer_agrees():
    rules = [ScoreRule(1, TAG, 20, {"tag": "customer"}), ScoreRule(2, "field", 10, {"field": "email"}),
             ScoreRule(3, "company_size", 15, {"min": 50}, position=3),
             ScoreRule(4, "interactions", 25, {"count": 3, "days": 30}, enabled=False)]
    facts = ContactFacts(tags=frozenset({"customer"}), fields=frozenset({"email"}), company_size=50,
                         interactions_in={30: 5})
    total, top = score(rules, facts)
    assert total == 45 and top.id == 1


def test_refresh_scores_everyone_once_then_only_what_changed(crm: Services, clock):
    ann = crm.contacts.create(person("Ann", tags=["customer"]))
    bob = crm.contacts.create(person("Bob"))
    assert crm.scoring.refresh() == 2  # no scores yet: everyone, in slices
    clock.advance(dt.timedelta(minutes=5))
    assert crm.scoring.refresh() == 0  # nothing changed
    crm.contacts.add_tag([bob], "customer")
    clock.advance(dt.timedelta(minutes=5))
    assert crm.scoring.refresh() == 1  # only Bob, whom the tag changed
    assert crm.scoring.score_of(bob)[0] == 20
    rule = next(r for r in crm.scoring.rules() if r.kind == TAG)
    rule.points = 30
    clock.advance(dt.timedelta(minutes=5))
    crm.scoring.save_rule(rule)
    clock.advance(dt.timedelta(minutes=5))
    assert crm.scoring.refresh() == 2  # the rules changed: everyone again
    assert crm.scoring.score_of(ann)[0] == 30
    clock.advance(DAY + dt.timedelta(minutes=1))
    assert crm.scoring.refresh() == 2  # a day later: everyone (interaction counts age)


def test_a_logged_call_rescores_its_contact_at_the_next_refresh(crm: Services, clock):
    ann = crm.contacts.create(person("Ann"))
    crm.scoring.refresh()
    for _ in range(3):
        crm.activities.log(ActivityDraft("call", contact_id=ann))
    clock.advance(dt.timedelta(minutes=5))
    assert crm.scoring.refresh() == 1
    assert crm.scoring.score_of(ann)[0] == 25  # three interactions in 30 days


def test_a_full_pass_stops_between_slices_when_the_app_quits(crm: Services):
    crm.contacts.create(person("Ann", tags=["customer"]))
    crm.scoring.stop_requested.set()
    assert crm.scoring.refresh() == 0
    assert crm.scoring.score_of(1) is None  # not scored, and the pass is still due
    crm.scoring.stop_requested.clear()
    assert crm.scoring.refresh() == 1


# -- the people list by score ---------------------------------------------------------------------
def test_the_people_list_sorts_by_score_in_sql_the_unscored_last(crm: Services):
    from crm_desktop.core.query import ListQuery
    from crm_desktop.storage.contacts import LIST_COLUMNS

    email = {"email": "x@example.com"}
    ids = [crm.contacts.create(person(f"P{i}", tags=["customer"] if i % 3 == 0 else [],
                                      **(email if i % 2 else {}))) for i in range(12)]
    crm.scoring.recompute()
    late = [crm.contacts.create(person(f"New{i}")) for i in range(3)]  # not scored yet
    score_at = LIST_COLUMNS.index("score")
    best_first = ListQuery(sort="score", descending=True)
    rows = crm.contacts.page(best_first, 0, 100)
    scores = {row[0]: row[score_at] for row in rows}
    assert [scores[i] for i in ids] == [20 * (i % 3 == 0) + 10 * (i % 2) for i in range(12)]
    expected = sorted(ids, key=lambda i: (-scores[i], -i)) + sorted(late, reverse=True)
    assert [row[0] for row in rows] == expected
    assert [row[0] for row in crm.contacts.page(best_first.with_(descending=False), 0, 100)] == expected[::-1]
    for offset in range(15):  # pages that start and end anywhere, the boundary included
        assert [r[0] for r in crm.contacts.page(best_first, offset, 4)] == expected[offset:offset + 4]
    customer = crm.lookups.tags()[0].id  # a filter applies to the scored and the unscored alike
    tagged = [row[0] for row in crm.contacts.page(best_first.with_(tag_id=customer), 0, 100)]
    assert tagged == [i for i in expected if i in ids[::3]]


def test_every_list_row_carries_its_score(crm: Services):
    from crm_desktop.core.query import ListQuery
    from crm_desktop.storage.contacts import LIST_COLUMNS

    ann = crm.contacts.create(person("Ann", tags=["customer"], email="ann@example.com"))
    bob = crm.contacts.create(person("Bob"))
    (row,) = crm.contacts.page(ListQuery(), 0, 1)
    assert dict(zip(LIST_COLUMNS, row, strict=True))["score"] is None  # not scored yet
    crm.scoring.recompute()
    rows = {r[0]: dict(zip(LIST_COLUMNS, r, strict=True)) for r in crm.contacts.page(ListQuery(), 0, 10)}
    assert (rows[ann]["score"], rows[bob]["score"]) == (30, 0)


def test_the_people_list_exports_with_its_score_column_in_score_order(crm: Services, tmp_path):
    import csv

    from crm_desktop.core.query import ListQuery
    from crm_desktop.services.exports import ExportRequest

    crm.contacts.create(person("Ann", tags=["customer"], email="ann@example.com"))
    crm.contacts.create(person("Bob"))
    crm.contacts.create(person("Cy", tags=["customer"]))
    crm.scoring.recompute()
    request = ExportRequest("contact", ListQuery(sort="score", descending=True), ("name", "score"))
    crm.exports.export(request, tmp_path / "people.csv")
    with open(tmp_path / "people.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert [r[1:] for r in rows[1:]] == [["30"], ["20"], ["0"]]
    assert [r[0].split()[0] for r in rows[1:]] == ["Ann", "Cy", "Bob"]
