"""Registering visits and cases, and moving a case through its workflow, one transaction per action."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...db.changes import to_jsonable
from ...db.database import Database, get_row
from ...db.models import (
    Case,
    CaseEvent,
    Category,
    Constituent,
    Department,
    Deputy,
    DutyShift,
    Station,
    Village,
    Visit,
)
from ...domain.case_number import format_case_number, parse_case_number
from ...domain.errors import DomainError, PermissionDenied, ValidationError
from ...domain.ids import new_id
from ...domain.masking import mask_text
from ...domain.timeutil import to_local
from ...domain.validation import (
    mask_phone,
    validate_id_number,
    validate_person_name,
    validate_phone,
    validate_text,
)
from ...domain.vocab import TRIAGE_COLOURS, URGENCY, VISIT_CHANNELS, check_choice
from ...domain.workflow import (
    CallOutcome,
    CaseState,
    Event,
    EventKind,
    Role,
    allowed_actions,
    check_action,
    derived_columns,
    fold,
)
from ..admin import audit
from ..changes import COUNTERS, EMPTY, HANDOVER, Changes, case_changed, lists
from ..context import Actor
from ..desk import clock as desk_clock

MAX_SEQ_PER_DAY = 9999
CALLERS = frozenset({Role.DUTY_DEPUTY, Role.STAFF, Role.ADMIN})  # who sees a visitor's full number, to call back
SUMMARY_LEN = 30


@dataclass
class VisitInput:
    """来访登记 as typed at the desk."""

    visitor_names: str
    channel: str = "walk_in"
    visitor_phone: str | None = None
    village: str | None = None  # a village name from the station's list (new names are added)
    headcount: int = 1
    received_by_id: uuid.UUID | None = None
    id_number: str | None = None
    occurred_at: dt.datetime | None = None  # naive UTC; now when omitted
    note: str = ""
    shift_id: uuid.UUID | None = None  # the duty shift it was registered in (from shifts.sign_in)


@dataclass
class CaseInput:
    """The matter raised (社情民意)."""

    content: str
    category_id: uuid.UUID | None = None
    urgency: str = "normal"
    triage: str = "green"
    summary: str | None = None


@dataclass(frozen=True)
class Registered:
    visit_id: uuid.UUID
    case_id: uuid.UUID | None
    case_number: str | None
    changes: Changes = EMPTY  # what the registration changed, for the desk's open screens


@dataclass(frozen=True)
class CaseActed:
    """An action recorded: the case's state after it, and what it changed."""

    state: CaseState
    changes: Changes


@dataclass(frozen=True)
class CaseView:
    """A case as screens and printouts see it (no ORM object leaves the service)."""

    id: uuid.UUID
    number: str
    summary: str
    content: str
    status: str
    triage: str
    urgency: str
    category: str | None
    village: str | None
    department: str | None
    deadline: dt.date | None
    registered_at: dt.datetime  # station-local
    resolution: str | None
    satisfaction: str | None
    escalation_level: int
    allowed: tuple[str, ...] = field(default=())
    public_summary: str | None = None  # 公示摘要 staff approved for the wall notice
    # who came, so the desk can call them back: the full number only for a desk role (never printed from here)
    visitor_names: str | None = None
    visitor_phone: str | None = None
    received_by: str | None = None  # the receiving deputy's name
    callback_due: dt.date | None = None


def _first_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= SUMMARY_LEN else line[: SUMMARY_LEN - 1] + "…"


def validate_visit(v: VisitInput) -> VisitInput:
    names = [validate_person_name(n, field="visitor_names")
             for n in v.visitor_names.replace("，", ",").replace("、", ",").split(",") if n.strip()]
    if not names:
        raise ValidationError("missing_field", "请填写来访人姓名。", field="visitor_names")
    if not 1 <= int(v.headcount) <= 999:
        raise ValidationError("bad_headcount", "来访人数应在 1 到 999 之间。", field="headcount")
    return VisitInput(
        visitor_names="、".join(names),
        channel=check_choice(v.channel, VISIT_CHANNELS, field="channel", what="来访方式"),
        visitor_phone=validate_phone(v.visitor_phone),
        village=validate_text(v.village, field="village", max_len=60) if v.village else None,
        headcount=max(int(v.headcount), len(names)),
        received_by_id=v.received_by_id,
        id_number=validate_id_number(v.id_number),
        occurred_at=v.occurred_at,
        note=validate_text(v.note, field="note", min_len=0, max_len=2000) if v.note else "",
        shift_id=v.shift_id,
    )


