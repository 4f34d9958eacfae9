"""Start-up: from process start to a painted main window, against a bare PySide6 window.

Both sides run as fresh interpreters through the same few lines (``_PROBE``): they
create the QApplication, watch the paints of a QMainWindow, and print the time since
the parent launched them at two moments, each at the end of a paint pass (every widget
painted in it): *shown*, the first paint of the window, and *rows*, the first pass in
which a list's viewport drew rows from the table model. Then they leave at once. The
bare side shows an empty QMainWindow (both moments are its first paint); the app side
calls ``crm_desktop.app.main(["--data-dir", DIR])``, the real start-up path, which
reuses that QApplication. The whole-process wall time of ``python -m crm_desktop
--smoke-test`` (which waits for the rows) against a bare show-and-quit script is
recorded as a second, coarser comparison.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import bench_common as common
import bench_gen

TARGET_RATIO = 1.5

_PROBE = r"""
import os, sys, time
from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
T0 = float(os.environ["BENCH_T0"])
app = QApplication(sys.argv[:1])
_MARK = QEvent.Type(QEvent.registerEventType())
state = {"marked": False, "shown": None, "cells": 0, "in_view": False}
def _count_cells(model_type):
    # Counts the display cells a list's model gives while its viewport paints.
    if not model_type.__module__.startswith("crm_desktop") or "_bench_data" in model_type.__dict__:
        return
    data = model_type._bench_data = model_type.data
    def counting_data(self, index, role=0):
        value = data(self, index, role)
        if role == 0 and value is not None and state["in_view"]:
            state["cells"] += 1
        return value
    model_type.data = counting_data
