"""The board's models: one list model of cards per stage, and the board that feeds them.

The board reads every card of the pipeline in one query, then keeps itself current from
the change feed: a changed deal is read again alone and moved between (or within) the
column models with row inserts and removes, so only the cards that changed repaint and
each column's totals are recomputed from the cards it holds.
"""

from __future__ import annotations

import bisect
import datetime as dt

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)

from ...core.deals import ColumnTotals, DealCard, DealFilter, Pipeline
from ...services import Change, Services
from ..bridge import ChangeBridge
from .common import MIME_TYPE

translate = QCoreApplication.translate
CARD_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
_DISPLAY, _TOOLTIP = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole)
_CARD, _ID = int(CARD_ROLE), int(ID_ROLE)


def card_order(card: DealCard) -> tuple:
    """Nearest expected close first, undated last."""
    close = card.expected_close or dt.date.max
    return (card.expected_close is None, close, card.id)


def encode(card: DealCard) -> QMimeData:
    mime = QMimeData()
    mime.setData(MIME_TYPE, QByteArray(f"{card.id}:{card.version}:{card.stage_id}".encode()))
    return mime


def decode(mime: QMimeData) -> tuple[int, int, int] | None:
    """(deal id, version, stage id) of a dragged card, or None for anything else."""
    if not mime.hasFormat(MIME_TYPE):
        return None
    try:
        deal_id, version, stage_id = (int(p) for p in bytes(mime.data(MIME_TYPE).data()).decode().split(":"))
    except ValueError:
        return None
    return deal_id, version, stage_id


class StageCardModel(QAbstractListModel):
    """The cards of one stage, in board order. A card dropped here asks to move to this stage."""

    drop_requested = Signal(int, int, int)  # deal id, version, stage id
    totals_changed = Signal()

    def __init__(self, stage_id: int, parent: QObject | None = None, clock=None) -> None:
        super().__init__(parent)
        self.stage_id = stage_id
        self._clock = clock
        self._cards: list[DealCard] = []
        self._keys: list[tuple] | None = []
        self.totals = ColumnTotals()

    # -- content ---------------------------------------------------------------------------
    def set_cards(self, cards: list[DealCard], *, ordered: bool = False) -> None:
        """Show these cards (``ordered``: already in board order, as the board query reads them)."""
        cards = cards if ordered else sorted(cards, key=card_order)
        if cards == self._cards:
            return  # the same cards (the store hands out the same objects): nothing to repaint
        self.beginResetModel()
        self._cards = cards
        self._keys = None  # worked out when a single card comes or goes
        self.endResetModel()
        self._update_totals()

    def _order(self) -> list[tuple]:
        if self._keys is None:
            self._keys = [card_order(c) for c in self._cards]
        return self._keys

    def cards(self) -> list[DealCard]:
        return list(self._cards)

    def row_of(self, deal_id: int) -> int:
        return next((i for i, c in enumerate(self._cards) if c.id == deal_id), -1)

    def take(self, deal_id: int) -> DealCard | None:
        row = self.row_of(deal_id)
        if row < 0:
            return None
        self.beginRemoveRows(QModelIndex(), row, row)
        card = self._cards.pop(row)
        if self._keys is not None:
            del self._keys[row]
        self.endRemoveRows()
        self._update_totals()
        return card

    def put(self, card: DealCard) -> int:
        """Add (or replace in place) a card at its place in the order; returns its row."""
        row = self.row_of(card.id)
        key = card_order(card)
        if row >= 0 and self._order()[row] == key:
            self._cards[row] = card
            index = self.index(row)
            self.dataChanged.emit(index, index, [_DISPLAY, _CARD, _TOOLTIP])
            self._update_totals()
            return row
        if row >= 0:
            self.take(card.id)
        row = bisect.bisect_left(self._order(), key)
        self.beginInsertRows(QModelIndex(), row, row)
        self._cards.insert(row, card)
        self._order().insert(row, key)
        self.endInsertRows()
        self._update_totals()
        return row

    def _update_totals(self) -> None:
        totals = ColumnTotals.of(self._cards)
        if totals != self.totals:
            self.totals = totals
            self.totals_changed.emit()

    # -- QAbstractListModel ----------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._cards)

    def data(self, index: QModelIndex, role: int = _DISPLAY):
        if not index.isValid() or not 0 <= index.row() < len(self._cards):
            return None
        card = self._cards[index.row()]
        if role == _CARD:
            return card
        if role == _ID:
            return card.id
        if role == _DISPLAY:
            return card.title
        if role == _TOOLTIP:
            return self._tooltip(card)
        return None

    def _tooltip(self, card: DealCard) -> str:
        lines = [card.title, " · ".join(p for p in (card.company_name, card.contact_name) if p)]
        if self._clock is not None:
            now = self._clock.now()
            days = card.days_in_stage(now)
            lines.append(
                translate("Board", "In this stage for 1 day.")
                if days == 1
                else translate("Board", "In this stage for %1 days.").replace("%1", str(days))
            )
            if card.is_rotting(now):
                lines.append(
                    translate(
                        "Board", "Rotting: longer in this stage than %1 days, with nothing scheduled."
                    ).replace("%1", str(card.rotting_days))
                )
        lines.append(
            translate("Board", "Next: %1").replace("%1", card.next_task)
            if card.next_task
            else translate("Board", "No next step scheduled.")
        )
        return "\n".join(line for line in lines if line)

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes) -> QMimeData | None:
        rows = [i.row() for i in indexes if i.isValid()]
        if not rows:
            return None
        return encode(self._cards[rows[0]])

    def canDropMimeData(self, data: QMimeData, action, row: int, column: int, parent: QModelIndex) -> bool:
        found = decode(data)
        return found is not None and found[2] != self.stage_id

    def dropMimeData(self, data: QMimeData, action, row: int, column: int, parent: QModelIndex) -> bool:
        """Ask for the move; the card arrives when the saved move is announced. Returns False so
        the view never removes the dragged row itself."""
        found = decode(data)
        if found is None or found[2] == self.stage_id or action == Qt.DropAction.IgnoreAction:
            return False
        self.drop_requested.emit(found[0], found[1], self.stage_id)
        return False


