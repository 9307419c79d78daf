"""交接班 — what the desk shows when a shift starts, and the summary a shift leaves for the next one.

The shape of ``HandoverSummary`` is a contract: the desk shows it and the printing engineer prints it as the
handover sheet. Add fields at the end with defaults; never rename or remove one.

All date-times in it are **station-local** (naive, UTC+8); dates are station-local dates.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from ...db.database import Database
from ...db.models import Case, CaseEvent, Deputy, DutyShift, Station, Village, Visit
from ...db.models_duty import RosterSlot
from ...domain.timeutil import to_local, to_utc, utcnow
from ...domain.workflow import EVENT_LABELS, EventKind
from ..cases.listing import CaseBrief, brief_query, is_open, read_briefs
from .workdays import calendar_in

DEFAULT_LIMIT = 100
_ROSTER_LOOKAHEAD_DAYS = 14
STALE_AFTER = dt.timedelta(hours=16)  # longer than any duty shift


@dataclass(frozen=True)
class ShiftInfo:
    """值班班次 — one deputy's shift as the handover names it."""

    id: uuid.UUID
    date: dt.date
    slot: str  # am | pm | full
    deputy_id: uuid.UUID
    deputy_name: str
    signed_in_at: dt.datetime | None  # local
    signed_out_at: dt.datetime | None  # local
    handover_note: str


@dataclass(frozen=True)
class VisitBrief:
    id: uuid.UUID
    occurred_at: dt.datetime  # local
    visitor_names: str
    village: str | None
    channel: str
    headcount: int
    case_number: str | None
    case_summary: str | None


@dataclass(frozen=True)
class ActionBrief:
    """One workflow action taken on a case (registration itself is listed under visits)."""

    case_id: uuid.UUID
    case_number: str
    kind: str
    label_zh: str
    label_en: str
    actor_name: str
    occurred_at: dt.datetime  # local


@dataclass(frozen=True)
class HandoverSummary:
    """Everything the handover screen and the printed handover sheet show.

    - ``window_start``/``window_end``: the shift the visits and actions lists cover (the current shift, the
      given one, or today so far when nobody has signed in);
    - ``previous_shift`` and ``left_open``: open cases that shift registered or acted on;
    - ``overdue`` (deadline before today), ``due_soon`` (deadline from today to the next duty day),
      ``callbacks`` (call-back promised on or before the next duty day);
    - ``due_before_next_duty``: the end-of-shift list: every open case with a deadline or a promised
      call-back on or before ``next_duty_day``;
    - ``*_total``: the full counts (lists are capped at ``limit``, most urgent first).
    """

    generated_at: dt.datetime
    station_name: str
    today: dt.date
    next_duty_day: dt.date
    window_start: dt.datetime
    window_end: dt.datetime
    shift: ShiftInfo | None
    previous_shift: ShiftInfo | None
    left_open: tuple[CaseBrief, ...]
    overdue: tuple[CaseBrief, ...]
    due_soon: tuple[CaseBrief, ...]
    callbacks: tuple[CaseBrief, ...]
    new_visits: tuple[VisitBrief, ...]
    actions: tuple[ActionBrief, ...]
    due_before_next_duty: tuple[CaseBrief, ...]
    left_open_total: int = 0
    overdue_total: int = 0
    due_soon_total: int = 0
    callbacks_total: int = 0
    new_visits_total: int = 0
    actions_total: int = 0
    new_cases_total: int = 0


def _shift_info(s: Session, row: DutyShift | None) -> ShiftInfo | None:
    if row is None:
        return None
    name = s.scalar(select(Deputy.name).where(Deputy.id == row.deputy_id)) or ""
    return ShiftInfo(row.id, row.date, row.slot, row.deputy_id, name,
                     to_local(row.signed_in_at) if row.signed_in_at else None,
                     to_local(row.signed_out_at) if row.signed_out_at else None, row.handover_note or "")


