"""The roster generator's traps (issue 4, issue 13 item 7): it planned deputies who cannot sign in (no
account), and it planned reception days on holidays (the bundled 2027 春节 among them) while it never planned
a 调休 make-up working day."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from liaison_desk.app import main
from liaison_desk.db.models_duty import RosterSlot
from liaison_desk.domain.errors import DomainError
from liaison_desk.domain.roster import DutyPattern
from liaison_desk.services.context import SYSTEM_ADMIN, open_station_database
from liaison_desk.services.desk import workdays
from liaison_desk.services.desk.lookups import add_account
from liaison_desk.services.duty import roster as R
from liaison_desk.services.duty.deputies import DeputyInput, create_deputy
from tests.duty.helpers import make_deputies

TODAY = dt.date(2026, 11, 30)
SPRING_FESTIVAL_2027 = [dt.date(2027, 2, 5) + dt.timedelta(days=n) for n in range(9)]  # bundled: 5–13 February


def planned_days(db) -> set[dt.date]:
    with db.session(write=False) as s:
        return set(s.scalars(select(RosterSlot.date).where(RosterSlot.deleted_hlc.is_(None))))


def test_the_bundled_spring_festival_is_skipped(db, admin):
    make_deputies(db, 3)
    R.set_duty_pattern(db, admin, DutyPattern(frozenset({2}), ("full",)))  # Wednesdays
    plan = R.generate_and_save(db, admin, dt.date(2027, 2, 1), dt.date(2027, 2, 28), today=TODAY)
    days = planned_days(db)
    assert dt.date(2027, 2, 10) not in days  # Wednesday in the middle of 春节
    assert not days & set(SPRING_FESTIVAL_2027)
    assert {dt.date(2027, 2, 3), dt.date(2027, 2, 17), dt.date(2027, 2, 24)} <= days
    assert (dt.date(2027, 2, 10), "春节") in plan.holidays_skipped


def test_a_holiday_added_in_the_holidays_table_is_skipped(db, admin):
    make_deputies(db, 3)
    R.set_duty_pattern(db, admin, DutyPattern(frozenset({2}), ("full",)))
    workdays.set_override(db, admin, dt.date(2026, 12, 16), "holiday", "村里庙会")
    plan = R.preview_roster(db, dt.date(2026, 12, 1), dt.date(2026, 12, 31), today=TODAY)
    days = {a.date for a in plan.roster.assignments}
    assert dt.date(2026, 12, 16) not in days and dt.date(2026, 12, 9) in days
    assert (dt.date(2026, 12, 16), "村里庙会") in plan.holidays_skipped


def test_make_up_working_days_are_planned(db, admin):
    make_deputies(db, 3)
    R.set_duty_pattern(db, admin, DutyPattern(frozenset(range(5)), ("full",)))  # every weekday
    plan = R.preview_roster(db, dt.date(2027, 2, 14), dt.date(2027, 2, 21), today=TODAY)
    days = {a.date for a in plan.roster.assignments}
    assert dt.date(2027, 2, 20) in days  # Saturday: 春节调休上班 in the bundled calendar
    assert dt.date(2027, 2, 21) not in days  # an ordinary Sunday
    assert (dt.date(2027, 2, 20), "春节调休上班") in plan.makeup_days
    # a make-up day of the holidays table as well
    workdays.set_override(db, admin, dt.date(2027, 2, 21), "workday", "补班")
    again = R.preview_roster(db, dt.date(2027, 2, 14), dt.date(2027, 2, 21), today=TODAY)
    assert dt.date(2027, 2, 21) in {a.date for a in again.roster.assignments}


def test_a_weekly_station_is_not_opened_on_a_make_up_weekend_day(db, admin):
    # A make-up day stands for no weekday: a station receiving only on Wednesdays stays shut on Saturday 20 Feb.
    make_deputies(db, 2)
    R.set_duty_pattern(db, admin, DutyPattern(frozenset({2}), ("full",)))
    plan = R.preview_roster(db, dt.date(2027, 2, 14), dt.date(2027, 2, 21), today=TODAY)
    assert [a.date for a in plan.roster.assignments] == [dt.date(2027, 2, 17)] and plan.makeup_days == ()


def test_the_pattern_wins_over_the_calendar_for_its_own_exceptions(db, admin):
    # The station said it receives on 10 February 2027 (春节) anyway: its own extra day stands.
    make_deputies(db, 2)
    R.set_duty_pattern(db, admin, DutyPattern(frozenset({2}), ("full",), extra_days={dt.date(2027, 2, 10)}))
    plan = R.preview_roster(db, dt.date(2027, 2, 8), dt.date(2027, 2, 12), today=TODAY)
    assert [a.date for a in plan.roster.assignments] == [dt.date(2027, 2, 10)]


def test_deputies_without_a_sign_in_account_are_not_planned_and_named(db, admin):
    with_account = make_deputies(db, 2)
    lacking = [create_deputy(db, admin, DeputyInput(n, "township", code=c)).id for n, c in (("钱一", "N1"), ("陈二", "N2"))]
    R.set_duty_pattern(db, admin, DutyPattern(frozenset({0, 2, 4}), ("full",)))
    plan = R.generate_and_save(db, admin, dt.date(2026, 12, 1), dt.date(2026, 12, 31), today=TODAY)
    planned = {a.deputy_id for a in plan.roster.assignments}
    assert planned == set(with_account)
    assert not planned & set(lacking)
    assert set(plan.no_account) == {"钱一", "陈二"}
    assert "以下代表没有值班账号，未排班：钱一、陈二" in plan.roster.warnings
    # once 钱一 has an account, he is planned too
    add_account(db, admin, name="钱一", pin="1357", deputy_id=uuid.UUID(lacking[0]))
    again = R.preview_roster(db, dt.date(2026, 12, 1), dt.date(2026, 12, 31), today=TODAY)
    assert lacking[0] in {a.deputy_id for a in again.roster.assignments} and again.no_account == ("陈二",)


def test_a_deactivated_account_does_not_count(db, admin):
    from liaison_desk.db.models import Operator

    (dep,) = make_deputies(db, 1)
    with db.session() as s:
        for op in s.scalars(select(Operator).where(Operator.deputy_id == uuid.UUID(dep))):
            op.active = False
    plan = R.preview_roster(db, dt.date(2026, 12, 1), dt.date(2026, 12, 31), today=TODAY)
    assert plan.roster.assignments == () and plan.no_account == ("张三",)


def _cli_station(tmp_path, capsys) -> str:
    d = str(tmp_path / "st")
    assert main(["--data-dir", d, "init", "--station-name", "河口镇联络站", "--station-code", "HK01",
                 "--admin-pin", "2468"]) == 0
    csv = tmp_path / "名单.csv"
    csv.write_text("姓名,代表层级,代表证号\n张三,乡镇,A1\n李四,县,A2\n王五,市,A3\n", encoding="utf-8")
    assert main(["--data-dir", d, "deputies", "import", str(csv)]) == 0
    db = open_station_database(Path(d))
    try:
        from liaison_desk.services.duty.deputies import list_deputy_records

        for rec in list_deputy_records(db):
            if rec.name != "王五":
                add_account(db, SYSTEM_ADMIN, name=rec.name, pin="1357", deputy_id=uuid.UUID(str(rec.id)))
    finally:
        db.dispose()
    capsys.readouterr()
    return d


def test_cli_names_who_lacks_an_account_and_skips_the_spring_festival(tmp_path, capsys):
    d = _cli_station(tmp_path, capsys)
    assert main(["--data-dir", d, "roster", "generate", "--from", "2027-02-01", "--to", "2027-02-28"]) == 0
    out = capsys.readouterr().out
    assert "以下代表没有值班账号，未排班：王五" in out
    assert "2027-02-10" not in out.split("共")[0]
    assert "2027-02-10" in out and "春节" in out  # said among the skipped holidays
    assert main(["--data-dir", d, "roster", "generate", "--from", "2027-02-01", "--to", "2027-02-28",
                 "--dry-run", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["no_account"] == ["王五"]
    assert {a["deputy"] for a in data["assignments"]} <= {"张三", "李四"}
    assert "2027-02-10" not in {a["date"] for a in data["assignments"]}
    assert {"date": "2027-02-10", "name": "春节"} in data["holidays_skipped"]


def test_planned_slots_and_duty_deputies_for_the_dialogs(db, admin):
    a, b = make_deputies(db, 2)
    c = create_deputy(db, admin, DeputyInput("钱一", "township", code="N1")).id
    R.set_duty_pattern(db, admin, DutyPattern(frozenset({2}), ("am", "pm")))
    R.generate_and_save(db, admin, dt.date(2026, 12, 1), dt.date(2026, 12, 31), today=TODAY)
    slots = R.planned_slots(db, dt.date(2026, 12, 1), dt.date(2026, 12, 9))
    assert [(p.date, p.slot) for p in slots] == [(dt.date(2026, 12, 2), "am"), (dt.date(2026, 12, 2), "pm"),
                                                 (dt.date(2026, 12, 9), "am"), (dt.date(2026, 12, 9), "pm")]
    mine = R.planned_slots(db, dt.date(2026, 12, 1), dt.date(2026, 12, 31), a)
    assert mine and all(p.deputy_id == a and p.deputy_name == "张三" for p in mine)
    people = {d.name: d for d in R.duty_deputies(db)}
    assert people["张三"].has_account and people["李四"].id == b and not people["钱一"].has_account
    assert people["钱一"].id == c and people["钱一"].role == "rotating"


def test_cli_leave_names_the_planned_slots_it_touches(tmp_path, capsys):
    from liaison_desk.domain.timeutil import local_today

    d = _cli_station(tmp_path, capsys)
    start = local_today() + dt.timedelta(days=1)
    end = start + dt.timedelta(days=27)
    assert main(["--data-dir", d, "roster", "pattern", "--weekdays", "0,1,2,3,4,5,6"]) == 0
    assert main(["--data-dir", d, "roster", "generate", "--from", start.isoformat(), "--to", end.isoformat(),
                 "--json"]) == 0
    first = json.loads(capsys.readouterr().out.split("\n", 1)[1])["assignments"][0]
    assert main(["--data-dir", d, "roster", "leave", "--deputy", first["deputy"], "--from", first["date"],
                 "--reason", "生病"]) == 0
    out = capsys.readouterr().out
    assert "已登记请假" in out and f"{first['deputy']}在请假期间已排班 1 次：{first['date']}" in out
    assert "roster substitute" in out


def test_save_keeps_to_the_preview_or_says_it_changed(db, admin):
    """生成排班 saves what the staff member looked at: a holiday set after the preview changes the plan, so the
    save is refused with a message (nothing written) until the new plan was previewed."""
    make_deputies(db, 3)
    R.set_duty_pattern(db, admin, DutyPattern(frozenset({2}), ("full",)))
    start, end = dt.date(2026, 12, 1), dt.date(2026, 12, 31)
    seen = R.preview_roster(db, start, end, today=TODAY)
    workdays.set_override(db, admin, dt.date(2026, 12, 16), "holiday", "村里庙会")
    with pytest.raises(DomainError) as refused:
        R.generate_and_save(db, admin, start, end, today=TODAY, expected=seen.roster.assignments)
    assert refused.value.code == "plan_changed"
    assert planned_days(db) == set()
    again = R.preview_roster(db, start, end, today=TODAY)
    R.generate_and_save(db, admin, start, end, today=TODAY, expected=again.roster.assignments)
    assert planned_days(db) == {a.date for a in again.roster.assignments}
