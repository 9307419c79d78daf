"""The report engine: a period's figures, breakdown, 问题清单 and 通报 table aggregated in SQL over any
selectable with the standard columns (``CASE_COLUMNS``, ``VISIT_COLUMNS``) — the station's tables
(``source.station_source``) or, later, the console's case index.

Every pass is a GROUP BY in the database; Python only adds up group rows (a few thousand at most) and turns
them into figures with ``domain.reports``. One pass counts the current period, the previous one and the same
period last year together (each case tagged by which range its registration falls in).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Integer, and_, case, cast, func, literal, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement, FromClause

from ...domain.reports import (
    COUNT_FIELDS,
    DEFAULT_THRESHOLDS,
    DIMENSIONS,
    UNKNOWN_LABEL,
    VISIT_DIMENSIONS,
    BreakdownRow,
    Counts,
    Figures,
    Period,
    ProblemText,
    Report,
    Threshold,
    check_dimension,
    group_problems,
    make_figures,
    notice_rows,
)
from ...domain.timeutil import to_local, utcnow
from ...domain.workflow import OPEN_STATUSES, SATISFIED_VALUES, Satisfaction, Status
from .facts import CaseRow, FactTotals
from .sqlparts import _group_key, _period_tag, _positions

# The columns a case selectable must have (by these labels). Dimension columns hold a key (an id or a name);
# ``ReportSource.labels`` names the keys that are ids.
CASE_COLUMNS = ("case_id", "number", "station", "township", "village", "category", "department", "deputy",
                "triage", "status", "registered_at", "assigned_at", "deadline", "replied_at", "closed_at",
                "resolution", "satisfaction", "reopen_count", "summary")
VISIT_COLUMNS = ("occurred_at", "headcount", "station", "township", "village", "deputy")
LOCAL_OFFSET_HOURS = 8  # station time (domain.timeutil.STATION_TZ): days are counted in station dates

PROBLEM_GROUPS = 60  # (category, village) groups looked at for the 问题清单, most cases first
PROBLEM_LIMIT = 20
PROBLEM_NUMBERS = 500  # case numbers kept per problem (the count is always whole)
# distinct summaries grouped by text at most (most repeated first): bounds the pairwise similarity work when
# every summary is different (a year of a million cases), at the price of leaving rarer texts ungrouped
PROBLEM_TEXTS = 3000


@dataclass(frozen=True)
class ReportSource:
    """Where a report's rows come from: a case selectable (``CASE_COLUMNS``), an optional visit selectable
    (``VISIT_COLUMNS``; without it 收集人次/人数 are not known), names for id keys per dimension, and whose
    figures these are (the station's name, the county's)."""

    scope: str
    cases: FromClause
    visits: FromClause | None = None
    labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    # the station's per-day totals (``facts.FactTotals``): the first three passes read them, not every case
    facts: FactTotals | None = None

    def label(self, dimension: str, key: str | None) -> str:
        if key is None or key == "":
            return UNKNOWN_LABEL[0]
        return self.labels.get(dimension, {}).get(key, key)


@dataclass(frozen=True)
class ReportOptions:
    by: str | None = None
    thresholds: tuple[Threshold, ...] = DEFAULT_THRESHOLDS
    problems: int = PROBLEM_LIMIT
    as_of: dt.datetime | None = None  # naive UTC; now when None


def _key(value: Any) -> str:
    return "" if value is None else str(value)


class _Sql:
    """Dialect-specific pieces (SQLite at the station, PostgreSQL at the hub)."""

    def __init__(self, dialect: str):
        self.dialect = dialect

    def day(self, col: Any, *, is_date: bool = False) -> ColumnElement[Any]:
        """A whole number per station-local calendar day (only differences and comparisons are used)."""
        if self.dialect == "postgresql":
            if is_date:
                return cast(col - literal(dt.date(2000, 1, 1)), Integer)
            shifted = col + literal(dt.timedelta(hours=LOCAL_OFFSET_HOURS))
            return cast(func.date(shifted) - literal(dt.date(2000, 1, 1)), Integer)
        jd = func.julianday(col) if is_date else func.julianday(col, f"+{LOCAL_OFFSET_HOURS} hours")
        return cast(jd + 0.5, Integer)

    def by_local_day(self, moment: Any, day: Any) -> ColumnElement[bool]:
        """``moment`` (naive UTC) falls on or before the station-local date ``day``: before local midnight after
        it, i.e. before 16:00 UTC of ``day`` itself (a text comparison in SQLite: no date parsing per row)."""
        cutoff = f"{24 - LOCAL_OFFSET_HOURS:02d}:00:00"
        if self.dialect == "postgresql":
            return moment < day + literal(dt.timedelta(hours=24 - LOCAL_OFFSET_HOURS))
        return moment < func.printf(f"%s {cutoff}", day)


def _flag(cond: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)


def _count_columns(c: Any, today: dt.date, sql: _Sql) -> list[ColumnElement[Any]]:
    answers = [s.value for s in Satisfaction]
    happy = [s.value for s in SATISFIED_VALUES]
    open_ = [s.value for s in OPEN_STATUSES]
    has_deadline = and_(c.deadline.is_not(None), c.status != Status.WITHDRAWN.value)
    replied = and_(has_deadline, c.replied_at.is_not(None))
    cols: dict[str, ColumnElement[Any]] = {
        "cases": func.count(),
        "withdrawn": _flag(c.status == Status.WITHDRAWN.value),
        "assigned": _flag(c.assigned_at.is_not(None)),
        "closed": _flag(c.status == Status.CLOSED.value),
        "solved": _flag(and_(c.status == Status.CLOSED.value, c.resolution == "solved")),
        "rated": _flag(c.satisfaction.in_(answers)),
        "satisfied": _flag(c.satisfaction.in_(happy)),
        "due": _flag(and_(has_deadline, or_(c.replied_at.is_not(None), c.deadline < today))),
        "replied": _flag(replied),
        "on_time": _flag(and_(replied, sql.by_local_day(c.replied_at, c.deadline))),
        "reopened": _flag(c.reopen_count > 0),
        "overdue": _flag(and_(c.status.in_(open_), c.deadline < today)),
    }
    assert tuple(cols) == COUNT_FIELDS
    return [v.label(k) for k, v in cols.items()]


def _execute(conn: Connection | Session, stmt: Any) -> Sequence[Any]:
    return conn.execute(stmt).all()


def build_report(conn: Connection | Session, source: ReportSource, period: Period,
                 options: ReportOptions = ReportOptions()) -> Report:
    """The report of ``period`` from ``source``: totals, previous period, same period last year, the
    breakdown ``options.by`` (each group with its own comparisons), the 问题清单 and the 通报 table of
    departments and stations. Read-only; a handful of GROUP BY queries."""
    by = check_dimension(options.by)
    as_of = options.as_of or utcnow()
    today = to_local(as_of).date()
    bind = conn.get_bind() if isinstance(conn, Session) else conn
    sql = _Sql(bind.dialect.name)
    periods = list(dict.fromkeys([period, period.previous(), period.last_year()]))
    index = {p: i for i, p in enumerate(periods)}
    c = source.cases.c

    # 1. additive counts by (period, station, department, breakdown key): one scan, or the per-day totals
    tag, where = _period_tag(c.registered_at, periods)
    dim = _group_key(c[by]) if by else literal("")
    facts = source.facts
    case_rows: Iterable[CaseRow]
    if facts is not None:
        case_rows = facts.case_rows(conn, source.cases, periods, by, today)
    else:
        keys = [tag.label("tag"), _group_key(c.station).label("k_station"),
                _group_key(c.department).label("k_department"), dim.label("k_dim")]
        stmt = select(*keys, *_count_columns(c, today, sql)).where(where).group_by(*_positions(len(keys)))
        case_rows = ((int(r.tag), _key(r.k_station), None if r.k_department is None else _key(r.k_department),
                      _key(r.k_dim), [int(v) for v in r[4:]]) for r in _execute(conn, stmt))
    width = len(COUNT_FIELDS)
    sums: dict[Any, list[int]] = defaultdict(lambda: [0] * width)  # group rows added up (a few thousand)
    for t, k_station, k_department, k_dim, values in case_rows:
        targets: list[tuple[Any, ...]] = []
        if k_station is not None:  # None: a row toward its breakdown key only
            targets.append(("total", t))
            if t == 0:
                targets.append(("station", k_station))
                if k_department is not None:
                    targets.append(("department", k_department))
        if k_dim is not None:  # None: a row toward the totals only
            targets.append(("dim", t, k_dim))
        for target in targets:
            acc = sums[target]
            for i, v in enumerate(values):
                acc[i] += v
    # a group is there when a case is (the per-day totals keep rows whose cases have all moved away)
    groups = {k: v for k, v in sums.items() if k[0] == "total" or v[0] > 0}
    totals = {k[1]: Counts(*v) for k, v in groups.items() if k[0] == "total"}
    per_dim = {(k[1], k[2]): Counts(*v) for k, v in groups.items() if k[0] == "dim"}
    per_station = {k[1]: Counts(*v) for k, v in groups.items() if k[0] == "station"}
    per_department = {k[1]: Counts(*v) for k, v in groups.items() if k[0] == "department"}

    # 2. days from registration to closure, as a histogram per (period, breakdown key)
    hist_rows: Iterable[tuple[int, str | None, int, int]]
    if facts is not None:
        hist_rows = facts.close_rows(conn, periods, by)
    else:
        days = (sql.day(c.closed_at) - sql.day(c.registered_at)).label("days")
        stmt = (select(tag.label("tag"), dim.label("k_dim"), days, func.count().label("n"))
                .where(where, c.status == Status.CLOSED.value, c.closed_at.is_not(None)).group_by(*_positions(3)))
        hist_rows = (row for r in _execute(conn, stmt)
                     for row in ((int(r.tag), None, int(r.days), int(r.n)),
                                 (int(r.tag), _key(r.k_dim), int(r.days), int(r.n))))
    hist_total: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    hist_dim: dict[tuple[int, str], dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for t, k, d, n in hist_rows:
        if k is None:
            hist_total[t][max(0, d)] += n
        else:
            hist_dim[t, k][max(0, d)] += n

    # 3. visits and people (收集人次、人数), where the source knows visits
    visit_total: dict[int, tuple[int, int]] = {}
    visit_dim: dict[tuple[int, str], tuple[int, int]] = {}
    if source.visits is not None:
        visit_rows: Iterable[tuple[int, str, int, int]]
        if facts is not None:
            visit_rows = facts.visit_rows(conn, periods, by)
        else:
            vc = source.visits.c
            vtag, vwhere = _period_tag(vc.occurred_at, periods)
            vdim = _group_key(vc[by]) if by in VISIT_DIMENSIONS else literal("")
            stmt = (select(vtag.label("tag"), vdim.label("k_dim"), func.count().label("n"),
                           func.coalesce(func.sum(vc.headcount), 0).label("people")).where(vwhere)
                    .group_by(*_positions(2)))
            visit_rows = ((int(r.tag), _key(r.k_dim), int(r.n), int(r.people)) for r in _execute(conn, stmt))
        for t, k, n, people in visit_rows:
            before = visit_total.get(t, (0, 0))
            visit_total[t] = (before[0] + n, before[1] + people)
            before = visit_dim.get((t, k), (0, 0))
            visit_dim[t, k] = (before[0] + n, before[1] + people)

    def figures_for(t: int) -> Figures:
        vis = visit_total.get(t, (0, 0)) if source.visits is not None else (None, None)
        return make_figures(totals.get(t, Counts()), hist_total.get(t, {}), *vis)

    def dim_figures(t: int, k: str) -> Figures | None:
        known = source.visits is not None and by in VISIT_DIMENSIONS
        if (t, k) not in per_dim and not (known and (t, k) in visit_dim):
            return None
        vis = visit_dim.get((t, k), (0, 0)) if known else (None, None)
        return make_figures(per_dim.get((t, k), Counts()), hist_dim.get((t, k), {}), *vis)

    breakdown: list[BreakdownRow] = []
    if by is not None:
        keys_now = {k for (t, k) in per_dim if t == 0}
        if by in VISIT_DIMENSIONS:  # a village where people came but raised nothing is a row too
            keys_now |= {k for (t, k) in visit_dim if t == 0}
        for k in keys_now:
            now = dim_figures(0, k)
            assert now is not None
            breakdown.append(BreakdownRow(k, source.label(by, k), now,
                                          dim_figures(index[period.previous()], k),
                                          dim_figures(index[period.last_year()], k)))
        breakdown.sort(key=lambda r: (-r.figures.cases, r.label))

    notices = notice_rows("department", ((k, source.label("department", k), make_figures(cnt, {}))
                                         for k, cnt in per_department.items()), options.thresholds)
    if len(per_station) > 1 or source.labels.get("station"):
        notices += notice_rows("station", ((k, source.label("station", k), make_figures(cnt, {}))
                                           for k, cnt in per_station.items()), options.thresholds)

    problems = problem_list(conn, source, period, today, limit=options.problems) if options.problems else []
    return Report(scope=source.scope, period=period, as_of=to_local(as_of).replace(microsecond=0),
                  totals=figures_for(0), previous=figures_for(index[period.previous()]),
                  last_year=figures_for(index[period.last_year()]), by=by, breakdown=tuple(breakdown),
                  problems=tuple(problems), notices=tuple(notices), thresholds=tuple(options.thresholds))


def problem_list(conn: Connection | Session, source: ReportSource, period: Period, today: dt.date, *,
                 limit: int = PROBLEM_LIMIT) -> list[Any]:
    """The 问题清单 of ``period``: the busiest (category, village) groups found in SQL, their distinct
    summaries counted in SQL, grouped by alike text in ``domain.reports.group_problems``, then each
    problem's case numbers read (oldest first)."""
    c = source.cases.c
    start, end = period.utc_bounds()
    in_period = and_(c.registered_at >= start, c.registered_at < end)
    cat, vil = _group_key(c.category).label("category"), _group_key(c.village).label("village")
    top = _execute(conn, select(cat, vil, func.count().label("n")).where(in_period)
                   .group_by(*_positions(2)).having(func.count() >= 2)
                   .order_by(func.count().desc()).limit(PROBLEM_GROUPS))
    if not top:
        return []
    pairs = [(r.category, r.village) for r in top]
    open_ = [s.value for s in OPEN_STATUSES]
    is_open = c.status.in_(open_)
    group = _group_filter(c, pairs)
    stmt = (select(cat, vil, _group_key(c.summary).label("summary"), func.count().label("n"),
                   _flag(is_open).label("open"),
                   _flag(and_(is_open, c.deadline < today)).label("overdue"),
                   _flag(c.status == Status.CLOSED.value).label("closed"),
                   func.min(c.registered_at).label("first"))
            .where(in_period, group).group_by(*_positions(3))
            .order_by(func.count().desc(), "first", "summary").limit(PROBLEM_TEXTS))
    rows = sorted(_execute(conn, stmt), key=lambda r: (r.first, r.summary or ""))  # oldest first: the leader
    texts = [ProblemText(_key(r.category), _key(r.village), r.summary or "", int(r.n), int(r.open),
                         int(r.overdue), int(r.closed)) for r in rows]
    problems = group_problems(texts, limit=limit)
    if not problems:
        return []
    wanted = {(p.category, p.village, s): i for i, p in enumerate(problems) for s in p.summaries}
    numbers: dict[int, list[str]] = defaultdict(list)
    stmt = (select(c.category, c.village, c.summary, c.number).where(in_period, group)
            .where(c.summary.in_({s for (_c, _v, s) in wanted}))
            .order_by(c.registered_at, c.number))
    for r in _execute(conn, stmt):
        i = wanted.get((_key(r.category), _key(r.village), r.summary or ""))
        if i is not None and len(numbers[i]) < PROBLEM_NUMBERS:
            numbers[i].append(r.number)
    return [dataclasses.replace(p, category=source.label("category", p.category),
                                village=source.label("village", p.village), numbers=tuple(numbers[i]))
            for i, p in enumerate(problems)]


def _group_filter(c: Any, pairs: Sequence[tuple[Any, Any]]) -> ColumnElement[bool]:
    """``(category, village) IN pairs`` spelled so a NULL village or category matches too."""
    conds = []
    for cat, vil in pairs:
        conds.append(and_(c.category.is_(None) if cat is None else c.category == cat,
                          c.village.is_(None) if vil is None else c.village == vil))
    return or_(*conds)


__all__ = ["CASE_COLUMNS", "DIMENSIONS", "VISIT_COLUMNS", "ReportOptions", "ReportSource", "build_report",
           "problem_list"]
