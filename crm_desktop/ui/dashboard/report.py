"""The dashboard out of the app: its figures as an .xlsx workbook, the page as a PNG or PDF report."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRect, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter, QPixmap
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ...core.dashboard import Dashboard
from ...core.errors import CrmError
from ..messages import error_text
from ..pipeline.common import LABELS, reason_text
from .targets import metric_label
from .texts import activity_kind, entity_label, owner_label, source_label

translate = QCoreApplication.translate


def figure_sheets(board: Dashboard, users: dict[int, str]) -> list[tuple[str, list, list[list]]]:
    """Every figure as (sheet title, [(header, kind)], rows), in the user's language."""
    rate = board.win_rate
    tiles = [
        [translate("DashboardReport", "Open pipeline"), board.open_minor / 100],
        [translate("DashboardReport", "Weighted pipeline"), board.weighted_minor / 100],
        [translate("DashboardReport", "Won in period"), board.won_minor / 100],
        [translate("DashboardReport", "Win rate (%)"), None if rate is None else round(rate * 100, 1)],
        [translate("DashboardReport", "Overdue tasks"), board.overdue_tasks],
        [translate("DashboardReport", "Due today"), board.due_today_tasks],
        [translate("DashboardReport", "No contact in 30+ days"), board.stale_customers],
    ]
    money_, count = "money", "integer"
    return [
        (
            translate("DashboardReport", "Summary"),
            [
                (translate("DashboardReport", "Figure"), "text"),
                (translate("DashboardReport", "Value"), "number"),
            ],
            tiles,
        ),
        (
            translate("DashboardReport", "Pipeline by stage"),
            [
                (translate("DashboardReport", "Stage"), "text"),
                (translate("DashboardReport", "Deals"), count),
                (translate("DashboardReport", "Value"), money_),
                (translate("DashboardReport", "Weighted"), money_),
            ],
            [[LABELS.stage(s), s.deals, s.value_minor / 100, s.weighted_minor / 100] for s in board.stages],
        ),
        (
            translate("DashboardReport", "Forecast"),
            [
                (translate("DashboardReport", "Month"), "text"),
                (translate("DashboardReport", "Deals"), count),
                (translate("DashboardReport", "Value"), money_),
                (translate("DashboardReport", "Weighted"), money_),
            ],
            [[m.month, m.deals, m.value_minor / 100, m.weighted_minor / 100] for m in board.forecast],
        ),
        (
            translate("DashboardReport", "Won and lost"),
            [
                (translate("DashboardReport", "Month"), "text"),
                (translate("DashboardReport", "Won"), count),
                (translate("DashboardReport", "Won value"), money_),
                (translate("DashboardReport", "Lost"), count),
                (translate("DashboardReport", "Lost value"), money_),
                (translate("DashboardReport", "Win rate (%)"), "number"),
            ],
            [
                [
                    m.month,
                    m.won,
                    m.won_minor / 100,
                    m.lost,
                    m.lost_minor / 100,
                    None if m.win_rate is None else round(m.win_rate * 100, 1),
                ]
                for m in board.won_lost
            ],
        ),
        (
            translate("DashboardReport", "Lost reasons"),
            [
                (translate("DashboardReport", "Reason"), "text"),
                (translate("DashboardReport", "Deals"), count),
                (translate("DashboardReport", "Value"), money_),
            ],
            [[reason_text(r.reason), r.deals, r.value_minor / 100] for r in board.lost_reasons],
        ),
        (
            translate("DashboardReport", "New records"),
            [
                (translate("DashboardReport", "Month"), "text"),
                (translate("DashboardReport", "Kind"), "text"),
                (translate("DashboardReport", "Source"), "text"),
                (translate("DashboardReport", "Count"), count),
            ],
            [[n.month, entity_label(n.entity), source_label(n.source), n.count] for n in board.new_records],
        ),
        (
            translate("DashboardReport", "Activities"),
            [
                (translate("DashboardReport", "Week of"), "text"),
                (translate("DashboardReport", "Owner"), "text"),
                (translate("DashboardReport", "Type"), "text"),
                (translate("DashboardReport", "Count"), count),
            ],
            [
                [
                    a.week,
                    owner_label(users.get(a.owner_id) if a.owner_id else None),
                    activity_kind(a.kind),
                    a.count,
                ]
                for a in board.activities
            ],
        ),
        (
            translate("DashboardReport", "Top customers"),
            [
                (translate("DashboardReport", "Customer"), "text"),
                (translate("DashboardReport", "Revenue"), money_),
            ],
            [[c.name, c.revenue_minor / 100] for c in board.top_customers],
        ),
        (
            translate("DashboardReport", "Targets"),
            [
                (translate("DashboardReport", "Owner"), "text"),
                (translate("DashboardReport", "Target"), "text"),
                (translate("DashboardReport", "Goal"), "number"),
                (translate("DashboardReport", "Achieved"), "number"),
                (translate("DashboardReport", "Progress (%)"), "number"),
            ],
            [
                [
                    p.owner_name,
                    metric_label(p.target.metric),
                    p.target.amount / (100 if p.target.metric == "won_value" else 1),
                    p.achieved / (100 if p.target.metric == "won_value" else 1),
                    round(p.ratio * 100, 1),
                ]
                for p in board.targets
            ],
        ),
    ]


