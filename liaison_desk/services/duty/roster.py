"""The station's duty roster (值班表): its pattern, leave and limits, generating and saving a period's plan,
swaps and substitutions recorded as such, and the month as a calendar of plan against actual."""

from __future__ import annotations

import calendar
import datetime as dt
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...db.changes import revive, tombstone
from ...db.database import Database, get_row
from ...db.models import Deputy, DutyShift, Operator, Station, StationAssignment
from ...db.models_duty import DeputyUnavailability, DutyLimit, RosterChange, RosterSlot
from ...db.models_duty import DutyPattern as PatternRow
from ...domain.errors import DomainError
from ...domain.ids import natural_id, new_id
from ...domain.roster import DutyPattern, Roster, RosterDeputy, RosterRequest, generate_roster
from ...domain.timeutil import local_today
from ...domain.validation import validate_date, validate_text
from ...domain.vocab import SHIFT_SLOTS, check_choice
from ...domain.workflow import Role
from ..context import Actor, utcnow
from ..desk.workdays import calendar_in
from .record import PlanVsActual, as_uuid, plan_vs_actual, station_minimums

_MANAGERS = (Role.STAFF, Role.ADMIN)
DEFAULT_PATTERN = DutyPattern(weekdays=frozenset({2}), slots=("full",))  # 每周三接待日
MAX_PERIOD_DAYS = 400


def slot_id(station_id: uuid.UUID, day: dt.date, slot: str, deputy_id: uuid.UUID) -> uuid.UUID:
    """A roster slot's natural id: two replicas planning the same deputy on the same slot agree on it."""
    return natural_id("roster-slot", station_id, day, slot, deputy_id)


def _station(db: Database) -> uuid.UUID:
    sid = db.station_id()
    if sid is None:
        raise DomainError("no_station", "本机还没有设置联络站，请先完成初始化。",
                          message_en="This installation has no station yet: run init first.")
    return sid


# -- pattern, leave, limits ---------------------------------------------------------------------------------

def _load_pattern(s: Session, station: uuid.UUID) -> DutyPattern:
    row = s.get(PatternRow, natural_id("duty-pattern", station))
    if row is None or row.deleted_hlc is not None:
        return DEFAULT_PATTERN
    return DutyPattern(frozenset(int(w) for w in row.weekdays.split(",") if w), tuple(row.slots.split(",")),
                       row.deputies_per_slot, frozenset(dt.date.fromisoformat(d) for d in row.holidays or ()),
                       frozenset(dt.date.fromisoformat(d) for d in row.extra_days or ()))


def duty_pattern(db: Database) -> DutyPattern:
    with db.session(write=False) as s:
        return _load_pattern(s, _station(db))


def set_duty_pattern(db: Database, actor: Actor, pattern: DutyPattern) -> DutyPattern:
    """Save the station's pattern (validated by ``DutyPattern`` itself: reception days, slots, seats)."""
    actor.require(*_MANAGERS, what="设置值班规则")
    station = _station(db)
    ident = natural_id("duty-pattern", station)
    values = {"weekdays": ",".join(str(w) for w in sorted(pattern.weekdays)), "slots": ",".join(pattern.slots),
              "deputies_per_slot": pattern.deputies_per_slot,
              "holidays": sorted(d.isoformat() for d in pattern.holidays),
              "extra_days": sorted(d.isoformat() for d in pattern.extra_days)}
    with db.session() as s:
        row = s.get(PatternRow, ident)
        if row is None:
            s.add(PatternRow(id=ident, station_id=station, **values))
        else:
            for k, v in values.items():
                setattr(row, k, v)
            revive(row)
        s.flush()
        return _load_pattern(s, station)


