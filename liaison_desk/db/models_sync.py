"""Station-side sync state: hub enrollment, pull cursor, conflicts kept for staff."""

from __future__ import annotations

SYNCED: tuple[type, ...] = ()
