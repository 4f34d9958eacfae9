"""Translated names for the codes stored in records (labels, handle kinds, channels).

Every text is written out as a literal so that pyside6-lupdate can extract it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ...core.records import EMAIL_LABELS, HANDLE_KINDS, PHONE_LABELS, PREFERRED_CHANNELS

# Called with a literal context and text so that pyside6-lupdate can extract every string.
translate = QCoreApplication.translate



def channel_label_text(code: str) -> str:
    """The name of an e-mail or phone label such as "work"; unknown labels are shown as stored."""
    names = {
        "work": translate("Labels", "Work"),
        "home": translate("Labels", "Home"),
        "mobile": translate("Labels", "Mobile"),
        "fax": translate("Labels", "Fax"),
        "other": translate("Labels", "Other"),
    }
    return names.get(code, code)


def handle_kind_text(code: str) -> str:
    names = {
        "wechat": translate("Labels", "WeChat"),
        "qq": translate("Labels", "QQ"),
        "linkedin": translate("Labels", "LinkedIn"),
        "twitter": translate("Labels", "X (Twitter)"),
        "facebook": translate("Labels", "Facebook"),
        "whatsapp": translate("Labels", "WhatsApp"),
        "skype": translate("Labels", "Skype"),
        "other": translate("Labels", "Other"),
    }
    return names.get(code, code)


def preferred_channel_text(code: str) -> str:
    names = {
        "": translate("Labels", "No preference"),
        "email": translate("Labels", "E-mail"),
        "phone": translate("Labels", "Phone call"),
        "sms": translate("Labels", "Text message"),
        "wechat": translate("Labels", "WeChat"),
        "meeting": translate("Labels", "Meeting"),
        "mail": translate("Labels", "Post"),
    }
    return names.get(code, code)


def email_label_choices() -> list[tuple[str, str]]:
    return [(code, channel_label_text(code)) for code in EMAIL_LABELS]


def phone_label_choices() -> list[tuple[str, str]]:
    return [(code, channel_label_text(code)) for code in PHONE_LABELS]


def handle_kind_choices() -> list[tuple[str, str]]:
    return [(code, handle_kind_text(code)) for code in HANDLE_KINDS]


def preferred_channel_choices() -> list[tuple[str, str]]:
    return [(code, preferred_channel_text(code)) for code in PREFERRED_CHANNELS]
