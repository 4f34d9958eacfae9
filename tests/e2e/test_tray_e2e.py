"""The real tray: under Xvfb with the trayer panel, the icon is embedded and a due task notifies.

Skips cleanly where Xvfb or trayer is not installed (scripts/test.sh installs both).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from xapp import app_env, output, start_app, wait_for_window

from crm_desktop.core.records import ContactDraft
from crm_desktop.core.tasks import TaskDraft
from crm_desktop.services import Services

pytestmark = pytest.mark.e2e
TITLE = "Call about the renewal"


@pytest.fixture
def tray_host(x_display):
    if shutil.which("trayer") is None:
        pytest.skip("trayer is not installed")
    panel = subprocess.Popen(["trayer", "--edge", "top", "--align", "right", "--widthtype", "request",
                              "--height", "32"], env=app_env(x_display), stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    try:
        assert wait_for_window(x_display, "panel", timeout=20), "trayer did not map its panel"
        yield x_display
    finally:  # also when the panel never showed: no process left running into later tests
        panel.terminate()
        panel.wait(10)


def _wait_for_log(path: Path, pattern: str, timeout: float = 45.0) -> re.Match | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists():
            found = re.search(pattern, path.read_text(errors="replace"))
            if found:
                return found
        time.sleep(0.25)
    return None


def _a_task_due_soon(data_dir: Path, seconds: int) -> int:
    services = Services.open(data_dir)
    try:
        ann = services.contacts.create(ContactDraft(given_name="Ann", family_name="Lee"))
        due = services.ctx.clock.now() + dt.timedelta(seconds=seconds)
        return services.tasks.create(TaskDraft(TITLE, "call", due, remind_before_min=0, contact_id=ann))
    finally:
        services.close()


def _region_is_drawn(display: str, shot: Path, x: int, y: int, w: int, h: int) -> bool:
    """Whether the screen region holds a picture (not one flat colour)."""
    subprocess.run(["import", "-window", "root", str(shot)], env=app_env(display), check=True, timeout=30)
    spread = subprocess.run(["convert", str(shot), "-crop", f"{w}x{h}+{x}+{y}", "+repage", "-format",
                             "%[fx:standard_deviation]", "info:"], capture_output=True, text=True, check=True)
    return float(spread.stdout.strip() or 0) > 0.05


def test_a_due_task_notifies_from_an_embedded_tray_icon(tray_host, tmp_path):
    data_dir = tmp_path / "data"
    task_id = _a_task_due_soon(data_dir, seconds=8)
    app = start_app(tray_host, data_dir)
    log = data_dir / "logs" / "crm-desktop.log"
    try:
        embedded = _wait_for_log(log, r"tray icon embedded at (-?\d+),(-?\d+) (\d+)x(\d+)")
        assert embedded, output(app) + (log.read_text() if log.exists() else "no log")
        x, y, w, h = (int(v) for v in embedded.groups())
        assert w > 0 and h > 0 and x >= 0 and y >= 0
        assert _wait_for_log(log, f"notification shown: {TITLE}"), log.read_text()
        assert wait_for_window(tray_host, "Reminder", timeout=10), "the in-app reminder did not show"
        if shutil.which("import") and shutil.which("convert"):
            assert _region_is_drawn(tray_host, tmp_path / "tray.png", x, y, w, h)
    finally:
        app.terminate()
        app.wait(30)
    services = Services.open(data_dir)
    try:
        assert services.tasks.get(task_id).notified_at is not None
        assert [(n[1], n[2]) for n in services.reminders.recent()] == [("task", task_id)]
    finally:
        services.close()


def test_started_minimised_the_app_waits_in_the_tray(tray_host, tmp_path):
    data_dir = tmp_path / "data"
    app = start_app(tray_host, data_dir, "--minimized")  # as the autostart entry starts it
    log = data_dir / "logs" / "crm-desktop.log"
    try:
        assert _wait_for_log(log, r"tray icon embedded at"), output(app)
        assert wait_for_window(tray_host, "crm-desktop", timeout=3) == []  # no window on screen
        assert app.poll() is None  # still running, in the tray
    finally:
        app.terminate()
        app.wait(30)
