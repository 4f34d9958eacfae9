"""Edit ▸ Undo / Redo (Ctrl+Z, Ctrl+Shift+Z) for what a customer's page and the reminders write:
activities logged, edited and pinned, tasks made, edited, done and snoozed, cases, orders, payments
and relationships; and a merge undone from the timeline that Ctrl+Z then says is undone already."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from undo_support import recorded_reports, redo, shown_window, trashed, undo, undo_text

from crm_desktop.core.activities import ActivityDraft
from crm_desktop.core.cases import CaseDraft
from crm_desktop.core.customer import Target
from crm_desktop.core.orders import OrderDraft, OrderLineDraft
from crm_desktop.core.records import Channel, ContactDraft
from crm_desktop.core.tasks import TaskDraft
from crm_desktop.ui.customer import dialogs as customer_dialogs
from crm_desktop.ui.main_window import PAGE_REMINDERS
from crm_desktop.ui.reminders import task_dialog
from crm_desktop.ui.undo import MergeCommand


@pytest.fixture
def window(qtbot, services):
    with shown_window(qtbot, services) as win:
        yield win


@pytest.fixture(autouse=True)
def reports(monkeypatch) -> list[tuple[str, str]]:
    return recorded_reports(monkeypatch)


@pytest.fixture
def ann(services) -> int:
    return services.contacts.create(ContactDraft(given_name="Ann", family_name="Lee"))


def saving(monkeypatch, cls, fill) -> None:
    """``cls``'s dialogs are filled by ``fill(dialog)`` and saved instead of being shown."""
    monkeypatch.setattr(cls, "exec", lambda self: fill(self) or self.save())


def person(window, contact_id: int):
    window.open_contact(contact_id)
    return window.customer_area.page


def test_a_logged_note_goes_to_the_trash_with_ctrl_z_and_comes_back(qtbot, window, services, ann,
                                                                    monkeypatch):
    saving(monkeypatch, customer_dialogs.ActivityDialog, lambda d: d.subject.setText("Met at the fair"))
    note = person(window, ann).log("note")
    assert undo_text(window) == "&Undo Log “Met at the fair”"
    undo(qtbot, window)
    assert trashed(services) == {("activity", note)}
    redo(qtbot, window)
    assert trashed(services) == set() and services.activities.get(note).subject == "Met at the fair"


def test_an_activity_edited_from_the_timeline_is_undone_unless_saved_since(qtbot, window, services, ann,
                                                                          reports, monkeypatch):
    note = services.activities.log(ActivityDraft("call", subject="Intro call", outcome="", contact_id=ann))
    saving(monkeypatch, customer_dialogs.ActivityDialog, lambda d: d.outcome.setCurrentText("Interested"))
    person(window, ann).edit_activity(note)
    assert services.activities.get(note).outcome == "Interested"
    assert undo_text(window) == "&Undo Edit “Intro call”"
    undo(qtbot, window)
    assert services.activities.get(note).outcome == ""
    redo(qtbot, window)
    assert services.activities.get(note).outcome == "Interested"
    current = services.activities.get(note)
    services.activities.update(note, ActivityDraft("call", subject="Intro call (moved)", outcome="Interested",
                                                   occurred_at=current.occurred_at))  # another window
    undo(qtbot, window)
    assert services.activities.get(note).subject == "Intro call (moved)"
    assert reports == [("Cannot undo", "Not undone: Edit “Intro call”.\n“Intro call (moved)” was changed "
                                       "elsewhere since, and that change is kept. Look at it and change it "
                                       "again by hand if needed.")]


def test_pinning_an_entry_is_undone(qtbot, window, services, ann):
    note = services.activities.log(ActivityDraft("note", subject="Prefers calls", contact_id=ann))
    person(window, ann).set_pinned(note, True)
    assert services.activities.get(note).pinned
    assert undo_text(window) == "&Undo Pin “Prefers calls”"
    undo(qtbot, window)
    assert not services.activities.get(note).pinned


