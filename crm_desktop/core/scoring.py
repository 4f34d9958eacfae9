"""Lead scoring: points for what a contact has or did, summed; the biggest one is the reason.

Each rule gives its points when its test holds for a contact:

- tag: the contact carries tag X;
- field: a field is filled (email, phone, title, company, website, address, birthday);
- company_size: the contact's company has at least N employees;
- source: the contact came from source X;
- interactions: at least N calls, e-mails or meetings in the last D days;
- deal_stage: the contact has an open deal in stage S.

Scores are stored per contact, so "Hot leads" is one index range however many contacts
there are. A rule with negative points lowers the score (e.g. tag "unsubscribed").
"""

from __future__ import annotations

from dataclasses import dataclass, field

TAG, FIELD, COMPANY_SIZE, SOURCE, INTERACTIONS, DEAL_STAGE = (
    "tag", "field", "company_size", "source", "interactions", "deal_stage")
SCORE_KINDS = (TAG, FIELD, COMPANY_SIZE, SOURCE, INTERACTIONS, DEAL_STAGE)
SCORE_FIELDS = ("email", "phone", "title", "company", "website", "address", "birthday")
HOT_THRESHOLD = 50


@dataclass
class ScoreRule:
    id: int | None
    kind: str
    points: int
    config: dict = field(default_factory=dict)
    label: str = ""
    enabled: bool = True
    position: int = 0


@dataclass(frozen=True)
class ContactFacts:
    """What scoring looks at for one contact (used to score without the database)."""

    tags: frozenset[str] = frozenset()  # case-folded
    fields: frozenset[str] = frozenset()  # the SCORE_FIELDS that are filled
    company_size: int | None = None
    source: str = ""
    interactions_in: dict[int, int] = field(default_factory=dict)  # days -> count
    deal_stages: frozenset[int] = frozenset()


def matches(rule: ScoreRule, facts: ContactFacts) -> bool:
    c = rule.config
    if rule.kind == TAG:
        return str(c.get("tag", "")).casefold() in facts.tags
    if rule.kind == FIELD:
        return c.get("field") in facts.fields
    if rule.kind == COMPANY_SIZE:
        return facts.company_size is not None and facts.company_size >= int(c.get("min", 0))
    if rule.kind == SOURCE:
        return facts.source.casefold() == str(c.get("source", "")).casefold() != ""
    if rule.kind == INTERACTIONS:
        return facts.interactions_in.get(int(c.get("days", 30)), 0) >= int(c.get("count", 1))
    if rule.kind == DEAL_STAGE:
        return c.get("stage_id") in facts.deal_stages
    return False


def score(rules: list[ScoreRule], facts: ContactFacts) -> tuple[int, ScoreRule | None]:
    """(total points, the matching rule giving the most points) — the top reason."""
    hits = [r for r in rules if r.enabled and matches(r, facts)]
    top = max(hits, key=lambda r: (r.points, -r.position), default=None)
    return sum(r.points for r in hits), top if top is not None and top.points > 0 else None
