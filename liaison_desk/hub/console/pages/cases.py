"""The console's case pages (issue 15): the home page's tiles, the one case queue across all stations
(``/cases``), a case page with its whole timeline (``/cases/{case_no}``) and station health (``/stations``).

Every list is ``hub.console.queries`` narrowed for the viewer in SQL (``access.case_filter``); a case another
township's or department's account asks for by its URL is refused with the 403 page. Each search (text or
filters: what was asked and how many cases answered) and each case page view is written to the audit trail;
the visitor's name and phone appear only for roles with ``VIEW_PERSONAL`` and never in the audit line.

Hooks for the action forms (another page module):

- ``case_actions_part(order)``: a function ``(console, viewer, case: CasePage) -> CasePart | None``; its
  template is included in the case page's ``actions`` block (``case.html``) with ``ctx``.
- ``queue_batch_part(order)``: a function ``(console, viewer) -> CasePart | None``; when one answers, the queue's
  rows get a checkbox ``name="case" value="{case_id}"`` inside the ``<form id="queue-form">`` that wraps the
  table (``method="post"``, CSRF field included, ``action`` from the part's ``ctx["action"]``), and the
  part's template is included in the ``batch_actions`` block under the table.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from ....domain.access import Permission, Role, Viewer, can, case_filter
from ....domain.errors import DomainError, PermissionDenied
from ....domain.event_words import day_words, event_details
from ....domain.timeutil import to_local
from ....domain.workflow import Status
from .. import health, queries, reports
from ..deps import Console, Refused, console_of, lang_of, record, render, require
from ..names import department_names
from .home import HomePart, home_part

router = APIRouter()
PAGE_SIZE = 50
FILTER_KEYS = ("station", "township", "village", "category", "department", "status", "triage", "tile", "measure",
               "village_id", "unset")


@dataclass(frozen=True)
class CasePart:
    template: str
    context: dict[str, Any] = field(default_factory=dict)


CasePartFn = Callable[[Console, Viewer, queries.CasePage], "CasePart | None"]
BatchPartFn = Callable[[Console, Viewer], "CasePart | None"]
_CASE_PARTS: list[tuple[int, CasePartFn]] = []
_BATCH_PARTS: list[tuple[int, BatchPartFn]] = []


def case_actions_part(order: int = 100) -> Callable[[CasePartFn], CasePartFn]:
    """Register forms for the case page's ``actions`` block (see the module's docstring)."""

    def register(fn: CasePartFn) -> CasePartFn:
        _CASE_PARTS.append((order, fn))
        _CASE_PARTS.sort(key=lambda p: p[0])
        return fn

    return register


def queue_batch_part(order: int = 100) -> Callable[[BatchPartFn], BatchPartFn]:
    """Register a batch action under the queue (rows then carry checkboxes; see the module's docstring)."""

    def register(fn: BatchPartFn) -> BatchPartFn:
        _BATCH_PARTS.append((order, fn))
        _BATCH_PARTS.sort(key=lambda p: p[0])
        return fn

    return register


def local_today(console: Console) -> dt.date:
    return to_local(console.now()).date()


def ago(then: dt.datetime | None, now: dt.datetime, lang: str = "zh") -> str:
    """How long ago (naive UTC both): 刚刚, 5 分钟前, 3 小时前, 3 天前; 从未同步 for never."""
    en = lang == "en"
    if then is None:
        return "never synced" if en else "从未同步"
    seconds = max(0, int((now - then).total_seconds()))
    if seconds < 60:
        return "just now" if en else "刚刚"
    for size, zh, unit in ((86400, "天", "day"), (3600, "小时", "hour"), (60, "分钟", "minute")):
        if seconds >= size:
            n = seconds // size
            return f"{n} {unit}{'s' if n != 1 else ''} ago" if en else f"{n} {zh}前"
    return ""  # not reached


# -- home -------------------------------------------------------------------------------------------------------
#: a department liaison's home: their own lists (the county's figures are not theirs to read)
DEPARTMENT_TILES: tuple[tuple[str, str, str, queries.QueueFilters], ...] = (
    ("to_accept", "待接收", "Waiting to be accepted", queries.QueueFilters(status=Status.ASSIGNED.value)),
    (queries.OVERDUE, *queries.TILE_LABELS[queries.OVERDUE], queries.QueueFilters(tile=queries.OVERDUE)),
    (queries.DUE_SOON, *queries.TILE_LABELS[queries.DUE_SOON], queries.QueueFilters(tile=queries.DUE_SOON)),
    (queries.RED_OR_KEY, *queries.TILE_LABELS[queries.RED_OR_KEY], queries.QueueFilters(tile=queries.RED_OR_KEY)),
    (queries.UNSATISFIED, *queries.TILE_LABELS[queries.UNSATISFIED], queries.QueueFilters(tile=queries.UNSATISFIED)),
    (queries.OPEN, *queries.TILE_LABELS[queries.OPEN], queries.QueueFilters(tile=queries.OPEN)),
)


def queue_url(filters: queries.QueueFilters, **extra: Any) -> str:
    params = {k: v for k, v in _filter_params(filters).items() if v}
    params.update({k: v for k, v in extra.items() if v not in (None, "")})
    return "/cases" + ("?" + urlencode(params) if params else "")


def _filter_params(f: queries.QueueFilters) -> dict[str, str]:
    out = {k: getattr(f, k) or "" for k in FILTER_KEYS}
    out["q"] = f.q or ""
    out["deadline_from"] = f.deadline_from.isoformat() if f.deadline_from else ""
    out["deadline_to"] = f.deadline_to.isoformat() if f.deadline_to else ""
    out["registered_from"] = f.registered_from.isoformat() if f.registered_from else ""  # a report's period
    out["registered_to"] = f.registered_to.isoformat() if f.registered_to else ""
    return out


@dataclass(frozen=True)
class TileView:
    name: str
    label: str
    label_en: str
    count: int
    url: str
    alert: bool  # a tile someone must act on when it is not zero (shown with a word, not colour alone)


_ALERT_TILES = frozenset({queries.OVERDUE, queries.RED_OR_KEY, queries.UNSATISFIED, "to_accept"})


def tile_views(console: Console, viewer: Viewer) -> tuple[list[TileView], bool]:
    """The home tiles for ``viewer`` and whether they are the county's figures (False: a department's own)."""
    today = local_today(console)
    if can(viewer, Permission.VIEW_FIGURES):
        tiles = queries.home_tiles(console.hub, viewer, today)
        return [TileView(t.name, t.label, t.label_en, t.count, queue_url(t.filters), t.name in _ALERT_TILES)
                for t in tiles], True
    views = []
    with console.hub.tx() as s:  # one transaction: the counts agree with one another
        for name, zh, en, filters in DEPARTMENT_TILES:
            page = queries.case_queue(console.hub, viewer, filters, page_size=1, today=today, session=s)
            views.append(TileView(name, zh, en, page.total, queue_url(filters), name in _ALERT_TILES))
    return views, False


@home_part(order=10)
def _home_tiles(console: Console, viewer: Viewer) -> HomePart | None:
    if not can(viewer, Permission.VIEW_CASES):
        return None
    tiles, county = tile_views(console, viewer)
    return HomePart("cases_home_tiles.html", {"tiles": tiles, "county": county})


# -- the queue ----------------------------------------------------------------------------------------------------
class BadInput(Exception):
    def __init__(self, field: str, zh: str, en: str) -> None:
        super().__init__(en)
        self.field, self.zh, self.en = field, zh, en


def _date(name: str, value: str, zh: str, en: str) -> dt.date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadInput(name, f"“{zh}”不是有效日期：{value}。请写成 2026-12-31 这样的格式。",
                       f"“{en}” is not a date: {value}. Write it as 2026-12-31.") from None


def parse_filters(params: dict[str, str]) -> queries.QueueFilters:
    """The queue's GET parameters as filters; a value no list offers is a ``BadInput`` for the form."""
    get = {k: (params.get(k) or "").strip()
           for k in (*FILTER_KEYS, "q", "deadline_from", "deadline_to", "registered_from", "registered_to")}
    if (get["measure"] and get["measure"] not in reports.MEASURES) or (get["unset"] and get["unset"] not in queries.UNSET_COLUMNS):
        raise BadInput("measure", "没有这个统计指标，请从统计报表进入。", "No such figure; open it from the reports.")
    if get["status"] and get["status"] not in {s.value for s in Status}:
        raise BadInput("status", "没有这个办理状态，请从列表中选择。", "No such status; choose one from the list.")
    if get["triage"] and get["triage"] not in {"green", "blue", "yellow", "red"}:
        raise BadInput("triage", "没有这个分办颜色，请从列表中选择。", "No such colour; choose one from the list.")
    if get["tile"] and get["tile"] not in queries.TILE_LABELS:
        raise BadInput("tile", "没有这个统计项，请从首页进入。", "No such figure; open it from the home page.")
    if len(get["q"]) > 100:
        raise BadInput("q", "搜索的文字太长（最多 100 个字）。", "The search text is too long (100 characters at most).")
    start = _date("deadline_from", get["deadline_from"], "期限从", "Deadline from")
    end = _date("deadline_to", get["deadline_to"], "期限到", "Deadline to")
    if start and end and start > end:
        raise BadInput("deadline_to", "“期限到”早于“期限从”，请检查日期。",
                       "“Deadline to” is before “Deadline from”; check the dates.")
    registered = (_date("registered_from", get["registered_from"], "登记日期从", "Registered from"),
                  _date("registered_to", get["registered_to"], "登记日期到", "Registered to"))
    return queries.QueueFilters(
        registered_from=registered[0], registered_to=registered[1], measure=get["measure"] or None,
        village_id=get["village_id"] or None, unset=get["unset"] or None,
        station=get["station"] or None, township=get["township"] or None, village=get["village"] or None,
        category=get["category"] or None, department=get["department"] or None, status=get["status"] or None,
        triage=get["triage"] or None, deadline_from=start, deadline_to=end, tile=get["tile"] or None,
        q=get["q"] or None)


def _queue(console: Console, viewer: Viewer, filters: queries.QueueFilters | None, page: int, sort: str
           ) -> tuple[queries.QueuePage, queries.FilterOptions, list[CasePart]]:
    """One page of the queue (``filters`` None: the form was unreadable, so no list, only the form)."""
    today = local_today(console)
    with console.hub.tx() as s:
        if filters is None:
            result = queries.QueuePage([], 0, 1, PAGE_SIZE, sort)
        else:
            result = queries.case_queue(console.hub, viewer, filters, page, PAGE_SIZE, sort, today=today, session=s)
            if not result.rows and result.total and page > result.pages:  # past the end (a bookmark): the last
                result = queries.case_queue(console.hub, viewer, filters, result.pages, PAGE_SIZE, sort,
                                            today=today, session=s)
        options = _options(console, viewer, s)
    batch = [p for _o, fn in _BATCH_PARTS if (p := fn(console, viewer)) is not None]
    return result, options, batch


#: how long the queue's dropdown values are kept (a new station or village shows within this many seconds)
OPTIONS_TTL = 15.0
#: case-page computations at a time in one hub process: the stations' sync shares the process, and a burst of
#: console clicks must wait its turn rather than take every thread (issue 15: the hub keeps serving stations)
CONSOLE_SLOTS = 2


def _options(console: Console, viewer: Viewer, s: Any) -> queries.FilterOptions:
    """``queries.filter_options`` for the viewer's narrowing, kept ``OPTIONS_TTL`` seconds per narrowing (every
    queue page needs them; they change when a station, village, category or department is added)."""
    f = case_filter(viewer)
    key = (f.township, f.department)
    cache: dict[Any, tuple[float, queries.FilterOptions]] = console.extra.setdefault("queue_options", {})
    hit = cache.get(key)
    now = time.monotonic()
    if hit is not None and hit[0] > now:
        return hit[1]
    options = queries.filter_options(console.hub, viewer, session=s)
    cache[key] = (now + OPTIONS_TTL, options)
    return options


async def _limited(console: Console, fn: Callable[..., Any], *args: Any) -> Any:
    """``fn(*args)`` on a worker thread, at most ``CONSOLE_SLOTS`` at a time in this process."""
    slots: asyncio.Semaphore = console.extra.setdefault("case_slots", asyncio.Semaphore(CONSOLE_SLOTS))
    async with slots:
        return await run_in_threadpool(fn, *args)


def _search_detail(filters: queries.QueueFilters, sort: str, page: int, total: int) -> str:
    asked = " ".join(f"{k}={v}" for k, v in _filter_params(filters).items() if v)
    return f"{asked} sort={sort} page={page} → {total}"


@router.get("/cases", response_class=HTMLResponse)
async def case_list(request: Request, viewer: Annotated[Viewer, Depends(require(Permission.VIEW_CASES))],
                    page: str = "1", sort: str = "registered_desc") -> HTMLResponse:
    console = console_of(request)
    params = dict(request.query_params)
    error: BadInput | None = None
    try:
        filters = parse_filters(params)
        if sort not in queries.SORTS:
            raise BadInput("sort", "没有这种排序方式，请从列表中选择。", "No such order; choose one from the list.")
        number = int(page) if page.strip().isdigit() else 0
        if number < 1:
            raise BadInput("page", "页码应是 1 以上的整数。", "The page number should be a whole number from 1.")
    except BadInput as exc:
        error, filters, number = exc, queries.QueueFilters(), 1
        sort = sort if sort in queries.SORTS else "registered_desc"
    result, options, batch = await _limited(console, _queue, console, viewer, None if error else filters, number,
                                            sort)
    searched = any(v for v in _filter_params(filters).values())
    if searched:
        await record(request, "case_search", filters.q or "", _search_detail(filters, sort, result.page, result.total))
    shown = {k: (params.get(k) or "") for k in (*FILTER_KEYS, "q", "deadline_from", "deadline_to", "registered_from",
                                                "registered_to")}
    if error is None:
        shown = _filter_params(filters)
    context = {
        "result": result, "options": options, "f": shown, "sort": sort, "error": error, "batch": batch,
        "searched": searched, "page_url": lambda n: queue_url(filters, sort=sort if sort != "registered_desc" else "",
                                                              page=n if n > 1 else ""),
        "sort_url": lambda key: queue_url(filters, sort=key if key != "registered_desc" else ""),
        "tile_label": queries.TILE_LABELS.get(filters.tile or ""), "day_words": day_words,
        "measure_label": reports.MEASURES.get(filters.measure or ""),
    }
    return render(request, "cases.html", context, status=400 if error else 200)


# -- one case -------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TimelineView:
    entry: queries.TimelineEntry
    details: list[str]


SIDES = {"station": ("联络站", "Station"), "county": ("县人大", "County office"), "department": ("承办单位", "Department")}


def _case(console: Console, viewer: Viewer, case_no: str, lang: str
          ) -> tuple[queries.CasePage, list[TimelineView], list[CasePart]]:
    page = queries.case_page(console.hub, viewer, case_no, today=local_today(console))
    names = department_names(console.hub, [e.data["department_id"] for e in page.timeline
                                           if e.data.get("department_id")])
    timeline = [TimelineView(e, event_details(e.data, lang, names)) for e in page.timeline]
    parts = [p for _o, fn in _CASE_PARTS if (p := fn(console, viewer, page)) is not None]
    return page, timeline, parts


@router.get("/cases/{case_no}", response_class=HTMLResponse)
async def case_detail(request: Request, case_no: str,
                      viewer: Annotated[Viewer, Depends(require(Permission.VIEW_CASES))]) -> HTMLResponse:
    console = console_of(request)
    lang = lang_of(request)
    try:
        page, timeline, parts = await _limited(console, _case, console, viewer, case_no, lang)
    except PermissionDenied as exc:
        await record(request, "case_refused", case_no.strip()[:60])
        raise Refused(403, exc.message, exc.message_en) from None
    except DomainError as exc:
        raise Refused(404, exc.message, exc.message_en, "找不到案件", "No such case") from None
    await record(request, "case_view", page.case.case_no,
                 "personal data shown" if page.personal_shown else "no personal data")
    return render(request, "case.html", {"c": page, "case": page.case, "timeline": timeline, "parts": parts,
                                         "sides": SIDES, "day_words": day_words,
                                         "may_see_personal": can(viewer, Permission.VIEW_PERSONAL)})


# -- stations -------------------------------------------------------------------------------------------------------
def _stations(console: Console, viewer: Viewer, silent: int) -> list[health.StationRow]:
    return health.station_rows(console.hub, viewer, local_today(console), silent)


@router.get("/stations", response_class=HTMLResponse)
async def stations(request: Request, viewer: Annotated[Viewer, Depends(require(Permission.VIEW_FIGURES))],
                   silent: str = str(health.DEFAULT_SILENT_DAYS)) -> HTMLResponse:
    console = console_of(request)
    error = None
    days = int(silent) if silent.strip().isdigit() else -1
    if not 0 <= days <= 365:
        error = BadInput("silent", "“多少天未同步算失联”应是 0 到 365 之间的整数。",
                         "“Silent after how many days” should be a whole number from 0 to 365.")
        days = health.DEFAULT_SILENT_DAYS
    rows = await _limited(console, _stations, console, viewer, days)
    now = console.now()
    return render(request, "stations.html", {
        "rows": rows, "silent": days if error is None else silent, "error": error,
        "ago": lambda then: ago(then, now, lang_of(request)),
        "silent_count": sum(1 for r in rows if r.health.silent and not r.health.revoked),
        "township_only": viewer.role is Role.TOWNSHIP_STAFF}, status=400 if error else 200)

