"""The pull stream: the accepted changes a station may read (its own scope and county-wide data), in
sequence order, a page at a time. The last page carries the digests the station verifies against."""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, or_, select
from sqlalchemy.orm import Session

from ..sync.protocol import PULL_PAGE
from . import records
from .context import HubContext, StationRef
from .digests import scope_digest
from .enrollment import set_station
from .schema import HubStation, LedgerEntry


def pull(hub: HubContext, ref: StationRef, after: int, limit: int = PULL_PAGE, include_own: bool = False, *,
         session: Session | None = None) -> dict[str, Any]:
    """Accepted changes in this station's scope after ``after``, in sequence order. ``next`` is safe to
    store as the cursor: every change up to it is committed (the counter row is locked until commit).
    ``include_own``: a re-bootstrap, which also reads what earlier installs of this station sent."""
    limit = max(1, min(int(limit), 5000))
    with hub.tx(session) as s:
        head = records.head(s, ref.county)
        lt = LedgerEntry.__table__
        stmt = (select(lt.c.seq, lt.c.change_id, lt.c.payload, lt.c.payload_hash)
                .where(lt.c.county_id == ref.county, lt.c.seq > after, lt.c.seq <= head,
                       or_(lt.c.scope == ref.station_uuid, lt.c.scope.is_(None)))
                .order_by(lt.c.seq).limit(limit))
        mine = lt.c.station_code == ref.code
        if include_own:  # what earlier installs of this station sent, not this one
            stmt = stmt.where(or_(lt.c.station_code.is_(None), ~mine, lt.c.install_id != (ref.install_id or "")))
        else:
            stmt = stmt.where(or_(lt.c.station_code.is_(None), ~mine))
        rows = s.execute(stmt).all()
        nxt = rows[-1].seq if len(rows) == limit else head
        t = HubStation.__table__
        set_station(s, ref, last_cursor=case((t.c.last_cursor < int(after), int(after)), else_=t.c.last_cursor))
        answer: dict[str, Any] = {
            "changes": [{"seq": r.seq, "change_id": str(r.change_id), "payload": r.payload,
                         "payload_hash": r.payload_hash} for r in rows],
            "next": max(nxt, int(after)), "head": head, "more": len(rows) == limit}
        if not answer["more"]:  # the last page carries the digests the station verifies against
            answer["digest"] = scope_digest(s, ref)
        return answer
