"""Backups while the app is in use, and what encryption costs search and the list.

    python scripts/bench.py trust --size 1m --runs 3 --rounds 15

Backup: a copy of the seeded database (so the cache stays as it is) is backed up through
``BackupService.create`` on a worker thread while the main thread runs a Qt event loop with
a 5 ms timer; the longest gap between two ticks is how long the UI would have been blocked.
The floor is a plain file copy of the same database, measured in the same run just before
and just after the backup (OS cache warm for all). The phases of the backup are timed apart:
the copy (from ``create`` to the start of the check), the integrity check of the copy, the
sync of the checked copy (fsync, before its rename), and the whole ``create`` call.

Encryption: the foundation's own procedures on the seeded database and on an encrypted copy
of it (SQLCipher, made once through the app's own conversion and cached beside it), run in
turn: ``bench_search.service_filtering`` (the search box and the list filter, every typed
query, ``--rounds`` passes, one Services per measurement, first pass included) and
``bench_list``'s child process (a ContactsPage: first rows painted, jump to the last row,
filters and sorts off the UI thread), ``--runs`` times each. Both files are read once
first so that the OS cache holds both; the ratio is encrypted / plain.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import subprocess
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
PASSPHRASE_ENV = "CRM_BENCH_PASSPHRASE"  # the list child opens the encrypted copy with it


def _workdir(prefix: str) -> Path:
    common.BENCH_DATA.mkdir(exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=prefix, dir=common.BENCH_DATA))  # the same disk as the data


def _copy_database(source: Path, target_dir: Path) -> tuple[Path, float]:
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / "crm.sqlite3"
    t0 = time.perf_counter()
    shutil.copyfile(source / "crm.sqlite3", target)
    return target, time.perf_counter() - t0


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _floor(source: Path, work: Path) -> tuple[float, float]:
    """(plain file copy, the same copy then synced) of the database, in seconds."""
    target, copy_s = _copy_database(source, work / "floor")
    t0 = time.perf_counter()
    _fsync(target)
    synced_s = copy_s + time.perf_counter() - t0
    shutil.rmtree(work / "floor")
    return copy_s, synced_s


# -- a backup while the UI ticks --------------------------------------------------------
def _backup_while_ui_ticks(data: Path) -> dict:
    """One backup on a worker thread; the event loop's longest gap between 5 ms ticks."""
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    import crm_desktop.storage.backups as files
    from crm_desktop.services import Services

    app = QCoreApplication.instance() or QCoreApplication([])
    services = Services.open(data, fallback_region="US")
    timings: dict = {}
    real_check, real_copy, real_sync = files.integrity_problems, files.copy_database, files._fsync

    def timed_check(path, passphrase=None, *, quick=False):  # splits the copy from the check
        timings.setdefault("copied", time.perf_counter())
        started = time.perf_counter()
        problems = real_check(path, passphrase, quick=quick)
        timings.setdefault("check_s", time.perf_counter() - started)
        return problems

    def noted_copy(*args, **kwargs):
        timings["method"] = real_copy(*args, **kwargs)
        return timings["method"]

    def timed_sync(path):  # the sync of the checked copy, before its rename
        started = time.perf_counter()
        real_sync(path)
        timings.setdefault("sync_s", time.perf_counter() - started)

    files.integrity_problems, files.copy_database, files._fsync = timed_check, noted_copy, timed_sync
    ticks: list[float] = []
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    done = threading.Event()
    idle = _idle_lateness(loop, timer, ticks)

    def work() -> None:
        timings["start"] = time.perf_counter()
        try:
            timings["info"] = services.backups.create("bench")
        finally:
            timings["end"] = time.perf_counter()
            done.set()

    try:
        ticks.append(time.perf_counter())
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
        files.integrity_problems, files.copy_database, files._fsync = real_check, real_copy, real_sync
        services.close()
    del app
    copied = timings.get("copied", timings["end"])
    late = [(b - a) * 1000 - TICK_MS for a, b in itertools.pairwise(ticks)]
    during_copy = [(b - a) * 1000 - TICK_MS for a, b in itertools.pairwise(ticks) if a < copied]
    worst = max(itertools.pairwise(ticks), key=lambda pair: pair[1] - pair[0], default=(copied, copied))
    return {"copy_s": copied - timings["start"], "check_s": timings.get("check_s", 0.0),
            "sync_s": timings.get("sync_s", 0.0),
            "total_s": timings["end"] - timings["start"], "max_block_ms": max(late, default=0.0),
            "copy_block_ms": max(during_copy, default=0.0), "method": timings.get("method", "?"),
            "size": timings["info"].size_bytes, "idle_block_ms": max(idle, default=0.0),
            "p99_block_ms": common.percentile(late, 99) if late else 0.0,
            "idle_p99_ms": common.percentile(idle, 99) if idle else 0.0,
            "worst_after_copy_s": worst[0] - copied}


