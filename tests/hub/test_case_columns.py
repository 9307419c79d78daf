"""The case columns derived from a case's events: one list (``domain.workflow.derived_columns``) for the
station's case row and the hub's export."""

from __future__ import annotations

import datetime as dt
import uuid

from liaison_desk.db.models import Case
from liaison_desk.domain.workflow import Event, EventKind, Role, derived_columns, fold
from liaison_desk.hub.county import case_derived
from liaison_desk.services.cases.actions import apply_state

DEPT = str(uuid.uuid4())


def _events() -> list[Event]:
    at = dt.datetime(2026, 11, 2, 9, 0)
    return [
        Event("e0", EventKind.REGISTER, "000001762074000-000000-a", Role.STAFF, at),
        Event("e1", EventKind.ACCEPT, "000001762074001-000000-a", Role.STAFF, at, follows="e0"),
        Event("e2", EventKind.ASSIGN, "000001762074002-000000-a", Role.STAFF, at,
              {"department_id": DEPT, "deadline": "2026-11-20"}, follows="e1"),
    ]


def test_the_rule_covers_every_derived_column():
    assert set(derived_columns(fold([]))) == set(Case.__derived__)


def test_station_row_and_hub_export_carry_the_same_values():
    events = _events()
    state = fold(events)
    case = Case()
    apply_state(case, state)
    exported = case_derived(events)
    assert set(exported) == set(Case.__derived__)
    for name in Case.__derived__:
        value = getattr(case, name)
        if isinstance(value, uuid.UUID):
            value = str(value)
        elif isinstance(value, dt.datetime):
            value = value.isoformat(timespec="microseconds")
        elif isinstance(value, dt.date):
            value = value.isoformat()
        assert exported[name] == value, name
    assert exported["department_id"] == DEPT and exported["deadline"] == "2026-11-20"
    assert case.department_id == uuid.UUID(DEPT)
