"""What staff see of sync at the desk: the conflicts kept for them, and the sync status line."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from ...db.database import Database
from ...db.models import OutboxEntry
from ...db.models_sync import SyncConflict
from ...domain.errors import DomainError
from ...domain.workflow import Role
from .. import changes as chg
from ..context import Actor
from . import state


@dataclass(frozen=True)
class ConflictView:
    id: int
    kind: str
    entity: str
    entity_id: str
    field: str | None
    kept: Any
    lost: Any
    reason: str
    detected_at: dt.datetime
    resolved_at: dt.datetime | None = None


def list_conflicts(db: Database, *, include_resolved: bool = False) -> list[ConflictView]:
    with db.session(write=False) as s:
        q = select(SyncConflict).order_by(SyncConflict.id)
        if not include_resolved:
            q = q.where(SyncConflict.resolved_at.is_(None))
        out = []
        for c in s.scalars(q):
            out.append(ConflictView(c.id, c.kind, c.entity, str(c.entity_id), c.field,
                                    json.loads(c.kept_value) if c.kept_value and c.kind == "field" else c.kept_value,
                                    json.loads(c.lost_value) if c.lost_value and c.kind == "field" else c.lost_value,
                                    c.reason, c.detected_at, c.resolved_at))
        return out


def resolve_conflict(db: Database, actor: Actor, conflict_id: int) -> chg.Changes:
    """Mark a conflict as reviewed (the losing value stays on record)."""
    actor.require(Role.ADMIN, Role.STAFF, what="处理同步冲突")
    with db.session() as s:
        c = s.get(SyncConflict, conflict_id)
        if c is None:
            raise DomainError("not_found", f"没有编号为 {conflict_id} 的同步冲突。", message_en="No such conflict.")
        c.resolved_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    return chg.lists(chg.CONFLICTS)


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    training: bool
    hub_url: str | None
    last_ok: dt.datetime | None
    last_error: str | None
    pending: int
    conflicts: int


def sync_status(db: Database) -> SyncStatus:
    cfg = state.config(db)
    with db.session(write=False) as s:
        pending = s.scalar(select(func.count()).select_from(OutboxEntry).where(OutboxEntry.acked_at.is_(None)))
        conflicts = s.scalar(select(func.count()).select_from(SyncConflict).where(SyncConflict.resolved_at.is_(None)))
    return SyncStatus(bool(cfg.credential), cfg.training, cfg.url, cfg.last_ok, cfg.last_error, pending or 0,
                      conflicts or 0)
