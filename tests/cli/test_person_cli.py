"""person export / person erase / retention from the command line."""

from __future__ import annotations

import json
import stat
import sys

import pytest

from liaison_desk.app import main
from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
from liaison_desk.services.context import SYSTEM_ADMIN, open_station_database

PHONE = "13512345678"


@pytest.fixture
def station(tmp_path):
    d = tmp_path / "st"
    assert main(["--data-dir", str(d), "init", "--station-name", "河口镇联络站", "--station-code", "HK01",
                 "--admin-pin", "2468"]) == 0
    db = open_station_database(d)
    register_visit(db, SYSTEM_ADMIN, VisitInput("卫东", visitor_phone=PHONE), CaseInput("卫东反映路面塌陷"))
    db.dispose()
    return d


def test_export_writes_an_owner_only_json_file(station, tmp_path, capsys):
    out = tmp_path / "卫东.json"
    capsys.readouterr()
    assert main(["--data-dir", str(station), "person", "export", "--phone", PHONE, "-o", str(out)]) == 0
    assert "已导出" in capsys.readouterr().out
    body = json.loads(out.read_text(encoding="utf-8"))
    assert body["visits"][0]["visitor_phone"] == PHONE and body["cases"][0]["content"] == "卫东反映路面塌陷"
    if sys.platform != "win32":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert main(["--data-dir", str(station), "person", "export", "--phone", "13500000000", "-o", str(out)]) == 1
    assert "没有这个电话号码" in capsys.readouterr().err


def test_export_as_csv_for_a_spreadsheet(station, tmp_path, capsys):
    import csv

    out = tmp_path / "卫东.csv"
    assert main(["--data-dir", str(station), "person", "export", "--phone", PHONE, "-o", str(out)]) == 0
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == ["记录类型", "记录编号", "字段", "内容"]
    assert any(r[0] == "visits" and r[2:] == ["visitor_phone", PHONE] for r in rows)
    assert any(r[0] == "cases" and r[2:] == ["content", "卫东反映路面塌陷"] for r in rows)
    if sys.platform != "win32":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_erase_needs_confirm_and_then_erases(station, capsys):
    capsys.readouterr()
    assert main(["--data-dir", str(station), "person", "erase", "--phone", PHONE]) == 0
    out = capsys.readouterr()
    assert "将清除" in out.out and "--confirm" in out.err
    assert main(["--data-dir", str(station), "person", "erase", "--phone", PHONE, "--confirm"]) == 0
    assert "已清除：案件 1 件，来访登记 1 条，来访群众 1 人" in capsys.readouterr().out
    assert main(["--data-dir", str(station), "search", "卫东"]) == 0
    assert "没有找到" in capsys.readouterr().out


def test_retention_dry_run_and_years(station, capsys):
    capsys.readouterr()
    assert main(["--data-dir", str(station), "retention", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "保存期限 3 年" in out and "试运行" in out
    assert main(["--data-dir", str(station), "retention", "--years", "5"]) == 0
    assert "保存期限 5 年" in capsys.readouterr().out
    assert main(["--data-dir", str(station), "retention", "--years", "0"]) == 1
    assert "1 到 30 年" in capsys.readouterr().err
