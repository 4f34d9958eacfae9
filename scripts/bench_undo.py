"""Undo and redo of bulk actions on 1,000 and 50,000 people (the most a list takes), and of one edit.

Each operation is timed as the window's undo history runs it: the undoable bulk tag (which
first finds the people that lack the tag), its undo and its redo; delete and restore; a bulk
owner and its undo (which gives each person their own owner back); and one edit of a person
undone field by field. The plain bulk tag without the undo bookkeeping is measured in the
same runs, alternated, as the floor.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
import time
from pathlib import Path

import bench_common as common
import bench_gen

SIZES = (1_000, 50_000)  # a typical bulk action, and BULK_LIMIT of the list pages
EDIT_TARGET_MS = 100  # Ctrl+Z on one edit feels instant
RATIO_TARGET = 1.5  # an undo costs at most half as much again as the operation it undoes (CPU time)
PAIRS = (("bulk tag", "undo of the bulk tag"), ("bulk tag", "redo of the bulk tag"),
         ("delete (to the trash)", "undo of the delete (restore)"), ("bulk owner", "undo of the bulk owner"))


def _timed(fn) -> tuple[float, float, object]:
    t0, c0 = time.perf_counter(), time.process_time()
    value = fn()
    return (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000, value


def _round(services, ids: list[int], owner: int, samples: dict[str, list[float]]) -> None:
    edits, contacts = services.edits, services.contacts

    def take(key: str, fn):
        ms, cpu, value = _timed(fn)
        samples.setdefault(key, []).append(ms)
        samples.setdefault(key + " (CPU)", []).append(cpu)
        return value

    take("bulk tag without undo (the floor)", lambda: contacts.add_tag(ids, "bench plain"))
    tag_id = next(t.id for t in services.lookups.tags() if t.name == "bench plain")
    contacts.remove_tag(ids, tag_id)
    change = take("bulk tag", lambda: edits.add_tag("contact", ids, "bench undo"))
    take("undo of the bulk tag", lambda: edits.revert_tags(change))
    take("redo of the bulk tag", lambda: edits.reapply_tags(change))
    edits.revert_tags(change)
    take("delete (to the trash)", lambda: contacts.delete(ids))
    take("undo of the delete (restore)", lambda: contacts.restore(ids))
    moved = take("bulk owner", lambda: edits.assign_owner("contact", ids, owner))
    take("undo of the bulk owner", lambda: edits.revert_owner(moved))
    person = ids[len(ids) // 2]
    draft = contacts.get(person).data
    edit = take("one edit (3 fields)", lambda: edits.update("contact", person, dataclasses.replace(
        draft, title=draft.title + " (b)", city="Bench", notes="bench")))
    take("undo of one edit", lambda: edits.revert(edit))


def run(size: str = "100k", runs: int = 3) -> common.Result:
    from crm_desktop.core.query import ListQuery
    from crm_desktop.services import Services

    source = bench_gen.ensure(size)
    tmp = Path(tempfile.mkdtemp(prefix="undo-", dir=common.BENCH_DATA))
    command = f"python scripts/bench.py undo --size {size} --runs {runs}"
    result = common.Result("undo", "Undo and redo", command, f"{common.SIZES[size]:,} contacts; bulk "
                           f"actions on {' and '.join(f'{n:,}' for n in SIZES)} of them")
    try:
        for name in ("crm.sqlite3", "settings.json"):
            if (source / name).exists():
                shutil.copyfile(source / name, tmp / name)
        services = Services.open(tmp)
        everyone = [row[0] for row in services.contacts.page(ListQuery(), 0, max(SIZES))]
        owner = services.lookups.create_user("Bench owner")
        for n in SIZES:
            samples: dict[str, list[float]] = {}
            for _ in range(runs):
                _round(services, everyone[:n], owner, samples)
            _rows(result, n, runs, samples)
        services.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    result.notes.append(
        "Every figure is one call of the service method the window's undo history calls, each in its "
        "own transaction, on a copy of the cached database; each run goes round all operations in "
        "turn. Undoing a bulk tag or owner touches only the people the action changed (here all of "
        "them) and reads their tags or owners once first. The bulk operations themselves (and so "
        "their undo) spend most of their time keeping the search index and the field history up to "
        "date for every person touched; a restore from the trash re-adds every search document, "
        "which is why it costs more than the delete. The machine is shared: the CPU figures and "
        "the ratios are the steadier ones.")
    result.print()
    return result


def _rows(result: common.Result, n: int, runs: int, samples: dict[str, list[float]]) -> None:
    for key, values in samples.items():
        if "(CPU)" in key:
            continue
        edit = key == "undo of one edit"
        if n != max(SIZES) and "one edit" in key:
            continue  # measured at each size; shown once
        label = key if "one edit" in key else f"{key}: {n:,} people"
        result.rows.append(common.Row(label, runs, common.median(values), "ms",
                                      f"≤ {EDIT_TARGET_MS} ms" if edit else "",
                                      common.median(values) <= EDIT_TARGET_MS if edit else None,
                                      common.percentile(values, 95)))
    for done, undone in PAIRS:
        ratio = common.median(samples[undone + " (CPU)"]) / common.median(samples[done + " (CPU)"])
        result.rows.append(common.Row(f"{undone} ÷ {done}, CPU time: {n:,} people", runs, ratio, "×",
                                      f"≤ {RATIO_TARGET}×", ratio <= RATIO_TARGET))
    floor = common.median(samples["bulk tag without undo (the floor)"])
    result.rows.append(common.Row(f"bulk tag ÷ bulk tag without undo: {n:,} people", runs,
                                  common.median(samples["bulk tag"]) / floor, "×"))
