"""A customer's page: its timeline, key figures, deals, tasks and people, read in one place."""

from __future__ import annotations

import datetime as dt

from ..core.activities import INTERACTION_KINDS
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

    def page(self, target: Target, query: TimelineQuery, offset: int, limit: int) -> list[TimelineEntry]:
        with self.ctx.read():
            return self.store.page(target, query, offset, limit)

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
                                   [c.value for c in d.phones], list(d.tags), d.website)
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
        due, title = follow_up or (None, "")
        return KeyFigures(since, last, due, title, Money.of(open_deals), open_count, Money.of([*won, *paid]),
                          Money.of(owed))

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
