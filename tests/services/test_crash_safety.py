"""Crash safety, proven: a process killed (SIGKILL) at random points of an import, a bulk edit
and a merge leaves a sound database in which each operation happened fully or not at all;
a full disk is reported and leaves the database as it was.

The kills come from inside: a forked child counts SQLite virtual-machine steps through a
progress handler and kills itself with SIGKILL at a step drawn from a seeded random
generator, so the trials are reproducible and land anywhere in the operation, COMMIT
included. The children are forked from one helper process that imported the services
once (no Qt, no threads), which keeps 60 trials to a few seconds.
"""

from __future__ import annotations

import json
import random
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from crm_desktop.core.records import Channel, ContactDraft
from crm_desktop.services import Services

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fork and SIGKILL are POSIX")

TRIALS_PER_OPERATION = 20  # 60 in all
PEOPLE = 400
STEP = 500  # VM instructions between two progress-handler calls

CHILD = textwrap.dedent('''
    import json, os, signal, sys
    from pathlib import Path
    from crm_desktop.services import Services
    from crm_desktop.interchange.plan import ImportOptions

    def operation(services, op, arg):
        if op == "import":
            services.imports.run(services.imports.inspect(Path(arg)), ImportOptions())
        elif op == "bulk-edit":
            ids = [r[0] for r in services.ctx.storage.database.db.execute_sql(
                "SELECT id FROM contact WHERE deleted_at IS NULL")]
            services.contacts.add_tag(ids, arg)
        elif op == "merge":
            survivor, other = (int(x) for x in arg.split(","))
            services.merges.merge("contact", survivor, other)

    def trial(data, op, arg, limit):
        services = Services.open(Path(data))
        ticks = [0]
        def tick():
            ticks[0] += 1
            if ticks[0] >= limit:
                os.kill(os.getpid(), signal.SIGKILL)
            return 0
        services.ctx.storage.database.db.connection().set_progress_handler(tick, %(step)d)
        operation(services, op, arg)
        services.close()
        return ticks[0]

    for line in sys.stdin:
        job = json.loads(line)
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read)
            code = 0
            try:
                ticks = trial(job["data"], job["op"], job["arg"], job["limit"])
                os.write(write, str(ticks).encode())
            except BaseException as exc:
                os.write(write, ("error " + repr(exc)).encode())
                code = 1
            finally:
                os._exit(code)
        os.close(write)
        chunks = []
        while chunk := os.read(read, 4096):
            chunks.append(chunk)
        os.close(read)
        _, status = os.waitpid(pid, 0)
        killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        print(json.dumps({"killed": killed, "out": b"".join(chunks).decode()}), flush=True)
''') % {"step": STEP}


class Forker:
    """The helper process: one JSON job per line in, one result per line out."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen([sys.executable, "-c", CHILD], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)

    def run(self, data: Path, op: str, arg: str, limit: int) -> dict:
        self.proc.stdin.write(json.dumps({"data": str(data), "op": op, "arg": arg, "limit": limit}) + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=60)
        self.proc.stdout.close()


@pytest.fixture(scope="module")
def forker():
    helper = Forker()
    yield helper
    helper.close()


def _people(data_dir: Path) -> None:
    services = Services.open(data_dir)
    try:
        services.contacts.create_many(
            ContactDraft(given_name=f"Person{i}", family_name="Crash", emails=[Channel(f"p{i}@example.com")])
            for i in range(PEOPLE))
    finally:
        services.close()


def _query(data_dir: Path, sql: str, params=()) -> list[tuple]:
    conn = sqlite3.connect(data_dir / "crm.sqlite3")
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def _sound(data_dir: Path) -> None:
    assert _query(data_dir, "PRAGMA integrity_check") == [("ok",)]
    conn = sqlite3.connect(data_dir / "crm.sqlite3")
    try:
        conn.execute("INSERT INTO contact_fts(contact_fts) VALUES('integrity-check')")
    finally:
        conn.close()


def _trials(forker: Forker, data_dir: Path, op: str, make_arg, check, seed: int) -> tuple[int, int]:
    """Calibrate the operation's length, then kill it at random steps; (killed, finished)."""
    calibration = forker.run(data_dir, op, make_arg(-1), 10**12)
    assert not calibration["killed"], calibration
    steps = int(calibration["out"])
    check(-1, applied=True)
    rnd = random.Random(seed)
    killed = finished = 0
    for trial in range(TRIALS_PER_OPERATION):
        arg = make_arg(trial)
        result = forker.run(data_dir, op, arg, rnd.randint(1, steps + 2))
        assert result["killed"] or result["out"].isdigit(), result
        _sound(data_dir)
        check(trial, applied=None if result["killed"] else True)
        killed += result["killed"]
        finished += not result["killed"]
    return killed, finished


