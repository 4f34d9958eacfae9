"""Start-up: from process start to a painted main window, against a bare PySide6 window.

Both sides run as fresh interpreters through the same few lines (``_PROBE``): they
create the QApplication, watch for the first paint of a QMainWindow, and print the
time since the parent launched them once that paint pass (every widget of the
window) has finished, then leave at once. The bare side shows an empty QMainWindow;
the app side calls ``crm_desktop.app.main(["--data-dir", DIR])``, the real start-up
path, which reuses that QApplication. The whole-process wall time of
``python -m crm_desktop --smoke-test`` against a bare show-and-quit script is
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
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget
T0 = float(os.environ["BENCH_T0"])
app = QApplication(sys.argv[:1])
_MARK = QEvent.Type(QEvent.registerEventType())
state = {"started": False, "cells": 0}
class Probe(QObject):
    def eventFilter(self, obj, event):
        if (not state["started"] and event.type() == QEvent.Type.Paint and isinstance(obj, QWidget)
                and isinstance(obj.window(), QMainWindow)):
            state["started"] = True
            QCoreApplication.postEvent(self, QEvent(_MARK))  # handled once this paint pass is done
        return False
    def event(self, event):
        if event.type() == _MARK:
            print(f"BENCH painted {(time.time() - T0) * 1000:.1f} cells {state['cells']}", flush=True)
            os._exit(0)
        return super().event(event)
probe = Probe()
app.installEventFilter(probe)
if sys.argv[1] == "bare":
    window = QMainWindow()
    window.show()
    sys.exit(app.exec())
from crm_desktop.ui import table_models
_data = table_models.RecordTableModel.data
def _counting_data(self, index, role=0):
    value = _data(self, index, role)
    if role == 0 and value is not None:
        state["cells"] += 1
    return value
table_models.RecordTableModel.data = _counting_data
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
    """(ms to painted main window, ms to exit, output) of one fresh probe process."""
    env = dict(env)
    t0 = time.time()
    env["BENCH_T0"] = repr(t0)
    proc = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True,
                          env=env, timeout=300)
    wall = (time.time() - t0) * 1000
    m = re.search(r"BENCH painted ([\d.]+) cells (\d+)", proc.stdout)
    if not m:
        raise RuntimeError(f"{args} exited {proc.returncode} with no paint reported:\n"
                           f"{proc.stdout}\n{proc.stderr[-3000:]}")
    if args[0] == "app" and int(m.group(2)) == 0:
        raise RuntimeError(f"{args}: the first paint showed no list rows")
    return float(m.group(1)), wall, proc.stdout


def _wall(cmd: list[str], env: dict[str, str]) -> tuple[float, str]:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    return (time.perf_counter() - t0) * 1000, proc.stdout + proc.stderr


def import_hotspots(data_dir: Path, top: int = 12) -> list[list[str]]:
    """The slowest imports of an app start (python -X importtime), by cumulative time."""
    env = common.child_env()
    env["BENCH_T0"] = repr(time.time())
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c", _PROBE, "app", "--data-dir",
                           str(data_dir)], capture_output=True, text=True, env=env, timeout=300)
    rows = []
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)", line)
        if m:
            rows.append((int(m.group(2)), int(m.group(1)), len(m.group(3)) // 2, m.group(4)))
    picked = [r for r in rows if r[2] == 0 or r[3].startswith("crm_desktop")]
    picked.sort(reverse=True)
    return [[f"`{name}`", f"{cum / 1000:.1f}", f"{own / 1000:.1f}"] for cum, own, _, name in picked[:top]]


def bare_window() -> int:  # `bench.py _bare-window`, for manual checks
    painted, wall, _ = _run(["bare"], common.child_env())
    print(f"bare window painted at {painted:.0f} ms, process gone at {wall:.0f} ms")
    return 0


def run(size: str = "1m", runs: int = 7) -> common.Result:
    root = bench_gen.ensure(size)
    env = common.child_env()
    app_args = ["app", "--data-dir", str(root)]
    # Warm the page cache and let any pending migration happen outside the timing.
    _run(app_args, env)
    _run(["bare"], env)
    bare_paint, app_paint, bare_smoke, app_smoke = [], [], [], []
    verdicts: list[str] = []
    smoke_cmd = [sys.executable, "-m", "crm_desktop", "--smoke-test", "--data-dir", str(root)]
    for i in range(runs):
        bare_paint.append(_run(["bare"], env)[0])
        app_paint.append(_run(app_args, env)[0])
        bare_smoke.append(_wall([sys.executable, "-c", _BARE_SMOKE], env)[0])
        ms, out = _wall(smoke_cmd, env)
        app_smoke.append(ms)
        verdicts += re.findall(r"smoke test (\w+)", out)
        print(f"  run {i + 1}: painted: bare {bare_paint[-1]:.0f} ms, app {app_paint[-1]:.0f} ms; "
              f"whole process: bare {bare_smoke[-1]:.0f} ms, app --smoke-test {app_smoke[-1]:.0f} ms")
    ratio = common.median(app_paint) / common.median(bare_paint)
    ratios = [a / b for a, b in zip(app_paint, bare_paint, strict=True)]
    smoke_ratio = common.median(app_smoke) / common.median(bare_smoke)
    result = common.Result("startup", "Start-up to a shown main window",
                           f"python scripts/bench.py startup --size {size} --runs {runs}", size)
    result.rows = [
        common.Row("bare QApplication + empty QMainWindow: painted", runs, common.median(bare_paint), "ms",
                   p95=common.percentile(bare_paint, 95)),
        common.Row("crm-desktop main window painted, list rows in it", runs, common.median(app_paint), "ms",
                   p95=common.percentile(app_paint, 95)),
        common.Row("ratio app / bare (medians)", runs, ratio, "×", f"≤ {TARGET_RATIO}×",
                   ratio <= TARGET_RATIO),
        common.Row("ratio app / bare (per run, median)", runs, statistics.median(ratios), "×"),
        common.Row("whole process: bare show-and-quit", runs, common.median(bare_smoke), "ms"),
        common.Row("whole process: crm-desktop --smoke-test", runs, common.median(app_smoke), "ms"),
        common.Row("ratio of whole processes (smoke test also counts records)", runs, smoke_ratio, "×"),
    ]
    result.notes.append(
        "Both sides are fresh interpreters started in turn, after one warm-up of each (the database "
        "file is in the page cache, as on a second launch). *Painted*: from launching the process "
        "to the end of the first paint pass of the main window; for the app the pass must have "
        "drawn list rows. `QT_QPA_PLATFORM=offscreen`; bytecode cached (`PYTHONPYCACHEPREFIX` "
        "under bench-data/, as an installed app has its .pyc files).")
    if verdicts:
        counted = {v: verdicts.count(v) for v in sorted(set(verdicts))}
        result.notes.append("`--smoke-test` verdicts printed by the app: "
                            + ", ".join(f"{v} × {n}" for v, n in counted.items()) + ".")
    hot = import_hotspots(root)
    if hot:
        result.notes.append("Slowest imports of one app start (`python -X importtime`, top-level and "
                            "`crm_desktop.*`, cumulative):\n\n"
                            + common.md_table(["module", "cumulative ms", "self ms"], hot))
    result.print()
    return result
