"""A call that did not reach the villager (回电, 没联系上) is a case event like any other: it reaches the hub, the
hub's fold keeps the status and the moved call-back, a reply from the county still lands after it, and the
station and the hub end with the same records."""

from __future__ import annotations

import datetime as dt

from liaison_desk.domain.timeutil import local_today
from liaison_desk.domain.workflow import CallOutcome, EventKind, Role, Status
from liaison_desk.hub import county as hc
from liaison_desk.services.cases import callbacks
from liaison_desk.services.cases.actions import CaseInput, VisitInput, act_on_case, case_state, register_visit
from liaison_desk.services.context import Actor
from tests.sync.harness import Invariants

STAFF = Actor(Role.STAFF, "李干事")
DEPUTY = Actor(Role.DUTY_DEPUTY, "王代表")


def test_an_unreached_call_syncs_and_folds_alike_at_the_hub(county, admin):
    a = county.add_station("LX01")
    inv = Invariants(county)
    dep = hc.add_reference(county.hub, "departments", {"name": "县水利局"})
    county.quiet()
    r = register_visit(a, admin, VisitInput("张三", visitor_phone="13812345678"), CaseInput("水渠堵了，灌不了水"))
    act_on_case(a, STAFF, r.case_id, EventKind.ACCEPT)
    act_on_case(a, STAFF, r.case_id, EventKind.ASSIGN, {"department_id": dep, "deadline": "2026-12-31"})
    due = local_today() + dt.timedelta(days=4)
    callbacks.record_call(a, DEPUTY, r.case_id, CallOutcome.SWITCHED_OFF, callback_due=due, text="关机")
    county.quiet()
    inv.check()
    hc.act_on_case(county.hub, r.case_number, EventKind.REPLY, {"text": "已疏通", "resolution": "solved"}, "水利局")
    county.quiet()
    inv.quiet_and_converged()
    state = case_state(a, r.case_id)
    assert state.status is Status.REPLIED and state.callback_due == due and not state.anomalies
    exported = "\n".join(county.hub_export())
    assert "call_attempt" in exported and "switched_off" in exported
