"""The dashboard in the window: the page, and where its bars and tiles lead.

``make_page(window)`` builds the page for the window's page stack and connects a bar or tile
to the records behind it: deals in a list of their own, people and companies in a segment
list (the condition of the figure instead of a saved filter), a customer's own page, tasks
in Reminders.
"""

from __future__ import annotations


def make_page(window):
    from .page import DashboardPage

    page = DashboardPage(window.services, window.bridge, window)
    page.records_requested.connect(
        lambda entity, title, condition: show_records(window, entity, title, condition)
    )
    page.customer_requested.connect(lambda kind, record_id: window.open_customer(kind, record_id))
    page.status_posted.connect(lambda text: window.statusBar().showMessage(text, 4000))
    return page


def show_records(window, entity: str, title: str, condition):
    """Show the records behind a figure in the window's page stack (pages made on first use)."""
    if entity == "task":  # the condition is "overdue" or "today": that tab of Reminders
        from ...core.tasks import OVERDUE, TODAY

        window.show_reminders()
        window.reminders_page.show_section(OVERDUE if condition == "overdue" else TODAY)
        return window.reminders_page
    if entity == "deal":
        page = _deal_page(window)
        page.show_deals(title, condition)
    else:
        page = _record_page(window, entity)
        page.set_condition(title, entity, condition)
    window.sidebar.blockSignals(True)
    window.sidebar.setCurrentRow(-1)
    window.sidebar.blockSignals(False)
    window.stack.setCurrentWidget(page)
    return page


def _deal_page(window):
    from .drill import DealDrillPage

    page = getattr(window, "_dashboard_deals", None)
    if page is None:
        page = window._dashboard_deals = DealDrillPage(window.services, window.bridge, window.stack)
        page.back_requested.connect(window.show_dashboard)
        page.deal_requested.connect(lambda deal_id: window.pipeline_page.open_deal(deal_id))
        window.stack.addWidget(page)
    return page


def _record_page(window, entity: str):
    from ..segments.page import page_class

    pages = window.__dict__.setdefault("_dashboard_lists", {})
    page = pages.get(entity)
    if page is None:
        page = pages[entity] = page_class(entity)(window.services, window.bridge, window.stack)
        if entity == "company":
            page.open_requested.connect(window.open_company)
            page.edit_requested.connect(window.edit_company)
        else:
            page.open_requested.connect(window.open_contact)
            page.edit_requested.connect(window.edit_contact)
        page.new_action.setVisible(False)
        page.status_posted.connect(lambda text: window.statusBar().showMessage(text, 4000))
        window.stack.addWidget(page)
    return page
