"""Inserting contacts through the services layer (validation, companies, tags, search index)."""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
import time
from pathlib import Path

import bench_common as common
from bench_gen import populate

TARGET = 20_000  # contacts per second


# Measured while making the bulk path faster (2 shared cores, so medians of alternated
# runs or instruction counts); printed under the figures so the next change starts from them.
ANALYSIS = [
    "How a large load is written now. (1) Rows go in as multi-row `INSERT … VALUES (…),(…)` "
    "statements of ~1,000 rows (SQLite's 32,766 variables), bound once and run inside SQLite "
    "without the GIL, instead of `executemany`, which binds, steps and takes the GIL back for "
    "every row. (2) While the calling thread writes batch k, a worker thread validates batch "
    "k+1 and computes everything its rows need but the database (uuid, row fields, channel "
    "rows, the search document's name, e-mail, phone and notes columns); the GIL switch "
    "interval is 0.5 ms meanwhile so the writer gets the GIL back promptly after each "
    "statement. (3) A load at least as large as the table (and ≥ 10,000 people), or any "
    "`ContactService.bulk_load()` block, is one transaction that drops eleven random-key "
    "indexes (the list's sorts by name, company, title, e-mail, phone, city, country and owner, "
    "and the segments' owner-and-place and place-by-name ones) and "
    "builds them again by CREATE INDEX at the end, and lets FTS5 buffer 64 MB of terms "
    "(`hashsize`) with `automerge = 0`, restored afterwards; a failure rolls the whole load "
    "back, indexes included.",
    common.md_table(["SQL alone, the same 20,000 rows (callgrind, instructions per contact)",
                     "instructions"], [
        ["before: `executemany` per table, one transaction per 10,000, every index kept", "367 k"],
        ["multi-row statements, bulk load as kept (8 sort indexes rebuilt, FTS5 buffered)",
         "303 k (−17 %)"],
        ["the same, with every secondary index of contact, channels and tags rebuilt", "315 k"],
    ]),
    "Rebuilding an index by sorting costs about as many instructions as inserting into it at "
    "20,000 rows; what it saves at 100k and more is cache misses of random b-tree inserts, "
    "which instruction counts do not show. The channel lookup and company indexes are kept: "
    "an import's duplicate checks read them between its batches.",
    "Search after a bulk load (100k people, the same drafts loaded in bulk and row by row, "
    "medians of 15, ms, search box / list filter count + first page): `a` 0.48 / 105 against "
    "0.60 / 105; `sales man` 1.6 / 30 against 1.8 / 31; `vip` 1.7 / 63 against 5.8 / 67; `伟` "
    "0.56 / 8.8 against 0.61 / 8.8: the same or faster (FTS5 has half the segment-index rows "
    "after a buffered load). The list sorts use the rebuilt indexes (same definitions, tests "
    "compare every sort order).",
    "Where the time goes now (instrumented runs of 100k, thread CPU time per contact, load "
    "average ~1.7 on the 2 cores, µs). Into an empty database: writing thread `contact` rows "
    "28.5, channels 15.2, tags 7.2, FTS5 documents 26.2, rows assembled 5.3, sort indexes "
    "rebuilt and commit 15.6 (~98 in all); checking thread: validation and row parts 49.3. "
    "100k into 100k: `contact` 30.6, channels 15.0, tags 11.1, FTS5 26.0, rows 4.1, sort "
    "indexes rebuilt over 200k rows 28.8, commit ~5 (~121); checking thread 45.8. With the "
    "256 MB page cache of the bulk load the second case went from 217 to 183 µs of CPU per "
    "contact (one run each).",
    "When the second thread is used: only when other programs leave a core idle "
    "(`_spare_core`: /proc/stat less this process's own CPU time, not the load average, which "
    "counts the load itself). Alternated runs at a load of 2.3-2.8 (100k, wall / CPU µs per "
    "contact): before 160 / 147 and 161 / 154; checking beside writing 219 / 168 and 128 / 126; "
    "checking in turn 159 / 122 and 115 / 112: with no idle core the GIL hand-overs cost CPU "
    "and bought nothing.",
    "Turns between the two threads. Beside the writer, the checking thread runs Python "
    "nonstop; each time the writer came back from SQLite it waited for the GIL up to the "
    "switch interval. Linking a batch's companies reads ~2,000 rows (one step each), so that "
    "stretch took 4.2 s of wall for 0.46 s of CPU over 10 batches (instrumented, 100k): on a "
    "quiet machine a load ran at one core's speed, wall = CPU. Now the writer takes a turn for "
    "its own Python (companies, tags, rows built) and the checking thread waits between two "
    "drafts until the writer is back in SQLite: that stretch takes 0.27 s wall for 0.27 s CPU, "
    "and the process uses more than one core (e.g. 102 µs wall, 134 µs CPU per contact).",
    "SQLite's share, measured alone: the two `SQLite alone` rows replay the multi-row "
    "statements `create_many` ran (recorded while it loaded the same drafts into another copy "
    "of the database), in one bulk load exactly as it runs them, first into the database as it "
    "was before and then into the 100,000 people it then holds: no validation, no rows built, "
    "nothing but SQLite's work and binding the values. One connection writes a database file at "
    "a time, so this work runs on one core whatever else runs beside it; into an empty database "
    "it alone is above the 50 µs per contact that 20,000/s allows. What SQLite does for each "
    "person: a `contact` row with the 7 indexes kept during a load (uuid, creation, update, "
    "company, the dashboard's new-people index, two partial ones) and the 11 sort and segment "
    "indexes built again at the end; 2.6 channel rows (the table, the person's index, the "
    "duplicate lookup); 1.3 tag links (both directions); an FTS5 document whose terms go in "
    "with prefixes of 1, 2 and 3 characters. Each serves another figure or feature: the "
    "list's sorts at a million people, the segments' counts (≤ 300 ms), search as you type "
    "(p95 ≤ 30 ms at 1M; prefix '1 2' measured 28.2 ms), duplicate warnings by e-mail and phone.",
    "Other SQLite builds, same benchmark alternated on a quiet machine: SQLite 3.51.1 "
    "(pysqlite3-binary) 4,095 and 4,977/s against 7,074 and 6,820/s with this system's "
    "3.40.1 (a fifth of its time in `memjrnlTruncate`, the statement journal kept in memory); "
    "SQLCipher's 3.53.4 without a key (sqlcipher3, already a dependency) 5,064 and 4,868/s "
    "against 7,346 and 7,319/s. Statements without a statement journal (`defer_foreign_keys`, "
    "`INSERT OR ROLLBACK`): 232,559 and 232,564 instructions per contact against 232,373 "
    "(callgrind, SQL of 20,000 contacts); `PRAGMA threads = 2` for the index builds: within "
    "noise.",
    common.md_table(["change (kept, earlier)", "without it", "with it"], [
        ["turns: the checking thread waits while the writer runs its own Python (medians of 3 "
         "alternated runs, quiet machine, wall µs per contact)", "7,320 /s · 137 µs",
         "9,796 /s · 102 µs"],
        ["all of the below, against commit a5abb52", "5,891 /s · 170 µs", "8,551 /s · 117 µs"],
        ["rows, channels, tags and search documents built in one pass; each distinct company "
         "and tag set folded for the index once per batch", "most of 170 → 137 µs", ""],
        ["cyclic GC paused during `create_many`", "7,139 /s · 140 µs", "7,317 /s · 137 µs"],
        ["WAL checkpoint every 10,000 pages while the batches are written",
         "7,470 /s · 134 µs", "8,551 /s · 117 µs"],
        ["CJK split by `re.split` instead of a template substitution (4× faster per name)",
         "7,540 /s · 133 µs", "within noise"],
        ["time-ordered UUIDv7 (the uuid index appends)", "7,470 /s · 134 µs", "within noise"],
    ]),
    "Medians of three alternated runs of this benchmark, one change left out at a time; the "
    "run-to-run noise of this shared machine is ±10 %, so the small ones are not resolved.",
    common.md_table(["evaluated, not kept", "measured", "why not"], [
        ["FTS5 `prefix = '1 2'` instead of `'1 2 3'`",
         "−3 % of SQLite's instructions (callgrind, 20k contacts), 4-7 µs per contact",
         "search box at 1M: `138` 1.4-2.5 → 16-23 ms, `sales man` 3-6 → 13-21 ms; "
         "p95 14.5 / 22.8 → 28.2 / 16.4 ms (pairs of runs)"],
        ["FTS5 `columnsize = 0` and one merged segment (a migration)", "−1.5 % of instructions",
         "rebuilding both indexes on upgrade takes 50-90 s at 1M"],
        ["FTS5 table variants alone (the same 100k documents, batches of 10,000, median of 3): "
         "`prefix '1 2 3'` 30.3 µs, `'2 3'` 24.5, `'1 2'` 26.4, no prefix 19.2; with `'1 2 3'`: "
         "`columnsize = 0` 26.9, `content = ''` 23.5, `detail = column` 25.6",
         "at most −7 µs each",
         "contentless tables (SQLite 3.40 here) delete only when given the original text; "
         "`detail = column` drops the phrase queries CJK search uses; the prefix sets cost "
         "search speed (above)"],
        ["the next batch validated in a forked child while this one is written (Linux)",
         "7,446 → 8,659 /s, 134 → 115 µs", "forking a process that runs Qt and worker threads "
         "risks a child stuck on a lock another thread held; a thread does the same now that "
         "the rows go in as multi-row statements"],
        ["validation one batch ahead in a `ProcessPoolExecutor`",
         "135.8 → 141.7, 124.9 → 130.4 µs", "pickling the drafts there and the pool's threads "
         "cost what validation costs"],
        ["`foreign_keys` off during the batch", "−3.9 % of instructions",
         "owner and custom-field ids would need checks of their own"],
        ["`secure_delete` off during the batch", "−0.8 % of instructions", "too little"],
        ["`created` sorted by id, `contact_by_created` dropped", "~0.6 µs per contact",
         "the index already appends; ids and creation times may part (imports)"],
        ["a cache of normalised phones keyed by (text, region)",
         "validating this benchmark's 100k drafts (120,104 numbers, 84,674 different): 34.7 and "
         "36.4 µs per contact without, 33.3 and 41.2 with (alternated, CPU time, load ~4)",
         "within noise: most numbers of a contact list differ. What helps instead is not asking "
         "the library: an international number takes compiled rules (earlier), and now so does a "
         "national one without a trunk prefix (`138 1234 5678` in CN, `(212) 555-1234` in US: "
         "130 → 6-10 µs at load ~5; a property test compares 3,000 generated numbers with "
         "phonenumbers, 40,000 once); with a trunk prefix (`010 …`) the library still reads it"],
    ]),
]


