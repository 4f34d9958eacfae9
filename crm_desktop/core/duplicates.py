"""Finding duplicate records: name keys, similarity, the rules that score a pair, and groups.

A scan never compares every record with every other. Records are put into blocks that
share a key (the same e-mail, the same E.164 phone, the same company and name initials)
and only pairs inside a block are scored. Each rule that holds for a pair gives a
probability that the two are one; the pair's confidence combines them as independent
evidence (1 - Π(1 - p)). Fuzzy name comparison uses RapidFuzz.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from .text import has_cjk

# How strongly each kind of evidence says "the same person/company".
WEIGHTS = {
    "email": 0.95,  # the same e-mail address
    "email_other_name": 0.75,  # the same e-mail, names unlike (a shared mailbox?)
    "phone": 0.85,  # the same phone number and a similar name
    "phone_other_script": 0.7,  # the same phone, the name written in another script
    "name_company": 0.9,  # the same name at the same company
    "similar_name_company": 0.7,  # a similar name at the same company (typo, nickname)
    "website": 0.85,  # companies: the same web site
    "company_name": 0.9,  # companies: the same normalised name
    "similar_company_name": 0.65,  # companies: a similar name
}
# Pairs below this confidence are not proposed.
THRESHOLD = 0.6
# Names at least this similar (RapidFuzz token-sort ratio, 0-100) count as similar.
SIMILAR_NAME = 85
# A block of more records than this is a shared value (a switchboard, info@...), not a duplicate.
MAX_BLOCK = 50

_SPLIT = re.compile(r"[^\w]+|_", re.UNICODE)
_CJK_SPACES = re.compile(r"(?<=[\u3400-\u9fff])[\s·・,，]+(?=[\u3400-\u9fff])")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_tokens(name: str) -> tuple[str, ...]:
    """The words of a name, folded; a Chinese name written with a space is one word."""
    folded = _CJK_SPACES.sub("", _fold(name))
    return tuple(t for t in _SPLIT.split(folded) if t)


def name_key(name: str) -> str:
    """The same for "Smith, John", "john smith" and "John  Smith"."""
    return " ".join(sorted(name_tokens(name)))


def initials_key(name: str) -> str:
    """First letters of the words, in order: the block of a fuzzy name comparison."""
    return "".join(sorted(t[0] for t in name_tokens(name)))


def name_similarity(a: str, b: str) -> float:
    """0-100: how alike two name keys are (word order does not matter)."""
    from rapidfuzz import fuzz  # imported on the first scan, not at start-up

    if not a or not b:
        return 0.0
    return fuzz.token_sort_ratio(a, b)


def other_script(a: str, b: str) -> bool:
    """One name is written in Chinese characters, the other not (张伟 and Zhang Wei)."""
    return bool(a) and bool(b) and has_cjk(a) != has_cjk(b)


def combine(probabilities: Iterable[float]) -> float:
    remaining = 1.0
    for p in probabilities:
        remaining *= 1.0 - p
    return 1.0 - remaining


def email_domain(value: str) -> str:
    return value.rpartition("@")[2].strip().lower()


def site_key(website: str) -> str:
    """``https://www.Acme.com/about`` → ``acme.com``."""
    host = re.sub(r"^[a-z]+://", "", website.strip().lower()).split("/", 1)[0]
    return host.removeprefix("www.")



@dataclass(frozen=True)
class Candidate:
    """Two records that may be one, lower id first."""

    first_id: int
    second_id: int
    score: float  # 0-1
    reasons: tuple[str, ...]  # keys of WEIGHTS
    group: int = 0  # candidates sharing records share a group number

    @property
    def pair(self) -> tuple[int, int]:
        return self.first_id, self.second_id


@dataclass
class ScanResult:
    entity: str
    candidates: list[Candidate] = field(default_factory=list)
    scanned: int = 0  # live records looked at
    skipped_blocks: int = 0  # shared values left out (more than MAX_BLOCK records)
    cancelled: bool = False

    def groups(self) -> dict[int, list[Candidate]]:
        out: dict[int, list[Candidate]] = {}
        for c in self.candidates:
            out.setdefault(c.group, []).append(c)
        return out


