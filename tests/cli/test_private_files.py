"""Issue 17, item 2 (files): what the station writes is owner-only — the data folder 0700, the database, its
WAL and SHM, backups and logs 0600 — when made, and an older station's looser files are tightened when it is
next opened. (On Windows permissions are ACLs of the user's profile folder: the mode changes are skipped.)"""

from __future__ import annotations

import os
import sqlite3
import stat
import sys

import pytest

from liaison_desk.app import main

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")


def _mode(p) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def _loose(d) -> list[str]:
    """Every file and folder under ``d`` (and ``d``) that anyone but the owner may read."""
    found = [] if _mode(d) & 0o077 == 0 else [f"{d} {_mode(d):o}"]
    for root, dirs, files in os.walk(d):
        for name in dirs + files:
            p = type(d)(root) / name
            if _mode(p) & 0o077:
                found.append(f"{p.relative_to(d)} {_mode(p):o}")
    return found


@pytest.fixture
def public_umask():
    old = os.umask(0o022)  # what a station's session has: files 644, folders 755
    yield
    os.umask(old)


def test_a_new_station_is_owner_only(tmp_path, public_umask, capsys):
    d = tmp_path / "st"
    assert main(["--data-dir", str(d), "init", "--station-name", "站", "--station-code", "AB12",
                 "--admin-pin", "1234"]) == 0
    assert main(["--data-dir", str(d), "stats"]) == 0
    assert (d / "liaison-desk.sqlite3").exists() and (d / "logs" / "liaison-desk.log").exists()
    assert _loose(d) == []
    assert _mode(d) == 0o700 and _mode(d / "liaison-desk.sqlite3") == 0o600


def test_an_older_stations_loose_files_are_tightened_when_opened(tmp_path, public_umask, capsys):
    d = tmp_path / "st"
    assert main(["--data-dir", str(d), "init", "--station-name", "站", "--station-code", "AB12",
                 "--admin-pin", "1234"]) == 0
    (d / "backups").mkdir(exist_ok=True)
    con = sqlite3.connect(d / "backups" / "liaison-desk-20260101-before-0006.sqlite3")
    con.execute("CREATE TABLE t (x)")
    con.close()
    for root, dirs, files in os.walk(d):
        for name in dirs:
            os.chmod(os.path.join(root, name), 0o755)
        for name in files:
            os.chmod(os.path.join(root, name), 0o644)
    os.chmod(d, 0o755)
    assert main(["--data-dir", str(d), "stats"]) == 0
    assert _loose(d) == []


def test_files_made_after_start_are_owner_only(tmp_path, public_umask, capsys):
    """The umask is set at start: an export, a bundle or a draft written later is not readable by others."""
    d = tmp_path / "st"
    assert main(["--data-dir", str(d), "init", "--station-name", "站", "--station-code", "AB12",
                 "--admin-pin", "1234"]) == 0
    assert os.umask(0o077) & 0o077 == 0o077
