"""Duty scores (履职积分): the scoring rules in force, each deputy's year scored from the records, disputes
(申报错漏) approved or rejected by staff with their history, and rankings per station and per group."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...db.database import Database, get_row
from ...db.models import Deputy, DeputyGroup, DeputyGroupMember, Station, StationAssignment
from ...db.models_duty import ScoreCategoryRule, ScoreDispute, ScoreDisputeEvent, ScoreItemRule
from ...domain.errors import DomainError, PermissionDenied
from ...domain.ids import new_id
from ...domain.scoring import (
    DEFAULT_RULES,
    CategoryScore,
    ScoreCategory,
    ScoreItem,
    ScoringRules,
    grade_of,
    score,
    total_of,
)
from ...domain.timeutil import to_local
from ...domain.validation import validate_text
from ...domain.vocab import DEPUTY_LEVELS, label
from ...domain.workflow import Role
from ...printing import PrintedPdf
from ...printing.report_draft import MAX_CHARS as MAX_REPORT_CHARS
from ...printing.report_draft import ReportDraftData, build_report_draft
from ..context import Actor, utcnow
from .record import RecordRef, as_uuid, deputy_year, metric_counts, metric_sources, year_bounds

# -- rules --------------------------------------------------------------------------------------------------


def load_rules(s: Session) -> ScoringRules:
    """The rules stored in the database (active, not tombstoned), or the shipped default when none are."""
    cats = s.scalars(select(ScoreCategoryRule).where(ScoreCategoryRule.deleted_hlc.is_(None),
                                                     ScoreCategoryRule.active.is_(True))
                     .order_by(ScoreCategoryRule.sort_order, ScoreCategoryRule.code)).all()
    if not cats:
        return DEFAULT_RULES
    items = s.scalars(select(ScoreItemRule).where(ScoreItemRule.deleted_hlc.is_(None), ScoreItemRule.active.is_(True))
                      .order_by(ScoreItemRule.sort_order, ScoreItemRule.code)).all()
    return ScoringRules(tuple(ScoreCategory(c.code, c.name, c.cap) for c in cats),
                        tuple(ScoreItem(i.code, i.category_code, i.name, i.metric, i.points, i.per, i.cap)
                              for i in items))


def scoring_rules(db: Database) -> ScoringRules:
    with db.session(write=False) as s:
        return load_rules(s)


def save_rules(db: Database, actor: Actor, rules: ScoringRules) -> ScoringRules:
    """Replace the station's scoring rules (administrators; the county hub will own them later). Items and
    categories not in ``rules`` are deactivated, never deleted: old disputes still name them."""
    actor.require(Role.ADMIN, what="修改履职积分规则")
    ScoringRules(rules.categories, rules.items)  # validated again: a caller may have built it by hand
    with db.session() as s:
        cats = {c.code: c for c in s.scalars(select(ScoreCategoryRule))}
        items = {i.code: i for i in s.scalars(select(ScoreItemRule))}
        stale: list[ScoreCategoryRule | ScoreItemRule] = [*cats.values(), *items.values()]
        for old in stale:
            old.active = False
        for n, c in enumerate(rules.categories):
            cat_row = cats.get(c.code) or ScoreCategoryRule(code=c.code)
            cat_row.name, cat_row.cap, cat_row.sort_order, cat_row.active = c.name, c.cap, n, True
            s.add(cat_row)
        for n, i in enumerate(rules.items):
            item_row = items.get(i.code) or ScoreItemRule(code=i.code)
            item_row.category_code, item_row.name, item_row.metric, item_row.points, item_row.per, item_row.cap = (
                i.category, i.name, i.metric, i.points, i.per, i.cap)
            item_row.sort_order, item_row.active = n, True
            s.add(item_row)
        s.flush()
        return load_rules(s)


# -- one deputy's year --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ScoreLine:
    """One item of the year: the records counted (plus approved disputes), points, and whether capped."""

    category: str
    item: str
    count: int
    points: int
    capped: bool
    item_code: str = ""
    adjustment: int = 0  # units added (or removed) by approved disputes
    sources: tuple[RecordRef, ...] = ()  # the records behind ``count`` (and the approved disputes)


@dataclass(frozen=True)
class DeputyYearScore:
    """What the record book prints: the total, the grade and one line per scoring item."""

    deputy_id: str
    deputy_name: str
    year: int
    total: int
    grade: str
    lines: tuple[ScoreLine, ...]
    categories: tuple[CategoryScore, ...] = ()


def _approved(s: Session, year: int, deputy_ids=None) -> dict[uuid.UUID, Counter]:
    q = select(ScoreDispute.deputy_id, ScoreDispute.item_code, ScoreDispute.delta).where(
        ScoreDispute.deleted_hlc.is_(None), ScoreDispute.year == year, ScoreDispute.status == "approved")
    if deputy_ids is not None:
        q = q.where(ScoreDispute.deputy_id.in_(list(deputy_ids)))
    out: dict[uuid.UUID, Counter] = defaultdict(Counter)
    for dep, item, delta in s.execute(q):
        out[dep][item] += delta
    return out


def deputy_year_score(db: Database, deputy_id: object, year: int, *, sources: bool = True,
                      today: dt.date | None = None) -> DeputyYearScore:
    """The deputy's duty score for ``year``, computed from the recorded events; each line lists the records
    (and approved disputes) behind its count when ``sources`` is true."""
    ident = as_uuid(deputy_id)
    year_bounds(year)
    with db.session(write=False) as s:
        dep = s.get(Deputy, ident)
        if dep is None:
            raise DomainError("no_deputy", "找不到这位代表。", field="deputy_id", message_en="No such deputy.")
        rules = load_rules(s)
        counts = metric_counts(s, year, [ident], today).get(ident, Counter())
        adjust = _approved(s, year, [ident]).get(ident, Counter())
        sheet = score(rules, counts, adjust)
        disputes = _dispute_refs(s, ident, year) if sources else {}
        lines = []
        for line, item in zip(sheet.lines, rules.items, strict=True):
            refs = (*metric_sources(s, ident, year, item.metric, today), *disputes.get(item.code, ())) \
                if sources and (line.count or line.adjustment) else ()
            lines.append(ScoreLine(line.category, line.item, line.count, line.points, line.capped, item.code,
                                   line.adjustment, refs))
        return DeputyYearScore(str(ident), dep.name, year, sheet.total, sheet.grade, tuple(lines),
                               sheet.categories)


def _dispute_refs(s: Session, deputy_id: uuid.UUID, year: int) -> dict[str, list[RecordRef]]:
    out: dict[str, list[RecordRef]] = defaultdict(list)
    for d in s.scalars(select(ScoreDispute).where(
            ScoreDispute.deleted_hlc.is_(None), ScoreDispute.deputy_id == deputy_id, ScoreDispute.year == year,
            ScoreDispute.status == "approved").order_by(ScoreDispute.filed_at)):
        out[d.item_code].append(RecordRef("dispute", str(d.id), d.filed_at.date(),
                                          f"申报错漏已核准：{'+' if d.delta > 0 else ''}{d.delta}（{d.reason}）"))
    return out


# -- rankings -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RankRow:
    rank: int
    deputy_id: str
    name: str
    level: str
    group: str
    total: int
    grade: str


def station_scores(db: Database, year: int, *, group_id: object = None, today: dt.date | None = None) -> list[RankRow]:
    """Every deputy of this station (or of one group) ranked by the year's score; ties share a rank."""
    year_bounds(year)
    with db.session(write=False) as s:
        rules = load_rules(s)
        groups = dict(s.execute(select(DeputyGroupMember.deputy_id, DeputyGroup.name)
                                .join(DeputyGroup, DeputyGroup.id == DeputyGroupMember.group_id)
                                .where(DeputyGroupMember.deleted_hlc.is_(None), DeputyGroup.deleted_hlc.is_(None))
                                .order_by(DeputyGroup.name.desc())).all())
        q = select(Deputy.id, Deputy.name, Deputy.level).where(Deputy.deleted_hlc.is_(None))
        if group_id is not None:
            q = q.join(DeputyGroupMember, DeputyGroupMember.deputy_id == Deputy.id).where(
                DeputyGroupMember.group_id == as_uuid(group_id, "代表小组", "group_id"),
                DeputyGroupMember.deleted_hlc.is_(None))
        else:
            q = q.join(StationAssignment, StationAssignment.deputy_id == Deputy.id).where(
                StationAssignment.station_id == db.station_id(), StationAssignment.deleted_hlc.is_(None))
        deps = s.execute(q).all()
        counts = metric_counts(s, year, None, today)
        adjust = _approved(s, year)
    empty: Counter[str] = Counter()
    scored = []
    for dep_id, name, level in deps:
        total = total_of(rules, counts.get(dep_id, empty), adjust.get(dep_id, empty))
        scored.append((total, grade_of(total), str(dep_id), name, level, groups.get(dep_id, "")))
    scored.sort(key=lambda r: (-r[0], r[3], r[2]))
    rows, rank = [], 0
    for n, (total, grade, ident, name, level, group) in enumerate(scored):
        if n == 0 or total != scored[n - 1][0]:
            rank = n + 1
        rows.append(RankRow(rank, ident, name, level, group, total, grade))
    return rows


