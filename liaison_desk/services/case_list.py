"""The case list as pages of plain rows, so a view can scroll a million cases without loading them all."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from ..db.database import Database
from ..db.models import Case, Category, Department, Village
from ..domain.timeutil import to_local
from ..domain.workflow import OPEN_STATUSES


@dataclass(frozen=True)
class CaseFilter:
    status: str | None = None
    open_only: bool = False
    overdue_on: dt.date | None = None  # open cases whose deadline is before this date


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


def _where(q, f: CaseFilter):
    q = q.where(Case.deleted_hlc.is_(None))
    if f.status:
        q = q.where(Case.status == f.status)
    if f.open_only or f.overdue_on:
        q = q.where(Case.status.in_([s.value for s in OPEN_STATUSES]))
    if f.overdue_on:
        q = q.where(Case.deadline < f.overdue_on)
    return q


def count_cases(db: Database, f: CaseFilter = CaseFilter()) -> int:
    with db.session(write=False) as s:
        return s.scalar(_where(select(func.count()).select_from(Case), f))


def page_cases(db: Database, f: CaseFilter = CaseFilter(), *, offset: int = 0, limit: int = 200) -> list[CaseRow]:
    """Newest first. Uses the registered-at index, so a late page costs an index walk, not a sort."""
    cat, vil, dep = aliased(Category), aliased(Village), aliased(Department)
    q = (select(Case.id, Case.number, Case.registered_at, Case.summary, cat.name, vil.name, Case.triage,
                Case.status, dep.short_name, dep.name, Case.deadline)
         .outerjoin(cat, cat.id == Case.category_id)
         .outerjoin(vil, vil.id == Case.village_id)
         .outerjoin(dep, dep.id == Case.department_id))
    q = _where(q, f).order_by(Case.registered_at.desc(), Case.id.desc()).offset(offset).limit(limit)
    with db.session(write=False) as s:
        return [CaseRow(r[0], r[1], to_local(r[2]), r[3], r[4], r[5], r[6], r[7], r[8] or r[9], r[10])
                for r in s.execute(q)]
