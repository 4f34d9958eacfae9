"""Phone numbers: normalise to E.164 with the phonenumbers library."""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import COUNTRY_CODE_TO_REGION_CODE, NumberParseException, PhoneNumber

_FORMATTING = re.compile(r"[\s\-().\u00a0/]")
_INTERNATIONAL = re.compile(r"\+[1-9]\d{6,14}")


def _fast_international(cleaned: str) -> str | None:
    """Validate a number already written as +<country><number>.

    ``phonenumbers.parse`` spends most of its time normalising free text; for the
    common case of a clean international number we find the country code and
    check the number directly, which is about three times faster and gives the
    same answer. Anything unusual falls back to the full parser.
    """
    digits = cleaned[1:]
    for length in (1, 2, 3):
        code = int(digits[:length])
        if code in COUNTRY_CODE_TO_REGION_CODE:
            number = PhoneNumber(country_code=code, national_number=int(digits[length:] or 0))
            if digits[length:length + 1] != "0" and phonenumbers.is_valid_number(number):
                return "+" + digits
            return None
    return None


def normalize_phone(raw: str, default_region: str) -> str | None:
    """E.164 form of ``raw`` (e.g. ``+8613912345678``), or None if it is not a valid number.

    Numbers without a country code are read as numbers of ``default_region``
    (an ISO 3166 code such as ``CN`` or ``US``). An extension is dropped.
    """
    text = raw.strip()
    if not text:
        return None
    cleaned = _FORMATTING.sub("", text)
    if cleaned.startswith("00"):
        cleaned = "+" + cleaned[2:]
    if _INTERNATIONAL.fullmatch(cleaned):
        fast = _fast_international(cleaned)
        if fast is not None:
            return fast
    try:
        number = phonenumbers.parse(text, default_region or None)
    except NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(e164: str) -> str:
    """A readable international form of an E.164 number, for display."""
    try:
        number = phonenumbers.parse(e164, None)
    except NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def search_forms(e164: str) -> str:
    """Digit strings under which a number can be found: with and without its country code."""
    if not e164.startswith("+"):
        return e164
    digits = e164[1:]
    for length in (1, 2, 3):
        if int(digits[:length]) in COUNTRY_CODE_TO_REGION_CODE:
            return f"{digits} {digits[length:]}"
    return digits


def is_valid_region(region: str) -> bool:
    return region in phonenumbers.SUPPORTED_REGIONS
