"""The command line writing (import, backup) while the app has the database open and keeps
saving: neither side gets "database is locked", nothing is lost (WAL, busy timeout, short write
transactions). The other program is a real second process running ``crm-desktop``."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest
from service_helpers import person

from crm_desktop.core.activities import ActivityDraft
from crm_desktop.core.errors import StorageError
from crm_desktop.services import Services

ROWS = 6000


def _csv(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["First name", "Last name", "E-mail", "City"])
        for i in range(rows):
            out.writerow([f"Imported{i}", "Person", f"imported{i}@example.test", "Lyon"])
    return path


def _cli(data_dir: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "CRM_DESKTOP_PASSPHRASE": ""}
    env.pop("CRM_DESKTOP_DATA_DIR", None)
    return subprocess.Popen([sys.executable, "-m", "crm_desktop", *args, "--data-dir", str(data_dir)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _keep_saving(crm: Services, child: subprocess.Popen, contact_id: int) -> tuple[int, set[int]]:
    """Save as a user of the app would (edit, log, add a person) until the other program ends.

    Returns how many rounds were saved, and how many people the app saw besides its own while
    the other program was still running (the import's rows appear in one go, at its commit).
    """
    saves, seen = 0, set()
    while (running := child.poll() is None) or saves < 3:
        record = crm.contacts.get(contact_id)
        record.data.title = f"Edit {saves}"
        crm.contacts.update(contact_id, record.data, record.stamp.updated_at)
        crm.activities.log(ActivityDraft("note", subject=f"Note {saves}", contact_id=contact_id))
        crm.contacts.create(person(f"Typed{saves}"))
        saves += 1
        if running:
            seen.add(crm.contacts.count() - 1 - saves)
    return saves, seen


@pytest.fixture
def app_open(data_dir: Path):
    """Services as the running app holds them: open, with a person on screen."""
    crm = Services.open(data_dir, fallback_region="US")
    contact_id = crm.contacts.create(person("Ann", "Lee"))
    yield crm, contact_id
    crm.close()


def test_a_command_line_import_while_the_app_saves(app_open, data_dir: Path, tmp_path: Path):
    crm, ann = app_open
    child = _cli(data_dir, "import", str(_csv(tmp_path / "people.csv", ROWS)))
    try:
        saves, seen = _keep_saving(crm, child, ann)
    except StorageError:
        child.kill()
        raise
    finally:
        out, err = child.communicate(timeout=300)
    assert child.returncode == 0, err
    assert "locked" not in (out + err).lower()
    assert crm.contacts.count() == 1 + ROWS + saves
    assert {0, ROWS} <= seen  # the app saved before and after the import committed, while it ran
    assert crm.contacts.get(ann).data.title == f"Edit {saves - 1}"
    db = crm.ctx.storage.database.db
    assert db.execute_sql("SELECT count(*) FROM activity WHERE contact_id = ?", (ann,)).fetchone()[0] == saves


def test_a_command_line_backup_while_the_app_saves(app_open, data_dir: Path):
    crm, ann = app_open
    crm.contacts.create_many([person(f"P{i}", email=f"p{i}@example.test") for i in range(5000)])
    child = _cli(data_dir, "backup")
    try:
        saves, seen = _keep_saving(crm, child, ann)
    finally:
        out, err = child.communicate(timeout=300)
    assert child.returncode == 0, err
    assert "locked" not in (out + err).lower()
    assert crm.contacts.count() == 5001 + saves
    assert len(seen) > 0  # the app saved while the backup ran
    (made,) = [b for b in crm.backups.list() if Path(b.path).name in out]
    assert made.counts.contacts >= 5001  # a consistent copy, made while the app kept writing
    verify = _cli(data_dir, "verify", made.path)
    out, err = verify.communicate(timeout=300)
    assert verify.returncode == 0, out + err