def _current_shift(s: Session, at: dt.datetime) -> DutyShift | None:
    """The shift signed in at ``at`` (UTC), not signed out by then, and begun less than ``STALE_AFTER``
    before: a shift left open from an earlier day (the deputy forgot to sign out, the PC lost power) is not
    current, it is the previous one."""
    return s.scalar(select(DutyShift).where(
        DutyShift.deleted_hlc.is_(None), DutyShift.signed_in_at <= at, DutyShift.signed_in_at > at - STALE_AFTER,
        or_(DutyShift.signed_out_at.is_(None), DutyShift.signed_out_at > at))
        .order_by(DutyShift.signed_in_at.desc()).limit(1))


def _previous_shift(s: Session, before: dt.datetime, exclude: uuid.UUID | None) -> DutyShift | None:
    q = select(DutyShift).where(DutyShift.deleted_hlc.is_(None), DutyShift.signed_in_at < before)
    if exclude is not None:
        q = q.where(DutyShift.id != exclude)
    return s.scalar(q.order_by(DutyShift.signed_in_at.desc()).limit(1))


def _count(s: Session, where) -> int:
    return s.scalar(select(func.count()).select_from(Case)
                    .where(Case.deleted_hlc.is_(None), is_open(), *where)) or 0


def _next_duty_day(s: Session, today: dt.date, station_id: uuid.UUID | None) -> dt.date:
    """The next rostered shift's date when one is planned soon, else the next working day."""
    rostered = s.scalar(select(func.min(DutyShift.date)).where(
        DutyShift.deleted_hlc.is_(None), DutyShift.date > today,
        DutyShift.date <= today + dt.timedelta(days=_ROSTER_LOOKAHEAD_DAYS),
        *([DutyShift.station_id == station_id] if station_id else [])))
    planned = s.scalar(select(func.min(RosterSlot.date)).where(  # the plan (值班表) that roster generate saves
        RosterSlot.deleted_hlc.is_(None), RosterSlot.date > today,
        RosterSlot.date <= today + dt.timedelta(days=_ROSTER_LOOKAHEAD_DAYS),
        *([RosterSlot.station_id == station_id] if station_id else [])))
    found = [d for d in (rostered, planned) if d is not None]
    return min(found) if found else calendar_in(s).next_working_day(today)


def _window_cases(start: dt.datetime, end: dt.datetime):
    """Open cases registered or acted on between ``start`` and ``end`` (UTC)."""
    acted = select(CaseEvent.case_id).where(CaseEvent.occurred_at >= start, CaseEvent.occurred_at < end)
    return or_(and_(Case.registered_at >= start, Case.registered_at < end), Case.id.in_(acted))


def handover_summary(db: Database, *, at: dt.datetime | None = None, shift_id: uuid.UUID | None = None,
                     limit: int = DEFAULT_LIMIT) -> HandoverSummary:
    """The handover at ``at`` (naive UTC, now by default) for the current shift, or for ``shift_id``.

    Used at sign-in (what the previous shift left, what is due) and at sign-out (what this shift did and
    what is due before the next duty day): it is the same summary, read at a different moment.
    """
    at = at or utcnow()
    with db.session(write=False) as s:
        station = s.get(Station, db.station_id()) if db.station_id() else None
        shift = s.get(DutyShift, shift_id) if shift_id else _current_shift(s, at)
        if shift is not None and shift.signed_in_at is not None:
            start = shift.signed_in_at
            end = shift.signed_out_at if shift_id and shift.signed_out_at else at
        else:
            start = to_utc(dt.datetime.combine(to_local(at).date(), dt.time()))
            end = at
        today = to_local(at).date()
        # the shift before the current one; with nobody signed in, the last shift that began before ``at``
        previous = _previous_shift(s, start if shift is not None else end, shift.id if shift else None)
        next_duty = _next_duty_day(s, today, db.station_id())

        urgent_first = (Case.deadline.is_(None), Case.deadline, Case.registered_at)
        left_open_where = []
        if previous is not None and previous.signed_in_at is not None:
            # never signed out: its window ends with its day (or when the next shift began, if sooner)
            p_end = previous.signed_out_at or min(start, previous.signed_in_at + STALE_AFTER)
            left_open_where = [_window_cases(previous.signed_in_at, p_end)]
        overdue_where = [Case.deadline < today]
        due_soon_where = [Case.deadline >= today, Case.deadline <= next_duty]
        callback_where = [Case.callback_due <= next_duty]
        due_next_where = [or_(Case.deadline <= next_duty, Case.callback_due <= next_duty)]

        q = brief_query()
        left_open = read_briefs(s, q.where(*left_open_where).order_by(*urgent_first), today, limit) \
            if left_open_where else ()
        overdue = read_briefs(s, q.where(*overdue_where).order_by(Case.deadline, Case.registered_at), today, limit)
        due_soon = read_briefs(s, q.where(*due_soon_where).order_by(Case.deadline, Case.registered_at), today, limit)
        callbacks = read_briefs(s, q.where(*callback_where).order_by(Case.callback_due, Case.registered_at),
                            today, limit)
        due_next = read_briefs(s, q.where(*due_next_where).order_by(
            func.min(func.coalesce(Case.deadline, Case.callback_due), func.coalesce(Case.callback_due,
                                                                                   Case.deadline)),
            Case.registered_at), today, limit)

        visits, visits_total, new_cases = _visits(s, start, end, limit)
        actions, actions_total = _actions(s, start, end, limit)
        return HandoverSummary(
            generated_at=to_local(at), station_name=station.name if station else "", today=today,
            next_duty_day=next_duty, window_start=to_local(start), window_end=to_local(end),
            shift=_shift_info(s, shift), previous_shift=_shift_info(s, previous), left_open=left_open,
            overdue=overdue, due_soon=due_soon, callbacks=callbacks, new_visits=visits, actions=actions,
            due_before_next_duty=due_next,
            left_open_total=_count(s, left_open_where) if left_open_where else 0,
            overdue_total=_count(s, overdue_where), due_soon_total=_count(s, due_soon_where),
            callbacks_total=_count(s, callback_where), new_visits_total=visits_total,
            actions_total=actions_total, new_cases_total=new_cases,
        )


