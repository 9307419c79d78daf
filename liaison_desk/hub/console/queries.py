"""The console's reads over the case index (issue 15): home tiles, the case queue, a case page, station health
and the filters' values. No web code: each function takes the hub, a :class:`~liaison_desk.domain.access.Viewer`
(narrowed in SQL by ``access.case_filter``; refused with a Chinese ``DomainError`` when the role may not read
it) and returns plain dataclasses for the pages to render.

Every home tile is one condition (:func:`tile_condition`) used both by the tile's count and by
``case_queue(filters=QueueFilters(tile=name))``, so a tile's number is the length of the list it links to.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import ColumnElement, Select, Text, and_, bindparam, false, func, literal_column, or_, select
from sqlalchemy.orm import Session

from ...domain.access import Permission, Viewer, can, case_filter, may_see_case
from ...domain.calendar import DayRule, WorkCalendar
from ...domain.case_number import parse_case_number
from ...domain.errors import DomainError, PermissionDenied, ValidationError
from ...domain.ids import HUB_ORIGIN
from ...domain.textsearch import query_terms
from ...domain.vocab import TRIAGE_COLOURS, URGENCY
from ...domain.workflow import (
    EVENT_LABELS,
    OPEN_STATUSES,
    ROLE_LABELS,
    STATUS_LABELS,
    EventKind,
    Role,
    Status,
    causal_order,
    days_overdue,
    fold,
)
from ...services.desk.workdays import default_calendar
from ..context import HubContext
from ..schema import HubConflict, HubRecord, HubStation
from ..sql import in_, postgres
from .index import to_event, tokens
from .index_schema import CaseIndexRow, CaseSearchRow

ix = CaseIndexRow.__table__
sx = CaseSearchRow.__table__
OPEN_VALUES = sorted(s.value for s in OPEN_STATUSES)
#: the open statuses written into the SQL (not bound as parameters), so that PostgreSQL matches the partial
#: indexes over the open cases (``index_schema.OPEN_PREDICATE``) in every plan, prepared or not
_IS_OPEN = ix.c.status.in_([literal_column(f"'{v}'") for v in OPEN_VALUES])
DUE_WITHIN_WORKING_DAYS = 3
MAX_PAGE_SIZE = 200

# -- tiles -----------------------------------------------------------------------------------------------
OPEN, OVERDUE, DUE_SOON, ACCEPTED_UNASSIGNED, RED_OR_KEY, REPLIED_UNFOLLOWED, UNSATISFIED = (
    "open", "overdue", "due_soon", "accepted_unassigned", "red_or_key", "replied_unfollowed", "unsatisfied")
TILE_LABELS: Mapping[str, tuple[str, str]] = {
    OPEN: ("未办结", "Open"),
    OVERDUE: ("已超期", "Overdue"),
    DUE_SOON: ("3 个工作日内到期", "Due within 3 working days"),
    ACCEPTED_UNASSIGNED: ("已受理未交办", "Accepted, not assigned"),
    RED_OR_KEY: ("红色/重点督办", "Red or key supervision"),
    REPLIED_UNFOLLOWED: ("已答复未回访", "Replied, not followed up"),
    UNSATISFIED: ("不满意待重办", "Not satisfied, to be reopened"),
}
SORTS: Mapping[str, tuple[str, str]] = {
    "registered_desc": ("登记时间（新的在前）", "Registered (newest first)"),
    "registered_asc": ("登记时间（早的在前）", "Registered (oldest first)"),
    "deadline": ("办理期限（早的在前）", "Deadline (soonest first)"),
    "case_no": ("案件编号", "Case number"),
}


@dataclass(frozen=True)
class QueueFilters:
    """What the queue is narrowed to; ``None`` does not narrow. ``station`` is a station code, the names
    are as shown (``filter_options``), ``tile`` a key of ``TILE_LABELS``, ``q`` Chinese text or a case number."""

    station: str | None = None
    township: str | None = None
    village: str | None = None
    category: str | None = None
    department: str | None = None
    status: str | None = None
    triage: str | None = None
    deadline_from: dt.date | None = None
    deadline_to: dt.date | None = None
    tile: str | None = None
    q: str | None = None
    # a report's figure (``reports.MEASURES``) over the cases registered from … to … (station-local dates,
    # both included), a village by its id (two stations' villages may share a name), and ``unset``: a
    # dimension (village, category, department) the case has no value of (a report's 「（未填）」 row)
    registered_from: dt.date | None = None
    registered_to: dt.date | None = None
    measure: str | None = None
    village_id: str | None = None
    unset: str | None = None


#: the dimensions ``QueueFilters.unset`` may name, with the index column that is then empty
UNSET_COLUMNS: Mapping[str, str] = {"village": "village_id", "category": "category_id",
                                    "department": "department", "station": "station_id"}


@dataclass(frozen=True)
class Tile:
    name: str
    label: str
    label_en: str
    count: int
    filters: QueueFilters  # the queue that lists these cases


@dataclass(frozen=True)
class QueueRow:
    case_id: str
    case_no: str
    summary: str
    station_code: str
    station_name: str
    township: str
    village: str
    category: str
    department: str
    status: str
    status_label: str
    triage: str
    triage_label: str
    urgency: str
    registered_at: dt.datetime
    deadline: dt.date | None
    days_overdue: int
    escalation_level: int
    key_supervision: bool
    reply_class: str | None


@dataclass(frozen=True)
class QueuePage:
    rows: list[QueueRow]
    total: int
    page: int
    page_size: int
    sort: str

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


@dataclass(frozen=True)
class TimelineEntry:
    event_id: str
    kind: str
    label: str
    label_en: str
    occurred_at: dt.datetime
    actor_name: str
    actor_role: str
    actor_role_label: str
    side: str  # station | county | department
    source: str  # the station (code and name) or 县级平台 the event came from
    data: Mapping[str, Any]
    anomaly: str | None = None  # why the workflow did not apply it (kept for staff to review)


@dataclass(frozen=True)
class CasePage:
    case: QueueRow
    content: str
    urgency_label: str
    accepted_at: dt.datetime | None
    assigned_at: dt.datetime | None
    replied_at: dt.datetime | None
    followed_up_at: dt.datetime | None
    closed_at: dt.datetime | None
    resolution: str | None
    satisfaction: str | None
    reopen_count: int
    visitor_name: str | None  # None unless the viewer may see personal data
    visitor_phone: str | None
    personal_shown: bool
    timeline: list[TimelineEntry]


@dataclass(frozen=True)
class StationHealth:
    code: str
    name: str
    township: str
    last_seen_at: dt.datetime | None
    days_silent: int | None  # None: never synced
    silent: bool
    pending_changes: int | None  # None: not measurable at the hub (see report)
    open_conflicts: int
    revoked: bool


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class FilterOptions:
    stations: list[Option]
    townships: list[Option]
    villages: list[Option]
    categories: list[Option]
    departments: list[Option]
    statuses: list[Option]
    triages: list[Option]
    tiles: list[Option]
    sorts: list[Option]


# -- shared pieces ------------------------------------------------------------------------------------------
def _require(viewer: Viewer, permission: Permission) -> None:
    if not can(viewer, permission):
        raise PermissionDenied("not_allowed", "您的账号没有查看这一页的权限。",
                               message_en="Your account may not see this page.")


def _visible(county: str, viewer: Viewer, table: Any = ix) -> list[ColumnElement[bool]]:
    """The index rows (or search rows: ``table``) ``viewer`` may see (``access.case_filter``, in SQL)."""
    f = case_filter(viewer)
    conds: list[ColumnElement[bool]] = [table.c.county_id == county]
    if f.township is not None:
        conds.append(table.c.township == f.township)
    if f.department is not None:
        conds.append(table.c.department == f.department)
    return conds


def calendar(s: Session, county: str) -> WorkCalendar:
    """The desk's shipped calendar with the county's holiday records over it (a station's own overrides are
    that station's, not the county's)."""
    t = HubRecord.__table__
    rules = []
    for row in s.execute(select(t.c.fields).where(t.c.county_id == county, t.c.entity == "holidays",
                                                  t.c.owner.is_(None), t.c.deleted_hlc.is_(None))):
        f = json.loads(row.fields)
        try:
            rules.append(DayRule(dt.date.fromisoformat(str(f["date"])), str(f["kind"]), str(f.get("name") or "")))
        except (KeyError, ValueError):
            continue
    return default_calendar().with_overrides(sorted(rules, key=lambda r: r.date))


def tile_condition(name: str, today: dt.date, cal: WorkCalendar) -> ColumnElement[bool]:
    """The one condition of a home tile, for its count and for its list."""
    is_open = _IS_OPEN
    if name == OPEN:
        return is_open
    if name == OVERDUE:
        return and_(is_open, ix.c.deadline < today)
    if name == DUE_SOON:
        last = cal.add_working_days(today, DUE_WITHIN_WORKING_DAYS)
        return and_(is_open, ix.c.deadline >= today, ix.c.deadline <= last)
    if name == ACCEPTED_UNASSIGNED:
        return ix.c.status == literal_column(f"'{Status.ACCEPTED.value}'")
    if name == RED_OR_KEY:
        return and_(is_open, or_(ix.c.triage == literal_column("'red'"), ix.c.key_supervision))
    if name == REPLIED_UNFOLLOWED:
        return ix.c.status == literal_column(f"'{Status.REPLIED.value}'")
    if name == UNSATISFIED:
        return and_(ix.c.status == literal_column(f"'{Status.FOLLOWED_UP.value}'"),
                    ix.c.satisfaction == literal_column("'unsatisfied'"))
    raise ValidationError("bad_tile", f"没有名为 {name} 的统计项。", field="tile", message_en=f"No tile {name}.")


def home_tiles(hub: HubContext, viewer: Viewer, today: dt.date, *, session: Session | None = None) -> list[Tile]:
    """The home page's counts, each with the queue filter that lists its cases: exact, each its own count in
    one statement, so that each reads the index made for it (on PostgreSQL, index-only scans of the partial
    indexes over the open cases, of the status index, of the red/重点督办 index)."""
    _require(viewer, Permission.VIEW_FIGURES)
    with hub.tx(session) as s:
        cal = calendar(s, hub.county)
        names = list(TILE_LABELS)
        visible = _visible(hub.county, viewer)
        cols = [select(func.count()).select_from(ix).where(*visible, tile_condition(n, today, cal)).scalar_subquery()
                for n in names]
        counts = s.execute(select(*cols)).one()
    return [Tile(n, *TILE_LABELS[n], int(c or 0), QueueFilters(tile=n)) for n, c in zip(names, counts, strict=True)]


def _search(s: Session, q: str) -> tuple[ColumnElement[bool] | None, list[ColumnElement[bool]]]:
    """Chinese text (every term, as in the desk: spaces separate terms that must all occur) or a case number:
    a condition on the index row for a case number (else ``None``), or the conditions on the search row
    (``hub_case_search``) for text."""
    text = q.strip()
    try:
        number = str(parse_case_number(text))
    except DomainError:
        number = None
    if number is not None:
        return ix.c.case_no == number, []
    if "-" in text and text.replace("-", "").isascii():  # the start of a case number
        return ix.c.case_no.startswith(text.upper(), autoescape=True), []
    terms = list(dict.fromkeys(query_terms(text)))
    if not terms:
        return None, [false()]
    conds: list[ColumnElement[bool]] = []
    for term in terms:
        like = sx.c.search_text.contains(term, autoescape=True)
        if postgres(s):
            from sqlalchemy.dialects.postgresql import ARRAY

            wanted = tokens(term) if len(term) <= 2 else [term[i:i + 2] for i in range(len(term) - 1)]
            if len(term) > 2:
                wanted = list(dict.fromkeys(wanted))
            has = sx.c.search_tokens.op("@>")(bindparam(None, wanted, type_=ARRAY(Text)))
            # a pair, or a character, is a token: exact; a longer term's pairs must also stand together
            conds.append(has if len(term) <= 2 else and_(has, like))
        else:
            conds.append(like)
    return None, conds


def _ids_named(s: Session, county: str, entity: str, name: str) -> list[uuid.UUID]:
    """The records of ``entity`` called ``name`` (villages of several stations may share a name)."""
    t = HubRecord.__table__
    return [r.id for r in s.execute(select(t.c.id, t.c.fields).where(
        t.c.county_id == county, t.c.entity == entity, t.c.deleted_hlc.is_(None)))
        if json.loads(r.fields).get("name") == name]


def _filters(s: Session, hub: HubContext, viewer: Viewer, f: QueueFilters, today: dt.date) -> list[ColumnElement[bool]]:
    conds = _visible(hub.county, viewer)
    # station, village and category by their ids (a few reference rows looked up first): the index's
    # (county, id, …) indexes serve the filter, and a renamed entry's rows are found the same way
    if f.station:
        st = HubStation.__table__
        ids = list(s.scalars(select(st.c.station_uuid).where(
            st.c.county_id == hub.county, st.c.code == f.station.strip().upper(), st.c.station_uuid.is_not(None))))
        conds.append(ix.c.station_id.in_(ids) if ids else false())
    for column, entity, value in (("village_id", "villages", f.village), ("category_id", "categories", f.category)):
        if value:
            ids = _ids_named(s, hub.county, entity, value)
            conds.append(ix.c[column].in_(ids) if ids else false())
    for column, value in (("township", f.township), ("department", f.department), ("status", f.status),
                          ("triage", f.triage)):
        if value:
            conds.append(ix.c[column] == value)
    if f.deadline_from:
        conds.append(ix.c.deadline >= f.deadline_from)
    if f.deadline_to:
        conds.append(ix.c.deadline <= f.deadline_to)
    if f.tile:
        conds.append(tile_condition(f.tile, today, calendar(s, hub.county)))
    conds.extend(_report_filters(s, f, today))
    if f.q and f.q.strip():
        on_index, on_search = _search(s, f.q)
        conds.append(on_index if on_index is not None else ix.c.case_id.in_(
            select(sx.c.case_id).where(sx.c.county_id == hub.county, *on_search)))
    return conds


def _report_filters(s: Session, f: QueueFilters, today: dt.date) -> list[ColumnElement[bool]]:
    """The filters a report's figure links with (``hub.console.reports``): exactly the cases it counts."""
    from .reports import measure_condition, registered_bounds

    conds: list[ColumnElement[bool]] = []
    start, end = registered_bounds(f.registered_from, f.registered_to)
    if start is not None:
        conds.append(ix.c.registered_at >= start)
    if end is not None:
        conds.append(ix.c.registered_at < end)
    if f.measure:
        conds.append(measure_condition(f.measure, today, postgresql=postgres(s)))
    if f.village_id:
        try:
            conds.append(ix.c.village_id == uuid.UUID(f.village_id))
        except ValueError:
            conds.append(false())
    if f.unset:
        if f.unset not in UNSET_COLUMNS:
            raise ValidationError("bad_unset", f"无效的筛选条件：{f.unset}", field="unset",
                                  message_en=f"Unknown filter: {f.unset}")
        col = ix.c[UNSET_COLUMNS[f.unset]]
        conds.append(or_(col.is_(None), col == "") if col.name == "department" else col.is_(None))
    return conds


