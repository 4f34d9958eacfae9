"""Orders and invoices of a customer, and the payments recorded against them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..core.customer import Target
from ..core.errors import EditConflict, FieldError, ValidationError
from ..core.orders import ORDER_STATUSES, Order, OrderDraft, validate_order, validate_payment
from ..core.records import TrashItem
from ..storage.common import parse_ts
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

    # -- undo ----------------------------------------------------------------------------
    def delete(self, ids: Sequence[int]) -> int:
        """Move orders to the trash (the undo of adding one); their payments go with them."""
        return self._set_trashed(ids, True)

    def restore(self, ids: Sequence[int]) -> int:
        return self._set_trashed(ids, False)

    def _set_trashed(self, ids: Sequence[int], trashed: bool) -> int:
        with self.ctx.write():
            n = self.store.set_trashed(ids, self.ctx.clock.now(), trashed)
        self.ctx.changes.emit(Change("order", "delete" if trashed else "restore", tuple(ids)))
        return n

    def trashed(self) -> list[TrashItem]:
        """Orders in the trash, for the trash page (kind "order")."""
        with self.ctx.read():
            rows = self.store.trashed()
        return [TrashItem("order", i, number, parse_ts(at)) for i, number, at in rows]

    def purge(self, ids: Sequence[int]) -> int:
        """Delete trashed orders for good."""
        with self.ctx.write():
            n = self.store.purge(ids)
        self.ctx.changes.emit(Change("order", "purge", tuple(ids)))
        return n

    def delete_payments(self, ids: Sequence[int]) -> int:
        """Take payments back (the undo of recording one): the order is open again if they paid it."""
        return self._set_payments_trashed(ids, True)

    def restore_payments(self, ids: Sequence[int]) -> int:
        return self._set_payments_trashed(ids, False)

    def _set_payments_trashed(self, ids: Sequence[int], trashed: bool) -> int:
        with self.ctx.write():
            now = self.ctx.clock.now()
            orders = self.store.set_payments_trashed(ids, now, trashed)
            for order_id in orders:
                self.store.settle(order_id, now)
        if orders:
            self.ctx.changes.emit(Change("order", "update", tuple(orders)))
        return len(orders)

    def put_status(self, order_id: int, status: str, expected: str) -> None:
        """Give an order the status ``status`` back (the undo of cancelling it), only if it still
        has the status ``expected``: EditConflict, and nothing written, otherwise. An order given
        back "open" or "paid" is settled again against its payments."""
        if status not in ORDER_STATUSES:
            raise ValidationError([FieldError("status", "invalid", status)])
        with self.ctx.write():
            now = self.ctx.clock.now()
            if self.store.status_of(order_id) != expected:
                raise EditConflict("order", order_id, self.store.get(order_id).number)
            self.store.set_status(order_id, status, now)
            if status != "cancelled":
                self.store.settle(order_id, now)
        self.ctx.changes.emit(Change("order", "update", (order_id,)))

    def get(self, order_id: int) -> Order:
        with self.ctx.read():
            return self.store.get(order_id)

    def for_target(self, target: Target) -> list[Order]:
        with self.ctx.read():
            return self.store.for_target(target)
