"""Where files live: the platform's user data dir unless overridden (never the source tree)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from liaison_desk import paths


def test_data_dir_defaults_to_the_user_data_dir(monkeypatch):
    monkeypatch.delenv(paths.DATA_DIR_ENV, raising=False)
    d = paths.data_dir()
    assert "LiaisonDesk" in str(d)
    assert not str(d).startswith(str(Path(__file__).resolve().parent.parent))


def test_override_order_flag_then_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "env"))
    assert paths.data_dir() == (tmp_path / "env").resolve()
    assert paths.data_dir(tmp_path / "flag") == (tmp_path / "flag").resolve()
    assert paths.log_dir(tmp_path, overridden=True) == tmp_path / "logs"


def test_resources_are_found():
    assert paths.resource("fonts", "LXGWWenKai-Regular.ttf").is_file()
    assert paths.resource("fonts", "OFL.txt").is_file()


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes (on Windows these functions do nothing)")
def test_the_data_folder_is_made_and_tightened_owner_only(tmp_path):
    data = tmp_path / "data"
    old = os.umask(0o022)
    try:
        paths.secure_data_dir(data)
        assert stat.S_IMODE(data.stat().st_mode) == 0o700
        (data / "liaison-desk.sqlite3").write_bytes(b"x")
        (data / "liaison-desk.sqlite3-wal").write_bytes(b"x")
        (data / "backups").mkdir()
        (data / "backups" / "a.sqlite3").write_bytes(b"x")
        (data / "someone-elses").mkdir()  # a --data-dir chosen by hand may hold other folders: left alone
        os.chmod(data, 0o755)
        paths.secure_data_dir(data)
    finally:
        os.umask(old)
    modes = {p.relative_to(data).as_posix(): stat.S_IMODE(p.stat().st_mode) for p in data.rglob("*")}
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert modes == {"liaison-desk.sqlite3": 0o600, "liaison-desk.sqlite3-wal": 0o600, "backups": 0o700,
                     "backups/a.sqlite3": 0o600, "someone-elses": 0o755}


@pytest.mark.skipif(os.name != "posix", reason="POSIX umask")
def test_the_private_umask_makes_new_files_owner_only(tmp_path):
    old = os.umask(0o022)
    try:
        paths.private_umask()
        (tmp_path / "f").write_text("x")
        (tmp_path / "d").mkdir()
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "f").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "d").stat().st_mode) == 0o700
