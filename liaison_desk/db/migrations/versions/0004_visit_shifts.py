"""visits registered during a duty shift get that shift

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 21:40:00

Data only, no schema change. Until this release the walk-in form never passed the signed-in shift, so a visit
registered at the desk has no ``shift_id`` and the 履职登记册 counted 0 visits for every real shift. A visit of
this station with no shift gets the duty shift of its receiving deputy at the visit's station whose window
holds the visit's time: from the sign-in to the sign-out, or to the end of the shift's slot when it was never
signed out (上午 ends at 13:00 station time, 下午 and 全天 at midnight). A shift never signed in (only
planned) has no window. When several windows hold the time, the latest sign-in wins.

Each filled visit is a change the hub must learn (it keeps a copy of every visit; a station re-installed from
the hub would otherwise lose the link, and the digests compare clocks): the row's ``hlc`` moves to a new
stamp of this station's clock (after the old one: ``db.changes.stamp_after``) and an ``update`` change with the one field ``shift_id`` goes to the outbox,
built by ``db.changes.build_change`` with ``base`` = the old stamp, and the clock's last value is kept in
``local_state`` in the same transaction — what the change capture does for an ORM edit. (The capture refuses
to edit an append-only visit; this one-time repair of a field nobody else writes is the exception, and the
merge takes such an update per field on every replica.) Only visits this station created are filled: the hub
refuses changes to another station's records. Deleted visits and shifts are left alone.

Batch-safe: plain UPDATE and INSERT statements through SQLAlchemy Core, no table is rebuilt (the search
triggers stay). Downgrade keeps the filled shifts: they are true data, not schema.
"""

from __future__ import annotations

import bisect
import datetime as dt
import secrets
import uuid
from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from alembic import op

from liaison_desk.db.changes import build_change, stamp_after
from liaison_desk.domain.hlc import HLC, HybridClock

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

STATION_UTC_OFFSET = dt.timedelta(hours=8)  # station time is China Standard Time (domain.timeutil)
AFTERNOON_FROM = dt.time(13, 0)  # the morning slot ends here (services.desk.shifts at the time of 0004)
CHUNK = 500

local_state = sa.table("local_state", sa.column("key", sa.String), sa.column("value", sa.Text))
visits = sa.table("visits", sa.column("id", sa.Uuid), sa.column("station_id", sa.Uuid),
                  sa.column("occurred_at", sa.DateTime), sa.column("received_by_id", sa.Uuid),
                  sa.column("shift_id", sa.Uuid), sa.column("origin_station_id", sa.Uuid),
                  sa.column("hlc", sa.String), sa.column("deleted_hlc", sa.String))
duty_shifts = sa.table("duty_shifts", sa.column("id", sa.Uuid), sa.column("station_id", sa.Uuid),
                       sa.column("date", sa.Date), sa.column("slot", sa.String), sa.column("deputy_id", sa.Uuid),
                       sa.column("signed_in_at", sa.DateTime), sa.column("signed_out_at", sa.DateTime),
                       sa.column("deleted_hlc", sa.String))
outbox = sa.table("outbox", sa.column("change_id", sa.Uuid), sa.column("entity", sa.String),
                  sa.column("entity_id", sa.Uuid), sa.column("op", sa.String), sa.column("hlc", sa.String),
                  sa.column("origin_station_id", sa.Uuid), sa.column("payload", sa.Text),
                  sa.column("payload_hash", sa.String), sa.column("created_at", sa.DateTime),
                  sa.column("acked_at", sa.DateTime))


def slot_end(date: dt.date, slot: str) -> dt.datetime:
    """The end of a slot's window in naive UTC: 13:00 for the morning, midnight for the afternoon and all day."""
    local = dt.datetime.combine(date, AFTERNOON_FROM) if slot == "am" else \
        dt.datetime.combine(date + dt.timedelta(days=1), dt.time.min)
    return local - STATION_UTC_OFFSET


