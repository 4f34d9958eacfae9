"""Backups while the app is in use, and what encryption costs search and the list.

    python scripts/bench.py trust --size 1m --runs 3

Backup: a copy of the seeded database (so the cache stays as it is) is backed up through
``BackupService.create`` on a worker thread while the main thread runs a Qt event loop with
a 5 ms timer; the longest gap between two ticks is how long the UI would have been blocked.
The floor is a plain file copy of the same database, measured in the same run (OS cache
warm for both). The copy itself is timed apart from the integrity check of the copy that
follows it.

Encryption: the same database encrypted (SQLCipher, through the app's own conversion) and
plain, the same search-box and list-filter queries as ``bench.py search``, and the first
page of the list sorted by name and at its end; the ratio encrypted / plain per query kind.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
from pathlib import Path

import bench_common as common
import bench_gen

TICK_MS = 5
UI_TARGET_MS = 50.0
COPY_RATIO_TARGET = 2.0
CIPHER_RATIO_TARGET = 1.5
PASSPHRASE = "benchmark passphrase"
QUERIES = ("a", "ali", "john", "john sm", "张", "张伟", "wang", "1381", "james.12", "qq.com", "acme lab",
           "zz")


def _workdir(prefix: str) -> Path:
    common.BENCH_DATA.mkdir(exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=prefix, dir=common.BENCH_DATA))  # the same disk as the data


def _copy_database(source: Path, target_dir: Path) -> tuple[Path, float]:
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / "crm.sqlite3"
    t0 = time.perf_counter()
    shutil.copyfile(source / "crm.sqlite3", target)
    return target, time.perf_counter() - t0


def _backup_while_ui_ticks(data: Path) -> dict:
    """One backup on a worker thread; the event loop's longest gap between 5 ms ticks."""
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    import crm_desktop.storage.backups as files
    from crm_desktop.services import Services

    app = QCoreApplication.instance() or QCoreApplication([])
    services = Services.open(data, fallback_region="US")
    timings: dict = {}
    copy_started = {}
    real_check = files.integrity_problems

    def timed_check(path, passphrase=None, *, quick=False):  # splits the copy from the check
        copy_started["copied"] = time.perf_counter()
        started = time.perf_counter()
        problems = real_check(path, passphrase, quick=quick)
        timings.setdefault("check_s", time.perf_counter() - started)
        return problems

    files.integrity_problems = timed_check
    gaps: list[float] = []
    loop = QEventLoop()
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000)
        last[0] = now

    def restart_clock() -> None:
        last[0] = time.perf_counter()

    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(tick)
    done = threading.Event()
    idle_gaps = _idle_lateness(loop, timer, gaps)

    def work() -> None:
        t0 = time.perf_counter()
        try:
            timings["info"] = services.backups.create("bench")
        finally:
            timings["total_s"] = time.perf_counter() - t0
            timings["copy_s"] = copy_started.get("copied", time.perf_counter()) - t0
            done.set()

    try:
        restart_clock()
        timer.start()
        thread = threading.Thread(target=work)
        thread.start()
        watcher = QTimer()
        watcher.setInterval(20)
        watcher.timeout.connect(lambda: loop.quit() if done.is_set() else None)
        watcher.start()
        loop.exec()
        thread.join()
        timer.stop()
        watcher.stop()
    finally:
        files.integrity_problems = real_check
        services.close()
    del app
    late = [g - TICK_MS for g in gaps]
    return {"copy_s": timings["copy_s"], "check_s": timings.get("check_s", 0.0),
            "total_s": timings["total_s"], "max_block_ms": max(late, default=0.0),
            "p99_block_ms": common.percentile(late, 0.99) if late else 0.0,
            "size": timings["info"].size_bytes, "idle_block_ms": max(idle_gaps, default=0.0)}


def _idle_lateness(loop, timer, gaps: list[float], seconds: float = 2.0) -> list[float]:
    """How late the same timer fires with no backup running: the machine's own noise."""
    from PySide6.QtCore import QTimer

    timer.start()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()
    timer.stop()
    idle = [g - TICK_MS for g in gaps[1:]]
    gaps.clear()
    return idle


def _query_times(data: Path, passphrase: str | None, rounds: int) -> dict[str, list[float]]:
    from crm_desktop.core.query import ListQuery
    from crm_desktop.services import Services

    services = Services.open(data, fallback_region="US", passphrase=passphrase)
    out: dict[str, list[float]] = {"box": [], "filter": [], "first page": [], "last page": []}
    try:
        total = services.contacts.count(ListQuery())
        for _ in range(rounds):
            for q in QUERIES:
                t0 = time.perf_counter()
                services.search.search(q, 20)
                out["box"].append((time.perf_counter() - t0) * 1000)
                query = ListQuery(search=q)
                t0 = time.perf_counter()
                services.contacts.count(query)
                services.contacts.page(query, 0, 100)
                out["filter"].append((time.perf_counter() - t0) * 1000)
            for key, offset in (("first page", 0), ("last page", max(total - 100, 0))):
                t0 = time.perf_counter()
                services.contacts.page(ListQuery(), offset, 100)
                out[key].append((time.perf_counter() - t0) * 1000)
    finally:
        services.close()
    return out


def _encrypted_copy(source: Path, work: Path) -> tuple[Path, float]:
    from crm_desktop.services import Services

    services = Services.open(work, fallback_region="US")
    t0 = time.perf_counter()
    try:
        services.backups.set_passphrase(PASSPHRASE)
    finally:
        services.close()
    return work, time.perf_counter() - t0


