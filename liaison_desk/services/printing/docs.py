"""Data of the case ledger, the letters to departments, the public notice and the handover sheet, each read
in one session and handed to the printing layer as plain dataclasses (``printing.model_docs``)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from ...db.database import Database, get_row
from ...db.models import Case, CaseEvent, Category, Department, Deputy, Station, Village, Visit
from ...domain.errors import DomainError
from ...domain.timeutil import to_local, to_utc
from ...domain.vocab import SHIFT_SLOTS, TRIAGE_COLOURS, URGENCY, VISIT_CHANNELS, label
from ...domain.workflow import STATUS_LABELS, EventKind, Status, letters_available
from ...printing.model_docs import (
    Copy,
    HandoverAction,
    HandoverCase,
    HandoverData,
    HandoverShift,
    HandoverVisit,
    LedgerData,
    LedgerRow,
    LetterData,
    NoticeData,
    NoticeRow,
)
from ..cases import listing as case_list
from ..cases.actions import find_case_id
from ..cases.listing import CaseFilter
from ..desk.lookups import case_timeline
from ..desk.settings import get_settings
from .receipts import _check_range, _name, _station

TRIAGE_SHORT = {"red": "红", "yellow": "黄", "blue": "蓝", "green": "绿"}
RESOLUTION_ZH = {"solved": "已解决", "partly_solved": "部分解决", "explained": "已解释说明", "unsolved": "未解决"}
SATISFACTION_ZH = {"satisfied": "满意", "basically_satisfied": "基本满意", "unsatisfied": "不满意"}
LETTER_KINDS = {"assignment": "交办函", "supervision": "督办通知"}


def status_zh(status: str | None) -> str:
    if status is None:
        return ""
    try:
        return STATUS_LABELS[Status(status)][0]
    except ValueError:
        return status


@dataclass(frozen=True)
class LedgerFilter:
    """What the ledger covers: the case list's filter, plus registration dates (station-local, inclusive)."""

    cases: CaseFilter = field(default_factory=CaseFilter)
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def describe(self, names: dict[str, str] | None = None) -> str:
        """The filter in words for the ledger's heading; ``names`` gives the category, village and deputy
        chosen by id (the service looks them up)."""
        c, names = self.cases, names or {}
        parts = []
        if c.status:
            parts.append(f"状态：{status_zh(c.status)}")
        if c.open_only:
            parts.append("未办结案件")
        if getattr(c, "overdue", False):
            parts.append("已超期")
        if c.overdue_on:
            parts.append(f"截至 {c.overdue_on:%Y-%m-%d} 已超期")
        if getattr(c, "triage", None):
            parts.append(f"分办：{label(TRIAGE_COLOURS, c.triage)}")
        for key, what in (("category", "类别"), ("village", "村（社区）"), ("deputy", "接待代表")):
            if names.get(key):
                parts.append(f"{what}：{names[key]}")
        if getattr(c, "text", None):
            parts.append(f"检索：{c.text}")
        if self.date_from or self.date_to:
            a = f"{self.date_from:%Y-%m-%d}" if self.date_from else "最早"
            b = f"{self.date_to:%Y-%m-%d}" if self.date_to else "最近"
            parts.append(f"登记日期：{a} 至 {b}")
        return "；".join(parts) or "全部案件"

    def reference(self) -> str:
        """What makes two ledgers the same document (for 补打): every filter field, in order."""
        fields = [getattr(self.cases, f.name) for f in dataclasses.fields(self.cases) if f.name != "sort"]
        return "|".join("" if v is None else str(v) for v in (*fields, self.date_from, self.date_to))[:100]


def _check_filter(f: LedgerFilter) -> None:
    if f.cases.status and f.cases.status not in {s.value for s in Status}:
        allowed = "、".join(f"{s.value}（{zh}）" for s, (zh, _) in STATUS_LABELS.items())
        raise DomainError("bad_status", f"案件状态“{f.cases.status}”无效，应为：{allowed}。", field="status",
                          message_en=f"Unknown case status {f.cases.status!r}.")
    if f.date_from and f.date_to:
        _check_range(f.date_from, f.date_to)


