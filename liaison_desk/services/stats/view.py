"""What the 统计 page shows: the period's report (figures with 上期 and 去年同期, a breakdown, the 问题清单),
the months its charts cover, and the cases behind a 问题清单 row."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from ...db.database import Database
from ...db.models import Case
from ...domain.masking import mask_text
from ...domain.reports import Period, Report, parse_period
from ...domain.timeutil import to_local
from ...domain.workflow import STATUS_LABELS, Status
from ...printing.charts import MonthPoint, cases_chart, drawing_svg, rates_chart
from ..reports.station import station_report

TREND_MONTHS = 12  # a month's (or a short range's) charts show the year up to it: one bar is no trend
MAX_CHART_MONTHS = 36  # a longer range shows its last 36 months


@dataclass(frozen=True)
class StatsView:
    report: Report
    months: tuple[MonthPoint, ...]


@dataclass(frozen=True)
class CaseLine:
    """One case of a 问题清单 row, for the list the row opens."""

    id: uuid.UUID
    number: str
    registered_at: dt.datetime  # station-local
    summary: str  # masked: no full ID or phone number on screen
    status: str  # in Chinese


def _month(first: dt.date) -> Period:
    nxt = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return Period("month", first, nxt - dt.timedelta(days=1))


def chart_months(period: Period) -> list[Period]:
    """The calendar months the charts cover: the period's months (a range's, whole months it touches), or, for
    a single month or a range within one, the twelve months ending with it."""
    months = []
    d = period.first.replace(day=1)
    while d <= period.last:
        months.append(_month(d))
        d = months[-1].last + dt.timedelta(days=1)
    if len(months) == 1:  # one month: the year up to it
        while len(months) < TREND_MONTHS:
            months.insert(0, _month((months[0].first - dt.timedelta(days=1)).replace(day=1)))
    return months[-MAX_CHART_MONTHS:]


def _label(p: Period, i: int) -> str:
    """"11月"; the year under the first month, and under a January not right beside it (labels are narrow)."""
    year = i == 0 or (p.first.month == 1 and i >= 3)
    return f"{p.first.month}月\n{p.first.year}年" if year else f"{p.first.month}月"


def stats_view(db: Database, period: Period | str, *, by: str | None = None,
               as_of: dt.datetime | None = None) -> StatsView:
    """The period's report broken down ``by`` (the report engine's dimensions), and one point per chart month:
    cases registered per category, 办结率 and 满意率 — each month counted by the same rules as the report."""
    p = period if isinstance(period, Period) else parse_period(period)
    report = station_report(db, p, by=by, as_of=as_of)
    points = []
    for i, m in enumerate(chart_months(p)):
        r = station_report(db, m, by="category", problems=0, as_of=as_of)
        points.append(MonthPoint(_label(m, i), {row.label: row.figures.cases for row in r.breakdown},
                                 r.totals.closure_rate, r.totals.satisfaction_rate))
    return StatsView(report, tuple(points))


def chart_svgs(months: Sequence[MonthPoint], width: float, height: float, *, font_size: float = 9,
               font_family: str | None = None) -> tuple[bytes, bytes]:
    """The two charts as SVG for the screen (``font_family``: the screen's name of the bundled font): the
    same drawings the month-end pack prints."""
    return (drawing_svg(cases_chart(months, width, height, font_size=font_size), font_family),
            drawing_svg(rates_chart(months, width, height, font_size=font_size), font_family))


def problem_cases(db: Database, numbers: Sequence[str]) -> list[CaseLine]:
    """The cases with these numbers (a 问题清单 row's), oldest first; deleted ones are left out."""
    status_zh = {s.value: STATUS_LABELS[s][0] for s in Status}
    with db.session(write=False) as s:
        rows = s.execute(select(Case.id, Case.number, Case.registered_at, Case.summary, Case.status)
                         .where(Case.number.in_(list(numbers)), Case.deleted_hlc.is_(None))
                         .order_by(Case.registered_at, Case.number)).all()
    return [CaseLine(r[0], r[1], to_local(r[2]), mask_text(r[3] or ""), status_zh.get(r[4], r[4])) for r in rows]
