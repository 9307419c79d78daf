"""Wire messages of the station ↔ hub protocol: version check, change items, per-item results, digests."""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..domain.errors import DomainError
from ..domain.hlc import HLC
from ..domain.payload import canonical_json, change_payload, sha256_hex

#: 2: table digests are sums of per-record hashes (order-free, kept up to date incrementally at the hub)
#: 3: merge rules: a re-add travels as an ``insert`` carrying ``base``, the newest deletion wins, an edit is
#: stamped after the value it replaced (``stamp_after``), case events carry ``follows_id``. Also the USB
#: bundle format version (a bundle's body carries ``protocol``), so releases of different protocols refuse
#: each other's messages and files with a readable message rather than "repairing" each other every round.
#: 4: USB bundles encrypted (AES-256-GCM), case events of kinds a protocol-3 desk cannot fold (回电, and the
#: county's 退办, 延期, 重点督办), the civic tables (tallies, votes, 述职评议): a protocol-3 desk is told to
#: upgrade instead of failing on a record it does not know.
PROTOCOL_VERSION = 4
#: The HLC node name of the county hub's own writes (reference data, replies).
HUB_NODE = "hub"
#: Changes per push request and per pull page: small enough for a slow county link, big enough to be quick.
PUSH_BATCH = 1000
#: A push's body as a hub takes it by default (``hub.limits.Limits.max_push_body``): a station cuts its
#: batches to stay under it, and below it when a hub answers 413 (``services.sync.push``).
PUSH_MAX_BYTES = 32 * 1024 * 1024
PULL_PAGE = 1000

# Per-item push statuses. Only "accepted" and "duplicate" acknowledge a change.
ACCEPTED, DUPLICATE, REJECTED = "accepted", "duplicate", "rejected"
OPS = frozenset({"insert", "update", "delete"})


#: The one spelling hashed and signed: sorted keys, no spaces, UTF-8 kept (``domain.payload``, as the outbox).
canonical = canonical_json


class ProtocolError(DomainError):
    """The other side spoke a different protocol version, or sent a malformed message."""


class SyncRefused(DomainError):
    """The hub refused the station (revoked, not enrolled, copied database…); the message says why."""


def check_version(message: Mapping[str, Any]) -> None:
    """Every request carries ``protocol``; a mismatch is refused with a message staff can act on."""
    got = message.get("protocol") if isinstance(message, Mapping) else None
    if got != PROTOCOL_VERSION:
        raise ProtocolError(
            "protocol_version",
            f"同步协议版本不一致（对方 {got}，本程序 {PROTOCOL_VERSION}）。请把联络站值班台和县级平台升级到同一版本后再同步。"
            "本机数据没有改动。",
            message_en=(f"Sync protocol mismatch (got {got}, this program speaks {PROTOCOL_VERSION}). Upgrade the "
                        "desk and the county hub to the same release, then sync again. Nothing was changed."),
        )


def bad_message(detail: str) -> ProtocolError:
    return ProtocolError("bad_message", f"同步数据格式不正确：{detail}", message_en=f"Malformed sync message: {detail}")


@dataclass(frozen=True)
class Change:
    """One change as it travels: the outbox payload (verbatim, so its hash still holds) and what it says."""

    change_id: str
    payload: str
    payload_hash: str
    entity: str
    entity_id: str
    op: str
    hlc: str
    origin: str
    fields: Mapping[str, Any]
    base: str | None = None  # for updates: the record's clock the writer saw (detects concurrent edits)

    def wire(self, **extra: Any) -> dict[str, Any]:
        return {"change_id": self.change_id, "payload": self.payload, "payload_hash": self.payload_hash, **extra}


_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def canonical_uuid(value: Any) -> str:
    """``str(uuid.UUID(value))``; an id already spelled that way (every id the desk writes) is returned as
    it is without building a ``UUID``. Raises ``ValueError`` for a malformed id."""
    if isinstance(value, str) and _CANONICAL_UUID.fullmatch(value):
        return value
    return str(uuid.UUID(str(value)))


