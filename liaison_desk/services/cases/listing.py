"""The case list as pages of plain rows, so a view can scroll a million cases without loading them all.

Filters: status, open only, overdue, triage colour, category, village, receiving deputy, and Chinese full-text
search (``text``, through the ``case_search`` index). Sorts: newest/oldest registered, deadline, urgency,
case number. Paging by offset, or by keyset (``after`` = the last row's ``key``) for the sorts that have one
(newest, oldest, number; and any text search), which costs the same on page 1 and page 5 000.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnClause,
    ColumnElement,
    Select,
    and_,
    case,
    column,
    func,
    literal_column,
    select,
    table,
    tuple_,
)
from sqlalchemy import text as sql_text
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased

from ...db.database import Database
from ...db.models import Case, Category, Department, Village, Visit
from ...domain.errors import ValidationError
from ...domain.textsearch import fts_match
from ...domain.timeutil import local_today, to_local
from ...domain.workflow import (
    DUE_SOON_DAYS,
    OPEN_STATUSES,
    DeadlineState,
    Status,
    days_overdue,
    deadline_state,
)
from ..admin import audit
from ..context import Actor
from ..desk.settings import get_settings
from .search_index import ensure_search_index

SORTS = {
    "newest": ("最新登记在前", "Newest first"),
    "oldest": ("最早登记在前", "Oldest first"),
    "deadline": ("期限最近在前", "Nearest deadline first"),
    "urgency": ("最紧急在前", "Most urgent first"),
    "number": ("按编号", "By case number"),
}
KEYSET_SORTS = frozenset({"newest", "oldest", "number"})
TRIAGE_RANK = {"red": 0, "yellow": 1, "blue": 2, "green": 3}
URGENCY_RANK = {"critical": 0, "urgent": 1, "normal": 2}

_fts = table("case_search", column("rowid"))
_case_rowid: ColumnClause[int] = literal_column("cases.rowid")
# Spelled as in the partial indexes of db.models_desk (a bound parameter would not match them); the same set
# as workflow.OPEN_STATUSES.
OPEN_SQL = "cases.status NOT IN ('closed', 'withdrawn')"
assert {s.value for s in OPEN_STATUSES} | {"closed", "withdrawn"} == {s.value for s in Status}


def is_open():
    return sql_text(OPEN_SQL)


@dataclass(frozen=True)
class CaseFilter:
    status: str | None = None
    open_only: bool = False
    overdue_on: dt.date | None = None  # open cases whose deadline is before this date
    text: str | None = None  # full-text search: every term must occur (content, visitor name, number)
    triage: str | None = None  # green | blue | yellow | red
    category_id: uuid.UUID | None = None
    village_id: uuid.UUID | None = None
    deputy_id: uuid.UUID | None = None  # the deputy who received it
    overdue: bool = False  # open and past its deadline today (station-local)
    sort: str = "newest"


@dataclass(frozen=True)
class CaseRow:
    id: uuid.UUID
    number: str
    registered_at: dt.datetime  # station-local
    summary: str
    category: str | None
    village: str | None
    triage: str
    status: str
    department: str | None
    deadline: dt.date | None
    urgency: str = "normal"
    escalation_level: int = 0
    key: tuple = ()  # pass as ``after`` to get the next page (keyset paging); () when the sort has none


def _fts_text(f: CaseFilter) -> str | None:
    return fts_match(f.text) if f.text and f.text.strip() else None


def _ready(db: Database, f: CaseFilter) -> None:
    if _fts_text(f) is not None:
        ensure_search_index(db)


def _where(q, f: CaseFilter):
    """The filter's conditions on a query over ``cases`` (also used by the printed ledger)."""
    q = q.where(Case.deleted_hlc.is_(None))
    if f.status:
        q = q.where(Case.status == f.status)
    if f.open_only or f.overdue_on or f.overdue:
        q = q.where(is_open())
    if f.overdue_on:
        q = q.where(Case.deadline < f.overdue_on)
    if f.overdue:
        q = q.where(Case.deadline < local_today())
    if f.triage:
        q = q.where(Case.triage == f.triage)
    if f.category_id:
        q = q.where(Case.category_id == f.category_id)
    if f.village_id:
        q = q.where(Case.village_id == f.village_id)
    if f.deputy_id:
        q = q.where(Case.registered_by_id == f.deputy_id)
    match = _fts_text(f)
    if match is not None:
        q = q.where(_case_rowid.in_(select(_fts.c.rowid).where(sql_text("case_search MATCH :fts"))))
        q = q.params(fts=match)
    return q


