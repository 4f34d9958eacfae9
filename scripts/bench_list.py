"""The contacts list at scale: first rows painted, jump to the last row, process memory.

Each measurement runs in a fresh interpreter (``bench.py _list-child``) with
QT_QPA_PLATFORM=offscreen, so memory figures compare like with like: the same code
path over an empty database and over the large one.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import bench_common as common
import bench_gen

FIRST_PAINT_MS = 300.0
JUMP_MS = 100.0
RSS_RATIO = 1.5
TIMEOUT_S = 60.0


# -- the child ----------------------------------------------------------------------------
def child(data_dir: Path, widget: str) -> int:
    t_process = time.perf_counter()
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QTableView

    from crm_desktop.services import Services
    from crm_desktop.ui import table_models
    from crm_desktop.ui.bridge import ChangeBridge

    app = QApplication([])
    state = {"data": 0, "max_row": -1, "paints": []}  # paints: (end time, data calls, max row)

    # Count the cells the view asks for while painting (wraps the real method; behaviour unchanged).
    original_data = table_models.RecordTableModel.data

    def counting_data(self, index, role=0):
        value = original_data(self, index, role)
        if role == 0 and value is not None:
            state["data"] += 1
            state["max_row"] = max(state["max_row"], index.row())
        return value

    table_models.RecordTableModel.data = counting_data

    def painted() -> None:
        state["paints"].append((time.perf_counter(), state["data"], state["max_row"]))

    class TimedView(QTableView):
        def paintEvent(self, event):  # the viewport's paint event, delivered to the scroll area
            super().paintEvent(event)
            painted()

    class PaintWatcher(QObject):
        """For views we do not construct: a paint has finished once the loop turns again."""

        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, painted)
            return False

    def wait_for(condition, timeout=TIMEOUT_S):
        deadline = time.perf_counter() + timeout
        while not condition():
            if time.perf_counter() > deadline:
                raise TimeoutError("no paint with data")
            app.processEvents()
            time.sleep(0.0005)

    t_open = time.perf_counter()
    services = Services.open(data_dir, fallback_region="US")
    bridge = ChangeBridge(services)
    t_built = time.perf_counter()
    if widget == "view":
        model = table_models.ContactTableModel(services, bridge)
        view = TimedView()
        view.setModel(model)
        top = view
    else:
        from crm_desktop.ui.contacts_page import ContactsPage

        top = ContactsPage(services, bridge)
        views = top.findChildren(QTableView)
        if not views:
            raise SystemExit("ContactsPage has no QTableView")
        view = max(views, key=lambda v: v.model().rowCount() if v.model() else -1)
        watcher = PaintWatcher()
        view.viewport().installEventFilter(watcher)
        model = view.model()
    top.resize(1280, 800)
    rows = model.rowCount()
    t_show = time.perf_counter()
    top.show()
    # An empty list has nothing to draw: its first paint is the one that counts.
    wait_for(lambda: any(calls > 0 or rows == 0 for _, calls, _ in state["paints"]))
    first = next(t for t, calls, _ in state["paints"] if calls > 0 or rows == 0)
    app.processEvents()

    seen = len(state["paints"])
    t_jump = time.perf_counter()
    view.scrollToBottom()
    if rows:
        wait_for(lambda: any(mr >= rows - 1 for _, _, mr in state["paints"][seen:]))
        jumped = next(t for t, _, mr in state["paints"][seen:] if mr >= rows - 1)
    else:
        jumped = float("nan")
    app.processEvents()
    rss, hwm = common.rss_kib()
    print(json.dumps({
        "rows": rows,
        "first_paint_ms": (first - t_show) * 1000,
        "build_ms": (t_show - t_built) * 1000,
        "open_ms": (t_built - t_open) * 1000,
        "built_to_paint_ms": (first - t_built) * 1000,
        "jump_ms": (jumped - t_jump) * 1000,
        "rss_mib": rss / 1024, "hwm_mib": hwm / 1024,
        "process_ms": (time.perf_counter() - t_process) * 1000,
    }))
    top.close()
    services.close()
    return 0


# -- the parent ---------------------------------------------------------------------------
def _empty_dir() -> Path:
    from crm_desktop.services import Services

    root = common.BENCH_DATA / "contacts-empty"
    Services.open(root, fallback_region="US").close()  # created and migrated outside the timing
    return root


def _page_available() -> bool:
    return (common.ROOT / "crm_desktop" / "ui" / "contacts_page.py").exists()


def run(size: str = "1m", runs: int = 5) -> common.Result:
    big = bench_gen.ensure(size)
    empty = _empty_dir()
    widgets = ["view"] + (["page"] if _page_available() else [])
    samples: dict[tuple[str, str], list[dict]] = {}
    for i in range(runs):
        for widget in widgets:
            for label, root in (("empty", empty), (size, big)):
                out = common.run_child(["_list-child", "--data-dir", str(root), "--widget", widget])
                samples.setdefault((widget, label), []).append(out)
                print(f"  run {i + 1} {widget:4s} {label:5s}: first paint {out['first_paint_ms']:.0f} ms"
                      f" (+{out['build_ms']:.0f} ms model), jump {out['jump_ms']:.0f} ms, "
                      f"RSS {out['rss_mib']:.0f} MiB")

    def med(widget: str, label: str, key: str) -> float:
        return common.median([s[key] for s in samples[(widget, label)]])

    result = common.Result("list", "Contacts list",
                           f"python scripts/bench.py list --size {size} --runs {runs}", size)
    names = {"view": "QTableView + ContactTableModel", "page": "ContactsPage"}
    for widget in widgets:
        n = len(samples[(widget, size)])
        paint = med(widget, size, "first_paint_ms")
        jump = med(widget, size, "jump_ms")
        rss_big, rss_empty = med(widget, size, "rss_mib"), med(widget, "empty", "rss_mib")
        ratio = rss_big / rss_empty
        hwm_ratio = med(widget, size, "hwm_mib") / med(widget, "empty", "hwm_mib")
        label = names[widget]
        result.rows += [
            common.Row(f"{label}: show() → first rows painted", n, paint, "ms",
                       f"≤ {FIRST_PAINT_MS:.0f} ms", paint <= FIRST_PAINT_MS,
                       common.percentile([s["first_paint_ms"] for s in samples[(widget, size)]], 95)),
            common.Row(f"{label}: built (COUNT) before show", n, med(widget, size, "build_ms"), "ms"),
            common.Row(f"{label}: scrollToBottom() → last row painted", n, jump, "ms",
                       f"≤ {JUMP_MS:.0f} ms", jump <= JUMP_MS,
                       common.percentile([s["jump_ms"] for s in samples[(widget, size)]], 95)),
            common.Row(f"{label}: RSS {size} / empty ({rss_big:.0f} / {rss_empty:.0f} MiB)", n, ratio, "×",
                       f"≤ {RSS_RATIO}×", ratio <= RSS_RATIO),
            common.Row(f"{label}: peak RSS {size} / empty", n, hwm_ratio, "×"),
        ]
    result.notes.append(
        "Every figure comes from a fresh process per run (`bench.py _list-child`, offscreen). "
        "*First rows painted*: from `show()` to the end of the first viewport paint during which "
        "the model returned display data (the bare view overrides `paintEvent`; for the page an "
        "event filter on the viewport notes the paint and the loop's next turn marks its end, an "
        "upper bound). The model is built, with its `COUNT(*)`, before `show()`; that time is "
        "listed separately. *Jump*: `scrollToBottom()` to the end of the first paint that drew "
        "the last row. *RSS*: `VmRSS` after both, the same code over an empty database.")
    result.print()
    return result