def parse_change(item: Mapping[str, Any]) -> Change:
    """Validate a change item; raises ``ProtocolError`` naming what is wrong (the item alone is refused)."""
    if not isinstance(item, Mapping):
        raise bad_message("change is not an object")
    try:
        change_id = canonical_uuid(item["change_id"])
        payload, digest = item["payload"], item["payload_hash"]
    except (KeyError, ValueError):
        raise bad_message("change_id/payload/payload_hash missing or invalid") from None
    if not isinstance(payload, str) or sha256_hex(payload) != digest:
        raise ProtocolError("bad_hash", "变更内容与其校验值不符（传输中被截断或改动），已拒收。",
                            message_en="The change does not match its hash (truncated or altered); refused.")
    try:
        body = json.loads(payload)
        entity, entity_id, op = body["entity"], canonical_uuid(body["id"]), body["op"]
        hlc, origin, fields = body["hlc"], canonical_uuid(body["origin"]), body["fields"]
    except (ValueError, KeyError, TypeError):
        raise bad_message("payload is not a change") from None
    if op not in OPS or not isinstance(fields, dict) or not isinstance(entity, str):
        raise bad_message(f"bad op or fields in {change_id}")
    HLC.decode(hlc)  # raises a readable ValidationError for a malformed stamp
    base = body.get("base")
    if base is not None:
        HLC.decode(base)
    return Change(change_id, payload, digest, entity, entity_id, op, hlc, origin, fields, base)


def new_change(entity: str, entity_id: str, op: str, fields: Mapping[str, Any], hlc: str, origin: str,
               base: str | None = None) -> Change:
    """A change made at the hub, spelled exactly like the station's outbox (``domain.payload``)."""
    payload, digest = change_payload(entity, entity_id, op, fields, hlc, origin, base)
    return Change(str(uuid.uuid4()), payload, digest, entity, entity_id, op, hlc, origin, dict(fields), base)


# -- digests ------------------------------------------------------------------------------------------------
DIGEST_MOD = 1 << 256


def record_hash(ident: Any, hlc: str, deleted_hlc: str | None) -> int:
    """One record's share of its table's digest: SHA-256 of (id, hlc, deleted_hlc) as a number."""
    line = f"{str(ident).replace('-', '')}|{hlc}|{deleted_hlc or ''}"
    return int.from_bytes(hashlib.sha256(line.encode("ascii")).digest(), "big")


def digest_value(count: int, total: int) -> list:
    """How a digest is spelled on the wire: ``[count, 64 hex digits]``."""
    return [count, f"{total % DIGEST_MOD:064x}"]


def table_digest(rows: Iterable[tuple[Any, str, str | None]]) -> list:
    """``[count, sum of the records' hashes mod 2^256]`` over a table's (id, hlc, deleted_hlc): equal on two
    replicas exactly when they hold the same records at the same versions (up to a 2^-256 chance). A sum,
    not a hash of the sorted list, so it needs no sort and the hub keeps it up to date record by record
    (``hub_digests``) instead of reading a station's whole scope after every change."""
    count = total = 0
    for i, h, d in rows:
        count += 1
        total += record_hash(i, h, d)
    return digest_value(count, total)


def diff_digests(ours: Mapping[str, list], theirs: Mapping[str, list]) -> list[str]:
    """The tables whose digests differ (a table missing on one side counts as empty there)."""
    empty = [0, table_digest([])[1]]
    return sorted(t for t in set(ours) | set(theirs) if list(ours.get(t, empty)) != list(theirs.get(t, empty)))


def refusal_body(err: DomainError) -> dict[str, Any]:
    """How the hub spells a refusal: the station shows ``message_zh`` (or ``message_en``) as it is."""
    return {"error": {"code": err.code, "message_zh": err.message, "message_en": err.message_en}}


def error_from_body(body: Any, status: int) -> DomainError:
    err = body.get("error") if isinstance(body, Mapping) else None
    if isinstance(err, Mapping) and "code" in err:
        cls = ProtocolError if err["code"] in ("protocol_version", "bad_message") else SyncRefused
        return cls(str(err["code"]), str(err.get("message_zh", "")), message_en=str(err.get("message_en", "")))
    return SyncRefused("hub_error", f"县级平台返回了错误（HTTP {status}），稍后会自动重试。",
                       message_en=f"The county hub answered with an error (HTTP {status}); will retry.")
