"""The audit trail (审计日志, issue 17): who viewed, searched, printed or exported personal data, and every
administrative action (PIPL Art. 51; GB/T 35273 §9.2/§11.7; network-security law Art. 21).

Each entry is an append-only synced record (``db.models_audit.AuditEntry``), numbered 1, 2, 3… per station
and chained: its hash (``domain.audit.entry_hash``) covers the previous entry's hash. ``append`` writes one
in the caller's own transaction (admin actions, prints), ``record`` in a transaction of its own right after a
read (a case view, a search, an export). ``verify`` walks the chain and cross-checks the outbox, which holds
every entry as it was first written: an edited or deleted entry is named.

The detail never holds a personal value: a search is "按电话搜索", never the number searched for.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...db.database import Database
from ...db.models import OutboxEntry
from ...db.models_audit import AuditEntry
from ...domain.audit import (
    ACTIONS,
    GENESIS,
    HASHED,
    REPEAT_WINDOW_S,
    REPEATABLE,
    ChainProblem,
    check_chain,
    describe_search,
    entry_hash,
)
from ...domain.ids import new_id
from ...domain.timeutil import to_local, utcnow
from ..context import Actor
from ..desk import clock

log = logging.getLogger(__name__)

__all__ = ["AuditCheck", "AuditRow", "ChainProblem", "append", "describe_search", "list_entries", "record",
           "record_list", "record_search", "verify"]


def _now(db: Database) -> tuple[dt.datetime, bool]:
    """The checked clock's time; an unconfirmed PC date does not stop a view from being logged: the entry
    gets the PC's time marked as unchecked."""
    try:
        return clock.now(db), True
    except clock.ClockUnconfirmed:
        return utcnow(), False


def append(s: Session, db: Database, actor: Actor | None, action: str, target: str = "", detail: str = "",
           *, repeat_window: bool = False) -> bool:
    """Add one entry in the open write transaction ``s`` (it commits or rolls back with the action itself).
    Nothing is logged without an actor or before the station exists. ``repeat_window``: skip the entry when
    the station's last one is the same person doing the same thing to the same target moments ago.
    Returns whether an entry was written."""
    station = db.station_id()
    if actor is None or station is None:
        return False
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    at, checked = _now(db)
    last = s.execute(select(AuditEntry.seq, AuditEntry.hash, AuditEntry.at, AuditEntry.actor_name,
                            AuditEntry.action, AuditEntry.target, AuditEntry.detail)
                     .where(AuditEntry.station_id == station).order_by(AuditEntry.seq.desc()).limit(1)).first()
    if (repeat_window and last is not None and (last.action, last.target, last.detail, last.actor_name)
            == (action, target[:100], detail[:200], actor.name[:60])
            and dt.timedelta(0) <= at - last.at <= dt.timedelta(seconds=REPEAT_WINDOW_S)):
        return False
    fields = {"id": new_id(), "station_id": station, "seq": (last.seq if last else 0) + 1,
              "at": at, "clock_checked": checked, "actor_id": actor.operator_id, "actor_name": actor.name[:60],
              "actor_role": str(actor.role.value)[:16], "action": action, "target": target[:100],
              "detail": detail[:200], "prev_hash": last.hash if last else GENESIS}
    entry = AuditEntry(**fields, hash=entry_hash(fields))
    s.add(entry)
    return True


def record(db: Database, actor: Actor | None, action: str, target: str = "", detail: str = "") -> None:
    """Log one entry in a transaction of its own (after a read: a case view, a search, an export). A view or
    a search repeated at once by the same person is logged once."""
    if actor is None or db.station_id() is None:
        return
    with db.session() as s:
        append(s, db, actor, action, target, detail, repeat_window=action in REPEATABLE)


def record_search(db: Database, actor: Actor | None, text: str, target: str = "") -> None:
    """Log a search by what kind it was (``domain.audit.describe_search``), never its text."""
    if text.strip():
        try:
            record(db, actor, "search", target, describe_search(text))
        except Exception:  # a search is not refused because its log line could not be written (logged)
            log.exception("could not log a search")


