"""Push: send pending outbox changes in batches (by count and by size) and record the hub's per-item answers."""

from __future__ import annotations

import json
import logging
import uuid
from typing import Any, cast

from sqlalchemy import Table, bindparam, select, update

from ...db.database import Database
from ...db.models import OutboxEntry
from ...db.models_sync import SyncConflict
from ...domain.errors import DomainError
from ...domain.payload import canonical_json, sha256_hex
from ...domain.timeutil import utcnow
from ...sync.protocol import ACCEPTED, PUSH_BATCH, PUSH_MAX_BYTES, REJECTED
from . import state
from .client import HubClient, RequestTooLarge, unreachable

log = logging.getLogger(__name__)


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


# -- how big a push is ----------------------------------------------------------------------------------------
#: what a push body holds beside its changes (protocol, install id, the pull request), and each change beside
#: its payload (change id, hash, seq and the keys): rounded up
_ENVELOPE, _ITEM = 1024, 200


def wire_size(item: dict[str, Any]) -> int:
    """The bytes ``item`` takes in a push body, rounded up: its payload is JSON text inside JSON (sent as
    UTF-8), so each quote and backslash in it is escaped. ``str.count`` is C-speed: ~1 µs a change."""
    p = item["payload"]
    return len(p.encode("utf-8")) + p.count('"') + p.count("\\") + _ITEM


def _fits(items: Any, budget: int) -> int:
    """How many of ``items`` (from the front; at least one) a push body of ``budget`` bytes carries."""
    total = _ENVELOPE
    for n, item in enumerate(items):
        total += wire_size(item)
        if total > budget:
            return max(n, 1)
    return len(items)


def _too_large(item: dict[str, Any], refusal: DomainError) -> dict[str, Any]:
    """The answer a change gets here when it alone is over the hub's limit: refused, kept as a conflict."""
    kb = max(1, wire_size(item) // 1024)
    return {"change_id": item["change_id"], "status": REJECTED, "code": "too_large",
            "message_zh": f"这条变更太大（约 {kb} KB），单独发送也超过县级平台一次接收的上限，无法上传；内容已保留在本机，"
                          f"其余记录照常同步。请缩短这条记录的内容，或请县里调高上限。（县级平台：{refusal.message}）"}


def push_then_pull(db: Database, client, batch: int = PUSH_BATCH, *, install_id: str | None = None,
                   pull: dict[str, Any] | None = None, first: list[dict[str, Any]] | None = None,
                   max_bytes: int | None = None, notes: list[str] | None = None,
                   ) -> tuple[int, int, dict[str, Any] | None]:
    """Every pending change, oldest first; returns (accepted, rejected, pull page or None).

    ``first``: the first batch (``pending_items(s, batch)``) when the caller has just read it.

    ``pull`` (``after``, ``limit``, ``include_own``): ask the hub to answer the first pull page together
    with the last batch, read after that batch committed; the page is returned for the caller to apply
    after the answers are recorded, exactly as if it had been pulled then.

    Batches hold ``batch`` changes at most and stay under ``max_bytes`` (else what this client learned,
    else the hub's default limit, ``PUSH_MAX_BYTES``). A push the hub refuses for its size (413: nothing
    was taken) is sent again as its first half, and so on down to one change; a change that alone is
    refused is kept here as a refused change (a conflict holding its payload, ``record_results``) with a
    note in ``notes``, and the rest goes on. The size learned stays with the client for the round.

    Pipelined: while the hub works on one batch, the answer to the previous one is recorded and the next
    changes are read. A batch's answer is recorded before the next answer is awaited, so a failure (or a
    crash) loses nothing: what the hub took but we did not record is replayed next round and gets its
    stored answer."""
    from collections import deque
    from concurrent.futures import ThreadPoolExecutor

    install_id = install_id or state.config(db).install_id
    budget = max_bytes or getattr(client, "push_max_bytes", None) or PUSH_MAX_BYTES
    queue = deque(pending_batch(db, batch, 0) if first is None else first)
    if not queue:
        return 0, 0, None
    exhausted, read_to = len(queue) < batch, queue[-1]["seq"]

    def refill() -> None:
        nonlocal exhausted, read_to
        if not exhausted and len(queue) < batch:
            more = pending_batch(db, batch, read_to)
            exhausted = len(more) < batch
            if more:
                read_to = more[-1]["seq"]
                queue.extend(more)

    def take() -> list[dict[str, Any]]:
        return [queue.popleft() for _ in range(min(_fits(queue, budget), batch))]

    accepted = rejected = oversize = 0
    page = None
    done: tuple[list, list] | None = None
    items = take()
    with ThreadPoolExecutor(1, thread_name_prefix="sync-push") as pool:
        while items:
            last = exhausted and not queue
            body = {"install_id": install_id, "changes": items, **({"pull": pull} if pull and last else {})}
            sent = pool.submit(client.call, "/v1/push", body)
            refusal: RequestTooLarge | None = None
            try:
                if done is not None:
                    a, r = record_results(db, *done)
                    accepted, rejected, done = accepted + a, rejected + r, None
                refill()
            finally:
                try:  # also when recording failed: never leave a request behind
                    answer = sent.result()
                except RequestTooLarge as exc:
                    refusal = exc
            if refusal is None:
                done = (items, list(answer.get("results") or []))
                page = answer.get("pull") if pull and last else None
            elif len(items) == 1:
                log.warning("change %s alone is over the hub's push limit (~%d bytes): kept as a refused change",
                            items[0]["change_id"], wire_size(items[0]))
                done, oversize = (items, [_too_large(items[0], refusal)]), oversize + 1
            else:  # nothing was taken: the first half goes again, under a smaller budget from now on
                budget = min(budget, (_ENVELOPE + sum(wire_size(i) for i in items)) // 2)
                log.info("push of %d changes refused for its size: cut to %d bytes", len(items), budget)
                queue.extendleft(reversed(items))
            items = take()
            if not items and not exhausted:
                refill()
                items = take()
    if done is not None:
        a, r = record_results(db, *done)
        accepted, rejected = accepted + a, rejected + r
    if budget < PUSH_MAX_BYTES and isinstance(client, HubClient):
        client.push_max_bytes = budget
    if oversize and notes is not None:
        notes.append(f"有 {oversize} 条变更太大，单独发送也超过县级平台一次接收的上限，没有上传；内容保留在本机，"
                     "列在“同步冲突”中，其余记录照常同步。")
    return accepted, rejected, page
