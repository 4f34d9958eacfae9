"""The contacts list at scale: first rows painted, jump to the last row, process memory,
and filtering and sorting the page: how long until the new rows are painted, and the longest
the UI thread stalls meanwhile.

Each measurement runs in a fresh interpreter (``bench.py _list-child``) with
QT_QPA_PLATFORM=offscreen, so memory figures compare like with like: the same code
path over an empty database and over the large one.
"""

from __future__ import annotations

import json
import time
from itertools import pairwise
from pathlib import Path

import bench_common as common
import bench_gen

FIRST_PAINT_MS = 300.0
JUMP_MS = 100.0
RSS_RATIO = 1.5
STALL_MS = 30.0  # the search-as-you-type budget, applied to what the user feels: a frozen window
TIMEOUT_S = 60.0
TICK_MS = 5
# Typed into the page's filter one after another (each replaces the one before), then cleared.
FILTERS = ("a", "jo", "张", "qq.com", "")
SORTS = ("city", "name")  # header clicks, ascending, on the unfiltered list


# -- filtering and sorting a page -----------------------------------------------------------
class PageProbe:
    """Times requests to a list page: from the request to the end of the first viewport paint
    after the model's reset (*worker*: the rows are read off the UI thread), and the longest
    gap of a 5 ms timer on the UI thread meanwhile (*stall*: how long the window froze)."""

    def __init__(self, app, page) -> None:
        from PySide6.QtCore import QEvent, QObject, Qt, QTimer

        self.app, self.page = app, page
        self.ticks: list[float] = []
        self.resets: list[float] = []
        self.paints: list[float] = []

        paints = self.paints

        class Watcher(QObject):
            """A paint has finished once the loop turns again (as for the first paint below)."""

            def eventFilter(self, obj, event):
                if event.type() == QEvent.Type.Paint:
                    QTimer.singleShot(0, lambda: paints.append(time.perf_counter()))
                return False

        self._watcher = Watcher()
        page.view.viewport().installEventFilter(self._watcher)
        page.model.modelReset.connect(lambda: self.resets.append(time.perf_counter()))
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))
        self._timer.start(TICK_MS)

    def spin(self, condition, timeout: float = TIMEOUT_S) -> None:
        """Run the event loop until ``condition()``; it sleeps between events, as an app's does
        (a busy loop would keep taking the GIL from the worker thread)."""
        from PySide6.QtCore import QEventLoop

        deadline = time.perf_counter() + timeout
        while not condition():
            if time.perf_counter() > deadline:
                raise TimeoutError("the list did not show the new rows")
            self.app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)

    def measure(self, request) -> tuple[float, float]:
        """(ms from ``request()`` to the new rows painted, longest UI-thread stall in ms)."""
        settled = time.perf_counter() + 0.05
        self.spin(lambda: time.perf_counter() > settled)
        resets = len(self.resets)
        t0 = time.perf_counter()
        request()
        self.spin(lambda: len(self.resets) > resets
                  and any(t > self.resets[resets] for t in self.paints))
        painted = next(t for t in self.paints if t > self.resets[resets])
        self.spin(lambda: self.ticks[-1] > painted)
        closing = next(t for t in self.ticks if t > painted)
        points = [t0, *(t for t in self.ticks if t0 < t <= closing)]
        return (painted - t0) * 1000, max(b - a for a, b in pairwise(points)) * 1000

    def filter(self, text: str) -> tuple[float, float]:
        """What the filter box does once typing pauses (its debounce timer is left out)."""
        from PySide6.QtCore import QSignalBlocker

        edit = self.page.filter_bar.edit
        with QSignalBlocker(edit):
            edit.setText(text)
        return self.measure(lambda: edit.filter_changed.emit(text))

    def sort(self, key: str) -> tuple[float, float]:
        from PySide6.QtCore import Qt

        column = next(i for i, c in enumerate(self.page.model.COLUMNS) if c.key == key)
        return self.measure(lambda: self.page.view.sortByColumn(column, Qt.SortOrder.AscendingOrder))


def page_requests(app, page) -> dict[str, list[float]]:
    """Worker time and stall of each filter and sort, in the order a user would do them."""
    probe = PageProbe(app, page)
    out = {}
    for text in FILTERS:
        out[f"filter:{text}"] = list(probe.filter(text))
    for key in SORTS:
        out[f"sort:{key}"] = list(probe.sort(key))
    return out


