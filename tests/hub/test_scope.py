"""Reference scope checks at the hub: a station may point only at its own records, at what the county sent
it and at county-wide reference data. Every foreign key of every synced model is tried with another
station's id, through the real HTTP API."""

from __future__ import annotations

import json
import uuid

import pytest
from sqlalchemy import select

from liaison_desk.db.models import Case, Constituent, Visit
from liaison_desk.domain.hlc import HLC
from liaison_desk.hub import county as hc
from liaison_desk.hub.schema import HubRecord
from liaison_desk.hub.scope import REFERENCES
from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
from liaison_desk.services.sync.state import config
from liaison_desk.sync.protocol import PROTOCOL_VERSION, new_change
from tests.sync.harness import assert_converged

_stamp = [0]


def stamp() -> str:
    _stamp[0] += 1
    return HLC(2 * 10**12 + _stamp[0], 0, "t").encode()


def push(county, db, changes) -> list[dict]:
    """Push hand-made changes as ``db``'s station (no outbox position: they are not in its outbox)."""
    body = {"protocol": PROTOCOL_VERSION, "install_id": config(db).install_id, "changes": [c.wire() for c in changes]}
    r = county.client.post("/v1/push", json=body, headers={"Authorization": f"Bearer {config(db).credential}"})
    assert r.status_code == 200, r.text
    return r.json()["results"]


def insert(db, entity: str, fields: dict, ident: str | None = None):
    return new_change(entity, ident or str(uuid.uuid4()), "insert", fields, stamp(), str(db.station_id()))


def hub_has(county, entity: str, ident: str) -> bool:
    with county.hub.tx() as s:
        return s.scalar(select(HubRecord.id).where(HubRecord.entity == entity,
                                                   HubRecord.id == uuid.UUID(ident))) is not None


def test_a_station_cannot_point_its_records_at_another_stations_records(county, admin):
    """The records a desk really makes at station A; station B tries to use their ids."""
    a = county.add_station("LX01")
    b = county.add_station("LX02")
    r = register_visit(a, admin, VisitInput("张三", visitor_phone="13800000001", village="西村"), CaseInput("水渠堵了"))
    register_visit(b, admin, VisitInput("李四"), CaseInput("路灯不亮"))
    county.quiet()
    with a.session(write=False) as s:
        a_case = s.get(Case, r.case_id)
        a_visit, a_constituent = str(a_case.visit_id), str(a_case.constituent_id)
    with b.session(write=False) as s:
        b_case = s.scalars(select(Case)).one()
        b_case_id, b_case_hlc = str(b_case.id), b_case.hlc
    visit = {"station_id": str(b.station_id()), "occurred_at": "2026-11-29T08:00:00.000000", "channel": "walk_in",
             "visitor_names": "王五", "headcount": 1, "note": ""}
    attacks = [
        insert(b, "visits", {**visit, "constituent_id": a_constituent}),                    # A's constituent
        insert(b, "cases", {"number": "LX02-X", "station_id": str(b.station_id()), "visit_id": a_visit,
                            "summary": "x", "content": "x", "registered_at": "2026-11-29T08:00:00"}),  # A's visit
        insert(b, "visits", {**visit, "station_id": str(a.station_id())}),                  # at A's station
        insert(b, "case_events", {"case_id": b_case_id, "kind": "link_duplicate", "occurred_at": "2026-11-29T08:00:00",
                                  "actor_role": "staff", "actor_name": "x",
                                  "data": {"duplicate_of": str(r.case_id)}}),           # A's case as the original
        new_change("cases", b_case_id, "update", {"constituent_id": a_constituent}, stamp(), str(b.station_id()),
                   base=b_case_hlc),                                                        # an edit, not an insert
        insert(b, "case_events", {"case_id": str(r.case_id), "kind": "note", "occurred_at": "2026-11-29T08:00:00",
                                  "actor_role": "staff", "actor_name": "x", "data": {"text": "x"}}),  # A's case
    ]
    results = push(county, b, attacks)
    assert [x["status"] for x in results] == ["rejected"] * len(attacks)
    assert [x["code"] for x in results] == ["foreign_reference"] * 5 + ["not_yours"]
    assert "另一个联络站" in results[0]["message_zh"] and "constituent_id" in results[0]["message_zh"]
    assert "另一个联络站" in results[2]["message_zh"]
    assert not any(hub_has(county, c.entity, c.entity_id) for c in attacks[:4] + attacks[5:])
    with county.hub.tx() as s:
        fields = json.loads(s.scalar(select(HubRecord.fields).where(HubRecord.id == uuid.UUID(b_case_id))))
    assert fields["constituent_id"] != a_constituent, "the refused edit left B's case as it was"
    # and the real desks still agree with the hub afterwards
    county.quiet()
    assert_converged(county)


