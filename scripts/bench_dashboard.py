"""The dashboard over 1M contacts, 100k deals and 1M activities: the figures grouped in SQL
(every one, for this quarter and this year, for everyone and for one owner) and the page's
first paint (from the page being made to its tiles and charts painted with the figures).

The data is a copy of the contacts database (bench-data/dashboard-1m/, reused while its
manifest matches) with 100,000 deals (10 % open, the rest won or lost over two years),
1,000,000 activities over two years, 20,000 open tasks and 20,000 paid orders, written with
plain SQL. Each run starts with the dashboard's cache emptied, so every figure is computed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
import time
import uuid
from pathlib import Path

import bench_common as common

FIRST_PAINT_MS = 500.0
DEALS, ACTIVITIES, TASKS, ORDERS = 100_000, 1_000_000, 20_000, 20_000
SEED = common.SEED + 8
MANIFEST = {"deals": DEALS, "activities": ACTIVITIES, "tasks": TASKS, "orders": ORDERS, "seed": SEED,
            "indexes": "activity_by_day"}
KINDS = ("call", "email", "meeting", "note")
ANALYSIS = (
    "What is slow and why. The page loads in two steps on its worker thread: first every figure "
    "but two (that is what \"first paint\" times), then \"new people / companies by source\" and "
    "\"no interaction in 30+ days\", which read every person. In this data every one of the million "
    "people was created this quarter (the generator's date), so the first reads a million index "
    "entries; with people added over years a quarter is a small index range. The second groups "
    "the million activities by person (~0.6 s over the covering index `activity_timeline`) and "
    "then looks up ~500,000 people (~0.45 s); making it fast needs a last-interaction column kept "
    "per person, which is the activity log's to keep. Activities per owner, week and type are "
    "read from counts per day, owner and kind that triggers keep in `activity_day` (migration 0014), "
    "added up per week in SQL."
)

YEAR = (
    "This year. The issue's target is the first paint ≤ 500 ms; this quarter's first figures took "
    "~200 ms and this year's 636 ms (both on a quiet machine, before migration 0014). Each of the "
    "year's queries timed alone (read-only, this machine, before → after): activities per owner, "
    "week and type 223 → ~12 ms (they read ~450,000 entries of the index `activity_by_day` and, as "
    "SQLite 3.40 does not take the day from an index on an expression, the row of each; now "
    "~8,000 counts per day, owner and kind that triggers keep in `activity_day`); won / lost per "
    "month 75 → ~27 ms (a row read per closed deal; `deal_closed` now carries the columns it and "
    "the top customers read); top customers 99 → ~34 ms (added up per customer before the "
    "names are looked up, not per sale). The year's first figures now take less than this "
    "quarter's did. The cost: `activity_by_day` is no longer kept, the trigger's upsert is: an "
    "activity inserted with plain SQL (the cheapest insert) costs 1.15-1.55× across runs on this "
    "shared machine (+6 to +20 µs a row; 3 µs more than the index in a bare table), and no "
    "difference shows for an activity logged through the service, as the window logs them "
    "(0.86-1.06×; the ratio rows below). The window logs activities one at a time; nothing in the "
    "app inserts them in bulk. "
    "\"This year chosen\": a shown page switched from this quarter to this year with the cache "
    "emptied, until the year's first figures are painted. The page now loads its first figures and "
    "every figure on two threads; on one, a period chosen while the figures over every person "
    "were still counted waited for them (one run in five here took 1.9-2.4 s)."
)


def _prepared() -> Path:
    target = common.BENCH_DATA / "dashboard-1m"
    manifest = target / "bench-manifest.json"
    if manifest.exists() and json.loads(manifest.read_text()) == MANIFEST:
        return target
    source = common.data_dir("1m")
    if not (source / "crm.sqlite3").exists():
        raise SystemExit(f"no {source}: run `python scripts/bench.py gen --size 1m` first")
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    print(f"  copying {source.name} …")
    shutil.copyfile(source / "crm.sqlite3", target / "crm.sqlite3")
    from crm_desktop.services import Services

    t0 = time.perf_counter()
    services = Services.open(target)  # migrates the copy
    print(f"  migrated in {time.perf_counter() - t0:.1f} s; adding deals, activities, tasks, orders …")
    t0 = time.perf_counter()
    _fill(services.ctx.storage.database.db, random.Random(SEED), services.ctx.clock.now())
    services.ctx.storage.deals.rebuild_outcomes()
    services.close()
    print(f"  added in {time.perf_counter() - t0:.1f} s")
    shutil.rmtree(target / "backups", ignore_errors=True)
    manifest.write_text(json.dumps(MANIFEST))
    return target


def _stamp(now: dt.datetime, rng: random.Random, days: int = 730) -> str:
    return str(now - dt.timedelta(seconds=rng.randrange(days * 86400)))[:19]


def _fill(db, rng: random.Random, now: dt.datetime) -> None:
    contacts = db.execute_sql("SELECT max(id) FROM contact").fetchone()[0]
    companies = [r[0] for r in db.execute_sql("SELECT id FROM company")]
    owners = [r[0] for r in db.execute_sql("SELECT id FROM app_user")]
    stages = db.execute_sql(
        "SELECT s.id, s.pipeline_id FROM stage s JOIN pipeline p ON p.id = s.pipeline_id "
        "WHERE p.is_default = 1 ORDER BY s.position"
    ).fetchall()
    reasons = [r[0] for r in db.execute_sql("SELECT name FROM lost_reason")]
    with db.atomic():
        deals = []
        for i in range(DEALS):
            stage, pipeline = rng.choice(stages)
            status = "open" if i % 10 == 0 else rng.choice(("won", "won", "lost", "lost", "lost"))
            created = _stamp(now, rng)
            closed = None if status == "open" else _stamp(now, rng)
            close = str((now + dt.timedelta(days=rng.randrange(-30, 300))).date())
            deals.append(
                (
                    f"Deal {i}",
                    pipeline,
                    stage,
                    rng.choice(companies),
                    rng.randrange(1, contacts + 1),
                    rng.randrange(10, 800) * 10_000,
                    "USD",
                    close,
                    status,
                    rng.choice(reasons) if status == "lost" else "",
                    closed,
                    created,
                    rng.choice(owners),
                    str(uuid.uuid4()),
                    created,
                    closed or created,
                )
            )
        db.execute_sql("PRAGMA cache_size = -200000")
        db.cursor().executemany(
            "INSERT INTO deal(title, pipeline_id, stage_id, company_id, contact_id, value_minor, currency, "
            "expected_close, status, lost_reason, closed_at, stage_entered_at, owner_id, uuid, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            deals,
        )
        rows = (
            (
                rng.choice(KINDS),
                "Follow-up",
                _stamp(now, rng),
                rng.randrange(1, contacts + 1),
                rng.choice(owners),
                str(uuid.uuid4()),
            )
            for _ in range(ACTIVITIES)
        )
        db.cursor().executemany(
            "INSERT INTO activity(kind, subject, occurred_at, contact_id, owner_id, uuid, created_at, "
            "updated_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?3, ?3)",
            rows,
        )
        tasks = (
            (
                f"Task {i}",
                str(now + dt.timedelta(hours=rng.randrange(-24 * 60, 24 * 60)))[:19],
                rng.randrange(1, contacts + 1),
                rng.choice(owners),
                str(uuid.uuid4()),
                str(now)[:19],
            )
            for i in range(TASKS)
        )
        db.cursor().executemany(
            "INSERT INTO task(title, due_at, contact_id, owner_id, uuid, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?6)",
            tasks,
        )
        for i in range(ORDERS):
            when = _stamp(now, rng)
            cur = db.execute_sql(
                "INSERT INTO sales_order(number, ordered_at, currency, company_id, uuid, created_at, "
                "updated_at) "
                "VALUES (?, ?, 'USD', ?, ?, ?, ?)",
                (f"SO-{i}", when, rng.choice(companies), str(uuid.uuid4()), when, when),
            )
            amount = rng.randrange(100, 5000) * 100
            db.execute_sql(
                "INSERT INTO order_line(order_id, description, unit_price_minor) VALUES (?, 'x', ?)",
                (cur.lastrowid, amount),
            )
            db.execute_sql(
                "INSERT INTO payment(order_id, amount_minor, paid_at, uuid, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (cur.lastrowid, amount, when, str(uuid.uuid4()), when, when),
            )
    db.execute_sql("ANALYZE")


def _ms(fn) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def run(runs: int = 5) -> common.Result:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from crm_desktop.core.dashboard import DashboardQuery, period_range
    from crm_desktop.services import Services

    folder = _prepared()
    command = f"python scripts/bench.py dashboard --runs {runs}"
    result = common.Result(
        "dashboard", "Dashboard", command, "1,000,000 contacts, 100,000 deals, 1,000,000 activities"
    )
    services = Services.open(folder)
    try:
        dash = services.dashboard
        today = services.ctx.clock.today()
        owner = services.lookups.users()[0].id
        queries = {}
        for period in ("month", "quarter", "year"):
            start, end = period_range(period, today)
            queries[f"all figures, this {period}"] = DashboardQuery(start, end, None, "USD")
            queries[f"all figures, this {period}, one owner"] = DashboardQuery(start, end, owner, "USD")
        for label, query in queries.items():
            for complete in (False, True):
                walls, cpus = [], []
                for _ in range(runs):
                    dash._cache.clear()
                    wall, cpu = _ms(lambda q=query, c=complete: dash.load(q, complete=c))
                    walls.append(wall)
                    cpus.append(cpu)
                name = label if complete else label.replace("all figures", "figures shown first")
                result.rows.append(
                    common.Row(name, runs, common.median(walls), "ms", p95=common.percentile(walls, 95))
                )
                result.rows.append(common.Row(f"{name} (CPU)", runs, common.median(cpus), "ms"))
        start, end = period_range("quarter", today)
        board = dash.load(DashboardQuery(start, end, None, "USD"))
        _figure_rows(result, services, board, runs)
        start, end = period_range("year", today)
        _figure_rows(result, services, dash.load(DashboardQuery(start, end, None, "USD")), runs, " (year)")
        paints, completes = _first_paints(services, runs)
        ok = common.median(paints) <= FIRST_PAINT_MS
        result.rows.append(
            common.Row(
                "page first paint with figures (this quarter)",
                runs,
                common.median(paints),
                "ms",
                f"≤ {FIRST_PAINT_MS:.0f} ms",
                ok,
                common.percentile(paints, 95),
            )
        )
        result.rows.append(
            common.Row(
                "page with every figure (this quarter)",
                runs,
                common.median(completes),
                "ms",
                p95=common.percentile(completes, 95),
            )
        )
        years = _year_paints(services, runs)
        result.rows.append(
            common.Row(
                "page: This year chosen → figures painted",
                runs,
                common.median(years),
                "ms",
                f"≤ {FIRST_PAINT_MS:.0f} ms",
                common.median(years) <= FIRST_PAINT_MS,
                common.percentile(years, 95),
            )
        )
        result.notes.append(
            f"Figures of this quarter: {board.open_deals:,} open deals, "
            f"{sum(m.won for m in board.won_lost):,} won, {sum(a.count for a in board.activities):,} "
            f"activities, {board.stale_customers:,} people with no call, e-mail or meeting in 30+ days. "
            "First paint: a new page made with the cache empty, until its "
            "tiles and charts are painted with the figures (the figures are computed on the page's worker "
            "thread; the window stays responsive meanwhile). Charts are painted with QPainter, not Qt Charts "
            "(PySide6-Addons is not shipped)."
        )
        result.notes.append(ANALYSIS)
        result.notes.append(YEAR)
    finally:
        services.close()
    _insert_cost(result, runs)
    result.print()
    return result


def _figure_rows(result, services, board, runs: int, suffix: str = "") -> None:
    """Each figure alone (the board's period, everyone), to show where the time goes."""
    store, q, now = services.ctx.storage.dashboard, board.query, services.ctx.clock.now()
    day_end = now + dt.timedelta(days=1)
    for name, fn in (
        ("open pipeline by stage", lambda: store.stages(q)),
        ("forecast by month", lambda: store.forecast(q)),
        ("won / lost per month", lambda: store.won_lost(q)),
        ("lost reasons", lambda: store.lost_reasons(q)),
        ("new people / companies by source", lambda: store.new_records(q)),
        ("activities per owner, week, type", lambda: store.activities(q)),
        ("overdue / due today tasks", lambda: store.tasks_due(q, now, day_end)),
        ("top customers by revenue", lambda: store.top_customers(q)),
        ("no interaction in 30+ days", lambda: store.stale_customers(q, now, 30)),
        ("deal currencies", lambda: services.ctx.storage.deals.currencies()),
        ("targets: this month's won value, this week's activities",
         lambda: services.dashboard.targets.progress(None)),
    ):
        walls = [_ms(fn)[0] for _ in range(runs)]
        result.rows.append(common.Row(f"  {name}{suffix}", runs, common.median(walls), "ms"))


def _first_paints(services, runs: int) -> tuple[list[float], list[float]]:
    """(first paint, every figure painted) of a new page, in ms, the cache emptied each time."""
    from PySide6.QtWidgets import QApplication

    from crm_desktop.ui.bridge import ChangeBridge
    from crm_desktop.ui.dashboard.page import DashboardPage

    app = QApplication.instance() or QApplication([])
    bridge = ChangeBridge(services)
    firsts, completes = [], []
    for _ in range(runs):
        services.dashboard._cache.clear()
        t0 = time.perf_counter()
        page = DashboardPage(services, bridge)
        page.resize(1280, 800)
        page.show()
        seen: list[str] = []
        page.loaded.connect(lambda log=seen: log.append("loaded"))
        page.completed.connect(lambda log=seen: log.append("completed"))
        while not seen:
            app.processEvents()
            time.sleep(0.001)
        page.repaint()
        firsts.append((time.perf_counter() - t0) * 1000)
        while "completed" not in seen:
            app.processEvents()
            time.sleep(0.001)
        page.repaint()
        completes.append((time.perf_counter() - t0) * 1000)
        page.shutdown()
        page.close()
        page.deleteLater()
        app.processEvents()
    bridge.detach()
    return firsts, completes


def _year_paints(services, runs: int) -> list[float]:
    """From "This year" chosen on a shown page (the cache emptied) until its first figures are
    painted, in ms; the page goes back to this quarter (untimed) between runs."""
    from PySide6.QtWidgets import QApplication

    from crm_desktop.ui.bridge import ChangeBridge
    from crm_desktop.ui.dashboard.page import DashboardPage

    app = QApplication.instance() or QApplication([])
    bridge = ChangeBridge(services)
    page = DashboardPage(services, bridge)
    page.resize(1280, 800)
    page.show()
    seen: list[str] = []
    page.loaded.connect(lambda: seen.append("loaded"))
    page.completed.connect(lambda: seen.append("completed"))

    def wait(what: str) -> None:
        while what not in seen:
            app.processEvents()
            time.sleep(0.001)

    wait("completed")
    times = []
    for _ in range(runs):
        services.dashboard._cache.clear()
        seen.clear()
        t0 = time.perf_counter()
        page.period_combo.setCurrentIndex(page.period_combo.findData("year"))
        wait("loaded")
        page.repaint()
        times.append((time.perf_counter() - t0) * 1000)
        wait("completed")
        seen.clear()
        page.period_combo.setCurrentIndex(page.period_combo.findData("quarter"))
        wait("completed")
    page.shutdown()
    page.close()
    page.deleteLater()
    app.processEvents()
    bridge.detach()
    return times


INSERT_ROWS, INSERT_BASE, LOGGED = 20_000, 200_000, 1_000


def _insert_cost(result, runs: int) -> None:
    """What migration 0014 costs an insert (the counts per day kept by a trigger in place of the index
    ``activity_by_day``; a wider ``deal_closed``): 20,000 activities and 2,000 deals inserted with
    plain SQL (the cheapest insert, so the share of the trigger and indexes is the largest) into a
    database already holding 200,000 activities and 20,000 deals, with the schema as it is and as
    it was before (the migration reverted), alternated; each insert is rolled back. Then 1,000
    calls logged one by one through the activity service, as the window logs them."""
    import importlib.util
    import tempfile

    from crm_desktop.core.activities import ActivityDraft
    from crm_desktop.core.records import ContactDraft
    from crm_desktop.services import Services
    from crm_desktop.storage.database import MIGRATIONS_DIR

    spec = importlib.util.spec_from_file_location("m0014", Path(MIGRATIONS_DIR) / "0014_dashboard_year.py")
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    rng = random.Random(SEED)
    now = dt.datetime(2026, 6, 1)
    with tempfile.TemporaryDirectory(dir=common.BENCH_DATA) as folder:
        services = Services.open(Path(folder))
        db = services.ctx.storage.database.db
        stage, pipeline = db.execute_sql("SELECT id, pipeline_id FROM stage LIMIT 1").fetchone()
        owners = [r[0] for r in db.execute_sql("SELECT id FROM app_user")]

        def activities(n: int):
            return [(rng.choice(KINDS), _stamp(now, rng), rng.choice(owners), str(uuid.uuid4()))
                    for _ in range(n)]

        def deals(n: int):
            out = []
            for i in range(n):
                closed = _stamp(now, rng)
                out.append((f"Deal {i}", pipeline, stage, rng.randrange(10, 800) * 10_000, "USD",
                            rng.choice(("won", "lost")), closed, rng.choice(owners), str(uuid.uuid4()),
                            closed))
            return out

        def insert(acts, ds) -> None:
            db.cursor().executemany(
                "INSERT INTO activity(kind, subject, occurred_at, owner_id, uuid, created_at, updated_at) "
                "VALUES (?1, 'x', ?2, ?3, ?4, ?2, ?2)", acts)
            db.cursor().executemany(
                "INSERT INTO deal(title, pipeline_id, stage_id, value_minor, currency, status, closed_at, "
                "owner_id, uuid, stage_entered_at, created_at, updated_at) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?10)", ds)

        with db.atomic():
            insert(activities(INSERT_BASE), deals(INSERT_BASE // 10))
        batch = (activities(INSERT_ROWS), deals(INSERT_ROWS // 10))
        person = services.contacts.create(ContactDraft(given_name="Ada"))
        times: dict[str, list[float]] = {"new": [], "old": []}
        logs: dict[str, list[float]] = {"new": [], "old": []}
        state = "new"
        for run in range(runs):
            for variant in (("new", "old") if run % 2 == 0 else ("old", "new")):
                if variant != state:
                    with db.atomic():
                        (migration.up if variant == "new" else migration.down)(None, db)
                    state = variant
                db.execute_sql("BEGIN")
                t0 = time.perf_counter()
                insert(*batch)
                times[variant].append((time.perf_counter() - t0) * 1000)
                db.execute_sql("ROLLBACK")
                t0 = time.perf_counter()
                for n in range(LOGGED):  # as the window logs them: one transaction each
                    services.activities.log(ActivityDraft("call", f"Call {n}", occurred_at=now,
                                                          contact_id=person))
                logs[variant].append((time.perf_counter() - t0) * 1000 / LOGGED)
        services.close()
    new, old = common.median(times["new"]), common.median(times["old"])
    label = f"insert {INSERT_ROWS:,} activities + {INSERT_ROWS // 10:,} deals with plain SQL"
    result.rows.append(common.Row(f"{label}, schema of 0014", runs, new, "ms"))
    result.rows.append(common.Row(f"{label}, schema before 0014", runs, old, "ms"))
    result.rows.append(common.Row("  insert cost of 0014 (ratio)", runs, new / old, "×"))
    new, old = common.median(logs["new"]), common.median(logs["old"])
    label = "one activity logged through the service (its own transaction)"
    result.rows.append(common.Row(f"{label}, schema of 0014", runs, new, "ms"))
    result.rows.append(common.Row(f"{label}, schema before 0014", runs, old, "ms"))
    result.rows.append(common.Row("  cost of 0014 per logged activity (ratio)", runs, new / old, "×"))
