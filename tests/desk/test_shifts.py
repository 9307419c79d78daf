"""Shift sign-in/out with a PIN, throttling of wrong PINs, the idle-lock rule and desk settings."""

from __future__ import annotations

import datetime as dt

import pytest

from liaison_desk.db.models import DutyShift, Operator
from liaison_desk.domain.errors import DomainError, PermissionDenied, ValidationError
from liaison_desk.domain.idle import lockout_seconds, seconds_until_lock, should_lock
from liaison_desk.domain.timeutil import to_utc
from liaison_desk.domain.workflow import Role
from liaison_desk.services.changes import HANDOVER
from liaison_desk.services.context import open_station_database
from liaison_desk.services.desk.accounts import hash_pin
from liaison_desk.services.desk.handover import handover_summary
from liaison_desk.services.desk.settings import DeskSettings, get_settings, update_settings
from liaison_desk.services.desk.shifts import check_pin_again, list_sign_in_deputies, sign_in, sign_out

from .helpers import add_deputy

NINE = to_utc(dt.datetime(2026, 11, 30, 9, 0))


@pytest.fixture
def deputy(db):
    dep = add_deputy(db, "张建国", "D007")
    with db.session() as s:
        s.add(Operator(login="d007", display_name="张建国", role=Role.DUTY_DEPUTY.value, deputy_id=dep,
                       pin_hash=hash_pin("1357")))
    return dep


def test_sign_in_by_pick_or_code_records_the_shift(db, deputy):
    got = sign_in(db, "1357", deputy_id=deputy, at=NINE)
    assert got.actor.role is Role.DUTY_DEPUTY and got.actor.deputy_id == deputy
    assert got.signed_in_at == dt.datetime(2026, 11, 30, 9, 0) and not got.resumed
    again = sign_in(db, "1357", code="d007 ", at=NINE + dt.timedelta(minutes=20))
    assert again.shift_id == got.shift_id and again.resumed and not again.changes  # a resumed shift changed nothing
    with db.session(write=False) as s:
        sh = s.get(DutyShift, got.shift_id)
        assert (sh.slot, sh.signed_in_at, sh.signed_out_at) == ("am", NINE, None)

    out = sign_out(db, got.actor, got.shift_id, note="刘大妈周五来取答复", at=NINE + dt.timedelta(hours=3))
    assert out.at == dt.datetime(2026, 11, 30, 12, 0)
    assert out.changes.concerns(HANDOVER) and got.changes.concerns(HANDOVER)  # both show on the handover page
    h = handover_summary(db, at=NINE + dt.timedelta(hours=5))
    assert h.previous_shift.id == got.shift_id and h.previous_shift.handover_note == "刘大妈周五来取答复"
    with pytest.raises(DomainError, match="已经签退"):
        sign_out(db, got.actor, got.shift_id)


def test_afternoon_sign_in_opens_the_pm_slot(db, deputy):
    pm = sign_in(db, "1357", deputy_id=deputy, at=NINE + dt.timedelta(hours=5))
    with db.session(write=False) as s:
        assert s.get(DutyShift, pm.shift_id).slot == "pm"


def test_wrong_pin_is_friendly_then_throttled_and_survives_restart(db, deputy, monkeypatch):
    from liaison_desk.services.desk import pin_waits

    monkeypatch.setattr(pin_waits, "_WAITS", {})
    for i in range(4):
        with pytest.raises(ValidationError) as e:
            sign_in(db, "0000", deputy_id=deputy, at=NINE)
        assert e.value.code == "wrong_pin" and f"还可以再试 {4 - i} 次" in e.value.message
    with pytest.raises(ValidationError):
        sign_in(db, "0000", deputy_id=deputy, at=NINE)
    db.dispose()  # a restart of the program does not reset the count
    pin_waits._WAITS.clear()  # (nor its wait: the stored end is all a new process has)
    db = open_station_database(db.path.parent)
    try:
        with pytest.raises(DomainError) as e:  # even the right PIN must wait now
            sign_in(db, "1357", deputy_id=deputy, at=NINE + dt.timedelta(seconds=10))
        assert e.value.code == "pin_throttled" and "秒后再试" in e.value.message
        ok = sign_in(db, "1357", deputy_id=deputy, at=NINE + dt.timedelta(seconds=31))
        assert ok.shift_id is not None
        sign_in(db, "1357", deputy_id=deputy, at=NINE + dt.timedelta(seconds=32))  # the count was reset
    finally:
        db.dispose()


