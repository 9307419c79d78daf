"""``liaison-desk vote …`` and ``liaison-desk appraisal …`` (issue 18): the whole vote and a 述职评议 from the
command line, differences shown before accepting, JSON listings, one-line Chinese errors with exit status 2."""

from __future__ import annotations

import json
from pathlib import Path

from liaison_desk.app import main
from liaison_desk.services.context import SYSTEM_ADMIN, open_station_database
from liaison_desk.services.duty.deputies import DeputyInput, create_deputy


def _station(tmp_path, capsys) -> list[str]:
    d = str(tmp_path / "st")
    assert main(["--data-dir", d, "init", "--station-name", "河口镇联络站", "--station-code", "HK01",
                 "--admin-pin", "2468"]) == 0
    db = open_station_database(Path(d))
    try:
        create_deputy(db, SYSTEM_ADMIN, DeputyInput(name="陈红梅", level="county"))
    finally:
        db.dispose()
    capsys.readouterr()
    return ["--data-dir", d]


def _json(capsys):
    return json.loads(capsys.readouterr().out)


BOX = ["--count", "发出选票=40", "--count", "收回=40", "--count", "有效票=39", "--count", "无效票=1"]


def test_a_vote_from_the_command_line(tmp_path, capsys):
    d = _station(tmp_path, capsys)
    assert main([*d, "vote", "create", "--year", "2026", "--title", "河口镇民生实事项目", "--chosen", "1", "--json"]) == 0
    vid = _json(capsys)["id"]
    for title in ("村道硬化", "老年食堂"):
        assert main([*d, "vote", "add-candidate", vid[:8], "--title", title, "--source", "public"]) == 0
    assert main([*d, "vote", "lock", vid[:8], "--by", "镇人大主席团"]) == 0
    assert main([*d, "vote", "session", vid, "--date", "2026-03-01", "--place", "镇政府会议室", "--present", "40"]) == 0
    capsys.readouterr()
    assert main([*d, "vote", "enter", vid, "--entry", "1", "--by", "王会计", *BOX, "--count", "1=30",
                 "--count", "老年食堂=12"]) == 0
    assert main([*d, "vote", "enter", vid, "--entry", "2", "--by", "赵出纳", *BOX, "--count", "1=30",
                 "--count", "2=21"]) == 0
    capsys.readouterr()
    assert main([*d, "vote", "diff", vid, "--json"]) == 0
    diff = _json(capsys)
    assert [x["label"] for x in diff["differences"]] == ["合计 · 老年食堂"] and not diff["acceptable"]
    assert main([*d, "vote", "accept", vid, "--by", "李干事"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：不能确认：两次录入不一致") and "12 / 21" in err and err.count("\n") == 1
    assert main([*d, "vote", "correct", vid, "--entry", "1", "--by", "王会计", "--reason", "对照选票重核",
                 "--count", "2=21"]) == 0
    assert main([*d, "vote", "accept", vid, "--by", "李干事"]) == 0
    capsys.readouterr()
    assert main([*d, "vote", "list", "--json"]) == 0
    (vote,) = _json(capsys)
    assert vote["status"] == "decided" and [c["title"] for c in vote["candidates"] if c["chosen"]] == ["村道硬化"]
    assert main([*d, "vote", "progress", vid, "--project", "1", "--kind", "report", "--date", "2026-06-01",
                 "--text", "路基完成", "--percent", "40"]) == 0
    assert main([*d, "vote", "rating-start", vid, "--project", "1"]) == 0
    assert main([*d, "vote", "enter", vid, "--rating", "1", "--entry", "1", "--by", "甲", *BOX,
                 "--count", "满意=30", "--count", "基本满意=8", "--count", "不满意=1"]) == 0


def test_an_appraisal_and_its_errors(tmp_path, capsys):
    d = _station(tmp_path, capsys)
    assert main([*d, "appraisal", "create", "--deputy", "陈红梅", "--date", "2026-05-20", "--place", "村委会",
                 "--present", "40", "--json"]) == 0
    aid = _json(capsys)["id"]
    counts = [*BOX, "--count", "称职=35", "--count", "基本称职=3", "--count", "不称职=1"]
    assert main([*d, "appraisal", "enter", aid, "--entry", "1", "--by", "甲", *counts]) == 0
    capsys.readouterr()
    assert main([*d, "appraisal", "enter", aid, "--entry", "2", "--by", "甲", *counts]) == 2
    assert capsys.readouterr().err == "错误：甲已经录入过一次；两次录入必须由不同的人分别完成。\n"
    assert main([*d, "appraisal", "enter", aid, "--entry", "2", "--by", "乙", *counts[:-2], "--count", "称职=3x"]) == 2
    assert "应填写 0 或正整数" in capsys.readouterr().err
    assert main([*d, "appraisal", "enter", aid, "--entry", "2", "--by", "乙", "--count", "优秀=3"]) == 2
    assert "计票栏目“优秀”不存在" in capsys.readouterr().err
    assert main([*d, "appraisal", "enter", aid, "--entry", "2", "--by", "乙", *counts]) == 0
    assert main([*d, "appraisal", "accept", aid, "--by", "李干事"]) == 0
    assert "评议结果：称职" in capsys.readouterr().out
    assert main([*d, "appraisal", "list", "--year", "2026", "--json"]) == 0
    (a,) = _json(capsys)
    assert a["result"] == "competent" and a["counts"]["competent"] == 35
    out = Path(d[1]) / "评议.pdf"
    assert main([*d, "appraisal", "print", aid[:8], "--out", str(out), "--date", "2026-05-21"]) == 0
    assert out.read_bytes().startswith(b"%PDF") and "已保存" in capsys.readouterr().out
    assert main([*d, "appraisal", "show", "nope"]) == 2
    assert capsys.readouterr().err == "错误：述职评议编号“nope”不存在。\n"
