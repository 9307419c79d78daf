"""Wrong-PIN waits: how many wrong PINs an account has in a row and until when it must wait, kept in
``local_state`` (a restart does not reset it) and on this program's monotonic clock (a change of the PC's date
does not stretch it). Used by signing in (``shifts``) and by an administrator's PIN reset (``accounts``)."""

from __future__ import annotations

import datetime as dt
import json
import time
import uuid

from sqlalchemy.orm import Session

from ...db.database import Database, get_local, set_local
from ...domain.idle import MAX_WAIT_S, lockout_seconds, pin_wait_left


def _fail_key(op_id: uuid.UUID) -> str:
    return f"pin_failures:{op_id}"


#: This program's own record of each account's wait, on the monotonic clock that no change of the PC's date
#: moves: (database file, account) -> monotonic time the wait ends. Tests replace ``_monotonic``.
_WAITS: dict[tuple[str, uuid.UUID], float] = {}
_monotonic = time.monotonic


def failures(s: Session, op_id: uuid.UUID) -> tuple[int, dt.datetime | None]:
    """The wrong PINs in a row and when the wall clock said their wait ends (None: no wait)."""
    raw = get_local(s, _fail_key(op_id))
    if not raw:
        return 0, None
    try:
        d = json.loads(raw)
        count = int(d["count"])
        if "until" in d:
            return count, dt.datetime.fromisoformat(d["until"]) if d["until"] else None
        # kept by an older release: the last failure's time
        return count, dt.datetime.fromisoformat(d["last"]) + dt.timedelta(seconds=lockout_seconds(count))
    except (ValueError, KeyError, TypeError):
        return 0, None


def wait_left(db: Database, op_id: uuid.UUID, count: int, until: dt.datetime | None, now: dt.datetime) -> float:
    """Seconds still to wait before the next PIN try (0: none), on this program's monotonic timer whenever it
    saw the failures, so no change of the PC's date stretches the wait or cuts it short
    (``domain.idle.pin_wait_left``). After a restart a stored end further ahead than any wait was written by a
    clock that ran ahead (or the clock went back since): the ``count`` failures' own wait starts again now,
    on the monotonic timer, so it ends however the clock moves."""
    key = (str(db.path), op_id)
    deadline = _WAITS.get(key)
    if deadline is None and until is not None and (until - now).total_seconds() > MAX_WAIT_S:
        deadline = _monotonic() + min(lockout_seconds(count), MAX_WAIT_S)
        _WAITS[key] = deadline
    return pin_wait_left(until, now, None if deadline is None else deadline - _monotonic())


def record_failure(db: Database, s: Session, op_id: uuid.UUID, count: int, now: dt.datetime) -> None:
    """``count`` wrong PINs in a row now (0: a success or a reset clears the wait)."""
    wait = lockout_seconds(count)
    until = (now + dt.timedelta(seconds=wait)).isoformat() if wait else None
    set_local(s, _fail_key(op_id), json.dumps({"count": count, "last": now.isoformat(), "until": until}))
    if wait:
        _WAITS[(str(db.path), op_id)] = _monotonic() + wait
    else:
        _WAITS.pop((str(db.path), op_id), None)
