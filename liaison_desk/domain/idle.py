"""The idle lock: after N minutes without input the desk locks and asks for the PIN again (a shared PC)."""

from __future__ import annotations

import datetime as dt

MIN_IDLE_MINUTES, MAX_IDLE_MINUTES = 1, 240
NEVER = 0  # idle lock switched off (an administrator's choice on a PC in a locked office)


def seconds_until_lock(last_activity: dt.datetime, now: dt.datetime, idle_minutes: int) -> float | None:
    """Seconds left before the lock (0 when it is due), or None when the lock is switched off."""
    if idle_minutes == NEVER:
        return None
    left = idle_minutes * 60 - (now - last_activity).total_seconds()
    return max(0.0, left)


def should_lock(last_activity: dt.datetime, now: dt.datetime, idle_minutes: int) -> bool:
    """True once ``idle_minutes`` have passed since the last key press or click. A clock set back
    (``now`` before ``last_activity``) does not lock: the idle time counts from the later of the two."""
    left = seconds_until_lock(last_activity, now, idle_minutes)
    return left is not None and left <= 0


# -- PIN throttling ------------------------------------------------------------------------------------------
FREE_ATTEMPTS = 5  # wrong PINs allowed before a wait
FIRST_WAIT_S = 30
MAX_WAIT_S = 15 * 60


def lockout_seconds(failures: int) -> int:
    """How long sign-in waits after ``failures`` wrong PINs in a row: nothing for the first five, then 30 s,
    doubling with every further failure, at most 15 minutes (slows guessing, never locks a deputy out
    for the day)."""
    if failures < FREE_ATTEMPTS:
        return 0
    # The shift is bounded: 30 s << 5 is already past the 15-minute ceiling.
    return min(MAX_WAIT_S, FIRST_WAIT_S << min(failures - FREE_ATTEMPTS, 16))
