"""Deals: the board's cards, the deal list, stage moves with their history, and the forecast sums.

Every change to a deal row bumps its ``version`` and is made only if the version the
writer read is still the stored one: an edit from another window or process is detected
instead of being overwritten.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import peewee as pw

from ..core.deals import ConflictError, Deal, DealCard, DealDraft, DealFilter, LineItem, StageSpell
from ..core.errors import NotFoundError
from .common import chunks, marks, new_uuid, parse_ts, set_trashed, ts

DEAL_SORT_KEYS = {
    "title": "d.title COLLATE NOCASE", "company": "coalesce(co.name, '') COLLATE NOCASE",
    "contact": "coalesce(ct.full_name, '') COLLATE NOCASE", "value": "d.value_minor",
    "probability": "coalesce(d.probability, s.probability)", "stage": "s.position",
    "expected_close": "coalesce(d.expected_close, '9999')", "owner": "coalesce(u.name, '') COLLATE NOCASE",
    "status": "d.status", "created": "d.created_at", "updated": "d.updated_at",
}
_FROM = ("FROM deal d LEFT JOIN stage s ON s.id = d.stage_id LEFT JOIN company co ON co.id = d.company_id "
         "LEFT JOIN contact ct ON ct.id = d.contact_id")
_DEAL = ("d.id, d.uuid, d.title, d.pipeline_id, d.stage_id, d.company_id, d.contact_id, d.value_minor, "
         "d.currency, d.expected_close, d.probability, coalesce(s.probability, 0), d.status, d.lost_reason, "
         "d.lost_note, d.closed_at, d.stage_entered_at, d.source, d.next_step, d.notes, d.owner_id, "
         "d.version, d.created_at, d.updated_at, coalesce(co.name, ''), coalesce(ct.full_name, '')")
CARD_MEMO = 20_000
_OPEN_TASK = "t.deal_id = d.id AND t.done_at IS NULL AND t.deleted_at IS NULL"
_CARD = ("d.id, d.stage_id, d.title, coalesce(co.name, ''), coalesce(ct.full_name, ''), d.value_minor, "
         "d.currency, coalesce(d.probability, s.probability), d.owner_id, d.expected_close, "
         f"(SELECT t.title || char(31) || coalesce(t.due_at, '') FROM task t WHERE {_OPEN_TASK} "
         "ORDER BY t.due_at IS NULL, t.due_at LIMIT 1), d.stage_entered_at, s.rotting_days, d.version, "
         f"EXISTS (SELECT 1 FROM task t WHERE {_OPEN_TASK} AND t.due_at >= ?)")


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if value else None


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def where(flt: DealFilter) -> tuple[str, list]:
    """The SQL condition (over ``d``, ``co``, ``ct``) and parameters of a filter."""
    parts, params = ["d.deleted_at IS NULL"], []
    for column, value in (("d.pipeline_id", flt.pipeline_id), ("d.owner_id", flt.owner_id),
                          ("d.company_id", flt.company_id)):
        if value is not None:
            parts.append(f"{column} = ?")
            params.append(value)
    if flt.status:
        parts.append("d.status = ?")
        params.append(flt.status)
    if flt.tag_id is not None:
        parts.append("EXISTS (SELECT 1 FROM deal_tag dt WHERE dt.deal_id = d.id AND dt.tag_id = ?)")
        params.append(flt.tag_id)
    if flt.close_from is not None:
        parts.append("d.expected_close >= ?")
        params.append(flt.close_from.isoformat())
    if flt.close_to is not None:
        parts.append("d.expected_close <= ?")
        params.append(flt.close_to.isoformat())
    if flt.min_value_minor is not None:
        parts.append("d.value_minor >= ?")
        params.append(flt.min_value_minor)
    if flt.max_value_minor is not None:
        parts.append("d.value_minor <= ?")
        params.append(flt.max_value_minor)
    text = " ".join(flt.text.split())
    if text:
        parts.append("(d.title LIKE ? ESCAPE '\\' OR co.name LIKE ? ESCAPE '\\' "
                     "OR ct.full_name LIKE ? ESCAPE '\\')")
        params += [_like(text)] * 3
    if flt.segment is not None:
        # The segment's condition names the deal table's columns unaliased (``title`` would be
        # ambiguous beside the joined contact's), so it is evaluated on the table by itself.
        sql, segment_params = flt.segment
        parts.append(f"d.id IN (SELECT id FROM deal WHERE deleted_at IS NULL AND {sql})")
        params += list(segment_params)
    return " AND ".join(parts), params


def _card(row: tuple) -> DealCard:
    (id_, stage_id, title, company, contact, value, currency, probability, owner_id, close,
     task, entered, rotting, version, future) = row
    task_title, task_due = (task.split("\x1f", 1) if task else ("", ""))
    return DealCard(id_, stage_id, title, company, contact, value, currency, probability or 0, owner_id,
                    _date(close), task_title, parse_ts(task_due or None), parse_ts(entered), rotting,
                    version, bool(future))


def _deal(row: tuple) -> Deal:
    r = list(row)
    return Deal(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], _date(r[9]), r[10], r[11], r[12],
                r[13], r[14], parse_ts(r[15]), parse_ts(r[16]), r[17], r[18], r[19], r[20], r[21],
                parse_ts(r[22]), parse_ts(r[23]), r[24], r[25])


class DealStore:
    def __init__(self, db: pw.SqliteDatabase) -> None:
        self.db = db
        self._cards: dict[tuple, DealCard] = {}  # rows are plain values: a card is built once per state

    # -- one deal --------------------------------------------------------------------------
    def insert(self, draft: DealDraft, tag_ids: Sequence[int], now: dt.datetime) -> int:
        stamp = ts(now)
        cur = self.db.execute_sql(
            "INSERT INTO deal(uuid, title, pipeline_id, stage_id, company_id, contact_id, value_minor, "
            "currency, expected_close, probability, status, stage_entered_at, source, next_step, notes, "
            "owner_id, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?)",
            (new_uuid(), draft.title, draft.pipeline_id, draft.stage_id, draft.company_id, draft.contact_id,
             draft.value_minor, draft.currency, _iso(draft.expected_close), draft.probability, stamp,
             draft.source, draft.next_step, draft.notes, draft.owner_id, stamp, stamp))
        deal_id = cur.lastrowid
        self.begin_spell(deal_id, draft.stage_id, now)
        self._set_tags(deal_id, tag_ids)
        self._set_lines(deal_id, draft.lines)
        return deal_id

    def update(self, deal_id: int, draft: DealDraft, tag_ids: Sequence[int], version: int,
               now: dt.datetime) -> int:
        """Store an edit made from ``version``; the stage is changed by ``set_stage`` only."""
        new_version = self.bump(
            deal_id, version, now, "title = ?, pipeline_id = ?, company_id = ?, contact_id = ?, "
            "value_minor = ?, currency = ?, expected_close = ?, probability = ?, source = ?, "
            "next_step = ?, notes = ?, owner_id = ?",
            (draft.title, draft.pipeline_id, draft.company_id, draft.contact_id, draft.value_minor,
             draft.currency, _iso(draft.expected_close), draft.probability, draft.source, draft.next_step,
             draft.notes, draft.owner_id))
        self._set_tags(deal_id, tag_ids)
        self._set_lines(deal_id, draft.lines)
        return new_version

    def bump(self, deal_id: int, version: int | None, now: dt.datetime, sets: str, params) -> int:
        """Apply ``sets`` if the deal is still at ``version`` (None: any); returns the new version."""
        check = "" if version is None else " AND version = ?"
        cur = self.db.execute_sql(
            f"UPDATE deal SET {sets}, version = version + 1, updated_at = ? "
            f"WHERE id = ? AND deleted_at IS NULL{check}",
            (*params, ts(now), deal_id, *(() if version is None else (version,))))
        if cur.rowcount == 0:
            row = self.db.execute_sql("SELECT title FROM deal WHERE id = ? AND deleted_at IS NULL",
                                      (deal_id,)).fetchone()
            if row is None:
                raise NotFoundError("deal", deal_id)
            raise ConflictError(deal_id, row[0])
        return self.db.execute_sql("SELECT version FROM deal WHERE id = ?", (deal_id,)).fetchone()[0]

    def get(self, deal_id: int) -> Deal:
        row = self.db.execute_sql(f"SELECT {_DEAL} {_FROM} WHERE d.id = ? AND d.deleted_at IS NULL",
                                  (deal_id,)).fetchone()
        if row is None:
            raise NotFoundError("deal", deal_id)
        deal = _deal(row)
        deal.tags = self.tags_for([deal_id]).get(deal_id, [])
        deal.lines = self.lines(deal_id)
        return deal

    def _set_tags(self, deal_id: int, tag_ids: Sequence[int]) -> None:
        self.db.execute_sql("DELETE FROM deal_tag WHERE deal_id = ?", (deal_id,))
        for tag_id in dict.fromkeys(tag_ids):
            self.db.execute_sql("INSERT INTO deal_tag(deal_id, tag_id) VALUES (?, ?)", (deal_id, tag_id))

    def _set_lines(self, deal_id: int, lines: Sequence[LineItem]) -> None:
        self.db.execute_sql("DELETE FROM deal_line WHERE deal_id = ?", (deal_id,))
        for position, line in enumerate(lines):
            self.db.execute_sql(
                "INSERT INTO deal_line(deal_id, description, quantity, unit_price_minor, position) "
                "VALUES (?, ?, ?, ?, ?)", (deal_id, line.description, line.quantity, line.unit_price_minor,
                                           position))

    def lines(self, deal_id: int) -> list[LineItem]:
        rows = self.db.execute_sql("SELECT description, quantity, unit_price_minor FROM deal_line "
                                   "WHERE deal_id = ? ORDER BY position", (deal_id,))
        return [LineItem(*r) for r in rows]

    def tags_for(self, ids: Sequence[int]) -> dict[int, list[str]]:
        found: dict[int, list[str]] = {}
        for part in chunks(list(ids)):
            for deal_id, name in self.db.execute_sql(
                    f"SELECT dt.deal_id, t.name FROM deal_tag dt JOIN tag t ON t.id = dt.tag_id "
                    f"WHERE dt.deal_id IN ({marks(len(part))}) AND t.deleted_at IS NULL "
                    "ORDER BY t.name COLLATE NOCASE", part):
                found.setdefault(deal_id, []).append(name)
        return found

    # -- stage history ---------------------------------------------------------------------
    def begin_spell(self, deal_id: int, stage_id: int | None, now: dt.datetime) -> int:
        return self.db.execute_sql(
            "INSERT INTO stage_history(deal_id, stage_id, entered_at) VALUES (?, ?, ?)",
            (deal_id, stage_id, ts(now))).lastrowid

    def end_spell(self, deal_id: int, now: dt.datetime) -> int | None:
        row = self.db.execute_sql("SELECT id FROM stage_history WHERE deal_id = ? AND left_at IS NULL "
                                  "ORDER BY id DESC LIMIT 1", (deal_id,)).fetchone()
        if row is None:
            return None
        self.db.execute_sql("UPDATE stage_history SET left_at = ? WHERE id = ?", (ts(now), row[0]))
        return row[0]

    def undo_spells(self, begun: int | None, ended: int | None) -> None:
        if begun is not None:
            self.db.execute_sql("DELETE FROM stage_history WHERE id = ?", (begun,))
        if ended is not None:
            self.db.execute_sql("UPDATE stage_history SET left_at = NULL WHERE id = ?", (ended,))

    def history(self, deal_id: int) -> list[StageSpell]:
        rows = self.db.execute_sql(
            "SELECT h.stage_id, coalesce(s.name, ''), coalesce(s.key, ''), h.entered_at, h.left_at "
            "FROM stage_history h LEFT JOIN stage s ON s.id = h.stage_id WHERE h.deal_id = ? "
            "ORDER BY h.entered_at, h.id", (deal_id,))
        return [StageSpell(r[0], r[1], r[2], parse_ts(r[3]), parse_ts(r[4])) for r in rows]

    # -- closed deals per stage --------------------------------------------------------------
    def count_outcome(self, deal_id: int, status: str, closed_at: dt.datetime | None, sign: int) -> None:
        """Add (sign 1) or take back (sign -1) a closed deal in the per-stage outcome counts."""
        if status not in ("won", "lost") or closed_at is None:
            return
        won = status == "won"
        for stage_id, days in self.db.execute_sql(
                "SELECT stage_id, julianday(?) - julianday(min(entered_at)) FROM stage_history "
                "WHERE deal_id = ? AND stage_id IS NOT NULL GROUP BY stage_id", (ts(closed_at), deal_id)):
            self.db.execute_sql(
                "INSERT INTO stage_outcome(stage_id, month, won, lost, won_days) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(stage_id, month) DO UPDATE SET won = won + excluded.won, "
                "lost = lost + excluded.lost, won_days = won_days + excluded.won_days",
                (stage_id, ts(closed_at)[:7], sign * won, sign * (not won), sign * days if won else 0.0))
        if not won:
            self.db.execute_sql(
                "INSERT INTO lost_outcome(pipeline_id, reason, month, currency, deals, value_minor) "
                "SELECT coalesce(pipeline_id, 0), lost_reason, ?, currency, ?, ? * value_minor FROM deal "
                "WHERE id = ? ON CONFLICT(pipeline_id, reason, month, currency) DO UPDATE SET "
                "deals = deals + excluded.deals, value_minor = value_minor + excluded.value_minor",
                (ts(closed_at)[:7], sign, sign, deal_id))

    def rebuild_outcomes(self) -> None:
        """Count every live closed deal afresh (after a bulk load)."""
        self.db.execute_sql("DELETE FROM lost_outcome")
        self.db.execute_sql(
            "INSERT INTO lost_outcome(pipeline_id, reason, month, currency, deals, value_minor) "
            "SELECT coalesce(pipeline_id, 0), lost_reason, substr(closed_at, 1, 7), currency, count(*), "
            "sum(value_minor) FROM deal WHERE status = 'lost' AND deleted_at IS NULL "
            "AND closed_at IS NOT NULL "
            "GROUP BY 1, 2, 3, 4")
        self.db.execute_sql("DELETE FROM stage_outcome")
        self.db.execute_sql(
            "INSERT INTO stage_outcome(stage_id, month, won, lost, won_days) "
            "SELECT stage_id, substr(closed_at, 1, 7), sum(won), sum(NOT won), "
            "coalesce(sum(CASE WHEN won THEN julianday(closed_at) - julianday(entered) END), 0) FROM ("
            " SELECT h.stage_id AS stage_id, d.status = 'won' AS won, d.closed_at AS closed_at,"
            " min(h.entered_at) AS entered FROM deal d JOIN stage_history h ON h.deal_id = d.id"
            " WHERE d.status IN ('won', 'lost') AND d.deleted_at IS NULL AND d.closed_at IS NOT NULL"
            " AND h.stage_id IS NOT NULL GROUP BY d.id, h.stage_id) GROUP BY 1, 2")

    # -- the board and the list ------------------------------------------------------------
    def cards(self, flt: DealFilter, now: dt.datetime, ids: Sequence[int] | None = None) -> list[DealCard]:
        """Cards matching ``flt`` (only those among ``ids`` if given), by stage then close date."""
        condition, params = where(flt)
        if ids is not None:
            if not ids:
                return []
            condition += f" AND d.id IN ({marks(len(ids))})"
            params += list(ids)
        rows = self.db.execute_sql(
            f"SELECT {_CARD} {_FROM} WHERE {condition} "
            "ORDER BY s.position, d.expected_close IS NULL, d.expected_close, d.id", (ts(now), *params))
        return [self._card_of(r) for r in rows]

    def _card_of(self, row: tuple) -> DealCard:
        """The card of a row; a row read before (same deal, version, next task, day) is not parsed again."""
        card = self._cards.get(row)
        if card is None:
            if len(self._cards) >= CARD_MEMO:
                self._cards.clear()
            card = self._cards[row] = _card(row)
        return card

    def count(self, flt: DealFilter) -> int:
        condition, params = where(flt)
        # Only a text search looks at the customers' names; without it the count reads one index.
        source = _FROM if flt.text.strip() else "FROM deal d"
        return self.db.execute_sql(f"SELECT count(*) {source} WHERE {condition}", params).fetchone()[0]

    def page(self, flt: DealFilter, sort: str, descending: bool, offset: int, limit: int) -> list[tuple]:
        """List rows: id, title, company, contact, stage id, value, currency, probability,
        expected close, owner id, status, updated_at."""
        condition, params = where(flt)
        direction = "DESC" if descending else "ASC"
        order = DEAL_SORT_KEYS.get(sort, DEAL_SORT_KEYS["title"])
        rows = self.db.execute_sql(
            "SELECT d.id, d.title, coalesce(co.name, ''), coalesce(ct.full_name, ''), d.stage_id, "
            "d.value_minor, d.currency, coalesce(d.probability, s.probability, 0), d.expected_close, "
            f"d.owner_id, d.status, d.updated_at {_FROM} LEFT JOIN app_user u ON u.id = d.owner_id "
            f"WHERE {condition} ORDER BY {order} {direction}, d.id {direction} LIMIT ? OFFSET ?",
            (*params, limit, offset))
        return [tuple(r) for r in rows]

    def currencies(self) -> list[str]:
        """Currencies in use, the most used first."""
        rows = self.db.execute_sql("SELECT currency FROM deal WHERE deleted_at IS NULL GROUP BY currency "
                                   "ORDER BY count(*) DESC")
        return [r[0] for r in rows if r[0]]

    # -- around a deal ---------------------------------------------------------------------
    def tasks(self, deal_id: int) -> list[tuple[int, str, dt.datetime | None, dt.datetime | None]]:
        """(id, title, due_at, done_at) of the deal's live tasks: open ones first, by due date."""
        rows = self.db.execute_sql(
            "SELECT id, title, due_at, done_at FROM task WHERE deal_id = ? AND deleted_at IS NULL "
            "ORDER BY done_at IS NOT NULL, due_at IS NULL, due_at, id", (deal_id,))
        return [(r[0], r[1], parse_ts(r[2]), parse_ts(r[3])) for r in rows]

    def files(self, deal_id: int) -> list[tuple[int, str, int, dt.datetime | None]]:
        rows = self.db.execute_sql(
            "SELECT id, filename, size, created_at FROM attachment WHERE deal_id = ? AND deleted_at IS NULL "
            "ORDER BY created_at DESC", (deal_id,))
        return [(r[0], r[1], r[2], parse_ts(r[3])) for r in rows]

    def ids_for(self, *, contact_id: int | None = None, company_id: int | None = None) -> list[int]:
        column, value = ("contact_id", contact_id) if contact_id is not None else ("company_id", company_id)
        return [r[0] for r in self.db.execute_sql(
            f"SELECT id FROM deal WHERE {column} = ? AND deleted_at IS NULL ORDER BY id", (value,))]

    def soft_delete(self, ids: Sequence[int], now: dt.datetime) -> int:
        return set_trashed(self.db, "deal", ids, now, True, also="version = version + 1")

    def restore(self, ids: Sequence[int], now: dt.datetime) -> int:
        return set_trashed(self.db, "deal", ids, now, False, also="version = version + 1")

    def trashed(self) -> list[tuple[int, str, str]]:
        """(id, title, deleted_at) of the deals in the trash."""
        return self.db.execute_sql(
            "SELECT id, title, deleted_at FROM deal WHERE deleted_at IS NOT NULL").fetchall()

    def purge(self, ids: Sequence[int]) -> int:
        """Delete trashed deals for good; their tags, lines, history and tasks go with them."""
        n = 0
        for part in chunks(list(ids)):
            n += self.db.execute_sql(
                f"DELETE FROM deal WHERE id IN ({marks(len(part))}) AND deleted_at IS NOT NULL",
                part).rowcount
        return n

    # -- many deals at once (a segment's actions on all; each bumps the deals it changes) ----
    def add_tag(self, ids: Sequence[int], tag_id: int, now: dt.datetime) -> None:
        """Tag the live deals among ``ids``; those that had no such tag get a new version."""
        for part in chunks(list(ids)):
            self.db.execute_sql(
                f"UPDATE deal SET version = version + 1, updated_at = ? WHERE deleted_at IS NULL "
                f"AND id IN ({marks(len(part))}) AND NOT EXISTS (SELECT 1 FROM deal_tag t "
                "WHERE t.deal_id = deal.id AND t.tag_id = ?)", (ts(now), *part, tag_id))
            self.db.execute_sql(
                f"INSERT OR IGNORE INTO deal_tag(deal_id, tag_id) SELECT id, ? FROM deal "
                f"WHERE deleted_at IS NULL AND id IN ({marks(len(part))})", (tag_id, *part))

    def remove_tag(self, ids: Sequence[int], tag_id: int, now: dt.datetime) -> None:
        """Take a tag off the deals among ``ids``; those that had it get a new version."""
        for part in chunks(list(ids)):
            self.db.execute_sql(
                f"UPDATE deal SET version = version + 1, updated_at = ? WHERE deleted_at IS NULL "
                f"AND id IN ({marks(len(part))}) AND EXISTS (SELECT 1 FROM deal_tag t "
                "WHERE t.deal_id = deal.id AND t.tag_id = ?)", (ts(now), *part, tag_id))
            self.db.execute_sql(
                f"DELETE FROM deal_tag WHERE tag_id = ? AND deal_id IN ({marks(len(part))})", (tag_id, *part))

    def closed(self, ids: Sequence[int]) -> list[tuple[int, str, dt.datetime]]:
        """(id, status, closed_at) of the live won or lost deals among ``ids`` (the outcome counts'
        part in a delete or restore of many deals, read without loading the open ones)."""
        found = []
        for part in chunks(list(ids)):
            found += [(i, status, parse_ts(at)) for i, status, at in self.db.execute_sql(
                "SELECT id, status, closed_at FROM deal WHERE deleted_at IS NULL "
                f"AND status IN ('won', 'lost') AND closed_at IS NOT NULL AND id IN ({marks(len(part))})",
                part)]
        return found

    def owners(self, ids: Sequence[int]) -> dict[int, int | None]:
        """The owner of each live deal among ``ids`` (None: no owner)."""
        found: dict[int, int | None] = {}
        for part in chunks(list(ids)):
            found.update(self.db.execute_sql(
                f"SELECT id, owner_id FROM deal WHERE deleted_at IS NULL AND id IN ({marks(len(part))})",
                part).fetchall())
        return found

    def assign_owner(self, ids: Sequence[int], owner_id: int | None, now: dt.datetime) -> int:
        """Give the live deals among ``ids`` one owner; returns how many changed (each a new version)."""
        changed = 0
        for part in chunks(list(ids)):
            changed += self.db.execute_sql(
                "UPDATE deal SET owner_id = ?, version = version + 1, updated_at = ? "
                f"WHERE deleted_at IS NULL AND owner_id IS NOT ? AND id IN ({marks(len(part))})",
                (owner_id, ts(now), owner_id, *part)).rowcount
        return changed


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()
