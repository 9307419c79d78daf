"""A deputy's year as data (履职记录): metric counts from the records, the records behind each count, the
station's yearly minimums met or not, and the plan (roster) against the actual sign-in/out."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import String, and_, func, select, type_coerce
from sqlalchemy.orm import Session

from ...db.changes import revive
from ...db.database import Database
from ...db.models import Activity, ActivityParticipant, Case, Deputy, DutyShift, Visit
from ...db.models_civic import VoterAppraisal
from ...db.models_duty import DutyMinimum, RosterSlot
from ...domain.errors import DomainError
from ...domain.ids import natural_id
from ...domain.scoring import METRICS
from ...domain.timeutil import local_today, to_local, to_utc
from ...domain.vocab import ACTIVITY_KINDS, SHIFT_SLOTS, label
from ..context import Actor

DEFAULT_MINIMUMS = {"shift": 2, "households": 10}  # "每年进站接待不少于 2 次、走访选民不少于 10 户"
_SATISFIED = ("satisfied", "basically_satisfied")


def year_bounds(year: int) -> tuple[dt.date, dt.date, dt.datetime, dt.datetime]:
    """First and last local day of ``year`` and the naive-UTC instants that bound it."""
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise DomainError("bad_year", f"年份“{year}”无效，应在 2000 到 2100 之间。", field="year",
                          message_en=f"Invalid year {year!r}: expected 2000-2100.")
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return first, last, to_utc(dt.datetime(year, 1, 1)), to_utc(dt.datetime(year + 1, 1, 1))


def as_uuid(value: object, what: str = "代表", field: str = "deputy_id") -> uuid.UUID:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError:
        raise DomainError("bad_id", f"{what}编号“{value}”无效。", field=field,
                          message_en=f"Invalid {field} {value!r}.") from None


def _live(model):
    return model.deleted_hlc.is_(None)


def metric_counts(s: Session, year: int, deputy_ids: Iterable[uuid.UUID] | None = None,
                  today: dt.date | None = None) -> dict[uuid.UUID, Counter]:
    """Every metric of ``year`` for each deputy, in a handful of GROUP BY queries (fast for a whole county)."""
    first, last, t0, t1 = year_bounds(year)
    only = list(deputy_ids) if deputy_ids is not None else None
    counts: dict[uuid.UUID, Counter] = defaultdict(Counter)

    def where(col):
        return (col.in_(only),) if only is not None else ()

    for dep, n in s.execute(select(DutyShift.deputy_id, func.count()).where(
            _live(DutyShift), DutyShift.date.between(first, last), DutyShift.signed_in_at.is_not(None),
            *where(DutyShift.deputy_id)).group_by(DutyShift.deputy_id)):
        counts[dep]["shift"] += n
    # coalesce(): keeps SQLite off the occurred_at index (a row lookup per visit) and on the covering
    # ix_visits_received_by_channel, already in GROUP BY order.
    when = func.coalesce(Visit.occurred_at, Visit.occurred_at)
    ids: dict[str, uuid.UUID] = {}

    def uid(raw: str) -> uuid.UUID:  # one UUID per deputy, not one per result row (thousands of them)
        u = ids.get(raw)
        if u is None:
            u = ids[raw] = uuid.UUID(raw)
        return u

    for raw, channel, n in s.execute(select(type_coerce(Visit.received_by_id, String), Visit.channel, func.count()).where(
            _live(Visit), when >= t0, when < t1, Visit.received_by_id.is_not(None),
            *where(Visit.received_by_id)).group_by(Visit.received_by_id, Visit.channel)):
        c = counts[uid(raw)]
        c["visit"] += n
        c[f"visit:{channel}"] += n
    for dep, kind, n, households in s.execute(
            select(ActivityParticipant.deputy_id, Activity.kind, func.count(), func.sum(Activity.households))
            .join(Activity, Activity.id == ActivityParticipant.activity_id)
            .where(_live(ActivityParticipant), _live(Activity), Activity.date.between(first, last),
                   *where(ActivityParticipant.deputy_id))
            .group_by(ActivityParticipant.deputy_id, Activity.kind)):
        counts[dep][f"activity:{kind}"] += n
        if kind == "household_visits":
            counts[dep]["households"] += households or 0
    reg = Case.registered_by_id
    closed_in_year = and_(Case.status == "closed", Case.closed_at >= t0, Case.closed_at < t1)
    for raw, registered, assigned, closed, solved, satisfied in s.execute(select(
            type_coerce(reg, String),
            func.count().filter(Case.registered_at >= t0, Case.registered_at < t1),
            func.count().filter(Case.assigned_at >= t0, Case.assigned_at < t1),
            func.count().filter(closed_in_year),
            func.count().filter(closed_in_year, Case.resolution == "solved"),
            func.count().filter(closed_in_year, Case.satisfaction.in_(_SATISFIED)))
            .where(_live(Case), reg.is_not(None), *where(reg)).group_by(reg)):
        c = counts[uid(raw)]
        c["case:registered"] += registered
        c["case:assigned"] += assigned
        c["case:closed"] += closed
        c["case:solved"] += solved
        c["case:satisfied"] += satisfied
    for dep, result, n in s.execute(select(VoterAppraisal.deputy_id, VoterAppraisal.result, func.count()).where(
            _live(VoterAppraisal), VoterAppraisal.date.between(first, last), VoterAppraisal.result.is_not(None),
            *where(VoterAppraisal.deputy_id)).group_by(VoterAppraisal.deputy_id, VoterAppraisal.result)):
        counts[dep][f"appraisal:{result}"] += n  # 述职评议 with an accepted ballot (issue 18)
    for dep, n in _missed_counts(s, first, min(last, (today or local_today()) - dt.timedelta(days=1)), only):
        counts[dep]["shift:missed"] += n
    return counts


def _missed_counts(s: Session, first: dt.date, last: dt.date, only) -> list[tuple[uuid.UUID, int]]:
    if last < first:
        return []
    signed = select(DutyShift.id).where(
        _live(DutyShift), DutyShift.station_id == RosterSlot.station_id, DutyShift.date == RosterSlot.date,
        DutyShift.slot == RosterSlot.slot, DutyShift.deputy_id == RosterSlot.deputy_id,
        DutyShift.signed_in_at.is_not(None))
    q = (select(RosterSlot.deputy_id, func.count()).where(
        _live(RosterSlot), RosterSlot.date.between(first, last), ~signed.exists())
        .group_by(RosterSlot.deputy_id))
    if only is not None:
        q = q.where(RosterSlot.deputy_id.in_(only))
    return list(s.execute(q).all())


@dataclass(frozen=True)
class RecordRef:
    """One record behind a count: what table, its id, its date and a line describing it (Chinese)."""

    kind: str  # duty_shift | visit | activity | case | roster_slot | dispute | appraisal
    id: str
    date: dt.date
    text: str


def metric_sources(s: Session, deputy_id: uuid.UUID, year: int, metric: str,
                   today: dt.date | None = None) -> tuple[RecordRef, ...]:
    """The records a metric counts for one deputy and year, oldest first: how each point is traced."""
    first, last, t0, t1 = year_bounds(year)
    out: list[RecordRef] = []
    if metric == "shift":
        for r in s.scalars(select(DutyShift).where(
                _live(DutyShift), DutyShift.deputy_id == deputy_id, DutyShift.date.between(first, last),
                DutyShift.signed_in_at.is_not(None)).order_by(DutyShift.date, DutyShift.slot)):
            assert r.signed_in_at is not None  # the query keeps signed-in shifts only
            out.append(RecordRef("duty_shift", str(r.id), r.date,
                                 f"{r.date:%Y-%m-%d} {label(SHIFT_SLOTS, r.slot)}班 {to_local(r.signed_in_at):%H:%M} 签到"))
    elif metric.startswith("visit"):
        q = select(Visit).where(_live(Visit), Visit.received_by_id == deputy_id, Visit.occurred_at >= t0,
                                Visit.occurred_at < t1)
        if ":" in metric:
            q = q.where(Visit.channel == metric.split(":", 1)[1])
        for v in s.scalars(q.order_by(Visit.occurred_at)):
            local = to_local(v.occurred_at)
            out.append(RecordRef("visit", str(v.id), local.date(),
                                 f"{local:%Y-%m-%d %H:%M} 接待 {v.visitor_names}（{v.headcount} 人）"))
    elif metric == "households" or metric.startswith("activity:"):
        kind = "household_visits" if metric == "households" else metric.split(":", 1)[1]
        for a in s.scalars(select(Activity).join(ActivityParticipant, ActivityParticipant.activity_id == Activity.id)
                           .where(_live(Activity), _live(ActivityParticipant), Activity.kind == kind,
                                  ActivityParticipant.deputy_id == deputy_id, Activity.date.between(first, last))
                           .order_by(Activity.date, Activity.id)):
            extra = f"，走访 {a.households or 0} 户" if kind == "household_visits" else ""
            out.append(RecordRef("activity", str(a.id), a.date, f"{a.date:%Y-%m-%d} {a.title}{extra}"))
    elif metric.startswith("case:"):
        mine = select(Case).where(_live(Case), Case.registered_by_id == deputy_id)
        closed = (Case.status == "closed", Case.closed_at >= t0, Case.closed_at < t1)
        cq = {"case:registered": mine.where(Case.registered_at >= t0, Case.registered_at < t1),
              "case:assigned": mine.where(Case.assigned_at >= t0, Case.assigned_at < t1),
              "case:closed": mine.where(*closed),
              "case:solved": mine.where(*closed, Case.resolution == "solved"),
              "case:satisfied": mine.where(*closed, Case.satisfaction.in_(_SATISFIED))}[metric]
        for c in s.scalars(cq.order_by(Case.registered_at)):
            out.append(RecordRef("case", str(c.id), to_local(c.registered_at).date(), f"{c.number} {c.summary}"))
    elif metric.startswith("appraisal:"):
        verdict = metric.split(":", 1)[1]
        for ap in s.scalars(select(VoterAppraisal).where(
                _live(VoterAppraisal), VoterAppraisal.deputy_id == deputy_id, VoterAppraisal.result == verdict,
                VoterAppraisal.date.between(first, last)).order_by(VoterAppraisal.date, VoterAppraisal.id)):
            out.append(RecordRef("appraisal", str(ap.id), ap.date,
                                 f"{ap.date:%Y-%m-%d} {ap.place} 述职评议：{METRICS[metric][0].removeprefix('述职评议')}"))
    elif metric == "shift:missed":
        end = min(last, (today or local_today()) - dt.timedelta(days=1))
        signed = {(d, sl) for d, sl in s.execute(select(DutyShift.date, DutyShift.slot).where(
            _live(DutyShift), DutyShift.deputy_id == deputy_id, DutyShift.signed_in_at.is_not(None)))}
        for rs in s.scalars(select(RosterSlot).where(_live(RosterSlot), RosterSlot.deputy_id == deputy_id,
                                                     RosterSlot.date.between(first, end))
                            .order_by(RosterSlot.date, RosterSlot.slot)):
            if (rs.date, rs.slot) not in signed:
                out.append(RecordRef("roster_slot", str(rs.id), rs.date,
                                     f"{rs.date:%Y-%m-%d} {label(SHIFT_SLOTS, rs.slot)}班 排班未到岗"))
    return tuple(out)


# -- yearly minimums ----------------------------------------------------------------------------------------

def station_minimums(s: Session, station_id: uuid.UUID | None) -> dict[str, int]:
    """The station's yearly minimums (metric → count); the common rule when the station set none."""
    rows = dict(s.execute(select(DutyMinimum.metric, DutyMinimum.minimum).where(
        _live(DutyMinimum), DutyMinimum.station_id == station_id)).all()) if station_id else {}
    return rows or dict(DEFAULT_MINIMUMS)


