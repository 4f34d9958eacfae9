import pytest

from crm_desktop.core.names import display_name, initials, split_full_name


@pytest.mark.parametrize(("full", "expected"), [
    ("张伟", ("伟", "张")),
    ("王秀英", ("秀英", "王")),
    ("欧阳娜娜", ("娜娜", "欧阳")),
    ("司马相如", ("相如", "司马")),
    ("诸葛亮", ("亮", "诸葛")),
    # Two characters that happen to start a compound surname are family + given.
    ("欧阳", ("阳", "欧")),
    ("王", ("王", "")),
    ("张 伟", ("伟", "张")),
    ("欧阳 娜娜", ("娜娜", "欧阳")),
    ("Alice Smith", ("Alice", "Smith")),
    ("  Mary  Ann   Smith ", ("Mary Ann", "Smith")),
    ("José María García", ("José María", "García")),
    ("Smith, Alice", ("Alice", "Smith")),
    ("van der Berg,  Jan ", ("Jan", "van der Berg")),
    ("Alice", ("Alice", "")),
    ("", ("", "")),
    ("   ", ("", "")),
])
def test_split_full_name(full, expected):
    assert split_full_name(full) == expected


@pytest.mark.parametrize("full", ["张伟", "欧阳娜娜", "张 伟", "Alice Smith", "Mary Ann Smith"])
def test_split_then_display_gives_the_name_back_without_extra_spaces(full):
    given, family = split_full_name(full)
    assert display_name(given, family) == full.replace("张 伟", "张伟")


@pytest.mark.parametrize(("given", "family", "expected"), [
    ("伟", "张", "张伟"),
    ("娜娜", "欧阳", "欧阳娜娜"),
    (" Alice ", " Smith ", "Alice Smith"),
    ("Alice", "", "Alice"),
    ("", "Smith", "Smith"),
    ("", "", ""),
    # A romanised given name with a Chinese family name is still written family first.
    ("Wei", "张", "张Wei"),
])
def test_display_name(given, family, expected):
    assert display_name(given, family) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("Alice Smith", "AS"),
    ("alice smith jones", "AS"),
    ("Alice", "A"),
    ("张伟", "张"),
    ("欧阳娜娜", "欧"),
    ("  bob  ", "B"),
    ("(Bob) Lee", "L"),
    ("...", "."),
    ("", "?"),
    ("   ", "?"),
])
def test_initials(name, expected):
    assert initials(name) == expected
