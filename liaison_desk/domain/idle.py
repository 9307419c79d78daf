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


def pin_wait_left(until: dt.datetime | None, now: dt.datetime, monotonic_left: float | None) -> float:
    """Seconds a sign-in must still wait, measured so that no clock jump can stretch it past the 15 minutes.

    ``until``: when the wall clock said the wait ends (stored, so a restart keeps it); ``now``: the wall
    clock; ``monotonic_left``: what this program's monotonic timer says is left (None after a restart).
    A stored end more than ``MAX_WAIT_S`` ahead of ``now`` was written by a clock that ran ahead, or the
    clock has been set back since: it says nothing about elapsed time, so only the monotonic timer counts
    (nothing after a restart). Otherwise the shorter of the two: a clock set back a little cannot lengthen
    the wait beyond what really elapsed, and the result never exceeds ``MAX_WAIT_S``."""
    mono = None if monotonic_left is None else min(max(0.0, monotonic_left), float(MAX_WAIT_S))
    if until is None:
        return mono or 0.0
    wall = (until - now).total_seconds()
    if wall > MAX_WAIT_S:
        return mono or 0.0
    wall = max(0.0, wall)
    return wall if mono is None else min(wall, mono)
