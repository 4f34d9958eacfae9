"""Importing a contacts workbook end to end, against a floor measured in the same run.

    python scripts/bench.py import --rows 100000 --runs 3      # into a copy of the 100k database
    python scripts/bench.py import --rows 1000000 --memory     # peak memory against a bare read

The floor is what no importer can beat with this reader: read every row of the same
file with python-calamine, then ``executemany`` the cells into a plain 14-column
table in one transaction. The import does everything on top: header detection,
mapping, validation, phone normalisation, duplicate matching against the database
and within the file, companies, tags, the search index and the undo records.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import bench_common as common

HEADERS = ["First Name", "Last Name", "Company", "Job Title", "E-mail", "Mobile", "Work Phone", "WeChat",
           "City", "Country", "Birthday", "Source", "Tags", "Notes"]
TARGET_SECONDS = 10.0
TARGET_RATIO = 4.0
TARGET_MEMORY = 1.5
DUPLICATE_SHARE = 0.1  # rows whose e-mail a contact of the database already has
# Measured while making the import's own share smaller; printed under the figures.
IMPORT_ANALYSIS = [
    "How a large file is imported now. This process reads the sheet (python-calamine). When the file "
    "has at least 20,000 rows and other programs leave a core idle, a second process started with "
    "`spawn` (`interchange.rows.RowWorker`; no fork of a process running Qt) maps each row to a draft "
    "and validates it (text, e-mails, E.164 phones, invalid values dropped and noted): this process "
    "hands it the cells of up to three chunks of 1,000 rows ahead and gets plain tuples and dicts "
    "back, which it turns into drafts, matches against the database and the file, and writes through "
    "`create_many` while the worker checks the next chunks. Reading stays here, so a file that fails "
    "half way is refused as before; Cancel is seen while waiting for the worker (0.1 s steps), and "
    "leaving the import, however it ends, ends the worker. A file smaller than the table of people is "
    "no longer a bulk load (100 rows into 100,000 people: 3.9 → 0.17 s, the eleven sort indexes are "
    "not built again over the whole table).",
    "Where the CPU goes (instrumented imports of 100,000 rows into 100,000 people, alternated, thread "
    "CPU µs per row, load average 5-6 on the 2 cores, so ~1.5-2× a quiet machine's). Without the "
    "worker, this process (two runs): map + validate 82, SQL inserts 71, end of the bulk load (11 "
    "sort indexes over 190k rows, commit) 50, duplicate matching 21, the rows' parts (uuid, fields, "
    "search document) 18, undo rows 9, companies 5 + 3, tags 2, the rest (reading the sheet, the "
    "backup, the loop) 24: 284 and 290 in all. With the worker, this process: SQL inserts 68-77, end "
    "of the bulk load 55-56, matching 21-24, row parts 18-21, taking the worker's rows (unpickle, "
    "drafts) 15-16, undo rows 8-9, companies 5 + 3, tags 2-3, the rest 24-26: 219 and 240 in all; "
    "the worker 94 and 109 beside it. Wall (s), the machine busy: 35.4 and 53.8 without, 45.5 and "
    "53.0 with.",
    "Worker against none: it always takes CPU off this process (44-71 µs per row above; before the "
    "GC pause, wall / this process's CPU / the worker's, s: 31.2 / 21.2 / 9.4 against 46.6 / 24.4, "
    "68.7 / 28.9 / 10.3 against 41.4 / 30.2, 58.4 / 26.9 / 10.5 and 63.8 / 26.6 / 10.3 against 48.3 "
    "/ 31.1 and 47.9 / 31.8), but handing a row over costs ~15 µs here and ~15-20 µs there, so with "
    "no idle core the import was slower in most pairs. Hence the worker only when other "
    "programs' CPU use leaves a core idle; `--worker on` and `--worker off` force it either way: "
    "on a quiet machine run both, alternated, to see what it gives there.",
    "Cut in this round besides: a batch's linked companies are named in one query (was one per "
    "company, ~650 per batch of 1,000 rows: `create_many` inside the import took 13.4 s, median at "
    "load ~2, and 5.9-10.7 s in the runs above at load 3-6), companies found while matching names "
    "keep their ids for the whole import, each name is folded once with its row, the cyclic GC "
    "pauses during the import as during `create_many` (it spent 1.0-1.6 s in ~1,900 collections per "
    "100,000 rows) and runs rarely in the worker, and a phone written "
    "without a country code (`138 1234 5678`) no longer goes through the phonenumbers library when "
    "its digits start with no prefix (see the insert section; this workbook's phones are "
    "international). Evaluated, not kept: sending only the draft fields that are set (13-17 → 13 µs "
    "to unpickle a row, within noise).",
    "What 10 s (100 µs per row) would take. The row `SQLite alone` replays the statements "
    "`create_many` runs for the rows this import creates (recorded while it wrote them into "
    "another copy of the database, then run alone in one bulk load into a fresh copy: no reading, "
    "mapping, validation, matching or rows built, only SQLite's work and binding the values). One "
    "connection writes a database file at a time, so that work runs on one core: 6.8-8.2 s in the "
    "runs above, 8.3-10.0 s in three earlier runs the same morning (both on a quiet machine). The "
    "import's own writes (its undo rows, the companies it creates) and the verified backup made "
    "before it go through the same single writer. Everything else would have to fit on the other "
    "core beside it within the seconds left: reading the sheet (the floor's own reader, ~1.6-1.8 "
    "s), mapping and validating the rows (E.164 phones, e-mails, dates; 71-84 µs of CPU per row "
    "in the worker now), matching them against the database and handing them over between the "
    "processes (~15 µs per row on each side). In the runs above this process spent 18.8-22.1 s of "
    "CPU and the worker 7.1-8.4 s: 26-31 s in all, where two cores give 20 s in 10 s. See \"Insert "
    "through the services\" for what SQLite does per person and why each part is kept.",
]


# What the import keeps besides the sheet (printed under the memory figures).
MEMORY_ANALYSIS = (
    "What the import keeps besides the sheet python-calamine holds: one entry per e-mail, phone and "
    "name+company it has seen, to find rows repeating each other in the file (~430 MiB at a million "
    "rows of this file: four keys a row, measured alone with tracemalloc), SQLite's page cache of the "
    "bulk load (up to 256 MB while loading; the index builds at its end sort in as much again), the "
    "FTS5 term buffer (up to 64 MB before a segment is written) and the ids of the people made (for "
    "the undo rows). Cut: the sheet is let go once every row is read, before the indexes are built "
    "(it was held to the end of the import); the undo rows of the people made are written from a "
    "generator instead of two lists of a million tuples (~190 MB at the end), their ids kept as "
    "8-byte integers (a list of ints took ~36 MB). Not changed: the file's duplicate keys (they could "
    "live in a temporary table on disk, a lookup per chunk), the page cache and the FTS5 buffer (the "
    "bulk load's speed at 100k rows was measured with them)."
)


def _row(d, n: int, dup_email: str | None) -> list[str]:
    # Synth's phones come from a small space (US 555 numbers): give each row its own number.
    phones = [f"+86 139 {n // 10_000:04d} {n % 10_000:04d}", f"+86 138 {n // 10_000:04d} {n % 10_000:04d}"
              if len(d.phones) > 1 else ""]
    wechat = next((h.value for h in d.handles if h.kind == "wechat"), "")
    return [d.given_name, d.family_name, d.company_name, d.title, dup_email or d.emails[0].value, phones[0],
            phones[1], wechat, d.city, d.country, d.birthday.isoformat() if d.birthday else "", d.source,
            ", ".join(d.tags), d.notes]


def _existing_emails(db: Path, count: int) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return [r[0] for r in con.execute(
            "SELECT normalized FROM contact_channel WHERE channel = 'email' ORDER BY contact_id LIMIT ?",
            (count,))]
    finally:
        con.close()


def write_workbook(path: Path, rows: int, existing: list[str]) -> None:
    """A plain .xlsx (inline strings, one sheet) written straight as XML: seconds, not minutes."""
    from crm_desktop.core.synth import Synth

    synth = Synth(common.SEED + 7)
    synth._n = 10_000_000  # e-mails unlike the database's, except the duplicates put in on purpose
    companies = [f"Company {i} Ltd" for i in range(2000)]
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns='
                    b'"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            f.write(_xml_row(1, HEADERS))
            step = int(1 / DUPLICATE_SHARE)
            for i, d in enumerate(synth.contacts(rows, companies, [None])):
                dup = existing[i // step % len(existing)] if existing and i % step == 0 else None
                f.write(_xml_row(i + 2, _row(d, i, dup)))
            f.write(b"</sheetData></worksheet>")
    tmp.replace(path)


def _xml_row(n: int, cells: list[str]) -> bytes:
    parts = [f'<row r="{n}">']
    for value in cells:
        if value:
            parts.append(f'<c t="inlineStr"><is><t>{escape(value)}</t></is></c>')
        else:
            parts.append("<c/>")
    parts.append("</row>")
    return "".join(parts).encode()


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
    '"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
    'main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/></Types>')
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
    '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
    '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    '<sheet name="Contacts" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
    '2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')


def workbook(rows: int, base: Path | None) -> Path:
    common.BENCH_DATA.mkdir(exist_ok=True)
    path = common.BENCH_DATA / f"import-{rows}.xlsx"
    if not path.exists():
        existing = _existing_emails(base / "crm.sqlite3", max(1, int(rows * DUPLICATE_SHARE))) if base else []
        t0 = time.perf_counter()
        write_workbook(path, rows, existing)
        print(f"  wrote {path.name} ({path.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t0:.0f} s")
    return path


# -- the floor and the import --------------------------------------------------------------------
def bare_read(path: Path) -> int:
    import python_calamine

    sheet = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    n = 0
    for row in sheet.iter_rows():
        n += len(row) > 0
    return n


def bare_read_and_insert(path: Path, tmp: Path) -> float:
    import python_calamine

    t0 = time.perf_counter()
    sheet = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    rows = sheet.iter_rows()
    next(rows)
    con = sqlite3.connect(tmp / "bare.sqlite3")
    con.execute(f"CREATE TABLE t ({', '.join(f'c{i} TEXT' for i in range(len(HEADERS)))})")
    with con:
        con.executemany(f"INSERT INTO t VALUES ({','.join('?' * len(HEADERS))})", rows)
    con.close()
    return time.perf_counter() - t0


def import_file(path: Path, data: Path, parts: dict | None = None, worker: str = "auto"
                ) -> tuple[float, object]:
    """Inspect and run the import; ``parts`` receives the seconds spent inside
    ``ContactService.create_many`` and inside the backup made before the import, and whether
    the rows were checked in a second process (``worker``: auto | on | off)."""
    from crm_desktop.interchange.plan import ImportOptions
    from crm_desktop.services import Services

    services = Services.open(data, fallback_region="US")
    spent = parts if parts is not None else {}
    spent.update(create_many=0.0, backup=0.0, bulk_end=0.0, worker=False)
    if worker != "auto":
        services.imports.core_free = lambda: worker == "on"
    start_worker = services.imports.start_worker

    def started(*args):
        found = start_worker(*args)
        spent["worker"] = spent["worker"] or found is not None
        return found

    services.imports.start_worker = started
    _time_calls(services.contacts, "create_many", spent)
    _time_block_end(services.contacts, "bulk_load", spent, "bulk_end")
    if services.imports.backups is not None:
        _time_calls(services.imports.backups, "before", spent, "backup")
    try:
        gc.collect()
        t0 = time.perf_counter()
        plan = services.imports.inspect(path)
        result = services.imports.run(plan, ImportOptions())
        return time.perf_counter() - t0, result
    finally:
        services.close()


def _time_block_end(owner, name: str, spent: dict, key: str) -> None:
    """Add the time the context manager ``owner.name()`` takes to close (the bulk load builds
    its indexes again then) to ``spent[key]``."""
    import contextlib

    method = getattr(owner, name)

    @contextlib.contextmanager
    def timed(*args, **kwargs):
        with contextlib.ExitStack() as stack:
            stack.enter_context(method(*args, **kwargs))
            yield
            t0 = time.perf_counter()
            try:
                stack.close()
            finally:
                spent[key] += time.perf_counter() - t0

    setattr(owner, name, timed)


def _time_calls(owner, name: str, spent: dict, key: str | None = None) -> None:
    """Add the time of every call of ``owner.name`` to ``spent[key or name]``."""
    method = getattr(owner, name)

    def timed(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            spent[key or name] += time.perf_counter() - t0

    setattr(owner, name, timed)


def create_many_alone(path: Path, data: Path) -> float:
    """The contact service's bulk insert of the rows the import creates, drafts made before the clock."""
    from crm_desktop.interchange.plan import ImportOptions
    from crm_desktop.services import Services
    from crm_desktop.services.imports import CHUNK

    services = Services.open(data, fallback_region="US")
    try:
        plan = services.imports.inspect(path)
        drafts = [o.draft for chunk in services.imports.outcomes(plan, ImportOptions()) for o in chunk
                  if o.action == "create" and o.status == "new"]
        gc.collect()
        t0 = time.perf_counter()
        services.contacts.create_many(drafts, batch_size=CHUNK)
        return time.perf_counter() - t0
    finally:
        services.close()


