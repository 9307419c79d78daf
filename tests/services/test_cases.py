"""Registering visits and cases, and the workflow through the service layer."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from liaison_desk.db.models import Case, CaseEvent, Constituent, Department, OutboxEntry, Visit
from liaison_desk.domain.case_number import parse_case_number
from liaison_desk.domain.errors import DomainError, PermissionDenied, ValidationError, WorkflowError
from liaison_desk.domain.timeutil import local_today
from liaison_desk.domain.workflow import EventKind, Status
from liaison_desk.services.cases.actions import (
    CaseInput,
    VisitInput,
    act_on_case,
    find_case_id,
    get_case,
    register_visit,
)


def count(db, model) -> int:
    with db.session(write=False) as s:
        return s.scalar(select(func.count()).select_from(model))


def add_department(db) -> uuid.UUID:
    with db.session() as s:
        d = Department(name="县水利局", short_name="水利局")
        s.add(d)
        s.flush()
        return d.id


def walk_in(db, actor, **kw):
    visit = VisitInput(visitor_names=kw.pop("names", "张秀英"), visitor_phone=kw.pop("phone", "13812345678"),
                       village=kw.pop("village", "柳树湾村"), headcount=kw.pop("headcount", 2))
    return register_visit(db, actor, visit, CaseInput(content=kw.pop("content", "村东头灌溉渠堵塞，春灌放不下水。"),
                                                      triage="blue"))


def test_register_creates_visit_case_event_and_outbox_in_one_go(db, deputy_actor):
    res = walk_in(db, deputy_actor)
    number = parse_case_number(res.case_number)
    assert number.station_code == "LX01" and number.seq == 1 and number.day == local_today()
    view = get_case(db, res.case_id)
    assert view.status == Status.REGISTERED.value and view.village == "柳树湾村"
    assert view.summary.startswith("村东头灌溉渠")
    with db.session(write=False) as s:
        changes = s.scalars(select(OutboxEntry.entity)).all()
    # station, admin, categories from init + village, constituent, visit, case, event now
    for entity in ("villages", "constituents", "visits", "cases", "case_events"):
        assert entity in changes


def test_numbers_increase_within_a_day_and_parse_back(db, deputy_actor):
    numbers = [walk_in(db, deputy_actor).case_number for _ in range(3)]
    assert [parse_case_number(n).seq for n in numbers] == [1, 2, 3]
    assert find_case_id(db, numbers[2].lower().replace("-", " ")) is not None


def test_mistyped_case_number_is_rejected_with_a_clear_message(db, deputy_actor):
    n = walk_in(db, deputy_actor).case_number
    typo = n[:-3] + ("1" if n[-3] != "1" else "2") + n[-2:]
    with pytest.raises(ValidationError) as err:
        find_case_id(db, typo)
    assert "校验" in err.value.message


def test_bad_input_saves_nothing(db, deputy_actor):
    before = (count(db, Visit), count(db, Case), count(db, OutboxEntry))
    with pytest.raises(ValidationError) as err:
        walk_in(db, deputy_actor, phone="12345")
    assert err.value.field and ("电话" in err.value.message or "号码" in err.value.message)
    with pytest.raises(ValidationError):
        register_visit(db, deputy_actor, VisitInput(visitor_names="张三"),
                       CaseInput(content="x", category_id=uuid.uuid4()))
    assert (count(db, Visit), count(db, Case), count(db, OutboxEntry)) == before


def test_returning_visitor_is_recognised_by_phone(db, deputy_actor):
    walk_in(db, deputy_actor)
    walk_in(db, deputy_actor)
    walk_in(db, deputy_actor, phone="13900001111")
    assert count(db, Constituent) == 2


def test_full_workflow_through_services(db, deputy_actor, staff_actor):
    case_id = walk_in(db, deputy_actor).case_id
    dep = add_department(db)
    act_on_case(db, deputy_actor, case_id, EventKind.ACCEPT)
    with pytest.raises(PermissionDenied):
        act_on_case(db, deputy_actor, case_id, EventKind.ASSIGN, {"department_id": str(dep), "deadline": "2026-12-30"})
    act_on_case(db, staff_actor, case_id, EventKind.ASSIGN, {"department_id": str(dep), "deadline": "2026-12-30"})
    act_on_case(db, staff_actor, case_id, EventKind.SUPERVISE, {"text": "请本周内答复"})
    act_on_case(db, staff_actor, case_id, EventKind.REPLY, {"text": "已清淤", "resolution": "solved"})
    act_on_case(db, deputy_actor, case_id, EventKind.FOLLOW_UP, {"satisfaction": "satisfied"})
    state = act_on_case(db, staff_actor, case_id, EventKind.CLOSE).state
    assert state.status is Status.CLOSED and state.escalation_level == 1
    view = get_case(db, case_id, staff_actor.role)
    assert view.status == "closed" and view.department == "县水利局" and view.resolution == "solved"
    assert "reopen" in view.allowed
    with pytest.raises(WorkflowError):
        act_on_case(db, staff_actor, case_id, EventKind.ACCEPT)
    assert count(db, CaseEvent) == 7


def test_assign_to_unknown_department_is_refused(db, deputy_actor, staff_actor):
    case_id = walk_in(db, deputy_actor).case_id
    act_on_case(db, deputy_actor, case_id, EventKind.ACCEPT)
    with pytest.raises(ValidationError):
        act_on_case(db, staff_actor, case_id, EventKind.ASSIGN,
                    {"department_id": str(uuid.uuid4()), "deadline": "2026-12-30"})


def test_case_events_are_append_only(db, deputy_actor):
    case_id = walk_in(db, deputy_actor).case_id
    with pytest.raises(DomainError) as err, db.session() as s:
        e = s.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id)).first()
        e.kind = "close"
    assert err.value.code == "append_only"


def test_synced_records_are_never_hard_deleted(db, deputy_actor):
    case_id = walk_in(db, deputy_actor).case_id
    with pytest.raises(DomainError) as err, db.session() as s:
        s.delete(s.get(Case, case_id))
    assert err.value.code == "hard_delete"
    assert count(db, Case) == 1


def test_malformed_references_are_validation_errors(db, deputy_actor, staff_actor):
    case_id = walk_in(db, deputy_actor).case_id
    act_on_case(db, deputy_actor, case_id, EventKind.ACCEPT)
    with pytest.raises(ValidationError) as err:
        act_on_case(db, staff_actor, case_id, EventKind.ASSIGN, {"department_id": "水利局", "deadline": "2026-12-30"})
    assert err.value.field == "department_id"
    with pytest.raises(ValidationError):
        act_on_case(db, staff_actor, case_id, EventKind.LINK_DUPLICATE, {"duplicate_of": str(case_id)})
