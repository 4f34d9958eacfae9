"""The people list's Score column: shown for every person, sorted in SQL, windowed like the rest."""

from __future__ import annotations

from PySide6.QtCore import Qt

from crm_desktop.core.query import ListQuery
from crm_desktop.core.records import ContactDraft
from crm_desktop.ui.contacts_page import ContactTableModel
from crm_desktop.ui.table_models import ID_ROLE, SORT_ROLE, read_rows


def _people(services, n: int = 30) -> list[int]:
    drafts = [ContactDraft(given_name=f"P{i:02}", tags=["customer"] if i % 3 == 0 else []) for i in range(n)]
    return [services.contacts.create(d) for d in drafts]


def test_far_pages_read_backwards_give_the_same_rows_by_score(services, qapp):
    ids = _people(services)
    services.scoring.recompute(ids[:24])  # the last six are not scored yet
    query = ListQuery(sort="score", descending=True)
    forward = [r[0] for r in services.contacts.page(query, 0, 100)]
    assert len(forward) == 30 and set(forward[-6:]) == set(ids[24:])
    for offset in range(30):
        for limit in (1, 5, 9):
            assert [r[0] for r in read_rows(services.contacts, query, 30, offset, limit)] == \
                forward[offset:offset + limit], (offset, limit)


def test_the_score_column_shows_and_sorts_scores(services, qtbot, qtmodeltester):
    ids = _people(services, 6)
    services.scoring.recompute()
    model = ContactTableModel(services)
    qtmodeltester.check(model)
    column = model.column_of("score")
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Score"
    assert model.is_sortable(column)
    with qtbot.waitSignal(model.modelReset):
        model.sort(column, Qt.SortOrder.DescendingOrder)
    shown = [(model.index(r, 0).data(ID_ROLE), model.index(r, column).data()) for r in range(6)]
    assert shown == [(i, "20") for i in sorted(ids[::3], reverse=True)] + \
        [(i, "0") for i in sorted(set(ids) - set(ids[::3]), reverse=True)]
    assert model.index(0, column).data(SORT_ROLE) == 20
    assert model.index(0, column).data(Qt.ItemDataRole.TextAlignmentRole) == \
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
