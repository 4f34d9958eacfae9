"""Inserting contacts through the services layer (validation, companies, tags, search index)."""

from __future__ import annotations

import gc
import shutil
import tempfile
import time
from pathlib import Path

import bench_common as common
from bench_gen import populate

TARGET = 20_000  # contacts per second


def _fresh_services(tmp: Path):
    from crm_desktop.services import Services

    services = Services.open(tmp, fallback_region="US")
    populate(services, 0, common.SEED, firms=2000)  # owners, tags, companies: not timed
    return services


def _drafts(services, count: int) -> list:
    from crm_desktop.core.synth import Synth

    names = [name for _, name in services.companies.choices()]
    owners = [u.id for u in services.lookups.users()]
    return list(Synth(common.SEED + 1).contacts(count, names, owners))


def run(count: int = 100_000, runs: int = 3) -> common.Result:
    rates: list[float] = []
    validate_rates: list[float] = []
    common.BENCH_DATA.mkdir(exist_ok=True)
    for i in range(runs):
        # On the same disk as the real databases (not a RAM-backed /tmp).
        tmp = Path(tempfile.mkdtemp(prefix="insert-", dir=common.BENCH_DATA))
        try:
            services = _fresh_services(tmp)
            drafts = _drafts(services, count)  # generation is not timed
            t0 = time.perf_counter()
            for d in drafts:
                services.contacts.validate(d)
            validate_rates.append(count / (time.perf_counter() - t0))
            gc.collect()
            t0 = time.perf_counter()
            ids = services.contacts.create_many(drafts)
            elapsed = time.perf_counter() - t0
            assert len(ids) == count, len(ids)
            rates.append(count / elapsed)
            print(f"  run {i + 1}: {count:,} contacts in {elapsed:.2f} s = {rates[-1]:,.0f}/s "
                  f"(validation alone {validate_rates[-1]:,.0f}/s)")
            services.close()
            del drafts
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    med = common.median(rates)
    result = common.Result("insert", "Insert through the services",
                           f"python scripts/bench.py insert --count {count} --runs {runs}",
                           f"{count // 1000}k into an empty database")
    result.rows = [
        common.Row(f"create_many, {count:,} contacts", runs, med, "/s", f"≥ {TARGET:,} /s", med >= TARGET),
        common.Row("validation alone (same drafts, not stored)", runs, common.median(validate_rates), "/s"),
    ]
    result.notes.append(
        "Drafts come from `Synth` (45 % Chinese names, phones written as `+86 138 1234 5678` or "
        "`+1 (212) 555-1234`, 20 % with a second phone, 80 % with one of ~1,000 companies, tags on "
        "~22 % per tag) and are generated before the clock starts. `create_many` runs with its "
        "default batch size: it validates every draft, links companies by normalised name, "
        "writes contacts, channels, tags and the FTS5 documents, one transaction per batch.")
    result.notes.append("Per run: " + ", ".join(f"{r:,.0f}/s" for r in rates) + ".")
    result.print()
    return result
