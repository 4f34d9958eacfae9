"""What an import will do, before anything is stored: the file, its header, the mapping, the choices."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..core.records import Channel, CompanyDraft, ContactDraft
from .dates import DMY, MDY, is_ambiguous, order_hint
from .headers import find_header_row, header_key
from .mapping import ENTITIES, EntitySpec, Mapping, auto_map, cell_text
from .readers import TableSource, open_table

HEAD_ROWS = 40
DATE_SCAN_ROWS = 10_000

# What to do with a row that matches an existing record (or an earlier row of the file).
SKIP, FILL, OVERWRITE, CREATE = "skip", "fill", "overwrite", "create"
DUPLICATE_ACTIONS = (SKIP, FILL, OVERWRITE, CREATE)
# What to do with a row some of whose values are not valid.
IMPORT_ANYWAY, SKIP_ROW = "import", "skip"


@dataclass
class ImportOptions:
    on_duplicate: str = SKIP
    on_problem: str = IMPORT_ANYWAY
    row_actions: dict[int, str] = field(default_factory=dict)  # file row number → an action above
    fixes: dict[tuple[int, int], str] = field(default_factory=dict)  # (file row, column) → new text


@dataclass
class ImportPlan:
    path: Path
    source: TableSource
    entity: EntitySpec
    header_row: int | None
    headers: list[str]
    mapping: Mapping
    profile: str = ""  # the saved mapping that was applied, if any
    undecided_dates: dict[int, str] = field(default_factory=dict)  # column → "" (either) | "mixed"
    dates_scanned: set[int] = field(default_factory=set)  # the columns detect_date_orders looked at

    @property
    def first_data_row(self) -> int:
        return 0 if self.header_row is None else self.header_row + 1

    def data_rows(self) -> Iterator[tuple[int, list]]:
        """(row number as the user sees it, counting from 1; cells) of every row below the header."""
        start = self.first_data_row
        for i, row in enumerate(self.source.rows()):
            if i >= start:
                yield i + 1, row

    def identifies_records(self) -> bool:
        """Whether some column gives each record a name (or, for people, an e-mail or phone)."""
        needed = {"full_name", "given_name", "family_name", "email", "mobile", "work_phone", "home_phone",
                  "phone"} if self.entity.name == "contact" else {"name"}
        return any(t in needed for t in self.mapping.targets)

    def header_signature(self) -> str:
        return "\x1f".join(header_key(h) for h in self.headers)

    def mapping_json(self) -> str:
        return json.dumps({"headers": self.headers, "targets": self.mapping.targets,
                           "date_order": self.mapping.date_order}, ensure_ascii=False)


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def build_plan(path: Path | str, entity: str = "contact", sheet: int | None = None,
               source: TableSource | None = None, custom: Sequence[tuple[int, str]] = ()) -> ImportPlan:
    """Open the file, find its header row and propose a mapping (raises ImportRefused).

    ``custom`` lists the entity's custom fields (id, label): a column headed by a label fills it.
    """
    source = source or open_table(path)
    if sheet is not None:
        source.select(sheet)
    spec = ENTITIES[entity]
    head = source.head(HEAD_ROWS)
    if not any(cell_text(v) for row in head for v in row):
        from .readers import ImportRefused

        raise ImportRefused("no_data")
    width = max(len(r) for r in head)
    header_row = find_header_row(head, spec.known_headers())
    if header_row is None:
        headers = [column_letter(i) for i in range(width)]
    else:
        headers = [cell_text(v) or column_letter(i) for i, v in enumerate(
            head[header_row] + [None] * (width - len(head[header_row])))]
    samples = head[(header_row + 1) if header_row is not None else 0:]
    plan = ImportPlan(Path(path), source, spec, header_row, headers,
                      Mapping(auto_map(spec, headers if header_row is not None else [""] * width, samples,
                                       custom if header_row is not None else ())))
    detect_date_orders(plan)
    return plan


def detect_date_orders(plan: ImportPlan, scan: int = DATE_SCAN_ROWS) -> None:
    """Decide the day/month order of each date column from its values; note the ones still open.

    The whole column decides, in one streaming pass that keeps counts, not values: the first
    ``scan`` rows are read for every date column; after them, reading goes on only for the
    columns whose numeric dates could still be read both ways (03/04/2024 and no 25/04/2024
    yet), and stops as soon as one value settles each. A column that is settled early and
    contradicted further down (a 25/04 in a month-first column) gets that row reported as a
    problem when the rows are read, where the user can fix it. Columns whose order is already
    known (a saved mapping) are left as they are.
    """
    date_cols = [i for i, t in enumerate(plan.mapping.targets)
                 if (f := plan.entity.field(t)) is not None and f.kind == "date"
                 and i not in plan.mapping.date_order]
    plan.undecided_dates = {}
    plan.dates_scanned = set(date_cols)
    if not date_cols:
        return
    hints: dict[int, set[str]] = {c: set() for c in date_cols}
    ambiguous: set[int] = set()
    open_cols = list(date_cols)
    for n, (_, row) in enumerate(plan.data_rows()):
        width = len(row)
        for c in open_cols:
            value = row[c] if c < width else None
            if type(value) is not str:
                continue
            hint = order_hint(value)
            if hint:
                hints[c].add(hint)
            elif c not in ambiguous and is_ambiguous(value):
                ambiguous.add(c)
        if n >= scan:
            # Past the first rows: only a column still open to both readings is read on.
            open_cols = [c for c in open_cols if c in ambiguous and not hints[c]]
            if not open_cols:
                break
    for c in date_cols:
        found = hints[c]
        if len(found) == 1:
            plan.mapping.date_order[c] = next(iter(found))
        elif len(found) > 1:
            plan.undecided_dates[c] = "mixed"
        elif c in ambiguous:
            plan.undecided_dates[c] = ""


def _open_date_columns(plan: ImportPlan) -> set[int]:
    return {i for i, t in enumerate(plan.mapping.targets)
            if (f := plan.entity.field(t)) is not None and f.kind == "date"
            and i not in plan.mapping.date_order}


def date_columns_unread(plan: ImportPlan) -> bool:
    """Whether a column mapped to a date has an order neither known nor looked for yet."""
    return not _open_date_columns(plan) <= plan.dates_scanned


def refresh_date_orders(plan: ImportPlan) -> None:
    """After the mapping changed: detect the order of date columns not looked at yet."""
    wanted = _open_date_columns(plan)
    plan.undecided_dates = {c: v for c, v in plan.undecided_dates.items() if c in wanted}
    if not wanted <= plan.dates_scanned:
        detect_date_orders(plan)


def default_date_order(region: str) -> str:
    """Month first where people write it so (US, Philippines, ...), day first elsewhere."""
    return MDY if region.upper() in ("US", "PH", "FM", "MH", "PW", "CA") else DMY


# -- records as JSON, for undo ---------------------------------------------------------------------
_DATE_FIELDS = ("birthday", "consent_given_on", "consent_withdrawn_on")


def draft_to_json(draft) -> str:
    data = dataclasses.asdict(draft)
    for key in _DATE_FIELDS:
        if isinstance(data.get(key), dt.date):
            data[key] = data[key].isoformat()
    data["custom"] = {str(k): v for k, v in data.get("custom", {}).items()}
    return json.dumps(data, ensure_ascii=False)


def draft_from_json(text: str, entity: str):
    data = json.loads(text)
    data["custom"] = {int(k): v for k, v in data.get("custom", {}).items()}
    if entity == "company":
        return CompanyDraft(**data)
    for key in ("emails", "phones", "handles"):
        data[key] = [Channel(**c) for c in data.get(key, [])]
    for key in _DATE_FIELDS:
        if data.get(key):
            data[key] = dt.date.fromisoformat(data[key])
    return ContactDraft(**data)


_LIST_FIELDS = ("emails", "phones", "handles", "tags")


def merge_drafts(existing, incoming, overwrite: bool):
    """The record after an update: only empty fields filled (overwrite=False), or every value replaced.

    Lists (e-mails, phones, tags) gain the new values either way; nothing is removed.
    """
    merged = dataclasses.replace(existing)
    for f in dataclasses.fields(existing):
        name = f.name
        new, old = getattr(incoming, name), getattr(existing, name)
        if name in _LIST_FIELDS:
            setattr(merged, name, _merge_list(old, new))
        elif name == "custom":
            merged.custom = {**new, **old} if not overwrite else {**old, **new}
        elif name in ("company_id", "owner_id"):
            continue
        elif name == "do_not_contact":  # a file can ask for it, never take it back (that is done by hand)
            merged.do_not_contact = bool(old or new)
        elif new not in (None, "") and (overwrite or old in (None, "")):
            setattr(merged, name, new)
    new_company = getattr(incoming, "company_name", "")
    if new_company and merged.company_name == new_company and existing.company_name != new_company:
        merged.company_id = None  # linked again by name when stored
    return merged


def _merge_list(old: list, new: list) -> list:
    out = list(old)
    seen = {(c.value.casefold() if isinstance(c, Channel) else str(c).casefold()) for c in old}
    for item in new:
        key = item.value.casefold() if isinstance(item, Channel) else str(item).casefold()
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out
