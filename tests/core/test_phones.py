import phonenumbers
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType

from crm_desktop.core.phones import format_phone, is_valid_region, normalize_phone, search_forms

REGIONS = (
    "CN", "US", "CA", "GB", "DE", "FR", "IT", "ES", "NL", "CH", "AT", "BE", "IE", "SE", "PL",
    "RU", "KZ", "HU", "JP", "KR", "IN", "SG", "HK", "TW", "AU", "NZ", "BR", "AR", "MX", "ZA",
    "NG", "EG", "MA", "AE", "SA", "TR", "ID", "VN", "TH", "IL",
)
TYPES = (
    PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE, PhoneNumberType.TOLL_FREE,
    PhoneNumberType.PREMIUM_RATE, PhoneNumberType.VOIP, PhoneNumberType.UAN,
)
EXAMPLES = [
    (region, number)
    for region in REGIONS
    for kind in TYPES
    if (number := phonenumbers.example_number_for_type(region, kind)) is not None
]


def _reference(text: str, region: str) -> str | None:
    """What the phonenumbers library alone makes of ``text``."""
    try:
        number = phonenumbers.parse(text, region)
    except NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


@pytest.mark.parametrize(("raw", "region", "expected"), [
    ("(650) 253-0000", "US", "+16502530000"),
    ("650.253.0000", "US", "+16502530000"),
    ("+1 650 253 0000 ext. 123", "US", "+16502530000"),
    ("138 1234 5678", "CN", "+8613812345678"),
    ("010 6552 9988", "CN", "+861065529988"),
    ("0086 138 1234 5678", "US", "+8613812345678"),
    ("+86 138-1234-5678", "US", "+8613812345678"),
    ("+44 20 7946 0958", "CN", "+442079460958"),
    ("020 7946 0958", "GB", "+442079460958"),
    ("06 6982 1234", "IT", "+390669821234"),
    ("+39 06 6982 1234", "", "+390669821234"),
])
def test_normalize_valid_numbers(raw, region, expected):
    assert normalize_phone(raw, region) == expected


@pytest.mark.parametrize(("raw", "region"), [
    ("", "US"),
    ("   ", "US"),
    ("12345", "US"),
    ("abc", "US"),
    ("138 1234 5678", "US"),  # a Chinese mobile number is not a US number
    ("6502530000", ""),  # no country code and no region to assume
    ("+999 123456789", "US"),
    ("+1 650 253 00001", "US"),
])
def test_normalize_invalid_numbers(raw, region):
    assert normalize_phone(raw, region) is None


@pytest.mark.parametrize(("region", "number"), EXAMPLES, ids=lambda v: str(v).split()[0][:8])
def test_national_format_is_read_with_the_region(region, number):
    national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    assert normalize_phone(national, region) == e164


def test_there_are_enough_example_numbers():
    assert len(EXAMPLES) > 150


@st.composite
def international_numbers(draw) -> str:
    """A valid example number, often with its last digits replaced (so often invalid)."""
    _, number = draw(st.sampled_from(EXAMPLES))
    national = str(number.national_number)
    if number.italian_leading_zero:
        national = "0" * (number.number_of_leading_zeros or 1) + national
    keep = draw(st.integers(min_value=max(1, len(national) - 4), max_value=len(national)))
    tail = draw(st.text(alphabet="0123456789", min_size=0, max_size=len(national) - keep + 1))
    digits = f"{number.country_code}{national[:keep]}{tail}"
    style = draw(st.sampled_from(("plain", "spaced", "dashed")))
    if style == "spaced":
        return "+" + " ".join(digits[i:i + 3] for i in range(0, len(digits), 3))
    if style == "dashed":
        return f"+{digits[:2]}-{digits[2:]}"
    return "+" + digits


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=international_numbers(), region=st.sampled_from(("", *REGIONS)))
def test_fast_path_agrees_with_the_library(text, region):
    assert normalize_phone(text, region) == _reference(text, region or None)


@settings(max_examples=100, deadline=None)
@given(example=st.sampled_from(EXAMPLES), region=st.sampled_from(REGIONS))
def test_normalizing_is_idempotent(example, region):
    _, number = example
    once = normalize_phone(phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL), region)
    assert once == phonenumbers.format_number(number, PhoneNumberFormat.E164)
    assert normalize_phone(once, region) == once


def test_format_phone():
    assert format_phone("+8613812345678") == "+86 138 1234 5678"
    assert format_phone("+16502530000") == "+1 650-253-0000"
    assert format_phone("not a number") == "not a number"


def test_search_forms_with_and_without_country_code():
    assert search_forms("+8613812345678") == "8613812345678 13812345678"
    assert search_forms("+16502530000") == "16502530000 6502530000"
    assert search_forms("+442079460958") == "442079460958 2079460958"
    assert search_forms("12345") == "12345"


def test_is_valid_region():
    assert is_valid_region("CN")
    assert is_valid_region("US")
    assert not is_valid_region("XX")
    assert not is_valid_region("")


@st.composite
def national_numbers(draw) -> tuple[str, str]:
    """(text, region): an example number as written at home, its digits often changed, or any digits."""
    region, number = draw(st.sampled_from(EXAMPLES))
    if draw(st.booleans()):
        digits = draw(st.text(alphabet="0123456789", min_size=1, max_size=18))
        region = draw(st.sampled_from(REGIONS))
    else:
        national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
        digits = "".join(c for c in national if c.isdigit())
        keep = draw(st.integers(min_value=max(1, len(digits) - 4), max_value=len(digits)))
        digits = digits[:keep] + draw(st.text(alphabet="0123456789", max_size=len(digits) - keep + 1))
        if draw(st.booleans()):
            region = draw(st.sampled_from(REGIONS))  # read as another country's number
    style = draw(st.sampled_from(("plain", "spaced", "dashed", "dotted", "bracketed", "mixed")))
    if style == "spaced":
        return " ".join(digits[i:i + 4] for i in range(0, len(digits), 4)), region
    if style == "dashed":
        return "-".join(digits[i:i + 3] for i in range(0, len(digits), 3)), region
    if style == "dotted":
        return f"{digits[:3]}.{digits[3:6]}.{digits[6:]}", region
    if style == "bracketed":
        return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}", region
    if style == "mixed":
        seps = draw(st.lists(st.sampled_from((" ", "-", ".", "(", ")", "")), min_size=len(digits),
                             max_size=len(digits)))
        return "".join(d + s for d, s in zip(digits, seps, strict=True)).strip(), region
    return digits, region


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=national_numbers())
def test_numbers_without_a_country_code_read_as_the_library_reads_them(case):
    text, region = case
    assert normalize_phone(text, region) == _reference(text, region)


@pytest.mark.parametrize(("region", "number"), EXAMPLES, ids=lambda v: str(v).split()[0][:8])
def test_every_example_number_written_without_its_trunk_prefix_agrees(region, number):
    digits = str(number.national_number)
    for text in (digits, " ".join([digits[:3], digits[3:]]), f"({digits[:3]}) {digits[3:]}"):
        for other in ("US", "CN", "GB", region):
            assert normalize_phone(text, other) == _reference(text, other), (text, other)
