"""Push: send pending outbox changes in batches and record the hub's per-item answers."""

from __future__ import annotations

import json
import uuid
from typing import Any, cast

from sqlalchemy import Table, bindparam, select, update

from ...db.database import Database
from ...db.models import OutboxEntry
from ...db.models_sync import SyncConflict
from ...domain.payload import canonical_json, sha256_hex
from ...domain.timeutil import utcnow
from ...sync.protocol import ACCEPTED, PUSH_BATCH, REJECTED
from . import state
from .client import unreachable


def pending_batch(db: Database, limit: int = PUSH_BATCH, after: int = 0) -> list[dict[str, Any]]:
    with db.session(write=False) as s:
        return pending_items(s, limit, after)


def _pending_query():
    t = OutboxEntry.__table__
    return (select(t.c.seq, t.c.change_id, t.c.payload, t.c.payload_hash)
            .where(t.c.acked_at.is_(None), t.c.seq > bindparam("after")).order_by(t.c.seq).limit(bindparam("limit")))


_PENDING = _pending_query()
_OUTBOX = cast(Table, OutboxEntry.__table__)  # a plain table: Core statements take it
# acknowledged and compacted in one statement per row (an executemany): see ``compact_payload``
_ACK = (update(_OUTBOX).where(_OUTBOX.c.seq == bindparam("s"), _OUTBOX.c.acked_at.is_(None))
        .values(acked_at=bindparam("now"), payload=bindparam("p"), payload_hash=bindparam("h")))


def compact_payload(payload: str) -> tuple[str, str]:
    """An acknowledged change as the station still needs it (issue 17, minimisation): the hub holds it, so
    its values (a visitor's phone, ID number, complaint) leave the outbox. Kept: the record, the op, the
    clocks (``hlc``, ``base``: a re-adding is told by its base) and the *names* of the fields it wrote, which
    the merge reads for this station's own field clocks (``apply.load_state``) and a repair for the values it
    replaces. Every value is null; ``compacted`` marks it. The hash is of what is kept (the integrity check
    still sees an edit); the change id and outbox position, all the hub and a fork check ask about, stay.
    Idempotent."""
    body = json.loads(payload)
    if body.get("compacted"):
        return payload, sha256_hex(payload)
    kept = {k: body[k] for k in ("entity", "id", "op", "hlc", "origin", "base") if k in body}
    kept["fields"] = dict.fromkeys(body.get("fields") or {})
    kept["compacted"] = True
    text = canonical_json(kept)
    return text, sha256_hex(text)


def pending_items(s, limit: int = PUSH_BATCH, after: int = 0) -> list[dict[str, Any]]:
    """``pending_batch`` inside an open session."""
    rows = s.execute(_PENDING, {"after": after, "limit": limit}).all()
    return [{"seq": r.seq, "change_id": str(r.change_id), "payload": r.payload, "payload_hash": r.payload_hash}
            for r in rows]


def record_results(db: Database, items: list[dict[str, Any]], results: list[dict[str, Any]]) -> tuple[int, int]:
    """Acknowledge what the hub took; keep what it refused as a conflict for staff (with its payload), so
    a refused change neither blocks the queue nor disappears. One transaction."""
    if len(results) != len(items):
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
                acked.append(item["seq"])
            elif res.get("status") == REJECTED:
                rejected += 1
                acked.append(item["seq"])
                body = json.loads(item["payload"])
                s.add(SyncConflict(kind="rejected", entity=str(body.get("entity")), entity_id=uuid.UUID(body["id"]), change_id=uuid.UUID(item["change_id"]), lost_value=item["payload"],
                                   reason=f"{res.get('code')}: {res.get('message_zh')}", detected_at=now))
        # by outbox position (the item came from that row): a Core statement on the primary key, with no
        # ORM session to synchronise
        if acked:
            compacted = {i["seq"]: compact_payload(i["payload"]) for i in items}
            s.execute(_ACK, [{"s": q, "now": now, "p": compacted[q][0], "h": compacted[q][1]} for q in acked])
    return len(acked) - rejected, rejected


def push_pending(db: Database, client, batch: int = PUSH_BATCH, *, install_id: str | None = None) -> tuple[int, int]:
    """Every pending change, oldest first; returns (accepted, rejected)."""
    accepted, rejected, _page = push_then_pull(db, client, batch, install_id=install_id)
    return accepted, rejected


def push_then_pull(db: Database, client, batch: int = PUSH_BATCH, *, install_id: str | None = None,
                   pull: dict[str, Any] | None = None,
                   first: list[dict[str, Any]] | None = None) -> tuple[int, int, dict[str, Any] | None]:
    """Every pending change, oldest first; returns (accepted, rejected, pull page or None).

    ``first``: the first batch (``pending_items(s, batch)``) when the caller has just read it.

    ``pull`` (``after``, ``limit``, ``include_own``): ask the hub to answer the first pull page together
    with the last batch (one that is not full), read after that batch committed; the page is returned for
    the caller to apply after the answers are recorded, exactly as if it had been pulled then.

    Pipelined: while the hub works on one batch, the answer to the previous one is recorded and the next
    one is read. A batch's answer is recorded before the next answer is awaited, so a failure (or a crash)
    loses nothing: what the hub took but we did not record is replayed next round and gets its stored answer."""
    from concurrent.futures import ThreadPoolExecutor

    install_id = install_id or state.config(db).install_id
    accepted = rejected = 0
    items = pending_batch(db, batch, 0) if first is None else first
    if not items:
        return 0, 0, None
    page = None
    if len(items) < batch:  # one batch, the last: no thread, no read ahead
        body = {"install_id": install_id, "changes": items, **({"pull": pull} if pull else {})}
        answer = client.call("/v1/push", body)
        a, r = record_results(db, items, list(answer.get("results") or []))
        return a, r, answer.get("pull") if pull else None
    done: tuple[list, list] | None = None
    with ThreadPoolExecutor(1, thread_name_prefix="sync-push") as pool:
        while items:
            last = len(items) < batch
            body = {"install_id": install_id, "changes": items, **({"pull": pull} if pull and last else {})}
            sent = pool.submit(client.call, "/v1/push", body)
            try:
                if done is not None:
                    a, r = record_results(db, *done)
                    accepted, rejected, done = accepted + a, rejected + r, None
                following = [] if last else pending_batch(db, batch, items[-1]["seq"])
            finally:
                answer = sent.result()  # also when recording failed: never leave a request behind
            done = (items, list(answer.get("results") or []))
            page = answer.get("pull") if pull and last else None
            items = following
    assert done is not None  # the loop ran at least once: its last answer is still to record
    a, r = record_results(db, *done)
    return accepted + a, rejected + r, page
