"""Why a person's data may be held (GDPR Art. 6 lawful basis), their consent, and "do not contact".

A person flagged "do not contact" stays in the database with everything about them, but
the app stops reaching out: follow-up rules make no tasks for them, their reminders do not
notify, list exports leave them out unless asked, and calling or e-mailing them warns first.
"""

from __future__ import annotations

import datetime as dt

from .errors import FieldError

# GDPR Art. 6(1) (a)-(f), in that order; "" is "not recorded".
CONSENT = "consent"
LAWFUL_BASES = ("", CONSENT, "contract", "legal_obligation", "vital_interests", "public_task",
                "legitimate_interest")
CONSENT_FIELDS = ("lawful_basis", "consent_given_on", "consent_withdrawn_on", "consent_note",
                  "do_not_contact")
NOTE_LIMIT = 2000

# Spellings a file may use for a lawful basis (lower-case), English and Chinese.
_BASIS_WORDS = {
    CONSENT: ("consent", "consented", "opt-in", "opt in", "opted in", "同意", "已同意", "用户同意"),
    "contract": ("contract", "contractual", "合同", "履行合同", "合同履行"),
    "legal_obligation": ("legal obligation", "legal", "law", "法律义务", "法定义务"),
    "vital_interests": ("vital interests", "vital interest", "vital", "重大利益", "切身利益"),
    "public_task": ("public task", "public interest", "公共任务", "公共利益"),
    "legitimate_interest": ("legitimate interest", "legitimate interests", "legitimate", "正当利益",
                            "合法利益"),
}
_TRUE_WORDS = frozenset(("1", "yes", "y", "true", "x", "✓", "✔", "on", "是", "对", "真", "请勿联系",
                         "勿联系", "不联系", "do not contact", "dnc"))
_FALSE_WORDS = frozenset(("", "0", "no", "n", "false", "off", "否", "不", "假"))


def parse_basis(text: str) -> str | None:
    """The key of a lawful basis written as a key or a common spelling; None when unknown."""
    word = " ".join(str(text or "").replace("_", " ").split()).casefold()
    if not word:
        return ""
    for key, words in _BASIS_WORDS.items():
        if word == key.replace("_", " ") or word in words:
            return key
    return None


def parse_flag(value: object) -> bool | None:
    """A yes/no cell (1, yes, x, 是, TRUE…) as a bool; None when it is neither."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0
    word = " ".join(str(value or "").split()).casefold()
    if word in _TRUE_WORDS:
        return True
    if word in _FALSE_WORDS:
        return False
    return None


def consent_problems(draft, today: dt.date) -> list[FieldError]:
    """What is wrong with the consent fields of a person draft (empty when nothing)."""
    errors: list[FieldError] = []
    if draft.lawful_basis not in LAWFUL_BASES:
        errors.append(FieldError("lawful_basis", "unknown_basis", str(draft.lawful_basis)))
    given, withdrawn = draft.consent_given_on, draft.consent_withdrawn_on
    for name, day in (("consent_given_on", given), ("consent_withdrawn_on", withdrawn)):
        if day is not None and day > today:
            errors.append(FieldError(name, "in_future", day.isoformat()))
    if given is not None and withdrawn is not None and withdrawn < given:
        errors.append(FieldError("consent_withdrawn_on", "before_given", withdrawn.isoformat()))
    if len(draft.consent_note or "") > NOTE_LIMIT:
        errors.append(FieldError("consent_note", "too_long", draft.consent_note[:40]))
    return errors


def consent_withdrawn(draft) -> bool:
    """Consent was the basis and has been withdrawn: nothing may be sent on that basis."""
    return draft.lawful_basis == CONSENT and draft.consent_withdrawn_on is not None