def test_a_new_task_and_an_edited_task_are_undone(qtbot, window, services, ann, monkeypatch):
    saving(monkeypatch, task_dialog.TaskDialog, lambda d: d.title_edit.setText("Send the offer"))
    task = person(window, ann).schedule_task()
    assert undo_text(window) == "&Undo New task “Send the offer”"
    saving(monkeypatch, task_dialog.TaskDialog, lambda d: d.title_edit.setText("Send the signed offer"))
    window.show_page(PAGE_REMINDERS)
    monkeypatch.setattr(window.reminders_page, "current_id", lambda: task)
    window.reminders_page.edit_task()
    assert undo_text(window) == "&Undo Edit “Send the signed offer”"
    undo(qtbot, window)
    assert services.tasks.get(task).title == "Send the offer"
    undo(qtbot, window)
    assert trashed(services) == {("task", task)}
    redo(qtbot, window)
    redo(qtbot, window)
    assert services.tasks.get(task).title == "Send the signed offer"


def test_done_and_logged_on_the_reminders_page_is_undone_with_what_it_made(qtbot, window, services, ann,
                                                                          monkeypatch):
    task = services.tasks.create(TaskDraft("Weekly call", kind="call", due_at=services.ctx.clock.now(),
                                           recurrence="FREQ=WEEKLY", contact_id=ann))
    window.show_page(PAGE_REMINDERS)
    page = window.reminders_page
    monkeypatch.setattr(page, "current_id", lambda: task)
    page.mark_done_and_log()
    assert services.tasks.get(task).done_at is not None
    assert undo_text(window) == "&Undo Mark “Weekly call” as done"
    undo(qtbot, window)
    assert services.tasks.get(task).done_at is None
    assert {kind for kind, _id in trashed(services)} == {"task", "activity"}  # next one, the call logged
    redo(qtbot, window)
    assert services.tasks.get(task).done_at is not None and trashed(services) == set()


def test_a_snooze_from_the_reminders_page_is_undone(qtbot, window, services, ann, monkeypatch):
    due = services.ctx.clock.now() + dt.timedelta(hours=2)
    task = services.tasks.create(TaskDraft("Call Ann", due_at=due, contact_id=ann))
    remind_at = services.tasks.get(task).remind_at
    window.show_page(PAGE_REMINDERS)
    page = window.reminders_page
    monkeypatch.setattr(page, "current_id", lambda: task)
    hour = next(a for a in page.snooze_button.menu().actions() if a.text() == "1 hour")
    hour.trigger()
    assert services.tasks.get(task).snoozed_until is not None
    assert undo_text(window) == "&Undo Snooze “Call Ann”"
    undo(qtbot, window)
    assert (services.tasks.get(task).snoozed_until, services.tasks.get(task).remind_at) == (None, remind_at)


def test_a_case_opened_and_resolved_is_undone_step_by_step(qtbot, window, services, ann, monkeypatch):
    saving(monkeypatch, customer_dialogs.CaseDialog, lambda d: d.subject.setText("Broken screen"))
    page = person(window, ann)
    case = page.open_case()
    assert undo_text(window) == "&Undo Open case “Broken screen”"
    panel = page.cases_panel
    panel.reload()
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    panel.resolve_button.click()
    assert services.cases.get(case).status == "resolved"
    assert undo_text(window) == "&Undo Mark “Broken screen” as Resolved"
    undo(qtbot, window)
    assert services.cases.get(case).status == "open"
    undo(qtbot, window)
    assert trashed(services) == {("case", case)} and services.cases.for_target(Target("contact", ann)) == []
    redo(qtbot, window)
    assert [c.id for c in services.cases.for_target(Target("contact", ann))] == [case]


def test_a_case_moved_elsewhere_since_keeps_its_status(qtbot, window, services, ann, reports):
    case = services.cases.open(CaseDraft("Broken screen", contact_id=ann))
    panel = person(window, ann).cases_panel
    panel.reload()
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    panel.start_button.click()
    services.cases.set_status(case, "resolved")  # another window
    undo(qtbot, window)
    assert services.cases.get(case).status == "resolved"
    assert reports[0][0] == "Cannot undo" and "changed elsewhere" in reports[0][1]


