"""Personal names: building a display name and splitting a full name."""

from __future__ import annotations

from .text import has_cjk

# The most common two-character Chinese family names (复姓); everything else takes one character.
_COMPOUND_SURNAMES = {
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙",
    "宇文", "司徒", "令狐", "夏侯", "轩辕", "端木", "南宫", "独孤", "澹台", "呼延",
}


def display_name(given: str, family: str) -> str:
    """Chinese names are written family name first with no space; others given name first."""
    given, family = given.strip(), family.strip()
    if has_cjk(given + family):
        return family + given
    return " ".join(p for p in (given, family) if p)


def split_full_name(full: str) -> tuple[str, str]:
    """Return (given, family) for a full name as people type it.

    张伟 and 张 伟 → (伟, 张); 欧阳娜娜 → (娜娜, 欧阳); "Alice Smith" → (Alice, Smith);
    "Smith, Alice" → (Alice, Smith); a single word is a given name.
    """
    full = " ".join(full.split())
    if not full:
        return "", ""
    if has_cjk(full) and "," not in full and " " in full:
        family, _, given = full.partition(" ")  # family name first, as in 张 伟
        return given, family
    if has_cjk(full) and " " not in full:
        if len(full) >= 3 and full[:2] in _COMPOUND_SURNAMES:
            return full[2:], full[:2]
        if len(full) == 1:
            return full, ""
        return full[1:], full[0]
    if "," in full:
        family, _, given = full.partition(",")
        return given.strip(), family.strip()
    if " " not in full:
        return full, ""
    given, _, family = full.rpartition(" ")
    return given, family


def initials(name: str) -> str:
    """Up to two letters for an avatar: "Alice Smith" → "AS", 张伟 → "张"."""
    name = name.strip()
    if not name:
        return "?"
    if has_cjk(name[0]):
        return name[0]
    words = [w for w in name.split() if w[:1].isalnum()]
    return "".join(w[0].upper() for w in words[:2]) or name[0].upper()
