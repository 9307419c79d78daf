"""Deputies and groups (terms end without losing history), import/export with per-row errors, activities."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook, load_workbook

from liaison_desk.domain.errors import DomainError, PermissionDenied
from liaison_desk.services.duty import deputies as D
from liaison_desk.services.duty.activities import (
    ActivityInput,
    cancel_activity,
    list_activities,
    record_activity,
    set_suggestion_outcome,
)
from liaison_desk.services.duty.scores import deputy_year_score
from tests.duty.helpers import make_deputies, sign_shift


def test_create_update_and_roles(db, admin, deputy_actor):
    d = D.create_deputy(db, admin, D.DeputyInput("王𠮷明", "county", phone="138 1234 5678", code="X1",
                                                 group="第一代表小组", group_role="leader"))
    assert d.level_zh == "县人大代表" and d.phone == "13812345678" and d.duty_role == "rotating"
    assert d.groups == (("第一代表小组", "leader"),)
    d2 = D.update_deputy(db, admin, d.id, D.DeputyInput("王𠮷明", "city", code="X1", duty_role="fixed"))
    assert d2.level == "city" and d2.duty_role == "fixed"
    with pytest.raises(PermissionDenied):
        D.create_deputy(db, deputy_actor, D.DeputyInput("张三"))
    with pytest.raises(DomainError) as err:
        D.create_deputy(db, admin, D.DeputyInput("李四", code="X1"))
    assert err.value.code == "duplicate_code"
    with pytest.raises(DomainError) as err:
        D.create_deputy(db, admin, D.DeputyInput("李四", "village"))
    assert err.value.code == "bad_choice"


def test_end_of_term_keeps_history(db, admin):
    (dep,) = make_deputies(db, 1)
    sign_shift(db, dep, dt.date(2026, 3, 4))
    view = D.end_term(db, admin, dep, "2026-06-30")
    assert not view.active and view.active_until == dt.date(2026, 6, 30)
    assert deputy_year_score(db, dep, 2026).total > 0  # the shift before leaving still counts
    assert [d.id for d in D.list_deputy_records(db)] == [dep]
    assert D.list_deputy_records(db, include_inactive=False) == []


def test_groups_and_staff(db, admin):
    a, b = make_deputies(db, 2)
    D.set_group_member(db, admin, "第二小组", a, "liaison_officer")
    v = D.set_group_member(db, admin, "第二小组", b)
    assert v.groups == (("第二小组", "member"),)
    D.remove_group_member(db, admin, "第二小组", b)
    assert D.list_deputy_records(db)[1].groups == ()
    assert D.add_staff_member(db, admin, "刘公益", phone="13900001111")


def write_xlsx(path, rows):
    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    wb.save(path)


def test_import_reports_bad_rows_in_chinese_and_keeps_the_good_ones(db, admin, tmp_path):
    path = tmp_path / "名单.xlsx"
    write_xlsx(path, [
        list(D.COLUMNS),
        ["张三", "乡镇人大代表", "一组", "农业", "13812345678", "A1", "轮流值班", "第一小组", "组长", "2021-10-01", ""],
        ["李四", "村级", "", "", "", "A2", "", "", "", "", ""],
        ["", "县人大代表", "", "", "", "A3", "", "", "", "", ""],
        ["王五", "县", "", "", "12345", "A4", "", "", "", "", ""],
        ["赵六", "市人大代表", "", "", "", "A1", "固定在站", "", "", "", ""],
        ["孙七", "县人大代表", "", "", "", "A5", "", "", "", "2026-13-01", ""],
        ["周八", "县人大代表", "", "", "", "A6", "固定", "", "", "", ""],
    ])
    res = D.import_deputies(db, admin, path)
    assert (res.created, res.updated) == (2, 0)
    by_row = {e.row: e.message for e in res.errors}
    assert sorted(by_row) == [3, 4, 5, 6, 7]
    assert "代表层级“村级”无效" in by_row[3] and by_row[3].startswith("第 3 行：")
    assert "姓名" in by_row[4] or "名字" in by_row[4]
    assert "电话" in by_row[5]
    assert "与第 2 行重复" in by_row[6]
    assert "日期" in by_row[7]
    names = {d.name: d for d in D.list_deputy_records(db)}
    assert set(names) == {"张三", "周八"} and names["周八"].duty_role == "fixed"
    assert names["张三"].groups == (("第一小组", "leader"),) and names["张三"].active_from == dt.date(2021, 10, 1)


def test_export_then_import_round_trips_csv_and_excel(db, admin, tmp_path):
    make_deputies(db, 3)
    D.set_group_member(db, admin, "第一小组", D.list_deputy_records(db)[0].id, "leader")
    before = D.deputy_rows(db)
    for name in ("d.csv", "d.xlsx"):
        assert D.export_deputies(db, tmp_path / name) == 3
        res = D.import_deputies(db, admin, tmp_path / name)
        assert (res.created, res.updated, res.errors) == (0, 3, ())
        assert D.deputy_rows(db) == before
    assert load_workbook(tmp_path / "d.xlsx").active["A1"].value == "姓名"
    assert (tmp_path / "d.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # Excel opens it as UTF-8


def test_import_reads_gbk_csv_and_dry_run_saves_nothing(db, admin, tmp_path):
    path = tmp_path / "gbk.csv"
    path.write_bytes("姓名,代表层级\n张三,乡镇\n".encode("gb18030"))
    assert D.import_deputies(db, admin, path, dry_run=True).created == 1
    assert D.list_deputy_records(db) == []
    assert D.import_deputies(db, admin, path).created == 1
    bad = tmp_path / "x.csv"
    bad.write_text("名字,层级\n张三,县\n", encoding="utf-8")
    with pytest.raises(DomainError) as err:
        D.import_deputies(db, admin, bad)
    assert err.value.code == "bad_header"
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(DomainError) as err:
        D.import_deputies(db, admin, broken)
    assert err.value.code == "bad_file"


def test_activities_with_households_and_suggestion_outcomes(db, admin, staff_actor, deputy_actor):
    a, b = make_deputies(db, 2)
    visit = record_activity(db, deputy_actor, ActivityInput("household_visits", "走访三组", "2026-04-02", (a, b),
                                                            households=15))
    assert visit.households == 15 and {n for _, n in visit.participants} == {"张三", "李四"}
    with pytest.raises(DomainError) as err:
        record_activity(db, admin, ActivityInput("household_visits", "走访", "2026-04-02", (a,)))
    assert err.value.code == "bad_households"
    with pytest.raises(DomainError) as err:
        record_activity(db, admin, ActivityInput("training", "培训", "2026-04-02", (a,), households=3))
    assert err.value.code == "households_not_allowed"
    with pytest.raises(DomainError) as err:
        record_activity(db, admin, ActivityInput("picnic", "x", "2026-04-02", (a,)))
    assert err.value.code == "bad_choice"
    with pytest.raises(DomainError) as err:
        record_activity(db, admin, ActivityInput("training", "培训", "2026-04-02", ()))
    assert err.value.code == "no_participants"
    sug = record_activity(db, admin, ActivityInput("suggestion", "关于修缮机耕路的建议", "2026-05-01", (a,)))
    assert sug.outcome == "pending"
    with pytest.raises(PermissionDenied):
        set_suggestion_outcome(db, deputy_actor, sug.id, "adopted")
    assert set_suggestion_outcome(db, staff_actor, sug.id, "adopted").outcome == "adopted"
    year = list_activities(db, dt.date(2026, 1, 1), dt.date(2026, 12, 31), deputy_id=b)
    assert [x.id for x in year] == [visit.id]
    cancel_activity(db, staff_actor, visit.id)
    assert list_activities(db, dt.date(2026, 1, 1), dt.date(2026, 12, 31), deputy_id=b) == []
    line = next(ln for ln in deputy_year_score(db, a, 2026).lines if ln.item_code == "household_visits")
    assert line.count == 0