def test_an_order_its_payment_and_its_cancelling_are_undone(qtbot, window, services, ann, monkeypatch):
    lines = [OrderLineDraft("Licence", 1, 10_000)]
    order = services.orders.create(OrderDraft(services.ctx.clock.now(), lines, currency="EUR",
                                              contact_id=ann))
    number = services.orders.get(order).number
    page = person(window, ann)
    saving(monkeypatch, customer_dialogs.PaymentDialog, lambda d: None)
    page.record_payment(order)
    assert services.orders.get(order).status == "paid"
    assert undo_text(window) == f"&Undo Payment on {number}"
    panel = page.orders_panel
    panel.reload()
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    panel.cancel_button.click()
    assert services.orders.get(order).status == "cancelled"
    assert undo_text(window) == f"&Undo Mark {number} as Cancelled"
    undo(qtbot, window)
    assert services.orders.get(order).status == "paid"
    undo(qtbot, window)
    assert (services.orders.get(order).status, services.orders.get(order).paid_minor) == ("open", 0)
    saving(monkeypatch, customer_dialogs.OrderDialog, lambda d: d.add_line("Support", "", "1", "50"))
    made = page.add_order()
    assert undo_text(window) == f"&Undo New order {services.orders.get(made).number}"
    undo(qtbot, window)
    assert [o.id for o in services.orders.for_target(Target("contact", ann))] == [order]


def test_a_relationship_added_and_removed_is_undone(qtbot, window, services, ann, monkeypatch):
    bob = services.contacts.create(ContactDraft(given_name="Bob", family_name="Stone"))

    def find_bob(dialog):
        dialog.search.setText("Bob")
        qtbot.waitUntil(lambda: dialog.hits.count() == 1)

    saving(monkeypatch, customer_dialogs.RelationshipDialog, find_bob)
    page = person(window, ann)
    page.add_relationship()
    assert [p.id for p in services.relationships.related(ann)] == [bob]
    assert undo_text(window) == "&Undo Relate Bob Stone"
    panel = page.people_panel
    panel.reload()
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    panel.remove_button.click()
    assert services.relationships.related(ann) == []
    assert undo_text(window) == "&Undo Remove the relationship with Bob Stone"
    undo(qtbot, window)
    assert [p.id for p in services.relationships.related(ann)] == [bob]
    undo(qtbot, window)
    assert services.relationships.related(ann) == []
    redo(qtbot, window)
    assert [p.id for p in services.relationships.related(ann)] == [bob]


def test_a_merge_undone_from_the_timeline_is_not_undone_twice(qtbot, window, services, reports, monkeypatch):
    from crm_desktop.ui.duplicates import timeline_undo

    john = services.contacts.create(ContactDraft(given_name="John", family_name="Smith",
                                                 emails=[Channel("john@acme.com")]))
    jon = services.contacts.create(ContactDraft(given_name="Jon", family_name="Smith", city="Oslo"))
    merge_id = services.merges.merge("contact", john, jon)
    window.undo_history.record(MergeCommand(services, merge_id, "Merge “Jon Smith” into “John Smith”"))
    page = person(window, john)
    monkeypatch.setattr(timeline_undo, "confirm", lambda parent, name: True)
    assert timeline_undo.undo_merge(page, services, services.merges.history("contact", john)[0])
    assert services.contacts.exists(jon)
    assert undo_text(window) == "&Undo Merge “Jon Smith” into “John Smith” (already undone)"
    undo(qtbot, window)
    assert services.contacts.exists(jon) and services.contacts.exists(john)
    assert reports == [("Already undone", "Not undone: Merge “Jon Smith” into “John Smith” (already undone)."
                                          "\nIt was already undone another way (from the record's timeline "
                                          "or the list of merges), so nothing was changed now.")]
    assert not window.undo_history.undo_action.isEnabled()


def test_a_merge_undone_in_another_window_is_told_as_undone_already(qtbot, window, services, reports):
    john = services.contacts.create(ContactDraft(given_name="John", family_name="Smith"))
    jon = services.contacts.create(ContactDraft(given_name="Jon", family_name="Smith"))
    merge_id = services.merges.merge("contact", john, jon)
    window.undo_history.record(MergeCommand(services, merge_id, "Merge “Jon Smith” into “John Smith”"))
    services.merges.undo(merge_id)  # not through this window: its history is not told
    undo(qtbot, window)
    assert reports[0][0] == "Already undone"
    assert len(services.merges.history("contact", john)) == 1


def test_a_tag_renamed_in_the_settings_is_undone(qtbot, window, services):
    from crm_desktop.ui.manage_dialog import ManageDialog

    services.contacts.create(ContactDraft(given_name="Ann", tags=["VIP"]))
    dialog = ManageDialog(services, window)
    qtbot.addWidget(dialog)
    dialog.tags_tab.table.item(0, 0).setText("Key account")
    assert [t.name for t in services.lookups.tags()] == ["Key account"]
    dialog.close()
    assert undo_text(window) == "&Undo Change tag “Key account”"
    undo(qtbot, window)
    assert [t.name for t in services.lookups.tags()] == ["VIP"]
    redo(qtbot, window)
    assert [t.name for t in services.lookups.tags()] == ["Key account"]


