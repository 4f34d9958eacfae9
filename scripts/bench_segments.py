"""Segments at scale: counting a segment of three conditions and reading its first page."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

import bench_common as common
import bench_gen

COUNT_TARGET_MS = 300
PAGE_TARGET_MS = 100


def _segments(services) -> dict[str, object]:
    from crm_desktop.core.segments import Condition, Group

    tags = {t.name: t.id for t in services.lookups.tags()}
    owners = [u.id for u in services.lookups.users()]
    return {
        "tag + country + owner": Group("all", (
            Condition("tags", "has_any", (tags["customer"],)),
            Condition("country", "is", "United States"),
            Condition("owner", "is", (owners[0],)))),
        "city + created + no interaction in 30 days": Group("all", (
            Condition("city", "is", "上海"),
            Condition("created", "within_days", 3650),
            Condition("last_interaction", "not_within_days", 30))),
        "any of: title contains, has two tags, source": Group("any", (
            Condition("title", "contains", "manager"),
            Condition("tags", "has_all", (tags["VIP"], tags["partner"])),
            Condition("source", "is", "referral"))),
    }


def _timed(fn) -> tuple[float, float, object]:
    """(wall ms, CPU ms of this process, value): on a shared machine the CPU time is the steadier."""
    t0, c0 = time.perf_counter(), time.process_time()
    value = fn()
    return (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000, value


def run(size: str = "1m", runs: int = 7) -> common.Result:
    from crm_desktop.core.query import ListQuery
    from crm_desktop.services import Services

    source = bench_gen.ensure(size)
    tmp = Path(tempfile.mkdtemp(prefix="segments-", dir=common.BENCH_DATA))
    command = f"python scripts/bench.py segments --size {size} --runs {runs}"
    result = common.Result("segments", "Segments", command, f"{common.SIZES[size]:,} contacts")
    try:
        for name in ("crm.sqlite3", "settings.json"):
            if (source / name).exists():
                shutil.copyfile(source / name, tmp / name)
        services = Services.open(tmp)
        for label, group in _segments(services).items():
            counts, pages, sizes, count_cpu, page_cpu = [], [], [], [], []
            for _ in range(runs):
                query = ListQuery(segment=services.segments.condition("contact", group))
                ms, cpu, n = _timed(lambda q=query: services.contacts.count(q))
                counts.append(ms)
                count_cpu.append(cpu)
                sizes.append(n)
                ms, cpu, _rows = _timed(lambda q=query: services.contacts.page(q, 0, 200))
                pages.append(ms)
                page_cpu.append(cpu)
            print(f"  {label}: {sizes[-1]:,} people, count {common.median(counts):.0f} ms "
                  f"({common.median(count_cpu):.0f} ms CPU), first page {common.median(pages):.1f} ms "
                  f"({common.median(page_cpu):.1f} ms CPU)")
            result.rows.append(common.Row(f"count: {label} ({sizes[-1]:,})", runs, common.median(counts),
                                          "ms", f"≤ {COUNT_TARGET_MS} ms",
                                          common.median(counts) <= COUNT_TARGET_MS,
                                          common.percentile(counts, 95)))
            result.rows.append(common.Row(f"count, CPU time: {label}", runs, common.median(count_cpu), "ms"))
            result.rows.append(common.Row(f"first page of 200: {label}", runs, common.median(pages), "ms",
                                          f"≤ {PAGE_TARGET_MS} ms", common.median(pages) <= PAGE_TARGET_MS,
                                          common.percentile(pages, 95)))
            result.rows.append(common.Row(f"first page, CPU time: {label}", runs, common.median(page_cpu),
                                          "ms"))
        services.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    result.notes.append("Each segment is compiled to one SQL condition and counted and paged by SQLite "
                        "(sorted by name, as the list opens); the first run of each includes a cold cache.")
    result.print()
    return result
