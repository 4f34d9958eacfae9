"""Use cases on deals: create and edit, move between stages, win, lose, undo, and read the board.

Every stage move, win and loss is written with its timeline entry and stage history in
one transaction, then announced as ``Change("deal", "stage", (id,))`` (follow-up rules
listen for it). Each returns a StageMove that ``undo`` reverts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from ..core.activities import ActivityDraft
from ..core.deals import (
    ConflictError,
    Deal,
    DealCard,
    DealDraft,
    DealFilter,
    Labels,
    StageMove,
    StageSpell,
    validate_deal,
)
from ..core.errors import FieldError, ValidationError
from ..core.records import TrashItem
from ..core.settings import currency_for_region
from ..storage.common import parse_ts
from .activities import ActivityService
from .changes import Change
from .context import ServiceContext

_RESTORE = ("stage_id = ?, status = ?, probability = ?, stage_entered_at = ?, value_minor = ?, "
            "closed_at = ?, lost_reason = ?, lost_note = ?")


class DealService:
    def __init__(self, ctx: ServiceContext, activities: ActivityService) -> None:
        self.ctx = ctx
        self.store = ctx.storage.deals
        self.activities = activities
        self.labels = Labels()  # the UI sets one speaking the user's language

    # -- writing ---------------------------------------------------------------------------
    def validate(self, draft: DealDraft) -> DealDraft:
        clean = validate_deal(draft)
        with self.ctx.read():
            stage = self.ctx.storage.pipelines.stage(clean.stage_id)
        if clean.pipeline_id is not None and clean.pipeline_id != stage.pipeline_id:
            raise ValidationError([FieldError("stage_id", "other_pipeline")])
        clean.pipeline_id = stage.pipeline_id
        if clean.owner_id is None:
            clean.owner_id = self.ctx.settings.current_user_id
        return clean

    def create(self, draft: DealDraft) -> int:
        clean = self.validate(draft)
        with self.ctx.write():
            now = self.ctx.clock.now()
            tag_ids = self.ctx.storage.tags.ensure(clean.tags, now)
            deal_id = self.store.insert(clean, [tag_ids[t] for t in clean.tags], now)
        self.ctx.changes.emit(Change("deal", "create", (deal_id,)))
        return deal_id

    def update(self, deal_id: int, draft: DealDraft, version: int) -> int:
        """Store an edit of the deal as read at ``version``; a changed stage is a stage move.

        Raises ConflictError when someone else saved the deal in between. Returns the new version.
        """
        clean = self.validate(draft)
        moved = False
        with self.ctx.write():
            now = self.ctx.clock.now()
            current = self.store.get(deal_id)
            if current.version != version:
                raise ConflictError(deal_id, current.title)
            tag_ids = self.ctx.storage.tags.ensure(clean.tags, now)
            version = self.store.update(deal_id, clean, [tag_ids[t] for t in clean.tags], version, now)
            if clean.stage_id != current.stage_id and current.status == "open":
                probability = clean.probability if clean.probability != current.probability_override else None
                # A deal put into another pipeline moves there with its new stage.
                moving = replace(current, pipeline_id=clean.pipeline_id)
                version = self._move_open(moving, clean.stage_id, version, now, probability).version
                moved = True
        self.ctx.changes.emit(Change("deal", "update", (deal_id,)))
        if moved:
            self.ctx.changes.emit(Change("deal", "stage", (deal_id,)))
        return version

    def move(self, deal_id: int, stage_id: int, version: int | None = None) -> StageMove | None:
        """Move an open deal to another stage of its pipeline (the probability becomes the
        stage's). None when it is already there. ``version``: the one the caller showed."""
        with self.ctx.write():
            deal = self._current(deal_id, version)
            if deal.status == "open" and deal.stage_id == stage_id:
                return None
            done = self._move_open(deal, stage_id, deal.version, self.ctx.clock.now())
        self._announce(done)
        return done

    def win(self, deal_id: int, value_minor: int | None = None, closed_on: dt.date | None = None,
            version: int | None = None) -> StageMove:
        """Mark a deal won, with its final value and close date (default: its value, today)."""
        if value_minor is not None and value_minor < 0:
            raise ValidationError([FieldError("value", "negative", str(value_minor))])
        with self.ctx.write():
            deal = self._current(deal_id, version)
            now = self.ctx.clock.now()
            closed = _close_time(closed_on, now)
            value = deal.value_minor if value_minor is None else value_minor
            self.store.count_outcome(deal_id, deal.status, deal.closed_at, -1)  # as counted, if closed
            new_version = self.store.bump(deal_id, deal.version, now,
                                          "status = 'won', value_minor = ?, closed_at = ?, lost_reason = '', "
                                          "lost_note = ''", (value, str(closed)))
            done = self._record(deal, None, "won", new_version, now, "deal_won",
                                f"{self._stage_name(deal.stage_id)} → {self.labels.won()}", "")
            self.store.count_outcome(deal_id, "won", closed, 1)
        self._announce(done)
        return done

    def lose(self, deal_id: int, reason: str, note: str = "", version: int | None = None) -> StageMove:
        """Mark a deal lost; a reason is required, the note is free text."""
        reason, note = " ".join(reason.split()), note.strip()
        if not reason:
            raise ValidationError([FieldError("lost_reason", "required")])
        with self.ctx.write():
            deal = self._current(deal_id, version)
            now = self.ctx.clock.now()
            self.store.count_outcome(deal_id, deal.status, deal.closed_at, -1)  # as counted, if closed
            new_version = self.store.bump(deal_id, deal.version, now,
                                          "status = 'lost', closed_at = ?, lost_reason = ?, lost_note = ?",
                                          (str(now), reason, note))
            body = reason if not note else f"{reason}\n{note}"
            done = self._record(deal, None, "lost", new_version, now, "deal_lost",
                                f"{self._stage_name(deal.stage_id)} → {self.labels.lost()}", body)
            self.store.count_outcome(deal_id, "lost", now, 1)
        self._announce(done)
        return done

    def undo(self, move: StageMove) -> int:
        """Put the deal back as it was before ``move`` (stage, probability, status, value, the
        timeline entry). ConflictError if it was changed since. Returns the new version."""
        with self.ctx.write():
            now = self.ctx.clock.now()
            current = self.store.get(move.deal_id)
            self.store.count_outcome(move.deal_id, current.status, current.closed_at, -1)
            version = self.store.bump(
                move.deal_id, move.version, now, _RESTORE,
                (move.from_stage_id, move.from_status, move.previous_probability,
                 _text(move.previous_entered_at), move.previous_value_minor, _text(move.previous_closed_at),
                 move.previous_lost_reason, move.previous_lost_note))
            self.store.undo_spells(move.history_id, move.closed_spell_id)
            self.store.count_outcome(move.deal_id, move.from_status, move.previous_closed_at, 1)
            self.ctx.storage.activities.soft_delete([move.activity_id], now)
        self.ctx.changes.emit(Change("deal", "stage", (move.deal_id,)))
        self.ctx.changes.emit(Change("activity", "delete", (move.activity_id,)))
        return version

    def delete(self, ids: Sequence[int]) -> int:
        with self.ctx.write():
            for deal_id, status, closed_at in self.store.closed(ids):
                self.store.count_outcome(deal_id, status, closed_at, -1)
            n = self.store.soft_delete(ids, self.ctx.clock.now())
        self.ctx.changes.emit(Change("deal", "delete", tuple(ids)))
        return n

    def restore(self, ids: Sequence[int]) -> int:
        with self.ctx.write():
            n = self.store.restore(ids, self.ctx.clock.now())
            for deal_id, status, closed_at in self.store.closed(ids):
                self.store.count_outcome(deal_id, status, closed_at, 1)
        self.ctx.changes.emit(Change("deal", "restore", tuple(ids)))
        return n

    def trashed(self) -> list[TrashItem]:
        """Deals in the trash, for the trash page (kind "deal")."""
        with self.ctx.read():
            rows = self.store.trashed()
        return [TrashItem("deal", i, title, parse_ts(at)) for i, title, at in rows]

    def purge(self, ids: Sequence[int]) -> int:
        """Delete trashed deals for good."""
        with self.ctx.write():
            n = self.store.purge(ids)
        self.ctx.changes.emit(Change("deal", "purge", tuple(ids)))
        return n

    # -- inside a write --------------------------------------------------------------------
    def _current(self, deal_id: int, version: int | None) -> Deal:
        deal = self.store.get(deal_id)
        if version is not None and deal.version != version:
            raise ConflictError(deal_id, deal.title)
        return deal

    def _move_open(self, deal: Deal, stage_id: int, version: int, now: dt.datetime,
                   probability: int | None = None) -> StageMove:
        target = self.ctx.storage.pipelines.stage(stage_id)
        if target.pipeline_id != deal.pipeline_id:
            raise ValidationError([FieldError("stage_id", "other_pipeline")])
        self.store.count_outcome(deal.id, deal.status, deal.closed_at, -1)  # a closed deal reopens
        new_version = self.store.bump(
            deal.id, version, now, "stage_id = ?, probability = ?, status = 'open', stage_entered_at = ?, "
            "closed_at = NULL, lost_reason = '', lost_note = ''", (stage_id, probability, str(now)))
        source = self._stage_name(deal.stage_id) if deal.status == "open" else (
            self.labels.won() if deal.status == "won" else self.labels.lost())
        return self._record(deal, stage_id, "open", new_version, now, "stage_change",
                            f"{source} → {self.labels.stage(target)}", "")

    def _record(self, deal: Deal, to_stage: int | None, status: str, version: int, now: dt.datetime,
                kind: str, subject: str, body: str) -> StageMove:
        """The stage history and timeline entry of a move just stored, and how to undo it."""
        ended = self.store.end_spell(deal.id, now)
        begun = self.store.begin_spell(deal.id, to_stage, now) if status == "open" else None
        activity_id = self.activities.log(ActivityDraft(
            kind, subject=f"{deal.title}: {subject}", body=body, occurred_at=now, deal_id=deal.id,
            contact_id=deal.contact_id, company_id=deal.company_id), emit=False)
        return StageMove(deal.id, deal.stage_id, to_stage if status == "open" else deal.stage_id,
                         deal.status, status, deal.probability_override, deal.stage_entered_at,
                         deal.value_minor, deal.closed_at, deal.lost_reason, deal.lost_note, activity_id,
                         begun, ended, version)

    def _stage_name(self, stage_id: int | None) -> str:
        if stage_id is None:
            return "—"
        return self.labels.stage(self.ctx.storage.pipelines.stage(stage_id))

    def _announce(self, move: StageMove | None) -> None:
        if move is not None:
            self.ctx.changes.emit(Change("deal", "stage", (move.deal_id,)))
            self.ctx.changes.emit(Change("activity", "create", (move.activity_id,)))

    # -- reading ---------------------------------------------------------------------------
    def default_currency(self) -> str:
        """The currency chosen in the settings, else the one of the user's region."""
        return self.ctx.settings.currency or currency_for_region(self.ctx.region)

    def get(self, deal_id: int) -> Deal:
        with self.ctx.read():
            return self.store.get(deal_id)

    def cards(self, flt: DealFilter, ids: Sequence[int] | None = None) -> list[DealCard]:
        with self.ctx.read():
            return self.store.cards(flt, self.ctx.clock.now(), ids)

    def count(self, flt: DealFilter) -> int:
        with self.ctx.read():
            return self.store.count(flt)

    def page(self, flt: DealFilter, sort: str, descending: bool, offset: int, limit: int) -> list[tuple]:
        with self.ctx.read():
            return self.store.page(flt, sort, descending, offset, limit)

    def tags_for(self, ids: Sequence[int]) -> dict[int, list[str]]:
        with self.ctx.read():
            return self.store.tags_for(ids)

    def history(self, deal_id: int) -> list[StageSpell]:
        with self.ctx.read():
            return self.store.history(deal_id)

    def tasks(self, deal_id: int) -> list[tuple[int, str, dt.datetime | None, dt.datetime | None]]:
        with self.ctx.read():
            return self.store.tasks(deal_id)

    def files(self, deal_id: int) -> list[tuple[int, str, int, dt.datetime | None]]:
        with self.ctx.read():
            return self.store.files(deal_id)

    def currencies(self) -> list[str]:
        with self.ctx.read():
            return self.store.currencies()

    def for_contact(self, contact_id: int) -> list[int]:
        with self.ctx.read():
            return self.store.ids_for(contact_id=contact_id)

    def for_company(self, company_id: int) -> list[int]:
        with self.ctx.read():
            return self.store.ids_for(company_id=company_id)


def _close_time(day: dt.date | None, now: dt.datetime) -> dt.datetime:
    """A close date as a stored time: now if it is today (or not given), else that day at noon UTC."""
    if day is None or day == now.date():
        return now
    return dt.datetime.combine(day, dt.time(12, 0))


def _text(value: dt.datetime | None) -> str | None:
    return None if value is None else str(value)


_DEMO_DEALS = ("CRM rollout", "Annual renewal", "Pilot project", "Support contract", "Website redesign",
               "Hardware refresh", "Training package", "Consulting days", "年度采购", "系统升级",
               "Expansion: 20 seats", "Cloud migration")


def seed_demo_deals(ctx: ServiceContext, contact_ids: Sequence[int], rng, count: int = 60) -> list[int]:
    """A believable pipeline: deals that went through the stages over the past months (with
    their history and timeline), some still open, some won, some lost with a reason.

    Each deal is written through the services with the clock set back to when it happened.
    """
    from .contacts import ContactService

    pipeline = ctx.storage.pipelines.all()[0]
    stages = [s.id for s in pipeline.stages]
    reasons = [r.name or Labels.REASONS.get(r.key, r.key) for r in ctx.storage.pipelines.lost_reasons()]
    people = ContactService(ctx)
    deals = DealService(ctx, ActivityService(ctx))
    real_clock, made = ctx.clock, []
    currency = deals.default_currency()
    try:
        for _ in range(min(count, len(contact_ids))):
            contact = people.get(rng.choice(list(contact_ids)))
            made.append(_demo_deal(ctx, deals, real_clock.now(), contact, stages, reasons, currency, rng))
    finally:
        ctx.clock = real_clock
    return made


def _demo_deal(ctx: ServiceContext, deals: DealService, now: dt.datetime, contact, stages: list[int],
               reasons: list[str], currency: str, rng) -> int:
    from ..core.clock import FixedClock

    outcome = rng.random()
    still_open = outcome < 0.5
    # Open deals were started lately; closed ones any time in the past half year.
    days = rng.randint(2, 45) if still_open else rng.randint(20, 200)
    age = dt.timedelta(days=days, hours=rng.randint(0, 8))
    clock = ctx.clock = FixedClock(now - age)
    title = f"{rng.choice(_DEMO_DEALS)} · {contact.data.company_name or contact.full_name}"
    deal_id = deals.create(DealDraft(
        title, stage_id=stages[0], company_id=contact.data.company_id, contact_id=contact.id,
        value_minor=rng.randint(10, 800) * 10_000, currency=currency, owner_id=contact.data.owner_id,
        expected_close=(now + dt.timedelta(days=rng.randint(-10, 120))).date(),
        source=rng.choice(("Website", "Referral", "Trade show", "Cold call", "")),
        next_step=rng.choice(("Send the quote", "Book a demo", "Call the buyer", ""))))
    for stage_id in stages[1:rng.randint(1, len(stages))]:
        step = dt.timedelta(days=rng.randint(1, 9), hours=rng.randint(0, 6))
        if clock.now() + step >= now:
            break
        clock.advance(step)
        deals.move(deal_id, stage_id)
    step = dt.timedelta(days=rng.randint(1, 10))
    if still_open or clock.now() + step >= now:
        if rng.random() < 0.6:
            _demo_next_step(ctx, deal_id, contact, now + dt.timedelta(days=rng.randint(-2, 10), hours=2), rng)
        return deal_id
    clock.advance(step)
    if outcome < 0.8:
        deals.win(deal_id)
    else:
        deals.lose(deal_id, rng.choice(reasons), "")
    return deal_id


def _demo_next_step(ctx: ServiceContext, deal_id: int, contact, due: dt.datetime, rng) -> None:
    from ..core.tasks import TaskDraft
    from .tasks import TaskService

    title = rng.choice(("Call about the quote", "Send the proposal", "Demo with the team", "Follow up"))
    TaskService(ctx, ActivityService(ctx)).create(TaskDraft(
        title, due_at=due, deal_id=deal_id, contact_id=contact.id, company_id=contact.data.company_id,
        owner_id=contact.data.owner_id), emit=False)