def validate_case(c: CaseInput) -> CaseInput:
    content = validate_text(c.content, field="content", max_len=5000)
    summary = validate_text(c.summary, field="summary", max_len=100) if c.summary else _first_line(content)
    return CaseInput(content=content, category_id=c.category_id, summary=summary,
                     urgency=check_choice(c.urgency, URGENCY, field="urgency", what="紧急程度"),
                     triage=check_choice(c.triage, TRIAGE_COLOURS, field="triage", what="分办颜色"))


def next_case_number(session: Session, station_code: str, day: dt.date) -> str:
    """The next number of the day. Runs inside the write transaction (BEGIN IMMEDIATE), so it cannot race."""
    prefix = format_case_number(station_code, day, 1).rsplit("-", 2)[0] + "-"
    last = session.scalar(select(func.max(Case.number)).where(Case.number.like(prefix + "%")))
    seq = parse_case_number(last).seq + 1 if last else 1
    if seq > MAX_SEQ_PER_DAY:
        raise DomainError("too_many_cases", "今天的编号已经用完（每天最多 9999 件）。")
    return format_case_number(station_code, day, seq)


def _village_id(session: Session, station_id: uuid.UUID, name: str | None) -> uuid.UUID | None:
    if not name:
        return None
    found = session.scalar(select(Village.id).where(Village.station_id == station_id, Village.name == name))
    if found:
        return found
    village = Village(id=new_id(), station_id=station_id, name=name)
    session.add(village)
    return village.id


def _constituent_id(session: Session, v: VisitInput, village_id: uuid.UUID | None) -> uuid.UUID | None:
    """A returning visitor is recognised by phone number (and name) so their history stays together."""
    first_name = v.visitor_names.split("、")[0]
    if v.visitor_phone:
        found = session.scalar(select(Constituent.id).where(Constituent.phone == v.visitor_phone,
                                                            Constituent.name == first_name))
        if found:
            return found
    person = Constituent(id=new_id(), name=first_name, phone=v.visitor_phone, village_id=village_id,
                         id_number=v.id_number)
    session.add(person)
    return person.id


def _require_station(db: Database, session: Session) -> Station:
    sid = db.station_id()
    if sid is None:
        raise DomainError("no_station", "本机还没有设置联络站，请先完成初始化。",
                          message_en="This installation has no station yet: run init first.")
    return get_row(session, Station, sid)


def _as_uuid(value: Any, what: str, field: str) -> uuid.UUID:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError:
        raise ValidationError("unknown_reference", f"找不到所选的{what}。", field=field) from None


def _check_exists(session: Session, model, ident: uuid.UUID | None, what: str, field: str) -> None:
    row = session.get(model, ident) if ident is not None else None
    if ident is not None and (row is None or row.deleted_hlc is not None):
        raise ValidationError("unknown_reference", f"找不到所选的{what}。", field=field,
                              message_en=f"The selected {field} does not exist.")


