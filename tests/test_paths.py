"""Where files live: the platform's user data dir unless overridden (never the source tree)."""

from __future__ import annotations

from pathlib import Path

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
