"""After a round: compare per-table digests with the hub and repair only the tables that differ."""

from __future__ import annotations

import functools
import json
import logging
import uuid
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from ...db.changes import build_change, columns_of, stamp_after, to_jsonable
from ...db.database import Database, set_local, set_locals
from ...db.models import MODELS_BY_ENTITY, SYNCED_MODELS, LocalState, OutboxEntry
from ...db.models_desk import Holiday
from ...db.models_sync import SyncConflict, SyncFieldClock
from ...domain.timeutil import utcnow
from ...domain.vocab import RECORD_KINDS, label
from ...sync.protocol import canonical, diff_digests, table_digest
from .. import changes as chg
from . import state
from .apply import apply_snapshot, begin_remote, bump_version, pending_ids
from .push import push_pending

log = logging.getLogger(__name__)

_OUT, _LOCAL = OutboxEntry.__table__, LocalState.__table__
_WRITTEN_SINCE = select(_OUT.c.entity).where(_OUT.c.seq > bindparam("seq")).distinct()
# read as stored (ids as 32 hex digits, which is how a digest spells them): no UUID objects for 100,000 rows
_DIGEST_ROWS = {m.__tablename__: f'SELECT id, hlc, deleted_hlc FROM "{m.__tablename__}"' for m in SYNCED_MODELS}
#: Bumped when the digests' spelling changes (protocol 2: sums): a cache of another format is not used.
#: 3: caches kept by a release that cleared tombstones without logging a change may cover a re-added
#: record that was never sent: read every table again once.
DIGEST_FORMAT = 3


@functools.cache
def _facts_query(pending: bool, cached: bool) -> tuple[tuple[str, ...], Any]:
    def local(key: str):
        return select(_LOCAL.c.value).where(_LOCAL.c.key == key).scalar_subquery()

    cols = {"max_seq": select(func.max(_OUT.c.seq)).scalar_subquery(), "version": local(state.APPLY_VERSION),
            "cursor": local(state.CURSOR)}
    if pending:
        cols["pending"] = select(func.count()).select_from(_OUT).where(_OUT.c.acked_at.is_(None)).scalar_subquery()
    if cached:
        cols["digest"], cols["applied"] = local(state.DIGEST), local(state.APPLIED)
    return tuple(cols), select(*cols.values())


def _facts(s, *, pending: bool = False, cached: bool = False) -> dict[str, Any]:
    """One statement: what the cache key is made of (the outbox's last position, the cursor, the apply
    version), with the count of pending changes and the cached digests and pull note when asked."""
    names, query = _facts_query(pending, cached)
    facts = dict(zip(names, s.execute(query).one(), strict=True))
    facts["max_seq"], facts["version"] = facts["max_seq"] or 0, int(facts["version"] or 0)
    facts["key"] = f"{facts['max_seq']}|{facts['cursor'] or 0}|{facts['version']}"
    return facts


def _cache_key(s) -> tuple[str, int, int]:
    facts = _facts(s)
    return facts["key"], facts["max_seq"], facts["version"]


def _dirty_tables(s, doc: dict | None, max_seq: int, version: int, applied: str | None) -> set[str] | None:
    """The tables that may have changed since the cached digests ``doc`` were taken, or None (all):
    tables of outbox rows written since (local writes, a repair's re-sends), plus what pulls applied since
    (``state.APPLIED``, kept by ``apply_page``). Anything else that changed the apply version (a deferred
    change applied, a repair's snapshot) leaves no note, so every table is read again."""
    if not doc or "seq" not in doc or doc["seq"] > max_seq or doc["version"] > version:
        return None
    dirty: set[str] = set()
    if doc["version"] != version:
        note = json.loads(applied or "null")
        if not note or note["from"] > doc["version"] or note["to"] != version:
            return None
        dirty.update(note["entities"])
    if doc["seq"] != max_seq:
        dirty.update(s.scalars(_WRITTEN_SINCE, {"seq": doc["seq"]}))
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


