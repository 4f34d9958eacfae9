"""Search as you type: the global search box and the contacts list filter, per keystroke."""

from __future__ import annotations

import os
import time
from pathlib import Path

import bench_common as common
import bench_gen
import bench_list

TARGET_MS = 30.0

# What people type, keystroke by keystroke: latin and Chinese names, pinyin, phone digits,
# an e-mail fragment, company words (see crm_desktop.core.synth for what the data holds).
TYPED = (
    "a", "al", "ali", "alic",
    "j", "jo", "joh", "john",
    "john s", "john sm",
    "张", "张伟",
    "王芳",
    "wang",
    "138", "1381", "13812",
    "555 12",
    "james.1", "james.12",
    "qq.com",
    "acme", "acme lab",
    "华信",
    "北京",
    "müller", "muller",
    "sales man",
    "zz",
)


def _time_ms(fn) -> tuple[float, object]:
    t0 = time.perf_counter()
    value = fn()
    return (time.perf_counter() - t0) * 1000, value


def query_plans(services, text: str) -> list[str]:
    """EXPLAIN QUERY PLAN of the list filter's count and first page for ``text``."""
    from crm_desktop.core.query import ListQuery
    from crm_desktop.storage.contacts import list_where

    where, params = list_where(ListQuery(search=text))
    db = services.ctx.storage.database.db
    page_sql, page_params = services.ctx.storage.contacts.page_sql(ListQuery(search=text))
    out = []
    for label, sql, args in (
        # A search alone is counted in the index (ContactStore.count); with other filters, so:
        ("count", "SELECT count(*) FROM contact_fts WHERE contact_fts MATCH ?", params),
        ("count with a filter", f"SELECT count(*) FROM contact WHERE {where} AND owner_id = ?", [*params, 1]),
        ("page", page_sql, [*page_params, 100, 0]),  # as ContactStore.page runs it
    ):
        plan = db.execute_sql(f"EXPLAIN QUERY PLAN {sql}", args).fetchall()
        out.append(f"{label}: " + "; ".join(row[-1] for row in plan))
    return out


def page_filtering(root: Path, rounds: int) -> dict[str, list[tuple[float, float]]]:
    """(ms to the new rows painted, longest UI-thread stall in ms) of every query typed into the
    filter of a shown ContactsPage, in the order typed (see bench_list.PageProbe)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from crm_desktop.services import Services
    from crm_desktop.ui.bridge import ChangeBridge
    from crm_desktop.ui.contacts_page import ContactsPage

    app = QApplication.instance() or QApplication([])
    services = Services.open(root, fallback_region="US")
    page = ContactsPage(services, ChangeBridge(services))
    out: dict[str, list[tuple[float, float]]] = {q: [] for q in TYPED}
    try:
        page.resize(1280, 800)
        page.show()
        probe = bench_list.PageProbe(app, page)
        probe.spin(lambda: bool(probe.paints))
        for _ in range(rounds):
            for q in TYPED:
                out[q].append(probe.filter(q))
    finally:
        page.model.shutdown()  # no read may run once the services close
        page.close()
        services.close()
    return out


def service_filtering(root: Path, rounds: int) -> dict:
    """The search box and the list filter's count + first page, through the services alone."""
    from crm_desktop.core.query import ListQuery
    from crm_desktop.services import Services

    t_open, services = _time_ms(lambda: Services.open(root, fallback_region="US"))
    out: dict = {"open_ms": t_open, "box": {q: [] for q in TYPED}, "list": {q: [] for q in TYPED},
                 "hits": {}, "matches": {}}
    try:
        for r in range(rounds):
            for q in TYPED:
                ms, found = _time_ms(lambda q=q: services.search.search(q, 20))
                out["box"][q].append(ms)
                out["hits"][q] = len(found)
                query = ListQuery(search=q)

                def list_filter(query=query):
                    n = services.contacts.count(query)
                    services.contacts.page(query, 0, 100)
                    return n

                ms, out["matches"][q] = _time_ms(list_filter)
                out["list"][q].append(ms)
            if r == 0:
                print(f"  first pass: box max {max(v[0] for v in out['box'].values()):.1f} ms, "
                      f"list max {max(v[0] for v in out['list'].values()):.1f} ms")
        out["plans"] = {q: query_plans(services, q) for q in ("a", "张伟", "1381")}
    finally:
        services.close()
    return out