def _fresh_services(tmp: Path):
    from crm_desktop.services import Services

    services = Services.open(tmp, fallback_region="US")
    populate(services, 0, common.SEED, firms=2000)  # owners, tags, companies: not timed
    return services


def _drafts(services, count: int, seed: int = common.SEED + 1) -> list:
    from crm_desktop.core.synth import Synth

    names = [name for _, name in services.companies.choices()]
    owners = [u.id for u in services.lookups.users()]
    return list(Synth(seed).contacts(count, names, owners))


def _name_and_email(drafts: list) -> list:
    """The same people with nothing but a name and one e-mail address."""
    from crm_desktop.core.records import Channel, ContactDraft

    return [ContactDraft(given_name=d.given_name, family_name=d.family_name,
                         emails=[Channel(f"person{i}@example.com", "work")]) for i, d in enumerate(drafts)]


def _timed_create(services, drafts: list) -> float:
    gc.collect()
    t0 = time.perf_counter()
    ids = services.contacts.create_many(drafts)
    elapsed = time.perf_counter() - t0
    assert len(ids) == len(drafts), len(ids)
    return elapsed


def _recorded_writes(services, drafts: list) -> list[tuple]:
    """``create_many``'s multi-row statements as it runs them: (target, width, rows, verb)."""
    import crm_desktop.storage.contacts as contact_storage

    recorded: list[tuple] = []
    real = contact_storage.insert_rows

    def record(conn, target, width, rows, verb="INSERT"):
        recorded.append((target, width, list(rows), verb))
        real(conn, target, width, rows, verb)

    contact_storage.insert_rows = record
    try:
        services.contacts.create_many(drafts)
    finally:
        contact_storage.insert_rows = real
    return recorded


