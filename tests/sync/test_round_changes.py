"""A sync round and a USB answer file say what they changed (``SyncReport.changes``), for the desk's screens."""

from __future__ import annotations

from liaison_desk.domain.workflow import EventKind
from liaison_desk.hub import county as hc
from liaison_desk.services.cases.actions import CaseInput, VisitInput, act_on_case, register_visit
from liaison_desk.services.changes import CASES, COUNTERS, EMPTY, HANDOVER, LOOKUPS, QUEUE
from liaison_desk.services.context import SYSTEM_ADMIN
from liaison_desk.services.sync.bundle import import_bundle


def _assigned(county, db):
    dep = hc.add_reference(county.hub, "departments", {"name": "县水利局"})
    first = county.sync("LX01")
    assert LOOKUPS in first.changes.lists and not first.changes.cases  # the department came down
    r = register_visit(db, SYSTEM_ADMIN, VisitInput("张三"), CaseInput("水渠堵了"))
    assert r.case_id is not None
    act_on_case(db, SYSTEM_ADMIN, r.case_id, EventKind.ACCEPT)
    act_on_case(db, SYSTEM_ADMIN, r.case_id, EventKind.ASSIGN, {"department_id": dep, "deadline": "2026-12-31"})
    return r


def test_a_round_names_the_case_a_county_reply_changed(county):
    a = county.add_station("LX01")
    r = _assigned(county, a)
    pushed = county.sync("LX01")
    assert pushed.pushed and pushed.changes.lists == {COUNTERS} and not pushed.changes.cases  # nothing came back
    hc.act_on_case(county.hub, r.case_number, EventKind.REPLY, {"text": "已清淤", "resolution": "solved"}, "水利局")
    report = county.sync("LX01")
    assert report.applied == 1
    assert report.changes.cases == {r.case_id}
    assert {CASES, QUEUE, HANDOVER, COUNTERS} <= report.changes.lists and not report.changes.settings
    assert county.sync("LX01").changes == EMPTY  # a quiet round changed nothing


def test_an_answer_file_names_what_it_applied(county, tmp_path):
    from tests.sync.test_bundles import carry

    a = county.add_station("LX01")
    r = _assigned(county, a)
    county.sync("LX01")
    hc.act_on_case(county.hub, r.case_number, EventKind.REPLY, {"text": "已清淤", "resolution": "solved"}, "水利局")
    _out, answer = carry(county, a, tmp_path, "one")
    result = import_bundle(a, answer)
    assert result.report.changes.cases == {r.case_id} and CASES in result.report.changes.lists
