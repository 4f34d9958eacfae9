"""Phone numbers: normalise to E.164 with the phonenumbers library."""

from __future__ import annotations

import re

# Bound by _load() when a number is first handled: importing phonenumbers takes ~25 ms,
# which start-up (and a command that never sees a phone) does not need to spend.
phonenumbers = None
COUNTRY_CODE_TO_REGION_CODE = None
REGION_CODE_FOR_NON_GEO_ENTITY = None
NumberParseException = None
PhoneMetadata = None
_FORMATTING = None
_INTERNATIONAL = None


def _load() -> None:
    global phonenumbers, COUNTRY_CODE_TO_REGION_CODE, REGION_CODE_FOR_NON_GEO_ENTITY
    global NumberParseException, PhoneMetadata, _FORMATTING, _INTERNATIONAL
    import phonenumbers as library

    COUNTRY_CODE_TO_REGION_CODE = library.COUNTRY_CODE_TO_REGION_CODE
    REGION_CODE_FOR_NON_GEO_ENTITY = library.REGION_CODE_FOR_NON_GEO_ENTITY
    NumberParseException = library.NumberParseException
    PhoneMetadata = library.PhoneMetadata
    _FORMATTING = re.compile(r"[\s\-().\u00a0/]")
    _INTERNATIONAL = re.compile(r"\+[1-9]\d{6,14}")
    phonenumbers = library  # last: the functions below load when this is still None


# The kinds of number phonenumbers knows; the commonest in a contact list first.
_TYPE_DESCS = ("fixed_line", "premium_rate", "toll_free", "shared_cost", "voip", "personal_number", "pager",
               "uan", "voicemail")
_Rule = tuple[frozenset[int], re.Pattern[str]] | None


def _rule(desc) -> _Rule:
    if desc is None or not desc.national_number_pattern:
        return None
    return frozenset(desc.possible_length), re.compile(desc.national_number_pattern)


def _matches(nsn: str, rule: _Rule) -> bool:
    if rule is None:
        return False
    lengths, pattern = rule
    if lengths and len(nsn) not in lengths:
        return False
    return pattern.fullmatch(nsn) is not None


class _RegionRules:
    """One region's validity patterns, compiled once (phonenumbers looks them up per call)."""

    def __init__(self, metadata) -> None:
        self.country_code = metadata.country_code
        self.general = _rule(metadata.general_desc)
        kinds = [_rule(getattr(metadata, name)) for name in _TYPE_DESCS]
        if not metadata.same_mobile_and_fixed_line_pattern:
            kinds.insert(0, _rule(metadata.mobile))
        # Any kind will do (the order does not change the answer, only how soon it comes).
        self.kinds = [k for k in kinds if k is not None]
        self.leading = re.compile(metadata.leading_digits) if metadata.leading_digits is not None else None

    def valid(self, nsn: str) -> bool:
        """What ``_number_type_helper(nsn, metadata) != UNKNOWN`` answers."""
        return _matches(nsn, self.general) and any(_matches(nsn, k) for k in self.kinds)


_RULES: dict[tuple[int, str], _RegionRules | None] = {}


def _region_rules(code: int, region: str) -> _RegionRules | None:
    key = (code, region)
    if key not in _RULES:
        metadata = PhoneMetadata.metadata_for_region_or_calling_code(code, region.upper())
        _RULES[key] = _RegionRules(metadata) if metadata is not None else None
    return _RULES[key]


def _is_valid(code: int, nsn: str) -> bool:
    """``phonenumbers.is_valid_number`` for a number without leading zeros, from compiled rules.

    The same steps: pick the region among those sharing the calling code (by leading
    digits, else by a valid pattern), then check the number against that region.
    """
    regions = COUNTRY_CODE_TO_REGION_CODE.get(code)
    if not regions:
        return False
    region, known_valid = None, False
    if len(regions) == 1:
        region = regions[0]
    else:
        for candidate in regions:
            rules = _region_rules(code, candidate)
            if rules is None:
                continue
            if rules.leading is not None:
                if rules.leading.match(nsn):
                    region = candidate
                    break
            elif rules.valid(nsn):
                region, known_valid = candidate, True
                break
    if region is None:
        return False
    rules = _region_rules(code, region)
    if rules is None or (region != REGION_CODE_FOR_NON_GEO_ENTITY and rules.country_code != code):
        return False
    return known_valid or rules.valid(nsn)