def shift_windows(conn: sa.Connection) -> dict[tuple[uuid.UUID, uuid.UUID], list[tuple[dt.datetime, dt.datetime,
                                                                                          uuid.UUID]]]:
    """Per (deputy, station): the windows (start, end, shift id) of the shifts signed in, by start."""
    t = duty_shifts.c
    out: dict[tuple[uuid.UUID, uuid.UUID], list[tuple[dt.datetime, dt.datetime, uuid.UUID]]] = defaultdict(list)
    for r in conn.execute(sa.select(t.id, t.station_id, t.date, t.slot, t.deputy_id, t.signed_in_at,
                                    t.signed_out_at).where(t.deleted_hlc.is_(None), t.signed_in_at.is_not(None))):
        end = r.signed_out_at or slot_end(r.date, r.slot)
        if end >= r.signed_in_at:
            out[(r.deputy_id, r.station_id)].append((r.signed_in_at, end, r.id))
    for windows in out.values():
        windows.sort(key=lambda w: (w[0], str(w[2])))
    return out


def shift_at(windows: list[tuple[dt.datetime, dt.datetime, uuid.UUID]], starts: list[dt.datetime],
             longest: dt.timedelta, when: dt.datetime) -> uuid.UUID | None:
    """The shift whose window holds ``when``, the latest sign-in first."""
    i = bisect.bisect_right(starts, when)
    while i > 0:
        i -= 1
        start, end, shift_id = windows[i]
        if start < when - longest:
            return None  # no earlier window is long enough to reach ``when``
        if when <= end:
            return shift_id
    return None


def _local(conn: sa.Connection, key: str) -> str | None:
    return conn.execute(sa.select(local_state.c.value).where(local_state.c.key == key)).scalar()


def _set_local(conn: sa.Connection, key: str, value: str) -> None:
    if _local(conn, key) is None:
        conn.execute(local_state.insert().values(key=key, value=value))
    else:
        conn.execute(local_state.update().where(local_state.c.key == key).values(value=value))


def fill_visit_shifts(conn: sa.Connection) -> int:
    """Give this station's visits with no shift the shift they happened in; returns how many were filled."""
    station = _local(conn, "station_id")
    if station is None:
        return 0  # no station set up: no visits either
    station_id = uuid.UUID(station)
    by_deputy = shift_windows(conn)
    if not by_deputy:
        return 0
    starts = {k: [w[0] for w in ws] for k, ws in by_deputy.items()}
    longest = {k: max(w[1] - w[0] for w in ws) for k, ws in by_deputy.items()}
    v = visits.c
    found: list[tuple[uuid.UUID, uuid.UUID, str]] = []
    for r in conn.execute(sa.select(v.id, v.station_id, v.occurred_at, v.received_by_id, v.hlc)
                          .where(v.shift_id.is_(None), v.deleted_hlc.is_(None), v.received_by_id.is_not(None),
                                 v.origin_station_id == station_id)
                          .order_by(v.occurred_at, v.id)):
        key = (r.received_by_id, r.station_id)
        if key in by_deputy:
            shift_id = shift_at(by_deputy[key], starts[key], longest[key], r.occurred_at)
            if shift_id is not None:
                found.append((r.id, shift_id, r.hlc))
    if not found:
        return 0
    node = _local(conn, "node_id")
    if node is None:  # as db.database.Database does for a file that has none yet
        node = secrets.token_hex(4)
        _set_local(conn, "node_id", node)
    last = _local(conn, "hlc_last")
    clock = HybridClock(node=node, last=HLC.decode(last) if last else None)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    set_shift = visits.update().where(v.id == sa.bindparam("visit_id")).values(
        shift_id=sa.bindparam("new_shift"), hlc=sa.bindparam("new_hlc"))
    for i in range(0, len(found), CHUNK):
        rows: list[dict[str, Any]] = []
        changes: list[dict[str, Any]] = []
        for visit_id, shift_id, base in found[i:i + CHUNK]:
            # after the old stamp even when a PC whose date ran ahead wrote it; the clock does not follow it
            stamp = stamp_after(clock.now().encode(), base)
            rows.append({"visit_id": visit_id, "new_shift": shift_id, "new_hlc": stamp})
            changes.append(build_change("visits", visit_id, "update", {"shift_id": shift_id}, stamp, station_id,
                                        now, base=base))
        conn.execute(set_shift, rows)
        conn.execute(outbox.insert(), changes)
    assert clock.last is not None
    _set_local(conn, "hlc_last", clock.last.encode())
    return len(found)


def upgrade() -> None:
    fill_visit_shifts(op.get_bind())


def downgrade() -> None:
    pass  # the filled shifts are data, and true: they stay