def _order(sort: str) -> list[Any]:
    if sort == "registered_asc":
        return [ix.c.registered_at.asc(), ix.c.case_id.asc()]
    if sort == "deadline":
        return [ix.c.deadline.asc().nulls_last(), ix.c.registered_at.desc(), ix.c.case_id.desc()]
    if sort == "case_no":
        return [ix.c.case_no.asc(), ix.c.case_id.asc()]
    return [ix.c.registered_at.desc(), ix.c.case_id.desc()]


def _row(r: Any, today: dt.date) -> QueueRow:
    status = r.status
    return QueueRow(
        case_id=str(r.case_id), case_no=r.case_no, summary=r.summary, station_code=r.station_code,
        station_name=r.station_name, township=r.township, village=r.village, category=r.category,
        department=r.department, status=status,
        status_label=STATUS_LABELS[Status(status)][0] if status in Status.__members__.values() else status,
        triage=r.triage, triage_label=TRIAGE_COLOURS.get(r.triage, (r.triage, r.triage))[0].split("：")[0],
        urgency=r.urgency, registered_at=r.registered_at, deadline=r.deadline,
        days_overdue=days_overdue(r.deadline, status, today), escalation_level=r.escalation_level,
        key_supervision=bool(r.key_supervision), reply_class=r.reply_class)


