"""Issue 19, item 5: a desk that notices a wrong date (PC set to 2010 or 2035) before anything dated is
written, and dated values that come from the checked date."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from liaison_desk.db.models import Case, Department, Visit
from liaison_desk.domain.clockcheck import judge_clock
from liaison_desk.domain.ids import new_id
from liaison_desk.domain.timeutil import to_local
from liaison_desk.domain.workflow import EventKind
from liaison_desk.services.cases.actions import CaseInput, VisitInput, act_on_case, register_visit
from liaison_desk.services.desk import clock

BUILD = dt.date(2026, 12, 1)
NOW = dt.datetime(2026, 12, 10, 2, 0)  # 10:00 station time
CMOS = dt.datetime(2010, 1, 4, 2, 0)
AHEAD = dt.datetime(2035, 6, 1, 2, 0)
REAL = dt.datetime.now(dt.UTC).replace(tzinfo=None)  # the database's own stamps are real time


@pytest.fixture
def pc_time(monkeypatch):
    """The PC's clock as the desk reads it."""
    box = {"now": REAL}
    monkeypatch.setattr(clock, "utcnow", lambda: box["now"])
    monkeypatch.setattr(clock, "_GUARDED", set())
    monkeypatch.setattr(clock, "_CONFIRMED", {})
    return box


def test_the_rule():
    assert judge_clock(NOW, build=BUILD).plausible
    v = judge_clock(CMOS, build=BUILD)
    assert not v.plausible and v.reason == "before_build"
    assert "2010年1月4日" in v.message and "看起来不对" in v.message and "发布日期" in v.message
    assert judge_clock(AHEAD, build=BUILD).reason == "long_after_build"
    hub = dt.datetime(2026, 12, 9)
    assert judge_clock(hub - dt.timedelta(days=3), build=dt.date(2026, 1, 1), hub_time=hub).reason == "behind_hub"
    assert judge_clock(hub - dt.timedelta(hours=8), build=BUILD, hub_time=hub).plausible  # a wrong time zone
    assert judge_clock(AHEAD, build=BUILD, hub_time=hub).reason == "long_after_sync"
    newest = dt.datetime(2026, 12, 20)
    assert judge_clock(NOW, build=BUILD, newest_stamp=newest).reason == "behind_records"
    # records stamped by a clock that ran ahead of the hub (the PC was at 2035, then set right): no alarm
    assert judge_clock(NOW, build=BUILD, hub_time=hub, newest_stamp=dt.datetime(2035, 1, 1)).plausible


def test_a_desk_refuses_to_write_with_a_wrong_date_until_confirmed(db, admin, pc_time):
    assert clock.check(db).plausible
    pc_time["now"] = CMOS
    verdict = clock.needs_confirmation(db)
    assert verdict is not None and verdict.reason == "before_build" and "2010年1月4日" in verdict.message
    register_visit(db, admin, VisitInput("不受保护"), None)  # no desk guards it (command line, sync): written
    clock.guard(db)
    with pytest.raises(clock.ClockUnconfirmed) as e:
        register_visit(db, admin, VisitInput("张三"), CaseInput("水渠堵了"))
    assert e.value.code == "clock_unconfirmed" and "看起来不对" in e.value.message
    with db.session(write=False) as s:
        assert s.scalar(select(func.count()).select_from(Visit)) == 1  # nothing dated was written
        assert s.scalar(select(func.count()).select_from(Case)) == 0
    clock.confirm(db)  # staff say the date is right: remembered
    assert clock.needs_confirmation(db) is None
    r = register_visit(db, admin, VisitInput("张三"), CaseInput("水渠堵了"))
    assert "-100104-" in r.case_number  # the date staff confirmed
    clock.unguard(db)


def test_the_clock_fixed_mid_session_is_checked_again(db, admin, pc_time):
    clock.guard(db)
    pc_time["now"] = AHEAD
    with pytest.raises(clock.ClockUnconfirmed):
        register_visit(db, admin, VisitInput("张三"), CaseInput("路灯不亮"))
    pc_time["now"] = REAL  # staff set the date right
    r = register_visit(db, admin, VisitInput("张三"), CaseInput("路灯不亮"))
    assert f"-{to_local(REAL):%y%m%d}-" in r.case_number
    clock.unguard(db)


def test_deadlines_and_events_take_the_checked_date(db, admin, pc_time, staff_actor):
    r = register_visit(db, admin, VisitInput("张三"), CaseInput("水渠堵了"))
    with db.session() as s:
        dep = Department(id=new_id(), name="县水利局")
        s.add(dep)
    act_on_case(db, staff_actor, r.case_id, EventKind.ACCEPT)
    pc_time["now"] = dt.datetime(2026, 12, 14, 2, 0)  # a Monday
    act_on_case(db, staff_actor, r.case_id, EventKind.ASSIGN, {"department_id": str(dep.id), "working_days": 5})
    with db.session(write=False) as s:
        case = s.get(Case, r.case_id)
        assert case.deadline == dt.date(2026, 12, 21)  # five working days from the checked date


