"""Applying other replicas' changes to the station database, without logging them as our own.

Rows are written through SQLAlchemy Core inside the caller's session (one transaction with the pull cursor),
with ``APPLYING_REMOTE`` set so change capture stays out of it. A change is held back in ``sync_deferred``
(never dropped) when its record has a pending local change, when it refers to a record not here yet, or
when it clashes with a local record on a unique key; deferred changes are retried after every round.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import uuid
from typing import Any, Protocol

from sqlalchemy import Date, DateTime, Uuid, delete, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from ...db.changes import APPLYING_REMOTE, columns_of, to_jsonable
from ...db.database import Database, get_local, set_local
from ...db.models import MODELS_BY_ENTITY, Case, OutboxEntry
from ...db.models_sync import SyncConflict, SyncDeferred, SyncFieldClock
from ...domain.hlc import HLC
from ...domain.timeutil import utcnow
from ...domain.vocab import RECORD_KINDS, label
from ...sync.merge import APPLIED, ORPHAN, REVIVED, Conflict, RecordState, merge
from ...sync.protocol import Change, canonical, parse_change
from .. import changes as chg
from ..cases.actions import apply_state, case_events, fold_rows
from .push import compact_payload

log = logging.getLogger(__name__)

DISABLED_SECRET = "!"  # a local-only secret that never travels (an operator's PIN hash): must be set again


def begin_remote(session: Session) -> None:
    session.info[APPLYING_REMOTE] = True


def _decode(col, value: Any) -> Any:
    if value is None:
        return None
    t = col.type
    if isinstance(t, Uuid):
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    if isinstance(t, DateTime):
        return dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    if isinstance(t, Date):
        return dt.date.fromisoformat(value) if isinstance(value, str) else value
    return value


def pending_ids(s: Session, entity_ids: list[uuid.UUID]) -> set[uuid.UUID]:
    found: set[uuid.UUID] = set()
    for i in range(0, len(entity_ids), 500):
        found.update(s.scalars(select(OutboxEntry.entity_id).where(
            OutboxEntry.entity_id.in_(entity_ids[i:i + 500]), OutboxEntry.acked_at.is_(None))))
    return found


def own_changes(s: Session, change_ids: list[uuid.UUID]) -> set[uuid.UUID]:
    found: set[uuid.UUID] = set()
    for i in range(0, len(change_ids), 500):
        found.update(s.scalars(select(OutboxEntry.change_id).where(OutboxEntry.change_id.in_(change_ids[i:i + 500]))))
    return found


def load_state(s: Session, model, ident: uuid.UUID) -> RecordState | None:
    row = s.execute(select(model.__table__).where(model.__table__.c.id == ident)).mappings().first()
    if row is None:
        return None
    cols = columns_of(model)
    fields = {c: to_jsonable(row[c]) for c in cols}
    clocks: dict[str, str] = {}
    stored = s.get(SyncFieldClock, (model.__tablename__, ident))
    if stored is not None:
        clocks.update(json.loads(stored.clocks))
    # our own edits' clocks are in the outbox
    for op, hlc, payload in s.execute(select(OutboxEntry.op, OutboxEntry.hlc, OutboxEntry.payload).where(
            OutboxEntry.entity_id == ident)):
        body = json.loads(payload) if op != "delete" else {}
        if op == "insert" and body.get("base") is not None:  # a re-adding after a deletion (db.changes.revive)
            clocks[REVIVED] = max(clocks.get(REVIVED, hlc), hlc)
        elif op != "update":
            continue
        for name in body.get("fields", {}):
            if hlc > clocks.get(name, ""):
                clocks[name] = hlc
    created = row["created_hlc"]
    clocks = {k: v for k, v in clocks.items() if v > created or k == REVIVED}
    return RecordState(fields, created, row["hlc"], str(row["origin_station_id"]), row["deleted_hlc"], clocks)


def write_state(s: Session, model, ident: uuid.UUID, state: RecordState, exists: bool) -> None:
    table = model.__table__
    values = {c: _decode(table.c[c], state.fields.get(c)) for c in columns_of(model) if c in state.fields}
    values.update(created_hlc=state.created_hlc, hlc=state.hlc, deleted_hlc=state.deleted_hlc,
                  origin_station_id=uuid.UUID(state.origin))
    if exists:
        s.execute(table.update().where(table.c.id == ident).values(**values))
    else:
        for col in table.columns:
            if col.key in model.__local_only__:
                values[col.key] = DISABLED_SECRET
            elif col.key not in values and col.key != "id" and col.default is not None and col.default.is_scalar:
                values[col.key] = col.default.arg
        s.execute(table.insert().values(id=ident, **values))
    key = (model.__tablename__, ident)
    stored = s.get(SyncFieldClock, key)
    if state.field_hlcs:
        if stored is None:
            s.add(SyncFieldClock(entity=key[0], entity_id=ident, clocks=canonical(dict(state.field_hlcs))))
        else:
            stored.clocks = canonical(dict(state.field_hlcs))
    elif stored is not None:
        s.delete(stored)


def refold_case(s: Session, case_id: uuid.UUID) -> None:
    case = s.get(Case, case_id, populate_existing=True)
    if case is None:
        return
    events = case_events(s, case_id)
    if events:
        apply_state(case, fold_rows(events))
        s.flush()


def _record_conflicts(s: Session, ch: Change, conflicts: tuple[Conflict, ...], now) -> None:
    for c in conflicts:
        s.add(SyncConflict(kind="field", entity=ch.entity, entity_id=uuid.UUID(ch.entity_id), field=c.field,
                           kept_value=canonical(c.kept_value), kept_hlc=c.kept_hlc, lost_value=canonical(c.lost_value),
                           lost_hlc=c.lost_hlc, change_id=uuid.UUID(ch.change_id), reason="", detected_at=now))


def defer(s: Session, ch: Change, reason: str, now) -> None:
    cid = uuid.UUID(ch.change_id)
    row = s.get(SyncDeferred, cid)
    if row is None:
        s.add(SyncDeferred(change_id=cid, entity_id=uuid.UUID(ch.entity_id), payload=ch.payload,
                           payload_hash=ch.payload_hash, reason=reason, received_at=now))
    else:
        row.reason = reason


def receive_clock(db: Database, s: Session, stamp: str) -> None:
    """Follow the other replica's clock, so our next edit sorts after what we just saw.

    A stamp that runs too far ahead of our wall clock is kept as data without dragging our clock into the
    future — whoever wrote it, the hub included: the hub's stamps of a reply used to follow a case's
    future-stamped events, and one such reply moved every station that pulled it years ahead. What must
    come after a far-ahead stamp is ordered by other means: a case's events by the event each follows, an
    edit by the clock it saw (``db.changes.stamp_after``)."""
    if db.clock.observe(HLC.decode(stamp)):
        db.change_context.persist_clock(s)


def _log_own(s: Session, ch: Change, now: dt.datetime) -> None:
    """One of our own changes the hub gave back that our log does not hold (a database restored from a
    backup, re-bootstrapped): keep it in the outbox again, as acknowledged, exactly as the hub holds it.
    The log then says again which version of each of our records is ours and at the hub, which the
    integrity check relies on (``admin.integrity``); nothing is sent again."""
    cid = uuid.UUID(ch.change_id)
    if own_changes(s, [cid]):
        return
    payload, digest = compact_payload(ch.payload)  # acknowledged: kept without its values (issue 17)
    s.add(OutboxEntry(change_id=cid, entity=ch.entity, entity_id=uuid.UUID(ch.entity_id), op=ch.op, hlc=ch.hlc,
                      origin_station_id=uuid.UUID(ch.origin), payload=payload, payload_hash=digest,
                      created_at=now, acked_at=now))


def apply_change(db: Database, s: Session, ch: Change, *, pending: set[uuid.UUID] | None = None) -> str:
    """Apply one incoming change inside ``s``; returns applied | noop | deferred."""
    now = utcnow()
    model = MODELS_BY_ENTITY.get(ch.entity)
    if model is None:
        defer(s, ch, "unknown_entity", now)
        return "deferred"
    ident = uuid.UUID(ch.entity_id)
    is_pending = ident in pending if pending is not None else bool(pending_ids(s, [ident]))
    if is_pending:
        defer(s, ch, "pending", now)  # a pull never overwrites a record with a pending local change
        return "deferred"
    current = load_state(s, model, ident)
    result = merge(current, ch, model.__sync_kind__)
    if result.outcome == ORPHAN:
        defer(s, ch, "orphan", now)
        return "deferred"
    if result.outcome == APPLIED and result.state is not None:
        try:
            with s.begin_nested():
                write_state(s, model, ident, result.state, exists=current is not None)
        except IntegrityError as exc:
            defer(s, ch, "clash", now)
            change_id = uuid.UUID(ch.change_id)
            known = s.scalar(select(SyncConflict.id).where(SyncConflict.kind == "clash",
                                                           SyncConflict.change_id == change_id,
                                                           SyncConflict.resolved_at.is_(None)).limit(1))
            if known is None:  # retried after every round: one conflict for staff, not one per retry
                s.add(SyncConflict(kind="clash", entity=ch.entity, entity_id=ident, change_id=change_id,
                                   lost_value=ch.payload, lost_hlc=ch.hlc, reason=str(exc.orig)[:500],
                                   detected_at=now))
            return "deferred"
        if ch.entity == "case_events":
            case_id = ch.fields.get("case_id") or (result.state.fields.get("case_id"))
            if case_id:
                refold_case(s, uuid.UUID(str(case_id)))
    _record_conflicts(s, ch, result.conflicts, now)
    if ch.origin == str(db.station_id()):
        _log_own(s, ch, now)
    s.execute(delete(SyncDeferred).where(SyncDeferred.change_id == uuid.UUID(ch.change_id)))
    receive_clock(db, s, ch.hlc)
    return "applied" if result.outcome == APPLIED else "noop"


#: ``sync_deferred.reason`` and ``sync_conflicts.kind`` of a change this version cannot apply (issue 17)
QUARANTINED = "quarantined"


def quarantine(s: Session, ch: Change, exc: BaseException, now: dt.datetime) -> None:
    """Hold back a change that raised while being applied (a kind of record or event this version does not
    know, a value it cannot read): kept in ``sync_deferred`` and retried after every round (a fix, an
    upgrade or a later correction from the county lets it in), shown to staff once, in words."""
    defer(s, ch, QUARANTINED, now)
    change_id = uuid.UUID(ch.change_id)
    known = s.scalar(select(SyncConflict.id).where(SyncConflict.kind == QUARANTINED,
                                                   SyncConflict.change_id == change_id,
                                                   SyncConflict.resolved_at.is_(None)).limit(1))
    if known is None:
        what = f"{type(exc).__name__}: {exc}"[:200]
        s.add(SyncConflict(kind=QUARANTINED, entity=ch.entity, entity_id=uuid.UUID(ch.entity_id), change_id=change_id,
                           lost_value=ch.payload, lost_hlc=ch.hlc, detected_at=now,
                           reason=f"县级平台发来的一条{label(RECORD_KINDS, ch.entity)}变更本机无法应用（{what}），已单独暂存，其余数据照常同步；"
                                  "升级本软件或县级平台更正后，每次同步都会自动重试。"))


def apply_held(db: Database, s: Session, ch: Change, *, pending: set[uuid.UUID] | None = None) -> str:
    """``apply_change`` in a savepoint: a change that cannot be applied is quarantined (``quarantine``) and
    the caller's transaction goes on with the rest. A database that cannot be written (locked, full) still
    fails the whole transaction: that is no fault of the change."""
    try:
        with s.begin_nested():
            return apply_change(db, s, ch, pending=pending)
    except OperationalError:
        raise
    except Exception as exc:
        log.exception("change %s (%s %s) could not be applied: quarantined", ch.change_id, ch.entity, ch.entity_id)
        quarantine(s, ch, exc, utcnow())
        return "deferred"


REPAIR_LOST = "同步核对时，县级平台保留了另一个值，本站的这次修改未被采用。"


def _keep_replaced_own_values(s: Session, model, ident: uuid.UUID, theirs: RecordState) -> None:
    """A repair about to replace a value this station wrote (its newest write of that field, from our outbox)
    with a different one: keep ours as a conflict for staff, as the hub keeps it. Losers are visible here
    too, not only at the hub — a repair is a merge that drops the local value."""
    mine = load_state(s, model, ident)
    if mine is None:
        return
    own: dict[str, tuple[str, uuid.UUID]] = {}
    for change_id, hlc, payload in s.execute(select(OutboxEntry.change_id, OutboxEntry.hlc, OutboxEntry.payload)
                                             .where(OutboxEntry.entity_id == ident)):
        for name in json.loads(payload).get("fields") or {}:
            if name not in own or hlc > own[name][0]:
                own[name] = (hlc, change_id)
    now = utcnow()
    for name, (hlc, change_id) in sorted(own.items()):
        if name not in mine.fields or name not in theirs.fields or mine.clock_of(name) != hlc:
            continue  # the value here is not our write any more (a later pull replaced it)
        if mine.fields[name] == theirs.fields[name] or theirs.clock_of(name) == hlc:
            continue
        s.add(SyncConflict(kind="field", entity=model.__tablename__, entity_id=ident, field=name,
                           kept_value=canonical(theirs.fields[name]), kept_hlc=theirs.clock_of(name),
                           lost_value=canonical(mine.fields[name]), lost_hlc=hlc, change_id=change_id,
                           reason=REPAIR_LOST, detected_at=now))


def apply_snapshot(db: Database, s: Session, entity: str, snap: dict[str, Any]) -> None:
    """Repair: take the hub's copy of a record as it is (only for records with no pending local change)."""
    model = MODELS_BY_ENTITY[entity]
    ident = uuid.UUID(snap["id"])
    exists = s.scalar(select(model.__table__.c.id).where(model.__table__.c.id == ident)) is not None
    state = RecordState(snap["fields"], snap["created_hlc"], snap["hlc"], snap["origin"], snap["deleted_hlc"],
                        snap.get("field_hlcs") or {})
    if exists:
        _keep_replaced_own_values(s, model, ident, state)
    write_state(s, model, ident, state, exists)
    if entity == "case_events" and state.fields.get("case_id"):
        refold_case(s, uuid.UUID(str(state.fields["case_id"])))
    elif entity == "cases":
        refold_case(s, ident)