def _fast_international(cleaned: str) -> str | None:
    """Validate a number already written as +<country><number>.

    ``phonenumbers.parse`` spends most of its time normalising free text; for the
    common case of a clean international number we find the country code and
    check the number directly against precompiled patterns, which gives the same
    answer as ``phonenumbers.is_valid_number`` several times faster. Anything
    unusual falls back to the full parser.
    """
    digits = cleaned[1:]
    for length in (1, 2, 3):
        code = int(digits[:length])
        if code in COUNTRY_CODE_TO_REGION_CODE:
            national = digits[length:]
            if national[:1] != "0" and _is_valid(code, str(int(national or 0))):
                return "+" + digits
            return None
    return None


# A national number as people type it: digits, spaces, dashes, dots and brackets only.
_NATIONAL_TEXT = None
_SLOW = object()  # "ask the library"
_NATIONAL: dict[str, tuple | None] = {}


def _national_rules(region: str) -> tuple | None:
    """(country code, its digits, national prefix pattern, international prefix pattern) of a region."""
    if region not in _NATIONAL:
        metadata = PhoneMetadata.metadata_for_region(region.upper(), None) if region else None
        if metadata is None or metadata.international_prefix is None or metadata.country_code is None:
            _NATIONAL[region] = None
        else:
            prefix = metadata.national_prefix_for_parsing
            _NATIONAL[region] = (metadata.country_code, str(metadata.country_code),
                                 re.compile(prefix) if prefix else None,
                                 re.compile(metadata.international_prefix))
    return _NATIONAL[region]


def _fast_national(text: str, cleaned: str, region: str):
    """A number written without a country code, checked directly where that is sure to agree.

    ``phonenumbers.parse`` takes ~60 µs for "138 1234 5678" (CN); most of it goes to steps that
    change nothing for such a number. When the digits neither start with the region's
    national or international prefix nor with its country code (nor with 0), the library
    reads them as the national significant number unchanged, so the answer is
    ``+<country code><digits>`` exactly when that number is valid, which the compiled rules
    check. Anything else (other characters, a prefix, a leading 0) returns _SLOW.
    """
    global _NATIONAL_TEXT
    if _NATIONAL_TEXT is None:
        _NATIONAL_TEXT = re.compile(r"[0-9() .-]+")
    if not (3 <= len(cleaned) <= 17) or cleaned[0] == "0" or not cleaned.isdigit() or not cleaned.isascii():
        return _SLOW
    if not _NATIONAL_TEXT.fullmatch(text):
        return _SLOW
    rules = _national_rules(region)
    if rules is None:
        return _SLOW
    code, code_digits, national_prefix, international_prefix = rules
    if cleaned.startswith(code_digits) or international_prefix.match(cleaned) or (
            national_prefix is not None and national_prefix.match(cleaned)):
        return _SLOW
    return "+" + code_digits + cleaned if _is_valid(code, cleaned) else None


def normalize_phone(raw: str, default_region: str) -> str | None:
    """E.164 form of ``raw`` (e.g. ``+8613912345678``), or None if it is not a valid number.

    Numbers without a country code are read as numbers of ``default_region``
    (an ISO 3166 code such as ``CN`` or ``US``). An extension is dropped.
    """
    text = raw.strip()
    if not text:
        return None
    if phonenumbers is None:
        _load()
    cleaned = _FORMATTING.sub("", text)
    if cleaned.startswith("00"):
        cleaned = "+" + cleaned[2:]
    if _INTERNATIONAL.fullmatch(cleaned):
        fast = _fast_international(cleaned)
        if fast is not None:
            return fast
    elif default_region and cleaned[:1] != "+":
        national = _fast_national(text, cleaned, default_region)
        if national is not _SLOW:
            return national
    try:
        number = phonenumbers.parse(text, default_region or None)
    except NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(e164: str) -> str:
    """A readable international form of an E.164 number, for display."""
    if phonenumbers is None:
        _load()
    try:
        number = phonenumbers.parse(e164, None)
    except NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def search_forms(e164: str) -> str:
    """Digit strings under which a number can be found: with and without its country code."""
    if not e164.startswith("+"):
        return e164
    if phonenumbers is None:
        _load()
    digits = e164[1:]
    for length in (1, 2, 3):
        if int(digits[:length]) in COUNTRY_CODE_TO_REGION_CODE:
            return f"{digits} {digits[length:]}"
    return digits


def is_valid_region(region: str) -> bool:
    if phonenumbers is None:
        _load()
    return region in phonenumbers.SUPPORTED_REGIONS