def _shifted(recorded: list[tuple], by: int) -> list[tuple]:
    """The same statements for other people: ids moved up by ``by``, new uuids."""
    from crm_desktop.storage.common import new_uuids

    out = []
    for target, width, rows, verb in recorded:
        if target.startswith("contact("):  # (id, uuid, ...)
            rows = [(r[0] + by, u, *r[2:]) for r, u in zip(rows, new_uuids(len(rows)), strict=True)]
        else:  # the contact's id (or the FTS5 rowid) comes first
            rows = [(r[0] + by, *r[1:]) for r in rows]
        out.append((target, width, rows, verb))
    return out


def _replay(storage, recorded: list[tuple], parts: dict | None = None) -> tuple[float, float]:
    """The recorded statements alone, in one bulk load as ``create_many`` runs them: no
    validation, no rows built, only SQLite's work (and binding the values). Returns (wall,
    CPU time of this thread) in seconds; ``parts`` receives the CPU seconds of each table's
    statements and of the load's end (indexes built again, commit)."""
    from crm_desktop.storage.contacts import insert_rows

    store = storage.contacts
    parts = parts if parts is not None else {}
    gc.collect()
    t0, c0 = time.perf_counter(), time.thread_time()
    with store.bulk_session(), storage.write(), store.bulk_load():
        conn = store.db.connection()
        for target, width, rows, verb in recorded:
            c = time.thread_time()
            insert_rows(conn, target, width, rows, verb)
            table = target.split("(")[0]
            parts[table] = parts.get(table, 0.0) + time.thread_time() - c
        end = time.thread_time()
    parts["end of the load"] = time.thread_time() - end
    return time.perf_counter() - t0, time.thread_time() - c0


