"""值班签到 / 签退 — a deputy picks themself (or types/scans their card code), signs in with a PIN, and the
duty shift records when the shift began and ended. Wrong PINs are counted and slowed down (``domain.idle``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, replace

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ...db.database import Database, get_row
from ...db.models import Deputy, DutyShift, Operator, StationAssignment
from ...db.models_duty import RosterSlot
from ...domain.errors import DomainError, PermissionDenied, ValidationError
from ...domain.idle import FREE_ATTEMPTS
from ...domain.ids import natural_id
from ...domain.timeutil import to_local, utcnow
from ...domain.validation import validate_text
from ...domain.workflow import Role
from ..changes import COUNTERS, EMPTY, HANDOVER, ROSTER, Changes, lists
from ..context import Actor
from . import clock
from .accounts import pin_is_usable, verify_pin
from .pin_waits import failures, record_failure, wait_left

SHIFT_CHANGES = lists(HANDOVER, ROSTER, COUNTERS)  # what opening or closing a shift changes

AFTERNOON_FROM = dt.time(13, 0)  # a sign-in from 13:00 (station time) opens the afternoon shift


@dataclass(frozen=True)
class DeputyChoice:
    """A deputy on the sign-in screen's list."""

    deputy_id: uuid.UUID
    name: str
    code: str | None
    level: str
    can_sign_in: bool  # has an active desk account
    on_roster_today: bool


@dataclass(frozen=True)
class SignedIn:
    """The result of a sign-in: who is at the desk now (the actor carries their shift), when, and whether the
    shift was resumed."""

    actor: Actor
    signed_in_at: dt.datetime  # local
    resumed: bool  # the deputy was already signed in (after the idle lock, or a restart)
    changes: Changes = EMPTY  # a shift opened: the handover page, the roster's plan against actual

    @property
    def shift_id(self) -> uuid.UUID | None:
        """The duty shift signed in to (None for staff/administrators): the actor's, one value in one place."""
        return self.actor.shift_id


@dataclass(frozen=True)
class SignedOut:
    at: dt.datetime  # local
    changes: Changes


def slot_for(local: dt.datetime) -> str:
    return "am" if local.time() < AFTERNOON_FROM else "pm"


def list_sign_in_deputies(db: Database, *, today: dt.date | None = None) -> list[DeputyChoice]:
    """Deputies to pick from at sign-in: those rostered today first, then everyone assigned here, by name."""
    today = today or to_local(utcnow()).date()
    with db.session(write=False) as s:
        sid = db.station_id()
        assigned = select(StationAssignment.deputy_id).where(StationAssignment.station_id == sid,
                                                             StationAssignment.deleted_hlc.is_(None))
        rostered = set(s.scalars(select(DutyShift.deputy_id).where(DutyShift.date == today,
                                                                   DutyShift.deleted_hlc.is_(None))))
        # the plan (值班表) counts too: a deputy planned for today is offered first before anyone signed in
        rostered |= set(s.scalars(select(RosterSlot.deputy_id).where(RosterSlot.date == today,
                                                                     RosterSlot.deleted_hlc.is_(None))))
        accounts = set(s.scalars(select(Operator.deputy_id).where(Operator.active.is_(True),
                                                                  Operator.deleted_hlc.is_(None),
                                                                  Operator.deputy_id.is_not(None))))
        q = select(Deputy.id, Deputy.name, Deputy.code, Deputy.level).where(Deputy.active.is_(True),
                                                                            Deputy.deleted_hlc.is_(None))
        if s.scalar(select(func.count()).select_from(assigned.subquery())):  # else: not set up yet, show all
            q = q.where(or_(Deputy.id.in_(assigned), Deputy.id.in_(accounts), Deputy.id.in_(rostered)))
        rows = s.execute(q).all()
    out = [DeputyChoice(r[0], r[1], r[2], r[3], r[0] in accounts, r[0] in rostered) for r in rows]
    return sorted(out, key=lambda d: (not d.on_roster_today, not d.can_sign_in, d.name))


