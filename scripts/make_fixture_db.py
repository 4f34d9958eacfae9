"""Freeze a database at the current schema version, for the upgrade tests.

Run it once, before adding a migration, to keep a copy of the schema that is about
to become old:

    python scripts/make_fixture_db.py

It writes tests/fixtures/schema-v<N>.sqlite3 (N = the newest migration number now)
and a schema-v<N>.json manifest with the counts and a known contact, which
tests/storage/test_migrations.py checks after upgrading a copy. An existing
fixture is never overwritten: a released schema is frozen.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crm_desktop.core.clock import FixedClock  # noqa: E402
from crm_desktop.core.paths import DATABASE_NAME  # noqa: E402
from crm_desktop.core.query import ListQuery  # noqa: E402
from crm_desktop.services import Services  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
FROZEN_AT = dt.datetime(2024, 5, 6, 9, 30)
TRASHED = 2  # the first contacts (by id) go to the trash


def _populate(services: Services) -> dict:
    services.seed_demo(people=60, firms=20, seed=3)
    first = services.contacts.page(ListQuery(sort="created"), 0, TRASHED)
    trashed_ids = [row[0] for row in first]
    services.contacts.delete(trashed_ids)
    known = services.contacts.get(services.contacts.page(ListQuery(sort="created"), 0, 1)[0][0])
    counts = services.counts()
    return {
        "schema_version": services.info().schema_version,
        "contacts": counts.contacts,
        "companies": counts.companies,
        "tags": counts.tags,
        "users": counts.users,
        "trashed_contacts": sorted(trashed_ids),
        "known_contact": {
            "id": known.id,
            "full_name": known.full_name,
            "email": known.data.emails[0].value,
            "phone": known.data.phones[0].value,
        },
    }


def _compact(path: Path) -> None:
    """Fold the WAL into the file and drop free pages, so the one file is complete and small."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("VACUUM")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    for suffix in ("-wal", "-shm"):
        if Path(f"{path}{suffix}").exists():
            raise SystemExit(f"{path}{suffix} left behind: the database was not closed cleanly")


def build(target_dir: Path) -> Path:
    # A fixed login name and clock make the file as reproducible as its random uuids allow.
    os.environ["LOGNAME"] = "owner"
    with tempfile.TemporaryDirectory() as tmp:
        services = Services.open(Path(tmp), fallback_region="US", clock=FixedClock(FROZEN_AT))
        try:
            manifest = _populate(services)
        finally:
            services.close()
        source = Path(tmp) / DATABASE_NAME
        _compact(source)
        name = f"schema-v{manifest['schema_version']}"
        target = target_dir / f"{name}.sqlite3"
        if target.exists():
            raise SystemExit(f"{target} exists; a frozen schema is never rebuilt")
        target_dir.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    (target_dir / f"{name}.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=FIXTURES, help="folder for the fixture")
    target = build(parser.parse_args().out)
    print(f"wrote {target} ({target.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
