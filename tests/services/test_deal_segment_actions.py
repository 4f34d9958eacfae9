"""Actions on every deal of a deal segment: tag, owner, a task for each, the trash.

Each acts on exactly the segment's live deals, in one transaction, gives the deals it changed a
new version (an edit open on one of them is refused), and has an inverse for Undo.
"""

from __future__ import annotations

import datetime as dt

import pytest

from crm_desktop.core.deals import ConflictError, DealDraft
from crm_desktop.core.segments import Condition, Group
from crm_desktop.core.tasks import TaskDraft
from crm_desktop.services import Services


@pytest.fixture
def deals(crm: Services):
    """Five deals: three large (one of them in the trash), two small; two owners."""
    alex, wang = crm.lookups.create_user("Alex"), crm.lookups.create_user("王芳")
    stages = [s.id for s in crm.pipelines.default().stages]
    ids = {}
    for title, value, owner, tags in (("Big A", 500_000, alex, ["hot"]), ("Big B", 300_000, wang, []),
                                      ("Big C", 200_000, None, []), ("Small", 20_000, alex, []),
                                      ("Big trashed", 700_000, wang, [])):
        ids[title] = crm.deals.create(DealDraft(title, stage_id=stages[0], currency="EUR", value_minor=value,
                                                owner_id=owner, tags=tags))
    crm.deals.delete([ids["Big trashed"]])
    segment = crm.segments.create("Large deals", "deal", Group("all", (Condition("value", "gte", 1000),)))
    return {"ids": ids, "segment": segment, "alex": alex, "wang": wang}


def big(deals) -> list[int]:
    return [deals["ids"][t] for t in ("Big A", "Big B", "Big C")]


def versions(crm: Services, ids) -> dict[int, int]:
    return dict(crm.ctx.storage.database.db.execute_sql(
        f"SELECT id, version FROM deal WHERE id IN ({', '.join('?' * len(ids))})", list(ids)).fetchall())


def test_the_segment_names_exactly_its_live_deals(crm, deals):
    assert crm.segments.ids(deals["segment"]) == big(deals)


def test_tag_all_tags_only_the_segments_deals_and_undo_takes_it_back(crm, deals, sql, changes):
    ids = crm.segments.ids(deals["segment"])
    before = versions(crm, deals["ids"].values())
    change = crm.edits.add_tag("deal", ids, "  renewal  q3 ")
    assert change.tag == "renewal q3" and change.ids == tuple(ids)
    tagged = {r[0] for r in sql("SELECT dt.deal_id FROM deal_tag dt JOIN tag t ON t.id = dt.tag_id "
                                "WHERE t.name = 'renewal q3'")}
    assert tagged == set(ids)  # not the small deal, not the trashed one
    after = versions(crm, deals["ids"].values())
    assert {i for i in after if after[i] != before[i]} == set(ids)
    assert any(c.entity == "deal" and c.op == "update" and set(c.ids) == set(ids) for c in changes)

    # A deal that already had the tag is left out of the change, so Undo leaves it tagged.
    again = crm.edits.add_tag("deal", ids, "HOT")
    assert again.tag == "hot" and again.ids == (deals["ids"]["Big B"], deals["ids"]["Big C"])
    crm.edits.revert_tags(again)
    assert crm.deals.get(deals["ids"]["Big A"]).tags == ["hot", "renewal q3"]
    assert crm.deals.get(deals["ids"]["Big B"]).tags == ["renewal q3"]

    crm.edits.revert_tags(change)
    assert sql("SELECT count(*) FROM deal_tag dt JOIN tag t ON t.id = dt.tag_id "
               "WHERE t.name = 'renewal q3'") == [(0,)]
    crm.edits.reapply_tags(change)  # redo
    assert {r[0] for r in sql("SELECT dt.deal_id FROM deal_tag dt JOIN tag t ON t.id = dt.tag_id "
                              "WHERE t.name = 'renewal q3'")} == set(ids)


