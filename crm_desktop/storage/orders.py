"""Orders (invoices with a due date), their lines and the payments recorded against them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import peewee as pw

from ..core.customer import Target
from ..core.errors import NotFoundError
from ..core.orders import Order, OrderDraft, OrderLineDraft, Payment
from .common import chunks, marks, new_uuid, parse_ts, set_trashed, ts
from .timeline import _scope

_TOTAL = ("(SELECT coalesce(sum(round(l.quantity * l.unit_price_minor)), 0) FROM order_line l "
          "WHERE l.order_id = o.id)")
_PAID = ("(SELECT coalesce(sum(p.amount_minor), 0) FROM payment p "
         "WHERE p.order_id = o.id AND p.deleted_at IS NULL)")


class OrderStore:
    def __init__(self, db: pw.SqliteDatabase) -> None:
        self.db = db

    def add(self, draft: OrderDraft, now: dt.datetime) -> int:
        stamp = ts(now)
        order_id = self.db.execute_sql(
            "INSERT INTO sales_order(uuid, number, ordered_at, status, currency, due_at, contact_id, "
            "company_id, deal_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (new_uuid(), draft.number, ts(draft.ordered_at), draft.status, draft.currency, ts(draft.due_at),
             draft.contact_id, draft.company_id, draft.deal_id, stamp, stamp)).lastrowid
        if not draft.number:
            self.db.execute_sql("UPDATE sales_order SET number = ? WHERE id = ?",
                                (f"SO-{order_id:05d}", order_id))
        for position, line in enumerate(draft.lines):
            self.db.execute_sql(
                "INSERT INTO order_line(order_id, description, product, quantity, unit_price_minor, "
                "position) VALUES (?, ?, ?, ?, ?, ?)",
                (order_id, line.description, line.product, line.quantity, line.unit_price_minor, position))
        return order_id

    def add_payment(self, order_id: int, amount_minor: int, paid_at: dt.datetime, method: str,
                    now: dt.datetime) -> int:
        stamp = ts(now)
        return self.db.execute_sql(
            "INSERT INTO payment(uuid, order_id, amount_minor, paid_at, method, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (new_uuid(), order_id, amount_minor, ts(paid_at), method, stamp, stamp)).lastrowid

    def settle(self, order_id: int, now: dt.datetime) -> None:
        """Mark an open order paid once its payments cover it (and open again if they no longer do)."""
        self.db.execute_sql(
            f"UPDATE sales_order AS o SET status = "
            f"CASE WHEN {_PAID} >= {_TOTAL} THEN 'paid' ELSE 'open' END, updated_at = ? "
            "WHERE id = ? AND status != 'cancelled'", (ts(now), order_id))

    def set_status(self, order_id: int, status: str, now: dt.datetime) -> None:
        cur = self.db.execute_sql("UPDATE sales_order SET status = ?, updated_at = ? WHERE id = ? "
                                  "AND deleted_at IS NULL", (status, ts(now), order_id))
        if cur.rowcount == 0:
            raise NotFoundError("order", order_id)

    def set_trashed(self, ids: Sequence[int], now: dt.datetime, trashed: bool) -> int:
        """Orders moved to the trash or back (the undo of adding one); how many changed."""
        return set_trashed(self.db, "sales_order", ids, now, trashed)

    def set_payments_trashed(self, ids: Sequence[int], now: dt.datetime, trashed: bool) -> list[int]:
        """Payments moved to the trash or back; the orders they are against."""
        if not set_trashed(self.db, "payment", ids, now, trashed):
            return []
        marks_ = ", ".join("?" * len(ids))
        return [row[0] for row in self.db.execute_sql(
            f"SELECT DISTINCT order_id FROM payment WHERE id IN ({marks_})", tuple(ids))]

    def trashed(self) -> list[tuple[int, str, str]]:
        """(id, number, deleted_at) of the orders in the trash."""
        return self.db.execute_sql(
            "SELECT id, number, deleted_at FROM sales_order WHERE deleted_at IS NOT NULL").fetchall()

    def purge(self, ids: Sequence[int]) -> int:
        """Delete trashed orders for good, with their lines and payments."""
        n = 0
        for part in chunks(list(ids)):
            n += self.db.execute_sql(f"DELETE FROM sales_order WHERE id IN ({marks(len(part))}) "
                                     "AND deleted_at IS NOT NULL", part).rowcount
        return n

    def status_of(self, order_id: int) -> str:
        row = self.db.execute_sql("SELECT status FROM sales_order WHERE id = ? AND deleted_at IS NULL",
                                  (order_id,)).fetchone()
        if row is None:
            raise NotFoundError("order", order_id)
        return row[0]

    def get(self, order_id: int) -> Order:
        found = self._orders("o.id = ?", [order_id], with_details=True)
        if not found:
            raise NotFoundError("order", order_id)
        return found[0]

    def for_target(self, target: Target, limit: int = 1000) -> list[Order]:
        where, params = _scope("o", target)
        return self._orders(where, params, limit=limit)

    def _orders(self, where: str, params: list, *, limit: int = 1000,
                with_details: bool = False) -> list[Order]:
        rows = self.db.execute_sql(
            f"SELECT o.id, o.number, o.ordered_at, o.due_at, o.status, o.currency, {_TOTAL}, {_PAID}, "
            f"o.contact_id, o.company_id FROM sales_order o WHERE {where} AND o.deleted_at IS NULL "
            "ORDER BY o.ordered_at DESC, o.id DESC LIMIT ?", (*params, limit)).fetchall()
        orders = []
        for (id_, number, ordered, due, status, currency, total, paid, contact_id, company_id) in rows:
            lines, payments = (self._lines(id_), self._payments(id_)) if with_details else ((), ())
            orders.append(Order(id_, number, parse_ts(ordered), parse_ts(due), status, currency, int(total),
                                int(paid), contact_id, company_id, lines, payments))
        return orders

    def _lines(self, order_id: int) -> tuple[OrderLineDraft, ...]:
        return tuple(OrderLineDraft(d, q, p, prod) for d, q, p, prod in self.db.execute_sql(
            "SELECT description, quantity, unit_price_minor, product FROM order_line WHERE order_id = ? "
            "ORDER BY position, id", (order_id,)))

    def _payments(self, order_id: int) -> tuple[Payment, ...]:
        return tuple(Payment(i, o, a, parse_ts(at), m) for i, o, a, at, m in self.db.execute_sql(
            "SELECT id, order_id, amount_minor, paid_at, method FROM payment WHERE order_id = ? "
            "AND deleted_at IS NULL ORDER BY paid_at, id", (order_id,)))

    def outstanding(self, target: Target) -> list[tuple[str, int]]:
        """What is still owed per currency: each open order's total less its payments."""
        where, params = _scope("o", target)
        return self.db.execute_sql(
            f"SELECT o.currency, sum(max({_TOTAL} - {_PAID}, 0)) FROM sales_order o WHERE {where} "
            "AND o.deleted_at IS NULL AND o.status != 'cancelled' GROUP BY o.currency", params).fetchall()

    def paid_outside_won_deals(self, target: Target) -> list[tuple[str, int]]:
        """Payments received, per currency, on orders that are not part of a won deal (that deal's
        value is counted instead, so the same sale is not counted twice)."""
        where, params = _scope("o", target)
        return self.db.execute_sql(
            f"SELECT o.currency, sum({_PAID}) FROM sales_order o WHERE {where} AND o.deleted_at IS NULL "
            "AND o.status != 'cancelled' AND (o.deal_id IS NULL OR o.deal_id NOT IN "
            "(SELECT id FROM deal WHERE status = 'won' AND deleted_at IS NULL)) GROUP BY o.currency",
            params).fetchall()
