"""Two windows or two processes editing the same record: the second save never silently
overwrites the first (optimistic concurrency on updated_at, checked by the UPDATE itself)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest
from service_helpers import person

from crm_desktop.core.clock import FixedClock
from crm_desktop.core.errors import EditConflict
from crm_desktop.core.records import CompanyDraft
from crm_desktop.services import Services

# A second program on the same data folder: reads a record, waits for a line on stdin, saves an edit.
_OTHER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from crm_desktop.core.errors import EditConflict
    from crm_desktop.services import Services

    kind, record_id, value = sys.argv[2], int(sys.argv[3]), sys.argv[4]
    services = Services.open(Path(sys.argv[1]))
    service = services.contacts if kind == "contact" else services.companies
    record = service.get(record_id)
    print("read", flush=True)
    sys.stdin.readline()
    if kind == "contact":
        record.data.title = value
    else:
        record.data.industry = value
    try:
        service.update(record_id, record.data, record.stamp.updated_at)
    except EditConflict as exc:
        print("conflict", exc.name, flush=True)
    else:
        print("saved", flush=True)
    services.close()
""")


def _other_process(data_dir: Path, kind: str, record_id: int, value: str) -> subprocess.Popen:
    child = subprocess.Popen([sys.executable, "-c", _OTHER, str(data_dir), kind, str(record_id), value],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "read"
    return child


def _finish(child: subprocess.Popen) -> str:
    out, _ = child.communicate("go\n", timeout=60)
    assert child.returncode == 0
    return out.strip()


def test_the_second_of_two_edits_made_from_the_same_read_is_refused(crm: Services, data_dir: Path,
                                                                      clock: FixedClock):
    cid = crm.contacts.create(person("Ana", "Lima", title="Buyer"))
    mine = crm.contacts.get(cid)
    other = Services.open(data_dir, fallback_region="US", clock=clock)
    try:
        theirs = other.contacts.get(cid)
        theirs.data.title = "Head of purchasing"
        other.contacts.update(cid, theirs.data, theirs.stamp.updated_at)
    finally:
        other.close()
    mine.data.city = "Porto"
    with pytest.raises(EditConflict) as caught:
        crm.contacts.update(cid, mine.data, mine.stamp.updated_at)
    assert caught.value.name == "Ana Lima"
    stored = crm.contacts.get(cid).data
    assert (stored.title, stored.city) == ("Head of purchasing", "")  # nothing of the refused edit
    crm.contacts.update(cid, mine.data)  # overwrite, when the user says so
    assert crm.contacts.get(cid).data.title == "Buyer"


def test_edits_one_after_the_other_each_start_from_the_last_save(crm: Services):
    """The clock stands still here: each save still moves the stamp the next one compares with."""
    cid = crm.contacts.create(person("Ana"))
    record = crm.contacts.get(cid)
    stamp = record.stamp.updated_at
    for title in ("A", "B", "C"):
        record.data.title = title
        stamp = crm.contacts.update(cid, record.data, stamp)
    assert crm.contacts.get(cid).stamp.updated_at == stamp
    assert crm.contacts.get(cid).data.title == "C"


def test_a_tag_added_meanwhile_counts_as_a_change(crm: Services, clock: FixedClock):
    cid = crm.contacts.create(person("Ana"))
    record = crm.contacts.get(cid)
    clock.advance(dt.timedelta(seconds=1))
    crm.contacts.add_tag([cid], "VIP")
    with pytest.raises(EditConflict):
        crm.contacts.update(cid, record.data, record.stamp.updated_at)
    assert crm.contacts.get(cid).data.tags == ["VIP"]


def test_company_edits_are_checked_too(crm: Services, data_dir: Path, clock: FixedClock):
    co = crm.companies.create(CompanyDraft(name="Acme"))
    mine = crm.companies.get(co)
    other = Services.open(data_dir, fallback_region="US", clock=clock)
    try:
        theirs = other.companies.get(co)
        theirs.data.industry = "Steel"
        other.companies.update(co, theirs.data, theirs.stamp.updated_at)
    finally:
        other.close()
    mine.data.city = "Lyon"
    with pytest.raises(EditConflict) as caught:
        crm.companies.update(co, mine.data, mine.stamp.updated_at)
    assert caught.value.kind == "company" and caught.value.name == "Acme"
    assert crm.companies.get(co).data.industry == "Steel"


@pytest.mark.parametrize("kind", ["contact", "company"])
def test_two_real_processes_never_lose_an_update(crm: Services, data_dir: Path, kind: str):
    """This process and another read the record; the other saves first; this save is refused;
    then the reverse order: the other process's save is refused."""
    service = crm.contacts if kind == "contact" else crm.companies
    record_id = (crm.contacts.create(person("Ana", "Lima")) if kind == "contact"
                 else crm.companies.create(CompanyDraft(name="Acme")))
    field = "title" if kind == "contact" else "industry"
    child = _other_process(data_dir, kind, record_id, "theirs")
    mine = service.get(record_id)
    assert _finish(child) == "saved"
    setattr(mine.data, field, "mine")
    with pytest.raises(EditConflict):
        service.update(record_id, mine.data, mine.stamp.updated_at)
    assert getattr(service.get(record_id).data, field) == "theirs"

    child = _other_process(data_dir, kind, record_id, "theirs again")
    mine = service.get(record_id)
    setattr(mine.data, field, "mine")
    service.update(record_id, mine.data, mine.stamp.updated_at)
    assert _finish(child).startswith("conflict")
    assert getattr(service.get(record_id).data, field) == "mine"


def test_task_and_activity_edits_are_checked_too(crm: Services, data_dir: Path, clock: FixedClock):
    from crm_desktop.core.activities import ActivityDraft
    from crm_desktop.core.tasks import TaskDraft

    ann = crm.contacts.create(person("Ann"))
    task_id = crm.tasks.create(TaskDraft("Call Ann", due_at=dt.datetime(2024, 5, 7, 9), contact_id=ann))
    activity_id = crm.activities.log(ActivityDraft("call", subject="First call", contact_id=ann))
    my_task, my_call = crm.tasks.get(task_id), crm.activities.get(activity_id)
    other = Services.open(data_dir, fallback_region="US", clock=clock)
    try:
        task = other.tasks.get(task_id)
        other.tasks.update(task_id, replace(task.draft(), title="Call Ann back"), task.updated_at)
        call = other.activities.get(activity_id)
        other.activities.update(activity_id, ActivityDraft("call", subject="Long call", contact_id=ann),
                                call.updated_at)
    finally:
        other.close()
    with pytest.raises(EditConflict) as caught:
        crm.tasks.update(task_id, replace(my_task.draft(), notes="mine"), my_task.updated_at)
    assert (caught.value.kind, caught.value.name) == ("task", "Call Ann back")
    with pytest.raises(EditConflict) as caught:
        crm.activities.update(activity_id, ActivityDraft("note", subject="Mine", contact_id=ann),
                              my_call.updated_at)
    assert (caught.value.kind, caught.value.name) == ("activity", "Long call")
    assert crm.tasks.get(task_id).title == "Call Ann back"
    assert crm.activities.get(activity_id).subject == "Long call"
    fresh = crm.tasks.get(task_id)
    crm.tasks.update(task_id, replace(fresh.draft(), notes="mine"), fresh.updated_at)  # from the new read
    assert crm.tasks.get(task_id).notes == "mine"
