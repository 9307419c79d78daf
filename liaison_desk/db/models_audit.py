"""The audit trail (审计日志): who viewed, searched, printed or exported personal data, and every admin action.

One row per action, append-only, hash-chained per station: ``seq`` counts 1, 2, 3… with no gaps, and ``hash``
is the SHA-256 of the entry's canonical spelling including ``prev_hash`` (``services.admin.audit``). Synced to
the hub like every append-only record; the hub refuses any change to one after it arrived.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Boolean, DateTime, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from .models_core import Base, Synced, fk


class AuditEntry(Synced, Base):
    """审计记录 — one action on personal data or one administrative action. The detail never holds a
    personal value (a searched phone is "按电话搜索", never the number)."""

    __tablename__ = "audit_entries"
    __sync_kind__ = "append_only"
    __table_args__ = (UniqueConstraint("station_id", "seq", name="uq_audit_entries_station_seq"),)
    station_id: Mapped[uuid.UUID] = fk("stations.id", index=False)
    seq: Mapped[int] = mapped_column()
    at: Mapped[dt.datetime] = mapped_column(DateTime)  # naive UTC, from the checked clock
    clock_checked: Mapped[bool] = mapped_column(Boolean, default=True)  # False: the PC date was unconfirmed
    actor_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    actor_name: Mapped[str] = mapped_column(String(60), default="")
    actor_role: Mapped[str] = mapped_column(String(16), default="")
    action: Mapped[str] = mapped_column(String(24))
    target: Mapped[str] = mapped_column(String(100), default="")
    detail: Mapped[str] = mapped_column(String(200), default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


SYNCED: tuple[type, ...] = (AuditEntry,)