def _sql_alone(tmp: Path, count: int, parts: dict) -> tuple[float, float, float, float]:
    """SQLite's own share: create_many's statements recorded, then replayed alone into a copy
    of the database as it was before (the first load) and again into the people it now
    holds (the import's case). (wall, CPU) per contact in µs for each; ``parts`` receives the
    first replay's CPU µs per contact by table."""
    from crm_desktop.services import Services
    from crm_desktop.storage import Storage

    services = _fresh_services(tmp / "recorded")
    drafts = _drafts(services, count)
    services.close()
    start = tmp / "start.sqlite3"
    shutil.copyfile(tmp / "recorded" / "crm.sqlite3", start)
    services = Services.open(tmp / "recorded", fallback_region="US")
    recorded = _recorded_writes(services, drafts)
    services.close()
    del drafts
    (tmp / "replay").mkdir()
    shutil.copyfile(start, tmp / "replay" / "crm.sqlite3")
    storage = Storage.open(tmp / "replay" / "crm.sqlite3")
    try:
        first = _replay(storage, recorded, parts)
        storage.database.checkpoint()
        second = _replay(storage, _shifted(recorded, count))
    finally:
        storage.close()
    for table in parts:
        parts[table] *= 1e6 / count
    return tuple(v * 1e6 / count for v in (*first, *second))