def sql_alone(path: Path, base: Path, tmp: Path) -> tuple[float, float]:
    """SQLite's own share of the import's writes: the statements ``create_many`` runs for the
    rows the import creates, recorded on one copy of the database and replayed alone (no
    reading, mapping, validation or rows built) in one bulk load into another: (wall, CPU) s."""
    import bench_insert

    from crm_desktop.interchange.plan import ImportOptions
    from crm_desktop.services import Services
    from crm_desktop.storage import Storage

    shutil.copytree(base, tmp / "record")
    shutil.copytree(base, tmp / "replay")
    services = Services.open(tmp / "record", fallback_region="US")
    try:
        plan = services.imports.inspect(path)
        drafts = [o.draft for chunk in services.imports.outcomes(plan, ImportOptions()) for o in chunk
                  if o.action == "create" and o.status == "new"]
        recorded = bench_insert._recorded_writes(services, drafts)
    finally:
        services.close()
    del drafts
    storage = Storage.open(tmp / "replay" / "crm.sqlite3")
    try:
        # The companies and tags the import made for its rows, which the rows refer to.
        db = storage.database.db
        db.execute_sql("ATTACH DATABASE ? AS recorded", (str(tmp / "record" / "crm.sqlite3"),))
        with storage.write():
            for table in ("company", "tag"):
                db.execute_sql(f"INSERT INTO main.{table} SELECT * FROM recorded.{table} "
                               f"WHERE id > (SELECT coalesce(max(id), 0) FROM main.{table})")
        db.execute_sql("DETACH DATABASE recorded")
        return bench_insert._replay(storage, recorded)
    finally:
        storage.close()


