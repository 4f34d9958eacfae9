"""The deals behind a bar or tile of the dashboard, as a list like the pipeline's."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...core.deals import DealFilter
from ...core.query import ListQuery
from ...services import Services
from ..bridge import ChangeBridge
from ..pipeline.deal_list import DealSource, DealTableModel, make_deal_table

translate = QCoreApplication.translate


class DashboardDealSource(DealSource):
    """Deals meeting a condition the dashboard gives, instead of a board filter."""

    def __init__(self, services: Services) -> None:
        super().__init__(services, DealFilter(status=""))
        self.condition: tuple[str, tuple] = ("0", ())

    def count(self, query: ListQuery) -> int:
        return self.services.dashboard.deal_count(self.condition)

    def page(self, query: ListQuery, offset: int, limit: int) -> list[tuple]:
        return self.services.dashboard.deal_page(self.condition, query.sort, query.descending, offset, limit)


class DashboardDealModel(DealTableModel):
    def __init__(self, services: Services, bridge: ChangeBridge | None = None, parent=None) -> None:
        super().__init__(services, bridge, parent)
        self.source = DashboardDealSource(services)

    def set_condition(self, condition: tuple[str, tuple]) -> None:
        self.source.condition = condition
        self.refresh(recount=True)


class DealDrillPage(QWidget):
    """A title, a Back button and the deals; Enter or a double-click opens a deal."""

    back_requested = Signal()
    deal_requested = Signal(int)

    def __init__(self, services: Services, bridge: ChangeBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = DashboardDealModel(services, bridge, self)
        self.view = make_deal_table(self.model, self)
        self.title = QLabel(self)
        self.title.setStyleSheet("font-size: 15px; font-weight: 600;")
        back = QPushButton(translate("DealDrillPage", "← Dashboard"), self)
        back.clicked.connect(self.back_requested)
        top = QHBoxLayout()
        top.setContentsMargins(10, 8, 10, 4)
        top.addWidget(back)
        top.addWidget(self.title, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self.view.activated.connect(lambda index: self.deal_requested.emit(self.model.record_id(index.row())))

    def show_deals(self, title: str, condition: tuple[str, tuple]) -> None:
        self.title.setText(title)
        self.model.set_condition(condition)
