"""The case state machine and its deterministic fold."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liaison_desk.domain.errors import PermissionDenied, ValidationError, WorkflowError
from liaison_desk.domain.workflow import (
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

T0 = dt.datetime(2026, 11, 1, 8, 0)
_counter = itertools.count()


def ev(kind: EventKind, role: Role = Role.STAFF, hlc: str | None = None, **data) -> Event:
    n = next(_counter)
    return Event(id=f"e{n:06d}", kind=kind, hlc=hlc or f"{n:015d}", actor_role=role,
                 occurred_at=T0 + dt.timedelta(hours=n), data=data)


DEP = "0190a0b0-0000-7000-8000-000000000001"
HAPPY = [
    (EventKind.REGISTER, Role.DUTY_DEPUTY, {}),
    (EventKind.ACCEPT, Role.DUTY_DEPUTY, {}),
    (EventKind.ASSIGN, Role.STAFF, {"department_id": DEP, "deadline": "2026-11-20"}),
    (EventKind.START, Role.HUB, {}),
    (EventKind.SUPERVISE, Role.STAFF, {"text": "请加快"}),
    (EventKind.REPLY, Role.HUB, {"text": "已修好", "resolution": "solved"}),
    (EventKind.FOLLOW_UP, Role.DUTY_DEPUTY, {"satisfaction": "satisfied"}),
    (EventKind.CLOSE, Role.STAFF, {}),
]


def run(steps) -> CaseState:
    state = CaseState()
    for kind, role, data in steps:
        state = advance(state, ev(kind, role, **data))
    return state


def test_happy_path_reaches_closed_with_solved_and_satisfied_kept_apart():
    s = run(HAPPY)
    assert s.status is Status.CLOSED
    assert s.resolution == "solved" and s.satisfaction == "satisfied"
    assert s.department_id == DEP and s.deadline == dt.date(2026, 11, 20)
    assert s.escalation_level == 1
    assert not s.is_open


def test_closed_but_unsolved_is_possible_and_distinct():
    steps = [*HAPPY[:5], (EventKind.REPLY, Role.HUB, {"text": "暂不具备条件", "resolution": "explained"}),
             (EventKind.FOLLOW_UP, Role.DUTY_DEPUTY, {"satisfaction": "basically_satisfied"}),
             (EventKind.CLOSE, Role.STAFF, {})]
    s = run(steps)
    assert s.status is Status.CLOSED and s.resolution == "explained"


def test_unsatisfied_case_must_be_reopened_not_closed():
    steps = [*HAPPY[:6], (EventKind.FOLLOW_UP, Role.DUTY_DEPUTY, {"satisfaction": "unsatisfied"})]
    s = run(steps)
    with pytest.raises(WorkflowError) as err:
        check_action(s, EventKind.CLOSE, Role.STAFF, {})
    assert "重新办理" in err.value.message
    # only an administrator, with a reason, may close it anyway
    check_action(s, EventKind.CLOSE, Role.ADMIN, {"text": "诉求超出政策范围，已多次解释"})
    s2 = advance(s, ev(EventKind.REOPEN, Role.DUTY_DEPUTY, text="群众不满意"))
    assert s2.status is Status.REOPENED and s2.satisfaction is None and s2.reopen_count == 1
    s3 = advance(s2, ev(EventKind.ASSIGN, Role.STAFF, department_id=DEP, deadline="2026-12-01"))
    assert s3.status is Status.ASSIGNED


def test_roles_are_enforced():
    s = run(HAPPY[:2])
    with pytest.raises(PermissionDenied) as err:
        check_action(s, EventKind.ASSIGN, Role.DUTY_DEPUTY, {"department_id": DEP, "deadline": "2026-11-20"})
    assert "值班代表" in err.value.message
    s = run(HAPPY[:7])
    with pytest.raises(PermissionDenied):
        check_action(s, EventKind.CLOSE, Role.DUTY_DEPUTY, {})


def test_required_fields_and_bad_values_are_refused_in_chinese():
    s = run(HAPPY[:2])
    with pytest.raises(ValidationError) as err:
        check_action(s, EventKind.ASSIGN, Role.STAFF, {"department_id": DEP})
    assert err.value.field == "deadline" and "办理期限" in err.value.message
    s = run(HAPPY[:6])
    with pytest.raises(ValidationError):
        check_action(s, EventKind.FOLLOW_UP, Role.DUTY_DEPUTY, {"satisfaction": "very happy"})
    with pytest.raises(ValidationError):
        check_action(run(HAPPY[:4]), EventKind.PROMISE_CALLBACK, Role.DUTY_DEPUTY, {"callback_due": "明天"})


def test_withdraw_only_from_open_states():
    s = run(HAPPY[:3])
    assert advance(s, ev(EventKind.WITHDRAW, Role.DUTY_DEPUTY, text="已自行解决")).status is Status.WITHDRAWN
    with pytest.raises(WorkflowError):
        check_action(run(HAPPY), EventKind.WITHDRAW, Role.DUTY_DEPUTY, {"text": "x"})


def test_allowed_actions_follow_state_and_role():
    s = run(HAPPY[:2])
    assert EventKind.ASSIGN in allowed_actions(s, Role.STAFF)
    assert EventKind.ASSIGN not in allowed_actions(s, Role.DUTY_DEPUTY)
    assert EventKind.START in allowed_actions(s, Role.DUTY_DEPUTY)  # a green case: the deputy handles it
    assert EventKind.REGISTER not in allowed_actions(CaseState(), Role.STAFF)


def test_fold_keeps_disallowed_events_as_anomalies():
    events = [ev(k, r, **d) for k, r, d in HAPPY[:2]]
    stray = ev(EventKind.CLOSE, Role.STAFF)  # e.g. a concurrent close from another replica
    s = fold([*events, stray])
    assert s.status is Status.ACCEPTED
    assert len(s.anomalies) == 1 and s.anomalies[0].event_id == stray.id
    assert s.event_count == 3 and s.last_hlc == stray.hlc


@settings(max_examples=60, deadline=None)
@given(st.permutations(range(len(HAPPY))))
def test_fold_is_independent_of_arrival_order(perm):
    events = [ev(k, r, **d) for k, r, d in HAPPY]
    shuffled = [events[i] for i in perm]
    assert fold(shuffled) == fold(events)
    assert fold(events).status is Status.CLOSED


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(list(EventKind)), st.sampled_from(list(Role))), max_size=25))
def test_any_event_sequence_folds_to_a_valid_state(seq):
    """Whatever arrives (merged from several replicas), the fold never raises and never loses an event."""
    data = {"department_id": DEP, "deadline": "2026-12-01", "text": "x", "resolution": "solved",
            "satisfaction": "satisfied", "duplicate_of": DEP, "callback_due": "2026-12-01"}
    events = [ev(k, r, **data) for k, r in seq]
    s = fold(events)
    assert s.event_count == len(events)
    applied = len(events) - len(s.anomalies)
    assert applied >= 0
    if events and s.status is None:
        assert all(e.kind is not EventKind.REGISTER or e.actor_role is Role.HUB for e in events)