def set_minimums(db: Database, actor: Actor, minimums: dict[str, int]) -> dict[str, int]:
    """Set the station's yearly minimums (staff and administrators); a zero removes one."""
    from ...domain.workflow import Role

    actor.require(Role.STAFF, Role.ADMIN, what="设置年度最低履职要求")
    for metric, n in minimums.items():
        if metric not in METRICS:
            raise DomainError("bad_metric", f"最低要求的项目“{metric}”无效。", field="metric",
                              message_en=f"Unknown metric {metric!r}.")
        if not isinstance(n, int) or not 0 <= n <= 1000:
            raise DomainError("bad_minimum", f"“{METRICS[metric][0]}”的最低次数应为 0 到 1000 的整数。",
                              field="minimum", message_en="A minimum must be an integer from 0 to 1000.")
    station = db.station_id()
    with db.session() as s:
        for metric, n in minimums.items():
            ident = natural_id("duty-minimum", station, metric)
            row = s.get(DutyMinimum, ident)
            if row is None:
                s.add(DutyMinimum(id=ident, station_id=station, metric=metric, minimum=n))
            else:
                row.minimum = n
                revive(row)
        s.flush()
        return station_minimums(s, station)


@dataclass(frozen=True)
class MinimumCheck:
    metric: str
    label: str
    required: int
    actual: int

    @property
    def met(self) -> bool:
        return self.actual >= self.required