def group_rankings(db: Database, year: int, *, today: dt.date | None = None) -> dict[str, list[RankRow]]:
    """Group name → its members ranked."""
    with db.session(write=False) as s:
        groups = s.execute(select(DeputyGroup.id, DeputyGroup.name).where(
            DeputyGroup.deleted_hlc.is_(None), DeputyGroup.station_id == db.station_id())
            .order_by(DeputyGroup.name)).all()
    return {name: station_scores(db, year, group_id=gid, today=today) for gid, name in groups}


# -- disputes -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class DisputeStep:
    action: str  # filed | approved | rejected
    occurred_at: dt.datetime
    actor_role: str
    actor_name: str
    note: str


@dataclass(frozen=True)
class DisputeView:
    id: str
    deputy_id: str
    deputy_name: str
    year: int
    item_code: str
    item: str
    delta: int
    reason: str
    status: str
    history: tuple[DisputeStep, ...]

    @property
    def status_zh(self) -> str:
        return {"pending": "待审核", "approved": "已核准", "rejected": "未核准"}.get(self.status, self.status)


def file_dispute(db: Database, actor: Actor, deputy_id: object, year: int, item_code: str, delta: int,
                 reason: str) -> DisputeView:
    """申报错漏: a deputy (for himself or herself) or staff says an item misses or wrongly counts records."""
    actor.require(Role.DUTY_DEPUTY, Role.STAFF, Role.ADMIN, what="申报积分错漏")
    ident = as_uuid(deputy_id)
    year_bounds(year)
    if actor.role is Role.DUTY_DEPUTY and actor.deputy_id is not None and actor.deputy_id != ident:
        raise DomainError("not_own_score", "代表只能为本人的积分申报错漏。", field="deputy_id",
                          message_en="A deputy may dispute only his or her own score.")
    if not isinstance(delta, int) or delta == 0 or abs(delta) > 100:
        raise DomainError("bad_delta", "申报的次数应为 -100 到 100 之间、不为 0 的整数（漏记填正数，多记填负数）。",
                          field="delta", message_en="The change must be a non-zero integer from -100 to 100.")
    reason = validate_text(reason, field="reason", max_len=500)
    now = utcnow()
    with db.session() as s:
        if s.get(Deputy, ident) is None:
            raise DomainError("no_deputy", "找不到这位代表。", field="deputy_id", message_en="No such deputy.")
        load_rules(s).item(item_code)
        d = ScoreDispute(id=new_id(), deputy_id=ident, year=year, item_code=item_code, delta=delta, reason=reason,
                         status="pending", filed_at=now, filed_by=actor.name)
        s.add(d)
        s.add(ScoreDisputeEvent(dispute_id=d.id, dispute=d, action="filed", occurred_at=now, actor_role=actor.role.value,
                                actor_name=actor.name, note=reason))
        s.flush()
        return _view(s, d)


