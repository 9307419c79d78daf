"""The console's tables, on the hub's ``HubBase`` (migration ``h0003``).

- ``hub_users``: console accounts, one name per county; only an argon2 hash of the password.
- ``hub_sessions``: signed-in browsers; only a SHA-256 of the session token (the cookie), its CSRF token,
  and when it ends (idle and absolute limits are checked against ``last_seen`` and ``expires_at``).
- ``hub_console_audit``: who viewed, searched, exported or changed what, append-only; each row carries the
  hash of the row before it in the county, so a row edited or deleted in the database shows as a break.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import BigInteger, Boolean, DateTime, Index, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from ..schema import HubBase


class HubUser(HubBase):
    """A console account (控制台账号)."""

    __tablename__ = "hub_users"
    __table_args__ = (UniqueConstraint("county_id", "name"),)
    county_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    role: Mapped[str] = mapped_column(String(20))  # domain.access.Role
    township: Mapped[str | None] = mapped_column(String(100))
    department: Mapped[str | None] = mapped_column(String(100))
    password_hash: Mapped[str] = mapped_column(String(255))
    must_change: Mapped[bool] = mapped_column(Boolean, default=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    last_sign_in_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class HubSession(HubBase):
    """A signed-in browser. The cookie holds the token; the table holds its SHA-256 only."""

    __tablename__ = "hub_sessions"
    __table_args__ = (Index("ix_hub_sessions_user", "county_id", "user_id"),)
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    county_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)  # the absolute end
    last_seen: Mapped[dt.datetime] = mapped_column(DateTime)  # the idle limit counts from here
    csrf: Mapped[str] = mapped_column(String(64))


class ConsoleAuditEntry(HubBase):
    """One line of the console's audit trail (审计记录)."""

    __tablename__ = "hub_console_audit"
    __table_args__ = (
        Index("ix_hub_console_audit_action", "county_id", "action", "target", "at"),
        Index("ix_hub_console_audit_ip", "county_id", "ip", "action", "at"),
    )
    county_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    user_name: Mapped[str] = mapped_column(String(60), default="")
    role: Mapped[str] = mapped_column(String(20), default="")
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(200), default="")
    detail: Mapped[str] = mapped_column(Text, default="")
    ip: Mapped[str] = mapped_column(String(45), default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