def run(count: int = 100_000, runs: int = 3) -> common.Result:
    rates: list[float] = []
    second_rates: list[float] = []
    validate_rates: list[float] = []
    sql: list[tuple[float, ...]] = []
    sql_parts: list[dict] = []
    bare_rates: list[float] = []
    common.BENCH_DATA.mkdir(exist_ok=True)
    load_before = os.getloadavg()
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
            elapsed = _timed_create(services, drafts)
            rates.append(count / elapsed)
            bare = _name_and_email(drafts)
            del drafts
            # The import's case: as many people again into the table just filled.
            services.ctx.storage.database.checkpoint()
            more = _drafts(services, count, common.SEED + 7)
            second = _timed_create(services, more)
            second_rates.append(count / second)
            print(f"  run {i + 1}: {count:,} contacts in {elapsed:.2f} s = {rates[-1]:,.0f}/s; "
                  f"{count:,} more into them in {second:.2f} s = {second_rates[-1]:,.0f}/s "
                  f"(validation alone {validate_rates[-1]:,.0f}/s)")
            services.close()
            del more
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        # The same number of people with only a name and an e-mail, into an empty database.
        tmp = Path(tempfile.mkdtemp(prefix="insert-bare-", dir=common.BENCH_DATA))
        try:
            services = _fresh_services(tmp)
            bare_rates.append(count / _timed_create(services, bare))
            services.close()
            del bare
            print(f"  only a name and an e-mail: {bare_rates[-1]:,.0f}/s")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        tmp = Path(tempfile.mkdtemp(prefix="insert-sql-", dir=common.BENCH_DATA))
        try:
            parts: dict = {}
            sql.append(_sql_alone(tmp, count, parts))
            sql_parts.append(parts)
            print("  SQL alone (wall / CPU µs per contact): into an empty database {:.1f} / {:.1f}; "
                  "into {:,} {:.1f} / {:.1f}".format(sql[-1][0], sql[-1][1], count, *sql[-1][2:]))
            print("    CPU µs per contact into the empty database: "
                  + ", ".join(f"{k} {v:.1f}" for k, v in parts.items()))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    med = common.median(rates)
    result = common.Result("insert", "Insert through the services",
                           f"python scripts/bench.py insert --count {count} --runs {runs}",
                           f"{count // 1000}k into an empty database")
    result.rows = [
        common.Row(f"create_many, {count:,} contacts", runs, med, "/s", f"≥ {TARGET:,} /s", med >= TARGET),
        common.Row(f"create_many, {count:,} more into those {count:,}", runs, common.median(second_rates),
                   "/s"),
        common.Row("validation alone (same drafts, not stored)", runs, common.median(validate_rates), "/s"),
        common.Row(f"create_many, {count:,} contacts with only a name and an e-mail", runs,
                   common.median(bare_rates), "/s"),
        common.Row("SQLite alone: create_many's statements replayed, into an empty database", runs,
                   common.median([1e6 / w for w, *_ in sql]), "/s"),
        common.Row(f"SQLite alone: the same into {count:,}", runs,
                   common.median([1e6 / r[2] for r in sql]), "/s"),
    ]
    load_after = os.getloadavg()
    result.notes.append(
        "Drafts come from `Synth` (45 % Chinese names, phones written as `+86 138 1234 5678` or "
        "`+1 (212) 555-1234`, 20 % with a second phone, 80 % with one of ~1,000 companies, tags on "
        "~22 % per tag) and are generated before the clock starts. `create_many` runs with its "
        "default batch size (10,000): it validates every draft, links companies by normalised "
        "name, writes contacts, channels, tags and the FTS5 documents. Both loads are as large as "
        "the table they go into, so both run as one bulk load (one transaction; the list's sort "
        "indexes built again at the end). The second row is the import's case: 100k other people "
        "into the database the first row filled.")
    result.notes.append(
        "Load average (1, 5, 15 min) before: " + ", ".join(f"{x:.1f}" for x in load_before)
        + "; after: " + ", ".join(f"{x:.1f}" for x in load_after) + f" on {os.cpu_count()} cores.")
    result.notes.append("Per run: " + ", ".join(f"{r:,.0f}/s" for r in rates) + "; into 100k: "
                        + ", ".join(f"{r:,.0f}/s" for r in second_rates) + ".")
    result.notes.append(
        "SQLite alone, CPU µs per contact into the empty database (wall in brackets), per run: "
        + "; ".join(f"{c:.1f} ({w:.1f})" for w, c, *_ in sql) + "; into the 100,000: "
        + "; ".join(f"{c:.1f} ({w:.1f})" for *_, w, c in sql) + ". Of the first, by table (median "
        "of the runs): " + ", ".join(
            f"`{k}` {common.median([p.get(k, 0.0) for p in sql_parts]):.1f}"
            for k in (sql_parts[0] if sql_parts else {})
            if max(p.get(k, 0.0) for p in sql_parts) > 0.05)
        + ".")
    result.notes += ANALYSIS
    result.print()
    return result