def _signed_in_shift(session: Session, actor: Actor, station_id: uuid.UUID, occurred: dt.datetime,
                     now: dt.datetime) -> uuid.UUID | None:
    """The shift to record on a visit the caller gave none: the one the actor signed in to, while it lasts.

    Recorded when the shift is this deputy's, at this station, signed in no later than the visit and not
    signed out (nor deleted). A shift that has ended meanwhile (signed out at another screen, the visit
    typed in afterwards, or backdated before the sign-in) records no shift: the visit is not part of it, and
    refusing the registration would lose what the visitor said. An actor whose shift belongs to another
    deputy was not made by a sign-in: that is refused."""
    if actor.shift_id is None:
        return None
    shift = session.get(DutyShift, actor.shift_id)
    if shift is not None and (shift.deputy_id != actor.deputy_id or shift.station_id != station_id):
        raise PermissionDenied("not_your_shift", "这个值班班次不属于当前签到的代表，请重新签到。",
                               message_en="This duty shift is not the signed-in deputy's; please sign in again.")
    if (shift is None or shift.deleted_hlc is not None or shift.signed_in_at is None
            or shift.signed_out_at is not None or not shift.signed_in_at <= occurred <= now):
        return None
    return shift.id


def register_visit(db: Database, actor: Actor, visit: VisitInput, case: CaseInput | None = None) -> Registered:
    """Register a visit and, when a matter was raised, its case with a fresh number — all or nothing.

    The visit is recorded in ``visit.shift_id`` when given (as is, for a past shift), else in the shift the
    actor signed in to while it is open (``_signed_in_shift``)."""
    actor.require(Role.DUTY_DEPUTY, Role.STAFF, Role.ADMIN, what="登记来访")
    visit = validate_visit(visit)
    case = validate_case(case) if case is not None else None
    now = desk_clock.now(db)  # the PC's date, checked by the desk before anything dated is written
    occurred = visit.occurred_at or now
    with db.session() as s, s.no_autoflush:  # explicit flushes only: fewer statements per registration
        station = _require_station(db, s)
        _check_exists(s, Deputy, visit.received_by_id, "接待代表", "received_by_id")
        _check_exists(s, DutyShift, visit.shift_id, "值班班次", "shift_id")
        shift_id = visit.shift_id or _signed_in_shift(s, actor, station.id, occurred, now)
        if case is not None:
            _check_exists(s, Category, case.category_id, "类别", "category_id")
        village_id = _village_id(s, station.id, visit.village)
        person_id = _constituent_id(s, visit, village_id)
        v = Visit(id=new_id(), station_id=station.id, occurred_at=occurred, channel=visit.channel,
                  constituent_id=person_id, visitor_names=visit.visitor_names, visitor_phone=visit.visitor_phone,
                  village_id=village_id, headcount=visit.headcount, received_by_id=visit.received_by_id,
                  recorded_by_id=actor.operator_id, note=visit.note, shift_id=shift_id)
        s.add(v)
        if case is None:
            s.flush()
            return Registered(v.id, None, None, lists(HANDOVER, COUNTERS))
        number = next_case_number(s, station.code, to_local(occurred).date())
        c = Case(id=new_id(), number=number, station_id=station.id, visit_id=v.id, constituent_id=person_id,
                 village_id=village_id, category_id=case.category_id,
                 registered_by_id=visit.received_by_id or actor.deputy_id, registered_at=occurred,
                 summary=case.summary, content=case.content, urgency=case.urgency, triage=case.triage)
        s.add(c)
        _append(s, c, [], EventKind.REGISTER, actor, {}, now)
        return Registered(v.id, c.id, c.number, case_changed(c.id))


def _to_event(e: CaseEvent) -> Event:
    return Event(id=str(e.id), kind=EventKind(e.kind), hlc=e.hlc, actor_role=Role(e.actor_role),
                 occurred_at=e.occurred_at, data=e.data or {},
                 follows=str(e.follows_id) if e.follows_id is not None else None)


def apply_state(case: Case, state: CaseState) -> None:
    """Copy the fold's result onto the case row's cache columns (``domain.workflow.derived_columns``)."""
    for name, value in derived_columns(state).items():
        setattr(case, name, uuid.UUID(value) if name.endswith("_id") and value else value)


def case_events(session: Session, case_id: uuid.UUID) -> list[CaseEvent]:
    return list(session.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id)
                                .order_by(CaseEvent.hlc, CaseEvent.id)))


