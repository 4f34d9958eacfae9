"""The deal dialog, the pipeline editor and the forecast view, driven as a user would."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox

from crm_desktop.core.deals import DealDraft, DealFilter, LineItem
from crm_desktop.ui.pipeline.dialogs import DealDialog, WonDialog
from crm_desktop.ui.pipeline.editor import PipelineEditor
from crm_desktop.ui.pipeline.forecast_view import ForecastView


@pytest.fixture
def stages(services):
    return [s.id for s in services.pipelines.default().stages]


def _dialog(qtbot, services, **kwargs) -> DealDialog:
    dialog = DealDialog(services, **kwargs)
    qtbot.addWidget(dialog)
    return dialog


def test_a_new_deal_is_saved_with_its_products(qtbot, services, stages):
    dialog = _dialog(qtbot, services, stage_id=stages[1])
    dialog.title.setText("Laptops for Acme")
    dialog.currency.setCurrentText("EUR")
    dialog._add_line(LineItem("Laptop", 3, 0))
    dialog.lines.item(0, 2).setText("1,200.50")
    dialog.tags.setText("hardware, Q3")
    dialog.save()
    assert dialog.result() == DealDialog.DialogCode.Accepted
    deal = services.deals.get(dialog.saved_id)
    assert (deal.title, deal.stage_id, deal.currency, deal.value_minor, deal.tags) == (
        "Laptops for Acme",
        stages[1],
        "EUR",
        360150,
        ["hardware", "Q3"],
    )


@pytest.mark.parametrize(
    ("typed", "message"), [("-5", "Enter zero or a positive amount."), ("ten", "“ten” is not a number.")]
)
def test_a_bad_value_is_refused_with_a_clear_message(qtbot, services, stages, typed, message):
    dialog = _dialog(qtbot, services, stage_id=stages[0])
    dialog.title.setText("Deal")
    dialog.value.setText(typed)
    dialog.save()
    assert dialog.saved_id is None and not dialog.error.isHidden()
    assert dialog.error.text() == message
    assert services.deals.count(DealFilter()) == 0


def test_editing_a_deal_changed_elsewhere_says_so(qtbot, services, stages, monkeypatch):
    deal_id = services.deals.create(DealDraft("Deal", stage_id=stages[0], currency="USD"))
    dialog = _dialog(qtbot, services, deal=services.deals.get(deal_id))
    services.deals.move(deal_id, stages[2])  # someone else, meanwhile
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    dialog.title.setText("Mine")
    dialog.save()
    assert warnings and "another window" in warnings[0]
    assert services.deals.get(deal_id).title == "Deal"


def test_the_won_dialog_checks_the_final_value(qtbot, services, stages):
    deal_id = services.deals.create(DealDraft("Deal", stage_id=stages[0], value_minor=5000, currency="USD"))
    dialog = WonDialog(services.deals.get(deal_id), dt.date(2030, 1, 2))
    qtbot.addWidget(dialog)
    assert dialog.value.text() == "50"
    dialog.value.setText("-1")
    dialog._check()
    assert dialog.result_value is None and not dialog.error.isHidden()
    dialog.value.setText("75")
    dialog._check()
    assert dialog.result_value == (7500, dt.date(2030, 1, 2))


def test_the_editor_deletes_a_stage_with_deals_after_asking_where_they_go(
    qtbot, services, stages, monkeypatch
):
    deal_id = services.deals.create(DealDraft("Deal", stage_id=stages[0], currency="USD"))
    editor = PipelineEditor(services)
    qtbot.addWidget(editor)
    asked = []

    def choose(parent, title, text, items, current, editable):
        asked.append((text, items))
        return items[1], True  # Proposal/Quote

    monkeypatch.setattr(QInputDialog, "getItem", choose)
    editor.stages.setCurrentCell(0, 0)
    editor.delete_stage()
    assert asked == [
        ("This stage holds 1 open deal. Move it to:", ["Qualified", "Proposal/Quote", "Negotiation"])
    ]
    assert services.deals.get(deal_id).stage_id == stages[2]
    assert editor.stages.rowCount() == 3


def test_the_editor_edits_stages_in_place(qtbot, services, stages, monkeypatch):
    editor = PipelineEditor(services)
    qtbot.addWidget(editor)
    editor.stages.item(1, 1).setText("30")
    editor.stages.item(1, 2).setText("")
    stage = services.pipelines.stage(stages[1])
    assert (stage.name, stage.probability, stage.rotting_days) == ("Qualified", 30, None)
    editor.stages.item(1, 0).setText("Discovery")
    assert services.pipelines.stage(stages[1]).name == "Discovery"
    editor.stages.setCurrentCell(1, 0)
    editor.move_stage(-1)
    assert [s.id for s in services.pipelines.default().stages][:2] == [stages[1], stages[0]]
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Renewals", True))
    editor.new_pipeline()
    assert editor.pipeline.currentText() == "Renewals" and editor.stages.rowCount() == 4


def test_the_forecast_view_shows_the_figures(qtbot, services, bridge, stages):
    services.deals.create(
        DealDraft(
            "A",
            stage_id=stages[2],
            value_minor=100000,
            currency="USD",
            expected_close=services.ctx.clock.today(),
        )
    )
    view = ForecastView(services, bridge)
    qtbot.addWidget(view)
    view.currency.setCurrentText("USD")
    model = view.month_model
    rows = {model.item(r, 1).text(): r for r in range(model.rowCount())}
    assert model.item(rows["Open, weighted"], 2).data(256) == 50000
    assert model.item(rows["Expected"], model.columnCount() - 1).data(256) == 50000
    assert "Expected in the next 6 months" in view.summary.text()


def test_the_forecast_view_shows_overdue_deals_apart(qtbot, services, bridge, stages):
    services.deals.create(DealDraft("Late", stage_id=stages[0], value_minor=100000, currency="USD",
                                    expected_close=services.ctx.clock.today() - dt.timedelta(days=40)))
    view = ForecastView(services, bridge)
    qtbot.addWidget(view)
    view.currency.setCurrentText("USD")
    model = view.month_model
    assert model.horizontalHeaderItem(2).text() == "Overdue"
    rows = {model.item(r, 1).text(): r for r in range(model.rowCount())}
    assert model.item(rows["Open, full value"], 2).data(256) == 100000
    assert model.item(rows["Expected"], model.columnCount() - 1).data(256) == 0


def test_the_person_is_found_by_typing_and_brings_their_company(qtbot, services, stages):
    from crm_desktop.core.records import CompanyDraft, ContactDraft

    acme = services.companies.create(CompanyDraft(name="Acme"))
    ann = services.contacts.create(ContactDraft(given_name="Annabel", family_name="Lee", company_id=acme))
    dialog = _dialog(qtbot, services, stage_id=stages[0])
    dialog.title.setText("Deal")
    picker = dialog.contact
    picker.setText("annab")
    picker.search_now()
    labels = picker.completer().model().stringList()
    assert labels == ["Annabel Lee · Acme"]
    picker.completer().activated[str].emit(labels[0])
    assert picker.person_id == ann and dialog.company.company_id() == acme
    dialog.save()
    deal = services.deals.get(dialog.saved_id)
    assert (deal.contact_id, deal.company_id) == (ann, acme)


def test_typed_text_that_names_no_one_is_refused(qtbot, services, stages):
    dialog = _dialog(qtbot, services, stage_id=stages[0])
    dialog.title.setText("Deal")
    dialog.contact.setText("Nobody we know")
    dialog.save()
    assert dialog.saved_id is None
    assert dialog.error.text() == "Choose the person from the list, or clear the box."


def test_the_board_filters_by_a_company_typed_in(qtbot, services, bridge, stages):
    from crm_desktop.core.records import CompanyDraft
    from crm_desktop.ui.pipeline.page import PipelinePage

    acme = services.companies.create(CompanyDraft(name="Acme"))
    services.deals.create(DealDraft("A", stage_id=stages[0], currency="USD", company_id=acme))
    services.deals.create(DealDraft("B", stage_id=stages[0], currency="USD"))
    page = PipelinePage(services, bridge)
    qtbot.addWidget(page)
    page.filter_bar.company.set_company_id(acme)
    assert [c.title for c in page.board_model.columns[stages[0]].cards()] == ["A"]
    page.list_model.shutdown()
