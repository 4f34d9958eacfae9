"""Segments (smart lists): a filter of conditions in AND/OR groups, as plain data.

Storage compiles a filter to SQL (``storage.segments``); nothing here knows about SQL.
A filter is a ``Group`` of ``Condition`` and nested ``Group`` items; ``match`` says
whether every item ("all", AND) or at least one ("any", OR) must hold. Filters are saved
as JSON and are hashable, so a list query can carry one.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from .errors import FieldError, ValidationError

ENTITIES = ("contact", "company", "deal")

# Kinds of field, and what can be asked of each.
OPS: dict[str, tuple[str, ...]] = {
    "text": ("contains", "not_contains", "is", "is_not", "starts_with", "empty", "not_empty"),
    "number": ("eq", "ne", "gt", "gte", "lt", "lte", "empty", "not_empty"),
    "date": ("before", "after", "within_days", "not_within_days", "empty", "not_empty"),
    "tags": ("has_any", "has_all", "has_none"),
    "owner": ("is", "is_not", "empty", "not_empty"),
    "interaction": ("within_days", "not_within_days", "never"),
    "choice": ("is", "is_not"),
    "flag": ("set", "not_set"),
}
# Operators that take no value.
NO_VALUE = frozenset({"empty", "not_empty", "never", "set", "not_set"})
# Operators whose value is a list of ids (tags, owners, stages).
ID_LIST = frozenset({"has_any", "has_all", "has_none"})

# The fields of each kind of record a condition can name, with their kind.
CONTACT_FIELDS: dict[str, str] = {
    "name": "text", "given_name": "text", "family_name": "text", "title": "text",
    "company": "text", "email": "text", "phone": "text", "street": "text", "city": "text",
    "region": "text", "postal_code": "text", "country": "text", "source": "text", "notes": "text",
    "owner": "owner", "tags": "tags", "created": "date", "updated": "date", "birthday": "date",
    "last_interaction": "interaction", "score": "number", "open_deals": "number",
    "do_not_contact": "flag",
}
COMPANY_FIELDS: dict[str, str] = {
    "name": "text", "industry": "text", "website": "text", "email": "text", "phone": "text",
    "street": "text", "city": "text", "region": "text", "postal_code": "text", "country": "text",
    "source": "text", "notes": "text", "employees": "number", "people": "number", "owner": "owner",
    "tags": "tags", "created": "date", "updated": "date", "last_interaction": "interaction",
    "open_deals": "number",
}
DEAL_FIELDS: dict[str, str] = {
    "title": "text", "value": "number", "currency": "text", "status": "choice", "stage": "owner",
    "pipeline": "owner", "owner": "owner", "tags": "tags", "expected_close": "date",
    "closed": "date", "created": "date", "updated": "date", "source": "text", "next_step": "text",
    "probability": "number", "last_interaction": "interaction",
}
FIELDS = {"contact": CONTACT_FIELDS, "company": COMPANY_FIELDS, "deal": DEAL_FIELDS}
DEAL_STATUSES = ("open", "won", "lost")

# Custom fields are named "custom:<id>"; their type maps onto a kind of field.
CUSTOM_PREFIX = "custom:"
CUSTOM_KINDS = {"number": "number", "date": "date"}  # anything else compares as text


def custom_key(field_id: int) -> str:
    return f"{CUSTOM_PREFIX}{field_id}"


def custom_id(key: str) -> int | None:
    if not key.startswith(CUSTOM_PREFIX):
        return None
    try:
        return int(key[len(CUSTOM_PREFIX):])
    except ValueError:
        return None


def custom_kind(field_type: str) -> str:
    return CUSTOM_KINDS.get(field_type, "text")


@dataclass(frozen=True)
class Condition:
    field: str
    op: str
    value: object = None  # str, int, float, an ISO date string, or a tuple of ids


@dataclass(frozen=True)
class Group:
    match: str = "all"  # "all" (AND) or "any" (OR)
    items: tuple[Condition | Group, ...] = ()

    def is_empty(self) -> bool:
        return not self.items

    def conditions(self) -> list[Condition]:
        """Every condition, nested groups included."""
        found: list[Condition] = []
        for item in self.items:
            found += item.conditions() if isinstance(item, Group) else [item]
        return found


@dataclass(frozen=True)
class Segment:
    id: int
    name: str
    entity: str
    filter: Group = field(default_factory=Group)
    position: int = 0


# -- JSON --------------------------------------------------------------------------------
def to_data(item: Condition | Group) -> dict:
    if isinstance(item, Group):
        return {"match": item.match, "items": [to_data(i) for i in item.items]}
    value = list(item.value) if isinstance(item.value, tuple) else item.value
    return {"field": item.field, "op": item.op, "value": value}


def from_data(data: dict) -> Condition | Group:
    if "items" in data:
        return Group(str(data.get("match", "all")), tuple(from_data(i) for i in data["items"]))
    value = data.get("value")
    if isinstance(value, list):
        value = tuple(value)
    return Condition(str(data["field"]), str(data["op"]), value)


def to_json(group: Group) -> str:
    return json.dumps(to_data(group), ensure_ascii=False, sort_keys=True)


def from_json(text: str) -> Group:
    item = from_data(json.loads(text or "{}") or {"items": []})
    return item if isinstance(item, Group) else Group("all", (item,))


# -- checking ----------------------------------------------------------------------------
def field_kind(entity: str, key: str, custom_types: dict[int, str] | None = None) -> str | None:
    """The kind of a field of ``entity``, or None if there is no such field."""
    fid = custom_id(key)
    if fid is not None:
        types = custom_types or {}
        return custom_kind(types[fid]) if fid in types else None
    return FIELDS.get(entity, {}).get(key)


def validate(group: Group, entity: str, custom_types: dict[int, str] | None = None) -> Group:
    """The filter, if every condition names a known field and an operator and value it takes."""
    if entity not in FIELDS:
        raise ValidationError([FieldError("entity", "invalid", entity)])
    errors: list[FieldError] = []
    _check_group(group, entity, custom_types, errors, 0)
    if errors:
        raise ValidationError(errors)
    return group


def _check_group(group: Group, entity: str, custom_types, errors: list[FieldError], depth: int) -> None:
    if group.match not in ("all", "any") or depth > 4:
        errors.append(FieldError("match", "invalid", group.match))
    for item in group.items:
        if isinstance(item, Group):
            _check_group(item, entity, custom_types, errors, depth + 1)
        else:
            code = _condition_problem(item, entity, custom_types)
            if code:
                errors.append(FieldError(item.field, code, item.op))


def _condition_problem(c: Condition, entity: str, custom_types) -> str | None:
    kind = field_kind(entity, c.field, custom_types)
    if kind is None:
        return "unknown_field"
    if c.op not in OPS[kind]:
        return "invalid_op"
    if c.op in NO_VALUE:
        return None
    return _value_problem(kind, c.op, c.value)


def _value_problem(kind: str, op: str, value: object) -> str | None:
    if kind in ("tags", "owner"):
        ok = isinstance(value, tuple) and value and all(isinstance(v, int) for v in value)
        return None if ok else "required"
    if kind in ("date", "interaction") and op in ("within_days", "not_within_days"):
        return None if isinstance(value, int) and value >= 0 else "invalid"
    if kind == "date":
        try:
            dt.date.fromisoformat(str(value))
        except ValueError:
            return "invalid"
        return None
    if kind == "number":
        return None if isinstance(value, int | float) and not isinstance(value, bool) else "invalid"
    if kind == "choice":
        return None if isinstance(value, str) and value else "required"
    return None if isinstance(value, str) and value.strip() else "required"
