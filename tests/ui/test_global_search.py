"""The tool-bar search box finds people and companies as the user types."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from crm_desktop.core.records import Channel, CompanyDraft, ContactDraft
from crm_desktop.ui.global_search import ID_ROLE, KIND_ROLE, GlobalSearch


def _seed(services):
    acme = services.companies.create(CompanyDraft(name="Acme Trading"))
    zhang = services.contacts.create(ContactDraft(given_name="伟", family_name="张", company_id=acme,
                                                  emails=[Channel("zw@acme.example")]))
    alice = services.contacts.create(ContactDraft(given_name="Alice", family_name="Müller",
                                                  phones=[Channel("+1 415 555 0134")]))
    return acme, zhang, alice


def _results(box):
    model = box.results
    return [(model.index(r, 0).data(KIND_ROLE), model.index(r, 0).data(ID_ROLE))
            for r in range(model.rowCount())]


def test_typing_a_chinese_given_name_finds_the_person(qtbot, services):
    _, zhang, _ = _seed(services)
    box = GlobalSearch(services)
    qtbot.addWidget(box)
    box.show()
    # Chinese is typed through an input method, which commits the composed text.
    event = QInputMethodEvent("", [])
    event.setCommitString("伟")
    QApplication.sendEvent(box, event)
    qtbot.waitUntil(lambda: box.results.rowCount() > 0)
    assert _results(box) == [("contact", zhang)]


def test_company_word_finds_company_and_its_people(qtbot, services):
    acme, zhang, _ = _seed(services)
    box = GlobalSearch(services)
    qtbot.addWidget(box)
    box.run_search("acme")
    assert _results(box) == [("contact", zhang), ("company", acme)]


def test_enter_opens_the_first_hit_and_clears_the_box(qtbot, services):
    _, _, alice = _seed(services)
    box = GlobalSearch(services)
    qtbot.addWidget(box)
    box.show()
    qtbot.keyClicks(box, "mull")
    with qtbot.waitSignal(box.contact_chosen) as blocker:
        qtbot.keyClick(box, Qt.Key.Key_Return)
    assert blocker.args == [alice]
    assert box.text() == ""


def test_no_match_shows_a_disabled_hint(qtbot, services):
    _seed(services)
    box = GlobalSearch(services)
    qtbot.addWidget(box)
    box.run_search("zzzz")
    assert box.results.rowCount() == 1
    item = box.results.item(0)
    assert item.data(ID_ROLE) is None
    assert not item.isEnabled()


def test_phone_digits_find_the_person(qtbot, services):
    _, _, alice = _seed(services)
    box = GlobalSearch(services)
    qtbot.addWidget(box)
    box.run_search("415555")
    assert _results(box) == [("contact", alice)]