def decide_dispute(db: Database, actor: Actor, dispute_id: object, *, approve: bool, note: str = "") -> DisputeView:
    """Staff approve (the item's count changes by the dispute's delta) or reject a pending dispute."""
    actor.require(Role.STAFF, Role.ADMIN, what="审核积分错漏申报")
    ident = as_uuid(dispute_id, "申报", "dispute_id")
    if not approve and not (note or "").strip():
        raise DomainError("reason_required", "不予核准时请写明理由。", field="note",
                          message_en="Give a reason when rejecting.")
    with db.session() as s:
        d = s.get(ScoreDispute, ident)
        if d is None or d.deleted_hlc is not None:
            raise DomainError("no_dispute", "找不到这条申报。", field="dispute_id", message_en="No such dispute.")
        if actor.deputy_id is not None and actor.deputy_id == d.deputy_id:
            raise PermissionDenied("own_dispute", "不能审核本人的积分错漏申报，请由其他工作人员审核。",
                                   message_en="No one may decide a dispute about his or her own score.")
        if d.status != "pending":
            raise DomainError("already_decided", "这条申报已经审核过，不能再次审核。",
                              message_en="This dispute was already decided.")
        d.status = "approved" if approve else "rejected"
        s.add(ScoreDisputeEvent(dispute_id=d.id, action=d.status, occurred_at=utcnow(), actor_role=actor.role.value,
                                actor_name=actor.name, note=(note or "").strip()))
        s.flush()
        return _view(s, d)


def list_disputes(db: Database, *, year: int | None = None, deputy_id: object = None,
                  status: str | None = None) -> list[DisputeView]:
    with db.session(write=False) as s:
        q = select(ScoreDispute).where(ScoreDispute.deleted_hlc.is_(None))
        if year is not None:
            q = q.where(ScoreDispute.year == year)
        if deputy_id is not None:
            q = q.where(ScoreDispute.deputy_id == as_uuid(deputy_id))
        if status is not None:
            q = q.where(ScoreDispute.status == status)
        return [_view(s, d) for d in s.scalars(q.order_by(ScoreDispute.filed_at, ScoreDispute.id))]