def add_unavailability(db: Database, actor: Actor, deputy_id: object, date_from: dt.date | str,
                       date_to: dt.date | str | None = None, reason: str = "") -> str:
    """请假: the deputy cannot take a shift on these dates (a deputy may record only his or her own)."""
    actor.require(Role.DUTY_DEPUTY, *_MANAGERS, what="登记代表请假")
    ident = as_uuid(deputy_id)
    if actor.role is Role.DUTY_DEPUTY and actor.deputy_id is not None and actor.deputy_id != ident:
        raise DomainError("not_own_leave", "值班代表只能为本人登记请假。", message_en="A deputy may record only his or her own leave.")
    start = validate_date(date_from, field="date_from")
    end = validate_date(date_to, field="date_to", not_before=start) if date_to else start
    if (end - start).days > MAX_PERIOD_DAYS:
        raise DomainError("leave_too_long", "请假时间过长（超过一年），请检查日期。", field="date_to",
                          message_en="The leave is longer than a year.")
    reason = validate_text(reason, field="reason", min_len=0, max_len=200) if reason else ""
    with db.session() as s:
        if s.get(Deputy, ident) is None:
            raise DomainError("no_deputy", "找不到这位代表。", field="deputy_id", message_en="No such deputy.")
        row = DeputyUnavailability(id=new_id(), deputy_id=ident, date_from=start, date_to=end, reason=reason)
        s.add(row)
        return str(row.id)


def set_monthly_limit(db: Database, actor: Actor, deputy_id: object, max_per_month: int | None) -> None:
    """At most ``max_per_month`` shifts a month for this deputy at this station (None: no limit)."""
    actor.require(*_MANAGERS, what="设置代表值班次数上限")
    if max_per_month is not None and (not isinstance(max_per_month, int) or not 0 <= max_per_month <= 62):
        raise DomainError("bad_limit", "每月值班次数上限应为 0 到 62 之间的整数。", field="max_per_month",
                          message_en="The monthly limit must be 0-62.")
    station, dep = _station(db), as_uuid(deputy_id)
    ident = natural_id("duty-limit", station, dep)
    with db.session() as s:
        row = s.get(DutyLimit, ident)
        if row is None:
            s.add(DutyLimit(id=ident, station_id=station, deputy_id=dep, max_shifts_per_month=max_per_month))
        else:
            row.max_shifts_per_month = max_per_month
            revive(row)


# -- generation ---------------------------------------------------------------------------------------------

NO_ACCOUNT = "以下代表没有值班账号，未排班：{0}"


@dataclass(frozen=True)
class CalendarDays:
    """The period's days that are not what the pattern's weekdays say, after the holiday calendar (the shipped
    one with the ``holidays`` table over it) and the pattern's own exceptions."""

    pattern: DutyPattern  # the station's pattern with the calendar's holidays and make-up days folded in
    skipped: tuple[tuple[dt.date, str], ...]  # reception weekdays that are holidays (节假日), with the name
    makeup: tuple[tuple[dt.date, str], ...]  # make-up working days (调休上班) planned, with the name


def calendar_days(s: Session, pattern: DutyPattern, start: dt.date, end: dt.date) -> CalendarDays:
    """The pattern with the calendar's holidays skipped and its 调休 make-up working days added. A make-up day
    is a working day that stands for no weekday, so it is a reception day only at a station that receives on
    every working day (周一至周五); a Wednesday station is not opened on a make-up Sunday. The pattern's own
    lists win over the calendar: a day the station chose to receive on stays, a day it closed stays shut."""
    cal = calendar_in(s)
    every_workday = set(range(5)) <= set(pattern.weekdays)
    holidays, extra = set(pattern.holidays), set(pattern.extra_days)
    skipped, makeup = [], []
    day = start
    while day <= end:
        if day in cal.holidays and day not in pattern.extra_days:
            if day.weekday() in pattern.weekdays and day not in pattern.holidays:
                skipped.append((day, cal.holidays[day] or "节假日"))
            holidays.add(day)
        elif (day in cal.workdays and every_workday and day not in pattern.holidays
              and day.weekday() not in pattern.weekdays):
            if day not in pattern.extra_days:
                makeup.append((day, cal.workdays[day] or "调休上班"))
            extra.add(day)
        day += dt.timedelta(days=1)
    effective = replace(pattern, holidays=frozenset(holidays), extra_days=frozenset(extra - holidays))
    return CalendarDays(effective, tuple(skipped), tuple(makeup))


def _with_account(s: Session, ids: list[uuid.UUID]) -> set[uuid.UUID]:
    """The deputies among ``ids`` who have a live sign-in account (the roster plans only them)."""
    return set(s.scalars(select(Operator.deputy_id).where(
        Operator.deleted_hlc.is_(None), Operator.active.is_(True), Operator.deputy_id.in_(ids))))


