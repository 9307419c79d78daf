"""Issue 13 at the county hub's command line (``liaison-desk-hub``): Chinese help like the desk's, ``-o -``
is standard output, a missing PostgreSQL database is one line saying how to create it, and piping into
``head`` stops quietly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from liaison_desk.hub.cli import main as hub_main

ROOT = Path(__file__).resolve().parents[2]
LOCALE_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture
def no_locale(monkeypatch):
    for var in (*LOCALE_VARS, "LIAISON_HUB_DB"):
        monkeypatch.delenv(var, raising=False)
    return monkeypatch


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in (*LOCALE_VARS, "LIAISON_HUB_DB")}
    env["PYTHONPATH"] = str(ROOT)
    return env


def test_hub_help_is_chinese_like_the_desks(no_locale, capsys):
    with pytest.raises(SystemExit) as e:
        hub_main(["--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：") and "显示本帮助并退出" in out and "选项" in out and "usage:" not in out
    with pytest.raises(SystemExit):
        hub_main(["stations", "--bogus"])
    err = capsys.readouterr().err
    assert "无法识别的参数" in err and "unrecognized" not in err
    with pytest.raises(SystemExit):
        hub_main(["--lang", "en", "--help"])
    assert "usage:" in capsys.readouterr().out


def test_hub_export_dash_writes_to_standard_output(no_locale, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    db = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    assert hub_main(["--db", db, "ref-add", "departments", "name=县水利局"]) == 0
    capsys.readouterr()
    assert hub_main(["--db", db, "export", "-o", "-"]) == 0
    out = capsys.readouterr()
    assert not (tmp_path / "-").exists(), "a file named - was written"
    lines = out.out.splitlines()
    assert lines and all(json.loads(ln)["type"] for ln in lines)
    assert any("县水利局" in ln for ln in lines)
    assert "已导出 " in out.err and "-" not in out.err.split("到")[-1].strip()


@pytest.mark.postgres
def test_a_missing_postgres_database_is_one_line_saying_how_to_create_it(no_locale, capsys):
    url = "postgresql+psycopg://postgres@127.0.0.1:5432/liaison_no_such_hub_db"
    assert hub_main(["--db", url, "stations"]) == 1
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert len(err.splitlines()) == 1, err
    assert err.startswith("错误：") and "liaison_no_such_hub_db" in err and "createdb" in err
    assert "Traceback" not in captured.err and "OperationalError" not in captured.err


def test_an_unreachable_database_server_is_one_line(no_locale, capsys):
    assert hub_main(["--db", "postgresql+psycopg://postgres@127.0.0.1:1/hub", "stations"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith("错误：") and "127.0.0.1" in err, err


@pytest.mark.parametrize("args", [["stations"], ["--help"]])
def test_piping_the_hub_into_head_stops_quietly(tmp_path, args):
    db = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    for code in ("LX01", "LX02", "LX03"):
        assert hub_main(["--db", db, "add-station", "--name", f"{code}联络站", "--code", code]) == 0
    p = subprocess.Popen([sys.executable, "-m", "liaison_desk.hub.cli", "--db", db, *args],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(), cwd=ROOT)
    assert p.stdout is not None and p.stderr is not None
    p.stdout.close()
    err = p.stderr.read().decode("utf-8", "replace")
    p.stderr.close()
    assert p.wait(timeout=120) in (0, 141)
    assert err == ""
