"""Stations' audit trails at the hub (issue 17): kept as they arrived, never changed; checked per station.

An audit entry is an append-only record: the hub takes its insert once, and refuses any later change to it
(an update, a tombstone, or a second insert of the same id with other content), item by item, so a station
whose copy was edited cannot spread the edit. ``verify_station`` walks a station's chain as the hub holds it
with the station's own rule (``domain.audit.check_chain``).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.audit import ChainProblem, check_chain
from ..domain.errors import DomainError
from ..sync.protocol import Change
from .context import HubContext, refused
from .schema import HubRecord, HubStation

ENTITY = "audit_entries"


def refusal(ch: Change, cache: Any) -> DomainError | None:
    """The refusal of a change to an audit entry the hub already holds (or of any update or delete)."""
    if ch.entity != ENTITY:
        return None
    rec = cache.get((ch.entity, ch.entity_id))
    if ch.op == "insert" and (rec is None or dict(rec.state.fields) == dict(ch.fields)):
        return None
    return refused("audit_immutable", "审计记录一经上传就不能修改或删除，县级平台未采纳这次改动，保留原记录。",
                   "An audit entry cannot be changed once it reached the hub; the change was not taken.")


def verify_station(hub: HubContext, code: str) -> tuple[int, list[ChainProblem]]:
    """(how many entries the hub holds for station ``code``, the breaks in their chain)."""
    with Session(hub.engine) as s:
        station = s.scalar(select(HubStation.station_uuid).where(HubStation.county_id == hub.county,
                                                                 HubStation.code == code.upper()))
        if station is None:
            raise DomainError("unknown_station", f"没有站点代码为 {code} 的联络站。",
                              message_en=f"No station with code {code}.")
        rows = s.execute(select(HubRecord.id, HubRecord.fields).where(
            HubRecord.county_id == hub.county, HubRecord.entity == ENTITY, HubRecord.scope == station)).all()
    # the hub keeps the id beside the fields: put it back for the hash (spelled as in a payload)
    entries = [{**json.loads(fields), "id": str(ident)} for ident, fields in rows]
    entries.sort(key=lambda e: int(e["seq"]))
    return len(entries), check_chain(entries)
