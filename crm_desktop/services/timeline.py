"""A customer's page: its timeline, key figures, deals, tasks and people, read in one place."""

from __future__ import annotations

import datetime as dt

from ..core.activities import INTERACTION_KINDS
from ..core.consent import consent_withdrawn
from ..core.customer import (
    DealRow,
    KeyFigures,
    Money,
    Person,
    ProfileText,
    Target,
    TaskRow,
    TimelineEntry,
    TimelineQuery,
)
from ..storage.common import parse_ts
from .context import ServiceContext

_EVERYTHING = TimelineQuery()


class TimelineService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.store = ctx.storage.timeline
        self.customers = ctx.storage.customers

    # -- the stream ----------------------------------------------------------------------
    def count(self, target: Target, query: TimelineQuery = _EVERYTHING) -> int:
        with self.ctx.read():
            return self.store.count(target, query)

    def page(self, target: Target, query: TimelineQuery, offset: int, limit: int,
             total: int | None = None) -> list[TimelineEntry]:
        """A page of the timeline; pass the count as ``total`` to read late pages faster."""
        with self.ctx.read():
            return self.store.page(target, query, offset, limit, total)

    def row_of_date(self, target: Target, query: TimelineQuery, day: dt.date) -> int:
        with self.ctx.read():
            return self.store.row_of_date(target, query, day)

    # -- the header ----------------------------------------------------------------------
    def profile(self, target: Target) -> ProfileText:
        storage = self.ctx.storage
        users = {u.id: u.name for u in storage.users.all()}
        with self.ctx.read():
            if target.kind == "contact":
                rec = storage.contacts.get(target.id)
                d = rec.data
                return ProfileText(rec.full_name, d.title, d.company_id, d.company_name,
                                   users.get(d.owner_id, ""), [c.value for c in d.emails],
                                   [c.value for c in d.phones], list(d.tags), d.website,
                                   do_not_contact=d.do_not_contact, consent_withdrawn=consent_withdrawn(d))
            rec = storage.companies.get(target.id)
            d = rec.data
            return ProfileText(d.name, "", None, "", users.get(d.owner_id, ""), [d.email] if d.email else [],
                               [d.phone] if d.phone else [], list(d.tags), d.website, d.industry)

    def key_figures(self, target: Target) -> KeyFigures:
        """Customer since, last interaction, next follow-up, open deals, lifetime revenue
        (won deals plus payments on orders outside won deals) and what is still owed."""
        with self.ctx.read():
            since = self.customers.customer_since(target)
            last = self.customers.last_interaction(target, INTERACTION_KINDS)
            follow_up = self.customers.next_follow_up(target)
            open_deals, open_count, won = self.customers.deal_sums(target)
            paid = self.ctx.storage.orders.paid_outside_won_deals(target)
            owed = self.ctx.storage.orders.outstanding(target)
            score = self.customers.score(target)
        due, title = follow_up or (None, "")
        return KeyFigures(since, last, due, title, Money.of(open_deals), open_count, Money.of([*won, *paid]),
                          Money.of(owed), score)

    # -- panels --------------------------------------------------------------------------
    def deals(self, target: Target) -> list[DealRow]:
        with self.ctx.read():
            rows = self.customers.deals(target)
        return [DealRow(*row) for row in rows]

    def tasks(self, target: Target) -> list[TaskRow]:
        with self.ctx.read():
            rows = self.customers.tasks(target)
        return [TaskRow(i, title, parse_ts(due), parse_ts(done), prio, person)
                for i, title, due, done, prio, person in rows]

    def people(self, company_id: int) -> list[Person]:
        with self.ctx.read():
            return [Person(*row, relation="employee") for row in self.customers.people(company_id)]


DEMO_SUBJECTS = {
    "call": ("Intro call", "Pricing questions", "Follow-up on the quote", "回访电话", "Renewal check-in"),
    "email": ("Sent the brochure", "Quote attached", "Thank-you note", "发送报价单", "Meeting summary"),
    "meeting": ("Product demo", "On-site visit", "Quarterly review", "上门拜访", "Contract signing"),
    "note": ("Prefers calls in the morning", "Budget approved next quarter", "对价格比较敏感",
             "Decision maker is the CFO", "Met at the trade fair"),
}
DEMO_OUTCOMES = ("Connected", "Left a voicemail", "Interested", "Follow up later", "")
DEMO_PRODUCTS = (("Annual licence", 1_200_00), ("Support plan", 300_00), ("Training day", 800_00),
                 ("Installation", 450_00), ("实施服务", 2_000_00))


def seed_demo_history(ctx: ServiceContext, contact_ids: list[int], rng, share: float = 0.4) -> int:
    """Give some demo people a past: calls, e-mails, meetings, notes, orders, payments, cases.

    Written straight through the stores in one transaction; returns the entries added."""
    users = [u.id for u in ctx.storage.users.all()] or [None]
    added = 0
    with ctx.write():
        for contact_id in contact_ids:
            if rng.random() <= share:
                added += _demo_activities(ctx, contact_id, rng, users)
                added += _demo_orders(ctx, contact_id, rng)
                added += _demo_case(ctx, contact_id, rng)
    return added


def _demo_activities(ctx: ServiceContext, contact_id: int, rng, users: list) -> int:
    from ..core.activities import ActivityDraft

    now, n = ctx.clock.now(), rng.randint(2, 12)
    for _ in range(n):
        kind = rng.choice(("call", "call", "email", "email", "meeting", "note"))
        timed = kind in ("call", "meeting")
        ctx.storage.activities.add(ActivityDraft(
            kind, subject=rng.choice(DEMO_SUBJECTS[kind]),
            outcome=rng.choice(DEMO_OUTCOMES) if kind == "call" else "",
            occurred_at=now - dt.timedelta(days=rng.randint(0, 700), minutes=rng.randint(0, 600)),
            duration_s=rng.randint(2, 45) * 60 if timed else None, contact_id=contact_id,
            owner_id=rng.choice(users)), now)
    return n


def _demo_orders(ctx: ServiceContext, contact_id: int, rng) -> int:
    from ..core.orders import OrderDraft, OrderLineDraft

    now, n, orders = ctx.clock.now(), rng.choice((0, 0, 1, 2, 3)), ctx.storage.orders
    for _ in range(n):
        ordered = now - dt.timedelta(days=rng.randint(5, 500))
        lines = [OrderLineDraft(name, rng.randint(1, 5), price)
                 for name, price in rng.sample(DEMO_PRODUCTS, rng.randint(1, 3))]
        draft = OrderDraft(ordered, lines, currency="CNY", contact_id=contact_id,
                           due_at=ordered + dt.timedelta(days=30))
        order_id = orders.add(draft, now)
        paid = rng.choice((draft.total_minor, draft.total_minor, draft.total_minor // 2, 0))
        if paid:
            paid_at = ordered + dt.timedelta(days=rng.randint(1, 40))
            orders.add_payment(order_id, paid, paid_at, "Bank transfer", now)
            orders.settle(order_id, now)
    return n


def _demo_case(ctx: ServiceContext, contact_id: int, rng) -> int:
    from ..core.cases import CaseDraft

    if rng.random() >= 0.2:
        return 0
    now = ctx.clock.now()
    draft = CaseDraft("Delivery was late", rng.choice(("complaint", "question")), rng.randint(0, 2),
                      contact_id=contact_id)
    case_id = ctx.storage.cases.add(draft, now)
    if rng.random() < 0.5:
        ctx.storage.cases.set_status(case_id, "resolved", now)
    return 1