def run(rows: int = 100_000, runs: int = 3, worker: str = "auto") -> common.Result:
    import bench_gen

    base = bench_gen.ensure("100k")
    path = workbook(rows, base)
    load_before = os.getloadavg()
    floors, totals, results, inserts, inside, backups, ends = [], [], [], [], [], [], []
    used, cpu, sqls = [], [], []
    for i in range(runs):
        tmp = Path(tempfile.mkdtemp(prefix="import-", dir=common.BENCH_DATA))
        try:
            shutil.copytree(base, tmp / "data")
            shutil.copytree(base, tmp / "insert")
            floors.append(bare_read_and_insert(path, tmp))
            parts: dict = {}
            loads = os.getloadavg()[0]
            c0, k0 = time.process_time(), _children_cpu()
            seconds, result = import_file(path, tmp / "data", parts, worker)
            cpu.append((time.process_time() - c0, _children_cpu() - k0))
            used.append((parts["worker"], loads))
            totals.append(seconds)
            results.append(result)
            inside.append(parts["create_many"] + parts["bulk_end"])
            backups.append(parts["backup"])
            ends.append(parts["bulk_end"])
            inserts.append(create_many_alone(path, tmp / "insert"))
            sqls.append(sql_alone(path, base, tmp))
            print(f"  run {i + 1}: import {seconds:.2f} s (create_many in it {parts['create_many']:.2f} s, "
                  f"indexes rebuilt at the end of the bulk load {parts['bulk_end']:.2f} s, "
                  f"backup before it {parts['backup']:.2f} s, "
                  f"the rest {seconds - inside[-1]:.2f} s), "
                  f"floor {floors[-1]:.2f} s, ratio {seconds / floors[-1]:.2f}; CPU here / in the worker "
                  f"{cpu[-1][0]:.2f} / {cpu[-1][1]:.2f} s, rows checked in a second process: "
                  f"{'yes' if parts['worker'] else 'no'}; "
                  "create_many alone "
                  f"{inserts[-1]:.2f} s; its statements alone {sqls[-1][0]:.2f} s "
                  f"(CPU {sqls[-1][1]:.2f} s); created {result.created:,}, skipped {result.skipped:,}")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    ratios = [t / f for t, f in zip(totals, floors, strict=True)]
    med, ratio = common.median(totals), common.median(ratios)
    flag = f" --worker {worker}" if worker != "auto" else ""
    result = common.Result("import", "Import a contacts workbook",
                           f"python scripts/bench.py import --rows {rows} --runs {runs}{flag}",
                           f"{rows:,} rows × {len(HEADERS)} columns into a database of 100,000 contacts")
    last = results[-1]
    result.rows = [
        common.Row("import end to end (inspect + run)", runs, med, "s",
                   f"≤ {TARGET_SECONDS:.0f} s", med <= TARGET_SECONDS),
        common.Row("floor: calamine read + bare executemany", runs, common.median(floors), "s"),
        common.Row("import ÷ floor (same run)", runs, ratio, "×", f"≤ {TARGET_RATIO:.0f}×",
                   ratio <= TARGET_RATIO),
        common.Row("rows imported per second", runs, rows / med, "/s"),
        common.Row("  of which the contact service's bulk insert (create_many + end of bulk load)", runs,
                   common.median(inside), "s"),
        common.Row("    of which the end of the bulk load (indexes rebuilt, commit)", runs,
                   common.median(ends), "s"),
        common.Row("  of which the import's own work (read, map, validate, match, undo rows, backup)", runs,
                   common.median([t - c for t, c in zip(totals, inside, strict=True)]), "s"),
        common.Row("  of which the verified backup made before the import", runs, common.median(backups),
                   "s"),
        common.Row("import's own work ÷ floor", runs,
                   common.median([(t - c) / f for t, c, f in zip(totals, inside, floors, strict=True)]), "×"),
        common.Row("create_many alone, the rows the import creates", runs, common.median(inserts), "s"),
        common.Row("create_many alone ÷ floor", runs,
                   common.median([c / f for c, f in zip(inserts, floors, strict=True)]), "×"),
        common.Row("SQLite alone: those rows' statements replayed (no reading, mapping, validation)", runs,
                   common.median([w for w, _ in sqls]), "s"),
        common.Row("SQLite alone ÷ floor", runs,
                   common.median([w / f for (w, _), f in zip(sqls, floors, strict=True)]), "×"),
    ]
    result.notes.append(
        f"The workbook (made once, `bench-data/import-{rows}.xlsx`, seeded) has {len(HEADERS)} columns "
        f"({', '.join(HEADERS)}); {DUPLICATE_SHARE:.0%} of its rows carry the e-mail of a contact already "
        f"in the database, so duplicate matching finds them (skipped, the default). Last run: created "
        f"{last.created:,}, skipped {last.skipped:,}, not importable {last.summary.rejected:,}.")
    result.notes.append(_load_note(load_before, os.getloadavg()))
    result.notes.append("Per run (import / floor, s): " + ", ".join(
        f"{t:.2f} / {f:.2f}" for t, f in zip(totals, floors, strict=True)) + ".")
    result.notes.append(
        "Rows mapped and validated in a second process (`--worker auto`: when other programs leave "
        "a core idle): " + ", ".join(f"{'yes' if w else 'no'} (load {la:.1f})" for w, la in used)
        + "; CPU time per run in the importing process / in the worker: "
        + ", ".join(f"{c:.1f} / {k:.1f} s" for c, k in cpu) + ".")
    result.notes.append(
        "The import writes through `ContactService.create_many` (companies, channels, tags, FTS5 "
        "documents) inside one `ContactService.bulk_load()` transaction for the whole file (the list's "
        "sort indexes are built again when it ends), in batches of 1,000 rows so progress and Cancel "
        "stay responsive. The time spent inside `create_many` and in closing the bulk load during the "
        "import is measured by wrapping them; the rest is the import's own work: the verified backup "
        "made before it, "
        "reading the sheet (python-calamine), mapping each row to a draft, validating it once (its "
        "problems and E.164 phones; `create_many(validated=True)` does not check it again), matching "
        "duplicates (e-mails and phones looked up per chunk of 1,000 in the database, names per company), "
        "linking companies and writing the undo rows. `create_many alone` times that call by itself on "
        "the drafts the import would create (made before the clock starts, into another copy of the "
        "same database).")
    result.notes += IMPORT_ANALYSIS
    result.print()
    return result


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _load_note(before, after) -> str:
    """The machine is shared: its load average goes with the figures (2 cores: above 2, runs queue)."""
    fmt = ", ".join
    return (f"Load average (1, 5, 15 min) before: {fmt(f'{x:.1f}' for x in before)}; after: "
            f"{fmt(f'{x:.1f}' for x in after)} on {os.cpu_count()} cores. Compare the ratios, which are "
            "measured in the same run, rather than the seconds.")


