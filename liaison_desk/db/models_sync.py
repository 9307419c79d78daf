"""Station-side sync state: conflicts kept for staff, incoming changes waiting their turn, field clocks.

None of these tables is synced: they describe this replica's view of the exchange. Enrollment facts (hub
address, credential, install id, pull cursor) are small values in ``local_state``.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import DateTime, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from .models_core import HLC_LEN, Base


class SyncConflict(Base):
    """同步冲突 — a value that lost a merge, a change the hub refused, or a clash staff must look at.

    ``kind``: ``field`` (newest edit won, ``lost_value`` is the other edit), ``rejected`` (the hub refused
    one of our changes: ``lost_value`` is its payload), ``clash`` (an incoming record collides with a local
    one on a unique key and waits in ``sync_deferred``).
    """

    __tablename__ = "sync_conflicts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    field: Mapped[str | None] = mapped_column(String(60))
    kept_value: Mapped[str | None] = mapped_column(Text)  # JSON
    kept_hlc: Mapped[str | None] = mapped_column(String(HLC_LEN))
    lost_value: Mapped[str | None] = mapped_column(Text)  # JSON
    lost_hlc: Mapped[str | None] = mapped_column(String(HLC_LEN))
    change_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    reason: Mapped[str] = mapped_column(Text, default="")
    detected_at: Mapped[dt.datetime] = mapped_column(DateTime)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class SyncDeferred(Base):
    """An incoming change not applied yet: its record has a pending local change (a pull never overwrites
    one), its parent has not arrived, or it clashes with a local record. Retried after every round."""

    __tablename__ = "sync_deferred"
    change_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    entity_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    payload: Mapped[str] = mapped_column(Text)
    payload_hash: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(String(24))  # pending | orphan | clash | unknown_entity
    received_at: Mapped[dt.datetime] = mapped_column(DateTime)


class SyncFieldClock(Base):
    """Per-field clocks of a record written by other replicas (sparse JSON ``{field: hlc}``).

    Local edits are not written here: their clocks are in the outbox, which is read when needed."""

    __tablename__ = "sync_field_clocks"
    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    entity_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    clocks: Mapped[str] = mapped_column(Text)


SYNCED: tuple[type, ...] = ()
