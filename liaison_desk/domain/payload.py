"""How a change is spelled when it travels: one canonical JSON (the basis of every hash and signature) and
the change payload built on it. The station's outbox (``db.changes``) and the hub's own changes
(``sync.protocol``) both spell payloads here, so a record changed on either side hashes alike."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Mapping
from typing import Any


def _leaf(value: Any) -> Any:
    """How values JSON does not know are spelled in payloads and event data."""
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot put {type(value).__name__} in a change payload")


def to_jsonable(value: Any) -> Any:
    """``value`` with UUIDs and dates spelled as in payloads, ready for a JSON column."""
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return _leaf(value)


_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_leaf)


def canonical_json(obj: Any) -> str:
    """One spelling per value: sorted keys, no spaces, UTF-8 kept as is; the basis of every hash."""
    return _CANONICAL.encode(obj)


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def change_payload(entity: str, entity_id: uuid.UUID | str, op: str, fields: Mapping[str, Any], hlc: str,
                   origin: uuid.UUID | str, base: str | None = None) -> tuple[str, str]:
    """A change's payload and its SHA-256. ``base`` (updates and deletes, and re-adding a deleted record) is
    the record's clock before this change: what the writer had seen."""
    body: dict[str, Any] = {"entity": entity, "id": entity_id, "op": op, "hlc": hlc, "origin": origin,
                            "fields": dict(fields)}
    if base is not None:
        body["base"] = base
    payload = canonical_json(body)
    return payload, sha256_hex(payload)
