"""`liaison-desk search TEXT [--json] [--limit N]`."""

from __future__ import annotations

import json

from liaison_desk.app import main

from .helpers import walk_in


def test_search_command(db, deputy_actor, capsys):
    a = walk_in(db, deputy_actor, "村里的灌溉渠堵了")
    walk_in(db, deputy_actor, "北街路灯坏了")
    data = str(db.path.parent)

    assert main(["--data-dir", data, "search", "灌溉"]) == 0
    out = capsys.readouterr().out
    assert "找到 1 件" in out and a.case_number in out

    assert main(["--data-dir", data, "search", "路", "--json", "--limit", "5"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [x["summary"] for x in lines] == ["北街路灯坏了"]

    assert main(["--data-dir", data, "--lang", "en", "search", "火箭"]) == 0
    assert "No case contains" in capsys.readouterr().out

    assert main(["--data-dir", data, "search", "，，"]) == 1  # a refusal: one line, no traceback
    err = capsys.readouterr().err
    assert err.startswith("错误：") and "Traceback" not in err

    assert main(["--data-dir", data, "search", "路", "--limit", "0"]) == 1
    assert "条数" in capsys.readouterr().err


def test_search_needs_an_existing_database(tmp_path, capsys):
    assert main(["--data-dir", str(tmp_path / "none"), "search", "路"]) == 1
    assert "还没有联络站数据库" in capsys.readouterr().err
