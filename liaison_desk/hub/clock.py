"""The hub's hybrid logical clock: every stamp the hub gives (county writes) and every station stamp it
follows goes through here.

The clock's last stamp is kept in the county's counter row (``hub_counters.hlc_last``), written in the
transaction that used it. A push follows the stations' stamps (for causality, never into the future); a
county write is stamped after the record's clock it saw without taking that clock's time, and a county
event on a case follows the case's last event by link (``follows_id``), not by stamp.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterable

from ..domain.errors import ValidationError
from ..domain.hlc import HLC, HybridClock
from ..domain.hlc import stamp_after as after_seen
from ..sync.protocol import HUB_NODE
from .context import Wall


def wall_ms(wall: Wall | None) -> int:
    """The hub's wall time in milliseconds (sent to stations with hello, which warn about a wrong date)."""
    return wall() if wall else time.time_ns() // 1_000_000


def hub_clock(hlc_last: str | None, wall: Wall | None) -> HybridClock:
    """The county's clock, continuing from the last stamp it gave or followed.

    A last stamp beyond the drift bound of the hub's own time was never the hub's: an older release
    stamped a reply after a case's future-stamped events and kept that stamp as its clock (issue 19). Such
    a clock starts again from the hub's time; what a county write must come after is ordered by what it
    saw (``stamp_after``), not by the clock."""
    last = HLC.decode(hlc_last) if hlc_last else None
    clock = HybridClock(HUB_NODE, None, wall) if wall else HybridClock(HUB_NODE, None)
    if last is not None and not clock.is_suspect(last):
        clock = HybridClock(HUB_NODE, last, wall) if wall else HybridClock(HUB_NODE, last)
    return clock


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
    """A stamp for a county write that must sort after ``after`` (the record's clock the county saw),
    whatever a station's clock said; returns the stamp and the clock to keep. The clock never takes
    ``after``'s time: a stamp from a PC years ahead would otherwise become the county's clock, and every
    station that pulls the county's next change would follow it (issue 19)."""
    stamp = clock.now()
    if after:
        stamp = after_seen(stamp, HLC.decode(after))
    return stamp, clock
