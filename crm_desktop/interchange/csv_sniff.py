"""Guessing how a text table was written: its encoding and its delimiter."""

from __future__ import annotations

import codecs
import csv
import io
import re

SAMPLE_BYTES = 256 * 1024
DELIMITERS = (",", ";", "\t", "|")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_KANA = re.compile("[\u3040-\u30ff]")
_LATIN_NEXT_TO_CJK = re.compile("[A-Za-z][\u3400-\u4dbf\u4e00-\u9fff]|[\u3400-\u4dbf\u4e00-\u9fff][A-Za-z]")


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 text of mostly ASCII has a zero in every other byte."""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > len(odd) * 0.4 and even.count(0) < len(even) * 0.05:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.4 and odd.count(0) < len(odd) * 0.05:
        return "utf-16-be"
    return None


def _is_utf8(sample: bytes, complete: bool) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(sample, final=complete)
    except UnicodeDecodeError:
        return False
    return True


def detect_encoding(sample: bytes, complete: bool = False) -> str:
    """The encoding of a text file from its first bytes (``complete``: the sample is the whole file)."""
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return name
    utf16 = _utf16_without_bom(sample[:4096])
    if utf16:
        return utf16
    if _is_utf8(sample, complete):
        return "utf-8"
    return _legacy_encoding(sample, complete)


def _plausible_cjk(sample: bytes, encoding: str, complete: bool) -> str | None:
    """The sample decoded, when it decodes cleanly and reads as CJK text rather than mojibake.

    Latin-1 bytes often decode as GB18030 too, but then single ideographs sit between
    Latin letters ("premi\u7a51e"); real Chinese or Japanese keeps its characters in runs.
    """
    try:
        text = sample.decode(encoding)
    except UnicodeDecodeError:
        if complete:
            return None
        try:  # the sample may end inside a character
            text = sample[:-1].decode(encoding)
        except UnicodeDecodeError:
            return None
    cjk = len(_CJK.findall(text))
    if not cjk or len(_LATIN_NEXT_TO_CJK.findall(text)) > 0.2 * cjk:
        return None
    return text


def _legacy_encoding(sample: bytes, complete: bool) -> str:
    """Shift_JIS (when the text has kana), GB18030, or Windows-1252 for Western text."""
    japanese = _plausible_cjk(sample, "cp932", complete)
    if japanese and _KANA.search(japanese):
        return "cp932"
    if _plausible_cjk(sample, "gb18030", complete):
        return "gb18030"
    if japanese:
        return "cp932"
    return "cp1252"


def _counts_per_line(text: str, delimiter: str) -> list[int]:
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, quotechar='"')
    counts = []
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                counts.append(len(row))
            if len(counts) >= 50:
                break
    except csv.Error:
        return []
    return counts[:-1] if len(counts) > 2 else counts  # the last line of a sample may be cut


def detect_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most columns, most consistently."""
    best, best_score = ",", 0.0
    for delimiter in DELIMITERS:
        counts = _counts_per_line(text, delimiter)
        if not counts:
            continue
        widest = max(counts)
        if widest < 2:
            continue
        modal = max(set(counts), key=counts.count)
        consistency = counts.count(modal) / len(counts)
        score = consistency * min(modal, 50) + (0.5 if delimiter == "," else 0)
        if score > best_score:
            best, best_score = delimiter, score
    return best
