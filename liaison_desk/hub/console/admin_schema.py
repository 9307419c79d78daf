"""The console's record of sync conflicts handled (migration ``h0006``).

``hub_conflict_handled``: one row per conflict county staff marked 已处理 — who, when, and what they did. The
conflict itself (``hub_conflicts``) is never changed except its ``seen`` flag (set too, so the station-health
page stops counting it and a later clock incident of that station is flagged again); nothing is deleted.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import DateTime, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from ..schema import HubBase


class HubConflictHandled(HubBase):
    """A sync conflict marked handled (已处理) in the console."""

    __tablename__ = "hub_conflict_handled"
    county_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    conflict_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    handled_at: Mapped[dt.datetime] = mapped_column(DateTime)
    user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    user_name: Mapped[str] = mapped_column(String(60), default="")
    note: Mapped[str] = mapped_column(Text, default="")