def _read_digest(s, facts: dict[str, Any] | None = None) -> tuple[dict[str, list], tuple[str, int, int] | None]:
    """The digests, and the cache key to store them under when they were (partly) read again. ``facts``:
    ``_facts(s, cached=True)`` when the caller has read them in this session."""
    facts = facts or _facts(s, cached=True)
    key, max_seq, version = facts["key"], facts["max_seq"], facts["version"]
    cached = facts["digest"]
    doc = json.loads(cached) if cached else None
    if doc and doc.get("format") != DIGEST_FORMAT:
        doc = None  # digests kept by an older release: read every table again
    if doc and doc.get("key") == key:
        return doc["tables"], None
    dirty = _dirty_tables(s, doc, max_seq, version, facts["applied"])
    tables = dict(doc["tables"]) if dirty is not None and doc else {}
    for model in SYNCED_MODELS:
        name = model.__tablename__
        if dirty is not None and name not in dirty:
            continue
        rows = s.connection().exec_driver_sql(_DIGEST_ROWS[name]).fetchall()
        if rows:
            tables[name] = table_digest(rows)
        else:
            tables.pop(name, None)
    return tables, (key, max_seq, version)


def _store_digest(db: Database, fresh: tuple[str, int, int], tables: dict[str, list]) -> None:
    with db.session() as s:
        set_locals(s, _digest_values(s, fresh, tables))


def _digest_values(s, fresh: tuple[str, int, int], tables: dict[str, list]) -> dict[str, str]:
    """The ``local_state`` values that store the digests read under ``fresh``; none when something
    changed since they were read (checked inside the write transaction that stores them)."""
    key, max_seq, version = fresh
    if _cache_key(s)[0] != key:
        return {}
    return {state.DIGEST: canonical({"key": key, "seq": max_seq, "version": version, "tables": tables,
                                     "format": DIGEST_FORMAT}),
            state.APPLIED: canonical({"from": version, "to": version, "entities": []})}


def verify_and_repair(db: Database, client, report, hub_digest: dict | None = None, *,
                      outcome: bool = False) -> bool:
    """``hub_digest``: the hub's digests sent with hello; used when they still match, else asked again.

    ``outcome``: when the digests agree at once (the round ends here), record the round's success
    (``state.write_outcome``) in the transaction that stores our digests. Returns whether it did."""
    with db.session(write=False) as s:  # one read: pending changes, and our digests when there are none
        facts = _facts(s, pending=True, cached=True)
        pending = facts["pending"]
        ours, fresh = _read_digest(s, facts) if not pending else ({}, None)
    if pending:
        report.notes.append(f"还有 {pending} 条本地变更在同步过程中新产生，下一轮再核对。")
        report.agreed = False
        return False
    differing = diff_digests(ours, hub_digest) if hub_digest is not None else ["?"]
    done = outcome and not differing
    if fresh is not None or done:
        with db.session() as s:
            values = _digest_values(s, fresh, ours) if fresh is not None else {}
            if done:
                values.update(state.outcome_values(ok=True, message=""))
            set_locals(s, values)
    if differing:
        theirs = client.call("/v1/digest", {})["tables"]
        differing = diff_digests(local_digest(db), theirs)
    if differing:
        report.repaired += repair(db, client, differing, report)
        push_pending(db, client)  # our own records the hub lacked, logged again by the repair
        theirs = client.call("/v1/digest", {})["tables"]
        differing = diff_digests(local_digest(db), theirs)
    report.differing = differing
    report.agreed = not differing
    if differing:
        kinds = "、".join(label(RECORD_KINDS, name) for name in differing)
        report.notes.append(f"本站与县级平台的{kinds}还不一致（下次同步会再核对；如有“同步冲突”，请工作人员查看）。")
    return done


def _parents_first(tables: list[str]) -> list[str]:
    """The order foreign keys need: a case before its events, a visit before its case."""
    from ...db.models import Base

    rank = {t.name: n for n, t in enumerate(Base.metadata.sorted_tables)}
    return sorted(tables, key=lambda name: (rank.get(name, len(rank)), name))


