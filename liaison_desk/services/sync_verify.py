"""After a round: compare per-table digests with the hub and repair only the tables that differ."""

from __future__ import annotations

import json
import logging
import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..db.changes import build_change, columns_of, to_jsonable
from ..db.database import Database, get_local, set_local
from ..db.models import MODELS_BY_ENTITY, SYNCED_MODELS, OutboxEntry
from ..domain.timeutil import utcnow
from ..domain.vocab import RECORD_KINDS, label
from ..sync.protocol import canonical, diff_digests, table_digest
from . import sync_state as state
from .sync_apply import apply_snapshot, begin_remote, bump_version, pending_ids

log = logging.getLogger(__name__)


def _cache_key(s) -> tuple[str, int, int]:
    max_seq = s.scalar(select(func.max(OutboxEntry.seq))) or 0
    version = int(get_local(s, state.APPLY_VERSION) or 0)
    return f"{max_seq}|{get_local(s, state.CURSOR) or 0}|{version}", max_seq, version


def _dirty_tables(s, doc: dict | None, max_seq: int, version: int) -> set[str] | None:
    """The tables that may have changed since the cached digests ``doc`` were taken, or None (all):
    tables of outbox rows written since (local writes, a repair's re-sends), plus what pulls applied since
    (``state.APPLIED``, kept by ``apply_page``). Anything else that changed the apply version (a deferred
    change applied, a repair's snapshot) leaves no note, so every table is read again."""
    if not doc or "seq" not in doc or doc["seq"] > max_seq or doc["version"] > version:
        return None
    dirty: set[str] = set()
    if doc["version"] != version:
        applied = json.loads(get_local(s, state.APPLIED) or "null")
        if not applied or applied["from"] > doc["version"] or applied["to"] != version:
            return None
        dirty.update(applied["entities"])
    if doc["seq"] != max_seq:
        dirty.update(s.scalars(select(OutboxEntry.entity).where(OutboxEntry.seq > doc["seq"]).distinct()))
    if dirty & {"cases", "case_events"}:
        dirty.add("cases")  # a case's events refold it
    return dirty


def local_digest(db: Database) -> dict[str, list]:
    """This replica's digests, cached until a local write, a pull or a repair changes something, so a
    round with nothing to do does not read every table; after a round that changed a few tables only
    those are read again (a station with 100,000 records and one new visit reads the visit tables)."""
    with db.session(write=False) as s:
        tables, fresh = _read_digest(s)
    if fresh is not None:
        _store_digest(db, fresh, tables)
    return tables


def _read_digest(s) -> tuple[dict[str, list], tuple[str, int, int] | None]:
    """The digests, and the cache key to store them under when they were (partly) read again."""
    key, max_seq, version = _cache_key(s)
    cached = get_local(s, state.DIGEST)
    doc = json.loads(cached) if cached else None
    if doc and doc.get("key") == key:
        return doc["tables"], None
    dirty = _dirty_tables(s, doc, max_seq, version)
    tables = dict(doc["tables"]) if dirty is not None else {}
    for model in SYNCED_MODELS:
        name = model.__tablename__
        if dirty is not None and name not in dirty:
            continue
        rows = s.execute(select(model.id, model.hlc, model.deleted_hlc)).all()
        if rows:
            tables[name] = table_digest(rows)
        else:
            tables.pop(name, None)
    return tables, (key, max_seq, version)


def _store_digest(db: Database, fresh: tuple[str, int, int], tables: dict[str, list]) -> None:
    key, max_seq, version = fresh
    with db.session() as s:
        if _cache_key(s)[0] == key:  # nothing changed meanwhile
            set_local(s, state.DIGEST, canonical({"key": key, "seq": max_seq, "version": version, "tables": tables}))
            set_local(s, state.APPLIED, canonical({"from": version, "to": version, "entities": []}))


def verify_and_repair(db: Database, client, report, hub_digest: dict | None = None) -> None:
    """``hub_digest``: the hub's digests sent with hello; used when they still match, else asked again."""
    with db.session(write=False) as s:  # one read: pending changes, and our digests when there are none
        pending = s.scalar(select(func.count()).select_from(OutboxEntry).where(OutboxEntry.acked_at.is_(None)))
        ours, fresh = _read_digest(s) if not pending else ({}, None)
    if pending:
        report.notes.append(f"还有 {pending} 条本地变更在同步过程中新产生，下一轮再核对。")
        report.agreed = False
        return
    if fresh is not None:
        _store_digest(db, fresh, ours)
    differing = diff_digests(ours, hub_digest) if hub_digest is not None else ["?"]
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
        kinds = "、".join(label(RECORD_KINDS, name) for name in differing)
        report.notes.append(f"本站与县级平台的{kinds}还不一致（下次同步会再核对；如有“同步冲突”，请工作人员查看）。")


def _parents_first(tables: list[str]) -> list[str]:
    """The order foreign keys need: a case before its events, a visit before its case."""
    from ..db.models import Base

    rank = {t.name: n for n, t in enumerate(Base.metadata.sorted_tables)}
    return sorted(tables, key=lambda name: (rank.get(name, len(rank)), name))


def repair(db: Database, client, tables: list[str]) -> int:
    """Per differing table, parents first: take the hub's copy of records that differ here (unless a local
    change is pending), and send again our own records the hub lacks. Returns how many records were repaired.

    A copy that cannot be taken (it collides with a record here on a unique key, as an unresolved clash does,
    or its parent is such a copy) is skipped and logged; the table then still differs and the round says so,
    instead of failing on the database's error."""
    fixed = 0
    own = str(db.station_id())
    for entity in _parents_first(tables):
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
                    try:
                        with s.begin_nested():
                            apply_snapshot(db, s, entity, snap)
                    except IntegrityError as exc:
                        log.warning("repair skipped %s %s: %s", entity, snap.get("id"), exc.orig)
                        continue
                    fixed += 1
                bump_version(s)
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
