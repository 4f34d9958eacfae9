"""The command line: info, demo data, and clear refusals of files that are not ours."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from crm_desktop.app import main
from crm_desktop.core.paths import DATA_DIR_ENV, DATABASE_NAME, resolve_data_dir


def test_info_on_a_new_folder_creates_an_empty_database(tmp_path, capsys):
    assert main(["info", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert str(tmp_path / DATABASE_NAME) in out
    assert "contacts:       0" in out
    assert (tmp_path / DATABASE_NAME).is_file()


def test_demo_then_info_counts_what_was_added(tmp_path, capsys):
    assert main(["demo", "--data-dir", str(tmp_path), "--people", "50", "--companies", "10"]) == 0
    assert "Added 50 contacts" in capsys.readouterr().out
    assert main(["info", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "contacts:       50" in out
    assert "owners:         4" in out  # the login user and three demo owners


def test_the_data_folder_may_come_before_the_command(tmp_path, capsys, monkeypatch):
    elsewhere = tmp_path / "default"
    monkeypatch.setenv(DATA_DIR_ENV, str(elsewhere))
    chosen = tmp_path / "chosen"
    assert main(["--data-dir", str(chosen), "demo", "--people", "5", "--companies", "2"]) == 0
    assert str(chosen / DATABASE_NAME) in capsys.readouterr().out
    assert (chosen / DATABASE_NAME).is_file()
    assert not elsewhere.exists()


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path, capsys):
    db = tmp_path / DATABASE_NAME
    db.write_bytes(b"name,email\nAlice,alice@example.com\n")
    before = db.read_bytes()
    assert main(["info", "--data-dir", str(tmp_path)]) == 2
    assert "is not a crm-desktop database" in capsys.readouterr().err
    assert db.read_bytes() == before


def test_data_folder_that_cannot_be_created_is_explained(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["info", "--data-dir", str(blocker / "data")]) == 2
    assert "cannot be used" in capsys.readouterr().err


def test_data_dir_resolution_order(tmp_path):
    env = {DATA_DIR_ENV: str(tmp_path / "env")}
    assert resolve_data_dir(str(tmp_path / "cli"), env) == tmp_path / "cli"
    assert resolve_data_dir(None, env) == tmp_path / "env"
    assert resolve_data_dir(None, {}).name == "crm-desktop"


def test_environment_variable_selects_the_data_folder(tmp_path):
    env = {**os.environ, DATA_DIR_ENV: str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "crm_desktop", "info"], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert str(tmp_path) in result.stdout


@pytest.mark.e2e
def test_smoke_test_opens_the_window_offscreen(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "crm_desktop", "--smoke-test", "--demo", "--data-dir", str(tmp_path)],
        env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "smoke test ok" in result.stdout
    assert "400 contacts" in result.stdout
    assert Path(tmp_path / DATABASE_NAME).is_file()
