"""The merge rule for a redaction of a case event: the text is replaced on every replica, in any arrival
order, and the event keeps its own stamp (its place in the case's history)."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace

from liaison_desk.domain.hlc import HLC
from liaison_desk.domain.payload import canonical_json, sha256_hex
from liaison_desk.sync.merge import keeps_place, merge
from liaison_desk.sync.protocol import new_change

ORIGIN, EVENT = str(uuid.uuid4()), str(uuid.uuid4())
T0, T1, T2 = (HLC(ms, 0, "n1").encode() for ms in (1_000, 2_000, 3_000))


def _redaction(entity: str, fields: dict, hlc: str, base: str):
    ch = new_change(entity, EVENT, "update", fields, hlc, ORIGIN, base=base)
    payload = canonical_json({**json.loads(ch.payload), "redact": True})
    return replace(ch, payload=payload, payload_hash=sha256_hex(payload))


def test_a_redacted_case_event_keeps_its_stamp_and_takes_the_new_text():
    insert = new_change("case_events", EVENT, "insert", {"kind": "note", "data": {"text": "韩梅 13788889999"}},
                        T0, ORIGIN)
    redact = _redaction("case_events", {"data": {"text": "某某 "}}, T2, T0)
    assert keeps_place(redact)
    st = merge(None, insert, "append_only").state
    merged = merge(st, redact, "append_only").state
    assert merged.fields["data"] == {"text": "某某 "} and merged.hlc == T0 and merged.clock_of("data") == T2
    # applied again, or the old insert arriving again afterwards: nothing moves back
    assert merge(merged, redact, "append_only").state == merged
    assert merge(merged, insert, "append_only").state.fields["data"] == {"text": "某某 "}


def test_other_updates_still_move_the_record_stamp():
    plain = new_change("case_events", EVENT, "update", {"data": {}}, T1, ORIGIN, base=T0)
    visit = _redaction("visits", {"visitor_phone": None}, T1, T0)
    assert not keeps_place(plain) and not keeps_place(visit)
    st = merge(None, new_change("visits", EVENT, "insert", {"visitor_phone": "1"}, T0, ORIGIN), "append_only").state
    assert merge(st, visit, "append_only").state.hlc == T1
