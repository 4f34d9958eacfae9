"""Finding the header row of a table and recognising what its columns hold."""

from __future__ import annotations

import re
import unicodedata

from ..core.emails import is_valid_email

_NOISE = re.compile(r"[\s_\-./:()（）#*?？'’\"]+")
EMAIL_LIKE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE_LIKE = re.compile(r"^\+?[\d\s().\-/]{7,24}$")
URL_LIKE = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)


def header_key(text: str) -> str:
    """A header as compared with synonyms: folded case and width, no spaces or punctuation."""
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    return _NOISE.sub("", text)


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _is_headerish(value) -> bool:
    text = _text(value)
    return bool(text) and isinstance(value, str) and not EMAIL_LIKE.match(text) \
        and not PHONE_LIKE.match(text) and len(text) <= 200


def find_header_row(rows: list[list], known: set[str], scan: int = 30) -> int | None:
    """Index of the header row among the first rows, or None when the table has no header.

    A header has several distinct text cells, is about as wide as the rows below it, and
    names known fields more often than a title or a note does; rows above it (titles,
    blank lines, a merged title repeated across the row) score lower.
    """
    best, best_score = None, 0.0
    for i, row in enumerate(rows[:scan]):
        texts = [_text(v) for v in row if _text(v)]
        if len(texts) < 1:
            continue
        below = [sum(1 for v in r if _text(v)) for r in rows[i + 1:i + 6]]
        width_below = max(below) if below else 0
        distinct = len(set(texts))
        headerish = sum(1 for v in row if _is_headerish(v))
        if headerish < max(1, len(texts) * 0.8) or distinct < max(1, len(texts) * 0.5):
            continue
        if len(texts) == 1 and width_below > 1:
            continue  # a title or a note above the table
        matches = sum(1 for t in texts if header_key(t) in known)
        score = matches * 3 + distinct + (2 if width_below and distinct >= width_below * 0.6 else 0)
        if width_below and distinct < width_below * 0.5:
            score -= 4
        if score > best_score:
            best, best_score = i, score
    if best is not None and _looks_like_data(rows, best, known):
        return None
    return best


def _looks_like_data(rows: list[list], index: int, known: set[str]) -> bool:
    """A first row of names and e-mails that matches no known header is data, not a header."""
    row = rows[index]
    texts = [_text(v) for v in row if _text(v)]
    if any(header_key(t) in known for t in texts):
        return False
    if any(EMAIL_LIKE.match(t) for t in texts):
        return True
    following = rows[index + 1:index + 6]
    if not following:
        return False
    # Data rows below with the same shape and no numbers/emails in the candidate: still a header.
    return all(isinstance(v, (int, float)) or v is None for v in row) and bool(texts)


_DATE_LIKE = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")


def sniff_column(values: list) -> str:
    """What a column's sample values look like: 'email', 'phone', 'url' or ''."""
    if any(not isinstance(v, (str, int)) or isinstance(v, bool) for v in values if v is not None):
        return ""  # dates, decimals and flags are not contact details
    texts = [_text(v) for v in values if _text(v)]
    if any(_DATE_LIKE.match(t) for t in texts):
        return ""
    if not texts:
        return ""
    n = len(texts)
    if sum(1 for t in texts if is_valid_email(t)) >= 0.6 * n:
        return "email"
    if sum(1 for t in texts if URL_LIKE.match(t)) >= 0.6 * n:
        return "url"
    phoneish = [t for t in texts if PHONE_LIKE.match(t) and 8 <= sum(ch.isdigit() for ch in t) <= 15]
    if len(phoneish) >= 0.8 * n:
        return "phone"
    return ""
