"""Hybrid logical clock (Kulkarni et al.): orders changes across stations without trusting wall clocks."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from .errors import ValidationError

MAX_COUNTER = 999_999
_PATTERN = re.compile(r"^(\d{15})-(\d{6})-([0-9A-Za-z_]{1,32})$")


@dataclass(frozen=True, order=True)
class HLC:
    wall_ms: int
    counter: int
    node: str

    def encode(self) -> str:
        """Fixed width, so string order equals (wall_ms, counter, node) order."""
        return f"{self.wall_ms:015d}-{self.counter:06d}-{self.node}"

    @classmethod
    def decode(cls, text: str) -> HLC:
        m = _PATTERN.match(text or "")
        if not m:
            raise ValidationError("bad_hlc", f"时间戳格式不正确：{text!r}", message_en=f"Malformed HLC {text!r}")
        return cls(int(m.group(1)), int(m.group(2)), m.group(3))


def _wall_ms() -> int:
    return time.time_ns() // 1_000_000


class HybridClock:
    """Strictly increasing stamps, even when the PC's clock is set back or the program restarts.

    The caller persists ``last`` in the same transaction as the changes it stamped and passes it back in
    after a restart.
    """

    def __init__(self, node: str, last: HLC | None = None, wall: Callable[[], int] = _wall_ms,
                 max_drift_ms: int = 5 * 60 * 1000):
        self.node = node
        self._last = last
        self._wall = wall
        self.max_drift_ms = max_drift_ms

    @property
    def last(self) -> HLC | None:
        return self._last

    def _next(self, wall: int, counter: int) -> HLC:
        if counter > MAX_COUNTER:  # a million stamps in one millisecond: borrow the next millisecond
            wall, counter = wall + 1, 0
        self._last = HLC(wall, counter, self.node)
        return self._last

    def now(self) -> HLC:
        """A stamp for a local event or a message about to be sent."""
        wall = self._wall()
        last = self._last
        if last is None or wall > last.wall_ms:
            return self._next(wall, 0)
        return self._next(last.wall_ms, last.counter + 1)

    def receive(self, remote: HLC) -> HLC:
        """Merge a stamp from another replica; refuse one too far ahead of our wall clock."""
        wall = self._wall()
        if remote.wall_ms > wall + self.max_drift_ms:
            raise ValidationError(
                "clock_too_far_ahead",
                f"对方电脑的时钟比本机快了 {(remote.wall_ms - wall) // 60000} 分钟以上，请先校准两台电脑的时间再同步。",
                message_en="The other side's clock is too far ahead of ours; fix the clocks before syncing.",
            )
        last = self._last
        lw = last.wall_ms if last else -1
        new_wall = max(wall, lw, remote.wall_ms)
        if new_wall == lw and new_wall == remote.wall_ms:
            counter = max(last.counter, remote.counter) + 1
        elif new_wall == lw:
            counter = last.counter + 1
        elif new_wall == remote.wall_ms:
            counter = remote.counter + 1
        else:
            counter = 0
        return self._next(new_wall, counter)