def ledger_data(db: Database, f: LedgerFilter | None = None, copy: Copy | None = None) -> LedgerData:
    """The ledger's cases, filtered as the case list filters them, oldest first (the order of a book)."""
    f = f or LedgerFilter()
    _check_filter(f)
    cat, vil, dep, vis = aliased(Category), aliased(Village), aliased(Department), aliased(Visit)
    q = (select(Case.number, Case.registered_at, vis.visitor_names, vil.name, cat.name, Case.summary, Case.triage,
                dep.short_name, dep.name, Case.deadline, Case.status, Case.resolution, Case.satisfaction)
         .outerjoin(cat, cat.id == Case.category_id).outerjoin(vil, vil.id == Case.village_id)
         .outerjoin(dep, dep.id == Case.department_id).outerjoin(vis, vis.id == Case.visit_id))
    q = case_list._where(q, f.cases)  # the case list's own filter: the ledger prints what the list shows
    if f.date_from:
        q = q.where(Case.registered_at >= to_utc(dt.datetime.combine(f.date_from, dt.time.min)))
    if f.date_to:
        q = q.where(Case.registered_at < to_utc(dt.datetime.combine(f.date_to + dt.timedelta(days=1), dt.time.min)))
    with db.session(write=False) as s:
        station = _station(db, s)
        names = {key: name for key, name in (("category", _name(s, Category, f.cases.category_id)),
                                             ("village", _name(s, Village, f.cases.village_id)),
                                             ("deputy", _name(s, Deputy, f.cases.deputy_id))) if name}
        rows = [LedgerRow(number=r[0], registered_at=to_local(r[1]), visitor_names=r[2], village=r[3], category=r[4],
                          summary=r[5], triage=TRIAGE_SHORT.get(r[6], r[6]), department=r[7] or r[8],
                          deadline=r[9], status=status_zh(r[10]), resolution=RESOLUTION_ZH.get(r[11] or ""),
                          satisfaction=SATISFACTION_ZH.get(r[12] or ""))
                for r in s.execute(q.order_by(Case.registered_at, Case.number))]
        return LedgerData(station.name, f.describe(names), rows, township=station.township, copy=copy or Copy())


def letter_reference(db: Database, case_number: str, kind: str) -> str:
    """What makes two letters the same document: the case, the kind, and the assignment (or supervision
    round) it belongs to — a new assignment or a further supervision is a new letter, not a 补打."""
    d = letter_data(db, case_number, kind)
    if kind == "assignment":
        return f"交办:{d.case_number}:{d.assigned_at:%Y%m%d%H%M}"
    return f"督办:{d.case_number}:{d.assigned_at:%Y%m%d%H%M}:{len(d.supervisions)}"


def office_short_name(station: Station, configured: str = "") -> str:
    """The 机关代字 of the station's letters: the configured one, else the township's first two characters +
    人联 (河口镇 → 河口人联), else the station code + 人联."""
    if configured.strip():
        return configured.strip()
    township = (station.township or "").strip()
    return (township[:2] if township else station.code) + "人联"


def letter_number(s: Session, station: Station, short_name: str, kind: EventKind, issued_at: dt.datetime) -> str:
    """发文字号 as GB/T 9704 writes it — 河口人联交〔2026〕12号: the office's short name, 交 or 督, the year in
    六角括号 and the letter's number in that year without padding or 第. The number counts this station's
    ASSIGN (or SUPERVISE) events of the year up to this one: events never change, so a reprint keeps its number
    and a re-assignment gets the next one."""
    local = to_local(issued_at)
    start = to_utc(dt.datetime(local.year, 1, 1))
    n = s.scalar(select(func.count()).select_from(CaseEvent).join(Case, Case.id == CaseEvent.case_id).where(
        Case.station_id == station.id, CaseEvent.kind == kind.value, CaseEvent.occurred_at >= start,
        CaseEvent.occurred_at <= issued_at)) or 1
    word = "交" if kind == EventKind.ASSIGN else "督"
    return f"{office_short_name(station, short_name)}{word}〔{local.year}〕{n}号"