def _idle_lateness(loop, timer, ticks: list[float], seconds: float = 10.0) -> list[float]:
    """How late the same timer fires with no backup running: the machine's own noise."""
    from PySide6.QtCore import QTimer

    ticks.append(time.perf_counter())
    timer.start()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()
    timer.stop()
    idle = [(b - a) * 1000 - TICK_MS for a, b in itertools.pairwise(ticks[1:])]
    ticks.clear()
    return idle


def _backup_rows(source: Path, work: Path, runs: int) -> tuple[list[common.Row], float]:
    floors, synced, backups = [], [], []
    for i in range(runs):
        copy_s, synced_s = _floor(source, work)
        floors.append(copy_s)
        synced.append(synced_s)
        data = work / "data"
        _fsync(_copy_database(source, data)[0])  # the app's database is on disk, not being written back
        measured = _backup_while_ui_ticks(data)
        backups.append(measured)
        shutil.rmtree(data)
        after_s, after_synced = _floor(source, work)  # the machine's load changes: floor before and after
        floors.append(after_s)
        synced.append(after_synced)
        print(f"  run {i + 1}: file copy {copy_s:.2f} / {after_s:.2f} s; "
              f"backup copy {measured['copy_s']:.2f} s "
              f"({measured['method']}) + check {measured['check_s']:.2f} s + sync {measured['sync_s']:.2f} s "
              f"(whole backup {measured['total_s']:.2f} s); UI late by at most "
              f"{measured['max_block_ms']:.1f} ms ({measured['copy_block_ms']:.1f} ms during the copy; "
              f"the worst {measured['worst_after_copy_s']:+.1f} s from the end of the copy; p99 "
              f"{measured['p99_block_ms']:.1f} ms; with no backup: worst {measured['idle_block_ms']:.1f} ms, "
              f"p99 {measured['idle_p99_ms']:.1f} ms)",
              flush=True)
    floor, floor_synced = common.median(floors), common.median(synced)
    copy = common.median([b["copy_s"] for b in backups])
    sync = common.median([b["sync_s"] for b in backups])
    check = common.median([b["check_s"] for b in backups])
    durable = common.median([b["copy_s"] + b["sync_s"] for b in backups])
    total = common.median([b["total_s"] for b in backups])
    block = common.median([b["max_block_ms"] for b in backups])
    copy_block = common.median([b["copy_block_ms"] for b in backups])
    methods = sorted({b["method"] for b in backups})
    rows = [
        common.Row("plain file copy (floor, before and after each backup)", len(floors), floor, "s"),
        common.Row("plain file copy then fsync (for comparison)", len(synced), floor_synced, "s"),
        common.Row(f"backup: copy phase, not yet synced ({', '.join(methods)})", runs, copy, "s"),
        common.Row("backup copy phase / file copy", runs, copy / floor, "×", f"≤ {COPY_RATIO_TARGET}×",
                   copy / floor <= COPY_RATIO_TARGET, p95=max(b["copy_s"] for b in backups) / floor),
        common.Row("backup: integrity check of the copy", runs, check, "s"),
        common.Row("backup: fsync of the checked copy, before its rename", runs, sync, "s"),
        common.Row("backup: copy phase + its fsync / file copy then fsync", runs, durable / floor_synced,
                   "×"),
        common.Row("backup, whole: copy + check + fsync + rename + counts + rotation", runs, total, "s"),
        common.Row("UI event loop: longest delay during the copy", runs, copy_block, "ms",
                   f"≤ {UI_TARGET_MS:.0f} ms", copy_block <= UI_TARGET_MS,
                   p95=max(b["copy_block_ms"] for b in backups)),
        common.Row("UI event loop: longest delay during the whole backup (copy and check)", runs, block, "ms",
                   f"≤ {UI_TARGET_MS:.0f} ms", block <= UI_TARGET_MS,
                   p95=max(b["max_block_ms"] for b in backups)),
        common.Row("UI event loop: 99th percentile delay during the whole backup", runs,
                   common.median([b["p99_block_ms"] for b in backups]), "ms"),
        common.Row("UI event loop: longest delay with no backup (noise, 10 s)", runs,
                   common.median([b["idle_block_ms"] for b in backups]), "ms"),
        common.Row("UI event loop: 99th percentile delay with no backup (noise, 10 s)", runs,
                   common.median([b["idle_p99_ms"] for b in backups]), "ms"),
    ]
    return rows, backups[0]["size"] / 1_048_576


