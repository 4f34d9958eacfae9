"""Seeded benchmark databases: owners, tags, companies and people, all through the services."""

from __future__ import annotations

import json
import shutil
import sqlite3
import sys
import time
from pathlib import Path

import bench_common as common

OWNERS = ("Alex Morgan", "王芳", "Sam Lee", "Priya Natarajan", "陈明")
MANIFEST = "bench-manifest.json"


def manifest_ok(root: Path, count: int) -> bool:
    try:
        data = json.loads((root / MANIFEST).read_text())
    except (OSError, ValueError):
        return False
    return data.get("contacts") == count and data.get("seed") == common.SEED


def ensure(size: str) -> Path:
    """The data folder of a ready database of ``size`` contacts (built when missing)."""
    root = common.data_dir(size)
    if not manifest_ok(root, common.SIZES[size]):
        run(size)
    return root


def populate(services, count: int, seed: int, *, firms: int, progress=None) -> dict:
    from crm_desktop.core.synth import TAGS, Synth

    synth = Synth(seed)
    existing = {u.name for u in services.lookups.users()}
    for name in OWNERS:
        if name not in existing:
            services.lookups.create_user(name)
    owner_ids = [u.id for u in services.lookups.users()]
    known_tags = {t.name.casefold() for t in services.lookups.tags()}
    for name, kind in TAGS:
        if name.casefold() not in known_tags:
            services.lookups.create_tag(name, kind)
    names: list[str] = []
    for _ in range(firms):
        draft = synth.company()
        draft.owner_id = synth.rng.choice(owner_ids)
        if services.companies.duplicates(draft):
            continue
        services.companies.create(draft)
        names.append(draft.name)
    t0 = time.perf_counter()
    ids = services.contacts.create_many(synth.contacts(count, names, owner_ids), batch_size=10_000,
                                        progress=progress, total=count)
    elapsed = time.perf_counter() - t0
    return {"contacts": len(ids), "companies": len(names), "owners": len(owner_ids),
            "contacts_seconds": round(elapsed, 1)}


def run(size: str, force: bool = False) -> common.Result:
    from crm_desktop.services import Services

    count = common.SIZES[size]
    root = common.data_dir(size)
    result = common.Result("gen", "Benchmark databases", f"python scripts/bench.py gen --size {size}", size)
    if not force and manifest_ok(root, count):
        data = json.loads((root / MANIFEST).read_text())
        print(f"reusing {root.relative_to(common.ROOT)}: {data}")
    else:
        if root.exists():
            shutil.rmtree(root)
        started = time.perf_counter()

        def progress(done: int, total: int) -> bool:
            rate = done / (time.perf_counter() - started)
            print(f"\r  {done:>9,} / {total:,} contacts  ({rate:,.0f}/s)", end="", file=sys.stderr)
            return True

        services = Services.open(root, fallback_region="US")
        try:
            data = populate(services, count, common.SEED, firms=min(3000, max(20, count // 50)),
                            progress=progress)
        finally:
            services.close()
        print(file=sys.stderr)
        db = root / "crm.sqlite3"
        conn = sqlite3.connect(db)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        data.update(seed=common.SEED, seconds=round(time.perf_counter() - started, 1),
                    bytes=db.stat().st_size, commit=common.git_rev())
        (root / MANIFEST).write_text(json.dumps(data, indent=2) + "\n")
        print(f"built {root.relative_to(common.ROOT)}: {data}")
    rate = data["contacts"] / data["contacts_seconds"] if data.get("contacts_seconds") else float("nan")
    result.rows = [
        common.Row("contacts", 1, data["contacts"], ""),
        common.Row("companies", 1, data["companies"], ""),
        common.Row("file size", 1, data["bytes"] / 2**20, "MiB"),
        common.Row("create_many, whole database", 1, rate, "/s"),
    ]
    result.notes.append(f"Built at commit {data.get('commit', '?')} in {data.get('seconds')} s.")
    result.print()
    return result
