"""Orders, their lines and the payments against them, as plain data, with validation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from .errors import FieldError, ValidationError

ORDER_STATUSES = ("open", "paid", "cancelled")
_LIMIT = 500


def parse_money(text: str) -> int:
    """ "1,234.50" → 123450 minor units; raises ValueError for anything else."""
    cleaned = text.strip().replace(",", "").replace(" ", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not value.is_finite():
        raise ValueError(text)
    return int((value * 100).to_integral_value())


def money_text(minor: int) -> str:
    """123450 → "1,234.50" (the UI formats with the user's locale; this is for logs and tests)."""
    sign = "-" if minor < 0 else ""
    whole, cents = divmod(abs(minor), 100)
    return f"{sign}{whole:,}.{cents:02d}"


@dataclass
class OrderLineDraft:
    description: str
    quantity: float = 1
    unit_price_minor: int = 0
    product: str = ""

    @property
    def total_minor(self) -> int:
        return round(self.quantity * self.unit_price_minor)


@dataclass
class OrderDraft:
    ordered_at: dt.datetime
    lines: list[OrderLineDraft] = field(default_factory=list)
    number: str = ""
    currency: str = ""
    due_at: dt.datetime | None = None  # when the invoice is due
    status: str = "open"
    contact_id: int | None = None
    company_id: int | None = None
    deal_id: int | None = None

    @property
    def total_minor(self) -> int:
        return sum(line.total_minor for line in self.lines)


@dataclass(frozen=True)
class Payment:
    id: int
    order_id: int
    amount_minor: int
    paid_at: dt.datetime
    method: str


@dataclass(frozen=True)
class Order:
    id: int
    number: str
    ordered_at: dt.datetime
    due_at: dt.datetime | None
    status: str
    currency: str
    total_minor: int
    paid_minor: int
    contact_id: int | None
    company_id: int | None
    lines: tuple[OrderLineDraft, ...] = ()
    payments: tuple[Payment, ...] = ()

    @property
    def balance_minor(self) -> int:
        return 0 if self.status == "cancelled" else self.total_minor - self.paid_minor

    def is_overdue(self, now: dt.datetime) -> bool:
        return self.balance_minor > 0 and self.due_at is not None and self.due_at < now


def validate_order(draft: OrderDraft) -> OrderDraft:
    errors: list[FieldError] = []
    if draft.contact_id is None and draft.company_id is None:
        errors.append(FieldError("contact_id", "required"))
    if not draft.lines:
        errors.append(FieldError("lines", "required"))
    if draft.status not in ORDER_STATUSES:
        errors.append(FieldError("status", "invalid", draft.status))
    if len(draft.number) > _LIMIT:
        errors.append(FieldError("number", "too_long"))
    for i, line in enumerate(draft.lines):
        if not line.description.strip() and not line.product.strip():
            errors.append(FieldError("lines", "required", "", i))
        if line.quantity <= 0 or line.unit_price_minor < 0:
            errors.append(FieldError("lines", "negative", "", i))
    if draft.due_at is not None and draft.due_at < draft.ordered_at - dt.timedelta(days=1):
        errors.append(FieldError("due_at", "before_order"))
    if errors:
        raise ValidationError(errors)
    lines = [OrderLineDraft(ln.description.strip(), ln.quantity, ln.unit_price_minor, ln.product.strip())
             for ln in draft.lines]
    return OrderDraft(draft.ordered_at, lines, draft.number.strip(), draft.currency.strip().upper(),
                      draft.due_at, draft.status, draft.contact_id, draft.company_id, draft.deal_id)


def validate_payment(amount_minor: int) -> None:
    if amount_minor <= 0:
        raise ValidationError([FieldError("amount", "negative", str(amount_minor))])
