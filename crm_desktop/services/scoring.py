"""Lead scoring: user-editable rules, the stored score of each contact, and the "Hot leads" list."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from ..core.errors import FieldError, NotFoundError, ValidationError
from ..core.scoring import HOT_THRESHOLD, SCORE_KINDS, ScoreRule
from ..storage.common import parse_ts, ts
from ..storage.rules import ScoreStore
from .changes import Change
from .context import ServiceContext

# A full scoring pass at most this often (interaction counts change with time alone), in slices
# of this many contact ids so no write holds the database for long; edited contacts in between.
FULL_EVERY = dt.timedelta(hours=24)
SLICE = 50_000
INCREMENTAL_LIMIT = 50_000
FULL_AT, FULL_RULES = "scores.full_at", "scores.rules"


@dataclass(frozen=True)
class HotLead:
    contact_id: int
    name: str
    company: str
    score: int
    top_reason: ScoreRule | None


class ScoringService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.store: ScoreStore = ctx.storage.scores
        self.threshold = HOT_THRESHOLD
        self._last_refresh: dt.datetime | None = None
        self.stop_requested = threading.Event()  # set when the app quits: a full pass stops between slices
        # Contacts and activities written since the last pass, as the change feed tells them
        # (any thread); a tag added or a call logged changes a score without touching the contact row.
        self._dirty_lock = threading.Lock()
        self._dirty: dict[str, set[int]] = {"contact": set(), "activity": set()}
        ctx.changes.subscribe(self._on_change)

    # -- rules ---------------------------------------------------------------------------
    def rules(self) -> list[ScoreRule]:
        with self.ctx.read():
            return self.store.rules()

    def save_rule(self, rule: ScoreRule) -> int:
        if rule.kind not in SCORE_KINDS:
            raise ValidationError([FieldError("kind", "invalid", rule.kind)])
        if not -1000 <= rule.points <= 1000:
            raise ValidationError([FieldError("points", "invalid", str(rule.points))])
        now = self.ctx.clock.now()
        with self.ctx.write():
            if rule.id is None:
                rule_id = self.store.add_rule(rule, now)
            else:
                self.store.update_rule(rule, now)
                rule_id = rule.id
        self.ctx.changes.emit(Change("score_rule", "update", (rule_id,)))
        return rule_id

    def delete_rule(self, rule_id: int) -> None:
        with self.ctx.write():
            self.store.delete_rule(rule_id, self.ctx.clock.now())
        self.ctx.changes.emit(Change("score_rule", "delete", (rule_id,)))

    def restore_rule(self, rule_id: int) -> None:
        """Bring a deleted scoring rule back; NotFoundError when it is not deleted."""
        with self.ctx.write():
            if not self.store.restore_rule(rule_id, self.ctx.clock.now()):
                raise NotFoundError("score_rule", rule_id)
        self.ctx.changes.emit(Change("score_rule", "create", (rule_id,)))

    # -- scores --------------------------------------------------------------------------
    def recompute(self, contact_ids: Sequence[int] | None = None) -> int:
        """Score every contact (or the given ones) by the current rules; how many were scored."""
        with self.ctx.write():
            n = self.store.recompute(self.store.rules(), self.ctx.clock.now(), contact_ids)
        self.ctx.changes.emit(Change("score", "update", tuple(contact_ids or ())))
        return n

    def refresh(self) -> int:
        """Keep scores current at little cost: a full pass (in slices, each its own short write) when
        there are none, the rules changed or a day has passed (interaction counts age); else only the
        contacts edited since the last pass. How many contacts were scored."""
        now = self.ctx.clock.now()
        with self.ctx.read():
            signature = _signature(self.store.rules())
            full_at = parse_ts(self.store.state(FULL_AT))
            same_rules = self.store.state(FULL_RULES) == signature
        if full_at is None or not same_rules or not dt.timedelta(0) <= now - full_at <= FULL_EVERY:
            return self._recompute_in_slices(now, signature)
        since = self._last_refresh or full_at
        with self._dirty_lock:
            contacts, activities = self._dirty["contact"], self._dirty["activity"]
            self._dirty = {"contact": set(), "activity": set()}
        with self.ctx.read():
            changed = set(self.store.changed_contacts(since, INCREMENTAL_LIMIT)) | contacts
            changed |= set(self.store.contacts_of_activities(sorted(activities)))
        self._last_refresh = now
        if not changed:
            return 0
        return self.recompute(sorted(changed))

    def _on_change(self, change: Change) -> None:
        if change.entity in self._dirty and change.ids:
            with self._dirty_lock:
                self._dirty[change.entity].update(change.ids)

    def _recompute_in_slices(self, now: dt.datetime, signature: str) -> int:
        with self._dirty_lock:  # everyone is scored now
            self._dirty = {"contact": set(), "activity": set()}
        with self.ctx.read():
            rules = self.store.rules()
            first, last = self.store.contact_id_range()
        n = 0
        for start in range(first, last + 1, SLICE):
            if self.stop_requested.is_set():
                return n  # unfinished: the next refresh starts the full pass again
            with self.ctx.write():
                n += self.store.recompute_range(rules, now, start, min(start + SLICE - 1, last))
        with self.ctx.write():
            self.store.set_state(FULL_AT, ts(now))
            self.store.set_state(FULL_RULES, signature)
        self._last_refresh = now
        self.ctx.changes.emit(Change("score", "update"))
        return n

    def score_of(self, contact_id: int) -> tuple[int, ScoreRule | None] | None:
        """(score, top reason) of a contact, or None if it has not been scored yet."""
        with self.ctx.read():
            found = self.store.score_of(contact_id)
            rules = {r.id: r for r in self.store.rules()}
        if found is None:
            return None
        return found[0], rules.get(found[1])

    def hot_leads(self, limit: int = 200, offset: int = 0, threshold: int | None = None) -> list[HotLead]:
        with self.ctx.read():
            rules = {r.id: r for r in self.store.rules()}
            rows = self.store.hot(self.threshold if threshold is None else threshold, limit, offset)
        return [HotLead(cid, name, company, score, rules.get(top)) for cid, name, company, score, top in rows]

    def hot_count(self, threshold: int | None = None) -> int:
        with self.ctx.read():
            return self.store.hot_count(self.threshold if threshold is None else threshold)


def _signature(rules: Sequence[ScoreRule]) -> str:
    """The rules as they score (a full pass is due when this changes)."""
    return json.dumps([(r.id, r.kind, r.points, r.enabled, r.config) for r in rules], sort_keys=True)
