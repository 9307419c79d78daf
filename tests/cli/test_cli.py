"""The command line: languages, set-up, demo, stats, check, export, and errors without tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from liaison_desk import __version__, paths
from liaison_desk.app import main
from liaison_desk.db import cipher


def run_cli(*args, env_lang=None):
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    if env_lang:
        env["LANG"] = env_lang
    return subprocess.run([sys.executable, "-m", "liaison_desk", *args], capture_output=True, text=True,
                          env=env, timeout=120, check=False)


def test_version_and_help_in_chinese_by_default_and_english_on_request(tmp_path):
    out = run_cli("--version")
    assert out.returncode == 0 and out.stdout.strip() == f"liaison-desk {__version__}"
    zh = run_cli("--help")
    assert zh.returncode == 0 and "用法" in zh.stdout and "显示本帮助并退出" in zh.stdout and "子命令" in zh.stdout
    en = run_cli("--help", env_lang="en_US.UTF-8")
    assert "usage:" in en.stdout and "show this help message and exit" in en.stdout and "用法" not in en.stdout
    en2 = run_cli("--lang", "en", "init", "--help")
    assert "--station-name" in en2.stdout and "station name" in en2.stdout
    assert "显示程序版本并退出" in zh.stdout
    bad = run_cli("frobnicate")
    assert bad.returncode == 2 and "无效的选项" in bad.stderr


def test_init_then_refuses_second_init(tmp_path, capsys):
    d = str(tmp_path / "st")
    assert main(["--data-dir", d, "init", "--station-name", "河口镇联络站", "--station-code", "hk01"]) == 0
    out = capsys.readouterr().out
    assert "HK01" in out and "管理员密码" in out
    assert main(["--data-dir", d, "init", "--station-name", "x", "--station-code", "HK02"]) == 1
    assert "不能重复初始化" in capsys.readouterr().err


def test_commands_other_than_init_and_demo_do_not_create_a_database(tmp_path, capsys):
    for cmd in (["stats"], ["check"], ["export", "-o", str(tmp_path / "x.jsonl")]):
        assert main(["--data-dir", str(tmp_path / "typo"), *cmd]) == 1
        assert "还没有联络站数据库" in capsys.readouterr().err
    assert not (tmp_path / "typo" / paths.DB_FILENAME).exists()


def test_bad_station_code_is_a_readable_error(tmp_path, capsys):
    rc = main(["--data-dir", str(tmp_path), "init", "--station-name", "站", "--station-code", "山河"])
    assert rc == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：") and "Traceback" not in err


def test_demo_stats_check_export(tmp_path, capsys):
    d = str(tmp_path / "demo")
    assert main(["--data-dir", d, "demo", "--visits", "400", "--seed", "7"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", d, "stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["records"]["visits"] == 400
    assert stats["cases"]["total"] > 250
    assert 0 < stats["rates"]["closure_rate"] <= 100
    assert all(n > 0 for n in stats["cases"]["by_status"].values()), stats["cases"]["by_status"]
    assert main(["--data-dir", d, "stats"]) == 0
    text = capsys.readouterr().out
    assert "办结率" in text and "满意率" in text
    assert main(["--data-dir", d, "check"]) == 0
    assert "检查通过" in capsys.readouterr().out
    out = tmp_path / "all.jsonl"
    assert main(["--data-dir", d, "export", "--format", "jsonl", "-o", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert all("type" in r and "id" in r for r in records)
    assert sum(r["type"] == "visits" for r in records) == 400
    assert not any("pin_hash" in r for r in records)
    # the demo refuses a database that already holds records
    assert main(["--data-dir", d, "demo", "--visits", "10"]) == 1
    assert "已经有登记记录" in capsys.readouterr().err


def test_check_reports_a_tampered_case_and_exits_non_zero(tmp_path, capsys):
    d = tmp_path / "demo"
    assert main(["--data-dir", str(d), "demo", "--visits", "100"]) == 0
    con = cipher.connect_station(paths.database_path(d))  # encrypted: with this PC's key
    number = con.execute("SELECT number FROM cases WHERE status!='withdrawn' LIMIT 1").fetchone()[0]
    con.execute("UPDATE cases SET status='withdrawn' WHERE number=?", (number,))
    con.execute("UPDATE outbox SET payload = payload || ' ' WHERE seq = 5")
    con.execute("DELETE FROM outbox WHERE seq = (SELECT max(seq) FROM outbox WHERE entity = 'visits')")
    con.commit()
    con.close()
    capsys.readouterr()
    assert main(["--data-dir", str(d), "check"]) == 3
    out = capsys.readouterr().out
    assert number in out and "推算应为" in out
    assert "校验值不符" in out
    assert "visits 有 1 条本站记录的最新修改不在变更日志中" in out


def test_unexpected_error_goes_to_the_log_not_the_screen(tmp_path, capsys, monkeypatch):
    from liaison_desk.services.admin import stats

    def boom(db):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(stats, "compute_stats", boom)
    d = tmp_path / "st"
    assert main(["--data-dir", str(d), "init", "--station-name", "站", "--station-code", "AB12",
                 "--admin-pin", "1234"]) == 0
    assert main(["--data-dir", str(d), "stats"]) == 1
    err = capsys.readouterr().err
    assert "secret internals" not in err and "日志" in err
    log = (d / "logs" / "liaison-desk.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "secret internals" in log


@pytest.mark.parametrize("seed", [3])
def test_export_ignores_replica_local_state(tmp_path, seed):
    """Two replicas holding the same records export the same lines, even though their outbox
    acknowledgements and node ids (local bookkeeping) differ."""
    import shutil

    a = tmp_path / "a"
    assert main(["--data-dir", str(a), "demo", "--visits", "50", "--seed", str(seed)]) == 0
    b = tmp_path / "b"
    shutil.copytree(a, b)  # the database closed, with its key (the data folder's key file)
    # replica b also has local-only differences: its outbox is acknowledged, its node id differs
    con = cipher.connect_station(paths.database_path(b))
    con.execute("UPDATE outbox SET acked_at = '2026-01-01 00:00:00'")
    con.execute("UPDATE local_state SET value = 'other' WHERE key = 'node_id'")
    con.commit()
    con.close()
    shutil.rmtree(a / "logs", ignore_errors=True)
    for d in (a, b):
        assert main(["--data-dir", str(d), "export", "-o", str(d / "out.jsonl")]) == 0
    assert sorted((a / "out.jsonl").read_text().splitlines()) == sorted((b / "out.jsonl").read_text().splitlines())
