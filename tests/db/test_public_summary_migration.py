"""Migration 0006 (issue 14): cases carry a staff-approved 公示摘要. A 0005 station upgrades with none approved
(the notice prints the default wording), its search still works, and the new field can be approved."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, inspect, select

from liaison_desk.db.models import Case
from liaison_desk.domain.workflow import Role
from liaison_desk.services.cases.actions import set_public_summary
from liaison_desk.services.cases.listing import CaseFilter, count_cases
from liaison_desk.services.context import Actor, open_station_database
from liaison_desk.services.printing import docs
from tests.db.test_migrations import unpack

SCHEMAS = Path(__file__).resolve().parent.parent / "fixtures" / "schemas"


def test_a_0005_station_upgrades_with_no_summary_approved(tmp_path):
    data = tmp_path / "station"
    unpack(SCHEMAS / "0005.sqlite3.gz", data)
    db = open_station_database(data)
    try:
        with db.session(write=False) as s:
            columns = {c["name"]: c for c in inspect(s.connection()).get_columns("cases")}
            assert columns["public_summary"]["nullable"]
            assert s.scalar(select(func.count()).select_from(Case)) > 0
            assert s.scalar(select(func.count()).where(Case.public_summary.is_not(None))) == 0
            case_id, summary = s.execute(select(Case.id, Case.summary).limit(1)).one()
        line = docs.public_notice_line(db, case_id)
        assert line.approved is None and line.printed == line.default
        word = summary[:2]
        assert count_cases(db, CaseFilter(text=word)) > 0  # the search triggers survived (no table rebuild)
        set_public_summary(db, Actor(Role.STAFF, "李干事"), case_id, "道路维修，已办结")
        assert docs.public_notice_line(db, case_id).printed == "道路维修，已办结"
    finally:
        db.dispose()
