"""Lead scoring: user-editable rules, the stored score of each contact, and the "Hot leads" list."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..core.errors import FieldError, ValidationError
from ..core.scoring import HOT_THRESHOLD, SCORE_KINDS, ScoreRule
from ..storage.rules import ScoreStore
from .changes import Change
from .context import ServiceContext


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

    # -- scores --------------------------------------------------------------------------
    def recompute(self, contact_ids: Sequence[int] | None = None) -> int:
        """Score every contact (or the given ones) by the current rules; how many were scored."""
        with self.ctx.write():
            n = self.store.recompute(self.store.rules(), self.ctx.clock.now(), contact_ids)
        self.ctx.changes.emit(Change("score", "update", tuple(contact_ids or ())))
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
