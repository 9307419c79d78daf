"""One spelling of a change payload for the station's outbox (``db.changes.build_change``) and the hub's
own changes (``sync.protocol.new_change``): both come from ``domain.payload``."""

from __future__ import annotations

import datetime as dt
import uuid

from liaison_desk.db.changes import build_change
from liaison_desk.sync.protocol import canonical, new_change, parse_change

RID = "7d5c3f0e-2a4b-4c1d-9e8f-0a1b2c3d4e5f"
ORIGIN = "0b9f5d2c-1e3a-4f6b-8c7d-9e0f1a2b3c4d"
STAMP = "000001764403200-000000-hub"


def test_dates_and_ids_in_fields_are_spelled_alike_on_both_sides():
    """The hub's copy could not spell a date or an id at all (TypeError): the outbox spells them."""
    fields = {"held_on": dt.date(2026, 11, 29), "at": dt.datetime(2026, 11, 29, 8, 30),
              "department_id": uuid.UUID(RID), "note": "路灯"}
    row = build_change("activities", uuid.UUID(RID), "update", fields, STAMP, uuid.UUID(ORIGIN),
                       dt.datetime(2026, 11, 29), base=STAMP)
    ch = new_change("activities", RID, "update", fields, STAMP, ORIGIN, base=STAMP)
    payload = ch.payload
    assert (ch.payload, ch.payload_hash) == (row["payload"], row["payload_hash"])
    assert '"held_on":"2026-11-29"' in payload and '"at":"2026-11-29T08:30:00.000000"' in payload


def test_a_hub_change_with_a_date_parses_back():
    ch = new_change("holidays", RID, "insert", {"day": dt.date(2027, 1, 1), "kind": "holiday"}, STAMP, ORIGIN)
    assert parse_change(ch.wire()).fields == {"day": "2027-01-01", "kind": "holiday"}


def test_the_canonical_spelling_is_one_function():
    value = {"b": [1, {"z": None, "a": "中"}], "a": uuid.UUID(RID)}
    assert canonical(value) == f'{{"a":"{RID}","b":[1,{{"a":"中","z":null}}]}}'
