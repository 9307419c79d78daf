"""Retention and erasure travel as ordinary updates: the hub's copy loses the personal fields too."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from liaison_desk.domain.payload import sha256_hex
from liaison_desk.domain.workflow import EventKind
from liaison_desk.hub.schema import LedgerEntry
from liaison_desk.services.admin import retention
from liaison_desk.services.admin.integrity import run_check
from liaison_desk.services.cases.actions import CaseInput, VisitInput, act_on_case, register_visit
from tests.sync.harness import Invariants, assert_converged, pending

PHONE = "13977778888"
LATER = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(days=4 * 366)


def test_retention_reaches_the_hub_and_other_replicas_agree(county, staff_actor):
    a = county.add_station("LX01")
    inv = Invariants(county)
    r = register_visit(a, staff_actor, VisitInput("吴老汉", visitor_phone=PHONE, village="柳树湾村"),
                       CaseInput(f"吴老汉（{PHONE}）反映低保"))
    act_on_case(a, staff_actor, r.case_id, EventKind.WITHDRAW, {"text": "已解决"})
    county.sync("LX01")
    assert any(PHONE in line for line in county.hub_export("LX01"))
    done = retention.run_retention(a, staff_actor, now=LATER)
    assert done.visits == 1 and done.constituents == 1 and done.cases == 1
    assert pending(a)
    assert county.sync("LX01").agreed
    inv.check()
    hub = "\n".join(county.hub_export("LX01"))
    assert PHONE not in hub and "吴老汉" not in hub
    with county.hub.tx() as s:  # nor in the record's earlier changes (the pull stream), which still verify
        ledger = s.execute(select(LedgerEntry.payload, LedgerEntry.payload_hash)).all()
    assert all(PHONE not in p and "吴老汉" not in p and sha256_hex(p) == h for p, h in ledger)
    assert_converged(county)
    assert not run_check(a).problems
    county.add_station("LX02")  # a replica that reads the stream afresh
    inv = Invariants(county)
    inv.quiet_and_converged()


def test_an_erasure_carried_by_usb_stick_compacts_the_outbox_and_reaches_the_hub(county, staff_actor, tmp_path):
    """No network: the visit and later its erasure travel in bundles; the answer's acknowledgements compact
    the outbox like a round's, and the hub's copy and history lose the phone."""
    from liaison_desk.db.models import OutboxEntry
    from liaison_desk.services.admin.person import erase_person
    from liaison_desk.services.sync.bundle import import_bundle
    from tests.sync.test_bundles import carry

    a = county.add_station("LX01")
    register_visit(a, staff_actor, VisitInput("吴老汉", visitor_phone=PHONE), CaseInput("低保"))
    _out, answer = carry(county, a, tmp_path, "one")
    assert import_bundle(a, answer).acknowledged > 0
    with a.session(write=False) as s:
        assert not any(PHONE in p for p in s.scalars(select(OutboxEntry.payload)))
    erase_person(a, staff_actor, PHONE)
    _out, answer = carry(county, a, tmp_path, "two")
    assert import_bundle(a, answer).agreed
    with county.hub.tx() as s:
        ledger = list(s.scalars(select(LedgerEntry.payload)))
    hub = "\n".join(county.hub_export("LX01") + ledger)
    assert PHONE not in hub and "吴老汉" not in hub
    assert_converged(county)
