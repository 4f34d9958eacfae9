"""What the pipeline screens share: names in the user's language, money, messages, avatars."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QLocale, QRectF, Qt
from PySide6.QtGui import QColor, QPainter

from ...core.deals import (
    ConflictError,
    Labels,
    LostReason,
    StageInUseError,
    currency_exponent,
)
from ...core.deals import from_minor as _from_minor
from ...core.deals import parse_amount as _parse_amount
from ...core.errors import CrmError, FieldError, ValidationError
from ..messages import error_text as _error_text
from ..messages import field_error_text

translate = QCoreApplication.translate

MIME_TYPE = "application/x-crm-deal"
ACCENT = "#2d6cdf"
ROTTING = "#d93025"
WARNING = "#b26a00"


class QtLabels(Labels):
    """The default pipeline, stage and reason names in the user's language."""

    def default_pipeline(self) -> str:
        return translate("Pipeline", "Sales")

    def default_stage(self, key: str) -> str:
        return {
            "lead": translate("Pipeline", "Lead"),
            "qualified": translate("Pipeline", "Qualified"),
            "proposal": translate("Pipeline", "Proposal/Quote"),
            "negotiation": translate("Pipeline", "Negotiation"),
        }[key]

    def default_reason(self, key: str) -> str:
        return {
            "price": translate("Pipeline", "Price too high"),
            "competitor": translate("Pipeline", "Went with a competitor"),
            "no_budget": translate("Pipeline", "No budget"),
            "no_response": translate("Pipeline", "Stopped responding"),
            "timing": translate("Pipeline", "Bad timing"),
            "other": translate("Pipeline", "Other"),
        }[key]

    def won(self) -> str:
        return translate("Pipeline", "Won")

    def lost(self) -> str:
        return translate("Pipeline", "Lost")


LABELS = QtLabels()
_DEFAULT_REASONS = {english: key for key, english in Labels.REASONS.items()}


def reason_text(stored: str) -> str:
    """A deal's stored lost reason; one of the default reasons (written in English by the
    sample data) in the user's language."""
    key = _DEFAULT_REASONS.get(stored)
    return LABELS.reason(LostReason(0, "", key, 0)) if key else stored


def money(value_minor: int, currency: str, locale: QLocale | None = None, *, short: bool = False) -> str:
    """An amount in the locale's format with the currency's code or symbol, e.g. ``$1,234.50``."""
    locale = locale or QLocale()
    amount = _from_minor(value_minor, currency)
    symbol = _symbol(currency, locale)
    if short and abs(amount) >= 1000:
        return locale.toCurrencyString(float(amount.quantize(Decimal(1))), symbol, 0)
    digits = currency_exponent(currency) if amount != amount.to_integral_value() else 0
    return locale.toCurrencyString(float(amount), symbol, digits)


_SYMBOLS = {
    "USD": "$",
    "EUR": "€",
    "GBP": "£",
    "JPY": "¥",
    "CNY": "¥",
    "HKD": "HK$",
    "TWD": "NT$",
    "SGD": "S$",
    "AUD": "A$",
    "CAD": "C$",
    "CHF": "CHF ",
}


def _symbol(currency: str, locale: QLocale) -> str:
    if currency == locale.currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode):
        return locale.currencySymbol(QLocale.CurrencySymbolFormat.CurrencySymbol)
    return _SYMBOLS.get(currency, currency + " ")


def parse_money(text: str, currency: str, locale: QLocale | None = None, field: str = "value") -> int:
    """Minor units from what a user typed in their locale (``1.234,50`` in German, ``1,234.50`` here)."""
    locale = locale or QLocale()
    cleaned = text.strip().replace(locale.groupSeparator(), "")
    if locale.decimalPoint() != ".":
        cleaned = cleaned.replace(locale.decimalPoint(), ".")
    return _parse_amount(cleaned, currency, field)


def amount_text(value_minor: int, currency: str) -> str:
    """An amount for an edit box: plain digits, no grouping."""
    return format(_from_minor(value_minor, currency), "f")


def field_text(error: FieldError) -> str:
    code = error.code
    if code == "not_a_number":
        return translate("Pipeline", "“%1” is not a number.").replace("%1", error.value)
    if code == "negative":
        return translate("Pipeline", "Enter zero or a positive amount.")
    if code == "too_large":
        return translate("Pipeline", "This amount is too large.")
    if code == "invalid_currency":
        return translate("Pipeline", "Choose a currency such as USD or CNY.")
    if code == "out_of_range":
        return translate("Pipeline", "Enter a percentage from 0 to 100.")
    if code == "other_pipeline":
        return translate("Pipeline", "That stage belongs to another pipeline.")
    if code == "is_default":
        return translate("Pipeline", "The default pipeline cannot be deleted.")
    if code == "pick_from_list":
        return translate("Pipeline", "Choose the person from the list, or clear the box.")
    if code == "last_stage":
        return translate("Pipeline", "A pipeline needs at least one stage.")
    return field_error_text(error)


def error_text(error: CrmError) -> str:
    if isinstance(error, ConflictError):
        return translate(
            "Pipeline",
            "“%1” was changed in another window or by another user since you "
            "opened it. Nothing was overwritten: reopen it to see the changes.",
        ).replace("%1", error.title)
    if isinstance(error, StageInUseError):
        return translate("Pipeline", "This still holds open deals; move them to another stage first.")
    if isinstance(error, ValidationError):
        return "\n".join(field_text(e) for e in error.errors)
    return _error_text(error)


def initials(name: str) -> str:
    parts = name.split()
    if not parts:
        return "?"
    if any("\u4e00" <= ch <= "\u9fff" for ch in name):
        return name.strip()[-2:] if len(name.strip()) > 1 else name.strip()
    return "".join(p[0] for p in parts[:2]).upper()


def paint_avatar(painter: QPainter, rect: QRectF, name: str, color: str) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(color or "#8a94a6"))
    painter.drawEllipse(rect)
    font = painter.font()
    font.setPixelSize(max(8, int(rect.height() * 0.4)))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, initials(name))
    painter.restore()