def roster_request(s: Session, station: uuid.UUID, start: dt.date, end: dt.date,
                   today: dt.date) -> tuple[RosterRequest, dict[str, str]]:
    """What the generator needs, read from the database: pattern, deputies with leave, limits, terms and the
    receptions already done (or still planned before ``start``) this year."""
    req, names, _, _ = _request(s, station, start, end, today)
    return req, names


def _request(s: Session, station: uuid.UUID, start: dt.date, end: dt.date,
             today: dt.date) -> tuple[RosterRequest, dict[str, str], CalendarDays, tuple[str, ...]]:
    days = calendar_days(s, _load_pattern(s, station), start, end)
    pattern = days.pattern
    rows = s.execute(select(Deputy.id, Deputy.name, StationAssignment.duty_role, Deputy.active_from,
                            Deputy.active_until, StationAssignment.start_date, StationAssignment.end_date)
                     .join(StationAssignment, StationAssignment.deputy_id == Deputy.id)
                     .where(StationAssignment.station_id == station, StationAssignment.deleted_hlc.is_(None),
                            Deputy.deleted_hlc.is_(None))).all()
    ids = [r[0] for r in rows]
    away: dict[uuid.UUID, set[dt.date]] = {i: set() for i in ids}
    for dep, f, t in s.execute(select(DeputyUnavailability.deputy_id, DeputyUnavailability.date_from,
                                      DeputyUnavailability.date_to)
                               .where(DeputyUnavailability.deleted_hlc.is_(None), DeputyUnavailability.deputy_id.in_(ids),
                                      DeputyUnavailability.date_from <= end, DeputyUnavailability.date_to >= start)):
        d = max(f, start)
        while d <= min(t, end):
            away[dep].add(d)
            d += dt.timedelta(days=1)
    limits = dict(s.execute(select(DutyLimit.deputy_id, DutyLimit.max_shifts_per_month).where(
        DutyLimit.station_id == station, DutyLimit.deleted_hlc.is_(None))).all())
    jan1 = dt.date(start.year, 1, 1)
    done = Counter(dict(s.execute(select(DutyShift.deputy_id, func.count()).where(
        DutyShift.deleted_hlc.is_(None), DutyShift.signed_in_at.is_not(None),
        DutyShift.date >= jan1, DutyShift.date < start).group_by(DutyShift.deputy_id)).all()))
    done.update(dict(s.execute(select(RosterSlot.deputy_id, func.count()).where(
        RosterSlot.deleted_hlc.is_(None), RosterSlot.station_id == station,
        RosterSlot.date >= max(jan1, today), RosterSlot.date < start).group_by(RosterSlot.deputy_id)).all()))
    # A deputy assigned to two stations: what the other station planned (as far as it has synced here) is busy.
    busy: dict[uuid.UUID, set[tuple[dt.date, str]]] = {i: set() for i in ids}
    for dep, day, slot in s.execute(select(RosterSlot.deputy_id, RosterSlot.date, RosterSlot.slot).where(
            RosterSlot.deleted_hlc.is_(None), RosterSlot.station_id != station, RosterSlot.deputy_id.in_(ids),
            RosterSlot.date.between(start, end))):
        busy[dep].add((day, slot))
    deputies, names, lacking = [], {}, []
    accounts = _with_account(s, ids)
    for dep, name, role, a_from, a_until, s_from, s_until in rows:
        frm = max((d for d in (a_from, s_from) if d), default=None)
        until = min((d for d in (a_until, s_until) if d), default=None)
        if frm and until and until < frm:
            continue  # never active here: nothing to plan
        in_office = not ((frm and frm > end) or (until and until < start))
        if role != "fixed" and dep not in accounts and in_office:
            lacking.append(name)  # could not sign in for the shift: planned, he or she would only be "missed"
            continue
        limit = limits.get(dep)
        deputies.append(RosterDeputy(str(dep), name, role if role in ("fixed", "rotating") else "rotating",
                                     frozenset(away.get(dep, ())), None, done.get(dep, 0), frm, until,
                                     max_per_month=limit, busy=frozenset(busy.get(dep, ()))))
        names[str(dep)] = name
    # Each calendar year of the period has its own minimum, and its count of receptions starts again at 0.
    minimums = {y: station_minimums(s, station).get("shift", 0) for y in range(start.year, end.year + 1)}
    req = RosterRequest(start, end, pattern, tuple(deputies), minimums[start.year], minimums)
    return req, names, days, tuple(sorted(lacking))


