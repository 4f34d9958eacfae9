"""Reminders at scale: 100,000 tasks beside 1,000,000 contacts.

- what is due now (the scheduler's poll: due reminders and the next wake time) and the
  tray's counts;
- the keep-in-touch rule over every contact tagged "customer", on a worker thread as the app
  runs it: with its daily limit (first run, the same day again, the next day), then with no
  limit (every task at once, and a repeat run that finds nothing new);
- the Reminders page: constructed and painted once, offscreen.

The 1M-contact database is copied (never changed in place), migrated, given 100,000 tasks
with a fixed seed, and kept as bench-data/reminders-<size>/ for the next run.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
import threading
import time
from pathlib import Path

import bench_common as common

TASKS = 100_000
DUE_TARGET_MS, RULE_TARGET_S, PAINT_TARGET_MS = 5.0, 2.0, 200.0
RULE_AHEAD = dt.timedelta(days=60)  # the rule runs as if two silent months had passed


def _prepared(size: str) -> Path:
    """bench-data/reminders-<size>/: the contacts database, migrated, with the tasks added."""
    target = common.BENCH_DATA / f"reminders-{size}"
    manifest = target / "bench-manifest.json"
    if manifest.exists() and json.loads(manifest.read_text()).get("tasks") == TASKS:
        return target
    source = common.data_dir(size)
    if not (source / "crm.sqlite3").exists():
        raise SystemExit(f"no {source}: run `python scripts/bench.py gen --size {size}` first")
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    print(f"  copying {source.name} …")
    shutil.copyfile(source / "crm.sqlite3", target / "crm.sqlite3")
    from crm_desktop.services import Services

    t0 = time.perf_counter()
    services = Services.open(target)  # migrates the copy
    print(f"  migrated in {time.perf_counter() - t0:.1f} s; adding {TASKS:,} tasks …")
    _add_tasks(services, random.Random(common.SEED))
    services.scoring.refresh()  # scored once, as a running app keeps them
    services.close()
    shutil.rmtree(target / "backups", ignore_errors=True)  # the pre-migration copy is not needed
    manifest.write_text(json.dumps({"tasks": TASKS, "seed": common.SEED, "size": size}))
    return target


def _add_tasks(services, rng: random.Random) -> None:
    from crm_desktop.core.tasks import TaskDraft, remind_at

    store, tz = services.ctx.storage.tasks, services.tasks.tz
    now = services.ctx.clock.now()
    top = services.ctx.storage.database.db.execute_sql("SELECT max(id) FROM contact").fetchone()[0]
    owners = [u.id for u in services.lookups.users()]
    kinds = ("call", "email", "meeting", "todo")
    with services.ctx.write():
        for i in range(TASKS):
            due = now + dt.timedelta(minutes=rng.randint(-60 * 24 * 60, 90 * 24 * 60))
            draft = TaskDraft(f"Follow-up {i}", kinds[i % 4], due, rng.random() < 0.2,
                              rng.choice((None, 0, 15, 60)), rng.choice((-1, 0, 0, 1)), "", "",
                              rng.randint(1, top), owner_id=rng.choice(owners))
            task_id = store.add(draft, remind_at(due, draft.all_day, draft.remind_before_min, tz), now)
            if due < now:  # the past is done or was shown already
                if rng.random() < 0.7:
                    store.set_done(task_id, due, now)
                else:
                    store.mark_notified([task_id], now)


def _time_ms(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def _due_now(services, runs: int) -> tuple[list[float], list[float]]:
    store = services.ctx.storage.tasks
    now = services.ctx.clock.now()

    def due():
        store.due_reminders(now)
        store.next_remind_at()

    _time_ms(due, 3)  # warm the page cache
    return _time_ms(due, runs), _time_ms(services.tasks.due_counts, runs)


def _on_worker(fn):
    """(seconds, result, CPU seconds of the worker) of ``fn()`` run on a worker thread, as the app
    runs the rules. On a loaded machine the CPU time is the steadier figure: SQLite's work is done
    on that thread."""
    box = {}

    def job():
        t0, c0 = time.perf_counter(), time.thread_time()
        box["result"] = fn()
        box["s"], box["cpu"] = time.perf_counter() - t0, time.thread_time() - c0

    worker = threading.Thread(target=job)
    worker.start()
    worker.join()
    return box["s"], box["result"], box["cpu"]


def _rule_copy(folder: Path, limit: int | None):
    """Services on a copy of the database (the rule writes), the clock two silent months on, and
    its keep-in-touch rule with daily limit ``limit`` (None: as configured)."""
    from crm_desktop.core.clock import FixedClock
    from crm_desktop.core.rules import KEEP_IN_TOUCH
    from crm_desktop.services import Services

    work = folder.parent / f"{folder.name}-rule"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    shutil.copyfile(folder / "crm.sqlite3", work / "crm.sqlite3")
    clock = FixedClock(dt.datetime.now(dt.UTC).replace(tzinfo=None) + RULE_AHEAD)
    services = Services.open(work, clock=clock)
    (rule,) = [r for r in services.rules.rules() if r.kind == KEEP_IN_TOUCH]
    if limit is not None:
        rule.config["daily_limit"] = limit
    return work, services, rule, clock


def _keep_in_touch(folder: Path) -> dict:
    """The keep-in-touch rule as the app runs it (its daily limit): the first run, the same day
    again, the next day; then every task at once (no limit) and that run repeated, which scans
    everyone and finds nothing new; then a full scoring pass. {name: (seconds, count)}."""
    out = {}
    work, services, rule, clock = _rule_copy(folder, None)
    try:
        out["first"] = _on_worker(lambda: services.rules.run_keep_in_touch(rule))
        told = services.reminders.recent(1)
        out["waiting"] = (0.0, told[0][5] if told else 0, 0.0)
        out["same_day"] = _on_worker(lambda: services.rules.run_keep_in_touch(rule))
        clock.advance(dt.timedelta(days=1))
        out["next_day"] = _on_worker(lambda: services.rules.run_keep_in_touch(rule))
        services.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    work, services, rule, clock = _rule_copy(folder, 0)
    try:
        out["all"] = _on_worker(lambda: services.rules.run_keep_in_touch(rule))
        out["again"] = _on_worker(lambda: services.rules.run_keep_in_touch(rule))
        out["scores"] = _on_worker(services.scoring.refresh)  # two months on: a full pass is due
        services.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for name, (seconds, count, cpu) in out.items():
        print(f"  {name}: {count:,} in {seconds:.2f} s (CPU {cpu:.2f} s)")
    return out


def _first_paint(services, runs: int) -> list[float]:
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from crm_desktop.ui.bridge import ChangeBridge
    from crm_desktop.ui.reminders.page import RemindersPage

    app = QApplication.instance() or QApplication([])
    bridge = ChangeBridge(services)
    times = []

    class Watch(QObject):
        painted = False

        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                self.painted = True
            return False

    for _ in range(runs + 1):
        watch = Watch()
        t0 = time.perf_counter()
        page = RemindersPage(services, bridge)
        page.view.viewport().installEventFilter(watch)
        page.resize(1200, 800)
        page.show()
        while not watch.painted:
            app.processEvents()
        times.append((time.perf_counter() - t0) * 1000)
        page.close()
        page.deleteLater()
        app.processEvents()
    bridge.detach()
    return times[1:]  # the first includes importing the page's modules


def _idle_cpu(folder: Path, window_s: float = 30.0) -> float:
    """CPU use (% of one core) of the running app left alone, once start-up and the first sweep
    of rules, scores and the calendar file are over (the first 5-second slice under 5 %)."""
    import subprocess
    import sys

    work = folder.parent / f"{folder.name}-idle"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    shutil.copyfile(folder / "crm.sqlite3", work / "crm.sqlite3")
    app = subprocess.Popen([sys.executable, "-m", "crm_desktop", "--data-dir", str(work)],
                           env=common.child_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        stat = Path(f"/proc/{app.pid}/stat")
        ticks = lambda: sum(int(v) for v in stat.read_text().rsplit(")", 1)[1].split()[11:13])  # noqa: E731
        time.sleep(10)
        for _ in range(120):  # at most ten minutes of start-up work (a first backup, the first sweep)
            before = ticks()
            time.sleep(5)
            # A backup being copied (by cp, not counted here) is followed by its check: wait for both.
            copying = any((work / "backups").glob(".*.partial"))
            if not copying and (ticks() - before) / os.sysconf("SC_CLK_TCK") / 5 < 0.05:
                break
        before = ticks()
        time.sleep(window_s)
        used = (ticks() - before) / os.sysconf("SC_CLK_TCK")
        return used / window_s * 100
    finally:
        app.terminate()
        app.wait(30)
        shutil.rmtree(work, ignore_errors=True)


def run(size: str = "1m", runs: int = 30) -> common.Result:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from crm_desktop.services import Services
    from crm_desktop.storage.tasks import SectionQuery

    folder = _prepared(size)
    services = Services.open(folder)
    due, counts = _due_now(services, runs)
    shown = services.tasks.count(SectionQuery("upcoming"))
    paint = _first_paint(services, max(5, runs // 6))
    services.close()
    shutil.rmtree(folder / "backups", ignore_errors=True)  # a copy from migrating it: not needed
    rule = _keep_in_touch(folder)
    idle = _idle_cpu(folder)
    n = common.SIZES[size]
    result = common.Result(
        "reminders", "Reminders", f"python scripts/bench.py reminders --size {size} --runs {runs}",
        f"{n:,} contacts, {TASKS:,} tasks")

    def rule_row(key: str, text: str) -> common.Row:
        seconds, count, cpu = rule[key]
        return common.Row(f"{text.replace('{n}', f'{count:,}')}; its thread's CPU time {cpu:.2f} s", 1,
                          seconds, "s", f"≤ {RULE_TARGET_S:g} s", seconds <= RULE_TARGET_S)

    result.rows = [
        common.Row("what is due now (due reminders + next wake)", runs, common.median(due), "ms",
                   f"≤ {DUE_TARGET_MS:g} ms", common.median(due) <= DUE_TARGET_MS,
                   common.percentile(due, 95)),
        common.Row("tray counts (overdue, due today)", runs, common.median(counts), "ms",
                   p95=common.percentile(counts, 95)),
        rule_row("first", "keep-in-touch rule, first run: {n} tasks made (daily limit 500, "
                 f"{rule['waiting'][1]:,} told to wait), worker thread"),
        rule_row("same_day", "keep-in-touch rule, again the same day ({n} made: limit reached)"),
        rule_row("next_day", "keep-in-touch rule, the next day ({n} more made)"),
        rule_row("all", "keep-in-touch rule with no limit: every task at once ({n} made), worker thread"),
        rule_row("again", "keep-in-touch rule with no limit, repeat run ({n} made: a scan of everyone)"),
        common.Row(f"lead scores, full pass ({rule['scores'][1]:,} contacts, 6 rules, slices of 50,000)", 1,
                   rule["scores"][0], "s"),
        common.Row(f"Reminders page first paint (Upcoming: {shown:,} rows)", len(paint),
                   common.median(paint), "ms", f"≤ {PAINT_TARGET_MS:g} ms",
                   common.median(paint) <= PAINT_TARGET_MS, common.percentile(paint, 95)),
        common.Row("idle app, CPU (% of one core over 30 s, after start-up)", 1, idle, "%", "< 1 %",
                   idle < 1),
    ]
    result.notes = [
        "Tasks: due from 60 days ago to 90 days ahead, a fifth all-day, 70 % of the past ones done; "
        "the rule runs with the clock 60 days ahead so every tagged contact has been silent for "
        "30 days. \"Due now\" is one range of the partial index `task_remind`; the scheduler "
        "sleeps until the next reminder time instead of polling.",
        "Keep in touch makes at most 500 tasks a day (a setting of the rule; 0 = no limit), the people "
        "silent longest first, and one notification says how many wait for the next days: turned on "
        "over 1M contacts it owes ~204,000 follow-ups, more than anyone can work through, and making "
        "them all at once would bury the few that matter today. A run finds who needs a task (a scan "
        "of the tagged contacts into a temporary table), then makes the first 500; once the day's "
        "limit is reached it does not scan again that day.",
        "With no limit, each of the ~204,000 tasks goes into the task table and its eight indexes "
        "(uuid, contact, deal, company, open, remind, rule key, primary key); measured by dropping one "
        "index at a time, each costs 0.3-1 s of CPU for these rows, so that run stays above 2 s. UUIDv7s "
        "are now made in SQL (a Python call per row cost ~1 s of it).",
        f"The machine is shared: load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores when "
        "this run ended; at load 7-10 the same build took 2-3× as long (rule and scoring passes).",
    ]
    result.print()
    return result
