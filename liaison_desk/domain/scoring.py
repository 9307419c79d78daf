"""Duty performance score (履职积分): scoring rules and how a deputy's counted records become points.

Plain Python: the service counts the records (shifts signed, visits received, activities attended, cases
followed to closure…) as *metrics*; the rules turn metric counts into points item by item, cap each item and
each category, and grade the total. Nothing here is typed in: a count is the number of records behind it,
plus approved disputes (申报错漏) that add or remove a record the desk missed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .errors import ValidationError
from .vocab import ACTIVITY_KINDS, VISIT_CHANNELS

# What can be counted. ``activity:<kind>`` is one participation in an activity of that kind; ``visit:<channel>``
# one visit received on that channel; ``households`` the households of the household visits taken part in.
CASE_METRICS: Mapping[str, tuple[str, str]] = {
    "case:registered": ("登记社情民意", "Cases registered"),
    "case:assigned": ("交办职能部门", "Cases handed to a department"),
    "case:closed": ("跟踪至办结", "Cases followed to closure"),
    "case:solved": ("问题得到解决", "Cases solved"),
    "case:satisfied": ("群众满意", "Cases closed with the constituent satisfied"),
}
# 述职评议 (issue 18): one accepted voters' ballot of the year with that verdict (services.civic.appraisals).
APPRAISAL_METRICS: Mapping[str, tuple[str, str]] = {
    "appraisal:competent": ("述职评议称职", "Appraised competent by voters"),
    "appraisal:basically_competent": ("述职评议基本称职", "Appraised basically competent by voters"),
    "appraisal:incompetent": ("述职评议不称职", "Appraised incompetent by voters"),
}
METRICS: Mapping[str, tuple[str, str]] = {
    "shift": ("进站值班", "Duty shifts at the station"),
    "shift:missed": ("缺勤班次", "Missed shifts"),
    "visit": ("接待来访", "Visits received"),
    **{f"visit:{k}": (f"接待来访（{zh}）", f"Visits received ({en})") for k, (zh, en) in VISIT_CHANNELS.items()},
    "households": ("走访选民户数", "Households visited"),
    **{f"activity:{k}": v for k, v in ACTIVITY_KINDS.items()},
    **CASE_METRICS,
    **APPRAISAL_METRICS,
}

GRADES: tuple[tuple[int, str, str], ...] = ((90, "优秀", "Excellent"), (75, "好", "Good"), (60, "一般", "Fair"),
                                            (0, "较差", "Poor"))


def grade_of(total: int) -> str:
    """优秀 at 90 or more, 好 at 75, 一般 at 60, 较差 below (the district's thresholds)."""
    return next(zh for floor, zh, _ in GRADES if total >= floor)


def _fail(code: str, zh: str, field: str, en: str) -> None:
    raise ValidationError(code, zh, field=field, message_en=en)


@dataclass(frozen=True)
class ScoreCategory:
    """One of the rule set's categories, with the most points it can give (None: no cap)."""

    code: str
    name: str
    cap: int | None = None

    def __post_init__(self) -> None:
        if not self.code or not self.name:
            _fail("bad_score_category", "积分类别的代码和名称不能为空。", "code", "A category needs a code and a name.")
        if self.cap is not None and self.cap <= 0:
            _fail("bad_score_cap", f"积分类别“{self.name}”的封顶分值应大于 0。", "cap", "A category cap must be > 0.")


@dataclass(frozen=True)
class ScoreItem:
    """One scoring item: ``points`` for every ``per`` counted units of ``metric``, at most ``cap`` points."""

    code: str
    category: str
    name: str
    metric: str
    points: int
    per: int = 1
    cap: int | None = None

    def __post_init__(self) -> None:
        if not self.code or not self.name:
            _fail("bad_score_item", "积分项目的代码和名称不能为空。", "code", "An item needs a code and a name.")
        if self.metric not in METRICS:
            _fail("bad_metric", f"积分项目“{self.name}”的计分依据“{self.metric}”无效。", "metric",
                  f"Unknown metric {self.metric!r}.")
        if not isinstance(self.points, int) or self.points == 0 or abs(self.points) > 100:
            _fail("bad_points", f"积分项目“{self.name}”的分值应为 -100 到 100 之间的非零整数。", "points",
                  "Points must be a non-zero integer between -100 and 100.")
        if not isinstance(self.per, int) or self.per < 1:
            _fail("bad_per", f"积分项目“{self.name}”的计分单位至少为 1。", "per", "per must be at least 1.")
        if self.cap is not None and self.cap <= 0:
            _fail("bad_score_cap", f"积分项目“{self.name}”的封顶分值应大于 0。", "cap", "An item cap must be > 0.")

    def score(self, count: int) -> tuple[int, bool]:
        """Points for ``count`` units and whether the cap cut them (a deduction is capped at ``-cap``)."""
        raw = (max(count, 0) // self.per) * self.points
        if self.cap is None or abs(raw) <= self.cap:
            return raw, False
        return (self.cap if raw > 0 else -self.cap), True


@dataclass(frozen=True)
class ScoringRules:
    """A rule set: categories in display order and their items."""

    categories: tuple[ScoreCategory, ...]
    items: tuple[ScoreItem, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "categories", tuple(self.categories))
        object.__setattr__(self, "items", tuple(self.items))
        codes = [c.code for c in self.categories]
        if len(set(codes)) != len(codes):
            _fail("duplicate_score_category", "积分类别代码重复。", "categories", "Category codes repeat.")
        items = [i.code for i in self.items]
        if len(set(items)) != len(items):
            _fail("duplicate_score_item", "积分项目代码重复。", "items", "Item codes repeat.")
        for item in self.items:
            if item.category not in codes:
                _fail("bad_item_category", f"积分项目“{item.name}”所属类别“{item.category}”不存在。", "category",
                      f"Item {item.code!r} names an unknown category.")

    @property
    def metrics(self) -> frozenset[str]:
        return frozenset(i.metric for i in self.items)

    def item(self, code: str) -> ScoreItem:
        for i in self.items:
            if i.code == code:
                return i
        raise ValidationError("unknown_score_item", f"积分项目“{code}”不存在。", field="item",
                              message_en=f"Unknown score item {code!r}.")


@dataclass(frozen=True)
class LineScore:
    """One item of one deputy's year: how many records, the points they give, whether a cap cut them."""

    category: str  # category name (Chinese)
    item: str  # item name (Chinese)
    count: int
    points: int
    capped: bool
    item_code: str = ""
    category_code: str = ""
    adjustment: int = 0  # approved disputes included in ``count``


@dataclass(frozen=True)
class CategoryScore:
    code: str
    name: str
    points: int  # after the category cap
    raw: int  # the sum of its lines
    capped: bool


@dataclass(frozen=True)
class ScoreSheet:
    total: int
    grade: str
    lines: tuple[LineScore, ...]
    categories: tuple[CategoryScore, ...]


def score(rules: ScoringRules, counts: Mapping[str, int], adjustments: Mapping[str, int] | None = None) -> ScoreSheet:
    """Points from metric ``counts``; ``adjustments`` (item code → ± units from approved disputes) change an
    item's count. Item caps first, then category caps; the total is never below zero."""
    adjustments = adjustments or {}
    names = {c.code: c for c in rules.categories}
    lines, by_cat = [], {c.code: 0 for c in rules.categories}
    for item in rules.items:
        adj = adjustments.get(item.code, 0)
        count = max(0, counts.get(item.metric, 0) + adj)
        points, capped = item.score(count)
        by_cat[item.category] += points
        lines.append(LineScore(names[item.category].name, item.name, count, points, capped, item.code,
                               item.category, adj))
    cats = []
    for c in rules.categories:
        raw = by_cat[c.code]
        pts = min(raw, c.cap) if c.cap is not None else raw
        cats.append(CategoryScore(c.code, c.name, pts, raw, pts != raw))
    total = max(0, sum(c.points for c in cats))
    return ScoreSheet(total, grade_of(total), tuple(lines), tuple(cats))


def total_of(rules: ScoringRules, counts: Mapping[str, int], adjustments: Mapping[str, int] | None = None) -> int:
    """``score(...).total`` without building the lines: what a ranking of a whole county needs."""
    by_cat = dict.fromkeys((c.code for c in rules.categories), 0)
    get, adj = counts.get, adjustments or {}
    for item in rules.items:
        count = get(item.metric, 0) + adj.get(item.code, 0)
        if count > 0:
            raw = (count // item.per) * item.points
            by_cat[item.category] += raw if item.cap is None or abs(raw) <= item.cap else \
                (item.cap if raw > 0 else -item.cap)
    total = sum(min(by_cat[c.code], c.cap) if c.cap is not None else by_cat[c.code] for c in rules.categories)
    return max(0, total)


def _items(rows: Iterable[tuple[str, str, str, str, int, int, int | None]]) -> tuple[ScoreItem, ...]:
    return tuple(ScoreItem(code, cat, name, metric, pts, per, cap) for code, cat, name, metric, pts, per, cap in rows)


# The default modelled on the district rules (5 categories, 21 items of 2–10 points), plus the voters'
# appraisal (述职评议称职, issue 18). Category caps add up to 100: attending everything and keeping one's
# shifts comes to about 60 (一般); suggestions and survey reports reach 75 (好); problems
# solved to the masses' satisfaction are what takes a deputy past 90 (优秀).
DEFAULT_RULES = ScoringRules(
    categories=(
        ScoreCategory("meetings", "依法参加会议", 25),
        ScoreCategory("contact", "联系服务群众", 25),
        ScoreCategory("advice", "建言献策", 20),
        ScoreCategory("supervision", "监督视察", 10),
        ScoreCategory("service", "为民办实事", 20),
    ),
    items=_items((
        ("session", "meetings", "参加人民代表大会会议", "activity:session", 10, 1, 10),
        ("standing_committee", "meetings", "列席常委会会议", "activity:standing_committee", 5, 1, 10),
        ("training", "meetings", "参加履职培训", "activity:training", 4, 1, 8),
        ("group_activity", "meetings", "参加代表小组活动", "activity:group_activity", 3, 1, 9),
        ("shift", "contact", "进站值班接待", "shift", 4, 1, 16),
        ("walk_in", "contact", "接待来站群众", "visit:walk_in", 2, 1, 10),
        ("household_visits", "contact", "走访选民活动", "activity:household_visits", 4, 1, 12),
        ("households", "contact", "走访选民户数（每 10 户）", "households", 2, 10, 6),
        ("bench_meeting", "contact", "召开板凳会", "visit:bench_meeting", 3, 1, 9),
        ("report_to_voters", "contact", "向选民述职", "activity:report_to_voters", 10, 1, 10),
        ("appraisal_competent", "contact", "述职评议称职", "appraisal:competent", 5, 1, 5),
        ("suggestion", "advice", "提出建议", "activity:suggestion", 8, 1, 16),
        ("survey", "advice", "调研并形成报告", "activity:survey", 6, 1, 12),
        ("law_consultation", "advice", "法规草案征求意见", "activity:law_consultation", 3, 1, 6),
        ("monthly_theme", "advice", "参加月度主题活动", "activity:monthly_theme", 3, 1, 12),
        ("inspection", "supervision", "参加视察", "activity:inspection", 5, 1, 10),
        ("symposium", "supervision", "参加部门座谈会", "activity:symposium", 3, 1, 6),
        ("case_assigned", "supervision", "推动交办督办", "case:assigned", 2, 1, 8),
        ("case_registered", "service", "收集社情民意", "case:registered", 2, 1, 10),
        ("case_closed", "service", "跟踪问题至办结", "case:closed", 3, 1, 9),
        ("case_solved", "service", "推动问题解决", "case:solved", 5, 1, 15),
        ("case_satisfied", "service", "群众满意", "case:satisfied", 5, 1, 20),
    )),
)