@dataclass(frozen=True)
class RosterPlan:
    """A generated roster with the deputies' names (for explanations and printing); ``no_account``: the
    rotating deputies left out because they have no sign-in account (also said first among the warnings);
    ``holidays_skipped`` / ``makeup_days``: the calendar's days the plan left out or added, with their names."""

    start: dt.date
    end: dt.date
    roster: Roster
    names: dict[str, str]
    saved: bool = False
    no_account: tuple[str, ...] = ()
    holidays_skipped: tuple[tuple[dt.date, str], ...] = ()
    makeup_days: tuple[tuple[dt.date, str], ...] = ()


def _generate(req: RosterRequest, lacking: tuple[str, ...]) -> Roster:
    roster = generate_roster(req)
    if lacking:
        roster = replace(roster, warnings=(NO_ACCOUNT.format("、".join(lacking)), *roster.warnings))
    return roster


def _period(date_from, date_to) -> tuple[dt.date, dt.date]:
    start = validate_date(date_from, field="date_from")
    end = validate_date(date_to, field="date_to")
    if end < start:
        raise DomainError("bad_period", "结束日期不能早于开始日期。", field="date_to",
                          message_en="The end date is before the start date.")
    if (end - start).days > MAX_PERIOD_DAYS:
        raise DomainError("period_too_long", "一次最多排一年的值班表。", field="date_to",
                          message_en="A roster covers at most a year.")
    return start, end


def preview_roster(db: Database, date_from, date_to, *, today: dt.date | None = None) -> RosterPlan:
    """Generate without saving: what ``generate_and_save`` would plan."""
    start, end = _period(date_from, date_to)
    with db.session(write=False) as s:
        req, names, days, lacking = _request(s, _station(db), start, end, today or local_today())
    return RosterPlan(start, end, _generate(req, lacking), names, False, lacking, days.skipped, days.makeup)


def generate_and_save(db: Database, actor: Actor, date_from, date_to, *, today: dt.date | None = None,
                      expected: Sequence[Any] | None = None) -> RosterPlan:
    """Plan the period and save it, replacing the period's earlier plan (swaps in it included). Days already
    past are refused: their plan is the evidence of missed shifts. ``expected``: the assignments a preview
    showed; when the plan made now differs (the deputies, leave or holidays changed since), nothing is saved
    and ``plan_changed`` says to look at the new preview."""
    actor.require(*_MANAGERS, what="生成值班表")
    start, end = _period(date_from, date_to)
    today = today or local_today()
    if start < today:
        raise DomainError("past_period", f"不能为已经过去的日期重新排班（今天是 {today:%Y-%m-%d}），请从今天或以后开始。",
                          field="date_from", message_en="A roster cannot be regenerated for days already past.")
    station = _station(db)
    with db.session() as s:
        req, names, days, lacking = _request(s, station, start, end, today)
        roster = _generate(req, lacking)
        if expected is not None and tuple(expected) != tuple(roster.assignments):
            raise DomainError("plan_changed", "预览之后名单、请假或节假日有了变化，排班结果不同了：请重新预览，核对后再保存。",
                              message_en="The roster changed since the preview (deputies, leave or holidays): "
                                         "preview again, then save.")
        wanted = {slot_id(station, a.date, a.slot, uuid.UUID(a.deputy_id)): a for a in roster.assignments}
        for row in s.scalars(select(RosterSlot).where(RosterSlot.station_id == station,
                                                      RosterSlot.date.between(start, end))):
            a = wanted.pop(row.id, None)
            if a is None:
                if row.deleted_hlc is None:
                    tombstone(row)
            else:
                row.source, row.reasons = "generated", "；".join(a.reasons)
                revive(row)
        for ident, a in wanted.items():
            s.add(RosterSlot(id=ident, station_id=station, date=a.date, slot=a.slot, deputy_id=uuid.UUID(a.deputy_id),
                             source="generated", reasons="；".join(a.reasons)))
    return RosterPlan(start, end, roster, names, True, lacking, days.skipped, days.makeup)


