"""Change capture: every write to a synced record adds its outbox row in the same transaction.

The ORM path (``install_change_capture``) and the bulk path (``ChangeWriter``, used by the demo generator
and later by sync) build changes with the same function, so a change looks the same however it was made.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from ..domain.errors import DomainError
from ..domain.payload import canonical_json as canonical_json  # the one spelling, imported from here too
from ..domain.payload import change_payload
from ..domain.payload import to_jsonable as to_jsonable
from .models import ENTITY_NAMES, SYNC_META_COLUMNS, OutboxEntry, Synced


def synced_columns(model: type[Synced]) -> list[str]:
    """The columns that travel in a change (not derived caches, not secrets, not the HLC bookkeeping)."""
    skip = model.__derived__ | model.__local_only__ | SYNC_META_COLUMNS | {"id", "origin_station_id"}
    return [c.key for c in inspect(model).column_attrs if c.key not in skip]


_COLUMNS_CACHE: dict[type, list[str]] = {}


def columns_of(model: type[Synced]) -> list[str]:
    cols = _COLUMNS_CACHE.get(model)
    if cols is None:
        cols = _COLUMNS_CACHE[model] = synced_columns(model)
    return cols


def build_change(entity: str, entity_id: uuid.UUID, op: str, fields: Mapping[str, Any], hlc: str,
                 origin: uuid.UUID, now: dt.datetime, base: str | None = None) -> dict[str, Any]:
    """An outbox row: random change id, canonical payload and its SHA-256 (``domain.payload``, the spelling the
    hub's own changes use too).

    ``base`` (updates and deletes) is the record's clock before this change: what the writer had seen. The
    sync merge uses it to tell a concurrent edit (a conflict to keep) from a later one."""
    payload, digest = change_payload(entity, entity_id, op, fields, hlc, origin, base)
    return {
        "change_id": uuid.uuid4(),
        "entity": entity,
        "entity_id": entity_id,
        "op": op,
        "hlc": hlc,
        "origin_station_id": origin,
        "payload": payload,
        "payload_hash": digest,
        "created_at": now,
        "acked_at": None,
    }


class ChangeContext:
    """What change capture needs from the open database: the clock and this station's id."""

    def __init__(self, stamp, station_id, persist_clock):
        self.stamp = stamp  # () -> encoded HLC
        self.station_id = station_id  # () -> uuid.UUID | None
        self.persist_clock = persist_clock  # (session) -> None, writes the last HLC in this transaction


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def stamp_after(stamp: str, base: str | None) -> str:
    """An edit's stamp: after the record's clock the writer saw (``base``), even when that clock came from
    a PC whose date ran ahead; our own clock does not follow it (``domain.hlc.stamp_after``)."""
    from ..domain.hlc import HLC
    from ..domain.hlc import stamp_after as after

    if base is None or stamp > base:
        return stamp
    return after(HLC.decode(stamp), HLC.decode(base)).encode()


#: ``session.info`` key set while sync applies changes from other replicas: those are already in the hub's
#: log, so they must not be logged again as this station's own.
APPLYING_REMOTE = "liaison_sync_applying_remote"


def _capture(session: Session, ctx: ChangeContext) -> None:
    if session.info.get(APPLYING_REMOTE):
        return
    now = _utcnow()
    changes: list[dict[str, Any]] = []
    for obj in list(session.deleted):
        if isinstance(obj, Synced):
            raise DomainError("hard_delete", f"{type(obj).__name__} 记录不能直接删除，只能作废（墓碑）。",
                              message_en="Synced records are never deleted, only tombstoned.")
    for obj in list(session.new):
        if not isinstance(obj, Synced):
            continue
        model = type(obj)
        _fill_new(obj, ctx)
        fields = {c: getattr(obj, c) for c in columns_of(model)}
        changes.append(build_change(ENTITY_NAMES[model], obj.id, "insert", fields, obj.hlc,
                                    obj.origin_station_id, now))
    for obj in list(session.dirty):
        if not isinstance(obj, Synced) or not session.is_modified(obj, include_collections=False):
            continue
        model = type(obj)
        state = inspect(obj)
        changed = {c: getattr(obj, c) for c in columns_of(model) if state.attrs[c].history.has_changes()}
        gone = state.attrs["deleted_hlc"].history
        tombstoned = gone.has_changes() and obj.deleted_hlc is not None
        if gone.has_changes() and obj.deleted_hlc is None and any(d is not None for d in gone.deleted):
            changes.append(_revival(obj, state, ctx, now))
            continue
        if not changed and not tombstoned:
            continue  # only derived caches changed: nothing to tell other replicas
        if model.__sync_kind__ == "append_only" and changed:
            raise DomainError("append_only", f"{type(obj).__name__} 记录一经保存不能修改。",
                              message_en=f"{model.__name__} records are append-only.")
        base = state.attrs["hlc"].history.deleted
        base = base[0] if base else obj.hlc
        obj.hlc = stamp_after(ctx.stamp(), base)
        op = "update"
        if tombstoned:
            obj.deleted_hlc = obj.hlc
            op = "delete"
        changes.append(build_change(ENTITY_NAMES[model], obj.id, op, changed, obj.hlc,
                                    obj.origin_station_id, now, base=base))
    if changes:
        session.add_all(OutboxEntry(**c) for c in changes)
        ctx.persist_clock(session)


def _revival(obj: Synced, state: Any, ctx: ChangeContext, now: dt.datetime) -> dict[str, Any]:
    """A tombstoned record brought back (same natural key, same id): a new version of the whole record.

    Logged as an ``insert`` that carries every field, a fresh stamp and, as ``base``, the clock the writer
    saw (its tombstone): the merge (``sync.merge``) then knows it came after that deletion and brings the
    record back on every replica, where clearing the tombstone alone would travel nowhere and the next
    repair would delete the record again."""
    model = type(obj)
    base = state.attrs["hlc"].history.deleted
    base = base[0] if base else obj.hlc
    obj.hlc = stamp_after(ctx.stamp(), base)
    fields = {c: getattr(obj, c) for c in columns_of(model)}
    return build_change(ENTITY_NAMES[model], obj.id, "insert", fields, obj.hlc, obj.origin_station_id, now,
                        base=base)


def _fill_new(obj: Synced, ctx: ChangeContext) -> None:
    from ..domain.ids import new_id

    if obj.id is None:
        obj.id = new_id()
    if obj.origin_station_id is None:
        station = ctx.station_id()
        if station is None:
            raise DomainError("no_station", "本机还没有设置联络站，请先完成初始化。",
                              message_en="This installation has no station yet: run init first.")
        obj.origin_station_id = station
    obj.hlc = obj.created_hlc = ctx.stamp()
    # Column defaults are applied at INSERT time, after this hook: apply them now so the payload is complete.
    for col in inspect(type(obj)).columns:
        if getattr(obj, col.key, None) is None and col.default is not None and col.default.is_scalar:
            setattr(obj, col.key, col.default.arg)


def tombstone(obj: Synced) -> None:
    """Mark a record deleted. The flush stamps the tombstone with the change's clock and logs a delete."""
    obj.deleted_hlc = "tombstone"


def revive(obj: Synced) -> None:
    """Bring a tombstoned record back (a setting removed and added again). The flush logs it as a new
    version with a fresh stamp (``_revival``); a record that is not deleted is left as it is."""
    if obj.deleted_hlc is not None:
        obj.deleted_hlc = None


_CONTEXT = "_liaison_change_context"


def install_change_capture(session_class: type[Session], ctx: ChangeContext) -> None:
    """Outbox rows for every flush of a ``session_class`` session (each database has a class of its own).

    The listener finds the context on the session's class instead of holding it: SQLAlchemy keeps a class's
    listeners in a WeakKeyDictionary keyed by the class, so a listener that held the context (and through it
    the database, its sessionmaker and the class itself) kept its own key alive, and no database was ever freed.
    """
    setattr(session_class, _CONTEXT, ctx)
    event.listen(session_class, "before_flush", _before_flush)


def _before_flush(session: Session, flush_context: Any, instances: Any) -> None:
    _capture(session, getattr(type(session), _CONTEXT))


class ChangeWriter:
    """Bulk inserts of new synced records with their outbox rows, through SQLAlchemy Core (demo, import)."""

    def __init__(self, connection, ctx: ChangeContext):
        self.conn = connection
        self.ctx = ctx
        self.count = 0

    def stamp(self) -> str:
        return self.ctx.stamp()

    def insert(self, model: type[Synced], rows: Iterable[dict[str, Any]]) -> int:
        rows = list(rows)
        if not rows:
            return 0
        now = _utcnow()
        entity = ENTITY_NAMES[model]
        station = self.ctx.station_id()
        cols = columns_of(model)
        defaults = {c.key: c.default.arg for c in inspect(model).columns
                    if c.default is not None and c.default.is_scalar}
        all_columns = [c.key for c in model.__table__.columns]
        changes = []
        for row in rows:
            for key, value in defaults.items():
                row.setdefault(key, value)
            row.setdefault("origin_station_id", station)
            # A caller may stamp rows itself (in the order things happened); otherwise stamp now.
            row["hlc"] = row["created_hlc"] = row.get("hlc") or self.ctx.stamp()
            for key in all_columns:
                row.setdefault(key, None)
            changes.append(build_change(entity, row["id"], "insert", {c: row.get(c) for c in cols},
                                        row["hlc"], row["origin_station_id"], now))
        self._executemany(model.__table__, rows)
        self._executemany(OutboxEntry.__table__, changes)
        self.count += 2 * len(rows)
        return len(rows)

    def _executemany(self, table, rows: list[dict[str, Any]]) -> None:
        """One driver-level ``executemany``: values go through each column type's own SQLAlchemy bind
        processor (UUIDs, dates, JSON are stored exactly as the ORM stores them), without Core's per-row
        statement bookkeeping, which cost more than SQLite itself here."""
        dialect = self.conn.dialect
        cols = [c for c in table.columns if c.key in rows[0]]
        procs = [c.type.dialect_impl(dialect).bind_processor(dialect) for c in cols]
        keys = [c.key for c in cols]
        params = [tuple(p(row[k]) if p else row[k] for k, p in zip(keys, procs, strict=True)) for row in rows]
        names = ", ".join(f'"{c.name}"' for c in cols)
        sql = f'INSERT INTO "{table.name}" ({names}) VALUES ({", ".join("?" * len(cols))})'
        self.conn.exec_driver_sql(sql, params)
