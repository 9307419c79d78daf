"""``liaison-desk report``: the period report as JSON, PDF and xlsx, the ledger, and usage errors in one line."""

from __future__ import annotations

import json

import openpyxl
import pytest

from liaison_desk.app import main
from liaison_desk.services.admin.setup import init_station
from liaison_desk.services.context import open_station_database
from tests.services import reports_fixture as F


@pytest.fixture
def station_dir(tmp_path):
    d = tmp_path / "st"
    db = open_station_database(d)
    init_station(db, name="柳树湾村人大代表联络站", code="LX01", township="河口镇", admin_pin="2468")
    F.load(db)
    db.dispose()
    return d


def test_report_json_xlsx_pdf(station_dir, tmp_path, capsys):
    base = ["--data-dir", str(station_dir), "report", "--period", "2026-11"]
    assert main([*base, "--by", "category", "-o", "-"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["totals"]["cases"] == 11 and data["by"] == "category"
    assert [b["label"] for b in data["breakdown"]] == ["农田水利", "道路交通"]
    assert main([*base, "--by", "village", "-o", str(tmp_path / "r.xlsx")]) == 0
    wb = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert wb["分组统计"].cell(3, 1).value == "村（社区）"
    assert main([*base, "--format", "pdf", "-o", str(tmp_path / "r.out")]) == 0
    assert (tmp_path / "r.out").read_bytes().startswith(b"%PDF")
    assert main([*base, "--thresholds", "回复率<95", "-o", str(tmp_path / "r.json")]) == 0
    notices = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["notices"]
    assert {n["name"]: n["below"] for n in notices if n["kind"] == "department"} == {
        "县水利局": [], "=SUM(A1:A9)局": ["reply_rate"]}


def test_ledger(station_dir, tmp_path, capsys):
    assert main(["--data-dir", str(station_dir), "report", "--ledger", "-o", str(tmp_path / "l.xlsx")]) == 0
    assert "4 件" in capsys.readouterr().err


@pytest.mark.parametrize("args, says", [
    (["--period", "2026-13"], "统计期间“2026-13”无效：月份应在 1 到 12 之间"),
    (["--period", "abc"], "统计期间“abc”无效"),
    ([], "请用 --period 指定统计期间"),
    (["--period", "2026-11", "--thresholds", "快乐率<3"], "通报标准“快乐率<3”无效"),
    (["--ledger", "--format", "pdf"], "只能导出为 xlsx"),
])
def test_usage_errors_are_one_chinese_line_and_exit_2(station_dir, tmp_path, capsys, args, says):
    rc = main(["--data-dir", str(station_dir), "report", *args, "-o", str(tmp_path / "x.json")])
    err = capsys.readouterr().err
    assert rc == 2
    assert err.startswith("错误：") and says in err and err.count("\n") == 1
    assert not (tmp_path / "x.json").exists()


def test_a_bad_period_is_refused_before_the_database_is_opened(tmp_path, capsys):
    rc = main(["--data-dir", str(tmp_path / "none"), "report", "--period", "2026-13", "-o", str(tmp_path / "x.json")])
    assert rc == 2 and "统计期间" in capsys.readouterr().err
