"""The customer page driven through its widgets: header, timeline, quick actions and tabs."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt
from PySide6.QtWidgets import QMessageBox, QTableWidgetItem

from crm_desktop.core.activities import ActivityDraft
from crm_desktop.core.customer import Target
from crm_desktop.core.orders import OrderDraft, OrderLineDraft
from crm_desktop.core.records import Channel, CompanyDraft, ContactDraft
from crm_desktop.ui.customer import page as page_module
from crm_desktop.ui.customer.dialogs import ActivityDialog, CaseDialog, OrderDialog, PaymentDialog
from crm_desktop.ui.customer.page import CustomerPage
from crm_desktop.ui.customer.timeline_model import ENTRY_ROLE, TimelineModel


@pytest.fixture
def people(services):
    acme = services.companies.create(CompanyDraft(name="Acme"))
    ann = services.contacts.create(ContactDraft(given_name="Ann", family_name="Lee", title="Buyer",
                                                company_id=acme, emails=[Channel("ann@acme.test", "work")],
                                                phones=[Channel("+1 415 555 0100", "mobile")], tags=["vip"]))
    bob = services.contacts.create(ContactDraft(given_name="Bob", family_name="Ray", company_id=acme))
    return acme, ann, bob


@pytest.fixture
def make_page(qtbot, services, bridge):
    made = []

    def make(kind: str, record_id: int) -> CustomerPage:
        page = CustomerPage(services, bridge, Target(kind, record_id))
        qtbot.addWidget(page)
        page.resize(1200, 800)
        page.show()
        made.append(page)
        return page

    yield make
    for page in made:
        page.detach()


def titles(page: CustomerPage) -> list[str]:
    model = page.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_the_timeline_model_passes_the_model_tester(qtmodeltester, services, people):
    _, ann, _ = people
    for i in range(250):
        services.activities.log(ActivityDraft("note", subject=f"n{i}", contact_id=ann,
                                              occurred_at=dt.datetime(2024, 1, 1) + dt.timedelta(hours=i)))
    model = TimelineModel(services, Target("contact", ann))
    qtmodeltester.check(model)
    assert model.rowCount() == 250
    assert model.index(249, 0).data() == "n0" and model.index(0, 0).data() == "n249"


def test_header_shows_who_and_the_key_figures(make_page, services, people):
    _, ann, _ = people
    order = services.orders.create(OrderDraft(dt.datetime(2024, 3, 1), [OrderLineDraft("Kit", 2, 10_00)],
                                              currency="USD", contact_id=ann))
    services.orders.record_payment(order, 5_00)
    services.activities.log(ActivityDraft("call", contact_id=ann))
    page = make_page("contact", ann)
    header = page.header
    assert header.name.text() == "Ann Lee"
    assert "Buyer" in header.subtitle.text() and 'href="company:' in header.subtitle.text()
    assert "mailto:ann@acme.test" in header.channels.text() and "tel:" in header.channels.text()
    assert header.tags.tags() == ["vip"]
    assert header.figures["balance"].value.text() == "USD 15.00"
    assert header.figures["revenue"].value.text() == "USD 5.00"
    assert header.figures["last"].value.text().endswith("(today)")
    assert header.figures["score"].isHidden()


def test_logging_a_call_with_rich_text_puts_it_on_top_of_the_timeline(qtbot, make_page, services, people):
    _, ann, _ = people
    page = make_page("contact", ann)
    dialog = ActivityDialog(services, page.target, page, kind="call")
    qtbot.addWidget(dialog)
    dialog.subject.setText("Pricing")
    dialog.duration.setValue(12)
    dialog.outcome.setCurrentText("Interested")
    dialog.body.editor.setPlainText("wants the big plan")
    dialog.body.editor.selectAll()
    dialog.body.bold_action.trigger()
    dialog.body._on_bullets_triggered()
    assert dialog.save()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    entry = page.model.index(0, 0).data(ENTRY_ROLE)
    assert (entry.kind, entry.title, entry.outcome) == ("call", "Pricing", "Interested")
    assert entry.duration_s == 720
    assert "font-weight" in entry.body and "<ul" in entry.body
    assert "12 minutes" in page.model.summary(entry)


def test_filter_search_and_jump_to_a_date(qtbot, make_page, services, people):
    _, ann, _ = people
    start = dt.datetime(2024, 1, 1, 12)
    for day in range(40):
        kind = "call" if day % 2 else "email"
        services.activities.log(ActivityDraft(kind, subject=f"{kind} {day}", contact_id=ann,
                                              occurred_at=start + dt.timedelta(days=day)))
    page = make_page("contact", ann)
    pane = page.timeline
    pane.kind_filter.setCurrentIndex(pane.kind_filter.findData("call"))
    assert page.model.rowCount() == 20 and titles(page)[0] == "call 39"
    pane.kind_filter.setCurrentIndex(0)
    pane.search.setText("email 12")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert titles(page) == ["email 12"]
    pane.search.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 40)
    pane.jump_date.setDate(QDate(2024, 1, 11))
    pane.jump_button.click()
    assert pane.view.currentIndex().data() == "email 10"


def test_a_pinned_note_stays_on_top_and_delete_goes_to_the_trash_with_undo(qtbot, make_page, services,
                                                                           people):
    _, ann, _ = people
    note = services.activities.log(ActivityDraft("note", subject="Always call after 10",
                                                 occurred_at=dt.datetime(2020, 1, 1), contact_id=ann))
    services.activities.log(ActivityDraft("call", subject="latest", contact_id=ann))
    page = make_page("contact", ann)
    assert titles(page) == ["latest", "Always call after 10"]
    services.activities.set_pinned(note, True)
    qtbot.waitUntil(lambda: titles(page) == ["Always call after 10", "latest"])
    page.timeline.view.setCurrentIndex(page.model.index(1, 0))
    page.timeline.view.setFocus()
    qtbot.keyClick(page.timeline.view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: titles(page) == ["Always call after 10"])
    assert page.undo_action.isVisible()
    page.undo_action.trigger()
    qtbot.waitUntil(lambda: titles(page) == ["Always call after 10", "latest"])


def test_an_order_with_lines_then_a_payment_shows_in_the_orders_tab(qtbot, make_page, services, people):
    _, ann, _ = people
    page = make_page("contact", ann)
    dialog = OrderDialog(services, page.target, page)
    qtbot.addWidget(dialog)
    dialog.currency.setCurrentText("EUR")
    for column, text in enumerate(("W-1", "Widget", "3", "12.50")):
        dialog.lines.setItem(0, column, QTableWidgetItem(text))
    assert dialog.total_label.text() == "Total: EUR 37.50"
    dialog.invoice.setChecked(True)
    dialog.due.setDateTime(QDateTime.currentDateTime().addDays(14))
    assert dialog.save()
    page.tabs.setCurrentWidget(page.orders_panel)
    qtbot.waitUntil(lambda: page.orders_panel.tree.topLevelItemCount() == 1)
    item = page.orders_panel.tree.topLevelItem(0)
    assert [item.text(c) for c in (3, 4, 6)] == ["Open", "EUR 37.50", "EUR 37.50"]
    assert item.child(0).text(0) == "W-1 — Widget:  3 × EUR 12.50 = EUR 37.50"
    payment = PaymentDialog(services, page.target, page, order_id=dialog.saved_id)
    qtbot.addWidget(payment)
    assert payment.amount.value() == 37.5
    payment.amount.setValue(30)
    assert payment.save()
    qtbot.waitUntil(lambda: page.orders_panel.tree.topLevelItem(0).text(6) == "EUR 7.50")
    assert page.orders_panel.summary.text() == "Outstanding balance: EUR 7.50"
    assert page.header.figures["balance"].value.text() == "EUR 7.50"


def test_an_order_without_lines_is_refused_with_a_clear_message(qtbot, make_page, services, people):
    _, ann, _ = people
    page = make_page("contact", ann)
    dialog = OrderDialog(services, page.target, page)
    qtbot.addWidget(dialog)
    assert not dialog.save()
    assert dialog.error_label.text() == "Add at least one line with a product or description."
    assert services.orders.for_target(page.target) == []


def test_a_service_case_moves_from_open_to_resolved(qtbot, make_page, services, people):
    _, ann, _ = people
    page = make_page("contact", ann)
    dialog = CaseDialog(services, page.target, page)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("complaint"))
    dialog.subject.setText("Arrived broken")
    dialog.priority.setCurrentIndex(2)
    assert dialog.save()
    panel = page.cases_panel
    page.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() == 1)
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    assert panel.start_button.isEnabled() and not panel.reopen_button.isEnabled()
    panel.start_button.click()
    qtbot.waitUntil(lambda: panel.tree.topLevelItem(0).text(3) == "In progress")
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    panel.resolve_button.click()
    qtbot.waitUntil(lambda: panel.tree.topLevelItem(0).text(3) == "Resolved")
    assert [e.kind for e in services.timeline.page(page.target, page.model.query, 0, 10)] == [
        "case_resolved", "case"]
    assert panel.tree.topLevelItem(0).text(2) == "Urgent"
    case_id = services.cases.for_target(page.target)[0].id
    services.cases.reply(case_id, ActivityDraft("email", subject="Replacement sent"))
    qtbot.waitUntil(lambda: panel.tree.topLevelItem(0).childCount() == 1)
    assert panel.tree.topLevelItem(0).child(0).text(0).endswith("E-mail  ·  Replacement sent")


def test_files_attach_open_and_refuse_what_is_too_large(qtbot, make_page, services, people, tmp_path,
                                                        monkeypatch):
    _, ann, _ = people
    page = make_page("contact", ann)
    doc = tmp_path / "contract.pdf"
    doc.write_bytes(b"%PDF contract")
    assert page.attach_file(str(doc)) is not None
    panel = page.files_panel
    page.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() == 1)
    opened = []
    monkeypatch.setattr(page_module.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    panel.open_button.click()
    assert opened and opened[0].endswith("/contract.pdf")
    warned = []
    monkeypatch.setattr(page_module.QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    services.attachments.limit_bytes = 5
    assert page.attach_file(str(doc)) is None
    assert warned == [f"The file {doc} is larger than 5 bytes, the most that can be attached."]
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    panel.delete_button.click()
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() == 0)
    panel.undo_button.click()
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() == 1)


def test_details_are_edited_in_place_validated_and_undone(qtbot, make_page, services, people):
    _, ann, _ = people
    page = make_page("contact", ann)
    details = page.details_panel
    page.tabs.setCurrentWidget(details)
    assert details.editors["title"].text() == "Buyer" and not details.save_button.isEnabled()
    qtbot.keyClicks(details.editors["email"], "@@")
    assert details.save_button.isEnabled()
    assert not details.save()
    assert details.errors["email"].isVisibleTo(details)
    assert services.contacts.get(ann).data.emails[0].value == "ann@acme.test"  # nothing saved
    details.load()
    details.editors["title"].setText("Head of buying")
    details._on_editor_changed()
    assert details.save()
    qtbot.waitUntil(lambda: "Head of buying" in page.header.subtitle.text())
    assert services.contacts.get(ann).data.title == "Head of buying"
    details.undo_button.click()
    assert services.contacts.get(ann).data.title == "Buyer"
    qtbot.waitUntil(lambda: [e.kind for e in services.timeline.page(page.target, page.model.query, 0, 5)]
                    == ["change", "change"])


def test_details_change_the_owner_and_refuse_a_bad_birthday(qtbot, make_page, services, people):
    _, ann, _ = people
    other = services.lookups.create_user("Sam Lee")
    page = make_page("contact", ann)
    details = page.details_panel
    details.editors["birthday"].setText("1990-13-45")
    assert not details.save()
    assert details.errors["birthday"].text() == "Enter the date as YYYY-MM-DD, e.g. 1990-05-17."
    details.editors["birthday"].setText("1990-05-17")
    details.owner.setCurrentIndex(details.owner.findData(other))
    assert details.save()
    saved = services.contacts.get(ann).data
    assert (saved.birthday.isoformat(), saved.owner_id) == ("1990-05-17", other)
    qtbot.waitUntil(lambda: "Owner: Sam Lee" in page.header.subtitle.text())


def test_a_photo_replaces_the_initials_and_can_be_removed(qtbot, make_page, services, people, tmp_path,
                                                          monkeypatch):
    from PySide6.QtGui import QColor, QImage

    _, ann, _ = people
    page = make_page("contact", ann)
    assert not page.header.has_photo
    picture = QImage(40, 40, QImage.Format.Format_RGB32)
    picture.fill(QColor("#ff8800"))
    path = tmp_path / "ann.png"
    assert picture.save(str(path))
    assert page.choose_photo(str(path)) is not None
    qtbot.waitUntil(lambda: page.header.has_photo)
    assert page.header.remove_photo_action.isEnabled()
    warned = []
    monkeypatch.setattr(page_module.QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    notes = tmp_path / "notes.txt"
    notes.write_text("not a picture")
    assert page.choose_photo(str(notes)) is None
    assert warned == [f"{notes} is not a picture. Choose a PNG, JPEG or similar image."]
    page.header.remove_photo_action.trigger()
    qtbot.waitUntil(lambda: not page.header.has_photo)


def test_tags_are_added_and_removed_in_the_header(qtbot, make_page, services, people):
    _, ann, _ = people
    page = make_page("contact", ann)
    tags = page.header.tags
    tags.input.setText("partner")
    qtbot.keyClick(tags.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.header.tags.tags() == ["partner", "vip"])
    assert services.contacts.get(ann).data.tags == ["partner", "vip"]
    tags.tag_removed.emit("vip")
    qtbot.waitUntil(lambda: page.header.tags.tags() == ["partner"])


def test_email_and_phone_links_open_the_programs_and_log(make_page, people, monkeypatch):
    _, ann, _ = people
    page = make_page("contact", ann)
    urls, logged = [], []
    monkeypatch.setattr(page_module.QDesktopServices, "openUrl", lambda url: urls.append(url.toString()))
    monkeypatch.setattr(page_module.QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(ActivityDialog, "ask", classmethod(
        lambda cls, parent, services, target, **kw: logged.append((target, kw)) or 1))
    page.header._on_link_activated("mailto:ann@acme.test")
    page.header._on_link_activated("tel:+1 415 555 0100")
    assert urls == ["mailto:ann@acme.test", "tel:+14155550100"]
    assert logged == [(page.target, {"kind": "email"}), (page.target, {"kind": "call", "timed": True})]


def test_the_company_page_gathers_its_people_and_their_timelines(qtbot, make_page, services, people):
    acme, ann, bob = people
    services.activities.log(ActivityDraft("call", subject="Ann's call", contact_id=ann))
    services.activities.log(ActivityDraft("email", subject="Bob's mail", contact_id=bob,
                                          occurred_at=dt.datetime(2023, 1, 1)))
    page = make_page("company", acme)
    people_tab = page.people_panel
    assert page.tabs.currentWidget() is people_tab
    tree = page.people_panel.tree
    names = sorted(tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount()))
    assert names == ["Ann Lee", "Bob Ray"]
    assert titles(page) == ["Ann's call", "Bob's mail"]
    with qtbot.waitSignal(page.open_requested) as blocker:
        page.people_panel.person_requested.emit(bob)
    assert blocker.args == [Target("contact", bob)]


def test_quick_actions_have_keyboard_shortcuts(make_page, people):
    _, ann, _ = people
    page = make_page("contact", ann)
    keys = {a.text(): a.shortcut().toString() for a in page.actions_bar.actions() if a.text()}
    assert keys["Log call"] == "Ctrl+Alt+C" and keys["Add note"] == "Ctrl+Alt+N"
    assert keys["Add order"] == "Ctrl+Alt+O" and keys["Attach file"] == "Ctrl+Alt+A"


def test_follow_up_and_deal_quick_actions_open_their_dialogs_for_this_customer(make_page, people,
                                                                              monkeypatch):
    from crm_desktop.ui.pipeline.dialogs import DealDialog
    from crm_desktop.ui.reminders.task_dialog import TaskDialog

    acme, ann, _ = people
    asked = []
    for name, dialog in (("task", TaskDialog), ("deal", DealDialog)):
        monkeypatch.setattr(dialog, "ask", classmethod(
            lambda cls, parent, svc, name=name, **kw: asked.append((name, kw))))
    person = make_page("contact", ann)
    assert person.task_action.isEnabled() and person.deal_action.isEnabled()
    person.task_action.trigger()
    person.deal_action.trigger()
    make_page("company", acme).deal_action.trigger()
    assert asked == [("task", {"contact_id": ann}), ("deal", {"contact_id": ann}),
                     ("deal", {"company_id": acme})]


def test_a_relationship_is_found_by_name_and_shows_among_related_people(qtbot, make_page, services, people):
    from crm_desktop.ui.customer.dialogs import RelationshipDialog

    _, ann, _ = people
    boss = services.contacts.create(ContactDraft(given_name="Grace", family_name="Hopper"))
    page = make_page("contact", ann)
    dialog = RelationshipDialog(services, page.target, page)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("reports_to"))
    dialog.search.setText("hopper")
    assert dialog.hits.count() == 1
    assert dialog.save()
    panel = page.people_panel
    page.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() == 2)
    rows = [(panel.tree.topLevelItem(i).text(0), panel.tree.topLevelItem(i).text(1)) for i in range(2)]
    assert rows == [("Grace Hopper", "Reports to"), ("Bob Ray", "Colleague")]
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    assert panel.remove_button.isEnabled()
    panel.remove_button.click()
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() == 1)
    assert boss not in {p.id for p in services.relationships.related(ann) if p.relation != "colleague"}


def test_double_clicking_a_logged_call_edits_it(qtbot, make_page, services, people, monkeypatch):
    _, ann, _ = people
    call = services.activities.log(ActivityDraft("call", subject="first try", body="<p>no answer</p>",
                                                 duration_s=120, contact_id=ann))
    page = make_page("contact", ann)
    dialog = ActivityDialog(services, page.target, page, activity_id=call)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Edit activity"
    assert (dialog.subject.text(), dialog.duration.value()) == ("first try", 2)
    assert "no answer" in dialog.body.editor.toPlainText()
    dialog.subject.setText("Reached her")
    dialog.duration.setValue(9)
    assert dialog.save()
    qtbot.waitUntil(lambda: titles(page) == ["Reached her"])
    edited = services.activities.get(call)
    assert (edited.kind, edited.duration_s, edited.contact_id) == ("call", 540, ann)
    opened = []
    monkeypatch.setattr(ActivityDialog, "ask", classmethod(lambda cls, *a, **kw: opened.append(kw)))
    page.timeline.view.activated.emit(page.model.index(0, 0))
    assert opened == [{"activity_id": call}]


def test_a_large_file_is_copied_off_the_ui_thread_and_can_be_cancelled(qtbot, make_page, services, people,
                                                                       tmp_path, monkeypatch):
    from crm_desktop.ui.customer.jobs import BackgroundAttach

    _, ann, _ = people
    page = make_page("contact", ann)
    page.BACKGROUND_BYTES = 1024
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"x" * (2 * 1024 * 1024))
    with qtbot.waitSignal(page.status_posted, timeout=10_000) as done:
        assert page.attach_file(str(scan)) is None
    assert done.args == ["File attached."]
    assert [f.filename for f in services.attachments.for_target(page.target)] == ["scan.pdf"]
    monkeypatch.setattr(BackgroundAttach, "_report", lambda self, copied, total: False)
    with qtbot.waitSignal(page.status_posted, timeout=10_000) as stopped:
        page.attach_file(str(scan))
    assert stopped.args == ["Attaching cancelled."]
    assert len(services.attachments.for_target(page.target)) == 1


def test_the_deals_tab_names_default_stages_in_the_users_words(qtbot, make_page, services, people):
    _, ann, _ = people
    db = services.ctx.storage.database.db
    stage = db.execute_sql("SELECT id, key FROM stage WHERE key = 'lead' LIMIT 1").fetchone()
    if stage is None:
        pytest.skip("no default pipeline in this schema")
    db.execute_sql("UPDATE stage SET name = '' WHERE id = ?", (stage[0],))  # named by its key only
    db.execute_sql("INSERT INTO deal(title, stage_id, status, value_minor, currency, contact_id, uuid, "
                   "created_at, updated_at) VALUES ('Big one', ?, 'open', 5000, 'USD', ?, 'u-1', "
                   "'2024-01-01 00:00:00', '2024-01-01 00:00:00')", (stage[0], ann))
    page = make_page("contact", ann)
    page.tabs.setCurrentWidget(page.deals_panel)
    item = page.deals_panel.tree.topLevelItem(0)
    assert (item.text(0), item.text(1), item.text(3)) == ("Big one", "Lead", "USD 50.00")
    assert page.deals_panel.summary.text() == "1 deal"


def test_a_company_is_edited_in_its_details_and_the_change_is_on_its_timeline(qtbot, make_page, services,
                                                                              people):
    acme, _, _ = people
    page = make_page("company", acme)
    details = page.details_panel
    page.tabs.setCurrentWidget(details)
    assert details.editors["name"].text() == "Acme"
    details.editors["industry"].setText("Robotics")
    assert details.save()
    assert services.companies.get(acme).data.industry == "Robotics"
    qtbot.waitUntil(lambda: titles(page)[:1] == ["Industry changed"])
    assert "Robotics" in page.header.subtitle.text()


def test_custom_fields_are_edited_in_the_details_tab(make_page, services, people):
    _, ann, _ = people
    field = services.lookups.create_custom_field("contact", "Shoe size")
    page = make_page("contact", ann)
    details = page.details_panel
    assert field in details.custom and details.custom[field].text() == ""
    details.custom[field].setText("42")
    details._on_editor_changed()
    assert details.save()
    assert services.contacts.get(ann).data.custom[field] == "42"
    details.undo_button.click()
    assert services.contacts.get(ann).data.custom.get(field, "") == ""
