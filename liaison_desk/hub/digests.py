"""Per-table digests of each station's scope, kept up to date in ``hub_digests`` by every write, so a
station's digest is a few rows away however many records it holds; their health check (everything summed
again); and the reads a station's repair makes of the tables whose digests differ."""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import bindparam, delete, or_, select, update
from sqlalchemy.orm import Session

from ..sync.protocol import ProtocolError, digest_value, record_hash
from .context import HubContext, StationRef, refused
from .schema import SHARED_SCOPE, HubDigest, HubRecord
from .sql import bulk_insert, in_, insert_missing

#: (scope, entity) -> [records added, sum of hashes added minus those taken away]
Deltas = dict[tuple[uuid.UUID, str], list[int]]


def add_to_digests(s: Session, county: str, deltas: Deltas) -> None:
    """Add what a write changed (records counted, hashes added and taken away) to ``hub_digests``, in the
    write's transaction. The rows are locked (a county write into the same scope waits); a missing row is
    created first, racing writers agreeing through ``ON CONFLICT DO NOTHING``."""
    deltas = {k: v for k, v in deltas.items() if v != [0, 0]}
    if not deltas:
        return
    t = HubDigest.__table__

    def locked() -> dict[tuple[uuid.UUID, str], tuple[int, str]]:
        rows = s.execute(select(t.c.scope, t.c.entity, t.c.count, t.c.total).where(
            t.c.county_id == county, in_(s, t.c.scope, sorted({sc for sc, _e in deltas}, key=str)),
            in_(s, t.c.entity, sorted({e for _sc, e in deltas}), t.c.entity.type))
            .order_by(t.c.scope, t.c.entity).with_for_update())
        return {(sc, e): (n, total) for sc, e, n, total in rows}

    have = locked()
    missing = [k for k in deltas if k not in have]
    if missing:
        insert_missing(s, t, [{"county_id": county, "scope": sc, "entity": e, "count": 0, "total": "0" * 64}
                              for sc, e in sorted(missing, key=str)])
        have = locked()
    s.execute(update(t).where(t.c.county_id == county, t.c.scope == bindparam("b_scope"),
                              t.c.entity == bindparam("b_entity"))
              .values(count=bindparam("b_count"), total=bindparam("b_total")),
              [{"b_scope": sc, "b_entity": e, "b_count": have[(sc, e)][0] + dn,
                "b_total": digest_value(0, int(have[(sc, e)][1], 16) + dt_)[1]}
               for (sc, e), (dn, dt_) in sorted(deltas.items(), key=str)])


def scope_digest(s: Session, ref: StationRef) -> dict[str, list[Any]]:
    """From ``hub_digests``: a few rows, whatever the number of records (no scan, no cache)."""
    t = HubDigest.__table__
    sums: dict[str, list[int]] = {}
    for entity, count, total in s.execute(select(t.c.entity, t.c.count, t.c.total).where(
            t.c.county_id == ref.county, in_(s, t.c.scope, [ref.station_uuid, SHARED_SCOPE]))):
        acc = sums.setdefault(entity, [0, 0])
        acc[0] += count
        acc[1] += int(total, 16)
    return {entity: digest_value(n, total) for entity, (n, total) in sorted(sums.items()) if n}


def digest(hub: HubContext, ref: StationRef, *, session: Session | None = None) -> dict[str, Any]:
    """Per-table digests of this station's scope (its own records plus county-wide ones)."""
    with hub.tx(session) as s:
        return {"tables": scope_digest(s, ref)}


def check_digests(hub: HubContext, *, fix: bool = False) -> list[dict[str, Any]]:
    """Sum every record again and compare with the kept ``hub_digests`` (a county's health check, and
    the tests' invariant). Returns what differs; ``fix`` writes the recounted values."""
    r, t = HubRecord.__table__, HubDigest.__table__
    with hub.tx() as s:
        counted: dict[tuple[uuid.UUID, str], list[int]] = {}
        for scope, entity, ident, hlc, deleted in s.execute(
                select(r.c.scope, r.c.entity, r.c.id, r.c.hlc, r.c.deleted_hlc)
                .where(r.c.county_id == hub.county).execution_options(yield_per=10_000)):
            acc = counted.setdefault((scope or SHARED_SCOPE, entity), [0, 0])
            acc[0] += 1
            acc[1] += record_hash(ident, hlc, deleted)
        kept = {(sc, e): [n, total] for sc, e, n, total in s.execute(
            select(t.c.scope, t.c.entity, t.c.count, t.c.total).where(t.c.county_id == hub.county))}
        wrong = []
        for key in sorted(set(counted) | set(kept), key=str):
            want = digest_value(*counted.get(key, [0, 0]))
            if kept.get(key, [0, "0" * 64]) != want:
                wrong.append({"scope": key[0], "entity": key[1], "kept": kept.get(key), "counted": want})
        if fix and wrong:
            s.execute(delete(t).where(t.c.county_id == hub.county))
            bulk_insert(s, t, [{"county_id": hub.county, "scope": sc, "entity": e, "count": n,
                                "total": digest_value(n, total)[1]} for (sc, e), (n, total) in counted.items()])
        return wrong


# -- what a repair reads --------------------------------------------------------------------------------
def record_versions(hub: HubContext, ref: StationRef, entity: str) -> list[list[Any]]:
    """(id, hlc, deleted_hlc) of every record of one table in the station's scope."""
    with hub.tx() as s:
        return [[str(i), h, d] for i, h, d in s.execute(
            select(HubRecord.id, HubRecord.hlc, HubRecord.deleted_hlc).where(
                HubRecord.county_id == ref.county, HubRecord.entity == entity,
                or_(HubRecord.scope == ref.station_uuid, HubRecord.scope.is_(None))))]


def records(hub: HubContext, ref: StationRef, entity: str, ids: list[str]) -> list[dict[str, Any]]:
    """Full copies of records for repair; asking for a record outside the station's scope is refused."""
    try:
        wanted = [uuid.UUID(str(i)) for i in ids]
    except ValueError:
        raise ProtocolError("bad_message", "记录编号格式不正确。", message_en="Malformed record id.") from None
    with hub.tx() as s:
        rows = s.scalars(select(HubRecord).where(HubRecord.county_id == ref.county, HubRecord.entity == entity,
                                                 HubRecord.id.in_(wanted))).all()
        if any(r.scope not in (None, ref.station_uuid) for r in rows):
            raise refused("not_yours", "不能读取其他联络站的记录。", "A station may not read another station's records.")
        return [{"id": str(r.id), "fields": json.loads(r.fields), "created_hlc": r.created_hlc, "hlc": r.hlc,
                 "deleted_hlc": r.deleted_hlc, "origin": str(r.origin_station_id),
                 "field_hlcs": json.loads(r.field_hlcs or "{}")} for r in rows]
