"""Working days with Chinese public holidays and make-up working days (调休), and overrides."""

from __future__ import annotations

import datetime as dt

import pytest

from liaison_desk.domain.calendar import WorkCalendar, validate_day_rule
from liaison_desk.domain.errors import PermissionDenied, ValidationError
from liaison_desk.domain.timeutil import local_today
from liaison_desk.domain.workflow import EventKind
from liaison_desk.services.cases.actions import act_on_case, get_case
from liaison_desk.services.desk.workdays import (
    default_calendar,
    list_overrides,
    remove_override,
    set_override,
    work_calendar,
)

from .helpers import add_department, walk_in

D = dt.date


def test_shipped_2026_calendar():
    cal = default_calendar()
    assert not cal.is_working_day(D(2026, 10, 1)) and cal.day_name(D(2026, 10, 1)) == "国庆节"
    assert cal.is_working_day(D(2026, 10, 10))  # Saturday 调休上班
    assert cal.is_working_day(D(2026, 2, 14)) and not cal.is_working_day(D(2026, 2, 16))  # 春节
    assert not cal.is_working_day(D(2026, 11, 28))  # an ordinary Saturday
    assert 2027 in cal.provisional_years and 2026 not in cal.provisional_years
    assert not cal.is_working_day(D(2027, 2, 8))  # 2027 春节 (provisional)


def test_deadlines_in_working_days_skip_the_national_day_week():
    cal = default_calendar()
    # assigned on Wednesday 30 September 2026: Oct 1–7 off, Saturday Oct 10 is worked
    assert cal.add_working_days(D(2026, 9, 30), 1) == D(2026, 10, 8)
    assert cal.add_working_days(D(2026, 9, 30), 3) == D(2026, 10, 10)
    assert cal.add_working_days(D(2026, 9, 30), 0) == D(2026, 9, 30)
    assert cal.working_days_between(D(2026, 9, 30), D(2026, 10, 10)) == 3
    assert cal.working_days_between(D(2026, 10, 10), D(2026, 9, 30)) == -3
    assert cal.next_working_day(D(2026, 11, 27)) == D(2026, 11, 30)  # Friday → Monday
    with pytest.raises(ValidationError):
        cal.add_working_days(D(2026, 1, 1), -1)


def test_overrides_lie_over_the_default():
    cal = WorkCalendar().with_overrides([validate_day_rule("2026-12-01", "holiday", "镇庙会"),
                                         validate_day_rule(D(2026, 12, 5), "workday")])
    assert not cal.is_working_day(D(2026, 12, 1)) and cal.is_working_day(D(2026, 12, 5))
    with pytest.raises(ValidationError):
        validate_day_rule("2026-13-01", "holiday")
    with pytest.raises(ValidationError):
        validate_day_rule("2026-12-01", "party")


def test_overrides_are_stored_synced_and_used(db, staff_actor, deputy_actor):
    set_override(db, staff_actor, D(2027, 2, 20), "holiday", "春节（镇里延长）")
    set_override(db, staff_actor, "2027-02-20", "workday", "改为上班")  # same day: one row, changed
    assert [(r.date, r.kind) for r in list_overrides(db)] == [(D(2027, 2, 20), "workday")]
    assert work_calendar(db).is_working_day(D(2027, 2, 20))
    with pytest.raises(PermissionDenied):
        set_override(db, deputy_actor, D(2027, 1, 4), "holiday")
    assert remove_override(db, staff_actor, D(2027, 2, 20)) is True
    assert list_overrides(db) == [] and remove_override(db, staff_actor, D(2027, 2, 20)) is False
    with db.session(write=False) as s:
        from sqlalchemy import func, select

        from liaison_desk.db.models import OutboxEntry
        assert s.scalar(select(func.count()).select_from(OutboxEntry).where(OutboxEntry.entity == "holidays")) == 3


def test_assigning_with_working_days_sets_the_deadline(db, deputy_actor, staff_actor):
    case = walk_in(db, deputy_actor, "路灯坏了").case_id
    dept = add_department(db)
    act_on_case(db, deputy_actor, case, EventKind.ACCEPT)
    act_on_case(db, staff_actor, case, EventKind.ASSIGN, {"department_id": str(dept), "working_days": 10})
    assert get_case(db, case).deadline == work_calendar(db).add_working_days(local_today(), 10)
    with pytest.raises(ValidationError, match="工作日"):
        act_on_case(db, staff_actor, case, EventKind.ASSIGN, {"department_id": str(dept), "working_days": "十"})
