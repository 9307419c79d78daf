"""Hybrid logical clock (Kulkarni et al.): orders changes across stations without trusting wall clocks."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from .errors import ValidationError

# Fixed widths keep the encoded string sortable as text (SQLite compares the column byte by byte).
WALL_DIGITS = 15  # milliseconds up to the year 33658
COUNTER_DIGITS = 6
MAX_WALL_MS: int = 10**WALL_DIGITS - 1  # int ** int is typed Any (a negative power is a float)
MAX_COUNTER: int = 10**COUNTER_DIGITS - 1
DEFAULT_MAX_DRIFT_MS = 5 * 60 * 1000

# ASCII only: byte order equals code-point order, so every database sorts node ids the way Python does.
_NODE = re.compile(r"[0-9A-Za-z_]{1,32}")
_ENCODED = re.compile(rf"(\d{{{WALL_DIGITS}}})-(\d{{{COUNTER_DIGITS}}})-({_NODE.pattern})")


def _bad_hlc(detail: str) -> ValidationError:
    return ValidationError("bad_hlc", f"时间戳格式不正确：{detail}", field="hlc",
                           message_en=f"Malformed hybrid logical clock stamp: {detail}")


@dataclass(frozen=True, order=True)
class HLC:
    """One stamp. Field order is the comparison order: wall time, then counter, then node as tie-break."""

    wall_ms: int
    counter: int
    node: str

    def __post_init__(self) -> None:
        # Stamps arrive from other replicas: refuse anything that would not fit the fixed-width encoding,
        # because one over-wide stamp would silently break the text order of the whole column.
        if not (isinstance(self.wall_ms, int) and 0 <= self.wall_ms <= MAX_WALL_MS):
            raise _bad_hlc(f"wall_ms={self.wall_ms!r}")
        if not (isinstance(self.counter, int) and 0 <= self.counter <= MAX_COUNTER):
            raise _bad_hlc(f"counter={self.counter!r}")
        if not (isinstance(self.node, str) and _NODE.fullmatch(self.node)):
            raise _bad_hlc(f"node={self.node!r}")

    def encode(self) -> str:
        """Fixed width, so text order equals (wall_ms, counter, node) order."""
        return f"{self.wall_ms:0{WALL_DIGITS}d}-{self.counter:0{COUNTER_DIGITS}d}-{self.node}"

    @classmethod
    def decode(cls, text: str) -> HLC:
        m = _ENCODED.fullmatch(text) if isinstance(text, str) else None
        if not m:
            raise _bad_hlc(repr(text))
        return cls(int(m.group(1)), int(m.group(2)), m.group(3))


def stamp_after(stamp: HLC, seen: HLC | None) -> HLC:
    """``stamp`` when it already sorts after ``seen``; else the first stamp after ``seen``, on ``stamp``'s node.

    For a write that replaces a value it has seen (an edit's ``base``, the last event of a case): it must
    sort after that value even when the value was stamped by a PC whose clock ran ahead, yet the writer's
    own clock must not adopt that stamp (see ``HybridClock.observe``). The result depends on the two stamps
    only, so every replica computes the same one."""
    if seen is None or stamp > seen:
        return stamp
    wall, counter = seen.wall_ms, seen.counter + 1
    if counter > MAX_COUNTER:
        wall, counter = wall + 1, 0
    return HLC(wall, counter, stamp.node)


def _system_wall_ms() -> int:
    return time.time_ns() // 1_000_000


class HybridClock:
    """Strictly increasing stamps, even when the PC's clock is set back or the program restarts.

    The caller persists ``last`` in the same transaction as the changes it stamped and passes it back in
    after a restart; that is what keeps stamps increasing across restarts with a clock set back.
    """

    def __init__(self, node: str, last: HLC | None = None, wall: Callable[[], int] = _system_wall_ms,
                 max_drift_ms: int = DEFAULT_MAX_DRIFT_MS):
        if not (isinstance(node, str) and _NODE.fullmatch(node)):
            raise ValueError(f"node id must be 1-32 characters of [0-9A-Za-z_], got {node!r}")
        self.node = node
        self._last = last
        self._wall = wall
        self.max_drift_ms = max_drift_ms
        # The UI thread and background workers may stamp at once; a lost update would repeat a stamp.
        self._lock = threading.Lock()

    @property
    def last(self) -> HLC | None:
        return self._last

    def _read_wall(self) -> int:
        # A dead CMOS battery can report 1970 or earlier; clamp so the stamp still fits its fixed width.
        return min(max(int(self._wall()), 0), MAX_WALL_MS)

    def _advance(self, wall_ms: int, counter: int) -> HLC:
        if counter > MAX_COUNTER:
            # A million stamps in one millisecond: borrow the next millisecond rather than widen the
            # counter, which would break text ordering. Still strictly greater, and the wall clock will
            # catch up with it.
            wall_ms, counter = wall_ms + 1, 0
        self._last = HLC(wall_ms, counter, self.node)
        return self._last

    def now(self) -> HLC:
        """A stamp for a local event or a message about to be sent."""
        with self._lock:
            wall = self._read_wall()
            last = self._last
            if last is None or wall > last.wall_ms:
                return self._advance(wall, 0)
            # Wall clock stalled or went backwards: keep last's wall time and count up from it.
            return self._advance(last.wall_ms, last.counter + 1)

    def is_suspect(self, remote: HLC) -> bool:
        """A stamp more than the drift bound ahead of our wall clock: kept as data, never followed."""
        return remote.wall_ms > self._read_wall() + self.max_drift_ms

    def observe(self, remote: HLC) -> bool:
        """Follow a stamp read from data (a pulled change, a pushed one) when it is within the drift bound;
        a suspect stamp (far ahead) leaves the clock as it is. Returns whether the stamp was followed.

        No stamp from data, whoever wrote it (the hub included), ever moves this clock beyond the bound: a
        clock once dragged years ahead would stamp every later write there, and pass it on."""
        try:
            self.receive(remote)
        except ValidationError:
            return False
        return True

    def receive(self, remote: HLC) -> HLC:
        """Merge a stamp from another replica; the result is above both our last stamp and the remote one.

        A remote stamp more than ``max_drift_ms`` ahead of our wall clock is refused: accepting it would drag
        this clock, and through it every replica we sync with, into the future for good.
        """
        with self._lock:
            wall = self._read_wall()
            if remote.wall_ms > wall + self.max_drift_ms:
                ahead_min = (remote.wall_ms - wall) // 60_000
                limit_min = self.max_drift_ms // 60_000
                raise ValidationError(
                    "clock_too_far_ahead",
                    f"对方电脑的时间比本机快了约 {ahead_min} 分钟，超过了允许的 {limit_min} 分钟，本次同步已拒收。"
                    "可能是对方或本机的日期、时间设置不准，请先把两台电脑的时间校准后再同步。",
                    field="hlc",
                    message_en=(f"The other side's clock is about {ahead_min} min ahead of ours (limit "
                                f"{limit_min} min); the data was refused. Correct the date and time on both "
                                "computers, then sync again."),
                )
            last = self._last
            last_wall = last.wall_ms if last is not None else -1
            new_wall = max(wall, last_wall, remote.wall_ms)
            if last is not None and new_wall == last_wall == remote.wall_ms:
                counter = max(last.counter, remote.counter) + 1
            elif last is not None and new_wall == last_wall:
                counter = last.counter + 1
            elif new_wall == remote.wall_ms:
                counter = remote.counter + 1
            else:
                counter = 0
            return self._advance(new_wall, counter)
