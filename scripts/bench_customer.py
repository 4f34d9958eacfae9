"""The 360° customer page at its target sizes: first paint of a person's page, scrolling its
timeline to the end, and first paint of a company's page aggregated over its people.

Data (seeded, cached under bench-data/customer/): one person with 5,000 timeline entries
(4,430 activities, 200 orders, 150 payments, 100 files, 50 deals, 70 task events) and one
company of 200 people with 100 activities each (20,000 entries). Pages are built in this
process under QT_QPA_PLATFORM=offscreen, each run on freshly opened services.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
import time

import bench_common as common

PERSON_PAINT_MS = 150.0
SCROLL_MS = 100.0
COMPANY_PAINT_MS = 300.0
VERSION = 3  # 2: the timeline indexes cover deleted_at; 3: a person with nothing, the floor
DATA = common.BENCH_DATA / "customer"
START = dt.datetime(2022, 1, 1, 9, 0)


# -- data -----------------------------------------------------------------------------------
def _stamp(rng: random.Random) -> str:
    return str(START + dt.timedelta(minutes=rng.randint(0, 3 * 365 * 24 * 60)))


def _person_history(db, contact_id: int, rng: random.Random, activities: int, full: bool) -> None:
    from crm_desktop.storage.common import new_uuids

    kinds = ("call", "email", "meeting", "note")
    uuids = iter(new_uuids(activities + 1000))
    db.executemany(
        "INSERT INTO activity(uuid, kind, subject, body, outcome, occurred_at, duration_s, contact_id, "
        "owner_id, created_at, updated_at) VALUES (?, ?, ?, ?, '', ?, ?, ?, 1, ?, ?)",
        [(next(uuids), rng.choice(kinds), f"Subject {i}", f"<p>Talked about <b>item {i}</b></p>",
          (at := _stamp(rng)), 600, contact_id, at, at) for i in range(activities)])
    if not full:
        return
    for i in range(200):
        at = _stamp(rng)
        cur = db.execute("INSERT INTO sales_order(uuid, number, ordered_at, status, currency, contact_id, "
                         "created_at, updated_at) VALUES (?, ?, ?, 'open', 'CNY', ?, ?, ?)",
                         (next(uuids), f"SO-{i:05d}", at, contact_id, at, at))
        db.execute("INSERT INTO order_line(order_id, description, quantity, unit_price_minor) "
                   "VALUES (?, 'Widget', 2, 5000)", (cur.lastrowid,))
        if i < 150:
            db.execute("INSERT INTO payment(uuid, order_id, amount_minor, paid_at, created_at, updated_at) "
                       "VALUES (?, ?, 10000, ?, ?, ?)", (next(uuids), cur.lastrowid, at, at, at))
    for i in range(100):
        at = _stamp(rng)
        db.execute("INSERT INTO attachment(uuid, filename, sha256, size, contact_id, created_at, updated_at) "
                   "VALUES (?, ?, ?, 1000, ?, ?, ?)",
                   (next(uuids), f"file{i}.pdf", f"{i:064x}", contact_id, at, at))
    for i in range(50):
        at = _stamp(rng)
        db.execute("INSERT INTO deal(uuid, title, value_minor, currency, status, contact_id, created_at, "
                   "updated_at) VALUES (?, ?, 100000, 'CNY', ?, ?, ?, ?)",
                   (next(uuids), f"Deal {i}", "won" if i % 3 else "open", contact_id, at, at))
    for i in range(50):
        at = _stamp(rng)
        db.execute("INSERT INTO task(uuid, title, due_at, done_at, contact_id, created_at, updated_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)",
                   (next(uuids), f"Task {i}", at, at if i < 20 else None, contact_id, at, at))


def build(force: bool = False) -> dict:
    """The seeded database (reused while its manifest matches)."""
    manifest = DATA / "manifest.json"
    if manifest.exists() and not force:
        found = json.loads(manifest.read_text())
        if found.get("version") == VERSION:
            return found
    shutil.rmtree(DATA, ignore_errors=True)
    from crm_desktop.core.records import CompanyDraft, ContactDraft
    from crm_desktop.services import Services

    services = Services.open(DATA)
    person = services.contacts.create(ContactDraft(given_name="Bench", family_name="Person"))
    empty = services.contacts.create(ContactDraft(given_name="Empty", family_name="Person"))
    company = services.companies.create(CompanyDraft(name="Bench Company"))
    people = services.contacts.create_many(
        [ContactDraft(given_name=f"Member{i}", family_name="Bench", company_id=company) for i in range(200)])
    rng = random.Random(common.SEED)
    db = services.ctx.storage.database.db.connection()  # sqlite3, for executemany
    with services.ctx.write():
        _person_history(db, person, rng, 4430, full=True)
        for member in people:
            _person_history(db, member, rng, 100, full=False)
    counts = {"person": services.timeline.count(_target("contact", person)),
              "company": services.timeline.count(_target("company", company))}
    services.close()
    found = {"version": VERSION, "person": person, "empty": empty, "company": company, "entries": counts}
    manifest.write_text(json.dumps(found))
    return found


def _target(kind: str, record_id: int):
    from crm_desktop.core.customer import Target

    return Target(kind, record_id)


# -- measuring ------------------------------------------------------------------------------
def _open_page(app, kind: str, record_id: int) -> tuple[float, object, object]:
    """ms from nothing to the page painted on freshly opened services."""
    from crm_desktop.services import Services
    from crm_desktop.ui.application import wait_for_paint
    from crm_desktop.ui.bridge import ChangeBridge
    from crm_desktop.ui.customer.page import CustomerPage

    services = Services.open(DATA)
    bridge = ChangeBridge(services)
    began = time.perf_counter()
    page = CustomerPage(services, bridge, _target(kind, record_id))
    page.resize(1280, 800)
    page.show()
    wait_for_paint(page.timeline.view.viewport())
    elapsed = (time.perf_counter() - began) * 1000
    return elapsed, page, services


def _scroll_to_end(page) -> float:
    from crm_desktop.ui.application import wait_for_paint

    view = page.timeline.view
    began = time.perf_counter()
    view.scrollToBottom()
    wait_for_paint(view.viewport())
    elapsed = (time.perf_counter() - began) * 1000
    last = page.model.rowCount() - 1
    assert view.indexAt(view.viewport().rect().bottomLeft()).row() in (last, last - 1, -1)
    return elapsed


def _close(page, services) -> None:
    page.detach()
    page.close()
    page.deleteLater()
    services.close()


def _row(metric: str, values: list[float], target: float) -> common.Row:
    middle = common.median(values)
    return common.Row(metric, len(values), middle, "ms", f"≤ {target:.0f} ms", middle <= target,
                      common.percentile(values, 95))


def run(runs: int = 7) -> common.Result:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    data = build()
    app = QApplication.instance() or QApplication([])
    person_ms, scroll_ms, company_ms, floor_ms = [], [], [], []
    for _ in range(runs):
        ms, page, services = _open_page(app, "contact", data["empty"])
        floor_ms.append(ms)
        _close(page, services)
        ms, page, services = _open_page(app, "contact", data["person"])
        person_ms.append(ms)
        scroll_ms.append(_scroll_to_end(page))
        _close(page, services)
        ms, page, services = _open_page(app, "company", data["company"])
        company_ms.append(ms)
        _close(page, services)
        app.processEvents()
    entries = data["entries"]
    size = (f"person: {entries['person']:,} entries, 50 deals, 200 orders, 100 files; "
            f"company: 200 people, {entries['company']:,} entries")
    result = common.Result("customer", "Customer page (360° view)", "python scripts/bench.py customer", size)
    result.rows = [_row("person page, first paint", person_ms, PERSON_PAINT_MS),
                   _row("person timeline, scroll to the end", scroll_ms, SCROLL_MS),
                   _row("company page, first paint", company_ms, COMPANY_PAINT_MS),
                   common.Row("page of a person with nothing (floor)", runs, common.median(floor_ms), "ms",
                              p95=common.percentile(floor_ms, 95))]
    floor = common.median(floor_ms)
    person, company = common.median(person_ms) / floor, common.median(company_ms) / floor
    ratios = (f"Against the floor measured in the same run: person page {person:.2f}×, company page "
              f"{company:.2f}× the page of a person with nothing.")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    result.notes = [
        f"Load average of the machine when measured (1, 5, 15 min): {load} on {os.cpu_count()} cores.",
        ratios,
        "Each run opens the services afresh, builds the page (header and key figures, the timeline's "
        "count and first 100 entries) and waits for the timeline's first paint, after which the tab "
        "shown (Details, or People on a company) fills in; "
        "the first run of each is included in the median. Scrolling reads the last page of the "
        "timeline (the customer's entries sorted in SQL the other way round, so the sorter keeps "
        "one page) and paints it. Tabs other than the one shown are built when first opened.",
    ]
    result.print()
    return result
