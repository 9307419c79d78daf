"""An erasure on request reaches the county hub (PostgreSQL): its copy of the person's records no longer
holds their phone or name, and every replica agrees."""

from __future__ import annotations

from sqlalchemy import select

from liaison_desk.hub.schema import HubConflict, HubRecord, LedgerEntry
from liaison_desk.services.admin.person import erase_person
from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
from tests.sync.harness import Invariants, assert_converged, pending

PHONE = "13788889999"


def _hub_text(county, *tables) -> str:
    with county.hub.tx() as s:
        parts = []
        if HubRecord in tables:
            parts += [r.fields for r in s.scalars(select(HubRecord))]
        if LedgerEntry in tables:
            parts += list(s.scalars(select(LedgerEntry.payload)))
        if HubConflict in tables:
            parts += [f"{c.kept_value} {c.lost_value}" for c in s.scalars(select(HubConflict))]
    return "\n".join(parts)


def test_an_erasure_reaches_the_hub_and_the_hub_no_longer_holds_the_phone(pg_county, staff_actor):
    a = pg_county.add_station("LX01")
    pg_county.add_station("LX02")
    inv = Invariants(pg_county)
    register_visit(a, staff_actor, VisitInput("韩梅", visitor_phone=PHONE, village="柳树湾村"),
                   CaseInput(f"韩梅（{PHONE}）反映自来水浑浊"))
    register_visit(a, staff_actor, VisitInput("李雷", visitor_phone="13711112222"), CaseInput("李雷反映路灯"))
    assert pg_county.sync("LX01").agreed
    assert PHONE in _hub_text(pg_county, HubRecord)
    done = erase_person(a, staff_actor, PHONE)
    assert done.visits == 1 and done.constituents == 1 and done.cases == 1
    assert pending(a)
    assert pg_county.sync("LX01").agreed
    inv.check()
    held = _hub_text(pg_county, HubRecord, LedgerEntry, HubConflict)
    assert PHONE not in held and "韩梅" not in held
    assert "李雷" in held and "自来水浑浊" in held  # others' records and the matter itself stay
    inv.quiet_and_converged()
    assert_converged(pg_county)