def test_a_stage_changed_in_the_pipeline_settings_is_undone(qtbot, window, services):
    from crm_desktop.ui.pipeline.editor import PipelineEditor

    stage = services.pipelines.default().stages[1]
    editor = PipelineEditor(services, None, window)
    qtbot.addWidget(editor)
    editor.stages.item(1, 1).setText("35")
    assert services.pipelines.stage(stage.id).probability == 35
    editor.close()
    assert undo_text(window) == "&Undo Change stage “Qualified”"
    undo(qtbot, window)
    assert services.pipelines.stage(stage.id).probability == stage.probability


def test_a_file_attached_goes_to_the_trash_with_ctrl_z(qtbot, window, services, ann, tmp_path):
    doc = tmp_path / "offer.pdf"
    doc.write_bytes(b"%PDF-1.4 offer")
    file_id = person(window, ann).attach_file(str(doc))
    assert undo_text(window) == "&Undo Attach “offer.pdf”"
    undo(qtbot, window)
    assert trashed(services) == {("attachment", file_id)}
    redo(qtbot, window)
    assert trashed(services) == set()


def test_an_order_and_a_case_undone_are_in_the_trash(qtbot, window, services, ann, monkeypatch):
    saving(monkeypatch, customer_dialogs.CaseDialog, lambda d: d.subject.setText("Broken screen"))
    saving(monkeypatch, customer_dialogs.OrderDialog, lambda d: d.add_line("Support", "", "1", "50"))
    page = person(window, ann)
    case, order = page.open_case(), page.add_order()
    undo(qtbot, window)
    undo(qtbot, window)
    assert trashed(services) == {("order", order), ("case", case)}


def test_a_company_edited_on_its_page_is_undone(qtbot, window, services):
    from crm_desktop.core.records import CompanyDraft

    acme = services.companies.create(CompanyDraft(name="Acme", city="Berlin"))
    window.open_company(acme)
    details = window.customer_area.page.details_panel
    details.load()
    details.editors["city"].setText("Hamburg")
    details._set_dirty(True)
    assert details.save()
    assert undo_text(window) == "&Undo Edit “Acme”"
    undo(qtbot, window)
    assert services.companies.get(acme).data.city == "Berlin"


def test_an_owner_renamed_in_the_settings_and_a_pipeline_renamed_are_undone(qtbot, window, services,
                                                                           monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from crm_desktop.ui.manage_dialog import ManageDialog
    from crm_desktop.ui.pipeline.editor import PipelineEditor

    bob = services.lookups.create_user("Bob")
    dialog = ManageDialog(services, window)
    qtbot.addWidget(dialog)
    table = dialog.owners_tab.table
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "Bob")
    table.item(row, 0).setText("Robert")
    dialog.close()
    assert undo_text(window) == "&Undo Change owner “Robert”"
    pipeline = services.pipelines.create("Renewals")
    editor = PipelineEditor(services, pipeline, window)
    qtbot.addWidget(editor)
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("Upsell", True))
    editor.rename_pipeline()
    editor.close()
    assert undo_text(window) == "&Undo Rename “Renewals” to “Upsell”"
    undo(qtbot, window)
    assert services.pipelines.get(pipeline).name == "Renewals"
    undo(qtbot, window)
    assert next(u.name for u in services.lookups.users() if u.id == bob) == "Bob"


def test_a_photo_chosen_and_removed_on_the_page_is_undone(qtbot, window, services, ann, tmp_path):
    photo = tmp_path / "ann.png"
    photo.write_bytes(b"\x89PNG not really")
    page = person(window, ann)
    target = Target("contact", ann)
    chosen = page.choose_photo(str(photo))
    assert undo_text(window) == "&Undo Change the photo of “Ann Lee”"
    page.remove_photo()
    assert undo_text(window) == "&Undo Remove the photo of “Ann Lee”"
    undo(qtbot, window)
    assert services.attachments.photo_id(target) == chosen
    undo(qtbot, window)
    assert services.attachments.photo_id(target) is None