def test_what_a_station_may_point_at(county, admin):
    """Its own records (also ones earlier in the same batch), the county's reference data, its own station;
    an id the hub has never seen is taken (the parent may come later after a hub restore)."""
    a = county.add_station("LX01")
    dep = hc.add_reference(county.hub, "departments", {"name": "县水利局"})
    deputy = hc.add_reference(county.hub, "deputies", {"name": "王建国", "level": "county"})
    county.sync("LX01")
    me = str(a.station_id())
    village = insert(a, "villages", {"station_id": me, "name": "柳树湾", "active": True})
    person = insert(a, "constituents", {"name": "张三", "village_id": village.entity_id})
    visit = insert(a, "visits", {"station_id": me, "occurred_at": "2026-11-29T08:00:00.000000", "channel": "walk_in",
                                 "visitor_names": "张三", "constituent_id": person.entity_id,
                                 "village_id": village.entity_id, "received_by_id": deputy, "headcount": 1})
    case = insert(a, "cases", {"number": "LX01-1", "station_id": me, "visit_id": visit.entity_id,
                               "constituent_id": person.entity_id, "summary": "x", "content": "x",
                               "registered_at": "2026-11-29T08:00:00"})
    assign = insert(a, "case_events", {"case_id": case.entity_id, "kind": "assign", "actor_role": "staff",
                                       "occurred_at": "2026-11-29T08:00:00", "actor_name": "x",
                                       "data": {"department_id": dep, "deadline": "2026-12-31"}})
    later = insert(a, "constituents", {"name": "李四", "village_id": str(uuid.uuid4())})  # not at the hub (yet)
    results = push(county, a, [village, person, visit, case, assign, later])
    assert [x["status"] for x in results] == ["accepted"] * 6, results


def test_a_malformed_reference_is_refused_on_its_own(county):
    a = county.add_station("LX01")
    bad = insert(a, "constituents", {"name": "张三", "village_id": "not-an-id"})
    good = insert(a, "constituents", {"name": "李四", "village_id": None})
    results = push(county, a, [bad, good])
    assert results[0]["status"] == "rejected" and results[0]["code"] == "bad_reference"
    assert "格式不正确" in results[0]["message_zh"]
    assert results[1]["status"] == "accepted"


# -- every foreign key of every synced model ------------------------------------------------------------
# One record of each referenced table made by station A (hand-made: the hub keeps what it is sent), then
# station B sends a record of every table with each reference pointing at A's record.
TARGETS = sorted({t for refs in REFERENCES.values() for t in refs.values()})
CASES = [(entity, name, target) for entity, refs in sorted(REFERENCES.items()) for name, target in refs.items()]
DATA_REFS = [("case_events", "data.department_id", "departments"), ("case_events", "data.duplicate_of", "cases")]


def _fields_for(entity: str, name: str, value: str) -> dict:
    if name.startswith("data."):
        return {"case_id": None, "kind": "note", "actor_role": "staff", "data": {name[5:]: value}}
    return {name: value}


@pytest.fixture
def two_stations(county):
    return _two_stations(county)


def _two_stations(county):
    a = county.add_station("LX01")
    b = county.add_station("LX02")
    a_records = {t: insert(a, t, {"name": f"A 的 {t}"}) for t in TARGETS if t != "stations"}
    assert {x["status"] for x in push(county, a, list(a_records.values()))} == {"accepted"}
    ids = {t: c.entity_id for t, c in a_records.items()}
    ids["stations"] = str(a.station_id())
    return county, a, b, ids


