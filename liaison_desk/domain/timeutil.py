"""Station time: China Standard Time (UTC+8, no daylight saving), whatever the PC's time-zone setting says.

Stored date-times are naive UTC. Old station PCs are often set to the wrong zone; case numbers and shift
dates must not change with that setting, so local time is always computed with this fixed offset.
"""

from __future__ import annotations

import datetime as dt

STATION_TZ = dt.timezone(dt.timedelta(hours=8), "CST")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def to_local(utc_naive: dt.datetime) -> dt.datetime:
    """Naive UTC → naive station-local time."""
    return utc_naive.replace(tzinfo=dt.UTC).astimezone(STATION_TZ).replace(tzinfo=None)


def to_utc(local_naive: dt.datetime) -> dt.datetime:
    """Naive station-local time → naive UTC."""
    return local_naive.replace(tzinfo=STATION_TZ).astimezone(dt.UTC).replace(tzinfo=None)


def local_today() -> dt.date:
    return to_local(utcnow()).date()
