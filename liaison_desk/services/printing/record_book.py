"""The deputy duty record book's data (履职登记册): what the desk recorded about one deputy in one year —
shifts, constituents received, household visits, cases, activities — never typed twice."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import uuid
from collections import defaultdict
from dataclasses import dataclass, replace

from sqlalchemy import func, or_, select
from sqlalchemy.orm import aliased

from ...db.database import Database
from ...db.models import (
    Activity,
    ActivityParticipant,
    Case,
    Department,
    Deputy,
    DeputyGroup,
    DeputyGroupMember,
    DutyShift,
    StationAssignment,
    Village,
    Visit,
)
from ...domain.errors import DomainError
from ...domain.timeutil import to_local, to_utc
from ...domain.vocab import DEPUTY_LEVELS, GROUP_ROLES, SHIFT_SLOTS, VISIT_CHANNELS, label
from ...printing.model_docs import Copy, RecordBookData, RecordSection, ScoreLine, ScoreSummary
from ..context import utcnow
from ..duty.scores import deputy_year_score
from .docs import RESOLUTION_ZH, SATISFACTION_ZH, status_zh
from .receipts import _station

log = logging.getLogger(__name__)

# Activity kinds (domain.vocab.ACTIVITY_KINDS) → record-book section.
ACTIVITY_SECTIONS = {
    "household_visits": "household_visits",
    "monthly_theme": "activities", "group_activity": "activities", "symposium": "activities",
    "law_consultation": "activities",
    "inspection": "inspections", "survey": "inspections",
    "training": "trainings",
    "session": "meetings", "standing_committee": "meetings",
    "suggestion": "suggestions",
    "report_to_voters": "reports",
}


def find_deputy(db: Database, name_or_id: str) -> uuid.UUID:
    """A deputy by id, duty-card code or name; an unknown or ambiguous name is refused with the choices."""
    text = (name_or_id or "").strip()
    if not text:
        raise DomainError("deputy_missing", "请填写代表姓名或编号。", field="deputy",
                          message_en="Give the deputy's name or id.")
    with db.session(write=False) as s:
        try:
            found = s.get(Deputy, uuid.UUID(text))
            if found is not None:
                return found.id
        except ValueError:
            pass
        rows = s.execute(select(Deputy.id, Deputy.name, Deputy.code, Deputy.level)
                         .where(or_(Deputy.name == text, func.upper(Deputy.code) == text.upper()),
                                Deputy.deleted_hlc.is_(None)).order_by(Deputy.code, Deputy.id)).all()
    if not rows:
        raise DomainError("deputy_not_found", f"没有找到代表“{text}”，请检查姓名或代表编号。", field="deputy",
                          message_en=f"No deputy {text!r}.")
    if len(rows) > 1:
        choices = "、".join(f"{r.name}（{r.code or r.id}，{label(DEPUTY_LEVELS, r.level)}）" for r in rows)
        raise DomainError("deputy_ambiguous", f"有 {len(rows)} 位代表叫“{text}”：{choices}。请改用代表编号。",
                          field="deputy", message_en=f"{len(rows)} deputies are called {text!r}; use the code.")
    return rows[0].id


@dataclass(frozen=True)
class DeputyPick:
    """A deputy to print a record book or 述职 report for."""

    id: uuid.UUID
    name: str
    code: str
    level: str  # the code (domain.vocab.DEPUTY_LEVELS); the screen labels it in its language
    active: bool


def station_deputies(db: Database) -> list[DeputyPick]:
    """The deputies a record book or 述职 report can be printed for: everyone assigned to this station,
    including those whose term or assignment has ended (last year's book is printed in January), by name;
    every deputy when no assignment is recorded yet."""
    with db.session(write=False) as s:
        q = select(Deputy.id, Deputy.name, Deputy.code, Deputy.level, Deputy.active).where(Deputy.deleted_hlc.is_(None))
        here = select(StationAssignment.deputy_id).where(StationAssignment.station_id == db.station_id(),
                                                         StationAssignment.deleted_hlc.is_(None))
        if s.scalar(select(func.count()).select_from(here.subquery())):
            q = q.where(Deputy.id.in_(here))
        rows = s.execute(q.order_by(Deputy.name, Deputy.code, Deputy.id)).all()
    return [DeputyPick(r.id, r.name, r.code or "", r.level, bool(r.active)) for r in rows]


def _check_year(year: int) -> None:
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise DomainError("bad_year", f"年度“{year}”无效，请填写四位年份，例如 2026。", field="year",
                          message_en=f"Year {year!r} is not valid.")


def score_summary(db: Database, deputy_id: uuid.UUID, year: int) -> ScoreSummary | None:
    """The year's score from the scoring service (``services.duty.scores.deputy_year_score``), or ``None``
    when scoring fails — then the book prints a blank score table to fill in by hand (the log says why)."""
    try:
        result = deputy_year_score(db, deputy_id, year, sources=False)
    except DomainError:
        raise
    except Exception:
        log.exception("scoring failed for the record book")
        return None
    lines = [ScoreLine(ln.item, ln.count, float(ln.points), category=ln.category, capped=ln.capped)
             for ln in result.lines]
    categories = "；".join(f"{c.name} {c.points} 分" + ("（封顶）" if c.capped else "") for c in result.categories)
    return ScoreSummary(total=float(result.total), grade=result.grade, lines=lines,
                        note=f"分类得分：{categories}。" if categories else "")


def record_book_data(db: Database, deputy_id: uuid.UUID, year: int, copy: Copy | None = None) -> RecordBookData:
    _check_year(year)
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    start = to_utc(dt.datetime.combine(first, dt.time.min))
    end = to_utc(dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min))
    with db.session(write=False) as s:
        station = _station(db, s)
        dep = s.get(Deputy, deputy_id)
        if dep is None or dep.deleted_hlc is not None:
            raise DomainError("deputy_not_found", "找不到这位代表。", field="deputy", message_en="No such deputy.")
        group = s.execute(select(DeputyGroup.name, DeputyGroupMember.role)
                          .join(DeputyGroupMember, DeputyGroupMember.group_id == DeputyGroup.id)
                          .where(DeputyGroupMember.deputy_id == dep.id, DeputyGroupMember.deleted_hlc.is_(None))
                          .order_by(DeputyGroup.name)).first()
        sections = [
            RecordSection("shifts", _shifts(s, dep.id, first, last)),
            RecordSection("receptions", _receptions(s, dep.id, start, end)),
            *_activities(s, dep.id, first, last),
            RecordSection("cases", _cases(s, dep.id, start, end)),
            RecordSection("appraisals", _appraisals(db, dep.id, year)),
        ]
        data = RecordBookData(station.name, year, dep.name, label(DEPUTY_LEVELS, dep.level), dep.constituency,
                              dep.sector, f"{group[0]}（{label(GROUP_ROLES, group[1])}）" if group else "",
                              dep.phone)
    return replace(data, sections=sections, score=score_summary(db, deputy_id, year), copy=copy or Copy())


def _shifts(s, deputy_id, first, last) -> list[tuple]:
    counts = dict(s.execute(select(Visit.shift_id, func.count()).join(DutyShift, DutyShift.id == Visit.shift_id)
                            .where(DutyShift.deputy_id == deputy_id, DutyShift.date >= first, DutyShift.date <= last,
                                   Visit.deleted_hlc.is_(None)).group_by(Visit.shift_id)).all())
    rows = s.execute(select(DutyShift.id, DutyShift.date, DutyShift.slot, DutyShift.signed_in_at,
                            DutyShift.signed_out_at, DutyShift.handover_note)
                     .where(DutyShift.deputy_id == deputy_id, DutyShift.date >= first, DutyShift.date <= last,
                            DutyShift.deleted_hlc.is_(None)).order_by(DutyShift.date, DutyShift.slot)).all()
    def hm(t: dt.datetime | None) -> str | None:
        return f"{to_local(t):%H:%M}" if t else None

    return [(f"{r.date:%Y-%m-%d}", label(SHIFT_SLOTS, r.slot), hm(r.signed_in_at), hm(r.signed_out_at),
             str(counts.get(r.id, 0)), r.handover_note or None) for r in rows]


def _receptions(s, deputy_id, start, end) -> list[tuple]:
    vil = aliased(Village)
    visits = s.execute(select(Visit.id, Visit.occurred_at, Visit.visitor_names, Visit.headcount, vil.name,
                              Visit.channel, Visit.note)
                       .outerjoin(vil, vil.id == Visit.village_id)
                       .where(Visit.received_by_id == deputy_id, Visit.occurred_at >= start, Visit.occurred_at < end,
                              Visit.deleted_hlc.is_(None)).order_by(Visit.occurred_at, Visit.id)).all()
    cases: dict = defaultdict(list)
    for vid, number, summary in s.execute(
            select(Case.visit_id, Case.number, Case.summary).join(Visit, Visit.id == Case.visit_id)
            .where(Visit.received_by_id == deputy_id, Visit.occurred_at >= start, Visit.occurred_at < end,
                   Case.deleted_hlc.is_(None)).order_by(Case.number)):
        cases[vid].append((number, summary))
    out = []
    for v in visits:
        raised = cases.get(v.id, [])
        matter = "；".join(x for _, x in raised) or v.note or label(VISIT_CHANNELS, v.channel)
        out.append((f"{to_local(v.occurred_at):%Y-%m-%d}", v.visitor_names, str(v.headcount or 1), v.name, matter,
                    "\n".join(n for n, _ in raised) or None))
    return out


def _activities(s, deputy_id, first, last) -> list[RecordSection]:
    rows = s.execute(select(Activity.kind, Activity.date, Activity.title, Activity.location, Activity.description,
                            Activity.households)
                     .join(ActivityParticipant, ActivityParticipant.activity_id == Activity.id)
                     .where(ActivityParticipant.deputy_id == deputy_id, ActivityParticipant.deleted_hlc.is_(None),
                            Activity.deleted_hlc.is_(None), Activity.date >= first, Activity.date <= last)
                     .order_by(Activity.date, Activity.title)).all()
    by: dict[str, list[tuple]] = defaultdict(list)
    for r in rows:
        key = ACTIVITY_SECTIONS.get(r.kind, "activities")
        if key == "household_visits":
            by[key].append((f"{r.date:%Y-%m-%d}", r.location or None, r.description or r.title,
                            str(r.households) if r.households is not None else None))
        else:
            by[key].append((f"{r.date:%Y-%m-%d}", r.title, r.location or None, r.description or None))
    keys = ("household_visits", "activities", "inspections", "trainings", "meetings", "suggestions", "reports")
    return [RecordSection(k, by.get(k, [])) for k in keys]


def _cases(s, deputy_id, start, end) -> list[tuple]:
    dep = aliased(Department)
    rows = s.execute(select(Case.number, Case.registered_at, Case.summary, dep.short_name, dep.name, Case.status,
                            Case.resolution, Case.satisfaction)
                     .outerjoin(dep, dep.id == Case.department_id)
                     .where(Case.registered_by_id == deputy_id, Case.registered_at >= start, Case.registered_at < end,
                            Case.deleted_hlc.is_(None)).order_by(Case.registered_at, Case.number)).all()
    return [(r[0], f"{to_local(r[1]):%Y-%m-%d}", r[2], r[3] or r[4] or "代表直接办理", status_zh(r[5]),
             "\n".join(x for x in (RESOLUTION_ZH.get(r[6] or ""), SATISFACTION_ZH.get(r[7] or "")) if x) or None)
            for r in rows]


def _appraisals(db: Database, deputy_id, year: int) -> list[tuple]:
    """The year's 述职评议 with an accepted ballot: counts in force and the verdict (issue 18)."""
    from ..civic.appraisals import list_appraisals  # the civic feature's module: imported when asked for

    rows = []
    for a in sorted(list_appraisals(db, year=year, deputy_id=deputy_id), key=lambda a: a.date):
        o = a.outcome
        if o is None:
            continue
        rows.append((f"{a.date:%Y-%m-%d}", a.place, str(a.voters_present), str(o.competent), str(o.basic),
                     str(o.incompetent), o.pct(o.competent), o.result_zh))
    return rows


# -- the annual report to voters (述职报告) -------------------------------------------------------------------

def report_text(db: Database, deputy_id: uuid.UUID, year: int, text: str | None = None) -> str:
    """The report's text: the deputy's own (edited) ``text`` when given, else the first draft written from the
    year's records (``scores.report_to_voters_draft``); an empty or over-long text is refused."""
    from ...printing.report_draft import MAX_CHARS
    from ..duty.scores import report_to_voters_draft  # the scoring feature's module: imported when asked for

    _check_year(year)
    if text is None:
        text = report_to_voters_draft(db, deputy_id, year)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DomainError("empty_report", "述职报告内容为空，无法打印。", field="text", message_en="The report is empty.")
    if len(text) > MAX_CHARS:
        raise DomainError("report_too_long", f"述职报告超过 {MAX_CHARS} 字，请精简后再打印。", field="text",
                          message_en=f"The report is longer than {MAX_CHARS} characters.")
    return text


def report_reference(deputy_id: uuid.UUID, year: int, text: str) -> str:
    """What makes two 述职 reports the same document: the deputy, the year and the very text — an edited
    report is a new document, the same text printed again is a 补打."""
    words = "\n".join(line.rstrip() for line in text.strip().splitlines())  # not line ends or trailing blanks
    return f"{deputy_id}:{year}:{hashlib.sha256(words.encode('utf-8')).hexdigest()[:12]}"


def report_data(db: Database, text: str, copy: Copy | None = None):
    """The ``printing.report_draft.ReportDraftData`` of a checked ``text`` (see ``report_text``)."""
    from ...printing.report_draft import ReportDraftData

    copy = copy or Copy()
    with db.session(write=False) as s:
        station = _station(db, s)
        name = station.name
    return ReportDraftData(text, name, copy.printed_at or to_local(utcnow()), reprint=copy.reprint)
