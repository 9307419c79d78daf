"""The desk's date check and its one time provider (``now``/``today``) for dated values.

At start and before a visit is registered the desk asks ``check``; when the PC's date looks wrong
(``domain.clockcheck``) it says so and asks staff to fix the date or confirm it (``confirm``: remembered
while the program runs). Services that write dated values (case numbers, events, deadlines, closing dates)
take the time from ``now``: once the desk has turned the check on (``guard``), a wrong-looking date that
nobody confirmed is refused there, before anything dated is written. Without ``guard`` (command line,
sync, tests) ``now`` is simply the PC's time.
"""

from __future__ import annotations

import datetime as dt

from ... import BUILD_DATE
from ...db.database import CLOCK_AHEAD, Database, get_locals
from ...domain.clockcheck import ClockVerdict, judge_clock
from ...domain.errors import DomainError
from ...domain.hlc import HLC
from ...domain.timeutil import to_local, utcnow
from ..sync.state import HUB_TIME  # the hub's time, kept at each sync's hello

_GUARDED: set[str] = set()  # database files whose desk turned the check on
_CONFIRMED: dict[str, dt.date] = {}  # database file -> the PC date staff confirmed (station time)


class ClockUnconfirmed(DomainError):
    """The PC's date looks wrong and nobody confirmed it: nothing dated is written."""


def _key(db: Database) -> str:
    return str(db.path)


def _known(db: Database) -> tuple[dt.datetime | None, dt.datetime | None]:
    """(the hub's time at the last sync, the wall time of the newest stamp this database holds: its clock's
    or one its clock did not adopt at start, ``db.database.CLOCK_AHEAD``)."""
    with db.session(write=False) as s:
        known = get_locals(s, [HUB_TIME, CLOCK_AHEAD])
    raw = known.get(HUB_TIME)
    hub = None
    if raw:
        try:
            hub = dt.datetime.fromtimestamp(int(raw) / 1000, dt.UTC).replace(tzinfo=None)
        except (ValueError, OverflowError, OSError):
            hub = None
    last = db.clock.last
    if known.get(CLOCK_AHEAD):
        try:
            ahead: HLC | None = HLC.decode(known[CLOCK_AHEAD])
        except DomainError:  # a malformed stamp proves nothing
            ahead = None
        if ahead is not None and (last is None or ahead > last):
            last = ahead
    newest = dt.datetime.fromtimestamp(last.wall_ms / 1000, dt.UTC).replace(tzinfo=None) if last else None
    return hub, newest


def check(db: Database, now: dt.datetime | None = None) -> ClockVerdict:
    """Does the PC's date look right? (``now``: the PC's time, naive UTC; read when not given.)"""
    now = now or utcnow()
    hub, newest = _known(db)
    return judge_clock(now, build=dt.date.fromisoformat(BUILD_DATE), hub_time=hub, newest_stamp=newest)


def guard(db: Database) -> None:
    """The desk turns the check on for this database: ``now`` refuses a wrong-looking, unconfirmed date."""
    _GUARDED.add(_key(db))


def unguard(db: Database) -> None:
    _GUARDED.discard(_key(db))
    _CONFIRMED.pop(_key(db), None)


def confirm(db: Database, now: dt.datetime | None = None) -> None:
    """Staff say the PC's date is right: not asked again while the program runs (for that date)."""
    _CONFIRMED[_key(db)] = to_local(now or utcnow()).date()


def needs_confirmation(db: Database, now: dt.datetime | None = None) -> ClockVerdict | None:
    """The verdict to show staff, or None: the date looks right or was confirmed (or no desk guards it)."""
    now = now or utcnow()
    if _CONFIRMED.get(_key(db)) == to_local(now).date():
        return None
    verdict = check(db, now)
    return None if verdict.plausible else verdict


def now(db: Database) -> dt.datetime:
    """The time dated values are written with (naive UTC): the PC's time, once checked. Raises
    ``ClockUnconfirmed`` (with the plain reason) when a desk guards this database and the date looks
    wrong and was not confirmed."""
    current = utcnow()
    if _key(db) in _GUARDED:
        verdict = needs_confirmation(db, current)
        if verdict is not None:
            raise ClockUnconfirmed("clock_unconfirmed", verdict.message, message_en=verdict.message_en)
    return current


def today(db: Database) -> dt.date:
    """Station-local date of ``now``."""
    return to_local(now(db)).date()
