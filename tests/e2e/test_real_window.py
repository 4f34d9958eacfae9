"""The real app on a real X display: the window appears, and a second start defers to the first."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from xapp import app_env, output, start_app, wait_for_window

pytestmark = pytest.mark.e2e


def test_smoke_test_on_a_real_display(x_display, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "crm_desktop", "--smoke-test", "--demo", "--data-dir", str(tmp_path)],
        env=app_env(x_display), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "smoke test ok" in result.stdout


def test_window_appears_and_a_second_start_brings_it_forward(x_display, tmp_path):
    first = start_app(x_display, tmp_path, "--demo")
    try:
        windows = wait_for_window(x_display, "crm-desktop")
        assert windows, output(first)
        second = start_app(x_display, tmp_path)
        assert second.wait(60) == 0, output(second)  # it handed over to the running copy and left
        assert first.poll() is None  # the first copy still runs
        assert len(wait_for_window(x_display, "crm-desktop")) == len(windows)
        if shutil.which("import"):
            shot = tmp_path / "window.png"
            subprocess.run(["import", "-window", "root", str(shot)], env=app_env(x_display),
                           check=True, timeout=30)
            assert shot.stat().st_size > 10_000  # a rendered window, not an empty screen
    finally:
        first.terminate()
        first.wait(30)
