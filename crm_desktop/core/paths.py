"""Where the data lives: the user's data folder, or one named on the command line."""

from __future__ import annotations

import os
from pathlib import Path

from .. import APP_NAME

# platformdirs is imported where it is used: with --data-dir the app never needs it.

DATA_DIR_ENV = "CRM_DESKTOP_DATA_DIR"
DATABASE_NAME = "crm.sqlite3"


def resolve_data_dir(cli_value: str | None = None, environ=os.environ) -> Path:
    """--data-dir wins, then $CRM_DESKTOP_DATA_DIR, then the platform's user data folder."""
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    if environ.get(DATA_DIR_ENV):
        return Path(environ[DATA_DIR_ENV]).expanduser().resolve()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def uses_default_data_dir(cli_value: str | None = None, environ=os.environ) -> bool:
    return not cli_value and not environ.get(DATA_DIR_ENV)


class DataPaths:
    """Every file the app keeps under one data folder.

    Logs go to the platform's log folder for the default data folder, and beside the
    data otherwise (so a test or a second CRM keeps its logs apart).
    """

    def __init__(self, root: Path, logs: Path | None = None) -> None:
        self.root = root
        self._logs = logs

    @property
    def database(self) -> Path:
        return self.root / DATABASE_NAME

    @property
    def settings(self) -> Path:
        return self.root / "settings.json"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def attachments(self) -> Path:
        return self.root / "attachments"

    @property
    def logs(self) -> Path:
        return self._logs or self.root / "logs"
