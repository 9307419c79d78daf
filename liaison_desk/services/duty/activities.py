"""Deputy activities (代表活动): themed activities, inspections, surveys, symposiums, trainings, sessions,
household visits (with the number of households), reports to voters, suggestions and their outcome."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from ...db.changes import revive, tombstone
from ...db.database import Database
from ...db.models import Activity, ActivityParticipant, Deputy
from ...domain.errors import DomainError
from ...domain.ids import natural_id, new_id
from ...domain.timeutil import local_today
from ...domain.validation import validate_date, validate_text
from ...domain.vocab import ACTIVITY_KINDS, check_choice, label
from ...domain.workflow import Role
from ..context import Actor
from .record import as_uuid

SUGGESTION_OUTCOMES = {"pending": "办理中", "adopted": "已采纳", "partly_adopted": "部分采纳", "noted": "留作参考"}


@dataclass(frozen=True)
class ActivityInput:
    kind: str
    title: str
    date: dt.date | str
    deputy_ids: tuple[object, ...]
    location: str = ""
    description: str = ""
    households: int | None = None  # household visits only (走访户数)
    outcome: str | None = None  # suggestions only: pending | adopted | partly_adopted | noted


@dataclass(frozen=True)
class ActivityView:
    id: str
    kind: str
    kind_zh: str
    title: str
    date: dt.date
    location: str
    description: str
    households: int | None
    participants: tuple[tuple[str, str], ...]  # (deputy id, name)
    outcome: str | None


def validate_activity(a: ActivityInput) -> ActivityInput:
    if not a.kind:
        raise DomainError("kind_missing", "请选择活动类型。", field="kind", message_en="Choose the kind of activity.")
    kind = check_choice(a.kind, ACTIVITY_KINDS, field="kind", what="活动类型")
    title = validate_text(a.title, field="title", max_len=200)
    day = validate_date(a.date, field="date", not_after=local_today() + dt.timedelta(days=366))
    if not a.deputy_ids:
        raise DomainError("no_participants", "请至少选择一位参加活动的代表。", field="deputy_ids",
                          message_en="Choose at least one participating deputy.")
    households = a.households
    if kind == "household_visits":
        if not isinstance(households, int) or not 1 <= households <= 10_000:
            raise DomainError("bad_households", "走访选民请填写走访户数（1 到 10000 之间的整数）。", field="households",
                              message_en="Household visits need the number of households (1-10000).")
    elif households is not None:
        raise DomainError("households_not_allowed", "只有“走访选民”活动才填写走访户数。", field="households",
                          message_en="Only household visits carry a number of households.")
    outcome = a.outcome
    if kind == "suggestion":
        outcome = outcome or "pending"
        if outcome not in SUGGESTION_OUTCOMES:
            raise DomainError("bad_outcome", "建议办理结果应为：" + "、".join(SUGGESTION_OUTCOMES.values()) + "。",
                              field="outcome", message_en="Unknown suggestion outcome.")
    elif outcome is not None:
        raise DomainError("outcome_not_allowed", "只有“提出建议”才填写办理结果。", field="outcome",
                          message_en="Only suggestions carry an outcome.")
    ids = tuple(dict.fromkeys(as_uuid(d) for d in a.deputy_ids))
    return ActivityInput(kind, title, day, ids, validate_text(a.location, field="location", min_len=0, max_len=200)
                         if a.location else "", a.description or "", households, outcome)


def _note(outcome: str | None) -> str:
    return f"办理结果：{SUGGESTION_OUTCOMES[outcome]}" if outcome else ""


def record_activity(db: Database, actor: Actor, a: ActivityInput) -> ActivityView:
    """Record an activity with its participants (any desk role may record what the deputies did)."""
    actor.require(Role.DUTY_DEPUTY, Role.STAFF, Role.ADMIN, what="登记代表活动")
    a = validate_activity(a)
    with db.session() as s:
        for d in a.deputy_ids:
            if s.get(Deputy, d) is None:
                raise DomainError("no_deputy", f"找不到代表（编号 {d}）。", field="deputy_ids", message_en="No such deputy.")
        act = Activity(id=new_id(), station_id=db.station_id(), kind=a.kind, title=a.title, date=a.date,
                       location=a.location, description=a.description, households=a.households)
        s.add(act)
        for d in a.deputy_ids:
            s.add(ActivityParticipant(id=natural_id("participant", act.id, d), activity_id=act.id, activity=act,
                                      deputy_id=d, role="participant", note=_note(a.outcome)))
        s.flush()
    return get_activity(db, act.id)


def update_activity(db: Database, actor: Actor, activity_id: object, a: ActivityInput) -> ActivityView:
    """Correct a recorded activity (staff and administrators): its fields, and who took part (a deputy taken
    off leaves the counts; one put back is the same participation record, revived)."""
    actor.require(Role.STAFF, Role.ADMIN, what="修改代表活动")
    a = validate_activity(a)
    with db.session() as s:
        act = s.get(Activity, as_uuid(activity_id, "活动", "activity_id"))
        if act is None or act.deleted_hlc is not None:
            raise DomainError("no_activity", "找不到这条活动记录。", message_en="No such activity.")
        for d in a.deputy_ids:
            if s.get(Deputy, d) is None:
                raise DomainError("no_deputy", f"找不到代表（编号 {d}）。", field="deputy_ids", message_en="No such deputy.")
        assert isinstance(a.date, dt.date)  # validate_activity made it one
        act.kind, act.title, act.date, act.location = a.kind, a.title, a.date, a.location
        act.description, act.households = a.description, a.households
        wanted = set(a.deputy_ids)
        for p in s.scalars(select(ActivityParticipant).where(ActivityParticipant.activity_id == act.id)):
            if p.deputy_id in wanted:
                wanted.discard(p.deputy_id)
                revive(p)
                p.note = _note(a.outcome)
            elif p.deleted_hlc is None:
                tombstone(p)
        for d in a.deputy_ids:
            if d in wanted:
                s.add(ActivityParticipant(id=natural_id("participant", act.id, d), activity_id=act.id, activity=act,
                                          deputy_id=d, role="participant", note=_note(a.outcome)))
        s.flush()
    return get_activity(db, act.id)


def set_suggestion_outcome(db: Database, actor: Actor, activity_id: object, outcome: str) -> ActivityView:
    """A suggestion's outcome came back (adopted, partly adopted, noted)."""
    actor.require(Role.STAFF, Role.ADMIN, what="登记建议办理结果")
    if outcome not in SUGGESTION_OUTCOMES:
        raise DomainError("bad_outcome", "建议办理结果应为：" + "、".join(SUGGESTION_OUTCOMES.values()) + "。",
                          field="outcome", message_en="Unknown suggestion outcome.")
    with db.session() as s:
        act = s.get(Activity, as_uuid(activity_id, "活动", "activity_id"))
        if act is None or act.kind != "suggestion":
            raise DomainError("not_suggestion", "这条记录不是“提出建议”。", message_en="Not a suggestion.")
        for p in s.scalars(select(ActivityParticipant).where(ActivityParticipant.activity_id == act.id)):
            p.note = _note(outcome)
    return get_activity(db, act.id)