class Evidence:
    """The reasons found so far for each pair, then the candidates they make."""

    def __init__(self, excluded: set[tuple[int, int]] | None = None) -> None:
        self.reasons: dict[tuple[int, int], set[str]] = {}
        self.excluded = excluded or set()

    def add(self, a: int, b: int, reason: str) -> None:
        if a == b:
            return
        pair = (a, b) if a < b else (b, a)
        if pair not in self.excluded:
            self.reasons.setdefault(pair, set()).add(reason)

    def candidates(self, threshold: float = THRESHOLD) -> list[Candidate]:
        scored = []
        for pair, reasons in self.reasons.items():
            score = combine(WEIGHTS[r] for r in reasons)
            if score >= threshold:
                scored.append((pair, round(score, 4), tuple(sorted(reasons))))
        groups = group_numbers(p for p, _, _ in scored)
        found = [Candidate(a, b, s, r, groups[a]) for (a, b), s, r in scored]
        found.sort(key=lambda c: (-c.score, c.first_id, c.second_id))
        return found


def group_numbers(pairs: Iterable[tuple[int, int]]) -> dict[int, int]:
    """Union-find over the pairs: each record's group number (the smallest id in it)."""
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: root(x) for x in parent}


# -- merging ---------------------------------------------------------------------------------
# The fields a merge chooses between, and the stored columns each one sets.
MERGE_FIELDS = {
    "contact": {
        "name": ("given_name", "family_name", "full_name"), "title": ("title",),
        "company": ("company_id", "company_name"), "email": ("email",), "phone": ("phone",),
        "street": ("street",), "city": ("city",), "region": ("region",), "postal_code": ("postal_code",),
        "country": ("country",), "website": ("website",), "preferred_channel": ("preferred_channel",),
        "birthday": ("birthday",), "source": ("source",), "notes": ("notes",), "owner": ("owner_id",),
    },
    "company": {
        "name": ("name", "name_key"), "website": ("website",), "industry": ("industry",),
        "employees": ("employees",), "phone": ("phone",), "email": ("email",), "street": ("street",),
        "city": ("city",), "region": ("region",), "postal_code": ("postal_code",), "country": ("country",),
        "source": ("source",), "notes": ("notes",), "owner": ("owner_id",),
    },
}
SURVIVOR, OTHER = "survivor", "other"


@dataclass(frozen=True)
class MergeField:
    """One field of a merge: both records' values and the side that wins unless the user says."""

    key: str  # a MERGE_FIELDS key, or "custom:<id>"
    survivor: dict  # stored column -> value
    other: dict
    default: str  # SURVIVOR or OTHER

    @property
    def differs(self) -> bool:
        return self.survivor != self.other


@dataclass(frozen=True)
class MergePlan:
    entity: str
    survivor_id: int
    other_id: int
    fields: tuple[MergeField, ...]


def _empty(values: dict) -> bool:
    return all(v in (None, "") for v in values.values())


def default_side(survivor: dict, other: dict, other_is_newer: bool) -> str:
    """The most recent non-empty value wins."""
    if _empty(other) or survivor == other:
        return SURVIVOR
    if _empty(survivor):
        return OTHER
    return OTHER if other_is_newer else SURVIVOR


def plan_fields(entity: str, survivor: dict, other: dict, other_is_newer: bool,
                survivor_custom: dict[int, str], other_custom: dict[int, str]) -> tuple[MergeField, ...]:
    fields = []
    for key, columns in MERGE_FIELDS[entity].items():
        a = {c: survivor[c] for c in columns}
        b = {c: other[c] for c in columns}
        fields.append(MergeField(key, a, b, default_side(a, b, other_is_newer)))
    for fid in sorted(set(survivor_custom) | set(other_custom)):
        a, b = {"value": survivor_custom.get(fid, "")}, {"value": other_custom.get(fid, "")}
        fields.append(MergeField(f"custom:{fid}", a, b, default_side(a, b, other_is_newer)))
    return tuple(fields)