def run(size: str = "1m", runs: int = 3, rounds: int = 5) -> common.Result:
    source = bench_gen.ensure(size)
    rows: list[common.Row] = []
    work = _workdir("trust-")
    try:
        copies, backups = [], []
        for i in range(runs):
            _, copy_s = _copy_database(source, work / f"copy-{i}")
            copies.append(copy_s)
            shutil.rmtree(work / f"copy-{i}")
            data = work / "data"
            _copy_database(source, data)
            measured = _backup_while_ui_ticks(data)
            backups.append(measured)
            shutil.rmtree(data)
            print(f"  run {i + 1}: file copy {copy_s:.2f} s; backup copy {measured['copy_s']:.2f} s + check "
                  f"{measured['check_s']:.2f} s; UI late by at most {measured['max_block_ms']:.1f} ms")
        copy_med = common.median(copies)
        backup_copy = common.median([b["copy_s"] for b in backups])
        total = common.median([b["total_s"] for b in backups])
        block = common.median([b["max_block_ms"] for b in backups])
        idle = common.median([b["idle_block_ms"] for b in backups])
        rows += [
            common.Row("plain file copy (floor)", runs, copy_med, "s"),
            common.Row("backup: copy through the backup API", runs, backup_copy, "s"),
            common.Row("backup copy / file copy", runs, backup_copy / copy_med, "×",
                       f"≤ {COPY_RATIO_TARGET}×", backup_copy / copy_med <= COPY_RATIO_TARGET),
            common.Row("backup with integrity check of the copy", runs, total, "s"),
            common.Row("backup with check / file copy", runs, total / copy_med, "×"),
            common.Row("UI event loop: longest delay during a backup", runs, block, "ms",
                       f"≤ {UI_TARGET_MS:.0f} ms", block <= UI_TARGET_MS,
                       p95=max(b["max_block_ms"] for b in backups)),
            common.Row("UI event loop: longest delay with no backup (noise)", runs, idle, "ms"),
        ]
        size_mib = backups[0]["size"] / 1_048_576
        rows += _encryption_rows(source, work, rounds)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    result = common.Result("trust", "Backups and encryption", f"python scripts/bench.py trust --size {size} "
                           f"--runs {runs}", f"{common.SIZES[size]:,} contacts ({size_mib:,.0f} MiB)", rows)
    result.notes.append(
        "The backup runs as the app runs it: `BackupService.create` on a worker thread with a connection "
        "of its own, copying 4,096 pages per step through SQLite's online backup API into a temporary "
        "file (no journal, one fsync), then `PRAGMA integrity_check` of the copy before it is renamed. The "
        "UI figure is how late a 5 ms Qt timer fired on the main thread while that ran (p95 column: the "
        "worst run); the noise row is the same timer for 2 s with no backup. The integrity check reads the "
        "whole copy again; the target (≤ 2× a file copy) is for the copy, the check's cost is shown beside "
        "it. Backups made right before a change the user waits for (import, bulk delete, merge, erase, "
        "restore, encryption) use `quick_check` instead.")
    result.notes.append(
        "Analysis. The backup API moves every page through SQLite's pager: 3-4× a raw `copyfile` of the "
        "same file on this machine, whatever the step size, cache size or mmap of the source (100k probe: "
        "0.32-0.57 s against 0.12-0.20 s with an fsync). Reaching 2× would take a raw copy of the file and "
        "its WAL under a held read snapshot instead of the backup API. The UI delay depends on the shared "
        "machine's load: with other test suites running (load average 5-8) an earlier run measured 185 ms "
        "(worst 299 ms). Encrypted pages are decrypted, and their HMAC checked, on their way into SQLite's "
        "cache (the OS cache holds only ciphertext); a connection to an encrypted database keeps up to "
        "128 MiB of them (32 MiB for a plain one). Each measurement opens a fresh connection, so its first "
        "queries start from an empty cache.")
    result.notes.append(
        "Encryption: SQLCipher 4 (sqlcipher3), default settings (AES-256, 256,000 PBKDF2 iterations "
        "paid once per connection). Queries are the search box and list filter on "
        f"{len(QUERIES)} typed texts, and pages of 100 of the list sorted by name at its start and end; "
        f"{rounds} rounds, medians per query kind, ratio encrypted / plain.")
    result.print()
    return result


def _encryption_rows(source: Path, work: Path, rounds: int) -> list[common.Row]:
    plain_dir = work / "plain"
    _copy_database(source, plain_dir)
    enc_dir = work / "encrypted"
    _copy_database(source, enc_dir)
    _, convert_s = _encrypted_copy(source, enc_dir)
    print(f"  encrypted a copy in {convert_s:.1f} s")
    _query_times(plain_dir, None, 1)  # warm the OS cache for both files
    _query_times(enc_dir, PASSPHRASE, 1)
    plain = _query_times(plain_dir, None, rounds)
    encrypted = _query_times(enc_dir, PASSPHRASE, rounds)
    rows = [common.Row("turning encryption on (verified copy)", 1, convert_s, "s")]
    for kind in ("box", "filter", "first page", "last page"):
        p, e = common.median(plain[kind]), common.median(encrypted[kind])
        ratio = e / p if p else float("nan")
        label = {"box": "search box", "filter": "list filter (count + first 100)",
                 "first page": "list, first 100 by name", "last page": "list, last 100 by name"}[kind]
        rows.append(common.Row(f"{label}: plain", len(plain[kind]), p, "ms"))
        rows.append(common.Row(f"{label}: encrypted / plain", len(plain[kind]), ratio, "×",
                               f"≤ {CIPHER_RATIO_TARGET}×", ratio <= CIPHER_RATIO_TARGET))
    return rows