def _view(s: Session, d: ScoreDispute) -> DisputeView:
    steps = s.scalars(select(ScoreDisputeEvent).where(ScoreDisputeEvent.dispute_id == d.id)
                      .order_by(ScoreDisputeEvent.occurred_at, ScoreDisputeEvent.hlc)).all()
    try:
        item = load_rules(s).item(d.item_code).name
    except DomainError:
        item = d.item_code
    dep = s.get(Deputy, d.deputy_id)
    return DisputeView(str(d.id), str(d.deputy_id), dep.name if dep else "?", d.year, d.item_code, item, d.delta,
                       d.reason, d.status, tuple(DisputeStep(e.action, e.occurred_at, e.actor_role, e.actor_name,
                                                             e.note) for e in steps))


# -- the annual report to voters (述职) ----------------------------------------------------------------------

def report_to_voters_draft(db: Database, deputy_id: object, year: int, *, today: dt.date | None = None) -> str:
    """A plain-text first draft of the deputy's report to voters, written from the year's records only; the
    deputy edits it (what he or she thought and plans is theirs to write) before it is printed."""
    rec = deputy_year(db, deputy_id, year, today=today)
    sc = deputy_year_score(db, deputy_id, year, sources=False, today=today)
    c = rec.counts
    with db.session(write=False) as s:
        dep = get_row(s, Deputy, as_uuid(deputy_id))  # deputy_year() above found it
        station = s.get(Station, db.station_id()) if db.station_id() else None
    where = station.name if station else "联络站"
    paras = [f"{year}年度履职情况报告（初稿）", "",
             "各位选民：", "",
             (f"我是{label(DEPUTY_LEVELS, dep.level)}{dep.name}。按照“年述职”的要求，现将我{year}年的履职情况报告如下，"
              "请大家评议。"), ""]
    contact = [f"一是进站接待。全年在{where}值班 {c.get('shift', 0)} 次，接待来访群众 {c.get('visit', 0)} 批次"]
    if c.get("visit:bench_meeting"):
        contact.append(f"，召开板凳会 {c['visit:bench_meeting']} 次")
    if c.get("activity:household_visits"):
        contact.append(f"；走访选民 {c['activity:household_visits']} 次、{c.get('households', 0)} 户")
    paras.append("".join(contact) + "。")
    paras.append(f"二是反映和推动解决群众诉求。登记社情民意 {c.get('case:registered', 0)} 件，其中交办职能部门 "
                 f"{c.get('case:assigned', 0)} 件；全年跟踪办结 {c.get('case:closed', 0)} 件，问题得到解决 "
                 f"{c.get('case:solved', 0)} 件，群众满意或基本满意 {c.get('case:satisfied', 0)} 件。")
    acts = [f"{k} {n} 次" for k, n in rec.activities.items() if k not in ("走访选民",)]
    if acts:
        paras.append("三是参加代表活动。" + "、".join(acts) + "。")
    if c.get("activity:suggestion"):
        paras.append(f"四是建言献策。提出建议 {c['activity:suggestion']} 件。")
    unmet = [f"{m.label}（要求 {m.required}，实际 {m.actual}）" for m in rec.minimums if not m.met]
    paras.append("")
    paras.append(f"按照本站的履职积分办法，本人{year}年度积分为 {sc.total} 分，等次为“{sc.grade}”。"
                 + (f"尚未达到的年度要求：{'；'.join(unmet)}，明年将努力补上。" if unmet else "本站规定的年度最低履职要求均已达到。"))
    paras += ["", "存在的不足和下一步打算：（请代表本人填写）", "", f"报告人：{dep.name}", f"{year}年  月  日"]
    return "\n".join(paras)


# -- the annual report to voters (述职) as PDF ---------------------------------------------------------------

def report_draft_pdf(db: Database, deputy_id: object, year: int, *, text: str | None = None,
                     today: dt.date | None = None) -> PrintedPdf:
    """The 述职 report as PDF: the deputy's edited ``text`` when given, else the draft written from the year's
    records (``report_to_voters_draft``). An empty or over-long text raises DomainError."""
    if text is None:
        text = report_to_voters_draft(db, deputy_id, year, today=today)
    if not text.strip():
        raise DomainError("empty_report", "述职报告内容为空，无法打印。", field="text", message_en="The report is empty.")
    if len(text) > MAX_REPORT_CHARS:
        raise DomainError("report_too_long", f"述职报告超过 {MAX_REPORT_CHARS} 字，请精简后再打印。", field="text",
                          message_en=f"The report is longer than {MAX_REPORT_CHARS} characters.")
    with db.session(write=False) as s:
        station = s.get(Station, db.station_id()) if db.station_id() else None
        name = station.name if station else ""
    return build_report_draft(ReportDraftData(text, name, to_local(utcnow())))
