"""Where LiaisonDesk keeps its files: data, logs, backups and bundled resources (no Qt here)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "LiaisonDesk"
APP_AUTHOR = "LiaisonDesk"
DATA_DIR_ENV = "LIAISON_DESK_DATA_DIR"
DB_FILENAME = "liaison-desk.sqlite3"


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """The station's data directory: ``--data-dir``, then ``$LIAISON_DESK_DATA_DIR``, then the user data dir.

    On Windows platformdirs gives the non-roaming (local) AppData folder: a station database must never be
    copied around by a roaming profile.
    """
    chosen = override or os.environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR, roaming=False))


def log_dir(data: Path, *, overridden: bool) -> Path:
    """Logs live beside an overridden data dir (tests, portable installs), else in the platform's log dir."""
    if overridden:
        return data / "logs"
    return Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))


def database_path(data: Path) -> Path:
    return data / DB_FILENAME


def backup_dir(data: Path) -> Path:
    return data / "backups"


def resources_dir() -> Path:
    """The bundled ``resources/`` folder, from a source checkout or from inside a PyInstaller build."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
