"""Sign-in attempts under way (migration ``h0008``): the console's sign-in throttle counts them with the failures.

``hub.console.auth.sign_in`` checks the throttle and records the attempt here in one transaction, under a lock per
account name, before the (slow, unlocked) password check; the row is removed in the transaction that records the
outcome. So N attempts sent at once for one name each count before any of them learns its answer, and only as
many as the throttle allows reach the password check. A row left by a crashed worker stops counting after
:data:`hub.console.auth.PENDING_FOR`.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import DateTime, Index, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from ..schema import HubBase


class HubSignInPending(HubBase):
    """One sign-in whose password is being checked (counted as a failure until its outcome is recorded)."""

    __tablename__ = "hub_signin_pending"
    __table_args__ = (Index("ix_hub_signin_pending_name", "county_id", "name"),)
    county_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    ip: Mapped[str] = mapped_column(String(45))
    at: Mapped[dt.datetime] = mapped_column(DateTime)
