"""What consent and "do not contact" cost at scale, and an edit checked for conflicts.

    python scripts/bench.py privacy --size 1m --runs 3

On a copy of the seeded database (the cache stays as it is): the upgrade to schema 9 (new
columns on the person table, the partial index of the flagged, history triggers), then 1%
of the people marked "do not contact". Measured:

- how many a list export leaves out (the count the export dialog shows) for the whole list
  and for a tag filter;
- a full list export to .csv leaving them out, against the same export including them
  (the floor: what an export cost before), alternated run by run;
- the keep-in-touch rule over the whole database (it skips the flagged);
- saving one person from the updated_at it was read at (the optimistic check) against
  saving it without the check.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

import bench_common as common
import bench_gen

FLAGGED_SHARE = 100  # one person in this many is marked "do not contact"
EDITS = 200


def _workdir() -> Path:
    common.BENCH_DATA.mkdir(exist_ok=True)
    return Path(tempfile.mkdtemp(prefix="privacy-", dir=common.BENCH_DATA))  # the same disk as the data


def _timed(fn) -> tuple[float, object]:
    t0 = time.perf_counter()
    value = fn()
    return (time.perf_counter() - t0) * 1000, value


def _migration_0009(path: Path) -> float:
    """Migration 0009 alone on the copy (still at schema 8), in one transaction (ms); it is
    then recorded as applied, so opening the copy runs only the migrations after it."""
    import importlib

    import peewee as pw

    from crm_desktop.storage.database import HISTORY_TABLE, migration_names

    if "0009_consent" not in migration_names():
        return float("nan")
    module = importlib.import_module("crm_desktop.storage.migrations.0009_consent")
    db = pw.SqliteDatabase(str(path))
    db.connect()
    try:
        applied = {r[0] for r in db.execute_sql(f"SELECT name FROM {HISTORY_TABLE}")}
        if "0009_consent" in applied or not {"0008_dashboard"} <= applied:
            return float("nan")  # the cached copy is not at schema 8
        t0 = time.perf_counter()
        with db.atomic():
            module.up(None, db)
        elapsed = (time.perf_counter() - t0) * 1000
        db.execute_sql(f"INSERT INTO {HISTORY_TABLE}(name, applied) VALUES ('0009_consent', datetime('now'))")
    finally:
        db.close()
    return elapsed


def _upgrade(source: Path, work: Path) -> tuple[float, float]:
    """Copy the cached database; (migration 0009 alone, then opening it with the backup before
    the migrations still needed and those), in ms."""
    from crm_desktop.services import Services

    for name in ("crm.sqlite3", "settings.json"):
        if (source / name).exists():
            shutil.copyfile(source / name, work / name)
    alone = _migration_0009(work / "crm.sqlite3")
    t0 = time.perf_counter()
    services = Services.open(work, fallback_region="US")
    elapsed = (time.perf_counter() - t0) * 1000
    db = services.ctx.storage.database.db
    with services.ctx.write():
        db.execute_sql(f"UPDATE contact SET do_not_contact = 1 WHERE id % {FLAGGED_SHARE} = 0")
    services.close()
    return alone, elapsed


def _export_pair(services, tmp: Path, runs: int) -> tuple[dict, dict, int, int]:
    """The same export leaving the flagged out and including them, alternated: wall and CPU
    time (ms) of each. CPU time is of the threads of this process, so the load others put on
    the machine weighs less on the ratio than on wall time."""
    from crm_desktop.services.exports import ExportRequest

    request = services.exports.request_for("contacts", columns=("name", "email", "phone", "city"))
    leaving: dict = {"wall": [], "cpu": []}
    including: dict = {"wall": [], "cpu": []}
    rows = left = 0
    for i in range(runs):
        for include in ((False, True) if i % 2 == 0 else (True, False)):
            cpu0 = time.process_time()
            ms, result = _timed(lambda inc=include: services.exports.export(
                ExportRequest(request.entity, request.query, request.keys, include_do_not_contact=inc),
                tmp / "people.csv"))
            side = including if include else leaving
            side["wall"].append(ms)
            side["cpu"].append((time.process_time() - cpu0) * 1000)
            if not include:
                rows, left = result.rows, result.left_out
    return leaving, including, rows, left


def _edits(services, contact_id: int) -> tuple[list[float], list[float]]:
    checked, plain = [], []
    for i in range(EDITS):
        record = services.contacts.get(contact_id)
        record.data.title = f"Edit {i}"
        if i % 2:
            ms, _ = _timed(lambda r=record: services.contacts.update(contact_id, r.data, r.stamp.updated_at))
            checked.append(ms)
        else:
            ms, _ = _timed(lambda r=record: services.contacts.update(contact_id, r.data))
            plain.append(ms)
    return checked, plain


def run(size: str = "1m", runs: int = 3) -> common.Result:
    from crm_desktop.core.query import ListQuery
    from crm_desktop.core.rules import KEEP_IN_TOUCH
    from crm_desktop.services import Services
    from crm_desktop.services.exports import ExportRequest

    source = bench_gen.ensure(size)
    work = _workdir()
    try:
        alone_ms, upgrade_ms = _upgrade(source, work)
        services = Services.open(work, fallback_region="US")
        try:
            everyone = ExportRequest("contact", ListQuery())
            tag = services.lookups.tags()[0]
            tagged = ExportRequest("contact", ListQuery(tag_id=tag.id))
            count_all = [_timed(lambda: services.exports.left_out(everyone)) for _ in range(runs * 3)]
            count_tag = [_timed(lambda: services.exports.left_out(tagged)) for _ in range(runs * 3)]
            leaving, including, rows, left = _export_pair(services, work, runs)
            (rule,) = [r for r in services.rules.rules() if r.kind == KEEP_IN_TOUCH]
            rule_ms = [_timed(lambda: services.rules.run_keep_in_touch(rule)) for _ in range(runs + 1)]
            contact_id = services.contacts.page(ListQuery(), 0, 1)[0][0]
            checked, plain = _edits(services, contact_id)
        finally:
            services.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    ratio = common.median(leaving["cpu"]) / common.median(including["cpu"])
    rows_out = [
        common.Row("migration 0009 alone (5 columns, partial index, 4 history triggers)", 1, alone_ms, "ms"),
        common.Row("opening the copy: verified backup, then the later migrations", 1, upgrade_ms, "ms"),
        common.Row(f"left out of the whole list ({left:,} people): count", len(count_all),
                   common.median([m for m, _ in count_all]), "ms"),
        common.Row(f"left out of the list of tag “{tag.name}”: count", len(count_tag),
                   common.median([m for m, _ in count_tag]), "ms"),
        common.Row(f"export of the list to .csv leaving them out ({rows:,} rows), wall", runs,
                   common.median(leaving["wall"]), "ms"),
        common.Row("the same export including them (the floor), wall", runs, common.median(including["wall"]),
                   "ms"),
        common.Row("export leaving them out, CPU", runs, common.median(leaving["cpu"]), "ms"),
        common.Row("export including them, CPU", runs, common.median(including["cpu"]), "ms"),
        common.Row("leaving them out / including them (CPU)", runs, ratio, "×", "≤ 1.05×", ratio <= 1.05),
        common.Row(f"keep-in-touch rule over everyone, first run ({rule_ms[0][1]:,} tasks, none for the "
                   "flagged)", 1, rule_ms[0][0], "ms"),
        common.Row("keep-in-touch rule, a repeat run (no new task)", runs,
                   common.median([m for m, _ in rule_ms[1:]]), "ms"),
        common.Row("save one person, checked against what was read", len(checked), common.median(checked),
                   "ms", p95=common.percentile(checked, 95)),
        common.Row("save one person, unchecked", len(plain), common.median(plain), "ms",
                   p95=common.percentile(plain, 95)),
    ]
    result = common.Result("privacy", "Consent, do not contact and checked edits",
                           f"python scripts/bench.py privacy --size {size} --runs {runs}",
                           f"{common.SIZES[size]:,} contacts, 1 in {FLAGGED_SHARE} marked do not contact",
                           rows_out)
    result.notes.append(
        "Each measured on a copy of the cached database, upgraded to schema 9 in place (the upgrade adds "
        "columns with constant defaults, which SQLite does not write into the rows, and builds an index "
        "of the flagged). The two exports are alternated run by run.")
    result.print()
    return result
