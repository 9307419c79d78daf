"""Rosters, duty patterns, scoring rules and score disputes (deputies on duty)."""

from __future__ import annotations

SYNCED: tuple[type, ...] = ()
