"""The duty commands: roster generate/show/substitute, scores, deputies import/export, duty-year, report-draft."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from liaison_desk.app import main
from liaison_desk.domain.timeutil import local_today
from tests.duty.helpers import give_all_accounts

START = local_today() + dt.timedelta(days=1)
END = START + dt.timedelta(days=27)


@pytest.fixture
def station(tmp_path, capsys):
    d = str(tmp_path / "st")
    assert main(["--data-dir", d, "init", "--station-name", "河口镇联络站", "--station-code", "HK01",
                 "--admin-pin", "2468"]) == 0
    csv = tmp_path / "名单.csv"
    csv.write_text("姓名,代表层级,代表证号,值班方式\n张三,乡镇,A1,轮流值班\n李四,县,A2,\n王五,市,A3,\n赵六,县,A4,固定在站\n",
                   encoding="utf-8")
    assert main(["--data-dir", d, "deputies", "import", str(csv)]) == 0
    give_all_accounts(d)  # the roster plans only deputies who can sign in
    capsys.readouterr()
    return d


def test_roster_generate_explains_and_saves(station, capsys):
    assert main(["--data-dir", station, "roster", "generate", "--from", START.isoformat(), "--to",
                 END.isoformat()]) == 0
    out = capsys.readouterr().out
    assert "已保存" in out and "本期值班次数最少" in out and "赵六" not in out.split("共")[0]
    assert main(["--data-dir", station, "roster", "generate", "--from", START.isoformat(), "--to",
                 END.isoformat(), "--json", "--dry-run"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["saved"] is False and len(data["assignments"]) == 4  # four Wednesdays (default pattern)
    assert {c["deputy"] for c in data["counts"]} == {"张三", "李四", "王五"} and all(a["reasons"] for a in data["assignments"])
    month = data["assignments"][0]["date"][:7]
    assert main(["--data-dir", station, "roster", "show", "--month", month, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["entries"] and all(e["status"] == "upcoming" for e in shown["entries"])


def test_substitute_by_name(station, capsys):
    main(["--data-dir", station, "roster", "generate", "--from", START.isoformat(), "--to", END.isoformat(),
          "--json"])
    first = json.loads(capsys.readouterr().out)["assignments"][0]
    other = next(n for n in ("张三", "李四", "王五") if n != first["deputy"])
    assert main(["--data-dir", station, "roster", "substitute", "--date", first["date"], "--slot", first["slot"],
                 "--from-deputy", first["deputy"], "--to-deputy", other, "--reason", "生病"]) == 0
    assert "已登记替班" in capsys.readouterr().out
    assert main(["--data-dir", station, "roster", "substitute", "--date", first["date"], "--slot", first["slot"],
                 "--from-deputy", first["deputy"], "--to-deputy", other]) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：") and "Traceback" not in err


def test_scores_and_year_and_draft(station, capsys):
    assert main(["--data-dir", station, "scores", "--year", "2026", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["name"] for r in data["ranking"]] == ["张三", "李四", "王五", "赵六"]
    assert all(r["total"] == 0 and r["grade"] == "较差" for r in data["ranking"])
    assert main(["--data-dir", station, "scores", "--year", "2026", "--deputy", "A2"]) == 0
    assert "李四 2026年度履职积分：0 分（较差）" in capsys.readouterr().out
    assert main(["--data-dir", station, "--lang", "en", "scores", "--year", "2026"]) == 0
    assert "rank" in capsys.readouterr().out
    assert main(["--data-dir", station, "duty-year", "--year", "2026"]) == 0
    assert "未达标" in capsys.readouterr().out
    assert main(["--data-dir", station, "report-draft", "--year", "2026", "--deputy", "张三"]) == 0
    assert "履职情况报告（初稿）" in capsys.readouterr().out
    assert main(["--data-dir", station, "scores", "--year", "1800"]) == 1
    assert "年份" in capsys.readouterr().err


def test_deputies_export_and_bad_import(station, tmp_path, capsys):
    out = tmp_path / "out.xlsx"
    assert main(["--data-dir", station, "deputies", "export", "-o", str(out)]) == 0
    assert out.exists() and "已导出 4 位代表" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text("姓名,代表层级\n钱一,村级\n", encoding="utf-8")
    assert main(["--data-dir", station, "deputies", "import", str(bad)]) == 1
    cap = capsys.readouterr()
    assert "第 2 行：代表层级“村级”无效" in cap.err and "有问题的行 1 行" in cap.out


def test_bad_month_and_unknown_deputy_are_readable(station, capsys):
    assert main(["--data-dir", station, "roster", "show", "--month", "2026-13"]) == 1
    assert "月份" in capsys.readouterr().err
    assert main(["--data-dir", station, "scores", "--year", "2026", "--deputy", "无名氏"]) == 1
    assert "找不到代表" in capsys.readouterr().err


def test_pattern_leave_and_swap(station, capsys):
    assert main(["--data-dir", station, "roster", "pattern"]) == 0
    assert "周三接待" in capsys.readouterr().out
    assert main(["--data-dir", station, "roster", "pattern", "--weekdays", "0,4", "--slots", "am,pm"]) == 0
    assert "周一、周五接待；班次：上午、下午；每班 1 人" in capsys.readouterr().out
    assert main(["--data-dir", station, "roster", "pattern", "--weekdays", "x"]) == 1
    assert "0,2,4" in capsys.readouterr().err
    assert main(["--data-dir", station, "roster", "leave", "--deputy", "张三", "--from", START.isoformat(),
                 "--to", END.isoformat(), "--reason", "外出务工"]) == 0
    assert "已登记请假" in capsys.readouterr().out
    main(["--data-dir", station, "roster", "generate", "--from", START.isoformat(), "--to", END.isoformat(),
          "--json"])
    plan = json.loads(capsys.readouterr().out)
    assert {c["deputy"]: c["shifts"] for c in plan["counts"]}["张三"] == 0 and any("张三" in w for w in plan["warnings"])
    a, b = plan["assignments"][0], plan["assignments"][1]
    assert main(["--data-dir", station, "roster", "swap", "--date1", a["date"], "--slot1", a["slot"], "--deputy1",
                 a["deputy"], "--date2", b["date"], "--slot2", b["slot"], "--deputy2", b["deputy"]]) == 0
    assert "已登记换班" in capsys.readouterr().out
    main(["--data-dir", station, "roster", "show", "--month", a["date"][:7]])
    assert "换班" in capsys.readouterr().out