_LIST_COLUMNS = [ix.c.case_id, ix.c.case_no, ix.c.summary, ix.c.station_code, ix.c.station_name, ix.c.township,
                 ix.c.village, ix.c.category, ix.c.department, ix.c.status, ix.c.triage, ix.c.urgency,
                 ix.c.registered_at, ix.c.deadline, ix.c.escalation_level, ix.c.key_supervision, ix.c.reply_class]


def case_queue(hub: HubContext, viewer: Viewer, filters: QueueFilters | None = None, page: int = 1,
               page_size: int = 50, sort: str = "registered_desc", *, today: dt.date | None = None,
               session: Session | None = None) -> QueuePage:
    """One page of the cases ``viewer`` may see, narrowed by ``filters``, with the total count."""
    _require(viewer, Permission.VIEW_CASES)
    if sort not in SORTS:
        raise ValidationError("bad_sort", f"无效的排序方式：{sort}", field="sort", message_en=f"Unknown sort: {sort}")
    page, page_size = max(1, int(page)), min(MAX_PAGE_SIZE, max(1, int(page_size)))
    today = today or dt.date.today()
    f = filters or QueueFilters()
    with hub.tx(session) as s:
        if f.q and f.q.strip() and sort in _SEARCH_SORTS and replace(f, q=None) == QueueFilters():
            on_index, on_search = _search(s, f.q)
            if on_index is None:  # text alone: counted and paged on the search table
                return _searched(s, hub, viewer, on_search, page, page_size, sort, today)
        conds = _filters(s, hub, viewer, f, today)
        total = s.scalar(select(func.count()).select_from(ix).where(*conds)) or 0
        stmt: Select[Any] = (select(*_LIST_COLUMNS).where(*conds).order_by(*_order(sort))
                             .offset((page - 1) * page_size).limit(page_size))
        rows = [_row(r, today) for r in s.execute(stmt)]
    return QueuePage(rows, int(total), page, page_size, sort)


