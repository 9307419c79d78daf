"""The public status page's wrong-digit budget per case number (migration ``h0007``).

Four digits are 10,000 guesses; an in-memory bucket per worker forgets them at every restart and each worker
keeps its own. ``hub_public_digit_failures`` keeps the wrong tries of each case number in the database, shared by
every ``serve`` worker and kept across restarts (:func:`hub.console.public.lookup` reads and writes it).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..schema import HubBase


class HubPublicDigitFailures(HubBase):
    """Wrong last-four-digit lookups of one case number (any number that passes its check character: a number
    with no case is counted too, so the lock says nothing about whether the case exists)."""

    __tablename__ = "hub_public_digit_failures"
    county_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    case_no: Mapped[str] = mapped_column(String(40), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)  # tries since first_at, counted before the check (pending)
    first_at: Mapped[dt.datetime] = mapped_column(DateTime)  # the first try counted in this window
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