def _search_join(q, f: CaseFilter):
    """Drive the query from the index (rowid order) instead of filtering cases by it."""
    match = _fts_text(f)
    q = q.join(_fts, _fts.c.rowid == _case_rowid).where(sql_text("case_search MATCH :fts")).params(fts=match)
    return _where(q, CaseFilter(**{**f.__dict__, "text": None}))


def count_cases(db: Database, f: CaseFilter = CaseFilter(), *, cap: int | None = None) -> int:
    """How many cases the filter selects; at most ``cap`` when given (cheap for a "10 000+" label)."""
    base: Select[Any] = select(literal_column("1")).select_from(Case)
    q = _search_join(base, f) if _fts_text(f) else _where(base, f)
    if cap is not None:
        q = q.limit(cap)
    _ready(db, f)
    with db.session(write=False) as s:
        return s.scalar(select(func.count()).select_from(q.subquery())) or 0


def _order(f: CaseFilter, searching: bool):
    if f.sort not in SORTS:
        raise ValidationError("bad_sort", "不支持这种排序方式。", field="sort")
    if searching and f.sort in ("newest", "oldest"):
        # the index hands rows out in rowid (= recording) order: a page needs no sort of all matches
        key: list[ColumnElement[Any] | InstrumentedAttribute[Any]] = [_fts.c.rowid]
    elif f.sort in ("newest", "oldest"):
        key = [Case.registered_at, Case.id]
    elif f.sort == "number":
        key = [Case.number]
    elif f.sort == "deadline":
        return [Case.deadline.is_(None), Case.deadline, Case.registered_at, Case.id], None
    else:  # urgency: red before yellow…, critical before urgent, then the nearest deadline
        return [case(TRIAGE_RANK, value=Case.triage, else_=9), case(URGENCY_RANK, value=Case.urgency, else_=9),
                Case.escalation_level.desc(), Case.deadline.is_(None), Case.deadline, Case.registered_at,
                Case.id], None
    descending = f.sort == "newest"
    return [k.desc() if descending else k for k in key], (key, descending)


def page_cases(db: Database, f: CaseFilter = CaseFilter(), *, offset: int = 0, limit: int = 200,
               after: tuple | None = None, actor: Actor | None = None) -> list[CaseRow]:
    """One page of the list. Newest first by default, through the registered-at index (or the search
    index when searching), so a late page costs an index walk, not a sort. ``after`` (a row's ``key``)
    continues after that row in O(page) for the keyset sorts; otherwise use ``offset``. ``actor``: who is
    shown the list; its first page (a showing or refresh, not the pages scrolled to) is logged in the audit
    trail with its row count and the kind of search, never its text (issue 17)."""
    first = offset == 0 and after is None
    rows = _page(db, f, offset=offset, limit=limit, after=after)
    if first and actor is not None:
        text = (f.text or "").strip()
        audit.record_list(db, actor, "案件列表", len(rows), f"，{audit.describe_search(text)}" if text else "")
    return rows