#: the sorts a search alone is paged in on the search table (which keeps the registration time)
_SEARCH_SORTS = {"registered_desc": False, "registered_asc": True}


def _searched(s: Session, hub: HubContext, viewer: Viewer, on_search: list[ColumnElement[bool]], page: int,
              page_size: int, sort: str, today: dt.date) -> QueuePage:
    """A text search with no other filter: the matches counted, sorted and paged on ``hub_case_search``
    (narrow; the role's township or department is on it), then the page's rows read from the index: the
    same rows, in the same order, as the general query, which would join every match to its index row."""
    where = [*_visible(hub.county, viewer, sx), *on_search]
    total = s.scalar(select(func.count()).select_from(sx).where(*where)) or 0
    asc = _SEARCH_SORTS[sort]
    order = [sx.c.registered_at.asc(), sx.c.case_id.asc()] if asc else [sx.c.registered_at.desc(), sx.c.case_id.desc()]
    ids = (select(sx.c.case_id).where(*where).order_by(*order).offset((page - 1) * page_size).limit(page_size)
           .subquery())
    stmt = (select(*_LIST_COLUMNS).join_from(ix, ids, and_(ix.c.county_id == hub.county, ix.c.case_id == ids.c.case_id))
            .order_by(*_order(sort)))
    return QueuePage([_row(r, today) for r in s.execute(stmt)], int(total), page, page_size, sort)


