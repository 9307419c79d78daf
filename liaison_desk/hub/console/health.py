"""Station health for the console (issue 15): ``queries.station_health`` with what waits at the hub for each
station (the county's 交办, replies, reference data… it has not pulled yet), worst first.

What a station has written but not sent is unknown at the hub between rounds (it only learns the outbox
position of what arrived), so "pending" here is the hub's side: the accepted changes in the station's scope
(or county-wide), not its own, written at the hub since the station's last contact. The cursor a station
reports is the one it held when its round began (the hub learns how far it read only at its next round), so
the cursor alone would count the last round's changes again; it bounds the scan, the time decides. A silent
station's number grows with every county action on its cases, which is what the county office needs to chase.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ...domain.access import Viewer
from ..context import HubContext
from ..schema import HubStation, LedgerEntry
from . import queries
from .queries import StationHealth

DEFAULT_SILENT_DAYS = 3


@dataclass(frozen=True)
class StationRow:
    health: StationHealth
    to_pull: int  # changes written at the hub for this station since its last contact


def _to_pull(s: Session, county: str) -> dict[str, int]:
    """Per station code: the changes in its scope (or county-wide) after its cursor, not sent by itself."""
    st, lt = HubStation.__table__, LedgerEntry.__table__
    out: dict[str, int] = {}
    for row in s.execute(select(st.c.code, st.c.station_uuid, st.c.last_cursor, st.c.last_seen_at).where(
            st.c.county_id == county, st.c.station_uuid.is_not(None), st.c.revoked_at.is_(None))):
        stmt = select(func.count()).select_from(lt).where(
            lt.c.county_id == county, lt.c.seq > int(row.last_cursor or 0),
            or_(lt.c.scope == row.station_uuid, lt.c.scope.is_(None)),
            or_(lt.c.station_code.is_(None), lt.c.station_code != row.code))
        if row.last_seen_at is not None:
            stmt = stmt.where(lt.c.received_at > row.last_seen_at)
        n = s.scalar(stmt)
        out[row.code] = int(n or 0)
    return out


def station_rows(hub: HubContext, viewer: Viewer, today: dt.date, silent_days: int = DEFAULT_SILENT_DAYS, *,
                 session: Session | None = None) -> list[StationRow]:
    """Every station the viewer may see, worst first: silent beyond ``silent_days`` (never synced first, then
    the longest silent), then by open conflicts and changes waiting; revoked stations last."""
    with hub.tx(session) as s:
        health = queries.station_health(hub, viewer, today, silent_days, session=s)
        waiting = _to_pull(s, hub.county)
    rows = [StationRow(h, waiting.get(h.code, 0)) for h in health]
    return sorted(rows, key=lambda r: (r.health.revoked, not r.health.silent, r.health.days_silent is not None,
                                       -(r.health.days_silent or 0), -r.health.open_conflicts, -r.to_pull,
                                       r.health.code))