def letter_data(db: Database, case_number: str, kind: str = "assignment", copy: Copy | None = None,
                issued_on: dt.date | None = None) -> LetterData:
    """The assignment letter or supervision notice of a case; refused when the case was never assigned."""
    if kind not in LETTER_KINDS:
        raise DomainError("bad_letter_kind", f"文书类型“{kind}”无效，应为 assignment（交办函）或 supervision（督办通知）。",
                          field="kind", message_en=f"Letter kind {kind!r} is not assignment or supervision.")
    case_id = find_case_id(db, case_number)
    kinds = [e.kind for e in case_timeline(db, case_id)]  # the timeline the case page decides from
    with db.session(write=False) as s:
        c = get_row(s, Case, case_id)
        station = _station(db, s)
        dept = s.get(Department, c.department_id) if c.department_id else None
        letters = letters_available(c.status, has_department=dept is not None, event_kinds=kinds)
        if not letters.assignment or dept is None or c.assigned_at is None:
            raise DomainError("not_assigned", f"案件 {c.number} 还没有交办给承办单位，不能打印{LETTER_KINDS[kind]}。",
                              message_en=f"Case {c.number} has not been assigned to a department yet.")
        if kind == "supervision" and c.status in (Status.CLOSED.value, Status.WITHDRAWN.value):
            raise DomainError("not_open", f"案件 {c.number} 已{status_zh(c.status)}，不需要督办。",
                              message_en=f"Case {c.number} is {c.status}: there is nothing to supervise.")
        if kind == "supervision" and not letters.supervision:
            raise DomainError("not_supervised", f"案件 {c.number} 交办后还没有督办，不能打印督办通知。",
                              message_en=f"Case {c.number} has not been supervised since it was assigned.")
        visit = s.get(Visit, c.visit_id) if c.visit_id else None
        supervisions = [(to_local(when), (data or {}).get("text", "")) for when, data in s.execute(
            select(CaseEvent.occurred_at, CaseEvent.data).where(
                CaseEvent.case_id == c.id, CaseEvent.kind == EventKind.SUPERVISE.value,
                CaseEvent.occurred_at >= c.assigned_at).order_by(CaseEvent.hlc, CaseEvent.id))]
        stamp = to_local(c.assigned_at)
        event_kind = EventKind.ASSIGN if kind == "assignment" else EventKind.SUPERVISE
        issued_at = c.assigned_at if kind == "assignment" else max(
            [w for w, _ in s.execute(select(CaseEvent.occurred_at, CaseEvent.id).where(
                CaseEvent.case_id == c.id, CaseEvent.kind == EventKind.SUPERVISE.value))], default=c.assigned_at)
        settings = get_settings(db)
        return LetterData(
            kind=kind, station_name=station.name, station_phone=station.phone,
            letter_no=letter_number(s, station, settings.office_short_name, event_kind, issued_at),
            department=dept.name,
            case_number=c.number, registered_at=to_local(c.registered_at),
            visitor_names=visit.visitor_names if visit else None, visitor_phone=visit.visitor_phone if visit else None,
            village=_name(s, Village, c.village_id), category=_name(s, Category, c.category_id),
            triage=label(TRIAGE_COLOURS, c.triage), urgency=label(URGENCY, c.urgency), content=c.content,
            deadline=c.deadline, assigned_at=stamp, escalation_level=c.escalation_level,
            supervisions=supervisions, status=status_zh(c.status),
            issued_on=issued_on or (copy.printed_at.date() if copy and copy.printed_at else None), copy=copy or Copy(),
            copy_to=settings.letter_copy_to or (f"{station.township}人大主席团" if station.township else ""))


