"""Starting the app on an X display and finding its windows."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest


def app_env(display: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
    return env


def start_app(display: str, data_dir: Path, *args: str) -> subprocess.Popen:
    """Start the app; what it prints goes to data_dir/<pid>.out (read it with ``output``)."""
    log = data_dir.parent / f"{data_dir.name}-{len(list(data_dir.parent.glob('*.out')))}.out"
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, "-m", "crm_desktop", "--data-dir", str(data_dir), *args],
                                   env=app_env(display), stdout=out, stderr=subprocess.STDOUT)
    process.log_path = log
    return process


def output(process: subprocess.Popen) -> str:
    return process.log_path.read_text(errors="replace")


def wait_for_window(display: str, title: str, timeout: float = 30.0) -> list[str]:
    """X window ids whose title contains ``title`` (xdotool), waiting until one is mapped."""
    if shutil.which("xdotool") is None:
        pytest.skip("xdotool is not installed")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", title],
                               env=app_env(display), capture_output=True, text=True)
        ids = found.stdout.split()
        if ids:
            return ids
        time.sleep(0.2)
    return []