def _append(session: Session, case: Case, events: list[CaseEvent], kind: EventKind, actor: Actor,
            data: Mapping[str, Any], now: dt.datetime) -> CaseState:
    # after the last event of the case as this replica folds it, whatever the stamps say (causal order)
    last = fold(_to_event(e) for e in events).last_id if events else None
    ev = CaseEvent(case_id=case.id, kind=kind.value, occurred_at=now, actor_role=actor.role.value,
                   actor_id=actor.operator_id, actor_name=actor.name, data=to_jsonable(dict(data)),
                   follows_id=uuid.UUID(last) if last else None)
    session.add(ev)
    session.flush()  # stamps the event's HLC
    state = fold(_to_event(e) for e in [*events, ev])
    apply_state(case, state)
    return state


def act_on_case(db: Database, actor: Actor, case_id: uuid.UUID, kind: EventKind,
                data: Mapping[str, Any] | None = None) -> CaseActed:
    """Record one workflow action; refused (with the reason, in Chinese) when the workflow does not allow it."""
    data = {k: v for k, v in (data or {}).items() if v not in (None, "")}
    if kind is EventKind.REGISTER:
        raise DomainError("bad_action", "案件登记请使用来访登记。")
    if "text" in data:
        data["text"] = validate_text(str(data["text"]), field="text", max_len=5000)
    now = desk_clock.now(db)  # the event's time, a deadline's start and a closing date: the checked date
    with db.session() as s:
        case = s.get(Case, case_id)
        if case is None or case.deleted_hlc is not None:
            raise DomainError("case_not_found", "找不到这个案件。", message_en="No such case.")
        if kind is EventKind.ASSIGN and "working_days" in data and "deadline" not in data:
            data["deadline"] = _working_day_deadline(s, data["working_days"], to_local(now).date())
        if (kind is EventKind.CALL_ATTEMPT and "callback_due" not in data
                and data.get("outcome") not in (None, CallOutcome.REACHED.value)):
            data["callback_due"] = _next_working_day(s, to_local(now).date())  # 没联系上: try the next working day
        events = case_events(s, case.id)
        state = fold(_to_event(e) for e in events)
        check_action(state, kind, actor.role, data)
        if kind is EventKind.ASSIGN:
            _check_exists(s, Department, _as_uuid(data["department_id"], "承办单位", "department_id"), "承办单位",
                          "department_id")
        if kind is EventKind.LINK_DUPLICATE:
            other = s.get(Case, _as_uuid(data["duplicate_of"], "重复件", "duplicate_of"))
            if other is None or other.id == case.id:
                raise ValidationError("bad_duplicate", "请选择另一个已存在的案件作为重复件。", field="duplicate_of")
        return CaseActed(_append(s, case, events, kind, actor, data, now), case_changed(case.id))


PUBLIC_SUMMARY_MAX = 60


def set_public_summary(db: Database, actor: Actor, case_id: uuid.UUID, text: str) -> Changes:
    """公示摘要: the wording the wall notice prints for this case, approved by staff; empty text clears it (the
    notice then prints the default: village, category, result). Refused when it holds a personal number or a
    visitor's name — the notice is posted in public."""
    actor.require(Role.STAFF, Role.ADMIN, what="审定公示摘要")
    text = " ".join((text or "").split())
    if len(text) > PUBLIC_SUMMARY_MAX:
        raise ValidationError("too_long", f"公示摘要不能超过 {PUBLIC_SUMMARY_MAX} 个字。", field="public_summary",
                              message_en=f"The public summary may not exceed {PUBLIC_SUMMARY_MAX} characters.")
    if text and mask_text(text) != text:
        raise ValidationError("personal_number", "公示摘要不能含有身份证号、电话或银行卡号等个人号码。",
                              field="public_summary",
                              message_en="The public summary may not contain a personal number.")
    with db.session() as s:
        case = s.get(Case, case_id)
        if case is None or case.deleted_hlc is not None:
            raise DomainError("case_not_found", "找不到这个案件。", message_en="No such case.")
        if text:
            for name in _visitor_names(s, case):
                if name in text:
                    raise ValidationError("visitor_name", "公示摘要不能含有来访人的姓名。", field="public_summary",
                                          message_en="The public summary may not contain the visitor's name.")
        value = text or None
        if case.public_summary == value:
            return EMPTY
        case.public_summary = value
        return case_changed(case.id)