def notice_data(db: Database, date_from: dt.date, date_to: dt.date, copy: Copy | None = None) -> NoticeData:
    """The period's cases (registered from ``date_from`` to ``date_to``), withdrawn ones left out of the
    list but counted as the closure rate counts them."""
    _check_range(date_from, date_to)
    start = to_utc(dt.datetime.combine(date_from, dt.time.min))
    end = to_utc(dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time.min))
    cat, vil, dep = aliased(Category), aliased(Village), aliased(Department)
    q = (select(Case.registered_at, vil.name, cat.name, Case.summary, dep.short_name, dep.name, Case.status,
                Case.resolution, Case.satisfaction, Case.public_summary)
         .outerjoin(cat, cat.id == Case.category_id).outerjoin(vil, vil.id == Case.village_id)
         .outerjoin(dep, dep.id == Case.department_id)
         .where(Case.deleted_hlc.is_(None), Case.registered_at >= start, Case.registered_at < end)
         .order_by(Case.registered_at, Case.number))
    rows, total, closed, withdrawn, rated, satisfied = [], 0, 0, 0, 0, 0
    with db.session(write=False) as s:
        station = _station(db, s)
        for r in s.execute(q):
            total += 1
            closed += r[6] == Status.CLOSED.value
            if r[6] == Status.WITHDRAWN.value:
                withdrawn += 1
                continue
            rated += r[8] in SATISFACTION_ZH  # an answer a 回访 recorded; never an unreached villager
            satisfied += r[8] in ("satisfied", "basically_satisfied")
            rows.append(NoticeRow(to_local(r[0]).date(), r[1], r[2], r[3], r[4] or r[5], status_zh(r[6]),
                                  RESOLUTION_ZH.get(r[7] or ""), SATISFACTION_ZH.get(r[8] or ""),
                                  public_summary=r[9] or ""))
        return NoticeData(station.name, date_from, date_to, rows, total=total, closed=closed, withdrawn=withdrawn,
                          rated=rated, satisfied=satisfied, township=station.township, station_phone=station.phone,
                          issued_on=copy.printed_at.date() if copy and copy.printed_at else None, copy=copy or Copy())


@dataclass(frozen=True)
class PublicLine:
    """A case's line on the wall notice: ``approved`` — the 公示摘要 staff approved, or None — and ``default``,
    what prints without one (village, category, result; never the text of the matter)."""

    approved: str | None
    default: str

    @property
    def printed(self) -> str:
        return self.approved or self.default


def public_notice_line(db: Database, case_id: uuid.UUID) -> PublicLine:
    """What the 办理情况公示 prints for this case (the case page prefills its 公示摘要 dialog with it)."""
    from ...printing.notice import public_line

    with db.session(write=False) as s:
        c = s.get(Case, case_id)
        if c is None or c.deleted_hlc is not None:
            raise DomainError("case_not_found", "找不到这个案件。", message_en="No such case.")
        row = NoticeRow(to_local(c.registered_at).date(), get_row(s, Village, c.village_id).name if c.village_id
                        else None, get_row(s, Category, c.category_id).name if c.category_id else None, c.summary,
                        None, status_zh(c.status), RESOLUTION_ZH.get(c.resolution or ""), None)
        return PublicLine(c.public_summary or None, public_line(row))


def handover_data(db: Database, *, at: dt.datetime | None = None, shift_id: uuid.UUID | None = None,
                  copy: Copy | None = None) -> HandoverData:
    """The handover sheet from ``services.handover.handover_summary`` (the same summary the desk shows)."""
    from ..desk.handover import handover_summary

    h = handover_summary(db, at=at, shift_id=shift_id)

    def shift(si) -> HandoverShift | None:
        if si is None:
            return None
        return HandoverShift(label(SHIFT_SLOTS, si.slot), si.deputy_name, si.date, si.signed_in_at,
                             si.signed_out_at, si.handover_note)

    visits = [HandoverVisit(v.occurred_at, v.visitor_names, v.village, label(VISIT_CHANNELS, v.channel),
                            v.headcount, v.case_number, v.case_summary) for v in h.new_visits]
    actions = [HandoverAction(a.occurred_at, a.case_number, a.label_zh, a.actor_name) for a in h.actions]
    due = [HandoverCase(c.number, c.summary, status_zh(c.status), c.visitor_name, c.visitor_phone, c.deadline,
                        c.callback_due, c.days_overdue) for c in h.due_before_next_duty]
    return HandoverData(
        station_name=h.station_name, today=h.today, next_duty_day=h.next_duty_day, window_start=h.window_start,
        window_end=h.window_end, shift=shift(h.shift), previous=shift(h.previous_shift), visits=visits,
        visits_total=h.new_visits_total, new_cases_total=h.new_cases_total, actions=actions,
        actions_total=h.actions_total, due=due, overdue_total=sum(1 for c in due if c.days_overdue),
        callbacks_total=sum(1 for c in due if c.callback_due), copy=copy or Copy())
