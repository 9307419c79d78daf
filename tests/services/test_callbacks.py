"""Calling the villager back (issue 13, items 2 and 3): the worklist of promised call-backs and cases due a 回访,
the call's outcome (没联系上 moves the call-back to the next working day), the answer recorded from the list,
and the 满意率 counting only real answers."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from liaison_desk.db.models import Case
from liaison_desk.domain.errors import WorkflowError
from liaison_desk.domain.timeutil import local_today
from liaison_desk.domain.workflow import CallOutcome, EventKind, Role, Satisfaction, Status
from liaison_desk.services.admin.stats import compute_stats
from liaison_desk.services.cases import callbacks
from liaison_desk.services.cases.actions import CaseInput, VisitInput, act_on_case, get_case, register_visit
from liaison_desk.services.desk.workdays import work_calendar
from liaison_desk.services.duty import deputies

PHONE = "13812345678"


def new_case(db, actor, name="张秀英", phone=PHONE, **kw):
    return register_visit(db, actor, VisitInput(visitor_names=name, visitor_phone=phone, village="柳树湾村", **kw),
                          CaseInput(content="村东头灌溉渠堵了两个月，希望尽快疏通。")).case_id


def replied_case(db, admin, **kw):
    case_id = new_case(db, admin, **kw)
    for kind in (EventKind.ACCEPT, EventKind.START):
        act_on_case(db, admin, case_id, kind)
    act_on_case(db, admin, case_id, EventKind.REPLY, {"resolution": "solved", "text": "已疏通"})
    return case_id


def test_a_promised_call_back_due_today_is_listed_with_who_to_call_and_what_was_promised(db, admin, deputy_actor):
    case_id = new_case(db, deputy_actor)
    today = local_today()
    act_on_case(db, deputy_actor, case_id, EventKind.PROMISE_CALLBACK,
                {"callback_due": today.isoformat(), "text": "告诉她水利局什么时候来"})
    work = callbacks.callback_worklist(db, today=today)
    row = next(r for r in work.rows if r.case_id == case_id)
    assert row.visitor_name == "张秀英" and row.visitor_phone == PHONE  # the full number: the desk calls it
    assert row.promised == "告诉她水利局什么时候来" and row.due == today and row.days_overdue == 0
    assert row.kind == callbacks.CALL_BACK and row.number
    assert work.due_today == 1 and work.overdue == 0


def test_an_overdue_call_back_says_so_and_a_replied_case_is_due_a_follow_up(db, admin, deputy_actor):
    today = local_today()
    late = new_case(db, deputy_actor, name="李大爷")
    act_on_case(db, deputy_actor, late, EventKind.PROMISE_CALLBACK, {"callback_due": today.isoformat()})
    with db.session() as s:  # promised for two days ago (a promise is never typed in the past at the desk)
        s.execute(update(Case).where(Case.id == late).values(callback_due=today - dt.timedelta(days=2)))
    replied = replied_case(db, admin, name="刘大妈")
    far = new_case(db, deputy_actor, name="赵叔")
    act_on_case(db, deputy_actor, far, EventKind.PROMISE_CALLBACK,
                {"callback_due": (today + dt.timedelta(days=30)).isoformat()})
    rows = {r.case_id: r for r in callbacks.callback_worklist(db, today=today).rows}
    assert rows[late].days_overdue == 2 and rows[late].kind == callbacks.CALL_BACK
    assert rows[replied].kind == callbacks.FOLLOW_UP and rows[replied].due <= today
    assert far not in rows  # a month away is not on today's list
    assert next(iter(rows)) == late  # the longest overdue first


def test_no_answer_moves_the_call_back_to_the_next_working_day_and_leaves_the_status(db, admin, deputy_actor):
    case_id = replied_case(db, admin)
    acted = callbacks.record_call(db, deputy_actor, case_id, CallOutcome.NO_ANSWER)
    expected = work_calendar(db).next_working_day(local_today())
    assert acted.state.callback_due == expected and acted.state.status is Status.REPLIED
    assert acted.state.satisfaction is None and acted.changes.concerns_case(case_id)
    row = next(r for r in callbacks.callback_worklist(db).rows if r.case_id == case_id)
    assert row.due == expected and row.attempts == 1 and row.last_outcome == CallOutcome.NO_ANSWER
    chosen = local_today() + dt.timedelta(days=9)
    again = callbacks.record_call(db, deputy_actor, case_id, CallOutcome.SWITCHED_OFF, callback_due=chosen,
                                  text="关机")
    assert again.state.callback_due == chosen


def test_an_answer_from_the_list_is_a_follow_up_with_that_satisfaction(db, admin, deputy_actor):
    case_id = replied_case(db, admin)
    acted = callbacks.record_answer(db, deputy_actor, case_id, Satisfaction.BASICALLY_SATISFIED)
    assert acted.state.status is Status.FOLLOWED_UP and acted.state.satisfaction is Satisfaction.BASICALLY_SATISFIED
    assert case_id not in {r.case_id for r in callbacks.callback_worklist(db).rows}
    open_case = new_case(db, deputy_actor)
    with pytest.raises(WorkflowError):  # no answer is recorded on a case with nothing to answer about yet
        callbacks.record_answer(db, deputy_actor, open_case, Satisfaction.SATISFIED)


def test_the_satisfaction_rate_counts_only_real_answers(db, admin, deputy_actor):
    answered = replied_case(db, admin)
    unhappy = replied_case(db, admin)
    unreached = replied_case(db, admin)
    callbacks.record_answer(db, deputy_actor, answered, Satisfaction.SATISFIED)
    callbacks.record_answer(db, deputy_actor, unhappy, Satisfaction.UNSATISFIED)
    callbacks.record_call(db, deputy_actor, unreached, CallOutcome.NO_ANSWER)
    callbacks.record_call(db, deputy_actor, unreached, CallOutcome.WRONG_NUMBER,
                          callback_due=local_today() + dt.timedelta(days=3))
    stats = compute_stats(db)
    assert stats["cases"]["rated"] == 2 and stats["rates"]["satisfaction_rate"] == 50.0
    odd = replied_case(db, admin)
    with db.session() as s:  # a value that is no answer (an empty or unknown one in the cache) is not rated
        s.execute(update(Case).where(Case.id == odd).values(satisfaction=""))
    stats = compute_stats(db)
    assert stats["cases"]["rated"] == 2 and stats["rates"]["satisfaction_rate"] == 50.0


def test_the_case_view_says_who_came_with_the_full_number_only_for_the_desk(db, admin, deputy_actor):
    view = deputies.create_deputy(db, admin, deputies.DeputyInput(name="陈代表", level="county", code="D009"))
    import uuid

    case_id = new_case(db, deputy_actor, received_by_id=uuid.UUID(str(view.id)))
    for role in (Role.DUTY_DEPUTY, Role.STAFF, Role.ADMIN):
        v = get_case(db, case_id, role)
        assert v.visitor_names == "张秀英" and v.visitor_phone == PHONE, role
        assert v.received_by == "陈代表" and v.village == "柳树湾村" and v.registered_at
    assert get_case(db, case_id).visitor_phone == "138****5678"  # no desk role: masked
    assert get_case(db, case_id, Role.HUB).visitor_phone == "138****5678"


def test_the_wall_notice_rates_only_real_answers(db, admin, deputy_actor):
    from liaison_desk.services.printing.docs import notice_data

    answered = replied_case(db, admin)
    callbacks.record_answer(db, deputy_actor, answered, Satisfaction.SATISFIED)
    callbacks.record_call(db, deputy_actor, replied_case(db, admin), CallOutcome.NO_ANSWER)
    odd = replied_case(db, admin)
    with db.session() as s:
        s.execute(update(Case).where(Case.id == odd).values(satisfaction=""))
    today = local_today()
    data = notice_data(db, today - dt.timedelta(days=1), today)
    assert data.rated == 1 and data.satisfaction_rate == 100.0
