"""What each chart shows of a dashboard, and which records a bar of it opens."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from ...core.dashboard import Dashboard
from ..pipeline.common import LABELS, reason_text
from .charts import Series
from .texts import activity_kind, entity_label, month_label, owner_label, source_label, week_label

translate = QCoreApplication.translate
KINDS = ("call", "email", "meeting", "note")


def fill_charts(page, board: Dashboard) -> None:
    page.keys = {}
    count = lambda v: QLocale().toString(round(v))  # noqa: E731
    for chart in page.charts.values():
        chart.value_text = page.money
        chart.detail = None
    value, weighted = translate("DashboardPage", "Value"), translate("DashboardPage", "Weighted")
    stages = page.charts["stages"]
    page.keys["stages"] = [s.stage_id for s in board.stages]
    stages.set_data(
        [LABELS.stage(s) for s in board.stages],
        [
            Series(value, tuple(s.value_minor for s in board.stages)),
            Series(weighted, tuple(s.weighted_minor for s in board.stages)),
        ],
    )
    months = board.months()
    page.keys["forecast"] = page.keys["won_lost"] = page.keys["new"] = months
    by_month = {m.month: m for m in board.forecast}
    page.charts["forecast"].set_data(
        [month_label(m) for m in months],
        [
            Series(value, tuple(by_month[m].value_minor if m in by_month else 0 for m in months)),
            Series(weighted, tuple(by_month[m].weighted_minor if m in by_month else 0 for m in months)),
        ],
    )
    _fill_won_lost(page, board, months)
    reasons = page.charts["reasons"]
    reasons.value_text = count
    page.keys["reasons"] = [r.reason for r in board.lost_reasons]
    reasons.set_data(
        [reason_text(r.reason) or translate("DashboardPage", "(no reason)") for r in board.lost_reasons],
        [
            Series(
                translate("DashboardPage", "Lost deals"),
                tuple(r.deals for r in board.lost_reasons),
                "#c2455b",
            )
        ],
    )
    reasons.detail = lambda c, s: "\n" + page.money(board.lost_reasons[c].value_minor)
    _fill_new(page, board, months, count)
    _fill_activities(page, board, count)
    customers = page.charts["customers"]
    page.keys["customers"] = [(c.kind, c.record_id) for c in board.top_customers]
    customers.set_data(
        [c.name for c in board.top_customers],
        [
            Series(
                translate("DashboardPage", "Revenue"),
                tuple(c.revenue_minor for c in board.top_customers),
                "#2fa37a",
            )
        ],
    )


def _fill_won_lost(page, board: Dashboard, months: list[str]) -> None:
    rows = {m.month: m for m in board.won_lost}
    notes = []
    for m in months:
        rate = rows[m].win_rate if m in rows else None
        notes.append(
            ""
            if rate is None
            else translate("DashboardPage", "%1 % won").replace("%1", QLocale().toString(round(rate * 100)))
        )
    page.charts["won_lost"].set_data(
        [month_label(m) for m in months],
        [
            Series(
                translate("DashboardPage", "Won"),
                tuple(rows[m].won_minor if m in rows else 0 for m in months),
                "#2fa37a",
            ),
            Series(
                translate("DashboardPage", "Lost"),
                tuple(rows[m].lost_minor if m in rows else 0 for m in months),
                "#c2455b",
            ),
        ],
        notes,
    )

    def detail(c: int, s: int) -> str:
        row = rows.get(months[c])
        n = 0 if row is None else (row.won if s == 0 else row.lost)
        return "\n" + (
            translate("DashboardPage", "1 deal")
            if n == 1
            else translate("DashboardPage", "%1 deals").replace("%1", QLocale().toString(n))
        )

    page.charts["won_lost"].detail = detail


def _fill_new(page, board: Dashboard, months: list[str], count) -> None:
    """People by source (the five most common, then the others together), and companies."""
    totals: dict[str, int] = {}
    for n in board.new_records:
        if n.entity == "contact":
            totals[n.source] = totals.get(n.source, 0) + n.count
    ranked = sorted(totals, key=lambda src: (-totals[src], src))
    groups: list[tuple[str, object]] = [("contact", src) for src in ranked[:5]]
    if len(ranked) > 5:
        groups.append(("contact", tuple(ranked[5:])))
    if any(n.entity == "company" for n in board.new_records):
        groups.append(("company", None))

    def cell(entity: str, source, month: str) -> int:
        return sum(
            n.count
            for n in board.new_records
            if n.entity == entity
            and n.month == month
            and (source is None or n.source == source or (isinstance(source, tuple) and n.source in source))
        )

    def name(entity: str, source) -> str:
        if entity == "company":
            return entity_label("company")
        if isinstance(source, tuple):
            return translate("DashboardPage", "People · other sources")
        return f"{entity_label('contact')} · {source_label(source)}"

    page.keys["new_series"] = groups
    chart = page.charts["new"]
    chart.value_text = count
    chart.placeholder = "" if board.complete else translate("DashboardPage", "Counting…")
    chart.set_data(
        [month_label(m) for m in months],
        [Series(name(e, src), tuple(cell(e, src, m) for m in months)) for e, src in groups],
    )


def _fill_activities(page, board: Dashboard, count) -> None:
    weeks = sorted({a.week for a in board.activities})
    cells: dict[tuple[str, str], dict[int | None, int]] = {}
    for a in board.activities:
        cells.setdefault((a.week, a.kind), {})[a.owner_id] = a.count
    kinds = [k for k in KINDS if any(a.kind == k for a in board.activities)]
    page.keys["activities"] = weeks
    page.keys["activity_kinds"] = kinds
    chart = page.charts["activities"]
    chart.value_text = count
    chart.set_data(
        [week_label(w) for w in weeks],
        [
            Series(
                activity_kind(k),
                tuple(sum(cells.get((w, k), {}).values()) for w in weeks),
                ("#3b6fd8", "#e0913a", "#2fa37a", "#9aa3b5")[KINDS.index(k)],
            )
            for k in kinds
        ],
    )

    def detail(c: int, s: int) -> str:
        owners = cells.get((weeks[c], kinds[s]), {})
        return "".join(
            f"\n{owner_label(page._users.get(o) if o else None)}: {count(n)}"
            for o, n in sorted(owners.items(), key=lambda item: -item[1])
        )

    chart.detail = detail


def drill_down(page, key: str, c: int, s: int) -> None:
    board = page.board
    if board is None:
        return
    q, dash = board.query, page._services.dashboard
    chart = page.charts[key]
    title = f"{chart.title}: {chart.categories[c]}"
    if key == "stages":
        page.records_requested.emit("deal", title, dash.deal_condition(q, "stage", page.keys[key][c]))
    elif key == "forecast":
        page.records_requested.emit("deal", title, dash.deal_condition(q, "forecast", page.keys[key][c]))
    elif key == "won_lost":
        figure = "won" if s == 0 else "lost"
        page.records_requested.emit(
            "deal", f"{title} · {chart.series[s].name}", dash.deal_condition(q, figure, page.keys[key][c])
        )
    elif key == "reasons":
        page.records_requested.emit("deal", title, dash.deal_condition(q, "reason", page.keys[key][c]))
    elif key == "new":
        entity, source = page.keys["new_series"][s]
        page.records_requested.emit(
            entity,
            f"{title} · {chart.series[s].name}",
            dash.record_condition(q, "new", page.keys[key][c], source),
        )
    elif key == "activities":
        page.records_requested.emit(
            "contact",
            f"{title} · {chart.series[s].name}",
            dash.record_condition(
                q, "activity", week=page.keys["activities"][c], kind=page.keys["activity_kinds"][s]
            ),
        )
    elif key == "customers":
        page.customer_requested.emit(*page.keys[key][c])