def _find_operator(s: Session, deputy_id, code, login) -> Operator:
    q = select(Operator).where(Operator.deleted_hlc.is_(None))
    if deputy_id is not None:
        q = q.where(Operator.deputy_id == deputy_id)
    elif code:
        code = code.strip()
        dep = select(Deputy.id).where(func.lower(Deputy.code) == code.lower(), Deputy.deleted_hlc.is_(None))
        q = q.where(or_(Operator.deputy_id.in_(dep), func.lower(Operator.login) == code.lower()))
    elif login:
        q = q.where(func.lower(Operator.login) == login.strip().lower())
    else:
        raise ValidationError("missing_field", "请先选择值班代表，或输入代表证号。", field="deputy",
                              message_en="Pick your name or type your card code first.")
    ops = list(s.scalars(q))
    if not ops and deputy_id is None:  # a card code or login that matches nobody
        raise DomainError("unknown_operator", "找不到这个代表证号或账号，请核对后再输入，或在名单里选择自己的名字。",
                          field="deputy", message_en="No one has this card code or login; check it, or pick your "
                                                     "name from the list.")
    if not ops:
        raise DomainError("unknown_operator", "这位代表还没有值班账号，不能签到。请联系管理员开通值班账号。",
                          field="deputy", message_en="This person has no desk account yet; ask the administrator "
                                                     "to open one.")
    active = [o for o in ops if o.active]
    if not active:
        raise PermissionDenied("account_disabled", "这个账号已停用，请联系工作人员。",
                               message_en="This account is disabled; ask the station staff.")
    return active[0]


def sign_in(db: Database, pin: str, *, deputy_id: uuid.UUID | None = None, code: str | None = None,
            login: str | None = None, at: dt.datetime | None = None) -> SignedIn:
    """Check the PIN and open (or resume) the duty shift. ``at`` is naive UTC (now by default).

    A wrong PIN raises ``ValidationError("wrong_pin")`` with the tries left; after five in a row the next
    try must wait (30 s, doubling, at most 15 min) and raises ``DomainError("pin_throttled")`` meanwhile.
    The count is kept in the database, so restarting the program does not reset it; the wait is measured
    so that a change of the PC's date never makes it longer (``domain.idle.pin_wait_left``). An account
    with no usable PIN (made after the backup a restored database came from: its PIN never travels)
    raises ``DomainError("pin_reset_needed")``: an administrator sets a new one (``accounts.reset_pin``).

    Once the desk has turned the date check on (``clock.guard``: ``startup.sign_in_as`` does), a right PIN
    on a PC whose date looks wrong and was not confirmed raises ``clock.ClockUnconfirmed``
    (``"clock_unconfirmed"``, saying the PC's date and what contradicts it) before the shift is written:
    staff confirm (``clock.confirm``) or fix the date, then sign in again. ``at`` given: that time is used
    as it is (no check).
    """
    now = at or utcnow()
    with db.session(write=False) as s:
        op = _find_operator(s, deputy_id, code, login)
        count, until = failures(s, op.id)
        op_id, pin_hash = op.id, op.pin_hash
    if not pin_is_usable(pin_hash):
        raise DomainError("pin_reset_needed", "此账号的密码需要管理员重置，请联系管理员设置新密码后再签到。",
                          field="pin", message_en="This account's PIN must be reset by an administrator.")
    if count >= FREE_ATTEMPTS:
        left = wait_left(db, op_id, count, until, now)
        if left > 0:
            minutes = max(1, round(left / 60)) if left >= 60 else None
            zh = f"连续输错次数过多，请 {minutes} 分钟后再试。" if minutes else f"连续输错次数过多，请 {int(left) + 1} 秒后再试。"
            raise DomainError("pin_throttled", zh, field="pin",
                              message_en=f"Too many wrong PINs: try again in {int(left) + 1} s.")
    if not verify_pin(pin or "", pin_hash):
        with db.session() as s:
            record_failure(db, s, op_id, count + 1, now)
        left_tries = FREE_ATTEMPTS - (count + 1)
        zh = f"密码不正确，还可以再试 {left_tries} 次。" if left_tries > 0 else "密码不正确。请稍候再试，或联系工作人员重设密码。"
        raise ValidationError("wrong_pin", zh, field="pin", message_en="Wrong PIN.")
    if at is None:  # the shift is dated: a wrong-looking date nobody confirmed is refused here, the PIN was right
        now = clock.now(db)
    with db.session() as s:
        if count:
            record_failure(db, s, op_id, 0, now)
        op = get_row(s, Operator, op_id)
        actor = Actor(Role(op.role), op.display_name, operator_id=op.id, deputy_id=op.deputy_id)
        if op.deputy_id is None:
            return SignedIn(actor, to_local(now), False)
        shift, resumed = _open_shift(db, s, op.deputy_id, now)
        assert shift.signed_in_at is not None  # _open_shift returns a signed-in shift
        # the actor carries the shift: what they register (a visit) is recorded in it
        return SignedIn(replace(actor, shift_id=shift.id), to_local(shift.signed_in_at), resumed,
                        EMPTY if resumed else SHIFT_CHANGES)


