"""Names the dashboard shows for stored keys: months, sources, activity kinds."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QLocale

translate = QCoreApplication.translate


def month_label(month: str) -> str:
    """ "2024-05" as the locale writes a short month and year ("May 2024", "2024年5月")."""
    day = dt.date(int(month[:4]), int(month[5:7]), 1)
    return QLocale().toString(day, translate("DashboardTexts", "MMM yyyy"))


def week_label(monday: str) -> str:
    day = dt.date.fromisoformat(monday)
    return QLocale().toString(day, translate("DashboardTexts", "d MMM"))


def source_label(source: str) -> str:
    return source or translate("DashboardTexts", "(no source)")


def entity_label(entity: str) -> str:
    return (
        translate("DashboardTexts", "People")
        if entity == "contact"
        else translate("DashboardTexts", "Companies")
    )


def activity_kind(kind: str) -> str:
    return {
        "call": translate("DashboardTexts", "Calls"),
        "email": translate("DashboardTexts", "E-mails"),
        "meeting": translate("DashboardTexts", "Meetings"),
        "note": translate("DashboardTexts", "Notes"),
    }.get(kind, kind)


def owner_label(name: str | None) -> str:
    return name or translate("DashboardTexts", "No owner")
