"""Record identities: time-ordered UUIDv7 for new records, deterministic UUIDv5 for natural keys."""

from __future__ import annotations

import uuid

import uuid6

# The LiaisonDesk namespace for UUIDv5 natural keys. Never change it: ids derived from it are stored on
# every replica, and two stations must derive the same id for the same natural key while offline.
NAMESPACE = uuid.UUID("6f1c2a4e-8b53-5d0e-9a71-3c4f5e6a7b80")

# Unit separator: joins the key's parts. It is refused inside parts, which is what makes the join
# unambiguous (("a", "bc") and ("ab", "c") cannot produce the same name).
_SEP = "\x1f"


def new_id() -> uuid.UUID:
    """A fresh UUIDv7: sorts by creation time, so B-tree indexes stay compact and inserts append."""
    # uuid6 returns its own UUID subclass; convert so ids compare, hash and pickle as plain stdlib UUIDs.
    return uuid.UUID(int=uuid6.uuid7().int)


def natural_id(kind: str, *parts: object) -> uuid.UUID:
    """The same UUIDv5 wherever and whenever the same natural key is created.

    Two stations creating e.g. the roster slot (station id, date, slot) offline get one id, so a sync merges
    them instead of duplicating. Parts are rendered with ``str()``: pass them with consistent types
    (``date`` renders as ``2026-11-22``, ``UUID`` in canonical lower-case form).
    """
    if not kind:
        raise ValueError("natural_id needs a non-empty kind")
    texts = [kind, *(str(p) for p in parts)]
    if any(_SEP in t for t in texts):
        raise ValueError("natural_id parts must not contain the unit separator U+001F")
    return uuid.uuid5(NAMESPACE, _SEP.join(texts))


# Owner of records that belong to the county hub rather than to a station.
HUB_ORIGIN = natural_id("origin", "county-hub")