def repair(db: Database, client, tables: list[str], report: Any = None) -> int:
    """Per differing table, parents first: take the hub's copy of records that differ here (unless a local
    change is pending), and send again our own records the hub lacks. Returns how many records were repaired;
    ``report``: its ``changes`` grow by what the copies taken touched.

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
        # ours, alive here at or after the hub's tombstone: brought back by a release that logged no change
        # (the new version is sent again, never deleted by the hub's older tombstone)
        readd = {i: v[1] for i, v in hub.items() if i not in pend and v[1] and i in local
                 and local[i][1] is None and local[i][0] >= v[1] and str(local[i][2].origin_station_id) == own}
        fetch = [str(uuid.UUID(i)) for i, v in hub.items()
                 if i not in pend and i not in readd and local.get(i, (None, None))[:2] != v]
        if readd:
            fixed += _readd(db, model, [(local[i][2], tomb) for i, tomb in readd.items()])
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
                    except OperationalError:
                        raise
                    except Exception:  # a copy this version cannot take (as a quarantined change): skipped
                        log.warning("repair skipped %s %s", entity, snap.get("id"), exc_info=True)
                        continue
                    fixed += 1
                    if report is not None:
                        report.changes |= chg.of_record(entity, snap.get("id"), snap.get("fields"))
                bump_version(s)
        missing = [v[2] for i, v in local.items() if i not in hub and i not in pend and str(v[2].origin_station_id) == own]
        if missing and entity == "holidays":
            missing = _rekey_holidays(db, missing)
        if missing:
            missing = _not_refused(db, entity, missing)
        if missing:
            fixed += _resend(db, model, missing)
    return fixed


def _not_refused(db: Database, entity: str, rows: list[Any]) -> list[Any]:
    """``rows`` without the records the hub refused (a ``rejected`` conflict staff have not resolved):
    sending them again would only be refused again, with a new conflict every round. Once staff mark the
    conflict handled (after the cause was fixed), the next round sends the record again: the retry."""
    ids = [r.id for r in rows]
    refused: set[uuid.UUID] = set()
    with db.session(write=False) as s:
        for i in range(0, len(ids), 500):
            refused.update(s.scalars(select(SyncConflict.entity_id).where(
                SyncConflict.kind == "rejected", SyncConflict.entity == entity, SyncConflict.resolved_at.is_(None),
                SyncConflict.entity_id.in_(ids[i:i + 500]))))
    return [r for r in rows if r.id not in refused]


def _rekey_holidays(db: Database, rows: list[Any]) -> list[Any]:
    """Our holiday overrides made by an earlier release carry UUIDv5 of the date alone; when another station
    overrode that date first, the hub holds that id as the other station's record and refuses ours. Such a
    row the hub lacks takes its station-scoped id (``workdays.holiday_id``) here, and is then sent under it
    (the refusal it had is marked handled). Returns ``rows`` with those rows read again."""
    from ..desk.workdays import holiday_id, legacy_holiday_id

    old = {r.id: r for r in rows if r.id == legacy_holiday_id(r.date)}
    if not old:
        return rows
    table = cast(Table, Holiday.__table__)  # a plain table: Core statements take it
    station = db.station_id()
    now = utcnow()
    with db.session() as s:
        begin_remote(s)  # the row keeps its values and clocks; the resend below logs it
        for ident, r in old.items():
            new = holiday_id(station, r.date)
            s.execute(table.update().where(table.c.id == ident).values(id=new))
            s.execute(update(SyncFieldClock).where(SyncFieldClock.entity == "holidays",
                                                   SyncFieldClock.entity_id == ident).values(entity_id=new))
            s.execute(update(SyncConflict).where(SyncConflict.kind == "rejected", SyncConflict.entity == "holidays",
                                                 SyncConflict.entity_id == ident, SyncConflict.resolved_at.is_(None))
                      .values(resolved_at=now))
        bump_version(s)
    log.info("repair: %d holiday override(s) of an earlier release given this station's id", len(old))
    with db.session(write=False) as s:
        fresh = {r.id: r for r in s.execute(select(table).where(table.c.id.in_(
            [holiday_id(station, r.date) for r in old.values()])))}
    return [r for r in rows if r.id not in old] + list(fresh.values())


def _readd(db: Database, model, rows: list[tuple[Any, str]]) -> int:
    """Our own records alive here that the hub holds deleted, brought back after that deletion without a
    change: log the re-adding now, as ``db.changes.revive`` does (a fresh stamp, after the row's own stamp and
    the tombstone even when a PC whose date ran ahead wrote them; ``base`` = the tombstone)."""
    now = utcnow()
    cols = columns_of(model)
    table = model.__table__
    with db.session() as s:
        for r, tomb in rows:
            stamp = stamp_after(db.change_context.stamp(), max(r.hlc, tomb))
            s.execute(table.update().where(table.c.id == r.id).values(hlc=stamp))
            fields = {c: to_jsonable(getattr(r, c)) for c in cols}
            s.add(OutboxEntry(**build_change(model.__tablename__, r.id, "insert", fields, stamp,
                                             r.origin_station_id, now, base=tomb)))
        db.change_context.persist_clock(s)
    log.info("repair: %d %s brought back here after their deletion sent again", len(rows), model.__tablename__)
    return len(rows)


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