# -- memory at a million rows ---------------------------------------------------------------------------
def _status_kib(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) of process ``pid`` in KiB; zeros once it has ended."""
    values = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(("VmRSS:", "VmHWM:")):
                key, rest = line.split(":", 1)
                values[key] = int(rest.split()[0])
    except (OSError, ValueError):
        pass
    return values.get("VmRSS", 0), values.get("VmHWM", 0)


def _children(pid: int) -> list[int]:
    """Every process started by ``pid`` (by any of its threads), and theirs."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found + [g for c in found for g in _children(c)]


class _Sampler:
    """The processes this one starts (the import's row worker, multiprocessing's resource tracker),
    sampled every 0.1 s: each one's own peak (VmHWM as last seen: a process started by fork and
    exec counts from its exec, where getrusage(RUSAGE_CHILDREN) would report the size of this
    process at the fork) and the largest sum of everyone's resident memory at one time."""

    def __init__(self) -> None:
        self.peaks: dict[int, int] = {}
        self.largest_sum = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="memory-sampler", daemon=True)

    def __enter__(self) -> _Sampler:
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.wait(0.1):
            total = _status_kib(me)[0]
            for child in _children(me):
                rss, hwm = _status_kib(child)
                total += rss
                if hwm:
                    self.peaks[child] = max(self.peaks.get(child, 0), hwm)
            self.largest_sum = max(self.largest_sum, total)