def test_unknown_person_and_disabled_account(db, deputy):
    with pytest.raises(DomainError, match="找不到"):
        sign_in(db, "1357", code="X999")
    with pytest.raises(ValidationError, match="请先选择"):
        sign_in(db, "1357")
    with db.session() as s:
        s.query(Operator).filter_by(login="d007").one().active = False
    with pytest.raises(PermissionDenied):
        sign_in(db, "1357", deputy_id=deputy)


def test_admin_signs_in_without_a_shift_and_unlocks(db):
    got = sign_in(db, "2468", login="admin", at=NINE)
    assert got.actor.role is Role.ADMIN and got.shift_id is None
    assert check_pin_again(db, got.actor, "2468").actor == got.actor


def test_only_the_shift_deputy_signs_out(db, deputy, deputy_actor):
    got = sign_in(db, "1357", deputy_id=deputy, at=NINE)
    with pytest.raises(PermissionDenied):
        sign_out(db, deputy_actor, got.shift_id)


def test_deputy_list_puts_today_roster_and_accounts_first(db, deputy):
    other = add_deputy(db, "阿不都热合曼", "D008")
    names = [d.name for d in list_sign_in_deputies(db)]
    assert names == ["张建国", "阿不都热合曼"]
    first = list_sign_in_deputies(db)[0]
    assert first.can_sign_in and first.deputy_id == deputy and first.code == "D007"
    assert other in {d.deputy_id for d in list_sign_in_deputies(db)}


def test_idle_lock_rule():
    t0 = dt.datetime(2026, 11, 30, 9, 0)
    assert not should_lock(t0, t0 + dt.timedelta(minutes=9, seconds=59), 10)
    assert should_lock(t0, t0 + dt.timedelta(minutes=10), 10)
    assert not should_lock(t0, t0 + dt.timedelta(days=1), 0)  # switched off
    assert not should_lock(t0, t0 - dt.timedelta(hours=1), 10)  # clock set back
    assert seconds_until_lock(t0, t0 + dt.timedelta(minutes=4), 5) == 60
    assert [lockout_seconds(n) for n in (0, 4, 5, 6, 7, 20)] == [0, 0, 30, 60, 120, 900]


def test_settings_defaults_validation_and_roles(db, deputy_actor, staff_actor):
    assert get_settings(db) == DeskSettings()
    s = update_settings(db, staff_actor, idle_minutes=5, receipt_width_mm=58)
    assert (s.idle_minutes, s.receipt_width_mm) == (5, 58)
    assert update_settings(db, deputy_actor, large_type=True).large_type is True
    with pytest.raises(PermissionDenied):
        update_settings(db, deputy_actor, idle_minutes=30)
    with pytest.raises(ValidationError, match="58 毫米或 80 毫米"):
        update_settings(db, staff_actor, receipt_width_mm=70, idle_minutes=3)
    assert get_settings(db).idle_minutes == 5  # all or nothing
    with pytest.raises(ValidationError):
        update_settings(db, staff_actor, colour="pink")


def test_a_deputy_planned_in_the_roster_is_offered_first_before_anyone_signed_in(db, deputy, admin):
    import datetime as dt
    import uuid

    from liaison_desk.domain.roster import DutyPattern
    from liaison_desk.services.duty import roster as R
    from liaison_desk.services.duty.deputies import DeputyInput, create_deputy

    planned = uuid.UUID(str(create_deputy(db, admin, DeputyInput("阿不都热合曼", "county", code="D008")).id))
    from tests.duty.helpers import give_accounts

    give_accounts(db, planned)  # the roster plans only deputies who can sign in
    R.set_duty_pattern(db, admin, DutyPattern(frozenset({0, 1, 2, 3, 4, 5, 6}), ("full",)))
    R.generate_and_save(db, admin, dt.date(2026, 12, 1), dt.date(2026, 12, 1), today=dt.date(2026, 11, 30))
    first = list_sign_in_deputies(db, today=dt.date(2026, 12, 1))[0]
    assert first.deputy_id == planned and first.on_roster_today
    assert not any(d.on_roster_today for d in list_sign_in_deputies(db, today=dt.date(2026, 12, 2)))
