"""Pipelines and stages, the lost reasons list and saved board filters."""

from __future__ import annotations

from collections.abc import Sequence

from ..core.deals import (
    DealFilter,
    Labels,
    LostReason,
    MovedDeal,
    Pipeline,
    Stage,
    StageDeletion,
    StageInUseError,
    validate_stage,
)
from ..core.errors import EditConflict, FieldError, NotFoundError, ValidationError
from .changes import Change
from .context import ServiceContext

FILTER_ENTITY = "deal"


class PipelineService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.store = ctx.storage.pipelines

    # -- pipelines -------------------------------------------------------------------------
    def pipelines(self) -> list[Pipeline]:
        with self.ctx.read():
            return self.store.all()

    def get(self, pipeline_id: int) -> Pipeline:
        with self.ctx.read():
            return self.store.get(pipeline_id)

    def default(self) -> Pipeline:
        found = self.pipelines()
        return next((p for p in found if p.is_default), found[0])

    def stage(self, stage_id: int) -> Stage:
        with self.ctx.read():
            return self.store.stage(stage_id)

    def create(self, name: str, stages: Sequence[tuple[str, int, int | None]] = ()) -> int:
        """A new pipeline with the given (name, probability, rotting days) stages."""
        name = _required(name)
        checked = [(validate_stage(n, p, r), p, r) for n, p, r in stages]
        with self.ctx.write():
            now = self.ctx.clock.now()
            pipeline_id = self.store.create(name, now)
            for stage_name, probability, rotting in checked:
                self.store.add_stage(pipeline_id, stage_name, probability, rotting, now)
        self.ctx.changes.emit(Change("pipeline", "create", (pipeline_id,)))
        return pipeline_id

    def rename(self, pipeline_id: int, name: str) -> None:
        name = _required(name)
        with self.ctx.write():
            self.store.rename(pipeline_id, name, self.ctx.clock.now())
        self.ctx.changes.emit(Change("pipeline", "update", (pipeline_id,)))

    def put_name(self, pipeline_id: int, wanted: str, expected: str) -> None:
        """Give a pipeline back the name ``wanted`` (an undo in the pipeline settings), only if it
        is still called ``expected``: EditConflict, and nothing written, otherwise."""
        with self.ctx.write():
            current = self.store.get(pipeline_id)
            if current.name != expected:
                raise EditConflict("pipeline", pipeline_id, current.name)
            self.store.rename(pipeline_id, wanted, self.ctx.clock.now())
        self.ctx.changes.emit(Change("pipeline", "update", (pipeline_id,)))

    def delete(self, pipeline_id: int) -> None:
        """Remove a pipeline that holds no live deals; the default one stays."""
        pipeline = self.get(pipeline_id)
        if pipeline.is_default:
            raise ValidationError([FieldError("pipeline", "is_default")])
        with self.ctx.write():
            held = sum(self.store.deals_in_stage(s.id) for s in pipeline.stages)
            if held:
                raise StageInUseError(pipeline.stages[0].id, held)
            self.store.delete(pipeline_id, self.ctx.clock.now())
        self.ctx.changes.emit(Change("pipeline", "delete", (pipeline_id,)))

    def restore(self, pipeline_id: int) -> None:
        """Bring a deleted pipeline back with its stages (the undo of deleting it, the redo of
        creating it); NotFoundError when it is not deleted."""
        with self.ctx.write():
            if not self.store.restore(pipeline_id, self.ctx.clock.now()):
                raise NotFoundError("pipeline", pipeline_id)
        self.ctx.changes.emit(Change("pipeline", "create", (pipeline_id,)))

    # -- stages ----------------------------------------------------------------------------
    def add_stage(self, pipeline_id: int, name: str, probability: int = 0, rotting_days: int | None = None,
                  position: int | None = None) -> int:
        name = _required(validate_stage(name, probability, rotting_days))
        with self.ctx.write():
            stage_id = self.store.add_stage(pipeline_id, name, probability, rotting_days,
                                            self.ctx.clock.now(), position)
        self.ctx.changes.emit(Change("pipeline", "update", (pipeline_id,)))
        return stage_id

    def update_stage(self, stage_id: int, name: str, probability: int, rotting_days: int | None) -> None:
        """Rename a stage, change its probability or rotting threshold. An empty name gives a
        default stage its default name back (shown in the user's language)."""
        name = validate_stage(name, probability, rotting_days)
        stage = self.stage(stage_id)
        if not name and stage.key not in Labels.STAGES:
            raise ValidationError([FieldError("name", "required")])
        name = name or Labels.STAGES[stage.key]
        with self.ctx.write():
            self.store.update_stage(stage_id, name, probability, rotting_days, self.ctx.clock.now())
        self.ctx.changes.emit(Change("pipeline", "update", (stage.pipeline_id,)))

    def put_stage(self, stage_id: int, wanted: tuple[str, int, int | None],
                  expected: tuple[str, int, int | None]) -> None:
        """Give a stage back its (stored name, probability, rotting days) ``wanted``: the undo or
        redo of an edit in the pipeline settings, only if it still has ``expected`` (EditConflict
        otherwise). The name is stored as it was: empty for a default stage never renamed."""
        name, probability, rotting_days = wanted
        validate_stage(name or "-", probability, rotting_days)
        with self.ctx.write():
            stage = self.store.stage(stage_id)
            if (stage.name, stage.probability, stage.rotting_days) != tuple(expected):
                raise EditConflict("stage", stage_id, stage.name or Labels.STAGES.get(stage.key, ""))
            self.store.update_stage(stage_id, name, probability, rotting_days, self.ctx.clock.now())
        self.ctx.changes.emit(Change("pipeline", "update", (stage.pipeline_id,)))

    def reorder_stages(self, pipeline_id: int, stage_ids: Sequence[int]) -> None:
        current = {s.id for s in self.get(pipeline_id).stages}
        if set(stage_ids) != current or len(stage_ids) != len(current):
            raise ValidationError([FieldError("stages", "invalid")])
        with self.ctx.write():
            self.store.reorder(pipeline_id, stage_ids, self.ctx.clock.now())
        self.ctx.changes.emit(Change("pipeline", "update", (pipeline_id,)))

    def deals_in_stage(self, stage_id: int) -> int:
        with self.ctx.read():
            return self.store.deals_in_stage(stage_id)

    def delete_stage(self, stage_id: int, move_to: int | None = None) -> list[int]:
        """Remove a stage. One that holds open deals needs ``move_to``, a stage of the same
        pipeline, else StageInUseError says how many deals it holds. Returns the moved deals."""
        return [moved.deal_id for moved in self.remove_stage(stage_id, move_to).deals]

    def remove_stage(self, stage_id: int, move_to: int | None = None) -> StageDeletion:
        """``delete_stage``, returning what ``undo_remove_stage`` needs to take it back."""
        stage = self.stage(stage_id)
        pipeline = self.get(stage.pipeline_id)
        if len(pipeline.stages) == 1:
            raise ValidationError([FieldError("stages", "last_stage")])
        if move_to is not None and (move_to == stage_id or pipeline.stage(move_to) is None):
            raise ValidationError([FieldError("move_to", "invalid")])
        deals = self.ctx.storage.deals
        with self.ctx.write():
            held = self.store.deals_in_stage(stage_id)
            if held and move_to is None:
                raise StageInUseError(stage_id, held)
            now = self.ctx.clock.now()
            before = {row[0]: row for row in self.store.held_deals(stage_id)}
            moved = self.store.delete_stage(stage_id, move_to, now)
            record = []
            for deal_id in moved:
                ended = deals.end_spell(deal_id, now)
                begun = deals.begin_spell(deal_id, move_to, now)
                _id, version, entered_at, probability = before[deal_id]
                record.append(MovedDeal(deal_id, version + (move_to is not None), entered_at, probability,
                                        ended, begun))
        self.ctx.changes.emit(Change("pipeline", "update", (stage.pipeline_id,)))
        if moved:
            self.ctx.changes.emit(Change("deal", "stage", tuple(moved)))
        return StageDeletion(stage_id, move_to, tuple(record))

    def _deal_title(self, deal_id: int) -> str:
        try:
            return self.ctx.storage.deals.get(deal_id).title
        except NotFoundError:  # in the trash since
            return ""

    def undo_remove_stage(self, deletion: StageDeletion) -> None:
        """Bring a deleted stage back with the deals its deletion moved, each as it was (stage,
        entry time, probability, stays); EditConflict, and nothing written, if one of them was
        changed since (moved, edited, won or lost)."""
        deals = self.ctx.storage.deals
        with self.ctx.write():
            now = self.ctx.clock.now()
            if not self.store.restore_stage(deletion.stage_id, now):
                raise NotFoundError("stage", deletion.stage_id)
            for moved in deletion.deals:
                if deletion.move_to is not None and not self.store.put_deal_back(
                        moved.deal_id, moved.version, deletion.move_to, deletion.stage_id,
                        moved.entered_at, moved.probability, now):
                    raise EditConflict("deal", moved.deal_id, self._deal_title(moved.deal_id))
                deals.undo_spells(moved.begun_spell, moved.ended_spell)
            pipeline_id = self.store.stage(deletion.stage_id).pipeline_id
        self.ctx.changes.emit(Change("pipeline", "update", (pipeline_id,)))
        if deletion.deals:
            self.ctx.changes.emit(Change("deal", "stage", tuple(m.deal_id for m in deletion.deals)))

    def restore_stage(self, stage_id: int) -> None:
        """Bring a deleted stage back where it was (the undo of deleting an empty stage, or the
        redo of adding one); NotFoundError if it is not deleted."""
        with self.ctx.write():
            if not self.store.restore_stage(stage_id, self.ctx.clock.now()):
                raise NotFoundError("stage", stage_id)
            pipeline_id = self.store.stage(stage_id).pipeline_id
        self.ctx.changes.emit(Change("pipeline", "update", (pipeline_id,)))

    def put_stage_order(self, pipeline_id: int, wanted: Sequence[int], expected: Sequence[int]) -> None:
        """Put a pipeline's stages back in the order ``wanted`` (an undo), only if they are still in
        the order ``expected``: EditConflict, and nothing written, otherwise."""
        with self.ctx.write():
            pipeline = self.store.get(pipeline_id)
            if [s.id for s in pipeline.stages] != list(expected):
                raise EditConflict("pipeline", pipeline_id, pipeline.name)
            if sorted(wanted) != sorted(expected):
                raise ValidationError([FieldError("stages", "invalid")])
            self.store.reorder(pipeline_id, wanted, self.ctx.clock.now())
        self.ctx.changes.emit(Change("pipeline", "update", (pipeline_id,)))

    # -- lost reasons ----------------------------------------------------------------------
    def lost_reasons(self) -> list[LostReason]:
        with self.ctx.read():
            return self.store.lost_reasons()

    def add_lost_reason(self, name: str) -> int:
        name = _required(name)
        with self.ctx.write():
            reason_id = self.store.add_lost_reason(name)
        self.ctx.changes.emit(Change("lost_reason", "create", (reason_id,)))
        return reason_id

    def rename_lost_reason(self, reason_id: int, name: str) -> None:
        name = _required(name)
        with self.ctx.write():
            self.store.rename_lost_reason(reason_id, name)
        self.ctx.changes.emit(Change("lost_reason", "update", (reason_id,)))

    def restore_lost_reason(self, reason_id: int) -> None:
        """A deleted lost reason offered again (an undo); NotFoundError when it is not deleted."""
        with self.ctx.write():
            if not self.store.restore_lost_reason(reason_id):
                raise NotFoundError("lost_reason", reason_id)
        self.ctx.changes.emit(Change("lost_reason", "create", (reason_id,)))

    def put_reason_name(self, reason_id: int, wanted: str, expected: str) -> None:
        """Give a lost reason back the name ``wanted`` (an undo), only if it is still called
        ``expected``: EditConflict, and nothing written, otherwise."""
        with self.ctx.write():
            current = next((r for r in self.store.lost_reasons() if r.id == reason_id), None)
            if current is None:
                raise NotFoundError("lost_reason", reason_id)
            if current.name != expected:
                raise EditConflict("lost_reason", reason_id, current.name)
            self.store.rename_lost_reason(reason_id, wanted)
        self.ctx.changes.emit(Change("lost_reason", "update", (reason_id,)))

    def delete_lost_reason(self, reason_id: int) -> None:
        with self.ctx.write():
            self.store.delete_lost_reason(reason_id, self.ctx.clock.now())
        self.ctx.changes.emit(Change("lost_reason", "delete", (reason_id,)))

    # -- saved filters ---------------------------------------------------------------------
    def saved_filters(self) -> list[tuple[int, str, DealFilter]]:
        with self.ctx.read():
            stored = self.store.saved_filters(FILTER_ENTITY)
        return [(fid, name, DealFilter.from_payload(payload)) for fid, name, payload in stored]

    def save_filter(self, name: str, flt: DealFilter) -> int:
        name = _required(name)
        with self.ctx.write():
            filter_id = self.store.save_filter(FILTER_ENTITY, name, flt.to_payload(), self.ctx.clock.now())
        self.ctx.changes.emit(Change("saved_filter", "create", (filter_id,)))
        return filter_id

    def delete_filter(self, filter_id: int) -> None:
        with self.ctx.write():
            self.store.delete_filter(filter_id)
        self.ctx.changes.emit(Change("saved_filter", "delete", (filter_id,)))

    def restore_filter(self, name: str, flt: DealFilter) -> int:
        """Save a deleted filter again under its name (an undo); EditConflict, and nothing written,
        when another filter took that name since. Returns its new id."""
        with self.ctx.write():
            if any(saved_name == name for _id, saved_name, _p in self.store.saved_filters(FILTER_ENTITY)):
                raise EditConflict("saved_filter", 0, name)
            filter_id = self.store.save_filter(FILTER_ENTITY, name, flt.to_payload(), self.ctx.clock.now())
        self.ctx.changes.emit(Change("saved_filter", "create", (filter_id,)))
        return filter_id


def _required(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationError([FieldError("name", "required")])
    return name