# -- swaps and substitutions --------------------------------------------------------------------------------

def _live_slot(s: Session, station, day: dt.date, slot: str, deputy: uuid.UUID, what: str) -> RosterSlot:
    row = s.get(RosterSlot, slot_id(station, day, slot, deputy))
    if row is None or row.deleted_hlc is not None:
        name = s.scalar(select(Deputy.name).where(Deputy.id == deputy)) or "该代表"
        raise DomainError("not_rostered", f"{what}：{day:%Y-%m-%d}{SHIFT_SLOTS[slot][0]}班没有排{name}。",
                          message_en=f"{what}: that deputy is not on the {day} {slot} slot.")
    return row


def _put(s: Session, station, day: dt.date, slot: str, deputy: uuid.UUID, source: str, why: str) -> None:
    ident = slot_id(station, day, slot, deputy)
    row = s.get(RosterSlot, ident)
    if row is not None and row.deleted_hlc is None:
        raise DomainError("already_rostered", f"{day:%Y-%m-%d}{SHIFT_SLOTS[slot][0]}班已经排了这位代表。",
                          message_en="That deputy is already on that slot.")
    if row is None:
        s.add(RosterSlot(id=ident, station_id=station, date=day, slot=slot, deputy_id=deputy, source=source,
                         reasons=why))
    else:
        row.source, row.reasons = source, why
        revive(row)


def _check_can_serve(s: Session, deputy: uuid.UUID, day: dt.date, slot: str, station: uuid.UUID) -> None:
    dep = s.get(Deputy, deputy)
    if dep is None or dep.deleted_hlc is not None:
        raise DomainError("no_deputy", "找不到这位代表。", message_en="No such deputy.")
    if (dep.active_from and day < dep.active_from) or (dep.active_until and day > dep.active_until):
        raise DomainError("not_in_term", f"{dep.name}在 {day:%Y-%m-%d} 不在任期内，不能值班。",
                          message_en=f"{dep.name} is not in office on {day}.")
    leave = s.scalar(select(DeputyUnavailability.reason).where(
        DeputyUnavailability.deleted_hlc.is_(None), DeputyUnavailability.deputy_id == deputy,
        DeputyUnavailability.date_from <= day, DeputyUnavailability.date_to >= day))
    if leave is not None:
        raise DomainError("on_leave", f"{dep.name}在 {day:%Y-%m-%d} 已请假" + (f"（{leave}）" if leave else "") + "，不能值班。",
                          message_en=f"{dep.name} is on leave on {day}.")
    overlapping = (slot, "full") if slot != "full" else ("full", "am", "pm")
    other = s.scalar(select(RosterSlot.station_id).where(
        RosterSlot.deleted_hlc.is_(None), RosterSlot.deputy_id == deputy, RosterSlot.date == day,
        RosterSlot.slot.in_(overlapping), RosterSlot.station_id != station).limit(1))
    if other is not None:
        where = getattr(s.get(Station, other), "name", None) or "其他联络站"
        raise DomainError("busy_elsewhere", f"{dep.name}在 {day:%Y-%m-%d} 同一时段已排在{where}值班，不能在本站值班。",
                          message_en=f"{dep.name} is already on duty at another station then.")


def _slot_args(day, slot, field: str) -> tuple[dt.date, str]:
    return validate_date(day, field=field), check_choice(slot, SHIFT_SLOTS, field=f"{field}_slot", what="班次")


def substitute(db: Database, actor: Actor, day, slot: str, from_deputy: object, to_deputy: object,
               reason: str = "") -> None:
    """替班: ``to_deputy`` takes ``from_deputy``'s planned slot; recorded as a substitution."""
    actor.require(Role.DUTY_DEPUTY, *_MANAGERS, what="登记替班")
    day, slot = _slot_args(day, slot, "date")
    a, b = as_uuid(from_deputy), as_uuid(to_deputy)
    if a == b:
        raise DomainError("same_deputy", "替班的代表不能是原排班代表本人。", message_en="The substitute is the same deputy.")
    station = _station(db)
    with db.session() as s:
        _check_can_serve(s, b, day, slot, station)
        old = _live_slot(s, station, day, slot, a, "替班")
        tombstone(old)
        who = s.scalar(select(Deputy.name).where(Deputy.id == a))
        _put(s, station, day, slot, b, "substitution", f"替{who}值班" + (f"（{reason}）" if reason else ""))
        s.add(RosterChange(id=new_id(), station_id=station, kind="substitution", date=day, slot=slot, from_deputy_id=a,
                           to_deputy_id=b, reason=reason or "", actor_name=actor.name, recorded_at=utcnow()))


