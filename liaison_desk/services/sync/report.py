"""What one round (or one bundle import) did: for the command line, the status bar and the open screens."""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import changes as chg


@dataclass
class SyncReport:
    """What one round did, for the command line and the status bar."""

    pushed: int = 0
    rejected: int = 0
    pulled: int = 0
    applied: int = 0
    deferred: int = 0
    repaired: int = 0
    agreed: bool = False
    differing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rebootstrapped: bool = False
    changes: chg.Changes = chg.EMPTY  # what the applied changes and repairs touched, for open screens