class Probe(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            state["in_view"] = not isinstance(obj, QMainWindow)  # a list's viewport
            if not state["marked"]:
                state["marked"] = True
                QCoreApplication.postEvent(self, QEvent(_MARK))  # handled once this paint pass is done
        return False
    def event(self, event):
        if event.type() != _MARK:
            return super().event(event)
        state["in_view"], state["marked"] = False, False
        now = (time.time() - T0) * 1000
        if state["shown"] is None:
            state["shown"] = now
            print("BENCH shown", file=sys.stderr, flush=True)  # splits -X importtime output
        if sys.argv[1] == "bare" or state["cells"]:
            print(f"BENCH shown {state['shown']:.1f} rows {now:.1f} cells {state['cells']}", flush=True)
            os._exit(0)
        return True
probe = Probe()
# Only the main window and the lists' viewports are watched: an application-wide Python
# filter would also see (and convert to Python) every event of building the window.
_show, _set_model = QMainWindow.show, QTableView.setModel
def _watched_show(self):
    self.installEventFilter(probe)
    return _show(self)
def _watched_set_model(self, model):
    self.viewport().installEventFilter(probe)
    _count_cells(type(model))
    return _set_model(self, model)
QMainWindow.show, QTableView.setModel = _watched_show, _watched_set_model
if sys.argv[1] == "bare":
    window = QMainWindow()
    window.show()
    sys.exit(app.exec())
from crm_desktop.app import main
sys.exit(main(sys.argv[2:]))
"""


_BARE_SMOKE = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
window.close()
"""


def _run(args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """(ms to the window shown, ms to the first rows painted, output) of one fresh probe process."""
    env = dict(env)
    env["BENCH_T0"] = repr(time.time())
    proc = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True,
                          env=env, timeout=120)
    m = re.search(r"BENCH shown ([\d.]+) rows ([\d.]+) cells (\d+)", proc.stdout)
    if not m:
        raise RuntimeError(f"{args} exited {proc.returncode} with no paint reported:\n"
                           f"{proc.stdout}\n{proc.stderr[-3000:]}")
    return float(m.group(1)), float(m.group(2)), proc.stdout


def _wall(cmd: list[str], env: dict[str, str]) -> tuple[float, str]:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    return (time.perf_counter() - t0) * 1000, proc.stdout + proc.stderr


def import_hotspots(data_dir: Path, top: int = 8) -> tuple[float, list[list[str]]]:
    """Imports of one app start (python -X importtime): ms of top-level imports before the
    window is shown, and the slowest top-level and ``crm_desktop.*`` imports before and after."""
    env = common.child_env()
    env["BENCH_T0"] = repr(time.time())
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c", _PROBE, "app", "--data-dir",
                           str(data_dir)], capture_output=True, text=True, env=env, timeout=300)
    rows, before = [], True
    for line in proc.stderr.splitlines():
        if line.startswith("BENCH shown"):
            before = False
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)", line)
        if m:
            rows.append((before, int(m.group(2)), int(m.group(1)), len(m.group(3)) // 2, m.group(4)))
    before_ms = sum(cum for early, cum, _, depth, _ in rows if early and depth == 0) / 1000
    table = []
    for early in (True, False):
        picked = sorted((r for r in rows if r[0] == early and (r[3] == 0 or r[4].startswith("crm_desktop"))),
                        key=lambda r: r[1], reverse=True)
        table += [[f"`{name}`", "before" if early else "after", f"{cum / 1000:.1f}", f"{own / 1000:.1f}"]
                  for _, cum, own, _, name in picked[:top]]
    return before_ms, table


def bare_window() -> int:  # `bench.py _bare-window`, for manual checks
    shown, _, _ = _run(["bare"], common.child_env())
    print(f"bare window painted at {shown:.0f} ms")
    return 0


def _ratios(app: list[float], bare: list[float]) -> tuple[float, float]:
    """(ratio of the medians, median of the per-run ratios)."""
    per_run = [a / b for a, b in zip(app, bare, strict=True)]
    return common.median(app) / common.median(bare), statistics.median(per_run)


def _measure(root: Path, runs: int) -> dict[str, list]:
    env = common.child_env()
    app_args = ["app", "--data-dir", str(root)]
    # Warm the page cache and let any pending migration happen outside the timing.
    _run(app_args, env)
    _run(["bare"], env)
    smoke_cmd = [sys.executable, "-m", "crm_desktop", "--smoke-test", "--data-dir", str(root)]
    got: dict[str, list] = {k: [] for k in ("bare", "shown", "rows", "bare_smoke", "app_smoke", "verdicts")}
    for i in range(runs):
        got["bare"].append(_run(["bare"], env)[0])
        shown, rows, _ = _run(app_args, env)
        got["shown"].append(shown)
        got["rows"].append(rows)
        got["bare_smoke"].append(_wall([sys.executable, "-c", _BARE_SMOKE], env)[0])
        ms, out = _wall(smoke_cmd, env)
        got["app_smoke"].append(ms)
        got["verdicts"] += re.findall(r"smoke test (\w+)", out)
        print(f"  run {i + 1}: bare {got['bare'][-1]:.0f} ms; app shown {shown:.0f} ms, rows {rows:.0f} ms; "
              f"whole process: bare {got['bare_smoke'][-1]:.0f} ms, app --smoke-test {ms:.0f} ms")
    return got


def run(size: str = "1m", runs: int = 7) -> common.Result:
    root = bench_gen.ensure(size)
    got = _measure(root, runs)
    result = common.Result("startup", "Start-up to a shown main window",
                           f"python scripts/bench.py startup --size {size} --runs {runs}", size)
    result.rows = _rows(got, runs)
    _notes(result, root, got["verdicts"])
    result.print()
    return result


def _rows(got: dict[str, list], runs: int) -> list[common.Row]:
    med, p95 = common.median, common.percentile
    shown_ratio, shown_per_run = _ratios(got["shown"], got["bare"])
    rows_ratio, rows_per_run = _ratios(got["rows"], got["bare"])
    return [
        common.Row("bare QApplication + empty QMainWindow: painted", runs, med(got["bare"]), "ms",
                   p95=p95(got["bare"], 95)),
        common.Row("crm-desktop main window shown (first paint, list still empty)", runs,
                   med(got["shown"]), "ms", p95=p95(got["shown"], 95)),
        common.Row("ratio window shown / bare (medians)", runs, shown_ratio, "×", f"≤ {TARGET_RATIO}×",
                   shown_ratio <= TARGET_RATIO),
        common.Row("ratio window shown / bare (per run, median)", runs, shown_per_run, "×"),
        common.Row("crm-desktop first list rows painted", runs, med(got["rows"]), "ms",
                   p95=p95(got["rows"], 95)),
        common.Row("ratio first rows / bare (medians)", runs, rows_ratio, "×"),
        common.Row("ratio first rows / bare (per run, median)", runs, rows_per_run, "×"),
        common.Row("whole process: bare show-and-quit", runs, med(got["bare_smoke"]), "ms"),
        common.Row("whole process: crm-desktop --smoke-test (waits for the rows)", runs,
                   med(got["app_smoke"]), "ms"),
        common.Row("ratio of whole processes (smoke test also counts records)", runs,
                   med(got["app_smoke"]) / med(got["bare_smoke"]), "×"),
    ]


def _notes(result: common.Result, root: Path, verdicts: list[str]) -> None:
    result.notes.append(
        "Both sides are fresh interpreters started in turn, after one warm-up of each (the database "
        "file is in the page cache, as on a second launch). Times run from launching the process to "
        "the end of a paint pass of the main window. *Shown*: its first paint; the app paints its frame "
        "(sidebar, tool bar, menus, an empty list area saying which file it opens) before it imports the "
        "data layer and opens the database. *First rows*: the first pass in which the contacts list drew "
        "rows (data layer imported, database opened, page built, first page read and formatted); the "
        "target applies to the first figure only. The probe watches only the main window and the lists' "
        "viewports (it wraps `QMainWindow.show` and `QTableView.setModel`): an application-wide Python "
        "event filter, as used by earlier versions of this benchmark, converts every event of building "
        "the window to Python and added ~50 ms to the app's side. `QT_QPA_PLATFORM=offscreen`; bytecode "
        "cached (`PYTHONPYCACHEPREFIX` under bench-data/, as an installed app has its .pyc files).")
    if verdicts:
        counted = {v: verdicts.count(v) for v in sorted(set(verdicts))}
        result.notes.append("`--smoke-test` verdicts printed by the app: "
                            + ", ".join(f"{v} × {n}" for v, n in counted.items()) + ".")
    before_ms, hot = import_hotspots(root)
    if hot:
        result.notes.append(
            f"Imports of one app start (`python -X importtime`, top-level and `crm_desktop.*`, cumulative), "
            f"before and after the window is shown; top-level imports before it: {before_ms:.0f} ms in all "
            "(PySide6 and the probe's own included):\n\n"
            + common.md_table(["module", "window shown", "cumulative ms", "self ms"], hot))