def shift_end_summary(db: Database, shift_id: uuid.UUID | None = None, *, at: dt.datetime | None = None,
                      limit: int = DEFAULT_LIMIT) -> HandoverSummary:
    """The end-of-shift summary (new visits, actions taken, what is due before the next duty day): the
    handover of the given shift (or the current one), read at ``at``."""
    return handover_summary(db, at=at, shift_id=shift_id, limit=limit)


def _visits(s: Session, start: dt.datetime, end: dt.datetime, limit: int):
    vil = aliased(Village)
    window = (Visit.occurred_at >= start, Visit.occurred_at < end, Visit.deleted_hlc.is_(None))
    q = (select(Visit.id, Visit.occurred_at, Visit.visitor_names, vil.name, Visit.channel, Visit.headcount,
                Case.number, Case.summary)
         .outerjoin(vil, vil.id == Visit.village_id)
         .outerjoin(Case, Case.visit_id == Visit.id)
         .where(*window).order_by(Visit.occurred_at).limit(limit))
    rows = tuple(VisitBrief(r[0], to_local(r[1]), r[2], r[3], r[4], r[5], r[6], r[7]) for r in s.execute(q))
    total = s.scalar(select(func.count()).select_from(Visit).where(*window)) or 0
    new_cases = s.scalar(select(func.count()).select_from(Case).where(
        Case.registered_at >= start, Case.registered_at < end, Case.deleted_hlc.is_(None))) or 0
    return rows, total, new_cases


def _actions(s: Session, start: dt.datetime, end: dt.datetime, limit: int):
    window = (CaseEvent.occurred_at >= start, CaseEvent.occurred_at < end,
              CaseEvent.kind != EventKind.REGISTER.value)
    q = (select(CaseEvent.case_id, Case.number, CaseEvent.kind, CaseEvent.actor_name, CaseEvent.occurred_at)
         .join(Case, Case.id == CaseEvent.case_id).where(*window)
         .order_by(CaseEvent.occurred_at, CaseEvent.hlc).limit(limit))
    rows = []
    for case_id, number, kind, actor, when in s.execute(q):
        zh, en = EVENT_LABELS.get(EventKind(kind), (kind, kind))
        rows.append(ActionBrief(case_id, number, kind, zh, en, actor or "", to_local(when)))
    total = s.scalar(select(func.count()).select_from(CaseEvent).where(*window)) or 0
    return tuple(rows), total