# -- encryption: the foundation's search and list figures, plain and encrypted -------------
@contextlib.contextmanager
def _opened_with(passphrase: str | None):
    """Every ``Services.open`` in this process passes ``passphrase`` (the foundation's code is
    measured unchanged)."""
    from crm_desktop.services import Services

    real = Services.__dict__["open"]
    if passphrase:
        Services.open = classmethod(lambda cls, *a, **k: real.__func__(cls, *a, **{"passphrase": passphrase,
                                                                                    **k}))
    try:
        yield
    finally:
        Services.open = real


def list_child(data_dir: Path, widget: str) -> int:
    """``bench_list.child`` on a database opened with the passphrase in $CRM_BENCH_PASSPHRASE."""
    import bench_list

    with _opened_with(os.environ.get(PASSPHRASE_ENV) or None):
        return bench_list.child(data_dir, widget)


def _encrypted_dataset(source: Path, size: str) -> tuple[Path, float | None]:
    """An encrypted copy of the seeded database, made once per dataset and kept beside it."""
    from crm_desktop.services import Services

    root = common.BENCH_DATA / f"contacts-{size}-encrypted"
    stamp = (source / "bench-manifest.json").read_text(encoding="utf-8")
    if (root / "bench-manifest.json").exists() and (root / "bench-manifest.json").read_text("utf-8") == stamp:
        return root, None
    shutil.rmtree(root, ignore_errors=True)
    _copy_database(source, root)
    t0 = time.perf_counter()
    services = Services.open(root, fallback_region="US")
    try:
        services.backups.set_passphrase(PASSPHRASE)
    finally:
        services.close()
    seconds = time.perf_counter() - t0
    for backup in (root / "backups").glob("*"):  # the plaintext copy made before encrypting
        backup.unlink()
    (root / "bench-manifest.json").write_text(stamp, encoding="utf-8")
    return root, seconds


def _read_through(path: Path) -> None:
    """Bring the whole file into the OS cache (in a child: no handle of a database closed here)."""
    subprocess.run(["cat", str(path)], stdout=subprocess.DEVNULL, check=True)


def _search_times(plain: Path, encrypted: Path, runs: int, rounds: int) -> dict:
    import bench_search

    out = {label: {"box": [], "list": [], "box first": [], "list first": []}
           for label in ("plain", "encrypted")}
    bench_search.query_plans = lambda services, text: []  # not part of these figures
    for i in range(runs):
        order = (("plain", plain, None), ("encrypted", encrypted, PASSPHRASE))
        for label, root, passphrase in order if i % 2 == 0 else reversed(order):
            with _opened_with(passphrase):
                measured = bench_search.service_filtering(root, rounds)
            for kind in ("box", "list"):
                out[label][kind] += [x for v in measured[kind].values() for x in v]
                out[label][f"{kind} first"] += [v[0] for v in measured[kind].values()]  # a cold cache
            print(f"  search run {i + 1} {label}: box median {common.median(out[label]['box']):.1f} ms, "
                  f"list median {common.median(out[label]['list']):.1f} ms", flush=True)
    return out


def _list_times(plain: Path, encrypted: Path, runs: int) -> dict:
    out: dict = {"plain": [], "encrypted": []}
    for i in range(runs):
        order = (("plain", plain, ""), ("encrypted", encrypted, PASSPHRASE))
        for label, root, passphrase in order if i % 2 == 0 else reversed(order):
            os.environ[PASSPHRASE_ENV] = passphrase
            try:
                measured = common.run_child(["_trust-list-child", "--data-dir", str(root),
                                             "--widget", "page"])
            finally:
                os.environ.pop(PASSPHRASE_ENV, None)
            out[label].append(measured)
            print(f"  list run {i + 1} {label}: first paint {measured['first_paint_ms']:.0f} ms, "
                  f"jump {measured['jump_ms']:.0f} ms", flush=True)
    return out


