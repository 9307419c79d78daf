"""Working days in China: weekends, public holidays and make-up working days (调休), for 限时办结 deadlines.

The default holidays ship as data (``resources/calendar/holidays_cn.json``, whose ``_source`` names the
State Council notice each year comes from). A station or the hub adds overrides (a new year's notice, a
local holiday) as rows of the synced ``holidays`` table; the service layer merges them over the default.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import ValidationError

HOLIDAY = "holiday"  # 放假
WORKDAY = "workday"  # 调休上班
DAY_KINDS = (HOLIDAY, WORKDAY)
MAX_WORKING_DAYS = 366


@dataclass(frozen=True)
class DayRule:
    """One day that is not what its weekday says: a holiday on a weekday, or a working Saturday/Sunday."""

    date: dt.date
    kind: str  # holiday | workday
    name: str = ""


@dataclass(frozen=True)
class WorkCalendar:
    """Which days are working days. Immutable; build a new one to apply overrides."""

    holidays: Mapping[dt.date, str] = field(default_factory=dict)
    workdays: Mapping[dt.date, str] = field(default_factory=dict)
    provisional_years: frozenset[int] = frozenset()

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def day_name(self, day: dt.date) -> str:
        """The holiday or make-up day's name ("" for an ordinary day)."""
        return self.holidays.get(day) or self.workdays.get(day) or ""

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The deadline ``n`` working days after ``start`` (the day of assignment itself does not count)."""
        if not 0 <= n <= MAX_WORKING_DAYS:
            raise ValidationError("bad_working_days", f"工作日数应在 0 到 {MAX_WORKING_DAYS} 之间。",
                                  field="working_days",
                                  message_en=f"Working days must be between 0 and {MAX_WORKING_DAYS}.")
        day = start
        while n > 0:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                n -= 1
        return day

    def next_working_day(self, after: dt.date) -> dt.date:
        """The first working day strictly after ``after`` (the next duty day, for the handover)."""
        return self.add_working_days(after, 1)

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]; negative when ``end`` is before ``start`` (days overdue)."""
        if end < start:
            return -self.working_days_between(end, start)
        return sum(1 for i in range(1, (end - start).days + 1)
                   if self.is_working_day(start + dt.timedelta(days=i)))

    def with_overrides(self, rules: Iterable[DayRule]) -> WorkCalendar:
        """This calendar with per-day rules laid over it (a later rule for the same day wins)."""
        holidays, workdays = dict(self.holidays), dict(self.workdays)
        for r in rules:
            holidays.pop(r.date, None)
            workdays.pop(r.date, None)
            (holidays if r.kind == HOLIDAY else workdays)[r.date] = r.name
        return WorkCalendar(holidays, workdays, self.provisional_years)


def _date(value: Any, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError("bad_date", f"{what}不是有效日期：{value}", field="date") from None


def parse_calendar_data(data: Mapping[str, Any]) -> WorkCalendar:
    """The calendar described by the shipped JSON: ``years → {holidays: [[from, to, name]], workdays:
    [[date, name]], provisional}``."""
    holidays: dict[dt.date, str] = {}
    workdays: dict[dt.date, str] = {}
    provisional = set()
    for year, spec in (data.get("years") or {}).items():
        if spec.get("provisional"):
            provisional.add(int(year))
        for first, last, name in spec.get("holidays", []):
            a, b = _date(first, "假期开始日期"), _date(last, "假期结束日期")
            while a <= b:
                holidays[a] = name
                a += dt.timedelta(days=1)
        for day, name in spec.get("workdays", []):
            workdays[_date(day, "调休上班日期")] = name
    return WorkCalendar(holidays, workdays, frozenset(provisional))


def validate_day_rule(date: Any, kind: str, name: str = "") -> DayRule:
    if kind not in DAY_KINDS:
        raise ValidationError("bad_value", "日期类型应为“放假”或“调休上班”。", field="kind",
                              message_en="The kind must be holiday or workday.")
    name = (name or "").strip()
    if len(name) > 40:
        raise ValidationError("too_long", "名称最多 40 个字。", field="name")
    day = date if isinstance(date, dt.date) else _date(date, "日期")
    return DayRule(day, kind, name)


WEEKDAYS_ONLY = WorkCalendar()
