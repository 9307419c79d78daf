"""The value a write returns to say what it changed (``services.changes``)."""

from __future__ import annotations

import uuid

import pytest

from liaison_desk.services import changes as chg
from liaison_desk.services.changes import CASE_LISTS, CASES, COUNTERS, EMPTY, ROSTER, Changes, merge


def test_union_and_emptiness():
    one, two = uuid.uuid4(), uuid.uuid4()
    a = chg.case_changed(one)
    b = Changes(cases=frozenset({two}), lists=frozenset({ROSTER}), settings=True)
    both = a | b
    assert both.cases == {one, two} and both.lists == CASE_LISTS | {ROSTER} and both.settings
    assert not EMPTY and a and Changes(settings=True)
    assert a | EMPTY is a and EMPTY | a is a
    assert merge([]) == EMPTY and merge([a, b]) == both
    assert both.concerns(ROSTER) and not chg.lists(COUNTERS).concerns(CASES)
    assert a.concerns_case(one) and not a.concerns_case(two)


def test_an_unknown_list_name_is_refused():
    with pytest.raises(ValueError, match="unknown"):
        Changes(lists=frozenset({"casse"}))


def test_what_a_synced_record_changes():
    case_id = uuid.uuid4()
    assert chg.of_record("cases", str(case_id)).cases == {case_id}
    event = chg.of_record("case_events", str(uuid.uuid4()), {"case_id": str(case_id), "kind": "reply"})
    assert event.cases == {case_id} and event.lists == CASE_LISTS
    assert chg.of_record("case_events", str(uuid.uuid4()), {"kind": "note"}).cases == frozenset()  # an update
    assert chg.of_record("roster_slots", str(uuid.uuid4())).lists == {ROSTER}
    assert chg.of_record("outbox", "x") == EMPTY  # on no screen
    assert chg.of_tables(["cases", "roster_slots"]).lists == CASE_LISTS | {ROSTER}


def test_the_desk_s_write_services_say_what_they_changed(db, staff_actor):
    from liaison_desk.domain.workflow import EventKind, Status
    from liaison_desk.services.cases.actions import CaseInput, VisitInput, act_on_case, register_visit
    from liaison_desk.services.changes import HANDOVER, QUEUE
    from liaison_desk.services.desk.settings import SETTINGS_CHANGED

    visit_only = register_visit(db, staff_actor, VisitInput("张三"))
    assert visit_only.changes.lists == {HANDOVER, COUNTERS} and not visit_only.changes.cases
    r = register_visit(db, staff_actor, VisitInput("李四"), CaseInput("路灯坏了"))
    assert r.case_id is not None
    assert r.changes.cases == {r.case_id} and r.changes.lists == CASE_LISTS
    acted = act_on_case(db, staff_actor, r.case_id, EventKind.ACCEPT)
    assert acted.state.status is Status.ACCEPTED
    assert acted.changes == chg.case_changed(r.case_id)
    assert SETTINGS_CHANGED.settings and SETTINGS_CHANGED.concerns(QUEUE, COUNTERS)