def test_killed_bulk_edits_are_all_or_nothing(forker: Forker, data_dir: Path):
    _people(data_dir)

    def check(trial: int, applied: bool | None) -> None:
        tagged = _query(data_dir, "SELECT count(*) FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id "
                                  "WHERE t.name = ?", (f"bulk-{trial}",))[0][0]
        assert tagged in ((PEOPLE,) if applied else (0, PEOPLE))

    killed, _ = _trials(forker, data_dir, "bulk-edit", lambda t: f"bulk-{t}", check, seed=1)
    assert killed >= TRIALS_PER_OPERATION * 0.8  # the kills did land inside the operation


def test_killed_imports_are_all_or_nothing(forker: Forker, data_dir: Path, tmp_path: Path):
    def make(trial: int) -> str:
        path = tmp_path / f"import-{trial}.csv"
        rows = "".join(f"Imported{i},T{trial},i{trial}-{i}@example.org\n" for i in range(150))
        path.write_text("First name,Last name,E-mail\n" + rows, encoding="utf-8")
        return str(path)

    def check(trial: int, applied: bool | None) -> None:
        count = _query(data_dir, "SELECT count(*) FROM contact WHERE family_name = ?", (f"T{trial}",))[0][0]
        batches = _query(data_dir, "SELECT count(*) FROM import_batch WHERE file_name = ?",
                         (f"import-{trial}.csv",))[0][0]
        assert (count, batches) in (((150, 1),) if applied else ((0, 0), (150, 1)))

    killed, _ = _trials(forker, data_dir, "import", make, check, seed=2)
    assert killed >= TRIALS_PER_OPERATION * 0.8


def test_killed_merges_are_all_or_nothing(forker: Forker, data_dir: Path):
    services = Services.open(data_dir)
    pairs = {}
    try:
        for trial in range(-1, TRIALS_PER_OPERATION):
            a = services.contacts.create(ContactDraft(given_name="Keep", family_name=f"M{trial}",
                                                      emails=[Channel(f"keep{trial}@example.com")]))
            b = services.contacts.create(ContactDraft(given_name="Merge", family_name=f"M{trial}",
                                                      emails=[Channel(f"merge{trial}@example.com")]))
            pairs[trial] = (a, b)
    finally:
        services.close()

    def check(trial: int, applied: bool | None) -> None:
        a, b = pairs[trial]
        trashed = _query(data_dir, "SELECT deleted_at IS NOT NULL FROM contact WHERE id = ?", (b,))[0][0]
        logged = _query(data_dir, "SELECT count(*) FROM merge_log WHERE loser_id = ?", (b,))[0][0]
        moved = _query(data_dir, "SELECT count(*) FROM contact_channel WHERE contact_id = ?", (a,))[0][0]
        state = (trashed, logged, moved)
        assert state in (((1, 1, 2),) if applied else ((0, 0, 1), (1, 1, 2)))

    killed, _ = _trials(forker, data_dir, "merge", lambda t: "{},{}".format(*pairs[t]), check, seed=3)
    assert killed >= TRIALS_PER_OPERATION * 0.8


FULL_DISK_CHILD = textwrap.dedent('''
    import json, resource, signal, sys
    from pathlib import Path
    from crm_desktop.core.errors import CrmError
    from crm_desktop.core.records import ContactDraft
    from crm_desktop.services import Services

    data = Path(sys.argv[1])
    services = Services.open(data)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
    size = (data / "crm.sqlite3").stat().st_size
    outcome = {}
    for name, limit, action in (
        # The WAL cannot grow past 64 KiB: the transaction cannot be written.
        ("write", size + 65536, lambda: services.contacts.create_many(
            ContactDraft(given_name="Full%d" % i, family_name="Disk", notes="x" * 500) for i in range(3000))),
        # The copy cannot reach the database's size.
        ("backup", size // 2, lambda: services.backups.create("manual")),
    ):
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
        try:
            action()
            outcome[name] = "ok"
        except CrmError as exc:
            outcome[name] = getattr(getattr(exc, "problem", None), "value", type(exc).__name__)
    services.close()
    print(json.dumps(outcome))
''')


def test_a_full_disk_is_reported_and_nothing_is_half_written(data_dir: Path):
    pytest.importorskip("resource")
    _people(data_dir)
    before = _query(data_dir, "SELECT count(*) FROM contact")[0][0]
    out = subprocess.run([sys.executable, "-c", FULL_DISK_CHILD, str(data_dir)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    outcome = json.loads(out.stdout)
    assert outcome == {"write": "disk_full", "backup": "disk_full"}
    _sound(data_dir)
    assert _query(data_dir, "SELECT count(*) FROM contact")[0][0] == before
    backups = data_dir / "backups"
    assert not backups.exists() or [p.name for p in backups.iterdir()] == []  # no partial backup
