"""On the real PostgreSQL (issue 17, items 4 and 7): values PostgreSQL cannot store as text (a NUL character)
in one item never fail a whole push, and a foreign case number is refused there as on SQLite."""

from __future__ import annotations

from liaison_desk.hub import county as hc
from tests.hub.test_scope import insert, push


def test_a_nul_character_in_one_item_does_not_fail_the_push(pg_county, admin):
    a = pg_county.add_station("LX01")
    pg_county.sync("LX01")
    me = str(a.station_id())
    good = insert(a, "villages", {"station_id": me, "name": "柳树湾", "active": True})
    nul_number = insert(a, "cases", {"number": "LX01-\x00", "station_id": me, "summary": "x", "content": "x",
                                     "registered_at": "2026-11-29T08:00:00"})
    foreign = insert(a, "cases", {"number": "LX02-261129-0001-X", "station_id": me, "summary": "x",
                                  "content": "x", "registered_at": "2026-11-29T08:00:00"})
    odd_entity = insert(a, "vil\x00lages", {"name": "x"})
    results = push(pg_county, a, [good, nul_number, foreign, odd_entity])
    assert results[0]["status"] == "accepted" and results[1]["status"] == "rejected"
    assert results[2]["status"] == "rejected" and results[2]["code"] == "foreign_number"
    assert results[3]["status"] == "rejected"
    assert any(c["kind"] == "foreign_number" for c in hc.conflicts(pg_county.hub))
    assert pg_county.sync("LX01").pushed == 0  # and the station's next round runs