def memory_child(mode: str, path: str, data: str) -> int:
    """Run one measurement in this fresh process; print the peak RSS as JSON, with the peaks of
    the processes it started and this process's peak when the bulk load began to end."""
    from crm_desktop.services.contacts import ContactService

    _, before = common.rss_kib()
    t0 = time.perf_counter()
    marks: dict = {}
    bulk_load = ContactService.bulk_load

    @contextlib.contextmanager
    def marked(self, *args, **kwargs):
        with bulk_load(self, *args, **kwargs):
            yield
            marks["rows_read_kib"] = common.rss_kib()[1]  # every row read; the indexes are built next

    ContactService.bulk_load = marked
    with _Sampler() as sampler:
        if mode == "read":
            n = bare_read(Path(path))
        else:
            # The row worker on, as a quiet machine would start it: both processes are counted.
            _, result = import_file(Path(path), Path(data), worker="on")
            n = result.summary.rows
    _, peak = common.rss_kib()
    print(json.dumps({"mode": mode, "rows": n, "peak_kib": peak, "start_kib": before,
                      "children_kib": sum(sampler.peaks.values()), "children": len(sampler.peaks),
                      "largest_sum_kib": sampler.largest_sum, "rows_read_kib": marks.get("rows_read_kib", 0),
                      "seconds": time.perf_counter() - t0}))
    return 0