# -- the case page --------------------------------------------------------------------------------------------
def _not_found(case_no: str) -> DomainError:
    return DomainError("case_not_found", f"县级平台上没有编号为 {case_no} 的案件（联络站可能还没有同步）。",
                       message_en=f"No case {case_no} at the hub (not synced yet?).")


def _find_row(s: Session, county: str, case_no: str) -> Any:
    text = (case_no or "").strip()
    base = select(ix).where(ix.c.county_id == county)
    rows = list(s.execute(base.where(ix.c.case_no == text)))
    if not rows:
        try:
            rows = list(s.execute(base.where(ix.c.case_id == uuid.UUID(text))))
        except ValueError:
            try:
                rows = list(s.execute(base.where(ix.c.case_no == str(parse_case_number(text)))))
            except DomainError:
                rows = []
    if not rows:
        raise _not_found(text)
    if len(rows) > 1:
        ids = "、".join(str(r.case_id) for r in rows)
        raise DomainError("ambiguous_case", f"有 {len(rows)} 件案件的编号都是 {text}（编号重复，见冲突列表），请改用案件 ID 指定：{ids}。",
                          message_en=f"{len(rows)} cases have the number {text}; give the case id: {ids}.")
    return rows[0]


def _records(s: Session, county: str, wanted: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The live records named by ``wanted`` (entity -> id; ids that are not UUIDs are skipped), by entity."""
    t = HubRecord.__table__
    keys = []
    for entity, ident in wanted.items():
        try:
            if ident:
                keys.append(and_(t.c.entity == entity, t.c.id == uuid.UUID(str(ident))))
        except ValueError:
            continue
    if not keys:
        return {}
    return {row.entity: json.loads(row.fields) for row in s.execute(select(t.c.entity, t.c.fields).where(
        t.c.county_id == county, t.c.deleted_hlc.is_(None), or_(*keys)))}


#: what a department does at the hub (接收, 退办, 申请延期, 答复); the county office's own acts are the rest
_DEPARTMENT_KINDS = frozenset({EventKind.START, EventKind.RETURN, EventKind.EXTENSION_REQUEST, EventKind.REPLY})


def _side(kind: EventKind, role: Role, data: Mapping[str, Any]) -> str:
    if role is not Role.HUB:
        return "station"
    if kind in _DEPARTMENT_KINDS:
        return "department"
    return "county"


def case_page(hub: HubContext, viewer: Viewer, case_no: str, *, today: dt.date | None = None,
              session: Session | None = None) -> CasePage:
    """A case and its whole timeline (station, county and department events); the visitor's name and phone
    only for a viewer who may see personal data. Refuses a case the viewer may not see as if it did not
    exist for them (a Chinese ``DomainError``)."""
    _require(viewer, Permission.VIEW_CASES)
    today = today or dt.date.today()
    with hub.tx(session) as s:
        r = _find_row(s, hub.county, case_no)
        if not may_see_case(viewer, township=r.township, department=r.department):
            raise PermissionDenied("case_not_visible", f"您无权查看案件 {r.case_no}：它不属于您所在的乡镇或单位。",
                                   message_en=f"Case {r.case_no} is not one your account may see.")
        # the case and its events in one statement, each with the station it came from
        t, st = HubRecord.__table__, HubStation.__table__
        case: dict[str, Any] = {}
        ev_rows, stations = [], {}
        for row in s.execute(
                select(t.c.entity, t.c.id, t.c.hlc, t.c.fields, t.c.origin_station_id, st.c.code, st.c.name)
                .outerjoin(st, and_(st.c.county_id == t.c.county_id, st.c.station_uuid == t.c.origin_station_id))
                .where(t.c.county_id == hub.county, t.c.deleted_hlc.is_(None),
                       or_(and_(t.c.entity == "cases", t.c.id == r.case_id),
                           and_(t.c.entity == "case_events", t.c.parent_id == r.case_id)))):
            if row.entity == "cases":
                case = json.loads(row.fields)
                continue
            ev_rows.append(row)
            if row.code is not None:
                stations[row.origin_station_id] = f"{row.code} {row.name}"
        personal = can(viewer, Permission.VIEW_PERSONAL)
        name = phone = None
        if personal:  # the person and the visit: one statement
            people = _records(s, hub.county, {"constituents": case.get("constituent_id"),
                                              "visits": case.get("visit_id")})
            person, visit = people.get("constituents"), people.get("visits")
            name = (person or {}).get("name") or (visit or {}).get("visitor_names")
            phone = (person or {}).get("phone") or (visit or {}).get("visitor_phone")
    events, raw = [], {}
    for e in ev_rows:
        f = json.loads(e.fields)
        try:
            ev = to_event(e.id, e.hlc, f)
        except (KeyError, ValueError):
            continue
        events.append(ev)
        raw[ev.id] = (f, e.origin_station_id)
    state = fold(events)
    anomalies = {a.event_id: a.reason for a in state.anomalies}
    timeline = []
    for ev in causal_order(events):
        f, origin = raw[ev.id]
        source = "县级平台" if origin == HUB_ORIGIN else stations.get(origin, str(origin))
        timeline.append(TimelineEntry(
            ev.id, ev.kind.value, *EVENT_LABELS[ev.kind], ev.occurred_at, str(f.get("actor_name") or ""),
            ev.actor_role.value, ROLE_LABELS[ev.actor_role][0], _side(ev.kind, ev.actor_role, ev.data), source,
            dict(ev.data), anomalies.get(ev.id)))
    return CasePage(
        case=_row(r, today), content=str(case.get("content") or ""),
        urgency_label=URGENCY.get(r.urgency, (r.urgency, r.urgency))[0], accepted_at=r.accepted_at,
        assigned_at=r.assigned_at, replied_at=r.replied_at, followed_up_at=r.followed_up_at, closed_at=r.closed_at,
        resolution=r.resolution, satisfaction=r.satisfaction, reopen_count=r.reopen_count,
        visitor_name=name if personal else None, visitor_phone=phone if personal else None,
        personal_shown=personal, timeline=timeline)


# -- station health -------------------------------------------------------------------------------------------
def _station_records(s: Session, county: str) -> dict[uuid.UUID, dict[str, Any]]:
    t = HubRecord.__table__
    return {r.id: json.loads(r.fields) for r in s.execute(select(t.c.id, t.c.fields).where(
        t.c.county_id == county, t.c.entity == "stations", t.c.deleted_hlc.is_(None)))}


def station_health(hub: HubContext, viewer: Viewer, today: dt.date, silent_days: int = 7, *,
                   session: Session | None = None) -> list[StationHealth]:
    """Each enrolled station the viewer may see: its last sync, open (unseen) conflicts, and whether it has
    been silent for more than ``silent_days``. Stations that never synced come first, then the longest silent."""
    _require(viewer, Permission.VIEW_FIGURES)
    f = case_filter(viewer)
    with hub.tx(session) as s:
        st, c = HubStation.__table__, HubConflict.__table__
        conflicts: dict[str, int] = dict(s.execute(select(c.c.station_code, func.count()).where(
            c.c.county_id == hub.county, c.c.seen == 0, c.c.station_code.is_not(None)).group_by(c.c.station_code)).tuples().all())
        records = _station_records(s, hub.county)
        out = []
        for r in s.execute(select(st).where(st.c.county_id == hub.county)):
            rec = records.get(r.station_uuid) if r.station_uuid else None
            township = str((rec or {}).get("township") or "")
            if f.township is not None and township != f.township:
                continue
            days = (today - r.last_seen_at.date()).days if r.last_seen_at else None
            out.append(StationHealth(r.code, str((rec or {}).get("name") or r.name), township, r.last_seen_at, days,
                                     days is None or days > silent_days, None, int(conflicts.get(r.code, 0)),
                                     r.revoked_at is not None))
    return sorted(out, key=lambda h: (h.days_silent is not None, -(h.days_silent or 0), h.code))


# -- the filters' values ----------------------------------------------------------------------------------------
def _reference(s: Session, county: str, entity: str) -> list[dict[str, Any]]:
    t = HubRecord.__table__
    out = []
    for r in s.execute(select(t.c.fields).where(t.c.county_id == county, t.c.entity == entity,
                                                t.c.deleted_hlc.is_(None))):
        f = json.loads(r.fields)
        if f.get("active", True) is not False:
            out.append(f)
    return out


def filter_options(hub: HubContext, viewer: Viewer, *, session: Session | None = None) -> FilterOptions:
    """The values the queue's dropdowns offer the viewer: the stations, townships and villages they may see,
    the categories and departments (a department liaison: their own), statuses, colours, tiles and sorts."""
    _require(viewer, Permission.VIEW_CASES)
    f = case_filter(viewer)
    with hub.tx(session) as s:
        st = HubStation.__table__
        records = _station_records(s, hub.county)
        stations = []
        for r in s.execute(select(st.c.code, st.c.name, st.c.station_uuid).where(st.c.county_id == hub.county)
                           .order_by(st.c.code)):
            rec = records.get(r.station_uuid) or {}
            township = str(rec.get("township") or "")
            if f.township is None or township == f.township:
                stations.append((r.code, str(rec.get("name") or r.name), township, r.station_uuid))
        seen = {u for *_x, u in stations if u is not None}
        t = HubRecord.__table__
        villages = sorted({str(json.loads(v.fields).get("name") or "") for v in s.execute(
            select(t.c.fields).where(t.c.county_id == hub.county, t.c.entity == "villages",
                                     t.c.deleted_hlc.is_(None), in_(s, t.c.scope, sorted(seen, key=str))))} - {""}) if seen else []
        categories = sorted((str(c.get("name") or "") for c in _reference(s, hub.county, "categories")), key=str)
        departments = sorted(str(d.get("name") or "") for d in _reference(s, hub.county, "departments"))
    if f.department is not None:
        departments = [d for d in departments if d == f.department]
    return FilterOptions(
        stations=[Option(code, f"{code} {name}") for code, name, *_x in stations],
        townships=[Option(t, t) for t in sorted({tw for _c, _n, tw, _u in stations} - {""})],
        villages=[Option(v, v) for v in villages],
        categories=[Option(c, c) for c in dict.fromkeys(categories) if c],
        departments=[Option(d, d) for d in dict.fromkeys(departments) if d],
        statuses=[Option(s.value, STATUS_LABELS[s][0]) for s in Status],
        triages=[Option(k, v[0].split("：")[0]) for k, v in TRIAGE_COLOURS.items()],
        tiles=[Option(k, v[0]) for k, v in TILE_LABELS.items()],
        sorts=[Option(k, v[0]) for k, v in SORTS.items()])


def with_tile(filters: QueueFilters, tile: str | None) -> QueueFilters:
    return replace(filters, tile=tile)