def _ratio_row(label: str, plain: list[float], encrypted: list[float], *, target: bool = True
               ) -> list[common.Row]:
    """Plain, encrypted and their ratio; ``target``: the figure is one of the foundation's, so the
    ≤ 1.5× target applies (else the ratio is shown for what it says, without one)."""
    p, e = common.median(plain), common.median(encrypted)
    p95 = common.percentile(encrypted, 95) / common.percentile(plain, 95)
    ok = e / p <= CIPHER_RATIO_TARGET and p95 <= CIPHER_RATIO_TARGET
    return [common.Row(f"{label}: plain", len(plain), p, "ms", p95=common.percentile(plain, 95)),
            common.Row(f"{label}: encrypted", len(encrypted), e, "ms", p95=common.percentile(encrypted, 95)),
            common.Row(f"{label}: encrypted / plain (p95 column: ratio of p95s)", len(plain), e / p, "×",
                       f"≤ {CIPHER_RATIO_TARGET}× (median and p95)" if target else "",
                       ok if target else None, p95)]


def _encryption_rows(source: Path, size: str, runs: int, rounds: int) -> tuple[list[common.Row], str]:
    encrypted, convert_s = _encrypted_dataset(source, size)
    if convert_s is not None:
        print(f"  encrypted a copy in {convert_s:.1f} s", flush=True)
    for root in (source, encrypted):
        _read_through(root / "crm.sqlite3")
    search = _search_times(source, encrypted, runs, rounds)
    lists = _list_times(source, encrypted, runs)
    rows = [] if convert_s is None else [
        common.Row("turning encryption on (verified copy)", 1, convert_s, "s")]
    rows += _ratio_row("search box: search(text, 20)", search["plain"]["box"], search["encrypted"]["box"])
    rows += _ratio_row("list filter: count + page(0, 100)", search["plain"]["list"],
                       search["encrypted"]["list"])
    for kind, label in (("box first", "search box, first pass only"),
                        ("list first", "list filter, first pass only")):
        p, e = search["plain"][kind], search["encrypted"][kind]
        rows.append(common.Row(f"{label} (fresh connection, cold cache): encrypted / plain", len(p),
                               common.median(e) / common.median(p), "×",
                               p95=common.percentile(e, 95) / common.percentile(p, 95)))
    for key, label in (("first_paint_ms", "ContactsPage: show() → first rows painted"),
                       ("jump_ms", "ContactsPage: scrollToBottom() → last row painted")):
        rows += _ratio_row(label, [m[key] for m in lists["plain"]], [m[key] for m in lists["encrypted"]])

    def requests(label: str, index: int) -> list[float]:
        return [v[index] for m in lists[label] for v in m["requests"].values()]

    # Not one of the foundation's figures (its "filter applied → new rows painted" has no target;
    # the keystroke-to-first-page figure is the search box, the list filter and the UI stall).
    rows += _ratio_row("ContactsPage: filter or sort → new rows painted", requests("plain", 0),
                       requests("encrypted", 0), target=False)
    rows += _ratio_row("ContactsPage: longest UI-thread stall while filtering or sorting",
                       requests("plain", 1), requests("encrypted", 1))
    rss = [common.median([m[key] for m in lists[label]]) for label in ("plain", "encrypted")
           for key in ("rss_mib", "hwm_mib")]
    rows.append(common.Row(f"ContactsPage: memory, RSS / peak, plain {rss[0]:.0f} / {rss[1]:.0f} MiB, "
                           f"encrypted {rss[2]:.0f} / {rss[3]:.0f} MiB: peak encrypted / plain", runs,
                           rss[3] / rss[1], "×"))
    cells = []
    for key in lists["plain"][0]["requests"]:
        p = common.median([m["requests"][key][0] for m in lists["plain"]])
        e = common.median([m["requests"][key][0] for m in lists["encrypted"]])
        cells.append([key, f"{p:.0f}", f"{e:.0f}", f"{e / p:.2f}×"])
    table = common.md_table(["request", "plain median ms", "encrypted median ms", "ratio"], cells)
    return rows, table