class BoardModel(QObject):
    """The column models of one pipeline under one filter, kept current from the change feed."""

    columns_changed = Signal()  # the pipeline or its stages changed: rebuild the columns
    cards_loaded = Signal()

    def __init__(
        self, services: Services, bridge: ChangeBridge | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self.pipeline: Pipeline = services.pipelines.default()
        self.filter = DealFilter(pipeline_id=self.pipeline.id)
        self.columns: dict[int, StageCardModel] = {}
        self._stage_of: dict[int, int] = {}
        self._build_columns()
        self.reload()
        if bridge is not None:
            bridge.changed.connect(self._on_bridge_changed)

    def _build_columns(self) -> None:
        for model in self.columns.values():
            model.deleteLater()
        clock = self._services.ctx.clock
        self.columns = {s.id: StageCardModel(s.id, self, clock) for s in self.pipeline.stages}

    # -- what is shown ---------------------------------------------------------------------
    def set_pipeline(self, pipeline_id: int) -> None:
        self.pipeline = self._services.pipelines.get(pipeline_id)
        self.filter = self.filter.with_(pipeline_id=pipeline_id)
        self._build_columns()
        self.columns_changed.emit()
        self.reload()

    def set_filter(self, flt: DealFilter) -> None:
        self.filter = flt.with_(pipeline_id=self.pipeline.id, status="open")
        self.reload()

    def reload(self) -> None:
        by_stage: dict[int, list[DealCard]] = {stage_id: [] for stage_id in self.columns}
        self._stage_of = {}
        for card in self._services.deals.cards(self.filter):
            if card.stage_id in by_stage:
                by_stage[card.stage_id].append(card)
                self._stage_of[card.id] = card.stage_id
        for stage_id, model in self.columns.items():
            model.set_cards(by_stage[stage_id], ordered=True)
        self.cards_loaded.emit()

    def refresh_deals(self, ids) -> None:
        """Read the given deals again and put each where it now belongs (or nowhere)."""
        fresh = {c.id: c for c in self._services.deals.cards(self.filter, list(ids))}
        for deal_id in ids:
            old_stage = self._stage_of.pop(deal_id, None)
            card = fresh.get(deal_id)
            target = self.columns.get(card.stage_id) if card is not None else None
            if old_stage is not None and (target is None or old_stage != card.stage_id):
                self.columns[old_stage].take(deal_id)
            if target is not None:
                target.put(card)
                self._stage_of[deal_id] = card.stage_id

    def stage_of(self, deal_id: int) -> int | None:
        return self._stage_of.get(deal_id)

    def card(self, deal_id: int) -> DealCard | None:
        stage_id = self._stage_of.get(deal_id)
        if stage_id is None:
            return None
        model = self.columns[stage_id]
        row = model.row_of(deal_id)
        return model.cards()[row] if row >= 0 else None

    def _on_bridge_changed(self, change: Change) -> None:
        if change.entity == "pipeline" and change.op == "delete" and self.pipeline.id in change.ids:
            self.set_pipeline(self._services.pipelines.default().id)
        elif change.entity == "pipeline" and (not change.ids or self.pipeline.id in change.ids):
            self.set_pipeline(self.pipeline.id)
        elif change.entity == "deal" and change.ids and change.op != "reset":
            self.refresh_deals(change.ids)
        elif change.entity in ("deal", "task", "all", "company", "contact"):
            self.reload()  # a task or a renamed customer can touch any card: one query
        elif change.entity == "user":
            self.cards_loaded.emit()
