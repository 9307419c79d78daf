"""After a round: compare per-table digests with the hub and repair only the tables that differ."""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import func, select

from ..db.changes import build_change, columns_of, to_jsonable
from ..db.database import Database, get_local, set_local
from ..db.models import MODELS_BY_ENTITY, SYNCED_MODELS, OutboxEntry
from ..domain.timeutil import utcnow
from ..sync.protocol import canonical, diff_digests, table_digest
from . import sync_state as state
from .sync_apply import apply_snapshot, begin_remote, bump_version, pending_ids


def _cache_key(s) -> str:
    max_seq = s.scalar(select(func.max(OutboxEntry.seq))) or 0
    return f"{max_seq}|{get_local(s, state.CURSOR) or 0}|{get_local(s, 'sync_apply_version') or 0}"


def local_digest(db: Database) -> dict[str, list]:
    """This replica's digests, cached until a local write, a pull or a repair changes something, so a
    round with nothing to do does not read every table."""
    with db.session(write=False) as s:
        key = _cache_key(s)
        cached = get_local(s, state.DIGEST)
        if cached:
            doc = json.loads(cached)
            if doc.get("key") == key:
                return doc["tables"]
        tables = {}
        for model in SYNCED_MODELS:
            rows = s.execute(select(model.id, model.hlc, model.deleted_hlc)).all()
            if rows:
                tables[model.__tablename__] = table_digest(rows)
    with db.session() as s:
        if _cache_key(s) == key:
            set_local(s, state.DIGEST, canonical({"key": key, "tables": tables}))
    return tables


def verify_and_repair(db: Database, client, report, hub_digest: dict | None = None) -> None:
    """``hub_digest``: the hub's digests sent with hello; used when they still match, else asked again."""
    with db.session(write=False) as s:
        pending = s.scalar(select(func.count()).select_from(OutboxEntry).where(OutboxEntry.acked_at.is_(None)))
    if pending:
        report.notes.append(f"还有 {pending} 条本地变更在同步过程中新产生，下一轮再核对。")
        report.agreed = False
        return
    differing = diff_digests(local_digest(db), hub_digest) if hub_digest is not None else ["?"]
    if differing:
        theirs = client.call("/v1/digest", {})["tables"]
        differing = diff_digests(local_digest(db), theirs)
    if differing:
        report.repaired += repair(db, client, differing)
        from .sync_push import push_pending

        push_pending(db, client)  # our own records the hub lacked, logged again by the repair
        theirs = client.call("/v1/digest", {})["tables"]
        differing = diff_digests(local_digest(db), theirs)
    report.differing = differing
    report.agreed = not differing
    if differing:
        report.notes.append("与县级平台核对不一致的表：" + "、".join(differing))


def repair(db: Database, client, tables: list[str]) -> int:
    """Per differing table: take the hub's copy of records that differ here (unless a local change is
    pending), and send again our own records the hub lacks. Returns how many records were repaired."""
    fixed = 0
    own = str(db.station_id())
    for entity in tables:
        model = MODELS_BY_ENTITY.get(entity)
        if model is None:
            continue
        hub = {i.replace("-", ""): (h, d) for i, h, d in
               client.call("/v1/records/versions", {"entity": entity})["versions"]}
        with db.session(write=False) as s:
            local = {r.id.hex: (r.hlc, r.deleted_hlc, r) for r in s.execute(select(model.__table__))}
            pend = {p.hex for p in pending_ids(s, [uuid.UUID(i) for i in set(hub) | set(local)])}
        fetch = [str(uuid.UUID(i)) for i, v in hub.items() if i not in pend and local.get(i, (None, None))[:2] != v]
        for k in range(0, len(fetch), 500):
            snaps = client.call("/v1/records/get", {"entity": entity, "ids": fetch[k:k + 500]})["records"]
            with db.session() as s:
                begin_remote(s)
                for snap in snaps:
                    apply_snapshot(db, s, entity, snap)
                bump_version(s)
            fixed += len(snaps)
        missing = [v[2] for i, v in local.items() if i not in hub and i not in pend and str(v[2].origin_station_id) == own]
        if missing:
            fixed += _resend(db, model, missing)
    return fixed


def _resend(db: Database, model, rows: list[Any]) -> int:
    """Our own records the hub does not have (the hub was restored from a backup, say): log them again as
    fresh changes carrying their current values and clocks, so the hub's copy comes out identical."""
    now = utcnow()
    cols = columns_of(model)
    entity = model.__tablename__
    with db.session() as s:
        for r in rows:
            fields = {c: to_jsonable(getattr(r, c)) for c in cols}
            changes = [build_change(entity, r.id, "insert", fields, r.created_hlc, r.origin_station_id, now)]
            if r.hlc != r.created_hlc:
                changes.append(build_change(entity, r.id, "update", fields, r.hlc, r.origin_station_id, now,
                                            base=r.created_hlc))
            if r.deleted_hlc:
                changes.append(build_change(entity, r.id, "delete", {}, r.deleted_hlc, r.origin_station_id, now,
                                            base=r.hlc))
            s.add_all(OutboxEntry(**c) for c in changes)
        set_local(s, "sync_resent", str(len(rows)))
    return len(rows)
