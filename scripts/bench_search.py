"""Search as you type: the global search box and the contacts list filter, per keystroke."""

from __future__ import annotations

import time

import bench_common as common
import bench_gen

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
    from crm_desktop.storage.contacts import LIST_COLUMNS, SORT_SQL, list_where

    where, params = list_where(ListQuery(search=text))
    db = services.ctx.storage.database.db
    out = []
    for label, sql, args in (
        # A search alone is counted in the index (ContactStore.count); with other filters, so:
        ("count", "SELECT count(*) FROM contact_fts WHERE contact_fts MATCH ?", params),
        ("count with a filter", f"SELECT count(*) FROM contact WHERE {where} AND owner_id = ?", [*params, 1]),
        ("page", f"SELECT {', '.join(LIST_COLUMNS)} FROM contact WHERE {where} "
                 f"ORDER BY {SORT_SQL['name']} ASC, id ASC LIMIT ? OFFSET ?", [*params, 100, 0]),
    ):
        plan = db.execute_sql(f"EXPLAIN QUERY PLAN {sql}", args).fetchall()
        out.append(f"{label}: " + "; ".join(row[-1] for row in plan))
    return out


def run(size: str = "1m", rounds: int = 15) -> common.Result:
    from crm_desktop.core.query import ListQuery
    from crm_desktop.services import Services

    root = bench_gen.ensure(size)
    t_open, services = _time_ms(lambda: Services.open(root, fallback_region="US"))
    box: dict[str, list[float]] = {q: [] for q in TYPED}
    lst: dict[str, list[float]] = {q: [] for q in TYPED}
    hits: dict[str, int] = {}
    matches: dict[str, int] = {}
    try:
        for r in range(rounds):
            for q in TYPED:
                ms, found = _time_ms(lambda q=q: services.search.search(q, 20))
                box[q].append(ms)
                hits[q] = len(found)
                query = ListQuery(search=q)

                def list_filter(query=query):
                    n = services.contacts.count(query)
                    services.contacts.page(query, 0, 100)
                    return n

                ms, n = _time_ms(list_filter)
                lst[q].append(ms)
                matches[q] = n
            if r == 0:
                print(f"  first pass: box max {max(v[0] for v in box.values()):.1f} ms, "
                      f"list max {max(v[0] for v in lst.values()):.1f} ms")
        plans = {q: query_plans(services, q) for q in ("a", "张伟", "1381")}
    finally:
        services.close()

    def flat(d, skip_first=False):
        return [ms for v in d.values() for ms in (v[1:] if skip_first else v)]

    n = rounds * len(TYPED)
    box_all, lst_all = flat(box), flat(lst)
    result = common.Result("search", "Search as you type",
                           f"python scripts/bench.py search --size {size} --rounds {rounds}", size)
    p95_box, p95_list = common.percentile(box_all, 95), common.percentile(lst_all, 95)
    result.rows = [
        common.Row("search box: search(text, 20)", n, common.median(box_all), "ms",
                   f"p95 ≤ {TARGET_MS:.0f} ms", p95_box <= TARGET_MS, p95_box),
        common.Row("list filter: count + page(0, 100)", n, common.median(lst_all), "ms",
                   f"p95 ≤ {TARGET_MS:.0f} ms", p95_list <= TARGET_MS, p95_list),
        common.Row("search box, first pass only", len(TYPED), common.median([v[0] for v in box.values()]),
                   "ms", p95=common.percentile([v[0] for v in box.values()], 95)),
        common.Row("list filter, first pass only", len(TYPED), common.median([v[0] for v in lst.values()]),
                   "ms", p95=common.percentile([v[0] for v in lst.values()], 95)),
        common.Row("Services.open (not part of the target)", 1, t_open, "ms"),
    ]
    rows = [[f"`{q}`", str(hits[q]), f"{common.median(box[q]):.1f}", f"{max(box[q]):.1f}",
             f"{matches[q]:,}", f"{common.median(lst[q]):.1f}", f"{max(lst[q]):.1f}"] for q in TYPED]
    result.notes.append(
        f"Each of the {len(TYPED)} queries below is run {rounds} times in turn (every keystroke of "
        "a word is its own query, as the box fires on each). p95 is over all runs of all queries, "
        "the first (coldest) pass included. The list filter is what the contacts list does for the "
        "same text: `count(ListQuery(search=...))` then `page(query, 0, 100)` sorted by name.")
    result.notes.append(common.md_table(
        ["query", "box hits", "box median ms", "box max ms", "list matches", "list median ms",
         "list max ms"], rows))
    result.notes.append("Query plans of the list filter (`EXPLAIN QUERY PLAN`):\n\n" + "\n".join(
        f"- `{q}` {line}" for q, lines in plans.items() for line in lines))
    result.print()
    print(common.text_table(["query", "hits", "box med", "box max", "matches", "list med", "list max"],
                            [[c.strip("`") for c in row] for row in rows]))
    return result