def _visitor_names(session: Session, case: Case) -> set[str]:
    """The names of the people who raised ``case``: its visit's visitors and its constituent."""
    names: set[str] = set()
    visit = session.get(Visit, case.visit_id) if case.visit_id else None
    if visit is not None:
        names.update(n.strip() for n in visit.visitor_names.replace("，", "、").replace(",", "、").split("、"))
        if visit.constituent_id:
            person = session.get(Constituent, visit.constituent_id)
            names.add(person.name.strip() if person else "")
    if case.constituent_id:
        person = session.get(Constituent, case.constituent_id)
        names.add(person.name.strip() if person else "")
    return {n for n in names if n}


def _working_day_deadline(session: Session, working_days: Any, today: dt.date) -> dt.date:
    """限时办结: the deadline ``working_days`` working days from ``today`` (holidays and 调休 counted)."""
    from ..desk.workdays import calendar_in

    try:
        n = int(working_days)
    except (TypeError, ValueError):
        raise ValidationError("bad_working_days", "办理期限应填写工作日天数（整数）。", field="working_days",
                              message_en="The time limit must be a whole number of working days.") from None
    if n < 1:
        raise ValidationError("bad_working_days", "办理期限至少为 1 个工作日。", field="working_days",
                              message_en="The time limit must be at least one working day.")
    return calendar_in(session).add_working_days(today, n)


def _next_working_day(session: Session, today: dt.date) -> dt.date:
    from ..desk.workdays import calendar_in

    return calendar_in(session).next_working_day(today)


def find_case_id(db: Database, number: str) -> uuid.UUID:
    """The case with this number; a mistyped number is rejected by its check character first."""
    normalized = str(parse_case_number(number))
    with db.session(write=False) as s:
        found = s.scalar(select(Case.id).where(Case.number == normalized))
    if found is None:
        raise DomainError("case_not_found", f"没有编号为 {normalized} 的案件。")
    return found


def case_state(db: Database, case_id: uuid.UUID) -> CaseState:
    with db.session(write=False) as s:
        return fold(_to_event(e) for e in case_events(s, case_id))


def fold_rows(events: Iterable[CaseEvent]) -> CaseState:
    return fold(_to_event(e) for e in events)


def get_case(db: Database, case_id: uuid.UUID, role: Role | None = None, *, actor: Actor | None = None) -> CaseView:
    with db.session(write=False) as s:
        c = s.get(Case, case_id)
        if c is None:
            raise DomainError("case_not_found", "找不到这个案件。")
        state = fold(_to_event(e) for e in case_events(s, case_id))
        names = {
            "category": get_row(s, Category, c.category_id).name if c.category_id else None,
            "village": get_row(s, Village, c.village_id).name if c.village_id else None,
            "department": get_row(s, Department, c.department_id).name if c.department_id else None,
        }
        visit = s.get(Visit, c.visit_id) if c.visit_id else None
        receiver = s.get(Deputy, visit.received_by_id) if visit is not None and visit.received_by_id else None
        phone = visit.visitor_phone if visit is not None else None
        if phone and role not in CALLERS:
            phone = mask_phone(phone)
        view = CaseView(c.id, c.number, c.summary, c.content, c.status, c.triage, c.urgency, **names,
                        deadline=c.deadline, registered_at=to_local(c.registered_at), resolution=c.resolution,
                        satisfaction=c.satisfaction, escalation_level=c.escalation_level,
                        allowed=tuple(k.value for k in allowed_actions(state, role)) if role else (),
                        public_summary=c.public_summary,
                        visitor_names=visit.visitor_names if visit is not None else None, visitor_phone=phone,
                        received_by=receiver.name if receiver is not None else None, callback_due=c.callback_due)
    audit.record(db, actor, "view_case", view.number, "完整电话" if phone and role in CALLERS else "")  # issue 17
    return view
