"""Pipelines and their stages, the lost reasons list, and saved filters."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

import peewee as pw

from ..core.deals import LostReason, Pipeline, Stage
from ..core.errors import NotFoundError
from .common import new_uuid, ts

_STAGE = "id, pipeline_id, name, key, position, probability, rotting_days"


class PipelineStore:
    def __init__(self, db: pw.SqliteDatabase) -> None:
        self.db = db

    # -- pipelines -------------------------------------------------------------------------
    def all(self) -> list[Pipeline]:
        rows = self.db.execute_sql(
            "SELECT id, name, key, position, is_default FROM pipeline WHERE deleted_at IS NULL "
            "ORDER BY position, id").fetchall()
        stages: dict[int, list[Stage]] = {}
        for row in self.db.execute_sql(
                f"SELECT {_STAGE} FROM stage WHERE deleted_at IS NULL ORDER BY position, id"):
            stages.setdefault(row[1], []).append(Stage(*row))
        return [Pipeline(r[0], r[1], r[2], r[3], bool(r[4]), stages.get(r[0], [])) for r in rows]

    def get(self, pipeline_id: int) -> Pipeline:
        found = next((p for p in self.all() if p.id == pipeline_id), None)
        if found is None:
            raise NotFoundError("pipeline", pipeline_id)
        return found

    def stage(self, stage_id: int) -> Stage:
        row = self.db.execute_sql(f"SELECT {_STAGE} FROM stage WHERE id = ? AND deleted_at IS NULL",
                                  (stage_id,)).fetchone()
        if row is None:
            raise NotFoundError("stage", stage_id)
        return Stage(*row)

    def create(self, name: str, now: dt.datetime) -> int:
        position = self.db.execute_sql("SELECT coalesce(max(position), -1) + 1 FROM pipeline").fetchone()[0]
        cur = self.db.execute_sql(
            "INSERT INTO pipeline(name, position, is_default, uuid, created_at, updated_at) "
            "VALUES (?, ?, 0, ?, ?, ?)", (name, position, new_uuid(), ts(now), ts(now)))
        return cur.lastrowid

    def rename(self, pipeline_id: int, name: str, now: dt.datetime) -> None:
        self.db.execute_sql("UPDATE pipeline SET name = ?, updated_at = ? WHERE id = ?",
                            (name, ts(now), pipeline_id))

    def delete(self, pipeline_id: int, now: dt.datetime) -> None:
        self.db.execute_sql("UPDATE pipeline SET deleted_at = ?, updated_at = ? WHERE id = ?",
                            (ts(now), ts(now), pipeline_id))
        # Stages deleted before keep their date, so that restoring the pipeline leaves them deleted.
        self.db.execute_sql("UPDATE stage SET deleted_at = ?, updated_at = ? WHERE pipeline_id = ? "
                            "AND deleted_at IS NULL", (ts(now), ts(now), pipeline_id))

    def restore(self, pipeline_id: int, now: dt.datetime) -> bool:
        """A deleted pipeline back with the stages it had (the undo of deleting or creating it)."""
        gone = self.db.execute_sql("SELECT deleted_at FROM pipeline WHERE id = ? AND deleted_at IS NOT NULL",
                                   (pipeline_id,)).fetchone()
        if gone is None:
            return False
        self.db.execute_sql("UPDATE stage SET deleted_at = NULL, updated_at = ? WHERE pipeline_id = ? "
                            "AND deleted_at = ?", (ts(now), pipeline_id, gone[0]))
        self.db.execute_sql("UPDATE pipeline SET deleted_at = NULL, updated_at = ? WHERE id = ?",
                            (ts(now), pipeline_id))
        return True

    # -- stages ----------------------------------------------------------------------------
    def add_stage(self, pipeline_id: int, name: str, probability: int, rotting_days: int | None,
                  now: dt.datetime, position: int | None = None) -> int:
        if position is None:
            position = self.db.execute_sql(
                "SELECT coalesce(max(position), -1) + 1 FROM stage WHERE pipeline_id = ? "
                "AND deleted_at IS NULL", (pipeline_id,)).fetchone()[0]
        else:
            self.db.execute_sql("UPDATE stage SET position = position + 1 WHERE pipeline_id = ? "
                                "AND position >= ?", (pipeline_id, position))
        cur = self.db.execute_sql(
            "INSERT INTO stage(pipeline_id, name, position, probability, rotting_days, uuid, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (pipeline_id, name, position, probability, rotting_days, new_uuid(), ts(now), ts(now)))
        return cur.lastrowid

    def update_stage(self, stage_id: int, name: str, probability: int, rotting_days: int | None,
                     now: dt.datetime) -> None:
        self.db.execute_sql(
            "UPDATE stage SET name = ?, probability = ?, rotting_days = ?, updated_at = ? WHERE id = ?",
            (name, probability, rotting_days, ts(now), stage_id))

    def reorder(self, pipeline_id: int, stage_ids: Sequence[int], now: dt.datetime) -> None:
        for position, stage_id in enumerate(stage_ids):
            self.db.execute_sql("UPDATE stage SET position = ?, updated_at = ? WHERE id = ? "
                                "AND pipeline_id = ?", (position, ts(now), stage_id, pipeline_id))

    def deals_in_stage(self, stage_id: int) -> int:
        return self.db.execute_sql("SELECT count(*) FROM deal WHERE stage_id = ? AND status = 'open' "
                                   "AND deleted_at IS NULL", (stage_id,)).fetchone()[0]

    def restore_stage(self, stage_id: int, now: dt.datetime) -> bool:
        """A retired stage in use again, at its old place (the undo of deleting or adding it)."""
        return self.db.execute_sql("UPDATE stage SET deleted_at = NULL, updated_at = ? WHERE id = ? "
                                   "AND deleted_at IS NOT NULL", (ts(now), stage_id)).rowcount > 0

    def held_deals(self, stage_id: int) -> list[tuple[int, int, str | None, int | None]]:
        """(id, version, stage_entered_at, probability) of the deals in a stage, open or closed."""
        return self.db.execute_sql(
            "SELECT id, version, stage_entered_at, probability FROM deal WHERE stage_id = ? "
            "AND deleted_at IS NULL ORDER BY id", (stage_id,)).fetchall()

    def put_deal_back(self, deal_id: int, version: int, moved_to: int, stage_id: int,
                      entered_at: str | None, probability: int | None, now: dt.datetime) -> bool:
        """A deal a stage deletion moved to ``moved_to`` back in ``stage_id`` as it was, if it is
        still at ``version`` there (False, nothing written, otherwise)."""
        return self.db.execute_sql(
            "UPDATE deal SET stage_id = ?, stage_entered_at = ?, probability = ?, version = version + 1, "
            "updated_at = ? WHERE id = ? AND version = ? AND stage_id = ? AND deleted_at IS NULL",
            (stage_id, entered_at, probability, ts(now), deal_id, version, moved_to)).rowcount == 1

    def delete_stage(self, stage_id: int, move_to: int | None, now: dt.datetime) -> list[int]:
        """Retire a stage; its deals (open or closed) go to ``move_to``. Returns the moved deal ids."""
        moved = [r[0] for r in self.db.execute_sql(
            "SELECT id FROM deal WHERE stage_id = ? AND deleted_at IS NULL", (stage_id,))]
        if move_to is not None and moved:
            self.db.execute_sql(
                "UPDATE deal SET stage_id = ?, stage_entered_at = ?, probability = NULL, "
                "version = version + 1, updated_at = ? WHERE stage_id = ? AND deleted_at IS NULL",
                (move_to, ts(now), ts(now), stage_id))
        self.db.execute_sql("UPDATE stage SET deleted_at = ?, updated_at = ? WHERE id = ?",
                            (ts(now), ts(now), stage_id))
        return moved

    # -- lost reasons ----------------------------------------------------------------------
    def lost_reasons(self) -> list[LostReason]:
        rows = self.db.execute_sql("SELECT id, name, key, position FROM lost_reason "
                                   "WHERE deleted_at IS NULL ORDER BY position, id")
        return [LostReason(*r) for r in rows]

    def add_lost_reason(self, name: str) -> int:
        position = self.db.execute_sql("SELECT coalesce(max(position), -1) + 1 FROM lost_reason"
                                       ).fetchone()[0]
        return self.db.execute_sql("INSERT INTO lost_reason(name, position) VALUES (?, ?)",
                                   (name, position)).lastrowid

    def rename_lost_reason(self, reason_id: int, name: str) -> None:
        self.db.execute_sql("UPDATE lost_reason SET name = ? WHERE id = ?", (name, reason_id))

    def delete_lost_reason(self, reason_id: int, now: dt.datetime) -> None:
        self.db.execute_sql("UPDATE lost_reason SET deleted_at = ? WHERE id = ?", (ts(now), reason_id))

    def restore_lost_reason(self, reason_id: int) -> bool:
        return self.db.execute_sql("UPDATE lost_reason SET deleted_at = NULL WHERE id = ? "
                                   "AND deleted_at IS NOT NULL", (reason_id,)).rowcount > 0

    # -- saved filters ---------------------------------------------------------------------
    def saved_filters(self, entity: str) -> list[tuple[int, str, dict]]:
        rows = self.db.execute_sql("SELECT id, name, payload FROM saved_filter WHERE entity = ? "
                                   "ORDER BY name COLLATE NOCASE", (entity,))
        return [(r[0], r[1], json.loads(r[2])) for r in rows]

    def save_filter(self, entity: str, name: str, payload: dict, now: dt.datetime) -> int:
        """Store a filter under a name; the same name again replaces it."""
        self.db.execute_sql("DELETE FROM saved_filter WHERE entity = ? AND name = ?", (entity, name))
        return self.db.execute_sql(
            "INSERT INTO saved_filter(entity, name, payload, created_at) VALUES (?, ?, ?, ?)",
            (entity, name, json.dumps(payload, ensure_ascii=False), ts(now))).lastrowid

    def delete_filter(self, filter_id: int) -> None:
        self.db.execute_sql("DELETE FROM saved_filter WHERE id = ?", (filter_id,))