def test_every_reference_to_another_stations_record_is_refused(two_stations):
    _every_reference_is_refused(*two_stations)


def test_every_reference_to_another_stations_record_is_refused_on_postgres(pg_county):
    _every_reference_is_refused(*_two_stations(pg_county))


def _every_reference_is_refused(county, _a, b, ids):
    attacks = [insert(b, entity, _fields_for(entity, name, ids[target])) for entity, name, target in CASES + DATA_REFS]
    results = push(county, b, attacks)
    refused = {(e, n): r["code"] for (e, n, _t), r in zip(CASES + DATA_REFS, results, strict=True)
               if r["status"] == "rejected"}
    expected = {(e, n) for e, n, _t in CASES + DATA_REFS}
    assert set(refused) == expected, f"taken although they point at station A: {expected - set(refused)}"
    assert refused.pop(("case_events", "case_id")) == "not_yours"
    assert set(refused.values()) == {"foreign_reference"}
    assert not any(hub_has(county, c.entity, c.entity_id) for c in attacks)


def test_every_reference_to_county_data_or_own_records_is_taken(two_stations):
    """The same references pointing at hub-owned reference data (or, for stations, at B itself) pass."""
    county, _a, b, _ids = two_stations
    hub_ids = {}
    for t in TARGETS:
        if t == "stations":
            hub_ids[t] = str(b.station_id())
            continue
        with county.hub.tx() as s:  # county-wide data, as the county's reference commands write it
            hub_ids[t] = county.hub.commit_hub_change(s, t, str(uuid.uuid4()), "insert", {"name": "县里的"},
                                                      scope=None).entity_id
    own = {t: insert(b, t, {"name": f"B 的 {t}"}) for t in TARGETS if t not in ("stations", "cases")}
    cases = [(e, n, t) for e, n, t in CASES + DATA_REFS if (e, n) != ("case_events", "case_id")]
    changes = [insert(b, e, _fields_for(e, n, hub_ids[t])) for e, n, t in cases]
    changes += [insert(b, e, _fields_for(e, n, own[t].entity_id)) for e, n, t in cases if t in own]
    results = push(county, b, list(own.values()) + changes)
    assert all(r["status"] == "accepted" for r in results), [r for r in results if r["status"] != "accepted"]


def test_a_station_cannot_name_another_enrolled_station_even_before_its_record_arrives(county):
    a = county.add_station("LX01")
    b = county.add_station("LX02")  # B's own station record is still only on B's PC
    assert not hub_has(county, "stations", str(b.station_id()))
    r = push(county, a, [insert(a, "villages", {"station_id": str(b.station_id()), "name": "别人的村"})])
    assert r[0]["status"] == "rejected" and r[0]["code"] == "foreign_reference"


def test_desk_records_of_every_kind_sync_without_refusals(county, admin):
    """Real desk writes (visit, constituent, village, case, events) are never refused by the checks."""
    a = county.add_station("LX01")
    b = county.add_station("LX02")
    dep = hc.add_reference(county.hub, "departments", {"name": "县交通局"})
    county.quiet()
    from liaison_desk.domain.workflow import EventKind, Role
    from liaison_desk.services.cases.actions import act_on_case
    from liaison_desk.services.context import Actor

    staff = Actor(Role.STAFF, "李干事")
    for db in (a, b):
        r = register_visit(db, admin, VisitInput("张三", visitor_phone="13900000000", village="东村"), CaseInput("路坏了"))
        act_on_case(db, staff, r.case_id, EventKind.ACCEPT)
        act_on_case(db, staff, r.case_id, EventKind.ASSIGN, {"department_id": dep, "deadline": "2026-12-31"})
    for code in ("LX01", "LX02"):
        report = county.sync(code)
        assert report.rejected == 0 and report.agreed, report.notes
    with a.session(write=False) as s:
        assert s.scalar(select(Visit.constituent_id)) == s.scalar(select(Constituent.id))