def test_done_from_the_reminder_popup_is_undone_in_the_window(qtbot, window, services, ann):
    from crm_desktop.ui.reminders.controller import ReminderController

    task = services.tasks.create(TaskDraft("Call Ann", "call", services.ctx.clock.now(), contact_id=ann))
    controller = ReminderController(window, services, window.bridge, use_tray=False, sweep=False)
    window.reminder_controller = controller
    controller.start()
    qtbot.waitUntil(controller.popup.isVisible)
    controller.popup.done_button.click()
    assert services.tasks.get(task).done_at is not None
    controller.popup.close()
    assert undo_text(window) == "&Undo Mark “Call Ann” as done"
    undo(qtbot, window)
    assert services.tasks.get(task).done_at is None


def test_a_merge_undone_in_the_list_of_merges_is_marked_in_the_history(qtbot, window, services, reports,
                                                                      monkeypatch):
    from crm_desktop.ui.duplicates.dialog import DuplicatesDialog
    from crm_desktop.ui.duplicates.merge_dialog import MergeDialog

    ids = [services.contacts.create(ContactDraft(given_name=name, family_name="Smith",
                                                 emails=[Channel("john@acme.com")]))
           for name in ("John", "Jon")]
    dialog = DuplicatesDialog.show_for(window, services)
    dialog.start_scan()
    qtbot.waitUntil(dialog.scan_button.isEnabled, timeout=10_000)
    dialog.view.selectRow(0)
    monkeypatch.setattr(MergeDialog, "ask", lambda parent, s, entity, a, b: s.merges.merge(entity, a, b))
    dialog.review_current()
    assert undo_text(window).startswith("&Undo Merge “")
    dialog.reload_history()
    dialog.history.selectRow(0)
    dialog.undo_current()
    assert undo_text(window).endswith("(already undone)")
    dialog.shutdown()
    dialog.close()
    undo(qtbot, window)
    assert [title for title, _text in reports] == ["Already undone"]
    assert all(services.contacts.exists(i) for i in ids)  # split once, not twice


def test_a_stage_added_and_moved_in_the_pipeline_settings_is_undone(qtbot, window, services, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from crm_desktop.ui.pipeline.editor import PipelineEditor

    pipeline = services.pipelines.default()
    order = [s.id for s in pipeline.stages]
    editor = PipelineEditor(services, pipeline.id, window)
    qtbot.addWidget(editor)
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("Trial", True))
    editor.add_stage()
    editor.stages.setCurrentCell(1, 0)
    editor.move_stage(-1)
    editor.close()
    assert undo_text(window) == "&Undo Move stage “Qualified”"
    undo(qtbot, window)
    assert [s.id for s in services.pipelines.get(pipeline.id).stages][:-1] == order
    assert undo_text(window) == "&Undo Add stage “Trial”"
    undo(qtbot, window)
    assert [s.id for s in services.pipelines.get(pipeline.id).stages] == order


def test_a_stage_deleted_with_its_deals_is_undone_and_redone(qtbot, window, services, monkeypatch):
    from crm_desktop.core.deals import DealDraft
    from crm_desktop.ui.pipeline.editor import PipelineEditor

    pipeline = services.pipelines.default()
    gone, other = pipeline.stages[1], pipeline.stages[2]
    deal = services.deals.create(DealDraft("Big order", pipeline_id=pipeline.id, stage_id=gone.id,
                                           currency="USD", probability=35))
    editor = PipelineEditor(services, pipeline.id, window)
    qtbot.addWidget(editor)
    monkeypatch.setattr(editor, "_ask_target", lambda stage_id, held: other.id)
    editor.stages.setCurrentCell(1, 0)
    editor.delete_stage()
    editor.close()
    assert services.deals.get(deal).stage_id == other.id
    assert undo_text(window) == "&Undo Delete stage “Qualified”"
    undo(qtbot, window)
    assert gone.id in [s.id for s in services.pipelines.get(pipeline.id).stages]
    assert (services.deals.get(deal).stage_id, services.deals.get(deal).probability) == (gone.id, 35)
    redo(qtbot, window)
    assert gone.id not in [s.id for s in services.pipelines.get(pipeline.id).stages]
    assert services.deals.get(deal).stage_id == other.id
    undo(qtbot, window)
    assert services.deals.get(deal).stage_id == gone.id


