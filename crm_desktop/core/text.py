"""Text folding and tokenising for search.

SQLite's unicode61 tokenizer splits on spaces and punctuation and folds case and
diacritics, but Chinese, Japanese and Korean are written without spaces, so a
name such as 张伟 would be one token and typing 伟 would not find it. Before
text goes into the full-text index every CJK character is made a token of its
own; a query turns a run of CJK characters into a phrase of adjacent tokens.
"""

from __future__ import annotations

import re
import unicodedata

# Han (incl. extension A and compatibility ideographs), kana, Hangul syllables and jamo.
_CJK = (
    "\u1100-\u11ff\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3130-\u318f\u31a0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f"
)
_CJK_CHAR = re.compile(f"[{_CJK}]")
_CJK_RUN = re.compile(f"[{_CJK}]+")
_CJK_SPLIT = re.compile(f"([{_CJK}])")
# What unicode61 treats as token characters: letters, digits (and marks on them).
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def has_cjk(text: str) -> bool:
    return _CJK_CHAR.search(text) is not None


def index_text(text: str) -> str:
    """Text as it is stored in the full-text index: every CJK character stands alone."""
    if not text or not has_cjk(text):
        return text or ""
    # Splitting on a captured character keeps it as its own list item, and joining with
    # spaces pads it exactly as substituting " \g<0> " would; a template substitution
    # calls back into Python for every character, the split does not.
    return " ".join(_CJK_SPLIT.split(text))


_PHONE_LIKE = re.compile(r"\+?[\d\s\-().\u00a0/]*\d[\d\s\-().\u00a0/]*")


def query_terms(text: str) -> list[str]:
    """Split what a user typed into search terms: latin words and CJK runs.

    A query that looks like a phone number typed with separators ("650-253 00")
    becomes one run of digits, which is how numbers are indexed.
    """
    if _PHONE_LIKE.fullmatch(text.strip()) and sum(c.isdigit() for c in text) >= 3:
        return ["".join(c for c in text if c.isdigit())]
    terms: list[str] = []
    for chunk in _CJK_RUN.split(text):
        terms.extend(_WORD.findall(chunk))
    terms.extend(_CJK_RUN.findall(text))
    return terms


def fts_match_expression(text: str) -> str | None:
    """An FTS5 MATCH expression finding records that contain every term typed.

    Latin words match as prefixes (``ali`` finds Alice); a CJK run matches as a
    phrase of adjacent characters anywhere in a name (``伟`` and ``张伟`` find 张伟).
    Returns None when nothing searchable was typed.
    """
    parts: list[str] = []
    for term in query_terms(text):
        if has_cjk(term):
            parts.append('"' + " ".join(term) + '"')
        else:
            parts.append('"' + term.replace('"', '""') + '"*')
    return " ".join(parts) if parts else None


def fold(text: str) -> str:
    """Lower-case, strip diacritics and collapse spaces: a key for comparing names."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.split())


_COMPANY_SUFFIXES = {
    "inc", "incorporated", "llc", "ltd", "limited", "co", "corp", "corporation", "company",
    "gmbh", "ag", "sa", "sarl", "bv", "plc", "pty", "kk", "srl", "spa", "oy", "ab", "as",
}
_COMPANY_CJK_SUFFIXES = ("有限责任公司", "股份有限公司", "有限公司", "集团", "公司")


def company_key(name: str) -> str:
    """Normalised company name for matching: "ACME Inc." and "Acme, Inc" give the same key."""
    folded = fold(name)
    for suffix in _COMPANY_CJK_SUFFIXES:
        if folded.endswith(suffix) and len(folded) > len(suffix):
            folded = folded[: -len(suffix)]
            break
    words = _WORD.findall(folded)
    while len(words) > 1 and words[-1] in _COMPANY_SUFFIXES:
        words.pop()
    return " ".join(words)
