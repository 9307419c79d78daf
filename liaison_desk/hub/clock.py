"""The hub's hybrid logical clock: every stamp the hub gives (county writes) and every station stamp it
follows goes through here.

The clock's last stamp is kept in the county's counter row (``hub_counters.hlc_last``), written in the
transaction that used it. A push follows the stations' stamps (for causality, never into the future); a
county write on a case is stamped after the case's events.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterable

from ..domain.errors import ValidationError
from ..domain.hlc import HLC, HybridClock
from ..sync.protocol import HUB_NODE
from .context import Wall


def wall_ms(wall: Wall | None) -> int:
    """The hub's wall time in milliseconds (sent to stations with hello, which warn about a wrong date)."""
    return wall() if wall else time.time_ns() // 1_000_000


def hub_clock(hlc_last: str | None, wall: Wall | None) -> HybridClock:
    """The county's clock, continuing from the last stamp it gave or followed."""
    last = HLC.decode(hlc_last) if hlc_last else None
    return HybridClock(HUB_NODE, last, **({"wall": wall} if wall else {}))


def receive(clock: HybridClock, stamp: str) -> None:
    """Follow stations' clocks for causality, but never into the future: a stamp from a PC whose clock
    runs days ahead is stored as data (it still wins its merges) without dragging the hub's clock."""
    with contextlib.suppress(ValidationError):
        clock.receive(HLC.decode(stamp))


def receive_newest(clock: HybridClock, stamps: Iterable[str]) -> None:
    """Receiving a batch's stamps one by one leaves the clock above the newest one it accepts, so receive
    that one only: stamps sort as text, and one too far ahead is skipped for the next newest."""
    for stamp in sorted(stamps, reverse=True):
        before = clock.last
        receive(clock, stamp)
        if clock.last is not before:
            return


def stamp_after(clock: HybridClock, after: str | None) -> tuple[HLC, HybridClock]:
    """A stamp for a county write, after ``after`` (the newest event already on the case) whatever a
    station's clock said; returns the stamp and the clock to keep (its last stamp is the one given)."""
    stamp = clock.now()
    if after and stamp.encode() <= after:
        prev = HLC.decode(after)
        stamp = HLC(prev.wall_ms, prev.counter + 1, HUB_NODE)
        clock = HybridClock(HUB_NODE, stamp)
    return stamp, clock
