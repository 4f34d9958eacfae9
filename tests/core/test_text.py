import pytest

from crm_desktop.core.text import (
    company_key,
    fold,
    fts_match_expression,
    has_cjk,
    index_text,
    query_terms,
)


@pytest.mark.parametrize(("text", "expected"), [
    ("Müller", "muller"),
    ("  José   GARCÍA ", "jose garcia"),
    ("Straße", "strasse"),
    ("Ｆｕｌｌ Ｗｉｄｔｈ", "full width"),
    ("Østergaard", "østergaard"),  # ø is a letter of its own, not o with a mark
    ("张伟", "张伟"),
    ("", ""),
])
def test_fold(text, expected):
    assert fold(text) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("ACME Inc.", "acme"),
    ("Acme, Inc", "acme"),
    ("acme", "acme"),
    ("Acme Holdings Co., Ltd.", "acme holdings"),
    ("Müller GmbH", "muller"),
    ("Inc", "inc"),  # a name that is only a suffix keeps it
    ("北京华信科技有限公司", "北京华信科技"),
    ("华信集团", "华信"),
    ("华信股份有限公司", "华信"),
    ("", ""),
])
def test_company_key(name, expected):
    assert company_key(name) == expected


def test_company_key_tells_different_companies_apart():
    assert company_key("Acme Labs Inc.") != company_key("Acme Foods Inc.")


def test_has_cjk():
    assert has_cjk("Alice 张")
    assert has_cjk("さくら")
    assert has_cjk("김민준")
    assert not has_cjk("Müller, José")
    assert not has_cjk("")


def test_index_text_makes_each_cjk_character_a_token():
    assert index_text("张伟 Alice").split() == ["张", "伟", "Alice"]
    assert index_text("Alice Smith") == "Alice Smith"
    assert index_text("") == ""


@pytest.mark.parametrize(("text", "stored"), [
    ("张伟", " 张  伟 "),
    ("ABC公司", "ABC 公  司 "),
    ("a张b", "a 张 b"),
    ("北京 Acme", " 北  京  Acme"),
    ("𠀀x", " 𠀀 x"),  # a character beyond the BMP (extension B)
])
def test_index_text_pads_every_cjk_character_with_a_space_each_side(text, stored):
    # Documents written by earlier versions have exactly this form; new ones must match it.
    assert index_text(text) == stored


@pytest.mark.parametrize(("typed", "terms"), [
    ("ali", ["ali"]),
    ("张伟 ali", ["ali", "张伟"]),
    ("王芳x", ["x", "王芳"]),
    ("O'Brien", ["O", "Brien"]),
    ("a-b c_d", ["a", "b", "c", "d"]),
    ("  ...  ", []),
])
def test_query_terms(typed, terms):
    assert query_terms(typed) == terms


@pytest.mark.parametrize(("typed", "expression"), [
    ("ali", '"ali"*'),
    ("Ali Smi", '"Ali"* "Smi"*'),
    ("张伟", '"张 伟"'),
    ("伟", '"伟"'),
    ("张伟 ali", '"ali"* "张 伟"'),
    # Quotes and FTS5 operators are never passed through: every term is a quoted string.
    ('say "hi"', '"say"* "hi"*'),
    ('ab"', '"ab"*'),
    ("NOT alice", '"NOT"* "alice"*'),
    ("a* OR b", '"a"* "OR"* "b"*'),
])
def test_fts_match_expression(typed, expression):
    assert fts_match_expression(typed) == expression


@pytest.mark.parametrize("typed", ["", "   ", '"', "***", "()"])
def test_nothing_searchable_gives_no_expression(typed):
    assert fts_match_expression(typed) is None
