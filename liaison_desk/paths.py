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


# -- owner-only files (issue 17) ----------------------------------------------------------------------------
# A station PC is shared: the village office's other accounts must not read the database, its backups, the
# logs or a bundle. On POSIX the process umask makes every new file 0600 and folder 0700, and what an older
# version left readable is tightened when the data folder is opened. On Windows a file's access is its ACL,
# inherited from the user's own profile folder (LocalAppData is private to the user already): os.chmod there
# only toggles the read-only flag, so these functions do nothing on Windows.
PRIVATE_UMASK = 0o077
PRIVATE_DIR, PRIVATE_FILE = 0o700, 0o600
_POSIX = os.name == "posix"


def private_umask() -> None:
    """Make every file this process creates owner-only (call at start, before anything is written)."""
    if _POSIX:
        os.umask(PRIVATE_UMASK)


def private_dir(directory: Path) -> Path:
    """``directory``, made if missing, readable by its owner only."""
    directory.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    _tighten(directory, PRIVATE_DIR)
    return directory


def _tighten(path: Path, mode: int) -> None:
    if not _POSIX:
        return
    try:
        st = path.lstat()
        if st.st_mode & 0o777 & ~mode and not os.path.islink(path):
            os.chmod(path, (st.st_mode & 0o777) & mode)
    except OSError:  # not ours (a shared folder someone else made), or gone meanwhile: leave it
        pass


#: the data folder's own subfolders, tightened with everything in them (a --data-dir chosen by hand may hold
#: other folders: those are left alone)
DATA_SUBDIRS = ("backups", "logs", "drafts", "exports", "bundles", "keys")


def secure_data_dir(data: Path) -> Path:
    """The data folder, made if missing, owner-only with its files and the app's own subfolders (issue 17)."""
    private_dir(data)
    if _POSIX:
        for entry in data.iterdir():
            if entry.is_symlink():
                continue
            if entry.is_file():
                _tighten(entry, PRIVATE_FILE)
            elif entry.is_dir() and entry.name in DATA_SUBDIRS:
                tighten_tree(entry)
    return data


def tighten_tree(root: Path) -> None:
    """Folders under ``root`` (and ``root``) to 0700, files to 0600, where they are looser; links are not
    followed. The data folder holds a handful of files and folders: this costs well under a millisecond."""
    if not _POSIX or not root.is_dir():
        return
    _tighten(root, PRIVATE_DIR)
    for here, dirs, files in os.walk(root):
        for name in dirs:
            _tighten(Path(here) / name, PRIVATE_DIR)
        for name in files:
            _tighten(Path(here) / name, PRIVATE_FILE)


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX); Windows has no directory handles to sync, and needs none."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def resources_dir() -> Path:
    """The bundled ``resources/`` folder, from a source checkout or from inside a PyInstaller build."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