def _flat(d: dict[str, list]) -> list:
    return [x for v in d.values() for x in v]


def _rows(measured: dict, page: dict[str, list[tuple[float, float]]]) -> list[common.Row]:
    box, lst = measured["box"], measured["list"]
    box_all, lst_all = _flat(box), _flat(lst)
    worker, stall = [w for w, _ in _flat(page)], [st for _, st in _flat(page)]
    p95_box, p95_list, p95_stall = (common.percentile(v, 95) for v in (box_all, lst_all, stall))
    target = f"p95 ≤ {TARGET_MS:.0f} ms"
    return [
        common.Row("search box: search(text, 20)", len(box_all), common.median(box_all), "ms",
                   target, p95_box <= TARGET_MS, p95_box),
        common.Row("list filter: count + page(0, 100)", len(lst_all), common.median(lst_all), "ms",
                   target, p95_list <= TARGET_MS, p95_list),
        common.Row("list page: longest UI-thread stall while filtering", len(stall), common.median(stall),
                   "ms", target, p95_stall <= TARGET_MS, p95_stall),
        common.Row("list page: filter applied → new rows painted (read off the UI thread)", len(worker),
                   common.median(worker), "ms", p95=common.percentile(worker, 95)),
        common.Row("search box, first pass only", len(TYPED), common.median([v[0] for v in box.values()]),
                   "ms", p95=common.percentile([v[0] for v in box.values()], 95)),
        common.Row("list filter, first pass only", len(TYPED), common.median([v[0] for v in lst.values()]),
                   "ms", p95=common.percentile([v[0] for v in lst.values()], 95)),
        common.Row("Services.open (not part of the target)", 1, measured["open_ms"], "ms"),
    ]


def run(size: str = "1m", rounds: int = 15) -> common.Result:
    root = bench_gen.ensure(size)
    measured = service_filtering(root, rounds)
    page_rounds = max(1, rounds // 3)  # each pass waits for every page to paint
    page = page_filtering(root, page_rounds)
    result = common.Result("search", "Search as you type",
                           f"python scripts/bench.py search --size {size} --rounds {rounds}", size)
    result.rows = _rows(measured, page)
    box, lst, hits, matches = (measured[k] for k in ("box", "list", "hits", "matches"))
    rows = [[f"`{q}`", str(hits[q]), f"{common.median(box[q]):.1f}", f"{max(box[q]):.1f}",
             f"{matches[q]:,}", f"{common.median(lst[q]):.1f}", f"{max(lst[q]):.1f}",
             f"{common.median([w for w, _ in page[q]]):.0f}", f"{max(st for _, st in page[q]):.1f}"]
            for q in TYPED]
    result.notes.append(
        f"Each of the {len(TYPED)} queries below is run {rounds} times in turn (every keystroke of "
        "a word is its own query, as the box fires on each). p95 is over all runs of all queries, "
        "the first (coldest) pass included. The list filter is what the contacts list does for the "
        "same text: `count(ListQuery(search=...))` then `page(query, 0, 100)` sorted by name.")
    result.notes.append(
        f"*List page*: the same queries typed in turn into the filter of a shown `ContactsPage` "
        f"(offscreen, 1280×800), {page_rounds} passes. The page counts and reads the first rows on a "
        "worker thread; the time runs from the filter being applied (what the box does once typing "
        "pauses) to the end of the first paint after the model's reset. The *stall* is the largest "
        f"gap between ticks of a {bench_list.TICK_MS} ms timer on the UI thread over that time: "
        "how long the window could not react (it includes painting the new rows).")
    result.notes.append(common.md_table(
        ["query", "box hits", "box median ms", "box max ms", "list matches", "list median ms",
         "list max ms", "page median ms", "page max stall ms"], rows))
    result.notes.append("Query plans of the list filter (`EXPLAIN QUERY PLAN`):\n\n" + "\n".join(
        f"- `{q}` {line}" for q, lines in measured["plans"].items() for line in lines))
    result.print()
    print(common.text_table(["query", "hits", "box med", "box max", "matches", "list med", "list max",
                             "page med", "page stall"], [[c.strip("`") for c in row] for row in rows]))
    return result
