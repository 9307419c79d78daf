"""Period reports (统计报表): the periods, the figures and how each is counted, the 问题清单 and the 通报 table.

Plain Python over numbers the services aggregate in SQL: every figure here is built from additive counts per
group (so a station, a township or the whole county adds up the same way) and a histogram of days to close
(so the 90th percentile is exact without reading a case twice). ``docs/REPORTS.md`` explains each definition;
this module is the one place they are computed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from .errors import ValidationError
from .similarity import DEFAULT_THRESHOLD, bigrams, jaccard
from .timeutil import to_utc

# -- periods ---------------------------------------------------------------------------------------------------

PERIOD_KINDS = ("month", "quarter", "half", "year", "range")
_QUARTERS = ("第一季度", "第二季度", "第三季度", "第四季度")
MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_RANGE_DAYS = 3660  # ten years: a typo (20260 for 2026) is refused, not run over a century

_PERIOD_HELP = "应为：月份 2026-11、季度 2026Q3、半年 2026H1、年度 2026，或日期范围 2026-01-05..2026-02-10"
_PERIOD_HELP_EN = "use a month 2026-11, a quarter 2026Q3, a half 2026H1, a year 2026 or a range 2026-01-05..2026-02-10"


@dataclass(frozen=True)
class Period:
    """统计期间 — a month, quarter, half-year, year or date range, in station-local dates (both ends included)."""

    kind: str
    first: dt.date
    last: dt.date

    @property
    def code(self) -> str:
        """How the command line spells it (``parse_period(p.code) == p``)."""
        y = self.first.year
        match self.kind:
            case "month":
                return f"{y}-{self.first.month:02d}"
            case "quarter":
                return f"{y}Q{(self.first.month - 1) // 3 + 1}"
            case "half":
                return f"{y}H{1 if self.first.month == 1 else 2}"
            case "year":
                return str(y)
        return f"{self.first.isoformat()}..{self.last.isoformat()}"

    def label(self, lang: str = "zh") -> str:
        y = self.first.year
        if lang == "en":
            return {"month": self.first.strftime("%B %Y"), "year": str(y)}.get(self.kind, self.code)
        match self.kind:
            case "month":
                return f"{y}年{self.first.month}月"
            case "quarter":
                return f"{y}年{_QUARTERS[(self.first.month - 1) // 3]}"
            case "half":
                return f"{y}年{'上' if self.first.month == 1 else '下'}半年"
            case "year":
                return f"{y}年"
        return f"{_zh_date(self.first)}至{_zh_date(self.last)}"

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def previous(self) -> Period:
        """The period just before: the previous month, quarter, half or year; for a range, as many days
        ending the day before it starts (上期)."""
        if self.kind == "range":
            last = self.first - dt.timedelta(days=1)
            return Period("range", last - dt.timedelta(days=self.days - 1), last)
        return _calendar_period(self.kind, self.first - dt.timedelta(days=1))

    def last_year(self) -> Period:
        """The same period one year earlier (去年同期); 29 February becomes the 28th."""
        return Period(self.kind, _minus_year(self.first), _minus_year(self.last))

    def utc_bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """[start, end) as naive UTC, the way date-times are stored: local midnight of the first day to local
        midnight after the last."""
        return (to_utc(dt.datetime.combine(self.first, dt.time())),
                to_utc(dt.datetime.combine(self.last + dt.timedelta(days=1), dt.time())))


def _zh_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _minus_year(d: dt.date) -> dt.date:
    return d.replace(year=d.year - 1, day=min(d.day, calendar.monthrange(d.year - 1, d.month)[1]))


def _calendar_period(kind: str, inside: dt.date) -> Period:
    """The month, quarter, half or year containing ``inside``."""
    y, m = inside.year, inside.month
    first_month, months = {"month": (m, 1), "quarter": ((m - 1) // 3 * 3 + 1, 3),
                           "half": (1 if m <= 6 else 7, 6), "year": (1, 12)}[kind]
    last_month = first_month + months - 1
    return Period(kind, dt.date(y, first_month, 1), dt.date(y, last_month, calendar.monthrange(y, last_month)[1]))


def _bad_period(text: str, why: str = "", why_en: str = "") -> ValidationError:
    shown = text.strip() or "（空）"
    return ValidationError("bad_period", f"统计期间“{shown}”无效{('：' + why) if why else ''}。{_PERIOD_HELP}。",
                           field="period",
                           message_en=f"Invalid period {text.strip()!r}{(': ' + why_en) if why_en else ''}; "
                                      f"{_PERIOD_HELP_EN}.")


def _year(text: str, raw: str) -> int:
    y = int(text)
    if not MIN_YEAR <= y <= MAX_YEAR:
        raise _bad_period(raw, f"年份应在 {MIN_YEAR} 到 {MAX_YEAR} 之间", f"the year must be {MIN_YEAR}-{MAX_YEAR}")
    return y


def _parse_date(text: str, raw: str) -> dt.date:
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", text.strip())
    if not m:
        raise _bad_period(raw, f"“{text.strip()}”不是日期", f"{text.strip()!r} is not a date")
    try:
        return dt.date(_year(m.group(1), raw), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise _bad_period(raw, f"没有 {text.strip()} 这一天", f"there is no day {text.strip()}") from None


def parse_period(text: str | None) -> Period:
    """A period from how people write it: ``2026-11`` / ``2026年11月``, ``2026Q3`` / ``2026年第3季度``,
    ``2026H1`` / ``2026年上半年``, ``2026`` / ``2026年``, or ``2026-01-05..2026-02-10`` (也可写“至”)."""
    raw = text or ""
    s = raw.strip().upper().replace(" ", "")
    if not s:
        raise _bad_period(raw, "没有填写", "empty")
    if m := re.fullmatch(r"(\d{4})年?", s):
        return _calendar_period("year", dt.date(_year(m.group(1), raw), 1, 1))
    if m := re.fullmatch(r"(\d{4})(?:[-/.]|年)(\d{1,2})月?", s):
        month = int(m.group(2))
        if not 1 <= month <= 12:
            raise _bad_period(raw, "月份应在 1 到 12 之间", "the month must be 1-12")
        return _calendar_period("month", dt.date(_year(m.group(1), raw), month, 1))
    if m := re.fullmatch(r"(\d{4})(?:-?Q|年第?)([1-4一二三四])(?:季度?)?", s):
        q = "1234一二三四".index(m.group(2)) % 4 + 1
        return _calendar_period("quarter", dt.date(_year(m.group(1), raw), q * 3 - 2, 1))
    if m := re.fullmatch(r"(\d{4})(?:-?H([12])|年([上下])半年)", s):
        first_half = m.group(2) == "1" or m.group(3) == "上"
        return _calendar_period("half", dt.date(_year(m.group(1), raw), 1 if first_half else 7, 1))
    parts = re.split(r"\.\.|至|到|~|～|—", s)
    if len(parts) == 2:
        first, last = _parse_date(parts[0], raw), _parse_date(parts[1], raw)
        if last < first:
            raise _bad_period(raw, "结束日期早于开始日期", "the end is before the start")
        if (last - first).days >= MAX_RANGE_DAYS:
            raise _bad_period(raw, "日期范围不能超过十年", "a range may not exceed ten years")
        return Period("range", first, last)
    if re.fullmatch(r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?", s):
        d = _parse_date(s, raw)
        return Period("range", d, d)
    raise _bad_period(raw)


# -- dimensions ------------------------------------------------------------------------------------------------

DIMENSIONS: Mapping[str, tuple[str, str]] = {
    "station": ("联络站", "Station"),
    "township": ("乡镇（街道）", "Township"),
    "village": ("村（社区）", "Village"),
    "category": ("问题类别", "Category"),
    "department": ("承办单位", "Department"),
    "deputy": ("接待代表", "Deputy"),
    "triage": ("分办颜色", "Triage colour"),
}
# What a visit is known by (a visit has no category, department or triage colour until a case is raised)
VISIT_DIMENSIONS = frozenset({"station", "township", "village", "deputy"})
UNKNOWN_LABEL = ("（未填）", "(not given)")


def check_dimension(by: str | None) -> str | None:
    if by is None or by in DIMENSIONS:
        return by
    allowed = "、".join(f"{k}（{zh}）" for k, (zh, _en) in DIMENSIONS.items())
    raise ValidationError("bad_dimension", f"分组方式“{by}”无效，应为：{allowed}。", field="by",
                          message_en=f"Invalid breakdown {by!r}; use one of {', '.join(DIMENSIONS)}.")


# -- figures ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    """Additive counts over the cases registered in a period (one group's, or a sum of groups'); the states
    are the cases' states at the report's cut-off (``docs/REPORTS.md``)."""

    cases: int = 0  # 收集（件）: cases registered in the period
    withdrawn: int = 0  # 撤回
    assigned: int = 0  # 交办: handed to a department (assigned_at set)
    closed: int = 0  # 办结
    solved: int = 0  # closed with resolution 已解决
    rated: int = 0  # a 回访 recorded an answer (满意 / 基本满意 / 不满意)
    satisfied: int = 0  # 满意 + 基本满意
    due: int = 0  # 应答复: has a deadline that has passed by the cut-off, or has been answered
    replied: int = 0  # of ``due``: answered (答复) at all
    on_time: int = 0  # of ``due``: answered on or before the deadline day
    reopened: int = 0  # reopened at least once (重新办理)
    overdue: int = 0  # open and past the deadline at the cut-off

    def __add__(self, other: Counts) -> Counts:
        return Counts(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})


COUNT_FIELDS = tuple(f.name for f in fields(Counts))


def rate(part: int, whole: int) -> float | None:
    """A percentage with two decimals, or None when nothing is there to divide by (shown as —)."""
    return round(100.0 * part / whole, 2) if whole else None


def percentile(histogram: Mapping[int, int], p: float) -> int | None:
    """The nearest-rank ``p``-th percentile of whole-day values given as {days: how many cases}: the smallest
    value at or below which at least p % of the cases lie (the 90th of 1..10 is 9). None when empty."""
    n = sum(histogram.values())
    if n == 0:
        return None
    rank = max(1, math.ceil(p / 100.0 * n))
    seen = 0
    for days in sorted(histogram):
        seen += histogram[days]
        if seen >= rank:
            return days
    raise AssertionError("unreachable")  # pragma: no cover - seen reaches n >= rank


def mean_days(histogram: Mapping[int, int]) -> float | None:
    n = sum(histogram.values())
    return round(sum(d * c for d, c in histogram.items()) / n, 1) if n else None


@dataclass(frozen=True)
class Figures:
    """One column of the figures sheet: a period's (or a group's) counts and the rates made from them."""

    visits: int | None  # 收集（人次）: visits in the period; None where visits are not known (a category…)
    people: int | None  # 收集（人）: people who came (a visit's headcount)
    cases: int
    assigned: int
    closed: int
    closure_rate: float | None  # 办结率 = 办结 / (收集 − 撤回)
    on_time_rate: float | None  # 按期办结率 = 按期答复 / 应答复
    reply_rate: float | None  # 回复率 = 已答复 / 应答复
    resolution_rate: float | None  # 解决率 = 已解决 / 办结
    satisfaction_rate: float | None  # 满意率 = (满意 + 基本满意) / 有评价
    avg_days: float | None  # 平均办结天数 (calendar days, registration to closure, station dates)
    p90_days: int | None  # 90% 办结天数 (nearest rank)
    reopened: int
    overdue: int
    counts: Counts = field(default_factory=Counts)


def make_figures(counts: Counts, days: Mapping[int, int], visits: int | None = None,
                 people: int | None = None) -> Figures:
    c = counts
    return Figures(
        visits=visits, people=people, cases=c.cases, assigned=c.assigned, closed=c.closed,
        closure_rate=rate(c.closed, c.cases - c.withdrawn), on_time_rate=rate(c.on_time, c.due),
        reply_rate=rate(c.replied, c.due), resolution_rate=rate(c.solved, c.closed),
        satisfaction_rate=rate(c.satisfied, c.rated), avg_days=mean_days(days), p90_days=percentile(days, 90),
        reopened=c.reopened, overdue=c.overdue, counts=c)


@dataclass(frozen=True)
class FigureDef:
    key: str
    zh: str
    en: str
    kind: str  # count | rate | days


# The figures sheet's rows, in order: the one list the JSON, the PDF and the workbook follow.
FIGURES: tuple[FigureDef, ...] = (
    FigureDef("visits", "收集（来访人次）", "Visits", "count"),
    FigureDef("people", "收集（来访人数）", "People", "count"),
    FigureDef("cases", "收集（件）", "Cases", "count"),
    FigureDef("assigned", "交办（件）", "Assigned", "count"),
    FigureDef("closed", "办结（件）", "Closed", "count"),
    FigureDef("closure_rate", "办结率", "Closure rate", "rate"),
    FigureDef("on_time_rate", "按期办结率", "On-time rate", "rate"),
    FigureDef("reply_rate", "回复率", "Reply rate", "rate"),
    FigureDef("resolution_rate", "解决率", "Resolution rate", "rate"),
    FigureDef("satisfaction_rate", "满意率", "Satisfaction rate", "rate"),
    FigureDef("avg_days", "平均办结天数", "Average days to close", "days"),
    FigureDef("p90_days", "90%办结天数", "90th percentile days", "days"),
    FigureDef("reopened", "重新办理（件）", "Reopened", "count"),
    FigureDef("overdue", "超期未办结（件）", "Overdue now", "count"),
)
FIGURE_BY_KEY = {f.key: f for f in FIGURES}


def figure_value(figures: Figures, key: str) -> float | int | None:
    value: float | int | None = getattr(figures, key)
    return value


def change(current: float | int | None, before: float | int | None) -> float | None:
    """current − before (percentage points for a rate, days or cases otherwise); None when either is missing."""
    if current is None or before is None:
        return None
    return round(current - before, 2)


def change_pct(current: float | int | None, before: float | int | None) -> float | None:
    """The relative change of a count in per cent (同比/环比增长); None when the earlier one is 0 or missing."""
    if current is None or not before:
        return None
    return round(100.0 * (current - before) / before, 2)


# -- the 问题清单 ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProblemText:
    """One distinct case summary of a category and village in the period, with how many cases carry it
    (the services count these in SQL; the caller gives them oldest first)."""

    category: str
    village: str
    summary: str
    cases: int = 1
    open: int = 0
    overdue: int = 0
    closed: int = 0  # 已办结 (a withdrawn case is neither open nor closed)


@dataclass(frozen=True)
class Problem:
    """One line of the 问题清单: cases of one category and village whose texts are alike."""

    category: str
    village: str
    title: str  # the earliest summary of the group: what the problem is
    summaries: tuple[str, ...]  # every distinct summary in the group (to find its cases)
    count: int
    open: int
    overdue: int
    closed: int = 0
    numbers: tuple[str, ...] = ()  # its cases' numbers, oldest first (filled in by the service)

    @property
    def state(self) -> str:
        """办理情况 in words: 全部办结, or 未办结 X 件（超期 Y 件）."""
        if not self.open:
            return "全部办结" if self.closed == self.count else f"已办结 {self.closed} 件，其余已撤回"
        text = f"已办结 {self.closed} 件，未办结 {self.open} 件"
        return text + (f"（超期 {self.overdue} 件）" if self.overdue else "")


def group_problems(texts: Iterable[ProblemText], *, threshold: float = DEFAULT_THRESHOLD, limit: int = 20,
                   min_count: int = 2) -> list[Problem]:
    """The problems raised most often: cases grouped by category and village, then by alike text (the
    walk-in form's bigram similarity: a summary joins the first group whose first summary is at least
    ``threshold`` alike, else starts its own). Groups of at least ``min_count`` cases, most cases first
    (ties: category, village, title), at most ``limit``."""
    groups: dict[tuple[str, str], list[tuple[frozenset[str], list[ProblemText]]]] = {}
    for text in texts:
        grams = bigrams(text.summary)
        clusters = groups.setdefault((text.category, text.village), [])
        for leader, members in clusters:
            if jaccard(grams, leader) >= threshold:
                members.append(text)
                break
        else:
            clusters.append((grams, [text]))
    out = []
    for (category, village), clusters in groups.items():
        for _grams, members in clusters:
            count = sum(m.cases for m in members)
            if count < min_count:
                continue
            out.append(Problem(category, village, members[0].summary, tuple(m.summary for m in members), count,
                               open=sum(m.open for m in members), overdue=sum(m.overdue for m in members),
                               closed=sum(m.closed for m in members)))
    out.sort(key=lambda p: (-p.count, p.category, p.village, p.title))
    return out[:limit]


# -- the 通报 table ------------------------------------------------------------------------------------------------

THRESHOLD_METRICS: Mapping[str, tuple[str, str]] = {
    "reply_rate": ("回复率", "reply rate"),
    "on_time_rate": ("按期办结率", "on-time rate"),
    "closure_rate": ("办结率", "closure rate"),
    "resolution_rate": ("解决率", "resolution rate"),
    "satisfaction_rate": ("满意率", "satisfaction rate"),
}


@dataclass(frozen=True)
class Threshold:
    """A floor a department or station is held to: below ``minimum`` per cent is 通报 (highlighted)."""

    metric: str
    minimum: float

    def label(self, lang: str = "zh") -> str:
        zh, en = THRESHOLD_METRICS[self.metric]
        return f"{en if lang == 'en' else zh} < {self.minimum:g}%"


DEFAULT_THRESHOLDS = (Threshold("reply_rate", 92.0), Threshold("satisfaction_rate", 85.0))


def parse_thresholds(text: str | None) -> tuple[Threshold, ...]:
    """``回复率<92,满意率<85`` (or ``reply_rate<92;satisfaction_rate<85``); empty → the defaults."""
    if text is None or not text.strip():
        return DEFAULT_THRESHOLDS
    names = {k: k for k in THRESHOLD_METRICS} | {zh: k for k, (zh, _en) in THRESHOLD_METRICS.items()}
    out = []
    for part in re.split(r"[,，;；]", text):
        if not part.strip():
            continue
        m = re.fullmatch(r"\s*([^<＜\s]+)\s*[<＜]\s*(\d+(?:\.\d+)?)\s*[%％]?\s*", part)
        if not m or m.group(1) not in names or not 0 <= float(m.group(2)) <= 100:
            allowed = "、".join(zh for zh, _en in THRESHOLD_METRICS.values())
            raise ValidationError("bad_threshold", f"通报标准“{part.strip()}”无效，应写成“回复率<92”这样，"
                                  f"指标可为：{allowed}，数值在 0 到 100 之间。", field="thresholds",
                                  message_en=f"Invalid threshold {part.strip()!r}: write e.g. reply_rate<92.")
        out.append(Threshold(names[m.group(1)], float(m.group(2))))
    return tuple(out)


@dataclass(frozen=True)
class NoticeRow:
    """One department or station in the 通报 table, with the thresholds it falls below."""

    kind: str  # department | station
    key: str
    name: str
    figures: Figures
    below: tuple[str, ...]  # metrics under their threshold (a rate with nothing to divide by is never below)


def notice_rows(kind: str, groups: Iterable[tuple[str, str, Figures]],
                thresholds: Sequence[Threshold]) -> list[NoticeRow]:
    """Rows of the 通报 table for (key, name, figures) groups: the ones below a threshold first (most misses,
    then lowest first threshold's rate), then the rest by name."""
    rows = []
    for key, name, fig in groups:
        below = tuple(t.metric for t in thresholds
                      if (v := getattr(fig, t.metric)) is not None and v < t.minimum)
        rows.append(NoticeRow(kind, key, name, fig, below))

    def order(r: NoticeRow) -> tuple[Any, ...]:
        first = getattr(r.figures, thresholds[0].metric) if thresholds else None
        return (-len(r.below), first if first is not None else 101.0, r.name)

    rows.sort(key=order)
    return rows


# -- the report ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BreakdownRow:
    key: str
    label: str
    figures: Figures
    previous: Figures | None = None
    last_year: Figures | None = None


@dataclass(frozen=True)
class Report:
    """A period's report: the totals with their comparisons, one breakdown, the 问题清单 and the 通报 table."""

    scope: str  # whose figures: the station's name, or the county's
    period: Period
    as_of: dt.datetime  # station-local cut-off: states are counted as they stood then
    totals: Figures
    previous: Figures
    last_year: Figures
    by: str | None = None
    breakdown: tuple[BreakdownRow, ...] = ()
    problems: tuple[Problem, ...] = ()
    notices: tuple[NoticeRow, ...] = ()
    thresholds: tuple[Threshold, ...] = DEFAULT_THRESHOLDS

    @property
    def title(self) -> str:
        return f"{self.scope}{self.period.label()}社情民意办理情况统计"


def _figures_json(f: Figures | None) -> dict[str, Any] | None:
    if f is None:
        return None
    return {d.key: figure_value(f, d.key) for d in FIGURES}


def report_to_json(report: Report) -> dict[str, Any]:
    """The report as plain JSON values (what ``--format json`` prints and the console's API can serve)."""
    p = report.period
    comparisons = {}
    for d in FIGURES:
        now = figure_value(report.totals, d.key)
        prev, ly = figure_value(report.previous, d.key), figure_value(report.last_year, d.key)
        comparisons[d.key] = {"previous_change": change(now, prev), "last_year_change": change(now, ly)}
    return {
        "title": report.title, "scope": report.scope,
        "period": {"code": p.code, "label": p.label(), "first": p.first.isoformat(), "last": p.last.isoformat()},
        "previous_period": {"code": p.previous().code, "label": p.previous().label()},
        "last_year_period": {"code": p.last_year().code, "label": p.last_year().label()},
        "as_of": report.as_of.isoformat(timespec="seconds"),
        "definitions": {d.key: {"zh": d.zh, "en": d.en, "kind": d.kind} for d in FIGURES},
        "totals": _figures_json(report.totals), "previous": _figures_json(report.previous),
        "last_year": _figures_json(report.last_year), "changes": comparisons,
        "by": report.by,
        "breakdown": [{"key": r.key, "label": r.label, "figures": _figures_json(r.figures),
                       "previous": _figures_json(r.previous), "last_year": _figures_json(r.last_year)}
                      for r in report.breakdown],
        "problems": [{"category": q.category, "village": q.village, "title": q.title, "count": q.count,
                      "cases": list(q.numbers), "open": q.open, "closed": q.closed, "overdue": q.overdue,
                      "state": q.state} for q in report.problems],
        "thresholds": [{"metric": t.metric, "minimum": t.minimum} for t in report.thresholds],
        "notices": [{"kind": n.kind, "name": n.name, "figures": _figures_json(n.figures), "below": list(n.below)}
                    for n in report.notices],
    }
