"""The handover summary: what the previous shift left, what is due, what this shift did."""

from __future__ import annotations

import datetime as dt

from liaison_desk.domain.timeutil import to_local, utcnow
from liaison_desk.domain.workflow import EventKind
from liaison_desk.services.cases.actions import act_on_case
from liaison_desk.services.desk.handover import handover_summary, shift_end_summary

from .helpers import add_department, add_deputy, add_shift, walk_in


def _setup(db, deputy_actor, staff_actor):
    now = utcnow()
    dep = add_deputy(db)
    prev = add_shift(db, dep, now - dt.timedelta(hours=30), now - dt.timedelta(hours=26), note="刘大妈下周再来")
    old = walk_in(db, deputy_actor, "北街路灯不亮了", when=now - dt.timedelta(hours=28))
    return now, dep, prev, old


def test_previous_shift_left_open_and_current_window(db, deputy_actor, staff_actor):
    now, dep, prev, old = _setup(db, deputy_actor, staff_actor)
    cur = add_shift(db, dep, now - dt.timedelta(hours=1), slot="pm")
    new = walk_in(db, deputy_actor, "灌溉渠堵了", when=now - dt.timedelta(minutes=30))
    act_on_case(db, deputy_actor, new.case_id, EventKind.ACCEPT)

    h = handover_summary(db, at=now + dt.timedelta(seconds=5))
    assert h.shift.id == cur and h.previous_shift.id == prev
    assert h.previous_shift.handover_note == "刘大妈下周再来"
    assert h.previous_shift.deputy_name == "张建国"
    assert [c.number for c in h.left_open] == [old.case_number]
    assert h.left_open_total == 1
    assert [v.case_number for v in h.new_visits] == [new.case_number]
    assert [(a.case_number, a.kind, a.label_zh) for a in h.actions] == [(new.case_number, "accept", "受理")]
    assert h.new_cases_total == 1 and h.actions_total == 1
    assert h.window_start == to_local(now - dt.timedelta(hours=1))


def test_due_overdue_and_callbacks(db, deputy_actor, staff_actor):
    now, _dep, _prev, old = _setup(db, deputy_actor, staff_actor)
    dept = add_department(db)
    today = to_local(now).date()
    late = walk_in(db, deputy_actor, "低保申请没有回音").case_id
    soon = walk_in(db, deputy_actor, "自来水水压低").case_id
    for cid, deadline in ((late, today - dt.timedelta(days=3)), (soon, today)):
        act_on_case(db, deputy_actor, cid, EventKind.ACCEPT)
        act_on_case(db, staff_actor, cid, EventKind.ASSIGN, {"department_id": str(dept), "deadline": deadline})
    act_on_case(db, deputy_actor, old.case_id, EventKind.PROMISE_CALLBACK, {"callback_due": today})

    h = handover_summary(db, at=now + dt.timedelta(seconds=5))
    assert [c.id for c in h.overdue] == [late] and h.overdue[0].days_overdue == 3
    assert [c.id for c in h.due_soon] == [soon] and h.due_soon_total == 1
    assert [c.id for c in h.callbacks] == [old.case_id]
    assert {c.id for c in h.due_before_next_duty} == {late, soon, old.case_id}
    assert h.next_duty_day > today
    assert h.overdue[0].visitor_name == "刘大妈"


def test_closed_cases_are_not_handed_over(db, deputy_actor, staff_actor):
    now, _dep, _prev, old = _setup(db, deputy_actor, staff_actor)
    act_on_case(db, deputy_actor, old.case_id, EventKind.WITHDRAW, {"text": "群众已自行解决"})
    h = handover_summary(db, at=now + dt.timedelta(seconds=5))
    assert h.left_open == () and h.left_open_total == 0


def test_end_of_shift_summary_covers_the_signed_out_shift(db, deputy_actor, staff_actor):
    now, _dep, prev, old = _setup(db, deputy_actor, staff_actor)
    h = shift_end_summary(db, prev, at=now)
    assert h.shift.id == prev
    assert [v.case_number for v in h.new_visits] == [old.case_number]
    assert h.window_end == to_local(now - dt.timedelta(hours=26))


def test_empty_station_gives_an_empty_summary(db):
    h = handover_summary(db)
    assert h.shift is None and h.previous_shift is None
    assert (h.left_open, h.overdue, h.new_visits, h.actions) == ((), (), (), ())
    assert h.station_name == "柳树湾村人大代表联络站"


def test_lists_are_capped_but_totals_are_not(db, deputy_actor, staff_actor):
    now = utcnow()
    for i in range(4):
        walk_in(db, deputy_actor, f"第{i}件", when=now - dt.timedelta(minutes=10 - i))
    h = handover_summary(db, at=now + dt.timedelta(seconds=5), limit=2)
    assert len(h.new_visits) == 2 and h.new_visits_total == 4 and h.new_cases_total == 4
    assert h.new_visits[0].occurred_at < h.new_visits[1].occurred_at


def test_a_shift_left_open_yesterday_is_not_current(db, deputy_actor):
    now = utcnow()
    dep = add_deputy(db)
    stale = add_shift(db, dep, now - dt.timedelta(days=1, hours=2))  # never signed out
    h = handover_summary(db, at=now)
    assert h.shift is None and h.previous_shift.id == stale
    assert h.window_start == dt.datetime.combine(to_local(now).date(), dt.time())
    walk_in(db, deputy_actor, "很久以前的事", when=now - dt.timedelta(days=5))
    assert handover_summary(db, at=now).left_open == ()  # the stale shift's window is bounded


def test_the_next_duty_day_comes_from_the_generated_roster(db, admin):
    import datetime as dt

    from liaison_desk.domain.roster import DutyPattern
    from liaison_desk.services.desk.handover import handover_summary
    from liaison_desk.services.duty import roster as R
    from liaison_desk.services.duty.deputies import DeputyInput, create_deputy
    from tests.duty.helpers import give_accounts

    give_accounts(db, create_deputy(db, admin, DeputyInput("阿不都热合曼", "county", code="D008")).id)
    R.set_duty_pattern(db, admin, DutyPattern(frozenset({4}), ("full",)))  # Fridays only
    R.generate_and_save(db, admin, dt.date(2026, 12, 1), dt.date(2026, 12, 31), today=dt.date(2026, 11, 30))
    monday = dt.datetime(2026, 11, 30, 2, 0)  # 10:00 local on Monday 30 November
    assert handover_summary(db, at=monday).next_duty_day == dt.date(2026, 12, 4)  # the planned Friday