def test_assign_owner_to_all_undo_gives_each_deal_its_owner_back(crm, deals):
    ids = crm.segments.ids(deals["segment"])
    trashed = deals["ids"]["Big trashed"]
    stale = crm.deals.get(deals["ids"]["Big C"])
    owners = [crm.deals.get(i).owner_id for i in ids]
    assert owners[:2] == [deals["alex"], deals["wang"]] and owners[2] not in (deals["alex"], deals["wang"])
    change = crm.edits.assign_owner("deal", ids, deals["alex"])
    # Big A already had Alex: not changed, not in the change.
    assert [i for i, _ in change.previous] == [deals["ids"]["Big B"], deals["ids"]["Big C"]]
    assert {crm.deals.get(i).owner_id for i in ids} == {deals["alex"]}
    assert crm.ctx.storage.database.db.execute_sql(
        "SELECT owner_id FROM deal WHERE id = ?", (trashed,)).fetchone() == (deals["wang"],)
    # The version check: an edit made from the deal as it was before is refused.
    with pytest.raises(ConflictError):
        crm.deals.update(stale.id, stale.draft(), stale.version)

    assert crm.edits.revert_owner(change) == 0
    assert [crm.deals.get(i).owner_id for i in ids] == owners
    crm.edits.reapply_owner(change)
    assert {crm.deals.get(i).owner_id for i in ids} == {deals["alex"]}


def test_undoing_an_owner_change_keeps_an_owner_given_since(crm, deals, clock):
    ids = crm.segments.ids(deals["segment"])
    owners = [crm.deals.get(i).owner_id for i in ids]
    change = crm.edits.assign_owner("deal", ids, None)
    clock.advance(dt.timedelta(minutes=1))
    big_a = crm.deals.get(deals["ids"]["Big A"])
    draft = big_a.draft()
    draft.owner_id = deals["wang"]
    crm.deals.update(big_a.id, draft, big_a.version)
    assert crm.edits.revert_owner(change) == 1  # Big A was given to Wang since: kept
    assert [crm.deals.get(i).owner_id for i in ids] == [deals["wang"], *owners[1:]]


def test_a_task_for_each_deal_is_owned_by_the_deals_owner_and_undone_to_the_trash(crm, deals, sql, changes):
    ids = crm.segments.ids(deals["segment"])
    crm.edits.assign_owner("deal", [deals["ids"]["Big C"]], None)  # a deal nobody owns
    due = dt.datetime(2024, 5, 7, 9)
    created = crm.segments.create_deal_tasks(ids, TaskDraft("Send the renewal", due_at=due,
                                                            owner_id=deals["wang"]))
    assert len(created) == 3
    rows = sql(f"SELECT deal_id, owner_id, title, deleted_at FROM task WHERE id IN ({', '.join('?' * 3)}) "
               "ORDER BY deal_id", list(created))
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        (deals["ids"]["Big A"], deals["alex"], "Send the renewal", None),
        (deals["ids"]["Big B"], deals["wang"], "Send the renewal", None),
        (deals["ids"]["Big C"], deals["wang"], "Send the renewal", None)]  # nobody's: the draft's owner
    assert sql("SELECT count(*) FROM task WHERE deal_id IN (?, ?)",
               (deals["ids"]["Small"], deals["ids"]["Big trashed"])) == [(0,)]
    assert any(c.entity == "task" and c.op == "create" and c.ids == created for c in changes)
    assert any(c.entity == "deal" and set(c.ids) == set(ids) for c in changes)

    crm.tasks.delete(list(created))  # what Undo does
    assert sql("SELECT count(*) FROM task WHERE deal_id IS NOT NULL AND deleted_at IS NULL") == [(0,)]
    assert crm.tasks.restore(list(created)) == 3  # Redo brings the same tasks back


def test_move_all_to_the_trash_and_back(crm, deals):
    ids = crm.segments.ids(deals["segment"])
    assert crm.deals.delete(ids) == 3
    assert crm.segments.ids(deals["segment"]) == []
    assert crm.deals.get(deals["ids"]["Small"]).title == "Small"
    assert crm.deals.restore(ids) == 3
    assert crm.segments.ids(deals["segment"]) == ids
    # The deal that was in the trash before stays there.
    assert deals["ids"]["Big trashed"] not in crm.segments.ids(deals["segment"])


def test_trashing_all_takes_closed_deals_out_of_the_outcome_counts_and_undo_puts_them_back(crm, deals, sql):
    ids = crm.segments.ids(deals["segment"])
    crm.deals.win(deals["ids"]["Big A"])
    crm.deals.lose(deals["ids"]["Big B"], "Price")
    counts = "SELECT coalesce(sum(won), 0), coalesce(sum(lost), 0) FROM stage_outcome"
    lost = "SELECT coalesce(sum(deals), 0) FROM lost_outcome"
    assert sql(counts) == [(1, 1)] and sql(lost) == [(1,)]
    crm.deals.delete(ids)
    assert sql(counts) == [(0, 0)] and sql(lost) == [(0,)]
    crm.deals.restore(ids)
    assert sql(counts) == [(1, 1)] and sql(lost) == [(1,)]
