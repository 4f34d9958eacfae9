import pytest
from hypothesis import given
from hypothesis import strategies as st

from crm_desktop.core.emails import is_valid_email, normalize_email


@pytest.mark.parametrize("address", [
    "alice@example.com",
    "Alice.Smith+crm@sub.Example.co.uk",
    "o'brien@example.ie",
    "user_1@mail-server.example.org",
    "用户@例子.中国",
    "josé@correo.es",
])
def test_valid_addresses(address):
    assert is_valid_email(address)


@pytest.mark.parametrize("address", [
    "",
    "alice",
    "alice@",
    "@example.com",
    "a@b",
    "a@b.c",  # top-level label of one letter
    "alice@example.c0m",
    "a..b@example.com",
    ".alice@example.com",
    "alice.@example.com",
    "a b@example.com",
    "alice@-example.com",
    "alice@example-.com",
    "alice@example.com.",
    "alice@@example.com",
    '"alice"@example.com',
    "x" * 245 + "@example.com",  # longer than 254 characters
])
def test_invalid_addresses(address):
    assert not is_valid_email(address)


def test_normalize_email_trims_and_lowercases():
    assert normalize_email("  Alice.Smith@Example.COM ") == "alice.smith@example.com"


@given(st.emails())
def test_normalized_form_is_idempotent_and_stays_valid(address):
    once = normalize_email(address)
    assert normalize_email(once) == once
    assert is_valid_email(address) == is_valid_email(once)