def _open_shift(db: Database, s: Session, deputy_id: uuid.UUID, now: dt.datetime) -> tuple[DutyShift, bool]:
    local = to_local(now)
    open_ = s.scalar(select(DutyShift).where(
        DutyShift.deputy_id == deputy_id, DutyShift.date == local.date(), DutyShift.signed_in_at.is_not(None),
        DutyShift.signed_out_at.is_(None), DutyShift.deleted_hlc.is_(None)))
    if open_ is not None:
        return open_, True
    slot = slot_for(local)
    station_id = db.station_id()
    shift = s.scalar(select(DutyShift).where(  # a rostered shift (or an earlier one of the same slot)
        DutyShift.station_id == station_id, DutyShift.date == local.date(), DutyShift.deputy_id == deputy_id,
        DutyShift.slot.in_([slot, "full"]), DutyShift.deleted_hlc.is_(None)))
    if shift is None:
        shift = DutyShift(id=natural_id("shift", station_id, local.date(), slot, deputy_id), station_id=station_id,
                          date=local.date(), slot=slot, deputy_id=deputy_id, signed_in_at=now, handover_note="")
        s.add(shift)
        return shift, False
    if shift.signed_in_at is None:
        shift.signed_in_at = now
    shift.signed_out_at = None  # signing in again to the same slot reopens it
    return shift, False


def sign_out(db: Database, actor: Actor, shift_id: uuid.UUID, *, note: str = "",
             at: dt.datetime | None = None) -> SignedOut:
    """End the shift, with an optional note for the next deputy (交班留言). Returns the local sign-out time."""
    now = at or utcnow()
    note = validate_text(note, field="note", min_len=0, max_len=2000) if note and note.strip() else ""
    with db.session() as s:
        shift = s.get(DutyShift, shift_id)
        if shift is None or shift.deleted_hlc is not None:
            raise DomainError("shift_not_found", "找不到这个值班班次。", message_en="No such shift.")
        if actor.role is Role.DUTY_DEPUTY and actor.deputy_id != shift.deputy_id:
            raise PermissionDenied("not_your_shift", "只能由本班值班代表签退。",
                                   message_en="Only the deputy on this shift may sign it out.")
        if shift.signed_out_at is not None:
            raise DomainError("already_signed_out", "这个班次已经签退。", message_en="This shift is already signed out.")
        shift.signed_out_at = max(now, shift.signed_in_at or now)
        if note:
            shift.handover_note = note
        return SignedOut(to_local(shift.signed_out_at), SHIFT_CHANGES)


def check_pin_again(db: Database, actor: Actor, pin: str, *, at: dt.datetime | None = None) -> SignedIn:
    """Unlock after the idle lock: the same person's PIN (with the same throttling), shift resumed."""
    if actor.operator_id is None:
        raise DomainError("no_operator", "请重新签到。", message_en="Please sign in again.")
    with db.session(write=False) as s:
        login = s.scalar(select(Operator.login).where(Operator.id == actor.operator_id))
    return sign_in(db, pin, login=login, at=at)
