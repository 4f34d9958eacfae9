"""Record identifiers: time-ordered UUIDv7, unique and increasing."""

from __future__ import annotations

import time
import uuid

from crm_desktop.storage import common


def _ms(text: str) -> int:
    return uuid.UUID(text).int >> 80


def test_uuids_are_version_7_with_the_rfc_variant():
    for text in [*common.new_uuids(50), common.new_uuid()]:
        value = uuid.UUID(text)
        assert value.version == 7
        assert value.variant == uuid.RFC_4122
        assert str(value) == text


def test_uuids_carry_the_current_millisecond():
    before = time.time_ns() // 1_000_000
    text = common.new_uuid()
    after = time.time_ns() // 1_000_000
    assert before <= _ms(text) <= after + 1


def test_uuids_increase_within_a_millisecond_and_across_calls():
    made = [common.new_uuid() for _ in range(2000)] + common.new_uuids(10_000) + [common.new_uuid()]
    assert len(set(made)) == len(made)
    assert made == sorted(made)
    assert made == sorted(made, key=lambda t: uuid.UUID(t).int)


def test_a_clock_that_steps_back_does_not_break_the_order(monkeypatch):
    first = common.new_uuids(3)
    monkeypatch.setattr(common.time, "time_ns", lambda: 1_000_000_000)  # 1970
    later = [*common.new_uuids(3), common.new_uuid()]
    assert first + later == sorted(first + later)
    assert _ms(later[-1]) >= _ms(first[-1])


def test_a_batch_larger_than_the_room_left_moves_to_the_next_millisecond(monkeypatch):
    monkeypatch.setattr(common.time, "time_ns", lambda: 5_000_000_000_000_000)
    monkeypatch.setattr(common, "_uuid_state", [5_000_000_000_000, (1 << 74) - 3])
    made = common.new_uuids(10)
    assert {_ms(t) for t in made} == {5_000_000_000_001}
    assert made == sorted(made) and len(set(made)) == 10