def record_list(db: Database, actor: Actor | None, target: str, rows: int, note: str = "") -> None:
    """Log one showing of a list holding personal data (the case list, 回访回电, the handover sheet): which list
    and how many rows (``note`` follows them: "（含完整电话）", "，按电话搜索"), never a value. Called once per showing or refresh (not per page or row); a refresh at
    once with the same rows is one entry (``REPEATABLE``). Never refuses the list (a failure is logged)."""
    if actor is None:
        return
    try:
        record(db, actor, "view_list", target, f"{rows} 行{note}")
    except Exception:  # a list is not refused because its log line could not be written (logged)
        log.exception("could not log a list shown")


# -- reading and checking ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class AuditRow:
    seq: int
    at: dt.datetime  # station-local time
    clock_checked: bool
    actor_name: str
    actor_role: str
    action: str
    action_label: str
    target: str
    detail: str


def list_entries(db: Database, actor: Actor, *, since: dt.date | None = None, limit: int = 1000) -> list[AuditRow]:
    """The station's entries from ``since`` (a station-local date), oldest first; an administrator's reading
    is itself logged."""
    from ...domain.workflow import Role

    actor.require(Role.ADMIN, what="查阅审计日志")
    q = select(AuditEntry).order_by(AuditEntry.station_id, AuditEntry.seq)
    if since is not None:
        q = q.where(AuditEntry.at >= dt.datetime.combine(since, dt.time()) - dt.timedelta(hours=8))
    with db.session(write=False) as s:
        rows = [AuditRow(e.seq, to_local(e.at), e.clock_checked, e.actor_name, e.actor_role, e.action,
                         ACTIONS.get(e.action, (e.action, e.action))[0], e.target, e.detail)
                for e in s.scalars(q.limit(limit))]
    record(db, actor, "admin_audit", "", f"查阅 {len(rows)} 条" + (f"（自 {since:%Y-%m-%d}）" if since else ""))
    return rows


@dataclass(frozen=True)
class AuditCheck:
    entries: int
    problems: tuple[ChainProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def _outbox_entries(s: Session, station: uuid.UUID) -> tuple[int, dict[int, dict]]:
    """(how many entries this station logged in the outbox, the ones still spelled out there by sequence
    number). Every entry's insert has an outbox row; an acknowledged one may have been stripped of its values
    (the hub holds them), so only those still carrying them are compared field by field."""
    count, out = 0, {}
    for (payload,) in s.execute(select(OutboxEntry.payload).where(
            OutboxEntry.entity == AuditEntry.__tablename__, OutboxEntry.op == "insert",
            OutboxEntry.origin_station_id == station)):
        count += 1
        try:
            fields = json.loads(payload).get("fields")
            if isinstance(fields, dict) and isinstance(fields.get("seq"), int) and "hash" in fields:
                out[fields["seq"]] = fields
        except (ValueError, AttributeError):  # a payload minimised to what sync needs: counted, not compared
            continue
    return count, out


def verify(db: Database) -> AuditCheck:
    """Walk this station's chain: every edited, missing or replaced entry, first one first. Entries are
    compared with the outbox too, so an entry deleted at the end, or edited and re-hashed, is found."""
    station = db.station_id()
    if station is None:
        return AuditCheck(0, ())
    table = AuditEntry.__table__
    columns = [table.c[k] for k in (*HASHED, "hash")]
    with db.session(write=False) as s:  # plain rows, not ORM objects: a long trail reads 2-3 times faster
        entries = [dict(r) for r in s.execute(select(*columns).where(table.c.station_id == station)
                                              .order_by(table.c.seq)).mappings()]
        written, logged = _outbox_entries(s, station)
    problems = check_chain(entries, expected_last=max(written, *logged, 0))
    named = {(p.kind, p.seq) for p in problems}
    for e in entries:  # an entry edited and re-hashed: the outbox may still have what was written
        first = logged.get(e["seq"])
        if first is not None and first.get("hash") != e["hash"] and ("edited", e["seq"]) not in named:
            problems.append(ChainProblem("edited", e["seq"], e["seq"]))
    problems.sort(key=lambda p: (p.seq, p.kind))
    return AuditCheck(len(entries), tuple(problems))


def chain_of(fields: Iterable[dict]) -> list[ChainProblem]:
    """Check a chain read from elsewhere (the hub's copy): fields as in a change payload."""
    return check_chain(sorted(fields, key=lambda f: int(f["seq"])))
