"""Issue 19, item 6: the wrong-PIN wait is measured in elapsed time no clock jump can stretch (15 min at
most), and an administrator can reset a PIN (service, command line)."""

from __future__ import annotations

import datetime as dt

import pytest

from liaison_desk.db.models import Operator
from liaison_desk.domain.errors import DomainError, PermissionDenied, ValidationError
from liaison_desk.domain.idle import MAX_WAIT_S, pin_wait_left
from liaison_desk.domain.timeutil import to_utc
from liaison_desk.domain.workflow import Role
from liaison_desk.services.context import Actor, open_station_database
from liaison_desk.services.desk import pin_waits
from liaison_desk.services.desk.accounts import hash_pin, reset_pin
from liaison_desk.services.desk.shifts import sign_in

from .helpers import add_deputy

NOW = to_utc(dt.datetime(2026, 11, 30, 9, 0))
FUTURE = to_utc(dt.datetime(2035, 6, 1, 9, 0))
PAST = to_utc(dt.datetime(2009, 6, 1, 9, 0))


class FakeMonotonic:
    def __init__(self):
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def mono(monkeypatch):
    fake = FakeMonotonic()
    monkeypatch.setattr(pin_waits, "_monotonic", fake)
    monkeypatch.setattr(pin_waits, "_WAITS", {})
    return fake


@pytest.fixture
def deputy(db):
    dep = add_deputy(db, "张建国", "D007")
    with db.session() as s:
        s.add(Operator(login="d007", display_name="张建国", role=Role.DUTY_DEPUTY.value, deputy_id=dep,
                       pin_hash=hash_pin("1357")))
    return dep


def _fail(db, n: int, at: dt.datetime) -> None:
    for _ in range(n):
        with pytest.raises((ValidationError, DomainError)):
            sign_in(db, "0000", login="d007", at=at)


def _seconds(e: DomainError) -> int:
    """The wait a throttle message names, in seconds."""
    import re

    m = re.search(r"(\d+) 秒", e.message) or re.search(r"(\d+) 分钟", e.message)
    assert m, e.message
    return int(m.group(1)) * (1 if "秒" in e.message else 60)


def test_a_wait_set_by_a_clock_years_ahead_ends_when_the_clock_is_fixed(db, deputy, mono):
    _fail(db, 5, FUTURE)
    with pytest.raises(DomainError) as e:  # the clock is fixed at once: the real wait still counts
        sign_in(db, "1357", login="d007", at=NOW)
    assert e.value.code == "pin_throttled" and _seconds(e.value) <= 31, e.value.message
    mono.t += 31
    assert sign_in(db, "1357", login="d007", at=NOW).actor.name == "张建国"


def test_after_a_restart_a_far_future_wait_starts_again_and_ends(db, deputy, mono):
    _fail(db, 5, FUTURE)
    db.dispose()
    pin_waits._WAITS.clear()  # the program started again: only the stored wait (years ahead) is left
    db = open_station_database(db.path.parent)
    try:
        with pytest.raises(DomainError) as e:  # the five failures' own wait, from now: not years, not nothing
            sign_in(db, "1357", login="d007", at=NOW)
        assert e.value.code == "pin_throttled" and _seconds(e.value) <= 31, e.value.message
        mono.t += 31
        assert sign_in(db, "1357", login="d007", at=NOW).actor.name == "张建国"
    finally:
        db.dispose()


def test_a_clock_set_forward_does_not_end_the_wait(db, deputy, mono):
    _fail(db, 5, NOW)
    for jump in (dt.timedelta(minutes=16), dt.timedelta(days=400)):  # no real time has passed
        with pytest.raises(DomainError) as e:
            sign_in(db, "1357", login="d007", at=NOW + jump)
        assert e.value.code == "pin_throttled", e.value.message
    mono.t += 31
    assert sign_in(db, "1357", login="d007", at=NOW + dt.timedelta(days=400)).actor.name == "张建国"


def test_a_clock_set_back_years_cannot_stretch_the_wait(db, deputy, mono):
    _fail(db, 5, NOW)
    with pytest.raises(DomainError) as e:
        sign_in(db, "1357", login="d007", at=PAST)
    assert e.value.code == "pin_throttled" and _seconds(e.value) <= 31, e.value.message
    mono.t += 31
    sign_in(db, "1357", login="d007", at=PAST)


def test_the_wait_never_exceeds_fifteen_minutes(db, deputy, mono):
    for i in range(25):
        at = NOW + dt.timedelta(hours=i)  # each try after the previous wait
        mono.t += 3600
        with pytest.raises(ValidationError):
            sign_in(db, "0000", login="d007", at=at)
    for at in (NOW + dt.timedelta(hours=24, seconds=1), PAST):
        with pytest.raises(DomainError) as e:
            sign_in(db, "1357", login="d007", at=at)
        assert e.value.code == "pin_throttled" and _seconds(e.value) <= MAX_WAIT_S


def test_pin_wait_left_rule():
    assert pin_wait_left(None, NOW, None) == 0
    assert pin_wait_left(NOW + dt.timedelta(seconds=60), NOW, None) == 60
    # written by a clock far ahead, or the clock went back since, and no timer of this program: the longest wait
    assert pin_wait_left(NOW + dt.timedelta(days=3000), NOW, None) == MAX_WAIT_S
    assert pin_wait_left(NOW + dt.timedelta(days=3000), NOW, 40.0) == 40  # ... but this program saw it
    assert pin_wait_left(NOW + dt.timedelta(seconds=600), NOW, 20.0) == 20  # clock set back a little
    assert pin_wait_left(NOW - dt.timedelta(seconds=1), NOW, None) == 0
    assert pin_wait_left(NOW - dt.timedelta(days=1), NOW, 25.0) == 25  # clock set forward: the timer counts
    assert pin_wait_left(NOW + dt.timedelta(days=100), NOW, 10**9) == MAX_WAIT_S
    assert pin_wait_left(NOW + dt.timedelta(seconds=600), NOW, 10**9) == MAX_WAIT_S


def test_admin_resets_a_pin_and_the_wait(db, deputy, mono, admin):
    _fail(db, 7, NOW)
    with pytest.raises(PermissionDenied):
        reset_pin(db, Actor(Role.STAFF, "李干事"), "d007", "2468")
    with pytest.raises(DomainError) as e:
        reset_pin(db, admin, "nobody", "2468")
    assert e.value.code == "unknown_operator"
    with pytest.raises(ValidationError):
        reset_pin(db, admin, "d007", "12")
    done = reset_pin(db, admin, "D007", "8642")
    assert done.login == "d007"
    assert sign_in(db, "8642", login="d007", at=NOW).actor.name == "张建国"  # no wait left either
    generated = reset_pin(db, admin, "d007")
    assert len(generated.pin) == 6 and generated.pin.isdigit()
    assert sign_in(db, generated.pin, login="d007", at=NOW).actor.name == "张建国"
