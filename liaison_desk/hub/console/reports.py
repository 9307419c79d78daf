"""The county's period reports (issue 16, county side): the station's report engine
(``services.reports.engine.build_report``) run over the console's case index, ``hub_case_index`` — every
station of the county, narrowed for the viewer in SQL (``access.case_filter``: a township's stations, or the
whole county).

The index is passed to the engine as a selectable with the engine's standard columns (``CASE_COLUMNS``):
station and village by their ids (two stations may both have a 新村; the labels name them), township,
category and department by the names the index keeps. The index has no visits and no registering deputy, so
收集人次/人数 are not known at the hub (shown —) and a 接待代表 breakdown is refused with a message.

Each figure the console shows links to ``/cases`` listing exactly its cases: :func:`measure_condition` is the
engine's count (``engine._count_columns``) of one figure written as a condition on an index row, used by
``queries.case_queue(filters=QueueFilters(measure=…, registered_from=…, registered_to=…))``; a test checks
every figure's count against its list's length.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Mapping, Sequence

from sqlalchemy import and_, func, literal, or_, select, true
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from ...domain.access import Permission, Viewer, can, case_filter
from ...domain.errors import PermissionDenied, ValidationError
from ...domain.reports import (
    DEFAULT_THRESHOLDS,
    DIMENSIONS,
    Period,
    Report,
    Threshold,
    check_dimension,
    parse_period,
    parse_thresholds,
)
from ...domain.timeutil import to_local, utcnow
from ...domain.workflow import OPEN_STATUSES, SATISFIED_VALUES, Satisfaction, Status
from ...services.reports.engine import CASE_COLUMNS, PROBLEM_LIMIT, ReportOptions, ReportSource, build_report
from ...services.reports.source import TRIAGE_NAMES
from ..context import HubContext
from ..schema import HubRecord, HubStation
from .index_schema import CaseIndexRow

ix = CaseIndexRow.__table__
#: the breakdowns the index can give (it keeps no registering deputy)
HUB_DIMENSIONS = tuple(d for d in DIMENSIONS if d != "deputy")
#: the county's 通报 thresholds (``liaison-desk-hub serve`` reads them from here; the syntax of ``--thresholds``)
THRESHOLDS_ENV = "LIAISON_HUB_REPORT_THRESHOLDS"

#: the figures a total can list (their keys in ``domain.reports.FIGURES`` / ``Counts``), with the condition
#: on an index row that the engine counts for each
MEASURES: Mapping[str, tuple[str, str]] = {
    "cases": ("收集", "collected"),
    "assigned": ("交办", "assigned"),
    "closed": ("办结", "closed"),
    "withdrawn": ("已撤回", "withdrawn"),
    "solved": ("已解决", "solved"),
    "rated": ("有满意度评价", "rated"),
    "satisfied": ("满意和基本满意", "satisfied"),
    "due": ("应答复", "due a reply"),
    "replied": ("已答复（应答复中）", "replied (of those due)"),
    "on_time": ("按期答复", "replied on time"),
    "reopened": ("重新办理", "reopened"),
    "overdue": ("超期未办结", "overdue now"),
}


def thresholds_from_env() -> tuple[Threshold, ...]:
    """The county's thresholds: ``$LIAISON_HUB_REPORT_THRESHOLDS`` (e.g. ``回复率<95,满意率<90``), else the
    defaults. A wrong value is refused with the Chinese message (``serve`` does not start with it)."""
    return parse_thresholds(os.environ.get(THRESHOLDS_ENV))


def check_hub_dimension(by: str | None) -> str | None:
    by = check_dimension(by or None)
    if by == "deputy":
        raise ValidationError("bad_dimension", "县级平台没有接待代表的数据，不能按接待代表分组；请在联络站统计，或改用其他分组。",
                              field="by", message_en="The hub does not hold who received each case: no deputy "
                                                     "breakdown here (use the station's report).")
    return by


def _visible(viewer: Viewer) -> list[ColumnElement[bool]]:
    f = case_filter(viewer)
    conds: list[ColumnElement[bool]] = []
    if f.township is not None:
        conds.append(ix.c.township == f.township)
    if f.department is not None:
        conds.append(ix.c.department == f.department)
    return conds


def hub_source(s: Session, hub: HubContext, viewer: Viewer, scope: str) -> ReportSource:
    """The case index as the engine's source: the viewer's cases, dimension columns named as the engine
    wants them, and labels for the id keys (stations and villages)."""
    cases = (
        select(ix.c.case_id, ix.c.case_no.label("number"), ix.c.station_id.label("station"),
               ix.c.township, ix.c.village_id.label("village"), ix.c.category, ix.c.department,
               literal(None).label("deputy"), ix.c.triage, ix.c.status, ix.c.registered_at, ix.c.assigned_at,
               ix.c.deadline, ix.c.replied_at, ix.c.closed_at, ix.c.resolution, ix.c.satisfaction,
               ix.c.reopen_count, ix.c.summary)
        .where(ix.c.county_id == hub.county, *_visible(viewer))
    ).subquery("hub_report_cases")
    assert tuple(cases.c.keys()) == CASE_COLUMNS
    return ReportSource(scope=scope, cases=cases, visits=None, labels=_labels(s, hub))


def _labels(s: Session, hub: HubContext) -> dict[str, dict[str, str]]:
    t, st = HubRecord.__table__, HubStation.__table__
    stations: dict[str, str] = {}
    for r in s.execute(select(t.c.id, t.c.fields).where(t.c.county_id == hub.county, t.c.entity == "stations",
                                                        t.c.deleted_hlc.is_(None))):
        stations[str(r.id)] = str(json.loads(r.fields).get("name") or "")
    for h in s.execute(select(st.c.station_uuid, st.c.code, st.c.name).where(st.c.county_id == hub.county,
                                                                             st.c.station_uuid.is_not(None))):
        stations[str(h.station_uuid)] = f"{h.code} {stations.get(str(h.station_uuid)) or h.name}"
    villages: dict[str, str] = {}
    for r in s.execute(select(t.c.id, t.c.fields).where(t.c.county_id == hub.county, t.c.entity == "villages",
                                                        t.c.deleted_hlc.is_(None))):
        f = json.loads(r.fields)
        owner = stations.get(str(f.get("station_id") or ""), "")
        name = str(f.get("name") or "")
        villages[str(r.id)] = f"{name}（{owner.split(' ', 1)[-1]}）" if owner else name
    return {"station": stations, "village": villages, "triage": dict(TRIAGE_NAMES)}


def may_report(viewer: Viewer) -> bool:
    return can(viewer, Permission.VIEW_FIGURES)


def scope_name(viewer: Viewer, county_name: str) -> str:
    f = case_filter(viewer)
    return f.township if f.township is not None else county_name


def county_report(hub: HubContext, viewer: Viewer, period: Period | str, *, by: str | None = None,
                  thresholds: Sequence[Threshold] = DEFAULT_THRESHOLDS, county_name: str = "全县",
                  problems: int = PROBLEM_LIMIT, as_of: dt.datetime | None = None,
                  session: Session | None = None) -> Report:
    """The report of ``period`` over the cases ``viewer`` may see (a township's staff: their township's),
    broken down ``by`` (any dimension but the deputy), with the 问题清单 and the 通报 table of departments and
    stations. Refused (``PermissionDenied``) for a role without ``VIEW_FIGURES`` (a department liaison)."""
    if not may_report(viewer):
        raise PermissionDenied("not_allowed", "您的账号不能查看统计报表（承办单位请在“待办”中查看本单位的案件）。",
                               message_en="Your account may not see the reports (a department sees its cases "
                                          "in its inbox).")
    p = period if isinstance(period, Period) else parse_period(period)
    by = check_hub_dimension(by)
    with hub.tx(session) as s:
        source = hub_source(s, hub, viewer, scope_name(viewer, county_name))
        return build_report(s, source, p, ReportOptions(by=by, thresholds=tuple(thresholds), problems=problems,
                                                        as_of=as_of or utcnow()))


# -- the cases behind a figure ----------------------------------------------------------------------------------
def registered_bounds(first: dt.date | None, last: dt.date | None) -> tuple[dt.datetime | None, dt.datetime | None]:
    """[start, end) in naive UTC for station-local dates ``first``..``last`` (both included), as the engine
    counts a period."""
    start = end = None
    if first is not None:
        start = Period("range", first, first).utc_bounds()[0]
    if last is not None:
        end = Period("range", last, last).utc_bounds()[1]
    return start, end


def measure_condition(measure: str, today: dt.date, *, postgresql: bool) -> ColumnElement[bool]:
    """The cases the engine counts in figure ``measure`` (a key of ``MEASURES``), as a condition on an index
    row, judged on the station-local day ``today`` (the report's cut-off)."""
    c = ix.c
    answers = [v.value for v in Satisfaction]
    happy = [v.value for v in SATISFIED_VALUES]
    open_ = [v.value for v in OPEN_STATUSES]
    has_deadline = and_(c.deadline.is_not(None), c.status != Status.WITHDRAWN.value)
    replied = and_(has_deadline, c.replied_at.is_not(None))
    if measure == "cases":
        return true()
    if measure == "assigned":
        return c.assigned_at.is_not(None)
    if measure == "closed":
        return c.status == Status.CLOSED.value
    if measure == "withdrawn":
        return c.status == Status.WITHDRAWN.value
    if measure == "solved":
        return and_(c.status == Status.CLOSED.value, c.resolution == "solved")
    if measure == "rated":
        return c.satisfaction.in_(answers)
    if measure == "satisfied":
        return c.satisfaction.in_(happy)
    if measure == "due":
        return and_(has_deadline, or_(c.replied_at.is_not(None), c.deadline < today))
    if measure == "replied":
        return replied
    if measure == "on_time":
        # replied before local midnight after the deadline day: 16:00 UTC of the deadline day itself
        if postgresql:
            return and_(replied, c.replied_at < c.deadline + literal(dt.timedelta(hours=16)))
        return and_(replied, c.replied_at < func.printf("%s 16:00:00", c.deadline))
    if measure == "reopened":
        return c.reopen_count > 0
    if measure == "overdue":
        return and_(c.status.in_(open_), c.deadline < today)
    raise ValidationError("bad_measure", f"没有这个统计指标：{measure}。", field="measure",
                          message_en=f"No such figure: {measure}.")


def local_today(now: dt.datetime | None = None) -> dt.date:
    return to_local(now or utcnow()).date()