@dataclass(frozen=True)
class DeputyYear:
    """A deputy's year: every metric count, activities by kind, and the yearly minimums met or not."""

    deputy_id: str
    name: str
    level: str
    year: int
    counts: dict[str, int]
    activities: dict[str, int]  # activity kind label → participations
    minimums: tuple[MinimumCheck, ...]

    @property
    def minimums_met(self) -> bool:
        return all(m.met for m in self.minimums)


def deputy_year(db: Database, deputy_id: object, year: int, *, today: dt.date | None = None) -> DeputyYear:
    """The year of one deputy as data (shifts, visits, cases, activities, minimums)."""
    ident = as_uuid(deputy_id)
    with db.session(write=False) as s:
        dep = s.get(Deputy, ident)
        if dep is None:
            raise DomainError("no_deputy", "找不到这位代表。", field="deputy_id", message_en="No such deputy.")
        counts = metric_counts(s, year, [ident], today).get(ident, Counter())
        mins = station_minimums(s, db.station_id())
        return _year(dep.id, dep.name, dep.level, year, counts, mins)


def _year(ident, name, level, year, counts: Counter, mins: dict[str, int]) -> DeputyYear:
    acts = {label(ACTIVITY_KINDS, k.split(":", 1)[1]): n for k, n in sorted(counts.items())
            if k.startswith("activity:") and n}
    checks = tuple(MinimumCheck(m, METRICS[m][0], req, counts.get(m, 0)) for m, req in sorted(mins.items()))
    return DeputyYear(str(ident), name, level, year, {k: v for k, v in counts.items() if v}, acts, checks)


