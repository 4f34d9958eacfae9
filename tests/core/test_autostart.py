"""The autostart entry of each platform, written as a file and read back."""

from __future__ import annotations

import plistlib

from crm_desktop.core.autostart import (
    MINIMIZED,
    app_command,
    disable,
    enable,
    entry_path,
    is_enabled,
    parse_exec,
    platform_kind,
)

COMMAND = ["/opt/my apps/python3", "-m", "crm_desktop", "--data-dir", "/home/ann/CRM 100%", MINIMIZED]


def test_platforms():
    kinds = [platform_kind(name) for name in ("linux", "darwin", "win32")]
    assert kinds == ["xdg", "macos", "windows"]


def test_xdg_desktop_file_in_the_autostart_folder(tmp_path):
    env = {"XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    assert not is_enabled(kind="xdg", home=tmp_path, environ=env)
    path = enable(COMMAND, kind="xdg", home=tmp_path, environ=env)
    assert path == tmp_path / "cfg" / "autostart" / "crm-desktop.desktop"
    text = path.read_text()
    assert text.startswith("[Desktop Entry]\n") and "Type=Application" in text
    assert parse_exec(text) == COMMAND  # spaces and % survive the Exec quoting
    assert is_enabled(kind="xdg", home=tmp_path, environ=env)
    disable(kind="xdg", home=tmp_path, environ=env)
    assert not path.exists()


def test_xdg_defaults_to_dot_config(tmp_path):
    assert entry_path("xdg", tmp_path, {}) == tmp_path / ".config" / "autostart" / "crm-desktop.desktop"


def test_macos_launch_agent(tmp_path):
    path = enable(COMMAND, kind="macos", home=tmp_path, environ={})
    assert path == tmp_path / "Library" / "LaunchAgents" / "io.crm-desktop.plist"
    agent = plistlib.loads(path.read_bytes())
    assert agent["ProgramArguments"] == COMMAND and agent["RunAtLoad"] is True


def test_windows_startup_folder(tmp_path):
    env = {"APPDATA": str(tmp_path / "Roaming")}
    path = enable(COMMAND, kind="windows", home=tmp_path, environ=env)
    start_menu = tmp_path / "Roaming" / "Microsoft" / "Windows" / "Start Menu"
    assert path.parent == start_menu / "Programs" / "Startup"
    text = path.read_bytes().decode()
    assert '"/home/ann/CRM 100%"' in text and text.endswith("\r\n") and MINIMIZED in text


def test_the_command_starts_this_copy_minimised():
    command = app_command([MINIMIZED])
    assert command[-1] == MINIMIZED and command[1:3] == ["-m", "crm_desktop"]
