"""Tables the duty desk needs beyond the core model (search index support, drafts, holidays)."""

from __future__ import annotations

SYNCED: tuple[type, ...] = ()