def _page(db: Database, f: CaseFilter, *, offset: int, limit: int, after: tuple | None) -> list[CaseRow]:
    cat, vil, dep = aliased(Category), aliased(Village), aliased(Department)
    searching = _fts_text(f) is not None
    order, keyset = _order(f, searching)
    cols = [Case.id, Case.number, Case.registered_at, Case.summary, cat.name, vil.name, Case.triage,
            Case.status, dep.short_name, dep.name, Case.deadline, Case.urgency, Case.escalation_level]
    key_cols = keyset[0] if keyset else []
    q = (select(*cols, *key_cols).select_from(Case)
         .outerjoin(cat, cat.id == Case.category_id)
         .outerjoin(vil, vil.id == Case.village_id)
         .outerjoin(dep, dep.id == Case.department_id))
    q = _search_join(q, f) if searching else _where(q, f)
    if offset and keyset and after is None:
        # a deep offset: find the row just before the page with a narrow query (the list's partial index
        # covers it when there is no other filter), then read the page by keyset, joins and all
        _ready(db, f)
        bq = select(*keyset[0]).select_from(Case)
        bq = (_search_join(bq, f) if searching else _where(bq, f)).order_by(*order).offset(offset - 1).limit(1)
        with db.session(write=False) as s:
            boundary = s.execute(bq).first()
        if boundary is None:
            return []
        after, offset = tuple(boundary), 0
    if after is not None and keyset:
        cols_, descending = keyset
        lhs, rhs = (tuple_(*cols_), tuple_(*after)) if len(cols_) > 1 else (cols_[0], after[0])
        q = q.where(lhs < rhs if descending else lhs > rhs)
    elif after is not None:
        raise ValidationError("bad_page", "这种排序不支持按位置续页，请用偏移量。", field="after")
    q = q.order_by(*order).offset(offset).limit(limit)
    n = len(cols)
    _ready(db, f)
    with db.session(write=False) as s:
        return [CaseRow(r[0], r[1], to_local(r[2]), r[3], r[4], r[5], r[6], r[7], r[8] or r[9], r[10], r[11],
                        r[12], tuple(r[n:]))
                for r in s.execute(q)]


# -- overdue and due-soon: the queue and the badge ---------------------------------------------------------------
# The SQL below spells ``domain.workflow.deadline_state`` (overdue: open and the deadline before today; due soon:
# open and due from today to ``due_soon_days`` ahead) so the partial indexes serve it; a test checks that the
# two agree on every case of a fixture.


@dataclass(frozen=True)
class UrgencyCounts:
    """For the main window's badge: open cases past their deadline, and due within ``due_soon_days``."""

    overdue: int
    due_soon: int
    callbacks_due: int  # promised call-backs due today or earlier

    @property
    def total(self) -> int:
        return self.overdue + self.due_soon


def urgency_counts(db: Database, *, today: dt.date | None = None, due_soon_days: int = DUE_SOON_DAYS
                   ) -> UrgencyCounts:
    today = today or local_today()
    soon = today + dt.timedelta(days=due_soon_days)
    live = (Case.deleted_hlc.is_(None), is_open())
    with db.session(write=False) as s:
        overdue = s.scalar(select(func.count()).select_from(Case).where(*live, Case.deadline < today))
        due = s.scalar(select(func.count()).select_from(Case)
                       .where(*live, Case.deadline >= today, Case.deadline <= soon))
        calls = s.scalar(select(func.count()).select_from(Case).where(*live, Case.callback_due <= today))
    return UrgencyCounts(overdue or 0, due or 0, calls or 0)


def desk_urgency_counts(db: Database, *, today: dt.date | None = None) -> UrgencyCounts:
    """The badge's counts with this PC's "due soon" setting (two indexed counts: cheap for every refresh)."""
    return urgency_counts(db, today=today, due_soon_days=get_settings(db).due_soon_days)


@dataclass(frozen=True)
class QueueRow:
    row: CaseRow
    days_left: int  # negative: days overdue
    state: DeadlineState  # overdue | due_soon


def _queue_where(today: dt.date, due_soon_days: int) -> tuple:
    soon = today + dt.timedelta(days=due_soon_days)
    return Case.deleted_hlc.is_(None), is_open(), and_(Case.deadline.is_not(None), Case.deadline <= soon)


# the most urgent first: the furthest past its deadline, then red before yellow…, critical before urgent,
# higher escalation first
_QUEUE_ORDER = (Case.deadline, case(TRIAGE_RANK, value=Case.triage, else_=9), case(URGENCY_RANK, value=Case.urgency,
                                                                                    else_=9),
                Case.escalation_level.desc(), Case.registered_at)