def run_memory(rows: int = 1_000_000) -> common.Result:
    path = workbook(rows, None)
    tmp = Path(tempfile.mkdtemp(prefix="import-mem-", dir=common.BENCH_DATA))
    try:
        read = common.run_child(["_import-memory", "read", str(path), str(tmp)], timeout=3600)
        full = common.run_child(["_import-memory", "import", str(path), str(tmp)], timeout=3600)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    # The import's processes together: each one's peak added (an upper bound of their peak at one
    # time; the largest sum sampled approaches it from below).
    total = full["peak_kib"] + full["children_kib"]
    ratio = total / read["peak_kib"]
    result = common.Result("import_memory", "Import a million rows: peak memory",
                           f"python scripts/bench.py import --rows {rows} --memory",
                           f"{rows:,} rows × {len(HEADERS)} columns into an empty database")
    result.rows = [
        common.Row("peak RSS, bare calamine read", 1, read["peak_kib"] / 1024, "MiB"),
        common.Row("peak RSS, import end to end: the importing process", 1, full["peak_kib"] / 1024, "MiB"),
        common.Row("  of which until every row was read (before the indexes are built)", 1,
                   full["rows_read_kib"] / 1024, "MiB"),
        common.Row("peak RSS of the processes the import started (row worker, resource tracker)", 1,
                   full["children_kib"] / 1024, "MiB"),
        common.Row("peak RSS, import end to end: all its processes (the sum of their peaks)", 1, total / 1024,
                   "MiB"),
        common.Row("largest sum of their resident memory at one time (sampled every 0.1 s)", 1,
                   full["largest_sum_kib"] / 1024, "MiB"),
        common.Row("import (all its processes) ÷ bare read", 1, ratio, "×", f"≤ {TARGET_MEMORY}×",
                   ratio <= TARGET_MEMORY),
        common.Row("import time", 1, full["seconds"], "s"),
    ]
    if full["children"]:
        children = (f"{full['children']} processes it started were seen (the row worker and "
                    "multiprocessing's resource tracker), their peaks read from /proc while they ran")
    else:
        children = "none was seen"
    result.notes.append(
        f"Each measurement runs in a fresh interpreter (VmHWM). The import read {full['rows']:,} rows; "
        f"the bare read took {read['seconds']:.0f} s. python-calamine holds the sheet while it is read, "
        "the importer streams rows through in chunks of 1,000. A file this large is mapped and "
        "validated in a second process when a core is idle; the measurement starts it whatever the load "
        f"(`import_file(worker='on')`), as a quiet machine would: {children}. (The "
        "getrusage(RUSAGE_CHILDREN) figure counted "
        "before reported 1,229 MiB for that worker: Linux gives a child started by fork and exec the "
        "size of its parent at the fork.) Peak memory does not depend on the machine's load; the time "
        "does.")
    result.notes.append(MEMORY_ANALYSIS)
    result.notes.append(f"Measured {dt.date.today().isoformat()}.")
    result.print()
    return result


if __name__ == "__main__":
    sys.exit(memory_child(*sys.argv[1:4]))
