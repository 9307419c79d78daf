"""Issue 13, item 2: "没联系上" is an outcome of its own (回电 with 未接/关机/号码有误…). It leaves the status as
it is, moves the call-back to the date given, and never counts as a villager's answer (no satisfaction)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from liaison_desk.domain.errors import ValidationError
from liaison_desk.domain.workflow import (
    ACTION_FIELDS,
    EVENT_LABELS,
    CallOutcome,
    CaseState,
    Event,
    EventKind,
    Role,
    Status,
    advance,
    allowed_actions,
    check_action,
    fold,
)

T0 = dt.datetime(2026, 12, 1, 8, 0)
_n = itertools.count()
DEP = "0190a0b0-0000-7000-8000-000000000001"


def ev(kind: EventKind, role: Role = Role.STAFF, **data) -> Event:
    n = next(_n)
    return Event(id=f"c{n:06d}", kind=kind, hlc=f"{n:015d}", actor_role=role,
                 occurred_at=T0 + dt.timedelta(hours=n), data=data)


def replied() -> CaseState:
    state = CaseState()
    steps: tuple[tuple[EventKind, dict[str, str]], ...] = (
        (EventKind.REGISTER, {}), (EventKind.ACCEPT, {}),
        (EventKind.ASSIGN, {"department_id": DEP, "deadline": "2026-12-20"}), (EventKind.START, {}),
        (EventKind.REPLY, {"resolution": "solved", "text": "已修好"}))
    for kind, data in steps:
        state = advance(state, ev(kind, Role.STAFF, **data))
    return state


def test_a_call_nobody_answered_keeps_the_status_and_moves_the_call_back():
    state = replied()
    after = advance(state, ev(EventKind.CALL_ATTEMPT, Role.DUTY_DEPUTY, outcome="no_answer",
                              callback_due="2026-12-08", text="打了两次"))
    assert after.status is Status.REPLIED  # still due a 回访
    assert after.callback_due == dt.date(2026, 12, 8)
    assert after.satisfaction is None and after.followed_up_at is None  # not an answer


def test_a_call_that_got_through_clears_the_promise():
    state = advance(replied(), ev(EventKind.PROMISE_CALLBACK, Role.DUTY_DEPUTY, callback_due="2026-12-03"))
    after = advance(state, ev(EventKind.CALL_ATTEMPT, Role.DUTY_DEPUTY, outcome="reached", text="已告知进展"))
    assert after.callback_due is None and after.status is Status.REPLIED


def test_the_outcome_must_be_chosen_and_known_and_an_unreached_call_needs_a_new_date():
    state = replied()
    for data, name in (({"callback_due": "2026-12-08"}, "outcome"),
                       ({"outcome": "maybe", "callback_due": "2026-12-08"}, "outcome"),
                       ({"outcome": "switched_off"}, "callback_due")):
        with pytest.raises(ValidationError) as err:
            check_action(state, EventKind.CALL_ATTEMPT, Role.DUTY_DEPUTY, data)
        assert err.value.field == name


def test_every_unreached_outcome_is_offered_and_labelled():
    assert {o.value for o in CallOutcome} >= {"reached", "no_answer", "switched_off", "wrong_number"}
    assert [f.name for f in ACTION_FIELDS[EventKind.CALL_ATTEMPT] if f.required] == ["outcome"]
    assert EVENT_LABELS[EventKind.CALL_ATTEMPT][0]


def test_the_call_is_a_desk_action_on_any_open_case_and_folds_in_any_order():
    state = replied()
    assert EventKind.CALL_ATTEMPT in allowed_actions(state, Role.DUTY_DEPUTY)
    assert EventKind.CALL_ATTEMPT not in allowed_actions(state, Role.HUB)
    events = [ev(EventKind.REGISTER), ev(EventKind.ACCEPT),
              ev(EventKind.CALL_ATTEMPT, Role.DUTY_DEPUTY, outcome="wrong_number", callback_due="2026-12-09")]
    s = fold(events)
    assert s.status is Status.ACCEPTED and s.callback_due == dt.date(2026, 12, 9) and not s.anomalies
    closed = fold([*events, ev(EventKind.WITHDRAW, text="撤回"),
                   ev(EventKind.CALL_ATTEMPT, Role.DUTY_DEPUTY, outcome="no_answer", callback_due="2026-12-10")])
    assert len(closed.anomalies) == 1 and closed.callback_due is None  # a withdrawn case is not called