def swap(db: Database, actor: Actor, day1, slot1: str, deputy1: object, day2, slot2: str, deputy2: object,
         reason: str = "") -> None:
    """换班: two deputies exchange their planned slots; recorded as one swap."""
    actor.require(Role.DUTY_DEPUTY, *_MANAGERS, what="登记换班")
    day1, slot1 = _slot_args(day1, slot1, "date1")
    day2, slot2 = _slot_args(day2, slot2, "date2")
    a, b = as_uuid(deputy1), as_uuid(deputy2)
    if a == b:
        raise DomainError("same_deputy", "换班需要两位不同的代表。", message_en="A swap needs two different deputies.")
    station = _station(db)
    with db.session() as s:
        first = _live_slot(s, station, day1, slot1, a, "换班")
        second = _live_slot(s, station, day2, slot2, b, "换班")
        _check_can_serve(s, b, day1, slot1, station)
        _check_can_serve(s, a, day2, slot2, station)
        tombstone(first)
        tombstone(second)
        s.flush()
        na, nb = (s.scalar(select(Deputy.name).where(Deputy.id == x)) for x in (a, b))
        _put(s, station, day1, slot1, b, "swap", f"与{na}换班")
        _put(s, station, day2, slot2, a, "swap", f"与{nb}换班")
        s.add(RosterChange(id=new_id(), station_id=station, kind="swap", date=day1, slot=slot1, from_deputy_id=a,
                           to_deputy_id=b, other_date=day2, other_slot=slot2, reason=reason or "",
                           actor_name=actor.name, recorded_at=utcnow()))


@dataclass(frozen=True)
class PlannedSlot:
    """One deputy planned on one slot (the pickers of 调班, 替班 and the slots a leave touches)."""

    date: dt.date
    slot: str
    deputy_id: str
    deputy_name: str
    source: str  # generated | swap | substitution


def planned_slots(db: Database, date_from: dt.date, date_to: dt.date,
                  deputy_id: object | None = None) -> list[PlannedSlot]:
    """The station's plan from ``date_from`` to ``date_to`` (one deputy's only, when given), by date and slot."""
    station = _station(db)
    order = {s: n for n, s in enumerate(SHIFT_SLOTS)}
    with db.session(write=False) as s:
        q = select(RosterSlot.date, RosterSlot.slot, RosterSlot.deputy_id, Deputy.name, RosterSlot.source).join(
            Deputy, Deputy.id == RosterSlot.deputy_id).where(
            RosterSlot.deleted_hlc.is_(None), RosterSlot.station_id == station,
            RosterSlot.date.between(date_from, date_to))
        if deputy_id is not None:
            q = q.where(RosterSlot.deputy_id == as_uuid(deputy_id))
        rows = s.execute(q).all()
    return sorted((PlannedSlot(d, sl, str(dep), name, src or "generated") for d, sl, dep, name, src in rows),
                  key=lambda p: (p.date, order.get(p.slot, 9), p.deputy_name, p.deputy_id))


@dataclass(frozen=True)
class DutyDeputy:
    """A deputy of this station as the roster dialogs offer them: role (fixed / rotating) and whether he or
    she can sign in (the roster plans only those who can)."""

    id: str
    name: str
    code: str
    role: str
    has_account: bool


def duty_deputies(db: Database) -> list[DutyDeputy]:
    """The active deputies assigned to this station, by name."""
    station = _station(db)
    with db.session(write=False) as s:
        rows = s.execute(select(Deputy.id, Deputy.name, Deputy.code, StationAssignment.duty_role)
                         .join(StationAssignment, StationAssignment.deputy_id == Deputy.id)
                         .where(StationAssignment.station_id == station, StationAssignment.deleted_hlc.is_(None),
                                Deputy.deleted_hlc.is_(None), Deputy.active.is_(True))).all()
        accounts = _with_account(s, [r[0] for r in rows])
    seen: dict[uuid.UUID, DutyDeputy] = {}
    for dep, name, code, role in rows:
        seen.setdefault(dep, DutyDeputy(str(dep), name, code or "", role if role == "fixed" else "rotating",
                                        dep in accounts))
    return sorted(seen.values(), key=lambda d: (d.name, d.code, d.id))