def test_a_tag_made_and_a_pipeline_deleted_in_the_settings_are_undone(qtbot, window, services, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from crm_desktop.ui.manage_dialog import ManageDialog
    from crm_desktop.ui.pipeline.editor import PipelineEditor

    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("Fair 2024", True))
    dialog = ManageDialog(services, window)
    qtbot.addWidget(dialog)
    dialog.tags_tab.add_tag()
    dialog.close()
    assert undo_text(window) == "&Undo New tag “Fair 2024”"
    pipeline = services.pipelines.create("Renewals")
    editor = PipelineEditor(services, pipeline, window)
    qtbot.addWidget(editor)
    editor.delete_pipeline()
    editor.close()
    assert undo_text(window) == "&Undo Delete “Renewals”"
    undo(qtbot, window)
    assert services.pipelines.get(pipeline).name == "Renewals"
    undo(qtbot, window)
    assert "Fair 2024" not in [t.name for t in services.lookups.tags()]
    redo(qtbot, window)
    assert "Fair 2024" in [t.name for t in services.lookups.tags()]


def test_a_follow_up_rule_switched_off_and_deleted_is_undone(qtbot, window, services):
    from crm_desktop.ui.reminders.rules_dialog import RulesDialog

    dialog = RulesDialog(services, window)
    qtbot.addWidget(dialog)
    rule = services.rules.rules()[0]
    switched = Qt.CheckState.Unchecked if rule.enabled else Qt.CheckState.Checked
    dialog.follow_table.item(0, 0).setCheckState(switched)
    assert services.rules.rules()[0].enabled != rule.enabled
    dialog.follow_table.setCurrentCell(0, 0)
    dialog.delete_rule()
    dialog.close()
    assert undo_text(window).startswith("&Undo Delete “")
    undo(qtbot, window)
    assert rule.id in [r.id for r in services.rules.rules()]
    assert undo_text(window).startswith("&Undo Change rule “")
    undo(qtbot, window)
    assert services.rules.rules()[0].enabled == rule.enabled


def test_an_owner_and_a_field_added_in_the_settings_are_undone(qtbot, window, services, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from crm_desktop.ui.manage_dialog import ManageDialog

    dialog = ManageDialog(services, window)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("Cy", True))
    dialog.owners_tab.add_owner()
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("WeChat", True))
    dialog.fields_tab.add_field("contact")
    dialog.close()
    assert undo_text(window) == "&Undo New field “WeChat”"
    undo(qtbot, window)
    assert services.lookups.custom_fields("contact") == []
    assert undo_text(window) == "&Undo New owner “Cy”"
    undo(qtbot, window)
    assert "Cy" not in [u.name for u in services.lookups.users()]


def test_a_scoring_rule_added_and_deleted_is_undone(qtbot, window, services):
    from crm_desktop.ui.reminders.rules_dialog import RulesDialog

    dialog = RulesDialog(services, window)
    qtbot.addWidget(dialog)
    known = {r.id for r in services.scoring.rules()}
    dialog.score_kind.setCurrentIndex(dialog.score_kind.findData("tag"))
    dialog.score_value.setText("VIP")
    dialog.score_points.setValue(15)
    dialog.add_score_rule()
    (made,) = [r for r in services.scoring.rules() if r.id not in known]
    assert undo_text(window) == "&Undo New scoring rule “Tagged VIP +15”"
    dialog.score_table.setCurrentCell(dialog._score_rules.index(made), 0)
    dialog.delete_score_rule()
    dialog.close()
    undo(qtbot, window)
    assert made.id in [r.id for r in services.scoring.rules()]
    undo(qtbot, window)
    assert made.id not in [r.id for r in services.scoring.rules()]


def test_a_saved_filter_deleted_on_the_board_comes_back_with_ctrl_z(qtbot, window, services, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from crm_desktop.ui.main_window import PAGE_PIPELINE

    window.show_page(PAGE_PIPELINE)
    bar = window.pipeline_page.filter_bar
    bar.min_value.setText("600")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Big ones", True))
    bar.save_current()
    bar.saved.setCurrentIndex(bar.saved.findText("Big ones"))
    bar.delete_saved()
    assert services.pipelines.saved_filters() == []
    assert undo_text(window) == "&Undo Delete “Big ones”"
    undo(qtbot, window)
    assert [name for _id, name, _f in services.pipelines.saved_filters()] == ["Big ones"]
    qtbot.waitUntil(lambda: bar.saved.findText("Big ones") > 0)
    redo(qtbot, window)
    assert services.pipelines.saved_filters() == []
