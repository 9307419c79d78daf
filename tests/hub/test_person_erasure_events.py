"""An erasure's redaction of the texts in a person's case history reaches the county hub (PostgreSQL): the
hub's copy and its ledger no longer hold the name or phone typed into a note or a reply, each event keeps
its place (stamp) on every replica, and the replicas agree."""

from __future__ import annotations

from sqlalchemy import select

from liaison_desk.db.models import CaseEvent
from liaison_desk.domain.workflow import EventKind
from liaison_desk.hub.schema import HubRecord, LedgerEntry
from liaison_desk.services.admin.person import erase_person
from liaison_desk.services.cases.actions import CaseInput, VisitInput, act_on_case, register_visit
from tests.sync.harness import Invariants, assert_converged

PHONE = "13788889999"


def _hub_events(county) -> dict[str, tuple[str, str]]:
    with county.hub.tx() as s:
        return {str(r.id): (r.hlc, r.fields) for r in s.scalars(select(HubRecord).where(
            HubRecord.entity == "case_events"))}


def test_the_hub_loses_the_person_from_notes_and_replies_and_keeps_the_history_order(pg_county, admin):
    a = pg_county.add_station("LX01")
    pg_county.add_station("LX02")
    inv = Invariants(pg_county)
    case_id = register_visit(a, admin, VisitInput("韩梅", visitor_phone=PHONE), CaseInput("自来水浑浊")).case_id
    act_on_case(a, admin, case_id, EventKind.NOTE, {"text": f"韩梅留了电话 {PHONE}"})
    for kind in (EventKind.ACCEPT, EventKind.START):
        act_on_case(a, admin, case_id, kind)
    act_on_case(a, admin, case_id, EventKind.REPLY, {"resolution": "solved", "text": "已答复韩梅：水厂已换滤芯"})
    assert pg_county.sync("LX01").agreed
    before = _hub_events(pg_county)
    assert any(PHONE in f for _, f in before.values())
    done = erase_person(a, admin, PHONE)
    assert done.events == 2
    assert pg_county.sync("LX01").agreed
    inv.check()
    after = _hub_events(pg_county)
    assert {i: h for i, (h, _) in after.items()} == {i: h for i, (h, _) in before.items()}  # same places
    with pg_county.hub.tx() as s:
        held = "\n".join([f for _, f in after.values()] + list(s.scalars(select(LedgerEntry.payload))))
    assert PHONE not in held and "韩梅" not in held and "水厂已换滤芯" in held
    with a.session(write=False) as s:
        assert {str(e.id): e.hlc for e in s.scalars(select(CaseEvent))} == {i: h for i, (h, _) in before.items()}
    inv.quiet_and_converged()
    assert_converged(pg_county)


def test_the_countys_own_event_of_the_case_loses_the_person_too(pg_county, admin):
    from liaison_desk.hub import county as hc

    a = pg_county.add_station("LX01")
    r = register_visit(a, admin, VisitInput("韩梅", visitor_phone=PHONE), CaseInput("韩梅反映自来水浑浊"))
    act_on_case(a, admin, r.case_id, EventKind.ACCEPT)
    assert pg_county.sync("LX01").agreed
    hc.act_on_case(pg_county.hub, r.case_number, EventKind.NOTE,
                   {"text": f"韩梅（{PHONE}）反映的水质问题请加快办理"}, "县人大")
    assert pg_county.sync("LX01").agreed  # the county's note reaches the station
    with a.session(write=False) as s:
        county_event = next(e for e in s.scalars(select(CaseEvent)) if e.kind == "note")
        stamp = county_event.hlc
    assert PHONE in county_event.data["text"]
    done = erase_person(a, admin, PHONE)
    assert done.others == 1  # the county's event: not the station's to change
    assert pg_county.sync("LX01").agreed
    assert pg_county.sync("LX01").agreed  # the county's redaction comes back in the pull
    with pg_county.hub.tx() as s:
        held = "\n".join([r.fields for r in s.scalars(select(HubRecord))] + list(s.scalars(select(LedgerEntry.payload))))
    assert PHONE not in held and "韩梅" not in held and "水质问题请加快办理" in held
    with a.session(write=False) as s:
        mine = s.get(CaseEvent, county_event.id)
        assert PHONE not in mine.data["text"] and "韩梅" not in mine.data["text"] and mine.hlc == stamp
    assert_converged(pg_county)
