"""Identities made on the station: UUIDv7 for new records, deterministic UUIDv5 for natural keys."""

from __future__ import annotations

import uuid

import uuid6

# The LiaisonDesk namespace for UUIDv5 natural keys. Never change it: ids made with it are stored everywhere.
NAMESPACE = uuid.UUID("6f1c2a4e-8b53-5d0e-9a71-3c4f5e6a7b80")


def new_id() -> uuid.UUID:
    """A time-ordered UUIDv7 (sorts by creation time, so indexes stay compact)."""
    return uuid.UUID(int=uuid6.uuid7().int)


def natural_id(kind: str, *parts: object) -> uuid.UUID:
    """The same id wherever and whenever the same natural key (e.g. station + date + slot) is created.

    Parts are joined with a unit separator that cannot occur in them, so ("a", "bc") and ("ab", "c") differ.
    """
    return uuid.uuid5(NAMESPACE, kind + "\x1f" + "\x1f".join(str(p) for p in parts))


HUB_ORIGIN = natural_id("origin", "county-hub")
