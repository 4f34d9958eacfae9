"""Pipelines, stages and deals as plain data, with the rules that need no database.

Money is kept in minor units (cents, fen) as an integer with an explicit ISO 4217
currency code; the UI formats it with the user's locale.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation

from .errors import CrmError, FieldError, ValidationError

DEAL_STATUSES = ("open", "won", "lost")
# Currencies whose minor unit is not a hundredth (ISO 4217 exponent).
_EXPONENTS = {"JPY": 0, "KRW": 0, "VND": 0, "CLP": 0, "ISK": 0, "BHD": 3, "KWD": 3, "JOD": 3, "TND": 3}
_CURRENCY = re.compile(r"[A-Z]{3}")
MAX_VALUE_MINOR = 10 ** 15  # a quadrillion cents: larger is a typing error
TITLE_MAX = 200


class ConflictError(CrmError):
    """The deal was changed elsewhere (another window or process) since it was read."""

    def __init__(self, deal_id: int, title: str = "") -> None:
        super().__init__(f"deal {deal_id} was changed elsewhere")
        self.deal_id = deal_id
        self.title = title


class StageInUseError(CrmError):
    """A stage that still holds deals cannot go without saying where they move."""

    def __init__(self, stage_id: int, deals: int) -> None:
        super().__init__(f"stage {stage_id} holds {deals} deals")
        self.stage_id = stage_id
        self.deals = deals


def currency_exponent(currency: str) -> int:
    return _EXPONENTS.get(currency.upper(), 2)


def to_minor(amount: Decimal, currency: str) -> int:
    return int((amount * (10 ** currency_exponent(currency))).to_integral_value())


def from_minor(value_minor: int, currency: str) -> Decimal:
    return Decimal(value_minor) / (10 ** currency_exponent(currency))


def parse_amount(text: str, currency: str, field_name: str = "value") -> int:
    """Minor units from plain text such as ``1234.5`` or ``1,234.50``; rejects the rest.

    Raises ValidationError with code ``not_a_number``, ``negative`` or ``too_large``.
    """
    cleaned = text.strip().replace(",", "").replace(" ", "").replace("\u00a0", "")
    if not cleaned:
        return 0
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise ValidationError([FieldError(field_name, "not_a_number", text)]) from None
    if not amount.is_finite():
        raise ValidationError([FieldError(field_name, "not_a_number", text)])
    if amount < 0:
        raise ValidationError([FieldError(field_name, "negative", text)])
    minor = to_minor(amount, currency)
    if minor > MAX_VALUE_MINOR:
        raise ValidationError([FieldError(field_name, "too_large", text)])
    return minor


def weighted(value_minor: int, probability: int) -> int:
    """Value × probability, rounded half up to a whole minor unit."""
    return (value_minor * probability + 50) // 100


@dataclass
class Stage:
    id: int
    pipeline_id: int
    name: str  # empty for a default stage never renamed: shown in the user's language
    key: str
    position: int
    probability: int
    rotting_days: int | None


@dataclass
class Pipeline:
    id: int
    name: str
    key: str
    position: int
    is_default: bool
    stages: list[Stage] = field(default_factory=list)

    def stage(self, stage_id: int) -> Stage | None:
        return next((s for s in self.stages if s.id == stage_id), None)

    def neighbour(self, stage_id: int, step: int) -> Stage | None:
        """The stage ``step`` columns to the right (negative: left), or None past either end."""
        ids = [s.id for s in self.stages]
        if stage_id not in ids:
            return None
        at = ids.index(stage_id) + step
        return self.stages[at] if 0 <= at < len(ids) else None


@dataclass
class LineItem:
    description: str
    quantity: float = 1.0
    unit_price_minor: int = 0

    @property
    def total_minor(self) -> int:
        return round(self.quantity * self.unit_price_minor)


@dataclass
class DealDraft:
    title: str = ""
    pipeline_id: int | None = None
    stage_id: int | None = None
    company_id: int | None = None
    contact_id: int | None = None
    value_minor: int = 0
    currency: str = ""
    expected_close: dt.date | None = None
    probability: int | None = None  # None: the stage's
    owner_id: int | None = None
    source: str = ""
    tags: list[str] = field(default_factory=list)
    next_step: str = ""
    notes: str = ""  # pain points and needs
    lines: list[LineItem] = field(default_factory=list)


@dataclass
class Deal:
    id: int
    uuid: str
    title: str
    pipeline_id: int
    stage_id: int | None
    company_id: int | None
    contact_id: int | None
    value_minor: int
    currency: str
    expected_close: dt.date | None
    probability_override: int | None
    stage_probability: int
    status: str
    lost_reason: str
    lost_note: str
    closed_at: dt.datetime | None
    stage_entered_at: dt.datetime | None
    source: str
    next_step: str
    notes: str
    owner_id: int | None
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime
    company_name: str = ""
    contact_name: str = ""
    tags: list[str] = field(default_factory=list)
    lines: list[LineItem] = field(default_factory=list)

    @property
    def probability(self) -> int:
        if self.status == "won":
            return 100
        if self.status == "lost":
            return 0
        return self.stage_probability if self.probability_override is None else self.probability_override

    def draft(self) -> DealDraft:
        return DealDraft(self.title, self.pipeline_id, self.stage_id, self.company_id, self.contact_id,
                         self.value_minor, self.currency, self.expected_close, self.probability_override,
                         self.owner_id, self.source, list(self.tags), self.next_step, self.notes,
                         [replace(line) for line in self.lines])


@dataclass(frozen=True)
class DealCard:
    """What a board card shows, read in one query for a whole pipeline."""

    id: int
    stage_id: int
    title: str
    company_name: str
    contact_name: str
    value_minor: int
    currency: str
    probability: int
    owner_id: int | None
    expected_close: dt.date | None
    next_task: str
    next_task_due: dt.datetime | None
    stage_entered_at: dt.datetime | None
    rotting_days: int | None
    version: int
    has_future_task: bool

    @property
    def weighted_minor(self) -> int:
        return weighted(self.value_minor, self.probability)

    def days_in_stage(self, now: dt.datetime) -> int:
        if self.stage_entered_at is None:
            return 0
        return max(0, (now - self.stage_entered_at).days)

    def is_rotting(self, now: dt.datetime) -> bool:
        """Longer in its stage than the stage allows, with nothing scheduled ahead."""
        if self.rotting_days is None or self.has_future_task:
            return False
        return self.days_in_stage(now) > self.rotting_days


@dataclass(frozen=True)
class DealFilter:
    """What the board and the deal list show; empty fields do not filter."""

    pipeline_id: int | None = None
    status: str = "open"  # "open" | "won" | "lost" | "" (all)
    owner_id: int | None = None
    tag_id: int | None = None
    company_id: int | None = None
    close_from: dt.date | None = None
    close_to: dt.date | None = None  # inclusive
    min_value_minor: int | None = None
    max_value_minor: int | None = None
    text: str = ""
    close_period: str = ""  # a period relative to today the dates stand for; kept when saved
    # A saved segment's condition, ``(sql, params)`` on the unaliased deal table as
    # storage.segments compiles it; never saved with the filter (its dates are relative to now).
    segment: tuple[str, tuple] | None = None

    def with_(self, **changes) -> DealFilter:
        return replace(self, **changes)

    def to_payload(self) -> dict:
        out = {}
        for key, value in self.__dict__.items():
            if key == "segment":
                continue
            out[key] = value.isoformat() if isinstance(value, dt.date) else value
        return out

    @classmethod
    def from_payload(cls, payload: dict) -> DealFilter:
        known = cls.__dataclass_fields__
        values = {}
        for key, value in payload.items():
            if key not in known:
                continue
            if key in ("close_from", "close_to") and isinstance(value, str):
                value = dt.date.fromisoformat(value)
            values[key] = value
        return cls(**values)


def segment_group(flt: DealFilter):
    """The deal list's filter as a deal segment's conditions, and the keys of what a segment
    cannot say (the text search, the organisation), which are left out.

    A period relative to today is kept as the dates it stands for now.
    """
    from .segments import Condition, Group

    items: list[Condition] = []
    if flt.pipeline_id is not None:
        items.append(Condition("pipeline", "is", (flt.pipeline_id,)))
    if flt.status:
        items.append(Condition("status", "is", flt.status))
    if flt.owner_id is not None:
        items.append(Condition("owner", "is", (flt.owner_id,)))
    if flt.tag_id is not None:
        items.append(Condition("tags", "has_any", (flt.tag_id,)))
    # "after" a day means from the next one, "before" up to the one before: the list's bounds are inclusive.
    day = dt.timedelta(days=1)
    if flt.close_from is not None:
        items.append(Condition("expected_close", "after", (flt.close_from - day).isoformat()))
    if flt.close_to is not None:
        items.append(Condition("expected_close", "before", (flt.close_to + day).isoformat()))
    # A segment's value is in major units, compared as hundredths (as storage.segments compiles it).
    for op, minor in (("gte", flt.min_value_minor), ("lte", flt.max_value_minor)):
        if minor is not None:
            amount = minor / 100
            items.append(Condition("value", op, int(amount) if amount.is_integer() else amount))
    left_out = tuple(key for key, value in (("text", " ".join(flt.text.split())),
                                             ("company_id", flt.company_id)) if value)
    return Group("all", tuple(items)), left_out


@dataclass(frozen=True)
class ColumnTotals:
    count: int = 0
    value_minor: int = 0
    weighted_minor: int = 0

    @classmethod
    def of(cls, cards) -> ColumnTotals:
        cards = list(cards)
        return cls(len(cards), sum(c.value_minor for c in cards), sum(c.weighted_minor for c in cards))


@dataclass(frozen=True)
class StageMove:
    """A stage move as done, with what undoing it needs."""

    deal_id: int
    from_stage_id: int | None
    to_stage_id: int | None
    from_status: str
    to_status: str
    previous_probability: int | None
    previous_entered_at: dt.datetime | None
    previous_value_minor: int
    previous_closed_at: dt.datetime | None
    previous_lost_reason: str
    previous_lost_note: str
    activity_id: int
    history_id: int | None  # the stay begun by the move (none when it closed the deal)
    closed_spell_id: int | None  # the stay the move ended
    version: int  # the deal's version after the move


@dataclass(frozen=True)
class MovedDeal:
    """A deal a deleted stage sent elsewhere, with what it had before (for the undo)."""

    deal_id: int
    version: int  # the deal's version after the move
    entered_at: str | None  # when it had entered the deleted stage (as stored)
    probability: int | None  # its own probability, if it had one
    ended_spell: int | None  # its stay in the deleted stage, ended by the move
    begun_spell: int | None  # the stay the move began


@dataclass(frozen=True)
class StageDeletion:
    """A stage deleted, its deals moved to ``move_to``: what undoing it needs."""

    stage_id: int
    move_to: int | None
    deals: tuple[MovedDeal, ...]


@dataclass(frozen=True)
class StageSpell:
    """One stay of a deal in a stage."""

    stage_id: int | None
    stage_name: str
    stage_key: str
    entered_at: dt.datetime
    left_at: dt.datetime | None

    def duration(self, now: dt.datetime) -> dt.timedelta:
        return (self.left_at or now) - self.entered_at


@dataclass(frozen=True)
class LostReason:
    id: int
    name: str
    key: str
    position: int


def validate_deal(draft: DealDraft) -> DealDraft:
    title = " ".join(draft.title.split())
    currency = draft.currency.strip().upper()
    errors = []
    if not title:
        errors.append(FieldError("title", "required"))
    elif len(title) > TITLE_MAX:
        errors.append(FieldError("title", "too_long"))
    if draft.stage_id is None:
        errors.append(FieldError("stage_id", "required"))
    if not _CURRENCY.fullmatch(currency):
        errors.append(FieldError("currency", "invalid_currency", draft.currency))
    if not isinstance(draft.value_minor, int) or isinstance(draft.value_minor, bool):
        errors.append(FieldError("value", "not_a_number", str(draft.value_minor)))
    elif draft.value_minor < 0:
        errors.append(FieldError("value", "negative", str(draft.value_minor)))
    elif draft.value_minor > MAX_VALUE_MINOR:
        errors.append(FieldError("value", "too_large", str(draft.value_minor)))
    if draft.probability is not None and not 0 <= draft.probability <= 100:
        errors.append(FieldError("probability", "out_of_range", str(draft.probability)))
    for index, line in enumerate(draft.lines):
        if line.quantity < 0 or line.unit_price_minor < 0:
            errors.append(FieldError("lines", "negative", line.description, index))
    if errors:
        raise ValidationError(errors)
    lines = [replace(line, description=line.description.strip()) for line in draft.lines]
    value = sum(line.total_minor for line in lines) if lines else draft.value_minor
    tags = list(dict.fromkeys(" ".join(t.split()) for t in draft.tags if t.strip()))
    return replace(draft, title=title, currency=currency, value_minor=value, tags=tags, lines=lines,
                   source=draft.source.strip(), next_step=draft.next_step.strip())


def validate_stage(name: str, probability: int, rotting_days: int | None) -> str:
    name = " ".join(name.split())
    errors = []
    if not 0 <= probability <= 100:
        errors.append(FieldError("probability", "out_of_range", str(probability)))
    if rotting_days is not None and rotting_days < 0:
        errors.append(FieldError("rotting_days", "negative", str(rotting_days)))
    if errors:
        raise ValidationError(errors)
    return name


class Labels:
    """Names of the default pipeline, stages and lost reasons in the user's language.

    They are stored in English (so any reader of the database finds a name); while a name is
    still that English default it is shown through these methods, which the UI overrides
    to answer in the user's language. A name the user typed is shown as typed.
    """

    PIPELINE = "Sales"
    STAGES = {"lead": "Lead", "qualified": "Qualified", "proposal": "Proposal/Quote",
              "negotiation": "Negotiation"}
    REASONS = {"price": "Price too high", "competitor": "Went with a competitor", "no_budget": "No budget",
               "no_response": "Stopped responding", "timing": "Bad timing", "other": "Other"}

    def pipeline(self, pipeline: Pipeline) -> str:
        if pipeline.key == "default" and pipeline.name in ("", self.PIPELINE):
            return self.default_pipeline()
        return pipeline.name

    def stage(self, stage: Stage | StageSpell) -> str:
        name = stage.stage_name if isinstance(stage, StageSpell) else stage.name
        key = stage.stage_key if isinstance(stage, StageSpell) else stage.key
        if key in self.STAGES and name in ("", self.STAGES[key]):
            return self.default_stage(key)
        return name or key

    def reason(self, reason: LostReason) -> str:
        if reason.key in self.REASONS and reason.name in ("", self.REASONS[reason.key]):
            return self.default_reason(reason.key)
        return reason.name or reason.key

    # What a subclass translates.
    def default_pipeline(self) -> str:
        return self.PIPELINE

    def default_stage(self, key: str) -> str:
        return self.STAGES[key]

    def default_reason(self, key: str) -> str:
        return self.REASONS[key]

    def won(self) -> str:
        return "Won"

    def lost(self) -> str:
        return "Lost"