def bump_version(s: Session) -> None:
    """Data changed without a local write or a cursor move: the cached digest no longer holds."""
    set_local(s, "sync_apply_version", str(int(get_local(s, "sync_apply_version") or 0) + 1))


class _Noting(Protocol):
    changes: chg.Changes


def retry_deferred(db: Database, report: _Noting | None = None) -> int:
    """Try the held-back changes again (after a push cleared our pending ones); returns how many applied.
    ``report``: its ``changes`` grow by what the applied ones touched."""
    applied = 0
    with db.session(write=False) as s:
        if s.scalar(select(SyncDeferred.change_id).limit(1)) is None:
            return 0
    with db.session() as s:
        begin_remote(s)
        rows = s.scalars(select(SyncDeferred).order_by(SyncDeferred.received_at, SyncDeferred.change_id)).all()
        if not rows:
            return 0
        pend = pending_ids(s, [r.entity_id for r in rows])
        for row in rows:
            ch = parse_change({"change_id": str(row.change_id), "payload": row.payload,
                               "payload_hash": row.payload_hash})
            held = row.reason == QUARANTINED
            outcome = apply_held(db, s, ch, pending=pend)
            if outcome != "deferred":
                applied += 1
                if held:  # it went in at last: its quarantine is over
                    s.execute(update(SyncConflict).where(SyncConflict.kind == QUARANTINED,
                                                         SyncConflict.change_id == row.change_id,
                                                         SyncConflict.resolved_at.is_(None)).values(resolved_at=utcnow()))
            if outcome == "applied" and report is not None:
                report.changes |= chg.of_record(ch.entity, ch.entity_id, ch.fields)
        if applied:
            bump_version(s)
    return applied