def station_year(db: Database, year: int, *, today: dt.date | None = None) -> list[DeputyYear]:
    """Every deputy assigned to this station, with their year and the minimums met or not."""
    from ...db.models import StationAssignment

    with db.session(write=False) as s:
        deps = s.execute(select(Deputy.id, Deputy.name, Deputy.level)
                         .join(StationAssignment, StationAssignment.deputy_id == Deputy.id)
                         .where(_live(Deputy), _live(StationAssignment),
                                StationAssignment.station_id == db.station_id())
                         .order_by(Deputy.name, Deputy.id)).all()
        counts = metric_counts(s, year, None, today)
        mins = station_minimums(s, db.station_id())
    return [_year(i, n, lv, year, counts.get(i, Counter()), mins) for i, n, lv in deps]


# -- plan against actual ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PlanVsActual:
    """One slot of a day: who was planned, who signed in and out, and what that makes it."""

    date: dt.date
    slot: str
    deputy_id: str
    deputy_name: str
    planned: bool
    source: str  # generated | swap | substitution | "" (signed in without a plan)
    signed_in_at: dt.datetime | None  # station-local
    signed_out_at: dt.datetime | None
    status: str  # on_duty | done | missed | upcoming | unplanned

    @property
    def status_zh(self) -> str:
        return {"on_duty": "在岗", "done": "已到岗", "missed": "缺勤", "upcoming": "待值班",
                "unplanned": "计划外到岗"}[self.status]


def plan_vs_actual(db: Database, date_from: dt.date, date_to: dt.date, *,
                   today: dt.date | None = None) -> list[PlanVsActual]:
    """The station's roster from ``date_from`` to ``date_to`` set against the desk's sign-in/out records."""
    if date_to < date_from:
        raise DomainError("bad_date_range", "结束日期不能早于开始日期。", field="date_to",
                          message_en="The end date is before the start date.")
    today = today or local_today()
    station = db.station_id()
    with db.session(write=False) as s:
        names = dict(s.execute(select(Deputy.id, Deputy.name)).all())
        plan = s.execute(select(RosterSlot.date, RosterSlot.slot, RosterSlot.deputy_id, RosterSlot.source).where(
            _live(RosterSlot), RosterSlot.station_id == station, RosterSlot.date.between(date_from, date_to))).all()
        actual = {(r.date, r.slot, r.deputy_id): r for r in s.scalars(select(DutyShift).where(
            _live(DutyShift), DutyShift.station_id == station, DutyShift.date.between(date_from, date_to)))}
    out, seen = [], set()
    for day, slot, dep, source in plan:
        key = (day, slot, dep)
        seen.add(key)
        out.append(_pva(key, names, True, source, actual.get(key), today))
    for key, shift in actual.items():
        if key not in seen and shift.signed_in_at is not None:
            out.append(_pva(key, names, False, "", shift, today))
    order = list(SHIFT_SLOTS)
    return sorted(out, key=lambda p: (p.date, order.index(p.slot) if p.slot in order else 9, p.deputy_name,
                                      p.deputy_id))


def _pva(key, names, planned: bool, source: str, shift, today: dt.date) -> PlanVsActual:
    day, slot, dep = key
    t_in = to_local(shift.signed_in_at) if shift is not None and shift.signed_in_at else None
    t_out = to_local(shift.signed_out_at) if shift is not None and shift.signed_out_at else None
    if t_in is not None:
        status = ("done" if t_out else "on_duty") if planned else "unplanned"
    else:
        status = "missed" if day < today else "upcoming"
    return PlanVsActual(day, slot, str(dep), names.get(dep, "?"), planned, source, t_in, t_out, status)
