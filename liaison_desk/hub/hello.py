"""The first message of a station's round: the hub's view of the station, to detect a restored or copied
database (its outbox is behind, or differs at a sequence number the hub already has), with the hub's time
and the station's digests (a round with nothing to do needs no other request)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.timeutil import utcnow
from .clock import wall_ms
from .context import HubContext, StationRef, refused
from .digests import scope_digest
from .enrollment import set_station, station_row
from .schema import Counter, LedgerEntry


def hello(hub: HubContext, ref: StationRef, install_id: str, rebootstrap: bool = False,
          outbox_max_seq: int | None = None, *, session: Session | None = None) -> dict[str, Any]:
    """The hub's view of this station: the last outbox position it has of this install, the change it
    holds at the position both sides have (``probe``), the county's head, its time and the digests."""
    with hub.tx(session) as s:
        st = station_row(s, ref, "install_id", "last_outbox_seq")
        current, last_seq = st.install_id, st.last_outbox_seq
        values: dict[str, Any] = {"last_seen_at": utcnow()}
        if rebootstrap and install_id != current:
            current, last_seq = install_id, 0
            values.update(install_id=install_id, last_outbox_seq=0, last_hlc=None)
        elif install_id != current:
            raise refused("install_replaced",
                          "本站已在另一台电脑（或另一次登记）上启用，这台电脑上的数据库不能再同步。请联系县人大代表工委。",
                          "This station was enrolled again elsewhere; this copy of the database may no longer sync.")
        # the change this install sent at the last position both sides have: equal means one history
        probe_seq = min(last_seq, outbox_max_seq) if outbox_max_seq is not None else last_seq
        lt, ct = LedgerEntry.__table__, Counter.__table__
        probe, head = s.execute(select(
            select(lt.c.change_id).where(lt.c.county_id == ref.county, lt.c.station_code == ref.code,
                                         lt.c.install_id == current, lt.c.station_seq == probe_seq)
            .limit(1).scalar_subquery(),
            select(ct.c.seq).where(ct.c.county_id == ref.county).scalar_subquery())).one()
        set_station(s, ref, **values)
        return {"last_outbox_seq": last_seq, "probe_seq": probe_seq,
                "probe_change_id": str(probe) if probe else None,
                "head": head or 0, "hub_time_ms": wall_ms(hub.wall), "county": ref.county, "station_code": ref.code,
                "digest": scope_digest(s, ref)}