# -- the child ----------------------------------------------------------------------------
def child(data_dir: Path, widget: str) -> int:
    t_process = time.perf_counter()
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QTableView

    from crm_desktop.services import Services
    from crm_desktop.ui import table_models
    from crm_desktop.ui.bridge import ChangeBridge
    from crm_desktop.ui.contacts_page import ContactTableModel

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
        model = ContactTableModel(services, bridge)
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
    requests = page_requests(app, top) if widget == "page" and rows else {}
    print(json.dumps({
        "rows": rows,
        "first_paint_ms": (first - t_show) * 1000,
        "build_ms": (t_show - t_built) * 1000,
        "open_ms": (t_built - t_open) * 1000,
        "built_to_paint_ms": (first - t_built) * 1000,
        "jump_ms": (jumped - t_jump) * 1000,
        "rss_mib": rss / 1024, "hwm_mib": hwm / 1024,
        "process_ms": (time.perf_counter() - t_process) * 1000,
        "requests": requests,
    }))
    model.shutdown()  # no read may run once the services close
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


def _request_label(key: str) -> str:
    kind, arg = key.split(":", 1)
    if kind == "sort":
        return f"sort by {arg}"
    return f"filter `{arg}`" if arg else "filter cleared"


def _request_rows(runs: list[dict]) -> tuple[list[common.Row], str]:
    """Summary rows over every filter and sort of every run, and a table per request."""
    keys = list(runs[0]["requests"])
    worker = {k: [r["requests"][k][0] for r in runs] for k in keys}
    stall = {k: [r["requests"][k][1] for r in runs] for k in keys}
    all_worker = [v for k in keys for v in worker[k]]
    all_stall = [v for k in keys for v in stall[k]]
    p95 = common.percentile(all_stall, 95)
    rows = [
        common.Row("ContactsPage: longest UI-thread stall while filtering or sorting", len(all_stall),
                   common.median(all_stall), "ms", f"p95 ≤ {STALL_MS:.0f} ms", p95 <= STALL_MS, p95),
        common.Row("ContactsPage: filter or sort → new rows painted (read off the UI thread)",
                   len(all_worker), common.median(all_worker), "ms",
                   p95=common.percentile(all_worker, 95)),
    ]
    # Five columns: the summary takes six-column rows with a target for figures of its own.
    table = common.md_table(
        ["request", "rows painted, median ms", "p95 ms", "UI stall, median ms", "max ms"],
        [[_request_label(k), f"{common.median(worker[k]):.0f}", f"{common.percentile(worker[k], 95):.0f}",
          f"{common.median(stall[k]):.1f}", f"{max(stall[k]):.1f}"] for k in keys])
    return rows, table


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
    requests = [s for s in samples.get(("page", size), []) if s.get("requests")]
    table = ""
    if requests:
        rows, table = _request_rows(requests)
        result.rows += rows
    result.notes.append(
        "Every figure comes from a fresh process per run (`bench.py _list-child`, offscreen). "
        "*First rows painted*: from `show()` to the end of the first viewport paint during which "
        "the model returned display data (the bare view overrides `paintEvent`; for the page an "
        "event filter on the viewport notes the paint and the loop's next turn marks its end, an "
        "upper bound). The model is built, with its `COUNT(*)`, before `show()`; that time is "
        "listed separately. *Jump*: `scrollToBottom()` to the end of the first paint that drew "
        "the last row. *RSS*: `VmRSS` after both, the same code over an empty database.")
    if table:
        result.notes.append(
            "*Filtering and sorting* (the page, after the jump, once per run): the filters below "
            "are applied in turn as the filter box applies them once typing pauses, then the list "
            "is sorted by clicking a column header. *Rows painted*: from the request to the end of the first "
            "viewport paint after the model's reset; the count and first rows are read on a "
            "worker thread meanwhile. *UI stall*: the largest gap between ticks of a "
            f"{TICK_MS} ms timer on the UI thread over that time, i.e. the longest the window "
            "could not react (painting the new rows included).")
        result.notes.append(table)
    result.print()
    if table:
        print(table)
    return result
