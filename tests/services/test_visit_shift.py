"""Which shift a registered visit is recorded in (issue 12): the caller's, else the signed-in actor's while open."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import replace

import pytest
from sqlalchemy import select

from liaison_desk.db.models import Visit
from liaison_desk.domain.errors import PermissionDenied
from liaison_desk.domain.timeutil import utcnow
from liaison_desk.services.cases.actions import VisitInput, register_visit
from liaison_desk.services.context import SYSTEM_ADMIN
from liaison_desk.services.desk import lookups, shifts
from liaison_desk.services.duty import deputies


def _deputy(db, name: str, code: str) -> uuid.UUID:
    view = deputies.create_deputy(db, SYSTEM_ADMIN, deputies.DeputyInput(name=name, level="county", code=code))
    deputy_id = uuid.UUID(str(view.id))
    lookups.add_account(db, SYSTEM_ADMIN, name=name, pin="1357", deputy_id=deputy_id)
    return deputy_id


def _shift_of(db, visit_id: uuid.UUID) -> uuid.UUID | None:
    with db.session(write=False) as s:
        return s.scalar(select(Visit.shift_id).where(Visit.id == visit_id))


def test_sign_in_puts_the_shift_on_the_actor_and_a_visit_records_it(db):
    _deputy(db, "王𠮷明", "D001")
    signed = shifts.sign_in(db, "1357", code="D001")
    assert signed.actor.shift_id == signed.shift_id is not None
    visit = register_visit(db, signed.actor, VisitInput("张三"))
    assert _shift_of(db, visit.visit_id) == signed.shift_id
    resumed = shifts.sign_in(db, "1357", code="D001")  # after the idle lock: the same shift again
    assert resumed.resumed and resumed.actor.shift_id == signed.shift_id


def test_staff_and_scripts_have_no_shift(db, staff_actor):
    assert _shift_of(db, register_visit(db, SYSTEM_ADMIN, VisitInput("张三")).visit_id) is None
    assert _shift_of(db, register_visit(db, staff_actor, VisitInput("李四")).visit_id) is None


def test_a_shift_given_by_the_caller_wins(db):
    _deputy(db, "王𠮷明", "D001")
    earlier = shifts.sign_in(db, "1357", code="D001", at=utcnow() - dt.timedelta(days=3))
    assert earlier.shift_id is not None
    shifts.sign_out(db, earlier.actor, earlier.shift_id, at=utcnow() - dt.timedelta(days=3) + dt.timedelta(hours=3))
    now = shifts.sign_in(db, "1357", code="D001")
    visit = register_visit(db, now.actor, VisitInput("张三", shift_id=earlier.shift_id))
    assert _shift_of(db, visit.visit_id) == earlier.shift_id


def test_no_shift_once_it_is_signed_out_or_for_a_visit_before_the_sign_in(db):
    _deputy(db, "王𠮷明", "D001")
    signed = shifts.sign_in(db, "1357", code="D001", at=utcnow() - dt.timedelta(minutes=30))
    assert signed.shift_id is not None
    before = register_visit(db, signed.actor, VisitInput("张三", occurred_at=utcnow() - dt.timedelta(hours=2)))
    assert _shift_of(db, before.visit_id) is None  # typed in later, but it happened before the shift began
    during = register_visit(db, signed.actor, VisitInput("李四", occurred_at=utcnow() - dt.timedelta(minutes=10)))
    assert _shift_of(db, during.visit_id) == signed.shift_id
    shifts.sign_out(db, signed.actor, signed.shift_id)
    after = register_visit(db, signed.actor, VisitInput("赵五"))  # a stale session: registered, no shift
    assert _shift_of(db, after.visit_id) is None


def test_an_actor_carrying_another_deputys_shift_is_refused(db):
    _deputy(db, "王𠮷明", "D001")
    other = _deputy(db, "李红", "D002")
    signed = shifts.sign_in(db, "1357", code="D001")
    forged = replace(signed.actor, deputy_id=other)
    with pytest.raises(PermissionDenied) as err:
        register_visit(db, forged, VisitInput("张三"))
    assert err.value.code == "not_your_shift"
    with db.session(write=False) as s:
        assert s.scalars(select(Visit)).first() is None