@dataclass(frozen=True)
class ChangeView:
    kind: str  # swap | substitution
    date: dt.date
    slot: str
    from_name: str
    to_name: str
    other_date: dt.date | None
    other_slot: str | None
    reason: str
    actor_name: str

    def text(self) -> str:
        head = f"{self.date:%m-%d}{SHIFT_SLOTS[self.slot][0]}"
        if self.kind == "swap" and self.other_date:
            other = f"{self.other_date:%m-%d}{SHIFT_SLOTS[self.other_slot or 'full'][0]}"
            return f"{head} {self.from_name}与{other} {self.to_name}换班"
        return f"{head} {self.to_name}替{self.from_name}值班"


def roster_changes(db: Database, date_from: dt.date, date_to: dt.date) -> list[ChangeView]:
    with db.session(write=False) as s:
        names = dict(s.execute(select(Deputy.id, Deputy.name)).all())
        rows = s.scalars(select(RosterChange).where(RosterChange.station_id == db.station_id(),
                                                    RosterChange.date.between(date_from, date_to))
                         .order_by(RosterChange.date, RosterChange.recorded_at)).all()
        return [ChangeView(r.kind, r.date, r.slot, names.get(r.from_deputy_id, "?"), names.get(r.to_deputy_id, "?"),
                           r.other_date, r.other_slot, r.reason, r.actor_name) for r in rows]


# -- the month ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RosterMonth:
    """A month of the roster for the calendar view and the wall sheet."""

    year: int
    month: int
    station_name: str
    township: str
    pattern: DutyPattern
    days: dict[dt.date, tuple[PlanVsActual, ...]]  # every date of the month (empty tuple: no duty)
    fixed: tuple[str, ...]  # the fixed deputies who keep the station (固定在站)
    changes: tuple[ChangeView, ...]
    reception_days: frozenset[dt.date] = frozenset()  # the month's reception days (pattern and calendar)
    holidays: dict[dt.date, str] = field(default_factory=dict)  # the month's holidays (节假日), with the name
    makeup_days: dict[dt.date, str] = field(default_factory=dict)  # make-up working days (调休上班) received on


def roster_month(db: Database, year: int, month: int, *, today: dt.date | None = None) -> RosterMonth:
    if not isinstance(month, int) or not 1 <= month <= 12 or not isinstance(year, int) or not 2000 <= year <= 2100:
        raise DomainError("bad_month", f"月份“{year}-{month}”无效。", field="month", message_en="Invalid month.")
    first = dt.date(year, month, 1)
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    entries = plan_vs_actual(db, first, last, today=today)
    with db.session(write=False) as s:
        station = get_row(s, Station, _station(db))
        pattern = _load_pattern(s, station.id)
        fixed = tuple(s.scalars(select(Deputy.name).join(StationAssignment, StationAssignment.deputy_id == Deputy.id)
                                .where(StationAssignment.station_id == station.id, StationAssignment.duty_role == "fixed",
                                       StationAssignment.deleted_hlc.is_(None), Deputy.active.is_(True))
                                .order_by(Deputy.name)))
        name, township = station.name, station.township
        cal = calendar_in(s)
        open_days = calendar_days(s, pattern, first, last)
    holidays = {d: n or "节假日" for d, n in cal.holidays.items() if first <= d <= last}
    holidays.update((d, "节假日") for d in pattern.holidays if first <= d <= last and d not in holidays)
    reception = frozenset(open_days.pattern.reception_days(first, last))
    for d in reception:
        holidays.pop(d, None)  # the station chose to receive that day
    days: dict[dt.date, list[PlanVsActual]] = {first + dt.timedelta(days=i): [] for i in range(last.day)}
    for e in entries:
        days[e.date].append(e)
    return RosterMonth(year, month, name, township, pattern, {d: tuple(v) for d, v in days.items()}, fixed,
                       tuple(roster_changes(db, first, last)), reception, holidays, dict(open_days.makeup))
