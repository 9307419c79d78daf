"""The station's rows as the report engine reads them: its cases and visits under the standard column names,
and the names of the stations, villages, categories, departments and deputies their ids point to."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...db.models import Case, Category, Department, Deputy, Station, Village, Visit
from ...db.report_facts import report_facts_installed
from ...domain.reports import DIMENSIONS
from .engine import CASE_COLUMNS, VISIT_COLUMNS, ReportSource
from .facts import FactTotals

TRIAGE_NAMES = {"red": "红色", "yellow": "黄色", "blue": "蓝色", "green": "绿色"}


def station_source(session: Session) -> ReportSource:
    """The station database as a ``ReportSource``. Dimension columns are ids (grouped without a join); the
    township is the station's, through a LEFT JOIN on its primary key that SQLite drops when unused.
    Deleted (tombstoned) cases and visits are left out. On a station file the per-day totals
    (``db.report_facts``) stand in for the scans of every case and visit."""
    cases = (
        select(Case.id.label("case_id"), Case.number, Case.station_id.label("station"),
               Station.township.label("township"), Case.village_id.label("village"),
               Case.category_id.label("category"), Case.department_id.label("department"),
               Case.registered_by_id.label("deputy"), Case.triage, Case.status, Case.registered_at,
               Case.assigned_at, Case.deadline, Case.replied_at, Case.closed_at, Case.resolution,
               Case.satisfaction, Case.reopen_count, Case.summary)
        .select_from(Case).outerjoin(Station, Station.id == Case.station_id)
        .where(Case.deleted_hlc.is_(None))
    ).subquery("report_cases")
    visits = (
        select(Visit.occurred_at, Visit.headcount, Visit.station_id.label("station"),
               Station.township.label("township"), Visit.village_id.label("village"),
               Visit.received_by_id.label("deputy"))
        .select_from(Visit).outerjoin(Station, Station.id == Visit.station_id)
        .where(Visit.deleted_hlc.is_(None))
    ).subquery("report_visits")
    assert tuple(cases.c.keys()) == CASE_COLUMNS and tuple(visits.c.keys()) == VISIT_COLUMNS
    labels: dict[str, dict[str, str]] = {
        "station": {str(i): n for i, n in session.execute(select(Station.id, Station.name))},
        "village": {str(i): n for i, n in session.execute(select(Village.id, Village.name))},
        "category": {str(i): n for i, n in session.execute(select(Category.id, Category.name))},
        "department": {str(i): n for i, n in session.execute(select(Department.id, Department.name))},
        "deputy": {str(i): n for i, n in session.execute(select(Deputy.id, Deputy.name))},
        "triage": dict(TRIAGE_NAMES),
    }
    assert set(labels) | {"township"} == set(DIMENSIONS)
    names = list(labels["station"].values())
    scope = names[0] if len(names) == 1 else "本站"
    facts = None
    if report_facts_installed(session.connection()):  # a station file: the per-day totals (migration 0009)
        facts = FactTotals({str(i): t or "" for i, t in session.execute(select(Station.id, Station.township))})
    return ReportSource(scope=scope, cases=cases, visits=visits, labels=labels, facts=facts)
