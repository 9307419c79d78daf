"""Migration 0005 (issue 19): case events name the event they follow. An upgraded station keeps folding its
old events by stamp, and its next action on an old case follows that case's last event."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from liaison_desk.db.models import Case, CaseEvent
from liaison_desk.domain.workflow import EventKind, Role, allowed_actions
from liaison_desk.services.admin.integrity import run_check
from liaison_desk.services.cases.actions import act_on_case, case_state
from liaison_desk.services.context import Actor, open_station_database
from tests.db.test_migrations import unpack

SCHEMAS = Path(__file__).resolve().parent.parent / "fixtures" / "schemas"


def test_a_0004_station_upgrades_and_links_its_next_events(tmp_path):
    data = tmp_path / "station"
    unpack(SCHEMAS / "0004.sqlite3.gz", data)
    db = open_station_database(data)
    try:
        with db.session(write=False) as s:
            assert s.scalar(select(func.count()).select_from(CaseEvent)) > 0
            assert s.scalar(select(func.count()).where(CaseEvent.follows_id.is_not(None))) == 0
            open_case = s.scalars(select(Case.id).where(Case.status == "accepted")).first()
        assert run_check(db).ok, "old events fold by stamp exactly as before the upgrade"
        assert open_case is not None
        before = case_state(db, open_case)
        staff = Actor(Role.STAFF, "李干事")
        assert EventKind.NOTE in allowed_actions(before, Role.STAFF)
        act_on_case(db, staff, open_case, EventKind.NOTE, {"text": "升级后的第一条"})
        with db.session(write=False) as s:
            note = s.scalars(select(CaseEvent).where(CaseEvent.case_id == open_case, CaseEvent.kind == "note")
                             .order_by(CaseEvent.hlc.desc())).first()
            assert str(note.follows_id) == before.last_id
        after = case_state(db, open_case)
        assert after.last_id == str(note.id) and after.status == before.status
        assert run_check(db).ok
    finally:
        db.dispose()
