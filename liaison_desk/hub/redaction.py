"""A station's erasure or retention update reaching the hub (issue 17, PIPL Art. 47): the hub's history of
the record loses the values too.

The merged record (``hub_records``) takes a redaction like any update. But the ledger (``hub_changes``) keeps
every change's payload — the pull stream other replicas read — so the phone and name would stay in the
record's earlier changes. A station marks a redaction (``services.admin.retention``) with ``"redact": true``
in its payload; once the hub accepted it, every earlier ledger entry of the same record gets the redacted
fields' values replaced by the new ones (re-spelled canonically, its hash recomputed, so a station pulling
it later still verifies it), and kept conflicts of those fields lose their values the same way.

What a rewritten entry changes: a station that pulls the old entry after this takes the redacted value at
the old stamp, which the newer redaction would have given it anyway. A station that never recorded the
hub's answer to the original change and sends it again (a crash in the one window between two pipelined
batches) gets "same change id, different content": refused and flagged, its record already at the hub.
Only this record's own history is touched, and only after the hub accepted the update as the station's own.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..domain.payload import canonical_json, sha256_hex
from ..sync.merge import REDACT_MARK, is_redaction
from ..sync.protocol import Change
from .schema import HubConflict, LedgerEntry

MARK = REDACT_MARK  # how the mark is spelled in a canonical payload


def scrub_history(s: Session, county: str, changes: Sequence[Change]) -> int:
    """Rewrite the earlier ledger entries and conflicts of each redacted record; returns entries rewritten."""
    lt, ct = LedgerEntry.__table__, HubConflict.__table__
    n = 0
    for ch in changes:
        if not is_redaction(ch):
            continue
        entity_id = uuid.UUID(ch.entity_id)
        rows = s.execute(select(lt.c.change_id, lt.c.payload).where(
            lt.c.county_id == county, lt.c.entity == ch.entity, lt.c.entity_id == entity_id,
            lt.c.change_id != uuid.UUID(ch.change_id))).all()
        for row in rows:
            payload = _scrubbed(row.payload, ch)
            if payload is not None:
                s.execute(update(lt).where(lt.c.county_id == county, lt.c.change_id == row.change_id)
                          .values(payload=payload, payload_hash=sha256_hex(payload)))
                n += 1
        for c in s.execute(select(ct.c.id, ct.c.field, ct.c.lost_value).where(
                ct.c.county_id == county, ct.c.entity == ch.entity, ct.c.entity_id == entity_id)).all():
            if c.field in ch.fields:  # a losing value of a redacted field
                value = canonical_json(ch.fields[c.field])
                s.execute(update(ct).where(ct.c.county_id == county, ct.c.id == c.id)
                          .values(kept_value=value, lost_value=value))
            elif c.field is None and c.lost_value and (lost := _scrubbed(c.lost_value, ch)) is not None:
                s.execute(update(ct).where(ct.c.county_id == county, ct.c.id == c.id).values(lost_value=lost))
    return n


def _scrubbed(payload: str, ch: Change) -> str | None:
    """``payload`` (a change of the same record) with the redacted fields' new values, or None if unchanged."""
    try:
        body = json.loads(payload)
    except ValueError:
        return None
    fields = body.get("fields") if isinstance(body, dict) else None
    if not isinstance(fields, dict):
        return None
    hit = [k for k in ch.fields if k in fields and fields[k] != ch.fields[k]]
    if not hit:
        return None
    fields.update({k: ch.fields[k] for k in hit})
    return canonical_json(body)