def test_signing_in_writes_no_shift_until_the_date_is_confirmed(db, pc_time):
    """The desk's sign-in (``startup.sign_in_as``) turns the check on; a right PIN on a PC at 2010 is refused
    before the duty shift is written, a wrong PIN is still said as such, and a confirmed date opens the shift
    at that date (remembered: not asked again)."""
    from liaison_desk.db.models import DutyShift, Operator
    from liaison_desk.domain.errors import ValidationError
    from liaison_desk.domain.workflow import Role
    from liaison_desk.services.desk.accounts import hash_pin
    from liaison_desk.services.desk.startup import Account, sign_in_as

    from .helpers import add_deputy

    dep = add_deputy(db, "张建国", "D007")
    with db.session() as s:
        s.add(Operator(login="d007", display_name="张建国", role=Role.DUTY_DEPUTY.value, deputy_id=dep,
                       pin_hash=hash_pin("1357")))
    account = Account("张建国", Role.DUTY_DEPUTY.value, "D007", deputy_id=dep)

    def shifts() -> int:
        with db.session(write=False) as s:
            return s.scalar(select(func.count()).select_from(DutyShift).where(DutyShift.deputy_id == dep))

    pc_time["now"] = CMOS
    with pytest.raises(ValidationError):
        sign_in_as(db, account, "0000")  # a wrong PIN is a wrong PIN: the date is not asked of a stranger
    with pytest.raises(clock.ClockUnconfirmed) as e:
        sign_in_as(db, account, "1357")
    assert e.value.code == "clock_unconfirmed"
    assert "2010年1月4日" in e.value.message and "发布日期" in e.value.message  # the PC's date and what contradicts it
    assert shifts() == 0  # nothing dated was written
    clock.confirm(db)
    signed = sign_in_as(db, account, "1357")
    assert signed.shift_id is not None and shifts() == 1
    assert signed.signed_in_at.date() == dt.date(2010, 1, 4)  # the date staff confirmed
    assert clock.needs_confirmation(db) is None  # the walk-in form and the start-up box do not ask again


def test_a_pc_that_ran_ahead_and_was_set_right_is_not_called_wrong(db, admin, pc_time, staff_actor):
    """Issue 19: a station whose PC once ran 9 years ahead, then was set right (no sync: the hub's time is
    unknown). After a restart its clock starts again from the PC's time instead of the persisted 2035 stamp,
    the right date is not called wrong because of the 2035 records, and case actions are recorded."""
    from liaison_desk.db.database import Database

    real_wall = db.clock._wall
    nine_years = int(dt.timedelta(days=9 * 365).total_seconds() * 1000)
    db.clock._wall = lambda: real_wall() + nine_years
    register_visit(db, admin, VisitInput("李四"), None)  # stamped in 2035
    db.clock._wall = real_wall  # the date is set right
    r = register_visit(db, admin, VisitInput("张三"), CaseInput("水渠堵了"))
    db.engine.dispose()
    again = Database(db.path)  # the program restarted
    try:
        assert again.clock.now().wall_ms <= real_wall() + again.clock.max_drift_ms  # not 2035
        verdict = clock.check(again)
        assert verdict.plausible, verdict.reason
        clock.guard(again)
        act_on_case(again, staff_actor, r.case_id, EventKind.ACCEPT)  # not ClockUnconfirmed
        clock.unguard(again)
    finally:
        again.engine.dispose()


def test_records_stamped_later_than_any_plausible_time_are_no_evidence():
    """Without the hub's time, records stamped after this release's plausible lifetime (the bound
    ``long_after_build`` uses) came from a clock that ran ahead; records within it still count."""
    assert judge_clock(NOW, build=BUILD, newest_stamp=dt.datetime(2035, 1, 1)).plausible
    assert judge_clock(NOW, build=BUILD, newest_stamp=dt.datetime(2026, 12, 20)).reason == "behind_records"


def test_a_pc_set_back_is_still_called_wrong_after_a_restart(db, admin, pc_time):
    """The other way round: records made when the date was right, the PC's date then set back 60 days (still
    after the build). The restarted clock does not resume at those records either, but they are plausible,
    so they remain the evidence that the PC's date is behind."""
    from liaison_desk.db.database import Database, set_local
    from liaison_desk.domain.hlc import HLC

    register_visit(db, admin, VisitInput("张三"), None)
    made = db.clock.last
    assert made is not None
    later = HLC(made.wall_ms + 60 * 86_400_000, 0, made.node)  # as if the PC now stood 60 days earlier
    with db.session() as s:
        set_local(s, "hlc_last", later.encode())
    db.engine.dispose()
    again = Database(db.path)
    try:
        assert again.clock.now() < later
        assert clock.check(again).reason == "behind_records"
    finally:
        again.engine.dispose()
