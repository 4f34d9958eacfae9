"""Starting with the system: the platform's autostart entry, written and removed as a plain file.

- Linux (and other XDG desktops): ``$XDG_CONFIG_HOME/autostart/crm-desktop.desktop``;
- macOS: a LaunchAgent, ``~/Library/LaunchAgents/io.crm-desktop.plist``;
- Windows: a command file in the Startup folder of the Start menu (``%APPDATA%``), which the
  shell runs at log-in without a registry entry to clean up.

The command starts the app minimised to the tray. Every path comes from ``home`` and
``environ`` so each platform's entry can be written and checked on any machine.
"""

from __future__ import annotations

import os
import plistlib
import shlex
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

APP_ID = "crm-desktop"
LAUNCH_AGENT_LABEL = "io.crm-desktop"
MINIMIZED = "--minimized"


def platform_kind(platform: str = sys.platform) -> str:
    if platform.startswith("win"):
        return "windows"
    if platform == "darwin":
        return "macos"
    return "xdg"


def app_command(extra: Sequence[str] = ()) -> list[str]:
    """How to start this copy of the app: the frozen executable, or Python running the package."""
    if getattr(sys, "frozen", False):
        return [sys.executable, *extra]
    return [sys.executable, "-m", "crm_desktop", *extra]


def entry_path(kind: str, home: Path, environ: Mapping[str, str] = os.environ) -> Path:
    if kind == "windows":
        appdata = Path(environ.get("APPDATA") or home / "AppData" / "Roaming")
        return appdata / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup" / f"{APP_ID}.cmd"
    if kind == "macos":
        return home / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"
    config = Path(environ.get("XDG_CONFIG_HOME") or home / ".config")
    return config / "autostart" / f"{APP_ID}.desktop"


def _desktop_quote(arg: str) -> str:
    """An argument of a .desktop Exec key (Desktop Entry Specification: quoting rules)."""
    if arg and not any(c in arg for c in ' \t\n"\'\\><~|&;$*?#()`%'):
        return arg
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`").replace("$", "\\$")
    return f'"{escaped}"'.replace("%", "%%")


def entry_text(kind: str, command: Sequence[str], name: str = "crm-desktop") -> bytes:
    if kind == "windows":
        quoted = " ".join(f'"{part}"' for part in command)
        return f'@echo off\r\nstart "" {quoted}\r\n'.encode()
    if kind == "macos":
        return plistlib.dumps({"Label": LAUNCH_AGENT_LABEL, "ProgramArguments": list(command),
                               "RunAtLoad": True, "ProcessType": "Interactive"})
    exec_line = " ".join(_desktop_quote(part) for part in command)
    return ("[Desktop Entry]\nType=Application\n"
            f"Name={name}\nComment=Reminders for your customers\nExec={exec_line}\n"
            f"Icon={APP_ID}\nTerminal=false\nX-GNOME-Autostart-enabled=true\n").encode()


def parse_exec(text: str) -> list[str]:
    """The command of a .desktop file's Exec key (for checking what was written)."""
    for line in text.splitlines():
        if line.startswith("Exec="):
            return [part.replace("%%", "%") for part in shlex.split(line[5:])]
    return []


def enable(command: Sequence[str], *, kind: str | None = None, home: Path | None = None,
           environ: Mapping[str, str] = os.environ) -> Path:
    """Write the autostart entry; returns where. Raises OSError if it cannot be written."""
    kind = kind or platform_kind()
    path = entry_path(kind, home or Path.home(), environ)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(entry_text(kind, command))
    tmp.replace(path)
    return path


def disable(*, kind: str | None = None, home: Path | None = None,
            environ: Mapping[str, str] = os.environ) -> None:
    entry_path(kind or platform_kind(), home or Path.home(), environ).unlink(missing_ok=True)


def is_enabled(*, kind: str | None = None, home: Path | None = None,
               environ: Mapping[str, str] = os.environ) -> bool:
    return entry_path(kind or platform_kind(), home or Path.home(), environ).exists()