def cancel_activity(db: Database, actor: Actor, activity_id: object) -> None:
    """Withdraw a wrongly recorded activity (tombstoned: it leaves every count, the record stays)."""
    actor.require(Role.STAFF, Role.ADMIN, what="撤销代表活动")
    with db.session() as s:
        act = s.get(Activity, as_uuid(activity_id, "活动", "activity_id"))
        if act is None or act.deleted_hlc is not None:
            raise DomainError("no_activity", "找不到这条活动记录。", message_en="No such activity.")
        tombstone(act)
        for p in s.scalars(select(ActivityParticipant).where(ActivityParticipant.activity_id == act.id)):
            tombstone(p)


def get_activity(db: Database, activity_id: object) -> ActivityView:
    with db.session(write=False) as s:
        act = s.get(Activity, as_uuid(activity_id, "活动", "activity_id"))
        if act is None:
            raise DomainError("no_activity", "找不到这条活动记录。", message_en="No such activity.")
        return _views(s, [act])[0]


def list_activities(db: Database, date_from: dt.date, date_to: dt.date, *, kind: str | None = None,
                    deputy_id: object = None) -> list[ActivityView]:
    with db.session(write=False) as s:
        q = select(Activity).where(Activity.deleted_hlc.is_(None), Activity.date.between(date_from, date_to))
        if kind:
            q = q.where(Activity.kind == kind)
        if deputy_id is not None:
            q = q.join(ActivityParticipant, ActivityParticipant.activity_id == Activity.id).where(
                ActivityParticipant.deputy_id == as_uuid(deputy_id), ActivityParticipant.deleted_hlc.is_(None))
        return _views(s, list(s.scalars(q.order_by(Activity.date, Activity.id))))


def _views(s, acts: list[Activity]) -> list[ActivityView]:
    ids = [a.id for a in acts]
    parts: dict = {}
    notes: dict = {}
    for aid, did, name, note in s.execute(
            select(ActivityParticipant.activity_id, Deputy.id, Deputy.name, ActivityParticipant.note)
            .join(Deputy, Deputy.id == ActivityParticipant.deputy_id)
            .where(ActivityParticipant.activity_id.in_(ids), ActivityParticipant.deleted_hlc.is_(None))
            .order_by(Deputy.name)):
        parts.setdefault(aid, []).append((str(did), name))
        notes.setdefault(aid, note)
    by_zh = {v: k for k, v in SUGGESTION_OUTCOMES.items()}
    out = []
    for a in acts:
        note = notes.get(a.id, "")
        outcome = by_zh.get(note.removeprefix("办理结果：")) if a.kind == "suggestion" else None
        out.append(ActivityView(str(a.id), a.kind, label(ACTIVITY_KINDS, a.kind), a.title, a.date, a.location,
                                a.description, a.households, tuple(parts.get(a.id, ())), outcome))
    return out
