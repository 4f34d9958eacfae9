"""Whether a second thread would get a core of its own: other programs' CPU use, not ours."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from crm_desktop.core import cpu


@pytest.fixture(autouse=True)
def fresh(monkeypatch):
    monkeypatch.setattr(cpu, "_last", None)


def test_this_process_own_cpu_time_is_not_counted_as_someone_elses(monkeypatch):
    samples = iter([(10.0, 100.0, 5.0), (10.5, 101.5, 6.0), (11.5, 103.0, 6.5)])
    monkeypatch.setattr(cpu, "_sample", lambda: next(samples))
    monkeypatch.setattr(cpu.time, "sleep", lambda seconds: None)
    # 1.5 s busy in 0.5 s, 1 s of it ours: others kept 1 core busy
    assert cpu.cores_busy_elsewhere() == pytest.approx(1.0)
    # since the last call (1 s ago): 1.5 s busy, 0.5 s ours
    assert cpu.cores_busy_elsewhere() == pytest.approx(1.0)


def test_with_every_core_taken_by_others_there_is_none_to_spare():
    if not Path("/proc/stat").exists():
        pytest.skip("no /proc/stat here")
    cores = os.cpu_count() or 1
    spinning = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(cores)]
    try:
        assert cpu.cores_busy_elsewhere() > cores - 1.5  # measured over 0.1 s from now
        assert not cpu.spare_cores(2)
    finally:
        for child in spinning:
            child.kill()
            child.wait()


def test_without_proc_stat_the_load_average_decides(monkeypatch):
    monkeypatch.setattr(cpu, "cores_busy_elsewhere", lambda: None)
    monkeypatch.setattr(cpu.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(cpu.os, "getloadavg", lambda: (0.4, 0.4, 0.4))
    assert cpu.spare_cores(2)
    monkeypatch.setattr(cpu.os, "getloadavg", lambda: (1.8, 1.0, 1.0))
    assert not cpu.spare_cores(2)
    monkeypatch.setattr(cpu.os, "cpu_count", lambda: 1)
    assert not cpu.spare_cores(2)
