"""Orders and invoices of a customer, and the payments recorded against them."""

from __future__ import annotations

import datetime as dt

from ..core.customer import Target
from ..core.errors import FieldError, ValidationError
from ..core.orders import ORDER_STATUSES, Order, OrderDraft, validate_order, validate_payment
from .changes import Change
from .context import ServiceContext


class OrderService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.store = ctx.storage.orders

    def create(self, draft: OrderDraft) -> int:
        clean = validate_order(draft)
        if not clean.currency:
            clean.currency = self.ctx.settings.currency or ""
        with self.ctx.write():
            order_id = self.store.add(clean, self.ctx.clock.now())
        self.ctx.changes.emit(Change("order", "create", (order_id,)))
        return order_id

    def record_payment(self, order_id: int, amount_minor: int, paid_at: dt.datetime | None = None,
                       method: str = "") -> int:
        """A payment against an order; the order is paid once its payments cover it."""
        validate_payment(amount_minor)
        with self.ctx.write():
            now = self.ctx.clock.now()
            self.store.get(order_id)
            payment_id = self.store.add_payment(order_id, amount_minor, paid_at or now, method.strip(), now)
            self.store.settle(order_id, now)
        self.ctx.changes.emit(Change("order", "update", (order_id,)))
        return payment_id

    def set_status(self, order_id: int, status: str) -> None:
        if status not in ORDER_STATUSES:
            raise ValidationError([FieldError("status", "invalid", status)])
        with self.ctx.write():
            self.store.set_status(order_id, status, self.ctx.clock.now())
        self.ctx.changes.emit(Change("order", "update", (order_id,)))

    def get(self, order_id: int) -> Order:
        with self.ctx.read():
            return self.store.get(order_id)

    def for_target(self, target: Target) -> list[Order]:
        with self.ctx.read():
            return self.store.for_target(target)
