"""The station's period report in one read transaction (what the desk's 统计 page and ``liaison-desk report``
call)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ...db.database import Database
from ...domain.reports import DEFAULT_THRESHOLDS, Period, Report, Threshold, parse_period
from .engine import PROBLEM_LIMIT, ReportOptions, build_report
from .source import station_source


def station_report(db: Database, period: Period | str, *, by: str | None = None,
                   thresholds: Sequence[Threshold] = DEFAULT_THRESHOLDS, problems: int = PROBLEM_LIMIT,
                   as_of: dt.datetime | None = None) -> Report:
    """The report of ``period`` (a ``Period`` or its text, e.g. ``2026-11``) broken down ``by`` a dimension;
    ``as_of`` (naive UTC, default now) is the cut-off the states and "overdue" are judged at."""
    p = period if isinstance(period, Period) else parse_period(period)
    with db.session(write=False) as s:
        return build_report(s, station_source(s), p, ReportOptions(by=by, thresholds=tuple(thresholds),
                                                                   problems=problems, as_of=as_of))