def urgency_queue(db: Database, *, today: dt.date | None = None, due_soon_days: int = DUE_SOON_DAYS,
                  limit: int = 200, offset: int = 0) -> list[QueueRow]:
    """Open cases overdue or due within ``due_soon_days``, most urgent first."""
    today = today or local_today()
    cat, vil, dep = aliased(Category), aliased(Village), aliased(Department)
    q = (select(Case.id, Case.number, Case.registered_at, Case.summary, cat.name, vil.name, Case.triage,
                Case.status, dep.short_name, dep.name, Case.deadline, Case.urgency, Case.escalation_level)
         .outerjoin(cat, cat.id == Case.category_id)
         .outerjoin(vil, vil.id == Case.village_id)
         .outerjoin(dep, dep.id == Case.department_id)
         .where(*_queue_where(today, due_soon_days))
         .order_by(*_QUEUE_ORDER)
         .offset(offset).limit(limit))
    out = []
    with db.session(write=False) as s:
        for r in s.execute(q):
            row = CaseRow(r[0], r[1], to_local(r[2]), r[3], r[4], r[5], r[6], r[7], r[8] or r[9], r[10], r[11],
                          r[12])
            out.append(QueueRow(row, (r[10] - today).days,
                                deadline_state(r[10], r[7], today, due_soon_days)))
    return out


# -- short case lists held whole: the desk's queue, the handover's sections -------------------------------------


@dataclass(frozen=True)
class CaseBrief:
    """One line about a case in a short list (the overdue queue, the handover's sections)."""

    id: uuid.UUID
    number: str
    summary: str
    status: str
    triage: str
    urgency: str
    village: str | None
    category: str | None
    visitor_name: str | None
    visitor_phone: str | None  # full number: a printed sheet must mask it
    registered_at: dt.datetime  # local
    deadline: dt.date | None
    callback_due: dt.date | None
    days_overdue: int  # calendar days past the deadline (0 when not overdue): domain.workflow.days_overdue


def brief_query():
    """The columns of ``CaseBrief`` over the live open cases; add conditions, an order and a limit."""
    cat, vil, vis = aliased(Category), aliased(Village), aliased(Visit)
    return (select(Case.id, Case.number, Case.summary, Case.status, Case.triage, Case.urgency, vil.name, cat.name,
                   vis.visitor_names, vis.visitor_phone, Case.registered_at, Case.deadline, Case.callback_due)
            .outerjoin(cat, cat.id == Case.category_id)
            .outerjoin(vil, vil.id == Case.village_id)
            .outerjoin(vis, vis.id == Case.visit_id)
            .where(Case.deleted_hlc.is_(None), is_open()))


def read_briefs(s: Session, q, today: dt.date, limit: int) -> tuple[CaseBrief, ...]:
    """Run a ``brief_query`` (at most ``limit`` rows) in an open session."""
    return tuple(CaseBrief(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8].split("、")[0] if r[8] else None,
                           r[9], to_local(r[10]), r[11], r[12], days_overdue(r[11], r[3], today))
                 for r in s.execute(q.limit(limit)))


@dataclass(frozen=True)
class DeskQueue:
    """超期和即将到期: the most urgent first, with the totals for the main window's badge."""

    rows: tuple[CaseBrief, ...]
    overdue_total: int
    due_soon_total: int


def desk_queue(db: Database, *, today: dt.date | None = None, limit: int = 200) -> DeskQueue:
    """The desk's queue page with this PC's "due soon" setting: the cases of ``urgency_queue``, in its order."""
    today = today or local_today()
    days = get_settings(db).due_soon_days
    counts = urgency_counts(db, today=today, due_soon_days=days)
    with db.session(write=False) as s:
        rows = read_briefs(s, brief_query().where(*_queue_where(today, days)).order_by(*_QUEUE_ORDER), today, limit)
    return DeskQueue(rows, counts.overdue, counts.due_soon)
