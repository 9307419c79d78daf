"""Push: send pending outbox changes in batches and record the hub's per-item answers."""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import select, update

from ..db.database import Database
from ..db.models import OutboxEntry
from ..db.models_sync import SyncConflict
from ..domain.timeutil import utcnow
from ..sync.protocol import ACCEPTED, PUSH_BATCH, REJECTED
from . import sync_state as state


def pending_batch(db: Database, limit: int = PUSH_BATCH, after: int = 0) -> list[dict[str, Any]]:
    with db.session(write=False) as s:
        rows = s.execute(select(OutboxEntry.seq, OutboxEntry.change_id, OutboxEntry.payload, OutboxEntry.payload_hash)
                         .where(OutboxEntry.acked_at.is_(None), OutboxEntry.seq > after)
                         .order_by(OutboxEntry.seq).limit(limit)).all()
    return [{"seq": r.seq, "change_id": str(r.change_id), "payload": r.payload, "payload_hash": r.payload_hash}
            for r in rows]


def record_results(db: Database, items: list[dict[str, Any]], results: list[dict[str, Any]]) -> tuple[int, int]:
    """Acknowledge what the hub took; keep what it refused as a conflict for staff (with its payload), so
    a refused change neither blocks the queue nor disappears. One transaction."""
    if len(results) != len(items):
        from .sync import unreachable

        raise unreachable("答复条数不符 / answer does not match the request")
    now = utcnow()
    acked, rejected = [], 0
    by_id = {i["change_id"]: i for i in items}
    with db.session() as s:
        for res in results:
            item = by_id.get(str(res.get("change_id")))
            if item is None:
                continue
            if res.get("status") == ACCEPTED:
                acked.append(uuid.UUID(item["change_id"]))
            elif res.get("status") == REJECTED:
                rejected += 1
                acked.append(uuid.UUID(item["change_id"]))
                body = json.loads(item["payload"])
                s.add(SyncConflict(kind="rejected", entity=str(body.get("entity")), entity_id=uuid.UUID(body["id"]), change_id=uuid.UUID(item["change_id"]), lost_value=item["payload"],
                                   reason=f"{res.get('code')}: {res.get('message_zh')}", detected_at=now))
        for i in range(0, len(acked), 500):
            s.execute(update(OutboxEntry).where(OutboxEntry.change_id.in_(acked[i:i + 500]),
                                                OutboxEntry.acked_at.is_(None)).values(acked_at=now))
    return len(acked) - rejected, rejected


def push_pending(db: Database, client, batch: int = PUSH_BATCH, *, install_id: str | None = None) -> tuple[int, int]:
    """Every pending change, oldest first; returns (accepted, rejected)."""
    install_id = install_id or state.config(db).install_id
    accepted = rejected = 0
    after = 0
    while True:
        items = pending_batch(db, batch, after)
        if not items:
            return accepted, rejected
        answer = client.call("/v1/push", {"install_id": install_id, "changes": items})
        a, r = record_results(db, items, list(answer.get("results") or []))
        accepted, rejected = accepted + a, rejected + r
        after = items[-1]["seq"]
