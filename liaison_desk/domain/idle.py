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
    """Seconds a sign-in must still wait, so that no change of the PC's clock can stretch the wait past 15
    minutes nor cut it short.

    ``until``: when the wall clock said the wait ends (stored, so a restart keeps it); ``now``: the wall
    clock; ``monotonic_left``: what this program's monotonic timer says is left (None after a restart).

    - This program saw the failures: its monotonic timer measured the elapsed time, and the PC's date plays
      no part (a clock set forward does not end the wait, a clock set back does not lengthen it).
    - After a restart only the stored end is left. Within ``MAX_WAIT_S`` of ``now`` it is taken as it is
      (a clock moved forward after a restart ends it early: setting a Windows PC's clock needs an
      administrator). Further ahead it was written by a clock that ran ahead, or the clock was set back
      since: it says nothing about elapsed time, so the longest wait, ``MAX_WAIT_S``, is the answer (the
      service then starts the failures' own wait on its monotonic timer: ``services.desk.pin_waits``)."""
    if monotonic_left is not None:
        return min(max(0.0, monotonic_left), float(MAX_WAIT_S))
    if until is None:
        return 0.0
    wall = (until - now).total_seconds()
    if wall > MAX_WAIT_S:
        return float(MAX_WAIT_S)
    return max(0.0, wall)
