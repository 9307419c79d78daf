"""The ledger of open cases (未办结案件台账) as an ``.xlsx`` workbook, one row per case, streamed from the
database into a write-only workbook (``workbook.write_ledger``): the month-end pack's workbook and
``liaison-desk report --ledger``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.orm import aliased

from ...db.database import Database
from ...db.models import Case, Category, Department, Station, Village, Visit
from ...domain.masking import mask_text
from ...domain.timeutil import to_local, utcnow
from ...domain.workflow import OPEN_STATUSES, STATUS_LABELS, Status, days_overdue
from ..admin import audit
from ..context import Actor
from .source import TRIAGE_NAMES
from .workbook import write_ledger

BATCH = 5000


def open_case_rows(db: Database, today: dt.date) -> Iterator[Sequence[Any]]:
    """Every open case, oldest first, as the ledger's row (without its 序号); read in batches in one
    read transaction. Free text goes through ``mask_text`` (no full ID or phone number leaves the station)."""
    v = aliased(Village)
    stmt = (select(Case.number, Case.registered_at, Visit.visitor_names, v.name, Category.name, Case.summary,
                   Case.triage, Department.name, Case.deadline, Case.status)
            .select_from(Case)
            .outerjoin(Visit, Visit.id == Case.visit_id)
            .outerjoin(v, v.id == Case.village_id)
            .outerjoin(Category, Category.id == Case.category_id)
            .outerjoin(Department, Department.id == Case.department_id)
            .where(Case.deleted_hlc.is_(None), Case.status.in_([s.value for s in OPEN_STATUSES]))
            .order_by(Case.registered_at, Case.number)
            .execution_options(yield_per=BATCH))
    status_zh = {s.value: STATUS_LABELS[s][0] for s in Status}
    with db.session(write=False) as s:
        for (number, registered_at, names, village, category, summary, triage, department, deadline,
             status) in s.execute(stmt):
            late = days_overdue(deadline, status, today)
            yield (number, to_local(registered_at), names or "", village or "", category or "",
                   mask_text(summary), TRIAGE_NAMES.get(triage, triage or ""), department or "", deadline,
                   late or None, status_zh.get(status, status))


def export_open_ledger(db: Database, out: IO[bytes] | Path, *, actor: Actor | None = None,
                       as_of: dt.datetime | None = None) -> int:
    """Write the ledger of open cases to ``out``; returns how many cases it lists. It names the people who
    came, so the export is logged in the audit trail under ``actor`` (issue 17), as ``export`` is."""
    now = to_local(as_of or utcnow())
    with db.session(write=False) as s:
        names = list(s.scalars(select(Station.name)))
    station = names[0] if len(names) == 1 else ""
    title = f"{station}未办结社情民意台账"
    subtitle = f"截至 {now:%Y-%m-%d %H:%M}，按登记时间排列"
    count = write_ledger(out, title, subtitle, open_case_rows(db, now.date()))
    audit.record(db, actor, "export", "未办结案件台账", f"xlsx，{count} 件")
    return count
