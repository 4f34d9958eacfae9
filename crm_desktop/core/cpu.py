"""How much of the machine's CPU other programs are using, to decide whether work split over a
second thread or process would run beside this one or only wait for a core."""

from __future__ import annotations

import os
import threading
import time

_WINDOW = (0.1, 5.0)  # seconds measured over, at least and at most (/proc/stat counts 10 ms ticks)
_lock = threading.Lock()
_last: tuple[float, float, float] | None = None  # (monotonic, busy CPU seconds of all, of this process)


def _sample() -> tuple[float, float, float] | None:
    try:
        with open("/proc/stat", "rb") as stat:
            values = [int(v) for v in stat.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    if len(values) < 5:
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    busy = (sum(values[:8]) - values[3] - values[4]) / ticks  # all but idle and iowait
    return time.monotonic(), busy, time.process_time()


def cores_busy_elsewhere() -> float | None:
    """How many cores other programs kept busy lately: the machine's busy time from /proc/stat
    less this process's own CPU time, since the last call if that was 0.1-5 s ago, else over
    0.1 s from now (the call waits). None where there is no /proc/stat (then ask the load
    average)."""
    global _last
    with _lock:
        now = _sample()
        if now is None:
            return None
        before = _last
        if before is None or not _WINDOW[0] <= now[0] - before[0] <= _WINDOW[1]:
            before = now
            time.sleep(_WINDOW[0])
            now = _sample() or before
        _last = now
        elapsed = now[0] - before[0]
        if elapsed <= 0:
            return None
        others = (now[1] - before[1]) - (now[2] - before[2])
        return max(0.0, others / elapsed)


def spare_cores(wanted: int = 2) -> bool:
    """Whether this process could run ``wanted`` threads at once, each on a core of its own.

    Where the machine says how busy its cores are (Linux), other programs' use is measured
    directly; the load average would count this process's own work as someone else's (a
    running import alone makes it ~1). Elsewhere the load average, and with neither, the count
    of cores.
    """
    cores = os.cpu_count() or 1
    if cores < wanted:
        return False
    others = cores_busy_elsewhere()
    if others is not None:
        return others <= cores - wanted + 0.5
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # Windows has no load average
        return True
    return load <= cores - wanted + 1