def run(size: str = "1m", runs: int = 3, rounds: int = 15) -> common.Result:
    source = bench_gen.ensure(size)
    work = _workdir("trust-")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    try:
        rows, size_mib = _backup_rows(source, work, runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    cipher_rows, table = _encryption_rows(source, size, runs, rounds)
    rows += cipher_rows
    load_after = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    result = common.Result("trust", "Backups and encryption", f"python scripts/bench.py trust --size {size} "
                           f"--runs {runs} --rounds {rounds}",
                           f"{common.SIZES[size]:,} contacts ({size_mib:,.0f} MiB)", rows)
    result.notes.append(
        f"Machine load (1-minute load average on 2 cores): {load:.1f} at the start, {load_after:.1f} at the "
        "end; others' test suites were running. Wall-clock figures on this shared machine vary 1.5-3× "
        "between runs; the ratios compare runs made in turn.")
    result.notes.append(
        "The backup runs as the app runs it: `BackupService.create` on a worker thread. A plain database "
        "in WAL mode is copied as a file (`storage.backups.copy_database`): a read transaction is begun on "
        "a connection of its own, then a second connection runs `PRAGMA wal_checkpoint(PASSIVE)`; when "
        "that reports every WAL frame checkpointed, the database file holds exactly the reader's snapshot "
        "and no checkpoint can change it until the read ends (a checkpoint never copies frames past a live "
        "reader's mark, nor any frame while a reader reads the file alone). The file's first `page_count` "
        "pages are then copied by `cp` in a child process (closing a handle of the database in the app's "
        "process would drop SQLite's POSIX locks), not synced as it goes; else, after a few tries, "
        "and always for an encrypted database, SQLite's online backup API. Then `PRAGMA integrity_check` "
        "of the copy; then one fsync of the copy; only then its rename (and an fsync of the folder), so "
        "nothing is named a backup before it is on disk. What each row times: \"copy phase\" from "
        "`create` to the start of the check (the copy written into the OS cache, not yet synced), the "
        "figure the ≤ 2× target is applied to, against the floor, `shutil.copyfile` of the same file, "
        "also not synced; \"fsync of the checked copy\" the one sync after the check (the kernel writes "
        "most of the copy back while the check reads it, so little is left); \"copy phase + its fsync / "
        "file copy then fsync\" the durable copy against a durable plain copy (the backup's sync comes "
        "later, after the check, which is why it is cheaper: it is not hidden, it is in that row and in "
        "the whole backup); \"whole\" the `create` call from start to return. The UI figure is how late "
        "a 5 ms Qt timer fired on the main thread "
        "(p95 column: the worst run); the noise rows are the same timer for 10 s with no backup, just before "
        "it (a backup at a million contacts lasts minutes, so its worst delay also catches the machine's "
        "rarer stalls; the 99th percentiles compare the two more evenly). "
        "`tests/storage/test_snapshot_copy.py` makes 50 backups while another process writes and "
        "checkpoints; each passes integrity_check and two invariants spanning many pages.")
    result.notes.append(
        "Encryption: SQLCipher 4 (sqlcipher3): AES-256, HMAC-SHA512 per page, 256,000 PBKDF2-SHA512 rounds "
        "(none of this is weakened). The key is derived once per open and every further connection "
        "(each list reader thread has its own) is keyed with it, instead of running the derivation "
        "again (~1 s each on this machine); `cipher_memory_security` is already off by default in "
        "SQLCipher 4.19; a connection to an encrypted database caches up to 512 MiB of decrypted pages "
        "(32 MiB for a plain one). Search: `bench_search.service_filtering` as `bench.py search` runs it, "
        f"{rounds} passes over its typed queries per measurement; list: `bench_list`'s ContactsPage child "
        f"as `bench.py list` runs it; {runs} measurements of each, plain and encrypted in turn. The "
        "target is applied to the median and the p95 of each of the foundation's figures: the search "
        "box, the list filter and the longest UI-thread stall while filtering (its search as you type), "
        "the list's first rows and last row (and memory). \"Filter or sort → new rows painted\" is "
        "shown without a target, as in the foundation's own section (\"filter applied → new rows "
        "painted\"); the table below gives it per request. Where encrypted costs more there, the "
        "request reads rows no query of that connection has read yet: a filter matching a few thousand "
        "people spread over the table (张: 8,613) reads each of their rows to sort them by name, one "
        "table page each, and each page is decrypted and its HMAC checked (~20 µs) where the plain "
        "file's page is copied from the OS cache. Walking the name index instead (as for filters "
        "matching 20,000 people or more) does not help there: the people a surname matches sit "
        "together in name order, so the walk reads most of the index before the first match.")
    result.notes.append("ContactsPage requests, rows painted (median over runs):\n\n" + table)
    result.print()
    print(table)
    return result