def _ask_path(page, caption: str, suffix: str, pattern: str) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(page, caption, f"dashboard.{suffix}", pattern)
    if not path:
        return None
    return Path(path if path.lower().endswith("." + suffix) else f"{path}.{suffix}")


def export_figures(page, path: Path | None = None) -> Path | None:
    if page.board is None:
        return None
    path = path or _ask_path(
        page,
        translate("DashboardReport", "Export figures"),
        "xlsx",
        translate("DashboardReport", "Excel workbook (*.xlsx)"),
    )
    if path is None:
        return None
    try:
        page._services.dashboard.export_xlsx(page.board, path, figure_sheets(page.board, page._users))
    except (CrmError, OSError) as exc:
        text = error_text(exc) if isinstance(exc, CrmError) else exc.strerror or str(exc)
        QMessageBox.warning(page, translate("DashboardReport", "Export figures"), text)
        return None
    page.status_posted.emit(translate("DashboardReport", "Figures saved to %1.").replace("%1", str(path)))
    return path


def report_pixmap(page) -> QPixmap:
    """The whole dashboard, also the part scrolled out of view."""
    content = page.content
    return content.grab(
        QRect(
            0,
            0,
            content.width(),
            content.sizeHint().height()
            if content.height() < content.sizeHint().height()
            else content.height(),
        )
    )


def export_png(page, path: Path | None = None) -> Path | None:
    path = path or _ask_path(
        page,
        translate("DashboardReport", "Save report"),
        "png",
        translate("DashboardReport", "PNG image (*.png)"),
    )
    if path is None:
        return None
    if not report_pixmap(page).save(str(path), "PNG"):
        QMessageBox.warning(
            page,
            translate("DashboardReport", "Save report"),
            translate("DashboardReport", "The image could not be written to %1.").replace("%1", str(path)),
        )
        return None
    page.status_posted.emit(translate("DashboardReport", "Report saved to %1.").replace("%1", str(path)))
    return path


def export_pdf(page, path: Path | None = None) -> Path | None:
    path = path or _ask_path(
        page,
        translate("DashboardReport", "Save report"),
        "pdf",
        translate("DashboardReport", "PDF document (*.pdf)"),
    )
    if path is None:
        return None
    pixmap = report_pixmap(page)
    writer = QPdfWriter(str(path))
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(12, 12, 12, 12),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setResolution(150)
    writer.setTitle(translate("DashboardReport", "Dashboard"))
    painter = QPainter()
    if not painter.begin(writer):
        QMessageBox.warning(
            page,
            translate("DashboardReport", "Save report"),
            translate("DashboardReport", "The PDF could not be written to %1.").replace("%1", str(path)),
        )
        return None
    area = painter.viewport()
    header = area.height() // 24
    painter.drawText(
        QRect(0, 0, area.width(), header),
        int(Qt.AlignmentFlag.AlignVCenter),
        f"{translate('DashboardReport', 'Dashboard')} · {page.status_label.text()} · "
        f"{page.owner_combo.currentText()}",
    )
    # Scaled to the page's width; a dashboard taller than a page goes on over the next ones.
    scale = area.width() / max(pixmap.width(), 1)
    top, y = header, 0
    while y < pixmap.height():
        rows = min(int((area.height() - top) / scale), pixmap.height() - y)
        painter.drawPixmap(
            QRect(0, top, area.width(), int(rows * scale)), pixmap, QRect(0, y, pixmap.width(), rows)
        )
        y += rows
        if y < pixmap.height():
            writer.newPage()
            top = 0
    painter.end()
    page.status_posted.emit(translate("DashboardReport", "Report saved to %1.").replace("%1", str(path)))
    return path
